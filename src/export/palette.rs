//! The charts' colours, chosen to survive greyscale print and colour-blind readers: the
//! series differ in lightness as well as hue (and keep their dashes), the shading tints
//! differ in lightness and each stands out from white by at least 1.3:1, and the tornado's
//! low and high bars are a dark and a light brown, a pair of its own (no option's colour, so a
//! bar is never read as the API or self-hosting). The colour science here (CIE L*a*b*, a
//! deuteranopia simulation, WCAG contrast) backs the tests.

use plotters::prelude::RGBColor;

use crate::model::Choice;

pub const API: RGBColor = RGBColor(0, 84, 150);
pub const SELF_HOST: RGBColor = RGBColor(222, 143, 5);
pub const HYBRID: RGBColor = RGBColor(190, 85, 150);
/// The owned fleet (docs/MODEL.md §6.9), drawn only when buying is offered.
pub const OWNED: RGBColor = RGBColor(27, 128, 96);
/// The best rented configuration at each volume (docs/MODEL.md §6.10): a violet of its own,
/// not a lighter API blue (ΔE ≥ 28 from every other colour, for deuteranopes too).
pub const ENVELOPE: RGBColor = RGBColor(100, 40, 200);
/// Break-even, crossings and the switch month: ink, not a hue, so no reader loses them.
pub const MARK: RGBColor = RGBColor(20, 20, 20);
pub const NOW: RGBColor = RGBColor(90, 90, 90);
pub const INK: RGBColor = RGBColor(30, 30, 30);
pub const MUTED: RGBColor = RGBColor(110, 110, 110);
pub const WHITE: RGBColor = RGBColor(255, 255, 255);
/// Tornado bars: the input at its low end and at its high end (L* 34 and 79).
pub const LOW: RGBColor = RGBColor(110, 70, 40);
pub const HIGH: RGBColor = RGBColor(215, 190, 160);

/// An option's line colour.
pub fn series(c: Choice) -> RGBColor {
    match c {
        Choice::Api => API,
        Choice::SelfHost => SELF_HOST,
        Choice::Hybrid => HYBRID,
        Choice::Owned => OWNED,
    }
}

/// The tint that shades where an option is cheapest, opaque: the series colour mixed with
/// white to L* 78, 89, 83 and 86, each at least 1.3:1 against white (1.81, 1.33, 1.55, 1.44).
pub fn shade(c: Choice) -> RGBColor {
    match c {
        Choice::Api => RGBColor(168, 196, 219),
        Choice::SelfHost => RGBColor(245, 220, 178),
        Choice::Hybrid => RGBColor(233, 198, 220),
        Choice::Owned => RGBColor(194, 221, 213),
    }
}

/// The tint that shades where the fleet envelope, drawn, is the cheapest: its violet mixed
/// with white to L* 70 (2.31:1 against white; ΔL* 8 from the API's tint, the nearest).
pub const ENVELOPE_SHADE: RGBColor = RGBColor(185, 158, 230);

/// WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let y = |c: RGBColor| 0.2126 * linear(c.0) + 0.7152 * linear(c.1) + 0.0722 * linear(c.2);
    let (ya, yb) = (y(a), y(b));
    (ya.max(yb) + 0.05) / (ya.min(yb) + 0.05)
}

/// A darker shade of a series colour for text on white (labels in the series' colour).
pub fn text_of(c: Choice) -> RGBColor {
    match c {
        Choice::SelfHost => RGBColor(160, 95, 0),
        other => series(other),
    }
}

/// The dash and gap of an option's line in design pixels: solid, long dashes, short dashes.
pub fn dash(c: Choice) -> Option<(f64, f64)> {
    match c {
        Choice::Api => None,
        Choice::SelfHost => Some((18.0, 9.0)),
        Choice::Hybrid => Some((6.0, 7.0)),
        Choice::Owned => Some((2.0, 5.0)),
    }
}

fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn lab_of_linear([r, g, b]: [f64; 3]) -> [f64; 3] {
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// CIE L*a*b* (D65) of an sRGB colour.
pub fn lab(c: RGBColor) -> [f64; 3] {
    lab_of_linear([linear(c.0), linear(c.1), linear(c.2)])
}

/// L*a*b* of how a deuteranope sees the colour (Machado, Oliveira and Fernandes 2009,
/// severity 1, applied to linear RGB).
pub fn lab_deuteranopia(c: RGBColor) -> [f64; 3] {
    const M: [[f64; 3]; 3] = [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ];
    let l = [linear(c.0), linear(c.1), linear(c.2)];
    let s = M.map(|row| (row[0] * l[0] + row[1] * l[1] + row[2] * l[2]).clamp(0.0, 1.0));
    lab_of_linear(s)
}

/// CIE76 colour difference.
pub fn delta_e(a: [f64; 3], b: [f64; 3]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Choice; 3] = [Choice::Api, Choice::SelfHost, Choice::Hybrid];

    fn pairs() -> impl Iterator<Item = (Choice, Choice)> {
        ALL.iter()
            .enumerate()
            .flat_map(|(i, &a)| ALL[i + 1..].iter().map(move |&b| (a, b)))
    }

    #[test]
    fn lab_matches_known_values() {
        assert!((lab(WHITE)[0] - 100.0).abs() < 0.1);
        assert!(lab(RGBColor(0, 0, 0))[0].abs() < 0.1);
        // sRGB mid grey 119 is L* 50.
        assert!((lab(RGBColor(119, 119, 119))[0] - 50.0).abs() < 0.5);
    }

    #[test]
    fn tornado_low_and_high_differ_in_lightness() {
        let d = (lab(LOW)[0] - lab(HIGH)[0]).abs();
        assert!(d >= 20.0, "ΔL* {d:.1}");
        let de = delta_e(lab_deuteranopia(LOW), lab_deuteranopia(HIGH));
        assert!(de >= 20.0, "deuteranopia ΔE {de:.1}");
    }

    #[test]
    fn tornado_bars_are_no_options_colour() {
        let others = [API, SELF_HOST, HYBRID, OWNED, ENVELOPE, NOW];
        for bar in [LOW, HIGH] {
            for other in others {
                let de = delta_e(lab(bar), lab(other));
                let dd = delta_e(lab_deuteranopia(bar), lab_deuteranopia(other));
                assert!(
                    de >= 20.0 && dd >= 20.0,
                    "{bar:?} {other:?}: ΔE {de:.1}, {dd:.1}"
                );
            }
        }
    }

    #[test]
    fn the_envelope_has_a_hue_of_its_own() {
        for other in [API, SELF_HOST, HYBRID, OWNED, LOW, HIGH, NOW, MARK] {
            let de = delta_e(lab(ENVELOPE), lab(other));
            let dd = delta_e(lab_deuteranopia(ENVELOPE), lab_deuteranopia(other));
            assert!(de >= 25.0 && dd >= 25.0, "{other:?}: ΔE {de:.1}, {dd:.1}");
        }
    }

    #[test]
    fn shading_stands_out_from_white() {
        for c in [Choice::Api, Choice::SelfHost, Choice::Hybrid, Choice::Owned] {
            let r = contrast(shade(c), WHITE);
            assert!(r >= 1.3, "{c:?}: {r:.2}:1");
        }
        assert!(contrast(ENVELOPE_SHADE, WHITE) >= 1.3);
        assert!((contrast(WHITE, RGBColor(0, 0, 0)) - 21.0).abs() < 0.01);
    }

    #[test]
    fn series_stay_apart_for_deuteranopes() {
        for (a, b) in pairs() {
            let de = delta_e(lab_deuteranopia(series(a)), lab_deuteranopia(series(b)));
            assert!(de >= 20.0, "{a:?} {b:?}: ΔE {de:.1}");
        }
    }

    #[test]
    fn shading_survives_greyscale() {
        for (a, b) in pairs() {
            let d = (lab(shade(a))[0] - lab(shade(b))[0]).abs();
            assert!(d >= 5.0, "{a:?} {b:?}: ΔL* {d:.1}");
        }
        // The envelope's tint against every option's, the owned fleet's too.
        for c in [Choice::Api, Choice::SelfHost, Choice::Hybrid, Choice::Owned] {
            let d = (lab(ENVELOPE_SHADE)[0] - lab(shade(c))[0]).abs();
            assert!(d >= 5.0, "fleet {c:?}: ΔL* {d:.1}");
        }
    }

    #[test]
    fn deuteranopia_keeps_greys_and_merges_red_and_green() {
        let g = RGBColor(128, 128, 128);
        assert!(delta_e(lab(g), lab_deuteranopia(g)) < 1.0);
        let red_green = delta_e(
            lab_deuteranopia(RGBColor(200, 30, 45)),
            lab_deuteranopia(RGBColor(27, 130, 70)),
        );
        let normal = delta_e(lab(RGBColor(200, 30, 45)), lab(RGBColor(27, 130, 70)));
        assert!(red_green < normal / 2.0, "{red_green} vs {normal}");
    }
}
