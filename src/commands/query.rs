//! `leakwatch list`, `show` and `search`: read-only views over the store.

use super::open_store_for_reading;
use crate::cli::{ListArgs, SearchArgs, ShowArgs};
use crate::config::Settings;
use crate::render::{one_line, terminal_safe, Table};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use leakwatch_app::{incident_detail, IncidentDetail};
use leakwatch_model::{Cause, Incident, IncidentFilter, IncidentId, IncidentSummary};
use std::process::ExitCode;

fn parse_date(flag: &str, value: &Option<String>) -> Result<Option<NaiveDate>> {
    value
        .as_deref()
        .map(|v| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .with_context(|| format!("{flag} expects a date as YYYY-MM-DD, got '{v}'"))
        })
        .transpose()
}

pub fn filter_from(args: &ListArgs) -> Result<IncidentFilter> {
    let cause = args
        .cause
        .as_deref()
        .map(|c| c.parse::<Cause>())
        .transpose()
        .context("--cause")?;
    Ok(IncidentFilter {
        cause,
        since: parse_date("--since", &args.since)?,
        until: parse_date("--until", &args.until)?,
        org: args.org.clone(),
        card_only: args.card,
        limit: args.limit,
        after: None,
    })
}

pub fn list(settings: &Settings, args: &ListArgs) -> Result<ExitCode> {
    let filter = filter_from(args)?;
    let store = open_store_for_reading(settings)?;
    let incidents = store.list_incidents(&filter)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&incidents)?);
    } else {
        print!("{}", incident_table(&incidents));
        if !settings.quiet {
            eprintln!("{} incident(s)", incidents.len());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The table `list` and `demo` print.
pub fn incident_table(incidents: &[IncidentSummary]) -> String {
    let mut table = Table::new(&[
        ("ID", 6),
        ("REPORTED", 10),
        ("ORGANIZATION", 36),
        ("CAUSE", 19),
        ("AFFECTED", 22),
        ("CARD", 4),
        ("SRC", 3),
    ]);
    for i in incidents {
        table.row(vec![
            i.id.to_string(),
            i.reported_on.map_or("-".to_string(), |d| d.to_string()),
            i.organization.clone(),
            i.cause.to_string(),
            i.affected
                .as_ref()
                .map_or("-".to_string(), |a| a.to_string()),
            if i.card_data { "yes" } else { "" }.to_string(),
            i.sources.to_string(),
        ]);
    }
    table.render()
}

pub fn show(settings: &Settings, args: &ShowArgs) -> Result<ExitCode> {
    let store = open_store_for_reading(settings)?;
    let detail = incident_detail(&*store, IncidentId(args.id))?;
    let assessment = leakwatch_report::assess(&detail.incident);
    let playbooks = super::alerts::playbooks(settings, None)?;
    let checklists =
        leakwatch_app::alerts::incident_checklist(&*store, detail.incident.id, &playbooks)?;
    if args.json {
        #[derive(serde::Serialize)]
        struct ShowJson<'a> {
            #[serde(flatten)]
            detail: &'a IncidentDetail,
            assessment: &'a leakwatch_report::Assessment,
            checklists: &'a [leakwatch_watch::AlertDraft],
        }
        let out = ShowJson {
            detail: &detail,
            assessment: &assessment,
            checklists: &checklists,
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        // Stored text (titles, names, sentences from pages) is printed without control
        // characters: a page cannot drive the terminal.
        let mut out = render_incident(&detail.incident, settings.review_threshold);
        out.push_str(&render_history(&detail));
        out.push('\n');
        out.push_str(&leakwatch_report::assessment::render_text(&assessment));
        for d in &checklists {
            let who = if d.entry_id == 0 {
                String::new()
            } else {
                format!(" (watched: {}, {})", d.entry_name, d.kind)
            };
            out.push_str(&format!(
                "\nWhat to do{who} — {}:\n",
                d.playbooks.join(", ")
            ));
            out.push_str(&leakwatch_watch::render_checklist(
                &d.checklist,
                leakwatch_watch::Lang::Ja,
            ));
        }
        print!("{}", terminal_safe(&out, true));
    }
    Ok(ExitCode::SUCCESS)
}

/// The timeline, the fields sources disagree on, and the audit trail.
pub fn render_history(d: &IncidentDetail) -> String {
    let mut text = String::new();
    if !d.timeline.is_empty() {
        text.push_str("\nTimeline:\n");
        for e in &d.timeline {
            text.push_str(&format!(
                "  {}  {:<17} [{}] {}\n",
                e.date,
                e.kind,
                e.doc_id,
                one_line(&e.description, 100)
            ));
        }
    }
    if !d.conflicts.is_empty() {
        text.push_str("\nSources disagree:\n");
        for c in &d.conflicts {
            let values: Vec<String> = c
                .values
                .iter()
                .map(|(v, docs)| format!("{v} ({})", docs.join(", ")))
                .collect();
            text.push_str(&format!("  {:<20} {}\n", c.field, values.join(" vs ")));
        }
    }
    if !d.audit.is_empty() {
        text.push_str("\nAnalyst changes:\n");
        for a in &d.audit {
            text.push_str(&format!(
                "  {} {} {}: {}{}\n",
                a.at,
                a.author,
                a.action,
                a.detail,
                if a.reason.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", a.reason)
                }
            ));
        }
    }
    text
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or("-".to_string(), |x| x.to_string())
}

/// `show`'s text: headline values, then every stated value with its confidence, rule and
/// sentence (fields below the review threshold are marked), then the sources.
pub fn render_incident(i: &Incident, review_threshold: f32) -> String {
    let mut out = String::new();
    let mut line = |k: &str, v: String| out.push_str(&format!("  {k:<20} {v}\n"));
    line("organization", i.organization.clone());
    if !i.aliases.is_empty() {
        line("aliases", i.aliases.join(", "));
    }
    for r in &i.related {
        line("related", format!("{} ({})", r.name, r.role));
    }
    line("cause", i.cause.to_string());
    line("affected", opt(&i.affected));
    if i.data_volume.is_some() {
        line("data volume", opt(&i.data_volume));
    }
    line(
        "data types",
        if i.data_types.is_empty() {
            "-".to_string()
        } else {
            i.data_types
                .iter()
                .map(|d| d.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        },
    );
    line("card data", i.card_data.to_string());
    line(
        "confirmed",
        if i.confirmed {
            "confirmed"
        } else {
            "possible (not confirmed)"
        }
        .to_string(),
    );
    for (k, v) in [
        ("occurred", i.dates.occurred),
        ("detected", i.dates.detected),
        ("disclosed", i.dates.disclosed),
        ("reported to police", i.dates.reported_police),
        ("reported to PPC", i.dates.reported_ppc),
    ] {
        if let Some(d) = v {
            line(k, d.to_string());
        }
    }
    if i.attacker.is_some() {
        line("attacker", opt(&i.attacker));
    }
    if i.regulator_action.is_some() {
        line("regulator action", opt(&i.regulator_action));
    }
    if let Some(yen) = i.financial_impact_jpy {
        line("financial impact", format!("{yen} 円"));
    }
    line("first reported", opt(&i.reported_on));
    let mut text = format!("Incident #{} — {}\n{out}", i.id, i.organization);
    text.push_str("\nEvidence (value, confidence, rule, source sentence):\n");
    for e in &i.evidence {
        let mark = if e.confidence < review_threshold {
            "  REVIEW"
        } else {
            ""
        };
        text.push_str(&format!(
            "  {:<20} {}  [{:.2} {}]{mark}\n",
            e.field, e.value, e.confidence, e.rule
        ));
        if let Some(sentence) = &e.sentence {
            let at = e
                .span
                .map_or(String::new(), |s| format!(" @{}..{}", s.start, s.end));
            text.push_str(&format!(
                "  {:<20}   {}{at}: 「{}」\n",
                "",
                e.doc_id,
                one_line(sentence, 140)
            ));
        }
    }
    text.push_str("\nSources:\n");
    for s in &i.sources {
        text.push_str(&format!(
            "  [{}] {} — {} ({})\n",
            s.document_key,
            s.title.as_deref().unwrap_or("(untitled)"),
            s.origin,
            opt(&s.published)
        ));
    }
    text
}

pub fn search(settings: &Settings, args: &SearchArgs) -> Result<ExitCode> {
    let store = open_store_for_reading(settings)?;
    let query = args.query.join(" ");
    let hits = store.search(&query, args.limit)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&hits)?);
        return Ok(ExitCode::SUCCESS);
    }
    // One line per field, each without control characters (titles come from the web).
    for hit in &hits {
        let d = &hit.document;
        let line = format!(
            "[{}] {} — {} ({})",
            d.document_key,
            d.title.as_deref().unwrap_or("(untitled)"),
            d.origin,
            opt(&d.published)
        );
        println!("{}", terminal_safe(&line, false));
        println!("    {}", terminal_safe(&one_line(&hit.snippet, 200), false));
        for i in &hit.incidents {
            let line = format!(
                "    incident #{}: {} — {} — {}",
                i.id,
                i.organization,
                i.cause,
                opt(&i.affected)
            );
            println!("{}", terminal_safe(&line, false));
        }
    }
    if !settings.quiet {
        eprintln!("{} matching document(s)", hits.len());
    }
    Ok(ExitCode::SUCCESS)
}
