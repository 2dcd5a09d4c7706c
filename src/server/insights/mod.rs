//! HR insights: adoption and effect of recovery plans, aggregated and suppressed so no person can
//! be singled out. Privacy is enforced here, in the query layer, before anything reaches a page:
//!
//! - only fixed groupings (the last twelve completed calendar months; departments), no free
//!   filters;
//! - departments with fewer than k active people are merged into "Other departments";
//! - every value computed from fewer than k distinct employees is suppressed, and complementary
//!   suppression ([`suppression`]) hides more until the disclosure audit ([`audit`]) finds that
//!   no hidden count can be pinned to within k from totals, other tables, consecutive months or
//!   the relations between columns;
//! - the figures form monthly editions ([`current`]): computed once a month is over and then
//!   served unchanged, so two reads never differ by one person's plan;
//! - only numbers leave: no names, ids, emails or text.

pub mod audit;
pub mod suppression;

use audit::Relation;
use suppression::{Earlier, Hidden};

use crate::model::Outcome;
use crate::model::insights::{Insights, Shown, Table, TableRow};
use crate::server::db::insights::{DepartmentSize, PlanFact};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::collections::{HashMap, HashSet};

/// How many calendar months the statistics cover (the current one included).
pub const MONTHS: usize = 12;
/// How many ways a plan can end (one column of closed plans each).
const OUTCOMES: usize = Outcome::ALL.len();
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

/// The first day of each of the last [`MONTHS`] completed months, oldest first, and the first day
/// of the current month (where the last one ends).
fn month_bounds(today: NaiveDate) -> Vec<NaiveDate> {
    let current = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("first of month");
    (0..=MONTHS as u32).rev().map(|back| current.checked_sub_months(chrono::Months::new(back)).expect("month in range")).collect()
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
    Some(if values.len().is_multiple_of(2) { (values[middle - 1] + values[middle]) / 2.0 } else { values[middle] })
}

