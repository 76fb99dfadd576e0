//! docs/MODEL.md cannot drift from the code: every worked figure the document states for the
//! core model (sections 2 to 5), the tornado and Monte Carlo (section 7) and the timeline
//! (section 8) is recomputed here and looked up in the document, written as the document
//! writes it. Change a formula and these fail until the document is updated, and the other
//! way round.

use crossover::figures::grouped;
use crossover::model::outcome::{per_1k_requests, per_month};
use crossover::model::scenario::DAYS_PER_MONTH;
use crossover::model::sensitivity::sensitivity;
use crossover::model::timeline::timeline;
use crossover::model::uncertainty::{monte_carlo, BAND_VOLUMES};
use crossover::model::{Outcome, Scenario};
use crossover::preset::parse::parse_scenario;

fn doc() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/MODEL.md")).unwrap()
}

/// The document's section `number` (from its `## number.` heading to the next `## `).
fn section(doc: &str, number: &str) -> String {
    let head = format!("\n## {number}. ");
    let start = doc
        .find(&head)
        .unwrap_or_else(|| panic!("no section {number}"));
    let rest = &doc[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
    rest[..end].to_string()
}

/// Runs of white space (line breaks included) as one space, so rewrapping a paragraph is no
/// drift.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[track_caller]
fn says(text: &str, figure: &str) {
    assert!(
        flat(text).contains(&flat(figure)),
        "docs/MODEL.md should state {figure:?} (recomputed from the code)"
    );
}

/// `x` as the document writes money and volumes: commas, 2 decimals.
fn d2(x: f64) -> String {
    grouped(x, 2)
}

fn at(v: f64) -> Outcome {
    let mut sc = Scenario::default();
    sc.workload.requests_per_day = v;
    Outcome::evaluate(&sc)
}

#[test]
fn core_model_sections_2_to_5() {
    let doc = doc();
    let s5 = section(&doc, "5");
    let o = at(10_000.0);
    // The JSON example, rounded as written there.
    says(&s5, &format!("\"usd_per_day\": {}", o.api.usd_per_day));
    says(
        &s5,
        &format!("\"usd_per_month\": {}", per_month(o.api.usd_per_day)),
    );
    says(
        &s5,
        &format!("\"usd_per_day\": {:.3}", o.self_host.usd_per_day),
    );
    says(
        &s5,
        &format!(
            "\"usd_per_month\": {:.2}",
            per_month(o.self_host.usd_per_day)
        ),
    );
    says(
        &s5,
        &format!(
            "\"usd_per_1k_requests\": {:.2}",
            per_1k_requests(o.self_host.usd_per_day, 10_000.0).unwrap()
        ),
    );
    says(
        &s5,
        &format!("\"gpu_usd_per_day\": {:.1}", o.self_host.gpu_usd_per_day),
    );
    says(
        &s5,
        &format!(
            "\"overhead_usd_per_day\": {:.1}",
            o.self_host.overhead_usd_per_day
        ),
    );
    says(
        &s5,
        &format!(
            "\"engineering_usd_per_day\": {:.3}",
            o.self_host.engineering_usd_per_day
        ),
    );
    says(
        &s5,
        &format!("\"peak_utilization\": {:.4}", o.self_host.peak_utilization),
    );
    says(
        &s5,
        &format!("\"usd_per_day\": {:.3}", o.hybrid.usd_per_day),
    );
    says(
        &s5,
        &format!("\"usd_per_month\": {:.2}", per_month(o.hybrid.usd_per_day)),
    );
    says(
        &s5,
        &format!(
            "\"usd_per_1k_requests\": {:.2}",
            o.usd_per_1k(crossover::model::Choice::Hybrid).unwrap()
        ),
    );
    says(
        &s5,
        &format!("\"api_usd_per_day\": {:.1}", o.hybrid.api.usd_per_day),
    );
    assert_eq!(o.cheapest.key(), "api");
    says(&s5, "\"cheapest\": \"api\"");
    let be = o.breakeven_requests_per_day.unwrap();
    says(&s5, &format!("\"breakeven_requests_per_day\": {be:.2}"));
    says(&s5, &format!("\"crossings\": [{be:.2}]"));
    assert!(o.payback_months.is_none());
    says(&s5, "\"payback_months\": null");
    // The further checks.
    let o = at(100_000.0);
    says(&s5, &format!(
        "Defaults at V = 100,000: API {}/day; self-hosting {}/day ({} replica, peak\n  utilization {:.3}); break-even {}; payback {:.2} months.",
        d2(o.api.usd_per_day),
        d2(o.self_host.usd_per_day),
        o.self_host.replicas,
        o.self_host.peak_utilization,
        d2(o.breakeven_requests_per_day.unwrap()),
        o.payback_months.unwrap()
    ));
    let o = at(1_000_000.0);
    says(
        &s5,
        &format!(
            "Defaults at V = 1,000,000: self-hosting {}/day with {} replicas.",
            d2(o.self_host.usd_per_day),
            o.self_host.replicas
        ),
    );
    // §1–§3 constants.
    says(&doc, &format!("D = 365.25 / 12 = {DAYS_PER_MONTH}"));
}

#[test]
fn tornado_section_7_1() {
    let doc = doc();
    let s7 = section(&doc, "7");
    let t = sensitivity(&Scenario::default());
    says(&s7, &format!("`gap = 153.611 − 100 = {}`", d2(t.gap)));
    let row = |k: &str| t.swings.iter().find(|s| s.key == k).unwrap();
    let c = &t.swings[0];
    assert_eq!(c.key, "workload.response_cache_hit_rate", "the first row");
    says(
        &s7,
        &format!(
            "swings 0 → {}: the API falls to about 0 while self-hosting keeps its one replica, gap {} → {}, impact {}",
            c.high,
            d2(c.gap_low),
            d2(c.gap_high),
            grouped(c.impact(), 0)
        ),
    );
    let v = row("workload.requests_per_day");
    says(&s7, &format!(
        "Daily volume {} → {} moves only the API (one replica either way): gap {} → {},\nimpact {}, break-even {} both ways",
        grouped(v.low, 0), grouped(v.high, 0), d2(v.gap_low), d2(v.gap_high),
        grouped(v.impact(), 0), d2(v.breakeven_low.unwrap())
    ));
    assert_eq!(v.breakeven_low, v.breakeven_high);
    let b = row("api.batch_share");
    says(
        &s7,
        &format!(
            "swings 0 → 1 and halves the API (discount 50%): gap {} → {}, impact {} too",
            d2(b.gap_low),
            d2(b.gap_high),
            grouped(b.impact(), 0)
        ),
    );
    let h = row("engineering.hourly_rate");
    says(
        &s7,
        &format!("Hourly rate {} → {} moves engineering", h.low, h.high),
    );
    says(
        &s7,
        &format!(
            "gap {} → {}, impact {}, break-even {} → {}",
            d2(h.gap_low),
            d2(h.gap_high),
            d2(h.impact()),
            d2(h.breakeven_low.unwrap()),
            d2(h.breakeven_high.unwrap())
        ),
    );
    let g = row("self_host.gpu_per_hour");
    says(&s7, &format!("GPU price {} → {}", g.low, g.high));
    says(
        &s7,
        &format!(
            "gap {} → {}, impact {}, break-even\n{} → {}",
            d2(g.gap_low),
            d2(g.gap_high),
            grouped(g.impact(), 0),
            d2(g.breakeven_low.unwrap()),
            d2(g.breakeven_high.unwrap())
        ),
    );
    let l = row("hybrid.local_share");
    says(
        &s7,
        &format!(
            "The local share ({} → {}) moves only the hybrid: impact 0",
            grouped(l.low, 3),
            grouped(l.high, 3)
        ),
    );
    assert_eq!(l.impact(), 0.0);
    assert!(
        t.swings.iter().all(|s| !s.flips_any(t.now)),
        "no row flips the API"
    );
}

/// §7.1's second worked example: a swing that crosses the ops capacity flips the verdict.
#[test]
fn tornado_flips_section_7_1() {
    use crossover::model::Choice;
    let doc = doc();
    let s7 = section(&doc, "7");
    let sc = crossover::catalog::with_library(
        &parse_scenario(
            "[workload]\nrequests_per_day = 20000\n[constraints]\nops_hours_per_month = 22\n",
            "doc",
        )
        .unwrap(),
    );
    let t = sensitivity(&sc);
    assert_eq!(t.now.choice, Some(Choice::SelfHost));
    // The document writes a minus sign.
    let d2 = |x: f64| d2(x).replace('-', "−");
    says(&s7, &format!("against `A = 200`, gap **{}**", d2(t.gap)));
    let row = |k: &str| t.swings.iter().find(|s| s.key == k).unwrap();
    // Only the high ends flip in this example.
    let flip = |s: &crossover::model::sensitivity::Swing| {
        let [low, high] = s.flips(t.now);
        assert_eq!(low, None, "{}", s.key);
        let v = high.unwrap();
        format!(
            "flips: high → {} ({})",
            v.choice.unwrap().label(),
            v.criterion.key()
        )
    };
    let m = row("engineering.maintenance_hours_per_month");
    says(
        &s7,
        &format!(
            "Maintenance {} → {} h: `S = 66 + 100 · (m + 80/12) / D` = {} → {}, gap **{} → {}**",
            m.low,
            m.high,
            d2(m.gap_low + 200.0),
            d2(m.gap_high + 200.0),
            d2(m.gap_low),
            d2(m.gap_high)
        ),
    );
    says(&s7, &format!("**{}**, though", flip(m)));
    let b = row("api.batch_share");
    says(
        &s7,
        &format!(
            "gap **{} → {}**, break-even {} → **{}**",
            d2(b.gap_low),
            d2(b.gap_high),
            d2(b.breakeven_low.unwrap()),
            d2(b.breakeven_high.unwrap())
        ),
    );
    says(&s7, &format!("**{}**.", flip(b)));
    let c = row("workload.response_cache_hit_rate");
    says(&s7, &format!("about 0: **{}**.", flip(c)));
    let h = row("engineering.hourly_rate");
    assert!(!h.flips_any(t.now));
    says(
        &s7,
        &format!(
            "Hourly rate {} → {}: S = {} → {}, below 200 either way: no flip",
            h.low,
            h.high,
            d2(h.gap_low + 200.0),
            d2(h.gap_high + 200.0)
        ),
    );
}

#[test]
fn monte_carlo_section_7_2() {
    let doc = doc();
    let s7 = section(&doc, "7");
    let sc = crossover::catalog::with_library(
        &parse_scenario("[uncertainty.self_host]\ngpu_per_hour = [2, 3]\n", "doc").unwrap(),
    );
    let mc = monte_carlo(&sc, BAND_VOLUMES, 2);
    // Below the first replica step the band is flat; take it at the chart's left end.
    let [p10, p50, p90] = mc.self_host[0];
    says(
        &s7,
        &format!(
            "**{} / {} / {}** a day with the default seed",
            d2(p10),
            d2(p50),
            d2(p90)
        ),
    );
    let [b10, b50, b90] = mc.breakeven.map(Option::unwrap);
    says(
        &s7,
        &format!("**{} / {} / {}** requests/day", d2(b10), d2(b50), d2(b90)),
    );
    // The relation the document derives: break-even = plateau / $0.01.
    for (b, p) in [(b10, p10), (b50, p50), (b90, p90)] {
        assert!((b - 100.0 * p).abs() < 1e-6, "{b} vs {p}");
    }
    for (j, v) in mc.volumes.iter().enumerate() {
        assert_eq!(mc.api[j], [0.01 * v; 3], "the API's band is one line");
    }
    assert_eq!(mc.p_self_host_cheaper, 0.0);
    assert_eq!(mc.never_share, 0.0);
    says(&s7, "`p_self_host_cheaper = 0`, and `never_share = 0`");
    // The levers it holds, as the document lists them (tornado order, the GPU price aside).
    let held = crossover::model::sensitivity::held(&sc, &sensitivity(&sc));
    assert!(!held.iter().any(|h| h.key == "self_host.gpu_per_hour"));
    let mut first: Vec<&str> = held.iter().take(5).map(|h| h.key).collect();
    first[1..3].sort();
    assert_eq!(
        first,
        [
            "workload.response_cache_hit_rate",
            "api.batch_share",
            "workload.requests_per_day",
            "engineering.hourly_rate",
            "engineering.maintenance_hours_per_month"
        ]
    );
    says(&s7, "cache hit rate 0%, daily volume 10,000, batch share 0%, hourly rate $100/h, maintenance 20 h/month");
    // The draws the document quotes as near 2.1, 2.5 and 2.9.
    for (p, g) in [(p10, 2.1), (p50, 2.5), (p90, 2.9)] {
        let drawn = (p - 87.611) / 26.4;
        assert!((drawn - g).abs() < 0.05, "{drawn} vs {g}");
    }
}

#[test]
fn timeline_section_8() {
    let doc = doc();
    let s8 = section(&doc, "8");
    let mut sc = Scenario::default();
    sc.workload.requests_per_day = 2_000.0;
    sc.growth.monthly_rate = 0.5;
    sc.growth.horizon_months = 12;
    let t = timeline(&sc);
    let m = &t.months;
    says(&s8, &format!("**{}** a\nmonth", d2(m[0].self_host)));
    says(
        &s8,
        &format!("two from month 11, {} a\nmonth)", d2(m[10].self_host)),
    );
    assert_eq!((m[9].replicas, m[10].replicas), (1.0, 2.0));
    says(&s8, &format!("{} in month 1", d2(m[0].api)));
    says(
        &s8,
        &format!(
            "month 5 has {}/day ({} a month), month 6 has\n{}/day ({})",
            grouped(m[4].requests_per_day, 0),
            d2(m[4].api),
            grouped(m[5].requests_per_day, 1),
            d2(m[5].api)
        ),
    );
    assert_eq!(t.first_month_cheaper, Some(6));
    says(&s8, "**first_month_cheaper = 6**");
    assert_eq!(t.first_month_repaid, Some(9));
    says(
        &s8,
        &format!(
            "**month 9** (cumulative {} against the API's {})",
            d2(m[8].cumulative_self_host),
            d2(m[8].cumulative_api)
        ),
    );
    assert_eq!(t.best_switch_month, Some(6));
    says(
        &s8,
        &format!(
            "**best_switch_month = 6**, saving **${}** by month 12",
            d2(t.savings_at_horizon)
        ),
    );
}

/// §6.5's worked example: three tiers, both escalations, reasoning tokens and the local
/// model's own output size.
#[test]
fn tiers_section_6_5() {
    use crossover::model::breakeven::hybrid_breakeven_requests_per_day;
    use crossover::model::Rates;
    let doc = doc();
    let s6 = section(&doc, "6");
    let mut sc = Scenario::default();
    sc.workload.requests_per_day = 100_000.0;
    sc.workload.local_output_tokens = 250.0;
    sc.api.cached_input_share = 0.5;
    sc.api.reasoning_output_multiplier = 2.0;
    sc.hybrid.local_share = 0.6;
    sc.hybrid.cheap_share = 0.3;
    sc.hybrid.local_escalation_rate = 0.2;
    sc.hybrid.cheap_escalation_rate = 0.1;
    let r = Rates::new(&sc);
    says(&s6, &format!("= **{}** per request.", r.api_per_request));
    says(&s6, &format!("= **{}** per request.", r.cheap_per_request));
    says(
        &s6,
        &format!(
            "C = 0.3 + 0.2 × 0.6 = {}; F = 0.1 + 0.1 × 0.42 = {}",
            r.cheap_fraction,
            (r.frontier_fraction * 1e12).round() / 1e12
        ),
    );
    let v = 100_000.0;
    let h = r.hybrid(v);
    let frontier = r.hybrid_frontier_usd(v);
    says(
        &s6,
        &format!(
            "frontier 0.142 × 100,000 × 0.01375 = {}; cheap 0.42 × 100,000 × 0.000825 =\n  {}; together **{}/day**",
            d2(frontier),
            d2(h.cheap_usd_per_day),
            d2(h.api.usd_per_day)
        ),
    );
    says(
        &s6,
        &format!(
            "s = 2,000 / 20,000 + 250 / 2,500 = {} s",
            r.seconds_per_request
        ),
    );
    assert_eq!(h.local.replicas, 1.0);
    says(
        &s6,
        &format!("S = 60 + 6 + 87.611 = {:.3}", h.local.usd_per_day),
    );
    says(
        &s6,
        &format!(
            "H = 153.611 + 229.90 = **{}/day**, against the API's 100,000 × 0.01375 = {}/day",
            d2(h.usd_per_day),
            d2(r.api(v).usd_per_day)
        ),
    );
    let b = r.hybrid_api_per_volume();
    says(
        &s6,
        &format!(
            "b = 0.142 × 0.01375 + 0.42 × 0.000825 = {}",
            (b * 1e12).round() / 1e12
        ),
    );
    let a1 = (r.api_per_volume() - b) / 0.6;
    says(
        &s6,
        &format!(
            "a\' = (0.01375 − 0.002299) / 0.6\n  = {}",
            (a1 * 1e12).round() / 1e12
        ),
    );
    let be = hybrid_breakeven_requests_per_day(&r).unwrap();
    says(
        &s6,
        &format!(
            "u = 153.611 / 0.019085 =\n  {} local requests, so the hybrid breaks even at 8,048.79 / 0.6 = **{}**",
            d2(be * 0.6),
            d2(be)
        ),
    );
}

/// Every field of every view's JSON (and of its rows) is named in §9, or in §5/§6 for the
/// costs view's object.
#[test]
fn json_fields_are_documented() {
    use crossover::report::{render, Context, Format, View};
    let doc = doc();
    let s9 = section(&doc, "9");
    let sc = crossover::preset::library::load("guide-legal-docs")
        .unwrap()
        .scenario;
    let all: serde_json::Value = serde_json::from_str(&render(
        &sc,
        &crossover::catalog::shipped(),
        (View::All, Format::Json),
        &Context::default(),
    ))
    .unwrap();
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    for view in ["sensitivity", "uncertainty", "timeline"] {
        let v = &all[view];
        let mut names = keys(v);
        for rows in ["inputs", "ranges", "bands", "months"] {
            if let Some(first) = v[rows].get(0) {
                names.extend(keys(first));
            }
        }
        for k in names {
            names_word(&s9, &k);
        }
    }
    for k in keys(&all) {
        names_word(&doc, &k);
    }
}

/// `word` appears in `text` as a whole word (not inside a longer key).
#[track_caller]
fn names_word(text: &str, word: &str) {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let found = text.match_indices(word).any(|(i, _)| {
        !text[..i].chars().next_back().is_some_and(ident)
            && !text[i + word.len()..].chars().next().is_some_and(ident)
    });
    assert!(found, "docs/MODEL.md does not name the JSON field {word:?}");
}

/// The document's subsection `number` (from its `### number ` heading to the next heading).
fn subsection(doc: &str, number: &str) -> String {
    let head = format!("\n### {number} ");
    let start = doc
        .find(&head)
        .unwrap_or_else(|| panic!("no subsection {number}"));
    let rest = &doc[start + 1..];
    let end = rest[4..].find("\n##").map_or(rest.len(), |e| e + 4);
    rest[..end].to_string()
}

/// §6.6's two worked examples, from a preset as a user writes it.
#[test]
fn billing_modes_section_6_6() {
    let doc = doc();
    let s = subsection(&doc, "6.6");
    let base = "[workload]\nresponse_cache_hit_rate = 0.2\n\
        [self_host]\nthroughput = \"given\"\ngpus_per_replica = 2\ngpu_per_hour = 3.0\ntarget_utilization = 0.8\noffering = \"spot\"\n";
    let eng = "[engineering]\nhourly_rate = 121.75\nsetup_hours = 48\n\
        maintenance_hours_per_month = 12\namortization_months = 6\nops_hours_per_replica_month = 5\n";
    let active = format!("{base}billing = \"active_hours\"\nactive_hours_per_day = 6\n{eng}");
    let mut sc = parse_scenario(&active, "doc").unwrap();
    sc.workload.requests_per_day = 100_000.0;
    let o = Outcome::evaluate(&sc);
    let sh = &o.self_host;
    assert_eq!((sh.replicas, sh.gpus), (3.0, 6.0));
    says(
        &s,
        &format!("GPU: `3 · 2 · 3.00 · 6 = {}`", d2(sh.gpu_usd_per_day)),
    );
    says(
        &s,
        &format!(
            "Overhead: `108 · (0.10 + 0.05) = {}`",
            d2(sh.overhead_usd_per_day)
        ),
    );
    says(
        &s,
        &format!(
            "Engineering: `80 + 2 · 20 = {}`",
            d2(sh.engineering_usd_per_day)
        ),
    );
    says(&s, &format!("`S = {}` per day", d2(sh.usd_per_day)));
    let b = o.breakeven_requests_per_day.unwrap();
    says(&s, &format!("break-even {}", d2(b)));
    assert_eq!(o.crossings, [b]);

    let per_second = format!(
        "{base}billing = \"per_second\"\ngpu_per_second = 0.001\ncold_start_seconds = 30\n\
         min_billed_seconds = 60\nscale_ups_per_day = 50\n{eng}"
    );
    let mut sc = parse_scenario(&per_second, "doc").unwrap();
    sc.workload.requests_per_day = 400_000.0;
    let o = Outcome::evaluate(&sc);
    let sh = &o.self_host;
    says(
        &s,
        &format!("GPU: `2 · 0.001 · 123,000 = {}`", d2(sh.gpu_usd_per_day)),
    );
    says(
        &s,
        &format!("Overhead: `246 · 0.15 = {}`", d2(sh.overhead_usd_per_day)),
    );
    says(
        &s,
        &format!(
            "engineering `80 + 2 · 20 = {}`",
            d2(sh.engineering_usd_per_day)
        ),
    );
    says(&s, &format!("`S = {}` per day", d2(sh.usd_per_day)));
    says(
        &s,
        &format!(
            "`V = 86.90 / (0.008 − 0.00069) = {}`",
            d2(o.breakeven_requests_per_day.unwrap())
        ),
    );
    // The idle tail (`self_host.idle_tail_seconds`) joins the fixed costs.
    sc.self_host.billing.idle_tail_seconds = 45.0;
    let o = Outcome::evaluate(&sc);
    says(
        &s,
        &format!(
            "GPU `2 · 0.001 · 123,750 = {}`",
            d2(o.self_host.gpu_usd_per_day)
        ),
    );
    says(
        &s,
        &format!(
            "the break-even `88.625 / (0.008 − 0.00069) = {}`",
            d2(o.breakeven_requests_per_day.unwrap())
        ),
    );
    // Starts that grow with the traffic: the kink, then the low piece deciding.
    sc.self_host.billing.idle_tail_seconds = 0.0;
    let fixed = crossover::model::Rates::new(&sc);
    sc.self_host.billing.scale_ups = crossover::model::billing::ScaleUps::WithTraffic;
    let r = crossover::model::Rates::new(&sc);
    says(
        &s,
        &format!(
            "`S = 80 + 2.415 · 1.15 = {}` (fixed starts: {})",
            d2(r.self_host_usd(25.0)),
            d2(fixed.self_host_usd(25.0))
        ),
    );
    says(&s, &format!("`S = {}`", d2(r.self_host_usd(0.0))));
    let o = Outcome::evaluate(&sc);
    says(
        &s,
        &format!(
            "the high piece's **{}**",
            d2(o.breakeven_requests_per_day.unwrap())
        ),
    );
    let b = &mut sc.self_host.billing;
    (
        b.cold_start_seconds,
        b.min_billed_seconds,
        b.scale_ups_per_day,
    ) = (0.5, 0.0, 100_000.0);
    let o = Outcome::evaluate(&sc);
    says(
        &s,
        &format!(
            "break-even `80 / 0.00639 = {}`",
            d2(o.breakeven_requests_per_day.unwrap())
        ),
    );
    sc.self_host.billing.scale_ups = crossover::model::billing::ScaleUps::Fixed;
    let o = Outcome::evaluate(&sc);
    says(
        &s,
        &format!(
            "`195 / 0.00731 = {}`",
            d2(o.breakeven_requests_per_day.unwrap())
        ),
    );
}

/// §6.7's worked example: §6.1's scenario with upkeep per extra replica.
#[test]
fn ops_scaling_section_6_7() {
    let doc = doc();
    let s = subsection(&doc, "6.7");
    let preset = "[workload]\nrequests_per_day = 200000\ninput_tokens = 1000\noutput_tokens = 400\n\
        peak_to_average = 3\nresponse_cache_hit_rate = 0.25\n\
        [api]\ninput_per_mtok = 3.0\noutput_per_mtok = 12.0\ncached_input_per_mtok = 0.75\n\
        cached_input_share = 0.4\nbatch_share = 0.5\nbatch_discount = 0.5\nfixed_per_month = 608.75\n\
        [self_host]\ngpu_per_hour = 2.0\ngpus_per_replica = 2\nprefill_tokens_per_second = 10000\n\
        decode_tokens_per_second = 1000\ntarget_utilization = 0.8\nmin_replicas = 2\n\
        overhead_share = 0.15\nfixed_per_month = 913.125\n\
        [engineering]\nhourly_rate = 121.75\nsetup_hours = 48\nmaintenance_hours_per_month = 12\n\
        amortization_months = 6\nops_hours_per_replica_month = 5\n\
        [hybrid]\nlocal_share = 0.6\n";
    let o = Outcome::evaluate(&parse_scenario(preset, "doc").unwrap());
    says(
        &s,
        &format!(
            "`S = 551.60 + 3 · 20 = {}` per day",
            d2(o.self_host.usd_per_day)
        ),
    );
    says(
        &s,
        &format!(
            "`H = {} + {} = {}`",
            d2(o.hybrid.local.usd_per_day),
            d2(o.hybrid.api.usd_per_day),
            d2(o.hybrid.usd_per_day)
        ),
    );
    says(
        &s,
        &format!(
            "`V = 330.80 / 0.00388125 = {}`",
            d2(o.breakeven_requests_per_day.unwrap())
        ),
    );
}

/// §6.10's market rows and the envelope at the current volume, recomputed.
#[test]
fn fleet_markets_section_6_10() {
    use crossover::catalog::fleet::offerings;
    use crossover::model::fleet::{envelope_at, rank};
    let s = subsection(&doc(), "6.10");
    let sc = Scenario::default();
    let lib = crossover::catalog::library();
    let catalog = crossover::catalog::shipped();
    let model = &lib.model(&sc.self_host.model).unwrap().arch;
    let c = rank(&sc, model, &offerings(&catalog, lib, None));
    let row = |gpu: &str, offering: &str, p: &str| {
        c.rows
            .iter()
            .find(|r| {
                r.gpu == gpu
                    && r.offering == offering
                    && r.precision.name() == p
                    && r.gpus_per_replica == 1
            })
            .unwrap()
            .usd_per_day
    };
    says(
        &s,
        &format!("`S = {}`/day.", d2(row("H100 SXM", "spot", "bf16"))),
    );
    says(
        &s,
        &format!("87.611 = {}`/day.", d2(row("H100 SXM", "reserved", "bf16"))),
    );
    let (i, env) = envelope_at(&c, sc.workload.requests_per_day).unwrap();
    assert_eq!(env, c.rows[0].usd_per_day);
    assert_eq!(
        (c.rows[i].gpu.as_str(), c.rows[i].offering.as_str()),
        ("L4", "spot")
    );
    says(&s, &format!("87.611 = {}`/day.", d2(env)));
    for word in [
        "--market",
        "`list`",
        "market",
        "usd_per_gpu_hour",
        "best fleet",
    ] {
        says(&s, word);
    }
}

/// §6.9's owned fleet whose purchase price and power follow its GPU (the L4) in the catalog.
#[test]
fn owned_defaults_section_6_9() {
    let s = subsection(&doc(), "6.9");
    let preset = "[workload]\nrequests_per_day = 200000\n\
        [self_host]\ngpu = \"L4\"\ngpu_per_hour = 0.49\nprefill_tokens_per_second = 4000\n\
        decode_tokens_per_second = 500\nfixed_per_month = 304.375\n\
        [owned]\nenabled = true\n";
    let mut sc = parse_scenario(preset, "doc").unwrap();
    crossover::catalog::owned_from_gpu::follow(&mut sc, &crossover::catalog::shipped());
    let catalog = crossover::catalog::shipped();
    let l4 = catalog.gpu("L4").unwrap();
    says(&s, &format!("W = {} W", l4.tdp_watts.unwrap()));
    says(
        &s,
        &format!("P = {}", grouped(sc.owned.gpu_purchase_price, 0)),
    );
    let o = Outcome::evaluate(&sc);
    let w = &o.owned;
    let per = |x: f64| x / w.servers;
    says(
        &s,
        &format!(
            "`25,000 / 36 / 30.4375 = {:.3}`/day per server, {:.3} for two",
            per(w.depreciation_usd_per_day),
            w.depreciation_usd_per_day
        ),
    );
    says(
        &s,
        &format!(
            "`8 · 0.072 kW · 1.4 · 24 h · 0.12 = {:.4}`/day; {:.3} for two",
            per(w.power_usd_per_day),
            w.power_usd_per_day
        ),
    );
    says(&s, &format!("{:.3} for two.", w.colocation_usd_per_day));
    says(
        &s,
        &format!(
            "`O = {:.3} + {:.3} + {:.3} + 10 + {:.3} = {}`/day",
            w.depreciation_usd_per_day,
            w.power_usd_per_day,
            w.colocation_usd_per_day,
            w.engineering_usd_per_day,
            d2(w.usd_per_day)
        ),
    );
    says(&s, &format!("`S = {}`/day.", d2(o.self_host.usd_per_day)));
    says(
        &s,
        &format!("= {}` months", d2(o.buy_beats_rent_after_months.unwrap())),
    );
    // The H100 SXM's figures kept instead.
    sc.owned.gpu_purchase_price = 30_000.0;
    sc.owned.power_per_gpu_watts = 700.0;
    says(
        &s,
        &format!(
            "would have cost {}/day",
            d2(Outcome::evaluate(&sc).owned.usd_per_day)
        ),
    );
}

/// §8.1's worked example: the owned fleet month by month, every term non-zero, from a preset
/// as a user writes it.
#[test]
fn owned_timeline_section_8_1() {
    let doc = doc();
    let s = subsection(&doc, "8.1");
    let sc = parse_scenario(
        "[workload]\nrequests_per_day = 150000\n[self_host]\nthroughput = \"given\"\nfixed_per_month = 304.375\n\
         [growth]\nhorizon_months = 6\nsteps = [{ month = 2, factor = 2 }, { month = 4, factor = 0.5 }, \
         { month = 5, factor = 3 }]\n[owned]\nenabled = true\ngpus_per_server = 2\n\
         gpu_purchase_price = 4000\nserver_overhead_share = 0.25\ndepreciation_months = 2.5\n\
         power_per_gpu_watts = 625\npue = 1.6\nelectricity_per_kwh = 0.125\n\
         colocation_per_server_per_month = 608.75\n",
        "doc",
    )
    .unwrap();
    let t = timeline(&sc);
    let m = &t.months;
    let o = t.owned.unwrap();
    let servers: Vec<String> = m.iter().map(|m| m.servers.to_string()).collect();
    says(&s, &format!("**{}**", servers.join(", ")));
    let run = (m[1].owned - m[0].owned - 4_000.0) / DAYS_PER_MONTH * DAYS_PER_MONTH;
    says(&s, &format!("**{}** a server-month", grouped(run, 3)));
    says(&s, &format!("= {}`, then", d2(m[0].owned)));
    let rest: Vec<String> = m[1..].iter().map(|m| d2(m.owned)).collect();
    says(&s, &format!("then {}", rest.join(", ")));
    says(&s, &format!("**{}** by month 6", d2(m[5].cumulative_owned)));
    says(
        &s,
        &format!(
            "{} by month 5 (owning: {}) and **{}** by month 6",
            d2(m[4].cumulative_self_host),
            d2(m[4].cumulative_owned),
            d2(m[5].cumulative_self_host)
        ),
    );
    assert_eq!(o.first_month_buying_beats_renting, Some(6));
    says(
        &s,
        &format!(
            "from **month 6**, saving **{}**; ${} of servers bought, **{}**",
            d2(o.saving_over_renting),
            d2(o.purchases),
            d2(o.book_value_at_horizon)
        ),
    );
    let api: f64 = m.iter().map(|m| m.api).sum();
    says(&s, &format!("{} over the 6 months", d2(api)));
    assert_eq!(t.switch_to.key(), "owned");
    assert_eq!(t.best_switch_month, Some(1));
    says(
        &s,
        &format!("(`8,000 + {}`)", d2(m[5].cumulative_owned - 8_000.0)),
    );
    says(&s, &format!("saving {}.", d2(t.savings_at_horizon)));
    // The cash line: purchases when made, the book value taken back in month 6.
    says(&s, &format!("= {}` in month 1", d2(m[0].owned_cash)));
    says(
        &s,
        &format!("5 · 2,304.375 = {}`", d2(m[4].cumulative_owned_cash)),
    );
    assert!((m[5].cumulative_owned_cash - m[5].cumulative_owned).abs() < 1e-9);
}

/// §6.9's worked example with every term of ownership, from a preset as a user writes it.
#[test]
fn owned_tco_section_6_9() {
    let s = subsection(&doc(), "6.9");
    let sc = parse_scenario(
        "[workload]\nrequests_per_day = 1000000\n[self_host]\nthroughput = \"given\"\n\
         fixed_per_month = 304.375\n[owned]\nenabled = true\nserver_power_watts = 1500\n\
         support_share_per_year = 0.2\ncost_of_capital_per_year = 0.08\nresale_share = 0.1\n",
        "doc",
    )
    .unwrap();
    let o = Outcome::evaluate(&sc);
    let w = &o.owned;
    let per = |x: f64| x / w.servers;
    says(
        &s,
        &format!(
            "`300,000 · 0.9 / 36 / 30.4375 = {:.3}`/day a server, **{}** for two",
            per(w.depreciation_usd_per_day),
            d2(w.depreciation_usd_per_day)
        ),
    );
    says(
        &s,
        &format!(
            "`7.1 · 1.4 · 24 · 0.12 = {:.4}`/day a server, **{}** for two",
            per(w.power_usd_per_day),
            d2(w.power_usd_per_day)
        ),
    );
    says(
        &s,
        &format!(
            "`300,000 · 0.2 / 365.25 = {:.3}`/day a server, **{}** for two",
            per(w.support_usd_per_day),
            d2(w.support_usd_per_day)
        ),
    );
    says(
        &s,
        &format!(
            "`165,000 · 0.08 / 365.25 = {:.3}`/day, **{}** for two",
            per(w.capital_usd_per_day),
            d2(w.capital_usd_per_day)
        ),
    );
    says(
        &s,
        &format!(
            "`O = {} + {} + {} + {} + {} + 10 + {} = {}`/day",
            d2(w.depreciation_usd_per_day),
            d2(w.power_usd_per_day),
            d2(w.colocation_usd_per_day),
            d2(w.support_usd_per_day),
            d2(w.capital_usd_per_day),
            d2(w.engineering_usd_per_day),
            d2(w.usd_per_day)
        ),
    );
    let run = w.power_usd_per_day
        + w.colocation_usd_per_day
        + w.support_usd_per_day
        + w.capital_usd_per_day;
    says(&s, &format!("{}`/day;", d2(run)));
    says(
        &s,
        &format!("= {}` months", d2(o.buy_beats_rent_after_months.unwrap())),
    );
    // With the five keys at 0: the first example's figure.
    let mut plain = sc.clone();
    plain.owned.server_power_watts = 0.0;
    plain.owned.support_share_per_year = 0.0;
    plain.owned.cost_of_capital_per_year = 0.0;
    plain.owned.resale_share = 0.0;
    says(
        &s,
        &format!(
            "against {} with the five keys at 0",
            d2(Outcome::evaluate(&plain).owned.usd_per_day)
        ),
    );
}

/// §8.1's second worked example: every term of ownership non-zero, the cash line and the
/// depreciated one, from a preset as a user writes it.
#[test]
fn owned_tco_section_8_1() {
    let doc = doc();
    let s = subsection(&doc, "8.1");
    let sc = parse_scenario(
        "[workload]\nrequests_per_day = 150000\n[self_host]\nthroughput = \"given\"\nfixed_per_month = 304.375\n\
         [growth]\nhorizon_months = 6\npurchase_price_change_per_year = -0.2\n\
         steps = [{ month = 2, factor = 2 }, { month = 4, factor = 0.5 }, { month = 5, factor = 3 }]\n\
         [owned]\nenabled = true\ngpus_per_server = 2\ngpu_purchase_price = 4000\n\
         server_overhead_share = 0.25\ndepreciation_months = 2.5\npower_per_gpu_watts = 625\npue = 1.6\n\
         electricity_per_kwh = 0.125\ncolocation_per_server_per_month = 608.75\nserver_power_watts = 125\n\
         support_share_per_year = 0.12\ncost_of_capital_per_year = 0.06\nresale_share = 0.2\n",
        "doc",
    )
    .unwrap();
    let t = timeline(&sc);
    let m = &t.months;
    let o = t.owned.unwrap();
    let list = |f: &dyn Fn(&crossover::model::timeline::Month) -> f64| -> String {
        m.iter().map(|x| d2(f(x))).collect::<Vec<_>>().join(", ")
    };
    says(
        &s,
        &format!(
            "{} in month 1, {} in month 2, {} in month 5",
            d2(m[0].owned_purchase),
            d2(m[1].owned_purchase),
            d2(m[4].owned_purchase)
        ),
    );
    says(
        &s,
        &format!("by month: {}.", list(&|x| x.owned_depreciation)),
    );
    let book: Vec<String> = m[..5]
        .iter()
        .scan(0.0, |b, x| {
            *b += x.owned_purchase - x.owned_depreciation;
            Some(d2(*b))
        })
        .collect();
    says(
        &s,
        &format!("{}, **{}**", book.join(", "), d2(o.book_value_at_horizon)),
    );
    says(&s, &format!("= {}`, then", d2(m[0].owned_cash)));
    let cash: Vec<String> = m[1..5].iter().map(|x| d2(x.owned_cash)).collect();
    says(&s, &format!("then {}", cash.join(", ")));
    says(
        &s,
        &format!(
            "`{} − {}` in month 6",
            d2(m[5].owned_cash + o.book_value_at_horizon),
            d2(o.book_value_at_horizon)
        ),
    );
    let cum: Vec<String> = m[..5].iter().map(|x| d2(x.cumulative_owned_cash)).collect();
    says(
        &s,
        &format!(
            "cumulative {} and **{}**",
            cum.join(", "),
            d2(m[5].cumulative_owned_cash)
        ),
    );
    says(&s, &format!("Depreciated: {} a month", list(&|x| x.owned)));
    says(
        &s,
        &format!(
            "{} by month 5 and **{}** by month 6",
            d2(m[4].cumulative_owned),
            d2(m[5].cumulative_owned)
        ),
    );
    assert!(m[4].cumulative_owned < m[4].cumulative_self_host);
    assert_eq!(o.first_month_buying_beats_renting, Some(6));
    says(&s, &format!("saving **{}**", d2(o.saving_over_renting)));
    assert_eq!((t.switch_to.key(), t.best_switch_month), ("owned", Some(1)));
    says(
        &s,
        &format!(
            "(`8,000 + {}`), saving **{}**",
            d2(m[5].cumulative_owned_cash - 8_000.0),
            d2(t.savings_at_horizon)
        ),
    );
}

/// §7.3's worked example: the owned fleet's band and chances, from a preset as a user writes it.
#[test]
fn owned_band_section_7_3() {
    let doc = doc();
    let s = subsection(&doc, "7.3");
    let sc = parse_scenario(
        "[workload]\nrequests_per_day = 1000000\n[self_host]\nthroughput = \"given\"\n\
         [owned]\nenabled = true\n[uncertainty.owned]\ngpu_purchase_price = [20000, 40000]\n",
        "doc",
    )
    .unwrap();
    let mc = monte_carlo(&sc, BAND_VOLUMES, 2);
    let o = mc.owned.as_ref().unwrap();
    says(&s, &format!("**p_owned_cheapest = {}**", o.p_cheapest));
    assert_eq!(o.p_cheaper, 1.0);
    says(&s, "**p_owned_cheaper = 1**");
    let [p10, p50, p90] = o.band[0];
    says(
        &s,
        &format!("**{} / {} / {}** a day", d2(p10), d2(p50), d2(p90)),
    );
    // The relation the document derives at the left end: one server, 0.009126 · P + 159.47.
    for p in [p10, p50, p90] {
        let drawn = (p - 159.47) / 0.009126;
        assert!((20_000.0..=40_000.0).contains(&drawn), "{drawn}");
    }
    let rented = Outcome::evaluate(&sc).self_host.usd_per_day;
    says(&s, &format!("rented self-hosting's {}", d2(rented)));
    let err = parse_scenario(
        "[uncertainty.owned]\ndepreciation_months = [0, 10]\n",
        "doc",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("uncertainty.owned.depreciation_months"),
        "{err}"
    );
}

/// §8.2's worked example: the months an ops-capacity exclusion starts in.
#[test]
fn later_exclusions_section_8_2() {
    use crossover::model::Choice;
    let doc = doc();
    let s = subsection(&doc, "8.2");
    let mut sc = Scenario::default();
    sc.workload.requests_per_day = 100_000.0;
    sc.growth.monthly_rate = 0.3;
    sc.engineering.ops_hours_per_replica_month = 5.0;
    let t = timeline(&sc);
    assert_eq!(t.excluded_from(Choice::SelfHost), Some(8));
    assert_eq!(t.excluded_from(Choice::Hybrid), Some(9));
    says(
        &s,
        &format!(
            "month 8 (`100,000 · 1.3^7 = {}`/day, {} replicas; month 7 has {})",
            grouped(t.months[7].requests_per_day, 0),
            t.months[7].replicas,
            t.months[6].replicas
        ),
    );
    says(
        &s,
        &format!("month 9 ({}/day)", grouped(t.months[8].requests_per_day, 0)),
    );
    assert_eq!(t.best_switch_month, None);
    says(&s, "`best_switch_month` is `null`");
    for line in t.later_exclusion_lines() {
        if line.starts_with("Self-host") {
            says(&s, &line);
        }
    }
}

/// §7.4's worked example: the defaults' flip table, recomputed and looked up as the document
/// writes it (two decimals, four for the maintenance hours).
#[test]
fn flips_section_7_4() {
    use crossover::model::flips::{flips, Point};
    let doc = doc();
    let s74 = subsection(&doc, "7.4");
    let t = flips(&Scenario::default());
    let side = |key: &str| -> f64 {
        let r = t.rows.iter().find(|r| r.key == key).unwrap();
        match r.below.or(r.above).map(|s| s.at) {
            Some(Point::Number(x)) => x,
            other => panic!("{key}: {other:?}"),
        }
    };
    says(
        &s74,
        &format!(
            "daily volume above **{}** → self-host (cost)",
            d2(side("workload.requests_per_day"))
        ),
    );
    says(
        &s74,
        &format!(
            "input price above **${}**/Mtok",
            d2(side("api.input_per_mtok"))
        ),
    );
    says(
        &s74,
        &format!(
            "GPU price below **${}**/GPU-h",
            d2(side("self_host.gpu_per_hour"))
        ),
    );
    says(
        &s74,
        &format!(
            "hourly rate below **${}**/h",
            d2(side("engineering.hourly_rate"))
        ),
    );
    says(
        &s74,
        &format!(
            "maintenance below **{}** h/month",
            grouped(side("engineering.maintenance_hours_per_month"), 4)
        ),
    );
}

/// §6.11's worked example of `api.price_schedule`, from a preset as a user writes it: the
/// timeline's months 1, 3, 4 and 16 and the daily view on a later day.
#[test]
fn price_schedule_section_6_11() {
    let doc = doc();
    let s = subsection(&doc, "6.11");
    let text = "[workload]\nrequests_per_day = 20000\n[api]\ncached_input_share = 0.2\n\
        price_schedule = [{ from = \"2027-03-01\", input_per_mtok = 5.0, output_per_mtok = 20.0, cached_input_per_mtok = 2.5 }]\n\
        [self_host]\nthroughput = \"given\"\n[growth]\napi_price_change_per_year = -0.3\nhorizon_months = 16\n";
    let catalog = crossover::catalog::Catalog::default();
    let sc = crossover::model::assessment::resolve(
        &parse_scenario(text, "doc").unwrap(),
        &catalog,
        "2026-12-07",
    );
    let t = timeline(&sc);
    let day = |m: usize| t.months[m - 1].api / DAYS_PER_MONTH;
    says(&s, &format!("API {}/day", d2(day(1))));
    says(&s, &format!("`190 · 0.7^(2/12)` = {}/day", d2(day(3))));
    says(
        &s,
        &format!(
            "`m_s = 4`, `p_s = (1,600 · 5 + 400 · 2.5 + 500 · 20) / 10⁶ = 0.019`, API {}/day",
            d2(day(4))
        ),
    );
    says(&s, &format!("`380 · 0.7^(12/12)` = {}/day", d2(day(16))));
    let mut plain = sc.clone();
    plain.api.price_schedule.clear();
    let without = timeline(&plain).months[15].api / DAYS_PER_MONTH;
    says(&s, &format!("`190 · 0.7^(15/12)` = {}", d2(without)));
    let later = crossover::model::assessment::resolve(
        &parse_scenario(text, "doc").unwrap(),
        &catalog,
        "2027-04-01",
    );
    let api = Outcome::evaluate(&later).api.usd_per_day;
    says(&s, &format!("the daily view's API costs {}/day", d2(api)));
    // The refusal the section promises, as a user meets it.
    let early = format!(
        "prices_as_of = \"2025-06\"\n{}",
        text.replace("2027-03-01", "2024-01-01")
    );
    let e = parse_scenario(&early, "doc").unwrap_err();
    assert_eq!(e.key.as_deref(), Some("api.price_schedule[0].from"));
    says(&s, "`api.price_schedule[0].from`");
}

/// Section 6.12's example of the fixed step time: the fit of dstack's DeepSeek-R1 sweep at 4,
/// 16 and 64 requests at once (3,200/800 tokens) finds the step time and the TPOT after the
/// fit that the document states.
#[test]
fn the_calibration_step_time_example_is_what_the_fit_finds() {
    use crossover::calibrate::config::Flags;
    use crossover::calibrate::run::Load;
    let name = "dstack-deepseek-r1-8xh200-sglang.jsonl";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/calibrate")
        .join(name);
    let runs: Vec<_> = crossover::calibrate::read::read(&path, name, None)
        .unwrap()
        .into_iter()
        .filter(|r| {
            r.output_tokens < 1000.0
                && matches!(r.load, Load::Concurrency(c) if [4.0, 16.0, 64.0].contains(&c))
        })
        .collect();
    assert_eq!(runs.len(), 3);
    let flags = Flags {
        model: Some("DeepSeek R1".into()),
        gpu: Some("H200".into()),
        gpus: Some(8),
        precision: Some("fp8".into()),
        ..Flags::default()
    };
    let lib = crossover::catalog::library();
    let fitted = crossover::calibrate::fit_all(lib, &runs, &flags).unwrap();
    let o = &fitted[0].outcome;
    let text = section(&doc(), "6");
    says(
        &text,
        &format!(
            "`s` {:.1} → {:.1} ms",
            o.step_s.0 * 1e3,
            o.factors.step_s * 1e3
        ),
    );
    let tpot: Vec<String> = o
        .runs
        .iter()
        .map(|r| format!("{:.1}", r.after.tpot_ms.unwrap()))
        .collect();
    says(&text, &format!("TPOT after the fit {} ms", tpot.join(", ")));
    let measured: Vec<String> = o
        .runs
        .iter()
        .map(|r| format!("{:.1}", r.measured.tpot_ms.unwrap()))
        .collect();
    says(&text, &format!("against {} measured", measured.join(", ")));
}

/// Section 6.12's worked example: Lambda's published vLLM run of Llama 3.1 8B fp8 on one H100
/// SXM (tests/fixtures/calibrate/vllm.json), fitted as `crossover calibrate vllm.json --gpu
/// "H100 SXM" --gpus 1` fits it, gives the before and after figures, overhead and step time
/// the document states.
#[test]
fn the_calibration_worked_example_is_what_the_fit_finds() {
    use crossover::calibrate::config::Flags;
    let name = "vllm.json";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/calibrate")
        .join(name);
    let runs = crossover::calibrate::read::read(&path, name, None).unwrap();
    assert_eq!(runs.len(), 1);
    let flags = Flags {
        model: None,
        gpu: Some("H100 SXM".into()),
        gpus: Some(1),
        precision: None,
        ..Flags::default()
    };
    let lib = crossover::catalog::library();
    let fitted = crossover::calibrate::fit_all(lib, &runs, &flags).unwrap();
    let o = &fitted[0].outcome;
    let r = &o.runs[0];
    let text = section(&doc(), "6");
    let fig = |f: &crossover::calibrate::fit::Figures| {
        format!(
            "{:.0} tok/s, TPOT {:.1} ms, TTFT {:.1} ms",
            f.output_tokens_per_second,
            f.tpot_ms.unwrap(),
            f.ttft_ms.unwrap()
        )
    };
    says(&text, &format!("{} against", fig(&r.before)));
    says(
        &text,
        &format!(
            "against {:.0}, {:.1} and {:.1} measured",
            r.measured.output_tokens_per_second,
            r.measured.tpot_ms.unwrap(),
            r.measured.ttft_ms.unwrap()
        ),
    );
    says(
        &text,
        &format!(
            "`h`\n15 → {:.1} ms, `s` {:.2} → {:.1} ms",
            o.overhead_s.1 * 1e3,
            o.step_s.0 * 1e3,
            o.step_s.1 * 1e3
        ),
    );
    says(
        &text,
        &format!(
            "after: {:.0} tok/s, {:.1} ms, {:.1} ms (worst error {:.0}% → {:.1}%)",
            r.after.output_tokens_per_second,
            r.after.tpot_ms.unwrap(),
            r.after.ttft_ms.unwrap(),
            r.before.worst_pct(&r.measured),
            o.worst_error_pct
        ),
    );
}

/// Section 6.12's example of the outlier rule: Llama 4 Scout's concurrency-1 run as the fit
/// uses it, with the figures the document states.
#[test]
fn the_outlier_rule_example_is_what_the_rule_does() {
    use crossover::calibrate::outlier::robust;
    let name = "sgl-cookbook-llama-4-scout-8xmi300x-sglang.jsonl";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/calibrate")
        .join(name);
    let run = crossover::calibrate::read::read(&path, name, None)
        .unwrap()
        .remove(0);
    let (used, what) = robust(&run);
    let (ttft, share) = what.expect("the warm-up run").ttft.unwrap();
    let text = section(&doc(), "6");
    let (mean, median) = (ttft.mean.unwrap(), ttft.p50.unwrap());
    says(
        &text,
        &format!(
            "`φ̄ = {}`, `φ̃ = {median:.2}`, `E = {}` ms",
            grouped(mean, 2),
            grouped(run.e2e_ms.unwrap(), 2)
        ),
    );
    says(
        &text,
        &format!(
            "`x = {} / {} = {:.1}%`",
            grouped(mean - median, 2),
            grouped(run.e2e_ms.unwrap(), 2),
            share * 100.0
        ),
    );
    says(
        &text,
        &format!(
            "`T' = {:.2} / {:.5} = {:.1}` output tokens/s",
            run.output_tokens_per_second,
            1.0 - share,
            used.output_tokens_per_second
        ),
    );
    says(
        &text,
        &format!("`c` stays {:.1}", used.in_flight().unwrap()),
    );
}

/// The held-out misses every fit quotes in its last note are the ones section 6.12's known
/// limits state.
#[test]
fn every_fit_quotes_the_known_limits_of_section_6_12() {
    use crossover::calibrate::fit::{HELD_OUT_LOAD_MISS_PCT, HELD_OUT_SIZE_MISS_PCT};
    let text = section(&doc(), "6");
    says(
        &text,
        &format!(
            "16–{}% between the fitted loads and up to {}% at another prompt size",
            HELD_OUT_LOAD_MISS_PCT, HELD_OUT_SIZE_MISS_PCT
        ),
    );
}
