//! Owns affected counts: every `qualifier? number unit qualifier?` in the text (digits with
//! commas, 漢数字, 万/億; 約/最大/最大で約/以上/超/余り/程度; 件/名/人/社/先/名分/人分), the
//! rejections that keep statistics, ordinals, page views, populations and incident tallies
//! out, and the choice of the largest count stated for a victim.

use crate::context::VictimContext;
use crate::lexicon::mark;
use crate::text::{window_after, window_before};
use leakwatch_jatext::parse_japanese_number;
use leakwatch_model::{AffectedCount, CountQualifier, Field};
use regex::Regex;

/// One written count.
#[derive(Debug, Clone, PartialEq)]
pub struct CountCandidate {
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub value: u64,
    pub qualifier: CountQualifier,
    pub unit: String,
    /// Why this candidate cannot be an affected count (None: usable).
    pub rejected: Option<&'static str>,
}

pub struct CountFinder {
    re: Regex,
}

impl CountFinder {
    pub fn new() -> CountFinder {
        let re = Regex::new(
            r"(?x)
            (?P<pre>最大で約|最大約|最大で|最大|約|およそ|概ね|推定|推計|計|合計|総計|全)?\s*
            (?P<num>\d[\d,]*(?:\.\d+)?(?:\s*[千百十万億]\s*(?:\d[\d,]*)?)*|[〇一二三四五六七八九十百千万億]+)\s*
            (?P<unit>件分|名分|人分|世帯分|件|名|人|社|先|世帯|アカウント)
            (?P<post>以上|超え|超|余り|余|程度|前後|強|を超える|を超え)?",
        )
        .expect("count regex");
        CountFinder { re }
    }

    /// Every count in the text, with its rejection reason if any.
    pub fn find(&self, scan: &crate::scan::DocScan) -> Vec<CountCandidate> {
        let text = scan.text;
        let mut out = Vec::new();
        for caps in self.re.captures_iter(text) {
            let (Some(whole), Some(num), Some(unit)) =
                (caps.get(0), caps.name("num"), caps.name("unit"))
            else {
                continue;
            };
            let Some(sentence) = scan.layout.sentence_at(num.start()) else {
                continue;
            };
            let raw: String = num
                .as_str()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let Some(value) = parse_japanese_number(&raw) else {
                continue;
            };
            let pre = caps.name("pre").map(|m| m.as_str()).unwrap_or("");
            let post = caps.name("post").map(|m| m.as_str()).unwrap_or("");
            let qualifier = if pre.starts_with("最大") {
                CountQualifier::Max
            } else if matches!(
                post,
                "以上" | "超え" | "超" | "余り" | "余" | "強" | "を超える" | "を超え"
            ) {
                CountQualifier::AtLeast
            } else if matches!(pre, "約" | "およそ" | "概ね" | "推定" | "推計")
                || matches!(post, "程度" | "前後")
            {
                CountQualifier::Approx
            } else {
                CountQualifier::Exact
            };
            let unit_s = match unit.as_str() {
                "件分" => "件",
                "名分" => "名",
                "人分" => "人",
                "世帯分" => "世帯",
                u => u,
            };
            let rejected = rejection(scan, sentence, num.start(), unit.end(), unit_s, value, &raw);
            out.push(CountCandidate {
                start: whole.start(),
                end: whole.end(),
                sentence,
                value,
                qualifier,
                unit: unit_s.to_string(),
                rejected,
            });
        }
        out
    }
}

impl Default for CountFinder {
    fn default() -> Self {
        CountFinder::new()
    }
}

