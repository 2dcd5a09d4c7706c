//! Reading plans: one plan as its viewer may see it (recorded in the access log), the manager's
//! team, the employee's own plans with who can read them and who has.

use crate::model::{ACCESS_LOG_ON_PAGE, AppError, History, LanguageNote, MyPlans, PlanCandidate, PlanView, TeamOverview, Viewer, Viewpoint};
use crate::server::AppState;
use crate::server::db;
use crate::server::plans::access::{Intent, PlanRole, authorise, not_found};
use crate::server::plans::lifecycle::direct_report;

/// A plan, as `viewer_id` may see it, with the guidance a manager sees beside it. The read is
/// recorded before the plan is returned.
#[tracing::instrument(skip(state))]
pub async fn read(state: &AppState, viewer_id: i64, plan_id: i64, history: History) -> Result<PlanView, AppError> {
    // The access check and the plan share one connection (see `db::plans::load_plan`).
    let mut conn = state.pool.acquire().await?;
    let facts = db::plans::access_facts(&mut conn, plan_id).await?.ok_or_else(not_found)?;
    let role = authorise(viewer_id, &facts, Intent::Read)?;
    let viewpoint = if role == PlanRole::Manager { Viewpoint::Manager } else { Viewpoint::Employee };
    let mut plan = db::plans::load_plan(&mut conn, plan_id, viewpoint, state.now().date_naive(), history).await?.ok_or_else(not_found)?;
    drop(conn);
    let settings = state.settings.get(&state.pool).await?;
    if let (Some(closed), false) = (plan.closed_at, plan.keep_after_close) {
        plan.erase_on = Some((closed + chrono::Duration::days(settings.retention_days)).date_naive());
    }
    if viewpoint == Viewpoint::Manager {
        plan.language_notes = language_notes(&plan);
        if plan.needs_support() {
            plan.support = Some(settings.support.clone());
        }
    }
    state.plan_reads.record(state.now(), viewer_id, plan_id).await?;
    Ok(plan)
}

/// Judging words in the plan's debrief and shared check-in summaries, with suggestions.
fn language_notes(plan: &PlanView) -> Vec<LanguageNote> {
    let debrief = [
        ("What happened", &plan.debrief.what_happened),
        ("What is known", &plan.debrief.what_is_known),
        ("Open questions", &plan.debrief.open_questions),
        ("Technical fix", &plan.debrief.technical_fix),
        ("Communication change", &plan.debrief.communication_change),
    ]
    .into_iter()
    .map(|(field, text)| (field.to_owned(), text.as_str()));
    let summaries = plan.check_ins.iter().map(|c| (format!("Check-in of {} summary", c.held_on.format(crate::model::DAY_FORMAT)), c.shared_summary.as_str()));
    debrief
        .chain(summaries)
        .flat_map(|(field, text)| {
            crate::playbook::language::check(text).into_iter().map(move |finding| LanguageNote {
                field: field.clone(),
                phrase: finding.phrase,
                suggestion: finding.suggestion.to_owned(),
            })
        })
        .collect()
}

/// The manager's direct reports with their current plan.
#[tracing::instrument(skip(state))]
pub async fn team(state: &AppState, manager_id: i64) -> Result<TeamOverview, AppError> {
    let members = db::plans::team(&mut state.pool.acquire().await?, manager_id).await?;
    Ok(TeamOverview { today: state.now().date_naive(), members })
}

/// The name of a direct report the manager may open a plan for.
#[tracing::instrument(skip(state))]
pub async fn candidate(state: &AppState, manager_id: i64, employee_id: i64) -> Result<PlanCandidate, AppError> {
    let person = direct_report(&mut state.pool.acquire().await?, manager_id, employee_id).await?;
    Ok(PlanCandidate { name: person.display_name, today: state.now().date_naive() })
}

/// The viewer's own active and closed plans, who can read them, and who has.
#[tracing::instrument(skip_all, fields(viewer = viewer.id))]
pub async fn own_plans(state: &AppState, viewer: &Viewer) -> Result<MyPlans, AppError> {
    let mut conn = state.pool.acquire().await?;
    let plans = db::plans::own_plan_summaries(&mut conn, viewer.id).await?;
    let me = db::users::summary(&mut conn, viewer.id).await?.ok_or(AppError::Unauthenticated)?;
    let mut readers = vec![format!("{} (you)", viewer.display_name)];
    if let Some(manager) = me.manager_name {
        readers.push(format!("{manager} (your current manager)"));
    }
    let access_log = db::plans::access_log(&mut conn, viewer.id, ACCESS_LOG_ON_PAGE).await?;
    Ok(MyPlans { plans, readers, access_log })
}
