//! Exact rational arithmetic on finite f64 values, for the few decisions the model must take
//! exactly: whether self-hosting ties the API at a replica step (docs/MODEL.md §3). Every
//! finite f64 is a rational `m · 2^e`; sums, differences, products and quotients of them are
//! rationals, kept here as a signed big integer over a positive one. Slow next to f64, so the
//! callers use it only when an error-bounded f64 comparison cannot decide.

use std::cmp::Ordering;

/// A non-negative big integer, little-endian 32-bit limbs, no trailing zero limbs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Nat(Vec<u32>);

impl Nat {
    fn from_u64(x: u64) -> Nat {
        let mut n = Nat(vec![x as u32, (x >> 32) as u32]);
        n.trim();
        n
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn shl(&self, bits: u32) -> Nat {
        if self.is_zero() {
            return Nat(Vec::new());
        }
        let (limbs, rest) = ((bits / 32) as usize, bits % 32);
        let mut out = vec![0u32; limbs];
        let mut carry = 0u32;
        for &d in &self.0 {
            if rest == 0 {
                out.push(d);
            } else {
                out.push((d << rest) | carry);
                carry = d >> (32 - rest);
            }
        }
        if carry != 0 {
            out.push(carry);
        }
        Nat(out)
    }

    fn add(&self, o: &Nat) -> Nat {
        let mut out = Vec::with_capacity(self.0.len().max(o.0.len()) + 1);
        let mut carry = 0u64;
        for i in 0..self.0.len().max(o.0.len()) {
            let s = u64::from(*self.0.get(i).unwrap_or(&0))
                + u64::from(*o.0.get(i).unwrap_or(&0))
                + carry;
            out.push(s as u32);
            carry = s >> 32;
        }
        if carry != 0 {
            out.push(carry as u32);
        }
        Nat(out)
    }

    /// `self − o`, for `self ≥ o`.
    fn sub(&self, o: &Nat) -> Nat {
        let mut out = Vec::with_capacity(self.0.len());
        let mut borrow = 0i64;
        for i in 0..self.0.len() {
            let mut d = i64::from(self.0[i]) - i64::from(*o.0.get(i).unwrap_or(&0)) - borrow;
            borrow = 0;
            if d < 0 {
                d += 1 << 32;
                borrow = 1;
            }
            out.push(d as u32);
        }
        let mut n = Nat(out);
        n.trim();
        n
    }

    fn mul(&self, o: &Nat) -> Nat {
        if self.is_zero() || o.is_zero() {
            return Nat(Vec::new());
        }
        let mut out = vec![0u32; self.0.len() + o.0.len()];
        for (i, &a) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in o.0.iter().enumerate() {
                let t = u64::from(a) * u64::from(b) + u64::from(out[i + j]) + carry;
                out[i + j] = t as u32;
                carry = t >> 32;
            }
            out[i + o.0.len()] = carry as u32;
        }
        let mut n = Nat(out);
        n.trim();
        n
    }

    fn cmp_mag(&self, o: &Nat) -> Ordering {
        self.0
            .len()
            .cmp(&o.0.len())
            .then_with(|| self.0.iter().rev().cmp(o.0.iter().rev()))
    }
}

/// An exact rational: `sign · num / den`, `den > 0`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rational {
    negative: bool,
    num: Nat,
    den: Nat,
}

impl Rational {
    pub fn zero() -> Rational {
        Rational {
            negative: false,
            num: Nat(Vec::new()),
            den: Nat::from_u64(1),
        }
    }

    /// The exact value of a finite f64 (`None` for ±∞ and NaN).
    pub fn from_f64(x: f64) -> Option<Rational> {
        if !x.is_finite() {
            return None;
        }
        if x == 0.0 {
            return Some(Rational::zero());
        }
        let bits = x.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i32;
        let frac = bits & ((1u64 << 52) - 1);
        // x = mantissa · 2^(e), subnormals without the implicit bit.
        let (mantissa, e) = if exp == 0 {
            (frac, -1074)
        } else {
            (frac | (1u64 << 52), exp - 1075)
        };
        let m = Nat::from_u64(mantissa);
        let (num, den) = if e >= 0 {
            (m.shl(e as u32), Nat::from_u64(1))
        } else {
            (m, Nat::from_u64(1).shl((-e) as u32))
        };
        Some(Rational {
            negative: x < 0.0,
            num,
            den,
        })
    }

    /// The shortest decimal that gives `x` back, exactly: 0.027 is 27/1000 (where
    /// [`Rational::from_f64`] gives the binary fraction nearest it). Figures people type are
    /// decimals, so a tie in their decimals stays a tie. `None` for ±∞ and NaN.
    pub fn from_f64_decimal(x: f64) -> Option<Rational> {
        if !x.is_finite() {
            return None;
        }
        // Rust prints the shortest round-trip form: "2.7e-2", "-1e0", "1.2345e300".
        let text = format!("{:e}", x.abs());
        let (mantissa, exp) = text.split_once('e')?;
        let mut exp: i32 = exp.parse().ok()?;
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        exp -= frac.len() as i32;
        let digits: u64 = format!("{int}{frac}").parse().ok()?;
        let mut ten_pow = Nat::from_u64(1);
        let ten = Nat::from_u64(10);
        for _ in 0..exp.unsigned_abs() {
            ten_pow = ten_pow.mul(&ten);
        }
        let n = Nat::from_u64(digits);
        let (num, den) = if exp >= 0 {
            (n.mul(&ten_pow), Nat::from_u64(1))
        } else {
            (n, ten_pow)
        };
        Some(Rational {
            negative: x < 0.0 && !num.is_zero(),
            num,
            den,
        })
    }

