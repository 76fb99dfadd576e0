//! Whether a scenario's prices are old: its own `prices_as_of` and the date of every catalog
//! entry it picked (`catalog.api_as_of`, `catalog.gpu_as_of`, `catalog.model_as_of`). Today's date
//! is passed in, so the answer does not change with the calendar in tests.

use super::scenario::Scenario;

/// Prices older than this many months get a warning.
pub(crate) const STALE_AFTER_MONTHS: i64 = 6;

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day.
pub fn is_date(s: &str) -> bool {
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = s.split('-').collect();
    let month = |m: &str| digits(m, 2) && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m));
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && month(m),
        [y, m, d] => {
            digits(y, 4)
                && month(m)
                && digits(d, 2)
                && d.parse::<u32>().is_ok_and(|d| {
                    let (y, m) = (y.parse::<u32>().unwrap_or(0), m.parse::<u32>().unwrap_or(0));
                    (1..=days_in_month(y, m)).contains(&d)
                })
        }
        _ => false,
    }
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Months from `from` to `to`, both `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a bare year counts from
/// its January, so a year-only date is never younger than it may be.
pub(crate) fn months_old(from: &str, to: &str) -> Option<i64> {
    let ym = |s: &str| -> Option<i64> {
        let mut parts = s.trim().split('-');
        let y: i64 = parts.next()?.parse().ok()?;
        let m: i64 = match parts.next() {
            Some(m) => m.parse().ok()?,
            None => 1,
        };
        (1..=12).contains(&m).then_some(y * 12 + m - 1)
    };
    Some(ym(to)? - ym(from)?)
}

/// One price date that deserves a warning.
#[derive(Debug, Clone, PartialEq)]
pub struct Stale {
    /// "prices", "API model GPT-4o", "GPU H100 80GB", "local model Llama 3.1 8B".
    pub what: String,
    /// The date as written; empty when undated, `unknown` for an undated import.
    pub date: String,
    /// Whole months before today, when the date is known.
    pub months: Option<i64>,
}

/// Every stale or undated price of `sc`: its `prices_as_of`, then each picked entry's date.
pub fn stale(sc: &Scenario, today: &str) -> Vec<Stale> {
    let mut out = Vec::new();
    let old = |date: &str| months_old(date, today).filter(|m| *m > STALE_AFTER_MONTHS);
    let p = sc.prices_as_of.trim();
    if p.is_empty() || old(p).is_some() {
        out.push(Stale {
            what: "prices".into(),
            date: p.to_string(),
            months: old(p),
        });
    }
    let picks = [
        ("API model", &sc.api.model, &sc.catalog.api_as_of),
        ("GPU", &sc.self_host.gpu, &sc.catalog.gpu_as_of),
        ("local model", &sc.self_host.model, &sc.catalog.model_as_of),
        (
            "cheap API model",
            &sc.hybrid.cheap_model,
            &sc.catalog.cheap_as_of,
        ),
    ];
    for (what, name, as_of) in picks {
        let as_of = as_of.trim();
        if as_of == "unknown" || old(as_of).is_some() {
            out.push(Stale {
                what: format!("{what} {name}"),
                date: as_of.to_string(),
                months: old(as_of),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The report's lines (worded at the edge).
    fn warnings(sc: &Scenario, today: &str) -> Vec<String> {
        crate::wording::stale_warnings(&stale(sc, today))
    }

    #[test]
    fn dates() {
        for d in ["2026", "2026-02", "2024-02-29", "2026-12-31"] {
            assert!(is_date(d), "{d}");
        }
        for d in [
            "",
            "26",
            "2026-2",
            "2026-00",
            "2025-02-29",
            "2026-04-31",
            "2026/01/01",
            "today",
        ] {
            assert!(!is_date(d), "{d}");
        }
    }

    #[test]
    fn months() {
        assert_eq!(months_old("2026-05-31", "2026-11-25"), Some(6));
        assert_eq!(months_old("2026-05", "2026-11-25"), Some(6));
        assert_eq!(months_old("2026", "2026-11-25"), Some(10));
        assert_eq!(months_old("2026-13", "2026-11-25"), None);
        assert_eq!(months_old("unknown", "2026-11-25"), None);
    }

    #[test]
    fn stale_and_undated_prices_are_said_with_today_given() {
        let mut sc = Scenario {
            prices_as_of: "2026-05".into(),
            ..Scenario::default()
        };
        assert!(warnings(&sc, "2026-11-25").is_empty());
        let w = warnings(&sc, "2026-12-01");
        assert_eq!(w.len(), 1);
        assert!(
            w[0].starts_with("prices as of 2026-05 are 7 months old"),
            "{w:?}"
        );
        sc.prices_as_of.clear();
        assert!(warnings(&sc, "2026-11-25")[0].starts_with("prices undated"));
        sc.prices_as_of = "2026-11-01".into();
        sc.catalog.api_as_of = "unknown".into();
        sc.catalog.gpu_as_of = "2025-06".into();
        sc.catalog.model_as_of = "2026-09".into();
        let w = warnings(&sc, "2026-11-25");
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[0].contains("date is unknown"));
        assert!(w[1].starts_with(&format!(
            "GPU {}: catalog entry as of 2025-06, 17 months old",
            sc.self_host.gpu
        )));
    }
}
