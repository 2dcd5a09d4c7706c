//! The disclosure audit: how narrowly a reader can pin down each hidden figure.
//!
//! A reader holds every shown figure and knows that counts are whole numbers of at least zero and
//! which linear relations bind the figures (parts and their total, a month's active plans from the
//! month before, a department's active plans from its started and closed ones). The reader is
//! also assumed to know each relation's constant, such as how many plans were already active
//! before the period: knowledge an HR analyst may well have. The reader also knows that a hidden
//! figure that is not zero is at least one (zeros are shown, and only zeros describe nobody), so
//! the audit grants them that. For each hidden figure, integer linear programming finds the
//! smallest and the largest whole number that agrees with all of that; the interval between is
//! everything the reader can learn. This is the interval audit statistical offices run on tables
//! before they publish them. Whole numbers matter: over real numbers an interval can look wider
//! than what a reader who knows counts are whole can narrow it to.

use microlp::{ComparisonOp, OptimizationDirection, Problem, SolveOutcome};

/// A linear equation between figures: the sum of each figure times its coefficient is a constant
/// the reader knows. The constant is taken from the true values, so every relation holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub terms: Vec<(usize, i64)>,
}

impl Relation {
    /// A total equals the sum of its parts.
    pub fn total(parts: impl IntoIterator<Item = usize>, total: usize) -> Self {
        Relation { terms: parts.into_iter().map(|part| (part, 1)).chain([(total, -1)]).collect() }
    }

    /// Any relation with the given coefficients.
    pub fn of(terms: impl IntoIterator<Item = (usize, i64)>) -> Self {
        Relation { terms: terms.into_iter().collect() }
    }
}

/// What a reader can know of one hidden figure: the whole numbers from `low` to `high` (`None`
/// when there is no upper bound).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub low: i64,
    pub high: Option<i64>,
}

impl Interval {
    /// True when the interval spans at least `k` (so the figure cannot be told to within k).
    pub fn is_at_least(self, k: i64) -> bool {
        self.high.is_none_or(|high| high - self.low >= k)
    }
}

/// The interval of every hidden figure (`None` for shown ones), given the true `values`.
pub fn intervals(values: &[i64], hidden: &[bool], relations: &[Relation]) -> Vec<Option<Interval>> {
    // Unknowns are the hidden figures; a relation with none of them tells nothing.
    let binding: Vec<&Relation> = relations.iter().filter(|relation| relation.terms.iter().any(|(cell, _)| hidden[*cell])).collect();
    let components = components(hidden, &binding);
    let mut found = vec![None; values.len()];
    for cell in (0..values.len()).filter(|&cell| hidden[cell]) {
        let members: Vec<&Relation> = binding.iter().copied().filter(|relation| relation.terms.iter().any(|(c, _)| hidden[*c] && components[*c] == components[cell])).collect();
        if members.is_empty() {
            found[cell] = Some(Interval { low: values[cell].min(1), high: None });
            continue;
        }
        let low = optimum(values, hidden, &members, cell, OptimizationDirection::Minimize);
        let high = optimum(values, hidden, &members, cell, OptimizationDirection::Maximize);
        found[cell] = Some(match (low, high) {
            // Whole-number variables carry i32::MAX as their upper bound; a maximum near it is no
            // bound the table sets (no count comes anywhere close).
            (Bound::Value(low), Bound::Value(high)) if high >= UNBOUNDED_FROM => Interval { low: low.round() as i64, high: None },
            (Bound::Value(low), Bound::Value(high)) => Interval { low: low.round() as i64, high: Some(high.round() as i64) },
            (Bound::Value(low), Bound::Unbounded) => Interval { low: low.round() as i64, high: None },
            // A solver failure counts as disclosure: the publisher then hides more.
            _ => Interval { low: values[cell], high: Some(values[cell]) },
        });
    }
    found
}

/// The hidden figures a reader could pin to an interval narrower than `k`.
pub fn too_narrow(values: &[i64], hidden: &[bool], relations: &[Relation], k: i64) -> Vec<usize> {
    intervals(values, hidden, relations).iter().enumerate().filter_map(|(cell, interval)| interval.filter(|interval| !interval.is_at_least(k)).map(|_| cell)).collect()
}

/// Maxima from here up mean "no upper bound": half the whole-number variables' own bound.
const UNBOUNDED_FROM: f64 = (i32::MAX / 2) as f64;

enum Bound {
    Value(f64),
    Unbounded,
    Failed,
}

