//! Owns names without a legal form or suffix: in 「」, Latin names before 社, and bare runs found
//! by a positional pattern, with the tests that reject generic words, criminal groups and
//! descriptions.

use super::*;

/// Words that say the quoted name after them is a company (`運営会社「○○」`).
pub(super) const COMPANY_DESCRIPTORS: &[&str] = &[
    "会社",
    "企業",
    "法人",
    "業者",
    "事業者",
    "メーカー",
    "団体",
    "グループ",
    "商社",
    "子会社",
    "委託先",
    "取引先",
];

/// Words that say the quoted name after them is software (`ファイル共有ソフト「Winny」`).
const SOFTWARE_DESCRIPTORS: &[&str] = &[
    "ソフト",
    "ソフトウェア",
    "ソフトウエア",
    "ウイルス",
    "ウィルス",
    "マルウェア",
    "マルウエア",
    "ツール",
    "ブラウザ",
    "ブラウザー",
];

/// The descriptors among `COMPANY_DESCRIPTORS` that say in so many words that a company
/// follows (not `グループ`, `団体`, `取引先`).
const NAMED_COMPANY_DESCRIPTORS: &[&str] = &["会社", "企業", "法人", "事業者", "メーカー", "商社"];

/// Words that introduce an establishment's name, which may be written in kana (`和菓子店
/// 「しずく庵」`, `サッカークラブ「FCかざぐるま」`, `学習塾「まなびや」`).
const ESTABLISHMENT_DESCRIPTORS: &[&str] = &[
    "店",
    "屋",
    "旅館",
    "ホテル",
    "薬局",
    "医院",
    "クリニック",
    "塾",
    "教室",
    "サロン",
    "ジム",
    "クラブ",
    "チーム",
    "事務所",
    "工房",
    "農園",
    "スクール",
];

/// Words that introduce a shop's or a service's name, which may be written in kana
/// (`通販サイト「くらしのマルシェ」`, `当社が運営する「おとなの学び舎」`): named like a company.
const SERVICE_DESCRIPTORS: &[&str] = &[
    "運営する",
    "運営している",
    "通販サイト",
    "ECサイト",
    "ショッピングサイト",
    "オンラインショップ",
    "オンラインストア",
    "ネットショップ",
    "通販ショップ",
    // `健康食品通販「みのりヘルス」`: a mail-order business
    "通販",
];

/// The names a text introduces as attacking groups: `ランサムウェアグループ「○○」` (`「○○」を
/// 名乗る` is no sign: fraudsters name the company they impersonate that way too).
pub fn threat_group_names(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (open, _) in text.match_indices('「') {
        let before = crate::text::window_before(text, open, 48);
        if !THREAT_GROUP_WORDS.iter().any(|w| before.ends_with(w)) {
            continue;
        }
        let inner = &text[open + '「'.len_utf8()..];
        if let Some(name) = inner.find('」').map(|e| &inner[..e]) {
            let n = name.chars().count();
            if (2..=24).contains(&n) && !name.contains(['、', '。', '\n']) && !out.contains(&name)
            {
                out.push(name);
                // `「GrimLantern(グリムランタン)」`: the name and its reading are the group's.
                if let Some((outer, reading)) = name
                    .strip_suffix(')')
                    .and_then(|n| n.split_once('('))
                    .filter(|(o, r)| !o.is_empty() && !r.is_empty())
                {
                    out.push(outer);
                    out.push(reading);
                }
            }
        }
    }
    out
}

/// Words that say the quoted name after them is a threat actor (`攻撃グループ「○○」`).
pub const THREAT_GROUP_WORDS: &[&str] = &[
    "攻撃グループ",
    "攻撃者グループ",
    "ランサムウェアグループ",
    "ランサムウエアグループ",
    "ハッカーグループ",
    "犯罪グループ",
    "ハッカー集団",
    "攻撃集団",
    "犯罪集団",
    "犯罪組織",
    "ランサムウェア",
    "ランサムウエア",
];

/// Words after a quoted name that make it the name of a shop or an online service.
const SERVICE_TAILS: &[&str] = &[
    "ウェブサイト",
    "Webサイト",
    "WEBサイト",
    "サイト",
    "オンラインショップ",
    "オンラインストア",
    "ネットショップ",
    "通販サイト",
    "公式サイト",
    "ECサイト",
];

