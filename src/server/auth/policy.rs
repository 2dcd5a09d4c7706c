//! What makes a new password acceptable: 12 to 128 characters, no composition rules, and not one
//! of the passwords attackers try first.

use crate::model::validation::validate_password_length;
use std::collections::HashSet;
use std::sync::OnceLock;

static COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

fn common_passwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMMON_PASSWORDS.lines().filter(|line| !line.starts_with('#')).collect())
}

/// Checks a new password for a person with the given email and name.
pub fn check_new_password(password: &str, email: &str, display_name: &str) -> Result<(), String> {
    validate_password_length(password)?;
    let lowered = password.to_lowercase();
    let too_common = "That password is among the most commonly used ones; choose something less predictable, such as a few unrelated words.";
    if common_passwords().contains(lowered.as_str()) {
        return Err(too_common.into());
    }
    // A common password padded with digits or symbols ("password1234!") is still guessed early.
    let core = lowered.trim_end_matches(|c: char| !c.is_alphabetic()).trim_start_matches(|c: char| !c.is_alphabetic());
    if !core.is_empty() && core.len() < lowered.len() && common_passwords().contains(core) {
        return Err(too_common.into());
    }
    if is_repetitive(&lowered) {
        return Err("That password is a short pattern repeated; choose something less predictable.".into());
    }
    let local_part = email.split('@').next().unwrap_or_default().to_lowercase();
    let name = display_name.trim().to_lowercase();
    if (local_part.len() >= 4 && lowered.contains(&local_part)) || (name.len() >= 4 && lowered.contains(&name)) {
        return Err("Your password should not contain your name or email address.".into());
    }
    Ok(())
}

/// True when the whole password is one short unit (up to 4 characters) repeated, like "abcabcabcabc".
fn is_repetitive(password: &str) -> bool {
    let chars: Vec<char> = password.chars().collect();
    (1..=4).any(|unit| chars.len().is_multiple_of(unit) && chars.chunks(unit).all(|chunk| chunk == &chars[..unit]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_uncommon_passphrase_is_accepted() {
        assert_eq!(check_new_password("violet tram under the bridge", "ana@example.org", "Ana Lopez"), Ok(()));
    }

    #[test]
    fn length_is_checked_first() {
        assert!(check_new_password("short", "a@b.org", "A").unwrap_err().contains("at least 12"));
    }

    #[test]
    fn common_passwords_are_rejected_in_any_case_and_with_padding() {
        for password in ["iloveyou12345", "1q2w3e4r5t6y", "QWERTY123456", "password1234!", "!!Sunshine2024"] {
            let verdict = check_new_password(password, "a@b.org", "A");
            assert!(verdict.is_err(), "{password} should be rejected");
        }
    }

    #[test]
    fn repeated_patterns_and_personal_details_are_rejected() {
        assert!(check_new_password("aaaaaaaaaaaaaa", "a@b.org", "A").is_err());
        assert!(check_new_password("abcabcabcabc", "a@b.org", "A").is_err());
        assert!(check_new_password("my name is analopez", "analopez@b.org", "Ana").is_err());
        assert!(check_new_password("call me ana lopez ok", "x@b.org", "Ana Lopez").is_err());
    }
}
