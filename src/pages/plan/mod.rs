//! `/plans/{id}` (view and work a plan) and `/plans/new` (open one). The same page serves the
//! manager (everything) and the employee (shared parts, their own forms); the server decides
//! which parts exist in the data at all.

mod check_ins;
mod debrief;
mod editing;
pub mod fields;
mod form;
mod goals;
mod guidance;
mod header;
mod milestones;
pub mod new;
mod notes;
mod section;
mod small_win;
mod status;
mod support;
mod tasks;
mod timeline;

use crate::api::plans::{
    AddGoal, AddMilestone, AddPrivateNote, AddSelfAssessment, AddSmallWin, AddTask, ChangePlanStatus, CompleteSmallWin, EditGoal, EditMilestone, EditTask, FlagSupport, KeepPlan,
    RecordCheckIn, RemovePlanItem, SaveDebrief, SetMilestoneReached, UpdateTask, get_plan,
};
use crate::components::chart::ProgressChart;
use crate::components::loaded::Loaded;
use crate::model::{PlanStatus, PlanView, Viewpoint};
use check_ins::CheckIns;
use debrief::DebriefSection;
use goals::Goals;
use header::{PlanHeader, SectionNav};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use milestones::Milestones;
use notes::PrivateNotes;
use small_win::SmallWins;
use status::{ClosePlan, Lifecycle, Retention};
use std::sync::Arc;
use support::Support;
use tasks::Tasks;
use timeline::Timeline;

/// Every action the plan page can take; any of them finishing reloads the plan.
#[derive(Clone, Copy)]
pub(super) struct PlanActions {
    pub(super) debrief: ServerAction<SaveDebrief>,
    pub(super) status: ServerAction<ChangePlanStatus>,
    pub(super) small_win: ServerAction<AddSmallWin>,
    pub(super) win_done: ServerAction<CompleteSmallWin>,
    pub(super) task: ServerAction<AddTask>,
    pub(super) task_progress: ServerAction<UpdateTask>,
    pub(super) task_edit: ServerAction<EditTask>,
    pub(super) milestone: ServerAction<AddMilestone>,
    pub(super) milestone_reached: ServerAction<SetMilestoneReached>,
    pub(super) milestone_edit: ServerAction<EditMilestone>,
    pub(super) goal: ServerAction<AddGoal>,
    pub(super) goal_edit: ServerAction<EditGoal>,
    pub(super) remove: ServerAction<RemovePlanItem>,
    pub(super) check_in: ServerAction<RecordCheckIn>,
    pub(super) self_assessment: ServerAction<AddSelfAssessment>,
    pub(super) note: ServerAction<AddPrivateNote>,
    pub(super) support: ServerAction<FlagSupport>,
    pub(super) keep: ServerAction<KeepPlan>,
}

impl PlanActions {
    fn new() -> Self {
        Self {
            debrief: ServerAction::new(),
            status: ServerAction::new(),
            small_win: ServerAction::new(),
            win_done: ServerAction::new(),
            task: ServerAction::new(),
            task_progress: ServerAction::new(),
            task_edit: ServerAction::new(),
            milestone: ServerAction::new(),
            milestone_reached: ServerAction::new(),
            milestone_edit: ServerAction::new(),
            goal: ServerAction::new(),
            goal_edit: ServerAction::new(),
            remove: ServerAction::new(),
            check_in: ServerAction::new(),
            self_assessment: ServerAction::new(),
            note: ServerAction::new(),
            support: ServerAction::new(),
            keep: ServerAction::new(),
        }
    }
}

/// The plan page.
#[component]
pub fn PlanPage() -> impl IntoView {
    // "all" lists the whole history; the server refuses any other word with a message.
    let history = use_query_map().with_untracked(|query| query.get("history"));
    let params = use_params_map();
    let plan_id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0);
    let actions = PlanActions::new();
    let plan = Resource::new(plan_id, move |id| get_plan(id, history.clone()));
    view! {
        <Title text="Recovery plan" />
        <Loaded data=plan error_heading="Recovery plan" show=move |plan| view! { <Plan plan actions /> } />
    }
}

#[component]
fn Plan(plan: PlanView, actions: PlanActions) -> impl IntoView {
    // Each section gets the same plan; sharing it saves a deep copy of every check-in, task and
    // timeline entry per section.
    let plan = Arc::new(plan);
    let manager = plan.viewpoint == Viewpoint::Manager;
    let closed = plan.status == PlanStatus::Closed;
    let can_manage = manager && !closed;
    let can_work = !closed && (manager || plan.status == PlanStatus::Active);
    let heading = if manager { format!("{}: {}", plan.employee_name, plan.event.title) } else { format!("My plan: {}", plan.event.title) };
    view! {
        <h1>{heading}</h1>
        <p class="lead">
            <span class=format!("badge {}", plan.status.as_str())>{plan.status.label()}</span>
            {plan.outcome.map(|outcome| format!(" · {}", outcome.label()))}
            {format!(" · readable only by {} and {}", plan.employee_name, plan.manager_name.clone().unwrap_or_else(|| "their manager".into()))}
        </p>
        {(manager && plan.status == PlanStatus::Draft).then(|| view! {
            <p class="notice" role="status">"This is a draft: only you can see it. Activate it to share it with " {plan.employee_name.clone()} "."</p>
        })}
        {closed.then(|| view! { <p class="notice" role="status">"This plan is closed and read-only."</p> })}
        <Retention plan=plan.clone() action=actions.keep />
        {(manager && plan.status != PlanStatus::Active).then(|| view! { <Lifecycle plan=plan.clone() action=actions.status /> })}
        <div class="plan-layout">
            <SectionNav plan=plan.clone() />
            <div class="plan-sections">
                // Each section's view type is erased: nested as one type, the page's view is too
                // deep for the compiler to lay out in a release build of the browser bundle.
                {[
                    view! { <PlanHeader plan=plan.clone() /> }.into_any(),
                    manager.then(|| view! { <Support plan=plan.clone() can_manage action=actions.support /> }).into_any(),
                    view! {
                        <section class="card" aria-labelledby="progress-heading">
                            <h2 id="progress-heading">"Progress over time"</h2>
                            <ProgressChart ratings=plan.ratings.clone() small_wins=plan.small_wins.clone() milestones=plan.milestones.clone() />
                        </section>
                    }.into_any(),
                    view! { <DebriefSection plan=plan.clone() editable=can_manage action=actions.debrief /> }.into_any(),
                    view! { <SmallWins plan=plan.clone() can_manage actions /> }.into_any(),
                    view! { <Tasks plan=plan.clone() can_manage can_work actions /> }.into_any(),
                    view! { <Milestones plan=plan.clone() can_manage actions /> }.into_any(),
                    view! { <Goals plan=plan.clone() can_manage actions /> }.into_any(),
                    view! { <CheckIns plan=plan.clone() can_manage actions /> }.into_any(),
                    manager.then(|| view! { <PrivateNotes plan=plan.clone() can_manage action=actions.note /> }).into_any(),
                    view! { <Timeline plan_id=plan.id entries=plan.timeline.clone() total=plan.timeline_total /> }.into_any(),
                    (manager && !closed).then(|| view! { <ClosePlan plan=plan.clone() action=actions.status /> }).into_any(),
                ]}
            </div>
        </div>
    }
}
