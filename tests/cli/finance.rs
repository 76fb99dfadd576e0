//! Time and money as a finance team sees them, with the real binary: the timeline follows the
//! constraints month by month and answers for the API's challenger (docs/MODEL.md §8, §8.2).

use serde_json::Value;
use tempfile::TempDir;

use crate::common::cli::stdout_of;

fn json(args: &[&str]) -> Value {
    let cfg = TempDir::new().unwrap();
    let mut all = vec!["report"];
    // Without a preset, the contract's reference scenario (the old default).
    if args.first().is_none_or(|a| a.starts_with("--")) {
        all.push("reference");
    }
    all.extend_from_slice(&["--format", "json"]);
    all.extend_from_slice(args);
    serde_json::from_str(&stdout_of(&cfg, &all)).unwrap()
}

fn text(args: &[&str]) -> String {
    let cfg = TempDir::new().unwrap();
    let mut all = vec!["report"];
    if args.first().is_none_or(|a| a.starts_with("--")) {
        all.push("reference");
    }
    all.extend_from_slice(args);
    stdout_of(&cfg, &all)
}

/// With 10 ops hours against 20 of maintenance, operations excludes every option that runs a
/// model in every month: the timeline recommended "API (decided by operations)" and then
/// "Best month to switch: month 3, saving $5,054,324.57". No switch now, and the report says
/// why.
#[test]
fn no_switch_to_an_option_the_constraints_exclude() {
    let args = [
        "--set",
        "constraints.ops_hours_per_month=10",
        "--set",
        "growth.monthly_rate=0.3",
        "--view",
        "all",
    ];
    let v = json(&args);
    assert_eq!(v["recommendation"]["choice"], "api");
    let t = &v["timeline"];
    assert_eq!(t["best_switch_month"], Value::Null, "{t}");
    assert_eq!(t["savings_at_horizon"], 0.0);
    let out = text(&args);
    assert!(!out.contains("Best month to switch"), "{out}");
    assert!(
        out.contains("Staying on the API: the constraints exclude self-hosting to the end of the horizon (too few ops hours)."),
        "{out}"
    );
}

/// Frontier quality makes the hybrid the challenger: from 2,000 requests/day growing 50% a
/// month, the report said self-hosting was cheaper from month 6 and repaid by month 9, then
/// switched to the hybrid in month 7. Every month answer is now the hybrid's (7 and 10), named.
#[test]
fn the_month_answers_are_the_challengers() {
    let args = [
        "--set",
        "constraints.needs_frontier_quality=true",
        "--set",
        "workload.requests_per_day=2000",
        "--set",
        "growth.monthly_rate=0.5",
        "--view",
        "timeline",
    ];
    let t = json(&args);
    assert_eq!(t["challenger"], "hybrid");
    assert_eq!(t["switch_to"], "hybrid");
    assert_eq!(t["first_month_cheaper"], 7);
    assert_eq!(t["first_month_repaid"], 10);
    assert_eq!(t["best_switch_month"], 7);
    // The hybrid's own months, from its columns.
    let months = t["months"].as_array().unwrap();
    let first = |f: &dyn Fn(&Value) -> bool| months.iter().position(f).map(|i| i + 1);
    let cheaper = first(&|m: &Value| m["hybrid_usd"].as_f64() < m["api_usd"].as_f64());
    let repaid =
        first(&|m: &Value| m["cumulative_hybrid_usd"].as_f64() < m["cumulative_api_usd"].as_f64());
    assert_eq!((cheaper, repaid), (Some(7), Some(10)));
    let out = text(&args);
    assert!(
        out.contains("The hybrid's monthly cost first falls below the API's in month 7."),
        "{out}"
    );
    assert!(
        out.contains("Best month to switch from the API to the hybrid: month 7"),
        "{out}"
    );
    assert!(!out.contains("Self-hosting's monthly cost"), "{out}");
}

