//! `/admin/audit`: sign-in and admin events with filters. Plan reads and writes are not shown
//! here (they belong to the employee's own access log).

use crate::api::admin::list_audit;
use crate::components::loaded::Loaded;
use crate::model::AuditAction;
use crate::model::forms::AuditFilterForm;
use leptos::prelude::*;
use leptos_meta::Title;

type Entries = Vec<crate::model::AuditEntry>;
use leptos_router::hooks::use_query_map;

/// The audit view.
#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let field = move |name: &str| query.read().get(name).unwrap_or_default();
    let events = Resource::new(move || (field("action"), field("since"), field("until")), |(action, since, until)| list_audit(AuditFilterForm { action, since, until }));
    view! {
        <Title text="Audit log" />
        <h1>"Audit log"</h1>
        <p class="lead">"Sign-ins and administrative changes, newest first (times in UTC). Recovery plan contents are never recorded here."</p>
        <form method="get" action="/admin/audit" class="inline filters">
            <label for="action">"Event"</label>
            <select id="action" name="action">
                <option value="">"All events"</option>
                {move || { let chosen = field("action"); AuditAction::in_admin_view().map(|action| view! {
                    <option value=action.as_str() selected=chosen == action.as_str()>{action.label()}</option>
                }).collect_view() }}
            </select>
            <label for="since">"From"</label>
            <input id="since" name="since" type="date" value=move || field("since") />
            <label for="until">"To"</label>
            <input id="until" name="until" type="date" value=move || field("until") />
            <button type="submit">"Filter"</button>
        </form>
        <Loaded data=events show=|list| {
                    let list: Entries = list;
                    if list.is_empty() {
                        return view! { <p>"No events match."</p> }.into_any();
                    }
                    view! {
                        <table class="data">
                            <caption class="visually-hidden">"Audit events"</caption>
                            <thead><tr><th scope="col">"When"</th><th scope="col">"Who"</th><th scope="col">"Event"</th><th scope="col">"About"</th><th scope="col">"Detail"</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|entry| view! {
                                    <tr>
                                        <td data-label="When">{crate::components::format::moment(entry.at)}</td>
                                        <td data-label="Who">{entry.actor.unwrap_or_else(|| "—".into())}</td>
                                        <td data-label="Event">{AuditAction::parse(&entry.action).map(AuditAction::label).map(str::to_owned).unwrap_or_else(|| entry.action.replace('_', " "))}</td>
                                        <td data-label="About">{entry.target.unwrap_or_else(|| "—".into())}</td>
                                        <td data-label="Detail">{entry.detail.unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
        } />
    }
}
