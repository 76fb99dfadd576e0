//! The charts' font carried with them: an `@font-face` per face the SVG's text uses (regular,
//! bold), its data a subset ([`super::subset`]) of the bundled DejaVu Sans with just the
//! characters drawn, base64 in a `data:` URL. A standalone SVG carries it in a `<style>`; the
//! HTML report has one for all its charts.

use std::collections::BTreeSet;

use super::font::{glyphs_of, FAMILY};

/// The characters of each `<text>` in `svgs`: (regular, bold).
fn characters<'a>(svgs: impl Iterator<Item = &'a str>) -> (BTreeSet<char>, BTreeSet<char>) {
    let (mut regular, mut bold) = (BTreeSet::new(), BTreeSet::new());
    for svg in svgs {
        for piece in svg.split("<text ").skip(1) {
            let Some((tag, rest)) = piece.split_once('>') else {
                continue;
            };
            let text = rest.split("</text>").next().unwrap_or("");
            let set = if tag.contains("font-weight=\"bold\"") {
                &mut bold
            } else {
                &mut regular
            };
            set.extend(unescape(text).chars());
        }
    }
    (regular, bold)
}

/// XML text as its characters (the entities `sanitize::xml` writes).
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The `@font-face` rules for the text of `svgs` (nothing when they have no text).
pub fn css_for_svgs<'a>(svgs: impl Iterator<Item = &'a str>) -> String {
    let (regular, bold) = characters(svgs);
    let family = FAMILY.split(',').next().unwrap_or(FAMILY);
    let mut css = String::new();
    for (chars, is_bold) in [(regular, false), (bold, true)] {
        if chars.is_empty() {
            continue;
        }
        let (data, ids) = glyphs_of(&chars, is_bold);
        let Some(font) = super::subset::subset(data, &ids) else {
            continue;
        };
        css.push_str(&format!(
            "@font-face{{font-family:\"{family}\";font-weight:{};font-style:normal;\
             src:url(data:font/ttf;base64,{}) format(\"truetype\")}}\n",
            if is_bold { "bold" } else { "normal" },
            base64(&font)
        ));
    }
    css
}

/// `svg` with its font embedded: a `<style>` right after the opening tag.
pub fn embed(svg: &str) -> String {
    let css = css_for_svgs(std::iter::once(svg));
    match svg.find('>') {
        Some(end) if !css.is_empty() => format!(
            "{}\n<defs><style>\n{css}</style></defs>{}",
            &svg[..=end],
            &svg[end + 1..]
        ),
        _ => svg.to_string(),
    }
}

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_of_known_strings() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn a_subset_reads_back_with_its_glyphs_and_widths() {
        let chars: BTreeSet<char> = "Hybrid saves $63/day Å é".chars().collect();
        for bold in [false, true] {
            let (data, ids) = glyphs_of(&chars, bold);
            let sub = crate::export::subset::subset(data, &ids).unwrap();
            assert!(sub.len() < 40_000, "{} bytes", sub.len());
            let full = ab_glyph::FontRef::try_from_slice(data).unwrap();
            let small = ab_glyph::FontRef::try_from_slice(&sub).unwrap();
            use ab_glyph::Font;
            for &c in &chars {
                let (a, b) = (full.glyph_id(c), small.glyph_id(c));
                assert!(b.0 != 0, "{c:?}");
                assert_eq!(
                    full.h_advance_unscaled(a),
                    small.h_advance_unscaled(b),
                    "{c:?}"
                );
                let (oa, ob) = (full.outline(a), small.outline(b));
                assert_eq!(
                    oa.map(|o| o.curves.len()),
                    ob.map(|o| o.curves.len()),
                    "{c:?}"
                );
            }
            let (y, d) = (full.glyph_id('y'), full.glyph_id('d'));
            let (ys, ds) = (small.glyph_id('y'), small.glyph_id('d'));
            assert_eq!(full.kern_unscaled(y, d), small.kern_unscaled(ys, ds));
            assert_eq!(small.glyph_id('Z').0, 0);
        }
    }
}
