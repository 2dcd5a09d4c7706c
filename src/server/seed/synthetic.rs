//! `rebound demo-seed --employees N --plans P --check-ins C`: a large, realistic synthetic
//! organisation for benchmarks. Reporting lines several levels deep, departments, and plans in
//! every state spread over two years, with tasks, small wins, milestones and check-ins.

use crate::model::*;
use crate::server::auth::password::Hasher;
use crate::server::config::Config;
use crate::server::db::{self, settings};
use crate::server::error::{CliError, failed};
use chrono::Duration;

/// Everyone signs in with the demo password; these accounts are the ones the benchmark uses.
pub const BENCH_ADMIN: &str = "admin@bench.rebound";
pub const BENCH_HR: &str = "hr@bench.rebound";
/// A manager with a large team (50 direct reports).
pub const BENCH_BIG_TEAM_MANAGER: &str = "big.team@bench.rebound";
/// An employee with a long-running plan of many check-ins, managed by the big-team manager.
pub const BENCH_LONG_PLAN_EMPLOYEE: &str = "long.plan@bench.rebound";

struct Random(u64);

impl Random {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound.max(1)
    }
}

/// Writes the synthetic organisation into a fresh database.
pub async fn seed(config: &Config, employees: usize, plans: usize, check_ins: usize) -> Result<(), CliError> {
    if employees < 60 {
        return Err(CliError::from("A synthetic organisation needs at least 60 employees."));
    }
    let started = std::time::Instant::now();
    let pool = db::connect(&config.database_url, &config.pool).await?;
    db::migrate(&pool).await.map_err(failed("cannot migrate"))?;
    let people = db::users::count(&mut pool.acquire().await?).await?;
    if people > 0 {
        return Err(CliError::from(format!("{} is not empty; seed a synthetic organisation into a new database.", config.database_shown())));
    }
    let hash = Hasher::new(1).hash(crate::server::seed::demo::DEMO_PASSWORD.into()).await?;
    let now = crate::server::clock::now();
    let today = now.date_naive();
    let mut random = Random(42);
    let mut tx = pool.begin_write().await?;

    let department_count = (employees / 400).clamp(3, 40);
    let mut departments = Vec::new();
    for index in 0..department_count {
        departments.push(db::departments::insert(&mut tx, now, &format!("Department {:02}", index + 1)).await?);
    }
    // People: index 0 leads; everyone else reports to (index - 1) / 8, giving a tree five or six
    // levels deep. Index 1 is the big-team manager, who also gets 42 extra reports.
    let mut ids: Vec<i64> = Vec::with_capacity(employees);
    for index in 0..employees {
        let email = match index {
            0 => BENCH_ADMIN.to_owned(),
            1 => BENCH_BIG_TEAM_MANAGER.to_owned(),
            2 => BENCH_HR.to_owned(),
            9 => BENCH_LONG_PLAN_EMPLOYEE.to_owned(),
            _ => format!("person{index}@bench.rebound"),
        };
        let id = crate::server::people::insert(
            &mut tx,
            now,
            &db::users::NewPerson {
                email: &email,
                display_name: &format!("Person {index}"),
                password_hash: &hash,
                must_change_password: false,
                is_hr: index == 2,
                is_admin: index == 0,
                department_id: Some(departments[index % department_count]),
                manager_id: None,
            },
        )
        .await?;
        ids.push(id);
    }
    for index in 1..employees {
        let manager = if (employees - 42..employees).contains(&index) { 1 } else { (index - 1) / 8 };
        // Generated lines have no loops by construction, so the checks of a person's change are skipped.
        db::users::set_manager(&mut tx, now, ids[index], Some(ids[manager])).await?;
    }

    // Plans over the last two years; at most one active plan per employee.
    let mut active_for: std::collections::HashSet<usize> = std::collections::HashSet::new();
    // Each plan with the days its check-ins fall in: from its start to its close (or today).
    let mut plan_ids: Vec<(i64, chrono::NaiveDate, chrono::NaiveDate)> = Vec::with_capacity(plans);
    let kinds = crate::playbook::PRESSURE_POINTS.items;
    for plan_index in 0..plans {
        let employee = if plan_index == 0 { 9 } else { 3 + random.below(employees as u64 - 3) as usize };
        let manager = if (employees - 42..employees).contains(&employee) || employee == 9 { 1 } else { (employee - 1) / 8 };
        // The long plan runs weekly check-ins for well over a year.
        let age_days = if plan_index == 0 { 450 } else { random.below(720) as i64 + 1 };
        let event_date = today - Duration::days(age_days + 3);
        let created = now - Duration::days(age_days);
        let fields = crate::model::EventAndDebrief {
            event: PlanEvent { title: format!("Setback {plan_index}"), date: event_date, kind: kinds[plan_index % kinds.len()].id.to_owned(), visibility: Visibility::Public },
            debrief: Debrief {
                what_happened: "A visible setback at work.".into(),
                technical_fix: "One concrete fix.".into(),
                communication_change: "One change in how we communicate.".into(),
                ..Debrief::default()
            },
        };
        let plan_id = db::plans::insert_plan(&mut tx, created, ids[employee], ids[manager], &fields).await?;
        let roll = random.below(100);
        let wants_active = plan_index == 0 || (roll < 25 && age_days < 120);
        let (status, outcome) = if wants_active && active_for.insert(employee) {
            (PlanStatus::Active, None)
        } else if roll >= 95 {
            (PlanStatus::Draft, None)
        } else {
            (PlanStatus::Closed, Some(Outcome::ALL[random.below(4) as usize]))
        };
        let mut last_day = today;
        if status != PlanStatus::Draft {
            let closed = outcome.map(|outcome| {
                let closed_after = (random.below(90) as i64 + 14).min(age_days - 1).max(1);
                (created + Duration::days(closed_after), outcome)
            });
            if let Some((closed_at, _)) = closed {
                last_day = closed_at.date_naive();
            }
            db::plans::set_history(&mut tx, plan_id, created, closed).await?;
        }
        let win = db::plans::insert_small_win(&mut tx, created, plan_id, "A small visible win", created.date_naive() + Duration::days(5)).await?;
        if status != PlanStatus::Draft && random.below(3) > 0 {
            db::plans::complete_small_win(&mut tx, plan_id, win, Recognition::Team, created.date_naive() + Duration::days(random.below(10) as i64 + 1)).await?;
        }
        let tasks: Vec<PlanTask> = (0..(2 + random.below(2)))
            .map(|task| {
                let status = [TaskStatus::Todo, TaskStatus::InProgress, TaskStatus::Done, TaskStatus::Done][random.below(4) as usize];
                let kind = TaskKind::ALL[task as usize % TaskKind::ALL.len()];
                PlanTask {
                    id: 0,
                    kind,
                    title: format!("Task {task}"),
                    colleague: "A colleague".into(),
                    hypothesis: "It helps".into(),
                    risk_level: Some(RiskLevel::Low),
                    result: String::new(),
                    due_date: Some(event_date + Duration::days(20)),
                    status,
                }
            })
            .collect();
        db::plans::insert_tasks(&mut tx, created, plan_id, &tasks).await?;
        db::plans::insert_milestone(&mut tx, created, plan_id, "An incremental milestone", event_date + Duration::days(30)).await?;
        plan_ids.push((plan_id, created.date_naive(), last_day));
    }
    // Check-ins: sixty on the long plan, the rest spread over the others: weekly from each start,
    // closer together when a plan's life is too short for that many weeks.
    let mut per_plan = vec![0usize; plan_ids.len()];
    per_plan[0] = 60.min(check_ins);
    for _ in per_plan[0]..check_ins {
        per_plan[random.below(plan_ids.len() as u64) as usize] += 1;
    }
    for ((plan_id, start, last_day), count) in plan_ids.iter().zip(per_plan) {
        let mut confidence = 1 + random.below(3) as u8;
        if count == 0 {
            continue;
        }
        let span_days = (*last_day - *start).num_days().max(1);
        let step_days = (span_days as f64 / (count + 1) as f64).min(7.0);
        let plan_check_ins: Vec<CheckIn> = (0..count)
            .map(|index| {
                let held_on = *start + Duration::days(((index + 1) as f64 * step_days) as i64);
                confidence = (confidence + u8::from(random.below(3) == 0)).min(5);
                CheckIn {
                    id: 0,
                    held_on,
                    self_confidence: Some(confidence),
                    observed_readiness: Some(confidence.saturating_sub(u8::from(random.below(2) == 0)).max(1)),
                    signs: vec![],
                    shared_summary: "Steady progress.".into(),
                    private_note: String::new(),
                    next_check_in: Some(held_on + Duration::days(7 + random.below(3) as i64 - 1)),
                    employee_reflection: String::new(),
                }
            })
            .collect();
        db::plans::insert_check_ins(&mut tx, now, *plan_id, &plan_check_ins).await?;
    }
    // Two years of history must survive the retention job, which runs as the server starts.
    settings::set(&mut tx, settings::RETENTION_DAYS, "1000").await?;
    settings::set(&mut tx, settings::DEMO_DATA, "1").await?;
    settings::set(&mut tx, settings::ORGANISATION_NAME, "Synthetic Benchmark Org").await?;
    tx.commit().await?;
    pool.close().await;
    println!(
        "Synthetic organisation: {employees} employees in {department_count} departments, {plans} plans, {check_ins} check-ins, written in {:.1} s to {}.",
        started.elapsed().as_secs_f64(),
        config.database_url
    );
    println!("Sign in as {BENCH_BIG_TEAM_MANAGER}, {BENCH_LONG_PLAN_EMPLOYEE}, {BENCH_HR} or {BENCH_ADMIN} with the password {}.", crate::server::seed::demo::DEMO_PASSWORD);
    Ok(())
}
