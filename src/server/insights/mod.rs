//! HR insights: adoption and effect of recovery plans, aggregated and suppressed so no person can
//! be singled out. Privacy is enforced here, in the query layer, before anything reaches a page:
//!
//! - only fixed groupings (the last twelve calendar months; departments), no free filters;
//! - departments with fewer than k active people are merged into "Other departments";
//! - every value computed from fewer than k distinct employees is suppressed, and complementary
//!   suppression ([`suppression`]) stops anyone recovering it from totals, other tables or
//!   consecutive months;
//! - only numbers leave: no names, ids, emails or text.

pub mod suppression;

use crate::model::insights::{Insights, Shown, Table, TableRow};
use crate::server::db::insights::PlanFact;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::collections::{HashMap, HashSet};

/// How many calendar months the statistics cover (the current one included).
pub const MONTHS: usize = 12;
const OUTCOMES: [(&str, &str); 4] =
    [("recovered", "Recovered"), ("partly_recovered", "Partly recovered"), ("referred_to_support", "Referred to support"), ("withdrawn", "Withdrawn")];
/// The merged group for departments too small to show on their own.
pub const OTHER_DEPARTMENTS: &str = "Other departments";

/// Counts with the distinct employees behind each, before suppression.
#[derive(Default)]
struct Cells {
    values: Vec<i64>,
    employees: Vec<HashSet<i64>>,
}

impl Cells {
    fn new_cell(&mut self) -> usize {
        self.values.push(0);
        self.employees.push(HashSet::new());
        self.values.len() - 1
    }

    fn count(&mut self, cell: usize, employee: i64) {
        self.values[cell] += 1;
        self.employees[cell].insert(employee);
    }
}

/// The first day of each of the last [`MONTHS`] months, oldest first, and the day after the last.
fn month_bounds(today: NaiveDate) -> Vec<NaiveDate> {
    let current = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("first of month");
    let mut starts: Vec<NaiveDate> = (0..=MONTHS as u32).map(|back| current.checked_sub_months(chrono::Months::new(back)).expect("month in range")).collect();
    starts.reverse();
    starts.remove(0);
    starts.push(current.checked_add_months(chrono::Months::new(1)).expect("month in range"));
    starts
}

fn month_of(bounds: &[NaiveDate], at: DateTime<Utc>) -> Option<usize> {
    let day = at.date_naive();
    (0..MONTHS).find(|&month| day >= bounds[month] && day < bounds[month + 1])
}

fn active_at_end(fact: &PlanFact, end: NaiveDate) -> bool {
    fact.activated_at.is_some_and(|started| started.date_naive() < end) && fact.closed_at.is_none_or(|closed| closed.date_naive() >= end)
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    Some(if values.len() % 2 == 0 { (values[middle - 1] + values[middle]) / 2.0 } else { values[middle] })
}

