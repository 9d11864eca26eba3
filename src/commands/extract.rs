//! `leakwatch extract`: stateless extraction, streamed one document at a time (constant memory
//! over any number of files): gold-schema JSONL, pretty JSON with evidence, or `--explain`.

use super::limits;
use crate::cli::{ExtractArgs, ExtractFormat};
use crate::config::Settings;
use anyhow::{Context, Result};
use leakwatch_app::{extract_file, parallel, ExtractedFile};
use leakwatch_extract::learn::models::Models;
use leakwatch_extract::Extractor;
use leakwatch_ingest::discover;
use leakwatch_model::{IncidentRecord, StatedValue};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

/// `--format json`: the gold-schema incident plus every stated value with its evidence.
#[derive(Serialize)]
struct IncidentWithEvidence {
    #[serde(flatten)]
    record: IncidentRecord,
    evidence: Vec<StatedValue>,
}

#[derive(Serialize)]
struct DocumentWithEvidence<'a> {
    doc_id: &'a str,
    url: Option<String>,
    published: Option<chrono::NaiveDate>,
    language: &'static str,
    title: Option<&'a str>,
    encoding: &'a str,
    origin: String,
    extractor_version: &'a str,
    incidents: Vec<IncidentWithEvidence>,
}

pub fn run(settings: &Settings, args: &ExtractArgs) -> Result<ExitCode> {
    let extractor = match &args.models {
        Some(path) => {
            let json = super::read_limited(path, settings)?;
            let models = Models::from_json(&json)
                .with_context(|| format!("{}: not a leakwatch models file", path.display()))?;
            Extractor::with_models(models)
        }
        None => Extractor::new(),
    };
    // Only --explain prints the trace; without it the explanations are not built.
    let extractor = if args.explain {
        extractor
    } else {
        extractor.without_trace()
    };
    let limits = limits(settings);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0usize;
    // Chunks of files are decoded and extracted on every core; output keeps discovery order.
    let mut found = discover(&args.paths).into_iter().peekable();
    while found.peek().is_some() {
        let chunk: Vec<_> = found.by_ref().take(parallel::CHUNK).collect();
        let results = parallel::map_ordered(&chunk, |entry| match entry {
            Ok(path) => extract_file(&extractor, path, &limits).map_err(|e| e.to_string()),
            Err(err) => Err(err.to_string()),
        });
        for result in results {
            match result {
                Ok(file) => {
                    if args.explain {
                        write_explanation(&mut out, &file)?;
                    } else {
                        match args.format {
                            ExtractFormat::Jsonl => {
                                let record = file.extraction.to_record(url_of(&file));
                                serde_json::to_writer(&mut out, &record)?;
                                writeln!(out)?;
                            }
                            ExtractFormat::Json => {
                                serde_json::to_writer_pretty(&mut out, &with_evidence(&file))?;
                                writeln!(out)?;
                            }
                        }
                    }
                    out.flush()?;
                }
                Err(err) => {
                    failed += 1;
                    eprintln!("leakwatch: {err}");
                }
            }
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn url_of(file: &ExtractedFile) -> Option<String> {
    match &file.document.origin {
        leakwatch_model::Origin::Url { url } => Some(url.clone()),
        leakwatch_model::Origin::File { .. } => None,
    }
}

fn with_evidence(file: &ExtractedFile) -> DocumentWithEvidence<'_> {
    let doc = &file.document;
    DocumentWithEvidence {
        doc_id: &doc.id.0,
        url: url_of(file),
        published: doc.published,
        language: doc.language.as_str(),
        title: doc.title.as_deref(),
        encoding: &doc.encoding,
        origin: doc.origin.to_string(),
        extractor_version: &file.extraction.extractor_version,
        incidents: file
            .extraction
            .incidents
            .iter()
            .map(|c| IncidentWithEvidence {
                record: c.to_record(),
                evidence: c.stated_values(),
            })
            .collect(),
    }
}

/// The schema fields `--explain` always accounts for, so a missing one says why.
const EXPLAINED_FIELDS: &[&str] = &[
    "organization",
    "aliases",
    "related",
    "cause",
    "affected_count",
    "data_volume",
    "data_types",
    "card_data",
    "confirmed",
    "dates.occurred",
    "dates.detected",
    "dates.disclosed",
    "dates.reported_police",
    "dates.reported_ppc",
    // The date-role decisions together: each role's chosen mention and why, or its best
    // candidate and what weighed against it.
    "dates",
    "attacker",
    "regulator_action",
    "financial_impact_jpy",
];

fn write_explanation(out: &mut impl Write, file: &ExtractedFile) -> Result<()> {
    let doc = &file.document;
    let ex = &file.extraction;
    writeln!(
        out,
        "== {} ({}; {}; published {}) — {} incident(s), extractor {}",
        doc.id,
        doc.origin,
        doc.encoding,
        doc.published
            .map_or("unknown".to_string(), |d| d.to_string()),
        ex.incidents.len(),
        ex.extractor_version
    )?;
    for note in ex.trace.iter().filter(|n| n.incident.is_none()) {
        writeln!(out, "  [document] {}: {}", note.field, note.message)?;
    }
    for (index, candidate) in ex.incidents.iter().enumerate() {
        writeln!(
            out,
            "  -- incident {}: {}",
            index + 1,
            candidate.organization.value
        )?;
        let stated = candidate.stated_values();
        for field in EXPLAINED_FIELDS {
            let values: Vec<&StatedValue> = stated.iter().filter(|s| s.field == *field).collect();
            let notes: Vec<&str> = ex
                .trace
                .iter()
                .filter(|n| n.incident == Some(index) && n.field == *field)
                .map(|n| n.message.as_str())
                .collect();
            if values.is_empty() {
                let why = if notes.is_empty() {
                    "no rule matched".to_string()
                } else {
                    notes.join("; ")
                };
                writeln!(out, "     {field:<22} —  ({why})")?;
                continue;
            }
            for v in values {
                writeln!(
                    out,
                    "     {field:<22} {}  [rule {}, confidence {:.2}]",
                    v.value, v.rule, v.confidence
                )?;
                if let Some(ev) = &v.evidence {
                    writeln!(
                        out,
                        "     {:<22}   at bytes {}..{}: 「{}」",
                        "",
                        ev.span.start,
                        ev.span.end,
                        crate::render::one_line(&ev.sentence, 160)
                    )?;
                }
            }
            for note in notes {
                writeln!(out, "     {:<22}   note: {note}", "")?;
            }
        }
    }
    Ok(())
}
