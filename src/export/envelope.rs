//! The fleet envelope (docs/MODEL.md §6.10) against the API on the exported cost chart: its
//! cost between its samples, and the volumes where it crosses the API, so that the chart marks
//! the crossing and shades by the envelope where it is drawn (the shading never says "API
//! cheapest" where the dotted line runs under the API).

/// The envelope's cost at `v`: straight in log–log between the two samples around it (the
/// chart draws it so); `None` outside its samples or where a cost is not positive.
pub fn cost_at(env: &[(f64, f64)], v: f64) -> Option<f64> {
    let i = env.partition_point(|p| p.0 < v);
    let &(b, cb) = env.get(i)?;
    if b == v {
        return Some(cb);
    }
    let &(a, ca) = env.get(i.checked_sub(1)?)?;
    if a <= 0.0 || ca <= 0.0 || cb <= 0.0 || b <= a {
        return None;
    }
    let f = (v / a).ln() / (b / a).ln();
    Some(ca * (cb / ca).powf(f))
}

/// The volumes where the envelope crosses `api` (its cost per day at a volume), in order: where
/// `ln(envelope / api)` changes sign between two samples, found on the straight line between
/// them in log–log (to a fraction of a sample's step).
pub fn api_crossings(env: &[(f64, f64)], api: &dyn Fn(f64) -> f64) -> Vec<f64> {
    let gap = |&(v, e): &(f64, f64)| {
        let a = api(v);
        (v > 0.0 && e > 0.0 && a > 0.0).then(|| (v, (e / a).ln()))
    };
    let pts: Vec<(f64, f64)> = env.iter().filter_map(gap).collect();
    let mut out = Vec::new();
    for w in pts.windows(2) {
        let ((va, da), (vb, db)) = (w[0], w[1]);
        if da == 0.0 {
            if out.last() != Some(&va) {
                out.push(va);
            }
        } else if db != 0.0 && (da < 0.0) != (db < 0.0) {
            let f = da / (da - db);
            out.push(va * (vb / va).powf(f));
        }
    }
    if let Some(&(v, d)) = pts.last() {
        if d == 0.0 && out.last() != Some(&v) {
            out.push(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn between_samples_the_cost_is_straight_in_log_log() {
        let env = [(100.0, 10.0), (10_000.0, 1_000.0)];
        assert_eq!(cost_at(&env, 100.0), Some(10.0));
        assert_eq!(cost_at(&env, 10_000.0), Some(1_000.0));
        let mid = cost_at(&env, 1_000.0).unwrap();
        assert!((mid - 100.0).abs() < 1e-9, "{mid}");
        assert_eq!(cost_at(&env, 50.0), None);
        assert_eq!(cost_at(&env, 20_000.0), None);
        assert_eq!(cost_at(&[], 1.0), None);
    }

    /// A flat $98/day envelope against an API of $0.01 a request crosses at 9,800/day; one
    /// that steps back under the API crosses again.
    #[test]
    fn the_crossings_with_the_api_are_where_the_sign_changes() {
        let api = |v: f64| 0.01 * v;
        let env: Vec<(f64, f64)> = (0..=40)
            .map(|i| 10f64.powf(2.0 + i as f64 / 10.0))
            .map(|v| (v, 98.0))
            .collect();
        let x = api_crossings(&env, &api);
        assert_eq!(x.len(), 1, "{x:?}");
        assert!((x[0] / 9_800.0 - 1.0).abs() < 1e-9, "{x:?}");
        let back = [(1e3, 98.0), (1e4, 98.0), (2e4, 150.0), (4e4, 900.0)];
        let x = api_crossings(&back, &api);
        assert_eq!(x.len(), 2, "{x:?}");
        assert!(x[0] < 1e4 && x[1] > 2e4 && x[1] < 4e4, "{x:?}");
        // Always under, or no API price: no crossing.
        assert!(api_crossings(&[(1.0, 0.001), (10.0, 0.01)], &api).is_empty());
        assert!(api_crossings(&env, &|_| 0.0).is_empty());
    }
}