/// Builds the suppressed statistics from plan facts, department sizes and managers.
pub fn build(facts: &[PlanFact], departments: &[(Option<i64>, String, i64)], managers: &[(i64, Option<i64>)], k: i64, today: NaiveDate) -> Insights {
    let bounds = month_bounds(today);
    let window_start = bounds[0];
    let now_end = bounds[MONTHS];

    // Department groups: big enough ones by name, the rest merged.
    let mut group_names: Vec<String> = departments.iter().filter(|(id, _, size)| id.is_some() && *size >= k).map(|(_, name, _)| name.clone()).collect();
    let group_of_department: HashMap<Option<i64>, usize> =
        departments.iter().map(|(id, name, size)| (*id, if id.is_some() && *size >= k { group_names.iter().position(|g| g == name).unwrap_or(0) } else { usize::MAX })).collect();
    let other_group = group_names.len();
    group_names.push(OTHER_DEPARTMENTS.to_owned());
    let group = |department: Option<i64>| match group_of_department.get(&department) {
        Some(&index) if index != usize::MAX => index,
        _ => other_group,
    };
    let groups = group_names.len();

    let mut cells = Cells::default();
    let started: Vec<usize> = (0..MONTHS).map(|_| cells.new_cell()).collect();
    let closed: Vec<[usize; 4]> = (0..MONTHS).map(|_| [cells.new_cell(), cells.new_cell(), cells.new_cell(), cells.new_cell()]).collect();
    let active_end: Vec<usize> = (0..MONTHS).map(|_| cells.new_cell()).collect();
    let started_total = cells.new_cell();
    let outcome_total = [cells.new_cell(), cells.new_cell(), cells.new_cell(), cells.new_cell()];
    let closed_total = cells.new_cell();
    let group_started: Vec<usize> = (0..groups).map(|_| cells.new_cell()).collect();
    let group_closed: Vec<usize> = (0..groups).map(|_| cells.new_cell()).collect();
    let group_active: Vec<usize> = (0..groups).map(|_| cells.new_cell()).collect();

    for fact in facts {
        let employee = fact.employee_id;
        let g = group(fact.department_id);
        if let Some(month) = fact.activated_at.and_then(|at| month_of(&bounds, at)) {
            cells.count(started[month], employee);
            cells.count(started_total, employee);
            cells.count(group_started[g], employee);
        }
        if let (Some(month), Some(outcome)) = (fact.closed_at.and_then(|at| month_of(&bounds, at)), fact.outcome.as_deref()) {
            if let Some(o) = OUTCOMES.iter().position(|(word, _)| *word == outcome) {
                cells.count(closed[month][o], employee);
                cells.count(outcome_total[o], employee);
                cells.count(closed_total, employee);
                cells.count(group_closed[g], employee);
            }
        }
        for month in 0..MONTHS {
            if active_at_end(fact, bounds[month + 1]) {
                cells.count(active_end[month], employee);
            }
        }
        if active_at_end(fact, now_end) {
            cells.count(group_active[g], employee);
        }
    }

    // Every relation a reader could use to subtract their way to a hidden value.
    let mut relations: Vec<Vec<usize>> = Vec::new();
    relations.push(started.iter().copied().chain([started_total]).collect());
    for o in 0..4 {
        relations.push(closed.iter().map(|month| month[o]).chain([outcome_total[o]]).collect());
    }
    relations.push(outcome_total.iter().copied().chain([closed_total]).collect());
    for month in 1..MONTHS {
        relations.push([active_end[month - 1], active_end[month], started[month]].into_iter().chain(closed[month]).collect());
    }
    relations.push(group_started.iter().copied().chain([started_total]).collect());
    relations.push(group_closed.iter().copied().chain([closed_total]).collect());
    relations.push(group_active.iter().copied().chain([active_end[MONTHS - 1]]).collect());

    let contributors: Vec<i64> = cells.employees.iter().map(|set| set.len() as i64).collect();
    let hidden = suppression::suppress(&cells.values, &contributors, &relations, k);
    let show = |cell: usize| if hidden[cell] { Shown::Suppressed } else { Shown::Count(cells.values[cell]) };

    let month_label = |month: usize| bounds[month].format("%Y-%m").to_string();
    let mut monthly_rows: Vec<TableRow> = (0..MONTHS)
        .map(|month| TableRow {
            label: month_label(month),
            cells: [show(started[month])].into_iter().chain(closed[month].iter().map(|&cell| show(cell))).chain([show(active_end[month])]).collect(),
            is_total: false,
        })
        .collect();
    monthly_rows.push(TableRow {
        label: "All 12 months".into(),
        cells: [show(started_total)].into_iter().chain(outcome_total.iter().map(|&cell| show(cell))).chain([Shown::NoData]).collect(),
        is_total: true,
    });
    let monthly = Table {
        title: "Plans by month".into(),
        row_header: "Month".into(),
        columns: ["Started".to_owned()]
            .into_iter()
            .chain(OUTCOMES.iter().map(|(_, label)| format!("Closed: {}", label.to_lowercase())))
            .chain(["Active at month end".to_owned()])
            .collect(),
        rows: monthly_rows,
    };

    let mut department_rows: Vec<TableRow> = (0..groups)
        .map(|g| TableRow { label: group_names[g].clone(), cells: vec![show(group_started[g]), show(group_closed[g]), show(group_active[g])], is_total: false })
        .collect();
    department_rows.push(TableRow { label: "All departments".into(), cells: vec![show(started_total), show(closed_total), show(active_end[MONTHS - 1])], is_total: true });
    let by_department = Table {
        title: "Plans by department (last 12 months)".into(),
        row_header: "Department".into(),
        columns: vec!["Started".into(), "Closed".into(), "Active now".into()],
        rows: department_rows,
    };

    let rates = rates_table(facts, managers, &|department| group(department), &group_names, k, window_start);
    Insights { k, first_month: month_label(0), last_month: month_label(MONTHS - 1), tables: vec![monthly, by_department, rates] }
}

