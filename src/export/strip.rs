//! The strip of labels above the plot: the break-even and the current volume first, then the
//! crossings, a run of them as one bracket; each label in the lowest row where it overlaps no
//! label and no leader line crosses it.

use plotters::style::text_anchor::HPos;

use super::canvas::Paint;
use super::palette::{ENVELOPE, MARK, NOW};
use super::shading::Shading;
use crate::figures::{si, volume};
use crate::model::Outcome;

/// Consecutive crossings closer than this factor form one bracket.
pub const GROUP_RATIO: f64 = 1.6;

/// A run of crossings close together: first, last, how many.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Group {
    pub first: f64,
    pub last: f64,
    pub count: usize,
}

/// Crossings in runs: consecutive ones closer than [`GROUP_RATIO`] join one group.
pub fn group_crossings(xs: &[f64]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for &x in xs {
        match out.last_mut() {
            Some(g) if x <= g.last * GROUP_RATIO => {
                g.last = x;
                g.count += 1;
            }
            _ => out.push(Group {
                first: x,
                last: x,
                count: 1,
            }),
        }
    }
    out
}

/// A label in the strip above the data.
pub(super) struct StripLabel {
    pub(super) text: String,
    pub(super) paint: Paint,
    pub(super) bold: bool,
    /// Where it points, in px along x.
    pub(super) at: f64,
    /// A bracket from..to in px, for a group.
    pub(super) span: Option<(f64, f64)>,
    /// Where its leaders end in the plot (px y), one per leader x.
    pub(super) leaders: Vec<(f64, f64)>,
    /// Anchored at an edge of the plot (off-chart values).
    pub(super) edge: Option<HPos>,
}

pub(super) fn strip_labels(
    o: &Outcome,
    shading: &Shading,
    vmin: f64,
    vmax: f64,
    px_x: &dyn Fn(f64) -> f64,
) -> Vec<StripLabel> {
    let mark = Paint::solid(MARK);
    let mut out = Vec::new();
    let api_at = |x: f64| o.rates.api(x).usd_per_day;
    // 1. The recommended option's break-even against the API, named.
    let name = o.breakeven_marker();
    if let Some(b) = o.recommended_breakeven_requests_per_day {
        if b >= vmin && b <= vmax {
            out.push(StripLabel {
                text: format!("{name} {}/day", volume(b)),
                paint: mark,
                bold: true,
                at: px_x(b),
                span: None,
                leaders: vec![(px_x(b), api_at(b))],
                edge: None,
            });
        } else if b > vmax {
            out.push(StripLabel {
                text: format!("{name} {}/day →", si(b)),
                paint: mark,
                bold: true,
                at: px_x(vmax),
                span: None,
                leaders: vec![],
                edge: Some(HPos::Right),
            });
        }
    }
    // 2. The current volume.
    out.push(now_label(o.requests_per_day, vmin, vmax, px_x));
    // 3. The crossings, a run of them as one bracket.
    crossing_labels(o, shading, px_x, &mut out);
    out
}

/// The current volume: on the chart, or pointed to at the edge it is beyond.
fn now_label(v: f64, vmin: f64, vmax: f64, px_x: &dyn Fn(f64) -> f64) -> StripLabel {
    let now = Paint::solid(NOW);
    let (text, at, leaders, edge) = if v < vmin {
        (
            format!("← now: {}/day", si(v)),
            px_x(vmin),
            vec![],
            Some(HPos::Left),
        )
    } else if v > vmax {
        (
            format!("now: {}/day →", si(v)),
            px_x(vmax),
            vec![],
            Some(HPos::Right),
        )
    } else {
        (
            format!("now {}/day", si(v)),
            px_x(v),
            vec![(px_x(v), f64::NAN)],
            None,
        )
    };
    StripLabel {
        text,
        paint: now,
        bold: false,
        at,
        span: None,
        leaders,
        edge,
    }
}

