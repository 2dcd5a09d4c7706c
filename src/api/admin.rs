//! People, organisation and settings management. Admins only; admins never read plans.
//!
//! Each function asks for an admin, parses its form, and calls one rule of `server::people` or
//! `server::settings` (or, for a plain read, the storage layer).

use crate::model::forms::{AuditFilterForm, PersonForm, ReportingForm, RolesForm, SettingsForm};
use crate::model::{AppError, AuditEntry, Department, FirstRun, ImportedSignIn, IssuedPassword, OrganisationSettings, PersonSummary};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::guard::{caller, confirm_form_post, hand_over_after_form_post, hand_over_sign_in_links, request_origin, take_handed_over, take_sign_in_links},
    crate::model::forms::ticked,
    crate::server::auth::caller::Admin,
    crate::server::db,
    crate::server::people::accounts::{self, ManagerEmail, NewAccount, department_choice},
    crate::server::people::{NO_SUCH_PERSON, import, overview},
};

/// How many people a search lists at most.
pub const PEOPLE_PAGE_SIZE: i64 = 200;

/// People whose name or email contains `search`.
#[server(prefix = "/api", endpoint = "admin/people")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn list_people(search: String) -> Result<Vec<PersonSummary>, AppError> {
    let (state, Admin(_)) = caller().await?;
    if search.chars().count() > 100 {
        return Err(AppError::invalid("Search for at most 100 characters."));
    }
    Ok(db::users::list(&mut state.pool.acquire().await?, &search, PEOPLE_PAGE_SIZE).await?)
}

/// One person.
#[server(prefix = "/api", endpoint = "admin/person")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(person_id = person_id)))]
pub async fn get_person(person_id: i64) -> Result<PersonSummary, AppError> {
    let (state, Admin(_)) = caller().await?;
    db::users::summary(&mut state.pool.acquire().await?, person_id).await?.ok_or_else(|| AppError::NotFound(NO_SUCH_PERSON.into()))
}

/// Creates a person with a temporary password they must replace at first sign-in.
#[server(prefix = "/api", endpoint = "admin/create_person")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn create_person(#[server(flatten)] person: PersonForm) -> Result<IssuedPassword, AppError> {
    let (state, Admin(admin)) = caller().await?;
    let issued = accounts::create(&state, admin.id, NewAccount::parse(&person)?).await?;
    hand_over_after_form_post(&issued, &format!("/admin/users/{}", issued.person_id));
    Ok(issued)
}

/// A temporary password just issued by a plain form post, shown once on the person's page.
#[server(prefix = "/api", endpoint = "admin/handed_over")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn take_issued_password() -> Result<Option<IssuedPassword>, AppError> {
    caller::<Admin>().await?;
    Ok(take_handed_over())
}

/// Sets a person's manager and department (empty means none).
#[server(prefix = "/api", endpoint = "admin/set_reporting")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(person_id = person_id)))]
pub async fn set_reporting(person_id: i64, #[server(flatten)] reporting: ReportingForm) -> Result<(), AppError> {
    let (state, Admin(admin)) = caller().await?;
    let (manager, department_id) = (ManagerEmail::parse(&reporting.manager_email)?, department_choice(&reporting.department_id)?);
    accounts::set_reporting(&state, admin.id, person_id, manager, department_id).await?;
    confirm_form_post(&format!("/admin/users/{person_id}"), "reporting-heading", "Saved. Reporting line and department updated.");
    Ok(())
}

/// Everyone who manages someone, for the organisation overview.
#[server(prefix = "/api", endpoint = "admin/managers")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn list_managers() -> Result<Vec<PersonSummary>, AppError> {
    let (state, Admin(_)) = caller().await?;
    Ok(db::users::managers(&mut state.pool.acquire().await?).await?)
}

/// Grants or removes the hr and admin roles.
#[server(prefix = "/api", endpoint = "admin/set_roles")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(person_id = person_id)))]
pub async fn set_roles(person_id: i64, #[server(flatten)] roles: RolesForm) -> Result<(), AppError> {
    let (state, Admin(admin)) = caller().await?;
    accounts::set_roles(&state, admin.id, person_id, ticked(&roles.is_hr), ticked(&roles.is_admin)).await?;
    confirm_form_post(&format!("/admin/users/{person_id}"), "roles-heading", "Saved. Roles updated.");
    Ok(())
}

/// Deactivates (ending their sessions at once) or reactivates a person.
#[server(prefix = "/api", endpoint = "admin/set_active")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(person_id = person_id)))]
pub async fn set_active(person_id: i64, active: bool, confirm: Option<String>) -> Result<(), AppError> {
    let (state, Admin(admin)) = caller().await?;
    if !active && !ticked(&confirm) {
        return Err(AppError::invalid("Tick the box to confirm: deactivating signs them out at once and they can no longer sign in."));
    }
    accounts::set_active(&state, admin.id, person_id, active).await?;
    let message = if active { "Reactivated: they can sign in again." } else { "Deactivated: they are signed out and can no longer sign in." };
    confirm_form_post(&format!("/admin/users/{person_id}"), "account-heading", message);
    Ok(())
}

