//! The font every export uses: DejaVu Sans, bundled in `assets/fonts/` with its licence, so
//! exports need no system fonts or fontconfig.
//!
//! Text is measured and, in PNGs, drawn here with `ab_glyph`: each glyph sits on the baseline
//! at its own bearing (full stops on the line, not raised to mid-height), with kerning. The
//! SVG names the same font and writes the same baseline, so both formats lay out alike. Bold
//! is DejaVu Sans Bold (bundled beside it, from the same 2.37 release), measured and drawn as
//! itself, not a thickened regular. A character the font lacks (CJK, for one) is never drawn
//! as an empty box: [`drawable`] says "(name not drawable)" in its place.

use std::sync::OnceLock;

use ab_glyph::{point, Font, FontRef, PxScale, ScaleFont};

static DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The family the SVG asks for, with a fallback.
pub const FAMILY: &str = "DejaVu Sans, sans-serif";

/// Height of capitals above the baseline, in em (DejaVu Sans: 1493 of 2048 units).
pub const CAP: f64 = 0.729;
/// Depth of descenders below the baseline, in em (DejaVu Sans: 483 of 2048 units).
pub const DESCENT: f64 = 0.236;

fn face() -> Option<&'static FontRef<'static>> {
    static FACE: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FACE.get_or_init(|| FontRef::try_from_slice(DEJAVU_SANS).ok())
        .as_ref()
}

fn bold_face() -> Option<&'static FontRef<'static>> {
    static FACE: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FACE.get_or_init(|| FontRef::try_from_slice(DEJAVU_SANS_BOLD).ok())
        .as_ref()
}

/// The face for a weight.
fn face_of(bold: bool) -> Option<&'static FontRef<'static>> {
    if bold {
        bold_face()
    } else {
        face()
    }
}

/// The bundled face's file, and each of `chars`' glyph id in it (characters it lacks left
/// out), for the embedded subsets.
pub fn glyphs_of(
    chars: &std::collections::BTreeSet<char>,
    bold: bool,
) -> (&'static [u8], Vec<(char, u16)>) {
    let data = if bold { DEJAVU_SANS_BOLD } else { DEJAVU_SANS };
    let ids = face_of(bold).map_or(Vec::new(), |f| {
        chars
            .iter()
            .map(|&c| (c, f.glyph_id(c).0))
            .filter(|&(_, g)| g != 0)
            .collect()
    });
    (data, ids)
}

/// Check the bundled fonts load.
pub fn ensure_registered() -> Result<(), String> {
    face()
        .and(bold_face())
        .map(|_| ())
        .ok_or_else(|| "the bundled DejaVu Sans fonts could not be loaded".to_string())
}

/// What stands in for a run of characters the bundled font lacks.
pub const NOT_DRAWABLE: &str = "(name not drawable)";

/// `text` with control characters escaped and each run of characters the bundled font has no
/// glyph for (spaces between them included) replaced by [`NOT_DRAWABLE`], so no empty box is
/// ever drawn.
pub fn drawable(text: &str) -> String {
    // Control characters first shown as escapes (`\x01`), alike in both formats.
    let text = crate::sanitize::line(text);
    let text = text.as_ref();
    let Some(f) = face() else {
        return text.to_string();
    };
    let missing = |c: char| f.glyph_id(c).0 == 0 && !c.is_whitespace();
    if !text.chars().any(missing) {
        return text.to_string();
    }
    let mut out = String::new();
    let mut pending_space = String::new();
    let mut in_run = false;
    for c in text.chars() {
        if missing(c) {
            if !in_run {
                out.push_str(&pending_space);
                out.push_str(NOT_DRAWABLE);
                in_run = true;
            }
            pending_space.clear();
        } else if c.is_whitespace() {
            pending_space.push(c);
        } else {
            out.push_str(&pending_space);
            pending_space.clear();
            out.push(c);
            in_run = false;
        }
    }
    out.push_str(&pending_space);
    out
}

/// ab_glyph scales by the font's height (ascent − descent); this is the scale for `em` px.
fn scale(f: &FontRef<'static>, em: f64) -> PxScale {
    let upem = f.units_per_em().unwrap_or(2048.0);
    PxScale::from((em as f32) * f.height_unscaled() / upem)
}

/// Width in pixels of `text` set at `em` px, with kerning.
pub fn advance(text: &str, em: f64) -> f64 {
    advance_of(text, em, false)
}

/// Width in pixels of `text` set at `em` px in the regular or the bold face, with kerning.
pub fn advance_of(text: &str, em: f64, bold: bool) -> f64 {
    let Some(f) = face_of(bold) else {
        return text.chars().count() as f64 * em * 0.6;
    };
    let sf = f.as_scaled(scale(f, em));
    let mut x = 0.0f32;
    let mut prev = None;
    for c in text.chars() {
        let id = sf.glyph_id(c);
        if let Some(p) = prev {
            x += sf.kern(p, id);
        }
        x += sf.h_advance(id);
        prev = Some(id);
    }
    f64::from(x)
}

