//! The Markdown report's own subset of Markdown as HTML, so the HTML report says what the
//! Markdown report says, word for word: headings, paragraphs, lists (with hard breaks), tables
//! with aligned columns, block quotes, fenced code, rules, `**strong**`, `` `code` `` and a
//! paragraph that is all `_emphasis_`. Every character is HTML-escaped; a backslash before
//! punctuation (how the report escapes texts from files) gives the character itself. No link
//! or image is ever written: an image line becomes its text.

/// HTML text: the five characters HTML reads as markup as entities, and control characters
/// shown as escapes, as every SVG text is written ([`crate::sanitize::xml`]).
pub fn escape(s: &str) -> String {
    crate::sanitize::xml(s)
}

/// One line of Markdown text as HTML: escapes, strong and code.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let (mut strong, mut code) = (false, false);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if !code && chars.peek().is_some_and(char::is_ascii_punctuation) => {
                if let Some(n) = chars.next() {
                    out.push_str(&escape(&n.to_string()));
                }
            }
            '`' => {
                out.push_str(if code { "</code>" } else { "<code>" });
                code = !code;
            }
            '*' if !code && chars.peek() == Some(&'*') => {
                chars.next();
                out.push_str(if strong { "</strong>" } else { "<strong>" });
                strong = !strong;
            }
            c => out.push_str(&escape(&c.to_string())),
        }
    }
    if code {
        out.push_str("</code>");
    }
    if strong {
        out.push_str("</strong>");
    }
    out
}

/// A paragraph's lines: a line ending in two spaces breaks; one wholly in `_…_` is emphasis.
fn paragraph(lines: &[&str]) -> String {
    let joined: Vec<String> = lines
        .iter()
        .map(|l| {
            let hard = l.ends_with("  ");
            let t = l.trim();
            let emphasis =
                t.len() > 2 && t.starts_with('_') && t.ends_with('_') && !t.ends_with("\\_");
            let body = if emphasis {
                format!("<em>{}</em>", inline(&t[1..t.len() - 1]))
            } else {
                inline(t)
            };
            if hard {
                format!("{body}<br>")
            } else {
                body
            }
        })
        .collect();
    joined.join("\n")
}

/// The cells of a table row, split at `|` not escaped.
fn cells(row: &str) -> Vec<String> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut chars = row.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cell.push(c);
                if let Some(n) = chars.next() {
                    cell.push(n);
                }
            }
            '|' => out.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    if !cell.trim().is_empty() {
        out.push(cell);
    }
    out.into_iter().map(|c| c.trim().to_string()).collect()
}

/// A table: the header row, the alignment row, then the body.
fn table(rows: &[&str]) -> String {
    let aligns: Vec<&str> = rows.get(1).map_or(Vec::new(), |r| {
        cells(r)
            .iter()
            .map(|c| {
                if c.ends_with(':') {
                    " class=\"num\""
                } else {
                    ""
                }
            })
            .collect()
    });
    let row = |r: &str, tag: &str| {
        let mut s = String::from("<tr>");
        for (i, c) in cells(r).iter().enumerate() {
            let align = aligns.get(i).copied().unwrap_or("");
            s.push_str(&format!("<{tag}{align}>{}</{tag}>", inline(c)));
        }
        s.push_str("</tr>\n");
        s
    };
    let mut out = String::from("<div class=\"table\"><table>\n");
    if let Some(head) = rows.first() {
        out.push_str(&format!("<thead>{}</thead>\n<tbody>\n", row(head, "th")));
    }
    for r in rows.iter().skip(2) {
        out.push_str(&row(r, "td"));
    }
    out.push_str("</tbody></table></div>\n");
    out
}

/// A list: items start with `- `; indented lines continue the item before them.
fn list(lines: &[&str]) -> String {
    let mut items: Vec<Vec<&str>> = Vec::new();
    for l in lines {
        match l.strip_prefix("- ") {
            Some(rest) => items.push(vec![rest]),
            None => match items.last_mut() {
                Some(item) => item.push(l),
                None => items.push(vec![l]),
            },
        }
    }
    let mut out = String::from("<ul>\n");
    for item in items {
        out.push_str(&format!("<li>{}</li>\n", paragraph(&item)));
    }
    out.push_str("</ul>\n");
    out
}

/// What kind of block a line starts or continues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Paragraph,
    List,
    Table,
    Quote,
}

