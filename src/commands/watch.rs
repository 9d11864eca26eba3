//! `leakwatch watch add|list|remove|import|export`: the watchlists alerts are matched against.
//! Owns these subcommands' arguments, CSV files and output; matching itself is in the watch
//! crate.

use super::{open_store_for_reading, open_store_for_writing};
use crate::config::Settings;
use crate::render::Table;
use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use leakwatch_app::alerts::{scan_all, watch_entries, DeliveryPolicy};
use leakwatch_resolve::normalize_org_name;
use leakwatch_store::watch::NewWatchRow;
use leakwatch_watch::{read_csv, write_csv, NewWatchEntry, WatchKind, DEFAULT_LIST};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum WatchCommand {
    /// Watch an organisation (matched by name, aliases and domains, and through supply-chain
    /// links)
    Add(WatchAddArgs),
    /// List watched organisations
    List {
        /// Only this watchlist
        #[arg(long, value_name = "LIST")]
        list: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Stop watching an organisation (by id or name)
    Remove {
        #[arg(value_name = "ID|NAME")]
        entry: String,
        /// Only from this watchlist
        #[arg(long, value_name = "LIST")]
        list: Option<String>,
    },
    /// Add entries from a CSV file: name,aliases,domains,kind,list (aliases/domains `;`-separated)
    Import {
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
        /// Put entries without a list in this one
        #[arg(long, value_name = "LIST")]
        list: Option<String>,
    },
    /// Check every stored incident against the watchlists (e.g. after adding entries to a
    /// database that already holds incidents); new alerts are recorded and delivered
    Scan {
        /// Directory of extra playbooks (overrides the config's `playbooks`)
        #[arg(long, value_name = "DIR")]
        playbooks: Option<PathBuf>,
    },
    /// Write the watchlists as CSV (stdout unless --out)
    Export {
        #[arg(long, value_name = "FILE.csv")]
        out: Option<PathBuf>,
        /// Only this watchlist
        #[arg(long, value_name = "LIST")]
        list: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct WatchAddArgs {
    /// The organisation's name (legal forms, width and spacing do not matter)
    pub name: String,
    /// Another name it is known by (repeatable)
    #[arg(long = "alias", value_name = "ALIAS")]
    pub aliases: Vec<String>,
    /// A domain of the organisation, e.g. example.co.jp (repeatable)
    #[arg(long = "domain", value_name = "DOMAIN")]
    pub domains: Vec<String>,
    /// How you relate to it: vendor, service, processor or self (chooses the checklist)
    #[arg(long, default_value = "vendor", value_name = "KIND")]
    pub kind: String,
    /// The watchlist to put it in
    #[arg(long, default_value = DEFAULT_LIST, value_name = "LIST")]
    pub list: String,
}

pub fn run(settings: &Settings, cmd: &WatchCommand) -> Result<ExitCode> {
    match cmd {
        WatchCommand::Add(args) => {
            let kind: WatchKind = args.kind.parse()?;
            let entry = NewWatchEntry {
                name: args.name.clone(),
                aliases: args.aliases.clone(),
                domains: args.domains.clone(),
                kind,
                list: args.list.clone(),
            }
            .validated()?;
            let mut store = open_store_for_writing(settings)?;
            let id = store
                .add_watch(&row(&entry))
                .context("cannot add the watch entry")?;
            if !settings.quiet {
                eprintln!(
                    "watching '{}' as {} in list '{}' (entry {id})",
                    entry.name, entry.kind, entry.list
                );
            }
            println!("{id}");
            Ok(ExitCode::SUCCESS)
        }
        WatchCommand::List { list, json } => {
            let store = open_store_for_reading(settings)?;
            let entries: Vec<_> = watch_entries(&*store)?
                .into_iter()
                .filter(|e| list.as_ref().is_none_or(|l| &e.list == l))
                .collect();
            if *json {
                println!("{}", serde_json::to_string_pretty(&entries)?);
            } else {
                let mut table = Table::new(&[
                    ("ID", 4),
                    ("LIST", 12),
                    ("NAME", 28),
                    ("KIND", 9),
                    ("ALIASES", 24),
                    ("DOMAINS", 24),
                ]);
                for e in &entries {
                    table.row(vec![
                        e.id.to_string(),
                        e.list.clone(),
                        e.name.clone(),
                        e.kind.to_string(),
                        e.aliases.join(", "),
                        e.domains.join(", "),
                    ]);
                }
                print!("{}", table.render());
            }
            Ok(ExitCode::SUCCESS)
        }
        WatchCommand::Remove { entry, list } => {
            let mut store = open_store_for_reading(settings)?;
            let id = entry.trim().parse::<i64>().ok();
            let n = store.remove_watch(id, &normalize_org_name(entry), list.as_deref())?;
            if n == 0 {
                bail!("no watch entry '{entry}' (see `leakwatch watch list`)");
            }
            if !settings.quiet {
                eprintln!("removed {n} watch entr{}", if n == 1 { "y" } else { "ies" });
            }
            Ok(ExitCode::SUCCESS)
        }
        WatchCommand::Import { file, list } => {
            // A regular file of bounded size: `/dev/zero` or a FIFO is refused, not read.
            let text = leakwatch_ingest::read_small_file(file, settings.max_import_bytes)
                .context("cannot read the watchlist")?;
            let entries = read_csv(text.as_bytes(), &file.display().to_string())?;
            let mut store = open_store_for_writing(settings)?;
            let (mut added, mut skipped) = (0, 0);
            for mut e in entries {
                if let Some(l) = list {
                    if e.list == DEFAULT_LIST {
                        e.list = l.clone();
                    }
                }
                match store.add_watch(&row(&e)) {
                    Ok(_) => added += 1,
                    Err(leakwatch_store::StoreError::Invalid { message }) => {
                        skipped += 1;
                        if !settings.quiet {
                            eprintln!("skipped: {}", crate::render::terminal_safe(&message, false));
                        }
                    }
                    Err(other) => return Err(other.into()),
                }
            }
            if !settings.quiet {
                eprintln!(
                    "{added} entr{} imported from {}, {skipped} skipped",
                    if added == 1 { "y" } else { "ies" },
                    file.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        WatchCommand::Scan { playbooks } => {
            let mut store = open_store_for_reading(settings)?;
            let books = super::alerts::playbooks(settings, playbooks.as_ref())?;
            let notifiers = super::alerts::notifiers(settings, false)?;
            let policy = DeliveryPolicy::from_config(&settings.notify);
            let summary = scan_all(&mut *store, &books, &notifiers, &policy)?;
            for f in &summary.failed {
                eprintln!(
                    "leakwatch: alert {} not delivered to {} (will retry): {}",
                    f.alert_id,
                    f.notifier,
                    crate::render::terminal_safe(&f.reason, false)
                );
            }
            if !settings.quiet {
                eprintln!(
                    "{} incident(s) checked; {} new alert(s); {} delivery(ies) made",
                    summary.incidents_evaluated,
                    summary.created.len(),
                    summary.delivered
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        WatchCommand::Export { out, list } => {
            let store = open_store_for_reading(settings)?;
            let entries: Vec<_> = watch_entries(&*store)?
                .into_iter()
                .filter(|e| list.as_ref().is_none_or(|l| &e.list == l))
                .collect();
            match out {
                Some(path) => {
                    let f = std::fs::File::create(path)
                        .with_context(|| format!("cannot create {}", path.display()))?;
                    write_csv(f, &entries)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    if !settings.quiet {
                        eprintln!("{} entries written to {}", entries.len(), path.display());
                    }
                }
                None => write_csv(std::io::stdout().lock(), &entries)?,
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn row(e: &NewWatchEntry) -> NewWatchRow {
    NewWatchRow {
        list: e.list.clone(),
        name: e.name.clone(),
        name_key: normalize_org_name(&e.name),
        aliases: e.aliases.clone(),
        domains: e.domains.clone(),
        kind: e.kind.as_str().to_string(),
    }
}
