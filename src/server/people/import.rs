//! Bulk import of people from CSV: `email,name,department,manager_email,roles`.
//!
//! All or nothing: every bad row is reported with its line number and nothing is saved unless the
//! whole file is good. Imported people get no usable password, but a one-time link to choose their
//! own: the admin who imported them sees every link once, right after the import.

use crate::model::validation::{normalize_email, validate_email, validate_name};
use crate::model::{AppError, ImportedSignIn};
use crate::server::AppState;
use crate::server::auth::password::PasswordHash;
use crate::server::auth::session::new_token;
use crate::server::db::{self, audit::AuditEvent};
use std::collections::HashMap;

/// The header the file must start with.
pub const EXPECTED_HEADER: [&str; 5] = ["email", "name", "department", "manager_email", "roles"];
/// The most rows one import takes.
pub const MAX_ROWS: usize = 10_000;

/// One good row of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub line: u64,
    pub email: String,
    pub name: String,
    pub department: Option<String>,
    pub manager_email: Option<String>,
    pub is_hr: bool,
    pub is_admin: bool,
}

/// Parses and checks the file on its own (shape, fields, duplicates, loops among its rows).
/// Returns every problem found, each prefixed with its line number.
pub fn parse(text: &str) -> Result<Vec<ImportRow>, Vec<String>> {
    // Browsers send a text area's lines ending in CRLF, after which the CSV reader's line numbers
    // fall one short (seen: "Line 2" for the file's third line). With LF endings they match.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    let mut records = reader.records();
    match records.next() {
        Some(Ok(header)) => {
            let found: Vec<String> = header.iter().map(|field| field.to_lowercase()).collect();
            if found != EXPECTED_HEADER {
                return Err(vec![format!("Line 1: the header must be exactly {}.", EXPECTED_HEADER.join(","))]);
            }
        }
        _ => return Err(vec![format!("The file is empty; it must start with the header {}.", EXPECTED_HEADER.join(","))]),
    }
    let mut seen: HashMap<String, u64> = HashMap::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map(|position| position.line()).unwrap_or(0);
                problems.push(format!("Line {line}: this line cannot be read as CSV."));
                continue;
            }
        };
        let line = record.position().map(|position| position.line()).unwrap_or(0);
        if record.iter().all(str::is_empty) {
            continue;
        }
        if rows.len() + problems.len() >= MAX_ROWS {
            problems.push(format!("Line {line}: a file can hold at most {MAX_ROWS} people; split it."));
            break;
        }
        match check_row(line, &record, &mut seen) {
            Ok(row) => rows.push(row),
            Err(mut errors) => problems.append(&mut errors),
        }
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push("The file has a header but no people.".into());
    }
    if problems.is_empty() {
        problems.extend(loops_within_file(&rows));
    }
    if problems.is_empty() { Ok(rows) } else { Err(problems) }
}

