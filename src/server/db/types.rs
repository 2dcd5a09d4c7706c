//! How the model's vocabularies are stored: each as its lower-case word in a text column, on
//! both engines, so rows decode straight into them and a stored word the build does not know is
//! a decoding error rather than a silent default.

use crate::model::{DueKind, Outcome, PlanStatus, Recognition, RiskLevel, TaskKind, TaskStatus, Visibility};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Encode, Type};

macro_rules! stored_as_word {
    ($($name:ident),+ $(,)?) => {$(
        impl<DB: Database> Type<DB> for $name
        where
            str: Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <str as Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <str as Type<DB>>::compatible(ty)
            }
        }

        impl<'r, DB: Database> Decode<'r, DB> for $name
        where
            &'r str: Decode<'r, DB>,
        {
            fn decode(value: DB::ValueRef<'r>) -> Result<Self, BoxDynError> {
                let word = <&'r str as Decode<'r, DB>>::decode(value)?;
                $name::parse(word).ok_or_else(|| format!("{word:?} is not a {}", stringify!($name)).into())
            }
        }

        impl<'q, DB: Database> Encode<'q, DB> for $name
        where
            &'q str: Encode<'q, DB>,
        {
            fn encode_by_ref(&self, buf: &mut DB::ArgumentBuffer<'q>) -> Result<IsNull, BoxDynError> {
                <&'q str as Encode<'q, DB>>::encode(self.as_str(), buf)
            }
        }
    )+};
}

stored_as_word!(DueKind, PlanStatus, Outcome, Visibility, Recognition, TaskKind, TaskStatus, RiskLevel);

/// A calendar date as stored: `DATE` on PostgreSQL, `YYYY-MM-DD` text on SQLite. SQLite's text is
/// read digit by digit: sqlx decodes it through chrono's general-purpose parser, which took a
/// twentieth of a team page's time. Any other text goes to that parser (and its error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub chrono::NaiveDate);

impl From<Day> for chrono::NaiveDate {
    fn from(day: Day) -> Self {
        day.0
    }
}

impl Type<sqlx::Sqlite> for Day {
    fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
        <chrono::NaiveDate as Type<sqlx::Sqlite>>::type_info()
    }
    fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
        <chrono::NaiveDate as Type<sqlx::Sqlite>>::compatible(ty)
    }
}

impl<'r> Decode<'r, sqlx::Sqlite> for Day {
    fn decode(value: sqlx::sqlite::SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <&str as Decode<sqlx::Sqlite>>::decode(value)?;
        match iso_date(text) {
            Some(date) => Ok(Day(date)),
            None => Ok(Day(chrono::NaiveDate::parse_from_str(text, "%F")?)),
        }
    }
}

impl Type<sqlx::Postgres> for Day {
    fn type_info() -> sqlx::postgres::PgTypeInfo {
        <chrono::NaiveDate as Type<sqlx::Postgres>>::type_info()
    }
}

impl<'r> Decode<'r, sqlx::Postgres> for Day {
    fn decode(value: sqlx::postgres::PgValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Day(<chrono::NaiveDate as Decode<sqlx::Postgres>>::decode(value)?))
    }
}

/// Parses exactly `YYYY-MM-DD`.
pub(super) fn iso_date(text: &str) -> Option<chrono::NaiveDate> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10 && bytes.iter().enumerate().all(|(index, byte)| if index == 4 || index == 7 { *byte == b'-' } else { byte.is_ascii_digit() });
    if !shaped {
        return None;
    }
    let number = |range: std::ops::Range<usize>| bytes[range].iter().fold(0u32, |value, digit| value * 10 + u32::from(digit - b'0'));
    chrono::NaiveDate::from_ymd_opt(i32::try_from(number(0..4)).ok()?, number(5..7), number(8..10))
}

/// A stored argon2 hash. Deliberately not `Serialize`, and its `Debug` output is redacted, so it
/// cannot end up in a response or a log line by accident.
pub struct PasswordHash(String);

impl PasswordHash {
    /// Wraps a hash read from the database.
    pub fn from_stored(encoded: String) -> Self {
        Self(encoded)
    }

    /// The PHC string to store.
    pub fn as_stored(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash([redacted])")
    }
}
