//! Owns how a mention stands in its sentence (subject, target, owner, bystander) and the
//! positions that make it the head of a ranking entry, a digest item or an issuer line.

use crate::lexicon::mark;
use crate::org::{OrgKind, OrgMention};
use crate::scan::DocScan;
use crate::text::window_after;

/// How a mention stands in its sentence, from the words right after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Subject,
    Target,
    Possessive,
    Bystander,
    Other,
}

/// What follows a victim's name in leak-site news.
pub(crate) const LEAK_SITE_VICTIM: &[&str] = &[
    "の名前を掲載",
    "の名前を公開",
    "の社名を掲載",
    "の名称を掲載",
    "を被害組織",
    "のデータを窃取",
    "のデータを公開",
    "のデータを盗",
    "の情報を窃取",
    "の情報を公開",
];

/// The rest of the sentence from byte `at` (at most 200 bytes).
pub(crate) fn sentence_rest<'t>(scan: &DocScan<'t>, at: usize) -> &'t str {
    let w = window_after(scan.text, at, 200);
    w.split('。').next().unwrap_or(w)
}

/// Whether `line` is among the first `top` lines or in the closing signature (the last six).
pub(crate) fn header_or_signature(scan: &DocScan, line: usize, top: usize) -> bool {
    line <= top || line + 6 >= scan.layout.lines.len()
}

/// What a regulator does to the organisation it names with `に対し`.
pub(crate) const SANCTIONS: &[&str] = &[
    "行政指導",
    "勧告",
    "指導",
    "命令",
    "行政処分",
    "業務改善",
    "措置",
    "注意喚起を行",
];