pub(super) fn quoted_mention(text: &str, a: usize, b: usize) -> Option<OrgMention> {
    let open = &text[a..b];
    let close = if open == "「" { '」' } else { '』' };
    let rest = &text[b..];
    let mut end_rel = None;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n > 40 || c == '\n' || c == '「' || c == '『' {
            break;
        }
        if c == close {
            end_rel = Some(i);
            break;
        }
    }
    let end_rel = end_rel?;
    let quoted = rest[..end_rel].trim();
    // `「京都一の傳(でん)」`: a reading in kana after the name is not part of it.
    let inner = strip_reading(quoted);
    if inner.chars().count() < 2 || inner.chars().count() > 40 {
        return None;
    }
    // `運営会社「○○」` / `電力小売会社「○○」`: a company introduced by what it is.
    let before = crate::text::window_before(text, a, 30);
    // `ファイル共有ソフト「Share」と「Winny」`: software, not an organisation (also the second
    // of a pair joined by と/や).
    let before_pair = before
        .strip_suffix("」と")
        .or_else(|| before.strip_suffix("」や"))
        .or_else(|| before.strip_suffix("」、"))
        .and_then(|s| s.rfind('「').map(|i| &s[..i]))
        .unwrap_or(before);
    if SOFTWARE_DESCRIPTORS
        .iter()
        .any(|d| before.ends_with(d) || before_pair.ends_with(d))
    {
        return None;
    }
    let company = COMPANY_DESCRIPTORS.iter().any(|d| before.ends_with(d));
    // A brand is name-like: few hiragana (unless introduced as a company in so many words:
    // `通販会社「ゆめみ堂」`, not `グループ「ままとものかい」`), no sentence punctuation, spaces
    // only between Latin words.
    // A place where something happened (`「みどりのアンケート広場」において、不正ログイン`)
    // is a service too, whatever its script.
    let venue = ["において", "にて"]
        .iter()
        .any(|w| rest[end_rel + close.len_utf8()..].starts_with(w));
    // `「みのりヘルス」(本社・札幌市)`: a head office noted after it makes it a company.
    let head_office_note = rest[end_rel + close.len_utf8()..].starts_with("(本社");
    let named_company = venue
        || head_office_note
        || NAMED_COMPANY_DESCRIPTORS
            .iter()
            .chain(SERVICE_DESCRIPTORS)
            .chain(ESTABLISHMENT_DESCRIPTORS)
            .any(|d| before.ends_with(d));
    let non_latin_space = inner.contains(' ') && !subject::latin_words(inner);
    if non_latin_space || !subject::quoted_name_like(inner, named_company) {
        return None;
    }
    let close_end = b + end_rel + close.len_utf8();
    // Only brands in a context that makes them an organisation's service: 運営, において,
    // で/に + incident, の + customer data. A parenthesised note (`(名古屋市)`) is skipped.
    let mut after = &text[close_end..];
    if let Some(rest) = after.strip_prefix('(') {
        if let Some(close) = rest.find(')').filter(|&i| i < 60) {
            after = &rest[close + 1..];
        }
    }
    let ctx_ok = company
        || [
            "を運営",
            "など",
            "において",
            "にて",
            "で",
            "に",
            "の",
            "への",
            "では",
            "が",
            "は",
            "を",
        ]
        .iter()
        .any(|p| after.starts_with(p))
        // `「○○」ウェブサイトにて`: the name of a shop or service.
        || SERVICE_TAILS.iter().any(|p| after.starts_with(p));
    if !ctx_ok {
        return None;
    }
    const SYSTEM_TAILS: &[&str] = &[
        "メール",
        "メールマガジン",
        "通知",
        "案内",
        "お知らせ",
        "フォーム",
        "アプリ通知",
        "システム",
        "サーバ",
        "サーバー",
        "PC",
        "パソコン",
        "端末",
        "ネットワーク",
        "媒体",
    ];
    // Titles of documents and notes (`個人情報の流出について`, `To(宛先)`) are no names.
    let title_like = ["について", "に関する", "のお知らせ", "お詫び"]
        .iter()
        .any(|w| inner.contains(w))
        || inner.contains('(');
    if is_generic_name(inner)
        || title_like
        || subject::made_of_common_nouns(inner)
        || SYSTEM_TAILS.iter().any(|t| inner.ends_with(t))
        || crate::lexicon::contains_cause_term(inner)
    {
        return None;
    }
    Some(OrgMention {
        start: b,
        end: b + (rest[..end_rel].len() - rest[..end_rel].trim_start().len()) + inner.len(),
        core: inner.to_string(),
        name: inner.to_string(),
        // A name ending in an organisation's suffix (`「まちなみ総研」`) is a body, not a
        // service of one.
        kind: if company {
            OrgKind::Bare
        } else if super::words::ends_with_organisation_suffix(inner) {
            OrgKind::CorporateSuffix
        } else {
            OrgKind::Brand
        },
        cue: VictimCue::None,
        relation_hint: None,
    })
}

