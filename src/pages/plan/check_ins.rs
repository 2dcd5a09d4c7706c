//! One-on-one check-ins: the manager records observed readiness, the employee rates their own
//! confidence, before or after the meeting.

use super::PlanActions;
use super::debrief::LanguageNotes;
use super::form::PlanForm;
use super::guidance::SectionHints;
use super::timeline::HistoryLink;
use crate::components::feedback::{FieldProblem, ProblemText, SavedNotice, kept, kept_choice, problem_with, refusal, refused, refused_item};
use crate::components::field::{Field, TextField};
use crate::components::format::day;
use crate::components::hints::SignSuggestions;
use crate::components::wording::WordingCheckedText;
use crate::model::{LanguageNote, PlanStatus, PlanView, RECENT_CHECK_INS, Viewpoint, rating_label};
use crate::playbook::PlanPart;
use leptos::prelude::*;
use std::sync::Arc;

const CHECK_IN: &str = "/api/plans/check_in";
const SELF: &str = "/api/plans/self_assessment";

#[component]
pub(super) fn CheckIns(plan: Arc<PlanView>, can_manage: bool, actions: PlanActions) -> impl IntoView {
    let manager = plan.viewpoint == Viewpoint::Manager;
    let employee_can_add = !manager && plan.status == PlanStatus::Active;
    let plan_id = plan.id;
    let today = plan.today;
    let next = plan.next_check_in;
    let plan_status = plan.status;
    let upcoming_for_manager = plan.upcoming_self_assessment.clone();
    let employee_first = plan.employee_name.split_whitespace().next().unwrap_or("They").to_owned();
    let check_in_refusal = refusal(actions.check_in.value());
    view! {
        <section class="card" aria-labelledby="checkins-heading">
            <h2 id="checkins-heading">"One-on-one check-ins"</h2>
            <SavedNotice anchor="checkins-heading" />
            <SectionHints plan=plan.clone() part=PlanPart::CheckIns />
            {manager.then(|| {
                let latest_signs = plan.check_ins.iter().rev().find(|c| !c.signs.is_empty()).map(|c| c.signs.clone()).unwrap_or_default();
                let notes: Vec<LanguageNote> = plan.language_notes.iter().filter(|note| note.field.starts_with("Check-in")).cloned().collect();
                view! {
                    <SignSuggestions signs=latest_signs back_to=format!("/plans/{plan_id}") />
                    <LanguageNotes notes />
                }
            })}
            {next.map(|next| view! {
                <p class:overdue=next < today>
                    {format!("Next check-in: {}", day(next))}{(next < today).then_some(" (overdue)")}
                    {(plan_status == PlanStatus::Active).then(|| view! {
                        " · " <a href=format!("/plans/{plan_id}/check-in.ics") download="check-in.ics" rel="external">"Add to my calendar"</a>
                    })}
                </p>
            })}
            {plan.check_ins.is_empty().then(|| view! { <p class="muted">"No check-ins yet."</p> })}
            <ol class="plain check-ins">
                {plan.check_ins.clone().into_iter().rev().map(move |check_in| {
                    let signs: Vec<&str> = check_in.signs.iter().filter_map(|id| crate::playbook::sign(id).map(|sign| sign.title)).collect();
                    view! {
                        <li>
                            <h3>{day(check_in.held_on)}</h3>
                            <p>{format!("Confidence (self): {} · Readiness (observed): {}", rating_label(check_in.self_confidence), rating_label(check_in.observed_readiness))}</p>
                            {(!check_in.shared_summary.is_empty()).then(|| view! { <p class="prose">"Summary: " {check_in.shared_summary.clone()}</p> })}
                            {(!check_in.employee_reflection.is_empty()).then(|| view! { <p class="prose">"Reflection: " {check_in.employee_reflection.clone()}</p> })}
                            {(manager && !signs.is_empty()).then(|| view! { <p>"Signs observed: " {signs.join(", ")}</p> })}
                            {(manager && !check_in.private_note.is_empty()).then(|| view! {
                                <p class="private prose"><span class="badge private">"Only you"</span> " " {check_in.private_note.clone()}</p>
                            })}
                            {employee_can_add.then(|| {
                                let here = refused_item(SELF, "check_in_id", check_in.id) && refused(actions.self_assessment.value());
                                let rating = if here { kept(SELF, "self_confidence").and_then(|r| r.parse().ok()) } else { check_in.self_confidence };
                                let reflection = if here { kept(SELF, "reflection").unwrap_or_default() } else { check_in.employee_reflection.clone() };
                                view! {
                                    <details open=here>
                                        <summary>"Add my rating and reflection"</summary>
                                        <PlanForm action=actions.self_assessment plan_id shows_error=here>
                                            <input type="hidden" name="check_in_id" value=check_in.id.to_string() />
                                            <RatingField name="self_confidence" label="My confidence (1 low, 5 high)" id=format!("self-{}", check_in.id) selected=rating />
                                            <TextField id=format!("reflection-{}", check_in.id) name="reflection" label="My reflection" value=reflection refusal=here.then(|| refusal(actions.self_assessment.value())).flatten() />
                                            <button type="submit">"Save"</button>
                                        </PlanForm>
                                    </details>
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <HistoryLink plan_id listed=plan.check_ins.len() total=plan.ratings.len() recent=RECENT_CHECK_INS noun="check-ins" anchor="checkins-heading" />
            {employee_can_add.then(|| {
                let upcoming = plan.upcoming_self_assessment.clone();
                let here = kept(SELF, "check_in_id").as_deref() == Some("") && refused(actions.self_assessment.value());
                let (rating, reflection) = if here {
                    (kept(SELF, "self_confidence").and_then(|r| r.parse().ok()), kept(SELF, "reflection").unwrap_or_default())
                } else {
                    upcoming.as_ref().map(|u| (u.self_confidence, u.reflection.clone())).unwrap_or_default()
                };
                view! {
                    {upcoming.as_ref().map(|u| view! {
                        <p>{format!("Your rating for the next one-on-one: {} (given {}). It is saved with that check-in when your manager records it.", rating_label(u.self_confidence), day(u.rated_at.date_naive()))}</p>
                    })}
                    <details open=here>
                        <summary>"Before our next one-on-one: how confident do I feel?"</summary>
                        <PlanForm action=actions.self_assessment plan_id shows_error=here>
                            <input type="hidden" name="check_in_id" value="" />
                            <RatingField name="self_confidence" label="My confidence (1 low, 5 high)" id="self-new".to_owned() selected=rating />
                            <TextField id="reflection-new" name="reflection" label="My reflection" value=reflection refusal=here.then(|| refusal(actions.self_assessment.value())).flatten() />
                            <button type="submit" class="primary">"Save my rating"</button>
                        </PlanForm>
                    </details>
                }
            })}
            {can_manage.then(|| view! {
                <details open=refused(actions.check_in.value())>
                    <summary>"Record a check-in"</summary>
                    <PlanForm action=actions.check_in plan_id>
                        <Field id="checkin-date" name="held_on" kind="date" label="Held on" required=true max=today.to_string() value=kept(CHECK_IN, "held_on").unwrap_or_else(|| today.to_string()) refusal=check_in_refusal.clone() />
                        {match &upcoming_for_manager {
                            Some(upcoming) => view! {
                                <p>{format!("{employee_first} rated their own confidence {} before this one-on-one ({}); it is saved with this check-in.", rating_label(upcoming.self_confidence), day(upcoming.rated_at.date_naive()))}</p>
                            }.into_any(),
                            None => view! {
                                <p class="hint">{format!("{employee_first} rates their own confidence on the plan, before or after the meeting.")}</p>
                            }.into_any(),
                        }}
                        <RatingField name="observed_readiness" label="Readiness you observed" id="checkin-readiness".to_owned() selected=kept(CHECK_IN, "observed_readiness").and_then(|rating| rating.parse().ok()) problem=problem_with(&check_in_refusal, "checkin-readiness", "observed_readiness") />
                        <fieldset>
                            <legend>"Warning signs observed (only you see these)"</legend>
                            {crate::playbook::SIGNS.items.iter().enumerate().map(|(index, sign)| view! {
                                <label class="check"><input type="checkbox" name=format!("signs[{index}]") value=sign.id checked=kept_choice(CHECK_IN, "signs[", sign.id).unwrap_or(false) />" " {sign.title}</label>
                            }).collect_view()}
                        </fieldset>
                        <label for="checkin-summary">"Shared summary (they see this)"</label>
                        {
                            let problem = problem_with(&check_in_refusal, "checkin-summary", "shared_summary");
                            view! {
                                <WordingCheckedText id="checkin-summary".to_owned() name="shared_summary".to_owned() rows=2 value=kept(CHECK_IN, "shared_summary").unwrap_or_default() problem=problem.as_ref().map(|problem| problem.id.clone()) />
                                <ProblemText problem />
                            }
                        }
                        <TextField id="checkin-private" name="private_note" label="Private note (only you see this)" value=kept(CHECK_IN, "private_note").unwrap_or_default() refusal=check_in_refusal.clone() />
                        <Field id="checkin-next" name="next_check_in" kind="date" label="Next check-in" value=kept(CHECK_IN, "next_check_in").unwrap_or_default() refusal=check_in_refusal.clone() />
                        <button type="submit" class="primary">"Save check-in"</button>
                    </PlanForm>
                </details>
            })}
        </section>
    }
}

/// A 1-5 rating as radio buttons ("not given" first), with the server's problem about it.
#[component]
fn RatingField(name: &'static str, label: &'static str, id: String, selected: Option<u8>, #[prop(optional_no_strip)] problem: Option<FieldProblem>) -> impl IntoView {
    let described = problem.as_ref().map(|problem| problem.id.clone());
    view! {
        <fieldset class="rating" id=id aria-describedby=described>
            <legend>{label}</legend>
            <ProblemText problem />
            <label class="check"><input type="radio" name=name value="" checked=selected.is_none() />" not given"</label>
            {(1..=5u8).map(|value| view! {
                <label class="check"><input type="radio" name=name value=value.to_string() checked=selected == Some(value) />" " {value}</label>
            }).collect_view()}
        </fieldset>
    }
}
