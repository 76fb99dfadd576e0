//! Dated API prices, `api.price_schedule` (docs/MODEL.md §6.11): which price is in force on
//! the day a scenario is assessed, and from which month of the timeline each later price
//! applies. Pure: the day is the scenario's `catalog.today`, filled by the shell.

use super::scenario::{PriceStep, Scenario};

/// A day as (year, month, day), ordered as the calendar is.
pub(crate) type Day = (i32, u32, u32);

/// Most steps a schedule may hold: a provider announces a price change or two, not a tariff.
pub(crate) const MAX_STEPS: usize = 64;

/// Most a scheduled price may be per million tokens (the key table's cap for money).
const MAX_PRICE: f64 = 1e9;

/// `YYYY-MM-DD` as a [`Day`]; `None` for anything else.
pub(crate) fn full_day(date: &str) -> Option<Day> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |s: Option<&str>| -> Option<u32> {
        let s = s?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let y = i32::try_from(digits(date.get(0..4))?).ok()?;
    let m = digits(date.get(5..7))?;
    let d = digits(date.get(8..10))?;
    ((1..=12).contains(&m) && (1..=days_in(y, m)).contains(&d)).then_some((y, m, d))
}

/// A date written `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as its first day.
pub fn first_day(date: &str) -> Option<Day> {
    match date.len() {
        10 => full_day(date),
        7 => full_day(&format!("{date}-01")),
        4 => full_day(&format!("{date}-01-01")),
        _ => None,
    }
}

