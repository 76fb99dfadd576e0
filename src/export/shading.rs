//! The shading: which allowed option is cheapest along the volume axis (or the fleet envelope,
//! where it is drawn and runs under every option), and where that changes: the crossings the
//! chart marks. One set of crossings serves the shading, the hatch, the brackets and the
//! markers: a run of crossings closer than [`GROUP_RATIO`](super::strip::GROUP_RATIO) to each other is one hatched
//! "alternates" stretch from its first crossing to its last, and its bracket spans the same
//! volumes; a crossing on its own is where one tint meets the next, and its marker sits
//! there. Decided on volumes, not pixels, so the picture means the same at every size.

use super::canvas::{Canvas, Paint, Stroke};
use super::chart::ChartInput;
use super::lines::cost;
use super::page::Scale;
use super::palette::{MUTED, WHITE};
use super::strip::{group_crossings, Group};
use crate::model::allowed::Rules;
use crate::model::curve::CurvePoint;
use crate::model::recommend::cheapest;
use crate::model::Choice;

/// What a stretch of the volume axis is shaded for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shade {
    /// This option is the cheapest allowed.
    Cheapest(Choice),
    /// The fleet envelope, drawn, runs under every allowed option (docs/MODEL.md §6.10).
    Fleet,
    /// Crossings closer than [`GROUP_RATIO`](super::strip::GROUP_RATIO) apart: the cheapest alternates.
    Alternates,
}

/// Stretches of the volume axis in px and what each is shaded for.
pub type Band = (f64, f64, Shade);

/// Where the cheapest changes: the volume, and the daily cost there (where the two meet).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crossing {
    pub at: f64,
    pub cost: f64,
}

/// The shading in volumes, the crossings between its stretches, and those in runs.
pub struct Shading {
    /// Stretches in volumes (from, to, shade), the runs of crossings already hatched.
    pub runs: Vec<(f64, f64, Shade)>,
    pub crossings: Vec<Crossing>,
    /// The crossings in runs ([`group_crossings`]): a group of more than one is hatched.
    pub groups: Vec<Group>,
}

impl Shading {
    /// The stretches in px along x.
    pub fn bands(&self, px_x: &dyn Fn(f64) -> f64) -> Vec<Band> {
        self.runs
            .iter()
            .map(|&(a, b, s)| (px_x(a), px_x(b), s))
            .collect()
    }

    /// The crossings on their own (not in a run), but the one at `except` (the break-even,
    /// labelled and marked as such).
    pub fn singles(&self, except: Option<f64>) -> Vec<Crossing> {
        self.groups
            .iter()
            .filter(|g| g.count == 1 && except.is_none_or(|b| (g.first - b).abs() > 1e-6 * b))
            .filter_map(|g| self.crossings.iter().find(|c| c.at == g.first).copied())
            .collect()
    }
}

/// What each curve segment is shaded for: the shade at its right end (where the constraints
/// are checked, docs/MODEL.md §6.4), and the cheapest option's cost there.
fn shade_at(input: &ChartInput, rules: &Rules, b: &CurvePoint) -> Option<(Shade, Vec<Choice>)> {
    let v = b.requests_per_day;
    let allowed: Vec<Choice> = input
        .shaded
        .iter()
        .copied()
        .filter(|&c| rules.exclusion(&input.outcome.rates, c, v).is_none())
        .collect();
    if allowed.is_empty() {
        return None;
    }
    let costs: Vec<(Choice, f64)> = allowed.iter().map(|&c| (c, cost(b, c))).collect();
    let best = cheapest(&costs);
    let least = costs.iter().map(|c| c.1).fold(f64::INFINITY, f64::min);
    // The envelope is self-hosting on other GPUs: it counts where self-hosting is allowed.
    let fleet = input
        .envelope
        .filter(|_| {
            rules
                .exclusion(&input.outcome.rates, Choice::SelfHost, v)
                .is_none()
        })
        .and_then(|env| super::envelope::cost_at(env, v))
        .is_some_and(|e| e < least);
    let shade = if fleet {
        Shade::Fleet
    } else {
        Shade::Cheapest(best)
    };
    Some((shade, allowed))
}