/// Adoption and effect measures per department group and overall. Not additive, so each is
/// suppressed on its own when fewer than k distinct employees stand behind it.
fn rates_table(facts: &[PlanFact], managers: &[(i64, Option<i64>)], group: &dyn Fn(Option<i64>) -> usize, group_names: &[String], k: i64, window_start: NaiveDate) -> Table {
    let in_window = |at: Option<DateTime<Utc>>| at.is_some_and(|at| at.date_naive() >= window_start);
    let row = |label: String, member: &dyn Fn(Option<i64>) -> bool| -> TableRow {
        let guard = |employees: &HashSet<i64>, value: Option<Shown>| match value {
            None => Shown::NoData,
            Some(_) if !employees.is_empty() && (employees.len() as i64) < k => Shown::Suppressed,
            Some(value) => value,
        };
        let facts: Vec<&PlanFact> = facts.iter().filter(|fact| member(fact.department_id)).collect();
        let group_managers: HashSet<i64> = managers.iter().filter(|(_, department)| member(*department)).map(|(id, _)| *id).collect();
        // Adoption: managers with reports who opened at least one plan in the period.
        let opened: Vec<&&PlanFact> = facts.iter().filter(|f| f.created_at.date_naive() >= window_start && f.opened_by.is_some_and(|m| group_managers.contains(&m))).collect();
        let adopters: HashSet<i64> = opened.iter().filter_map(|f| f.opened_by).collect();
        let adoption_people: HashSet<i64> = opened.iter().map(|f| f.employee_id).collect();
        let adoption = (!group_managers.is_empty()).then(|| Shown::Share(adopters.len() as f64 / group_managers.len() as f64));
        // Days from the plan's start to its first small win done.
        let wins: Vec<(&PlanFact, f64)> =
            facts.iter().filter(|f| in_window(f.activated_at)).filter_map(|f| Some((*f, (f.first_win_done? - f.activated_at?.date_naive()).num_days().max(0) as f64))).collect();
        let win_people: HashSet<i64> = wins.iter().map(|(f, _)| f.employee_id).collect();
        let to_win = median(wins.iter().map(|(_, days)| *days).collect()).map(Shown::Days);
        // Task completion across plans active in the period.
        let tasked: Vec<&&PlanFact> =
            facts.iter().filter(|f| f.tasks_total > 0 && (in_window(f.activated_at) || f.closed_at.is_none_or(|c| c.date_naive() >= window_start))).collect();
        let task_people: HashSet<i64> = tasked.iter().map(|f| f.employee_id).collect();
        let (done, total) = tasked.iter().fold((0, 0), |(d, t), f| (d + f.tasks_done, t + f.tasks_total));
        let tasks = (total > 0).then(|| Shown::Share(done as f64 / total as f64));
        // Check-ins held on or before the date the previous one set.
        let scheduled: Vec<&&PlanFact> = facts.iter().filter(|f| f.check_ins_scheduled > 0).collect();
        let schedule_people: HashSet<i64> = scheduled.iter().map(|f| f.employee_id).collect();
        let (on_time, planned) = scheduled.iter().fold((0, 0), |(o, p), f| (o + f.check_ins_on_time, p + f.check_ins_scheduled));
        let punctual = (planned > 0).then(|| Shown::Share(on_time as f64 / planned as f64));
        // Duration of plans closed in the period.
        let durations: Vec<(&PlanFact, f64)> = facts
            .iter()
            .filter(|f| in_window(f.closed_at))
            .filter_map(|f| Some((*f, (f.closed_at?.date_naive() - f.activated_at?.date_naive()).num_days().max(0) as f64)))
            .collect();
        let duration_people: HashSet<i64> = durations.iter().map(|(f, _)| f.employee_id).collect();
        let duration = median(durations.iter().map(|(_, days)| *days).collect()).map(Shown::Days);
        TableRow {
            label,
            cells: vec![
                guard(&adoption_people, adoption),
                guard(&win_people, to_win),
                guard(&task_people, tasks),
                guard(&schedule_people, punctual),
                guard(&duration_people, duration),
            ],
            is_total: false,
        }
    };
    let mut rows: Vec<TableRow> = group_names.iter().enumerate().map(|(index, name)| row(name.clone(), &|department| group(department) == index)).collect();
    let mut all = row("All departments".into(), &|_| true);
    all.is_total = true;
    rows.push(all);
    Table {
        title: "Adoption and effect (last 12 months)".into(),
        row_header: "Department".into(),
        columns: vec![
            "Managers who opened a plan".into(),
            "Median days to the small win".into(),
            "Tasks completed".into(),
            "Check-ins on schedule".into(),
            "Median plan duration".into(),
        ],
        rows,
    }
}

