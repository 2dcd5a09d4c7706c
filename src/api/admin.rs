//! People, organisation and settings management. Admins only; admins never read plans.

use crate::model::{AppError, Department, FirstRun, ImportedSignIn, IssuedPassword, OrganisationSettings, PersonSummary};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::guard::{caller, confirm_form_post, hand_over_after_form_post, hand_over_sign_in_links, optional_id, request_origin, take_handed_over, take_sign_in_links, ticked},
    crate::model::validation::{validate_email, validate_name},
    crate::server::auth::caller::Admin,
    crate::server::db::{self, audit::AuditEvent, settings},
    crate::server::people::{import, temporary_password},
};

/// How many people a search lists at most.
pub const PEOPLE_PAGE_SIZE: i64 = 200;

/// People whose name or email contains `search`.
#[server(prefix = "/api", endpoint = "admin/people")]
pub async fn list_people(search: String) -> Result<Vec<PersonSummary>, AppError> {
    let (state, Admin(_)) = caller().await?;
    if search.chars().count() > 100 {
        return Err(AppError::invalid("Search for at most 100 characters."));
    }
    Ok(db::users::list(&mut state.pool.acquire().await?, &search, PEOPLE_PAGE_SIZE).await?)
}

/// One person.
#[server(prefix = "/api", endpoint = "admin/person")]
pub async fn get_person(person_id: i64) -> Result<PersonSummary, AppError> {
    let (state, Admin(_)) = caller().await?;
    db::users::summary(&mut state.pool.acquire().await?, person_id).await?.ok_or_else(|| AppError::NotFound("That person does not exist.".into()))
}

/// Creates a person with a temporary password they must replace at first sign-in.
#[server(prefix = "/api", endpoint = "admin/create_person")]
pub async fn create_person(
    email: String,
    display_name: String,
    department_id: String,
    manager_email: String,
    is_hr: Option<String>,
    is_admin: Option<String>,
) -> Result<IssuedPassword, AppError> {
    let (state, Admin(admin)) = caller().await?;
    validate_email(&email).map_err(AppError::at("email"))?;
    validate_name("name", &display_name).map_err(AppError::at("display_name"))?;
    let department_id = optional_id("department", &department_id)?;
    let manager_id = manager_by_email(&state, &manager_email).await?;
    let password = temporary_password();
    let hash = state.hasher.hash(password.clone()).await?;
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    let person = crate::server::people::insert(
        &mut tx,
        now,
        &db::users::NewPerson {
            email: &email,
            display_name: &display_name,
            password_hash: &hash,
            must_change_password: true,
            is_hr: ticked(&is_hr),
            is_admin: ticked(&is_admin),
            department_id: None,
            manager_id: None,
        },
    )
    .await?;
    crate::server::people::set_department(&mut tx, now, person, department_id).await?;
    crate::server::people::set_manager(&mut tx, now, person, manager_id).await?;
    db::audit::record(&mut tx, now, AuditEvent::new(Some(admin.id), "person_created").on_person(person)).await?;
    // People, departments and settings all feed HR statistics.
    settings::bump_data_version(&mut tx).await?;
    tx.commit().await?;
    let issued = IssuedPassword { person_id: person, email: email.trim().to_owned(), display_name: display_name.trim().to_owned(), temporary_password: password };
    hand_over_after_form_post(&issued, &format!("/admin/users/{person}"));
    Ok(issued)
}

/// A temporary password just issued by a plain form post, shown once on the person's page.
#[server(prefix = "/api", endpoint = "admin/handed_over")]
pub async fn take_issued_password() -> Result<Option<IssuedPassword>, AppError> {
    caller::<Admin>().await?;
    Ok(take_handed_over())
}

