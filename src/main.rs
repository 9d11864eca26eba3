//! The `leakwatch` binary: parses flags, builds validated settings, and calls one use case per
//! command. Owns the command line and how results are shown; the work itself happens in the
//! stage crates through `leakwatch-app`.

mod cli;
mod commands;
mod config;
mod render;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            // Messages can quote inputs (paths, URLs, titles): no control characters, no
            // credentials reach the terminal.
            eprintln!(
                "leakwatch: error: {}",
                leakwatch_model::hygiene::terminal_safe(&format!("{err:#}"), true)
            );
            ExitCode::from(2)
        }
    }
}