    pub fn signum(&self) -> Ordering {
        if self.num.is_zero() {
            Ordering::Equal
        } else if self.negative {
            Ordering::Less
        } else {
            Ordering::Greater
        }
    }

    pub fn add(&self, o: &Rational) -> Rational {
        let a = self.num.mul(&o.den);
        let b = o.num.mul(&self.den);
        let den = self.den.mul(&o.den);
        let (negative, num) = if self.negative == o.negative {
            (self.negative, a.add(&b))
        } else if a.cmp_mag(&b) != Ordering::Less {
            (self.negative, a.sub(&b))
        } else {
            (o.negative, b.sub(&a))
        };
        Rational {
            negative: negative && !num.is_zero(),
            num,
            den,
        }
    }

    pub fn neg(&self) -> Rational {
        Rational {
            negative: !self.negative && !self.num.is_zero(),
            ..self.clone()
        }
    }

    pub fn sub(&self, o: &Rational) -> Rational {
        self.add(&o.neg())
    }

    pub fn mul(&self, o: &Rational) -> Rational {
        let num = self.num.mul(&o.num);
        Rational {
            negative: self.negative != o.negative && !num.is_zero(),
            num,
            den: self.den.mul(&o.den),
        }
    }

    /// `self / o`; `None` when `o` is 0.
    pub fn div(&self, o: &Rational) -> Option<Rational> {
        if o.num.is_zero() {
            return None;
        }
        let num = self.num.mul(&o.den);
        Some(Rational {
            negative: self.negative != o.negative && !num.is_zero(),
            num,
            den: self.den.mul(&o.num),
        })
    }

    /// The order of `self` and `o`, exactly.
    pub fn order(&self, o: &Rational) -> Ordering {
        self.sub(o).signum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(x: f64) -> Rational {
        Rational::from_f64(x).unwrap()
    }

    /// 0.1 + 0.2 is not 0.3 in f64, and not as rationals of those f64 either; 0.5 + 0.25 is.
    #[test]
    fn sums_are_exact() {
        assert_eq!(q(0.1).add(&q(0.2)).order(&q(0.3)), Ordering::Greater);
        assert_eq!(q(0.5).add(&q(0.25)).order(&q(0.75)), Ordering::Equal);
        assert_eq!(q(1.0).sub(&q(3.0)).signum(), Ordering::Less);
        assert_eq!(q(-2.0).mul(&q(-4.5)).order(&q(9.0)), Ordering::Equal);
        assert_eq!(
            q(1.0).div(&q(3.0)).unwrap().mul(&q(3.0)).order(&q(1.0)),
            Ordering::Equal
        );
        assert_eq!(q(1.0).div(&q(0.0)), None);
        assert_eq!(Rational::from_f64(f64::NAN), None);
    }

    /// The extremes of f64 convert and compare: the smallest subnormal, the largest finite,
    /// and a difference f64 rounds away.
    #[test]
    fn extremes_are_exact() {
        let tiny = q(5e-324);
        assert_eq!(tiny.signum(), Ordering::Greater);
        assert_eq!(tiny.add(&tiny).order(&q(1e-323)), Ordering::Equal);
        let big = q(f64::MAX);
        assert_eq!(big.add(&tiny).order(&big), Ordering::Greater);
        assert_eq!((1e16 + 1.0) - 1e16, 0.0);
        assert_eq!(
            q(1e16).add(&q(1.0)).sub(&q(1e16)).order(&q(1.0)),
            Ordering::Equal
        );
        assert_eq!(q(-0.0).signum(), Ordering::Equal);
    }

    /// Decimals as typed: 0.1 + 0.2 is 0.3, 0.027 × 2,800 + 7.3 is 5 × 6.7 + 49.4; and the
    /// extremes still convert.
    #[test]
    fn typed_decimals_tie() {
        let d = |x: f64| Rational::from_f64_decimal(x).unwrap();
        assert_eq!(d(0.1).add(&d(0.2)).order(&d(0.3)), Ordering::Equal);
        let api = d(0.027).mul(&d(2800.0)).add(&d(7.3));
        let s = d(5.0).mul(&d(6.7)).add(&d(49.4));
        assert_eq!(api.order(&s), Ordering::Equal);
        assert_eq!(d(-2.5).order(&q(-2.5)), Ordering::Equal);
        assert_eq!(d(5e-324).signum(), Ordering::Greater);
        assert_eq!(d(f64::MAX).order(&q(1e308)), Ordering::Greater);
        assert_eq!(d(0.0).signum(), Ordering::Equal);
    }
}
