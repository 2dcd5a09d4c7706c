//! Types shared by the server and the browser: what crosses the server-function line.

/// Declares an enum stored and posted as a lower-case word, with a human label.
macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $word:literal : $label:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and posted word.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// Words for people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses the stored or posted word.
            pub fn parse(word: &str) -> Option<Self> {
                match word.trim() { $($word => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

pub mod agenda;
pub mod assets;
pub mod audit;
pub mod checks;
pub mod error;
pub mod forms;
pub mod insights;
pub mod overviews;
pub mod people;
pub mod plans;
pub mod validation;

pub use agenda::*;
pub use assets::AssetUrls;
pub use audit::*;
pub use checks::*;
pub use error::AppError;
pub use overviews::*;
pub use people::*;
pub use plans::*;