/// Privacy excludes the API: the timeline said "Staying on the API is cheapest over the
/// horizon". It now compares the options allowed and never stays on the API.
#[test]
fn with_the_api_excluded_the_timeline_never_stays_on_it() {
    for extra in [&[][..], &["--set", "owned.enabled=true"][..]] {
        let mut args = vec!["privacy-first", "--view", "timeline"];
        args.extend_from_slice(extra);
        let t = json(&args);
        assert_eq!(
            t["api_excluded"], "excluded: data must stay in-house",
            "{t}"
        );
        assert_eq!(t["best_switch_month"], Value::Null);
        assert_eq!(t["first_month_cheaper"], Value::Null);
        assert_eq!(t["first_month_repaid"], Value::Null);
        assert_eq!(t["cheapest_from_start"], "self_host");
        let out = text(&args);
        assert!(!out.contains("Staying on the API"), "{out}");
        assert!(!out.contains("below the API's"), "{out}");
        assert!(
            out.contains("The API is excluded (data must stay in-house), so nothing switches from it: of the options allowed, self-hosting from month 1 costs least over the 24 months."),
            "{out}"
        );
    }
}

/// A launch deadline shorter than the setup excludes self-hosting at launch only (docs/MODEL.md
/// §8.2): 80 setup hours are 2 weeks, done inside month 1, so a switch may come from month 2.
#[test]
fn a_deadline_delays_the_switch_to_after_the_setup() {
    let t = json(&[
        "--set",
        "workload.requests_per_day=100000",
        "--set",
        "constraints.launch_deadline_weeks=1",
        "--view",
        "timeline",
    ]);
    assert_eq!(t["first_month_cheaper"], 1, "{t}");
    assert_eq!(t["best_switch_month"], 2);
    assert_eq!(t["switch_to"], "self_host");
}

/// A reserved GPU is a commitment (docs/MODEL.md §8.3): when traffic falls to a tenth, the 10
/// replicas reserved for 12 months are still billed (they were billed month to month, 9 of
/// them dropping out). `--gpu NAME@reserved` sets the 1-year offering's 12-month term.
#[test]
fn reserved_replicas_are_billed_through_their_term() {
    let dir = TempDir::new().unwrap();
    let preset = dir.path().join("fall.toml");
    std::fs::write(
        &preset,
        "[workload]\nrequests_per_day = 1000000\n[self_host]\nthroughput = \"given\"\nreserved_term_months = 12\n\
         [growth]\nhorizon_months = 16\nsteps = [{ month = 4, factor = 0.1 }]\n",
    )
    .unwrap();
    let t = json(&[preset.to_str().unwrap(), "--view", "timeline"]);
    assert_eq!(t["reserved_term_months"], 12);
    let months = t["months"].as_array().unwrap();
    let col = |k: &str| -> Vec<f64> { months.iter().map(|m| m[k].as_f64().unwrap()).collect() };
    let (billed, needed, cost) = (
        col("billed_replicas"),
        col("replicas"),
        col("self_host_usd"),
    );
    assert_eq!(
        (needed[3], billed[3], billed[11], billed[12]),
        (1.0, 10.0, 10.0, 1.0)
    );
    assert!(
        (cost[3] - cost[0]).abs() < 1e-6,
        "month 4 pays what month 1 did"
    );
    assert!((col("committed_usd")[0] - 220_976.25).abs() < 1e-6);
    let out = text(&[preset.to_str().unwrap(), "--view", "timeline"]);
    assert!(
        out.contains("Reserved GPUs are billed 12 months from each reservation, needed or not: $220,976.25 of rent committed at the end of month 1; 10 replicas billed in month 4 while the traffic needs 1."),
        "{out}"
    );
    // Month to month (the default), the same fall bills 1 replica from month 4.
    let t = json(&[
        "--set",
        "workload.requests_per_day=1000000",
        "--view",
        "timeline",
    ]);
    assert_eq!(t["reserved_term_months"], 0);
    assert!(t["months"][0].get("committed_usd").is_none());
    let t = json(&["--gpu", "H100 SXM@reserved", "--view", "timeline"]);
    assert_eq!(t["reserved_term_months"], 12);
    let t = json(&["--gpu", "H100 SXM@spot", "--view", "timeline"]);
    assert_eq!(t["reserved_term_months"], 0);
}