fn days_in(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The first day of month `m` (1-based) of a timeline that starts on `today`: the same day of
/// the month, `m − 1` months later. (A day the month does not have, the 31st of a 30-day month,
/// still compares after every day of that month and before the next month's.)
pub fn month_start(today: Day, m: u32) -> Day {
    let months = i64::from(today.1) - 1 + i64::from(m.max(1)) - 1;
    let year = i64::from(today.0) + months / 12;
    (
        i32::try_from(year).unwrap_or(i32::MAX),
        (months % 12) as u32 + 1,
        today.2,
    )
}

/// Index of the step in force on `day`: the last whose `from` is on or before it.
pub(crate) fn in_force_on(steps: &[PriceStep], day: Day) -> Option<usize> {
    steps
        .iter()
        .rposition(|s| full_day(&s.from).is_some_and(|f| f <= day))
}

/// The day the scenario is assessed on, when it has one.
pub fn today(sc: &Scenario) -> Option<Day> {
    full_day(&sc.catalog.today)
}

/// `sc` with the step in force on its day copied into the API's base prices: the prices the
/// daily view costs (docs/MODEL.md §6.11). Nothing changes without a day or a step in force.
pub(crate) fn apply_today(sc: &mut Scenario) {
    let Some(day) = today(sc) else {
        return;
    };
    if let Some(i) = in_force_on(&sc.api.price_schedule, day) {
        let step = sc.api.price_schedule[i].clone();
        set_prices(sc, &step);
    }
}

/// The API's base token prices set to `step`'s.
pub(crate) fn set_prices(sc: &mut Scenario, step: &PriceStep) {
    sc.api.input_per_mtok = step.input_per_mtok;
    sc.api.output_per_mtok = step.output_per_mtok;
    sc.api.cached_input_per_mtok = step.cached_input_per_mtok;
}

/// The first month of a `horizon`-month timeline from `today` whose first day is on or after
/// `from` (month 1 when `from` is not after today); `None` past the horizon.
pub(crate) fn start_month(today: Day, from: Day, horizon: u32) -> Option<u32> {
    (1..=horizon).find(|&m| month_start(today, m) >= from)
}

/// Per month 1 … `horizon` of the timeline, the scheduled price it pays: `None` where no step
/// is in force (the scenario's own prices), else the step's index and its first month, from
/// which the yearly change of §6.11 counts. All `None` without a day.
pub(crate) fn by_month(sc: &Scenario, horizon: u32) -> Vec<Option<(usize, u32)>> {
    let steps = &sc.api.price_schedule;
    let Some(day) = today(sc).filter(|_| !steps.is_empty()) else {
        return vec![None; horizon as usize];
    };
    (1..=horizon)
        .map(|m| {
            let i = in_force_on(steps, month_start(day, m))?;
            let from = full_day(&steps[i].from)?;
            Some((i, start_month(day, from, horizon).unwrap_or(m)))
        })
        .collect()
}

/// What a schedule tells a reader on the scenario's day: the step in force (if any) and the
/// next one with the timeline month it starts in (`None` past the horizon).
#[derive(Debug, Clone, PartialEq)]
pub struct InForce {
    pub today: String,
    /// The base prices the daily view uses: input, output, cached input per million tokens.
    pub prices: (f64, f64, f64),
    pub in_force: Option<PriceStep>,
    pub next: Option<(PriceStep, Option<u32>)>,
}

/// [`InForce`] of a scenario with a schedule and a day; `None` otherwise.
pub fn in_force(sc: &Scenario) -> Option<InForce> {
    let steps = &sc.api.price_schedule;
    let day = today(sc).filter(|_| !steps.is_empty())?;
    let now = in_force_on(steps, day);
    let next = steps
        .iter()
        .find(|s| full_day(&s.from).is_some_and(|f| f > day))
        .map(|s| {
            let month = full_day(&s.from)
                .and_then(|f| start_month(day, f, sc.growth.horizon_months.max(1)));
            (s.clone(), month)
        });
    Some(InForce {
        today: sc.catalog.today.clone(),
        prices: (
            sc.api.input_per_mtok,
            sc.api.output_per_mtok,
            sc.api.cached_input_per_mtok,
        ),
        in_force: now.map(|i| steps[i].clone()),
        next,
    })
}

/// Why a schedule is refused: the step's index, its field and the reason with the allowed
/// range. Dates are `YYYY-MM-DD`, each after the one before and none before `floor` (the
/// entry's `as_of`, when known); prices are 0 to 1e9 per million tokens.
pub fn check(
    steps: &[PriceStep],
    floor: Option<&str>,
) -> Result<(), (usize, &'static str, String)> {
    if steps.len() > MAX_STEPS {
        return Err((
            MAX_STEPS,
            "from",
            format!("has {} steps: allowed at most {MAX_STEPS}", steps.len()),
        ));
    }
    let floor_day = floor.and_then(first_day);
    let mut before: Option<(Day, &str)> = None;
    for (i, s) in steps.iter().enumerate() {
        let Some(day) = full_day(&s.from) else {
            return Err((
                i,
                "from",
                format!("= {:?} must be a date written YYYY-MM-DD", s.from),
            ));
        };
        if let (Some(f), Some(text)) = (floor_day, floor) {
            if day < f {
                return Err((
                    i,
                    "from",
                    format!(
                        "= {:?} starts before the price's as_of {text}: allowed a date on or after {text}",
                        s.from
                    ),
                ));
            }
        }
        if let Some((b, text)) = before {
            if day <= b {
                return Err((
                    i,
                    "from",
                    format!(
                        "= {:?} does not come after the step before ({text}): dates must ascend",
                        s.from
                    ),
                ));
            }
        }
        for (field, x) in [
            ("input_per_mtok", s.input_per_mtok),
            ("output_per_mtok", s.output_per_mtok),
            ("cached_input_per_mtok", s.cached_input_per_mtok),
        ] {
            if !(x.is_finite() && (0.0..=MAX_PRICE).contains(&x)) {
                return Err((
                    i,
                    field,
                    format!("= {x} is out of range: allowed ≥ 0 and ≤ 1e9 per million tokens"),
                ));
            }
        }
        before = Some((day, &s.from));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(from: &str, input: f64) -> PriceStep {
        PriceStep {
            from: from.into(),
            input_per_mtok: input,
            output_per_mtok: 5.0 * input,
            cached_input_per_mtok: input / 10.0,
        }
    }

    #[test]
    fn days_and_month_starts() {
        assert_eq!(full_day("2027-01-01"), Some((2027, 1, 1)));
        assert_eq!(full_day("2027-02-29"), None);
        assert_eq!(full_day("2028-02-29"), Some((2028, 2, 29)));
        assert_eq!(full_day("2027-1-01"), None);
        assert_eq!(first_day("2026-08"), Some((2026, 8, 1)));
        assert_eq!(month_start((2026, 12, 7), 1), (2026, 12, 7));
        assert_eq!(month_start((2026, 12, 7), 2), (2027, 1, 7));
        assert_eq!(month_start((2026, 12, 7), 14), (2028, 1, 7));
        assert_eq!(start_month((2026, 12, 7), (2027, 1, 1), 24), Some(2));
        assert_eq!(start_month((2026, 12, 7), (2026, 11, 1), 24), Some(1));
        assert_eq!(start_month((2026, 12, 7), (2029, 1, 1), 24), None);
    }

    #[test]
    fn the_step_in_force_and_the_months() {
        let mut sc = Scenario::default();
        sc.api.price_schedule = vec![step("2027-01-01", 1.5), step("2027-06-15", 3.0)];
        sc.catalog.today = "2026-12-07".into();
        let months = by_month(&sc, 8);
        assert_eq!(months[0], None);
        assert_eq!(months[1], Some((0, 2)));
        assert_eq!(months[6], Some((0, 2)), "month 7 starts 2027-06-07");
        assert_eq!(months[7], Some((1, 8)), "month 8 starts 2027-07-07");
        let f = in_force(&sc).unwrap();
        assert_eq!(f.in_force, None);
        assert_eq!(f.next, Some((step("2027-01-01", 1.5), Some(2))));
        sc.catalog.today = "2027-03-01".into();
        let mut today = sc.clone();
        apply_today(&mut today);
        assert_eq!(
            (today.api.input_per_mtok, today.api.output_per_mtok),
            (1.5, 7.5)
        );
        assert_eq!(by_month(&sc, 2), vec![Some((0, 1)), Some((0, 1))]);
        sc.catalog.today.clear();
        assert_eq!(by_month(&sc, 2), vec![None, None]);
        assert_eq!(in_force(&sc), None);
    }

    #[test]
    fn a_schedule_out_of_order_or_before_its_date_is_refused() {
        let ok = [step("2027-01-01", 1.5), step("2027-06-15", 3.0)];
        assert_eq!(check(&ok, Some("2026-08-13")), Ok(()));
        assert_eq!(check(&ok, None), Ok(()));
        let down = [step("2027-06-15", 3.0), step("2027-01-01", 1.5)];
        let e = check(&down, None).unwrap_err();
        assert_eq!((e.0, e.1), (1, "from"));
        assert!(e.2.contains("must ascend"), "{}", e.2);
        let early = check(&ok, Some("2027-02")).unwrap_err();
        assert_eq!(early.0, 0);
        assert!(early.2.contains("on or after 2027-02"), "{}", early.2);
        let bad_date = check(&[step("2027-13-01", 1.0)], None).unwrap_err();
        assert!(bad_date.2.contains("YYYY-MM-DD"));
        let bad_price = check(&[step("2027-01-01", f64::INFINITY)], None).unwrap_err();
        assert_eq!(bad_price.1, "input_per_mtok");
        let same = [step("2027-01-01", 1.0), step("2027-01-01", 2.0)];
        assert!(check(&same, None).is_err());
    }
}
