//! `leakwatch stats --by cause|month|data-type|sector [--json]`: quick tables over every
//! stored incident (or a date range), computed by the pure `leakwatch-report` crate.

use super::open_store_for_reading;
use crate::config::Settings;
use crate::render::Table;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use leakwatch_model::IncidentFilter;
use leakwatch_report::{stats, Lang, StatsBy};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsGrouping {
    Cause,
    Month,
    DataType,
    /// Inferred from the organisation name: 自治体, 医療, 教育, 金融, 通信, 小売/EC, 製造, その他
    Sector,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// What to group incidents by
    #[arg(long, value_enum, default_value = "cause")]
    pub by: StatsGrouping,
    /// Only incidents first reported on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only incidents first reported on or before this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Labels in English instead of Japanese
    #[arg(long)]
    pub en: bool,
    #[arg(long)]
    pub json: bool,
}

fn date(flag: &str, v: &Option<String>) -> Result<Option<NaiveDate>> {
    v.as_deref()
        .map(|s| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .with_context(|| format!("{flag} expects a date as YYYY-MM-DD, got '{s}'"))
        })
        .transpose()
}

pub fn run(settings: &Settings, args: &StatsArgs) -> Result<ExitCode> {
    let filter = IncidentFilter {
        since: date("--since", &args.since)?,
        until: date("--until", &args.until)?,
        ..IncidentFilter::default()
    };
    let store = open_store_for_reading(settings)?;
    let incidents = leakwatch_app::incidents(&*store, &filter)?;
    let by = match args.by {
        StatsGrouping::Cause => StatsBy::Cause,
        StatsGrouping::Month => StatsBy::Month,
        StatsGrouping::DataType => StatsBy::DataType,
        StatsGrouping::Sector => StatsBy::Sector,
    };
    let lang = if args.en { Lang::En } else { Lang::Ja };
    let rows = stats(&incidents, by, lang);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "by": by,
                "total": incidents.len(),
                "rows": rows,
            }))?
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = Table::new(&[("KEY", 24), ("LABEL", 28), ("COUNT", 7), ("PERCENT", 7)]);
    for r in &rows {
        table.row(vec![
            r.key.clone(),
            r.label.clone(),
            r.count.to_string(),
            format!("{:.1}", r.percent),
        ]);
    }
    print!("{}", table.render());
    if !settings.quiet {
        eprintln!("{} incident(s)", incidents.len());
    }
    Ok(ExitCode::SUCCESS)
}