fn optimum(values: &[i64], hidden: &[bool], relations: &[&Relation], target: usize, direction: OptimizationDirection) -> Bound {
    let mut problem = Problem::new(direction);
    let mut variables = std::collections::HashMap::new();
    for relation in relations {
        for &(cell, _) in &relation.terms {
            if hidden[cell] && !variables.contains_key(&cell) {
                let objective = if cell == target { 1.0 } else { 0.0 };
                let least = if values[cell] > 0 { 1 } else { 0 };
                variables.insert(cell, problem.add_integer_var(objective, (least, i32::MAX)));
            }
        }
    }
    for relation in relations {
        let constant: i64 = relation.terms.iter().map(|&(cell, coefficient)| coefficient * values[cell]).sum();
        let known: i64 = relation.terms.iter().filter(|(cell, _)| !hidden[*cell]).map(|&(cell, coefficient)| coefficient * values[cell]).sum();
        let unknown: Vec<(microlp::Variable, f64)> =
            relation.terms.iter().filter(|(cell, _)| hidden[*cell]).map(|&(cell, coefficient)| (variables[&cell], coefficient as f64)).collect();
        problem.add_constraint(unknown, ComparisonOp::Eq, (constant - known) as f64);
    }
    match problem.solve() {
        Ok(SolveOutcome::Solution(solution)) => Bound::Value(solution.objective()),
        Err(microlp::Error::Unbounded) => Bound::Unbounded,
        _ => Bound::Failed,
    }
}

/// Groups hidden figures that share a relation (directly or through others): each group is
/// audited on its own, which keeps every linear program small.
fn components(hidden: &[bool], relations: &[&Relation]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..hidden.len()).collect();
    fn root(parent: &mut [usize], mut cell: usize) -> usize {
        while parent[cell] != cell {
            parent[cell] = parent[parent[cell]];
            cell = parent[cell];
        }
        cell
    }
    for relation in relations {
        let mut cells = relation.terms.iter().map(|(cell, _)| *cell).filter(|cell| hidden[*cell]);
        if let Some(first) = cells.next() {
            for other in cells {
                let (a, b) = (root(&mut parent, first), root(&mut parent, other));
                parent[a] = b;
            }
        }
    }
    (0..hidden.len()).map(|cell| root(&mut parent, cell)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hidden_cell_next_to_a_zero_total_is_pinned() {
        // A row 16 started = 15 active + hidden + hidden, where the column of the first hidden
        // cell totals 0: that cell is 0, so the other is 1.
        // Cells: 0 started, 1 active, 2 closed-recovered, 3 closed-partly, 4 partly total.
        let values = [16, 15, 1, 0, 0];
        let relations = vec![Relation::of([(0, 1), (1, -1), (2, -1), (3, -1)]), Relation::total([3], 4)];
        let hidden = [false, false, true, true, false];
        let found = intervals(&values, &hidden, &relations);
        assert_eq!(found[2], Some(Interval { low: 1, high: Some(1) }));
        assert_eq!(found[3], Some(Interval { low: 0, high: Some(0) }));
        assert_eq!(too_narrow(&values, &hidden, &relations, 5), vec![2, 3]);
    }

    #[test]
    fn hidden_figures_that_are_not_zero_are_known_to_be_at_least_one() {
        // a + b = 4 with both hidden and neither zero: each lies in 1..=3, narrower than 5.
        let relations = vec![Relation::total([0, 1], 2)];
        let found = intervals(&[3, 1, 4], &[true, true, false], &relations);
        assert_eq!(found[0], Some(Interval { low: 1, high: Some(3) }));
        assert!(!found[0].unwrap().is_at_least(5));
        // A hidden zero may be zero, so its partner may be the whole total.
        let found = intervals(&[4, 0, 4], &[true, true, false], &relations);
        assert_eq!(found[0], Some(Interval { low: 1, high: Some(4) }));
        assert_eq!(found[1], Some(Interval { low: 0, high: Some(3) }));
        // With the total hidden too, nothing bounds them from above.
        let found = intervals(&[3, 1, 4], &[true, true, true], &relations);
        assert_eq!(found[0], Some(Interval { low: 1, high: None }));
    }

    #[test]
    fn a_reader_who_knows_counts_are_whole_narrows_further_than_real_numbers_do() {
        // 2a + 3c = 8 with a, c hidden and at least one: over real numbers a lies in 1..=2.5,
        // but only a = 1, c = 2 is whole.
        let relations = vec![Relation::of([(0, 2), (1, 3)])];
        let found = intervals(&[1, 2], &[true, true], &relations);
        assert_eq!(found[0], Some(Interval { low: 1, high: Some(1) }));
        assert_eq!(found[1], Some(Interval { low: 2, high: Some(2) }));
    }

    #[test]
    fn the_department_relation_and_its_constant_are_known() {
        // Started hidden, closed 0, active 6, with no plans from before: started is 6.
        let relations = vec![Relation::of([(2, 1), (0, -1), (1, 1)])];
        let found = intervals(&[6, 0, 6], &[true, false, false], &relations);
        assert_eq!(found[0], Some(Interval { low: 6, high: Some(6) }));
    }
}