/// docs/MODEL.md §7.1–§7.2: the tornado swings the levers that decide, and says where a swing
/// flips the answer; the Monte Carlo says what it held. At 20,000 requests/day with 22 ops
/// hours, self-hosting wins on cost (gap −46.39 a day); maintenance at 25 h crosses the ops
/// capacity (API by operations), and the batch share, at 0, swung to 1 halves the API (API by
/// cost). Before, the batch share swung "0 → 0" and the constraint showed only as a cost gap.
#[test]
fn the_tornado_marks_the_swings_that_flip_and_the_monte_carlo_says_what_it_held() {
    let dir = TempDir::new().unwrap();
    let preset = dir.path().join("levers.toml");
    std::fs::write(
        &preset,
        "[workload]\nrequests_per_day = 20000\n[self_host]\nthroughput = \"given\"\n\
         [constraints]\nops_hours_per_month = 22\n[uncertainty.self_host]\ngpu_per_hour = [2, 3]\n",
    )
    .unwrap();
    let p = preset.to_str().unwrap();
    let v = json(&[p, "--view", "all"]);
    let t = &v["sensitivity"];
    assert_eq!(
        (t["recommended"].as_str(), t["target"].as_str()),
        (Some("self_host"), Some("self_host"))
    );
    let row = |k: &str| {
        t["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == k)
            .unwrap_or_else(|| panic!("{k}: {t}"))
            .clone()
    };
    let m = row("engineering.maintenance_hours_per_month");
    assert_eq!(
        (m["low"].as_f64(), m["high"].as_f64()),
        (Some(15.0), Some(25.0))
    );
    assert_eq!(m["flips_low"], Value::Null);
    assert_eq!(m["flips_high"]["to"], "api");
    assert_eq!(m["flips_high"]["reason"], "operations");
    let b = row("api.batch_share");
    assert_eq!(
        (b["low"].as_f64(), b["high"].as_f64()),
        (Some(0.0), Some(1.0))
    );
    assert_eq!(b["flips_high"]["reason"], "cost");
    assert!((b["gap_usd_per_day_high"].as_f64().unwrap() - 53.611).abs() < 1e-3);
    assert_eq!(row("engineering.hourly_rate")["flips_high"], Value::Null);
    row("hybrid.local_share");
    let held = v["uncertainty"]["conditional_on"].as_array().unwrap();
    let keys: Vec<&str> = held.iter().map(|h| h["key"].as_str().unwrap()).collect();
    assert!(keys.contains(&"api.batch_share"), "{keys:?}");
    assert!(!keys.contains(&"self_host.gpu_per_hour"), "{keys:?}");
    let out = text(&[p, "--view", "all"]);
    assert!(out.contains("flips: high → API (operations)"), "{out}");
    assert!(out.contains("flips: high → API (cost)"), "{out}");
    assert!(
        out.contains("Conditional on (held at today's value, not sampled): "),
        "{out}"
    );
    let md = text(&[p, "--view", "sensitivity", "--format", "markdown"]);
    assert!(
        md.contains("| **flips: high → API (operations)** |"),
        "{md}"
    );
    let md = text(&[p, "--view", "uncertainty", "--format", "markdown"]);
    assert!(
        md.contains("Conditional on (held at today's value, not sampled): "),
        "{md}"
    );
}

/// The CSV carries the flip table (after the tornado) and the timeline's answers (after its
/// months), each as a table of its own after a `# table:` line
/// (docs/MODEL.md §9). The frontier hybrid's months are 7 and 10 and its switch month 7, as in
/// JSON; the reference defaults flip to self-hosting above 15,361.1 requests/day (S / $0.01).
#[test]
fn csv_carries_the_flip_table_and_the_timeline_answers() {
    let t = text(&[
        "--set",
        "constraints.needs_frontier_quality=true",
        "--set",
        "workload.requests_per_day=2000",
        "--set",
        "growth.monthly_rate=0.5",
        "--view",
        "timeline",
        "--format",
        "csv",
    ]);
    let (_, answers) = t.split_once("# table: answers\n").expect(&t);
    let lines: Vec<&str> = answers.lines().collect();
    assert_eq!(
        lines[0],
        "challenger,first_month_cheaper,first_month_repaid,best_switch_month,switch_to,savings_at_horizon_usd,api_excluded,cheapest_from_start"
    );
    assert!(
        lines[1].starts_with("hybrid,7,10,7,hybrid,"),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with(",,"), "{}", lines[1]);
    let s = text(&["--view", "sensitivity", "--format", "csv"]);
    let (tornado, flips) = s.split_once("# table: flips\n").expect(&s);
    assert!(tornado
        .lines()
        .next()
        .unwrap()
        .ends_with("breakeven_high,flips_low_to,flips_low_reason,flips_high_to,flips_high_reason"));
    let rows: Vec<&str> = flips.lines().collect();
    assert_eq!(
        rows[0],
        "key,value,below,above,to,reason,cannot_serve,cannot_serve_kind,cannot_serve_text"
    );
    assert!(
        rows.contains(&"workload.requests_per_day,10000,,15361.1,self_host,cost,,,"),
        "{flips}"
    );
    assert!(
        rows.contains(&"constraints.data_must_stay_in_house,0,,true,self_host,privacy,,,"),
        "{flips}"
    );
}

/// Serverless like the bills (docs/MODEL.md §6.6): an idle tail after each burst is billed.
/// Per-second billing at $0.001 a GPU-second, 2 GPUs a replica, 50 starts a day, a 30 s cold
/// start and a 60 s minimum: a 45 s tail bills max(30 + 45, 60) = 75 s a start instead of 60,
/// 50 × 15 × 0.002 = $1.50 more of GPU a day; a tail outside 0–86,400 exits 2 naming the key.
#[test]
fn an_idle_tail_is_billed_after_each_burst() {
    let base = [
        "--set",
        "self_host.billing=per_second",
        "--set",
        "self_host.gpu_per_second=0.001",
        "--set",
        "self_host.gpus_per_replica=2",
        "--set",
        "self_host.cold_start_seconds=30",
        "--set",
        "self_host.min_billed_seconds=60",
        "--set",
        "self_host.scale_ups_per_day=50",
    ];
    let gpu = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        json(&args)["self_host"]["gpu_usd_per_day"]
            .as_f64()
            .unwrap()
    };
    let without = gpu(&[]);
    let with = gpu(&["--set", "self_host.idle_tail_seconds=45"]);
    assert!((with - without - 1.5).abs() < 1e-9, "{without} → {with}");
    let cfg = TempDir::new().unwrap();
    let out = crate::common::cli::crossover(&cfg)
        .args([
            "report",
            "reference",
            "--set",
            "self_host.idle_tail_seconds=-1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("self_host.idle_tail_seconds"), "{err}");
}

/// Ownership like a TCO sheet (docs/MODEL.md §6.9, §8.1): server power beyond the GPUs,
/// support, the cost of capital and a resale value, each counted in the daily cost (§6.9's
/// worked example: $1,147.06/day, against $788.90 without them); the timeline's owned line is
/// cash (the servers paid in the month bought, at that month's price, their worth taken back at
/// the horizon) and meets the depreciated line there; a value out of range exits 2 naming the
/// key.
#[test]
fn ownership_is_counted_like_a_tco_sheet() {
    let tco = [
        "--set",
        "workload.requests_per_day=1000000",
        "--set",
        "self_host.fixed_per_month=304.375",
        "--set",
        "owned.enabled=true",
        "--set",
        "owned.server_power_watts=1500",
        "--set",
        "owned.support_share_per_year=0.2",
        "--set",
        "owned.cost_of_capital_per_year=0.08",
        "--set",
        "owned.resale_share=0.1",
        "--set",
        "growth.purchase_price_change_per_year=-0.2",
        "--set",
        "growth.monthly_rate=0.1",
    ];
    let v = json(&[&tco[..], &["--view", "all"]].concat());
    let o = &v["owned"];
    let f = |k: &str| o[k].as_f64().unwrap_or_else(|| panic!("no {k} in {o}"));
    assert!((f("usd_per_day") - 1_147.06).abs() < 5e-3, "{o}");
    assert!((f("support_usd_per_day") - 2.0 * 60_000.0 / 365.25).abs() < 1e-9);
    assert!((f("capital_usd_per_day") - 2.0 * 13_200.0 / 365.25).abs() < 1e-9);
    assert!((f("power_usd_per_day") - 2.0 * 28.6272).abs() < 1e-9);
    let t = &v["timeline"];
    let months = t["months"].as_array().unwrap();
    let n = |m: &Value, k: &str| m[k].as_f64().unwrap_or_else(|| panic!("no {k} in {m}"));
    // Servers bought later cost less: 20% a year cheaper.
    let bought: Vec<(usize, f64)> = months
        .iter()
        .enumerate()
        .filter(|(_, m)| n(m, "owned_purchase_usd") > 0.0)
        .map(|(i, m)| (i, n(m, "owned_purchase_usd")))
        .collect();
    assert!(bought.len() >= 2, "{bought:?}");
    let (i, last) = bought[bought.len() - 1];
    let price = 300_000.0 * 0.8f64.powf(i as f64 / 12.0);
    assert!(
        (last / price - (last / price).round()).abs() < 1e-9,
        "{last} at {price}"
    );
    // Cash: the purchase in month 1 and no depreciation; the lines meet at the horizon.
    let first = &months[0];
    assert!(
        (n(first, "owned_cash_usd")
            - n(first, "owned_usd")
            - (n(first, "owned_purchase_usd") - n(first, "owned_depreciation_usd")))
        .abs()
            < 1e-6
    );
    let end = months.last().unwrap();
    assert!(
        (n(end, "cumulative_owned_cash_usd") - n(end, "cumulative_owned_usd")).abs() < 1e-6,
        "{end}"
    );
    let book = t["owned"]["book_value_at_horizon_usd"].as_f64().unwrap();
    assert!(book > 0.0);
    let mid = &months[months.len() / 2];
    assert!(n(mid, "cumulative_owned_cash_usd") > n(mid, "cumulative_owned_usd"));
    // The report says it in words.
    let words = text(&[&tco[..], &["--view", "costs"]].concat());
    assert!(
        words.contains("to a resale value of 10%")
            && words.contains("support $328.54/day")
            && words.contains("cost of capital $72.28/day")
            && words.contains("and 1,500 W a server beyond its GPUs"),
        "{words}"
    );
    for bad in [
        "owned.resale_share=1.5",
        "growth.purchase_price_change_per_year=-2",
    ] {
        let cfg = TempDir::new().unwrap();
        let out = crate::common::cli::crossover(&cfg)
            .args(["report", "reference", "--set", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        let key = bad.split('=').next().unwrap();
        assert!(err.contains(key), "{err}");
    }
}

/// Serverless starts that grow with the traffic (docs/MODEL.md §6.6): with
/// `self_host.scale_ups = "with_traffic"` zero volume bills no start, 25 requests/day bill 20
/// (S = 82.78 against 86.92 with the 50 fixed starts), and with cheap, many starts the low
/// piece's break-even (12,519.56) replaces the fixed one's (26,675.79); an unknown value exits
/// 2 naming the key and the values allowed.
#[test]
fn serverless_starts_grow_with_the_traffic() {
    let base = [
        "--set",
        "workload.response_cache_hit_rate=0.2",
        "--set",
        "self_host.gpus_per_replica=2",
        "--set",
        "self_host.target_utilization=0.8",
        "--set",
        "self_host.overhead_share=0.15",
        "--set",
        "engineering.maintenance_hours_per_month=20",
        "--set",
        "engineering.setup_hours=0",
        "--set",
        "engineering.hourly_rate=121.75",
        "--set",
        "self_host.billing=per_second",
        "--set",
        "self_host.gpu_per_second=0.001",
        "--set",
        "self_host.cold_start_seconds=60",
        "--set",
        "self_host.scale_ups_per_day=50",
        "--set",
        "self_host.scale_ups=with_traffic",
    ];
    let run = |extra: &[&str]| json(&[&base[..], extra].concat());
    // engineering 121.75 · 20 / D = 80/day; no GPU at zero volume.
    let zero = run(&["--set", "workload.requests_per_day=0"]);
    assert_eq!(zero["self_host"]["gpu_usd_per_day"].as_f64(), Some(0.0));
    assert!((zero["self_host"]["usd_per_day"].as_f64().unwrap() - 80.0).abs() < 1e-9);
    let few = run(&["--set", "workload.requests_per_day=25"]);
    let s = few["self_host"]["usd_per_day"].as_f64().unwrap();
    assert!((s - (80.0 + 2.415 * 1.15)).abs() < 1e-9, "{s}");
    let cheap = [
        "--set",
        "self_host.cold_start_seconds=0.5",
        "--set",
        "self_host.scale_ups_per_day=100000",
    ];
    let v = run(&cheap);
    let b = v["breakeven_requests_per_day"].as_f64().unwrap();
    assert!((b - 80.0 / 0.00639).abs() < 1e-6, "{b}");
    let fixed = run(&[&cheap[..], &["--set", "self_host.scale_ups=fixed"]].concat());
    let b = fixed["breakeven_requests_per_day"].as_f64().unwrap();
    assert!((b - 195.0 / 0.00731).abs() < 1e-6, "{b}");
    let words = text(&[&base[..], &["--view", "costs"]].concat());
    assert!(words.contains("starts growing with the traffic"), "{words}");
    let cfg = TempDir::new().unwrap();
    let out = crate::common::cli::crossover(&cfg)
        .args([
            "report",
            "reference",
            "--set",
            "self_host.scale_ups=sometimes",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("self_host.scale_ups") && err.contains("with_traffic"),
        "{err}"
    );
}
