//! `/admin/users`: find, create and import people.

use super::DepartmentOptions;
use crate::api::admin::{CreatePerson, ImportPeople, list_departments, list_people, load_first_run, take_imported_sign_ins};
use crate::components::feedback::{ActionError, ErrorNotice, SavedNotice, kept, kept_choice, refusal};
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::post_form::PostForm;
use crate::components::text_area::text_area_content;
use crate::model::{FirstRun, ImportedSignIn};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Where the add-a-person form posts.
const CREATE: &str = "/api/admin/create_person";

/// The people list with search, creation and CSV import.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let create = ServerAction::<CreatePerson>::new();
    let import = ServerAction::<ImportPeople>::new();
    // Everything the page lists in one resource (side-by-side boundaries could leave a server
    // render hanging). Someone who may not manage people sees why, and none of the forms.
    let loaded = Resource::new(
        move || (search(), create.version().get(), import.version().get()),
        |(search, _, _)| async move {
            let people = list_people(search).await;
            if let Err(error) = &people
                && error.is_refusal_of_access()
            {
                return Err(error.clone());
            }
            let departments = list_departments().await.unwrap_or_default();
            let sign_ins = take_imported_sign_ins().await.ok().flatten().unwrap_or_default();
            let first_run = load_first_run().await.ok().filter(|progress| !progress.is_complete());
            Ok((people, departments, sign_ins, first_run))
        },
    );
    view! {
        <Title text="People" />
        <h1>"People"</h1>
        <form method="get" action="/admin/users" class="search" role="search">
            <label for="q">"Find by name or email"</label>
            <input id="q" name="q" type="search" value=search />
            <button type="submit">"Search"</button>
        </form>
        <Loaded data=loaded show=move |(people, departments, sign_ins, first_run)| {
                let create_refusal = refusal(create.value());
                view! {
                    {first_run.map(|progress| view! { <FirstRunChecklist progress /> })}
                    {match people {
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p>"Nobody matches."</p> }.into_any(),
                        Ok(list) => view! {
                            <table class="data">
                                <caption class="visually-hidden">"People"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Department"</th>
                                        <th scope="col">"Manager"</th><th scope="col">"Roles"</th><th scope="col">"Status"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|person| {
                                        let roles = roles_label(person.is_hr, person.is_admin, person.direct_report_count);
                                        view! {
                                            <tr class:inactive=!person.is_active>
                                                <th scope="row"><a href=format!("/admin/users/{}", person.id)>{person.display_name}</a></th>
                                                <td data-label="Email">{person.email}</td>
                                                <td data-label="Department">{person.department_name.unwrap_or_else(|| "—".into())}</td>
                                                <td data-label="Manager">{person.manager_name.unwrap_or_else(|| "—".into())}</td>
                                                <td data-label="Roles">{roles}</td>
                                                <td data-label="Status">{if person.is_active { "Active" } else { "Deactivated" }}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                    }}
                    <section class="card" aria-labelledby="create-heading">
                        <h2 id="create-heading">"Add a person"</h2>
                        <ActionError result=create.value() />
                        <PostForm action=create class="stack">
                            <Field id="new-email" name="email" kind="email" label="Email" required=true autocomplete="off" value=kept(CREATE, "email").unwrap_or_default() refusal=create_refusal.clone() />
                            <Field id="new-name" name="display_name" label="Name" required=true autocomplete="off" value=kept(CREATE, "display_name").unwrap_or_default() refusal=create_refusal.clone() />
                            <label for="new-department">"Department"</label>
                            <select id="new-department" name="department_id">
                                <DepartmentOptions departments selected=kept("/api/admin/create_person", "department_id").and_then(|id| id.parse().ok()) />
                            </select>
                            <Field id="new-manager" name="manager_email" kind="email" label="Manager's email (optional)" autocomplete="off" value=kept(CREATE, "manager_email").unwrap_or_default() refusal=create_refusal.clone() />
                            <fieldset>
                                <legend>"Extra roles"</legend>
                                <label class="check"><input type="checkbox" name="is_hr" value="on" checked=kept_choice("/api/admin/create_person", "is_hr", "on").unwrap_or(false) />" HR (anonymised statistics only)"</label>
                                <label class="check"><input type="checkbox" name="is_admin" value="on" checked=kept_choice("/api/admin/create_person", "is_admin", "on").unwrap_or(false) />" Admin (manages people and settings)"</label>
                            </fieldset>
                            <button type="submit" class="primary">"Add person"</button>
                        </PostForm>
                    </section>
                    <section class="card" aria-labelledby="import-heading">
                        <h2 id="import-heading">"Import people from CSV"</h2>
                        <p>
                            "Paste a CSV file whose first line is " <code>"email,name,department,manager_email,roles"</code>
                            ". Roles are hr and admin, separated by semicolons. Missing departments are created. "
                            "If any row has a problem, nothing is imported and every problem is listed."
                        </p>
                        <ActionError result=import.value() />
                        <SavedNotice anchor="import-heading" />
                        <SignInLinks sign_ins />
                        <PostForm action=import class="stack">
                            <label for="csv">"CSV"</label>
                            <textarea id="csv" name="csv" rows="8" required spellcheck="false" inner_html=text_area_content(&kept("/api/admin/import_people", "csv").unwrap_or_default())></textarea>
                            <button type="submit">"Import"</button>
                        </PostForm>
                    </section>
                }
        } />

    }
}

/// The steps that make a new instance useful, each ticked off once done, with where to do it.
#[component]
fn FirstRunChecklist(progress: FirstRun) -> impl IntoView {
    let steps = [
        (
            progress.organisation_named && progress.support_contacts_set,
            "Name the organisation and add the professional support contacts managers are pointed to",
            "/admin/settings",
        ),
        (progress.departments > 0, "Create the departments (HR statistics are grouped by them)", "/admin/org"),
        (progress.people > 1, "Add people, one by one or from a CSV file", "#create-heading"),
        (progress.reporting_lines > 0, "Give people their managers: a manager can open plans only for their direct reports", "#create-heading"),
    ];
    let done = steps.iter().filter(|(done, _, _)| *done).count();
    view! {
        <section class="card checklist" aria-labelledby="first-run-heading">
            <h2 id="first-run-heading">"Getting started"</h2>
            <p class="muted">{format!("{done} of {} steps done. This list goes away when all are.", steps.len())}</p>
            <ol>
                {steps.into_iter().map(|(done, text, href)| view! {
                    <li class:done=done>
                        {if done { view! { <span class="badge active">"Done"</span> }.into_any() } else { view! { <span class="badge draft">"To do"</span> }.into_any() }}
                        " " <a href=href>{text}</a>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The first sign-in links of the people just imported, shown this once, with how to hand them on.
#[component]
fn SignInLinks(sign_ins: Vec<ImportedSignIn>) -> impl IntoView {
    (!sign_ins.is_empty()).then(|| {
        let expires = crate::components::format::day(sign_ins[0].expires_on);
        view! {
            <div class="sign-in-links">
                <p>
                    {format!("Send each person their own link, privately (for example by direct message). A link works once, until {expires}; whoever opens it chooses the password. ")}
                    "This list is not shown again: a person whose link is lost can get a temporary password from their page."
                </p>
                <table class="data">
                    <caption>"First sign-in links"</caption>
                    <thead><tr><th scope="col">"Line"</th><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Sign-in link"</th></tr></thead>
                    <tbody>
                        {sign_ins.into_iter().map(|sign_in| view! {
                            <tr>
                                <td data-label="Line">{sign_in.line}</td>
                                <th scope="row" data-label="Name">{sign_in.display_name}</th>
                                <td data-label="Email">{sign_in.email}</td>
                                <td data-label="Sign-in link"><code class="secret">{sign_in.sign_in_link}</code></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    })
}

/// Roles in words: everyone is an employee; the rest are listed.
pub fn roles_label(is_hr: bool, is_admin: bool, direct_reports: i64) -> String {
    let mut roles = vec!["Employee"];
    if direct_reports > 0 {
        roles.push("Manager");
    }
    if is_hr {
        roles.push("HR");
    }
    if is_admin {
        roles.push("Admin");
    }
    roles.join(", ")
}
