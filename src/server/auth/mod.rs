//! Who is asking and how they signed in: the role extractors, password hashing and policy,
//! server-side sessions, throttling of failed attempts, the sign-in rules and the setup token.

pub mod caller;
pub mod password;
pub mod policy;
pub mod session;
pub mod setup;
pub mod sign_in;
pub mod throttle;
