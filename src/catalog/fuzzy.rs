//! Finding catalog entries by a name as people type it: words in any order, any case,
//! separators ignored ("gemma 27" finds "Gemma 3 27B", "h100-80gb" finds "H100 80GB"). One rule
//! for the dashboard's pickers and for `--api`, `--gpu` and `--local`. Pure functions.

/// How well a query matches, best first. `None` from [`rank`] means it does not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// The same name, separators and case aside.
    Exact,
    /// The name starts with the query.
    Prefix,
    /// Every query word starts a word of the name (any order).
    Words,
    /// Every query word is found somewhere in the name (or the extra text).
    Inside,
}

/// Lowercase words, split at anything that is not a letter or a digit.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Letters and digits only, lowercase: `GPT-4o mini` → `gpt4omini`.
fn squash(s: &str) -> String {
    words(s).concat()
}

/// A query split into words once, to be matched against many entries: splitting it again for
/// each of a large import's entries made a long query slow.
struct Query {
    words: Vec<String>,
    squashed: String,
}

impl Query {
    fn new(query: &str) -> Query {
        let mut words = words(query);
        let squashed = words.concat();
        // A word repeated asks nothing more of a name.
        let mut seen = std::collections::HashSet::new();
        words.retain(|w| seen.insert(w.clone()));
        Query { words, squashed }
    }
}

/// How `query` matches an entry called `name` whose other searchable text (the provider, say)
/// is `extra`. An empty query matches everything (as [`Rank::Inside`]).
pub fn rank(query: &str, name: &str, extra: &str) -> Option<Rank> {
    rank_query(&Query::new(query), name, extra)
}

fn rank_query(query: &Query, name: &str, extra: &str) -> Option<Rank> {
    let q = &query.words;
    if q.is_empty() {
        return Some(Rank::Inside);
    }
    let (qs, ns) = (&query.squashed, squash(name));
    if *qs == ns {
        return Some(Rank::Exact);
    }
    if ns.starts_with(qs.as_str()) {
        return Some(Rank::Prefix);
    }
    let n = words(name);
    if q.iter()
        .all(|w| n.iter().any(|nw| nw.starts_with(w.as_str())))
    {
        return Some(Rank::Words);
    }
    let hay = format!("{ns} {}", squash(extra));
    let hay_words: Vec<String> = n.into_iter().chain(words(extra)).collect();
    q.iter()
        .all(|w| hay.contains(w.as_str()) || hay_words.iter().any(|h| h.contains(w.as_str())))
        .then_some(Rank::Inside)
}

/// The items matching `query`, best first; current entries before legacy ones of the same
/// rank, and the catalog's order otherwise. `text` gives an item's name, extra text and
/// whether it is legacy.
pub fn filter<'a, T>(
    query: &str,
    items: &'a [T],
    text: impl Fn(&T) -> (&str, &str, bool),
) -> Vec<&'a T> {
    let query = Query::new(query);
    let mut hits: Vec<(Rank, bool, usize, &T)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let (name, extra, legacy) = text(t);
            rank_query(&query, name, extra).map(|r| (r, legacy, i, t))
        })
        .collect();
    hits.sort_by_key(|(r, legacy, i, _)| (*r, *legacy, *i));
    hits.into_iter().map(|(.., t)| t).collect()
}

/// What a name given on the command line resolved to.
#[derive(Debug, PartialEq)]
pub enum Resolved<'a, T> {
    /// One entry. `note` says which, when the name was not exact.
    One { item: &'a T, note: Option<String> },
    /// Several fit equally well: their names, to list.
    Ambiguous(Vec<String>),
    /// Nothing matches.
    None,
}

