//! Text from files (preset names and descriptions, imported model names, keys echoed in
//! errors) is data, never terminal commands or markup. Every control character is shown as
//! an escape (`\x1b`, `\u{9b}`) instead of reaching the terminal, a document or an SVG: an
//! escape sequence such as `\x1b]0;title\x07` or `\x1b[2J` arrives as harmless visible text.
//!
//! [`terminal`] is applied to everything the command line prints; [`line`] to one field
//! inside a line; [`markdown`] and [`xml`] add those formats' own escaping.

use std::borrow::Cow;
use std::fmt::Write;

/// Characters that must not reach a terminal raw: C0 controls and DEL, C1 controls, and the
/// bidirectional overrides that make text display in another order than it reads.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every unsafe character escaped, except those `keep` allows.
fn escape_unsafe(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) && !keep(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn push_escape(out: &mut String, c: char) {
    let code = u32::from(c);
    let _ = if code < 0x80 {
        write!(out, "\\x{code:02x}")
    } else {
        write!(out, "\\u{{{code:x}}}")
    };
}

/// Multi-line text for a terminal or a text file: line breaks and tabs kept, every other
/// control character escaped.
pub fn terminal(s: &str) -> Cow<'_, str> {
    escape_unsafe(s, |c| c == '\n' || c == '\t')
}

/// One field within a line (a table cell, a name, a `# warning:` line): line breaks and tabs
/// escaped too, so a field can never start a line of its own.
pub fn line(s: &str) -> Cow<'_, str> {
    escape_unsafe(s, |_| false)
}

/// One field in Markdown: [`line`], then the characters Markdown would read as markup
/// (emphasis, code, links, HTML, table cells) escaped with a backslash.
pub fn markdown(s: &str) -> String {
    let s = line(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text for an XML attribute or element (SVG): the five XML entities, and control characters
/// (most are not allowed anywhere in XML 1.0, even as references) shown as escapes.
pub fn xml(s: &str) -> String {
    let s = line(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Noncharacters XML also forbids.
            '\u{fffe}' | '\u{ffff}' => push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// JSON text with the characters JSON itself leaves raw (C1 controls, DEL, bidirectional
/// overrides) as `\uXXXX` escapes, which read back as the same characters. Only valid on
/// serialised JSON: C0 controls and quotes are already escaped there.
pub fn json(s: &str) -> Cow<'_, str> {
    // Line breaks and tabs outside strings are layout; inside strings serde escaped them.
    let unsafe_here = |c: char| is_unsafe(c) && c != '\n' && c != '\t';
    if !s.chars().any(unsafe_here) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_here(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\u{1b}]0;pwn\u{7}b\u{1b}[2Jc\u{9b}31md\re\u{202e}f\u{7f}";

    fn clean(s: &str) -> bool {
        !s.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t')
    }

    #[test]
    fn terminal_text_keeps_lines_and_escapes_the_rest() {
        let t = terminal(HOSTILE);
        assert_eq!(
            t,
            "a\\x1b]0;pwn\\x07b\\x1b[2Jc\\u{9b}31md\\x0de\\u{202e}f\\x7f"
        );
        assert_eq!(terminal("two\nlines\tand tabs"), "two\nlines\tand tabs");
        assert!(matches!(terminal("plain é ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_field_stays_on_its_line() {
        assert_eq!(line("a\nb\tc"), "a\\x0ab\\x09c");
        assert!(clean(&line(HOSTILE)) && !line(HOSTILE).contains('\n'));
    }

    #[test]
    fn markdown_fields_are_text_not_markup() {
        assert_eq!(
            markdown("*bold* [x](http://e) <b>|</b> `c`\n# h"),
            // The escape's own backslash is escaped, so it renders as `\x0a`.
            "\\*bold\\* \\[x\\](http://e) \\<b\\>\\|\\</b\\> \\`c\\`\\\\x0a\\# h"
        );
        assert!(clean(&markdown(HOSTILE)));
    }

    #[test]
    fn json_reads_back_as_the_same_text() {
        let raw = serde_json::to_string_pretty(&[HOSTILE]).unwrap();
        let safe = json(&raw);
        assert!(clean(&safe), "{safe}");
        assert_eq!(
            serde_json::from_str::<[String; 1]>(&safe).unwrap(),
            [HOSTILE]
        );
        assert!(matches!(json("{\n  \"a\": 1\n}"), Cow::Borrowed(_)));
    }

    #[test]
    fn xml_text_is_well_formed() {
        let x = xml(&format!("{HOSTILE}\u{1}\u{fffe}<&>\"'"));
        let doc = format!("<svg><text a=\"{x}\">{x}</text></svg>");
        let parsed = roxmltree::Document::parse(&doc).unwrap();
        let text = parsed.root_element().first_child().unwrap().text().unwrap();
        assert!(text.ends_with("\\x01\\u{fffe}<&>\"'"), "{text}");
    }
}
