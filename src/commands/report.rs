//! `leakwatch report`: fetches a period's incidents (and the counts of the previous period and
//! the 12 trend months) from the store and hands them to the pure `leakwatch-report` crate,
//! then writes Markdown, HTML or JSON to stdout or `--out`.

use super::open_store_for_reading;
use crate::config::Settings;
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use leakwatch_report::{build_report, render, Format, Lang, Period, ReportOptions, Taxonomy};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown, shaped like the monthly column
    Md,
    /// One self-contained HTML page with inline SVG charts
    Html,
    /// JSON in the shape of docs/report.schema.json
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportLang {
    Ja,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportTaxonomy {
    /// leakwatch's own cause labels
    Leakwatch,
    /// 不正アクセス / システム管理上のミス / 誤送信ほか操作ミス / 紛失 / 不正持ち出し・内部不正 / その他
    Column,
    /// ウイルス感染・不正アクセス / 誤表示・誤送信 / 紛失・誤廃棄 / 不正持ち出し・盗難 / その他
    Survey,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("period").required(true).args(["month", "year", "from"])))]
pub struct ReportArgs {
    /// The calendar month YYYY-MM
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// The calendar year YYYY
    #[arg(long, value_name = "YYYY")]
    pub year: Option<String>,
    /// First day of a date range (YYYY-MM-DD; needs --to)
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<String>,
    /// Last day of the date range (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
    /// Write to this file instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "ja")]
    pub lang: ReportLang,
    /// Cause categories of the breakdown (all three are in the JSON)
    #[arg(long, value_enum, default_value = "column")]
    pub taxonomy: ReportTaxonomy,
    /// How many incidents the worst list shows
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub top: usize,
}

fn period_of(args: &ReportArgs) -> Result<Period> {
    Ok(match (&args.month, &args.year, &args.from, &args.to) {
        (Some(m), None, None, None) => Period::parse_month(m)?,
        (None, Some(y), None, None) => Period::parse_year(y)?,
        (None, None, Some(f), Some(t)) => Period::parse_range(f, t)?,
        _ => bail!("give exactly one of --month, --year or --from/--to"),
    })
}

pub fn run(settings: &Settings, args: &ReportArgs) -> Result<ExitCode> {
    let period = period_of(args)?;
    let options = ReportOptions {
        lang: match args.lang {
            ReportLang::Ja => Lang::Ja,
            ReportLang::En => Lang::En,
        },
        taxonomy: match args.taxonomy {
            ReportTaxonomy::Leakwatch => Taxonomy::Leakwatch,
            ReportTaxonomy::Column => Taxonomy::Column,
            ReportTaxonomy::Survey => Taxonomy::Survey,
        },
        top: args.top,
    };
    let format = match args.format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
        ReportFormat::Json => Format::Json,
    };
    let store = open_store_for_reading(settings)?;
    let input = leakwatch_app::report_input(&*store, period)?;
    let report = build_report(&input, &options);
    let text = render(&report, format);
    match &args.out {
        Some(path) => {
            std::fs::write(path, &text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            if !settings.quiet {
                eprintln!(
                    "wrote {} ({} incident(s), {})",
                    path.display(),
                    report.total,
                    report.period.label
                );
            }
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
