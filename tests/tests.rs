//! Integration tests of the `sotay` binary: one test binary, a module per area (as ripgrep does),
//! each test running the real executable on a store in a temporary directory.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failing test with a message

mod cli;
mod util;
