//! `/plans/new?employee=ID[&template=PRESSURE_POINT]`: open a draft plan for a direct report,
//! optionally starting from a template that suggests a small win, tasks and milestones.

use super::fields::EventAndDebriefFields;
use crate::api::plans::{CreatePlan, load_plan_candidate};
use crate::components::feedback::{ActionError, kept, refusal};
use crate::components::hints::Hints;
use crate::components::loaded::Loaded;
use crate::model::{SMALL_WIN_DEFAULT_WORKING_DAYS, TaskKind};
use crate::playbook::templates::{Template, template_for};
use crate::playbook::{PRESSURE_POINTS, PlanPart};
use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Where the new-plan form posts.
const CREATE: &str = "/api/plans/create";

/// A suggested row's field as typed before a refusal, else the template's suggestion.
fn typed(name: String, suggested: String) -> String {
    kept(CREATE, &name).unwrap_or(suggested)
}

/// The new-plan form.
#[component]
pub fn NewPlanPage() -> impl IntoView {
    let query = use_query_map();
    let employee_id = move || query.read().get("employee").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0);
    let template = move || query.read().get("template").and_then(|id| template_for(&id));
    let create = ServerAction::<CreatePlan>::new();
    let candidate = Resource::new(employee_id, load_plan_candidate);
    view! {
        <Title text="New recovery plan" />
        <Loaded data=candidate error_heading="New recovery plan" show=move |candidate| {
            let today = candidate.today;
            let template = template();
            let employee = employee_id();
            view! {
                <h1>"New recovery plan for " {candidate.name}</h1>
                <p class="lead">
                    "The plan starts as a draft that only you can see. Share it with them when you have talked it through."
                </p>
                <TemplatePicker employee chosen=template.map(|t| t.pressure_point) />
                <ActionError result=create.value() />
                <ActionForm action=create attr:class="stack card">
                    <input type="hidden" name="employee_id" value=employee.to_string() />
                    <EventAndDebriefFields event=None debrief=None today=today.to_string() preset_kind=template.map(|t| t.pressure_point).unwrap_or("other") action=CREATE refusal=refusal(create.value()) />
                    <Hints part=PlanPart::Debrief moves=crate::playbook::moves_for(PlanPart::Debrief) />
                    {template.map(|template| view! { <TemplateFields template today /> })}
                    <button type="submit" class="primary">"Create draft plan"</button>
                </ActionForm>
            }
        } />
    }
}

/// Links that restart the form from a pressure point's template.
#[component]
fn TemplatePicker(employee: i64, chosen: Option<&'static str>) -> impl IntoView {
    view! {
        <nav class="card templates" aria-label="Start from a template">
            <p><strong>"Start from a template"</strong> " — suggested first steps for the kind of setback, all editable before saving:"</p>
            <ul class="chips">
                {PRESSURE_POINTS.items.iter().map(|point| {
                    let current = chosen == Some(point.id);
                    view! {
                        <li>
                            <a href=format!("/plans/new?employee={employee}&template={}", point.id) aria-current=current.then_some("true") class:current=current>{point.title}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// The template's suggestions as ordinary, editable fields (clear a title to leave a row out).
#[component]
fn TemplateFields(template: &'static Template, today: NaiveDate) -> impl IntoView {
    let in_days = move |days: u32| (today + Duration::days(i64::from(days))).to_string();
    view! {
        <fieldset>
            <legend>"Suggested first steps (edit or clear any of them)"</legend>
            <label for="starter-win">{format!("Small win, due in {SMALL_WIN_DEFAULT_WORKING_DAYS} working days")}</label>
            <input id="starter-win" name="small_win" type="text" value=typed("small_win".into(), template.small_win.into()) />
            {template.tasks.iter().enumerate().map(|(index, task)| {
                let kind = task.kind.label();
                // Every row sends every list, so the lists stay aligned; the fields a kind does not
                // use go as empty hidden values.
                let paired = task.kind == TaskKind::PairedWork;
                let experiment = task.kind == TaskKind::MicroExperiment;
                view! {
                    <input type="hidden" name=format!("task_kinds[{index}]") value=task.kind.as_str() />
                    <label for=format!("starter-task-{index}")>{format!("{kind} task")}</label>
                    <input id=format!("starter-task-{index}") name=format!("task_titles[{index}]") type="text" value=typed(format!("task_titles[{index}]"), task.title.into()) />
                    <label for=format!("starter-task-due-{index}")>"Due"</label>
                    <input id=format!("starter-task-due-{index}") name=format!("task_due[{index}]") type="date" value=typed(format!("task_due[{index}]"), in_days(task.due_in_days)) />
                    {if paired {
                        view! {
                            <label for=format!("starter-task-colleague-{index}")>"Colleague to pair with"</label>
                            <input id=format!("starter-task-colleague-{index}") name=format!("task_colleagues[{index}]") type="text" value=typed(format!("task_colleagues[{index}]"), String::new()) />
                        }.into_any()
                    } else {
                        view! { <input type="hidden" name=format!("task_colleagues[{index}]") value="" /> }.into_any()
                    }}
                    {if experiment {
                        view! {
                            <label for=format!("starter-task-hypothesis-{index}")>"What the experiment tests"</label>
                            <input id=format!("starter-task-hypothesis-{index}") name=format!("task_hypotheses[{index}]") type="text" value=typed(format!("task_hypotheses[{index}]"), task.hypothesis.into()) />
                            <label for=format!("starter-task-risk-{index}")>"Risk"</label>
                            <select id=format!("starter-task-risk-{index}") name=format!("task_risks[{index}]")>
                                {
                                    let risk = typed(format!("task_risks[{index}]"), "low".into());
                                    [("low", "Low"), ("medium", "Medium"), ("high", "High")]
                                        .map(|(value, label)| view! { <option value=value selected=risk == value>{label}</option> })
                                        .collect_view()
                                }
                            </select>
                        }.into_any()
                    } else {
                        view! {
                            <input type="hidden" name=format!("task_hypotheses[{index}]") value="" />
                            <input type="hidden" name=format!("task_risks[{index}]") value="" />
                        }.into_any()
                    }}
                }
            }).collect_view()}
            {template.milestones.iter().enumerate().map(|(index, milestone)| view! {
                <label for=format!("starter-milestone-{index}")>"Milestone"</label>
                <input id=format!("starter-milestone-{index}") name=format!("milestone_titles[{index}]") type="text" value=typed(format!("milestone_titles[{index}]"), milestone.title.into()) />
                <label for=format!("starter-milestone-date-{index}")>"Target date"</label>
                <input id=format!("starter-milestone-date-{index}") name=format!("milestone_dates[{index}]") type="date" value=typed(format!("milestone_dates[{index}]"), in_days(milestone.target_in_days)) />
            }).collect_view()}
        </fieldset>
    }
}
