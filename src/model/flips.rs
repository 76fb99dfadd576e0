//! What would flip the answer (docs/MODEL.md §7.4): for each input, the nearest value below and
//! above its current one, inside the key's allowed range, at which the recommendation changes,
//! and to what; for each switch (a boolean), the recommendation were it flipped.
//!
//! The verdict is §4's rules at the scenario's volume, constraints included: a swing that
//! crosses one (maintenance above the ops capacity) flips the answer like a cost does. Each
//! input is walked away from its value on a ladder (doubling steps, and sixteen even steps to
//! the end of its range); the first rung with another verdict is bisected against the last
//! with the same one to 0.1%, then moved to the shortest decimal in that bracket that still
//! flips. Facts only: the wording is the reports' and the dashboard's.

use super::allowed::Rules;
use super::cost::Rates;
use super::fields::{self, Field, Kind, Value};
use super::owned_cost::OwnedRates;
use super::recommend::{choose, Choice, Criterion, DailyCosts};
use super::scenario::Scenario;
use super::serving::{Serving, Unserved};
use super::throughput::replica;
use super::throughput::settings::Source;

/// The recommendation as the flip table compares it: the option (`None` when none can serve)
/// and the criterion that decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub choice: Option<Choice>,
    pub criterion: Criterion,
}

/// §4's verdict for `sc` at its own volume, without the sentences: the same decision as
/// [`super::Outcome::evaluate`]'s recommendation.
pub fn verdict(sc: &Scenario) -> Verdict {
    verdict_serving(sc, &Serving::with_window(sc, Serving::model_window(sc)))
}

/// [`verdict`] with the serving verdicts of a scenario that differs from `sc` only in keys
/// they do not read (not in [`SERVING_INPUTS`]).
fn verdict_serving(sc: &Scenario, serving: &Serving) -> Verdict {
    decide(sc, serving).0
}

/// [`verdict_serving`] with the rules it applied (the serving verdicts among them).
fn decide(sc: &Scenario, serving: &Serving) -> (Verdict, Rules) {
    let rates = Rates::new(sc);
    let rules = Rules::with_rates(sc, serving, &rates);
    (decide_with(sc, &rates, &rules), rules)
}

/// [`decide`] with the serving verdicts made again (the local model's window `window`), from
/// one estimate for them and the costs.
fn decide_rated(sc: &Scenario, window: Option<f64>) -> (Verdict, Rules) {
    let (serving, throughput) = Serving::rated(sc, window);
    let rates = Rates::with_throughput(sc, throughput);
    let rules = Rules::with_rates(sc, &serving, &rates);
    (decide_with(sc, &rates, &rules), rules)
}

/// The verdict with the rates and the rules already made. The daily costs are the `_usd`
/// forms, equal to the breakdowns' totals without building them.
fn decide_with(sc: &Scenario, rates: &Rates, rules: &Rules) -> Verdict {
    let v = sc.workload.requests_per_day;
    let costs = DailyCosts {
        api: rates.api_usd(v),
        hybrid: rates.hybrid_usd(v),
        self_host: rates.self_host_usd(v),
        owned: sc
            .owned
            .enabled
            .then(|| OwnedRates::new(sc, rates).cost(rates, v).usd_per_day),
    };
    let (choice, criterion) = choose(sc, rates, &costs, rules);
    Verdict { choice, criterion }
}

/// The verdict at a moved value, and whether today's option `now` cannot serve there.
fn found(sc: &Scenario, serving: &Serving, now: Verdict) -> Found {
    let (v, rules) = decide(sc, serving);
    (v, cannot_serve(&rules, now))
}

/// Whether today's option `now` cannot serve under `rules`, and why.
fn cannot_serve(rules: &Rules, now: Verdict) -> Option<CannotServe> {
    now.choice.and_then(|option| {
        rules
            .unserved(option)
            .map(|why| CannotServe { option, why })
    })
}

/// A verdict found at a moved value, with why today's option cannot serve there, if it
/// cannot.
type Found = (Verdict, Option<CannotServe>);

/// [`verdict`] of `sc`, a copy of a scenario whose serving verdicts are `serving` (its model's
/// window `window`) with only `key` moved: the serving verdicts are made again when `key` moves
/// them ([`SERVING_INPUTS`], the estimate's inputs). The tornado's ends use it.
pub(crate) fn verdict_moved(
    sc: &Scenario,
    key: &str,
    serving: &Serving,
    window: Option<f64>,
) -> Verdict {
    if SERVING_INPUTS.contains(&key) || replica::ESTIMATE_INPUTS.contains(&key) {
        decide_rated(sc, window).0
    } else {
        verdict_serving(sc, serving)
    }
}

