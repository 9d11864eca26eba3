//! `leakwatch import FORMAT PATH…` and `leakwatch export --format F`: public breach datasets
//! in, threat-intel formats out (issue 14). TAXII (serving the STIX bundle) waits for the
//! server.

use super::open_store_for_reading;
use crate::config::Settings;
use crate::render::BarProgress;
use anyhow::{Context, Result};
use clap::Args;
use leakwatch_app::{export_incidents, import_paths, ImportSummary};
use leakwatch_interop::export::{self, ExportFormat, ExportIncident};
use leakwatch_interop::{csvmap, jsonl, ImportFormat, ImportOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// vcdb (VERIS JSON files or directories), hibp (breach list JSON), prc (Privacy Rights
    /// Clearinghouse CSV), ransomwatch (leak-site posts JSON), csv (any CSV, see --map),
    /// jsonl (leakwatch's own export)
    #[arg(value_name = "FORMAT", value_parser = parse_import_format)]
    pub format: ImportFormat,
    /// Files or directories
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// For csv: map a column to a field (repeatable), e.g. --map Victim=organization
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Print the summary as JSON on stdout
    #[arg(long)]
    pub json: bool,
}

fn parse_import_format(s: &str) -> Result<ImportFormat, String> {
    s.parse()
}

fn parse_export_format(s: &str) -> Result<ExportFormat, String> {
    s.parse()
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// csv, jsonl, veris, stix or misp
    #[arg(long, value_name = "FORMAT", value_parser = parse_export_format)]
    pub format: ExportFormat,
    /// Only this cause (unauthorized_access, ransomware, misdelivery, loss, …)
    #[arg(long, value_name = "CAUSE")]
    pub cause: Option<String>,
    /// Only incidents first reported on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only incidents first reported on or before this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only organisations whose name or alias contains this text
    #[arg(long, value_name = "TEXT")]
    pub org: Option<String>,
    /// Only payment-card leaks
    #[arg(long)]
    pub card: bool,
    /// At most this many incidents (the newest first reported)
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Write here instead of stdout: a file (csv, jsonl, stix; veris and misp as one JSON
    /// array when the name ends in .json) or a directory (veris, misp: one file per incident)
    #[arg(long, value_name = "FILE|DIR")]
    pub out: Option<PathBuf>,
    /// csv: start with a UTF-8 byte order mark (for Excel)
    #[arg(long)]
    pub bom: bool,
}

pub fn import(settings: &Settings, args: &ImportArgs) -> Result<ExitCode> {
    let options = ImportOptions {
        csv_map: csvmap::parse_map(&args.map)?,
        ..ImportOptions::default()
    };
    let mut store = super::open_for_bulk_load(settings, "import")?;
    let progress = BarProgress::new(settings.quiet, "importing");
    let imported = import_paths(&mut store, args.format, &args.paths, &options, &progress);
    store
        .end_bulk_load()
        .context("restoring the database's settings after the import")?;
    let summary = imported.context("import stopped")?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    }
    if !settings.quiet {
        eprintln!("{}", summary_line(&summary));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn summary_line(s: &ImportSummary) -> String {
    format!(
        "{}: {} files, {} records: {} imported, {} skipped (already stored), {} rejected; {} incidents created, {} merged ({:.2} s)",
        s.format,
        s.files,
        s.records,
        s.imported,
        s.skipped,
        s.rejected.len(),
        s.incidents_created,
        s.incidents_merged,
        s.seconds
    )
}

pub fn export(settings: &Settings, args: &ExportArgs) -> Result<ExitCode> {
    let filter = super::query::filter_from(&crate::cli::ListArgs {
        cause: args.cause.clone(),
        since: args.since.clone(),
        until: args.until.clone(),
        org: args.org.clone(),
        card: args.card,
        limit: args.limit,
        json: false,
    })?;
    let store = open_store_for_reading(settings)?;
    let incidents = export_incidents(&*store, &filter).context("reading incidents")?;
    let per_file = matches!(args.format, ExportFormat::Veris | ExportFormat::Misp)
        && args.out.as_ref().is_some_and(|p| {
            p.is_dir()
                || !p
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        });
    if per_file {
        let dir = args.out.as_deref().unwrap_or(Path::new("."));
        write_per_incident(args.format, &incidents, dir)?;
    } else {
        let mut out: Box<dyn Write> = match &args.out {
            Some(p) => Box::new(std::io::BufWriter::new(
                std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
            )),
            None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        };
        write_one(args.format, &incidents, args.bom, &mut out)?;
        out.flush().context("writing the export")?;
    }
    if !settings.quiet {
        eprintln!("{} incident(s) exported", incidents.len());
    }
    Ok(ExitCode::SUCCESS)
}

fn write_one(
    format: ExportFormat,
    incidents: &[ExportIncident],
    bom: bool,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        ExportFormat::Csv => export::csv::write(incidents, bom, out).context("writing CSV")?,
        ExportFormat::Jsonl => jsonl::write(incidents, out).context("writing JSONL")?,
        ExportFormat::Stix => {
            serde_json::to_writer_pretty(&mut *out, &export::stix::bundle(incidents))?;
            out.write_all(b"\n")?;
        }
        ExportFormat::Veris | ExportFormat::Misp => {
            let all: Vec<serde_json::Value> = incidents
                .iter()
                .map(|e| match format {
                    ExportFormat::Veris => export::veris::incident(e),
                    _ => export::misp::event(e),
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &all)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

fn write_per_incident(
    format: ExportFormat,
    incidents: &[ExportIncident],
    dir: &Path,
) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for e in incidents {
        let value = match format {
            ExportFormat::Veris => export::veris::incident(e),
            _ => export::misp::event(e),
        };
        let path = dir.join(format!("{}.json", e.uid));
        let mut text = serde_json::to_string_pretty(&value)?;
        text.push('\n');
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}