/// Sets a person's manager and department (empty means none).
#[server(prefix = "/api", endpoint = "admin/set_reporting")]
pub async fn set_reporting(person_id: i64, manager_email: String, department_id: String) -> Result<(), AppError> {
    let (state, Admin(admin)) = caller().await?;
    let manager_id = manager_by_email(&state, &manager_email).await?;
    let department_id = optional_id("department", &department_id)?;
    let now = state.now();
    // What the person was is read inside the write, so the change is compared with the
    // state it replaces.
    let mut tx = state.pool.begin_write().await?;
    let before = db::users::summary(&mut tx, person_id).await?.ok_or_else(|| AppError::NotFound("That person does not exist.".into()))?;
    if before.manager_id != manager_id {
        crate::server::people::set_manager(&mut tx, now, person_id, manager_id).await?;
        db::audit::record(&mut tx, now, AuditEvent::new(Some(admin.id), "reporting_line_changed").on_person(person_id)).await?;
        // Plans follow the reporting line: their timelines record the handover.
        let new_manager = match manager_id {
            Some(id) => db::users::summary(&mut tx, id).await?.map(|person| person.display_name),
            None => None,
        };
        let line = match (before.manager_name.as_deref(), new_manager.as_deref()) {
            (Some(old), Some(new)) => format!("Handed over from {old} to {new}"),
            (None, Some(new)) => format!("{new} became the manager"),
            (Some(old), None) => format!("{old} is no longer the manager"),
            (None, None) => "Manager unchanged".to_owned(),
        };
        db::plans::record_handover(&mut tx, now, person_id, admin.id, &line).await?;
    }
    if before.department_id != department_id {
        crate::server::people::set_department(&mut tx, now, person_id, department_id).await?;
        db::audit::record(&mut tx, now, AuditEvent::new(Some(admin.id), "department_changed").on_person(person_id)).await?;
    }
    // People, departments and settings all feed HR statistics.
    settings::bump_data_version(&mut tx).await?;
    tx.commit().await?;
    confirm_form_post(&format!("/admin/users/{person_id}"), "reporting-heading", "Saved. Reporting line and department updated.");
    Ok(())
}

/// The person a manager email field names ("" means no manager).
#[cfg(feature = "ssr")]
async fn manager_by_email(state: &crate::server::AppState, email: &str) -> Result<Option<i64>, AppError> {
    if email.trim().is_empty() {
        return Ok(None);
    }
    validate_email(email).map_err(|message| AppError::at("manager_email")(format!("Manager: {message}")))?;
    let mut conn = state.pool.acquire().await?;
    match db::users::id_by_email(&mut conn, email).await? {
        Some(id) => Ok(Some(id)),
        None => Err(AppError::at("manager_email")(format!("No person has the email {}; check the manager's address.", email.trim()))),
    }
}

/// Everyone who manages someone, for the organisation overview.
#[server(prefix = "/api", endpoint = "admin/managers")]
pub async fn list_managers() -> Result<Vec<PersonSummary>, AppError> {
    let (state, Admin(_)) = caller().await?;
    Ok(db::users::managers(&mut state.pool.acquire().await?).await?)
}

/// Grants or removes the hr and admin roles.
#[server(prefix = "/api", endpoint = "admin/set_roles")]
pub async fn set_roles(person_id: i64, is_hr: Option<String>, is_admin: Option<String>) -> Result<(), AppError> {
    let (state, Admin(admin)) = caller().await?;
    let (is_hr, is_admin) = (ticked(&is_hr), ticked(&is_admin));
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    crate::server::people::set_roles(&mut tx, now, person_id, is_hr, is_admin).await?;
    let detail = match (is_hr, is_admin) {
        (true, true) => "hr,admin",
        (true, false) => "hr",
        (false, true) => "admin",
        (false, false) => "none",
    };
    db::audit::record(&mut tx, now, AuditEvent::new(Some(admin.id), "roles_changed").on_person(person_id).detail(detail)).await?;
    // People, departments and settings all feed HR statistics.
    settings::bump_data_version(&mut tx).await?;
    tx.commit().await?;
    confirm_form_post(&format!("/admin/users/{person_id}"), "roles-heading", "Saved. Roles updated.");
    Ok(())
}