/// A value at which the answer changes: a number, or a switch's other setting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Point {
    Number(f64),
    Switch(bool),
}

impl Point {
    /// The point as the value its key takes (`Field::set`).
    pub fn value(self) -> Value {
        match self {
            Point::Number(x) => Value::Number(x),
            Point::Switch(b) => Value::Bool(b),
        }
    }
}

/// One side of a row: the value that flips the answer, and the last value found on the way
/// there that keeps today's (the key's own value for a switch): the threshold lies between.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Side {
    pub at: Point,
    pub holds: f64,
}

/// Today's option stops being able to serve the requests at a row's flipping value
/// (docs/MODEL.md §6.4): that is why the answer flips, whatever the costs there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CannotServe {
    /// Today's recommended option.
    pub option: Choice,
    /// Why it cannot serve at the flipping value, with the figures there.
    pub why: Unserved,
}

/// One row of the table: moving `key` to `below` (under its value) or `above` (over it)
/// changes the recommendation to `to`, decided by `reason`. A key that flips to different
/// answers, or for different causes, on its two sides has a row for each.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flip {
    pub key: &'static str,
    /// The key's value now (a switch's as 0 or 1).
    pub value: f64,
    pub below: Option<Side>,
    pub above: Option<Side>,
    pub to: Option<Choice>,
    pub reason: Criterion,
    /// Set when the flip comes from today's option becoming unable to serve the requests
    /// (`None`: the costs or a constraint flip it).
    pub cannot_serve: Option<CannotServe>,
}

/// The table, with the verdict it flips.
#[derive(Debug, Clone, PartialEq)]
pub struct Flips {
    pub now: Verdict,
    /// Nearest first ([`Flip::distance`]; ties in key order, a key's row below before its row
    /// above), switches last.
    pub rows: Vec<Flip>,
    /// How many keys were tried.
    pub keys: usize,
}

/// Keys whose 0 means "none" or "the other key's" (no deadline, no window given, no
/// long-context tier, no latency target, the output size, the hourly price / 3600): a value
/// just above 0 is another question, so they are tried only when set. (With an estimated
/// throughput the given tokens per second are unused, and not tried either.)
pub(crate) const ZERO_IS_NONE: &[&str] = &[
    "constraints.launch_deadline_weeks",
    "api.context_window",
    "api.long_context_above_tokens",
    "workload.local_output_tokens",
    "self_host.gpu_per_second",
    "self_host.ttft_ms",
    "self_host.tpot_ms",
];

/// The numeric keys the serving verdicts read (docs/MODEL.md §6.4): the token sizes, the API's
/// window and the estimate's inputs. Walking any other key keeps them.
pub(crate) const SERVING_INPUTS: &[&str] = &[
    "workload.input_tokens",
    "workload.output_tokens",
    "workload.local_output_tokens",
    "api.context_window",
    "self_host.gpus_per_replica",
    "self_host.ttft_ms",
    "self_host.tpot_ms",
];

/// The numeric keys the rules read beside the serving verdicts (docs/MODEL.md §6.4): the
/// hybrid's shares (whether its API tiers bind it), the ops capacity and hours, the setup and
/// the deadline. With the owned fleet offered every key may move the rules (its rates follow
/// all of them). Walking any other key, with the serving verdicts kept, keeps the rules.
pub(crate) const RULES_INPUTS: &[&str] = &[
    "hybrid.local_share",
    "hybrid.local_escalation_rate",
    "hybrid.cheap_share",
    "engineering.setup_hours",
    "engineering.maintenance_hours_per_month",
    "engineering.ops_hours_per_replica_month",
    "constraints.ops_hours_per_month",
    "constraints.launch_deadline_weeks",
];