pub fn mention_role(scan: &DocScan, m: &OrgMention) -> Role {
    // `株式会社あおば印刷(仙台市)は`: a place in parentheses after a name locates it.
    // (`しまむら(さいたま市)は`, `○○(東京都港区)は`: the ward after its prefecture too.)
    if m.kind == OrgKind::Municipality && scan.text[m.end..].starts_with(')') {
        let before = crate::text::window_before(scan.text, m.start, 24);
        if before.rsplit_once('(').is_some_and(|(_, places)| {
            places.is_empty()
                || places.chars().all(crate::text::is_kanji)
                    && places.ends_with(['都', '道', '府', '県', '市', '郡'])
        }) {
            return Role::Bystander;
        }
    }
    // `新宿区の会社員の男`, `横浜市在住の`: a place where a person lives.
    if m.kind == OrgKind::Municipality {
        let after = window_after(scan.text, m.end, 30);
        if [
            "在住",
            "に住む",
            "の会社員",
            "の男",
            "の女",
            "の無職",
            "の自営業",
            "の元社員",
            // where a company has its seat: `X市に本社がある株式会社A`
            "に本社",
            "に本店",
            "に拠点を",
            "に事務所を",
        ]
        .iter()
        .any(|w| after.starts_with(w))
        {
            return Role::Bystander;
        }
        // `X市で訪問介護事業所を運営する会社の職員が`: the place of a business told before it.
        if let Some(clause) = window_after(scan.text, m.end, 90).strip_prefix('で') {
            let clause = clause.split(['、', '。']).next().unwrap_or(clause);
            if ["運営する", "営む", "経営する"]
                .iter()
                .any(|w| clause.contains(w))
                && ["会社", "法人", "業者", "事業者"]
                    .iter()
                    .any(|w| clause.contains(w))
            {
                return Role::Bystander;
            }
        }
    }
    // `○○(本社:静岡県浜松市、…)` / `本社・大阪市`: a place that locates a company.
    if m.kind == OrgKind::Municipality {
        let before = crate::text::window_before(scan.text, m.start, 30);
        let clause = before.rsplit(['、', '。', ',']).next().unwrap_or(before);
        if ["本社", "本店", "所在地", "本部"]
            .iter()
            .any(|w| clause.contains(w))
        {
            return Role::Bystander;
        }
    }
    let mut after = window_after(scan.text, m.end, 60);
    if after.starts_with('」') || after.starts_with('』') {
        after = &after[3..];
    }
    // Skip a parenthesised note: 関通(尼崎市)は / IIJ(インターネットイニシアティブ)が /
    // 「○○」(本社・浜松市)の店舗
    if let Some(rest) = after.strip_prefix('(') {
        if let Some(close) = rest.find(')') {
            after = &rest[close + 1..];
        }
    }
    // `○○が運営する△△クリニックは`: the operator of a named facility stands aside (a
    // brand in 「」 is joined to its operator elsewhere).
    let after_at = after.as_ptr() as usize - scan.text.as_ptr() as usize;
    if let Some(p) = ["が運営する", "が運営している"]
        .iter()
        .find(|p| after.starts_with(**p))
    {
        let next = after_at + p.len();
        let from = scan.mentions.partition_point(|x| x.start < next);
        if scan.mentions[from..].iter().take(4).any(|x| {
            x.start >= next
                && x.start <= next + 12
                && scan
                    .text
                    .get(next..x.start)
                    .is_some_and(|h| h.chars().all(crate::text::is_hiragana))
                && (matches!(
                    x.kind,
                    OrgKind::Hospital | OrgKind::University | OrgKind::MunicipalFacility
                ) || [
                    "学校",
                    "高校",
                    "幼稚園",
                    "保育園",
                    "保育所",
                    "クリニック",
                    "医院",
                    "施設",
                ]
                .iter()
                .any(|t| x.name.ends_with(t)))
        }) {
            return Role::Other;
        }
    }
    // `○○による「△△に不正アクセス、…」`: a roundup quotes the headline of what the
    // organisation itself announced.
    // (Unless the headline is recalled as a past event: `…による「△△」以来`.)
    if let Some(quoted) = after.strip_prefix("による") {
        if quoted.starts_with('「') && !recalls_past_event(after_quote(quoted)) {
            return Role::Subject;
        }
    }
    const BYSTANDER: &[&str] = &[
        "から",
        "と",
        "による",
        "によると",
        "によれば",
        "に報告",
        "へ報告",
        "に相談",
        "へ相談",
        "を通じ",
        "に委託",
        "へ委託",
        "なども",
        "や",
        "の委託",
        "も業務",
        "を名乗",
        "に届",
        "へ届",
        "が調査",
        "の調査",
        "とともに",
        "に対し",
        "より",
        "に転職",
        "へ転職",
        "がまとめ",
        "の集計",
        "の調べ",
    ];
    // `総務省は…○○株式会社に対し、行政指導を行った`: the sanctioned company is the target.
    if after.starts_with("に対し")
        && SANCTIONS
            .iter()
            .any(|w| sentence_rest(scan, after_at).contains(w))
    {
        return Role::Target;
    }
    // `勤務していた○○から…データを持ち出した`: what was taken came from the organisation.
    if after.starts_with("から")
        && ["持ち出", "盗み出", "不正に取得", "複製して"]
            .iter()
            .any(|w| sentence_rest(scan, after_at).contains(w))
    {
        return Role::Target;
    }
    // `○○から顧客情報が流出した`: what leaked came from the organisation (the police or a
    // ministry telling of a leak are no source of the data).
    if after.starts_with("から")
        && m.kind != OrgKind::Government
        && crate::org::data_leaked_from(&scan.text[after_at + "から".len()..])
    {
        return Role::Target;
    }
    // `旭川市と東京都荒川区`, `森永製菓(…)、メタップス(…)と続いている`: a name coordinated with
    // another name shares its role; と/や before a name is no bystander's mark.
    let coordinated = ["と", "や"].iter().any(|p| {
        after.starts_with(p) && {
            let next = after_at + p.len();
            let from = scan.mentions.partition_point(|x| x.start < next);
            scan.mentions
                .get(from)
                .is_some_and(|x| x.start >= next && x.start <= next + 9)
        }
    });
    if coordinated {
        return Role::Other;
    }
    // `○○によると、従業員が…紛失した`: a story's source is the body that announced it unless
    // it is an authority (police, a ministry) telling of someone else's case.
    if ["によると", "によれば"]
        .iter()
        .any(|p| after.starts_with(p))
        && m.kind != OrgKind::Government
    {
        return Role::Subject;
    }
    if BYSTANDER.iter().any(|p| after.starts_with(p)) {
        return Role::Bystander;
    }
    const SUBJECT: &[&str] = &["は", "が", "では", "も", "で", "にて", "において", "、"];
    const TARGET: &[&str] = &["に対する", "への", "に", "を狙", "を標的"];
    if ["において", "にて", "におけ"]
        .iter()
        .any(|p| after.starts_with(p))
    {
        return Role::Subject;
    }
    if let Some(p) = TARGET.iter().find(|p| after.starts_with(**p)) {
        // に/への is a target only when the attack or leak word follows closely.
        let rest = crate::text::window_after(after, p.len(), 60);
        const ATTACK: &[&str] = &[
            "不正",
            "攻撃",
            "ランサム",
            "感染",
            "侵入",
            "漏えい",
            "漏洩",
            "流出",
            "被害",
            "乗っ取",
            "紛失",
            "盗難",
            "誤送信",
            "脆弱性",
        ];
        if ATTACK.iter().any(|w| rest.contains(w)) {
            return Role::Target;
        }
        return Role::Other;
    }
    if SUBJECT.iter().any(|p| after.starts_with(p)) {
        return Role::Subject;
    }
    if let Some(rest) = after.strip_prefix('の') {
        let head = crate::text::window_after(rest, 0, 24);
        const OWN: &[&str] = &[
            "顧客",
            "会員",
            "利用者",
            "個人",
            "従業員",
            "サーバ",
            "システム",
            "サイト",
            "情報",
            "データ",
            "メール",
            "PC",
            "パソコン",
            "端末",
            "職員",
            "社員",
            "患者",
            "ネットワーク",
            "一部",
            "ユーザー",
            "お客様",
            "元社員",
            "社内",
            "業務",
            "委託",
            "事案",
            "事故",
            "インシデント",
            "被害",
            "流出",
            "漏えい",
            "漏洩",
            "誤送信",
            "不正アクセス",
            "ランサム",
            "教員",
            "教諭",
            "生徒",
            "児童",
            "学生",
            "保護者",
            "店舗",
            "店長",
            "担当者",
        ];
        if OWN.iter().any(|w| head.contains(w)) {
            return Role::Possessive;
        }
    }
    Role::Other
}