/// Computes the insights, reusing the last result while nothing that feeds them has changed.
pub async fn current(state: &crate::server::AppState) -> Result<Insights, crate::model::AppError> {
    let pool = &state.pool;
    let k = crate::server::db::settings::privacy_k(pool).await?;
    let today = state.now().date_naive();
    let key = (crate::server::db::settings::data_version(pool).await?, k, today);
    // Held while computing, so a burst of requests computes once and the rest read the result.
    let mut cache = state.insights_cache.lock().await;
    if let Some((cached_key, insights)) = cache.as_ref() {
        if *cached_key == key {
            return Ok(insights.clone());
        }
    }
    let since = DateTime::<Utc>::from_naive_utc_and_offset(month_bounds(today)[0].and_hms_opt(0, 0, 0).expect("midnight"), Utc);
    let facts = crate::server::db::insights::plan_facts(pool, since).await?;
    let departments = crate::server::db::insights::department_sizes(pool).await?;
    let managers = crate::server::db::insights::managers(pool).await?;
    let insights = build(&facts, &departments, &managers, k, today);
    *cache = Some((key, insights.clone()));
    Ok(insights)
}

/// The last computed insights with the state they were computed from.
pub type InsightsCache = std::sync::Arc<tokio::sync::Mutex<Option<((i64, i64, NaiveDate), Insights)>>>;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    fn at(day: NaiveDate) -> DateTime<Utc> {
        Utc.from_utc_datetime(&day.and_hms_opt(10, 0, 0).unwrap())
    }

    /// The numbers a reader sees, and what they could work out from them by subtraction along
    /// every relation the tables expose (the attacker model).
    fn exposed_values(insights: &Insights) -> Vec<i64> {
        let monthly = &insights.tables[0];
        let departments = &insights.tables[1];
        let value = |cell: Shown| if let Shown::Count(c) = cell { Some(c) } else { None };
        // Unknowns: monthly cells (12 x 6), monthly totals (5), department cells (g x 3), department totals (3).
        let mut cells: Vec<Option<i64>> = Vec::new();
        let id = |cell: Shown, cells: &mut Vec<Option<i64>>| {
            cells.push(value(cell));
            cells.len() - 1
        };
        let month_ids: Vec<Vec<usize>> = monthly.rows[..MONTHS].iter().map(|row| row.cells.iter().map(|&c| id(c, &mut cells)).collect()).collect();
        let total_ids: Vec<usize> = monthly.rows[MONTHS].cells[..5].iter().map(|&c| id(c, &mut cells)).collect();
        let groups = departments.rows.len() - 1;
        let dept_ids: Vec<Vec<usize>> = departments.rows[..groups].iter().map(|row| row.cells.iter().map(|&c| id(c, &mut cells)).collect()).collect();
        let all_ids: Vec<usize> = departments.rows[groups].cells.iter().map(|&c| id(c, &mut cells)).collect();
        // Equations as (cell, coefficient) lists summing to zero.
        let mut equations: Vec<Vec<(usize, i64)>> = Vec::new();
        for column in 0..5 {
            equations.push(month_ids.iter().map(|row| (row[column], 1)).chain([(total_ids[column], -1)]).collect());
        }
        equations.push(vec![(all_ids[0], 1), (total_ids[0], -1)]);
        equations.push(total_ids[1..5].iter().map(|&cell| (cell, 1)).chain([(all_ids[1], -1)]).collect());
        equations.push(vec![(all_ids[2], 1), (month_ids[MONTHS - 1][5], -1)]);
        for column in 0..3 {
            equations.push(dept_ids.iter().map(|row| (row[column], 1)).chain([(all_ids[column], -1)]).collect());
        }
        for month in 1..MONTHS {
            // active_end(m) = active_end(m-1) + started(m) - closed(m), exactly when nothing was reopened.
            let mut equation = vec![(month_ids[month][5], 1), (month_ids[month - 1][5], -1), (month_ids[month][0], -1)];
            equation.extend((1..5).map(|o| (month_ids[month][o], 1)));
            equations.push(equation);
        }
        loop {
            let mut solved = false;
            for equation in &equations {
                let unknown: Vec<&(usize, i64)> = equation.iter().filter(|(cell, _)| cells[*cell].is_none()).collect();
                if let [(cell, coefficient)] = unknown[..] {
                    let rest: i64 = equation.iter().filter(|(c, _)| c != cell).map(|(c, k)| k * cells[*c].unwrap()).sum();
                    cells[*cell] = Some(-rest / coefficient);
                    solved = true;
                }
            }
            if !solved {
                return cells.into_iter().flatten().collect();
            }
        }
    }

    #[derive(Debug, Clone)]
    struct Scenario {
        departments: Vec<i64>,
        plans: Vec<(usize, i64, Option<i64>, u8)>,
    }

    fn scenario() -> impl Strategy<Value = Scenario> {
        (proptest::collection::vec(1i64..30, 1..5), proptest::collection::vec((0usize..5, 0i64..400, proptest::option::of(0i64..200), 0u8..4), 0..60))
            .prop_map(|(departments, plans)| Scenario { departments, plans })
    }

    /// One plan per employee, so every count equals the number of distinct employees behind it.
    fn facts(scenario: &Scenario) -> (Vec<PlanFact>, Vec<(Option<i64>, String, i64)>) {
        let departments: Vec<(Option<i64>, String, i64)> = scenario.departments.iter().enumerate().map(|(i, size)| (Some(i as i64), format!("D{i}"), *size)).collect();
        let facts = scenario
            .plans
            .iter()
            .enumerate()
            .map(|(employee, (department, start_ago, length, outcome))| {
                let started = today() - Duration::days(*start_ago);
                let closed = length.map(|days| started + Duration::days(days)).filter(|day| *day <= today());
                PlanFact {
                    employee_id: employee as i64,
                    opened_by: Some(1000),
                    department_id: Some((*department % departments.len()) as i64),
                    created_at: at(started),
                    activated_at: Some(at(started)),
                    closed_at: closed.map(at),
                    outcome: closed.map(|_| OUTCOMES[*outcome as usize].0.to_owned()),
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn no_shown_or_derivable_count_comes_from_fewer_than_k_people(scenario in scenario(), k in 3i64..7) {
            let (facts, departments) = facts(&scenario);
            let insights = build(&facts, &departments, &[], k, today());
            for value in exposed_values(&insights) {
                prop_assert!(value == 0 || value >= k, "a value of {value} (< k = {k}) is visible or derivable");
            }
            // Small departments never appear by name.
            for (_, name, size) in &departments {
                let named = insights.tables[1].rows.iter().any(|row| &row.label == name);
                prop_assert_eq!(named, *size >= k);
            }
        }
    }

    #[test]
    fn rates_are_suppressed_below_k_people_and_medians_are_computed() {
        let departments = vec![(Some(0), "Sales".to_owned(), 20)];
        let plan = |employee: i64, win_after: i64| PlanFact {
            employee_id: employee,
            opened_by: Some(100),
            department_id: Some(0),
            created_at: at(today() - Duration::days(30)),
            activated_at: Some(at(today() - Duration::days(30))),
            closed_at: None,
            outcome: None,
            first_win_done: Some(today() - Duration::days(30 - win_after)),
            tasks_done: 1,
            tasks_total: 2,
            check_ins_scheduled: 2,
            check_ins_on_time: 1,
        };
        let few: Vec<PlanFact> = (0..4).map(|e| plan(e, 3)).collect();
        let insights = build(&few, &departments, &[(100, Some(0)), (101, Some(0))], 5, today());
        let rates = &insights.tables[2];
        assert!(rates.rows[0].cells.iter().all(|cell| matches!(cell, Shown::Suppressed | Shown::NoData)), "{:?}", rates.rows[0]);
        let many: Vec<PlanFact> = (0..6).map(|e| plan(e, e + 1)).collect();
        let insights = build(&many, &departments, &[(100, Some(0)), (101, Some(0))], 5, today());
        let sales = &insights.tables[2].rows[0];
        assert_eq!(sales.cells[0], Shown::Share(0.5), "one of two managers opened plans");
        assert_eq!(sales.cells[1], Shown::Days(3.5));
        assert_eq!(sales.cells[2], Shown::Share(0.5));
        assert_eq!(sales.cells[3], Shown::Share(0.5));
        assert_eq!(sales.cells[4], Shown::NoData);
    }

    #[test]
    fn months_run_over_the_last_twelve_calendar_months() {
        let bounds = month_bounds(today());
        assert_eq!(bounds.len(), MONTHS + 1);
        assert_eq!(bounds[0], NaiveDate::from_ymd_opt(2025, 12, 1).unwrap());
        assert_eq!(bounds[MONTHS - 1], NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        assert_eq!(bounds[MONTHS], NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    }
}
