//! `leakwatch playbook`: print the checklist chosen for data types, a cause and a watcher
//! kind, in Japanese or English. Owns the arguments and output; selection is in the watch
//! crate.

use crate::config::Settings;
use anyhow::{Context, Result};
use clap::Args;
use leakwatch_app::alerts::incident_checklist;
use leakwatch_model::{Cause, DataType, IncidentId};
use leakwatch_watch::{render_checklist, render_playbooks, Lang, PlaybookQuery, WatchKind};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct PlaybookArgs {
    /// A leaked data type (card_number, password, email, …; repeatable)
    #[arg(long = "data-type", value_name = "TYPE")]
    pub data_types: Vec<String>,
    /// The incident's cause (ransomware, unauthorized_access, …)
    #[arg(long, value_name = "CAUSE")]
    pub cause: Option<String>,
    /// How you relate to the organisation: vendor, service, processor or self
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// ja or en
    #[arg(long, default_value = "ja", value_name = "LANG")]
    pub lang: String,
    /// Directory of extra playbooks (overrides the config's `playbooks`)
    #[arg(long, value_name = "DIR")]
    pub playbooks: Option<PathBuf>,
    /// The checklist for this stored incident (its data types and cause, and the kind of any
    /// watch entry it concerns) instead of --data-type/--cause/--kind
    #[arg(long, value_name = "ID", conflicts_with_all = ["data_types", "cause", "kind"])]
    pub incident: Option<i64>,
    /// List every loaded playbook's id and title instead
    #[arg(long)]
    pub list: bool,
    #[arg(long)]
    pub json: bool,
}

pub fn run(settings: &Settings, args: &PlaybookArgs) -> Result<ExitCode> {
    let set = super::alerts::playbooks(settings, args.playbooks.as_ref())?;
    let lang: Lang = args.lang.parse()?;
    if args.list {
        for p in set.all() {
            println!("{:<22} {}", p.id, p.title.get(lang));
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(id) = args.incident {
        let store = super::open_store_for_reading(settings)?;
        let drafts = incident_checklist(&*store, IncidentId(id), &set)?;
        if args.json {
            println!("{}", serde_json::to_string_pretty(&drafts)?);
            return Ok(ExitCode::SUCCESS);
        }
        for d in &drafts {
            let who = if d.entry_id == 0 {
                String::new()
            } else {
                format!(" — watched: {} ({})", d.entry_name, d.kind)
            };
            println!(
                "# incident #{} {}{who}: {}",
                d.incident_id,
                d.organization,
                d.playbooks.join(", ")
            );
            print!("{}", render_checklist(&d.checklist, lang));
        }
        return Ok(ExitCode::SUCCESS);
    }
    let data_types = args
        .data_types
        .iter()
        .map(|d| d.parse::<DataType>())
        .collect::<Result<Vec<_>, _>>()
        .context("--data-type")?;
    let cause = args
        .cause
        .as_deref()
        .map(|c| c.parse::<Cause>())
        .transpose()
        .context("--cause")?;
    let kind = args
        .kind
        .as_deref()
        .map(|k| k.parse::<WatchKind>())
        .transpose()?;
    let query = PlaybookQuery {
        card_data: data_types.iter().any(|d| d.is_card()),
        data_types,
        cause,
        kind,
    };
    let chosen = set.select(&query);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&chosen)?);
    } else {
        print!("{}", render_playbooks(&chosen, lang));
    }
    Ok(ExitCode::SUCCESS)
}