/// Builds the suppressed statistics from plan facts, department sizes and managers, for the
/// twelve months completed by `today`. A reader is assumed to hold `previous` (the edition before)
/// too: what it hid stays hidden, what it showed protects nothing, and its totals count as known,
/// so two editions together reveal no more than each.
pub fn build(facts: &[PlanFact], departments: &[DepartmentSize], managers: &[(i64, Option<i64>)], k: i64, today: NaiveDate, previous: Option<&Insights>) -> Insights {
    let bounds = month_bounds(today);
    let window_start = bounds[0];
    let window_end = bounds[MONTHS];

    // Department groups: big enough ones by name, the rest merged.
    let mut group_names: Vec<String> = departments.iter().filter(|(id, _, size)| id.is_some() && *size >= k).map(|(_, name, _)| name.clone()).collect();
    let group_of_department: HashMap<Option<i64>, usize> =
        departments.iter().map(|(id, name, size)| (*id, if id.is_some() && *size >= k { group_names.iter().position(|g| g == name).unwrap_or(0) } else { usize::MAX })).collect();
    let other_group = group_names.len();
    let other_members: i64 = departments.iter().filter(|(id, _, size)| id.is_none() || *size < k).map(|(_, _, size)| size).sum();
    group_names.push(OTHER_DEPARTMENTS.to_owned());
    let group = |department: Option<i64>| match group_of_department.get(&department) {
        Some(&index) if index != usize::MAX => index,
        _ => other_group,
    };
    let groups = group_names.len();

    let mut cells = Cells::default();
    let started: Vec<usize> = (0..MONTHS).map(|_| cells.new_cell()).collect();
    let closed: Vec<[usize; OUTCOMES]> = (0..MONTHS).map(|_| std::array::from_fn(|_| cells.new_cell())).collect();
    let active_end: Vec<usize> = (0..MONTHS).map(|_| cells.new_cell()).collect();
    let started_total = cells.new_cell();
    let outcome_total: [usize; OUTCOMES] = std::array::from_fn(|_| cells.new_cell());
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
        if let (Some(month), Some(outcome)) = (fact.closed_at.and_then(|at| month_of(&bounds, at)), fact.outcome.as_deref())
            && let Some(o) = Outcome::ALL.iter().position(|known| known.as_str() == outcome)
        {
            cells.count(closed[month][o], employee);
            cells.count(outcome_total[o], employee);
            cells.count(closed_total, employee);
            cells.count(group_closed[g], employee);
        }
        for month in 0..MONTHS {
            if active_at_end(fact, bounds[month + 1]) {
                cells.count(active_end[month], employee);
            }
        }
        if active_at_end(fact, window_end) {
            cells.count(group_active[g], employee);
        }
    }

    // Every relation a reader could use. Where a relation has a constant (the plans active before
    // the period, plans closed straight from a draft), the audit assumes the reader knows it.
    let closed_in = |month: usize| closed[month].iter().map(|&cell| (cell, 1));
    let mut relations: Vec<Relation> = vec![Relation::total(started.iter().copied(), started_total)];
    for o in 0..4 {
        relations.push(Relation::total(closed.iter().map(|month| month[o]), outcome_total[o]));
    }
    relations.push(Relation::total(outcome_total, closed_total));
    // Active at a month's end = active the month before + started - closed.
    relations.push(Relation::of([(active_end[0], 1), (started[0], -1)].into_iter().chain(closed_in(0))));
    for month in 1..MONTHS {
        relations.push(Relation::of([(active_end[month], 1), (active_end[month - 1], -1), (started[month], -1)].into_iter().chain(closed_in(month))));
    }
    relations.push(Relation::total(group_started.iter().copied(), started_total));
    relations.push(Relation::total(group_closed.iter().copied(), closed_total));
    relations.push(Relation::total(group_active.iter().copied(), active_end[MONTHS - 1]));
    for g in 0..groups {
        relations.push(Relation::of([(group_active[g], 1), (group_started[g], -1), (group_closed[g], 1)]));
    }

    // What the edition before showed of a month this one shows again: hidden cells stay hidden,
    // shown ones are what the reader already holds.
    let month_label = |month: usize| bounds[month].format("%Y-%m").to_string();
    let mut earlier = vec![Earlier::Unseen; cells.values.len()];
    if let Some(previous_monthly) = previous.and_then(|edition| edition.tables.first()) {
        for month in 0..MONTHS {
            let Some(row) = previous_monthly.rows.iter().find(|row| !row.is_total && row.label == month_label(month)) else { continue };
            let row_cells = [started[month]].into_iter().chain(closed[month]).chain([active_end[month]]);
            for (cell, shown) in row_cells.zip(&row.cells) {
                earlier[cell] = match shown {
                    Shown::Count(value) => Earlier::Shown(*value),
                    Shown::Suppressed | Shown::Hidden => Earlier::Hidden,
                    Shown::Share(_) | Shown::Days(_) | Shown::NoData => Earlier::Unseen,
                };
            }
        }
        // The edition before also gave its twelve-month totals, over all but one of this
        // edition's months: with the month it alone covers, they tell the sum of the months both
        // cover, and a total shown in both would give away the newest month. The audit grants
        // the reader that sum, for every column, whether or not that month was shown.
        let shared: Vec<usize> = (0..MONTHS).filter(|&month| previous_monthly.rows.iter().any(|row| !row.is_total && row.label == month_label(month))).collect();
        if !shared.is_empty() {
            relations.push(Relation::of(shared.iter().map(|&month| (started[month], 1))));
            relations.extend((0..OUTCOMES).map(|o| Relation::of(shared.iter().map(|&month| (closed[month][o], 1)))));
        }
    }

    let contributors: Vec<i64> = cells.employees.iter().map(|set| set.len() as i64).collect();
    let hidden = suppression::suppress(&cells.values, &contributors, &relations, &earlier, k);
    let show = |cell: usize| match hidden[cell] {
        Hidden::No => Shown::Count(cells.values[cell]),
        Hidden::FewerThanK => Shown::Suppressed,
        Hidden::ToProtect => Shown::Hidden,
    };

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
            .chain(Outcome::ALL.iter().map(|outcome| format!("Closed: {}", outcome.label().to_lowercase())))
            .chain(["Active at month end".to_owned()])
            .collect(),
        rows: monthly_rows,
    };

    // A group nobody belongs to and no plan counts in is left out: a row of structural zeros
    // would only look like protection.
    let empty_other = other_members == 0 && [group_started[other_group], group_closed[other_group], group_active[other_group]].iter().all(|&cell| cells.values[cell] == 0);
    let mut department_rows: Vec<TableRow> = (0..groups)
        .filter(|&g| !(g == other_group && empty_other))
        .map(|g| TableRow { label: group_names[g].clone(), cells: vec![show(group_started[g]), show(group_closed[g]), show(group_active[g])], is_total: false })
        .collect();
    department_rows.push(TableRow { label: "All departments".into(), cells: vec![show(started_total), show(closed_total), show(active_end[MONTHS - 1])], is_total: true });
    let by_department = Table {
        title: "Plans by department (last 12 months)".into(),
        row_header: "Department".into(),
        columns: vec!["Started".into(), "Closed".into(), "Active at the end".into()],
        rows: department_rows,
    };

    let shown_groups: Vec<usize> = (0..groups).filter(|&g| !(g == other_group && empty_other)).collect();
    let rates = rates_table(facts, managers, &|department| group(department), &group_names, &shown_groups, k, (window_start, window_end));
    Insights { k, first_month: month_label(0), last_month: month_label(MONTHS - 1), tables: vec![monthly, by_department, rates] }
}

