//! `leakwatch source add|list|remove`: the feeds and pages `poll` fetches. Owns these
//! subcommands' arguments and output; must not fetch anything (that is `poll`).

use super::{open_store_for_reading, open_store_for_writing};
use crate::config::Settings;
use crate::render::Table;
use anyhow::{bail, Context, Result};
use clap::{ArgGroup, Args, Subcommand};
use leakwatch_model::hygiene::{redact_text, redact_url, terminal_safe};
use leakwatch_sources::{parse_every, validate_url, SourceKind};
use leakwatch_store::watch::NewSource;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Add an RSS/Atom feed (each new item's page is fetched) or a single page
    Add(SourceAddArgs),
    /// List sources with their schedule, last poll and health
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove a source (by id or name) and what was remembered about it
    Remove {
        #[arg(value_name = "ID|NAME")]
        source: String,
    },
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("target").required(true).args(["rss", "atom", "page"])))]
pub struct SourceAddArgs {
    /// An RSS 0.9x/1.0/2.0 feed URL
    #[arg(long, value_name = "URL")]
    pub rss: Option<String>,
    /// An Atom feed URL
    #[arg(long, value_name = "URL")]
    pub atom: Option<String>,
    /// A single page to fetch (re-ingested when it changes)
    #[arg(long, value_name = "URL")]
    pub page: Option<String>,
    /// A short name (default: the URL without its scheme)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// How often `poll` visits it: 90s, 30m, 2h, 1d
    #[arg(long, default_value = "30m", value_name = "INTERVAL")]
    pub every: String,
}

pub fn run(settings: &Settings, cmd: &SourceCommand) -> Result<ExitCode> {
    match cmd {
        SourceCommand::Add(args) => add(settings, args),
        SourceCommand::List { json } => list(settings, *json),
        SourceCommand::Remove { source } => remove(settings, source),
    }
}

fn add(settings: &Settings, args: &SourceAddArgs) -> Result<ExitCode> {
    let (kind, url) = match (&args.rss, &args.atom, &args.page) {
        (Some(u), _, _) => (SourceKind::Rss, u),
        (_, Some(u), _) => (SourceKind::Atom, u),
        (_, _, Some(u)) => (SourceKind::Page, u),
        _ => bail!("give one of --rss URL, --atom URL or --page URL"),
    };
    let url = validate_url(url).map_err(anyhow::Error::msg)?;
    let every = parse_every(&args.every).map_err(anyhow::Error::msg)?;
    let name = match &args.name {
        Some(n) if !n.trim().is_empty() => n.trim().to_string(),
        Some(_) => bail!("--name must not be empty"),
        // Named after the URL without its credentials.
        None => {
            let shown = redact_url(&url);
            shown
                .split_once("://")
                .map_or(shown.as_str(), |(_, rest)| rest)
                .trim_start_matches("***@")
                .trim_end_matches('/')
                .to_string()
        }
    };
    let mut store = open_store_for_writing(settings)?;
    let id = store
        .add_source(&NewSource {
            name: name.clone(),
            kind: kind.as_str().to_string(),
            url: url.clone(),
            every_secs: every.as_secs(),
        })
        .context("cannot add the source")?;
    if !settings.quiet {
        eprintln!(
            "added source {id} '{}' ({kind} {}, every {})",
            terminal_safe(&name, false),
            redact_url(&url),
            args.every
        );
    }
    println!("{id}");
    Ok(ExitCode::SUCCESS)
}

fn list(settings: &Settings, json: bool) -> Result<ExitCode> {
    let store = open_store_for_reading(settings)?;
    // URLs are listed without their credentials (stored errors are redacted when written).
    let rows: Vec<_> = store
        .sources()?
        .into_iter()
        .map(|mut r| {
            r.url = redact_url(&r.url);
            r.last_error = r.last_error.map(|e| redact_text(&e).into_owned());
            r
        })
        .collect();
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = Table::new(&[
        ("ID", 4),
        ("NAME", 24),
        ("KIND", 5),
        ("EVERY", 7),
        ("LAST POLL", 20),
        ("HEALTH", 11),
        ("URL", 40),
    ]);
    for r in &rows {
        table.row(vec![
            r.id.to_string(),
            r.name.clone(),
            r.kind.clone(),
            human_interval(r.every_secs),
            r.last_polled_at.clone().unwrap_or_else(|| "never".into()),
            if r.healthy {
                "ok".to_string()
            } else {
                format!("FAILING({})", r.consecutive_failures)
            },
            r.url.clone(),
        ]);
    }
    print!("{}", table.render());
    for r in rows.iter().filter(|r| r.last_error.is_some()) {
        eprintln!(
            "source {} last error: {}",
            r.id,
            terminal_safe(r.last_error.as_deref().unwrap_or(""), false)
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn remove(settings: &Settings, source: &str) -> Result<ExitCode> {
    let mut store = open_store_for_reading(settings)?;
    if !store.remove_source(source)? {
        bail!("no source with id or name '{source}' (see `leakwatch source list`)");
    }
    if !settings.quiet {
        eprintln!("removed source '{source}'");
    }
    Ok(ExitCode::SUCCESS)
}

/// 1800 → `30m`.
pub fn human_interval(secs: u64) -> String {
    if secs % 86_400 == 0 {
        format!("{}d", secs / 86_400)
    } else if secs % 3600 == 0 {
        format!("{}h", secs / 3600)
    } else if secs % 60 == 0 {
        format!("{}m", secs / 60)
    } else {
        format!("{secs}s")
    }
}
