//! Input rules shared by forms and server functions. The server always re-checks.

/// Longest accepted email address (RFC 5321 path limit).
pub const MAX_EMAIL_LEN: usize = 254;
/// Longest accepted display or department name.
pub const MAX_NAME_LEN: usize = 100;
/// Password length bounds; no composition rules (NIST SP 800-63B).
pub const MIN_PASSWORD_LEN: usize = 12;
pub const MAX_PASSWORD_LEN: usize = 128;

/// Lower-cases and trims an email so that addresses differing only in case are the same person.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Checks an email address's shape: one `@`, something on each side, a dot in the domain, no spaces.
pub fn validate_email(email: &str) -> Result<(), String> {
    let email = email.trim();
    if email.is_empty() {
        return Err("Enter an email address.".into());
    }
    if email.chars().count() > MAX_EMAIL_LEN {
        return Err(format!("An email address can be at most {MAX_EMAIL_LEN} characters."));
    }
    let well_formed = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if well_formed { Ok(()) } else { Err(format!("\u{201c}{}\u{201d} is not an email address like name@example.org.", clip(email))) }
}

/// Checks a person's display name or a department name: present, not too long, printable.
pub fn validate_name(what: &str, name: &str) -> Result<(), String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(format!("Enter a {what}."));
    }
    if name.chars().count() > MAX_NAME_LEN {
        return Err(format!("A {what} can be at most {MAX_NAME_LEN} characters."));
    }
    if name.chars().any(char::is_control) {
        return Err(format!("A {what} cannot contain control characters."));
    }
    Ok(())
}

/// Checks a new password's length. (The server also rejects common passwords.)
pub fn validate_password_length(password: &str) -> Result<(), String> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_LEN {
        Err(format!("Use at least {MIN_PASSWORD_LEN} characters; a short phrase of several words works well."))
    } else if length > MAX_PASSWORD_LEN {
        Err(format!("Use at most {MAX_PASSWORD_LEN} characters."))
    } else {
        Ok(())
    }
}

fn clip(text: &str) -> String {
    let clipped: String = text.chars().take(60).collect();
    if clipped.len() < text.len() { format!("{clipped}\u{2026}") } else { clipped }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_differing_in_case_normalize_to_the_same_address() {
        assert_eq!(normalize_email("  Ana.Lopez@Example.ORG "), "ana.lopez@example.org");
    }

    #[test]
    fn well_formed_emails_are_accepted() {
        for email in ["a@b.co", "ana.lopez+work@example.org", "x@sub.example.com"] {
            assert_eq!(validate_email(email), Ok(()), "{email}");
        }
    }

    #[test]
    fn malformed_emails_are_rejected_with_a_message() {
        for email in ["", "plain", "@example.org", "a@", "a@b", "a@@b.org", "a b@c.org", "a@.org", "a@org.", "a\u{7}@b.org"] {
            let error = validate_email(email).expect_err(email);
            assert!(!error.is_empty());
        }
        assert!(validate_email(&format!("{}@example.org", "a".repeat(250))).is_err());
    }

    #[test]
    fn names_must_be_present_short_and_printable() {
        assert_eq!(validate_name("name", "Ana López"), Ok(()));
        assert!(validate_name("name", "   ").unwrap_err().contains("Enter a name"));
        assert!(validate_name("name", &"x".repeat(101)).unwrap_err().contains("at most 100"));
        assert!(validate_name("name", "tab\there").is_err());
    }

    #[test]
    fn password_length_is_bounded_on_both_sides_counting_characters() {
        assert!(validate_password_length("elevenchars").is_err());
        assert_eq!(validate_password_length("twelve chars"), Ok(()));
        assert_eq!(validate_password_length(&"é".repeat(128)), Ok(()));
        assert!(validate_password_length(&"a".repeat(129)).is_err());
    }
}
