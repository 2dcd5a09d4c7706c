//! What the admin pages read beyond the people themselves: how far the instance is set up, and
//! the sign-in and admin events of the audit log, filtered.

use crate::model::forms::AuditFilterForm;
use crate::model::{AppError, AuditAction, AuditEntry, FirstRun, parse_optional_date};
use crate::server::AppState;
use crate::server::db;
use chrono::{DateTime, NaiveDate, Utc};

/// The most audit events one view lists.
const AUDIT_PAGE_SIZE: i64 = 500;

/// How far the instance is set up, for the first-run checklist.
#[tracing::instrument(skip_all)]
pub async fn first_run(state: &AppState) -> Result<FirstRun, AppError> {
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

/// The audit view's filter: one kind of event (or all) between two days, both included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditFilter {
    action: Option<AuditAction>,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
}

impl AuditFilter {
    /// Parses the filter form: `action` "" for every kind (plan reads and writes are never
    /// offered), either day "" for an open end.
    pub fn parse(form: &AuditFilterForm, today: NaiveDate) -> Result<Self, AppError> {
        let (action, since, until) = (form.action.as_str(), form.since.as_str(), form.until.as_str());
        let action = match action.trim() {
            "" => None,
            word => Some(AuditAction::parse(word).filter(|action| !action.is_about_a_plan()).ok_or_else(|| AppError::invalid("Choose an event type from the list."))?),
        };
        let day = |what: &str, text: &str| parse_optional_date(what, text).map_err(AppError::Invalid);
        // Open ends default to days every stored timestamp falls between.
        let since = day("the start date", since)?.unwrap_or(NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(today));
        let until = day("the end date", until)?.unwrap_or(today.max(since)) + chrono::Duration::days(1);
        if since >= until {
            return Err(AppError::invalid("The start date must not be after the end date."));
        }
        let midnight = |date: NaiveDate| date.and_hms_opt(0, 0, 0).map(|time| time.and_utc()).unwrap_or_default();
        Ok(Self { action, since: midnight(since), until: midnight(until) })
    }
}

/// Sign-in and admin events matching `filter`, newest first (never plan reads or writes).
#[tracing::instrument(skip_all)]
pub async fn audit_events(state: &AppState, filter: AuditFilter) -> Result<Vec<AuditEntry>, AppError> {
    Ok(db::audit::admin_events(&mut state.pool.acquire().await?, filter.action, filter.since, filter.until, AUDIT_PAGE_SIZE).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(action: &str, since: &str, until: &str, today: NaiveDate) -> Result<AuditFilter, AppError> {
        AuditFilter::parse(&AuditFilterForm { action: action.into(), since: since.into(), until: until.into() }, today)
    }

    #[test]
    fn the_audit_filter_takes_open_ends_and_refuses_plan_events_and_reversed_days() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let all = filter("", "", "", today).unwrap();
        assert_eq!((all.action, all.until.date_naive()), (None, NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()), "until today, included");
        assert_eq!(filter("sign_in", "2026-11-01", "2026-11-01", today).unwrap().action, Some(AuditAction::SignIn));
        assert!(filter("plan_read", "", "", today).is_err(), "plan reads belong to the employee's log");
        assert!(filter("nonsense", "", "", today).is_err());
        assert!(filter("", "2026-11-02", "2026-11-01", today).is_err());
        assert!(filter("", "yesterday", "", today).is_err());
    }
}
