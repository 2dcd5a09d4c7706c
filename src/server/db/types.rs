//! How the model's vocabularies are stored: each as its lower-case word in a text column, on
//! both engines, so rows decode straight into them and a stored word the build does not know is
//! a decoding error rather than a silent default.

use crate::model::{Outcome, PlanStatus, Recognition, RiskLevel, TaskKind, TaskStatus, Visibility};
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

stored_as_word!(PlanStatus, Outcome, Visibility, Recognition, TaskKind, TaskStatus, RiskLevel);