/// Whether mention `m` (in sentence `s`) opens a ranking line: `1位 ○○`, `第2位:○○`.
pub(crate) fn ranking_entry_head(scan: &DocScan, m: &OrgMention, s: usize) -> bool {
    let line = scan.line_of(s);
    let Some(l) = scan.layout.lines.get(line) else {
        return false;
    };
    let Some(head) = scan.text.get(l.start..m.start) else {
        return false;
    };
    let head = head.trim_start().trim_start_matches('第');
    let digits = head.len() - head.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits > 0
        && head[digits..]
            .trim_start()
            .strip_prefix('位')
            .is_some_and(|rest| rest.trim_matches([' ', ':', '　', '.']).is_empty())
}

/// A digest item's headline (`■○○、ランサムウェア被害`): the mention opens a bulleted line
/// that reports an incident, and the item's next sentences speak of it as 同社/同市/同大.
pub(crate) fn bullet_heading_with_anaphor(scan: &DocScan, m: &OrgMention, s: usize) -> bool {
    let line = scan.line_of(s);
    let Some(lstart) = scan.layout.lines.get(line).map(|l| l.start) else {
        return false;
    };
    // Only a mention within the first few characters of its line can head it.
    if m.start < lstart || m.start - lstart > 24 {
        return false;
    }
    let lt = scan.layout.line_text(scan.text, line);
    let full = scan.text.get(lstart..m.start).unwrap_or("");
    let lead = full.trim_start_matches([' ', '　', '\t']);
    let bulleted = lt.starts_with(['■', '●', '◆', '◇', '□', '▼', '▶', '★', '◎', '○', '・', '【'])
        || lt.chars().next().is_some_and(|c| c.is_ascii_digit());
    if !bulleted || lead.chars().count() > 4 || !scan.has(s, mark::INCIDENT) {
        return false;
    }
    let (_, line_end) = scan
        .layout
        .line_sentences
        .get(line)
        .copied()
        .unwrap_or((s, s + 1));
    (line_end..(line_end + 2).min(scan.flags.len())).any(|n| scan.has(n, mark::ANAPHOR))
}

