//! `/team`: a manager's current direct reports.

use crate::api::team::my_team;
use crate::components::feedback::ErrorNotice;
use leptos::prelude::*;
use leptos_meta::Title;

/// The manager's team.
#[component]
pub fn TeamPage() -> impl IntoView {
    let team = Resource::new(|| (), |_| my_team());
    view! {
        <Title text="My team" />
        <h1>"My team"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match team.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(people) if people.is_empty() => view! { <p>"Nobody reports to you right now."</p> }.into_any(),
                    Ok(people) => view! {
                        <table class="data">
                            <caption class="visually-hidden">"Your direct reports"</caption>
                            <thead><tr><th scope="col">"Name"</th><th scope="col">"Department"</th><th scope="col">"Email"</th></tr></thead>
                            <tbody>
                                {people.into_iter().map(|person| view! {
                                    <tr>
                                        <th scope="row">{person.display_name}</th>
                                        <td>{person.department_name.unwrap_or_else(|| "—".into())}</td>
                                        <td>{person.email}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
