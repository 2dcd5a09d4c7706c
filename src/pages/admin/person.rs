//! `/admin/users/{id}`: one person's reporting line, department, roles, account and password.

use super::{DepartmentOptions, IssuedPasswordNotice};
use crate::api::admin::{ErasePersonPlans, ResetPassword, SetActive, SetReporting, SetRoles, get_person, list_departments, take_issued_password};
use crate::components::feedback::{ActionError, PageError, SavedNotice, kept, refusal};
use crate::components::field::Field;
use crate::components::post_form::PostForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The person page.
#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let person_id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0);
    let reporting = ServerAction::<SetReporting>::new();
    let roles = ServerAction::<SetRoles>::new();
    let active = ServerAction::<SetActive>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let erase = ServerAction::<ErasePersonPlans>::new();
    let person = Resource::new(move || (person_id(), reporting.version().get(), roles.version().get(), active.version().get()), |(id, ..)| get_person(id));
    let departments = Resource::new(|| (), |_| list_departments());
    let handed_over = Resource::new(|| (), |_| take_issued_password());
    view! {
        <Title text="Person" />
        <p><a href="/admin/users">"← All people"</a></p>
        // One boundary for everything the page loads: side-by-side boundaries could leave a
        // server render hanging.
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let handed_over = handed_over.await.ok().flatten().map(|issued| view! { <IssuedPasswordNotice issued /> });
                let person = match person.await {
                    Ok(person) => person,
                    Err(error) => return view! { {handed_over} <PageError error /> }.into_any(),
                };
                let departments = departments.await.unwrap_or_default();
                let id = person.id;
                view! {
                    {handed_over}
                    <h1>{person.display_name.clone()}</h1>
                    <p class="lead">
                        {person.email.clone()} " · "
                        {super::users::roles_label(person.is_hr, person.is_admin, person.direct_report_count)} " · "
                        {if person.is_active { "Active" } else { "Deactivated" }}
                    </p>

                    <section class="card" aria-labelledby="reporting-heading">
                        <h2 id="reporting-heading">"Reporting line and department"</h2>
                        <ActionError result=reporting.value() />
                        <SavedNotice anchor="reporting-heading" />
                        <PostForm action=reporting class="stack">
                            <input type="hidden" name="person_id" value=id.to_string() />
                            <Field id="manager_email" name="manager_email" kind="email" label="Manager's email (empty for none)"
                                value=kept("/api/admin/set_reporting", "manager_email").unwrap_or_else(|| person.manager_email.clone().unwrap_or_default()) refusal=refusal(reporting.value()) />
                            <label for="department_id">"Department"</label>
                            <select id="department_id" name="department_id">
                                <DepartmentOptions departments selected=person.department_id />
                            </select>
                            <button type="submit">"Save reporting line"</button>
                        </PostForm>
                    </section>

                    <section class="card" aria-labelledby="roles-heading">
                        <h2 id="roles-heading">"Roles"</h2>
                        <p class="hint">"Everyone is an employee; anyone with direct reports is a manager."</p>
                        <ActionError result=roles.value() />
                        <SavedNotice anchor="roles-heading" />
                        <PostForm action=roles class="stack">
                            <input type="hidden" name="person_id" value=id.to_string() />
                            <label class="check"><input type="checkbox" name="is_hr" value="on" checked=person.is_hr />" HR"</label>
                            <label class="check"><input type="checkbox" name="is_admin" value="on" checked=person.is_admin />" Admin"</label>
                            <button type="submit">"Save roles"</button>
                        </PostForm>
                    </section>

                    <section class="card" aria-labelledby="account-heading">
                        <h2 id="account-heading">"Account"</h2>
                        <SavedNotice anchor="account-heading" />
                        <ActionError result=active.value() />
                        {if person.is_active {
                            view! {
                                <details class="danger-zone">
                                    <summary>"Deactivate…"</summary>
                                    <PostForm action=active class="stack">
                                        <input type="hidden" name="person_id" value=id.to_string() />
                                        <input type="hidden" name="active" value="false" />
                                        <label class="check"><input type="checkbox" name="confirm" value="on" required />" Deactivate: this signs them out at once and they can no longer sign in"</label>
                                        <button type="submit" class="danger">"Deactivate"</button>
                                    </PostForm>
                                </details>
                            }.into_any()
                        } else {
                            view! {
                                <PostForm action=active>
                                    <input type="hidden" name="person_id" value=id.to_string() />
                                    <input type="hidden" name="active" value="true" />
                                    <button type="submit">"Reactivate"</button>
                                </PostForm>
                            }.into_any()
                        }}
                        <ActionError result=reset.value() />
                        <PostForm action=reset>
                            <input type="hidden" name="person_id" value=id.to_string() />
                            <button type="submit">"Issue a temporary password"</button>
                        </PostForm>
                        <p class="hint">"A temporary password signs them out everywhere; they must choose their own at next sign-in."</p>
                    </section>

                    <section class="card" aria-labelledby="erase-heading">
                        <h2 id="erase-heading">"Erase recovery plans on request"</h2>
                        <p class="hint">"Deletes every recovery plan of this person for good, with all its parts. You will not see the plans; the audit log records only that it happened."</p>
                        <ActionError result=erase.value() />
                        <SavedNotice anchor="erase-heading" />
                        <PostForm action=erase class="stack">
                            <input type="hidden" name="person_id" value=id.to_string() />
                            <label class="check"><input type="checkbox" name="confirm" value="on" required />" I understand the plans cannot be recovered"</label>
                            <button type="submit" class="danger">"Erase all their plans"</button>
                        </PostForm>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