/// A name without the number of the list item it opens (`1.青葉電設における…`, `(2)青葉…`).
fn strip_item_number(raw: &str) -> &str {
    let t = raw.strip_prefix('(').unwrap_or(raw);
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=2).contains(&digits) {
        return raw;
    }
    match t[digits..].strip_prefix(['.', ')']) {
        Some(rest) if !rest.starts_with(|c: char| c.is_ascii_digit()) => rest.trim_start(),
        _ => raw,
    }
}

/// A name without the reading in kana written after it (`京都一の傳(でん)` → `京都一の傳`).
fn strip_reading(name: &str) -> &str {
    let Some(body) = name.strip_suffix(')') else {
        return name;
    };
    let Some(open) = body.rfind('(') else {
        return name;
    };
    let reading = &body[open + 1..];
    let kana = |c: char| is_hiragana(c) || is_katakana(c) || c == 'ー';
    if open > 0 && !reading.is_empty() && reading.chars().all(kana) {
        body[..open].trim_end()
    } else {
        name
    }
}

/// Whether the name starting at `start` is quoted right after a word that says a company
/// follows (`コンサルティング会社「○○」`, `通販事業者「○○」`).
pub fn introduced_as_company(text: &str, start: usize) -> bool {
    let before = crate::text::window_before(text, start, 30);
    before
        .strip_suffix(['「', '『'])
        .is_some_and(|b| NAMED_COMPANY_DESCRIPTORS.iter().any(|d| b.ends_with(d)))
}

pub(super) fn foreign_sha_mention(text: &str, a: usize, b: usize) -> Option<OrgMention> {
    let start = scan_backward(text, a, 30, |c| {
        c.is_ascii_alphanumeric() || c == ' ' || c == '.' || c == '&'
    });
    let raw = text[start..a].trim();
    if raw.len() < 2 || !raw.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let s = a - raw.len();
    let _ = b;
    Some(OrgMention {
        start: s,
        end: a,
        core: raw.to_string(),
        name: raw.to_string(),
        kind: OrgKind::Foreign,
        cue: VictimCue::None,
        relation_hint: None,
    })
}

