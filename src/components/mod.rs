//! Building blocks shared by pages.

pub mod chart;
pub mod feedback;
pub mod hints;
pub mod layout;
pub mod text_area;
pub mod wording;
