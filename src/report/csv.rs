//! `--format csv`: the three cost curves, one row per volume. Step volumes appear twice (the
//! cost just before and just after a replica is added), so the staircase is exact.

use super::Context;
use crate::model::curve::curve;
use crate::model::{Outcome, Scenario};

/// Log-spaced sample volumes in the CSV, besides the step volumes.
pub const SAMPLES: usize = 256;

pub fn render(sc: &Scenario, o: &Outcome, ctx: &Context) -> String {
    let mut out: String = ctx
        .warnings
        .iter()
        .map(|w| format!("# warning: {}\n", w.replace(['\n', '\r'], " ")))
        .collect();
    out.push_str(
        "requests_per_day,api_usd_per_day,self_host_usd_per_day,hybrid_usd_per_day,cheapest\n",
    );
    let points = curve(
        &o.rates,
        sc.chart.min_requests_per_day,
        sc.chart.max_requests_per_day,
        SAMPLES,
    );
    for p in points {
        let cheapest = crate::model::recommend::cheapest(&[
            (crate::model::Choice::Api, p.api),
            (crate::model::Choice::Hybrid, p.hybrid),
            (crate::model::Choice::SelfHost, p.self_host),
        ]);
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            p.requests_per_day,
            p.api,
            p.self_host,
            p.hybrid,
            cheapest.key()
        ));
    }
    out
}
