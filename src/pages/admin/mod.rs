//! The admin pages: people, organisation, settings. Admins manage accounts and never read plans.

pub mod audit;
pub mod org;
pub mod person;
pub mod settings;
pub mod users;

use crate::model::IssuedPassword;
use leptos::prelude::*;

/// The one-time display of a temporary password, with what to do with it.
#[component]
pub fn IssuedPasswordNotice(issued: IssuedPassword) -> impl IntoView {
    view! {
        <div class="notice success issued" role="status">
            <p>
                "Temporary password for " <strong>{issued.display_name}</strong> " (" {issued.email} "): "
                <code class="secret">{issued.temporary_password}</code>
            </p>
            <p class="hint">
                "It is shown only now. Hand it over in person or by a private channel; they must choose their own password when they first sign in."
            </p>
        </div>
    }
}

/// Department choices for a select, with "no department" first.
#[component]
pub fn DepartmentOptions(departments: Vec<crate::model::Department>, selected: Option<i64>) -> impl IntoView {
    view! {
        <option value="" selected=selected.is_none()>"No department"</option>
        {departments.into_iter().map(|department| view! {
            <option value=department.id.to_string() selected=selected == Some(department.id)>{department.name}</option>
        }).collect_view()}
    }
}
