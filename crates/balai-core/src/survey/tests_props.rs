//! Property tests of the index: bounds, order independence, and agreement with an independent
//! hand computation (PermenPANRB 14/2017 Lampiran).

use proptest::prelude::*;

use super::*;

fn responses() -> impl Strategy<Value = Vec<[u8; 9]>> {
    prop::collection::vec(prop::array::uniform9(1u8..=4), 1..200)
}

fn index_of(rows: &[[u8; 9]]) -> IkmResult {
    let def = Definition::permenpanrb_14_2017();
    let mut tallies = [Tally::default(); 9];
    for row in rows {
        for (t, a) in tallies.iter_mut().zip(row) {
            t.add(*a);
        }
    }
    compute(&def, |code| {
        let i = def
            .elements
            .iter()
            .position(|e| e.code.as_str() == code)
            .unwrap();
        tallies[i]
    })
    .unwrap()
}

proptest! {
    #[test]
    fn the_index_stays_within_25_and_100(rows in responses()) {
        let r = index_of(&rows);
        prop_assert!((2500..=10000).contains(&r.converted.0));
        prop_assert!(r.elements.iter().all(|e| (2500..=10000).contains(&e.converted.0)));
    }

    #[test]
    fn the_index_does_not_depend_on_respondent_order(rows in responses(), seed in any::<u64>()) {
        let mut shuffled = rows.clone();
        // A deterministic permutation from the seed (Fisher–Yates with an LCG).
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(index_of(&rows).converted, index_of(&shuffled).converted);
    }

    #[test]
    fn the_index_equals_the_hand_computation(rows in responses()) {
        // By hand: every respondent answers all nine, so IKM·25 = 25·Σ answers / (9·n) and the
        // shown value in hundredths is floor(2500·Σ/(9n) + 1/2).
        let n = rows.len() as u64;
        let total: u64 = rows.iter().flatten().map(|&a| u64::from(a)).sum();
        let expected = (2 * 2500 * total + 9 * n) / (2 * 9 * n);
        let r = index_of(&rows);
        prop_assert_eq!(r.converted.0, expected);
        prop_assert_eq!(r.grade, Grade::of(Hundredths(expected)));
    }

    #[test]
    fn rounding_is_half_up_for_any_fraction(num in 0u64..1_000_000_000, den in 1u64..1_000_000) {
        let r = exact::Ratio::new(num, den).unwrap();
        let expected = (2 * 100 * u128::from(num) + u128::from(den)) / (2 * u128::from(den));
        prop_assert_eq!(u128::from(r.round_half_up(2)), expected);
    }
}
