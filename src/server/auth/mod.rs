//! Sign-in: password hashing and policy, server-side sessions and throttling of failed attempts.

pub mod caller;
pub mod password;
pub mod policy;
pub mod session;
pub mod setup;
pub mod sign_in;
pub mod throttle;
