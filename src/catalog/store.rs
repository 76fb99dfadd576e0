//! How `prices import` keeps its result: one line per model, tab-separated, under a header that
//! carries the import's source and date. Reading it is a split per line, so a catalog with
//! hundreds of thousands of imported models still loads in a fraction of a second (the
//! `catalog` bench measures it). Every line goes through the same rule as the shipped catalog.

use super::api_entry::{check, ApiModel, RawApi};
use super::refusal::{EntryRefused, FileRefused};

/// First field of the header line, and the format's version.
const MAGIC: &str = "crossover-imported-prices";
const VERSION: &str = "1";
const COLUMNS: usize = 15;

/// What the header says about an import.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportInfo {
    /// Date of the imported prices, or `unknown`.
    pub as_of: String,
    /// Where they came from.
    pub source: String,
    /// Models in the file.
    pub count: usize,
}

/// A field as stored: backslash, tab, line breaks and every other control character (NUL
/// included, which would make the file read as binary) as escapes, so the store is always one
/// line of text per model.
fn escape(s: &str) -> String {
    if !s.contains('\\') && !s.chars().any(char::is_control) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// The character of a `\u{XXXX}` escape, the `u` already read; `None` leaves it as written.
fn unescape_code(chars: &mut std::str::Chars<'_>) -> Option<char> {
    let rest = chars.as_str().strip_prefix('{')?;
    let end = rest.find('}').filter(|&e| e <= 6)?;
    let c = char::from_u32(u32::from_str_radix(&rest[..end], 16).ok()?)?;
    *chars = rest[end + 1..].chars();
    Some(c)
}

fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('u') => match unescape_code(&mut chars) {
                Some(c) => out.push(c),
                None => out.push('u'),
            },
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn opt<T: std::fmt::Display>(x: Option<T>) -> String {
    x.map_or(String::new(), |v| v.to_string())
}

/// The stored form of an import.
pub fn write(models: &[ApiModel], as_of: &str, source: &str) -> String {
    let mut out = format!(
        "{MAGIC}\t{VERSION}\t{}\t{}\t{}\n",
        escape(as_of),
        escape(source),
        models.len()
    );
    for m in models {
        let lc = m.long_context;
        let flags: String = [(m.legacy, 'l'), (m.free, 'f'), (m.estimate, 'e')]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, c)| *c)
            .collect();
        let fields = [
            escape(&m.name),
            escape(&m.provider),
            m.input_per_mtok.to_string(),
            m.output_per_mtok.to_string(),
            opt(m.cached_input_per_mtok),
            opt(m.cache_write_per_mtok),
            opt(m.batch_discount),
            opt(m.context_window),
            opt(lc.map(|l| l.above_tokens)),
            opt(lc.map(|l| l.input_per_mtok)),
            opt(lc.map(|l| l.output_per_mtok)),
            opt(lc.and_then(|l| l.cached_input_per_mtok)),
            opt(lc.and_then(|l| l.cache_write_per_mtok)),
            flags,
            escape(&m.comment),
        ];
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out
}

/// The header alone, without reading the models: `None` when `text` is not a stored import.
pub fn header(text: &str) -> Option<ImportInfo> {
    let first = text.split('\n').next()?;
    let mut parts = first.split('\t');
    if parts.next()? != MAGIC || parts.next()? != VERSION {
        return None;
    }
    let as_of = unescape(parts.next()?);
    let source = unescape(parts.next()?);
    let count = parts.next()?.trim().parse().ok()?;
    Some(ImportInfo {
        as_of,
        source,
        count,
    })
}

/// The models of a stored import, each checked by the catalog's rule; a line that fails it is
/// a warning naming the file and line.
pub fn read(
    text: &str,
    origin: &str,
) -> Result<(ImportInfo, Vec<ApiModel>, Vec<String>), FileRefused> {
    let info = header(text).ok_or_else(|| FileRefused::Shape {
        origin: origin.to_string(),
        at: "1".into(),
        what: "not a crossover import (run `crossover prices import` again)".into(),
    })?;
    let mut models = Vec::with_capacity(info.count.min(1 << 20));
    let mut warnings = Vec::new();
    for (i, line) in text.split('\n').enumerate().skip(1) {
        if line.is_empty() {
            continue;
        }
        match parse_line(line, &info) {
            Ok(m) => models.push(m),
            Err(e) => warnings.push(format!("{origin}:{}: skipped: {e}", i + 1)),
        }
    }
    Ok((info, models, warnings))
}