/// A bare name from a positional pattern, after trimming descriptors and rejecting generic
/// words, places-in-parentheses and names that are really sentences.
pub(super) fn bare_mention(text: &str, s: usize, e: usize, cue: VictimCue) -> Option<OrgMention> {
    let raw = text.get(s..e)?;
    let raw = raw.trim();
    // Names are short: keep the last 24 characters of a long run.
    let raw = match raw.char_indices().rev().nth(23) {
        Some((i, _)) if raw.chars().count() > 30 => &raw[i..],
        _ => raw,
    };
    let name = strip_descriptors(strip_item_number(raw));
    // `高鳥HD子会社に不正アクセス`: a trailing relation word is not part of the name.
    let mut trail = 0;
    let mut name = name.as_str();
    // `北浜ホールディングス株式会社様`: nor is an honorific.
    for w in ["子会社", "親会社", "委託先", "傘下", "様", "御中"] {
        if let Some(head) = name.strip_suffix(w) {
            if head.chars().count() >= 2 {
                trail = w.len();
                name = head;
                break;
            }
        }
    }
    let name = name
        .trim_matches(|c: char| c == '・' || c == '-' || c == '.')
        .to_string();
    // `旅行子会社に…`: a bare business word before the relation word is no name.
    if trail > 0 && CORPORATE_SUFFIXES.contains(&name.as_str()) {
        return None;
    }
    // (A common word is no name by itself; with a kana head at a boundary it may be one:
    // `さくらインターネット` — judged below, once the head is known.)
    let common =
        is_generic_name(&name) || ends_with_generic(&name) || subject::made_of_common_nouns(&name);
    if name.chars().count() < 2 {
        return None;
    }
    if name.starts_with([
        '本', '同', '当', '他', '各', '某', '全', '両', '弊', '貴', '旧',
    ]) {
        return None;
    }
    // A pure-kanji bare name is accepted only where the position is unambiguous.
    let kanji_only = name.chars().all(is_kanji);
    let org_suffix = CORPORATE_SUFFIXES
        .iter()
        .chain(UNIVERSITY_SUFFIXES)
        .chain(HOSPITAL_SUFFIXES)
        .chain(MEDICAL_FIELDS)
        .any(|s| name.ends_with(s));
    if kanji_only
        && !org_suffix
        && !matches!(
            cue,
            VictimCue::Announcement
                | VictimCue::TitleSubject
                | VictimCue::GroupList
                | VictimCue::Heading
        )
    {
        return None;
    }
    if name
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    if crate::lexicon::contains_cause_term(&name) {
        return None;
    }
    // `4団体`, `3社`: a count of organisations is no name.
    let digits = name.len() - name.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && name[digits..].chars().all(is_kanji) {
        return None;
    }
    // Dates and counts are not names.
    if name.contains(['年', '月', '日', '件', '名', '人', '位'])
        && name.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    let end = e - (raw.len() - raw.trim_end().len()).min(e - s);
    let end = end.checked_sub(trail)?;
    let start = end.checked_sub(name.len())?;
    if text.get(start..end) != Some(name.as_str()) {
        return None;
    }
    if trail == 0 && names_a_machine_after(text, end) {
        return None;
    }
    // `■ さくら看護専門学校、…`: a hiragana head at a boundary belongs to the name.
    let hs = hiragana_led_start(text, start, start);
    let (start, name) =
        if hs < start && name.chars().count() + text[hs..start].chars().count() <= 16 {
            (hs, format!("{}{name}", &text[hs..start]))
        } else {
            (start, name)
        };
    // (`しまむらのサーバー`: a head ending in a particle ties a noun to its owner, no name.)
    let kana_head = name.starts_with(crate::text::is_hiragana)
        && !name.trim_start_matches(crate::text::is_hiragana).is_empty()
        && !name[..name.len() - name.trim_start_matches(crate::text::is_hiragana).len()]
            .ends_with(['の', 'が', 'は', 'を', 'に', 'で', 'も']);
    if common
        && !(kana_head
            && name
                .chars()
                .filter(|c| crate::text::is_hiragana(*c))
                .count()
                >= 2)
    {
        return None;
    }
    let kind = if is_authority(&name) {
        OrgKind::Government
    } else {
        OrgKind::Bare
    };
    Some(OrgMention {
        start,
        end,
        core: core_name(&name),
        name,
        kind,
        cue,
        relation_hint: None,
    })
}

/// Whether a system noun follows right after `end`: a bare word run straight into it says what
/// the system is for (`配送管理サーバーに…`); an owner is joined by `の` (`ひまわり運輸の
/// サーバー`).
pub(super) fn names_a_machine_after(text: &str, end: usize) -> bool {
    const MACHINES: &[&str] = &[
        "サーバー",
        "サーバ",
        "システム",
        "データベース",
        "ネットワーク",
        "端末",
        "パソコン",
    ];
    text.get(end..)
        .is_some_and(|rest| MACHINES.iter().any(|m| rest.starts_with(m)))
}

/// Names ending in a generic noun are things, not organisations (下着ECサイト, 社内システム).
/// Criminal groups and attackers are never victims: 特殊詐欺グループ, ランサムウェアグループ.
pub fn is_criminal_group(name: &str) -> bool {
    const CRIME: &[&str] = &[
        "詐欺",
        "犯罪",
        "犯行",
        "ランサムウェア",
        "ランサムウエア",
        "ハッカー",
        "攻撃",
        "窃盗",
        "強盗",
        "暴力団",
        "反社",
    ];
    const GROUP: &[&str] = &["グループ", "集団", "組織", "一味", "団"];
    GROUP.iter().any(|g| {
        name.strip_suffix(g)
            .is_some_and(|stem| CRIME.iter().any(|c| stem.ends_with(c)))
    })
}

