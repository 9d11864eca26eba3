//! Owns finding organisation mentions: names with a legal form before or after
//! (株式会社○○, ○○株式会社, 一般財団法人○○…), municipalities and their facilities (○○県, ○○市,
//! ○○町立○○病院), universities, hospitals, ministries, corporate-suffix names (○○工業, ○○銀行),
//! brands in 「」, and bare names in the positions leak reports put victims in (`○○は6月7日、`,
//! `○○に不正アクセス`, `A、B、Cの3社は`).

mod subject;

pub use subject::police_name;

use crate::lexicon::{is_authority, is_generic_name};
use crate::text::{is_hiragana, is_kanji, is_katakana, is_name_char};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;

/// How a mention was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrgKind {
    /// 株式会社○○ / ○○株式会社 / 一般財団法人○○ …
    LegalForm,
    /// ○○工業 / ○○銀行 / ○○ホールディングス …
    CorporateSuffix,
    /// ○○県 / ○○市 / ○○町 …
    Municipality,
    /// ○○市立○○小学校 / ○○町立○○病院
    MunicipalFacility,
    /// ○○大学
    University,
    /// ○○病院 / ○○医療センター
    Hospital,
    /// ○○省 / ○○庁 / police / regulators
    Government,
    /// 「○○」 or 『○○』
    Brand,
    /// A bare name found by its position (announcement subject, attack target, list).
    Bare,
    /// NAVER Cloud社 — a Latin name followed by 社.
    Foreign,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::LegalForm => "legal_form",
            OrgKind::CorporateSuffix => "corporate_suffix",
            OrgKind::Municipality => "municipality",
            OrgKind::MunicipalFacility => "municipal_facility",
            OrgKind::University => "university",
            OrgKind::Hospital => "hospital",
            OrgKind::Government => "government",
            OrgKind::Brand => "brand",
            OrgKind::Bare => "bare_name",
            OrgKind::Foreign => "foreign_sha",
        }
    }
}

/// A positional pattern that makes a mention look like a victim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VictimCue {
    None,
    /// `○○は6月7日、…発表` with incident words in the sentence.
    Announcement,
    /// `○○に不正アクセス` / `○○へのサイバー攻撃`.
    AttackTarget,
    /// `A、B、Cの3社は…`.
    GroupList,
    /// `【○○】` heading.
    Heading,
    /// Title line starting with the name.
    TitleSubject,
    /// 「○○」の顧客データ / 「○○」において…
    BrandContext,
}

/// One organisation mention.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgMention {
    pub start: usize,
    pub end: usize,
    /// The name as written (legal form kept).
    pub name: String,
    /// The name without legal form, for grouping mentions.
    pub core: String,
    pub kind: OrgKind,
    pub cue: VictimCue,
    /// A relation keyword that introduced the mention (子会社の○○ → "子会社").
    pub relation_hint: Option<&'static str>,
}

const LEGAL_FORMS: &[&str] = &[
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "一般財団法人",
    "公益財団法人",
    "一般社団法人",
    "公益社団法人",
    "地方独立行政法人",
    "独立行政法人",
    "国立大学法人",
    "公立大学法人",
    "学校法人",
    "医療法人社団",
    "医療法人財団",
    "医療法人",
    "社会福祉法人",
    "特定非営利活動法人",
    "NPO法人",
    "社会医療法人",
    "生活協同組合",
    "(株)",
    "(有)",
    "㈱",
];

/// Words that end corporate names written without a legal form.
const CORPORATE_SUFFIXES: &[&str] = &[
    "工業",
    "商事",
    "産業",
    "製作所",
    "電機",
    "電気",
    "電工",
    "銀行",
    "信用金庫",
    "信用組合",
    "証券",
    "生命",
    "損保",
    "海上",
    "火災",
    "建設",
    "不動産",
    "物産",
    "運輸",
    "交通",
    "鉄道",
    "航空",
    "通信",
    "電力",
    "ガス",
    "製薬",
    "薬品",
    "化学",
    "食品",
    "百貨店",
    "ホールディングス",
    "グループ",
    "ジャパン",
    "システムズ",
    "ソリューションズ",
    "商会",
    "商店",
    "工務店",
    "新聞社",
    "放送",
    "テレビ",
    "出版",
    "書店",
    "学園",
    "協会",
    "機構",
    "公社",
    "公団",
    "組合",
    "連合会",
    "財団",
    "委員会",
    "協議会",
    "バス",
    "観光",
    "旅行",
    "印刷",
    "物流",
    "倉庫",
    "製菓",
    "酒造",
    "計算機",
    "自動車",
    "電子",
    "精機",
    "重工",
    "興業",
    "経営",
    "カンパニー",
    "コーポレーション",
    "ネットワーク",
    "ネットワークス",
    "テクノロジー",
    "テクノロジーズ",
    "ラボ",
    "研究所",
];

const UNIVERSITY_SUFFIXES: &[&str] = &["大学院", "大学", "短期大学", "高等専門学校"];
const HOSPITAL_SUFFIXES: &[&str] = &[
    "病院",
    "医療センター",
    "総合医療センター",
    "クリニック",
    "診療所",
    "医院",
    "がんセンター",
];
const GOVERNMENT_SUFFIXES: &[&str] = &["省", "庁", "県警", "府警", "道警", "警察署", "警察本部"];
const MUNICIPAL_SUFFIXES: &[&str] = &["都", "道", "府", "県", "市", "町", "村", "区"];
const FACILITY_SUFFIXES: &[&str] = &[
    "病院",
    "医療センター",
    "小学校",
    "中学校",
    "高等学校",
    "高校",
    "中等教育学校",
    "特別支援学校",
    "学校",
    "大学",
    "図書館",
    "保育園",
    "保育所",
    "幼稚園",
    "こども園",
    "美術館",
    "博物館",
    "センター",
    "診療所",
];

/// Descriptors that end just before a name: 通販大手アスクル → アスクル.
const NAME_PREFIX_DESCRIPTORS: &[&str] = &[
    "大手",
    "中堅",
    "老舗",
    "傘下",
    "系列",
    "子会社",
    "親会社",
    "関係会社",
    "関連会社",
    "委託先",
    "委託元",
    "当社",
    "弊社",
    "同社",
    "グループ会社",
    "連結子会社",
    "運営会社",
    "同業他社",
    "同業他",
    "事業者",
    "会社",
];

/// The kinds of anchor the scanner reacts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Legal,
    Corporate,
    University,
    Hospital,
    Government,
    Municipal,
    Quote,
    Sha,
}

/// Compiled anchor automaton and context patterns.
pub struct OrgFinder {
    anchors: AhoCorasick,
    anchor_kinds: Vec<Anchor>,
    announcement: Regex,
    attack_target: Regex,
    group_list: Regex,
    heading: Regex,
    related_intro: Regex,
    operator_of_brand: Regex,
    brand_operated_by: Regex,
    abbreviation_pair: Regex,
    /// The literal words the attack-target and relation patterns need. Those patterns begin
    /// with a run of name characters, which the regex engine cannot skip over with a literal
    /// prefilter, so lines without their words are not searched at all.
    cue_words: AhoCorasick,
    cue_groups: Vec<u8>,
    /// The particles after which `subject` looks for bare names.
    follows: AhoCorasick,
}

/// `cue_groups` bits.
const CUE_ATTACK: u8 = 1;
const CUE_RELATION: u8 = 2;

/// The words `attack_target` ends in (one alternative of them is required).
const ATTACK_WORDS: &[&str] = &[
    "不正アクセス",
    "サイバー攻撃",
    "ランサムウェア",
    "ランサムウエア",
    "ウイルス感染",
    "マルウェア",
    "マルウエア",
    "漏えい",
    "漏洩",
    "流出",
    "誤送信",
    "紛失",
];

/// The words `related_intro` starts with.
const RELATION_WORDS: &[&str] = &["子会社", "親会社", "委託先", "委託元"];

