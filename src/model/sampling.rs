//! Deterministic random draws for the Monte Carlo: a SplitMix64 stream per sample, so sample
//! `i` is the same whatever the thread that draws it or the order of draws.

use super::fields::{self, Kind, Value};
use super::scenario::{ParamRange, Scenario, Shape};

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for sampling inputs.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    /// The stream of sample `index` under `seed`.
    pub(crate) fn for_sample(seed: u32, index: u64) -> SplitMix64 {
        let mut s = SplitMix64(u64::from(seed) ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        s.next_u64();
        s
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One draw from a range.
pub fn draw(r: &ParamRange, rng: &mut SplitMix64) -> f64 {
    let u = rng.unit();
    if r.high <= r.low {
        return r.low;
    }
    let x = match r.shape {
        Shape::Uniform => r.low + (r.high - r.low) * u,
        Shape::LogUniform => (r.low.ln() + (r.high.ln() - r.low.ln()) * u).exp(),
        Shape::Triangular { mode } => {
            let (a, b, c) = (r.low, r.high, mode);
            let fc = (c - a) / (b - a);
            if u < fc {
                a + ((b - a) * (c - a) * u).sqrt()
            } else {
                b - ((b - a) * (b - c) * (1.0 - u)).sqrt()
            }
        }
    };
    x.clamp(r.low, r.high)
}

/// Sample `index`: the scenario with every ranged input drawn.
pub fn sample(base: &Scenario, index: u64) -> Scenario {
    let mut sc = base.clone();
    let mut rng = SplitMix64::for_sample(base.uncertainty.seed, index);
    for r in &base.uncertainty.ranges {
        let x = draw(r, &mut rng);
        set_number(&mut sc, r.key, x);
    }
    sc
}

/// Set a numeric key, rounding integer keys and keeping the value in the key's range.
pub(crate) fn set_number(sc: &mut Scenario, key: &str, x: f64) {
    if let Some(f) = fields::field(key) {
        let x = if f.kind == Kind::Integer {
            x.round()
        } else {
            x
        };
        let x = match f.range {
            Some(r) if !r.max_inclusive && x >= r.max => r.max - 1e-9,
            Some(r) => r.clamp(x),
            None => x,
        };
        f.set(sc, Value::Number(x));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_stay_in_range_and_repeat() {
        let r = ParamRange {
            key: "x",
            low: 2.0,
            high: 5.0,
            shape: Shape::Triangular { mode: 3.0 },
        };
        let mut a = SplitMix64::for_sample(7, 3);
        let mut b = SplitMix64::for_sample(7, 3);
        for _ in 0..1000 {
            let (x, y) = (draw(&r, &mut a), draw(&r, &mut b));
            assert_eq!(x, y);
            assert!((2.0..=5.0).contains(&x));
        }
        let log = ParamRange {
            key: "x",
            low: 10.0,
            high: 1e6,
            shape: Shape::LogUniform,
        };
        let mut rng = SplitMix64::for_sample(1, 0);
        let below_1k = (0..10_000)
            .filter(|_| draw(&log, &mut rng) < 1000.0)
            .count();
        assert!(
            (3500..4500).contains(&below_1k),
            "{below_1k}: log-uniform puts 2 of 5 decades below 1k"
        );
    }
}