/// Whether moving `key` cannot change `sc`'s verdict at any value: the term it prices is off
/// (no cached or cache-write share, no batch share, no long-context tier, no cheap tier), or
/// the billing does not read it (the active hours outside `active_hours`, the scale-up
/// figures outside `per_second`, the interruption share off spot). Such a key flips nothing,
/// so the walk passes it over: the same table. With the owned fleet offered none is.
fn inert(sc: &Scenario, key: &str) -> bool {
    use super::billing::{Mode, Offering};
    let (api, b) = (&sc.api, &sc.self_host.billing);
    let tokens_priced = api.usd_per_request == 0.0;
    let mode = b.effective_mode();
    !sc.owned.enabled
        && match key {
            "api.cached_input_per_mtok" => tokens_priced && api.cached_input_share == 0.0,
            "api.cache_write_per_mtok" => tokens_priced && api.cache_write_share == 0.0,
            "api.batch_discount" => api.batch_share == 0.0,
            "api.long_context_input_per_mtok"
            | "api.long_context_output_per_mtok"
            | "api.long_context_cached_input_per_mtok"
            | "api.long_context_cache_write_per_mtok" => api.long_context_above_tokens == 0,
            "hybrid.cheap_input_per_mtok"
            | "hybrid.cheap_cached_input_per_mtok"
            | "hybrid.cheap_output_per_mtok"
            | "hybrid.cheap_escalation_rate" => sc.hybrid.cheap_share == 0.0,
            "self_host.active_hours_per_day" => mode != Mode::ActiveHours,
            "self_host.cold_start_seconds"
            | "self_host.idle_tail_seconds"
            | "self_host.min_billed_seconds"
            | "self_host.scale_ups_per_day" => mode != Mode::PerSecond,
            "self_host.spot_interruption_share" => b.offering != Offering::Spot,
            _ => false,
        }
}

/// The switches tried: each changes who may run what.
pub(crate) const SWITCHES: &[&str] = &[
    "constraints.data_must_stay_in_house",
    "constraints.needs_frontier_quality",
    "owned.enabled",
];

/// The numeric keys tried: every number of the sections that move a cost or a constraint
/// (`workload`, `api`, `self_host`, `engineering`, `hybrid`, `constraints`, and `owned` when
/// the owned fleet is offered), but the reserved term, which moves the timeline only.
pub fn inputs(sc: &Scenario) -> impl Iterator<Item = &'static Field> + '_ {
    fields::all().filter(move |f| {
        let section = f.section();
        matches!(f.kind, Kind::Number | Kind::Integer)
            && (matches!(
                section,
                "workload" | "api" | "self_host" | "engineering" | "hybrid" | "constraints"
            ) || (section == "owned" && sc.owned.enabled))
            && f.key != "self_host.reserved_term_months"
    })
}

/// The flip table of `sc` (docs/MODEL.md §7.4).
pub fn flips(sc: &Scenario) -> Flips {
    table(sc, true)
}

/// [`flips`], with or without the walk's shortcuts ([`Walked::shortcuts`]).
fn table(sc: &Scenario, shortcuts: bool) -> Flips {
    let now = verdict(sc);
    let mut rows = Vec::new();
    let mut keys = 0;
    let estimated = sc.self_host.estimate.source == Source::Estimate;
    // An estimate that holds is made once: the keys it does not read walk a copy with its
    // rates written in, as the Monte Carlo does (the verdict is the same).
    let frozen = if estimated && Serving::of(sc).estimate_error.is_none() {
        replica::freeze(sc).into_owned()
    } else {
        sc.clone()
    };
    let window = Serving::model_window(sc);
    let serving = Serving::with_window(&frozen, window);
    let rules = Rules::with_serving(&frozen, &serving);
    let tried: Vec<&'static Field> = inputs(sc)
        .filter(|f| {
            let x = f.number(sc);
            let unused = estimated && f.key.ends_with("_tokens_per_second");
            !(unused || (x == 0.0 && ZERO_IS_NONE.contains(&f.key)))
        })
        .collect();
    keys += tried.len();
    let walked = Walked {
        sc,
        frozen: &frozen,
        serving: &serving,
        rules: &rules,
        window,
        now,
        shortcuts,
    };
    for (f, (below, above)) in tried.iter().zip(walked.all(&tried)) {
        push_sides(&mut rows, f.key, f.number(sc), below, above);
    }
    let mut work = sc.clone();
    for &key in SWITCHES {
        let Some(f) = fields::field(key) else {
            continue;
        };
        keys += 1;
        let Value::Bool(b) = f.get(sc) else {
            continue;
        };
        f.set(&mut work, Value::Bool(!b));
        let v = valid(&work).then(|| {
            let serving = Serving::with_window(&work, Serving::model_window(&work));
            found(&work, &serving, now)
        });
        f.set(&mut work, Value::Bool(b));
        if let Some(v) = v.filter(|v| v.0.choice != now.choice) {
            let holds = f64::from(u8::from(b));
            let side = Some((
                Side {
                    at: Point::Switch(!b),
                    holds,
                },
                v,
            ));
            let (below, above) = if b { (side, None) } else { (None, side) };
            push_sides(&mut rows, key, f64::from(u8::from(b)), below, above);
        }
    }
    rows.sort_by(|a, b| a.distance().total_cmp(&b.distance()));
    Flips { now, rows, keys }
}

