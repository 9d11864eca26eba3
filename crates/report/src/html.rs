//! The HTML rendering of a report: one self-contained, well-formed (XHTML-compatible) page
//! with inline CSS, an inline-SVG bar chart of causes and a 12-month trend chart, tables and
//! links to every source. No scripts, fonts or images are loaded from anywhere.

use crate::build::{Report, SourceLink};
use crate::format::{percent, thousands, yen};
use crate::markdown::{change_text, records_text_with, title};
use crate::sections::{self, action_kind_label, ppc_note, sections, words, Kind, Words};
use crate::svg::{column_chart, escape, horizontal_bars, Bar, Column};
use crate::Lang;
use std::fmt::Write;

const CSS: &str = "\
:root{color-scheme:light;}\
body{margin:0;background:#f6f7f9;color:#1d2330;font-family:'Hiragino Sans','Hiragino Kaku Gothic ProN','Noto Sans CJK JP','Noto Sans JP','Yu Gothic',Meiryo,system-ui,sans-serif;font-size:16px;line-height:1.75;}\
main{max-width:980px;margin:0 auto;padding:32px 40px 48px;background:#fff;}\
h1{font-size:1.9em;line-height:1.35;margin:0 0 .3em;border-bottom:4px solid #2f6f9f;padding-bottom:.3em;}\
h2{font-size:1.3em;margin:2em 0 .6em;padding-left:.5em;border-left:6px solid #2f6f9f;}\
h3{font-size:1.05em;margin:1.2em 0 .4em;}\
p.meta{color:#555;margin:.2em 0;}\
p.rule{background:#f1f5f9;border-left:4px solid #94a3b8;padding:.6em 1em;font-size:.9em;color:#334155;}\
p.note{font-size:.85em;color:#555;}\
.kpis{display:flex;flex-wrap:wrap;gap:12px;margin:1em 0;}\
.kpi{box-sizing:border-box;flex:1 1 150px;border:1px solid #dde3ea;border-radius:8px;padding:.6em 1em;background:#fbfcfd;}\
.kpi .v{font-size:1.7em;font-weight:700;color:#17324d;display:block;line-height:1.3;}\
.kpi .k{font-size:.85em;color:#555;}\
.kpi .d{font-size:.8em;color:#666;display:block;}\
table{border-collapse:collapse;width:100%;margin:.6em 0 1em;font-size:.92em;}\
th,td{border-bottom:1px solid #e2e8f0;padding:.4em .6em;text-align:left;vertical-align:top;}\
th{background:#eef3f8;font-weight:600;}\
td.org{min-width:11em;}\
td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums;}\
tfoot td{font-weight:700;border-top:2px solid #cbd5e1;}\
a{color:#1d5f99;text-decoration:none;}a:hover{text-decoration:underline;}\
.src{font-size:.85em;}\
.chart{max-width:100%;height:auto;display:block;margin:.5em 0;}\
.empty{color:#777;font-style:italic;}\
footer{margin-top:3em;font-size:.8em;color:#888;border-top:1px solid #e2e8f0;padding-top:.8em;}\
";

fn href(origin: &str) -> String {
    if origin.starts_with('/') {
        format!("file://{origin}")
    } else {
        origin.to_string()
    }
}

fn link(s: &SourceLink) -> String {
    let title = s
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&s.doc_id);
    let date = s.published.map_or(String::new(), |d| format!(" ({d})"));
    format!(
        "<a href=\"{}\">{}</a>{date}",
        escape(&href(&s.origin)),
        escape(title)
    )
}

fn links(sources: &[SourceLink]) -> String {
    if sources.is_empty() {
        return "-".to_string();
    }
    format!(
        "<span class=\"src\">{}</span>",
        sources.iter().map(link).collect::<Vec<_>>().join("<br/>")
    )
}

