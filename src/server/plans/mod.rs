//! The plan rules that sit between the server functions and the storage layer.

pub mod access;
pub mod reads;