/// Deactivates (ending their sessions at once) or reactivates a person.
#[server(prefix = "/api", endpoint = "admin/set_active")]
pub async fn set_active(person_id: i64, active: bool, confirm: Option<String>) -> Result<(), AppError> {
    let (state, Admin(admin)) = caller().await?;
    if !active && confirm.is_none() {
        return Err(AppError::invalid("Tick the box to confirm: deactivating signs them out at once and they can no longer sign in."));
    }
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    crate::server::people::set_active(&mut tx, now, person_id, active).await?;
    if !active {
        db::sessions::delete_for_user(&mut tx, person_id, None).await?;
    }
    let action = if active { "person_reactivated" } else { "person_deactivated" };
    db::audit::record(&mut tx, now, AuditEvent::new(Some(admin.id), action).on_person(person_id)).await?;
    // People, departments and settings all feed HR statistics.
    settings::bump_data_version(&mut tx).await?;
    tx.commit().await?;
    confirm_form_post(
        &format!("/admin/users/{person_id}"),
        "account-heading",
        if active { "Reactivated: they can sign in again." } else { "Deactivated: they are signed out and can no longer sign in." },
    );
    Ok(())
}

/// Issues a new temporary password (shown once); the person must choose their own at next sign-in.
/// Their sessions end.
#[server(prefix = "/api", endpoint = "admin/reset_password")]
pub async fn reset_password(person_id: i64) -> Result<IssuedPassword, AppError> {
    let (state, Admin(admin)) = caller().await?;
    let person = db::users::summary(&mut state.pool.acquire().await?, person_id).await?.ok_or_else(|| AppError::NotFound("That person does not exist.".into()))?;
    let password = temporary_password();
    let hash = state.hasher.hash(password.clone()).await?;
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    db::users::set_password(&mut tx, now, person_id, &hash, true).await?;
    // A temporary password replaces any first sign-in link not used yet.
    db::first_sign_in::revoke(&mut tx, person_id).await?;
    db::sessions::delete_for_user(&mut tx, person_id, None).await?;
    db::audit::record(&mut tx, now, AuditEvent::new(Some(admin.id), "password_reset").on_person(person_id)).await?;
    // People, departments and settings all feed HR statistics.
    settings::bump_data_version(&mut tx).await?;
    tx.commit().await?;
    let issued = IssuedPassword { person_id, email: person.email, display_name: person.display_name, temporary_password: password };
    hand_over_after_form_post(&issued, &format!("/admin/users/{person_id}"));
    Ok(issued)
}

/// Imports people from CSV (`email,name,department,manager_email,roles`). All or nothing: any bad
/// row rejects the whole file, with every problem listed by line number.
#[server(prefix = "/api", endpoint = "admin/import_people")]
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
pub async fn take_imported_sign_ins() -> Result<Option<Vec<ImportedSignIn>>, AppError> {
    caller::<Admin>().await?;
    take_sign_in_links().await
}

/// How far the instance is set up, for the first-run checklist.
#[server(prefix = "/api", endpoint = "admin/first_run")]
pub async fn load_first_run() -> Result<FirstRun, AppError> {
    let (state, Admin(_)) = caller().await?;
    let (departments, people, reporting_lines) = db::users::first_run_counts(&mut state.pool.acquire().await?).await?;
    let settings = state.settings.get(&state.pool).await?;
    let support = &settings.support;
    Ok(FirstRun {
        departments,
        people,
        reporting_lines,
        organisation_named: settings.organisation_name.as_deref().is_some_and(|name| !name.trim().is_empty()),
        support_contacts_set: [&support.occupational_health, &support.employee_assistance, &support.professional].iter().any(|contact| !contact.trim().is_empty()),
    })
}

/// All departments with their sizes.
#[server(prefix = "/api", endpoint = "admin/departments")]
pub async fn list_departments() -> Result<Vec<Department>, AppError> {
    let (state, Admin(_)) = caller().await?;
    Ok(db::departments::list(&mut state.pool.acquire().await?).await?)
}

/// Creates a department.
#[server(prefix = "/api", endpoint = "admin/create_department")]
pub async fn create_department(name: String) -> Result<(), AppError> {
    let (state, Admin(admin)) = caller().await?;
    validate_name("department name", &name).map_err(AppError::at("name"))?;
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    let id = db::departments::insert(&mut tx, now, &name).await?;
    let mut event = AuditEvent::new(Some(admin.id), "department_created");
    event.target_kind = Some("department");
    event.target_id = Some(id);
    db::audit::record(&mut tx, now, event).await?;
    // People, departments and settings all feed HR statistics.
    settings::bump_data_version(&mut tx).await?;
    tx.commit().await?;
    confirm_form_post("/admin/org", "departments-heading", &format!("Department \u{201c}{}\u{201d} created.", name.trim()));
    Ok(())
}

