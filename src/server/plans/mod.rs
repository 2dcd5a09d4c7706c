//! The plan rules, between the server functions and the storage layer: who may do what with a
//! plan (`access`), input parsed into types that cannot hold a bad value (`input`), the journal
//! every change goes through (`journal`), the rules of each part (`lifecycle`, `parts`,
//! `check_ins`), reading plans (`view`), and the batched, durable read log (`reads`).

pub mod access;
pub mod check_ins;
pub mod input;
pub mod journal;
pub mod lifecycle;
pub mod parts;
pub mod reads;
pub mod view;
