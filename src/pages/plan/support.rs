//! The "beyond a quick fix" card: when the plan needs professional support, and the manager's flag.

use super::form::PlanForm;
use crate::api::plans::FlagSupport;
use crate::components::feedback::SavedNotice;
use crate::model::PlanView;
use leptos::prelude::*;
use std::sync::Arc;

/// The "beyond a quick fix" card and the manager's flag.
#[component]
pub(super) fn Support(plan: Arc<PlanView>, can_manage: bool, action: ServerAction<FlagSupport>) -> impl IntoView {
    let needs = plan.needs_support();
    let escalation = crate::playbook::ESCALATION;
    let contacts = plan.support.clone().unwrap_or_default();
    let contact_for = move |id: &str| match id {
        "occupational-health" => contacts.occupational_health.clone(),
        "employee-assistance" => contacts.employee_assistance.clone(),
        _ => contacts.professional.clone(),
    };
    view! {
        {needs.then(|| view! {
            <section class="card support-card" aria-labelledby="support-heading">
                <h2 id="support-heading">{escalation.title}</h2>
                <SavedNotice anchor="support-heading" />
                <p>
                    {if plan.support_flagged { "You flagged that this needs more than work-focused help. " } else { "Self-rated confidence has stayed at 2 or lower across the last three check-ins without rising. " }}
                    {escalation.intro}
                </p>
                <ul>
                    {escalation.items.iter().map(|item| {
                        let contact = contact_for(item.id);
                        view! {
                            <li>
                                <strong>{item.title}</strong> ": " {item.text}
                                <br />
                                {if contact.is_empty() {
                                    view! { <span class="muted">"No contact set yet; an administrator can add it under Settings."</span> }.into_any()
                                } else {
                                    view! { <span class="prose">{contact}</span> }.into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
        {can_manage.then(|| view! {
            <PlanForm action plan_id=plan.id class="inline support-flag" shows_error=false>
                <input type="hidden" name="flagged" value=(!plan.support_flagged).to_string() />
                <button type="submit">{if plan.support_flagged { "Clear the support flag" } else { "Flag: this needs more than a quick fix" }}</button>
            </PlanForm>
        })}
    }
}