fn short_links(sources: &[SourceLink]) -> String {
    sources
        .iter()
        .enumerate()
        .map(|(n, s)| {
            format!(
                "<a href=\"{}\" title=\"{}\">[{}]</a>",
                escape(&href(&s.origin)),
                escape(s.title.as_deref().unwrap_or(&s.doc_id)),
                n + 1
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn kpi(s: &mut String, key: &str, value: &str, detail: &str) {
    let _ = write!(
        s,
        "<div class=\"kpi\"><span class=\"k\">{}</span><span class=\"v\">{}</span><span class=\"d\">{}</span></div>",
        escape(key),
        escape(value),
        escape(detail)
    );
}

fn month_label(month: &str, lang: Lang) -> (String, Option<String>) {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, m) = month.split_once('-').unwrap_or((month, ""));
    let n: usize = m.parse().unwrap_or(0);
    let label = match lang {
        Lang::Ja if n > 0 => format!("{n}月"),
        Lang::En if (1..=12).contains(&n) => EN[n - 1].to_string(),
        _ => month.to_string(),
    };
    (label, Some(y.to_string()))
}

/// Renders the report as one self-contained HTML page.
pub fn render(r: &Report) -> String {
    let lang = r.lang;
    let w = words(lang);
    let mut s = String::new();
    let title = title(r);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"{l}\" xml:lang=\"{l}\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<meta name=\"generator\" content=\"leakwatch\"/>\n<title>{t}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{t}</h1>\n",
        l = lang.as_str(),
        t = escape(&title)
    );
    let _ = writeln!(
        s,
        "<p class=\"meta\">{}: {} 〜 {}（{}: {}）</p>\n<p class=\"rule\">{}</p>",
        w.period,
        r.period.from,
        r.period.to,
        w.compared_with,
        escape(&r.previous_period.label),
        escape(&r.period_rule)
    );
    for section in sections(r) {
        let _ = write!(
            s,
            "<section id=\"{}\"><h2>{}</h2>",
            section.id,
            escape(&section.title)
        );
        match section.empty {
            Some(empty) => {
                let _ = write!(s, "<p class=\"empty\">{}</p>", escape(empty));
            }
            None => match section.kind {
                Kind::Summary => summary(&mut s, r, &w),
                Kind::Causes => causes(&mut s, r, &w),
                Kind::Trend => s.push_str(&trend_chart(r)),
                Kind::Worst => worst(&mut s, r, &w),
                Kind::Cards => cards(&mut s, r, &w),
                Kind::Actions => actions(&mut s, r, &w),
                Kind::Attackers => attackers(&mut s, r),
                Kind::Processors => processors(&mut s, r, &w),
                Kind::Records => records(&mut s, r, &w),
                Kind::Ppc => ppc(&mut s, r, &w),
                Kind::Incidents => incidents(&mut s, r, &w),
            },
        }
        s.push_str("</section>\n");
    }
    let _ = write!(
        s,
        "<footer>{}</footer>\n</main>\n</body>\n</html>\n",
        w.footer
    );
    s
}

fn summary(s: &mut String, r: &Report, w: &Words) {
    if r.total == 0 {
        let _ = write!(s, "<p class=\"empty\">{}</p>", w.no_incident);
    }
    s.push_str("<div class=\"kpis\">");
    kpi(s, w.incidents, &thousands(r.total), &change_text(r));
    kpi(s, w.sources, &thousands(r.sources), w.documents);
    kpi(
        s,
        w.records,
        &thousands(r.records.sum),
        &format!("{}: {}", w.without_count, r.records.without_count),
    );
    kpi(s, w.card_leaks, &r.card_leaks.len().to_string(), "");
    kpi(s, w.actions, &r.actions.len().to_string(), "");
    s.push_str("</div>");
}

/// A table head: `(label, numeric)` per column.
fn head(s: &mut String, columns: &[(&str, bool)]) {
    s.push_str("<table><thead><tr>");
    for (label, numeric) in columns {
        let class = if *numeric { " class=\"n\"" } else { "" };
        let _ = write!(s, "<th{class}>{}</th>", escape(label));
    }
    s.push_str("</tr></thead><tbody>");
}

/// The causes as a horizontal bar chart (SVG), titled as its section; also the dashboard's.
pub fn cause_chart(r: &Report) -> String {
    let bars: Vec<Bar> = r
        .by_cause
        .iter()
        .map(|c| Bar {
            label: c.label.clone(),
            value: c.count,
            note: format!("{} ({})", c.count, percent(c.percent)),
        })
        .collect();
    horizontal_bars(&sections::title(r, Kind::Causes), &bars)
}

/// The 12-month trend as a column chart (SVG), titled as its section; also the dashboard's.
pub fn trend_chart(r: &Report) -> String {
    let cols: Vec<Column> = r
        .trend
        .iter()
        .enumerate()
        .map(|(n, p)| {
            let (label, year) = month_label(&p.month, r.lang);
            let first_of_year = p.month.ends_with("-01");
            Column {
                label,
                sublabel: if n == 0 || first_of_year { year } else { None },
                value: p.count,
            }
        })
        .collect();
    column_chart(&sections::title(r, Kind::Trend), &cols)
}

fn causes(s: &mut String, r: &Report, w: &Words) {
    s.push_str(&cause_chart(r));
    head(s, &[(w.cause, false), (w.count, true), (w.share, true)]);
    for c in &r.by_cause {
        let _ = write!(
            s,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&c.label),
            c.count,
            percent(c.percent)
        );
    }
    let _ = write!(
        s,
        "</tbody><tfoot><tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr></tfoot></table>",
        w.total,
        r.total,
        percent(r.cause_percent_total())
    );
    let _ = write!(
        s,
        "<p class=\"note\">VERIS: {}</p>",
        escape(&r.veris_summary())
    );
}

fn worst(s: &mut String, r: &Report, w: &Words) {
    head(
        s,
        &[
            (w.rank, true),
            (w.organisation, false),
            (w.count, true),
            (w.cause, false),
            (w.cited, false),
            ("ID", true),
        ],
    );
    for x in &r.worst {
        let _ = write!(
            s,
            "<tr><td class=\"n\">{}</td><td class=\"org\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">#{}</td></tr>",
            x.rank,
            escape(&x.organization),
            escape(&x.display),
            escape(&x.cause_label),
            links(&x.sources),
            x.incident_id
        );
    }
    s.push_str("</tbody></table>");
}

fn cards(s: &mut String, r: &Report, w: &Words) {
    head(
        s,
        &[
            (w.organisation, false),
            (w.count, true),
            (w.exposure, false),
            (w.cause, false),
            (w.cited, false),
            ("ID", true),
        ],
    );
    for c in &r.card_leaks {
        let org = if c.aliases.is_empty() {
            escape(&c.organization)
        } else {
            format!(
                "{}<br/><small>{}</small>",
                escape(&c.organization),
                escape(&c.aliases.join("、"))
            )
        };
        let window = c.exposure.as_ref().map_or("-".to_string(), |e| {
            let d = |x: Option<chrono::NaiveDate>| {
                x.map_or_else(|| w.unknown.to_string(), |d| d.to_string())
            };
            format!("{} 〜 {}", d(e.from), d(e.to))
        });
        let _ = write!(
            s,
            "<tr><td>{org}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">#{}</td></tr>",
            escape(&c.display),
            escape(&window),
            escape(&c.cause_label),
            links(&c.sources),
            c.incident_id
        );
    }
    s.push_str("</tbody></table>");
}

fn actions(s: &mut String, r: &Report, w: &Words) {
    head(
        s,
        &[
            (w.organisation, false),
            (w.kind, false),
            (w.action, false),
            (w.cited, false),
            ("ID", true),
        ],
    );
    for a in &r.actions {
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">#{}</td></tr>",
            escape(&a.organization),
            action_kind_label(&a.kind, r.lang),
            escape(&a.action),
            links(&a.sources),
            a.incident_id
        );
    }
    s.push_str("</tbody></table>");
}

