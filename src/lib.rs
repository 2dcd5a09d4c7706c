//! Rebound: private, structured recovery plans that help a manager bring an employee's confidence
//! back after a visible failure at work.
//!
//! The same crate builds the server (feature `ssr`) and the browser bundle (feature `hydrate`).
//! Data flows one way: page -> server function ([`api`]) -> database layer (`server::db`) -> SQLite.

// In the browser bundle, `#[server]` writes a client stub with one argument per form field, and
// the stub does not carry the `allow` its server function has.
#![cfg_attr(feature = "hydrate", allow(clippy::too_many_arguments))]

pub mod api;
pub mod app;
pub mod components;
pub mod model;
pub mod pages;
pub mod playbook;
#[cfg(feature = "ssr")]
pub mod server;

/// Entry point of the browser bundle: brings the page's interactive islands to life. Everything
/// else is plain server-rendered HTML whose forms post to the server functions.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Lets end-to-end tests (and curious people) tell a hydrated page from a plain HTML one.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