/// Longest prefix of `text` that fits in `width` px at `em`, with "…" when cut.
///
/// Linear in the text's length: the glyphs are measured once, up to the first that no longer
/// fits, and the cut is then found by bisection over those few prefixes (a 20,000-character
/// name costs about what a short one does).
pub fn fit(text: &str, em: f64, width: f64) -> String {
    fit_of(text, em, width, false)
}

/// [`fit`] in the regular or the bold face.
pub fn fit_of(text: &str, em: f64, width: f64, bold: bool) -> String {
    let owned = drawable(text);
    let text = owned.as_str();
    // Char boundaries of the prefixes that could fit: the first whose width passes `width`
    // ends the walk, so only a line's worth of text is measured again below.
    let mut ends = Vec::new();
    let mut x = 0.0;
    let mut prev = None;
    for (i, c) in text.char_indices() {
        let (w, id) = step(c, prev, em, bold);
        x += w;
        prev = id;
        ends.push(i + c.len_utf8());
        if x > width {
            break;
        }
    }
    if x <= width && ends.last().is_none_or(|&e| e == text.len()) {
        return text.to_string();
    }
    let cut = |n: usize| text[..ends[n - 1]].trim_end().to_string() + "…";
    // Largest n in 1..ends.len() whose cut fits; a cut's width grows with n.
    let (mut lo, mut hi) = (0, ends.len());
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if advance_of(&cut(mid), em, bold) <= width {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    if lo == 0 {
        String::new()
    } else {
        cut(lo)
    }
}

/// Width of `c` after the glyph `prev` at `em` px (kerning included), and its glyph.
fn step(
    c: char,
    prev: Option<ab_glyph::GlyphId>,
    em: f64,
    bold: bool,
) -> (f64, Option<ab_glyph::GlyphId>) {
    let Some(f) = face_of(bold) else {
        return (em * 0.6, None);
    };
    let sf = f.as_scaled(scale(f, em));
    let id = sf.glyph_id(c);
    let kern = prev.map_or(0.0, |p| sf.kern(p, id));
    (f64::from(kern + sf.h_advance(id)), Some(id))
}

/// `text` broken into lines that each fit in `width` px at `em`: after its ": " first when the
/// whole does not fit, then at spaces; a single word too long for a line is cut with "…" as
/// [`fit`] does.
///
/// Of the parts between ": ", the longest run from the start that fits stays together and each
/// later part starts a line (as splitting at the last ": " again and again would give), found
/// in one pass: text past a line's width is never measured twice.
pub fn wrap(text: &str, em: f64, width: f64) -> Vec<String> {
    let owned = drawable(text);
    let text = owned.as_str();
    let parts: Vec<&str> = text.split(": ").collect();
    // The head: parts[..k] joined, with ":" after it when more parts follow.
    let head = |k: usize| {
        let mut h = parts[..k].join(": ");
        if k < parts.len() {
            h.push(':');
        }
        h
    };
    let mut k = 1;
    while k < parts.len() && advance(&head(k + 1), em) <= width {
        k += 1;
    }
    let mut lines = wrap_words(&head(k), em, width);
    for (i, part) in parts.iter().enumerate().skip(k) {
        let colon = if i + 1 < parts.len() { ":" } else { "" };
        lines.extend(wrap_words(&format!("{part}{colon}"), em, width));
    }
    lines
}

/// `text` broken at spaces into lines that fit; a word too long for a line is cut by [`fit`].
fn wrap_words(text: &str, em: f64, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let joined = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if cur.is_empty() || advance(&joined, em) <= width {
            cur = joined;
        } else {
            lines.push(fit(&cur, em, width));
            cur = word.to_string();
        }
    }
    if !cur.is_empty() {
        lines.push(fit(&cur, em, width));
    }
    lines
}

