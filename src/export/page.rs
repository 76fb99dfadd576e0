//! The page every export shares: sizes scaled from the 1600×900 design with a 12 px floor for
//! text, the title and footer, and a record of the text already placed so that optional
//! labels never overlap another.

use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::{Canvas, Label, Paint};
use super::palette::{INK, NOW, WHITE};
use crate::figures::si_money;

/// Pixel sizes scaled from the 1600×900 design.
#[derive(Debug, Clone, Copy)]
pub struct Scale(pub f64);

impl Scale {
    pub fn of(w: u32, h: u32) -> Scale {
        Scale((f64::from(w) / 1600.0).min(f64::from(h) / 900.0))
    }
    pub fn px(&self, design: f64) -> f64 {
        design * self.0
    }
    /// A font size in px (em), never under the 12 px minimum.
    pub fn em(&self, design: f64) -> f64 {
        (design * self.0).max(MIN_EM)
    }
}

/// The smallest text any chart sets, in px.
pub const MIN_EM: f64 = 12.0;

/// Text boxes already on the page, so optional labels can keep clear of them.
#[derive(Default)]
pub struct Boxes(Vec<[f64; 4]>);

impl Boxes {
    pub fn clear(&self, b: [f64; 4], gap: f64) -> bool {
        self.0.iter().all(|o| {
            b[2] + gap <= o[0] || o[2] + gap <= b[0] || b[3] + gap <= o[1] || o[3] + gap <= b[1]
        })
    }
    pub fn add(&mut self, b: [f64; 4]) {
        self.0.push(b);
    }
}

/// Draw a label that must appear, and note its box.
pub fn put(c: &mut Canvas, boxes: &mut Boxes, l: &Label) -> Result<(), String> {
    boxes.add(l.bounds());
    c.text(l)
}

/// Draw a label only where it touches no other text (and stays inside `within`).
pub fn put_if_clear(
    c: &mut Canvas,
    boxes: &mut Boxes,
    l: &Label,
    within: [f64; 4],
) -> Result<bool, String> {
    let b = l.bounds();
    let inside = b[0] >= within[0] && b[1] >= within[1] && b[2] <= within[2] && b[3] <= within[3];
    if inside && boxes.clear(b, 2.0) {
        put(c, boxes, l)?;
        Ok(true)
    } else {
        Ok(false)
    }
}

/// Title on top (bold, centred), footer at the bottom right; returns the y under the title
/// and the y over the footer.
pub fn frame(
    c: &mut Canvas,
    boxes: &mut Boxes,
    title: &str,
    footer: &str,
    s: Scale,
) -> Result<(f64, f64), String> {
    let (w, h) = c.size();
    let (w, h) = (f64::from(w), f64::from(h));
    c.fill_rect((0.0, 0.0), (w, h), Paint::solid(WHITE))?;
    let tem = s.em(30.0).max(14.0);
    let title = super::font::fit_of(title, tem, w - s.px(40.0), true);
    let top = s.px(16.0);
    put(
        c,
        boxes,
        &Label::new(title, (w / 2.0, top), tem, Paint::solid(INK))
            .align(HPos::Center, VPos::Top)
            .bold(),
    )?;
    let fem = s.em(14.0);
    let fy = h - s.px(12.0).max(4.0);
    put(
        c,
        boxes,
        &Label::new(footer, (w - s.px(16.0), fy), fem, Paint::solid(NOW))
            .align(HPos::Right, VPos::Bottom),
    )?;
    Ok((top + tem * 1.25, fy - fem * 1.3))
}

/// The first of `titles` that fits the title's line on a canvas `width` px wide at scale `s`
/// (the last, to be shortened with "…", when none does).
pub fn title_that_fits(titles: &[String], width: u32, s: Scale) -> String {
    let tem = s.em(30.0).max(14.0);
    let room = f64::from(width) - s.px(40.0);
    titles
        .iter()
        .find(|t| super::font::advance_of(t, tem, true) <= room)
        .or(titles.last())
        .cloned()
        .unwrap_or_default()
}

/// Longest currency label a chart writes beside its figures, in characters: "USD", "CHF",
/// "€" or "credits" fit; a longer label is cut with "…", so every tick, panel row and title
/// stays readable (and a label at the 256-character cap is not set a dozen times per chart).
pub const CURRENCY_CHARS: usize = 12;

/// The scenario's currency as charts write it: cut to [`CURRENCY_CHARS`] with "…".
pub fn currency(sc: &crate::model::Scenario) -> String {
    let c = sc.currency.as_str();
    if c.chars().count() <= CURRENCY_CHARS {
        return c.to_string();
    }
    let head: String = c.chars().take(CURRENCY_CHARS - 1).collect();
    head.trim_end().to_string() + "…"
}

/// Money for a decade tick: `$0.10`, `$0.01`, `$1`, `$10k`.
pub fn tick_money(x: f64, cur: &str) -> String {
    if x >= 1.0 || x <= 0.0 {
        return si_money(x, cur);
    }
    let digits = ((-x.log10()).ceil() as usize).max(2);
    let body = format!("{x:.digits$}");
    // The currency as si_money places it, around our own digits.
    si_money(1.0, cur).replacen('1', &body, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_cuts_a_long_currency_label() {
        let mut sc = crate::model::Scenario::default();
        for (label, shown) in [
            ("USD", "USD"),
            ("", ""),
            ("credits", "credits"),
            ("twelve chars", "twelve chars"),
            ("thirteen char", "thirteen ch…"),
            ("a b c d e f g h", "a b c d e f…"),
        ] {
            sc.currency = label.to_string();
            assert_eq!(currency(&sc), shown, "{label:?}");
        }
        sc.currency = "漢".repeat(70_000);
        assert_eq!(currency(&sc).chars().count(), CURRENCY_CHARS);
    }
}
