//! `leakwatch poll [--once]`: fetch every source (once, or each on its schedule until
//! Ctrl-C/SIGTERM), ingest what is new, then evaluate and deliver alerts. Owns the loop, the
//! signal handling and the summary output; the work is in `leakwatch_app::poll`.

use super::open_store_for_writing;
use crate::config::Settings;
use crate::render::BarProgress;
use anyhow::{Context, Result};
use clap::Args;
use leakwatch_app::poll::{next_due, poll_sources, PollSummary};
use leakwatch_app::NoProgress;
use leakwatch_extract::Extractor;
use leakwatch_sources::{Fetcher, HttpConfig, PollPolicy};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Args)]
pub struct PollArgs {
    /// Poll every source once and exit (default: keep polling each on its schedule until
    /// Ctrl-C or SIGTERM)
    #[arg(long)]
    pub once: bool,
    /// Print each pass's summary as JSON on stdout (stdout alerts then go to stderr)
    #[arg(long)]
    pub json: bool,
    /// Minimum delay between two requests to the same host, in milliseconds
    #[arg(long, default_value_t = 1000, value_name = "MS")]
    pub host_delay_ms: u64,
    /// Timeout of one HTTP request, in seconds
    #[arg(long, default_value_t = 30, value_name = "SECS")]
    pub timeout_secs: u64,
    /// Mark a source unhealthy after this many failed polls in a row
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub unhealthy_after: u32,
    /// Directory of extra playbooks (overrides the config's `playbooks`)
    #[arg(long, value_name = "DIR")]
    pub playbooks: Option<PathBuf>,
}

fn fetcher(settings: &Settings, args: &PollArgs) -> Fetcher {
    Fetcher::new(HttpConfig {
        timeout: Duration::from_secs(args.timeout_secs.max(1)),
        connect_timeout: Duration::from_secs(args.timeout_secs.clamp(1, 10)),
        max_bytes: settings.max_file_bytes,
        host_delay: Duration::from_millis(args.host_delay_ms),
        ..HttpConfig::default()
    })
}

pub fn run(settings: &Settings, args: &PollArgs) -> Result<ExitCode> {
    let mut store = open_store_for_writing(settings)?;
    if store.sources()?.is_empty() {
        anyhow::bail!("no sources to poll — add one with `leakwatch source add --rss URL`");
    }
    // Fail early on a bad [notify] table or playbook directory.
    super::alerts::notifiers(settings, args.json)?;
    super::alerts::playbooks(settings, args.playbooks.as_ref())?;
    let extractor = Extractor::new().without_trace();
    let fetcher = fetcher(settings, args);
    let policy = PollPolicy {
        unhealthy_after: args.unhealthy_after.max(1),
        ..PollPolicy::default()
    };
    if args.once {
        let progress = BarProgress::new(settings.quiet, "polling");
        let summary = poll_sources(&mut *store, &extractor, &fetcher, &policy, None, &progress)?;
        let alerts =
            super::alerts::after_store(settings, &mut *store, args.json, args.playbooks.as_ref())?;
        report(settings, args, &summary, alerts.created.len())?;
        return Ok(if summary.failed_sources() > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }

    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
        .context("cannot install the Ctrl-C/SIGTERM handler")?;
    if !settings.quiet {
        eprintln!("polling until Ctrl-C or SIGTERM…");
    }
    while !stop.load(Ordering::SeqCst) {
        let now = chrono::Utc::now();
        let rows = store.sources()?;
        let due: Vec<i64> = rows
            .iter()
            .filter(|r| next_due(r).is_none_or(|t| t <= now))
            .map(|r| r.id)
            .collect();
        if !due.is_empty() {
            let summary = poll_sources(
                &mut *store,
                &extractor,
                &fetcher,
                &policy,
                Some(&due),
                &NoProgress,
            )?;
            let alerts = super::alerts::after_store(
                settings,
                &mut *store,
                args.json,
                args.playbooks.as_ref(),
            )?;
            report(settings, args, &summary, alerts.created.len())?;
            continue;
        }
        // Sleep until the next source is due, waking every 200 ms to notice a signal.
        let next = rows.iter().filter_map(next_due).min();
        let wait = next
            .and_then(|t| (t - now).to_std().ok())
            .unwrap_or(Duration::from_secs(1))
            .min(Duration::from_secs(60));
        let until = std::time::Instant::now() + wait;
        while std::time::Instant::now() < until && !stop.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    if !settings.quiet {
        eprintln!("stopped polling (signal received); state saved");
    }
    Ok(ExitCode::SUCCESS)
}

fn report(settings: &Settings, args: &PollArgs, s: &PollSummary, alerts: usize) -> Result<()> {
    if args.json {
        let value = serde_json::json!({ "sources": s.sources, "alerts_created": alerts });
        println!("{}", serde_json::to_string(&value)?);
    }
    if settings.quiet {
        return Ok(());
    }
    for r in &s.sources {
        let state = match (&r.error, r.not_modified) {
            (Some(e), _) => format!("FAILED{}: {e}", if r.healthy { "" } else { " (unhealthy)" }),
            (None, true) => "not modified".to_string(),
            (None, false) => format!(
                "{} item(s), {} fetched, {} new document(s), {} known, {} failed",
                r.items_in_feed,
                r.fetched,
                r.new_documents,
                r.skipped,
                r.failures.len()
            ),
        };
        let line = format!("source {} '{}': {state}", r.id, r.name);
        eprintln!("{}", crate::render::terminal_safe(&line, false));
    }
    eprintln!(
        "{} new document(s); {} incident(s) created, {} merged; {} alert(s); {} source(s) failed",
        s.new_documents(),
        s.incidents_created(),
        s.incidents_merged(),
        alerts,
        s.failed_sources()
    );
    Ok(())
}
