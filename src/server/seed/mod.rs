//! Organisations made up for trying Rebound (the demo) and for measuring it (the synthetic one).

pub mod demo;
pub mod synthetic;
