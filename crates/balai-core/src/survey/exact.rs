//! Exact non-negative rational numbers for the index arithmetic.
//!
//! PermenPANRB 14/2017 divides by the number of respondents per element and weights each
//! element by 1/9; decimal or binary floating point cannot hold 1/9, and the published
//! spreadsheets that use 0.111 give 99.90 for a perfect score (national-rules §1). Balai
//! therefore keeps every intermediate value as a fraction of arbitrary-size natural numbers
//! and rounds only once, for display and classification. Numerators and denominators grow
//! with the product of the element counts (nine factors up to a few million each), beyond
//! `u128`, hence the small big-number type here instead of a dependency.

use std::cmp::Ordering;

/// A natural number of any size: base-2³² limbs, least significant first, no trailing zeros.
#[derive(Debug, Clone, PartialEq, Eq)]
struct BigNat(Vec<u32>);

impl BigNat {
    fn from_u64(v: u64) -> Self {
        let mut n = BigNat(vec![v as u32, (v >> 32) as u32]);
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

    fn add(&self, other: &BigNat) -> BigNat {
        let len = self.0.len().max(other.0.len());
        let mut out = Vec::with_capacity(len + 1);
        let mut carry = 0u64;
        for i in 0..len {
            let a = u64::from(self.0.get(i).copied().unwrap_or(0));
            let b = u64::from(other.0.get(i).copied().unwrap_or(0));
            let s = a + b + carry;
            out.push(s as u32);
            carry = s >> 32;
        }
        out.push(carry as u32);
        let mut n = BigNat(out);
        n.trim();
        n
    }

    fn mul(&self, other: &BigNat) -> BigNat {
        if self.is_zero() || other.is_zero() {
            return BigNat(Vec::new());
        }
        let mut out = vec![0u32; self.0.len() + other.0.len()];
        for (i, &a) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in other.0.iter().enumerate() {
                let cur = u64::from(out[i + j]) + u64::from(a) * u64::from(b) + carry;
                out[i + j] = cur as u32;
                carry = cur >> 32;
            }
            // The limb above the partial product has not been written by this row yet.
            out[i + other.0.len()] = carry as u32;
        }
        let mut n = BigNat(out);
        n.trim();
        n
    }
}

impl Ord for BigNat {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

impl PartialOrd for BigNat {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// An exact non-negative fraction. Not reduced: equality and order compare by
/// cross-multiplication, so `2/4 == 1/2`.
#[derive(Debug, Clone)]
pub struct Ratio {
    num: BigNat,
    den: BigNat,
}

impl Ratio {
    /// `num / den`; `None` when `den` is zero.
    pub fn new(num: u64, den: u64) -> Option<Self> {
        (den != 0).then(|| Ratio {
            num: BigNat::from_u64(num),
            den: BigNat::from_u64(den),
        })
    }

    /// The whole number `v`.
    pub fn integer(v: u64) -> Self {
        Ratio {
            num: BigNat::from_u64(v),
            den: BigNat::from_u64(1),
        }
    }

    /// Zero.
    pub fn zero() -> Self {
        Self::integer(0)
    }

    /// The exact sum.
    pub fn add(&self, other: &Ratio) -> Ratio {
        if self.den == other.den {
            return Ratio {
                num: self.num.add(&other.num),
                den: self.den.clone(),
            };
        }
        Ratio {
            num: self.num.mul(&other.den).add(&other.num.mul(&self.den)),
            den: self.den.mul(&other.den),
        }
    }

    /// The exact product.
    pub fn mul(&self, other: &Ratio) -> Ratio {
        Ratio {
            num: self.num.mul(&other.num),
            den: self.den.mul(&other.den),
        }
    }

    /// The value rounded half-up to `decimals` places, as an integer count of
    /// 10^-decimals units (`round_half_up(2)` of 88.305 is 8831). The largest k with
    /// k ≤ v·10^d + ½, i.e. (2k − 1)·den ≤ 2·10^d·num, found by doubling then bisection.
    pub fn round_half_up(&self, decimals: u32) -> u64 {
        let target = self.num.mul(&BigNat::from_u64(2 * 10u64.pow(decimals)));
        let fits = |k: u64| BigNat::from_u64(2 * k - 1).mul(&self.den) <= target;
        let mut hi = 1u64;
        while hi < (1 << 62) && fits(hi) {
            hi *= 2;
        }
        // fits(lo) holds (k = 0 always fits), fits(hi) does not.
        let mut lo = hi / 2;
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if fits(mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ratio {}

impl Ord for Ratio {
    fn cmp(&self, other: &Self) -> Ordering {
        self.num.mul(&other.den).cmp(&other.num.mul(&self.den))
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