fn parse_line(line: &str, info: &ImportInfo) -> Result<ApiModel, EntryRefused> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != COLUMNS {
        return Err(EntryRefused::Columns {
            found: f.len(),
            expected: COLUMNS,
        });
    }
    let not_a_number = |i: usize, what: &'static str, whole: bool| EntryRefused::NotANumber {
        what,
        value: f[i].to_string(),
        whole,
    };
    let num = |i: usize, what: &'static str| -> Result<Option<f64>, EntryRefused> {
        if f[i].is_empty() {
            return Ok(None);
        }
        f[i].parse::<f64>()
            .map(Some)
            .map_err(|_| not_a_number(i, what, false))
    };
    let int = |i: usize, what: &'static str| -> Result<Option<i64>, EntryRefused> {
        if f[i].is_empty() {
            return Ok(None);
        }
        f[i].parse::<i64>()
            .map(Some)
            .map_err(|_| not_a_number(i, what, true))
    };
    let name = unescape(f[0]);
    let provider = unescape(f[1]);
    // What the import leaves aside is refused here too, should a store be edited by hand.
    if let Some(why) = [&name, &provider]
        .iter()
        .find_map(|t| super::import::name_refusal(t))
    {
        return Err(EntryRefused::LeftAside {
            name: crate::sanitize::clip(&name, crate::sanitize::SHOWN),
            why,
        });
    }
    check(RawApi {
        name: Some(name.clone()),
        provider: Some(provider),
        input_per_mtok: num(2, "input price")?,
        output_per_mtok: num(3, "output price")?,
        cached_input_per_mtok: num(4, "cached input price")?,
        cache_write_per_mtok: num(5, "cache write price")?,
        batch_discount: num(6, "batch discount")?,
        context_window: int(7, "context window")?,
        max_output_tokens: None,
        long_context_above_tokens: int(8, "long-context threshold")?,
        long_context_input_per_mtok: num(9, "long-context input price")?,
        long_context_output_per_mtok: num(10, "long-context output price")?,
        long_context_cached_input_per_mtok: num(11, "long-context cached input price")?,
        long_context_cache_write_per_mtok: num(12, "long-context cache write price")?,
        legacy: f[13].contains('l'),
        free: f[13].contains('f'),
        estimate: f[13].contains('e'),
        source: Some(info.source.clone()),
        as_of: Some(info.as_of.clone()),
        comment: Some(unescape(f[14])),
        // Imports carry no schedule (neither importer reads one).
        price_schedule: None,
    })
    .map_err(|e| EntryRefused::Of {
        name,
        reason: Box::new(e),
    })
}

/// Whether `write` then `read` gives every model back: the store never holds what its reader
/// refuses.
#[cfg(test)]
fn round_trips(models: &[ApiModel]) -> bool {
    let source = models.first().map_or("s", |m| m.source.as_str());
    read(&write(models, "unknown", source), "f")
        .is_ok_and(|(_, back, warnings)| warnings.is_empty() && back == models)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::api_entry::LongContext;

    fn model(name: &str) -> ApiModel {
        ApiModel {
            name: name.into(),
            provider: "P".into(),
            input_per_mtok: 3.0,
            output_per_mtok: 15.0,
            cached_input_per_mtok: Some(0.3),
            cache_write_per_mtok: Some(3.75),
            batch_discount: Some(0.5),
            context_window: Some(1_000_000),
            max_output_tokens: None,
            long_context: Some(LongContext {
                above_tokens: 200_000,
                input_per_mtok: 6.0,
                output_per_mtok: 22.5,
                cached_input_per_mtok: Some(0.6),
                cache_write_per_mtok: None,
            }),
            legacy: true,
            free: false,
            source: "src\twith tab".into(),
            as_of: "unknown".into(),
            estimate: false,
            comment: "two\nlines \\ and a backslash".into(),
            price_schedule: Vec::new(),
        }
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let models = vec![model("a b"), model("plain")];
        let text = write(&models, "unknown", "src\twith tab");
        let (info, back, warnings) = read(&text, "f").unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(info.count, 2);
        assert_eq!(info.as_of, "unknown");
        assert_eq!(back, models);
        assert_eq!(text.lines().count(), 3);
    }

    #[test]
    fn every_control_character_in_a_comment_reads_back_and_the_line_stays_one_line() {
        let mut m = model("plain");
        m.comment = (0u32..0x20)
            .chain(0x7f..0xa0)
            .filter_map(char::from_u32)
            .chain("\\u{41} \\".chars())
            .collect();
        assert!(round_trips(std::slice::from_ref(&m)));
        let text = write(&[m], "unknown", "s");
        assert_eq!(text.lines().count(), 2);
        assert!(
            !text.contains('\0')
                && !text
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t')
        );
    }

    #[test]
    fn a_stored_name_with_a_control_character_is_refused_on_its_own() {
        let mut text = write(&[model("ok")], "unknown", "s");
        let bad = write(&[model("bad\u{0}name")], "unknown", "s");
        text.push_str(bad.lines().nth(1).unwrap());
        text.push('\n');
        let (_, back, warnings) = read(&text, "f.tsv").unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].name, "ok");
        assert!(warnings[0].contains("control characters"), "{warnings:?}");
    }

    #[test]
    fn bad_lines_are_warnings_with_their_line() {
        let mut text = write(&[model("ok")], "2026-08-01", "s");
        text.push_str("bad\tP\t-1\t2\t\t\t\t\t\t\t\t\t\t\t\n");
        text.push_str("short\tline\n");
        let (_, back, warnings) = read(&text, "f.tsv").unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[0].starts_with("f.tsv:3: skipped: \"bad\": input price -1"),
            "{warnings:?}"
        );
        assert!(warnings[1].contains("f.tsv:4") && warnings[1].contains("columns"));
        assert!(read("[[api]]\n", "old.toml")
            .unwrap_err()
            .to_string()
            .contains("not a crossover import"));
    }
}