pub(super) fn ends_with_generic(name: &str) -> bool {
    if is_criminal_group(name) {
        return true;
    }
    // `フィットネス運営会社` / `システム管理会社`: a description of a company, not its name.
    const DESCRIPTIVE_COMPANY: &[&str] = &[
        "運営会社",
        "管理会社",
        "関連会社",
        "グループ会社",
        "委託会社",
        "受託会社",
        "開発会社",
        "運営元",
        "事業者",
        "業者",
    ];
    static ENDINGS: std::sync::OnceLock<[crate::text::Endings; 4]> = std::sync::OnceLock::new();
    let [descriptive, legal, corporate, tails] = ENDINGS.get_or_init(|| {
        use crate::text::Endings;
        [
            Endings::new(DESCRIPTIVE_COMPANY),
            Endings::new(LEGAL_FORMS),
            Endings::new(CORPORATE_SUFFIXES),
            Endings::new(TAILS),
        ]
    });
    if descriptive.any_ends(name) {
        return true;
    }
    // A bare `○○会社` (システム会社, 保険会社) describes a company; names carry their legal
    // form (株式会社, 合同会社…).
    if name.ends_with("会社") && !legal.any_ends(name) {
        return true;
    }
    if corporate.any_ends(name) {
        return false;
    }
    // `税務システム`, `配送管理システム`: what a system does, in kanji, is no name; a name word
    // in kana before it (`日向オフィスシステム`) makes a company's name.
    if let Some(stem) = name.strip_suffix("システム") {
        if stem.chars().all(crate::text::is_kanji) {
            return true;
        }
    }
    const TAILS: &[&str] = &[
        "サイト",
        "サーバー",
        "サーバ",
        "PC",
        "パソコン",
        "端末",
        "ネットワーク",
        "アカウント",
        "メール",
        "アドレス",
        "情報",
        "データ",
        "ファイル",
        "事案",
        "事件",
        "被害",
        "攻撃",
        "社員",
        "職員",
        "従業員",
        "担当者",
        "教員",
        "店",
        "部",
        "課",
        "室",
        "チーム",
        "者",
        "員",
        "性",
        "時",
        "後",
        "前",
        "中",
        "内",
        "外",
        "上",
        "等",
        "案",
        "件",
        "化",
        "用",
        "機器",
        "チップ",
        "製品",
        "画面",
        "フォーム",
        "クラウド",
        "サービス",
        "環境",
        "基盤",
        "リスク",
        "障害",
        "連絡",
        "社会",
        "トレンド",
        "セキュリティ",
        "対策",
        "業界",
        "手続",
        "状態",
        "経由",
        "的",
        "ソフト",
        "ソフトウェア",
        "ツール",
        "手法",
        "技術",
        "詐欺",
        "事業",
        "商品",
        "ページ",
        "ファイル",
        "フォルダ",
        "ドライブ",
        "デバイス",
        "USBメモリ",
        "カード",
        "グループ会社",
        "関係会社",
        "サイバー",
        "ウェブ",
        "ダークウェブ",
        "SNS",
        "メディア",
        "記者",
    ];
    tails.any_ends(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kana_reading_after_a_quoted_name_is_no_part_of_it() {
        assert_eq!(strip_reading("京都一の傳(でん)"), "京都一の傳");
        assert_eq!(strip_reading("みなと商会(ミナトショウカイ)"), "みなと商会");
        // A note that is not a reading stays (and is rejected by the caller).
        assert_eq!(strip_reading("青葉商事(本社)"), "青葉商事(本社)");
        assert_eq!(strip_reading("(かな)"), "(かな)");
        let text = "通販会社「京都一の傳(でん)」のサイトで";
        let open = text.find('「').unwrap();
        let m = quoted_mention(text, open, open + '「'.len_utf8()).unwrap();
        assert_eq!(m.name, "京都一の傳");
        assert_eq!(&text[m.start..m.end], "京都一の傳");
    }

    #[test]
    fn a_list_items_number_is_no_part_of_a_bare_name() {
        assert_eq!(strip_item_number("1.アオバ電設"), "アオバ電設");
        assert_eq!(strip_item_number("(2)アオバ電設"), "アオバ電設");
        assert_eq!(strip_item_number("12) アオバ電設"), "アオバ電設");
        // Version-like numbers and names that begin with digits stay.
        assert_eq!(strip_item_number("2.5次元"), "2.5次元");
        assert_eq!(strip_item_number("7ステップ"), "7ステップ");
        let text = "1.アオバ電設における不正アクセス";
        let m = bare_mention(text, 0, "1.アオバ電設".len(), VictimCue::Heading).unwrap();
        assert_eq!(m.name, "アオバ電設");
        assert_eq!(&text[m.start..m.end], "アオバ電設");
    }

    #[test]
    fn a_name_quoted_after_a_company_word_is_introduced_as_a_company() {
        let text = "コンサルティング会社「ランドブレイン」のサーバー";
        let start = text.find("ランド").unwrap();
        assert!(introduced_as_company(text, start));
        let text = "グループ「ままとものかい」の名簿";
        let start = text.find("まま").unwrap();
        assert!(!introduced_as_company(text, start));
        let text = "会社のランドブレイン";
        let start = text.find("ランド").unwrap();
        assert!(!introduced_as_company(text, start));
    }
}
