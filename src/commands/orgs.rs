//! `leakwatch orgs` and `leakwatch org NAME`: organisations with stable ids, canonical names and
//! alias sets; one organisation's incidents including those at its processors (indirect).

use super::open_store_for_reading;
use crate::commands::query::incident_table;
use crate::config::Settings;
use crate::render::Table;
use anyhow::Result;
use clap::Args;
use leakwatch_resolve::Resolver;
use leakwatch_store::Store;
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
    let o = &view.organization;
    println!("Organisation #{} — {}", o.id, o.canonical_name);
    if !o.aliases.is_empty() {
        println!("  also reported as: {}", o.aliases.join(", "));
    }
    println!("\nIncidents (direct):");
    if view.direct.is_empty() {
        println!("  (none)");
    } else {
        print!("{}", incident_table(&view.direct));
    }
    if !view.indirect.is_empty() {
        println!("\nIncidents at linked organisations (indirect):");
        for i in &view.indirect {
            println!(
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
        println!("\nLinks:");
        for (name, role, incident) in &view.links {
            println!("  {name} is its {role} (incident #{incident})");
        }
    }
    Ok(ExitCode::SUCCESS)
}
