//! `leakwatch alerts`: list recorded alerts (optionally unread only, as JSON, marking them
//! read); plus the helpers every command that stores documents uses to evaluate and deliver
//! alerts (notifiers and playbooks from the settings). Must not match or render alerts itself.

use super::open_store_for_reading;
use crate::config::Settings;
use crate::render::Table;
use anyhow::{Context, Result};
use clap::Args;
use leakwatch_app::alerts::{
    alert_from_row, alert_on_new_documents, AlertRunSummary, DeliveryPolicy,
};
use leakwatch_store::watch::WatchStore;
use leakwatch_watch::{notifiers_from_config, render_alert, Lang, Notifier, PlaybookSet};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct AlertsArgs {
    /// Only alerts not yet marked read
    #[arg(long)]
    pub unread: bool,
    /// Print the alerts (with match, link and checklist) as JSON
    #[arg(long)]
    pub json: bool,
    /// Mark the listed alerts as read
    #[arg(long)]
    pub mark_read: bool,
    /// Print each alert's full message (with its checklist) in this language: ja or en
    #[arg(long, value_name = "LANG")]
    pub full: Option<String>,
}

/// The playbooks: shipped ones extended by `--playbooks DIR`, else the config's `playbooks`.
pub fn playbooks(settings: &Settings, flag: Option<&PathBuf>) -> Result<PlaybookSet> {
    let dir = flag.or(settings.playbooks_dir.as_ref());
    PlaybookSet::load(dir.map(|d| d.as_path())).context("cannot load playbooks")
}

/// The configured notifiers; stdout alerts go to stderr when stdout carries JSON.
pub fn notifiers(settings: &Settings, json_on_stdout: bool) -> Result<Vec<Box<dyn Notifier>>> {
    let writer: Option<Box<dyn std::io::Write + Send>> = if json_on_stdout {
        Some(Box::new(std::io::stderr()))
    } else {
        None
    };
    notifiers_from_config(&settings.notify, writer).context("invalid [notify] configuration")
}

/// Evaluates alerts for documents stored since the last evaluation and delivers them; reports
/// delivery failures on stderr. Used by `ingest` and `poll`.
pub fn after_store(
    settings: &Settings,
    store: &mut dyn WatchStore,
    json_on_stdout: bool,
    playbooks_flag: Option<&PathBuf>,
) -> Result<AlertRunSummary> {
    let books = playbooks(settings, playbooks_flag)?;
    let notifiers = notifiers(settings, json_on_stdout)?;
    let policy = DeliveryPolicy::from_config(&settings.notify);
    let summary = alert_on_new_documents(store, &books, &notifiers, &policy)?;
    for f in &summary.failed {
        eprintln!(
            "leakwatch: alert {} not delivered to {} (will retry): {}",
            f.alert_id,
            f.notifier,
            crate::render::terminal_safe(&f.reason, false)
        );
    }
    if !settings.quiet && !summary.created.is_empty() {
        eprintln!(
            "{} new alert(s); {} delivery(ies) made",
            summary.created.len(),
            summary.delivered
        );
    }
    Ok(summary)
}

pub fn run(settings: &Settings, args: &AlertsArgs) -> Result<ExitCode> {
    let mut store = open_store_for_reading(settings)?;
    let rows = store.alerts(args.unread)?;
    let alerts = rows
        .iter()
        .map(alert_from_row)
        .collect::<Result<Vec<_>, _>>()?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&alerts)?);
    } else if let Some(lang) = &args.full {
        let lang: Lang = lang.parse()?;
        for a in &alerts {
            let (subject, body) = render_alert(&a.draft, lang);
            let text = format!("== ALERT #{} ({}): {subject}\n{body}", a.id, a.created_at);
            println!("{}", crate::render::terminal_safe(&text, true));
        }
    } else {
        let mut table = Table::new(&[
            ("ID", 5),
            ("CREATED", 20),
            ("WATCHED", 22),
            ("EXPOSURE", 8),
            ("ORGANIZATION", 28),
            ("INC", 5),
            ("PLAYBOOKS", 20),
            ("READ", 4),
        ]);
        for a in &alerts {
            table.row(vec![
                a.id.to_string(),
                a.created_at.clone(),
                a.draft.entry_name.clone(),
                a.draft.exposure.as_str().to_string(),
                a.draft.organization.clone(),
                a.draft.incident_id.to_string(),
                a.draft.playbooks.join(","),
                if a.read { "yes" } else { "" }.to_string(),
            ]);
        }
        print!("{}", table.render());
        for a in alerts.iter().filter(|a| a.draft.link.is_some()) {
            println!(
                "  #{} link: {}",
                a.id,
                a.draft.link.as_deref().unwrap_or_default()
            );
        }
    }
    if args.mark_read {
        let ids: Vec<i64> = alerts.iter().map(|a| a.id).collect();
        let n = store.mark_alerts_read(&ids)?;
        if !settings.quiet {
            eprintln!("{n} alert(s) marked read");
        }
    } else if !settings.quiet && !args.json {
        eprintln!("{} alert(s)", alerts.len());
    }
    Ok(ExitCode::SUCCESS)
}
