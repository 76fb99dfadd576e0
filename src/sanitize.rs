//! Text from files (preset names and descriptions, imported model names, keys echoed in
//! errors) is data, never terminal commands or markup. Every control character is shown as
//! an escape (`\x1b`, `\u{9b}`) instead of reaching the terminal, a document or an SVG: an
//! escape sequence such as `\x1b]0;title\x07` or `\x1b[2J` arrives as harmless visible text.
//!
//! [`terminal`] is applied to everything the command line prints; [`line`] to one field
//! inside a line; [`message`] to a whole message (no line of it can pass for another
//! message); [`markdown`], [`link_target`], [`xml`], [`json`] and [`toml_string`] add those
//! formats' own escaping; [`clip`] cuts an echoed text to a readable length; [`pad_end`] and
//! [`pad_start`] line fields up in columns without a format width (a width from the input's
//! length can exceed what `format!` accepts and panic).

use std::borrow::Cow;
use std::fmt::Write;

/// Characters that must not reach a terminal raw: C0 controls and DEL, C1 controls, and the
/// bidirectional overrides that make text display in another order than it reads.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// True when `s` holds a character [`line`] would escape: a C0 or C1 control (a line break,
/// a tab, NUL), DEL or a bidirectional control. Such text is refused where a name is stored.
pub fn has_control(s: &str) -> bool {
    s.chars().any(is_unsafe)
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

/// A message for the terminal, `prefix: text`: every control character escaped, and each
/// further line of `text` indented by two spaces, so a line break inside a name or key from a
/// file can never start a line that reads as a message of its own (`error: ...`).
pub fn message(prefix: &str, text: &str) -> String {
    let text = terminal(text);
    let mut out = String::with_capacity(prefix.len() + text.len() + 2);
    out.push_str(prefix);
    out.push_str(": ");
    for (i, l) in text.split('\n').enumerate() {
        if i > 0 {
            // A line already indented (`  help: …`) cannot pass for a message either.
            out.push('\n');
            if !l.is_empty() && !l.starts_with(' ') {
                out.push_str("  ");
            }
        }
        out.push_str(l);
    }
    out
}

/// How many characters of an echoed text (an unknown key, a value) a message shows.
pub const SHOWN: usize = 80;

/// One field cut to at most `max` characters after escaping ([`line`]), with how much was
/// left out: a megabyte of key is echoed as its start, not in full.
pub fn clip(s: &str, max: usize) -> String {
    let safe = line(s);
    let total = safe.chars().count();
    if total <= max {
        return safe.into_owned();
    }
    let head: String = safe.chars().take(max).collect();
    format!("{head}… ({total} characters)")
}

/// `s` padded with spaces after it to `width` characters (never cut).
pub fn pad_end(s: &str, width: usize) -> String {
    let n = s.chars().count();
    let mut out = String::with_capacity(s.len() + width.saturating_sub(n));
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(n)));
    out
}

/// `s` padded with spaces before it to `width` characters (never cut).
pub fn pad_start(s: &str, width: usize) -> String {
    let n = s.chars().count();
    let mut out: String = std::iter::repeat_n(' ', width.saturating_sub(n)).collect();
    out.push_str(s);
    out
}

/// A TOML basic string (with its quotes) that reads back as `s`: quotes and backslashes
/// escaped, and every control character, line breaks and tabs included, and bidirectional
/// control as a TOML `\uXXXX` escape, so the text is valid TOML and safe on a terminal.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// TOML text (a whole document) safe on a terminal: every control character but line breaks
/// and tabs written as TOML's `\uXXXX` escape, which reads back as the same character in a
/// basic string and is plain text in a comment.
pub fn toml_text(s: &str) -> Cow<'_, str> {
    escape_controls_keeping_layout(s, true)
}

/// A Markdown link or image target: `<…>` around it (so spaces and parentheses stay in it),
/// with `<`, `>`, `\` and control characters escaped.
pub fn link_target(s: &str) -> String {
    let s = line(s);
    let mut out = String::with_capacity(s.len() + 2);
    out.push('<');
    for c in s.chars() {
        if matches!(c, '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('>');
    out
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
    escape_controls_keeping_layout(s, false)
}

/// Every unsafe character but line breaks and tabs as a `\uXXXX` escape (upper- or lower-case
/// hex; TOML and JSON read both), which both formats read back as the same character.
fn escape_controls_keeping_layout(s: &str, upper_hex: bool) -> Cow<'_, str> {
    let unsafe_here = |c: char| is_unsafe(c) && c != '\n' && c != '\t';
    if !s.chars().any(unsafe_here) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match (unsafe_here(c), upper_hex) {
            (true, true) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            (true, false) => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            (false, _) => out.push(c),
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
    fn a_message_line_break_cannot_start_a_message() {
        let m = message("error", "unknown key `x\nerror: forged line`\u{202e}");
        assert_eq!(m, "error: unknown key `x\n  error: forged line`\\u{202e}");
        assert!(!m.lines().skip(1).any(|l| l.starts_with("error")));
    }

    #[test]
    fn clipped_text_is_short_and_says_how_long_it_was() {
        assert_eq!(clip("short\n", 80), "short\\x0a");
        let long = "k".repeat(1 << 20);
        let c = clip(&long, SHOWN);
        assert!(c.chars().count() < SHOWN + 30, "{c}");
        assert!(c.ends_with("… (1048576 characters)"), "{c}");
    }

    #[test]
    fn padding_takes_any_width() {
        assert_eq!(pad_end("ab", 4), "ab  ");
        assert_eq!(pad_start("ab", 4), "  ab");
        assert_eq!(pad_end("abc", 1), "abc");
        assert_eq!(pad_start("é", 70_000).chars().count(), 70_000);
    }

    #[test]
    fn toml_strings_read_back_and_hold_no_raw_control() {
        for s in [
            HOSTILE,
            "plain",
            "q\"uote\\ back",
            "\u{0}\u{9b}\u{202e}\t\n",
        ] {
            let t = toml_string(s);
            assert!(clean(&t) && !t.contains('\n') && !t.contains('\t'), "{t}");
            let v: toml::Table = toml::from_str(&format!("k = {t}")).unwrap();
            assert_eq!(v["k"].as_str(), Some(s));
        }
        assert_eq!(toml_string("\u{9b}"), "\"\\u009B\"");
    }

    #[test]
    fn link_targets_keep_spaces_and_parentheses_inside() {
        assert_eq!(link_target("my chart (1).png"), "<my chart (1).png>");
        assert_eq!(link_target("a>b<c\\d\n"), "<a\\>b\\<c\\\\d\\\\x0a>");
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
