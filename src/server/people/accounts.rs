//! What an admin does to people's accounts and the organisation's shape: add a person, move them
//! in the reporting line or between departments, change roles, deactivate, issue a temporary
//! password, erase their plans, add a department. Each is one transaction with its audit entry.

use crate::model::forms::{PersonForm, SetupForm, ticked};
use crate::model::validation::{validate_email, validate_name};
use crate::model::{AppError, AuditAction, IssuedPassword};
use crate::server::AppState;
use crate::server::auth::sign_in::NewPassword;
use crate::server::db::{self, Conn, audit::AuditEvent, settings};
use crate::server::people::{NO_SUCH_PERSON, temporary_password};

/// A manager named by email on a form: "" is none; an address nobody has is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagerEmail(Option<String>);

impl ManagerEmail {
    /// Parses the `manager_email` field.
    pub fn parse(email: &str) -> Result<Self, AppError> {
        let email = email.trim();
        if email.is_empty() {
            return Ok(Self(None));
        }
        validate_email(email).map_err(|message| AppError::at("manager_email")(format!("Manager: {message}")))?;
        Ok(Self(Some(email.to_owned())))
    }

    /// The manager's id, looked up on `conn`.
    async fn resolve(&self, conn: &mut Conn) -> Result<Option<i64>, AppError> {
        let Some(email) = &self.0 else { return Ok(None) };
        match db::users::id_by_email(conn, email).await? {
            Some(id) => Ok(Some(id)),
            None => Err(AppError::at("manager_email")(format!("No person has the email {email}; check the manager's address."))),
        }
    }
}

/// A department chosen on a form by id ("" means none).
pub fn department_choice(value: &str) -> Result<Option<i64>, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    value.parse::<i64>().map(Some).map_err(|_| AppError::invalid("The department is not a valid choice."))
}

/// A new account, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub email: String,
    pub display_name: String,
    pub department_id: Option<i64>,
    pub manager: ManagerEmail,
    pub is_hr: bool,
    pub is_admin: bool,
}

impl NewAccount {
    /// Parses the add-person form.
    pub fn parse(form: &PersonForm) -> Result<Self, AppError> {
        validate_email(&form.email).map_err(AppError::at("email"))?;
        validate_name("name", &form.display_name).map_err(AppError::at("display_name"))?;
        Ok(Self {
            email: form.email.trim().to_owned(),
            display_name: form.display_name.trim().to_owned(),
            department_id: department_choice(&form.department_id)?,
            manager: ManagerEmail::parse(&form.manager_email)?,
            is_hr: ticked(&form.is_hr),
            is_admin: ticked(&form.is_admin),
        })
    }
}

/// Creates a person with a temporary password they must replace at first sign-in.
#[tracing::instrument(skip(state, account))]
pub async fn create(state: &AppState, admin_id: i64, account: NewAccount) -> Result<IssuedPassword, AppError> {
    let password = temporary_password();
    let hash = state.hasher.hash(password.clone()).await?;
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    let manager_id = account.manager.resolve(&mut tx).await?;
    let person = super::insert(
        &mut tx,
        now,
        &db::users::NewPerson {
            email: &account.email,
            display_name: &account.display_name,
            password_hash: &hash,
            must_change_password: true,
            is_hr: account.is_hr,
            is_admin: account.is_admin,
            department_id: None,
            manager_id: None,
        },
    )
    .await?;
    super::set_department(&mut tx, now, person, account.department_id).await?;
    super::set_manager(&mut tx, now, person, manager_id).await?;
    db::audit::record_counted(&mut tx, now, AuditEvent::new(Some(admin_id), AuditAction::PersonCreated).on_person(person)).await?;
    tx.commit().await?;
    Ok(IssuedPassword { person_id: person, email: account.email, display_name: account.display_name, temporary_password: password })
}