impl Flip {
    /// How far the nearer side lies from the value, as a share of it: the table lists the
    /// nearest flips first, then inputs at 0 (no share to measure), then switches.
    pub fn distance(&self) -> f64 {
        [self.below, self.above]
            .into_iter()
            .flatten()
            .map(|s| match s.at {
                Point::Number(_) if self.value == 0.0 => f64::MAX,
                Point::Number(y) => (y - self.value).abs() / self.value.abs(),
                Point::Switch(_) => f64::INFINITY,
            })
            .fold(f64::INFINITY, f64::min)
    }
}

/// One row per side, or one for both when both sides flip to the same answer for the same
/// reason and cause.
fn push_sides(
    rows: &mut Vec<Flip>,
    key: &'static str,
    value: f64,
    below: Option<(Side, Found)>,
    above: Option<(Side, Found)>,
) {
    let row = |below, above, (v, cannot_serve): Found| Flip {
        key,
        value,
        below,
        above,
        to: v.choice,
        reason: v.criterion,
        cannot_serve,
    };
    match (below, above) {
        (Some((b, vb)), Some((a, va))) if vb == va => rows.push(row(Some(b), Some(a), vb)),
        (b, a) => {
            if let Some((b, vb)) = b {
                rows.push(row(Some(b), None, vb));
            }
            if let Some((a, va)) = a {
                rows.push(row(None, Some(a), va));
            }
        }
    }
}

/// Both sides of one input's walk.
type Sides = (Option<(Side, Found)>, Option<(Side, Found)>);

/// What every input's walk reads: the scenario, its copy with a holding estimate written in,
/// the serving verdicts and the rules of that copy and the local model's window.
struct Walked<'a> {
    sc: &'a Scenario,
    frozen: &'a Scenario,
    serving: &'a Serving,
    rules: &'a Rules,
    window: Option<f64>,
    now: Verdict,
    /// Take the shortcuts: walk a key the estimate does not read on the copy with the
    /// estimate written in, and make once what the key cannot move (the serving verdicts,
    /// the rules, the cross-key checks). Off, every value is evaluated in full (the tests
    /// compare the two tables).
    shortcuts: bool,
}

impl Walked<'_> {
    /// Each input of `tried` walked both ways, in order. (On two threads this was slower on
    /// the shared machine: the second thread waited for a core, 8.5–11.4 ms against 6 ms.)
    fn all(&self, tried: &[&'static Field]) -> Vec<Sides> {
        let mut work = self.sc.clone();
        let mut quick = self.frozen.clone();
        // Whether each copy passes the cross-key checks as it is: a key none of them reads
        // keeps that answer wherever it moves.
        let (work_valid, quick_valid) = (Some(valid(&work)), Some(valid(&quick)));
        tried
            .iter()
            .map(|&f| {
                if self.shortcuts && inert(self.sc, f.key) {
                    return (None, None);
                }
                let x = f.number(self.sc);
                let (w, base_valid, served) = if !self.shortcuts {
                    (&mut work, None, Served::Window(self.window))
                } else if replica::ESTIMATE_INPUTS.contains(&f.key) {
                    (&mut work, work_valid, Served::Window(self.window))
                } else if SERVING_INPUTS.contains(&f.key) {
                    (&mut quick, quick_valid, Served::Window(self.window))
                } else if self.sc.owned.enabled || RULES_INPUTS.contains(&f.key) {
                    (&mut quick, quick_valid, Served::Same(self.serving))
                } else {
                    (&mut quick, quick_valid, Served::Fixed(self.rules))
                };
                let cross = base_valid.filter(|_| !fields::CROSS_INPUTS.contains(&f.key));
                let below = Walk::new(f, x, -1.0, served, cross).nearest(w, self.now);
                let above = Walk::new(f, x, 1.0, served, cross).nearest(w, self.now);
                f.set(w, Value::Number(x));
                (below, above)
            })
            .collect()
    }
}

/// Whether the cross-key checks accept `sc` (a share pair summing above 1 is no scenario).
fn valid(sc: &Scenario) -> bool {
    fields::check_cross(sc).is_ok()
}

