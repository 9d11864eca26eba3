//! `leakwatch orgs` and `leakwatch org NAME`: organisations with stable ids, canonical names and
//! alias sets; one organisation's incidents including those at its processors (indirect).

use super::open_store_for_reading;
use crate::commands::query::incident_table;
use crate::config::Settings;
use crate::render::Table;
use anyhow::Result;
use clap::Args;
use leakwatch_resolve::Resolver;
use std::fmt::Write as _;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct OrgsArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct OrgArgs {
    /// Any name the organisation was reported under (legal form, brand, abbreviation)
    pub name: String,
    #[arg(long)]
    pub json: bool,
}

pub fn list(settings: &Settings, args: &OrgsArgs) -> Result<ExitCode> {
    let store = open_store_for_reading(settings)?;
    let orgs = store.organizations()?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&orgs)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = Table::new(&[
        ("ID", 6),
        ("ORGANIZATION", 36),
        ("INCIDENTS", 9),
        ("ALIASES", 60),
    ]);
    for o in &orgs {
        table.row(vec![
            o.id.to_string(),
            o.canonical_name.clone(),
            o.incidents.to_string(),
            o.aliases.join(", "),
        ]);
    }
    print!("{}", table.render());
    Ok(ExitCode::SUCCESS)
}

pub fn show(settings: &Settings, args: &OrgArgs) -> Result<ExitCode> {
    let store = open_store_for_reading(settings)?;
    let view = store.organization(&args.name, &Resolver)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&view)?);
        return Ok(ExitCode::SUCCESS);
    }
    // Names come from documents: printed without control characters.
    let mut out = String::new();
    let o = &view.organization;
    let _ = writeln!(out, "Organisation #{} — {}", o.id, o.canonical_name);
    if !o.aliases.is_empty() {
        let _ = writeln!(out, "  also reported as: {}", o.aliases.join(", "));
    }
    let _ = writeln!(out, "\nIncidents (direct):");
    if view.direct.is_empty() {
        let _ = writeln!(out, "  (none)");
    } else {
        let _ = write!(out, "{}", incident_table(&view.direct));
    }
    if !view.indirect.is_empty() {
        let _ = writeln!(out, "\nIncidents at linked organisations (indirect):");
        for i in &view.indirect {
            let _ = writeln!(
                out,
                "  #{} {} — {} — {} (indirect: via its {} {})",
                i.incident.id,
                i.incident.organization,
                i.incident.cause,
                i.incident
                    .affected
                    .as_ref()
                    .map_or("-".to_string(), |a| a.to_string()),
                i.via_role,
                i.via_org
            );
        }
    }
    if !view.links.is_empty() {
        let _ = writeln!(out, "\nLinks:");
        for (name, role, incident) in &view.links {
            let _ = writeln!(out, "  {name} is its {role} (incident #{incident})");
        }
    }
    print!("{}", crate::render::terminal_safe(&out, true));
    Ok(ExitCode::SUCCESS)
}