/// The organisation's settings.
#[server(prefix = "/api", endpoint = "admin/settings")]
pub async fn get_settings() -> Result<OrganisationSettings, AppError> {
    let (state, Admin(_)) = caller().await?;
    let mut conn = state.pool.acquire().await?;
    let organisation_name = settings::get(&mut conn, settings::ORGANISATION_NAME).await?.unwrap_or_default();
    let support = settings::support_contacts(&mut conn).await?;
    let privacy_k = settings::privacy_k(&mut conn).await?;
    let retention_days = settings::retention_days(&mut conn).await?;
    Ok(OrganisationSettings { organisation_name, privacy_k, retention_days, support })
}

/// Saves the organisation's settings.
#[server(prefix = "/api", endpoint = "admin/save_settings")]
pub async fn save_settings(
    organisation_name: String,
    privacy_k: String,
    retention_days: String,
    occupational_health: String,
    employee_assistance: String,
    professional: String,
) -> Result<(), AppError> {
    let (state, Admin(admin)) = caller().await?;
    validate_name("organisation name", &organisation_name).map_err(AppError::at("organisation_name"))?;
    let contact = |what: &str, text: &str| {
        crate::model::optional_text(what, text).and_then(|text| if text.chars().count() > 300 { Err(format!("Keep the {what} under 300 characters.")) } else { Ok(text) })
    };
    let support = crate::model::SupportContacts {
        occupational_health: contact("occupational health contact", &occupational_health).map_err(AppError::at("occupational_health"))?,
        employee_assistance: contact("employee assistance contact", &employee_assistance).map_err(AppError::at("employee_assistance"))?,
        professional: contact("professional support contact", &professional).map_err(AppError::at("professional"))?,
    };
    use crate::model::insights::{MAX_K, MIN_K};
    let privacy_k = match privacy_k.trim().parse::<i64>() {
        Ok(k) if (MIN_K..=MAX_K).contains(&k) => k,
        _ => return Err(AppError::at("privacy_k")(format!("The minimum group size must be a whole number from {MIN_K} to {MAX_K}."))),
    };
    let retention_days = match retention_days.trim().parse::<i64>() {
        Ok(days) if (1..=3650).contains(&days) => days,
        _ => return Err(AppError::at("retention_days")("Keep closed plans for a whole number of days from 1 to 3650.".into())),
    };
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    // What each setting was, as it takes effect (a setting never saved has its default).
    let stored = |value: Option<String>, default: String| value.unwrap_or(default);
    let saved = [
        ("organisation name", settings::ORGANISATION_NAME, String::new(), organisation_name.trim().to_owned()),
        ("minimum group size", settings::PRIVACY_K, crate::model::insights::DEFAULT_K.to_string(), privacy_k.to_string()),
        ("days closed plans are kept", settings::RETENTION_DAYS, settings::DEFAULT_RETENTION_DAYS.to_string(), retention_days.to_string()),
        ("occupational health contact", settings::SUPPORT_OCCUPATIONAL_HEALTH, String::new(), support.occupational_health.clone()),
        ("employee assistance contact", settings::SUPPORT_EMPLOYEE_ASSISTANCE, String::new(), support.employee_assistance.clone()),
        ("professional support contact", settings::SUPPORT_PROFESSIONAL, String::new(), support.professional.clone()),
    ];
    let mut compared = Vec::with_capacity(saved.len());
    for (label, key, default, after) in &saved {
        compared.push((*label, stored(settings::get(&mut tx, key).await?, default.clone()), after.clone()));
    }
    let changed = setting_changes(&compared);
    if changed.is_empty() {
        drop(tx);
        confirm_form_post("/admin/settings", "content", "Nothing changed: the settings were already as sent.");
        return Ok(());
    }
    settings::set(&mut tx, settings::ORGANISATION_NAME, organisation_name.trim()).await?;
    settings::set(&mut tx, settings::PRIVACY_K, &privacy_k.to_string()).await?;
    settings::set(&mut tx, settings::RETENTION_DAYS, &retention_days.to_string()).await?;
    settings::set_support_contacts(&mut tx, &support).await?;
    let detail = changed.join("; ");
    db::audit::record(&mut tx, now, AuditEvent::new(Some(admin.id), "settings_changed").detail(&detail)).await?;
    // People, departments and settings all feed HR statistics.
    settings::bump_data_version(&mut tx).await?;
    tx.commit().await?;
    state.settings.forget();
    confirm_form_post("/admin/settings", "content", &format!("Settings saved: {detail}."));
    Ok(())
}

