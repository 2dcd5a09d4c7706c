//! Building blocks shared by pages.

pub mod feedback;
pub mod layout;
