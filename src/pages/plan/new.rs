//! `/plans/new?employee=ID`: open a draft plan for a direct report.

use super::fields::EventAndDebriefFields;
use crate::api::plans::{CreatePlan, load_plan_candidate};
use crate::components::feedback::{ActionError, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The new-plan form.
#[component]
pub fn NewPlanPage() -> impl IntoView {
    let query = use_query_map();
    let employee_id = move || query.read().get("employee").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0);
    let create = ServerAction::<CreatePlan>::new();
    let candidate = Resource::new(employee_id, load_plan_candidate);
    Effect::new(move |_| {
        if let Some(Ok(plan_id)) = create.value().get() {
            #[cfg(feature = "hydrate")]
            let _ = window().location().set_href(&format!("/plans/{plan_id}"));
            #[cfg(not(feature = "hydrate"))]
            let _ = plan_id;
        }
    });
    view! {
        <Title text="New recovery plan" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match candidate.await {
                    Err(error) => view! { <h1>"New recovery plan"</h1><ErrorNotice error /> }.into_any(),
                    Ok(candidate) => {
                        let (name, today) = (candidate.name, candidate.today.to_string());
                        view! {
                            <h1>"New recovery plan for " {name}</h1>
                            <p class="lead">
                                "The plan starts as a draft that only you can see. Share it with them when you have talked it through."
                            </p>
                            <ActionError result=create.value() />
                            <ActionForm action=create attr:class="stack card">
                                <input type="hidden" name="employee_id" value=employee_id().to_string() />
                                <EventAndDebriefFields event=None debrief=None today />
                                <button type="submit" class="primary">"Create draft plan"</button>
                            </ActionForm>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
