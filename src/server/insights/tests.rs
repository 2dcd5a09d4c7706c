use super::*;
use chrono::{Duration, TimeZone};
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

fn at(day: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(10, 0, 0).unwrap())
}

/// A reader's audit of a published edition, built from the tables alone: every figure of the
/// monthly and department tables, the relations between them that the table layout shows,
/// and the true values (from `truth`, counted here independently) for each relation's
/// constant. A reader who kept the `earlier` edition also holds every month figure it showed.
/// Returns the hidden figures the reader can pin to within fewer than k, by label.
fn reader_audit(published: &Insights, truth: &Insights, earlier: Option<&Insights>) -> Vec<String> {
    let (monthly, departments) = (&published.tables[0], &published.tables[1]);
    let mut values: Vec<i64> = Vec::new();
    let mut hidden: Vec<bool> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    let kept = |month: &str, column: usize| earlier.and_then(|edition| edition.tables[0].rows.iter().find(|row| !row.is_total && row.label == month)).map(|row| row.cells[column]);
    let mut add = |shown: Shown, true_value: Shown, kept: Option<Shown>, label: String| {
        let Shown::Count(value) = true_value else { panic!("the truth has every count: {label}") };
        values.push(value);
        hidden.push(!matches!(shown, Shown::Count(_)) && kept != Some(Shown::Count(value)));
        if let Shown::Count(count) = shown {
            assert_eq!(count, value, "a shown count is true: {label}");
        }
        labels.push(label);
        values.len() - 1
    };
    let mut month: Vec<Vec<usize>> = Vec::new();
    for (row, true_row) in monthly.rows[..MONTHS].iter().zip(&truth.tables[0].rows) {
        month.push((0..6).map(|c| add(row.cells[c], true_row.cells[c], kept(&row.label, c), format!("{} column {c}", row.label))).collect());
    }
    let totals: Vec<usize> = (0..5).map(|c| add(monthly.rows[MONTHS].cells[c], truth.tables[0].rows[MONTHS].cells[c], None, format!("12 months column {c}"))).collect();
    let true_departments = &truth.tables[1];
    assert_eq!(departments.rows.len(), true_departments.rows.len());
    let groups = departments.rows.len() - 1;
    let group: Vec<Vec<usize>> = (0..groups)
        .map(|g| (0..3).map(|c| add(departments.rows[g].cells[c], true_departments.rows[g].cells[c], None, format!("{} column {c}", departments.rows[g].label))).collect())
        .collect();
    let all: Vec<usize> = (0..3).map(|c| add(departments.rows[groups].cells[c], true_departments.rows[groups].cells[c], None, format!("all departments column {c}"))).collect();
    let mut relations = Vec::new();
    for c in 0..5 {
        relations.push(Relation::total(month.iter().map(|row| row[c]), totals[c]));
    }
    relations.push(Relation::of([(totals[0], 1), (all[0], -1)]));
    relations.push(Relation::total(totals[1..5].iter().copied(), all[1]));
    relations.push(Relation::of([(month[MONTHS - 1][5], 1), (all[2], -1)]));
    for c in 0..3 {
        relations.push(Relation::total(group.iter().map(|row| row[c]), all[c]));
    }
    for row in &group {
        relations.push(Relation::of([(row[2], 1), (row[0], -1), (row[1], 1)]));
    }
    // The earlier edition's totals, over all but one of this one's months: where the month it
    // alone covers was shown too, the reader knows the sum of the months both cover.
    if let Some(earlier) = earlier {
        let rows = &earlier.tables[0].rows;
        let shared: Vec<usize> = (0..MONTHS).filter(|&m| rows.iter().any(|row| !row.is_total && row.label == monthly.rows[m].label)).collect();
        for (c, total) in rows[MONTHS].cells.iter().take(5).enumerate() {
            let total_shown = matches!(total, Shown::Count(_));
            let dropped_shown =
                rows[..MONTHS].iter().filter(|row| !monthly.rows[..MONTHS].iter().any(|now| now.label == row.label)).all(|row| matches!(row.cells[c], Shown::Count(_)));
            if total_shown && dropped_shown && !shared.is_empty() {
                relations.push(Relation::of(shared.iter().map(|&m| (month[m][c], 1))));
            }
        }
    }
    for m in 0..MONTHS {
        let mut terms = vec![(month[m][5], 1), (month[m][0], -1)];
        if m > 0 {
            terms.push((month[m - 1][5], -1));
        }
        terms.extend((1..5).map(|o| (month[m][o], 1)));
        relations.push(Relation::of(terms));
    }
    let k = published.k;
    audit::too_narrow(&values, &hidden, &relations, k).into_iter().map(|cell| labels[cell].clone()).collect()
}