fn attackers(s: &mut String, r: &Report) {
    s.push_str("<ul>");
    for a in &r.attackers {
        let victims: Vec<String> = a
            .victims
            .iter()
            .map(|v| format!("{} (#{})", escape(&v.organization), v.incident_id))
            .collect();
        let _ = write!(
            s,
            "<li><strong>{}</strong>: {}</li>",
            escape(&a.attacker),
            victims.join("、")
        );
    }
    s.push_str("</ul>");
}

fn processors(s: &mut String, r: &Report, w: &Words) {
    head(
        s,
        &[
            (w.processor, false),
            (w.affected, false),
            (w.cited, false),
            ("ID", true),
        ],
    );
    for p in &r.processors {
        let ids: Vec<String> = p.incident_ids.iter().map(|i| format!("#{i}")).collect();
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            escape(&p.processor),
            escape(&p.affected.join("、")),
            links(&p.sources),
            ids.join(" ")
        );
    }
    s.push_str("</tbody></table>");
}

fn records(s: &mut String, r: &Report, w: &Words) {
    let _ = write!(
        s,
        "<p>{}: <strong>{}</strong>. {}: {}, {}: {}.</p><p class=\"note\">{}</p>",
        w.sum,
        escape(&records_text_with(r, |u| u.to_string())),
        w.with_count,
        r.records.with_count,
        w.without_count,
        r.records.without_count,
        w.records_note
    );
}

