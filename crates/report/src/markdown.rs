//! The Markdown rendering of a report — headings and lists shaped like the monthly column so
//! it can be pasted into one (Japanese with `--lang ja`, English with `--lang en`); every
//! entry ends with its incident id(s) and source links.

use crate::build::{Report, SourceLink};
use crate::format::{percent, t, thousands, yen};
use crate::period::PeriodKind;
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

fn action_kind_label(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "arrest" => t(lang, "逮捕・送検", "arrest / prosecution"),
        "disciplinary" => t(lang, "懲戒処分", "disciplinary action"),
        _ => t(lang, "行政対応", "regulator action"),
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
    let none = t(lang, "該当なし。", "None.");
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", title(r));
    let _ = writeln!(
        s,
        "{}: {}〜{}（{}: {}）\n",
        t(lang, "集計期間", "Period"),
        r.period.from,
        r.period.to,
        t(lang, "比較対象", "compared with"),
        r.previous_period.label
    );
    let _ = writeln!(s, "> {}\n", r.period_rule);

    // Summary
    let _ = writeln!(s, "## {}\n", t(lang, "概要", "Summary"));
    if r.total == 0 {
        let _ = writeln!(
            s,
            "{}\n",
            t(
                lang,
                "この期間に初回報道されたインシデントはありません。",
                "No incident was first reported in this period."
            )
        );
    }
    let _ = writeln!(
        s,
        "- {}: **{} {}** — {}",
        t(lang, "インシデント", "Incidents"),
        thousands(r.total),
        t(lang, "件", ""),
        change_text(r)
    );
    let _ = writeln!(
        s,
        "- {}: {} {}",
        t(lang, "情報源", "Sources"),
        thousands(r.sources),
        t(lang, "本", "documents")
    );
    let _ = writeln!(
        s,
        "- {}: {}（{}: {} {}）",
        t(lang, "被害件数の合計", "Affected records (sum)"),
        records_text(r),
        t(lang, "件数の記載なし", "incidents without a count"),
        r.records.without_count,
        t(lang, "件", "")
    );
    let _ = writeln!(
        s,
        "- {}: {} {}",
        t(lang, "カード情報の漏えい", "Payment-card leaks"),
        r.card_leaks.len(),
        t(lang, "件", "")
    );
    let _ = writeln!(
        s,
        "- {}: {} {}\n",
        t(lang, "処分・逮捕・行政対応", "Actions, arrests, discipline"),
        r.actions.len(),
        t(lang, "件", "")
    );

    // Causes
    let _ = writeln!(
        s,
        "## {}（{}）\n",
        t(lang, "原因別内訳", "Causes"),
        r.taxonomy.title(lang)
    );
    if r.by_cause.is_empty() {
        let _ = writeln!(s, "{none}\n");
    } else {
        let _ = writeln!(
            s,
            "| {} | {} | {} |\n|:--|--:|--:|",
            t(lang, "原因", "Cause"),
            t(lang, "件数", "Count"),
            t(lang, "割合", "Share")
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
            t(lang, "合計", "Total"),
            r.total,
            percent(r.cause_percent_total())
        );
        let _ = writeln!(s, "VERIS: {}\n", r.veris_summary());
    }

    // Worst
    let _ = writeln!(
        s,
        "## {}\n",
        match lang {
            Lang::Ja => format!("被害規模ワースト{}", r.top),
            Lang::En => format!("Worst {} by affected count", r.top),
        }
    );
    if r.worst.is_empty() {
        let _ = writeln!(
            s,
            "{}\n",
            t(
                lang,
                "件数の記載があるインシデントはありません。",
                "No incident states a count."
            )
        );
    }
    for w in &r.worst {
        let _ = writeln!(
            s,
            "### {}: {}\n\n- {}: {}\n- {}: {}\n- {}: {}\n- ID: #{}\n",
            match lang {
                Lang::Ja => format!("{} 位", w.rank),
                Lang::En => format!("No. {}", w.rank),
            },
            md_escape(&w.organization),
            t(lang, "原因", "Cause"),
            md_escape(&w.cause_label),
            t(lang, "件数", "Count"),
            md_escape(&w.display),
            t(lang, "出典", "Sources"),
            sources_line(&w.sources),
            w.incident_id
        );
    }

    // Card leaks
    let _ = writeln!(
        s,
        "## {}\n",
        t(lang, "クレジットカード情報の漏えい", "Payment-card leaks")
    );
    if r.card_leaks.is_empty() {
        let _ = writeln!(s, "{none}\n");
    } else {
        for c in &r.card_leaks {
            let aliases = if c.aliases.is_empty() {
                String::new()
            } else {
                format!("（{}）", md_escape(&c.aliases.join("、")))
            };
            let window = c.exposure.as_ref().map_or(String::new(), |e| {
                let d = |x: Option<chrono::NaiveDate>| {
                    x.map_or_else(|| t(lang, "不明", "unknown").to_string(), |d| d.to_string())
                };
                format!(
                    " — {}: {}〜{}",
                    t(lang, "漏えい期間", "exposure"),
                    d(e.from),
                    d(e.to)
                )
            });
            let _ = writeln!(
                s,
                "- **{}**{aliases} — {}: {}{window} — {}: {} — {} — #{}",
                md_escape(&c.organization),
                t(lang, "件数", "count"),
                md_escape(&c.display),
                t(lang, "原因", "cause"),
                md_escape(&c.cause_label),
                sources_line(&c.sources),
                c.incident_id
            );
        }
        s.push('\n');
    }

    // Actions
    let _ = writeln!(
        s,
        "## {}\n",
        t(
            lang,
            "行政処分・逮捕・懲戒",
            "Regulator actions, arrests and disciplinary actions"
        )
    );
    if r.actions.is_empty() {
        let _ = writeln!(s, "{none}\n");
    } else {
        for a in &r.actions {
            let _ = writeln!(
                s,
                "- **{}** — {}: {} — {} — #{}",
                md_escape(&a.organization),
                action_kind_label(&a.kind, lang),
                md_escape(&a.action),
                sources_line(&a.sources),
                a.incident_id
            );
        }
        s.push('\n');
    }

    // Attackers
    let _ = writeln!(
        s,
        "## {}\n",
        t(lang, "攻撃者（名前が判明したもの）", "Named attackers")
    );
    if r.attackers.is_empty() {
        let _ = writeln!(s, "{none}\n");
    } else {
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

    // Processors
    let _ = writeln!(
        s,
        "## {}\n",
        t(
            lang,
            "委託先での事故と影響を受けた委託元",
            "Incidents at processors (委託先) and whom they affected"
        )
    );
    if r.processors.is_empty() {
        let _ = writeln!(s, "{none}\n");
    } else {
        for p in &r.processors {
            let ids: Vec<String> = p.incident_ids.iter().map(|i| format!("#{i}")).collect();
            let _ = writeln!(
                s,
                "- **{}** → {}: {} — {} — {}",
                md_escape(&p.processor),
                t(lang, "影響", "affected"),
                md_escape(&p.affected.join("、")),
                sources_line(&p.sources),
                ids.join(" ")
            );
        }
        s.push('\n');
    }

    // Records
    let _ = writeln!(s, "## {}\n", t(lang, "被害件数の合計", "Affected records"));
    let _ = writeln!(
        s,
        "- {}: {}\n- {}: {} {}\n- {}: {} {}\n\n{}\n",
        t(lang, "合計", "Sum"),
        records_text(r),
        t(lang, "件数の記載あり", "Incidents with a count"),
        r.records.with_count,
        t(lang, "件", ""),
        t(lang, "件数の記載なし", "Incidents without a count"),
        r.records.without_count,
        t(lang, "件", ""),
        t(
            lang,
            "各インシデントの見出し件数（最大・約・以上は記載どおりの数値）を単位ごとに合算しています。",
            "Sum of each incident's headline count (最大/約/以上 counts taken as stated), per unit."
        )
    );

    // PPC
    let _ = writeln!(
        s,
        "## {}\n",
        t(
            lang,
            "個人情報保護委員会への報告（推定）",
            "PPC reportability (estimate)"
        )
    );
    let reportable: Vec<_> = r.assessments.iter().filter(|a| a.ppc.reportable).collect();
    if reportable.is_empty() {
        let _ = writeln!(s, "{none}\n");
    } else {
        let _ = writeln!(
            s,
            "| ID | {} | {} | {} | {} | {} |\n|--:|:--|:--|:--|:--|--:|",
            t(lang, "組織", "Organisation"),
            t(lang, "報告対象となる事由", "Triggers"),
            t(lang, "速報", "Preliminary report"),
            t(lang, "確報期限", "Final report due"),
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
            let due = a.ppc.final_report.as_ref().map_or("-".to_string(), |d| {
                let days = d.days;
                match (d.due, lang) {
                    (Some(due), Lang::Ja) => format!("{days}日以内（{due}）"),
                    (Some(due), Lang::En) => format!("{days} days ({due})"),
                    (None, Lang::Ja) => format!("検知から{days}日以内（検知日不明）"),
                    (None, Lang::En) => format!("{days} days from detection (date unknown)"),
                }
            });
            let prelim =
                a.ppc
                    .preliminary
                    .as_ref()
                    .map_or("-".to_string(), |d| match (d.due, lang) {
                        (Some(due), Lang::Ja) => format!("速やかに（3〜5日程度、{due}目安）"),
                        (Some(due), Lang::En) => format!("promptly (about 3–5 days, by {due})"),
                        (None, Lang::Ja) => "速やかに（3〜5日程度）".to_string(),
                        (None, Lang::En) => "promptly (about 3–5 days)".to_string(),
                    });
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
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} |",
                a.incident_id,
                md_escape(&a.organization),
                triggers.join("、"),
                prelim,
                due,
                damages
            );
        }
        let _ = writeln!(
            s,
            "\n{}\n",
            t(
                lang,
                "報告要否・期限（速報は速やかに＝3〜5日程度、確報は検知から30日・不正の目的によるものは60日）と想定損害額（JNSA JO モデル: 500 円 × 機微情報度 × 本人特定容易度 × 社会的責任度 × 事後対応評価 × 人数）は leakwatch による推定です。前提とした入力は JSON 出力の assessments に記載しています。",
                "Reportability, deadlines (preliminary report promptly, about 3–5 days; final report 30 days from detection, 60 when caused with unlawful intent) and damages (JNSA JO model: JPY 500 × sensitivity × identifiability × social responsibility × response × persons) are leakwatch's estimates; the assumed inputs are listed under `assessments` in the JSON output."
            )
        );
    }

    // Trend
    let _ = writeln!(
        s,
        "## {}\n",
        t(
            lang,
            "月別推移（直近12か月）",
            "Monthly trend (last 12 months)"
        )
    );
    if r.trend.is_empty() {
        let _ = writeln!(s, "{none}\n");
    } else {
        let months: Vec<&str> = r.trend.iter().map(|p| p.month.as_str()).collect();
        let counts: Vec<String> = r.trend.iter().map(|p| p.count.to_string()).collect();
        let _ = writeln!(
            s,
            "| {} | {} |\n|:--|{}\n| {} | {} |\n",
            t(lang, "月", "Month"),
            months.join(" | "),
            "--:|".repeat(months.len()),
            t(lang, "件数", "Incidents"),
            counts.join(" | ")
        );
    }

    // Appendix
    let _ = writeln!(
        s,
        "## {}\n",
        t(lang, "対象インシデント一覧", "Incidents in this period")
    );
    if r.incidents.is_empty() {
        let _ = writeln!(s, "{none}");
    } else {
        let _ = writeln!(
            s,
            "| ID | {} | {} | {} | {} | {} |\n|--:|:--|:--|:--|--:|:--|",
            t(lang, "初回報道", "First reported"),
            t(lang, "組織", "Organisation"),
            t(lang, "原因", "Cause"),
            t(lang, "件数", "Count"),
            t(lang, "出典", "Sources")
        );
        for i in &r.incidents {
            let _ = writeln!(
                s,
                "| {} | {} | {}{} | {} | {} | {} |",
                i.incident_id,
                i.reported_on.map_or("-".to_string(), |d| d.to_string()),
                md_escape(&i.organization),
                if i.card_data {
                    t(lang, "（カード）", " (card)")
                } else {
                    ""
                },
                md_escape(&i.category),
                i.affected.as_deref().map_or("-".to_string(), md_escape),
                short_links(&i.sources)
            );
        }
    }
    s
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
