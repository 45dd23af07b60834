//! Commands, their arguments, and how errors become messages and exit codes.

mod admin;
mod admin_cmds;
mod after;
mod args;
mod backup;
mod bridge;
mod channel_args;
mod clock;
mod commands;
mod committee;
mod console;
mod console_args;
mod cycle_args;
mod devices;
mod error;
mod held;
mod lists;
mod member_args;
mod member_cmds;
mod members;
mod monitor_args;
mod names;
mod notices;
mod ops;
mod output;
mod papers;
mod publishing;
mod report;
mod seals;
mod series;
mod server;
mod server_args;
mod show;

use clap::Parser;
use std::process::ExitCode;

pub use error::CliError;

pub fn run() -> ExitCode {
    let cli = args::Cli::parse();
    let mut out = output::Out::stdout();
    match commands::dispatch(&cli, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        // `sotay meetings | head`: the reader left, which is not an error.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