fn ppc(s: &mut String, r: &Report, w: &Words) {
    let lang = r.lang;
    head(
        s,
        &[
            ("ID", true),
            (w.organisation, false),
            (w.triggers, false),
            (w.preliminary, false),
            (w.final_due, false),
            (w.damages, true),
        ],
    );
    for a in r.assessments.iter().filter(|a| a.ppc.reportable) {
        let deadline = |d: &Option<crate::assessment::Deadline>, prelim: bool| {
            d.as_ref().map_or("-".to_string(), |d| {
                let within = if prelim {
                    w.promptly.to_string()
                } else {
                    match lang {
                        Lang::Ja => format!("{}日以内", d.days),
                        Lang::En => format!("{} days", d.days),
                    }
                };
                match d.due {
                    Some(due) => format!("{within} → {due}"),
                    None => format!("{within}（{}）", w.detection_unknown),
                }
            })
        };
        let damages = a.damages.total_jpy.map_or_else(
            || format!("{} {}", yen(a.damages.per_person_jpy, lang), w.per_person),
            |v| yen(v, lang),
        );
        let _ = write!(
            s,
            "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            a.incident_id,
            escape(&a.organization),
            escape(&sections::trigger_labels(a, lang)),
            escape(&deadline(&a.ppc.preliminary, true)),
            escape(&deadline(&a.ppc.final_report, false)),
            escape(&damages)
        );
    }
    let _ = write!(
        s,
        "</tbody></table><p class=\"note\">{}</p>",
        escape(ppc_note(lang))
    );
}

fn incidents(s: &mut String, r: &Report, w: &Words) {
    head(
        s,
        &[
            ("ID", true),
            (w.first_reported, false),
            (w.organisation, false),
            (w.sector, false),
            (w.cause, false),
            (w.count, true),
            (w.cited, false),
        ],
    );
    for i in &r.incidents {
        let _ = write!(
            s,
            "<tr><td class=\"n\">{}</td><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            i.incident_id,
            i.reported_on.map_or("-".to_string(), |d| d.to_string()),
            escape(&i.organization),
            if i.card_data { w.card_mark } else { "" },
            escape(&i.sector),
            escape(&i.category),
            escape(i.affected.as_deref().unwrap_or("-")),
            short_links(&i.sources)
        );
    }
    s.push_str("</tbody></table>");
}