/// Resolve `query` to one entry: an exact name; else the only match; else the only entry that
/// starts with it. Legacy entries count only when no current one matches.
pub fn resolve<'a, T>(
    query: &str,
    items: &'a [T],
    name_of: impl Fn(&T) -> &str,
    legacy: impl Fn(&T) -> bool,
) -> Resolved<'a, T> {
    let q = Query::new(query);
    if q.words.is_empty() {
        return Resolved::None;
    }
    let hits: Vec<(Rank, &T)> = items
        .iter()
        .filter_map(|t| rank_query(&q, name_of(t), "").map(|r| (r, t)))
        .collect();
    if let Some((_, t)) = hits.iter().find(|(r, _)| *r == Rank::Exact) {
        return Resolved::One {
            item: t,
            note: None,
        };
    }
    let current: Vec<&(Rank, &T)> = hits.iter().filter(|(_, t)| !legacy(t)).collect();
    let pool: Vec<&(Rank, &T)> = if current.is_empty() {
        hits.iter().collect()
    } else {
        current
    };
    let prefixed: Vec<&&(Rank, &T)> = pool.iter().filter(|(r, _)| *r == Rank::Prefix).collect();
    let chosen = match (pool.as_slice(), prefixed.as_slice()) {
        ([], _) => return Resolved::None,
        ([only], _) => only.1,
        (_, [only]) => only.1,
        (many, _) => {
            return Resolved::Ambiguous(many.iter().map(|(_, t)| name_of(t).to_string()).collect())
        }
    };
    Resolved::One {
        item: chosen,
        note: Some(format!(
            "\"{}\" is {}",
            crate::sanitize::clip(query, crate::sanitize::SHOWN),
            name_of(chosen)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [&str; 6] = [
        "Gemma 3 4B",
        "Gemma 3 27B",
        "Claude Sonnet 4.5",
        "Claude Sonnet 4",
        "GPT-4o",
        "GPT-4o mini",
    ];

    fn names(q: &str) -> Vec<&'static str> {
        filter(q, &NAMES, |n| (*n, "", false))
            .into_iter()
            .copied()
            .collect()
    }

    #[test]
    fn words_in_any_order() {
        assert_eq!(names("gemma 27"), ["Gemma 3 27B"]);
        assert_eq!(names("27b gemma"), ["Gemma 3 27B"]);
        assert_eq!(names("GEMMA"), ["Gemma 3 4B", "Gemma 3 27B"]);
        assert_eq!(names("gpt4o"), ["GPT-4o", "GPT-4o mini"], "exact first");
        assert_eq!(names("onnet"), ["Claude Sonnet 4.5", "Claude Sonnet 4"]);
        assert!(names("zzz").is_empty());
        assert_eq!(names("").len(), NAMES.len());
    }

    #[test]
    fn ranks_from_exact_to_inside() {
        assert_eq!(rank("gpt-4o", "GPT-4o", ""), Some(Rank::Exact));
        assert_eq!(rank("gpt 4o m", "GPT-4o mini", ""), Some(Rank::Prefix));
        assert_eq!(rank("mini 4o", "GPT-4o mini", ""), Some(Rank::Words));
        assert_eq!(
            rank("anthropic", "Claude Sonnet 4", "Anthropic"),
            Some(Rank::Inside)
        );
        assert_eq!(rank("llama", "Claude Sonnet 4", "Anthropic"), None);
    }

    #[test]
    fn current_before_legacy() {
        let items = [("Claude Sonnet 4", true), ("Claude Sonnet 4.5", false)];
        let got: Vec<&str> = filter("sonnet", &items, |(n, l)| (*n, "", *l))
            .into_iter()
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(got, ["Claude Sonnet 4.5", "Claude Sonnet 4"]);
        match resolve("claude sonnet", &items, |(n, _)| n, |(_, l)| *l) {
            Resolved::One { item, note } => {
                assert_eq!(item.0, "Claude Sonnet 4.5");
                assert_eq!(note.unwrap(), "\"claude sonnet\" is Claude Sonnet 4.5");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn resolving_a_name() {
        let r = |q| resolve(q, &NAMES, |n| n, |_| false);
        assert!(matches!(r("gpt-4o"), Resolved::One { note: None, .. }));
        assert!(matches!(
            r("gemma 27"),
            Resolved::One {
                item: &"Gemma 3 27B",
                ..
            }
        ));
        assert!(matches!(
            r("gpt-4o mi"),
            Resolved::One {
                item: &"GPT-4o mini",
                ..
            }
        ));
        assert_eq!(
            r("claude sonnet"),
            Resolved::Ambiguous(vec!["Claude Sonnet 4.5".into(), "Claude Sonnet 4".into()])
        );
        assert_eq!(
            r("gemma"),
            Resolved::Ambiguous(vec!["Gemma 3 4B".into(), "Gemma 3 27B".into()])
        );
        assert_eq!(r("zzz"), Resolved::None);
        assert_eq!(r("  "), Resolved::None);
    }
}
