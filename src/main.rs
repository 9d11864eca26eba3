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
            eprintln!("leakwatch: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
