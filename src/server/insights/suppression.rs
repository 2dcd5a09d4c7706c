//! Small-cell suppression with complementary suppression checked by the disclosure audit.
//!
//! Cells are counts, each with the number of distinct employees behind it, bound by the linear
//! relations of [`audit::Relation`]. The publisher:
//!
//! 1. hides every cell computed from 1 to k-1 distinct employees (a zero describes nobody and may
//!    show), and every cell it is told to keep hidden;
//! 2. runs the audit; for each hidden cell a reader could pin to an interval narrower than k, hides
//!    one more cell that shares a relation with it: never a zero (hiding a zero protects nothing,
//!    since the reader knows counts cannot go below it), preferring the smallest count of at
//!    least k, else the largest there is;
//! 3. repeats until the audit passes. If no partner is left, it hides every non-zero cell, and
//!    then every cell: a table of hidden cells bounds nothing.

use super::audit::{self, Relation};

/// Why a cell is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// Shown.
    No,
    /// Computed from fewer than k distinct employees.
    FewerThanK,
    /// Hidden so that another hidden cell cannot be worked out.
    ToProtect,
}

/// What a reader already holds from the edition before, cell by cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Earlier {
    /// Not in the edition before.
    Unseen,
    /// Seen hidden: it stays hidden, or two editions together would tell it.
    Hidden,
    /// Seen with this value. Hiding it now protects nothing while the value is unchanged: the
    /// reader still has it.
    Shown(i64),
}

/// Decides which cells to hide, given what a reader already holds from the edition before.
pub fn suppress(values: &[i64], contributors: &[i64], relations: &[Relation], earlier: &[Earlier], k: i64) -> Vec<Hidden> {
    let known = |cell: usize| earlier[cell] == Earlier::Shown(values[cell]);
    // What the reader cannot read off either edition.
    let unknown = |state: &[Hidden]| -> Vec<bool> { state.iter().enumerate().map(|(cell, s)| *s != Hidden::No && !known(cell)).collect() };
    let mut state: Vec<Hidden> = (0..values.len())
        .map(|cell| {
            if contributors[cell] > 0 && contributors[cell] < k {
                Hidden::FewerThanK
            } else if earlier[cell] == Earlier::Hidden {
                Hidden::ToProtect
            } else {
                Hidden::No
            }
        })
        .collect();
    // Each round hides at least one more cell, so this ends within one round per cell.
    for _ in 0..=values.len() {
        let narrow = audit::too_narrow(values, &unknown(&state), relations, k);
        if narrow.is_empty() {
            return state;
        }
        let mut added = false;
        for cell in narrow {
            if let Some(partner) = partner(values, &state, &known, relations, cell, k) {
                state[partner] = Hidden::ToProtect;
                added = true;
            }
        }
        if !added {
            break;
        }
    }
    let non_zero: fn(i64) -> bool = |value| value > 0;
    let any: fn(i64) -> bool = |_| true;
    for last_resort in [non_zero, any] {
        for (cell, s) in state.iter_mut().enumerate() {
            if *s == Hidden::No && last_resort(values[cell]) {
                *s = Hidden::ToProtect;
            }
        }
        if audit::too_narrow(values, &unknown(&state), relations, k).is_empty() {
            break;
        }
    }
    state
}

