//! Rebound: private, structured recovery plans that help a manager bring an employee's confidence
//! back after a visible failure at work.
//!
//! The same crate builds the server (feature `ssr`) and the browser bundle (feature `hydrate`).
//! Data flows one way: page -> server function ([`api`]) -> database layer (`server::db`) -> SQLite.

pub mod api;
pub mod app;
pub mod components;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

/// Entry point of the browser bundle: attaches interactivity to the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