#[derive(Debug, Clone)]
struct Scenario {
    departments: Vec<i64>,
    unplaced: i64,
    /// Per plan: department, employee within it, days ago it started, days it lasted, outcome,
    /// and whether it was closed straight from its draft.
    plans: Vec<(usize, i64, i64, Option<i64>, u8, bool)>,
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        proptest::collection::vec(1i64..30, 1..5),
        0i64..4,
        proptest::collection::vec((0usize..5, 0i64..8, 0i64..420, proptest::option::of(0i64..200), 0u8..4, proptest::bool::weighted(0.1)), 0..70),
    )
        .prop_map(|(departments, unplaced, plans)| Scenario { departments, unplaced, plans })
}

fn facts(scenario: &Scenario) -> (Vec<PlanFact>, Vec<DepartmentSize>) {
    let mut departments: Vec<DepartmentSize> = scenario.departments.iter().enumerate().map(|(i, size)| (Some(i as i64), format!("D{i}"), *size)).collect();
    departments.push((None, String::new(), scenario.unplaced));
    let count = scenario.departments.len();
    let facts = scenario
        .plans
        .iter()
        .map(|(department, employee, start_ago, length, outcome, from_draft)| {
            let department = department % count;
            let started = today() - Duration::days(*start_ago);
            let closed = length.map(|days| started + Duration::days(days)).filter(|day| *day <= today());
            PlanFact {
                employee_id: department as i64 * 100 + employee % scenario.departments[department].max(1),
                opened_by: Some(1000),
                department_id: Some(department as i64),
                created_at: at(started),
                activated_at: (!(*from_draft && closed.is_some())).then(|| at(started)),
                closed_at: closed.map(at),
                outcome: closed.map(|_| Outcome::ALL[*outcome as usize].as_str().to_owned()),
                first_win_done: None,
                tasks_done: 0,
                tasks_total: 0,
                check_ins_scheduled: 0,
                check_ins_on_time: 0,
            }
        })
        .collect();
    (facts, departments)
}

/// The same tables with every count shown: built at k = 1 over the department groups of the
/// edition published at `k`.
fn truth(facts: &[PlanFact], departments: &[DepartmentSize], k: i64) -> Insights {
    truth_on(facts, departments, k, today())
}

