//! `leakwatch edit`: analyst corrections, merges and splits, each recorded with who, when and
//! why; corrections win over extraction and survive re-ingest and `reextract`.

use super::open_store_for_reading;
use crate::config::Settings;
use anyhow::{bail, Context, Result};
use clap::Args;
use leakwatch_app::{correct_field, merge, split, Attribution};
use leakwatch_model::IncidentId;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct EditArgs {
    /// Incident id
    pub id: i64,
    /// Correct a field: `field=value` (repeatable). Fields: organization, aliases, cause,
    /// affected_count, affected_qualifier, affected_unit, data_volume, data_types (comma
    /// list), card_data, confirmed, dates.occurred|detected|disclosed|reported_police|
    /// reported_ppc (YYYY-MM-DD or null), attacker, regulator_action, financial_impact_jpy
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub set: Vec<String>,
    /// Merge incident ID2 into this one (ID2 disappears; its sources move here)
    #[arg(long, value_name = "ID2")]
    pub merge: Option<i64>,
    /// Move source document DOC (its key, shown by `show`) out into a new incident
    #[arg(long, value_name = "DOC")]
    pub split: Option<i64>,
    /// Who makes the change (default: $USER)
    #[arg(long, env = "LEAKWATCH_AUTHOR", hide_env = true)]
    pub author: Option<String>,
    /// Why (recorded in the audit log)
    #[arg(long, default_value = "")]
    pub reason: String,
}

pub fn run(settings: &Settings, args: &EditArgs) -> Result<ExitCode> {
    if args.set.is_empty() && args.merge.is_none() && args.split.is_none() {
        bail!("nothing to do: give --set FIELD=VALUE, --merge ID2 or --split DOC");
    }
    let author = args
        .author
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "analyst".to_string());
    let who = Attribution {
        author: &author,
        reason: &args.reason,
    };
    let mut store = open_store_for_reading(settings)?;
    let id = IncidentId(args.id);
    if let Some(other) = args.merge {
        merge(&mut *store, id, IncidentId(other), &who)
            .with_context(|| format!("merging incident {other} into {id}"))?;
        eprintln!("merged incident {other} into {id}");
    }
    for assignment in &args.set {
        let Some((field, value)) = assignment.split_once('=') else {
            bail!("--set expects FIELD=VALUE, got '{assignment}'");
        };
        correct_field(&mut *store, id, field.trim(), value, &who)
            .with_context(|| format!("correcting incident {id}"))?;
        eprintln!("incident {id}: {} set to '{}'", field.trim(), value.trim());
    }
    if let Some(doc) = args.split {
        let new_id = split(&mut *store, id, doc, &who)
            .with_context(|| format!("splitting document {doc} out of incident {id}"))?;
        eprintln!("document {doc} split out of incident {id} into new incident {new_id}");
    }
    Ok(ExitCode::SUCCESS)
}