/// The shown cell to hide next to protect `cell`: one in a relation with it, else one in a
/// relation with a hidden cell it shares a relation with. Never one the reader already `known`.
fn partner(values: &[i64], state: &[Hidden], known: &dyn Fn(usize) -> bool, relations: &[Relation], cell: usize, k: i64) -> Option<usize> {
    let touching = |cells: &[usize]| -> Vec<usize> {
        relations
            .iter()
            .filter(|relation| relation.terms.iter().any(|(c, _)| cells.contains(c)))
            .flat_map(|relation| relation.terms.iter().map(|(c, _)| *c))
            .filter(|c| state[*c] == Hidden::No && values[*c] > 0 && !known(*c))
            .collect()
    };
    let mut candidates = touching(&[cell]);
    if candidates.is_empty() {
        let neighbours: Vec<usize> = relations
            .iter()
            .filter(|relation| relation.terms.iter().any(|(c, _)| *c == cell))
            .flat_map(|relation| relation.terms.iter().map(|(c, _)| *c))
            .filter(|c| state[*c] != Hidden::No)
            .collect();
        candidates = touching(&neighbours);
    }
    let big_enough = candidates.iter().copied().filter(|c| values[*c] >= k).min_by_key(|c| (values[*c], *c));
    big_enough.or_else(|| candidates.iter().copied().max_by_key(|c| (values[*c], std::cmp::Reverse(*c))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hidden(state: &[Hidden]) -> Vec<bool> {
        state.iter().map(|s| *s != Hidden::No).collect()
    }

    #[test]
    fn small_cells_are_hidden_and_zeros_shown() {
        let relations = vec![Relation::total([0, 1, 2], 3)];
        let state = suppress(&[0, 7, 9, 16], &[0, 7, 9, 16], &relations, &[Earlier::Unseen; 4], 5);
        assert_eq!(state, vec![Hidden::No; 4]);
        let state = suppress(&[2, 7, 9, 18], &[2, 7, 9, 18], &relations, &[Earlier::Unseen; 4], 5);
        assert_eq!(state, vec![Hidden::FewerThanK, Hidden::ToProtect, Hidden::No, Hidden::No], "the smallest partner of at least k");
    }

    #[test]
    fn a_zero_is_never_a_partner() {
        // Cells 0..3 with total 4: the 2 needs a partner; the zero would protect nothing.
        let relations = vec![Relation::total([0, 1, 2], 3)];
        let state = suppress(&[2, 0, 30, 32], &[2, 0, 30, 32], &relations, &[Earlier::Unseen; 4], 5);
        assert_eq!(state[1], Hidden::No);
        assert!(audit::too_narrow(&[2, 0, 30, 32], &hidden(&state), &relations, 5).is_empty());
    }

    #[test]
    fn a_cell_the_edition_before_showed_is_never_the_partner() {
        // 2 + 7 + 9 = 18: the 7 would be the partner, but the reader kept it from last month's
        // edition, so the 9 is hidden instead.
        let relations = vec![Relation::total([0, 1, 2], 3)];
        let earlier = [Earlier::Unseen, Earlier::Shown(7), Earlier::Unseen, Earlier::Unseen];
        let state = suppress(&[2, 7, 9, 18], &[2, 7, 9, 18], &relations, &earlier, 5);
        assert_eq!(state, vec![Hidden::FewerThanK, Hidden::No, Hidden::ToProtect, Hidden::No]);
        // Once its value changed, the old one no longer tells the new: it may protect again.
        let earlier = [Earlier::Unseen, Earlier::Shown(6), Earlier::Unseen, Earlier::Unseen];
        let state = suppress(&[2, 7, 9, 18], &[2, 7, 9, 18], &relations, &earlier, 5);
        assert_eq!(state[1], Hidden::ToProtect);
    }

    #[test]
    fn cells_kept_hidden_stay_hidden_and_say_why() {
        let relations = vec![Relation::total([0, 1], 2)];
        let state = suppress(&[9, 9, 18], &[9, 9, 18], &relations, &[Earlier::Hidden, Earlier::Unseen, Earlier::Unseen], 5);
        assert_eq!(state[0], Hidden::ToProtect);
        assert!(audit::too_narrow(&[9, 9, 18], &hidden(&state), &relations, 5).is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn every_hidden_cell_spans_at_least_k_in_a_table_with_totals(
            rows in 1usize..5,
            cols in 1usize..5,
            seed in proptest::collection::vec(0i64..12, 25),
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
            let mut relations = Vec::new();
            for r in 0..rows { relations.push(Relation::total((0..cols).map(|c| cell(r, c)), row_total0 + r)); }
            for c in 0..cols { relations.push(Relation::total((0..rows).map(|r| cell(r, c)), col_total0 + c)); }
            relations.push(Relation::total((0..rows).map(|r| row_total0 + r), grand));
            relations.push(Relation::total((0..cols).map(|c| col_total0 + c), grand));
            let state = suppress(&values, &values, &relations, &vec![Earlier::Unseen; values.len()], k);
            for (index, &value) in values.iter().enumerate() {
                if value > 0 && value < k { prop_assert_eq!(state[index], Hidden::FewerThanK, "small cell {} visible", index); }
            }
            prop_assert!(audit::too_narrow(&values, &hidden(&state), &relations, k).is_empty());

            // A reader who also kept an edition before, which showed some of the table's cells
            // with the values they have now: those tell them nothing new, and protect nothing.
            let earlier: Vec<Earlier> = (0..values.len())
                .map(|index| if index < rows * cols && seed[(index + 7) % seed.len()] % 3 == 0 && !(1..k).contains(&values[index]) { Earlier::Shown(values[index]) } else { Earlier::Unseen })
                .collect();
            // Only what those cells pin on their own (every other cell hidden) may stay pinned.
            let state = suppress(&values, &values, &relations, &earlier, k);
            let known = |index: usize| earlier[index] == Earlier::Shown(values[index]);
            let unknown: Vec<bool> = (0..values.len()).map(|index| state[index] != Hidden::No && !known(index)).collect();
            let alone: Vec<bool> = (0..values.len()).map(|index| !known(index)).collect();
            let pinned_anyway = audit::too_narrow(&values, &alone, &relations, k);
            for cell in audit::too_narrow(&values, &unknown, &relations, k) {
                prop_assert!(pinned_anyway.contains(&cell), "cell {} pinned by this edition: {:?}", cell, state);
            }
        }
    }
}
