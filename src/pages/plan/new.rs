//! `/plans/new?employee=ID[&template=PRESSURE_POINT]`: open a draft plan for a direct report,
//! optionally starting from a template that suggests a small win, tasks and milestones.

use super::fields::EventAndDebriefFields;
use crate::api::plans::{CreatePlan, load_plan_candidate};
use crate::components::feedback::{ActionError, ProblemText, described_by, invalid, kept, problem_with, refusal};
use crate::components::field::Field;
use crate::components::hints::Hints;
use crate::components::loaded::Loaded;
use crate::components::post_form::PostForm;
use crate::model::{AppError, SMALL_WIN_DEFAULT_WORKING_DAYS, TaskKind};
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
                <PostForm action=create class="stack card">
                    <input type="hidden" name="employee_id" value=employee.to_string() />
                    <EventAndDebriefFields event=None debrief=None today=today.to_string() preset_kind=template.map(|t| t.pressure_point).unwrap_or("other") action=CREATE refusal=refusal(create.value()) />
                    <Hints part=PlanPart::Debrief moves=crate::playbook::moves_for(PlanPart::Debrief) />
                    {template.map(|template| view! { <TemplateFields template today refusal=refusal(create.value()) /> })}
                    <button type="submit" class="primary">"Create draft plan"</button>
                </PostForm>
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

/// The template's suggestions as ordinary, editable fields (clear a title to leave a row out). A
/// refused row shows its message beside its own field.
#[component]
fn TemplateFields(template: &'static Template, today: NaiveDate, refusal: Option<AppError>) -> impl IntoView {
    let in_days = move |days: u32| (today + Duration::days(i64::from(days))).to_string();
    view! {
        <fieldset>
            <legend>"Suggested first steps (edit or clear any of them)"</legend>
            <Field id="starter-win" name="small_win" label=format!("Small win, due in {SMALL_WIN_DEFAULT_WORKING_DAYS} working days") value=typed("small_win".into(), template.small_win.into()) refusal=refusal.clone() />
            {template.tasks.iter().enumerate().map(|(index, task)| {
                let kind = task.kind.label();
                // Every row sends every list, so the lists stay aligned; the fields a kind does not
                // use go as empty hidden values.
                let paired = task.kind == TaskKind::PairedWork;
                let experiment = task.kind == TaskKind::MicroExperiment;
                let name = |list: &str| format!("{list}[{index}]");
                view! {
                    <input type="hidden" name=name("task_kinds") value=task.kind.as_str() />
                    <Field id=format!("starter-task-{index}") name=name("task_titles") label=format!("{kind} task") value=typed(name("task_titles"), task.title.into()) refusal=refusal.clone() />
                    <Field id=format!("starter-task-due-{index}") name=name("task_due") kind="date" label="Due" value=typed(name("task_due"), in_days(task.due_in_days)) refusal=refusal.clone() />
                    {if paired {
                        view! {
                            <Field id=format!("starter-task-colleague-{index}") name=name("task_colleagues") label="Colleague to pair with" value=typed(name("task_colleagues"), String::new()) refusal=refusal.clone() />
                        }.into_any()
                    } else {
                        view! { <input type="hidden" name=name("task_colleagues") value="" /> }.into_any()
                    }}
                    {if experiment {
                        let risk = typed(name("task_risks"), "low".into());
                        let risk_problem = problem_with(&refusal, &format!("starter-task-risk-{index}"), &name("task_risks"));
                        view! {
                            <Field id=format!("starter-task-hypothesis-{index}") name=name("task_hypotheses") label="What the experiment tests" value=typed(name("task_hypotheses"), task.hypothesis.into()) refusal=refusal.clone() />
                            <label for=format!("starter-task-risk-{index}")>"Risk"</label>
                            <select id=format!("starter-task-risk-{index}") name=name("task_risks") aria-invalid=invalid(&risk_problem) aria-describedby=described_by(&risk_problem) autofocus=risk_problem.is_some()>
                                {[("low", "Low"), ("medium", "Medium"), ("high", "High")]
                                    .map(|(value, label)| view! { <option value=value selected=risk == value>{label}</option> })
                                    .collect_view()}
                            </select>
                            <ProblemText problem=risk_problem />
                        }.into_any()
                    } else {
                        view! {
                            <input type="hidden" name=name("task_hypotheses") value="" />
                            <input type="hidden" name=name("task_risks") value="" />
                        }.into_any()
                    }}
                }
            }).collect_view()}
            {template.milestones.iter().enumerate().map(|(index, milestone)| {
                let name = |list: &str| format!("{list}[{index}]");
                view! {
                    <Field id=format!("starter-milestone-{index}") name=name("milestone_titles") label="Milestone" value=typed(name("milestone_titles"), milestone.title.into()) refusal=refusal.clone() />
                    <Field id=format!("starter-milestone-date-{index}") name=name("milestone_dates") kind="date" label="Target date" value=typed(name("milestone_dates"), in_days(milestone.target_in_days)) refusal=refusal.clone() />
                }
            }).collect_view()}
        </fieldset>
    }
}
