//! `leakwatch copy --to DB`: the database named by `--db` copied into a new, empty one (any
//! backend to any backend), then both compared table by table.

use super::db_location;
use crate::config::Settings;
use anyhow::{bail, Context, Result};
use clap::Args;
use leakwatch_store::{copy_database, open_sql, DbLocation, Store};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// The new database: a file path (SQLite) or a postgres:// URL
    #[arg(long, value_name = "FILE|URL")]
    pub to: PathBuf,
    /// Print the rows copied per table as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(settings: &Settings, args: &CopyArgs) -> Result<ExitCode> {
    let from_location = db_location(settings)?;
    if let DbLocation::Sqlite(path) = &from_location {
        if !path.exists() {
            bail!("no database at {}", path.display());
        }
    }
    let to_location = DbLocation::parse(&args.to)?;
    if to_location == from_location {
        bail!("--to names the database being copied");
    }
    let from = open_sql(&from_location)
        .with_context(|| format!("cannot open database {}", from_location.display()))?;
    let mut to = open_sql(&to_location)
        .with_context(|| format!("cannot open database {}", to_location.display()))?;
    let summary = copy_database(&from, &mut to)
        .with_context(|| format!("copying into {}", to_location.display()))?;
    let (a, b) = (from.counts()?, to.counts()?);
    if a != b {
        bail!("the copy differs: {a:?} in the source, {b:?} in the copy");
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else if !settings.quiet {
        let rows: u64 = summary.tables.iter().map(|(_, n)| n).sum();
        eprintln!(
            "copied {rows} rows ({} documents, {} incidents) into {}",
            b.documents,
            b.incidents,
            to_location.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