impl OrgFinder {
    pub fn new() -> OrgFinder {
        let mut pats: Vec<&str> = Vec::new();
        let mut kinds = Vec::new();
        let mut add = |list: &[&'static str], k: Anchor| {
            for p in list {
                pats.push(p);
                kinds.push(k);
            }
        };
        add(LEGAL_FORMS, Anchor::Legal);
        add(CORPORATE_SUFFIXES, Anchor::Corporate);
        add(UNIVERSITY_SUFFIXES, Anchor::University);
        add(HOSPITAL_SUFFIXES, Anchor::Hospital);
        add(GOVERNMENT_SUFFIXES, Anchor::Government);
        add(MUNICIPAL_SUFFIXES, Anchor::Municipal);
        add(&["「", "『"], Anchor::Quote);
        add(&["社"], Anchor::Sha);
        let anchors = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&pats)
            .expect("org anchors build");
        const N: &str = r"[\p{Han}\p{Katakana}ー・A-Za-z0-9&.\-ヶ々]";
        let date =
            r"(?:(?:19|20)\d{2}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日(?:\s*\([^)\n]{1,4}\))?";
        let announcement = Regex::new(&format!(
            r"(?P<name>{N}+)(?:\((?P<paren>[^()\n]+)\))?(?:は\s*(?:{date})\s*[、,]|[はが]\s*(?:{date})\s*に?(?:明らかに|公表|発表|公開|報告))"
        ))
        .expect("announcement regex");
        let attack_target = Regex::new(&format!(
            r"(?P<name>{N}+)(?:\((?P<paren>[^()\n]+)\))?(?:(?:に対する|への|に|で)(?P<gap>[^。、\n]*?)(?:不正アクセス|サイバー攻撃|ランサムウェア|ランサムウエア|ウイルス感染|マルウェア|マルウエア|情報漏えい|情報漏洩|個人情報漏えい|漏えい|漏洩|流出|誤送信|紛失)|が[^。、\n]{{0,8}}?(?:ランサムウェア|ランサムウエア|不正アクセス|サイバー攻撃)(?:攻撃)?を受け)"
        ))
        .expect("attack target regex");
        let group_list = Regex::new(
            r"(?P<list>(?:[^\s、。「」()]+、)+[^\s、。「」()]+)の(?:\d{1,2}|[二三四五六七八九十]{1,2})社",
        )
        .expect("group list regex");
        let heading =
            Regex::new(&format!(r"(?m)^[ \t]*【(?P<name>{N}+)】[ \t]*$")).expect("heading regex");
        let related_intro = Regex::new(&format!(
            r"(?P<rel>子会社|親会社|委託先|委託元)(?:の|である|で|、)?\s*(?P<name>\p{{Hiragana}}*{N}+)"
        ))
        .expect("related intro regex");
        let operator_of_brand = Regex::new(
            r"[「『](?P<brand>[^「」『』\n]+)[」』](?:など)?を運営(?:する|している|しております|します)\s*(?P<op>[^、。\s]+)",
        )
        .expect("operator regex");
        let brand_operated_by = Regex::new(&format!(
            r"(?P<op>(?:株式会社|有限会社|合同会社|\(株\))?\s?{N}+)\s*(?:が|の)運営(?:する|している|しております|します)\s*(?:[「『](?P<brand>[^「」『』\n]+)[」』]|(?P<bare>{N}+))"
        ))
        .expect("operated-by regex");
        let mut cue_pats: Vec<&str> = Vec::new();
        let mut cue_groups = Vec::new();
        for (words, group) in [(ATTACK_WORDS, CUE_ATTACK), (RELATION_WORDS, CUE_RELATION)] {
            cue_pats.extend_from_slice(words);
            cue_groups.extend(std::iter::repeat_n(group, words.len()));
        }
        let cue_words = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&cue_pats)
            .expect("cue words build");
        let abbreviation_pair = Regex::new(
            r"(?P<a>[A-Za-z][A-Za-z0-9&.\-]+|[\p{Katakana}ー・]+)\((?P<b>[A-Za-z][A-Za-z0-9&.\-]+|[\p{Katakana}ー・]+)\)",
        )
        .expect("abbreviation pair regex");
        OrgFinder {
            follows: subject::follow_automaton(),
            cue_words,
            cue_groups,
            abbreviation_pair,
            anchors,
            anchor_kinds: kinds,
            announcement,
            attack_target,
            group_list,
            heading,
            related_intro,
            operator_of_brand,
            brand_operated_by,
        }
    }

    /// Every organisation mention in `text`, sorted by start, overlapping mentions resolved in
    /// favour of the longer, more specific one.
    /// `incident_regions`: byte ranges (sentences that talk about an incident) where the
    /// positional patterns for bare names are tried; the rest of the text only gets the
    /// anchored patterns.
    pub fn find_mentions(
        &self,
        text: &str,
        incident_regions: &[(usize, usize)],
    ) -> Vec<OrgMention> {
        let mut out: Vec<OrgMention> = Vec::new();
        for m in self.anchors.find_iter(text) {
            let kind = self.anchor_kinds[m.pattern().as_usize()];
            let found = match kind {
                Anchor::Legal => legal_form_mention(text, m.start(), m.end()),
                Anchor::Corporate => {
                    suffix_mention(text, m.start(), m.end(), OrgKind::CorporateSuffix)
                }
                Anchor::University => suffix_mention(text, m.start(), m.end(), OrgKind::University),
                Anchor::Hospital => suffix_mention(text, m.start(), m.end(), OrgKind::Hospital),
                Anchor::Government => government_mention(text, m.start(), m.end()),
                Anchor::Municipal => municipal_mention(text, m.start(), m.end()),
                Anchor::Quote => quoted_mention(text, m.start(), m.end()),
                Anchor::Sha => foreign_sha_mention(text, m.start(), m.end()),
            };
            if let Some(found) = found {
                out.push(found);
            }
        }
        for &(a, b) in incident_regions {
            let Some(region) = text.get(a..b) else {
                continue;
            };
            // Line by line: the patterns never span a line, and most lines lack their cues.
            let mut base = a;
            for line in region.split('\n') {
                let before = out.len();
                self.add_context_mentions(line, &mut out);
                for m in &mut out[before..] {
                    m.start += base;
                    m.end += base;
                }
                base += line.len() + 1;
            }
        }
        self.add_document_mentions(text, &mut out);
        subject::subject_mentions(text, &self.follows, &mut out);
        subject::definition_mentions(text, &mut out);
        subject::ranking_mentions(text, &mut out);
        subject::item_head_mentions(text, &mut out);
        subject::header_and_signature_mentions(text, &mut out);
        // A name the document introduces as an attacking group (`攻撃グループ「○○」`) is a
        // threat actor wherever it appears, never an organisation of the incident.
        let groups = threat_group_names(text);
        if !groups.is_empty() {
            out.retain(|m| !groups.iter().any(|g| *g == m.name));
        }
        let out = resolve_overlaps(out);
        propagate_names(text, out)
    }

    /// The positional patterns over one line of an incident region.
    fn add_context_mentions(&self, text: &str, out: &mut Vec<OrgMention>) {
        let mut cues = 0u8;
        let mut attack_words: Vec<(usize, usize)> = Vec::new();
        for m in self.cue_words.find_iter(text) {
            let group = self.cue_groups[m.pattern().as_usize()];
            cues |= group;
            if group == CUE_ATTACK {
                attack_words.push((m.start(), m.end()));
            }
        }
        if has_topic_before_number(text) {
            self.add_announcements(text, out);
        }
        if !attack_words.is_empty() {
            self.add_attack_targets(text, &attack_words, out);
        }
        if text.contains('(') {
            self.add_abbreviation_pairs(text, out);
        }
        if text.contains('社') && text.contains('、') {
            self.add_group_lists(text, out);
        }
        if cues & CUE_RELATION != 0 {
            self.add_related_intros(text, out);
        }
    }

    /// `○○は6月7日、` / `○○(本社・東京都港区)は2025年9月5日、`.
    fn add_announcements(&self, text: &str, out: &mut Vec<OrgMention>) {
        for caps in self.announcement.captures_iter(text) {
            if let Some(n) = caps.name("name") {
                if let Some(m) = bare_mention(text, n.start(), n.end(), VictimCue::Announcement) {
                    out.push(m);
                }
                if let Some(p) = caps
                    .name("paren")
                    .filter(|p| p.as_str().chars().count() <= 24)
                {
                    if let Some(m) = bare_mention(text, p.start(), p.end(), VictimCue::Announcement)
                    {
                        if !looks_like_place(&m.name) {
                            out.push(m);
                        }
                    }
                }
            }
        }
    }

    /// `○○に不正アクセス` / `○○がランサムウェア攻撃を受け`.
    /// A match never crosses a 、 or 。 outside parentheses, so the pattern runs only over the
    /// clauses that hold an attack word (`attack_words`: their byte ranges in `text`).
    fn add_attack_targets(
        &self,
        text: &str,
        attack_words: &[(usize, usize)],
        out: &mut Vec<OrgMention>,
    ) {
        for (a, b) in top_level_clauses(text) {
            if !attack_words.iter().any(|&(s, e)| s >= a && e <= b) {
                continue;
            }
            self.add_attack_targets_in(text, a, b, out);
        }
    }

    fn add_attack_targets_in(&self, text: &str, a: usize, b: usize, out: &mut Vec<OrgMention>) {
        for caps in self.attack_target.captures_iter(&text[a..b]) {
            if caps
                .name("gap")
                .is_some_and(|g| g.as_str().chars().count() > 20)
            {
                continue;
            }
            if let Some(n) = caps.name("name") {
                let (ns, ne) = (a + n.start(), a + n.end());
                if let Some(m) = bare_mention(text, ns, ne, VictimCue::AttackTarget) {
                    // A bare target must look like a proper name: katakana or Latin letters.
                    if m.name
                        .chars()
                        .any(|c| is_katakana(c) || c.is_ascii_alphabetic())
                        || !m.name.chars().all(is_kanji)
                        || CORPORATE_SUFFIXES.iter().any(|s| m.name.ends_with(s))
                    {
                        out.push(m);
                    }
                }
            }
        }
    }

    /// IIJ(インターネットイニシアティブ) / ジェイティービー(JTB): one Latin, one katakana.
    fn add_abbreviation_pairs(&self, text: &str, out: &mut Vec<OrgMention>) {
        for caps in self.abbreviation_pair.captures_iter(text) {
            let (Some(a), Some(b)) = (caps.name("a"), caps.name("b")) else {
                continue;
            };
            let latin = |s: &str| s.starts_with(|c: char| c.is_ascii_alphabetic());
            if latin(a.as_str()) == latin(b.as_str()) {
                continue;
            }
            let ok_len = |s: &str| {
                let n = s.chars().count();
                if latin(s) {
                    (2..=20).contains(&n)
                } else {
                    (3..=24).contains(&n)
                }
            };
            if !ok_len(a.as_str()) || !ok_len(b.as_str()) {
                continue;
            }
            for g in [a, b] {
                if let Some(m) = bare_mention(text, g.start(), g.end(), VictimCue::None) {
                    out.push(m);
                }
            }
        }
    }

    /// `A、B、Cの3社`.
    fn add_group_lists(&self, text: &str, out: &mut Vec<OrgMention>) {
        for caps in self.group_list.captures_iter(text) {
            let Some(list) = caps.name("list") else {
                continue;
            };

            let mut pos = list.start();
            for part in list.as_str().split('、') {
                let s = pos;
                let e = pos + part.len();
                pos = e + '、'.len_utf8();
                if part.chars().count() > 20
                    || part
                        .chars()
                        .any(|c| c.is_ascii_digit() || "はがをでとにへ".contains(c))
                {
                    continue;
                }
                if let Some(m) = bare_mention(text, s, e, VictimCue::GroupList) {
                    out.push(m);
                }
            }
        }
    }

    /// `委託先の○○` / `子会社である○○`.
    fn add_related_intros(&self, text: &str, out: &mut Vec<OrgMention>) {
        for caps in self.related_intro.captures_iter(text) {
            let (Some(rel), Some(n)) = (caps.name("rel"), caps.name("name")) else {
                continue;
            };
            let hint: &'static str = match rel.as_str() {
                "子会社" => "子会社",
                "親会社" => "親会社",
                "委託先" => "委託先",
                _ => "委託元",
            };
            // A name may start with hiragana (`子会社であるあさひね通販株式会社`) only when a
            // legal form or company suffix closes it.
            if n.as_str().starts_with(is_hiragana)
                && !LEGAL_FORMS.iter().any(|f| n.as_str().ends_with(f))
                && !CORPORATE_SUFFIXES.iter().any(|f| n.as_str().ends_with(f))
            {
                continue;
            }
            if let Some(mut m) = bare_mention(text, n.start(), n.end(), VictimCue::None) {
                m.relation_hint = Some(hint);
                out.push(m);
            }
        }
    }

    /// Patterns checked over the whole text: `【○○】` headings and the title's subject.
    fn add_document_mentions(&self, text: &str, out: &mut Vec<OrgMention>) {
        let mut base = 0usize;
        for line in text.split('\n') {
            if line.trim_start_matches([' ', '\t']).starts_with('【') {
                for caps in self.heading.captures_iter(line) {
                    if let Some(n) = caps.name("name") {
                        let (s, e) = (base + n.start(), base + n.end());
                        if let Some(m) = bare_mention(text, s, e, VictimCue::Heading) {
                            out.push(m);
                        }
                    }
                }
            }
            base += line.len() + 1;
        }
        // The title line: `三恵、下着ECサイトに不正アクセス` names its subject first.
        if let Some(line) = text.lines().find(|l| !l.trim().is_empty()) {
            let base = line.as_ptr() as usize - text.as_ptr() as usize;
            let lead = line.len() - line.trim_start().len();
            let s = base + lead;
            let e = scan_forward(text, s, 24);
            if e > s {
                let next = text[e..].chars().next();
                if matches!(next, Some('、') | Some(',') | Some(' ')) {
                    if let Some(m) = bare_mention(text, s, e, VictimCue::TitleSubject) {
                        out.push(m);
                    }
                }
            }
        }
    }

    /// Brand ↔ operator pairs: (brand, operator) as written.
    pub fn find_operator_links(&self, text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if !text.contains("運営") {
            return out; // both patterns need it
        }
        for caps in self.operator_of_brand.captures_iter(text) {
            let (Some(b), Some(op)) = (caps.name("brand"), caps.name("op")) else {
                continue;
            };
            if b.as_str().chars().count() > 40 {
                continue;
            }
            let op_name = clean_operator(op.as_str());
            if !op_name.is_empty() {
                out.push((b.as_str().trim().to_string(), op_name));
            }
        }
        for caps in self.brand_operated_by.captures_iter(text) {
            let Some(op) = caps.name("op") else { continue };
            let brand = caps.name("brand").or_else(|| caps.name("bare"));
            let Some(b) = brand.filter(|b| b.as_str().chars().count() <= 40) else {
                continue;
            };
            let op_raw: String = op.as_str().split_whitespace().collect();
            let op_name = if LEGAL_FORMS.iter().any(|lf| op_raw.starts_with(lf)) {
                op_raw
            } else {
                strip_descriptors(&op_raw)
            };
            if op_name.chars().count() >= 2 && !is_generic_name(&op_name) {
                out.push((b.as_str().trim().to_string(), op_name));
            }
        }
        out
    }
}

