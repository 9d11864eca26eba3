//! The report's sections as one model every renderer shares — Markdown, HTML, and the web UI
//! (which serves the HTML and draws its dashboard from the same `Report`): the order of the
//! sections, their anchors and titles, whether each has anything to show and what it says when
//! it has not, and every label a renderer writes (column heads, figure names). A renderer only
//! decides how a section looks; no label is written twice.

use crate::build::Report;
use crate::format::t;
use crate::Lang;

/// What a section shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Summary,
    Causes,
    Trend,
    Worst,
    Cards,
    Actions,
    Attackers,
    Processors,
    Records,
    Ppc,
    Incidents,
}

/// One section of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub kind: Kind,
    /// The anchor (`<section id>`).
    pub id: &'static str,
    pub title: String,
    /// What the section says instead of its content when it has none; `None` when it has
    /// content.
    pub empty: Option<&'static str>,
}

/// The sections of `r`, in the order every renderer shows them.
pub fn sections(r: &Report) -> Vec<Section> {
    let lang = r.lang;
    let none = t(lang, "該当なし。", "None.");
    let empty_if = |is_empty: bool| is_empty.then_some(none);
    let reportable = r.assessments.iter().any(|a| a.ppc.reportable);
    vec![
        Section {
            kind: Kind::Summary,
            id: "summary",
            title: t(lang, "概要", "Summary").to_string(),
            empty: None,
        },
        Section {
            kind: Kind::Causes,
            id: "causes",
            title: format!(
                "{}（{}）",
                t(lang, "原因別内訳", "Causes"),
                r.taxonomy.title(lang)
            ),
            empty: empty_if(r.by_cause.is_empty()),
        },
        Section {
            kind: Kind::Trend,
            id: "trend",
            title: t(
                lang,
                "月別推移（直近12か月）",
                "Monthly trend (last 12 months)",
            )
            .to_string(),
            empty: empty_if(r.trend.is_empty()),
        },
        Section {
            kind: Kind::Worst,
            id: "worst",
            title: match lang {
                Lang::Ja => format!("被害規模ワースト{}", r.top),
                Lang::En => format!("Worst {} by affected count", r.top),
            },
            empty: r.worst.is_empty().then_some(t(
                lang,
                "件数の記載があるインシデントはありません。",
                "No incident states a count.",
            )),
        },
        Section {
            kind: Kind::Cards,
            id: "cards",
            title: t(lang, "クレジットカード情報の漏えい", "Payment-card leaks").to_string(),
            empty: empty_if(r.card_leaks.is_empty()),
        },
        Section {
            kind: Kind::Actions,
            id: "actions",
            title: t(
                lang,
                "行政処分・逮捕・懲戒",
                "Regulator actions, arrests and disciplinary actions",
            )
            .to_string(),
            empty: empty_if(r.actions.is_empty()),
        },
        Section {
            kind: Kind::Attackers,
            id: "attackers",
            title: t(lang, "攻撃者（名前が判明したもの）", "Named attackers").to_string(),
            empty: empty_if(r.attackers.is_empty()),
        },
        Section {
            kind: Kind::Processors,
            id: "processors",
            title: t(
                lang,
                "委託先での事故と影響を受けた委託元",
                "Incidents at processors (委託先) and whom they affected",
            )
            .to_string(),
            empty: empty_if(r.processors.is_empty()),
        },
        Section {
            kind: Kind::Records,
            id: "records",
            title: t(lang, "被害件数の合計", "Affected records").to_string(),
            empty: None,
        },
        Section {
            kind: Kind::Ppc,
            id: "ppc",
            title: t(
                lang,
                "個人情報保護委員会への報告（推定）",
                "PPC reportability (estimate)",
            )
            .to_string(),
            empty: empty_if(!reportable),
        },
        Section {
            kind: Kind::Incidents,
            id: "incidents",
            title: t(lang, "対象インシデント一覧", "Incidents in this period").to_string(),
            empty: empty_if(r.incidents.is_empty()),
        },
    ]
}

/// The title of the section showing `kind` (the dashboard's charts carry them too).
pub fn title(r: &Report, kind: Kind) -> String {
    sections(r)
        .into_iter()
        .find(|s| s.kind == kind)
        .map(|s| s.title)
        .unwrap_or_default()
}

/// The reasons an incident must be reported to the PPC, in the report's language, joined.
pub fn trigger_labels(a: &crate::Assessment, lang: Lang) -> String {
    let labels: Vec<&str> = a
        .ppc
        .triggers
        .iter()
        .map(|x| match lang {
            Lang::Ja => x.label_ja.as_str(),
            Lang::En => x.label_en.as_str(),
        })
        .collect();
    labels.join("、")
}

