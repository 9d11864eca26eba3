//! leakwatch reports: turns the incidents of a period into the monthly / yearly roundup
//! (totals, cause breakdowns in three taxonomies and VERIS, worst N, card leaks, regulator
//! actions, attackers, processors, records, a 12-month trend), rendered as Markdown, a
//! self-contained HTML page with inline SVG charts, or JSON; plus quick statistics tables and
//! the per-incident assessment (PPC reportability, JNSA damages estimate).
//!
//! Owns: turning `Incident` values into reports. Must not query the database or parse
//! articles — the caller fetches the period's incidents (and the counts of the previous period
//! and of the trend months) and hands them over as plain values, so every report is a pure
//! function of its input and golden-testable.

pub mod assessment;
pub mod build;
pub mod format;
pub mod html;
pub mod markdown;
pub mod period;
pub mod sections;
pub mod sector;
pub mod stats;
pub mod svg;
pub mod taxonomy;

pub use assessment::{assess, Assessment};
pub use build::{build_report, Report, ReportInput, ReportOptions};
pub use period::{monthly_trend, Period, PeriodKind, TrendPoint};
pub use sector::{infer_sector, Sector};
pub use stats::{stats, StatRow, StatsBy};
pub use taxonomy::Taxonomy;

pub use leakwatch_model::Language as Lang;

/// Report errors: bad periods and options. Rendering itself cannot fail.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("invalid period '{value}': expected {expected}")]
    InvalidPeriod { value: String, expected: String },
    #[error("the period starts ({from}) after it ends ({to})")]
    EmptyRange { from: String, to: String },
    #[error("unknown {kind} '{value}' (expected one of: {expected})")]
    UnknownOption {
        kind: &'static str,
        value: String,
        expected: String,
    },
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

impl std::str::FromStr for Format {
    type Err = ReportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            _ => Err(ReportError::UnknownOption {
                kind: "format",
                value: s.to_string(),
                expected: "md, html, json".to_string(),
            }),
        }
    }
}

/// Renders a built report in `format`.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(report),
        Format::Html => html::render(report),
        Format::Json => json(report),
    }
}

/// The report as pretty JSON (the shape documented in `docs/report.schema.json`), ending in
/// a newline.
pub fn json(report: &Report) -> String {
    // Serialising plain structs with string keys cannot fail; keep a readable fallback anyway.
    let mut s =
        serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