impl Default for OrgFinder {
    fn default() -> Self {
        OrgFinder::new()
    }
}

/// The operator name right after `を運営する`: a legal-form name or a name run.
fn clean_operator(s: &str) -> String {
    let s = s.trim();
    for lf in LEGAL_FORMS {
        if let Some(rest) = s.strip_prefix(lf) {
            let end = rest
                .char_indices()
                .find(|(_, c)| !is_name_char(*c))
                .map_or(rest.len(), |(i, _)| i);
            return format!("{lf}{}", &rest[..end]);
        }
    }
    let end = s
        .char_indices()
        .find(|(_, c)| !is_name_char(*c))
        .map_or(s.len(), |(i, _)| i);
    let name = &s[..end];
    // ○○株式会社 keeps its suffix; a bare run is accepted only with a legal form inside.
    if LEGAL_FORMS.iter().any(|lf| name.ends_with(lf)) {
        name.to_string()
    } else {
        String::new()
    }
}

/// Byte ranges of `line` between the 、 and 。 that stand outside parentheses.
fn top_level_clauses(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0u32;
    let mut start = 0usize;
    for (i, c) in line.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '、' | '。' if depth == 0 => {
                out.push((start, i));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push((start, line.len()));
    out
}

/// Whether a topic or subject particle is followed by a number (`は6月7日`, `が24日に`): the
/// cue of the announcement pattern, whose dates all start with a digit.
fn has_topic_before_number(line: &str) -> bool {
    line.match_indices(['は', 'が']).any(|(i, p)| {
        line[i + p.len()..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
    })
}

/// Scans forward from `start` over characters `allow` accepts, at most `max_chars`.
fn scan_forward_with(text: &str, start: usize, max_chars: usize, allow: fn(char) -> bool) -> usize {
    let mut end = start;
    for (n, (i, c)) in text[start..].char_indices().enumerate() {
        if n >= max_chars || !allow(c) {
            break;
        }
        end = start + i + c.len_utf8();
    }
    end
}

/// Scans forward from `start` over name characters, at most `max_chars`. Returns the end.
fn scan_forward(text: &str, start: usize, max_chars: usize) -> usize {
    let mut end = start;
    for (n, (i, c)) in text[start..].char_indices().enumerate() {
        if n >= max_chars || !(is_name_char(c) || (c == ' ' && latin_space(text, start + i))) {
            break;
        }
        end = start + i + c.len_utf8();
    }
    // Trailing spaces and joiners are not part of a name.
    while end > start {
        let last = text[start..end].chars().next_back();
        match last {
            Some(c) if matches!(c, ' ' | '・' | '.' | '-' | '_') => end -= c.len_utf8(),
            _ => break,
        }
    }
    end
}

/// A space between two Latin words (`NAVER Cloud`) is part of the name.
fn latin_space(text: &str, i: usize) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + 1..].chars().next();
    before.is_some_and(|c| c.is_ascii_alphabetic()) && after.is_some_and(|c| c.is_ascii_uppercase())
}