/// Adoption and effect measures per department group and overall, over `[start, end)`. Not
/// additive, so each is suppressed on its own when fewer than k distinct employees stand behind
/// it; the share of managers also needs k distinct managers. A total whose column hides any group
/// is hidden too, so it cannot be weighed against the groups shown to recover the hidden one.
fn rates_table(
    facts: &[PlanFact],
    managers: &[(i64, Option<i64>)],
    group: &dyn Fn(Option<i64>) -> usize,
    group_names: &[String],
    shown_groups: &[usize],
    k: i64,
    (start, end): (NaiveDate, NaiveDate),
) -> Table {
    let in_window = |at: Option<DateTime<Utc>>| at.is_some_and(|at| at.date_naive() >= start && at.date_naive() < end);
    let too_few = |people: usize| people > 0 && (people as i64) < k;
    let row = |label: String, member: &dyn Fn(Option<i64>) -> bool| -> TableRow {
        let guard = |employees: &HashSet<i64>, value: Option<Shown>| match value {
            None => Shown::NoData,
            Some(_) if too_few(employees.len()) => Shown::Suppressed,
            Some(value) => value,
        };
        let facts: Vec<&PlanFact> = facts.iter().filter(|fact| member(fact.department_id)).collect();
        let group_managers: HashSet<i64> = managers.iter().filter(|(_, department)| member(*department)).map(|(id, _)| *id).collect();
        // Adoption: managers with reports who opened at least one plan in the period.
        let opened: Vec<&&PlanFact> = facts.iter().filter(|f| in_window(Some(f.created_at)) && f.opened_by.is_some_and(|m| group_managers.contains(&m))).collect();
        let adopters: HashSet<i64> = opened.iter().filter_map(|f| f.opened_by).collect();
        let adoption_people: HashSet<i64> = opened.iter().map(|f| f.employee_id).collect();
        let adoption = match group_managers.len() {
            0 => Shown::NoData,
            managers if too_few(managers) => Shown::Suppressed,
            managers => guard(&adoption_people, Some(Shown::Share(adopters.len() as f64 / managers as f64))),
        };
        // Days from the plan's start to its first small win done.
        let wins: Vec<(&PlanFact, f64)> = facts
            .iter()
            .filter(|f| in_window(f.activated_at) && f.first_win_done.is_some_and(|done| done < end))
            .filter_map(|f| Some((*f, (f.first_win_done? - f.activated_at?.date_naive()).num_days().max(0) as f64)))
            .collect();
        let win_people: HashSet<i64> = wins.iter().map(|(f, _)| f.employee_id).collect();
        let to_win = median(wins.iter().map(|(_, days)| *days).collect()).map(Shown::Days);
        // Task completion across plans active in the period.
        let active_in_period = |f: &PlanFact| f.activated_at.is_some_and(|at| at.date_naive() < end) && f.closed_at.is_none_or(|closed| closed.date_naive() >= start);
        let tasked: Vec<&&PlanFact> = facts.iter().filter(|f| f.tasks_total > 0 && active_in_period(f)).collect();
        let task_people: HashSet<i64> = tasked.iter().map(|f| f.employee_id).collect();
        let (done, total) = tasked.iter().fold((0, 0), |(d, t), f| (d + f.tasks_done, t + f.tasks_total));
        let tasks = (total > 0).then(|| Shown::Share(done as f64 / total as f64));
        // Check-ins held on or before the date the previous one set.
        let scheduled: Vec<&&PlanFact> = facts.iter().filter(|f| f.check_ins_scheduled > 0 && active_in_period(f)).collect();
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
            cells: vec![adoption, guard(&win_people, to_win), guard(&task_people, tasks), guard(&schedule_people, punctual), guard(&duration_people, duration)],
            is_total: false,
        }
    };
    let mut rows: Vec<TableRow> = shown_groups.iter().map(|&index| row(group_names[index].clone(), &|department| group(department) == index)).collect();
    let mut all = row("All departments".into(), &|_| true);
    all.is_total = true;
    for (column, cell) in all.cells.iter_mut().enumerate() {
        if matches!(cell, Shown::Share(_) | Shown::Days(_)) && rows.iter().any(|row| row.cells[column] == Shown::Suppressed) {
            *cell = Shown::Hidden;
        }
    }
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