/// Every label the renderers write, in one language.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    pub period: &'static str,
    pub compared_with: &'static str,
    pub no_incident: &'static str,
    pub incidents: &'static str,
    pub incidents_unit: &'static str,
    pub sources: &'static str,
    /// The column of source links.
    pub cited: &'static str,
    pub documents: &'static str,
    pub records: &'static str,
    pub without_count: &'static str,
    pub with_count: &'static str,
    pub card_leaks: &'static str,
    pub actions: &'static str,
    pub cause: &'static str,
    pub count: &'static str,
    pub share: &'static str,
    pub total: &'static str,
    pub sum: &'static str,
    pub rank: &'static str,
    pub organisation: &'static str,
    pub exposure: &'static str,
    pub unknown: &'static str,
    pub kind: &'static str,
    pub action: &'static str,
    pub processor: &'static str,
    pub affected: &'static str,
    pub month: &'static str,
    pub first_reported: &'static str,
    pub sector: &'static str,
    pub card_mark: &'static str,
    pub triggers: &'static str,
    pub preliminary: &'static str,
    pub final_due: &'static str,
    pub damages: &'static str,
    pub per_person: &'static str,
    pub promptly: &'static str,
    pub detection_unknown: &'static str,
    pub records_note: &'static str,
    pub footer: &'static str,
}

/// The labels of `lang`.
pub fn words(lang: Lang) -> Words {
    let w = |ja, en| t(lang, ja, en);
    Words {
        period: w("集計期間", "Period"),
        compared_with: w("比較対象", "compared with"),
        no_incident: w(
            "この期間に初回報道されたインシデントはありません。",
            "No incident was first reported in this period.",
        ),
        incidents: w("インシデント", "Incidents"),
        incidents_unit: w("件", ""),
        sources: w("情報源", "Sources"),
        cited: w("出典", "Sources"),
        documents: w("本の記事・発表", "documents"),
        records: w("被害件数の合計", "Affected records"),
        without_count: w("件数の記載なし", "incidents without a count"),
        with_count: w("件数の記載あり", "incidents with a count"),
        card_leaks: w("カード情報の漏えい", "Payment-card leaks"),
        actions: w("処分・逮捕・行政対応", "Actions, arrests, discipline"),
        cause: w("原因", "Cause"),
        count: w("件数", "Count"),
        share: w("割合", "Share"),
        total: w("合計", "Total"),
        sum: w("合計", "Sum"),
        rank: w("順位", "Rank"),
        organisation: w("組織", "Organisation"),
        exposure: w("漏えい期間", "Exposure"),
        unknown: w("不明", "unknown"),
        kind: w("種別", "Kind"),
        action: w("内容", "Action"),
        processor: w("委託先", "Processor"),
        affected: w("影響を受けた組織", "Affected"),
        month: w("月", "Month"),
        first_reported: w("初回報道", "First reported"),
        sector: w("業種", "Sector"),
        card_mark: w("（カード）", " (card)"),
        triggers: w("報告対象となる事由", "Triggers"),
        preliminary: w("速報", "Preliminary report"),
        final_due: w("確報期限", "Final report due"),
        damages: w("想定損害額（JNSA 推計）", "Estimated damages (JNSA)"),
        per_person: w("／人", "per person"),
        promptly: w("速やかに（3〜5日程度）", "promptly (about 3–5 days)"),
        detection_unknown: w("検知日不明", "detection date unknown"),
        records_note: w(
            "各インシデントの見出し件数（最大・約・以上は記載どおりの数値）を単位ごとに合算しています。",
            "Sum of each incident's headline count (最大/約/以上 counts taken as stated), per unit.",
        ),
        footer: w(
            "leakwatch が収録した情報源から作成。各数値は ID で示したインシデントとその出典にたどれます。",
            "Generated by leakwatch from the sources it holds. Every figure traces to the incidents (IDs) and sources shown.",
        ),
    }
}

/// The label of a regulator-action kind (`arrest`, `disciplinary`, else a regulator's).
pub fn action_kind_label(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "arrest" => t(lang, "逮捕・送検", "arrest / prosecution"),
        "disciplinary" => t(lang, "懲戒処分", "disciplinary action"),
        _ => t(lang, "行政対応", "regulator action"),
    }
}

/// The note under the PPC table: how reportability, deadlines and damages were estimated.
pub fn ppc_note(lang: Lang) -> &'static str {
    t(
        lang,
        "報告要否・期限（速報は速やかに＝3〜5日程度、確報は検知から30日・不正の目的によるものは60日）と想定損害額（JNSA JO モデル: 500 円 × 機微情報度 × 本人特定容易度 × 社会的責任度 × 事後対応評価 × 人数）は leakwatch による推定です。前提とした入力は JSON 出力の assessments に記載しています。",
        "Reportability, deadlines (preliminary report promptly, about 3–5 days; final report 30 days from detection, 60 when caused with unlawful intent) and damages (JNSA JO model: JPY 500 × sensitivity × identifiability × social responsibility × response × persons) are leakwatch's estimates; the assumed inputs are listed under assessments in the JSON output.",
    )
}
