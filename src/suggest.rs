//! "Did you mean": the known name closest to a mistyped one, if it is close enough to be a
//! typo. The cost is bounded whatever the input: a name whose length alone puts it out of
//! reach is never compared, and a comparison stops as soon as it is out of reach, so a
//! 10 MB key is answered in about the time it takes to count its characters.

/// The closest name to `wrong` among `candidates` (ignoring ASCII case), if within a third of
/// the longer name's length (at least 2 edits). The first of equally close names wins.
pub fn nearest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_chars = wrong.chars().count();
    let mut wrong_lower: Option<String> = None;
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        if best.is_some_and(|(d, _)| d == 0) {
            break;
        }
        let most = (c.len().max(wrong.len()) / 3).max(2);
        let most = best.map_or(most, |(d, _)| most.min(d.saturating_sub(1)));
        // The distance is at least the difference in length.
        if wrong_chars.abs_diff(c.chars().count()) > most {
            continue;
        }
        let w = wrong_lower.get_or_insert_with(|| wrong.to_ascii_lowercase());
        if let Some(d) = edit_distance_within(w, &c.to_ascii_lowercase(), most) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance over chars, when it is at most `most`; `None` otherwise. Only the
/// diagonal band of width `2 × most + 1` is computed, and a row past `most` ends the search.
pub fn edit_distance_within(a: &str, b: &str, most: usize) -> Option<usize> {
    if a.chars().count().abs_diff(b.chars().count()) > most {
        return None;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let far = most + 1; // Stands for "out of reach" in the cells outside the band.
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j.min(far)).collect();
    let mut cur = vec![far; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        let row = i + 1;
        let lo = row.saturating_sub(most).max(1);
        let hi = (row + most).min(b.len());
        cur.fill(far);
        cur[0] = row.min(far);
        let mut row_min = cur[0];
        for j in lo..=hi {
            let sub = prev[j - 1] + usize::from(*ca != b[j - 1]);
            let d = sub.min(prev[j] + 1).min(cur[j - 1] + 1).min(far);
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > most {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.get(b.len()).copied().filter(|d| *d <= most)
}

/// How far [`rank_distance`] counts edits exactly.
pub const RANKED_WITHIN: usize = 12;

/// A distance for ranking catalog names by how close they are to what the user typed (the
/// "closest: …" of an unknown name): the edit distance when it is at most [`RANKED_WITHIN`],
/// else past that by the difference in length. A name far longer than every entry then costs
/// a comparison of lengths per entry, however often it is looked up (an unknown model of 256
/// characters is looked up on every evaluation of the estimate).
pub fn rank_distance(a: &str, b: &str) -> usize {
    edit_distance_within(a, b, RANKED_WITHIN)
        .unwrap_or_else(|| RANKED_WITHIN + 1 + a.chars().count().abs_diff(b.chars().count()))
}

/// Longer than this, a name is nobody's typo of a known one.
pub const LONGEST_NAME: usize = 256;

/// Levenshtein distance over chars, for ranking a handful of short names. When either is
/// longer than [`LONGEST_NAME`] chars the answer is the longer length (an upper bound, given
/// at once), so a huge name costs no more than counting it.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.max(lb) > LONGEST_NAME {
        return la.max(lb);
    }
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_long_unknown_name_ranks_by_length_past_the_exact_reach() {
        assert_eq!(rank_distance("b300", "b200"), 1);
        let long = "é".repeat(256);
        assert_eq!(rank_distance(&long, "h100"), RANKED_WITHIN + 1 + 252);
        assert!(rank_distance(&long, "h100") < rank_distance(&long, "a"));
    }

    #[test]
    fn typos_are_found_and_strangers_are_not() {
        let keys = ["requests_per_day", "input_tokens", "output_tokens"];
        assert_eq!(nearest("request_per_day", keys), Some("requests_per_day"));
        assert_eq!(nearest("REQUESTS_PER_DAY", keys), Some("requests_per_day"));
        assert_eq!(nearest("output_tokns", keys), Some("output_tokens"));
        assert_eq!(nearest("zebra", keys), None);
        assert_eq!(nearest("", keys), None);
        // Equally close: the first wins.
        assert_eq!(nearest("ab", ["ax", "xb"]), Some("ax"));
    }

    #[test]
    fn a_ten_megabyte_key_is_answered_within_bounds() {
        let keys: Vec<&str> = crate::model::fields::all().map(|f| f.key).collect();
        let huge = "requests_per_day".repeat(10 << 20 >> 4);
        assert_eq!(nearest(&huge, keys.iter().copied()), None);
        // Also when the huge key is the candidate rather than the input.
        assert_eq!(nearest("requests_per_day", [huge.as_str()]), None);
        assert_eq!(edit_distance_within(&huge, "requests_per_day", 5), None);
        // Ranking (the catalog's "closest" names) is bounded too.
        assert_eq!(edit_distance(&huge, "gpt-4o"), huge.len());
        assert_eq!(edit_distance("gpt-4o", "gpt-4o-mini"), 5);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn bounded_distance_agrees_with_the_full_one(
            a in "[abc]{0,9}", b in "[abc]{0,9}", most in 0usize..6,
        ) {
            let d = edit_distance(&a, &b);
            let within = edit_distance_within(&a, &b, most);
            prop_assert_eq!(within, (d <= most).then_some(d));
        }

        #[test]
        fn rank_distance_is_exact_within_reach_and_past_it_beyond(
            a in "[ab]{0,30}", b in "[ab]{0,30}",
        ) {
            let d = edit_distance(&a, &b);
            let r = rank_distance(&a, &b);
            if d <= RANKED_WITHIN {
                prop_assert_eq!(r, d);
            } else {
                prop_assert!(r > RANKED_WITHIN);
            }
        }

        #[test]
        fn nearest_is_the_closest_within_reach(
            wrong in "[abcd_]{0,12}", names in prop::collection::vec("[abcd_]{1,12}", 1..6),
        ) {
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            let slow = refs
                .iter()
                .map(|c| (edit_distance(&wrong, c), *c))
                .filter(|(d, c)| *d <= (c.len().max(wrong.len()) / 3).max(2))
                .min_by_key(|(d, _)| *d)
                .map(|(_, c)| c);
            prop_assert_eq!(nearest(&wrong, refs.iter().copied()), slow);
        }
    }
}