fn rejection(
    scan: &crate::scan::DocScan,
    sentence: usize,
    num_start: usize,
    unit_end: usize,
    unit: &str,
    value: u64,
    raw: &str,
) -> Option<&'static str> {
    let text = scan.text;
    let before = window_before(text, num_start, 24);
    let after = window_after(text, unit_end, 45);
    if after.starts_with('目') {
        return Some("ordinal (件目)");
    }
    if before.ends_with('第') || before.ends_with("第 ") {
        return Some("ordinal (第)");
    }
    if value == 0 {
        return Some("zero");
    }
    if raw
        .chars()
        .all(|c| "〇一二三四五六七八九十百千".contains(c))
        && value < 10
        && unit != "社"
    {
        return Some("small kanji number (一人, 二名): wording, not a count");
    }
    if ["とも", "中", "ずつ", "あたり", "当たり", "に1", "に一"]
        .iter()
        .any(|p| after.starts_with(p))
    {
        return Some("distributive or partial phrase");
    }
    for w in [
        "人口",
        "ページ",
        "記事",
        "閲覧数",
        "出荷",
        "事故は",
        "事故が",
        "事案が",
        "事案は",
        "案件",
        "記事は",
        "件数は",
        "社数は",
        "平均",
    ] {
        if before.ends_with(w) || before.trim_end().ends_with(w) {
            return Some("statistic or tally, not affected records");
        }
    }
    // Counts of incidents/articles: `2 件のクレジットカード情報漏えい事故`.
    let clause_after: &str = after.split(['、', '。', '\n']).next().unwrap_or("");
    if ["事故", "事案", "記事", "インシデント", "案件", "ニュース"]
        .iter()
        .any(|w| clause_after.contains(w))
        && !clause_after.contains("情報が")
    {
        return Some("counts incidents or articles");
    }
    // Statistics in the same clause.
    let clause_before: &str = before.rsplit(['、', '。', '\n']).next().unwrap_or("");
    let clause = format!("{clause_before}{clause_after}");
    if [
        "%",
        "前年",
        "構成比",
        "過去最多",
        "平均",
        "推移",
        "前月",
        "割合",
        "上場企業",
    ]
    .iter()
    .any(|w| clause.contains(w))
    {
        return Some("statistics clause");
    }
    if unit == "社" || unit == "先" {
        let ok = [
            "の個人情報",
            "の情報",
            "の顧客",
            "分",
            "が漏",
            "の取引先",
            "に影響",
            "の個人",
            "のデータ",
            "の従業員",
        ]
        .iter()
        .any(|w| after.starts_with(w))
            // `取引先約1,900社の担当者名、電話番号…` / `27社のSNSアカウント`
            || after.starts_with('の')
                && [
                    "担当者", "氏名", "名前", "連絡先", "電話", "メール", "アカウント", "住所",
                    "口座", "情報", "データ",
                ]
                .iter()
                .any(|w| crate::text::window_after(after, 0, 30).contains(w));
        if !ok {
            return Some("社/先 count without data after it");
        }
    }
    let t = scan.sentence_text(sentence);
    if (unit == "名" || unit == "人")
        && ["逮捕", "容疑", "書類送検", "懲戒"]
            .iter()
            .any(|w| t.contains(w))
    {
        return Some("persons arrested or disciplined");
    }
    if unit == "件"
        && after.starts_with('は')
        && (before.is_empty() || before.ends_with("もう") || value < 10)
    {
        return Some("enumerating cases (1件は…)");
    }
    let prev_ok = sentence > 0
        && scan.has(sentence - 1, mark::DATA | mark::LEAK)
        && scan.line_of(sentence - 1) + 2 >= scan.line_of(sentence);
    if !scan.has(sentence, mark::DATA | mark::LEAK | mark::INCIDENT)
        && !before.contains("件数")
        && !prev_ok
    {
        return Some("no data or leak words in the sentence");
    }
    None
}

/// The largest usable count in the victim's block (ties: the qualified one).
pub fn choose_affected_count(
    ctx: &VictimContext,
    counts: &[CountCandidate],
) -> (Option<Field<AffectedCount>>, String) {
    let mut best: Option<&CountCandidate> = None;
    let mut rejected: Vec<String> = Vec::new();
    for c in counts {
        if !ctx.in_block(c.sentence) {
            continue;
        }
        if let Some(why) = c.rejected {
            if rejected.len() < 6 {
                rejected.push(format!("{}{} ({why})", c.value, c.unit));
            }
            continue;
        }
        if ctx.scan.has(c.sentence, mark::GENERIC)
            && ctx.block.distance_of(c.sentence).unwrap_or(99) > 0
        {
            if rejected.len() < 6 {
                rejected.push(format!("{}{} (advice/generic sentence)", c.value, c.unit));
            }
            continue;
        }
        if ctx.scan.has(c.sentence, mark::STAT | mark::SURVEY)
            && ctx.block.distance_of(c.sentence).unwrap_or(99) > 0
        {
            if rejected.len() < 6 {
                rejected.push(format!("{}{} (statistics sentence)", c.value, c.unit));
            }
            continue;
        }
        if ctx.weight(c.sentence) < 0.02 {
            continue;
        }
        let better = match best {
            None => true,
            Some(b) => {
                c.value > b.value
                    || (c.value == b.value
                        && b.qualifier == CountQualifier::Exact
                        && c.qualifier != CountQualifier::Exact)
            }
        };
        if better {
            best = Some(c);
        }
    }
    match best {
        Some(c) => {
            let rule = match c.qualifier {
                CountQualifier::Exact | CountQualifier::Unknown => "count.number_unit",
                _ => "count.qualified_number_unit",
            };
            let conf = ctx.confidence(0.85, c.sentence);
            let f = Field::new(
                AffectedCount {
                    value: c.value,
                    qualifier: c.qualifier,
                    unit: c.unit.clone(),
                },
                conf,
                rule,
                Some(ctx.evidence(c.start, c.end, c.sentence)),
            );
            let msg = if rejected.is_empty() {
                format!("largest count in the block: {}{}", c.value, c.unit)
            } else {
                format!(
                    "largest count in the block: {}{}; rejected: {}",
                    c.value,
                    c.unit,
                    rejected.join(", ")
                )
            };
            (Some(f), msg)
        }
        None => (
            None,
            if rejected.is_empty() {
                "no count pattern near the victim".into()
            } else {
                format!(
                    "no count pattern near the victim; candidates rejected: {}",
                    rejected.join(", ")
                )
            },
        ),
    }
}