/// Whether `line` holds only the organisation `m` (with its department or a date): the
/// header or signature line of a release (`青葉市 市民協働部 市民活動推進課`).
pub fn issuer_line(scan: &DocScan, line: usize, m: &OrgMention) -> bool {
    let lt = scan.layout.line_text(scan.text, line);
    let lt = lt.trim_start_matches(['　', ' ']);
    let lt = strip_issuer_label(lt);
    let Some(rest) = lt.strip_prefix(m.name.as_str()) else {
        return false;
    };
    let spaced = rest.starts_with([' ', '　', '\t']);
    let rest = rest.trim();
    if rest.is_empty() {
        return true;
    }
    if !spaced {
        return false;
    }
    // `青葉台市 こども未来部 こども給付課`: departments, whatever their script.
    let departments = rest.split_whitespace().all(|w| {
        w.chars().count() <= 12
            && ["部", "課", "局", "室", "係", "班", "センター", "担当"]
                .iter()
                .any(|d| w.ends_with(d))
    });
    if departments && rest.chars().count() <= 30 {
        return true;
    }
    let hira = rest
        .chars()
        .filter(|c| crate::text::is_hiragana(*c))
        .count();
    rest.chars().count() <= 30
        && hira <= 3
        && !rest.contains(['、', '。', ',', '「', '」'])
        && !rest.starts_with(['は', 'が', 'の', 'を'])
}

/// The text after the 「…」 that `s` opens (nested quotes included); empty when it never closes.
fn after_quote(s: &str) -> &str {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '「' => depth += 1,
            '」' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return &s[i + c.len_utf8()..];
                }
            }
            '\n' => break,
            _ => {}
        }
    }
    ""
}

/// Whether `after` (what follows a quoted headline) recalls it as an earlier event.
fn recalls_past_event(after: &str) -> bool {
    ["以来", "以降", "と同様", "と同じ", "に続", "の続報"]
        .iter()
        .any(|w| after.starts_with(w))
}

/// The longest line (bytes) read as a credit line.
const CREDIT_LINE_MAX_BYTES: usize = 240;

/// Whether `line` is a copyright or credit line (`© 青葉新報社`, `Copyright 2024 …`,
/// `無断転載を禁じます`): it names the publisher of the page, which reports the incident.
pub fn credit_line(line: &str) -> bool {
    // A credit line is short; a long line is never lower-cased per mention.
    if line.len() > CREDIT_LINE_MAX_BYTES {
        return false;
    }
    let lower = line.to_ascii_lowercase();
    line.contains('©')
        || lower.contains("copyright")
        || lower.contains("all rights reserved")
        || line.contains("無断転載")
        || line.contains("無断複製")
        || lower.trim_start().starts_with("(c)")
        // A byline names the page's publisher (`文責:○○通信 編集室`, `発行:○○研究会`).
        || BYLINE_WORDS.iter().any(|w| line.contains(w))
        // `[青葉テレビ]` / `(みなと経済新聞)`: a news outlet's name alone in brackets.
        || bracketed_outlet(line.trim())
        // `青葉テレビ NEWS` / `青葉テレビ NEWS トップへ`: a news site's masthead or its link back.
        || masthead(line.trim())
}

/// Whether `line` is a news site's masthead or its link back to its front page: a short line
/// without a sentence that names a news outlet and ends in `NEWS`, `ニュース` or `トップへ`.
fn masthead(line: &str) -> bool {
    line.chars().count() <= 30
        && !line.contains('。')
        && ["NEWS", "News", "ニュース", "トップへ"]
            .iter()
            .find_map(|w| line.strip_suffix(w))
            .is_some_and(super::features::is_media_name)
}

/// Whether `line` is only a news outlet's name in brackets (`[青葉テレビ]`, `(みなと新聞)`).
fn bracketed_outlet(line: &str) -> bool {
    let inner = ['[', '(', '【', '<', '〈']
        .iter()
        .find_map(|&open| line.strip_prefix(open))
        .and_then(|rest| rest.strip_suffix([']', ')', '】', '>', '〉']));
    inner.is_some_and(|n| {
        !n.is_empty() && n.chars().count() <= 30 && super::features::is_media_name(n)
    })
}

/// Words of a byline, the line naming who wrote or published the page.
const BYLINE_WORDS: &[&str] = &[
    "文責",
    "発行:",
    "編集:",
    "執筆:",
    "配信:",
    "編集部",
    "編集室",
];

/// Whether mention `mi` names the page's publisher: it stands on a credit line, or right after
/// a copyright mark at the end of a paragraph (`…再開のめどは立っていない。 (C)青葉新報社`).
pub fn credited_mention(scan: &DocScan, mi: usize) -> bool {
    let (Some(m), Some(&s)) = (scan.mentions.get(mi), scan.mention_sentence.get(mi)) else {
        return false;
    };
    if credit_line(scan.layout.line_text(scan.text, scan.line_of(s))) {
        return true;
    }
    let before = crate::text::window_before(scan.text, m.start, 16)
        .trim_end()
        .to_ascii_lowercase();
    before.ends_with('©') || before.ends_with("(c)") || before.ends_with("copyright")
}

