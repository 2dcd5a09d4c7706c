//! Small-cell suppression with complementary suppression.
//!
//! Cells are counts, each with the number of distinct employees behind it. A *relation* is a set
//! of cells bound by one linear equation that a reader could know (a row or column with its
//! total, the same total shown in two tables, consecutive months linked by "active at the end of
//! last month + started - closed"). If all but one cell of a relation were visible, the hidden one
//! could be worked out by subtraction. So:
//!
//! 1. primary suppression hides every cell computed from 1 to k-1 distinct employees (a zero
//!    describes nobody and may show);
//! 2. complementary suppression then hides, in every relation left with exactly one hidden cell,
//!    one more cell (the smallest visible one), and repeats until no relation has exactly one.
//!
//! With no relation holding exactly one hidden cell, no hidden cell can be isolated by
//! subtracting visible cells along any relation, and so none can be derived by chaining such
//! subtractions either (each step needs a relation with one unknown to start from).

/// Which cells to hide: `true` means suppressed.
pub fn suppress(values: &[i64], contributors: &[i64], relations: &[Vec<usize>], k: i64) -> Vec<bool> {
    let mut hidden: Vec<bool> = contributors.iter().map(|&count| count > 0 && count < k).collect();
    loop {
        let mut changed = false;
        for relation in relations {
            let hidden_here = relation.iter().filter(|&&cell| hidden[cell]).count();
            if hidden_here == 1 {
                let partner = relation.iter().copied().filter(|&cell| !hidden[cell]).min_by_key(|&cell| (values[cell], cell));
                if let Some(partner) = partner {
                    hidden[partner] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            return hidden;
        }
    }
}

/// The hidden cells a reader could work out by repeatedly solving relations with a single unknown
/// (the attack complementary suppression defends against). Used by tests.
pub fn derivable(hidden: &[bool], relations: &[Vec<usize>]) -> Vec<usize> {
    let mut known: Vec<bool> = hidden.iter().map(|&h| !h).collect();
    let mut derived = Vec::new();
    loop {
        let mut changed = false;
        for relation in relations {
            let unknown: Vec<usize> = relation.iter().copied().filter(|&cell| !known[cell]).collect();
            if let [only] = unknown[..] {
                known[only] = true;
                derived.push(only);
                changed = true;
            }
        }
        if !changed {
            return derived;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_cells_are_hidden_and_zeros_shown() {
        // Row: a, b, c, total.
        let hidden = suppress(&[0, 7, 9, 16], &[0, 7, 9, 16], &[vec![0, 1, 2, 3]], 5);
        assert_eq!(hidden, vec![false, false, false, false]);
        let hidden = suppress(&[2, 7, 9, 18], &[2, 7, 9, 18], &[vec![0, 1, 2, 3]], 5);
        assert_eq!(hidden, vec![true, true, false, false], "the smallest other cell is hidden with it");
    }

    #[test]
    fn a_row_and_column_attack_is_blocked() {
        // 2x2 table with row totals (cells 4,5), column totals (6,7) and grand total (8).
        //   a=3 b=6 | 9
        //   c=8 d=9 | 17
        //   11  15  | 26
        let values = [3, 6, 8, 9, 9, 17, 11, 15, 26];
        let relations = vec![vec![0, 1, 4], vec![2, 3, 5], vec![0, 2, 6], vec![1, 3, 7], vec![4, 5, 8], vec![6, 7, 8]];
        let hidden = suppress(&values, &values, &relations, 5);
        assert!(hidden[0]);
        assert!(derivable(&hidden, &relations).is_empty());
        assert!(relations.iter().all(|r| r.iter().filter(|&&c| hidden[c]).count() != 1));
    }

    #[test]
    fn consecutive_months_cannot_be_differenced() {
        // active_end(m) = active_end(m-1) + started(m) - closed(m): cells 0..=3 are
        // active_end(m-1), active_end(m), started(m), closed(m).
        let values = [12, 14, 2, 0];
        let relations = vec![vec![0, 1, 2, 3]];
        let hidden = suppress(&values, &values, &relations, 5);
        assert!(hidden[2] && hidden.iter().filter(|&&h| h).count() == 2);
        assert!(derivable(&hidden, &relations).is_empty());
    }

    proptest! {
        #[test]
        fn no_small_cell_is_visible_or_derivable(
            rows in 1usize..6,
            cols in 1usize..6,
            seed in proptest::collection::vec(0i64..12, 36),
            k in 3i64..8,
        ) {
            // A rows x cols table with row totals, column totals and a grand total.
            let cell = |r: usize, c: usize| r * cols + c;
            let mut values: Vec<i64> = (0..rows * cols).map(|i| seed[i % seed.len()]).collect();
            let row_total0 = values.len();
            for r in 0..rows { values.push((0..cols).map(|c| values[cell(r, c)]).sum()); }
            let col_total0 = values.len();
            for c in 0..cols { values.push((0..rows).map(|r| values[cell(r, c)]).sum()); }
            let grand = values.len();
            values.push((0..rows * cols).map(|i| values[i]).sum());
            let mut relations: Vec<Vec<usize>> = Vec::new();
            for r in 0..rows { let mut rel: Vec<usize> = (0..cols).map(|c| cell(r, c)).collect(); rel.push(row_total0 + r); relations.push(rel); }
            for c in 0..cols { let mut rel: Vec<usize> = (0..rows).map(|r| cell(r, c)).collect(); rel.push(col_total0 + c); relations.push(rel); }
            relations.push((0..rows).map(|r| row_total0 + r).chain([grand]).collect());
            relations.push((0..cols).map(|c| col_total0 + c).chain([grand]).collect());
            // Contributors: one distinct employee per plan counted.
            let hidden = suppress(&values, &values, &relations, k);
            for (index, &value) in values.iter().enumerate() {
                if value > 0 && value < k { prop_assert!(hidden[index], "small cell {index} visible"); }
            }
            for index in derivable(&hidden, &relations) {
                prop_assert!(!(values[index] > 0 && values[index] < k), "small cell {index} derivable");
            }
            for relation in &relations {
                prop_assert!(relation.iter().filter(|&&c| hidden[c]).count() != 1);
            }
        }
    }
}
