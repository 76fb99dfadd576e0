//! The shading: which allowed option is cheapest along the volume axis (or the fleet envelope,
//! where it is drawn and runs under every option), with runs too narrow to read (oscillating
//! crossings) merged into one hatched "alternates" stretch.

use super::canvas::{Canvas, Paint, Stroke};
use super::chart::ChartInput;
use super::lines::cost;
use super::page::Scale;
use super::palette::{MUTED, WHITE};
use crate::model::allowed::Rules;
use crate::model::recommend::cheapest;
use crate::model::Choice;

/// What a stretch of the volume axis is shaded for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shade {
    /// This option is the cheapest allowed.
    Cheapest(Choice),
    /// The fleet envelope, drawn, runs under every allowed option (docs/MODEL.md §6.10).
    Fleet,
    /// Runs too narrow to read: the cheapest alternates.
    Alternates,
}

/// Stretches of the volume axis in px and what each is shaded for.
pub type Band = (f64, f64, Shade);

pub(super) fn shading(input: &ChartInput, px_x: &dyn Fn(f64) -> f64, min_px: f64) -> Vec<Band> {
    let mut raw: Vec<Band> = Vec::new();
    if input.shaded.is_empty() {
        return raw;
    }
    let rules = Rules::new(input.scenario);
    for pair in input.curve.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if b.requests_per_day <= a.requests_per_day {
            continue;
        }
        // Only the options the constraints allow at this volume are shaded (MODEL.md §6.4).
        let costs: Vec<(Choice, f64)> = input
            .shaded
            .iter()
            .filter(|&&c| {
                rules
                    .exclusion(&input.outcome.rates, c, b.requests_per_day)
                    .is_none()
            })
            .map(|&c| (c, cost(&b, c)))
            .collect();
        if costs.is_empty() {
            continue;
        }
        let best = cheapest(&costs);
        let least = costs.iter().map(|c| c.1).fold(f64::INFINITY, f64::min);
        // The envelope is self-hosting on other GPUs: it counts where self-hosting is allowed.
        let fleet = input
            .envelope
            .filter(|_| {
                rules
                    .exclusion(&input.outcome.rates, Choice::SelfHost, b.requests_per_day)
                    .is_none()
            })
            .and_then(|env| super::envelope::cost_at(env, b.requests_per_day))
            .is_some_and(|e| e < least);
        let shade = if fleet {
            Shade::Fleet
        } else {
            Shade::Cheapest(best)
        };
        let (x0, x1) = (px_x(a.requests_per_day), px_x(b.requests_per_day));
        match raw.last_mut() {
            Some(last) if last.2 == shade && (last.1 - x0).abs() < 1e-6 => last.1 = x1,
            _ => raw.push((x0, x1, shade)),
        }
    }
    // Merge runs of narrow stretches into one alternating stretch.
    let mut out: Vec<Band> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let mut j = i;
        while j + 1 < raw.len()
            && raw[j].1 - raw[j].0 < min_px
            && raw[j + 1].1 - raw[j + 1].0 < min_px * 4.0
        {
            j += 1;
        }
        if j > i {
            out.push((raw[i].0, raw[j].1, Shade::Alternates));
            i = j + 1;
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
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