/// Sets a person's manager and department. Plans follow the reporting line: their timelines
/// record the handover.
#[tracing::instrument(skip(state, manager))]
pub async fn set_reporting(state: &AppState, admin_id: i64, person_id: i64, manager: ManagerEmail, department_id: Option<i64>) -> Result<(), AppError> {
    let now = state.now();
    // What the person was is read inside the write, so the change is compared with the state it
    // replaces.
    let mut tx = state.pool.begin_write().await?;
    let manager_id = manager.resolve(&mut tx).await?;
    let before = db::users::summary(&mut tx, person_id).await?.ok_or_else(|| AppError::NotFound(NO_SUCH_PERSON.into()))?;
    if before.manager_id != manager_id {
        super::set_manager(&mut tx, now, person_id, manager_id).await?;
        db::audit::record_counted(&mut tx, now, AuditEvent::new(Some(admin_id), AuditAction::ReportingLineChanged).on_person(person_id)).await?;
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
        db::plans::record_handover(&mut tx, now, person_id, admin_id, &line).await?;
    }
    if before.department_id != department_id {
        super::set_department(&mut tx, now, person_id, department_id).await?;
        db::audit::record_counted(&mut tx, now, AuditEvent::new(Some(admin_id), AuditAction::DepartmentChanged).on_person(person_id)).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Grants or removes the hr and admin roles.
#[tracing::instrument(skip(state))]
pub async fn set_roles(state: &AppState, admin_id: i64, person_id: i64, is_hr: bool, is_admin: bool) -> Result<(), AppError> {
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    super::set_roles(&mut tx, now, person_id, is_hr, is_admin).await?;
    let detail = match (is_hr, is_admin) {
        (true, true) => "hr,admin",
        (true, false) => "hr",
        (false, true) => "admin",
        (false, false) => "none",
    };
    db::audit::record_counted(&mut tx, now, AuditEvent::new(Some(admin_id), AuditAction::RolesChanged).on_person(person_id).detail(detail)).await?;
    tx.commit().await?;
    Ok(())
}

/// Deactivates (ending their sessions at once) or reactivates a person.
#[tracing::instrument(skip(state))]
pub async fn set_active(state: &AppState, admin_id: i64, person_id: i64, active: bool) -> Result<(), AppError> {
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    super::set_active(&mut tx, now, person_id, active).await?;
    if !active {
        db::sessions::delete_for_user(&mut tx, person_id, None).await?;
    }
    let action = if active { AuditAction::PersonReactivated } else { AuditAction::PersonDeactivated };
    db::audit::record_counted(&mut tx, now, AuditEvent::new(Some(admin_id), action).on_person(person_id)).await?;
    tx.commit().await?;
    Ok(())
}

/// Issues a new temporary password; the person must choose their own at next sign-in, and their
/// sessions end. A temporary password replaces any first sign-in link not used yet.
#[tracing::instrument(skip(state))]
pub async fn reset_password(state: &AppState, admin_id: i64, person_id: i64) -> Result<IssuedPassword, AppError> {
    let password = temporary_password();
    let hash = state.hasher.hash(password.clone()).await?;
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    let person = db::users::summary(&mut tx, person_id).await?.ok_or_else(|| AppError::NotFound(NO_SUCH_PERSON.into()))?;
    db::users::set_password(&mut tx, now, person_id, &hash, true).await?;
    db::first_sign_in::revoke(&mut tx, person_id).await?;
    db::sessions::delete_for_user(&mut tx, person_id, None).await?;
    db::audit::record_counted(&mut tx, now, AuditEvent::new(Some(admin_id), AuditAction::PasswordReset).on_person(person_id)).await?;
    tx.commit().await?;
    Ok(IssuedPassword { person_id, email: person.email, display_name: person.display_name, temporary_password: password })
}

/// Erases every recovery plan of a person, for good (an erasure request), recorded without
/// content. Returns the person's name and how many plans were erased.
#[tracing::instrument(skip(state))]
pub async fn erase_plans(state: &AppState, admin_id: i64, person_id: i64) -> Result<(String, u64), AppError> {
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    let person = db::users::summary(&mut tx, person_id).await?.ok_or_else(|| AppError::NotFound(NO_SUCH_PERSON.into()))?;
    let erased = db::plans::erase_for_employee(&mut tx, person_id).await?;
    let count = erased.to_string();
    db::audit::record_counted(&mut tx, now, AuditEvent::new(Some(admin_id), AuditAction::PlansErased).on_person(person_id).detail(&count)).await?;
    tx.commit().await?;
    // Erased text must not linger in free pages of the database file.
    db::maintenance::flush_deleted_pages(&state.pool).await?;
    Ok((person.display_name, erased))
}

/// Creates a department; returns its name as saved.
#[tracing::instrument(skip(state))]
pub async fn create_department(state: &AppState, admin_id: i64, name: &str) -> Result<String, AppError> {
    validate_name("department name", name).map_err(AppError::at("name"))?;
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    let id = db::departments::insert(&mut tx, now, name).await?;
    db::audit::record_counted(&mut tx, now, AuditEvent::new(Some(admin_id), AuditAction::DepartmentCreated).on_department(id)).await?;
    tx.commit().await?;
    Ok(name.trim().to_owned())
}

/// The first admin, as the setup form names them.
struct FirstAdmin {
    display_name: String,
    email: String,
    password: NewPassword,
}

/// Claims a new instance with the one-time setup token: creates the first admin.
#[tracing::instrument(skip_all)]
pub async fn claim_instance(state: &AppState, form: SetupForm) -> Result<(), AppError> {
    let SetupForm { token, display_name, email, password, confirm_password } = form;
    let token = token.as_str();
    // Check the token before anything else, so nobody without it learns anything.
    crate::server::auth::setup::check_token(&mut state.pool.acquire().await?, token).await?;
    let FirstAdmin { display_name, email, password } = first_admin(&display_name, &email, password, &confirm_password)?;
    let hash = state.hasher.hash(password.into_string()).await?;
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    // Checked again inside the transaction: two people racing with the token cannot both win.
    crate::server::auth::setup::check_token(&mut tx, token).await?;
    let admin = super::insert(
        &mut tx,
        now,
        &db::users::NewPerson {
            email: &email,
            display_name: &display_name,
            password_hash: &hash,
            must_change_password: false,
            is_hr: false,
            is_admin: true,
            department_id: None,
            manager_id: None,
        },
    )
    .await?;
    settings::remove(&mut tx, settings::SETUP_TOKEN_HASH).await?;
    db::audit::record(&mut tx, now, AuditEvent::new(Some(admin), AuditAction::InstanceClaimed).on_person(admin)).await?;
    tx.commit().await?;
    // The header and the start page stop saying that setup is needed.
    state.settings.forget();
    Ok(())
}

/// Parses the setup form's person: a name, an email and a password typed twice.
fn first_admin(display_name: &str, email: &str, password: String, confirmation: &str) -> Result<FirstAdmin, AppError> {
    validate_name("name", display_name).map_err(AppError::at("display_name"))?;
    validate_email(email).map_err(AppError::at("email"))?;
    let password = NewPassword::parse("password", password, confirmation, email, display_name)?;
    Ok(FirstAdmin { display_name: display_name.to_owned(), email: email.to_owned(), password })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_account_is_checked_field_by_field() {
        let form = PersonForm { email: "ana@example.org".into(), display_name: "Ana".into(), is_hr: Some("on".into()), ..PersonForm::default() };
        let account = NewAccount::parse(&form).unwrap();
        assert_eq!((account.is_hr, account.is_admin, account.department_id, account.manager), (true, false, None, ManagerEmail(None)));
        assert_eq!(NewAccount::parse(&PersonForm { email: "not-an-email".into(), ..form.clone() }).unwrap_err().field(), Some("email"));
        assert_eq!(NewAccount::parse(&PersonForm { manager_email: "nope".into(), ..form.clone() }).unwrap_err().field(), Some("manager_email"));
        assert!(NewAccount::parse(&PersonForm { department_id: "x".into(), ..form }).is_err());
    }
}