/// Whether `m` is the signature that closes the text: after the last sentence's end (or at a
/// line start) with nothing but a date or spaces after it — a release flattened into one
/// paragraph by a web page still ends with its issuer (`…おわび申し上げます。 青葉新報社`).
pub fn closing_signature(scan: &DocScan, m: &OrgMention) -> bool {
    let Some(after) = scan.text.get(m.end..) else {
        return false;
    };
    let after = after.trim();
    if after.chars().count() > 16
        || !after
            .chars()
            .all(|c| c.is_ascii_digit() || "年月日/.-() 　令和平成".contains(c))
    {
        return false;
    }
    let before = scan.text.get(..m.start).unwrap_or("");
    let lead = before.trim_end_matches([' ', '　', '\t']);
    lead.len() < before.len() && lead.ends_with(['。', '」', '\n']) || before.ends_with('\n')
}

/// Words of a footer or header label that introduces the issuing organisation
/// (`運営:株式会社○○`, `販売元 ○○株式会社`, `発行者:○○市`).
pub(crate) const ISSUER_LABELS: &[&str] = &[
    "運営会社",
    "運営元",
    "運営者",
    "運営",
    "販売元",
    "販売者",
    "発行元",
    "発行者",
    "発行",
    "事業者",
    "会社名",
    "社名",
    "提供元",
    "提供",
    "発信者",
    "問い合わせ先",
    "お問い合わせ先",
];

/// `s` without a leading `label` whose characters may be spaced out (`会 社 名`).
pub(crate) fn strip_spaced_prefix<'a>(s: &'a str, label: &str) -> Option<&'a str> {
    let mut rest = s;
    for c in label.chars() {
        rest = rest.trim_start_matches([' ', '　']).strip_prefix(c)?;
    }
    Some(rest)
}

/// The line without a leading issuer label and its separator (`運営:` / `【運営】` / `運営 `).
pub(crate) fn strip_issuer_label(line: &str) -> &str {
    let inner = line.trim_start_matches(['【', '[', '(', '■', '●', '・']);
    for label in ISSUER_LABELS {
        if let Some(rest) = strip_spaced_prefix(inner, label) {
            let after = rest.trim_start_matches(['】', ']', ')', ':', ' ', '　', '\t']);
            if after.len() < rest.len() && !after.is_empty() {
                // `(運営:株式会社○○)`: the closing bracket goes with the opening one.
                return if inner.len() < line.len() {
                    after.trim_end_matches([')', '】', ']'])
                } else {
                    after
                };
            }
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issuer_line_may_name_departments_in_kana() {
        let scan = crate::dates::test_scan(
            "書類の誤送付について\nみずほ台市 こども未来部 こども給付課\n\n通知文書を別の方へ送付しました。\n",
        );
        let m = scan
            .mentions
            .iter()
            .find(|m| m.name == "みずほ台市")
            .expect("the city is named");
        assert!(issuer_line(&scan, 1, m));
        // A sentence that goes on after the name is no issuer line.
        let scan =
            crate::dates::test_scan("みずほ台市 こどもたちのための新しい取り組みをはじめます\n");
        let m = scan
            .mentions
            .iter()
            .find(|m| m.name == "みずほ台市")
            .expect("the city is named");
        assert!(!issuer_line(&scan, 0, m));
    }

    #[test]
    fn a_city_that_seats_or_hosts_a_business_is_its_place() {
        let role_of = |text: &str, name: &str| {
            let scan = crate::dates::test_scan(text);
            let m = scan
                .mentions
                .iter()
                .find(|m| m.name == name)
                .expect("the city is named")
                .clone();
            mention_role(&scan, &m)
        };
        assert_eq!(
            role_of(
                "被害にあったのは、緑ヶ丘市に本社がある株式会社青葉介護です。",
                "緑ヶ丘市"
            ),
            Role::Bystander
        );
        assert_eq!(
            role_of(
                "緑ヶ丘市で訪問介護事業所を運営する会社の職員が、端末を盗まれた。",
                "緑ヶ丘市"
            ),
            Role::Bystander
        );
        // The city that lost the papers is no place.
        assert_ne!(
            role_of("緑ヶ丘市で、職員が住民の名簿を紛失した。", "緑ヶ丘市"),
            Role::Bystander
        );
    }
}
