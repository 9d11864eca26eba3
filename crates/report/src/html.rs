//! The HTML rendering of a report: one self-contained, well-formed (XHTML-compatible) page
//! with inline CSS, an inline-SVG bar chart of causes and a 12-month trend chart, tables and
//! links to every source. No scripts, fonts or images are loaded from anywhere.

use crate::build::{Report, SourceLink};
use crate::format::{percent, t, thousands, yen};
use crate::markdown::{change_text, records_text_with, title};
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

fn empty(s: &mut String, lang: Lang) {
    let _ = write!(
        s,
        "<p class=\"empty\">{}</p>",
        t(lang, "該当なし。", "None.")
    );
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
        t(lang, "集計期間", "Period"),
        r.period.from,
        r.period.to,
        t(lang, "比較対象", "compared with"),
        escape(&r.previous_period.label),
        escape(&r.period_rule)
    );

    // Summary
    let _ = write!(
        s,
        "<section id=\"summary\"><h2>{}</h2>",
        t(lang, "概要", "Summary")
    );
    if r.total == 0 {
        let _ = write!(
            s,
            "<p class=\"empty\">{}</p>",
            t(
                lang,
                "この期間に初回報道されたインシデントはありません。",
                "No incident was first reported in this period."
            )
        );
    }
    s.push_str("<div class=\"kpis\">");
    kpi(
        &mut s,
        t(lang, "インシデント", "Incidents"),
        &thousands(r.total),
        &change_text(r),
    );
    kpi(
        &mut s,
        t(lang, "情報源", "Sources"),
        &thousands(r.sources),
        t(lang, "本の記事・発表", "documents"),
    );
    kpi(
        &mut s,
        t(lang, "被害件数の合計", "Affected records"),
        &thousands(r.records.sum),
        &format!(
            "{} {}",
            t(lang, "件数の記載なし", "without a count:"),
            r.records.without_count
        ),
    );
    kpi(
        &mut s,
        t(lang, "カード情報の漏えい", "Card leaks"),
        &r.card_leaks.len().to_string(),
        "",
    );
    kpi(
        &mut s,
        t(lang, "処分・逮捕・行政対応", "Actions"),
        &r.actions.len().to_string(),
        "",
    );
    s.push_str("</div></section>\n");

    // Causes
    let cause_title = format!(
        "{}（{}）",
        t(lang, "原因別内訳", "Causes"),
        r.taxonomy.title(lang)
    );
    let _ = write!(
        s,
        "<section id=\"causes\"><h2>{}</h2>",
        escape(&cause_title)
    );
    if r.by_cause.is_empty() {
        empty(&mut s, lang);
    } else {
        let bars: Vec<Bar> = r
            .by_cause
            .iter()
            .map(|c| Bar {
                label: c.label.clone(),
                value: c.count,
                note: format!("{} ({})", c.count, percent(c.percent)),
            })
            .collect();
        s.push_str(&horizontal_bars(&cause_title, &bars));
        let _ = write!(
            s,
            "<table><thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
            t(lang, "原因", "Cause"),
            t(lang, "件数", "Count"),
            t(lang, "割合", "Share")
        );
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
            t(lang, "合計", "Total"),
            r.total,
            percent(r.cause_percent_total())
        );
        let _ = write!(
            s,
            "<p class=\"note\">VERIS: {}</p>",
            escape(&r.veris_summary())
        );
    }
    s.push_str("</section>\n");

    // Trend
    let trend_title = t(
        lang,
        "月別推移（直近12か月）",
        "Monthly trend (last 12 months)",
    );
    let _ = write!(s, "<section id=\"trend\"><h2>{trend_title}</h2>");
    if r.trend.is_empty() {
        empty(&mut s, lang);
    } else {
        let cols: Vec<Column> = r
            .trend
            .iter()
            .enumerate()
            .map(|(n, p)| {
                let (label, year) = month_label(&p.month, lang);
                let first_of_year = p.month.ends_with("-01");
                Column {
                    label,
                    sublabel: if n == 0 || first_of_year { year } else { None },
                    value: p.count,
                }
            })
            .collect();
        s.push_str(&column_chart(trend_title, &cols));
    }
    s.push_str("</section>\n");

    // Worst
    let worst_title = match lang {
        Lang::Ja => format!("被害規模ワースト{}", r.top),
        Lang::En => format!("Worst {} by affected count", r.top),
    };
    let _ = write!(s, "<section id=\"worst\"><h2>{}</h2>", escape(&worst_title));
    if r.worst.is_empty() {
        let _ = write!(
            s,
            "<p class=\"empty\">{}</p>",
            t(
                lang,
                "件数の記載があるインシデントはありません。",
                "No incident states a count."
            )
        );
    } else {
        let _ = write!(
            s,
            "<table><thead><tr><th class=\"n\">{}</th><th>{}</th><th class=\"n\">{}</th><th>{}</th><th>{}</th><th class=\"n\">ID</th></tr></thead><tbody>",
            t(lang, "順位", "Rank"),
            t(lang, "組織", "Organisation"),
            t(lang, "件数", "Count"),
            t(lang, "原因", "Cause"),
            t(lang, "出典", "Sources")
        );
        for w in &r.worst {
            let _ = write!(
                s,
                "<tr><td class=\"n\">{}</td><td class=\"org\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">#{}</td></tr>",
                w.rank,
                escape(&w.organization),
                escape(&w.display),
                escape(&w.cause_label),
                links(&w.sources),
                w.incident_id
            );
        }
        s.push_str("</tbody></table>");
    }
    s.push_str("</section>\n");

    // Cards
    let _ = write!(
        s,
        "<section id=\"cards\"><h2>{}</h2>",
        t(lang, "クレジットカード情報の漏えい", "Payment-card leaks")
    );
    if r.card_leaks.is_empty() {
        empty(&mut s, lang);
    } else {
        let _ = write!(
            s,
            "<table><thead><tr><th>{}</th><th class=\"n\">{}</th><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">ID</th></tr></thead><tbody>",
            t(lang, "組織", "Organisation"),
            t(lang, "件数", "Count"),
            t(lang, "漏えい期間", "Exposure"),
            t(lang, "原因", "Cause"),
            t(lang, "出典", "Sources")
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
                    x.map_or_else(|| t(lang, "不明", "unknown").to_string(), |d| d.to_string())
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
    s.push_str("</section>\n");

    // Actions
    let _ = write!(
        s,
        "<section id=\"actions\"><h2>{}</h2>",
        t(
            lang,
            "行政処分・逮捕・懲戒",
            "Regulator actions, arrests and disciplinary actions"
        )
    );
    if r.actions.is_empty() {
        empty(&mut s, lang);
    } else {
        let _ = write!(
            s,
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">ID</th></tr></thead><tbody>",
            t(lang, "組織", "Organisation"),
            t(lang, "種別", "Kind"),
            t(lang, "内容", "Action"),
            t(lang, "出典", "Sources")
        );
        for a in &r.actions {
            let kind = match a.kind.as_str() {
                "arrest" => t(lang, "逮捕・送検", "arrest / prosecution"),
                "disciplinary" => t(lang, "懲戒処分", "disciplinary"),
                _ => t(lang, "行政対応", "regulator"),
            };
            let _ = write!(
                s,
                "<tr><td>{}</td><td>{kind}</td><td>{}</td><td>{}</td><td class=\"n\">#{}</td></tr>",
                escape(&a.organization),
                escape(&a.action),
                links(&a.sources),
                a.incident_id
            );
        }
        s.push_str("</tbody></table>");
    }
    s.push_str("</section>\n");

    // Attackers
    let _ = write!(
        s,
        "<section id=\"attackers\"><h2>{}</h2>",
        t(lang, "攻撃者（名前が判明したもの）", "Named attackers")
    );
    if r.attackers.is_empty() {
        empty(&mut s, lang);
    } else {
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
    s.push_str("</section>\n");

    // Processors
    let _ = write!(
        s,
        "<section id=\"processors\"><h2>{}</h2>",
        t(
            lang,
            "委託先での事故と影響を受けた委託元",
            "Incidents at processors (委託先) and whom they affected"
        )
    );
    if r.processors.is_empty() {
        empty(&mut s, lang);
    } else {
        let _ = write!(
            s,
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">ID</th></tr></thead><tbody>",
            t(lang, "委託先", "Processor"),
            t(lang, "影響を受けた組織", "Affected"),
            t(lang, "出典", "Sources")
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
    s.push_str("</section>\n");

    // Records
    let _ = writeln!(
        s,
        "<section id=\"records\"><h2>{}</h2><p>{}: <strong>{}</strong>. {}: {}, {}: {}.</p><p class=\"note\">{}</p></section>",
        t(lang, "被害件数の合計", "Affected records"),
        t(lang, "合計", "Sum"),
        escape(&records_text_with(r, |u| u.to_string())),
        t(lang, "件数の記載あり", "incidents with a count"),
        r.records.with_count,
        t(lang, "記載なし", "without"),
        r.records.without_count,
        t(
            lang,
            "各インシデントの見出し件数（最大・約・以上は記載どおりの数値）を単位ごとに合算しています。",
            "Sum of each incident's headline count (最大/約/以上 counts taken as stated), per unit."
        )
    );

    // PPC
    let _ = write!(
        s,
        "<section id=\"ppc\"><h2>{}</h2>",
        t(
            lang,
            "個人情報保護委員会への報告（推定）",
            "PPC reportability (estimate)"
        )
    );
    let reportable: Vec<_> = r.assessments.iter().filter(|a| a.ppc.reportable).collect();
    if reportable.is_empty() {
        empty(&mut s, lang);
    } else {
        let _ = write!(
            s,
            "<table><thead><tr><th class=\"n\">ID</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
            t(lang, "組織", "Organisation"),
            t(lang, "事由", "Triggers"),
            t(lang, "速報", "Preliminary"),
            t(lang, "確報", "Final"),
            t(lang, "想定損害額（JNSA 推計）", "Estimated damages (JNSA)")
        );
        for a in reportable {
            let triggers: Vec<&str> = a
                .ppc
                .triggers
                .iter()
                .map(|x| match lang {
                    Lang::Ja => x.label_ja.as_str(),
                    Lang::En => x.label_en.as_str(),
                })
                .collect();
            let deadline = |d: &Option<crate::assessment::Deadline>, prelim: bool| {
                d.as_ref().map_or("-".to_string(), |d| {
                    let within = if prelim {
                        t(lang, "速やかに（3〜5日程度）", "promptly (about 3–5 days)").to_string()
                    } else {
                        match lang {
                            Lang::Ja => format!("{}日以内", d.days),
                            Lang::En => format!("{} days", d.days),
                        }
                    };
                    match d.due {
                        Some(due) => format!("{within} → {due}"),
                        None => format!(
                            "{within}（{}）",
                            t(lang, "検知日不明", "detection date unknown")
                        ),
                    }
                })
            };
            let damages = a.damages.total_jpy.map_or_else(
                || {
                    format!(
                        "{} {}",
                        yen(a.damages.per_person_jpy, lang),
                        t(lang, "／人", "per person")
                    )
                },
                |v| yen(v, lang),
            );
            let _ = write!(
                s,
                "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                a.incident_id,
                escape(&a.organization),
                escape(&triggers.join("、")),
                escape(&deadline(&a.ppc.preliminary, true)),
                escape(&deadline(&a.ppc.final_report, false)),
                escape(&damages)
            );
        }
        let _ = write!(
            s,
            "</tbody></table><p class=\"note\">{}</p>",
            t(
                lang,
                "報告要否・期限と想定損害額（JNSA JO モデル: 500 円 × 機微情報度 × 本人特定容易度 × 社会的責任度 × 事後対応評価 × 人数）は leakwatch による推定です。前提とした入力は JSON 出力の assessments に記載しています。",
                "Reportability, deadlines and damages (JNSA JO model: JPY 500 × sensitivity × identifiability × social responsibility × response × persons) are leakwatch's estimates; the assumed inputs are listed under assessments in the JSON output."
            )
        );
    }
    s.push_str("</section>\n");

    // Incidents
    let _ = write!(
        s,
        "<section id=\"incidents\"><h2>{}</h2>",
        t(lang, "対象インシデント一覧", "Incidents in this period")
    );
    if r.incidents.is_empty() {
        empty(&mut s, lang);
    } else {
        let _ = write!(
            s,
            "<table><thead><tr><th class=\"n\">ID</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th><th>{}</th></tr></thead><tbody>",
            t(lang, "初回報道", "First reported"),
            t(lang, "組織", "Organisation"),
            t(lang, "業種", "Sector"),
            t(lang, "原因", "Cause"),
            t(lang, "件数", "Count"),
            t(lang, "出典", "Sources")
        );
        for i in &r.incidents {
            let _ = write!(
                s,
                "<tr><td class=\"n\">{}</td><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                i.incident_id,
                i.reported_on.map_or("-".to_string(), |d| d.to_string()),
                escape(&i.organization),
                if i.card_data { t(lang, "（カード）", " (card)") } else { "" },
                escape(&i.sector),
                escape(&i.category),
                escape(i.affected.as_deref().unwrap_or("-")),
                short_links(&i.sources)
            );
        }
        s.push_str("</tbody></table>");
    }
    s.push_str("</section>\n");
    let _ = write!(
        s,
        "<footer>{}</footer>\n</main>\n</body>\n</html>\n",
        t(
            lang,
            "leakwatch が収録した情報源から作成。各数値は ID で示したインシデントとその出典にたどれます。",
            "Generated by leakwatch from the sources it holds. Every figure traces to the incidents (IDs) and sources shown."
        )
    );
    s
}