fn kind(line: &str) -> Block {
    if line.starts_with("- ") {
        Block::List
    } else if line.starts_with('|') {
        Block::Table
    } else if line.starts_with('>') {
        Block::Quote
    } else {
        Block::Paragraph
    }
}

/// One block of lines as HTML.
fn block(kind: Block, lines: &[&str]) -> String {
    match kind {
        Block::Paragraph => format!("<p>{}</p>\n", paragraph(lines)),
        Block::List => list(lines),
        Block::Table => table(lines),
        Block::Quote => {
            let inner: Vec<&str> = lines
                .iter()
                .map(|l| l.trim_start_matches('>').trim_start())
                .collect();
            format!(
                "<blockquote>\n{}</blockquote>\n",
                to_html(&inner.join("\n"))
            )
        }
    }
}

/// A line that is a block on its own: a heading, a rule, an image (its text only).
fn single(line: &str) -> Option<String> {
    for (mark, tag) in [("# ", "h1"), ("## ", "h2"), ("### ", "h3")] {
        if let Some(rest) = line.strip_prefix(mark) {
            return Some(format!("<{tag}>{}</{tag}>\n", inline(rest)));
        }
    }
    if line.trim() == "---" {
        return Some("<hr>\n".into());
    }
    let image = line.strip_prefix("![")?;
    let alt = image.split("](").next().unwrap_or("");
    Some(format!("<p class=\"muted\">{}</p>\n", inline(alt)))
}

/// The report's Markdown as HTML.
pub fn to_html(md: &str) -> String {
    let mut out = String::new();
    let mut open: Option<(Block, Vec<&str>)> = None;
    let mut fence: Option<Vec<&str>> = None;
    for line in md.lines() {
        if let Some(code) = fence.as_mut() {
            if line.starts_with("```") {
                out.push_str(&format!(
                    "<pre><code>{}</code></pre>\n",
                    escape(&code.join("\n"))
                ));
                fence = None;
            } else {
                code.push(line);
            }
            continue;
        }
        let starts_fence = line.starts_with("```");
        let alone = if starts_fence { None } else { single(line) };
        let k = kind(line);
        // A block goes on while its lines are of its kind (a list also over indented lines).
        let goes_on = open.as_ref().is_some_and(|(b, _)| {
            !line.trim().is_empty()
                && alone.is_none()
                && !starts_fence
                && (k == *b || (*b == Block::List && line.starts_with("  ")))
        });
        if goes_on {
            if let Some((_, lines)) = open.as_mut() {
                lines.push(line);
            }
            continue;
        }
        if let Some((b, lines)) = open.take() {
            out.push_str(&block(b, &lines));
        }
        if starts_fence {
            fence = Some(Vec::new());
        } else if let Some(html) = alone {
            out.push_str(&html);
        } else if !line.trim().is_empty() {
            open = Some((k, vec![line]));
        }
    }
    if let Some((b, lines)) = open.take() {
        out.push_str(&block(b, &lines));
    }
    if let Some(code) = fence {
        out.push_str(&format!(
            "<pre><code>{}</code></pre>\n",
            escape(&code.join("\n"))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_from_files_stay_text() {
        let md = crate::sanitize::markdown("<script>alert(1)</script> **x** [a](javascript:b)");
        let html = to_html(&format!(
            "# {md}\n\n{md}\n\n| {md} | 1 |\n|---|---:|\n| {md} | 2 |\n"
        ));
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("href"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; **x** [a](javascript:b)"));
        assert!(!html.contains("<strong>x"), "{html}");
    }

    #[test]
    fn the_reports_blocks() {
        let md = "# T: API\n\n_about it_\n\n**Verdict: API** now.\n\n- a\n- **b**: `f = x`  \n  = 3\n\n> **Warning:** w\n>\n\n| A | B |\n|---|---:|\n| x \\| y | 1 |\n\n![Daily cost](<javascript:x>)\n\n---\nfoot\n";
        let html = to_html(md);
        assert!(html.contains("<h1>T: API</h1>"), "{html}");
        assert!(html.contains("<p><em>about it</em></p>"), "{html}");
        assert!(
            html.contains("<li><strong>b</strong>: <code>f = x</code><br>\n= 3</li>"),
            "{html}"
        );
        assert!(
            html.contains("<blockquote>\n<p><strong>Warning:</strong> w</p>\n</blockquote>"),
            "{html}"
        );
        assert!(
            html.contains("<td>x | y</td><td class=\"num\">1</td>"),
            "{html}"
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("<hr>\n<p>foot</p>"), "{html}");
    }
}