/// Each single crossing of the shading (where the cheapest changes) but the recommended
/// break-even (already labelled), and a run of crossings as one bracket over the same volumes
/// as its hatching.
fn crossing_labels(
    o: &Outcome,
    shading: &Shading,
    px_x: &dyn Fn(f64) -> f64,
    out: &mut Vec<StripLabel>,
) {
    let mark = Paint::solid(MARK);
    let singles = shading.singles(o.recommended_breakeven_requests_per_day);
    for g in &shading.groups {
        if g.count == 1 {
            let Some(x) = singles.iter().find(|x| x.at == g.first) else {
                continue;
            };
            out.push(StripLabel {
                text: format!("crossing {}/day", si(x.at)),
                paint: mark,
                bold: false,
                at: px_x(x.at),
                span: None,
                leaders: vec![(px_x(x.at), x.cost)],
                edge: None,
            });
        } else {
            let (a, b) = (px_x(g.first), px_x(g.last));
            out.push(StripLabel {
                text: format!(
                    "{} crossings between {} and {}",
                    g.count,
                    si(g.first),
                    si(g.last)
                ),
                paint: mark,
                bold: false,
                at: (a + b) / 2.0,
                span: Some((a, b)),
                leaders: vec![],
                edge: None,
            });
        }
    }
}

/// The fleet envelope's crossings with the API (`xs`, in order), labelled right after the
/// current volume: "Best fleet = API 9.8k/day", or a run of them as one bracket.
pub(super) fn fleet_labels(
    out: &mut Vec<StripLabel>,
    xs: &[f64],
    o: &Outcome,
    px_x: &dyn Fn(f64) -> f64,
) {
    let paint = Paint::solid(ENVELOPE);
    let api_at = |x: f64| o.rates.api(x).usd_per_day;
    let at = out
        .iter()
        .position(|l| l.paint.rgb == NOW)
        .map_or(out.len(), |i| i + 1);
    // A crossing at the "now" line or at the break-even's leader needs no leader of its own
    // (and one would run through their labels): its marker sits on that line.
    let taken: Vec<f64> = out
        .iter()
        .flat_map(|l| l.leaders.iter().map(|p| p.0))
        .collect();
    for (k, g) in group_crossings(xs).into_iter().enumerate() {
        let label = if g.count == 1 {
            let x = px_x(g.first);
            let near = taken.iter().any(|t| (t - x).abs() < NEAR_PX);
            StripLabel {
                text: format!("Best fleet = API {}/day", si(g.first)),
                paint,
                bold: false,
                at: x,
                span: None,
                leaders: if near {
                    vec![]
                } else {
                    vec![(x, api_at(g.first))]
                },
                edge: None,
            }
        } else {
            let (a, b) = (px_x(g.first), px_x(g.last));
            StripLabel {
                text: format!(
                    "Best fleet and API cross {} times between {} and {}",
                    g.count,
                    si(g.first),
                    si(g.last)
                ),
                paint,
                bold: false,
                at: (a + b) / 2.0,
                span: Some((a, b)),
                leaders: vec![],
                edge: None,
            }
        };
        out.insert((at + k).min(out.len()), label);
    }
}

/// When the current volume's label found no place (the break-even's label, close by, took
/// its room), the break-even's label says both, in the order they stand on the axis: "now
/// 500/day · hybrid break-even 421/day", with both leaders. True when it merged them; the
/// caller places the labels again.
pub(super) fn merge_now(labels: &mut Vec<StripLabel>, placed: &[Placed]) -> bool {
    let Some(n) = labels
        .iter()
        .position(|l| l.text.starts_with("now ") && l.edge.is_none())
    else {
        return false;
    };
    let breakeven = labels.first().is_some_and(|l| l.bold && l.edge.is_none());
    let is_placed = |i: usize| placed.iter().any(|p| p.index == i);
    if !breakeven || n == 0 || is_placed(n) || !is_placed(0) {
        return false;
    }
    let now = labels.remove(n);
    let be = &mut labels[0];
    be.text = if now.at < be.at {
        format!("{} · {}", now.text, be.text)
    } else {
        format!("{} · {}", be.text, now.text)
    };
    be.leaders.extend(now.leaders);
    true
}

/// How close (px) a crossing may come to another label's leader before it goes without one.
const NEAR_PX: f64 = 8.0;

/// A strip label's place: which label, its row (0 nearest the plot), anchor x and alignment.
pub(super) struct Placed {
    pub(super) index: usize,
    pub(super) row: usize,
    pub(super) x: f64,
    pub(super) h: HPos,
}

