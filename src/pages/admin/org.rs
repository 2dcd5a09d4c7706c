//! `/admin/org`: departments and who manages whom.

use crate::api::admin::{CreateDepartment, list_departments, list_managers};
use crate::components::feedback::{ActionError, ErrorNotice, SavedNotice, kept, refusal};
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::post_form::PostForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// Departments and managers.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let create = ServerAction::<CreateDepartment>::new();
    // Both lists in one resource (side-by-side boundaries could leave a server render hanging).
    // Someone who may not manage the organisation sees why, and none of the forms; a list that
    // fails otherwise says so in its own section.
    let lists = Resource::new(
        move || create.version().get(),
        |_| async move {
            let departments = list_departments().await;
            if let Err(error) = &departments
                && error.is_refusal_of_access()
            {
                return Err(error.clone());
            }
            Ok((departments, list_managers().await))
        },
    );
    view! {
        <Title text="Organisation" />
        <h1>"Organisation"</h1>
        <Loaded data=lists show=move |(departments, managers)| {
                view! {
                    <section class="card" aria-labelledby="departments-heading">
                        <h2 id="departments-heading">"Departments"</h2>
                        <SavedNotice anchor="departments-heading" />
                        {match departments {
                            Err(error) => view! { <ErrorNotice error /> }.into_any(),
                            Ok(list) if list.is_empty() => view! { <p>"No departments yet."</p> }.into_any(),
                            Ok(list) => view! {
                                <ul class="plain">
                                    {list.into_iter().map(|department| view! {
                                        <li>{department.name} <span class="muted">{format!(" · {} active people", department.member_count)}</span></li>
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                        }}
                        <ActionError result=create.value() />
                        <PostForm action=create class="inline">
                            <Field id="department-name" name="name" label="New department" required=true value=kept("/api/admin/create_department", "name").unwrap_or_default() refusal=refusal(create.value()) />
                            <button type="submit">"Add"</button>
                        </PostForm>
                    </section>
                    <section class="card" aria-labelledby="managers-heading">
                        <h2 id="managers-heading">"Managers"</h2>
                        <p class="hint">"Change someone's manager on their page under People."</p>
                        {match managers {
                            Err(error) => view! { <ErrorNotice error /> }.into_any(),
                            Ok(list) if list.is_empty() => view! { <p>"Nobody manages anyone yet."</p> }.into_any(),
                            Ok(list) => view! {
                                <ul class="plain">
                                    {list.into_iter().map(|manager| view! {
                                        <li>
                                            <a href=format!("/admin/users/{}", manager.id)>{manager.display_name}</a>
                                            <span class="muted">{format!(" · {} direct report(s)", manager.direct_report_count)}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                        }}
                    </section>
                }
        } />
    }
}