/// Where on the segment `a`–`b` the cheapest goes from `from` to `to`, and the cost there:
/// between two curve points every cost is a straight line in the volume (the steps are
/// points of their own), so the two lines meet where their difference is zero; at `a` when
/// `to` is already no dearer there (a step).
fn meet(a: &CurvePoint, b: &CurvePoint, (from, to): (Shade, Shade)) -> Crossing {
    let (Shade::Cheapest(x), Shade::Cheapest(y)) = (from, to) else {
        return Crossing {
            at: a.requests_per_day,
            cost: cost(a, Choice::Api),
        };
    };
    let (da, db) = (cost(a, y) - cost(a, x), cost(b, y) - cost(b, x));
    if da <= 0.0 || db >= 0.0 || !(da - db).is_finite() {
        return Crossing {
            at: a.requests_per_day,
            cost: cost(a, y),
        };
    }
    let t = da / (da - db);
    Crossing {
        at: a.requests_per_day + t * (b.requests_per_day - a.requests_per_day),
        cost: cost(a, x) + t * (cost(b, x) - cost(a, x)),
    }
}

pub(super) fn shading(input: &ChartInput) -> Shading {
    let mut raw: Vec<(f64, f64, Shade)> = Vec::new();
    let mut crossings: Vec<Crossing> = Vec::new();
    if input.shaded.is_empty() {
        return Shading {
            runs: raw,
            crossings,
            groups: Vec::new(),
        };
    }
    let rules = Rules::new(input.scenario);
    let mut last_allowed: Vec<Choice> = Vec::new();
    for pair in input.curve.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if b.requests_per_day <= a.requests_per_day {
            continue;
        }
        let Some((shade, allowed)) = shade_at(input, &rules, b) else {
            continue;
        };
        let (v0, v1) = (a.requests_per_day, b.requests_per_day);
        match raw.last_mut() {
            Some(last) if last.2 == shade && (last.1 - v0).abs() <= 1e-9 * v0 => last.1 = v1,
            Some(last) if (last.1 - v0).abs() <= 1e-9 * v0 => {
                // The cheapest option changes on this segment: a crossing where the two lines
                // meet. Where the constraints or the envelope change it, the stretches just
                // meet (the envelope's crossing with the API has its own mark).
                let lines_cross = allowed == last_allowed
                    && matches!((last.2, shade), (Shade::Cheapest(_), Shade::Cheapest(_)));
                if lines_cross {
                    let x = meet(a, b, (last.2, shade));
                    last.1 = x.at;
                    crossings.push(x);
                    raw.push((x.at, v1, shade));
                } else {
                    raw.push((v0, v1, shade));
                }
            }
            _ => raw.push((v0, v1, shade)),
        }
        last_allowed = allowed;
    }
    let at: Vec<f64> = crossings.iter().map(|c| c.at).collect();
    let groups = group_crossings(&at);
    Shading {
        runs: hatched(raw, &groups),
        crossings,
        groups,
    }
}

/// The stretches with each run of crossings (a group of more than one) hatched from its first
/// crossing to its last.
fn hatched(raw: Vec<(f64, f64, Shade)>, groups: &[Group]) -> Vec<(f64, f64, Shade)> {
    let spans: Vec<(f64, f64)> = groups
        .iter()
        .filter(|g| g.count > 1)
        .map(|g| (g.first, g.last))
        .collect();
    let mut out: Vec<(f64, f64, Shade)> = Vec::new();
    for (a, b, s) in raw {
        // The parts of this stretch outside every span.
        let mut from = a;
        for &(l, r) in &spans {
            if r <= from || l >= b {
                continue;
            }
            if l > from {
                out.push((from, l, s));
            }
            from = from.max(r);
        }
        if from < b {
            out.push((from, b, s));
        }
    }
    out.extend(spans.iter().map(|&(l, r)| (l, r, Shade::Alternates)));
    out.sort_by(|p, q| p.0.total_cmp(&q.0));
    out
}

/// Diagonal grey hatching inside a rectangle.
pub(super) fn hatch(c: &mut Canvas, [l, t, r, b]: [f64; 4], s: Scale) -> Result<(), String> {
    c.fill_rect((l, t), (r, b), Paint::solid(WHITE))?;
    let step = s.px(12.0).max(6.0);
    let stroke = Stroke {
        paint: Paint::solid(MUTED).alpha(0.35),
        width: s.px(1.5).max(1.0),
        dash: None,
    };
    // Lines x − y = k, clipped to the rectangle.
    let mut k = l - (b - t);
    while k < r {
        let (x0, y0) = if k >= l { (k, t) } else { (l, t + (l - k)) };
        let (x1, y1) = if k + (b - t) <= r {
            (k + (b - t), b)
        } else {
            (r, t + (r - k))
        };
        if y1 > y0 {
            c.path(&[Some((x0, y0)), Some((x1, y1))], stroke)?;
        }
        k += step;
    }
    Ok(())
}