/// Greedy placement in priority order: a label takes the lowest row where it overlaps no
/// label and crosses no leader, and its own leaders cross no label below it.
pub(super) fn place(
    labels: &mut [StripLabel],
    em: f64,
    left: f64,
    right: f64,
    max_rows: usize,
) -> Vec<Placed> {
    let mut placed: Vec<(Placed, f64, f64)> = Vec::new(); // with box left/right
    let gap = em * 0.8;
    let breakeven_at = labels
        .first()
        .filter(|l| l.bold && l.edge.is_none())
        .map(|l| l.at);
    let now_at = labels
        .iter()
        .find(|l| l.text.starts_with("now ") && l.edge.is_none())
        .map(|l| l.at);
    for (i, l) in labels.iter().enumerate() {
        let w = super::font::advance_of(&l.text, em, l.bold);
        let nudge = em * 0.4;
        // Alignments to try: the break-even reads to the right ("cheaper from here"); the
        // others lean away from it.
        let variants: Vec<HPos> = match l.edge {
            Some(HPos::Left) => vec![HPos::Left],
            Some(_) => vec![HPos::Right],
            None if l.span.is_some() => vec![HPos::Center],
            // The break-even reads away from the current volume, which comes next.
            None if i == 0 && l.bold => match now_at {
                Some(n) if n > l.at => vec![HPos::Right, HPos::Center, HPos::Left],
                _ => vec![HPos::Left, HPos::Center, HPos::Right],
            },
            None => match breakeven_at {
                Some(b) if l.at < b => vec![HPos::Right, HPos::Center, HPos::Left],
                _ => vec![HPos::Left, HPos::Center, HPos::Right],
            },
        };
        let boxes_of = |h: HPos| -> (f64, HPos, f64, f64) {
            let (x, bl) = match (l.edge, h) {
                (Some(_), HPos::Left) => (left, left),
                (Some(_), _) => (right, right - w),
                (None, HPos::Left) => (l.at - nudge, l.at - nudge),
                (None, HPos::Right) => (l.at + nudge, l.at + nudge - w),
                (None, HPos::Center) => (l.at, l.at - w / 2.0),
            };
            // Kept inside the plot's width.
            let shift = (left - bl).max(0.0) - (bl + w - right).max(0.0);
            (x + shift, h, bl + shift, bl + shift + w)
        };
        let own: Vec<f64> = l.leaders.iter().map(|p| p.0).collect();
        let span = l.span.unwrap_or((l.at, l.at));
        let fits = |row: usize, bl: f64, br: f64| {
            placed.iter().all(|(p, pl, pr)| {
                let other = &labels[p.index];
                let overlaps = bl < pr + gap && *pl < br + gap;
                let span_o = other.span.unwrap_or((other.at, other.at));
                let spans_overlap = other.span.is_some()
                    && l.span.is_some()
                    && span.0 < span_o.1 + gap
                    && span_o.0 < span.1 + gap;
                if p.row == row {
                    !overlaps && !spans_overlap
                } else if p.row < row {
                    // Our leaders pass through row p.row; theirs do not reach us.
                    !own.iter().any(|x| x + 3.0 > *pl && x - 3.0 < *pr)
                } else {
                    // Their leaders pass through our row.
                    !other
                        .leaders
                        .iter()
                        .any(|(x, _)| x + 3.0 > bl && x - 3.0 < br)
                }
            })
        };
        let spot = (0..max_rows).find_map(|row| {
            variants.iter().find_map(|&h| {
                let (x, h, bl, br) = boxes_of(h);
                fits(row, bl, br).then_some((row, x, h, bl, br))
            })
        });
        if let Some((row, x, h, bl, br)) = spot {
            placed.push((
                Placed {
                    index: i,
                    row,
                    x,
                    h,
                },
                bl,
                br,
            ));
        }
    }
    // Leaders' end points were costs; the caller turns them into pixels.
    placed.into_iter().map(|(p, _, _)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_crossings_form_one_bracket() {
        let g = group_crossings(&[145e3, 162e3, 202e3, 260e3, 2e6]);
        assert_eq!(g.len(), 2);
        assert_eq!((g[0].first, g[0].last, g[0].count), (145e3, 260e3, 4));
        assert_eq!((g[1].first, g[1].count), (2e6, 1));
        assert!(group_crossings(&[]).is_empty());
        // Just past the ratio: apart.
        assert_eq!(
            group_crossings(&[100.0, 100.0 * GROUP_RATIO * 1.01]).len(),
            2
        );
    }
}