/// How a walk finds the serving verdicts and the rules: both the same throughout (the key
/// moves neither), the serving verdicts the same and the rules made again, or both made again
/// at each value with the local model's window looked up once (and one estimate for the
/// verdicts and the costs).
#[derive(Clone, Copy)]
enum Served<'a> {
    Fixed(&'a Rules),
    Same(&'a Serving),
    Window(Option<f64>),
}

/// One input walked one way from its value.
struct Walk<'a> {
    field: &'static Field,
    serving: Served<'a>,
    /// Whether the cross-key checks accept every value, when the key is none they read
    /// (`None`: checked at each value).
    cross: Option<bool>,
    x: f64,
    /// +1 up, −1 down.
    dir: f64,
    /// The last value inside the range that way (a hair inside an excluded end).
    end: f64,
    integer: bool,
}

impl<'a> Walk<'a> {
    fn new(
        field: &'static Field,
        x: f64,
        dir: f64,
        serving: Served<'a>,
        cross: Option<bool>,
    ) -> Walk<'a> {
        let integer = field.kind == Kind::Integer;
        let end = field.range.map_or(x, |r| {
            let (edge, inclusive) = if dir > 0.0 {
                (r.max, r.max_inclusive)
            } else {
                (r.min, r.min_inclusive)
            };
            let hair = if integer {
                1.0
            } else {
                (edge.abs() * 1e-9).max(1e-9)
            };
            if inclusive {
                edge
            } else {
                edge - dir * hair
            }
        });
        Walk {
            field,
            serving,
            cross,
            x,
            dir,
            end,
            integer,
        }
    }

    /// Whether `y` lies strictly past the value this way and not past the end.
    fn inside(&self, y: f64) -> bool {
        (y - self.x) * self.dir > 0.0 && (self.end - y) * self.dir >= 0.0
    }

    /// The rungs, nearest first: a quarter of the value away, then doubling steps (twenty
    /// halving ones down; from 0.001 up from 0), sixteen even steps to the end, and the end.
    fn ladder(&self) -> Vec<f64> {
        let mut rungs = Vec::with_capacity(96);
        let x = self.x;
        if x > 0.0 {
            rungs.push(x + self.dir * x / 4.0);
            // Down, twenty halvings reach a millionth of the value; the end follows.
            let (factor, rungs_most) = if self.dir > 0.0 { (2.0, 64) } else { (0.5, 20) };
            let mut y = x;
            for _ in 0..rungs_most {
                y *= factor;
                if !self.inside(y) {
                    break;
                }
                rungs.push(y);
            }
        } else if self.dir > 0.0 {
            let mut step = 1e-3;
            for _ in 0..64 {
                if !self.inside(x + step) {
                    break;
                }
                rungs.push(x + step);
                step *= 2.0;
            }
        }
        let span = self.end - x;
        rungs.extend((1..=16).map(|i| x + span * f64::from(i) / 16.0));
        rungs.push(self.end);
        let mut rungs: Vec<f64> = rungs
            .into_iter()
            .map(|r| if self.integer { r.round() } else { r })
            .filter(|&r| r.is_finite() && self.inside(r))
            .collect();
        let dir = self.dir;
        rungs.sort_by(|a, b| ((a - x) * dir).total_cmp(&((b - x) * dir)));
        rungs.dedup();
        rungs
    }

    /// The verdict with the key at `y`, when the key and the cross-key checks accept it, and
    /// whether `now`'s option cannot serve there.
    fn at(&self, work: &mut Scenario, y: f64, now: Verdict) -> Option<Found> {
        let v = Value::Number(y);
        if self.field.check(&v).is_err() {
            return None;
        }
        self.field.set(work, v);
        let ok = self.cross.unwrap_or_else(|| valid(work));
        ok.then(|| match self.serving {
            Served::Fixed(rules) => {
                let v = decide_with(work, &Rates::new(work), rules);
                (v, cannot_serve(rules, now))
            }
            Served::Same(s) => found(work, s, now),
            Served::Window(w) => {
                let (v, rules) = decide_rated(work, w);
                (v, cannot_serve(&rules, now))
            }
        })
    }

    /// The nearest value this way whose verdict names another option than `now`, with it.
    fn nearest(&self, work: &mut Scenario, now: Verdict) -> Option<(Side, Found)> {
        let mut same = self.x;
        for r in self.ladder() {
            match self.at(work, r, now) {
                Some(v) if v.0.choice != now.choice => {
                    return Some(self.bisect(work, now, same, (r, v)));
                }
                Some(_) => same = r,
                None => {}
            }
        }
        None
    }

    /// Narrow `(same, flipped]` to a millionth of the flipped value (one step for whole
    /// numbers; the contract asks 0.1%), then take the shortest decimal inside it that still
    /// flips: a threshold at a round figure reads as one.
    fn bisect(
        &self,
        work: &mut Scenario,
        now: Verdict,
        mut same: f64,
        mut flipped: (f64, Found),
    ) -> (Side, Found) {
        let close = |a: f64, b: f64| {
            if self.integer {
                (b - a).abs() <= 1.0
            } else {
                (b - a).abs() <= 1e-6 * b.abs().max(a.abs()).max(1e-9)
            }
        };
        for _ in 0..200 {
            if close(same, flipped.0) {
                break;
            }
            let mid = if self.integer {
                ((same + flipped.0) / 2.0).round()
            } else {
                same + (flipped.0 - same) / 2.0
            };
            match self.at(work, mid, now) {
                Some(v) if v.0.choice != now.choice => flipped = (mid, v),
                _ => same = mid,
            }
        }
        if !self.integer {
            for digits in 1..=9 {
                let y = toward(flipped.0, -self.dir, digits);
                if (y - same) * self.dir > 0.0 && (flipped.0 - y) * self.dir > 0.0 {
                    if let Some(v) = self.at(work, y, now).filter(|v| v.0.choice != now.choice) {
                        let at = Point::Number(y);
                        return (Side { at, holds: same }, v);
                    }
                }
            }
        }
        let at = Point::Number(flipped.0);
        (Side { at, holds: same }, flipped.1)
    }
}

