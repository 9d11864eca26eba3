//! The Markdown rendering of a report — headings and lists shaped like the monthly column so
//! it can be pasted into one (Japanese with `--lang ja`, English with `--lang en`); every
//! entry ends with its incident id(s) and source links.

use crate::build::{Report, SourceLink};
use crate::format::{percent, thousands, yen};
use crate::period::PeriodKind;
use crate::sections::{action_kind_label, ppc_note, sections, trigger_labels, words, Kind, Words};
use crate::Lang;
use std::fmt::Write;

/// The one escaping function for every data field written into Markdown: control characters
/// removed (no terminal escape sequences in a report that may be `cat`), whitespace folded to
/// one line, and characters that would break inline text, links or table cells — or open raw
/// HTML — escaped.
pub fn md_escape(s: &str) -> String {
    let clean = leakwatch_model::hygiene::strip_controls(s, false);
    let mut out = String::with_capacity(s.len());
    for c in clean
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        if matches!(c, '|' | '[' | ']' | '*' | '_' | '`' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown link to a source: `[title](origin) (2025-09-12)`.
pub fn source_link(s: &SourceLink) -> String {
    let title = s
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&s.doc_id);
    let date = s.published.map_or(String::new(), |d| format!(" ({d})"));
    format!("[{}](<{}>){date}", md_escape(title), md_url(&s.origin))
}

/// A link target inside `<…>`: no control characters, no `>` or `<` to close it early, no
/// credentials.
fn md_url(origin: &str) -> String {
    let clean = leakwatch_model::hygiene::strip_controls(origin, false);
    leakwatch_model::hygiene::redact_url(clean.trim())
        .replace('>', "%3E")
        .replace('<', "%3C")
        .replace(' ', "%20")
}

fn sources_line(sources: &[SourceLink]) -> String {
    if sources.is_empty() {
        "-".to_string()
    } else {
        sources
            .iter()
            .map(source_link)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn short_links(sources: &[SourceLink]) -> String {
    sources
        .iter()
        .enumerate()
        .map(|(n, s)| format!("[{}](<{}>)", n + 1, md_url(&s.origin)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The report title: `2025年9月の情報漏えい` / `Information leaks in September 2025`.
pub fn title(r: &Report) -> String {
    let label = &r.period.label;
    match (r.lang, r.period.kind) {
        (Lang::Ja, PeriodKind::Range) => format!("{label} の情報漏えい"),
        (Lang::Ja, _) => format!("{label}の情報漏えい"),
        (Lang::En, _) => format!("Information leaks in {label}"),
    }
}

/// The change line: `2025年8月の 71 件から 2 件増（+2.8%）`.
pub fn change_text(r: &Report) -> String {
    let lang = r.lang;
    let prev = &r.previous_period.label;
    let pct = r.change.percent.map_or(String::new(), |p| {
        format!("{}{p:.1}%", if p > 0.0 { "+" } else { "" })
    });
    match lang {
        Lang::Ja => {
            let base = format!("{prev}の {} 件から", thousands(r.previous_total));
            match r.change.count {
                0 => format!("{base}増減なし"),
                c if r.previous_total == 0 => format!("{base} {} 件増（増減率は算出せず）", c),
                c if c > 0 => format!("{base} {} 件増（{pct}）", c),
                c => format!("{base} {} 件減（{pct}）", -c),
            }
        }
        Lang::En => {
            let base = format!("{} in {prev}", thousands(r.previous_total));
            match r.change.count {
                0 => format!("unchanged from {base}"),
                c if r.previous_total == 0 => {
                    format!("up {c} from {base} (no percentage: previous period had none)")
                }
                c if c > 0 => format!("up {c} from {base} ({pct})"),
                c => format!("down {} from {base} ({pct})", -c),
            }
        }
    }
}

/// The records sum with its per-unit parts: `687,059（件 687,059）`, each unit (which an
/// analyst may set with `edit`) passed through `escape` — [`md_escape`] for Markdown, the
/// HTML escaper for HTML.
pub fn records_text_with(r: &Report, escape: impl Fn(&str) -> String) -> String {
    let parts: Vec<String> = r
        .records
        .by_unit
        .iter()
        .map(|u| format!("{} {}", escape(&u.unit), thousands(u.sum)))
        .collect();
    if parts.is_empty() {
        "0".to_string()
    } else if r.records.by_unit.len() == 1 {
        format!(
            "{} {}",
            thousands(r.records.sum),
            escape(&r.records.by_unit[0].unit)
        )
    } else {
        format!("{}（{}）", thousands(r.records.sum), parts.join(" / "))
    }
}

/// [`records_text_with`] for Markdown.
pub fn records_text(r: &Report) -> String {
    records_text_with(r, md_escape)
}

/// Renders the report as Markdown.
pub fn render(r: &Report) -> String {
    let lang = r.lang;
    let w = words(lang);
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", title(r));
    let _ = writeln!(
        s,
        "{}: {}〜{}（{}: {}）\n",
        w.period, r.period.from, r.period.to, w.compared_with, r.previous_period.label
    );
    let _ = writeln!(s, "> {}\n", r.period_rule);
    for section in sections(r) {
        let _ = writeln!(s, "## {}\n", section.title);
        if let Some(empty) = section.empty {
            let _ = writeln!(s, "{empty}\n");
            continue;
        }
        match section.kind {
            Kind::Summary => summary(&mut s, r, &w),
            Kind::Causes => causes(&mut s, r, &w),
            Kind::Trend => trend(&mut s, r, &w),
            Kind::Worst => worst(&mut s, r, &w),
            Kind::Cards => cards(&mut s, r, &w),
            Kind::Actions => actions(&mut s, r),
            Kind::Attackers => attackers(&mut s, r),
            Kind::Processors => processors(&mut s, r, &w),
            Kind::Records => records(&mut s, r, &w),
            Kind::Ppc => ppc(&mut s, r, &w),
            Kind::Incidents => incidents(&mut s, r, &w),
        }
    }
    s
}

fn summary(s: &mut String, r: &Report, w: &Words) {
    if r.total == 0 {
        let _ = writeln!(s, "{}\n", w.no_incident);
    }
    let unit = w.incidents_unit;
    let _ = writeln!(
        s,
        "- {}: **{} {unit}** — {}",
        w.incidents,
        thousands(r.total),
        change_text(r)
    );
    let _ = writeln!(
        s,
        "- {}: {} {}",
        w.sources,
        thousands(r.sources),
        w.documents
    );
    let _ = writeln!(
        s,
        "- {}: {}（{}: {} {unit}）",
        w.records,
        records_text(r),
        w.without_count,
        r.records.without_count,
    );
    let _ = writeln!(s, "- {}: {} {unit}", w.card_leaks, r.card_leaks.len());
    let _ = writeln!(s, "- {}: {} {unit}\n", w.actions, r.actions.len());
}

fn causes(s: &mut String, r: &Report, w: &Words) {
    let _ = writeln!(
        s,
        "| {} | {} | {} |\n|:--|--:|--:|",
        w.cause, w.count, w.share
    );
    for row in &r.by_cause {
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            md_escape(&row.label),
            row.count,
            percent(row.percent)
        );
    }
    let _ = writeln!(
        s,
        "| **{}** | **{}** | **{}** |\n",
        w.total,
        r.total,
        percent(r.cause_percent_total())
    );
    let _ = writeln!(s, "VERIS: {}\n", r.veris_summary());
}

fn trend(s: &mut String, r: &Report, w: &Words) {
    let months: Vec<&str> = r.trend.iter().map(|p| p.month.as_str()).collect();
    let counts: Vec<String> = r.trend.iter().map(|p| p.count.to_string()).collect();
    let _ = writeln!(
        s,
        "| {} | {} |\n|:--|{}\n| {} | {} |\n",
        w.month,
        months.join(" | "),
        "--:|".repeat(months.len()),
        w.incidents,
        counts.join(" | ")
    );
}

fn worst(s: &mut String, r: &Report, w: &Words) {
    for x in &r.worst {
        let _ = writeln!(
            s,
            "### {}: {}\n\n- {}: {}\n- {}: {}\n- {}: {}\n- ID: #{}\n",
            match r.lang {
                Lang::Ja => format!("{} 位", x.rank),
                Lang::En => format!("No. {}", x.rank),
            },
            md_escape(&x.organization),
            w.cause,
            md_escape(&x.cause_label),
            w.count,
            md_escape(&x.display),
            w.cited,
            sources_line(&x.sources),
            x.incident_id
        );
    }
}

fn cards(s: &mut String, r: &Report, w: &Words) {
    for c in &r.card_leaks {
        let aliases = if c.aliases.is_empty() {
            String::new()
        } else {
            format!("（{}）", md_escape(&c.aliases.join("、")))
        };
        let window = c.exposure.as_ref().map_or(String::new(), |e| {
            let d = |x: Option<chrono::NaiveDate>| {
                x.map_or_else(|| w.unknown.to_string(), |d| d.to_string())
            };
            format!(" — {}: {}〜{}", w.exposure, d(e.from), d(e.to))
        });
        let _ = writeln!(
            s,
            "- **{}**{aliases} — {}: {}{window} — {}: {} — {} — #{}",
            md_escape(&c.organization),
            w.count,
            md_escape(&c.display),
            w.cause,
            md_escape(&c.cause_label),
            sources_line(&c.sources),
            c.incident_id
        );
    }
    s.push('\n');
}

fn actions(s: &mut String, r: &Report) {
    for a in &r.actions {
        let _ = writeln!(
            s,
            "- **{}** — {}: {} — {} — #{}",
            md_escape(&a.organization),
            action_kind_label(&a.kind, r.lang),
            md_escape(&a.action),
            sources_line(&a.sources),
            a.incident_id
        );
    }
    s.push('\n');
}

fn attackers(s: &mut String, r: &Report) {
    for a in &r.attackers {
        let victims: Vec<String> = a
            .victims
            .iter()
            .map(|v| format!("{} (#{})", md_escape(&v.organization), v.incident_id))
            .collect();
        let _ = writeln!(
            s,
            "- **{}**: {}",
            md_escape(&a.attacker),
            victims.join(", ")
        );
    }
    s.push('\n');
}

fn processors(s: &mut String, r: &Report, w: &Words) {
    for p in &r.processors {
        let ids: Vec<String> = p.incident_ids.iter().map(|i| format!("#{i}")).collect();
        let _ = writeln!(
            s,
            "- **{}** → {}: {} — {} — {}",
            md_escape(&p.processor),
            w.affected,
            md_escape(&p.affected.join("、")),
            sources_line(&p.sources),
            ids.join(" ")
        );
    }
    s.push('\n');
}

fn records(s: &mut String, r: &Report, w: &Words) {
    let unit = w.incidents_unit;
    let _ = writeln!(
        s,
        "- {}: {}\n- {}: {} {unit}\n- {}: {} {unit}\n\n{}\n",
        w.sum,
        records_text(r),
        w.with_count,
        r.records.with_count,
        w.without_count,
        r.records.without_count,
        w.records_note
    );
}

fn ppc(s: &mut String, r: &Report, w: &Words) {
    let lang = r.lang;
    let _ = writeln!(
        s,
        "| ID | {} | {} | {} | {} | {} |\n|--:|:--|:--|:--|:--|--:|",
        w.organisation, w.triggers, w.preliminary, w.final_due, w.damages
    );
    for a in r.assessments.iter().filter(|a| a.ppc.reportable) {
        let due = a.ppc.final_report.as_ref().map_or("-".to_string(), |d| {
            let days = d.days;
            match (d.due, lang) {
                (Some(due), Lang::Ja) => format!("{days}日以内（{due}）"),
                (Some(due), Lang::En) => format!("{days} days ({due})"),
                (None, Lang::Ja) => format!("検知から{days}日以内（{}）", w.detection_unknown),
                (None, Lang::En) => format!("{days} days from detection (date unknown)"),
            }
        });
        let prelim = a
            .ppc
            .preliminary
            .as_ref()
            .map_or("-".to_string(), |d| match (d.due, lang) {
                (Some(due), Lang::Ja) => format!("速やかに（3〜5日程度、{due}目安）"),
                (Some(due), Lang::En) => format!("promptly (about 3–5 days, by {due})"),
                (None, _) => w.promptly.to_string(),
            });
        let damages = a.damages.total_jpy.map_or_else(
            || format!("{} {}", yen(a.damages.per_person_jpy, lang), w.per_person),
            |v| yen(v, lang),
        );
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
            a.incident_id,
            md_escape(&a.organization),
            trigger_labels(a, lang),
            prelim,
            due,
            damages
        );
    }
    let _ = writeln!(s, "\n{}\n", ppc_note(lang));
}

fn incidents(s: &mut String, r: &Report, w: &Words) {
    let _ = writeln!(
        s,
        "| ID | {} | {} | {} | {} | {} | {} |\n|--:|:--|:--|:--|:--|--:|:--|",
        w.first_reported, w.organisation, w.sector, w.cause, w.count, w.cited
    );
    for i in &r.incidents {
        let _ = writeln!(
            s,
            "| {} | {} | {}{} | {} | {} | {} | {} |",
            i.incident_id,
            i.reported_on.map_or("-".to_string(), |d| d.to_string()),
            md_escape(&i.organization),
            if i.card_data { w.card_mark } else { "" },
            md_escape(&i.sector),
            md_escape(&i.category),
            i.affected.as_deref().map_or("-".to_string(), md_escape),
            short_links(&i.sources)
        );
    }
    s.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_table_and_link_syntax() {
        assert_eq!(md_escape("A|B [x]"), "A\\|B \\[x\\]");
        assert_eq!(md_escape("a\n  b"), "a b");
        // Issue 11 (5): no terminal escape sequence survives.
        assert_eq!(md_escape("t\u{1b}]0;x\u{7}\u{1b}[2J"), "t\\]0;x\\[2J");
        assert_eq!(
            md_url("http://u:p@h.invalid/a b>\n"),
            "http://***@h.invalid/a%20b%3E"
        );
    }
}
