//! The Fleet tab's ranking (docs/MODEL.md §6.10), computed off the input thread like the Monte
//! Carlo bands: every change asks for a new ranking; one worker runs at a time, and a change
//! that arrives meanwhile is computed next with the latest scenario. The envelope (400 more
//! rankings) is computed only while `b` shows it. Until the fresh ranking
//! arrives, the tab says it is being computed and Enter applies nothing.

use std::sync::Arc;

use super::app::App;
use super::latest::{Background, Latest};
use crate::catalog::pick::apply_configuration;
use crate::model::fleet::{envelope_at, Comparison, Offering};
use crate::model::Scenario;

/// Volumes at which the envelope is drawn on the Costs chart.
pub const ENVELOPE_SAMPLES: usize = 400;

/// The ranking at the current volume and the envelope across the chart's range.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    pub comparison: Comparison,
    /// The local model the ranking is for.
    pub model: String,
    /// `(volume, the best configuration's daily cost)`, log-spaced across the chart's range;
    /// empty when nothing fits or it was not asked for.
    pub envelope: Vec<(f64, f64)>,
    /// Whether the envelope was computed (see [`rank`]).
    pub with_envelope: bool,
}

/// The ranking of `sc`'s local model on `offerings`, with the envelope across the chart's range
/// when `envelope` asks for it (400 rankings of the comparison: most of the work, so the
/// dashboard asks only while the envelope is shown).
pub fn rank(
    sc: &Scenario,
    offerings: &[Offering<'static>],
    envelope: bool,
) -> Result<Ranking, String> {
    let model = &crate::catalog::library()
        .model(&sc.self_host.model)
        .map_err(|e| format!("self_host.model: {e}"))?
        .arch;
    let comparison = crate::model::fleet::rank(sc, model, offerings);
    let (lo, hi) = (sc.chart.min_requests_per_day, sc.chart.max_requests_per_day);
    let n = if envelope { ENVELOPE_SAMPLES } else { 0 };
    let envelope_points = (0..n)
        .filter_map(|i| {
            let v = lo * (hi / lo).powf(i as f64 / (n - 1) as f64);
            envelope_at(&comparison, v).map(|(_, cost)| (v, cost))
        })
        .collect();
    Ok(Ranking {
        comparison,
        model: model.name.clone(),
        envelope: envelope_points,
        with_envelope: envelope,
    })
}

pub struct Fleet {
    /// The catalog's rentals by market, built once from the catalog in force.
    pub offerings: Vec<Offering<'static>>,
    /// The ranking for the current scenario, once computed (or why there is none).
    pub current: Option<Result<Ranking, String>>,
    /// The row the cursor is on.
    pub selected: usize,
    /// Draw the envelope on the Costs chart (and in exports).
    pub show_envelope: bool,
    /// The worker (set `worker.inline` to compute on the calling thread).
    pub worker: Latest<Ranking>,
    /// Whether the ranking in (or on its way) was asked for with the envelope.
    requested_envelope: bool,
}

impl Fleet {
    pub fn new(catalog: &crate::catalog::Catalog) -> Fleet {
        Fleet {
            offerings: crate::catalog::fleet::offerings(catalog, crate::catalog::library(), None),
            current: None,
            selected: 0,
            show_envelope: false,
            worker: Latest::default(),
            requested_envelope: false,
        }
    }

    /// The scenario changed: drop the old ranking and compute a new one (with the envelope
    /// while it is shown).
    pub fn request(&mut self, sc: &Scenario) {
        self.current = None;
        let offerings = self.offerings.clone();
        let envelope = self.show_envelope;
        self.requested_envelope = envelope;
        let done = self
            .worker
            .request(sc, Arc::new(move |sc| rank(sc, &offerings, envelope)));
        self.settle(done);
    }

    /// The ranking, when it is computed and there is one.
    pub fn ranking(&self) -> Option<&Ranking> {
        self.current.as_ref().and_then(|r| r.as_ref().ok())
    }

    /// The ranking's comparison for an export, or why there is none in the words
    /// `crossover export` uses (the ranking failed) or that it is still on its way.
    pub fn comparison_or_why(&self) -> Result<Comparison, String> {
        match &self.current {
            Some(Ok(r)) => Ok(r.comparison.clone()),
            Some(Err(e)) => Err(crate::wording::fleet_not_ranked(e)),
            None => Err(crate::wording::FLEET_NOT_RANKED.to_string()),
        }
    }

    /// Whether the envelope is shown but the ranking in (or on its way) was asked for without
    /// it: `b` then asks for a new ranking, also while the one without is still computing.
    pub fn envelope_missing(&self) -> bool {
        self.show_envelope && !self.requested_envelope
    }

    /// The envelope to draw, when the option is on and the ranking is in.
    pub fn envelope(&self) -> Option<&[(f64, f64)]> {
        self.ranking()
            .filter(|_| self.show_envelope)
            .map(|r| r.envelope.as_slice())
            .filter(|e| !e.is_empty())
    }
}

impl Background for Fleet {
    type Output = Ranking;

    fn latest(&self) -> &Latest<Ranking> {
        &self.worker
    }

    fn latest_mut(&mut self) -> &mut Latest<Ranking> {
        &mut self.worker
    }

    /// Keep a fresh ranking (or why there is none), the cursor kept inside it.
    fn keep(&mut self, result: Result<Ranking, String>) {
        let rows = result.as_ref().map_or(0, |r| r.comparison.rows.len());
        self.selected = self.selected.min(rows.saturating_sub(1));
        self.current = Some(result);
    }
}

/// Move the Fleet tab's cursor `by` rows, stopping at the first and the last.
pub fn move_cursor(app: &mut App, by: i8) {
    let n = app.fleet.ranking().map_or(0, |r| r.comparison.rows.len());
    let next = app.fleet.selected as i64 + i64::from(by);
    app.fleet.selected = next.clamp(0, n.saturating_sub(1) as i64) as usize;
}

/// Apply the configuration under the cursor to the scenario, in one undoable step.
pub fn apply_selected(app: &mut App) {
    let Some(row) = app
        .fleet
        .ranking()
        .and_then(|r| r.comparison.rows.get(app.fleet.selected))
        .cloned()
    else {
        app.info(if app.fleet.pending() {
            "the ranking is still being computed; try again in a moment"
        } else {
            "no configuration to apply"
        });
        return;
    };
    let mut next = app.scenario.clone();
    let catalog = app.catalog.clone();
    match apply_configuration(
        &mut next,
        &catalog,
        &row.gpu,
        &row.offering,
        row.precision,
        row.gpus_per_replica,
    ) {
        Ok(_) if next == app.scenario => app.info("the scenario already has this configuration"),
        Ok(notes) => {
            let head = format!("{} (u undoes)", crate::wording::fleet_config(&row));
            app.apply_pick(next, std::iter::once(head).chain(notes).collect());
        }
        Err(e) => app.error(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An export says why it has no fleet chart: the ranking's own reason in `crossover
    /// export`'s words, or that none was in yet.
    #[test]
    fn an_export_gets_the_comparison_or_why_not() {
        let mut f = Fleet::new(&crate::catalog::shipped());
        assert_eq!(
            f.comparison_or_why(),
            Err(crate::wording::FLEET_NOT_RANKED.to_string())
        );
        f.settle(Some(Err("self_host.model: not in the catalog".into())));
        assert_eq!(
            f.comparison_or_why(),
            Err("the fleet cannot be ranked: self_host.model: not in the catalog".into())
        );
    }

    #[test]
    fn the_cursor_stays_in_range() {
        let mut f = Fleet::new(&crate::catalog::shipped());
        let sc = Scenario::default();
        let r = rank(&sc, &f.offerings, true).unwrap();
        assert!(r.comparison.rows.len() > 100);
        assert_eq!(r.envelope.len(), ENVELOPE_SAMPLES);
        let without = rank(&sc, &f.offerings, false).unwrap();
        assert_eq!(without.comparison, r.comparison, "the same ranking");
        assert!(without.envelope.is_empty() && !without.with_envelope);
        f.selected = 10_000;
        assert!(!f.settle(None), "nothing fresh: nothing changes");
        assert_eq!(f.current, None);
        assert!(f.settle(Some(Ok(r.clone()))));
        assert_eq!(f.selected, r.comparison.rows.len() - 1);
        assert_eq!(f.envelope(), None, "off until asked for");
        f.show_envelope = true;
        assert_eq!(f.envelope().map(<[_]>::len), Some(ENVELOPE_SAMPLES));
        // `b` while a ranking without the envelope is still computing asks again.
        let mut g = Fleet::new(&crate::catalog::shipped());
        g.request(&sc);
        g.show_envelope = true;
        assert!(g.envelope_missing(), "asked for without it, in or not");
        g.request(&sc);
        assert!(!g.envelope_missing());
        g.wait();
        assert!(g.ranking().is_some_and(|r| r.with_envelope));
        let mut bad = sc.clone();
        bad.self_host.model = "Nope".into();
        assert!(rank(&bad, &f.offerings, false)
            .unwrap_err()
            .contains("self_host.model"));
    }
}
