//! `/team`: a manager's current direct reports and where each one's plan stands.

use crate::api::plans::load_team;
use crate::components::chart::Sparkline;
use crate::components::format::day;
use crate::components::loaded::Loaded;
use crate::model::{PlanStatus, PlanSummary, TeamMember, TeamOverview};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;

/// The manager's team.
#[component]
pub fn TeamPage() -> impl IntoView {
    let team = Resource::new(|| (), |_| load_team());
    view! {
        <Title text="My team" />
        <h1>"My team"</h1>
        <p class="lead">"Recovery plans are private: only you and the person concerned can ever read theirs."</p>
        <Loaded data=team show=|overview: TeamOverview| {
                    if overview.members.is_empty() {
                        view! { <p>"Nobody reports to you right now."</p> }.into_any()
                    } else {
                        let today = overview.today;
                        let people = overview.members;
                        view! {
                            <table class="data team">
                                <caption class="visually-hidden">"Your direct reports and their recovery plans"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Person"</th><th scope="col">"Plan"</th><th scope="col">"Next check-in"</th>
                                        <th scope="col">"Small win"</th><th scope="col">"Tasks"</th><th scope="col">"Confidence"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {people.into_iter().map(|member| view! { <MemberRow member today /> }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }
        } />
    }
}

#[component]
fn MemberRow(member: TeamMember, today: NaiveDate) -> impl IntoView {
    let start_link = format!("/plans/new?employee={}", member.person_id);
    let can_start = member.plan.as_ref().is_none_or(|plan| plan.status == PlanStatus::Closed);
    let department = member.department.clone().unwrap_or_default();
    view! {
        <tr>
            <th scope="row">{member.name.clone()}<span class="muted small">{(!department.is_empty()).then(|| format!(" · {department}"))}</span></th>
            {match member.plan {
                None => view! {
                    <td colspan="5" data-label="Plan"><span class="muted">"No plan. "</span><a href=start_link>"Start a recovery plan"</a></td>
                }.into_any(),
                Some(plan) => view! { <PlanCells plan today start_link=can_start.then_some(start_link) /> }.into_any(),
            }}
        </tr>
    }
}

#[component]
fn PlanCells(plan: PlanSummary, today: NaiveDate, start_link: Option<String>) -> impl IntoView {
    let check_in_overdue = plan.status == PlanStatus::Active && plan.next_check_in.is_some_and(|next| next < today);
    let win_overdue = plan.open_win_due.is_some_and(|due| due < today);
    view! {
        <td data-label="Plan">
            <a href=format!("/plans/{}", plan.id)>{plan.event_title.clone()}</a>
            <span class=format!("badge {}", plan.status.as_str())>{plan.status.label()}</span>
            {start_link.map(|link| view! { <br /><a href=link class="small">"Start a new plan"</a> })}
        </td>
        <td data-label="Next check-in" class:overdue=check_in_overdue>
            {match plan.next_check_in {
                Some(next) if check_in_overdue => format!("{} (overdue)", day(next)),
                Some(next) => day(next),
                None => "—".to_owned(),
            }}
        </td>
        <td data-label="Small win" class:overdue=win_overdue>
            {match (plan.open_win_title, plan.open_win_due) {
                (Some(title), Some(due)) => format!("{title}, due {}{}", day(due), if win_overdue { " (overdue)" } else { "" }),
                _ => "—".to_owned(),
            }}
        </td>
        <td data-label="Tasks">{if plan.tasks_total == 0 { "—".to_owned() } else { format!("{} of {} done", plan.tasks_done, plan.tasks_total) }}</td>
        <td data-label="Confidence"><Sparkline values=plan.confidence /></td>
    }
}
