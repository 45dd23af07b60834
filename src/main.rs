//! `sotay`: the command line of the electronic party member handbook. Thin on purpose: argument
//! parsing and output here, everything else in `crates/`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
