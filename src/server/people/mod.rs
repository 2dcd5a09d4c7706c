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
#[tracing::instrument(level = "debug", skip_all, fields(person_id, ?manager_id))]
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
#[tracing::instrument(level = "debug", skip_all, fields(person_id, ?department_id))]
pub async fn set_department(conn: &mut Conn, now: DateTime<Utc>, person_id: i64, department_id: Option<i64>) -> Result<(), AppError> {
    match db::users::set_department(conn, now, person_id, department_id).await {
        Err(error) if error.is_conflict_on(Constraint::MissingReference) => Err(AppError::invalid("The chosen department does not exist.")),
        other => other.map_err(missing(NO_SUCH_PERSON)),
    }
}

/// Grants or removes the hr and admin roles. The last active admin keeps theirs.
#[tracing::instrument(level = "debug", skip_all, fields(person_id, is_hr, is_admin))]
pub async fn set_roles(conn: &mut Conn, now: DateTime<Utc>, person_id: i64, is_hr: bool, is_admin: bool) -> Result<(), AppError> {
    if !is_admin {
        ensure_not_last_admin(conn, person_id, "remove the admin role from").await?;
    }
    db::users::set_roles(conn, now, person_id, is_hr, is_admin).await.map_err(missing(NO_SUCH_PERSON))
}

/// Activates or deactivates an account. The last active admin cannot be deactivated.
#[tracing::instrument(level = "debug", skip_all, fields(person_id, active))]
pub async fn set_active(conn: &mut Conn, now: DateTime<Utc>, person_id: i64, active: bool) -> Result<(), AppError> {
    if !active {
        ensure_not_last_admin(conn, person_id, "deactivate").await?;
    }
    db::users::set_active(conn, now, person_id, active).await.map_err(missing(NO_SUCH_PERSON))
}

/// Creates a person, refusing a second account for one email in words that name it.
#[tracing::instrument(level = "debug", skip_all)]
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
    use crate::server::auth::password::PasswordHash;
    use crate::server::db::test_support::{add_person as add, fresh_pool};

    #[test]
    fn temporary_passwords_are_long_random_and_acceptable() {
        let first = temporary_password();
        assert_eq!(first.len(), 23);
        assert_ne!(first, temporary_password());
        assert_eq!(crate::server::auth::policy::check_new_password(&first, "a@b.org", "Ana"), Ok(()));
    }

    #[tokio::test]
    async fn reporting_lines_refuse_self_management_and_loops() {
        let (pool, _dir) = fresh_pool().await;
        let mut conn = pool.test_writer().await;
        let top = add(&mut conn, "top@example.org", None, false).await;
        let middle = add(&mut conn, "middle@example.org", Some(top), false).await;
        let bottom = add(&mut conn, "bottom@example.org", Some(middle), false).await;
        assert!(set_manager(&mut conn, crate::server::clock::now(), top, Some(top)).await.is_err());
        assert!(set_manager(&mut conn, crate::server::clock::now(), top, Some(bottom)).await.unwrap_err().to_string().contains("loop"));
        assert!(set_manager(&mut conn, crate::server::clock::now(), top, Some(middle)).await.is_err());
        set_manager(&mut conn, crate::server::clock::now(), bottom, Some(top)).await.unwrap();
        assert_eq!(db::users::summary(&mut pool.test_writer().await, bottom).await.unwrap().unwrap().manager_id, Some(top));
        assert_eq!(db::users::summary(&mut pool.test_writer().await, top).await.unwrap().unwrap().direct_report_count, 2);
        let managers: Vec<i64> = db::users::managers(&mut pool.test_writer().await).await.unwrap().into_iter().map(|p| p.id).collect();
        assert_eq!(managers, vec![top]);
        let reports: Vec<i64> = crate::server::db::plans::team(&mut pool.test_writer().await, top).await.unwrap().into_iter().map(|member| member.person_id).collect();
        assert_eq!(reports, vec![bottom, middle]);
    }

    #[tokio::test]
    async fn the_last_admin_keeps_the_role_and_stays_active() {
        let (pool, _dir) = fresh_pool().await;
        let mut conn = pool.test_writer().await;
        let admin = add(&mut conn, "admin@example.org", None, true).await;
        assert!(matches!(set_roles(&mut conn, crate::server::clock::now(), admin, false, false).await, Err(AppError::Conflict(_))));
        assert!(matches!(set_active(&mut conn, crate::server::clock::now(), admin, false).await, Err(AppError::Conflict(_))));
        let second = add(&mut conn, "second@example.org", None, true).await;
        set_roles(&mut conn, crate::server::clock::now(), admin, true, false).await.unwrap();
        let after = db::users::summary(&mut pool.test_writer().await, admin).await.unwrap().unwrap();
        assert!(after.is_hr && !after.is_admin);
        assert!(set_active(&mut conn, crate::server::clock::now(), second, false).await.is_err());
    }

    #[tokio::test]
    async fn a_viewer_is_a_manager_only_with_active_reports_and_inactive_people_are_not_viewers() {
        let (pool, _dir) = fresh_pool().await;
        let mut conn = pool.test_writer().await;
        let boss = add(&mut conn, "boss@example.org", None, false).await;
        let report = add(&mut conn, "report@example.org", Some(boss), false).await;
        assert!(db::users::viewer(&mut pool.test_writer().await, boss).await.unwrap().unwrap().is_manager);
        set_active(&mut conn, crate::server::clock::now(), report, false).await.unwrap();
        assert!(!db::users::viewer(&mut pool.test_writer().await, boss).await.unwrap().unwrap().is_manager);
        assert!(db::users::viewer(&mut pool.test_writer().await, report).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn passwords_and_departments_update_and_unknown_people_are_not_found() {
        let (pool, _dir) = fresh_pool().await;
        let mut conn = pool.test_writer().await;
        let person = add(&mut conn, "p@example.org", None, false).await;
        db::users::set_password(&mut conn, crate::server::clock::now(), person, &PasswordHash::from_stored("new".into()), true).await.unwrap();
        assert_eq!(db::users::password_hash(&mut pool.test_writer().await, person).await.unwrap().unwrap().as_stored(), "new");
        assert!(db::users::viewer(&mut pool.test_writer().await, person).await.unwrap().unwrap().must_change_password);
        assert!(matches!(set_department(&mut conn, crate::server::clock::now(), person, Some(999)).await, Err(AppError::Invalid(_))));
        assert!(matches!(set_active(&mut conn, crate::server::clock::now(), 999, true).await, Err(AppError::NotFound(_))));
        assert_eq!(db::users::id_by_email(&mut conn, "P@EXAMPLE.ORG").await.unwrap(), Some(person));
        assert!(!db::users::any_admin_exists(&mut conn).await.unwrap());
    }
}
