//! How dates read on every page: one style for people ("1 Dec 2026"); exports keep ISO 8601.

use crate::model::DAY_FORMAT;
use chrono::{DateTime, NaiveDate, Utc};

/// A day as people read it: "1 Dec 2026".
pub fn day(date: NaiveDate) -> String {
    date.format(DAY_FORMAT).to_string()
}

/// A moment as people read it, in UTC: "1 Dec 2026, 14:05".
pub fn moment(at: DateTime<Utc>) -> String {
    format!("{}, {}", at.format(DAY_FORMAT), at.format("%H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_same_everywhere() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(day(date), "1 Dec 2026");
        assert_eq!(moment(date.and_hms_opt(14, 5, 0).unwrap().and_utc()), "1 Dec 2026, 14:05");
    }
}
