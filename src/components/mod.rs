//! Building blocks shared by pages.

pub mod bundle;
pub mod chart;
pub mod coordinates;
pub mod feedback;
pub mod field;
pub mod format;
pub mod hints;
pub mod layout;
pub mod loaded;
pub mod post_form;
pub mod sparkline;
pub mod text_area;
pub mod wording;