/// [`truth`] for the edition published on `day`.
fn truth_on(facts: &[PlanFact], departments: &[DepartmentSize], k: i64, day: NaiveDate) -> Insights {
    // Departments too small at k stay merged at k = 1 when their size is set below 1.
    let grouped: Vec<DepartmentSize> = departments.iter().map(|(id, name, size)| (*id, name.clone(), if id.is_some() && *size >= k { *size } else { 0 })).collect();
    let mut truth = build(facts, &grouped, &[], 1, day, None);
    // At k = 1 an empty "Other departments" row is left out exactly when it is at k.
    let published_other = departments.iter().any(|(id, _, size)| (id.is_none() || *size < k) && *size > 0);
    if published_other && !truth.tables[1].rows.iter().any(|row| row.label == OTHER_DEPARTMENTS) {
        let at = truth.tables[1].rows.len() - 1;
        truth.tables[1].rows.insert(at, TableRow { label: OTHER_DEPARTMENTS.into(), cells: vec![Shown::Count(0); 3], is_total: false });
    }
    truth
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn no_hidden_count_can_be_pinned_to_within_k(scenario in scenario(), k in 3i64..7) {
        let (facts, departments) = facts(&scenario);
        let published = build(&facts, &departments, &[], k, today(), None);
        let truth = truth(&facts, &departments, k);
        let pinned = reader_audit(&published, &truth, None);
        prop_assert!(pinned.is_empty(), "pinned to within {}: {:?}", k, pinned);
        // Small departments never appear by name.
        for (id, name, size) in &departments {
            let named = id.is_some() && published.tables[1].rows.iter().any(|row| &row.label == name);
            prop_assert_eq!(named, id.is_some() && *size >= k);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn a_reader_with_two_editions_pins_no_hidden_count(scenario in scenario(), k in 3i64..7) {
        let (facts, departments) = facts(&scenario);
        let first = build(&facts, &departments, &[], k, today(), None);
        let next_month = today() + Duration::days(31);
        let second = build(&facts, &departments, &[], k, next_month, Some(&first));
        let truth = truth_on(&facts, &departments, k, next_month);
        let pinned = reader_audit(&second, &truth, Some(&first));
        // What the first edition and the constants pin on their own, before a figure of the
        // second is read, is no disclosure of the second.
        let mut nothing_shown = second.clone();
        for table in &mut nothing_shown.tables[..2] {
            for row in &mut table.rows {
                for cell in &mut row.cells {
                    if matches!(cell, Shown::Count(_)) {
                        *cell = Shown::Hidden;
                    }
                }
            }
        }
        let pinned_anyway = reader_audit(&nothing_shown, &truth, Some(&first));
        let revealed: Vec<&String> = pinned.iter().filter(|label| !pinned_anyway.contains(label)).collect();
        prop_assert!(revealed.is_empty(), "pinned to within {} by the second edition: {:?}", k, revealed);
    }
}

fn plan_in(department: i64, employee: i64, started: NaiveDate, closed: Option<(NaiveDate, &str)>) -> PlanFact {
    PlanFact {
        employee_id: employee,
        opened_by: Some(1000),
        department_id: Some(department),
        created_at: at(started),
        activated_at: Some(at(started)),
        closed_at: closed.map(|(day, _)| at(day)),
        outcome: closed.map(|(_, outcome)| outcome.to_owned()),
        first_win_done: None,
        tasks_done: 0,
        tasks_total: 0,
        check_ins_scheduled: 0,
        check_ins_on_time: 0,
    }
}

#[test]
fn a_month_with_one_closed_plan_and_zero_columns_cannot_be_solved() {
    // The review's case: 16 started in a month, 15 still active, one recovered, the other
    // outcome columns all zero.
    let month = NaiveDate::from_ymd_opt(2026, 6, 10).unwrap();
    let departments = vec![(Some(0), "Sales".to_owned(), 40)];
    let mut facts: Vec<PlanFact> = (0..16).map(|e| plan_in(0, e, month, None)).collect();
    facts[0].closed_at = Some(at(month + Duration::days(5)));
    facts[0].outcome = Some("recovered".into());
    let published = build(&facts, &departments, &[], 5, today(), None);
    let june = published.tables[0].rows.iter().find(|row| row.label == "2026-06").unwrap();
    assert_eq!(june.cells[1], Shown::Suppressed, "one recovered plan is fewer than 5");
    assert!(reader_audit(&published, &truth(&facts, &departments, 5), None).is_empty());
}

#[test]
fn a_department_relation_does_not_reveal_started_plans() {
    // A department whose six plans all started in one month and none closed: started,
    // closed 0 and active 6 would give started = 6; the small month that needs partners
    // must not make started the one hidden cell of that department.
    let departments = vec![(Some(0), "Sales".to_owned(), 10), (Some(1), "Ops".to_owned(), 10)];
    let mut facts: Vec<PlanFact> = (0..6).map(|e| plan_in(0, e, NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(), None)).collect();
    facts.extend((0..2).map(|e| plan_in(1, 100 + e, NaiveDate::from_ymd_opt(2026, 4, 3).unwrap(), None)));
    let published = build(&facts, &departments, &[], 5, today(), None);
    assert!(reader_audit(&published, &truth(&facts, &departments, 5), None).is_empty(), "{:?}", published.tables[1]);
}

#[test]
fn an_empty_group_is_left_out_instead_of_counting_as_protection() {
    let departments = vec![(Some(0), "Sales".to_owned(), 10), (Some(1), "Ops".to_owned(), 10), (None, String::new(), 0)];
    let mut facts: Vec<PlanFact> = (0..7).map(|e| plan_in(0, e, NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(), None)).collect();
    facts.extend((0..2).map(|e| plan_in(1, 100 + e, NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(), None)));
    let published = build(&facts, &departments, &[], 5, today(), None);
    let labels: Vec<&str> = published.tables[1].rows.iter().map(|row| row.label.as_str()).collect();
    assert_eq!(labels, vec!["Sales", "Ops", "All departments"], "nobody is in another department");
    let cells: Vec<Shown> = published.tables[1].rows.iter().flat_map(|row| row.cells.clone()).collect();
    assert_eq!(cells[3], Shown::Suppressed, "Ops started two");
    assert!(cells.contains(&Shown::Hidden), "its partners say hidden, not fewer than k: {cells:?}");
    assert!(reader_audit(&published, &truth(&facts, &departments, 5), None).is_empty());
}

#[test]
fn an_earlier_edition_hidden_cell_stays_hidden() {
    let departments = vec![(Some(0), "Sales".to_owned(), 40)];
    let facts: Vec<PlanFact> = (0..9).map(|e| plan_in(0, e, NaiveDate::from_ymd_opt(2026, 5, 3).unwrap(), None)).collect();
    let mut previous = build(&facts, &departments, &[], 5, today(), None);
    let may = previous.tables[0].rows.iter_mut().find(|row| row.label == "2026-05").unwrap();
    assert_eq!(may.cells[0], Shown::Count(9));
    may.cells[0] = Shown::Hidden;
    let next = build(&facts, &departments, &[], 5, today() + Duration::days(31), Some(&previous));
    let may = next.tables[0].rows.iter().find(|row| row.label == "2026-05").unwrap();
    assert_eq!(may.cells[0], Shown::Hidden, "shown now, it would reveal what the earlier edition hid");
}

#[test]
fn the_share_of_managers_needs_k_managers_and_hides_its_total_when_a_group_hides() {
    let departments = vec![(Some(0), "Sales".to_owned(), 20), (Some(1), "Client Services".to_owned(), 6)];
    let started = NaiveDate::from_ymd_opt(2026, 5, 3).unwrap();
    let facts: Vec<PlanFact> = (0..12).map(|e| plan_in(if e < 6 { 0 } else { 1 }, e, started, None)).collect();
    let managers: Vec<(i64, Option<i64>)> = (0..6).map(|m| (1000 + m, Some(0))).chain([(2000, Some(1))]).collect();
    let published = build(&facts, &departments, &managers, 5, today(), None);
    let rates = &published.tables[2];
    let row = |label: &str| rates.rows.iter().find(|row| row.label == label).unwrap().cells[0];
    assert!(matches!(row("Sales"), Shown::Share(_)), "six managers are enough");
    assert_eq!(row("Client Services"), Shown::Suppressed, "one manager is a person");
    assert_eq!(row("All departments"), Shown::Hidden, "else Client Services follows from the total");
}

#[test]
fn rates_are_suppressed_below_k_people_and_medians_are_computed() {
    let departments = vec![(Some(0), "Sales".to_owned(), 20)];
    let plan = |employee: i64, win_after: i64| PlanFact {
        employee_id: employee,
        opened_by: Some(100),
        department_id: Some(0),
        created_at: at(today() - Duration::days(60)),
        activated_at: Some(at(today() - Duration::days(60))),
        closed_at: None,
        outcome: None,
        first_win_done: Some(today() - Duration::days(60 - win_after)),
        tasks_done: 1,
        tasks_total: 2,
        check_ins_scheduled: 2,
        check_ins_on_time: 1,
    };
    let few: Vec<PlanFact> = (0..4).map(|e| plan(e, 3)).collect();
    let managers: Vec<(i64, Option<i64>)> = (100..110).map(|m| (m, Some(0))).collect();
    let insights = build(&few, &departments, &managers, 5, today(), None);
    let rates = &insights.tables[2];
    assert!(rates.rows[0].cells.iter().all(|cell| matches!(cell, Shown::Suppressed | Shown::NoData)), "{:?}", rates.rows[0]);
    let many: Vec<PlanFact> = (0..6).map(|e| plan(e, e + 1)).collect();
    let insights = build(&many, &departments, &managers, 5, today(), None);
    let sales = &insights.tables[2].rows[0];
    assert_eq!(sales.cells[0], Shown::Share(0.1), "one of ten managers opened plans");
    assert_eq!(sales.cells[1], Shown::Days(3.5));
    assert_eq!(sales.cells[2], Shown::Share(0.5));
    assert_eq!(sales.cells[3], Shown::Share(0.5));
    assert_eq!(sales.cells[4], Shown::NoData);
}

#[test]
fn months_run_over_the_last_twelve_completed_calendar_months() {
    let bounds = month_bounds(today());
    assert_eq!(bounds.len(), MONTHS + 1);
    assert_eq!(bounds[0], NaiveDate::from_ymd_opt(2025, 11, 1).unwrap());
    assert_eq!(bounds[MONTHS - 1], NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
    assert_eq!(bounds[MONTHS], NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(), "the current month is not published until it is over");
}
