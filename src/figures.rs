//! How numbers read for a person: money, volumes and short axis labels.
//!
//! Used by the text and Markdown reports, the dashboard and the chart exports, so a figure
//! reads the same everywhere.

/// Whole-month axis ticks from month 0 to `horizon`: multiples of a step of 1, 2, 3, 4 or 6
/// months or of whole years, the smallest that gives at most `at_most` intervals. A month axis
/// never reads "6.5".
pub fn month_ticks(horizon: u32, at_most: usize) -> Vec<u32> {
    let at_most = at_most.max(1) as u32;
    let step = [1, 2, 3, 4, 6]
        .into_iter()
        .chain((1..).map(|y: u32| 12 * y))
        .find(|s| horizon.div_ceil(*s) <= at_most)
        .unwrap_or(horizon.max(1));
    (0..=horizon / step).map(|k| k * step).collect()
}

/// Money with thousands separators and cents: `$1,234.56`, or `1,234.56 EUR` for other
/// currencies. Very large amounts switch to scientific notation.
pub fn money(x: f64, currency: &str) -> String {
    let body = if x.abs() >= 1e12 {
        format!("{x:.3e}")
    } else {
        grouped(x, 2)
    };
    match currency {
        "USD" | "" => match body.strip_prefix('-') {
            Some(rest) => format!("-${rest}"),
            None => format!("${body}"),
        },
        "EUR" => format!("€{body}"),
        "GBP" => format!("£{body}"),
        other => format!("{body} {other}"),
    }
}