/// Rasterise `text` with its baseline starting at `(x, y)`; `plot` gets each pixel and its
/// coverage (0–1). `rotate` turns the text a quarter turn anticlockwise about the origin (for
/// a vertical axis title); `bold` sets it in the bold face.
pub fn rasterise(
    text: &str,
    em: f64,
    (x, y): (f64, f64),
    rotate: bool,
    bold: bool,
    mut plot: impl FnMut(i32, i32, f32),
) {
    let Some(f) = face_of(bold) else { return };
    let sc = scale(f, em);
    let sf = f.as_scaled(sc);
    let mut pen = 0.0f32;
    let mut prev = None;
    for c in text.chars() {
        let id = sf.glyph_id(c);
        if let Some(p) = prev {
            pen += sf.kern(p, id);
        }
        prev = Some(id);
        // Position relative to the origin on the baseline; the fractional pen position is kept.
        let glyph = id.with_scale_and_position(sc, point(pen, 0.0));
        pen += sf.h_advance(id);
        let Some(outline) = f.outline_glyph(glyph) else {
            continue;
        };
        let b = outline.px_bounds();
        let (bx, by) = (b.min.x as i32, b.min.y as i32);
        outline.draw(|gx, gy, cov| {
            let (dx, dy) = (bx + gx as i32, by + gy as i32);
            let (px, py) = if rotate { (dy, -dx) } else { (dx, dy) };
            plot(x.round() as i32 + px, y.round() as i32 + py, cov);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let text = "≈ Self-host below 81k/day: within 3%";
        let w = advance("≈ Self-host below 81k/day:", 12.0) + 1.0;
        let lines = wrap(text, 12.0, w);
        assert_eq!(lines, ["≈ Self-host below 81k/day:", "within 3%"]);
        assert_eq!(wrap(text, 12.0, 1e4), [text]);
        let narrow = wrap(text, 12.0, advance("below 81k/day:", 12.0) + 1.0);
        assert!(narrow
            .iter()
            .all(|l| advance(l, 12.0) <= advance("below 81k/day:", 12.0) + 1.0));
        assert_eq!(narrow.join(" "), text);
    }

    #[test]
    fn a_full_stop_sits_on_the_baseline() {
        // Pixels of "." at 10 px: all within a pixel of the baseline, none at mid-height.
        let mut ys = Vec::new();
        rasterise(".", 10.0, (0.0, 20.0), false, false, |_, y, c| {
            if c > 0.3 {
                ys.push(y)
            }
        });
        assert!(!ys.is_empty());
        assert!(ys.iter().all(|y| (18..=20).contains(y)), "{ys:?}");
        // And a capital reaches cap height.
        let mut top = i32::MAX;
        rasterise("H", 10.0, (0.0, 20.0), false, false, |_, y, c| {
            if c > 0.3 {
                top = top.min(y)
            }
        });
        assert!((12..=14).contains(&top), "{top}");
    }

    #[test]
    fn fitting_cuts_where_measuring_every_prefix_would() {
        // The old rule, for short texts: the longest prefix (trimmed) plus "…" that fits.
        let slow = |text: &str, em: f64, width: f64| -> String {
            if advance(text, em) <= width {
                return text.to_string();
            }
            let chars: Vec<char> = text.chars().collect();
            (1..chars.len())
                .rev()
                .map(|n| chars[..n].iter().collect::<String>().trim_end().to_string() + "…")
                .find(|s| advance(s, em) <= width)
                .unwrap_or_default()
        };
        for text in [
            "a long line of text",
            "Llama 3.1 70B Instruct",
            "WWW iii",
            "x",
            "",
        ] {
            for width in [0.0, 5.0, 12.0, 40.0, 80.0, 200.0] {
                assert_eq!(
                    fit(text, 10.0, width),
                    slow(text, 10.0, width),
                    "{text} {width}"
                );
            }
        }
    }

    /// Measuring every prefix made these take minutes (the export bench times them).
    #[test]
    fn long_text_fits() {
        let long = "m".repeat(40_000);
        let cut = fit(&long, 12.0, 300.0);
        assert!(advance(&cut, 12.0) <= 300.0 && cut.ends_with('…'));
        let many = "model: ".repeat(6_000);
        let lines = wrap(&many, 12.0, 300.0);
        assert!(lines.iter().all(|l| advance(l, 12.0) <= 300.0));
        assert!((5_900..=6_000).contains(&lines.len()), "{}", lines.len());
        assert!(
            lines[1..].iter().all(|l| l == "model:"),
            "{:?}",
            &lines[..3]
        );
    }

    #[test]
    fn missing_glyphs_are_said_not_boxed() {
        assert_eq!(drawable("Legal docs"), "Legal docs");
        assert_eq!(drawable("東京 チーム"), NOT_DRAWABLE);
        assert_eq!(
            drawable("Team 東京: cost"),
            format!("Team {NOT_DRAWABLE}: cost")
        );
        assert_eq!(drawable("Ωμέγα ≈ €"), "Ωμέγα ≈ €");
    }

    #[test]
    fn bold_is_its_own_face_and_wider() {
        let (r, b) = (
            advance("Default: cost", 20.0),
            advance_of("Default: cost", 20.0, true),
        );
        assert!(b > r * 1.05 && b < r * 1.3, "{r} {b}");
        let cut = fit_of("a long bold title here", 20.0, 100.0, true);
        assert!(advance_of(&cut, 20.0, true) <= 100.0 && cut.ends_with('…'));
    }

    #[test]
    fn widths_grow_with_text_and_size() {
        assert!(advance("10k", 10.0) < advance("100k", 10.0));
        assert!((advance("100k", 20.0) - 2.0 * advance("100k", 10.0)).abs() < 0.5);
        assert!(fit("a long line of text", 10.0, 40.0).ends_with('…'));
        assert!(advance(&fit("a long line of text", 10.0, 40.0), 10.0) <= 40.0);
    }
}
