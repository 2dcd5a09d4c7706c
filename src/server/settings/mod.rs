//! The organisation's settings: read for the admin, checked and saved with an audit entry that
//! names what changed, and kept in memory for every page (`cache`).

pub mod cache;

use crate::model::forms::SettingsForm;
use crate::model::insights::{DEFAULT_K, MAX_K, MIN_K};
use crate::model::validation::validate_name;
use crate::model::{AppError, AuditAction, MAX_CONTACT_LEN, OrganisationSettings, SupportContacts, optional_text};
use crate::server::AppState;
use crate::server::db::{audit::AuditEvent, settings};

/// The settings as stored now.
#[tracing::instrument(skip(state))]
pub async fn current(state: &AppState) -> Result<OrganisationSettings, AppError> {
    let mut conn = state.pool.acquire().await?;
    let organisation_name = settings::get(&mut conn, settings::ORGANISATION_NAME).await?.unwrap_or_default();
    let support = settings::support_contacts(&mut conn).await?;
    let privacy_k = settings::privacy_k(&mut conn).await?;
    let retention_days = settings::retention_days(&mut conn).await?;
    Ok(OrganisationSettings { organisation_name, privacy_k, retention_days, support })
}

/// Parses the settings form: a name, a minimum group size HR statistics may never go below, a
/// retention period, and support contacts of bounded length.
pub fn parse(form: &SettingsForm) -> Result<OrganisationSettings, AppError> {
    validate_name("organisation name", &form.organisation_name).map_err(AppError::at("organisation_name"))?;
    let contact = |field: &'static str, what: &str, text: &str| {
        let text = optional_text(what, text).map_err(AppError::at(field))?;
        if text.chars().count() > MAX_CONTACT_LEN {
            return Err(AppError::at(field)(format!("Keep the {what} under {MAX_CONTACT_LEN} characters.")));
        }
        Ok(text)
    };
    let support = SupportContacts {
        occupational_health: contact("occupational_health", "occupational health contact", &form.occupational_health)?,
        employee_assistance: contact("employee_assistance", "employee assistance contact", &form.employee_assistance)?,
        professional: contact("professional", "professional support contact", &form.professional)?,
    };
    let privacy_k = match form.privacy_k.trim().parse::<i64>() {
        Ok(k) if (MIN_K..=MAX_K).contains(&k) => k,
        _ => return Err(AppError::at("privacy_k")(format!("The minimum group size must be a whole number from {MIN_K} to {MAX_K}."))),
    };
    let retention_days = match form.retention_days.trim().parse::<i64>() {
        Ok(days) if (1..=3650).contains(&days) => days,
        _ => return Err(AppError::at("retention_days")("Keep closed plans for a whole number of days from 1 to 3650.".into())),
    };
    Ok(OrganisationSettings { organisation_name: form.organisation_name.trim().to_owned(), privacy_k, retention_days, support })
}

/// Saves the settings. Returns what changed, as "label: before → after" (empty when nothing did,
/// and then nothing is written).
#[tracing::instrument(skip_all)]
pub async fn save(state: &AppState, admin_id: i64, new: OrganisationSettings) -> Result<Vec<String>, AppError> {
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    // What each setting was, as it takes effect (a setting never saved has its default).
    let saved = [
        ("organisation name", settings::ORGANISATION_NAME, String::new(), new.organisation_name.clone()),
        ("minimum group size", settings::PRIVACY_K, DEFAULT_K.to_string(), new.privacy_k.to_string()),
        ("days closed plans are kept", settings::RETENTION_DAYS, settings::DEFAULT_RETENTION_DAYS.to_string(), new.retention_days.to_string()),
        ("occupational health contact", settings::SUPPORT_OCCUPATIONAL_HEALTH, String::new(), new.support.occupational_health.clone()),
        ("employee assistance contact", settings::SUPPORT_EMPLOYEE_ASSISTANCE, String::new(), new.support.employee_assistance.clone()),
        ("professional support contact", settings::SUPPORT_PROFESSIONAL, String::new(), new.support.professional.clone()),
    ];
    let mut compared = Vec::with_capacity(saved.len());
    for (label, key, default, after) in &saved {
        compared.push((*label, settings::get(&mut tx, key).await?.unwrap_or_else(|| default.clone()), after.clone()));
    }
    let changed = changes(&compared);
    if changed.is_empty() {
        return Ok(changed);
    }
    settings::set(&mut tx, settings::ORGANISATION_NAME, &new.organisation_name).await?;
    settings::set(&mut tx, settings::PRIVACY_K, &new.privacy_k.to_string()).await?;
    settings::set(&mut tx, settings::RETENTION_DAYS, &new.retention_days.to_string()).await?;
    settings::set_support_contacts(&mut tx, &new.support).await?;
    let detail = changed.join("; ");
    crate::server::db::audit::record_counted(&mut tx, now, AuditEvent::new(Some(admin_id), AuditAction::SettingsChanged).detail(&detail)).await?;
    tx.commit().await?;
    state.settings.forget();
    Ok(changed)
}

/// Each setting whose value differs, as "label: before → after" (contacts, which can be long, as
/// "label changed"; an empty value reads "not set").
fn changes(compared: &[(&str, String, String)]) -> Vec<String> {
    let shown = |value: &str| if value.is_empty() { "not set".to_owned() } else { format!("\u{201c}{value}\u{201d}") };
    compared
        .iter()
        .filter(|(_, before, after)| before != after)
        .map(|(label, before, after)| if label.ends_with("contact") { format!("{label} changed") } else { format!("{label}: {} \u{2192} {}", shown(before), shown(after)) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_settings_that_changed_are_named() {
        let compared = [
            ("organisation name", "Acme".to_owned(), "Acme".to_owned()),
            ("minimum group size", "5".to_owned(), "7".to_owned()),
            ("occupational health contact", String::new(), "Dr. Ada, room 4".to_owned()),
            ("days closed plans are kept", "365".to_owned(), "365".to_owned()),
        ];
        assert_eq!(changes(&compared), vec!["minimum group size: \u{201c}5\u{201d} \u{2192} \u{201c}7\u{201d}".to_owned(), "occupational health contact changed".to_owned()]);
        assert!(changes(&compared[..1]).is_empty());
    }

    #[test]
    fn settings_outside_their_bounds_are_refused_at_their_field() {
        let form = SettingsForm { organisation_name: "Acme".into(), privacy_k: "5".into(), retention_days: "365".into(), ..SettingsForm::default() };
        assert_eq!(parse(&form).unwrap().privacy_k, 5);
        assert_eq!(parse(&SettingsForm { privacy_k: (MIN_K - 1).to_string(), ..form.clone() }).unwrap_err().field(), Some("privacy_k"));
        assert_eq!(parse(&SettingsForm { retention_days: "0".into(), ..form.clone() }).unwrap_err().field(), Some("retention_days"));
        assert_eq!(parse(&SettingsForm { professional: "x".repeat(MAX_CONTACT_LEN + 1), ..form }).unwrap_err().field(), Some("professional"));
    }
}