/// A volume or count: `15,361` (no decimals from 100 up), `12.5` below.
pub fn volume(x: f64) -> String {
    if x.abs() >= 1e15 {
        format!("{x:.3e}")
    } else if x.abs() >= 100.0 || x.fract() == 0.0 {
        grouped(x, 0)
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// log10 for a log axis: values at or below zero (and below the axis) go to `floor`, so a
/// chart never maps a cost to NaN or −∞ (bottom's `saturating_log10`).
pub fn saturating_log10(x: f64, floor: f64) -> f64 {
    if x > 0.0 {
        x.log10().max(floor)
    } else {
        floor
    }
}

/// A compact label for an axis tick: `10`, `1k`, `2.5k`, `10M`, `1B`.
pub fn si(x: f64) -> String {
    let (scaled, suffix) = match x.abs() {
        a if a >= 1e12 => (x / 1e12, "T"),
        a if a >= 1e9 => (x / 1e9, "B"),
        a if a >= 1e6 => (x / 1e6, "M"),
        a if a >= 1e3 => (x / 1e3, "k"),
        a if a > 0.0 && a < 1.0 => {
            // Two significant digits: 0.1, 0.25, 0.001.
            let digits = (-a.log10().floor()) as usize + 1;
            let s = format!("{x:.digits$}");
            return s.trim_end_matches('0').trim_end_matches('.').to_string();
        }
        _ => (x, ""),
    };
    let digits = if scaled.abs() >= 100.0 || scaled.fract().abs() < 1e-9 {
        0
    } else {
        1
    };
    let s = format!("{scaled:.digits$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    format!("{s}{suffix}")
}

/// A whole count compactly: `128k`, `1M`.
pub fn si_u64(x: u64) -> String {
    si(x as f64)
}

/// Money for an axis tick: `$10`, `$1k`, `$2.5M`.
pub fn si_money(x: f64, currency: &str) -> String {
    match currency {
        "USD" | "" => format!("${}", si(x)),
        "EUR" => format!("€{}", si(x)),
        "GBP" => format!("£{}", si(x)),
        other => format!("{} {other}", si(x)),
    }
}

/// A plain number for a formula: `2,000`, `0.3`, `0.0694`, `1.2e-7`.
pub fn num(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let a = x.abs();
    if !(1e-4..1e15).contains(&a) {
        return format!("{x:.3e}");
    }
    let decimals = if a >= 100.0 { 2 } else { 4 };
    let s = grouped(x, decimals);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Whole months from `from` to `to`, both `YYYY-MM` or `YYYY-MM-DD`; `None` if unreadable.
pub fn months_between(from: &str, to: &str) -> Option<i64> {
    let ym = |s: &str| -> Option<i64> {
        let mut parts = s.split('-');
        let y: i64 = parts.next()?.parse().ok()?;
        let m: i64 = parts.next()?.parse().ok()?;
        Some(y * 12 + m - 1)
    };
    Some(ym(to)? - ym(from)?)
}

/// A share as a percentage: `69.4%`.
pub fn percent(x: f64) -> String {
    let p = x * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}

/// A latency in at most 8 characters: "104.7 ms" below a second, "35.9 s" from one second on,
/// "14,507 s" from 100 seconds.
pub fn latency(seconds: f64) -> String {
    let ms = (seconds * 1e4).round() / 10.0;
    if ms < 1_000.0 {
        format!("{ms:.1} ms")
    } else if seconds < 99.95 {
        format!("{seconds:.1} s")
    } else {
        format!("{} s", volume(seconds.round()))
    }
}

/// Months: `0.30 months`, `14.2 months`.
pub fn months(x: f64) -> String {
    if x < 10.0 {
        format!("{x:.2} months")
    } else {
        format!("{} months", grouped(x, 1))
    }
}

/// `x` with `decimals` decimals and commas between thousands.
pub fn grouped(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    if x < 0.0 && out.chars().any(|c| c != '0' && c != '.' && c != ',') {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn month_ticks_are_whole_and_few() {
        assert_eq!(super::month_ticks(12, 12), (0..=12).collect::<Vec<_>>());
        assert_eq!(super::month_ticks(12, 6), vec![0, 2, 4, 6, 8, 10, 12]);
        assert_eq!(super::month_ticks(12, 4), vec![0, 3, 6, 9, 12]);
        assert_eq!(super::month_ticks(36, 6), vec![0, 6, 12, 18, 24, 30, 36]);
        assert_eq!(super::month_ticks(120, 6), vec![0, 24, 48, 72, 96, 120]);
        for h in 2..=600 {
            for n in [4, 6, 12] {
                let t = super::month_ticks(h, n);
                assert!(t.len() >= 2 && t.len() <= n + 1, "{h} {n}: {t:?}");
                assert!(*t.last().unwrap() <= h, "{h} {n}: {t:?}");
            }
        }
    }

    use super::*;

    #[test]
    fn reads_like_a_person_writes() {
        assert_eq!(money(153.6112, "USD"), "$153.61");
        assert_eq!(money(4675.5, "USD"), "$4,675.50");
        assert_eq!(money(-12.0, "USD"), "-$12.00");
        assert_eq!(money(12.0, "CHF"), "12.00 CHF");
        assert_eq!(volume(15_361.12), "15,361");
        assert_eq!(volume(12.5), "12.5");
        assert_eq!(volume(1_000_000.0), "1,000,000");
        assert_eq!(si(1000.0), "1k");
        assert_eq!(si(2500.0), "2.5k");
        assert_eq!(si(10_000_000.0), "10M");
        assert_eq!(si(10.0), "10");
        assert_eq!(si(0.1), "0.1");
        assert_eq!(si(0.01), "0.01");
        assert_eq!(si_money(1000.0, "USD"), "$1k");
        assert_eq!(percent(0.0694), "6.9%");
        assert_eq!(months_between("2025-06", "2026-11-25"), Some(17));
        assert_eq!(months_between("junk", "2026-11"), None);
        assert_eq!(num(2000.0), "2,000");
        assert_eq!(num(0.069444), "0.0694");
        assert_eq!(num(15_361.123_4), "15,361.12");
    }

    #[test]
    fn latencies_fit_a_column() {
        assert_eq!(latency(0.1047), "104.7 ms");
        assert_eq!(latency(6.951), "7.0 s");
        assert_eq!(latency(35.903), "35.9 s");
        assert_eq!(latency(14_507.0), "14,507 s");
        // Rounding up to the next unit switches units instead of reading "1000.0 ms".
        assert_eq!(latency(0.999_97), "1.0 s");
        assert_eq!(latency(99.96), "100 s");
        for s in [
            0.0, 0.0009, 0.9994, 0.999_97, 1.0, 99.94, 99.96, 100.0, 99_999.0,
        ] {
            assert!(latency(s).chars().count() <= 8, "{}", latency(s));
        }
    }
}
