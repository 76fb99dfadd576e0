//! The best switch's path month by month (docs/MODEL.md §8): what the timeline chart draws as
//! the recommended path, so that its line ends at the saving the annotation states.

use super::{running_of, term_extra, term_needs, volume_in_month, Month, OwnedPlan, Timeline};
use crate::model::cost::Rates;
use crate::model::recommend::Choice;
use crate::model::scenario::Scenario;

/// The total paid to the end of each month (index `month − 1`) on the recommended path: the
/// API's to the month before the switch, then the setup and the option switched to, bought or
/// reserved from the switch on (the owned fleet in cash, as its line). Its last value is the API's total less
/// [`Timeline::savings_at_horizon`]. Empty when no switch is recommended.
pub fn switch_path(sc: &Scenario, t: &Timeline) -> Vec<f64> {
    let Some(m) = t.best_switch_month else {
        return Vec::new();
    };
    let start = (m as usize).saturating_sub(1).min(t.months.len());
    let today = Rates::new(sc);
    let volumes: Vec<f64> = (1..=t.months.len() as u32)
        .map(|k| volume_in_month(sc, k))
        .collect();
    let running: Vec<f64> = match t.switch_to {
        // In cash, as the owned line: the servers paid in the month bought, their book value
        // taken back in the horizon's month (docs/MODEL.md §8.1).
        Choice::Owned => {
            let months = OwnedPlan::new(sc, &today, &volumes).months(start);
            let book = months.last().map_or(0.0, |m| m.book_value);
            let n = months.len();
            months
                .iter()
                .enumerate()
                .map(|(i, o)| o.cash - if i + 1 == n { book } else { 0.0 })
                .collect()
        }
        c => from_switch(sc, &today, &volumes, &t.months, c, start),
    };
    let mut out: Vec<f64> = t.months[..start].iter().map(|x| x.cumulative_api).collect();
    let mut total = out.last().copied().unwrap_or(0.0) + today.setup_cost;
    for r in running {
        total += r;
        out.push(total);
    }
    out
}

/// The challenger's running cost each month from index `start` when the switch is made then:
/// under a reserved term its reservations start at the switch (as `switch_paths` counts them).
fn from_switch(
    sc: &Scenario,
    today: &Rates,
    volumes: &[f64],
    months: &[Month],
    c: Choice,
    start: usize,
) -> Vec<f64> {
    let running: Vec<f64> = months.iter().map(|m| running_of(m, c)).collect();
    let term = sc.self_host.billing.reserved_term_months;
    if term == 0 {
        return running[start..].to_vec();
    }
    let (needed, rent) = term_needs(sc, today, volumes, c);
    // The month-1 line's own idle reservations out, the switch's in.
    let from_one = term_extra(&needed, &rent, 0, term);
    let extra = term_extra(&needed, &rent, start, term);
    (start..months.len())
        .map(|k| running[k] - from_one[k] + extra[k - start])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::timeline::timeline;

    fn ends_at_the_saving(sc: &Scenario) -> Timeline {
        let t = timeline(sc);
        let path = switch_path(sc, &t);
        let m = t.best_switch_month.expect("a switch");
        assert_eq!(path.len(), t.months.len());
        let api = t.months.last().unwrap().cumulative_api;
        let end = *path.last().unwrap();
        let want = api - t.savings_at_horizon;
        assert!(
            (end - want).abs() <= 1e-9 * want.abs().max(1.0),
            "{end} vs {want}"
        );
        // On the API's line up to the month before the switch, off it from the switch on.
        for (k, x) in path.iter().enumerate().take(m as usize - 1) {
            assert_eq!(*x, t.months[k].cumulative_api);
        }
        t
    }

    /// Growth to a volume where self-hosting pays, with and without a reserved term, and the
    /// owned fleet bought at the switch: each path ends where the stated saving says.
    #[test]
    fn the_switch_path_ends_at_the_stated_saving() {
        let mut sc = Scenario::default();
        sc.growth.monthly_rate = 0.08;
        sc.growth.horizon_months = 36;
        let t = ends_at_the_saving(&sc);
        assert_ne!(t.switch_to, Choice::Owned);
        sc.self_host.billing.reserved_term_months = 12;
        ends_at_the_saving(&sc);
        sc.self_host.billing.reserved_term_months = 0;
        sc.owned.enabled = true;
        sc.workload.requests_per_day = 200_000.0;
        let t = ends_at_the_saving(&sc);
        assert_eq!(
            t.switch_to,
            Choice::Owned,
            "the owned fleet bought at the switch"
        );
        // No switch: no path.
        let flat = Scenario::default();
        let t = timeline(&flat);
        assert_eq!(t.best_switch_month, None, "the defaults never switch");
        assert!(switch_path(&flat, &t).is_empty());
    }
}