/// `x` cut to `digits` significant digits toward `dir` (down for −1, up for +1), as the
/// decimal a person writes (40.01, not 40.010000000000005).
fn toward(x: f64, dir: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let unit = 10f64.powi(x.abs().log10().floor() as i32 + 1 - digits);
    let n = x / unit;
    let cut = if dir > 0.0 { n.ceil() } else { n.floor() };
    let y = cut * unit;
    format!("{y:.*e}", (digits - 1).max(0) as usize)
        .parse()
        .unwrap_or(y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Outcome;

    fn number(p: Option<Side>) -> Option<f64> {
        match p.map(|s| s.at) {
            Some(Point::Number(x)) => Some(x),
            _ => None,
        }
    }

    fn rows<'a>(f: &'a Flips, key: &str) -> Vec<&'a Flip> {
        f.rows.iter().filter(|r| r.key == key).collect()
    }

    /// The verdict is the recommendation's, without its sentences.
    #[test]
    fn the_verdict_is_the_recommendations() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        for v in [0.0, 10_000.0, 20_000.0, 1e6] {
            sc.workload.requests_per_day = v;
            let o = Outcome::evaluate(&sc);
            let got = verdict(&sc);
            assert_eq!(got.choice, o.recommendation.choice);
            assert_eq!(got.criterion.key(), o.recommendation.criterion);
        }
    }

    /// docs/MODEL.md §7.4: the defaults at 10,000 requests/day take the API on cost (A = 100,
    /// S = 153.611, H = 183.611 a day). Self-hosting's one replica costs 66 + 87.611; it wins
    /// once the API costs more: above 15,361.12 requests/day, or a request above
    /// 0.0153611 (input price above (0.0153611 − 0.005) / 0.002 = 5.1806 a million). Below
    /// 3.6821 h of maintenance, 66 + 100 · (m + 80/12) / D < 100, and below $38.808 an hour
    /// of engineering, self-hosting is cheaper too. Data kept in-house leaves self-hosting alone.
    #[test]
    fn defaults_by_hand() {
        let sc = crate::catalog::with_library(&Scenario::default());
        let t = flips(&sc);
        assert_eq!(t.now.choice, Some(Choice::Api));
        let near = |got: Option<f64>, want: f64, dir: f64| {
            let got = got.unwrap();
            assert!(
                (got - want) * dir > 0.0 && (got - want).abs() <= 1e-3 * want,
                "{got} vs {want}"
            );
        };
        let v = rows(&t, "workload.requests_per_day");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(
            (v[0].to, v[0].reason),
            (Some(Choice::SelfHost), Criterion::Cost)
        );
        assert_eq!(v[0].below, None);
        // S = 66 + 100 · (20 + 80/12) / D, the API $0.01 a request ($0.005 of it input).
        let d = crate::model::scenario::DAYS_PER_MONTH;
        let s = 66.0 + 100.0 * (20.0 + 80.0 / 12.0) / d;
        near(number(v[0].above), s / 0.01, 1.0);
        near(
            number(rows(&t, "api.input_per_mtok")[0].above),
            (s / 1e4 - 0.005) / 0.002,
            1.0,
        );
        let m = rows(&t, "engineering.maintenance_hours_per_month");
        assert_eq!(m.len(), 1);
        near(number(m[0].below), 34.0 * d / 100.0 - 80.0 / 12.0, -1.0);
        near(
            number(rows(&t, "engineering.hourly_rate")[0].below),
            34.0 * d / (20.0 + 80.0 / 12.0),
            -1.0,
        );
        let p = rows(&t, "constraints.data_must_stay_in_house");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].above.map(|s| s.at), Some(Point::Switch(true)));
        assert_eq!(
            (p[0].to, p[0].reason),
            (Some(Choice::SelfHost), Criterion::Privacy)
        );
        // Raising the maintenance past the ops capacity keeps the API (by operations): the
        // option is the same, so it is no flip.
        assert!(rows(&t, "constraints.ops_hours_per_month").is_empty());
        assert!(rows(&t, "constraints.needs_frontier_quality").is_empty());
    }

    /// A value on a row, applied, flips the answer; the last value found before it does not.
    #[test]
    fn each_row_flips_and_holds() {
        let sc = crate::catalog::with_library(&Scenario::default());
        let t = flips(&sc);
        assert!(!t.rows.is_empty());
        for r in &t.rows {
            let f = fields::field(r.key).unwrap();
            for side in [r.below, r.above].into_iter().flatten() {
                let mut a = sc.clone();
                f.set(&mut a, side.at.value());
                assert_eq!(verdict(&a).choice, r.to, "{} at {:?}", r.key, side.at);
                if let Point::Number(_) = side.at {
                    let mut b = sc.clone();
                    f.set(&mut b, Value::Number(side.holds));
                    assert_eq!(verdict(&b).choice, t.now.choice, "{}", r.key);
                }
            }
        }
    }

    /// The guide preset of 2025 (legal documents, 500 a day, frontier quality on; the shipped
    /// one follows today's prices): the hybrid wins on
    /// cost. With L its local stack a day (one replica) and a = $0.30 the API's price a
    /// request, H = L + (1 − h) · a · V against A = a · V: the hybrid loses to the API once
    /// h · a · V < L, a local share below L / (a · V) = 44.4%, or a volume below L / (h · a) =
    /// 256.36. Batching (half price, on the hybrid's API tier too) scales a by 1 − b/2: the API
    /// wins once b > 2 · (1 − L / (h · a · V)) = 97.5%. Maintenance above the 10 ops hours
    /// leaves only the API (by operations), as do fewer ops hours than the 3 of maintenance;
    /// without frontier quality self-hosting wins on cost; kept in-house, on privacy.
    #[test]
    fn the_guide_preset_by_hand() {
        let sc = crate::preset::library::load(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/presets_2025/guide-legal-docs.toml"
        ))
        .unwrap()
        .scenario;
        let o = Outcome::evaluate(&sc);
        let (l, h, a, v) = (
            o.hybrid.local.usd_per_day,
            sc.hybrid.local_share,
            0.3,
            500.0,
        );
        let t = flips(&sc);
        assert_eq!(t.now, verdict(&sc));
        assert_eq!(t.now.choice, Some(Choice::Hybrid));
        let one = |key: &str| -> Flip {
            let r = rows(&t, key);
            assert_eq!(r.len(), 1, "{key}: {r:?}");
            *r[0]
        };
        let close = |got: Option<f64>, want: f64| {
            let got = got.unwrap();
            assert!((got - want).abs() <= 1e-3 * want, "{got} vs {want}");
        };
        let api = (Some(Choice::Api), Criterion::Cost);
        let r = one("hybrid.local_share");
        assert_eq!((r.to, r.reason), api);
        close(number(r.below), l / (a * v));
        let r = one("workload.requests_per_day");
        assert_eq!((r.to, r.reason, r.above), (api.0, api.1, None));
        close(number(r.below), l / (h * a));
        close(
            number(one("api.batch_share").above),
            2.0 * (1.0 - l / (h * a * v)),
        );
        let ops = (Some(Choice::Api), Criterion::Operations);
        let r = one("engineering.maintenance_hours_per_month");
        assert_eq!((r.to, r.reason), ops);
        close(number(r.above), 10.0);
        let r = one("constraints.ops_hours_per_month");
        assert_eq!((r.to, r.reason), ops);
        close(number(r.below), 3.0);
        let r = one("constraints.needs_frontier_quality");
        assert_eq!((r.to, r.reason), (Some(Choice::SelfHost), Criterion::Cost));
        let r = one("constraints.data_must_stay_in_house");
        assert_eq!(
            (r.to, r.reason),
            (Some(Choice::SelfHost), Criterion::Privacy)
        );
    }

    /// With the serving verdicts kept and no owned fleet, moving an input outside
    /// [`RULES_INPUTS`] (and the serving and estimate inputs) keeps the rules, at either end of
    /// its range and inside it: the walk makes them once for those keys. From the defaults
    /// and from a scenario with every rule in play (a deadline, ops hours per replica, a
    /// cheap tier).
    #[test]
    fn the_rules_read_only_their_inputs() {
        let mut busy = crate::catalog::with_library(&Scenario::default());
        busy.constraints.launch_deadline_weeks = 1.0;
        busy.constraints.needs_frontier_quality = true;
        busy.engineering.ops_hours_per_replica_month = 2.0;
        busy.hybrid.cheap_share = 0.2;
        busy.catalog.cheap_window = Some(1000);
        busy.catalog.api_window = Some(1000);
        for base in [crate::catalog::with_library(&Scenario::default()), busy] {
            let serving = Serving::of(&base);
            let want = Rules::with_serving(&base, &serving);
            for f in inputs(&base) {
                let moved_elsewhere = RULES_INPUTS.contains(&f.key)
                    || SERVING_INPUTS.contains(&f.key)
                    || replica::ESTIMATE_INPUTS.contains(&f.key);
                if moved_elsewhere {
                    continue;
                }
                let r = f.range.unwrap();
                for v in [r.min, (r.min + r.max) / 2.0, r.max] {
                    let mut s = base.clone();
                    f.set(&mut s, Value::Number(v));
                    assert_eq!(Rules::with_serving(&s, &serving), want, "{} = {v}", f.key);
                }
            }
        }
    }

    /// The walk's shortcuts (the estimate written in, the serving verdicts, the rules and the
    /// cross-key checks made once where the key cannot move them, one estimate for the
    /// serving verdicts and the costs) change nothing: the same table as evaluating every
    /// value in full. The defaults, the guide preset with the estimate (its latency target
    /// on, so the estimate can fail to serve), an owned fleet and the shipped default preset
    /// (its throughput estimated).
    #[test]
    fn the_shortcuts_change_no_row() {
        let mut guide = crate::preset::library::load(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/presets_2025/guide-legal-docs.toml"
        ))
        .unwrap()
        .scenario;
        guide = crate::catalog::with_library(&guide);
        guide.self_host.estimate.source = Source::Estimate;
        guide.self_host.estimate.ttft_ms = 2000.0;
        fields::drop_estimated_ranges(&mut guide);
        let mut owned = crate::catalog::with_library(&Scenario::default());
        owned.owned.enabled = true;
        let shipped = crate::catalog::with_library(
            &crate::preset::library::load("default").unwrap().scenario,
        );
        for sc in [
            crate::catalog::with_library(&Scenario::default()),
            guide,
            owned,
            shipped,
        ] {
            let quick = table(&sc, true);
            assert!(!quick.rows.is_empty(), "{}", sc.name);
            assert_eq!(quick, table(&sc, false));
        }
    }

    /// A key [`inert`] calls so changes no verdict, at either end of its range and inside it:
    /// the defaults and the shipped default preset have every such term off.
    #[test]
    fn inert_keys_move_no_verdict() {
        let shipped = crate::catalog::with_library(
            &crate::preset::library::load("default").unwrap().scenario,
        );
        let mut seen = 0;
        for sc in [crate::catalog::with_library(&Scenario::default()), shipped] {
            let now = verdict(&sc);
            for f in inputs(&sc).filter(|f| inert(&sc, f.key)) {
                seen += 1;
                let r = f.range.unwrap();
                for v in [r.min, (r.min + r.max) / 2.0, r.max] {
                    let mut a = sc.clone();
                    f.set(&mut a, Value::Number(v));
                    assert_eq!(verdict(&a), now, "{} = {v}", f.key);
                }
            }
        }
        assert!(seen >= 20, "{seen}");
    }

    #[test]
    fn decimals_cut_toward_a_side() {
        assert_eq!(toward(40.013, -1.0, 4), 40.01);
        assert_eq!(toward(40.013, 1.0, 2), 41.0);
        assert_eq!(toward(15_361.123, -1.0, 7), 15_361.12);
        assert_eq!(toward(0.469055, 1.0, 3), 0.47);
        assert_eq!(toward(0.0, 1.0, 3), 0.0);
    }
}