/// Issues a new temporary password (shown once); the person must choose their own at next sign-in.
/// Their sessions end.
#[server(prefix = "/api", endpoint = "admin/reset_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(person_id = person_id)))]
pub async fn reset_password(person_id: i64) -> Result<IssuedPassword, AppError> {
    let (state, Admin(admin)) = caller().await?;
    let issued = accounts::reset_password(&state, admin.id, person_id).await?;
    hand_over_after_form_post(&issued, &format!("/admin/users/{person_id}"));
    Ok(issued)
}

/// Imports people from CSV (`email,name,department,manager_email,roles`). All or nothing: any bad
/// row rejects the whole file, with every problem listed by line number.
#[server(prefix = "/api", endpoint = "admin/import_people")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn import_people(csv: String) -> Result<Vec<ImportedSignIn>, AppError> {
    let (state, Admin(admin)) = caller().await?;
    let imported = import::import_csv(&state, admin.id, &csv, &request_origin(&state)).await?;
    hand_over_sign_in_links(&imported).await?;
    let message = match imported.len() {
        1 => "Imported 1 person. Give them their first sign-in link below: it is shown only now.".to_owned(),
        count => format!("Imported {count} people. Give each their first sign-in link below: they are shown only now."),
    };
    confirm_form_post("/admin/users", "import-heading", &message);
    Ok(imported)
}

/// The first sign-in links of the people the caller just imported, once (a browser's import is
/// followed by a redirect, so the links wait for this page).
#[server(prefix = "/api", endpoint = "admin/imported_sign_ins")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn take_imported_sign_ins() -> Result<Option<Vec<ImportedSignIn>>, AppError> {
    caller::<Admin>().await?;
    take_sign_in_links().await
}

/// How far the instance is set up, for the first-run checklist.
#[server(prefix = "/api", endpoint = "admin/first_run")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn load_first_run() -> Result<FirstRun, AppError> {
    let (state, Admin(_)) = caller().await?;
    overview::first_run(&state).await
}

/// All departments with their sizes.
#[server(prefix = "/api", endpoint = "admin/departments")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn list_departments() -> Result<Vec<Department>, AppError> {
    let (state, Admin(_)) = caller().await?;
    Ok(db::departments::list(&mut state.pool.acquire().await?).await?)
}

/// Creates a department.
#[server(prefix = "/api", endpoint = "admin/create_department")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn create_department(name: String) -> Result<(), AppError> {
    let (state, Admin(admin)) = caller().await?;
    let name = accounts::create_department(&state, admin.id, &name).await?;
    confirm_form_post("/admin/org", "departments-heading", &format!("Department \u{201c}{name}\u{201d} created."));
    Ok(())
}

/// The organisation's settings.
#[server(prefix = "/api", endpoint = "admin/settings")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn get_settings() -> Result<OrganisationSettings, AppError> {
    let (state, Admin(_)) = caller().await?;
    crate::server::settings::current(&state).await
}

/// Saves the organisation's settings.
#[server(prefix = "/api", endpoint = "admin/save_settings")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn save_settings(#[server(flatten)] settings: SettingsForm) -> Result<(), AppError> {
    let (state, Admin(admin)) = caller().await?;
    let changed = crate::server::settings::save(&state, admin.id, crate::server::settings::parse(&settings)?).await?;
    let message = if changed.is_empty() { "Nothing changed: the settings were already as sent.".to_owned() } else { format!("Settings saved: {}.", changed.join("; ")) };
    confirm_form_post("/admin/settings", "content", &message);
    Ok(())
}

/// Erases every recovery plan of a person, for good (an erasure request). Recorded without content.
#[server(prefix = "/api", endpoint = "admin/erase_plans")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(person_id = person_id)))]
pub async fn erase_person_plans(person_id: i64, confirm: Option<String>) -> Result<u64, AppError> {
    let (state, Admin(admin)) = caller().await?;
    if !ticked(&confirm) {
        return Err(AppError::invalid("Tick the box to confirm: erased plans cannot be recovered."));
    }
    let (name, erased) = accounts::erase_plans(&state, admin.id, person_id).await?;
    let plans = if erased == 1 { "recovery plan" } else { "recovery plans" };
    confirm_form_post(&format!("/admin/users/{person_id}"), "erase-heading", &format!("Erased {erased} {plans} of {name}, for good."));
    Ok(erased)
}

/// Sign-in and admin events for the audit view (never plan contents), newest first, of one kind
/// (`action` "" for all) between two days (either "" for open).
#[server(prefix = "/api", endpoint = "admin/audit")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn list_audit(#[server(flatten)] filter: AuditFilterForm) -> Result<Vec<AuditEntry>, AppError> {
    let (state, Admin(_)) = caller().await?;
    let filter = overview::AuditFilter::parse(&filter, state.now().date_naive())?;
    overview::audit_events(&state, filter).await
}

/// How email is configured and what waits in the outbox.
#[server(prefix = "/api", endpoint = "admin/email")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn load_email_status() -> Result<crate::model::EmailStatus, AppError> {
    let (state, Admin(_)) = caller().await?;
    crate::server::email::preferences::status(&state).await
}

/// Sends a test email to the admin's own address now. Answers the address.
#[server(prefix = "/api", endpoint = "admin/test_email")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn send_test_email() -> Result<String, AppError> {
    let (state, Admin(admin)) = caller().await?;
    let to = crate::server::email::preferences::send_test(&state, &admin).await?;
    super::guard::confirm_form_post("/admin/settings", "email", &format!("Sent a test email to {to}. If it does not arrive, check the SMTP settings and the spam folder."));
    Ok(to)
}
