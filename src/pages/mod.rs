//! One module per page (or group of pages under one path).

pub mod account;
pub mod admin;
pub mod home;
pub mod insights;
pub mod login;
pub mod my_data;
pub mod my_plan;
pub mod not_found;
pub mod plan;
pub mod playbook;
pub mod setup;
pub mod team;
pub mod today;
pub mod unsubscribe;
pub mod welcome;