/// Scans backward from `end` over name characters (kanji/katakana/Latin), at most
/// `max_chars`. Returns the start.
fn scan_backward(text: &str, end: usize, max_chars: usize, allow: fn(char) -> bool) -> usize {
    let mut start = end;
    for (n, (i, c)) in text[..end].char_indices().rev().enumerate() {
        if n >= max_chars || !allow(c) {
            break;
        }
        start = i;
    }
    start
}

/// Removes descriptors glued before a name: `通販大手アスクル` → `アスクル`.
fn strip_descriptors(name: &str) -> String {
    let mut s = name;
    loop {
        let mut changed = false;
        for d in NAME_PREFIX_DESCRIPTORS {
            if let Some(pos) = s.rfind(d) {
                let rest = &s[pos + d.len()..];
                // Only a descriptor when something name-like follows.
                if rest.chars().count() >= 2 && pos + d.len() < s.len() {
                    let rest = rest.trim_start_matches(['の', '・']);
                    if rest.chars().count() >= 2 {
                        s = rest;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    s.to_string()
}

/// The name without its legal form and spaces: the key mentions are grouped by.
pub fn core_name(name: &str) -> String {
    let mut s = name.to_string();
    for lf in LEGAL_FORMS {
        if s.starts_with(lf) || s.ends_with(lf) {
            s = s.replacen(lf, "", 1);
        }
    }
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn legal_form_mention(text: &str, a: usize, b: usize) -> Option<OrgMention> {
    let form = &text[a..b];
    // Prefix form: 株式会社○○.
    let after = text[b..].trim_start_matches(' ');
    let after_start = text.len() - after.len();
    // 株式会社みなと物流 / 株式会社ほけんの窓口: names may hold hiragana; the name ends at a
    // particle that follows a non-hiragana character, or where the document confirms it.
    let end = legal_name_end(text, after_start);
    // A list bullet (`・一般社団法人○○`) is no part of a name before the form.
    let mut before_start = hiragana_aware_start(text, a);
    while text[before_start..a].starts_with('・') {
        before_start += '・'.len_utf8();
    }
    let prefer_suffix = end == after_start
        || (before_start < a && text[b..].starts_with(|c: char| !is_name_char(c)));
    if !prefer_suffix && end > after_start {
        let core = text[after_start..end].to_string();
        if is_generic_name(&core) {
            return None;
        }
        return Some(OrgMention {
            start: a,
            end,
            name: format!("{form}{core}"),
            core,
            kind: OrgKind::LegalForm,
            cue: VictimCue::None,
            relation_hint: None,
        });
    }
    if before_start < a {
        let raw = &text[before_start..a];
        let core = strip_descriptors(raw);
        if core.chars().count() < 2 && !core.chars().all(|c| c.is_ascii_alphanumeric())
            || is_generic_name(&core)
        {
            return None;
        }
        let start = a - core.len();
        return Some(OrgMention {
            start,
            end: b,
            name: format!("{core}{form}"),
            core,
            kind: OrgKind::LegalForm,
            cue: VictimCue::None,
            relation_hint: None,
        });
    }
    None
}

/// After a name run that stops at hiragana, accepts `つり具`-like pieces when the whole run
/// then ends at a space, bracket or line end (header style), and the hiragana is no particle.
/// Particles and function words that end a name written after a legal form.
const NAME_END_PARTICLES: &[&str] = &[
    "において",
    "における",
    "にて",
    "により",
    "による",
    "によって",
    "より",
    "から",
    "では",
    "には",
    "とは",
    "とともに",
    "として",
    "とする",
    "および",
    "ならびに",
    "は",
    "が",
    "の",
    "を",
    "に",
    "と",
    "へ",
    "で",
    "や",
    "も",
    "です",
    "など",
];

/// Whether `c` may appear inside an organisation name that carries a legal form.
fn is_legal_name_char(c: char) -> bool {
    is_name_char(c) || is_hiragana(c) || matches!(c, '＆' | '〇')
}

/// The end of the name that follows a legal form starting at `start` (`start` when none).
/// Hiragana are allowed inside the name; the name is cut at a particle that follows a
/// non-hiragana character (みなと物流|は, ほけんの窓口|が), unless a longer reading of the
/// name occurs elsewhere in the document followed by a boundary (a line end, 、, 「…).
pub fn legal_name_end(text: &str, start: usize) -> usize {
    let mut run_end = start;
    for (n, (i, c)) in text[start..].char_indices().enumerate() {
        if n >= 30 || !(is_legal_name_char(c) || (c == ' ' && latin_space(text, start + i))) {
            break;
        }
        run_end = start + i + c.len_utf8();
    }
    if run_end == start {
        return start;
    }
    // Candidate cuts: positions where a particle begins.
    let mut strong: Option<usize> = None;
    let mut cuts: Vec<usize> = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text[start..run_end].char_indices() {
        let p = start + i;
        if is_hiragana(c) && NAME_END_PARTICLES.iter().any(|w| text[p..].starts_with(w)) {
            let after_name_char = prev.is_some_and(|q| !is_hiragana(q));
            if prev.is_none() {
                // 株式会社は… / 株式会社において… : no name follows; 株式会社はるかぜ: a name.
                let multi = NAME_END_PARTICLES
                    .iter()
                    .any(|w| w.len() > 3 && text[p..].starts_with(w));
                let next = text[p + c.len_utf8()..].chars().next();
                if multi || !next.is_some_and(is_hiragana) {
                    return start;
                }
                prev = Some(c);
                continue;
            }
            cuts.push(p);
            // `生活協同組合コープあおぞらは19日、`: a topic particle before a date or a comma
            // ends the name even after hiragana.
            let before_date = matches!(c, 'は' | 'が')
                && text[p + c.len_utf8()..]
                    .trim_start()
                    .starts_with(|n: char| n.is_ascii_digit() || n == '、' || n == ',');
            if (after_name_char || before_date) && strong.is_none() {
                strong = Some(p);
            }
        }
        prev = Some(c);
    }
    let trim = |mut e: usize| {
        while e > start {
            match text[start..e].chars().next_back() {
                Some(c) if matches!(c, ' ' | '・' | '.' | '-' | '_') => e -= c.len_utf8(),
                _ => break,
            }
        }
        e
    };
    let has_hiragana = text[start..run_end].chars().any(is_hiragana);
    if !has_hiragana {
        return trim(run_end);
    }
    // A reading confirmed elsewhere in the document: the longest one wins.
    let is_boundary = |c: Option<char>| {
        c.is_none_or(|c| {
            matches!(
                c,
                '\n' | '\r'
                    | ' '
                    | '\t'
                    | '、'
                    | '。'
                    | ','
                    | '「'
                    | '」'
                    | '('
                    | ')'
                    | '【'
                    | '】'
                    | '　'
            )
        })
    };
    let first_end = strong.unwrap_or(run_end);
    let mut ends: Vec<usize> = cuts.clone();
    ends.push(run_end);
    ends.sort_unstable();
    ends.dedup();
    for &e in ends.iter().rev() {
        if (strong.is_some() && e <= first_end) || e - start < 6 {
            continue;
        }
        let name = &text[start..e];
        for at in memchr::memmem::find_iter(text.as_bytes(), name.as_bytes()) {
            let next = text[at + name.len()..].chars().next();
            if at != start && is_boundary(next) {
                return trim(e);
            }
        }
    }
    trim(first_end)
}

/// Function words that may open a hiragana run right before a name (`…である`, `…による`).
const RUN_OPENING_FUNCTION_WORDS: &[&str] = &[
    "である",
    "であった",
    "であり",
    "による",
    "において",
    "における",
    "として",
    "および",
    "ならびに",
    "または",
    "もしくは",
    "との",
    "での",
    "への",
    "からの",
    "などの",
];

/// The start of a name written before a legal form (○○株式会社), hiragana allowed inside the
/// name; a hiragana run after a non-hiragana character that ends like a particle or a verb
/// (当社は|, 管理する|) starts the name after it.
fn hiragana_aware_start(text: &str, a: usize) -> usize {
    let plain = scan_backward(text, a, 24, is_name_char);
    let wide = scan_backward(text, a, 24, is_legal_name_char);
    if wide == plain {
        return plain;
    }
    let seg = &text[wide..a];
    let chars: Vec<(usize, char)> = seg.char_indices().collect();
    let mut start = wide;
    let mut i = 0;
    while i < chars.len() {
        if is_hiragana(chars[i].1) {
            let run_start = i;
            // `子会社である○○株式会社`: a function word opens the run; the name follows it.
            let rest = &seg[chars[i].0..];
            if let Some(w) = RUN_OPENING_FUNCTION_WORDS
                .iter()
                .find(|w| rest.starts_with(**w) && rest.len() > w.len())
            {
                let after = chars[i].0 + w.len();
                while i < chars.len() && chars[i].0 < after {
                    i += 1;
                }
                start = wide + after;
                continue;
            }
            while i < chars.len() && is_hiragana(chars[i].1) {
                i += 1;
            }
            let last = chars[i - 1].1;
            let middle = run_start > 0;
            if i == chars.len() {
                // Hiragana right before the legal form: not a name piece.
                return plain;
            }
            let first = chars[run_start].1;
            if middle
                && i - run_start >= 3
                && matches!(
                    first,
                    'は' | 'が' | 'を' | 'に' | 'の' | 'で' | 'と' | 'へ' | 'も'
                )
            {
                start = wide + chars[run_start].0 + first.len_utf8();
            } else if middle
                && matches!(
                    last,
                    'は' | 'が'
                        | 'の'
                        | 'を'
                        | 'に'
                        | 'と'
                        | 'へ'
                        | 'で'
                        | 'や'
                        | 'も'
                        | 'る'
                        | 'た'
                        | 'て'
                        | 'し'
                        | 'い'
                        | 'ら'
                        | 'か'
                )
            {
                start = wide + chars.get(i).map_or(seg.len(), |c| c.0);
            }
        } else {
            i += 1;
        }
    }
    start
}

#[allow(dead_code)]
fn extend_over_hiragana(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let hira_len: usize = rest
        .chars()
        .take_while(|c| is_hiragana(*c))
        .map(char::len_utf8)
        .sum();
    if hira_len == 0 || hira_len > 9 {
        return end;
    }
    let first = rest.chars().next().unwrap_or(' ');
    if matches!(
        first,
        'は' | 'が'
            | 'を'
            | 'に'
            | 'へ'
            | 'で'
            | 'と'
            | 'の'
            | 'や'
            | 'も'
            | 'か'
            | 'よ'
            | 'な'
            | 'ほ'
            | 'ら'
            | 'だ'
            | 'さ'
            | 'す'
            | 'し'
    ) {
        return end;
    }
    let after_hira = end + hira_len;
    let tail_end = scan_forward(text, after_hira, 12);
    if tail_end == after_hira {
        return end;
    }
    match text[tail_end..].chars().next() {
        None | Some(' ') | Some('\n') | Some('【') | Some('(') => tail_end,
        _ => end,
    }
}

fn suffix_mention(text: &str, a: usize, b: usize, kind: OrgKind) -> Option<OrgMention> {
    // The suffix must end the name: 病院長 / 大学生 are not names, but 新聞社元社員 names the
    // newspaper whose former employee it was.
    let next = text[b..].chars().next();
    if next.is_some_and(|c| is_kanji(c) || is_katakana(c))
        && !subject::owned_noun_at(text, b)
        && !department_follows(text, b)
    {
        return None;
    }
    let mut start = scan_backward(text, a, 20, is_name_char);
    start = hiragana_led_start(text, start, a);
    if start == a {
        return None;
    }
    let raw = &text[start..b];
    let name = strip_descriptors(raw);
    let name = strip_embedded_legal_form(&name);
    let stem = &name[..name.len().saturating_sub(b - a)];
    // `ファイル交換ネットワーク`: a katakana class word after common nouns is a description.
    let katakana_suffix = text[a..b].chars().all(|c| is_katakana(c) || c == 'ー');
    if katakana_suffix && subject::made_of_common_nouns(stem) {
        return None;
    }
    if stem.chars().count() < 1
        || (stem.starts_with(['同', '本', '当', '各', '他', '全', '某', '両', '貴', '弊'])
            && !["全国", "全日本"].iter().any(|p| stem.starts_with(p)))
        || is_generic_name(&name)
        || is_generic_name(stem)
        || is_criminal_group(&name)
    {
        return None;
    }
    let kind = if is_authority(&name) {
        OrgKind::Government
    } else {
        kind
    };
    Some(OrgMention {
        start: b - name.len(),
        end: b,
        core: core_name(&name),
        name,
        kind,
        cue: VictimCue::None,
        relation_hint: None,
    })
}

/// Names that begin in hiragana (みなみ信用金庫, きらら銀行): the hiragana run before `start`
/// joins the name when it opens a line, a clause or a bracket and is not a function word.
fn hiragana_led_start(text: &str, start: usize, suffix_start: usize) -> usize {
    let mut hs = scan_backward(text, start, 8, is_hiragana);
    if hs == start {
        return start;
    }
    // `…が運営するさくら看護専門学校`: a verb or particle ending inside the run closes the
    // clause before the name.
    let mut split = false;
    let run = &text[hs..start];
    if let Some(cut) = [
        "する",
        "した",
        "される",
        "された",
        "ている",
        "の",
        "が",
        "は",
        "を",
        "で",
        "と",
    ]
    .iter()
    // The first ending that leaves a name of two or more characters (`のはやて運輸`: the
    // name is はやて, not やて).
    .flat_map(|w| run.match_indices(w).map(move |(i, _)| i + w.len()))
    .filter(|&cut| run[cut..].chars().count() >= 2)
    .min()
    {
        if text[..hs]
            .chars()
            .next_back()
            .is_some_and(|c| !is_hiragana(c))
        {
            hs += cut;
            split = true;
        }
    }
    let before = text[..hs].chars().next_back();
    let boundary = split
        || before.is_none_or(|c| {
            matches!(
                c,
                '\n' | ' '
                    | '　'
                    | '「'
                    | '『'
                    | '('
                    | '、'
                    | '。'
                    | '■'
                    | '●'
                    | '【'
                    | '】'
                    | '・'
                    | '\t'
            )
        });
    let run = &text[hs..start];
    const FUNCTION_WORDS: &[&str] = &[
        "また",
        "なお",
        "この",
        "その",
        "あの",
        "さらに",
        "および",
        "ならびに",
        "これ",
        "それ",
        "ただし",
        "しかし",
        "ついて",
        "より",
        "など",
        "ほか",
        "すべて",
        "いずれ",
        "こちら",
        "わが",
        "ご",
        "お",
        "ため",
        "このため",
        "そのため",
    ];
    // After a line start or an opening mark a run ending like a particle is still a name
    // (みなと工科大学); after 、 or a space it is more likely a particle.
    let strong_boundary = split
        || before
            .is_none_or(|c| matches!(c, '\n' | '「' | '『' | '(' | '■' | '●' | '【' | '】' | '・'));
    let functional = FUNCTION_WORDS.iter().any(|w| run.starts_with(w))
        || run.chars().count() < 2
        || !strong_boundary
            && run.ends_with(['は', 'が', 'を', 'に', 'で', 'の', 'と', 'も', 'や', 'へ']);
    // Only a short kanji/katakana stem may follow (みなみ信用金庫, ひまわり農業協同組合).
    let stem_chars = text[start..suffix_start].chars().count();
    if boundary && !functional && stem_chars <= 4 {
        hs
    } else {
        start
    }
}

fn strip_embedded_legal_form(name: &str) -> String {
    for lf in LEGAL_FORMS {
        if let Some(pos) = name.find(lf) {
            let rest = &name[pos + lf.len()..];
            if rest.chars().count() >= 2 {
                return rest.to_string();
            }
        }
    }
    name.to_string()
}

fn government_mention(text: &str, a: usize, b: usize) -> Option<OrgMention> {
    let next = text[b..].chars().next();
    if next.is_some_and(is_kanji) {
        return None;
    }
    let start = scan_backward(text, a, 8, is_kanji);
    if start == a || a - start < 2 * 3 {
        return None;
    }
    let name = text[start..b].to_string();
    if name.starts_with(['同', '本', '当', '各', '他', '両']) {
        return None;
    }
    Some(OrgMention {
        start,
        end: b,
        core: name.clone(),
        name,
        kind: OrgKind::Government,
        cue: VictimCue::None,
        relation_hint: None,
    })
}

/// Words that may follow a municipality name directly: 青葉市市民課, 青葉市長, 青葉市教育委員会.
const MUNICIPAL_FOLLOWERS: &[&str] = &[
    "市民",
    "県民",
    "町民",
    "村民",
    "区民",
    "都民",
    "府民",
    "道民",
    "役所",
    "役場",
    "教育委員会",
    "議会",
    "長",
    "職員",
    "消防",
    "水道",
    "上下水道",
    "総務",
    "健康",
    "福祉",
    "環境",
    "企画",
    "税務",
    "選挙管理委員会",
    "監査",
    "交通局",
    "病院局",
    "保健",
    "子ども",
    "農政",
    "観光課",
    "情報政策",
    "デジタル",
];

/// Words that end the name of a part of an organisation.
pub(crate) const DEPARTMENT_WORDS: &[&str] = &[
    "部",
    "課",
    "局",
    "室",
    "係",
    "センター",
    "事務所",
    "支部",
    "支店",
    "本部",
    "事業所",
    "研究科",
    "学部",
    "学科",
    "研究所",
    "附属病院",
    "付属病院",
    "営業所",
];

/// Whether a department name follows at `at` (`前橋市都市計画部`, `青葉市子育て支援課`): a short
/// run that ends in a department word before a non-kanji character.
fn department_follows(text: &str, at: usize) -> bool {
    let end = scan_forward_with(text, at, 12, |c| is_kanji(c) || is_katakana(c));
    let run = &text[at..end];
    DEPARTMENT_WORDS.iter().any(|d| run.ends_with(d))
}

fn is_municipal_char(c: char) -> bool {
    is_kanji(c) || matches!(c, 'ヶ' | 'ケ' | 'ノ')
}

fn municipal_mention(text: &str, a: usize, b: usize) -> Option<OrgMention> {
    let suffix = &text[a..b];
    let next = text[b..].chars().next();
    // ○○市立○○小学校 / つるぎ町立半田病院
    if next == Some('立') {
        let fac_start = b + '立'.len_utf8();
        let mut fac_end = scan_forward(text, fac_start, 20);
        if !FACILITY_SUFFIXES
            .iter()
            .any(|s| text[fac_start..fac_end].ends_with(s))
        {
            // 県立みどり病院: hiragana inside the facility name, up to its suffix.
            let wide_end = scan_forward_with(text, fac_start, 15, is_legal_name_char);
            let wide = &text[fac_start..wide_end];
            let hit = FACILITY_SUFFIXES
                .iter()
                .filter_map(|s| wide.find(s).map(|i| i + s.len()))
                .min();
            match hit {
                Some(e) if !wide[..e].contains(['は', 'が', 'を', 'に', 'で']) => {
                    fac_end = fac_start + e;
                }
                _ => return None,
            }
        }
        let mut start = scan_backward(text, a, 6, is_municipal_char);
        if start == a {
            // A hiragana place name right after a boundary (、つるぎ町立…); else `県立○○病院`
            // with no prefecture named is a name of its own.
            let hs = scan_backward(text, a, 5, is_hiragana);
            let before = text[..hs].chars().next_back();
            let boundary = |c: Option<char>| {
                c.is_none_or(|c| matches!(c, '、' | '。' | ' ' | '\n' | '「' | '(' | '】' | '■'))
            };
            if hs < a && boundary(before) {
                start = hs;
            } else {
                // The facility must carry a name of its own (`県立高校` is no name).
                let facility = &text[fac_start..fac_end];
                let stem_chars = FACILITY_SUFFIXES
                    .iter()
                    .filter_map(|s| facility.strip_suffix(s))
                    .map(|st| st.chars().count())
                    .min()
                    .unwrap_or(0);
                if !(hs == a
                    && matches!(suffix, "県" | "都" | "府" | "道")
                    && boundary(before)
                    && stem_chars >= 2)
                {
                    return None;
                }
            }
        }
        let name = text[start..fac_end].to_string();
        if name.starts_with(['同', '本', '当', '各', '他']) {
            return None;
        }
        return Some(OrgMention {
            start,
            end: fac_end,
            core: name.clone(),
            name,
            kind: OrgKind::MunicipalFacility,
            cue: VictimCue::None,
            relation_hint: None,
        });
    }
    // A municipality name ends at a non-kanji character (particle, punctuation), or runs on
    // into a lower-level municipality (新潟県上越市: handled when the 市 anchor is seen).
    if next.is_some_and(is_municipal_char)
        && !MUNICIPAL_FOLLOWERS.iter().any(|w| text[b..].starts_with(w))
        && !department_follows(text, b)
    {
        return None;
    }
    let mut start = scan_backward(text, a, 8, is_municipal_char);
    if start == a && matches!(suffix, "市" | "町" | "村") {
        // さいたま市 / つくば市 / いわき市: a hiragana name that opens a clause or follows
        // its prefecture.
        let hs = scan_backward(text, a, 7, is_hiragana);
        let run = &text[hs..a];
        let before = text[..hs].chars().next_back();
        let boundary = before.is_none_or(|c| {
            matches!(
                c,
                '、' | '。' | ' ' | '\n' | '「' | '(' | '】' | '・' | '県' | '■' | '●'
            )
        });
        if run.chars().count() >= 2
            && boundary
            // (`の` may end one: たつの市)
            && !run.ends_with(['は', 'が', 'を', 'に', 'で', 'と', 'も', 'へ', 'や'])
            && ![
                "この", "その", "あの", "どの", "ある", "とある", "また", "なお", "すべて",
                "いずれ", "ほか", "よその", "どこの",
            ]
            .iter()
            .any(|w| run.starts_with(w))
        {
            start = hs;
        }
    }
    let stem_chars = text[start..a].chars().count();
    if stem_chars == 0
        || (suffix != "県" && suffix != "都" && suffix != "府" && suffix != "道" && stem_chars > 7)
    {
        return None;
    }
    if matches!(suffix, "都" | "道" | "府") {
        let stem = &text[start..a];
        let ok = (suffix == "都" && stem == "東京")
            || (suffix == "道" && stem == "北海")
            || (suffix == "府" && (stem == "大阪" || stem == "京都"));
        if !ok {
            return None;
        }
    }
    let full = &text[start..b];
    if full.starts_with([
        '同', '本', '当', '各', '他', '全', '両', '某', '市', '県', '町', '村', '区',
    ]) && full.chars().count() <= 2
    {
        return None;
    }
    // 新潟県上越市 → 上越市 (the prefecture is an alias).
    let mut name_start = start;
    if suffix != "県" {
        for p in ["県", "都", "府", "道"] {
            if let Some(pos) = full[..full.len() - suffix.len()].rfind(p) {
                let cand = start + pos + p.len();
                if b - cand >= 2 * 3 {
                    name_start = cand;
                }
            }
        }
    }
    let name = text[name_start..b].to_string();
    if is_generic_name(&name) || name.chars().count() < 2 || looks_like_non_place(&name) {
        return None;
    }
    // `石垣市の中山義隆市長`, `岸本聡子区長は`: a person named before the title of the office
    // they hold (a place name of four or more kanji before 市長/区長 is rare; a person's full
    // name usually has four).
    let stem_len = text[name_start..a].chars().count();
    if text[b..].starts_with('長')
        && ((text[..name_start].ends_with('の')
            && text[..name_start - 'の'.len_utf8()].ends_with(suffix))
            || (stem_len >= 4 && !text.contains(&format!("{name}の")) && !text.contains(&format!("{name}は"))))
    {
        return None;
    }
    Some(OrgMention {
        start: name_start,
        end: b,
        core: name.clone(),
        name,
        kind: OrgKind::Municipality,
        cue: VictimCue::None,
        relation_hint: None,
    })
}

/// Kanji words ending in 市/町/区… that are not places (都市, 城下町, 地区, 選挙区 …).
fn looks_like_non_place(name: &str) -> bool {
    const NON_PLACES: &[&str] = &[
        "都市",
        "城下町",
        "地区",
        "選挙区",
        "学区",
        "特区",
        "下町",
        "門前町",
        "朝市",
        "見本市",
        "政令市",
        "中核市",
        "各市",
        "全市",
        "区市",
        "市区町村",
        "市町村",
        "町村",
        "本県",
        "他県",
        "各県",
        "全県",
        "両県",
        "隣県",
        "都道府県",
        "同県",
        "同市",
        "同町",
        "当市",
        "本市",
    ];
    NON_PLACES
        .iter()
        .any(|w| name == *w || name.ends_with(w) && name.chars().count() <= w.chars().count() + 1)
}

fn looks_like_place(name: &str) -> bool {
    MUNICIPAL_SUFFIXES.iter().any(|s| name.ends_with(s)) || name.ends_with("都内")
}

/// Words that say the quoted name after them is a company (`運営会社「○○」`).
const COMPANY_DESCRIPTORS: &[&str] = &[
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

fn quoted_mention(text: &str, a: usize, b: usize) -> Option<OrgMention> {
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
    let inner = rest[..end_rel].trim();
    if inner.chars().count() < 2 || inner.chars().count() > 40 {
        return None;
    }
    // A brand is name-like: few hiragana, no sentence punctuation.
    let hira = inner.chars().filter(|c| is_hiragana(*c)).count();
    let non_latin_space = inner.contains(' ') && !subject::latin_words(inner);
    if inner.contains(['、', '。', '!', '?', '~'])
        || non_latin_space
        || hira * 3 > inner.chars().count()
    {
        return None;
    }
    if !subject::quoted_name_like(inner) {
        return None;
    }
    let close_end = b + end_rel + close.len_utf8();
    // `運営会社「○○」` / `電力小売会社「○○」`: a company introduced by what it is.
    let before = crate::text::window_before(text, a, 30);
    let company = COMPANY_DESCRIPTORS.iter().any(|d| before.ends_with(d));
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
        .any(|p| after.starts_with(p));
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
        || ends_with_generic(inner)
        || crate::lexicon::contains_cause_term(inner)
    {
        return None;
    }
    Some(OrgMention {
        start: b,
        end: b + end_rel,
        core: inner.to_string(),
        name: inner.to_string(),
        kind: if company {
            OrgKind::Bare
        } else {
            OrgKind::Brand
        },
        cue: VictimCue::None,
        relation_hint: None,
    })
}

fn foreign_sha_mention(text: &str, a: usize, b: usize) -> Option<OrgMention> {
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
fn bare_mention(text: &str, s: usize, e: usize, cue: VictimCue) -> Option<OrgMention> {
    let raw = text.get(s..e)?;
    let raw = raw.trim();
    // Names are short: keep the last 24 characters of a long run.
    let raw = match raw.char_indices().rev().nth(23) {
        Some((i, _)) if raw.chars().count() > 30 => &raw[i..],
        _ => raw,
    };
    let name = strip_descriptors(raw);
    // `高鳥HD子会社に不正アクセス`: a trailing relation word is not part of the name.
    let mut trail = 0;
    let mut name = name.as_str();
    for w in ["子会社", "親会社", "委託先", "傘下"] {
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
    if name.chars().count() < 2
        || is_generic_name(&name)
        || ends_with_generic(&name)
        || subject::made_of_common_nouns(&name)
    {
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
    // `■ さくら看護専門学校、…`: a hiragana head at a boundary belongs to the name.
    let hs = hiragana_led_start(text, start, start);
    let (start, name) =
        if hs < start && name.chars().count() + text[hs..start].chars().count() <= 16 {
            (hs, format!("{}{name}", &text[hs..start]))
        } else {
            (start, name)
        };
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

fn ends_with_generic(name: &str) -> bool {
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
    if DESCRIPTIVE_COMPANY.iter().any(|s| name.ends_with(s)) {
        return true;
    }
    // A bare `○○会社` (システム会社, 保険会社) describes a company; names carry their legal
    // form (株式会社, 合同会社…).
    if name.ends_with("会社") && !LEGAL_FORMS.iter().any(|f| name.ends_with(f)) {
        return true;
    }
    if CORPORATE_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        return false;
    }
    const TAILS: &[&str] = &[
        "サイト",
        "システム",
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
        "リンク",
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
    TAILS.iter().any(|t| name.ends_with(t))
}

/// Finds the other occurrences of names already recognised (a bare name found once in a
/// victim position is the same name elsewhere), and of the katakana head of a company name
/// (カシオ for カシオ計算機) when it stands alone.
fn propagate_names(text: &str, mentions: Vec<OrgMention>) -> Vec<OrgMention> {
    let mut names: Vec<(String, OrgKind)> = Vec::new();
    for m in &mentions {
        if m.kind == OrgKind::Municipality || m.kind == OrgKind::Government {
            continue;
        }
        if m.name.chars().count() >= 2 && !names.iter().any(|(n, _)| n == &m.name) {
            names.push((m.name.clone(), m.kind));
        }
        if matches!(m.kind, OrgKind::LegalForm | OrgKind::CorporateSuffix) {
            let head: String = m.core.chars().take_while(|c| is_katakana(*c)).collect();
            let rest = &m.core[head.len()..];
            if head.chars().count() >= 3
                && rest.starts_with(is_kanji)
                && !names.iter().any(|(n, _)| *n == head)
            {
                names.push((head, OrgKind::Bare));
            }
        }
    }
    if names.is_empty() {
        return mentions;
    }
    // A handful of names per document: a SIMD substring search per name and a
    // leftmost-longest pick is cheaper than building an automaton for every document
    // (measured).
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (i, (n, _)) in names.iter().enumerate() {
        found.extend(
            memchr::memmem::find_iter(text.as_bytes(), n.as_bytes()).map(|a| (a, a + n.len(), i)),
        );
    }
    let hits = crate::scan::leftmost_longest(found);
    let mut extra = Vec::new();
    let mut mi = 0usize;
    for hit in &hits {
        while mi < mentions.len() && mentions[mi].end <= hit.0 {
            mi += 1;
        }
        if mi < mentions.len() && mentions[mi].start < hit.1 {
            continue; // already a mention here
        }
        let prev = text[..hit.0].chars().next_back();
        let next = text[hit.1..].chars().next();
        let (name, kind) = &names[hit.2];
        let first = name.chars().next().unwrap_or(' ');
        let last = name.chars().next_back().unwrap_or(' ');
        let same = |a: char, b: char| {
            (is_katakana(a) && is_katakana(b))
                || (a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric())
        };
        if prev.is_some_and(|p| same(p, first)) || next.is_some_and(|n| same(n, last)) {
            continue;
        }
        // A katakana head must stand alone, not run into more kanji (カシオ計算機 is found
        // as the full name already).
        if *kind == OrgKind::Bare && next.is_some_and(is_kanji) && !name.chars().all(is_kanji) {
            continue;
        }
        extra.push(OrgMention {
            start: hit.0,
            end: hit.1,
            name: name.clone(),
            core: core_name(name),
            kind: *kind,
            cue: VictimCue::None,
            relation_hint: None,
        });
    }
    if extra.is_empty() {
        return mentions;
    }
    let mut all = mentions;
    all.extend(extra);
    all.sort_by_key(|m| m.start);
    all
}

/// Keeps, among overlapping mentions, the one that covers more text (then the more specific
/// kind); mentions with a victim cue pass their cue to the survivor.
fn resolve_overlaps(mut v: Vec<OrgMention>) -> Vec<OrgMention> {
    v.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<OrgMention> = Vec::with_capacity(v.len());
    for m in v {
        if let Some(last) = out.last_mut() {
            if m.start < last.end {
                let delimited = last.kind == OrgKind::Bare
                    && matches!(last.cue, VictimCue::GroupList | VictimCue::Heading)
                    && m.start >= last.start
                    && m.end <= last.end;
                let keep_new = if delimited {
                    false
                } else if (m.kind == OrgKind::Bare) != (last.kind == OrgKind::Bare) {
                    last.kind == OrgKind::Bare
                } else {
                    (m.end - m.start) > (last.end - last.start)
                };
                let cue = if m.cue != VictimCue::None {
                    m.cue
                } else {
                    last.cue
                };
                let hint = m.relation_hint.or(last.relation_hint);
                if keep_new {
                    *last = m;
                }
                last.cue = cue;
                last.relation_hint = hint;
                continue;
            }
        }
        out.push(m);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names found with the whole text as an incident passage.
    pub(super) fn names(text: &str) -> Vec<String> {
        mention_names(text, &[(0, text.len())])
    }

    /// The names found by the anchored patterns alone (no incident passage).
    pub(super) fn anchored_names(text: &str) -> Vec<String> {
        mention_names(text, &[])
    }

    fn mention_names(text: &str, regions: &[(usize, usize)]) -> Vec<String> {
        OrgFinder::new()
            .find_mentions(text, regions)
            .into_iter()
            .map(|m| m.name)
            .collect()
    }

    #[test]
    fn legal_form_before_and_after() {
        assert_eq!(
            names("昨日、株式会社サンプル商会が発表した。"),
            vec!["株式会社サンプル商会"]
        );
        assert_eq!(
            names("このたび、テスト電機株式会社は"),
            vec!["テスト電機株式会社"]
        );
        assert_eq!(names("委託先の(株)ミドリ印刷から"), vec!["(株)ミドリ印刷"]);
        assert_eq!(
            names("一般社団法人日本サンプル協会の会員"),
            vec!["一般社団法人日本サンプル協会"]
        );
    }

    #[test]
    fn legal_form_name_with_hiragana_in_header() {
        assert_eq!(
            names("【お知らせ】株式会社山田つり具 個人情報に関するお詫び"),
            vec!["株式会社山田つり具"]
        );
    }

    #[test]
    fn municipalities_and_facilities() {
        assert_eq!(names("群馬県前橋市は5日、"), vec!["前橋市"]);
        assert_eq!(names("長野県は、"), vec!["長野県"]);
        assert_eq!(names("、みどり町立中央病院は"), vec!["みどり町立中央病院"]);
        assert_eq!(names("川口市立小学校において"), vec!["川口市立小学校"]);
        assert!(names("市内の県営住宅で").is_empty());
        assert!(names("都市部の同市では").is_empty());
    }

    #[test]
    fn universities_hospitals_and_brands() {
        assert_eq!(names("北山大学において"), vec!["北山大学"]);
        assert_eq!(
            names("は、西部総合医療センターで"),
            vec!["西部総合医療センター"]
        );
        assert_eq!(names("通販サイト「ミライ堂」において"), vec!["ミライ堂"]);
        assert!(names("「不正アクセス」で").is_empty());
    }

    #[test]
    fn bare_names_from_positions() {
        let n = names("家電大手ヒカリデンは3日、外部からの不正アクセスを受けたと発表した。");
        assert!(n.contains(&"ヒカリデン".to_string()), "{n:?}");
        let n = names("ミドリ交通に不正アクセス、顧客情報流出の可能性");
        assert!(n.contains(&"ミドリ交通".to_string()), "{n:?}");
        let n = names("アオバ海上、ミナト損保、カワセ生命の3社は、誤送信を公表した。");
        assert!(n.contains(&"ミナト損保".to_string()), "{n:?}");
        assert!(n.contains(&"アオバ海上".to_string()), "{n:?}");
    }

    #[test]
    fn operator_links() {
        let f = OrgFinder::new();
        let links = f.find_operator_links("通販サイト「ミライ堂」を運営する株式会社ミライ商事は、");
        assert_eq!(
            links,
            vec![("ミライ堂".to_string(), "株式会社ミライ商事".to_string())]
        );
        let links = f.find_operator_links("株式会社ソラ が運営する「ソラ公式ストア」では");
        assert_eq!(
            links,
            vec![("ソラ公式ストア".to_string(), "株式会社ソラ".to_string())]
        );
    }

    #[test]
    fn core_names_drop_legal_forms() {
        assert_eq!(core_name("株式会社サンプル"), "サンプル");
        assert_eq!(core_name("サンプル株式会社"), "サンプル");
    }
}

#[cfg(test)]
mod hiragana_name_tests {
    use super::tests::{anchored_names, names};
    use super::*;

    #[test]
    fn legal_form_names_keep_hiragana() {
        assert_eq!(
            names("株式会社わかば運送は、倉庫の端末が感染したと発表した。"),
            vec!["株式会社わかば運送"]
        );
        assert_eq!(
            names("有限会社はるかぜ工房の通販サイトで不正アクセスがあった。"),
            vec!["有限会社はるかぜ工房"]
        );
        assert_eq!(
            names("医療法人社団ひだまり会が運営する診療所で"),
            vec!["医療法人社団ひだまり会"]
        );
        assert_eq!(
            names("株式会社くらしの相談窓口が公表した"),
            vec!["株式会社くらしの相談窓口"]
        );
    }

    #[test]
    fn hiragana_name_confirmed_by_header_line() {
        let text = "お知らせ\n株式会社やまびこ\n株式会社やまびこは本日、調査結果を公表した。";
        let n = names(text);
        assert!(n.iter().all(|x| x == "株式会社やまびこ"), "{n:?}");
    }

    #[test]
    fn hiragana_name_before_legal_form() {
        let n = names("当社はこだま印刷株式会社に業務を委託していた。");
        assert!(n.contains(&"こだま印刷株式会社".to_string()), "{n:?}");
        assert_eq!(
            names("このたび、テスト電機株式会社は"),
            vec!["テスト電機株式会社"]
        );
    }

    #[test]
    fn a_hiragana_head_at_a_boundary_belongs_to_a_bare_name() {
        let n = names("■ さくら看護専門学校、学生の評価表を誤送信\n学校法人さくら学園が運営するさくら看護専門学校は6月18日、ファイルを誤送信したと発表した。");
        assert!(n.contains(&"さくら看護専門学校".to_string()), "{n:?}");
        assert!(!n.contains(&"看護専門学校".to_string()), "{n:?}");
        let n = names("配送大手のはやて運輸は21日、伝票の控えを誤って廃棄したと発表した。");
        assert!(n.contains(&"はやて運輸".to_string()), "{n:?}");
    }

    #[test]
    fn a_topic_particle_before_a_date_ends_a_hiragana_name() {
        assert_eq!(
            anchored_names(
                "生活協同組合コープあおぞらは19日、宅配注文システムに不正アクセスがあったと発表した。"
            ),
            vec!["生活協同組合コープあおぞら".to_string()]
        );
    }

    #[test]
    fn hiragana_municipalities() {
        let names = anchored_names;
        assert!(names("埼玉県さいたま市は13日、発表した。").contains(&"さいたま市".to_string()));
        assert!(names("ひがし市は13日、住民票を誤って交付したと発表した。")
            .contains(&"ひがし市".to_string()));
        assert!(names("9月には、ある市の職員が書類を紛失した。").is_empty());
        assert!(names("すべての市で実施する。").is_empty());
    }

    #[test]
    fn announcement_cue_needs_a_number_after_the_topic() {
        assert!(has_topic_before_number("みなと物流は 6月7日、"));
        assert!(has_topic_before_number("同社は2025年9月5日、発表した"));
        assert!(!has_topic_before_number("同社は本日、発表した"));
        assert!(!has_topic_before_number("6月7日に発表"));
    }

    #[test]
    fn context_patterns_are_found_on_gated_lines_only() {
        let found =
            names("はじめに\nあさぎり運輸に不正アクセスがあった。\n委託先のナギサ印刷で流出。");
        assert!(found.contains(&"あさぎり運輸".to_string()), "{found:?}");
        assert!(found.contains(&"ナギサ印刷".to_string()), "{found:?}");
    }

    #[test]
    fn criminal_groups_are_not_organisations() {
        assert!(is_criminal_group("特殊詐欺グループ"));
        assert!(is_criminal_group("ランサムウェアグループ"));
        assert!(!is_criminal_group("ミドリ商事グループ"));
        let n = names("特殊詐欺グループが名簿を悪用していたことが判明した。");
        assert!(n.is_empty(), "{n:?}");
    }

    #[test]
    fn legal_form_alone_is_not_a_name() {
        assert!(legal_name_end("株式会社は", "株式会社".len()) == "株式会社".len());
    }
}
