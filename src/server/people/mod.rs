//! Server-side rules about people: reporting lines without loops, the last admin, temporary
//! passwords; what an admin does to accounts (`accounts`), CSV import, the admin overview and a
//! person's own data.

pub mod accounts;
pub mod import;
pub mod overview;
pub mod own_data;

use crate::model::AppError;
use crate::server::db::{self, Conn, Constraint};
use crate::server::error::{conflict_as, missing};
use chrono::{DateTime, Utc};
use rand::Rng as _;

/// Sets or clears a person's manager, refusing self-management, loops and inactive managers.
/// Checks and write run on `conn`, so inside one write transaction nothing can change between them.
pub async fn set_manager(conn: &mut Conn, now: DateTime<Utc>, person_id: i64, manager_id: Option<i64>) -> Result<(), AppError> {
    if let Some(manager_id) = manager_id {
        if manager_id == person_id {
            return Err(AppError::invalid("Nobody can be their own manager."));
        }
        match db::users::is_active(conn, manager_id).await? {
            None => return Err(AppError::invalid("The chosen manager does not exist.")),
            Some(false) => return Err(AppError::invalid("The chosen manager's account is deactivated.")),
            Some(true) => {}
        }
        if db::users::would_create_cycle(conn, person_id, manager_id).await? {
            return Err(AppError::invalid("That would make a loop in the reporting lines: this person already manages the chosen manager, directly or through others."));
        }
    }
    db::users::set_manager(conn, now, person_id, manager_id).await.map_err(missing(NO_SUCH_PERSON))
}

/// Puts a person in a department, or in none.
pub async fn set_department(conn: &mut Conn, now: DateTime<Utc>, person_id: i64, department_id: Option<i64>) -> Result<(), AppError> {
    match db::users::set_department(conn, now, person_id, department_id).await {
        Err(error) if error.is_conflict_on(Constraint::MissingReference) => Err(AppError::invalid("The chosen department does not exist.")),
        other => other.map_err(missing(NO_SUCH_PERSON)),
    }
}

/// Grants or removes the hr and admin roles. The last active admin keeps theirs.
pub async fn set_roles(conn: &mut Conn, now: DateTime<Utc>, person_id: i64, is_hr: bool, is_admin: bool) -> Result<(), AppError> {
    if !is_admin {
        ensure_not_last_admin(conn, person_id, "remove the admin role from").await?;
    }
    db::users::set_roles(conn, now, person_id, is_hr, is_admin).await.map_err(missing(NO_SUCH_PERSON))
}

/// Activates or deactivates an account. The last active admin cannot be deactivated.
pub async fn set_active(conn: &mut Conn, now: DateTime<Utc>, person_id: i64, active: bool) -> Result<(), AppError> {
    if !active {
        ensure_not_last_admin(conn, person_id, "deactivate").await?;
    }
    db::users::set_active(conn, now, person_id, active).await.map_err(missing(NO_SUCH_PERSON))
}

/// Creates a person, refusing a second account for one email in words that name it.
pub async fn insert(conn: &mut Conn, now: DateTime<Utc>, person: &db::users::NewPerson<'_>) -> Result<i64, AppError> {
    db::users::insert(conn, now, person).await.map_err(conflict_as(Constraint::PersonEmail, format!("Someone with the email {} already has an account.", person.email.trim())))
}

/// What a person is told when the person a change names does not exist.
pub const NO_SUCH_PERSON: &str = "That person does not exist.";

async fn ensure_not_last_admin(conn: &mut Conn, person_id: i64, doing: &str) -> Result<(), AppError> {
    let (is_active_admin, admins) = db::users::admin_standing(conn, person_id).await?;
    if is_active_admin && admins <= 1 {
        return Err(AppError::Conflict(format!("You cannot {doing} the last admin. Make someone else an admin first.")));
    }
    Ok(())
}

/// Letters and digits that cannot be mistaken for one another when read aloud or copied by hand.
const UNAMBIGUOUS: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A random one-time password of four groups of five characters (about 99 bits), for an admin to
/// hand over; the person must replace it at their next sign-in.
pub fn temporary_password() -> String {
    let mut rng = rand::rng();
    (0..4).map(|_| (0..5).map(|_| UNAMBIGUOUS[rng.random_range(0..UNAMBIGUOUS.len())] as char).collect::<String>()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_passwords_are_long_random_and_acceptable() {
        let first = temporary_password();
        assert_eq!(first.len(), 23);
        assert_ne!(first, temporary_password());
        assert_eq!(crate::server::auth::policy::check_new_password(&first, "a@b.org", "Ana"), Ok(()));
    }
}