fn check_row(line: u64, record: &csv::StringRecord, seen: &mut HashMap<String, u64>) -> Result<ImportRow, Vec<String>> {
    let mut problems = Vec::new();
    if record.len() != EXPECTED_HEADER.len() {
        return Err(vec![format!("Line {line}: expected 5 fields ({}), found {}.", EXPECTED_HEADER.join(","), record.len())]);
    }
    let field = |index: usize| record.get(index).unwrap_or_default().to_owned();
    let (email, name, department, manager_email, roles) = (field(0), field(1), field(2), field(3), field(4));
    if let Err(message) = validate_email(&email) {
        problems.push(format!("Line {line}: {message}"));
    } else if let Some(first) = seen.insert(normalize_email(&email), line) {
        problems.push(format!("Line {line}: {email} already appears on line {first}."));
    }
    if let Err(message) = validate_name("name", &name) {
        problems.push(format!("Line {line}: {message}"));
    }
    if !department.is_empty()
        && let Err(message) = validate_name("department name", &department)
    {
        problems.push(format!("Line {line}: {message}"));
    }
    if !manager_email.is_empty() {
        if let Err(message) = validate_email(&manager_email) {
            problems.push(format!("Line {line}: manager: {message}"));
        } else if normalize_email(&manager_email) == normalize_email(&email) {
            problems.push(format!("Line {line}: nobody can be their own manager."));
        }
    }
    let (mut is_hr, mut is_admin) = (false, false);
    for role in roles.split([';', ' ', '|']).map(str::trim).filter(|role| !role.is_empty()) {
        match role.to_lowercase().as_str() {
            "hr" => is_hr = true,
            "admin" => is_admin = true,
            // Everyone is an employee, and managing follows from reporting lines.
            "employee" | "manager" => {}
            other => problems.push(format!("Line {line}: unknown role \u{201c}{other}\u{201d}; use hr, admin, employee or manager, separated by semicolons.")),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ImportRow {
        line,
        email,
        name,
        department: (!department.is_empty()).then_some(department),
        manager_email: (!manager_email.is_empty()).then(|| normalize_email(&manager_email)),
        is_hr,
        is_admin,
    })
}

/// Rows whose managers, followed within the file, lead back to themselves.
fn loops_within_file(rows: &[ImportRow]) -> Vec<String> {
    let manager_of: HashMap<String, String> = rows.iter().filter_map(|row| row.manager_email.clone().map(|manager| (normalize_email(&row.email), manager))).collect();
    let mut problems = Vec::new();
    for row in rows {
        let start = normalize_email(&row.email);
        let mut current = start.clone();
        for _ in 0..rows.len() {
            match manager_of.get(&current) {
                Some(next) if *next == start => {
                    problems.push(format!("Line {}: the reporting lines in this file form a loop through {}.", row.line, row.email));
                    break;
                }
                Some(next) => current = next.clone(),
                None => break,
            }
        }
    }
    problems
}

/// How long an imported person's first sign-in link works.
pub const SIGN_IN_LINK_DAYS: i64 = 7;

/// Imports a file in one transaction; returns the new people in file order, each with the
/// one-time token of their first sign-in link (valid for [`SIGN_IN_LINK_DAYS`]).
/// `origin` ("https://rebound.example") starts each link.
#[tracing::instrument(level = "debug", skip_all, fields(actor_id))]
pub async fn import_csv(state: &AppState, actor_id: i64, text: &str, origin: &str) -> Result<Vec<ImportedSignIn>, AppError> {
    let rows = parse(text).map_err(AppError::InvalidRows)?;
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    let in_file: HashMap<String, u64> = rows.iter().map(|row| (normalize_email(&row.email), row.line)).collect();
    let mut problems = Vec::new();
    for row in &rows {
        if db::users::id_by_email(&mut tx, &row.email).await?.is_some() {
            problems.push(format!("Line {}: {} already has an account.", row.line, row.email));
        }
        if let Some(manager) = &row.manager_email
            && !in_file.contains_key(manager)
            && db::users::id_by_email(&mut tx, manager).await?.is_none()
        {
            problems.push(format!("Line {}: the manager {manager} is neither in this file nor an existing person.", row.line));
        }
    }
    if !problems.is_empty() {
        return Err(AppError::InvalidRows(problems));
    }
    // Nobody can sign in with this; an admin issues a temporary password when the person needs one.
    let unusable = PasswordHash::from_stored("!imported-no-password".into());
    let mut ids = Vec::with_capacity(rows.len());
    for row in &rows {
        let department_id = match &row.department {
            Some(name) => Some(db::departments::find_or_create(&mut tx, now, name).await?),
            None => None,
        };
        let id = crate::server::people::insert(
            &mut tx,
            now,
            &db::users::NewPerson {
                email: &row.email,
                display_name: &row.name,
                password_hash: &unusable,
                must_change_password: true,
                is_hr: row.is_hr,
                is_admin: row.is_admin,
                department_id,
                manager_id: None,
            },
        )
        .await
        .map_err(|error| AppError::InvalidRows(vec![format!("Line {}: {error}", row.line)]))?;
        ids.push(id);
    }
    for row in &rows {
        if let Some(manager) = &row.manager_email {
            let person = db::users::id_by_email(&mut tx, &row.email).await?.ok_or(AppError::Internal)?;
            let manager_id = db::users::id_by_email(&mut tx, manager).await?.ok_or(AppError::Internal)?;
            crate::server::people::set_manager(&mut tx, now, person, Some(manager_id)).await.map_err(|error| AppError::InvalidRows(vec![format!("Line {}: {error}", row.line)]))?;
        }
    }
    let expires_at = now + chrono::Duration::days(SIGN_IN_LINK_DAYS);
    let mut imported = Vec::with_capacity(rows.len());
    for (row, id) in rows.iter().zip(ids) {
        let (token, hash) = new_token();
        db::first_sign_in::issue(&mut tx, now, id, &hash, expires_at).await?;
        imported.push(ImportedSignIn {
            person_id: id,
            line: row.line,
            email: row.email.clone(),
            display_name: row.name.clone(),
            sign_in_link: format!("{origin}/welcome?token={token}"),
            expires_on: expires_at.date_naive(),
        });
    }
    let count = imported.len().to_string();
    db::audit::record_counted(&mut tx, now, AuditEvent::new(Some(actor_id), crate::model::AuditAction::PeopleImported).detail(&count)).await?;
    tx.commit().await?;
    Ok(imported)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "email,name,department,manager_email,roles\n";

    #[test]
    fn a_good_file_parses_with_roles_departments_and_managers() {
        let rows = parse(&format!("{HEADER}boss@x.org,Boss,Sales,,admin;hr\nann@x.org,Ann,Sales,BOSS@x.org,employee\n")).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].is_admin && rows[0].is_hr);
        assert_eq!(rows[1].manager_email.as_deref(), Some("boss@x.org"));
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line_number() {
        let text = format!("{HEADER}good@x.org,Good,,,\nnot-an-email,Bad,,,\ndup@x.org,Dup,,,\nDUP@x.org,Dup2,,,\nx@x.org,,,,\ny@x.org,Y,,,wizard\nshort,row\n");
        let problems = parse(&text).unwrap_err();
        let joined = problems.join("\n");
        for expected in ["Line 3:", "Line 5: DUP@x.org already appears on line 4", "Line 6: Enter a name", "Line 7: unknown role", "Line 8: expected 5 fields"] {
            assert!(joined.contains(expected), "missing {expected:?} in {joined}");
        }
        assert!(!joined.contains("Line 2:"));
    }

    #[test]
    fn a_wrong_header_or_an_empty_file_is_refused() {
        assert!(parse("").unwrap_err()[0].contains("empty"));
        assert!(parse("mail,name\n").unwrap_err()[0].contains("Line 1"));
        assert!(parse(HEADER).unwrap_err()[0].contains("no people"));
    }

    #[test]
    fn loops_and_self_management_inside_the_file_are_refused() {
        let looped = parse(&format!("{HEADER}a@x.org,A,,b@x.org,\nb@x.org,B,,a@x.org,\n")).unwrap_err();
        assert_eq!(looped.len(), 2);
        assert!(looped[0].contains("loop"));
        let own = parse(&format!("{HEADER}a@x.org,A,,a@x.org,\n")).unwrap_err();
        assert!(own[0].contains("own manager"));
    }
}

#[cfg(test)]
mod line_number_tests {
    use super::parse;

    #[test]
    fn lines_are_numbered_as_the_file_shows_them_whatever_its_line_endings() {
        for newline in ["\n", "\r\n", "\r"] {
            let text = ["email,name,department,manager_email,roles", "lena@example.org,Lena,,,", "not-an-email,Broken,,,", ""].join(newline);
            let problems = parse(&text).unwrap_err();
            assert!(problems[0].starts_with("Line 3:"), "{newline:?}: {problems:?}");
        }
    }
}
