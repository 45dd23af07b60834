//! Integration tests of the `sotay` binary: one test binary, a module per area (as ripgrep does),
//! each test running the real executable on a store in a temporary directory.

mod cli;
mod util;
