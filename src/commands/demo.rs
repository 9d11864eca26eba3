//! `leakwatch demo`: the bundled example documents into a fresh database, then the incident
//! table — the quickest way to see what leakwatch does.

use super::limits;
use crate::cli::DemoArgs;
use crate::commands::ingest::summary_line;
use crate::commands::query::incident_table;
use crate::config::Settings;
use crate::render::BarProgress;
use anyhow::{bail, Context, Result};
use leakwatch_app::ingest_paths;
use leakwatch_extract::Extractor;
use leakwatch_model::IncidentFilter;
use leakwatch_store::DbLocation;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The examples shipped in the repository.
fn bundled_examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/documents")
}

fn remove_database(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        if p.exists() {
            std::fs::remove_file(&p).with_context(|| format!("cannot remove {}", p.display()))?;
        }
    }
    Ok(())
}

pub fn run(settings: &Settings, args: &DemoArgs) -> Result<ExitCode> {
    let examples = args.examples.clone().unwrap_or_else(bundled_examples);
    if !examples.is_dir() {
        bail!("example directory {} not found", examples.display());
    }
    // A database the user named is never overwritten; the default demo file is recreated.
    let db = if settings.db_chosen {
        if settings.db.exists() {
            bail!(
                "{} already exists; `demo` only writes a fresh database (omit --db to use the default demo file)",
                settings.db.display()
            );
        }
        settings.db.clone()
    } else {
        let db = settings.db.with_file_name("leakwatch-demo.db");
        remove_database(&db)?;
        db
    };
    let DbLocation::Sqlite(db) = DbLocation::parse(&db)? else {
        bail!("`demo` writes a fresh SQLite file; give --db a file path, not a database URL");
    };
    let mut store = leakwatch_store::open(&DbLocation::Sqlite(db.clone()))
        .with_context(|| format!("cannot open database {}", db.display()))?;
    let extractor = Extractor::new();
    let progress = BarProgress::new(settings.quiet, "demo");
    let summary = ingest_paths(
        &mut *store,
        &extractor,
        &[examples],
        &limits(settings),
        &progress,
    )?;
    let incidents = store.list_incidents(&IncidentFilter::default())?;
    print!("{}", incident_table(&incidents));
    eprintln!("{}", summary_line(&summary));
    eprintln!(
        "database: {}\ntry: leakwatch --db {} show {}",
        db.display(),
        db.display(),
        incidents.first().map_or(1, |i| i.id.0)
    );
    Ok(if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
