//! docs/DEVELOPMENT.md's rule "no function over 100 lines outside tests", checked on every
//! source file. The scan is lexical: it finds each `fn` item, skips strings, characters and
//! comments while it matches braces, and leaves out `#[cfg(test)]` modules and `tests.rs` files.
//! The list of functions allowed over the limit is empty since the last five were split (issue
//! 27); it may only shrink, so a new function over the limit fails the test.

use std::path::{Path, PathBuf};

const LIMIT: usize = 100;

/// Functions allowed over the limit, with the length they may not exceed: none any more (the
/// nine found when the rule was first checked are split). Do not add to it: split instead.
const KNOWN: &[(&str, &str, usize)] = &[];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != "tests.rs")
        {
            out.push(path);
        }
    }
}

/// The source with strings, character literals and comments blanked to spaces (line breaks
/// kept), so braces and keywords in them do not count.
fn code_only(src: &str) -> Vec<u8> {
    let b = src.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in out.iter_mut().take(to.min(b.len())).skip(from) {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = src[i..].find('\n').map_or(b.len(), |e| i + e);
                blank(&mut out, i, end);
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0usize;
                let start = i;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                blank(&mut out, start, i);
            }
            b'r' if (b.get(i + 1) == Some(&b'#') || b.get(i + 1) == Some(&b'"'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                if b.get(i + 1 + hashes) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let body = i + 2 + hashes;
                let end = src[body..]
                    .find(&close)
                    .map_or(b.len(), |e| body + e + close.len());
                blank(&mut out, i, end);
                i = end;
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                blank(&mut out, start, i);
            }
            b'\'' => {
                // A character literal ('x', '\n', '\u{..}', '{'), not a lifetime ('a).
                let rest = &src[i + 1..];
                let len = if let Some(escaped) = rest.strip_prefix('\\') {
                    escaped.find('\'').map(|e| e + 2)
                } else {
                    let mut chars = rest.char_indices();
                    match (chars.next(), chars.next()) {
                        (Some(_), Some((at, '\''))) => Some(at),
                        _ => None,
                    }
                };
                if let Some(len) = len {
                    blank(&mut out, i, i + len + 2);
                    i += len + 2;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The index of the brace that closes the one at `open`.
fn closing(code: &[u8], open: usize) -> usize {
    let mut depth = 0usize;
    for (i, &c) in code.iter().enumerate().skip(open) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    code.len()
}

fn line_of(code: &[u8], at: usize) -> usize {
    code[..at].iter().filter(|&&c| c == b'\n').count() + 1
}

/// (name, first line, length in lines) of every function with a body, outside test modules.
fn functions(src: &str) -> Vec<(String, usize, usize)> {
    let code = code_only(src);
    let text = String::from_utf8_lossy(&code).into_owned();
    // Test modules: `#[cfg(test)]` followed by `mod name {`.
    let mut skipped: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("#[cfg(test)]") {
        let at = from + at;
        let after = text[at + 12..].trim_start();
        if after.starts_with("mod ") {
            if let Some(open) = text[at..].find('{') {
                let open = at + open;
                let semi = text[at..].find(';').map_or(usize::MAX, |s| at + s);
                if open < semi {
                    skipped.push((at, closing(&code, open)));
                }
            }
        }
        from = at + 12;
    }
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("fn ") {
        let at = from + at;
        from = at + 3;
        if at > 0 && is_word(code[at - 1]) {
            continue;
        }
        if skipped.iter().any(|&(s, e)| at > s && at < e) {
            continue;
        }
        let name: String = text[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            continue; // `fn(` types
        }
        // The body opens at the first `{` before any `;` (a declaration without a body).
        let rest = &text[at..];
        let (Some(open), semi) = (rest.find('{'), rest.find(';')) else {
            continue;
        };
        if semi.is_some_and(|s| s < open) {
            continue;
        }
        let close = closing(&code, at + open);
        let first = line_of(&code, at);
        let last = line_of(&code, close.min(code.len().saturating_sub(1)));
        found.push((name, first, last - first + 1));
    }
    found
}

#[test]
fn no_function_is_over_the_limit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    files.sort();
    let mut over = Vec::new();
    for path in &files {
        let src = std::fs::read_to_string(path).unwrap();
        let rel = path.strip_prefix(root).unwrap().display().to_string();
        for (name, line, len) in functions(&src) {
            if len <= LIMIT {
                continue;
            }
            let allowed = KNOWN
                .iter()
                .find(|(f, n, _)| *f == rel && *n == name)
                .map(|k| k.2);
            if allowed.is_none_or(|max| len > max) {
                over.push(format!("{rel}:{line}: fn {name} is {len} lines"));
            }
        }
    }
    assert!(
        over.is_empty(),
        "functions over {LIMIT} lines (docs/DEVELOPMENT.md): split them\n{}",
        over.join("\n")
    );
}

#[test]
fn the_known_list_holds_only_functions_still_over_the_limit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (file, name, max) in KNOWN {
        let src = std::fs::read_to_string(root.join(file)).unwrap();
        let len = functions(&src)
            .into_iter()
            .filter(|(n, _, _)| n == name)
            .map(|f| f.2)
            .max();
        let len = len.unwrap_or_else(|| panic!("{file}: no fn {name}: remove it from KNOWN"));
        assert!(
            len > LIMIT,
            "{file}: fn {name} is {len} lines now: remove it from KNOWN"
        );
        assert!(len <= *max, "{file}: fn {name} grew to {len} lines");
    }
}

#[test]
fn the_scan_measures_what_it_should() {
    let src = "fn a() {\n    let s = \"}\";\n    let c = '}';\n    // }\n}\n\
               fn b<'a>(x: &'a str) -> &'a str {\n    /* { */ x\n}\n\
               #[cfg(test)]\nmod tests {\n    fn long() {\n    }\n}\n\
               trait T { fn decl(&self); }\n";
    let found = functions(src);
    let names: Vec<_> = found.iter().map(|f| (f.0.as_str(), f.2)).collect();
    assert_eq!(names, [("a", 5), ("b", 3)]);
}
