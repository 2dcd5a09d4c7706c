//! Server-side rules about people that are more than one query: temporary passwords and CSV import.

pub mod import;

use rand::Rng as _;

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