/// The edition of the statistics for the twelve months completed today: the stored one, or, on
/// the first read after a month is over, one computed now and stored for every later read.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn current(state: &crate::server::AppState) -> Result<Insights, crate::model::AppError> {
    use crate::server::db::insights as stored;
    let k = crate::server::db::settings::privacy_k(&mut state.pool.acquire().await?).await?;
    let today = state.now().date_naive();
    let bounds = month_bounds(today);
    let last_month = bounds[MONTHS - 1].format("%Y-%m").to_string();
    let key = (last_month.clone(), k);
    // Held while computing, so a burst of requests computes once and the rest read the result.
    let mut cache = state.insights_cache.lock().await;
    if let Some((cached_key, insights)) = cache.as_ref()
        && *cached_key == key
    {
        return Ok(insights.clone());
    }
    // Taken only by the request that computes, so the ones waiting for it hold no connection.
    let mut conn = state.pool.acquire().await?;
    let conn = &mut conn;
    let body = match stored::edition(conn, &last_month, k).await? {
        Some(body) => body,
        None => {
            let previous: Option<Insights> = stored::edition_before(conn, &last_month).await?.and_then(|body| serde_json::from_str(&body).ok());
            let since = DateTime::<Utc>::from_naive_utc_and_offset(bounds[0].and_hms_opt(0, 0, 0).expect("midnight"), Utc);
            let facts = stored::plan_facts(conn, since).await?;
            let departments = stored::department_sizes(conn).await?;
            let managers = stored::managers(conn).await?;
            let insights = build(&facts, &departments, &managers, k, today, previous.as_ref());
            let body = serde_json::to_string(&insights).map_err(|error| crate::server::error::internal("insights edition", error))?;
            let mut tx = state.pool.begin_write().await?;
            stored::store_edition(&mut tx, &last_month, k, state.now(), &body).await?;
            // Another instance may have stored its edition first: serve the one stored.
            let kept = stored::edition(&mut tx, &last_month, k).await?.unwrap_or(body);
            tx.commit().await?;
            kept
        }
    };
    let insights: Insights = serde_json::from_str(&body).map_err(|error| crate::server::error::internal("insights edition", error))?;
    *cache = Some((key, insights.clone()));
    Ok(insights)
}

/// The last edition served, with the month and group size it is for. Editions never change, so
/// it stays right until the month or the group size does.
pub type InsightsCache = std::sync::Arc<tokio::sync::Mutex<Option<((String, i64), Insights)>>>;

#[cfg(test)]
mod tests;