/// Each setting whose value differs, as "label: before → after" (contacts, which can be long, as
/// "label changed"; an empty value reads "not set").
#[cfg(feature = "ssr")]
fn setting_changes(compared: &[(&str, String, String)]) -> Vec<String> {
    let shown = |value: &str| if value.is_empty() { "not set".to_owned() } else { format!("\u{201c}{value}\u{201d}") };
    compared
        .iter()
        .filter(|(_, before, after)| before != after)
        .map(|(label, before, after)| if label.ends_with("contact") { format!("{label} changed") } else { format!("{label}: {} \u{2192} {}", shown(before), shown(after)) })
        .collect()
}

/// Erases every recovery plan of a person, for good (an erasure request). Recorded without content.
#[server(prefix = "/api", endpoint = "admin/erase_plans")]
pub async fn erase_person_plans(person_id: i64, confirm: Option<String>) -> Result<u64, AppError> {
    let (state, Admin(admin)) = caller().await?;
    if !ticked(&confirm) {
        return Err(AppError::invalid("Tick the box to confirm: erased plans cannot be recovered."));
    }
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    let person = db::users::summary(&mut tx, person_id).await?.ok_or_else(|| AppError::NotFound("That person does not exist.".into()))?;
    let erased = db::plans::erase_for_employee(&mut tx, person_id).await?;
    let count = erased.to_string();
    db::audit::record(&mut tx, now, AuditEvent::new(Some(admin.id), "plans_erased").on_person(person_id).detail(&count)).await?;
    settings::bump_data_version(&mut tx).await?;
    tx.commit().await?;
    db::maintenance::flush_deleted_pages(&mut state.pool.acquire().await?).await?;
    let plans = if erased == 1 { "recovery plan" } else { "recovery plans" };
    confirm_form_post(&format!("/admin/users/{person_id}"), "erase-heading", &format!("Erased {erased} {plans} of {}, for good.", person.display_name));
    Ok(erased)
}

/// Sign-in and admin events for the audit view (never plan contents), newest first.
#[server(prefix = "/api", endpoint = "admin/audit")]
pub async fn list_audit(action: String, since: String, until: String) -> Result<Vec<crate::model::AuditEntry>, AppError> {
    let (state, Admin(_)) = caller().await?;
    let action = action.trim();
    if !action.is_empty() && !db::audit::ADMIN_ACTIONS.contains(&action) {
        return Err(AppError::invalid("Choose an event type from the list."));
    }
    let day = |what: &str, text: &str| crate::model::parse_optional_date(what, text).map_err(AppError::Invalid);
    // Open ends default to dates every stored timestamp falls between.
    let today = state.now().date_naive();
    let since = day("the start date", &since)?.unwrap_or(chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(today));
    let until = day("the end date", &until)?.unwrap_or(today.max(since)) + chrono::Duration::days(1);
    if since >= until {
        return Err(AppError::invalid("The start date must not be after the end date."));
    }
    let midnight = |date: chrono::NaiveDate| date.and_hms_opt(0, 0, 0).map(|t| t.and_utc()).unwrap_or_default();
    let (since, until) = (midnight(since), midnight(until));
    Ok(db::audit::admin_events(&mut state.pool.acquire().await?, action, since, until, 500).await?)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::setting_changes;

    #[test]
    fn only_the_settings_that_changed_are_named() {
        let compared = [
            ("organisation name", "Acme".to_owned(), "Acme".to_owned()),
            ("minimum group size", "5".to_owned(), "7".to_owned()),
            ("occupational health contact", String::new(), "Dr. Ada, room 4".to_owned()),
            ("days closed plans are kept", "365".to_owned(), "365".to_owned()),
        ];
        assert_eq!(
            setting_changes(&compared),
            vec!["minimum group size: \u{201c}5\u{201d} \u{2192} \u{201c}7\u{201d}".to_owned(), "occupational health contact changed".to_owned()]
        );
        assert!(setting_changes(&compared[..1]).is_empty());
    }
}
