//! Owns finding organisation mentions: names with a legal form before or after
//! (株式会社○○, ○○株式会社, 一般財団法人○○…), municipalities and their facilities (○○県, ○○市,
//! ○○町立○○病院), universities, hospitals, ministries, corporate-suffix names (○○工業, ○○銀行),
//! brands in 「」, and bare names in the positions leak reports put victims in (`○○は6月7日、`,
//! `○○に不正アクセス`, `A、B、Cの3社は`).

mod bare;
mod kinds;
mod legal;
mod municipal;
mod runs;
mod subject;
mod suffix;
mod words;

use bare::*;
use kinds::*;
use legal::*;
use municipal::*;
use runs::*;
use suffix::*;
use words::*;

pub use bare::{introduced_as_company, is_criminal_group, threat_group_names, THREAT_GROUP_WORDS};
pub use legal::legal_name_end;
pub use runs::core_name;
pub use subject::data_leaked_from;
pub use suffix::anonymised;

pub use subject::{is_description, police_name};
pub use words::class_only;

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

/// The kinds of anchor the scanner reacts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Legal,
    Corporate,
    University,
    /// A school or a childcare facility a body other than a municipality runs (`さくら幼稚園`).
    School,
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
    /// A masthead or signature naming a corporation and the facility it runs on one line
    /// (`医療法人社団ねむのき会　ねむのき中央病院`).
    operator_then_facility: Regex,
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
        add(PUBLIC_OFFICE_SUFFIXES, Anchor::Corporate);
        add(UNIVERSITY_SUFFIXES, Anchor::University);
        add(SCHOOL_SUFFIXES, Anchor::School);
        add(HOSPITAL_SUFFIXES, Anchor::Hospital);
        add(MEDICAL_FIELDS, Anchor::Hospital);
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
        let operator_then_facility = Regex::new(
            r"(?m)^[ \t\u{3000}]*(?P<op>(?:医療法人社団|医療法人財団|医療法人|社会福祉法人|学校法人)[^ \t\u{3000}\n]{2,20})[ \t\u{3000}]+(?P<brand>[^ \t\u{3000}\n]{2,24}(?:病院|医療センター|クリニック|診療所|医院|高等学校|中学校|小学校|学校|短期大学|大学|保育園|幼稚園|こども園|ホーム))[ \t\u{3000}]*$",
        )
        .expect("operator-then-facility regex");
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
            operator_then_facility,
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
                // A school a municipality or prefecture set up (`市立…小学校`) is the
                // municipal facility's mention.
                // (`高校教育課`: a department of schools, not a school.)
                Anchor::School => suffix_mention(text, m.start(), m.end(), OrgKind::University)
                    .filter(|s| {
                        !s.name.contains('立')
                            && !generic_school(&s.name)
                            && !["教育課", "教育室", "課", "室", "係", "担当"]
                                .iter()
                                .any(|d| text[m.end()..].starts_with(d))
                    }),
                // (`浜松中央病院内科`: a hospital's department is the hospital's.)
                Anchor::Hospital => suffix_mention(text, m.start(), m.end(), OrgKind::Hospital)
                    .filter(|h| !department_of_a_facility(&h.name)),
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
        kind_prefix_mentions(text, &mut out);
        subject::subject_mentions(text, &self.follows, &mut out);
        subject::definition_mentions(text, &mut out);
        subject::ranking_mentions(text, &mut out);
        subject::item_head_mentions(text, &mut out);
        subject::list_item_mentions(text, &mut out);
        subject::header_and_signature_mentions(text, &mut out);
        // A name the document introduces as an attacking group (`攻撃グループ「○○」`) is a
        // threat actor wherever it appears, never an organisation of the incident.
        let groups = threat_group_names(text);
        if !groups.is_empty() {
            out.retain(|m| !groups.iter().any(|g| *g == m.name));
        }
        trim_honorifics(&mut out);
        out.retain(|m| !caption_place(text, m.start));
        out.retain(|m| !(m.kind == OrgKind::Municipality && place_of_a_business(text, m.end)));
        extend_to_branches(text, &mut out);
        let out = drop_prefectures_of_municipalities(text, resolve_overlaps(out));
        let out = join_bureaus_to_their_municipality(text, out);
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
        if text.contains('、') && has_company_tally(text) {
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
            // `配送管理に使うサーバーが…`: what a system is used for, not a target.
            if caps
                .name("gap")
                .is_some_and(|g| subject::USE_VERBS.iter().any(|v| g.as_str().starts_with(v)))
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
                if let Some(mut m) = bare_mention(text, s, e, VictimCue::GroupList) {
                    // The tally (`…の4社`) says each member is a company, whatever its name's
                    // shape.
                    if m.kind == OrgKind::Bare {
                        m.kind = OrgKind::CorporateSuffix;
                    }
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
            } else if let Some(mut m) = legal_form_mention_in(text, n.start(), n.end()) {
                // `子会社である株式会社ヤマト重工サービス`: a legal-form name needs none of the
                // bare-name tests; the relation word goes to it.
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
        if text.contains("法人") {
            for caps in self.operator_then_facility.captures_iter(text) {
                if let (Some(op), Some(b)) = (caps.name("op"), caps.name("brand")) {
                    out.push((b.as_str().to_string(), op.as_str().to_string()));
                }
            }
        }
        if !text.contains("運営") {
            return out; // both patterns below need it
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
            // `2022年8月31日弊社が運営する…`: a date and a first-person word are no operator.
            let self_word = ["弊社", "当社", "同社", "本学", "当院", "本市", "当法人"]
                .iter()
                .any(|w| op_name.ends_with(w));
            let dated =
                op_name.chars().any(|c| c.is_ascii_digit()) && op_name.contains(['年', '月', '日']);
            if op_name.chars().count() >= 2 && !is_generic_name(&op_name) && !self_word && !dated {
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

/// The legal-form name that starts at `s` and ends at `e` (`株式会社○○` / `○○株式会社`).
fn legal_form_mention_in(text: &str, s: usize, e: usize) -> Option<OrgMention> {
    let name = text.get(s..e)?;
    let form = LEGAL_FORMS
        .iter()
        .find(|f| name.starts_with(**f) || name.ends_with(**f))?;
    (name.len() > form.len() + 3).then(|| OrgMention {
        start: s,
        end: e,
        core: core_name(name),
        name: name.to_string(),
        kind: OrgKind::LegalForm,
        cue: VictimCue::None,
        relation_hint: None,
    })
}

/// `(1)北浜ホールディングス株式会社様`, `委託元様`: a name run that took in the honorific after
/// it loses it; what is left must still read as a name (`委託元` does not).
fn trim_honorifics(out: &mut Vec<OrgMention>) {
    out.retain_mut(|m| {
        let Some(head) = ["様", "御中"].iter().find_map(|h| m.name.strip_suffix(h)) else {
            return true;
        };
        if head.chars().count() < 2 || !subject::acceptable(head) {
            return false;
        }
        let cut = m.name.len() - head.len();
        m.end -= cut;
        m.name.truncate(head.len());
        m.core = core_name(&m.name);
        true
    });
}

/// Drops a prefecture written right against a municipality's name (`栃木県かみさと市`): it
/// says where the municipality is. (With の between them, `北海道の旭川市`, the prefecture
/// stays a mention: lists of places are read through it.) Returns the mentions in text order.
fn drop_prefectures_of_municipalities(text: &str, mut v: Vec<OrgMention>) -> Vec<OrgMention> {
    v.sort_by_key(|m| m.start);
    let prefecture = |m: &OrgMention| m.name.ends_with(['県', '都', '府', '道']);
    // `三重県のちどり市教育委員会`: a municipality's body after の (a municipality itself after
    // の may be a second victim: `県と市`-style reports name both).
    let municipal_body = |n: &OrgMention| {
        n.kind == OrgKind::Government
            && n.name
                .char_indices()
                .any(|(i, c)| matches!(c, '市' | '町' | '村' | '区') && i > 0)
            && [
                "教育委員会",
                "選挙管理委員会",
                "水道局",
                "交通局",
                "病院局",
                "消防局",
            ]
            .iter()
            .any(|w| n.name.ends_with(w))
    };
    let place_of_next = |i: usize| {
        v[i].kind == OrgKind::Municipality
            && prefecture(&v[i])
            && v.get(i + 1).is_some_and(|n| {
                (matches!(n.kind, OrgKind::Municipality | OrgKind::MunicipalFacility)
                    && !prefecture(n)
                    && n.start == v[i].end)
                    || (municipal_body(n) && text.get(v[i].end..n.start) == Some("の"))
            })
    };
    let drop: Vec<bool> = (0..v.len()).map(place_of_next).collect();
    v.into_iter()
        .zip(drop)
        .filter_map(|(m, d)| (!d).then_some(m))
        .collect()
}

/// Joins a bureau written after its municipality and の (`かみさと市の上下水道局`) into one
/// mention, as `かみさと市上下水道局` is: the bureau is that municipality's. `v` is in text order.
fn join_bureaus_to_their_municipality(text: &str, v: Vec<OrgMention>) -> Vec<OrgMention> {
    const BUREAUS: &[&str] = &[
        "上下水道局",
        "水道局",
        "交通局",
        "病院局",
        "消防局",
        "教育委員会",
        "選挙管理委員会",
    ];
    let mut out: Vec<OrgMention> = Vec::with_capacity(v.len());
    for m in v {
        let joined = out.last_mut().is_some_and(|prev| {
            let bureau = BUREAUS.contains(&m.name.as_str());
            let municipal =
                prev.kind == OrgKind::Municipality && prev.name.ends_with(['市', '町', '村', '区']);
            if bureau && municipal && text.get(prev.end..m.start) == Some("の") {
                prev.name = format!("{}{}", prev.name, m.name);
                prev.core = format!("{}{}", prev.core, m.name);
                prev.end = m.end;
                if m.name.ends_with("委員会") {
                    prev.kind = OrgKind::Government;
                }
                true
            } else {
                false
            }
        });
        if !joined {
            out.push(m);
        }
    }
    out
}

/// Words that name a branch of an organisation after a place (`○○協会山形支部`).
const BRANCH_WORDS: &[&str] = &["支部", "支店", "支社", "営業所", "出張所", "分室"];

/// Extends a mention over the branch written right after it (`全国○○協会山形支部が`): a
/// place of one to four kanji and a branch word. The branch is the body that acted.
fn extend_to_branches(text: &str, out: &mut [OrgMention]) {
    for m in out.iter_mut() {
        if matches!(m.kind, OrgKind::Municipality | OrgKind::Brand) {
            continue;
        }
        let rest = &text[m.end..];
        let place = rest
            .char_indices()
            .take_while(|&(_, c)| is_kanji(c))
            .map(|(i, c)| i + c.len_utf8())
            .take(6)
            .collect::<Vec<_>>();
        // The longest place of 1..=4 kanji that a branch word follows.
        let Some((place_len, word)) = place.iter().take(4).rev().find_map(|&p| {
            BRANCH_WORDS
                .iter()
                .find(|w| rest[p..].starts_with(**w))
                .map(|w| (p, w))
        }) else {
            continue;
        };
        let end = m.end + place_len + word.len();
        // A branch word that runs on into a longer word (`支店長`, `事務所内`) is no branch.
        if text[end..].chars().next().is_some_and(is_kanji) {
            continue;
        }
        m.name.push_str(&text[m.end..end]);
        m.core.push_str(&text[m.end..end]);
        m.end = end;
    }
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

/// Whether the municipality ending at `end` says where a business it introduces is
/// (`雪代市の観光バス会社「ゆうづつ観光バス」`, `菱沼市の私立菱沼学院高校`): a place, not a party. A business the
/// municipality entrusts (`市の委託業者「…」`) keeps it a party.
fn place_of_a_business(text: &str, end: usize) -> bool {
    const BUSINESS_NOUNS: &[&str] = &[
        "会社",
        "企業",
        "業者",
        "店",
        "法人",
        "病院",
        "クリニック",
        "医院",
        "診療所",
        "薬局",
        "ホテル",
        "旅館",
        "工場",
    ];
    const OWN_BUSINESS: &[&str] = &[
        "委託",
        "受託",
        "指定管理",
        "外郭",
        "出資",
        "市立",
        "町立",
        "村立",
        "区立",
        "市営",
        "町営",
    ];
    let Some(rest) = text.get(end..).and_then(|r| r.strip_prefix('の')) else {
        return false;
    };
    // `菱沼市の私立菱沼学院高校`: a private school is in the city, not the city's.
    if rest.starts_with("私立") {
        return true;
    }
    // `ささめ市の「あおみね記念病院」`: a facility or business named at once, in quotes.
    if let Some(quoted) = rest.strip_prefix('「') {
        let name = quoted.split('」').next().unwrap_or("");
        return name.chars().count() <= 30
            && !name.contains(['、', '。', '\n'])
            && BUSINESS_NOUNS.iter().any(|w| name.ends_with(w))
            && !OWN_BUSINESS.iter().any(|w| name.contains(w))
            && !name.contains("市民");
    }
    let Some(quote) = rest.find('「') else {
        return false;
    };
    let noun = &rest[..quote];
    noun.chars().count() <= 12
        && !noun.contains(['、', '。', '」', '\n'])
        && BUSINESS_NOUNS.iter().any(|w| noun.ends_with(w))
        && !OWN_BUSINESS.iter().any(|w| noun.contains(w))
}

/// Whether the name starting at `start` is the place of a news photo caption
/// (`…と謝罪する社長=5日、青葉市の本社`): where the picture was taken, never a party of the
/// incident.
fn caption_place(text: &str, start: usize) -> bool {
    // (A bounded look back: a caption's date is short, and a long line has many names.)
    let before = crate::text::window_before(text, start, 64);
    let before = before.rsplit('\n').next().unwrap_or(before);
    let Some(eq) = before.rfind(['=', '＝']) else {
        return false;
    };
    let when = before[eq..].trim_start_matches(['=', '＝']).trim_end();
    when.ends_with('、')
        && when.contains('日')
        && when.chars().count() <= 16
        && when
            .chars()
            .all(|c| c.is_ascii_digit() || "年月日午前後時分、 　".contains(c))
}

/// Whether `line` holds `の3社` / `の十社`, without which the group-list pattern (`A、B、Cの3社`)
/// cannot match: most lines name 社 (当社, 弊社) but tally no companies.
fn has_company_tally(line: &str) -> bool {
    line.match_indices('社').any(|(i, _)| {
        let head = &line[..i];
        let number = head
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || "二三四五六七八九十".contains(*c))
            .map(char::len_utf8)
            .sum::<usize>();
        number > 0 && head[..head.len() - number].ends_with('の')
    })
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

    pub(super) fn mention_names(text: &str, regions: &[(usize, usize)]) -> Vec<String> {
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
        // A suffix word used as a verb ends no name.
        assert!(names("ファイルが転送・印刷されていないことを確認した。").is_empty());
        assert_eq!(names("ミドリ印刷した書類は"), Vec::<String>::new());
        assert_eq!(
            names("一般社団法人日本サンプル協会の会員"),
            vec!["一般社団法人日本サンプル協会"]
        );
    }

    #[test]
    fn a_region_before_the_prefectures_tax_office_is_no_prefecture() {
        let n = names("北部県税事務所の職員が、メールを誤って送信しました。");
        assert!(!n.iter().any(|x| x == "北部県"), "{n:?}");
        let n = names("青葉県税事務所の職員が、メールを誤って送信しました。");
        assert!(n.iter().any(|x| x.starts_with("青葉県")), "{n:?}");
    }

    #[test]
    fn a_public_bodys_field_of_work_is_no_company() {
        let got = names("県ホームページにおける個人情報の誤掲載について(農林水産部)");
        assert!(!got.iter().any(|n| n.contains("農林水産")), "{got:?}");
        assert_eq!(
            names("浜ノ宮水産の顧客名簿が流出した。"),
            vec!["浜ノ宮水産"]
        );
    }

    #[test]
    fn a_list_bullet_is_no_part_of_a_suffix_name() {
        assert_eq!(
            names("・北浜鉄道の会員情報12万名分が流出"),
            vec!["北浜鉄道"]
        );
    }

    #[test]
    fn a_verb_ending_before_a_kana_name_is_no_part_of_it() {
        assert_eq!(
            names("調査業務を受託していたすずかけ台ガス株式会社の顧客"),
            vec!["すずかけ台ガス株式会社"]
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
    fn honorifics_after_names_are_no_part_of_them() {
        // A contractor's release names its clients with 様 or 御中.
        let text = "影響を受ける委託元様は次のとおりです。\n(1)みずほ野ホールディングス株式会社様\n(2)紅葉台市様\n(3)一般財団法人みどり野健康財団様\n(4)青葉市総務課御中";
        let found = names(text);
        for want in [
            "みずほ野ホールディングス株式会社",
            "紅葉台市",
            "一般財団法人みどり野健康財団",
        ] {
            assert!(found.iter().any(|n| n == want), "{want} not in {found:?}");
        }
        assert!(
            !found
                .iter()
                .any(|n| n.ends_with('様') || n.starts_with("委託元")),
            "{found:?}"
        );
        // `様式` is a word, not an honorific.
        assert!(names("申請は青葉市様式第3号による。")
            .iter()
            .all(|n| n != "青葉市"));
    }

    #[test]
    fn municipalities_and_facilities() {
        assert_eq!(names("群馬県前橋市は5日、"), vec!["前橋市"]);
        assert_eq!(names("長野県は、"), vec!["長野県"]);
        assert_eq!(names("、みどり町立中央病院は"), vec!["みどり町立中央病院"]);
        assert_eq!(names("川口市立小学校において"), vec!["川口市立小学校"]);
        assert!(names("市内の県営住宅で").is_empty());
        // Hiragana inside a facility's name is no particle; a hiragana ward opens a clause.
        assert_eq!(
            names("、すずかけ市立ひがし台小学校の教諭が"),
            vec!["すずかけ市立ひがし台小学校"]
        );
        assert_eq!(names("東京・つつじ区は12日、"), vec!["つつじ区"]);
        // A particle right after 立, or a conjunction before 区, ends the reading.
        assert!(!names("、青葉市立では最大の病院で")
            .iter()
            .any(|n| n.contains("では")));
        assert!(!names("。しかし区は12日、")
            .iter()
            .any(|n| n.contains("しかし")));
        // A LINE group is no company: its hiragana name in quotes is no organisation.
        assert!(!names("LINEのグループ「ままとものかい」に誤って投稿した。")
            .iter()
            .any(|n| n == "ままとものかい"));
        assert!(names("和菓子の通販会社「ゆめみ堂」は14日、").contains(&"ゆめみ堂".to_string()));
        // A mail-order business, or a name whose head office is noted after it.
        let n = names(
            "元社員が、勤めていた健康食品通販「みのりヘルス」のサーバーから顧客情報を持ち出した。",
        );
        assert!(n.contains(&"みのりヘルス".to_string()), "{n:?}");
        assert!(!n.contains(&"健康食品".to_string()), "{n:?}");
        let n = names(
            "ペット用品の「わんにゃんマート」(本社・福岡市)は、顧客情報が流出したと発表した。",
        );
        assert!(n.contains(&"わんにゃんマート".to_string()), "{n:?}");
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
    fn a_company_tally_gates_the_group_list() {
        assert!(has_company_tally("アオバ、ミドリ、ソラの3社が"));
        assert!(has_company_tally("A、Bの二社"));
        assert!(!has_company_tally("当社は、弊社の社員が"));
        assert!(!has_company_tally("子会社3社"));
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
        // A masthead naming the corporation and the facility it runs links them.
        let links = f.find_operator_links("医療法人社団ひばり会　ひばり台中央病院\nお知らせ\n");
        assert_eq!(
            links,
            vec![(
                "ひばり台中央病院".to_string(),
                "医療法人社団ひばり会".to_string()
            )]
        );
        // A corporation's office is no facility it runs.
        assert!(f
            .find_operator_links("社会福祉法人ひばり会　法人本部事務局\n")
            .is_empty());
        // An operator whose name runs on in hiragana keeps it.
        let links =
            f.find_operator_links("和菓子店「こもれび堂」を運営する有限会社ひだまり菓子舗は、");
        assert_eq!(
            links,
            vec![(
                "こもれび堂".to_string(),
                "有限会社ひだまり菓子舗".to_string()
            )]
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
    fn a_verbs_tail_is_no_head_of_the_name_after_it() {
        let n = names(
            "タオル販売を手がけるカモメリネン(今治市)は24日、不正アクセスを受けたと発表した。",
        );
        assert!(n.contains(&"カモメリネン".to_string()), "{n:?}");
        assert!(!n.iter().any(|x| x.starts_with("ける")), "{n:?}");
    }

    #[test]
    fn a_quoted_name_before_a_site_word_is_a_shop() {
        assert_eq!(
            names("「カモミーユ」ウェブサイトにて、クレジットカード情報が流出しました。"),
            vec!["カモミーユ"]
        );
        assert_eq!(
            names("当社が運営する「ルナベルデ」オンラインショップへの不正アクセス"),
            vec!["ルナベルデ"]
        );
        // A quoted phrase before a site word is no shop.
        assert!(names("「個人情報の取扱いについて」サイトをご確認ください。").is_empty());
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
        // A group introduced with its reading: neither the name nor the reading is a victim.
        let n = names("ハッカー集団「NightOwl(ナイトオウル)」が、株式会社みさき精機から盗んだとするデータを公開した。ナイトオウルは声明で…");
        assert!(
            !n.iter()
                .any(|x| x.contains("ナイトオウル") || x.contains("NightOwl")),
            "{n:?}"
        );
        // A name of kana and a one-kanji trade word, marked by the place noted after it.
        let n = names("雑貨通販のもみじ屋(金沢市)は12日、会員情報が流出したと発表した。");
        assert!(n.contains(&"もみじ屋".to_string()), "{n:?}");
        let n = names("和菓子を販売するすずらん堂(函館市)は、注文者の情報が流出したと発表した。");
        assert!(n.contains(&"すずらん堂".to_string()), "{n:?}");
        let n = names("雑貨通販の屋(金沢市)は12日、会員情報が流出したと発表した。");
        assert!(!n.iter().any(|x| x.contains("屋")), "{n:?}");
        // A kana run that opens its list item keeps its particles (the と of ことぶき).
        let n = names("新着記事\n・ことぶき製菓の通販サイトに不正アクセス、カード情報流出か");
        assert!(n.contains(&"ことぶき製菓".to_string()), "{n:?}");
        assert!(!n.contains(&"ぶき製菓".to_string()), "{n:?}");
        // A run that opens its line may head a longer kanji stem (a masthead).
        let n = names("ひなた台中央総合病院\nお知らせ\n当院の医師が使うパソコンが盗まれました。");
        assert!(n.contains(&"ひなた台中央総合病院".to_string()), "{n:?}");
        // Kanji may open the hiragana head (健康いきいき倶楽部 style), after a clause's verb too.
        let n = names(
            "サプリの通販を運営する青空すこやか倶楽部は5日、カード情報が流出したと発表した。",
        );
        assert!(n.contains(&"青空すこやか倶楽部".to_string()), "{n:?}");
        let n = names("■ 青空すこやか倶楽部、カード情報流出");
        assert!(n.contains(&"青空すこやか倶楽部".to_string()), "{n:?}");
        // A prefecture before the hiragana is a place, not the name's head.
        let n = names("北浜県つばさ町立中央病院は31日、電子カルテが使えなくなったと発表した。");
        assert!(n.iter().any(|x| x.starts_with("つばさ町立")), "{n:?}");
        assert!(!n.iter().any(|x| x.starts_with("北浜県つばさ")), "{n:?}");
    }

    #[test]
    fn a_topic_particle_before_a_date_ends_a_hiragana_name() {
        assert_eq!(
            anchored_names(
                "生活協同組合コープあおぞらは19日、宅配注文システムに不正アクセスがあったと発表した。"
            ),
            vec!["生活協同組合コープあおぞら".to_string()]
        );
        // A medical co-op's form is one word; its name follows it.
        assert_eq!(
            anchored_names(
                "医療生活協同組合みずほヶ丘は、職員のアカウントが乗っ取られたと発表した。"
            ),
            vec!["医療生活協同組合みずほヶ丘".to_string()]
        );
    }

    #[test]
    fn a_municipal_body_named_after_its_municipality_is_one_mention() {
        assert_eq!(
            names("北浜県青葉市水道局は5月29日、"),
            vec!["北浜県青葉市水道局"]
        );
        assert_eq!(names("みなせ市上下水道局は"), vec!["みなせ市上下水道局"]);
        assert_eq!(
            names("神奈川県紅葉台町教育委員会によると、"),
            vec!["神奈川県紅葉台町教育委員会"]
        );
        // A section of the city hall names the city.
        assert_eq!(names("青葉市税務課は5日、"), vec!["青葉市"]);
        let board = OrgFinder::new().find_mentions("青葉市教育委員会は", &[]);
        assert_eq!(board.first().map(|m| m.kind), Some(OrgKind::Government));
        let bureau = OrgFinder::new().find_mentions("青葉市交通局は", &[]);
        assert_eq!(bureau.first().map(|m| m.kind), Some(OrgKind::Municipality));
    }

    #[test]
    fn a_hiragana_name_before_its_legal_form_ends_at_the_particle_after_the_form() {
        let names = anchored_names;
        let n = names("さくらんぼ株式会社が、顧客情報の流出を公表した。");
        assert!(n.contains(&"さくらんぼ株式会社".to_string()), "{n:?}");
        let n = names("\nうつぼぐさ生活協同組合は5日、組合員の情報が流出したと発表した。");
        assert!(n.contains(&"うつぼぐさ生活協同組合".to_string()), "{n:?}");
        // A name after the form may open with a particle's letter.
        let n = names("株式会社がんばる商店が発表した。");
        assert!(n.contains(&"株式会社がんばる商店".to_string()), "{n:?}");
    }

    #[test]
    fn hiragana_municipalities() {
        let names = anchored_names;
        assert!(names("埼玉県さいたま市は13日、発表した。").contains(&"さいたま市".to_string()));
        assert!(names("ひがし市は13日、住民票を誤って交付したと発表した。")
            .contains(&"ひがし市".to_string()));
        // A verb's dictionary form ends the clause before a name with a legal form.
        let n = names("請求書の発送を請け負う青葉ダイレクト株式会社が攻撃を受けた。");
        assert!(n.contains(&"青葉ダイレクト株式会社".to_string()), "{n:?}");
        let n = names("書店を営む株式会社みなと堂で流出が判明した。");
        assert!(n.iter().all(|x| !x.starts_with("営む")), "{n:?}");
        // A ward of a hiragana city keeps the city (`(ひがし市中央区)`, not `市中央区`).
        let n = names("株式会社アオバ印刷(ひがし市中央区)は13日、発表した。");
        assert!(n.contains(&"ひがし市中央区".to_string()), "{n:?}");
        assert!(!n.contains(&"市中央区".to_string()), "{n:?}");
        assert!(names("9月には、ある市の職員が書類を紛失した。").is_empty());
        assert!(names("すべての市で実施する。").is_empty());
        // Hiragana and one kanji after a boundary (`こがね台町`); a particle ends a clause.
        assert!(names("5. こがね台町、水道の検針票を誤投函").contains(&"こがね台町".to_string()));
        assert!(names("◇みどり野村\n職員が書類を紛失").contains(&"みどり野村".to_string()));
        assert!(names("ここでは野村の話")
            .iter()
            .all(|n| !n.starts_with("ここでは")));
        assert!(names("青葉市、および北町で発生")
            .iter()
            .all(|n| !n.starts_with("および")));
        // A heading mark opens one too (`◇きりがみね村`, `【あさつゆ市】`).
        assert!(names("◇きりがみね村\n村のサイトが改ざんされた。")
            .contains(&"きりがみね村".to_string()));
        assert!(names("【あさつゆ市】職員が住民票を閲覧").contains(&"あさつゆ市".to_string()));
        // After a particle that follows a name word (`北海道のしらかば市`, `容疑でゆきぐに市`).
        assert!(names("北海道のしらかば市など8つの自治体").contains(&"しらかば市".to_string()));
        assert!(names("書類送検した。容疑でゆきぐに市の職員を").contains(&"ゆきぐに市".to_string()));
        assert!(names("栃木県かみさと市の上下水道局は").contains(&"かみさと市".to_string()));
        assert!(names("県とともに市が").is_empty());
        // The 都 of a city's name ends no prefecture (`京都市中京区`, not `市中京区`).
        let n = names("株式会社みさき商事(京都市中京区)は5日、発表した。");
        assert!(n.contains(&"京都市中京区".to_string()), "{n:?}");
        assert!(names("東京都青葉市の職員が").contains(&"青葉市".to_string()));
        // A two-kana particle before the name (`自治体ではさくら台市が`), and a name ending in
        // a particle's kana after a boundary (`みなと坂市は`).
        assert!(names("自治体ではさくら台市が発表した").contains(&"さくら台市".to_string()));
        assert!(names("一方、みなと坂市は発表した").contains(&"みなと坂市".to_string()));
        assert!(names("県内にはつくし野町の職員が").contains(&"つくし野町".to_string()));
        assert!(names("かざはや市の行政文書が見つかった").contains(&"かざはや市".to_string()));
        assert!(names("いずみ野町立図書館のシステム").contains(&"いずみ野町立図書館".to_string()));
        // A city's facility named without the city, after a boundary; never `every` one.
        assert!(names("発表した。市立ひばり台西高校で、書類が")
            .contains(&"市立ひばり台西高校".to_string()));
        assert!(!names("校長会で、すべての市立学校に")
            .iter()
            .any(|n| n.contains("市立")));
        assert!(!names("、市立病院で").iter().any(|n| n.contains("市立")));
        assert!(names("、これと市が協議した。").is_empty());
        assert!(names("、さらに市は調査した。").is_empty());
        // A service the writer runs may be named in kana.
        assert!(
            names("当社が運営する「おとなの学び舎」のサイトで、カード情報が流出した。")
                .contains(&"おとなの学び舎".to_string())
        );
        // A kind of business before a katakana name is no part of it; a name holding the
        // word keeps it.
        assert_eq!(
            runs::strip_descriptors("航空IT企業ノースゲート"),
            "ノースゲート"
        );
        assert_eq!(
            runs::strip_descriptors("中小企業基盤整備機構"),
            "中小企業基盤整備機構"
        );
        // A dated line's head after its date keeps a kana lead that ends like a particle.
        assert!(names("2019/4/11 みなと環状道路公社 メール誤送信")
            .contains(&"みなと環状道路公社".to_string()));
        // A named prefecture bounds a municipality's kana head; a bare `県と` is `and`.
        assert!(names("富山県ときわ野市は4日、発表した。").contains(&"ときわ野市".to_string()));
        // A name ending in kana, marked by the place written after it.
        assert!(
            names("和紙製品を販売する紙匠ひさご(岐阜市)が3月19日に公表した。")
                .contains(&"紙匠ひさご".to_string())
        );
        assert!(!names("個人情報漏えいのおそれ(岐阜市)が公表された。")
            .iter()
            .any(|n| n.contains("おそれ")));
        assert!(!names("管理システムやデータ(岐阜市)が")
            .iter()
            .any(|n| n.contains("データ")));
        // The body that runs a facility heads the facility's kana name.
        assert!(names("北浜医療機構みずなみ医療センターが8日、発表した。")
            .contains(&"北浜医療機構みずなみ医療センター".to_string()));
        // A company's name may end in システム; what a system does, in kanji, is no name.
        assert!(
            names("事務機器販売の日向オフィスシステム(宮崎県宮崎市)は11日、発表した。")
                .contains(&"日向オフィスシステム".to_string())
        );
        assert!(bare::ends_with_generic("税務システム"));
        assert!(!bare::ends_with_generic("日向オフィスシステム"));
        // A katakana name may end in a common word; a link made of common words is no name.
        assert!(names("ミドリリンクの会員管理サーバーが攻撃された。")
            .contains(&"ミドリリンク".to_string()));
        assert!(names("共有リンクが第三者に閲覧された。").is_empty());
        // So may a service where something happened.
        assert!(
            names("「あおばのポイント広場」において、第三者による不正なログインが行われた。")
                .contains(&"あおばのポイント広場".to_string())
        );
        // A question-and-answer mark opening a line is no part of a name.
        assert!(!names("よくあるご質問\n- Q住所なども流出したのですか?")
            .iter()
            .any(|n| n.starts_with('Q')));
        // A branch written after its organisation is part of the name.
        assert!(names("全国共済保険協会秋田支部が書類を送付した")
            .contains(&"全国共済保険協会秋田支部".to_string()));
        assert!(!names("青葉銀行高松支店長が").contains(&"青葉銀行高松支店".to_string()));
        // An office of a prefecture is no branch of a company (`自動車` ends company names).
        assert!(!names("北浜県自動車税事務所において、")
            .iter()
            .any(|n| n.ends_with("事務所")));
        // The prefecture says where the municipality is, or the municipality's body.
        assert_eq!(
            names("三重県のはまゆう市教育委員会は17日"),
            vec!["はまゆう市教育委員会"]
        );
        assert_eq!(
            names("栃木県かみさと市の教育委員会"),
            vec!["かみさと市教育委員会"]
        );
        let text = "栃木県かみさと市の上下水道局は18日、個人情報が流出したと発表した。";
        assert_eq!(
            super::tests::mention_names(text, &[(0, text.len())]),
            vec!["かみさと市上下水道局"]
        );
        assert!(names(" 会見した市によると、男性は総務部に所属している。").is_empty());
        assert!(names("大阪府のみなと川市など").contains(&"みなと川市".to_string()));
        assert!(names("やまざくら市公式ホームページ").contains(&"やまざくら市".to_string()));
        assert!(names("4位 とびしま市 約51万件").contains(&"とびしま市".to_string()));
        for phrase in [
            "県内のすべての市で",
            "都内のとある市が",
            "同県のほかの市も",
            "本件については市が",
        ] {
            assert!(names(phrase).is_empty(), "{phrase}: {:?}", names(phrase));
        }
        // One or two kanji may open a hiragana name after a boundary (南あわじ市).
        assert!(
            names("◇西かわせ町教育委員会\n小学校の教員がUSBメモリを紛失した。")
                .iter()
                .any(|n| n.starts_with("西かわせ町"))
        );
        assert!(!names("県内のかわせ町は発表した。")
            .iter()
            .any(|n| n.starts_with("県内")));
        // A single kanji and の open a name (`○の○市`); a longer head is a phrase.
        assert!(names("杉の浦市の小学校でUSBメモリを紛失").contains(&"杉の浦市".to_string()));
        assert!(names("北浜県杉の浦市は発表した。").contains(&"杉の浦市".to_string()));
        let phrase = names("大阪の青葉市で発生した。");
        assert!(phrase.contains(&"青葉市".to_string()), "{phrase:?}");
        assert!(!phrase.iter().any(|n| n.contains('の')), "{phrase:?}");
        let reference = names("、県の青葉市で発生した。");
        assert!(!reference.iter().any(|n| n.contains('の')), "{reference:?}");
    }

    #[test]
    fn every_facility_of_a_kind_is_no_name() {
        let found = names("県教委は全県立学校に点検を指示した。北浜県立青葉高校で名簿を紛失した。");
        assert!(!found.iter().any(|n| n.starts_with('全')), "{found:?}");
        assert!(found.iter().any(|n| n.ends_with("青葉高校")), "{found:?}");
    }

    #[test]
    fn an_establishment_s_quoted_name_may_be_kana() {
        let n = names("駅前の和菓子店「ひより庵」は9日、顧客の伝票が盗まれたと発表した。");
        assert!(n.contains(&"ひより庵".to_string()), "{n:?}");
        let n = names(
            "少年サッカークラブ「FCそよかぜ」は2日、申込者の情報が閲覧できる状態だったと発表した。",
        );
        assert!(n.contains(&"FCそよかぜ".to_string()), "{n:?}");
        let n = names("椎ノ木町のひまわり台自治会では、会員名簿を紛失した。");
        assert!(n.contains(&"ひまわり台自治会".to_string()), "{n:?}");
        // Kana in quotes after no such word is no name.
        let n = names("合言葉は「ひよりあん」だった。");
        assert!(!n.contains(&"ひよりあん".to_string()), "{n:?}");
    }

    #[test]
    fn professional_corporations_carry_a_legal_form() {
        let n = names("税理士法人ひかり会計の事務所に空き巣が入り、パソコンが盗まれた。");
        assert!(n.contains(&"税理士法人ひかり会計".to_string()), "{n:?}");
        let n = names("弁護士法人みなと総合法律事務所は、書類を誤送付したと発表した。");
        assert!(n.iter().any(|x| x.starts_with("弁護士法人みなと")), "{n:?}");
    }

    #[test]
    fn a_prefectural_police_headquarters_is_one_name() {
        let n = names("報道発表資料\n沖波県警察本部\n\n沖波県警察本部の巡査部長が書類を紛失した。");
        assert!(n.contains(&"沖波県警察本部".to_string()), "{n:?}");
        let n = names("沖波県警察は5日、発表した。");
        assert!(n.contains(&"沖波県警察".to_string()), "{n:?}");
        let n = names("柚ノ木県警察本部の巡査部長が書類を紛失した。");
        assert!(n.contains(&"柚ノ木県警察本部".to_string()), "{n:?}");
    }

    #[test]
    fn the_place_of_a_business_it_introduces_is_no_mention() {
        let n = names("青葉市の洋菓子店「こもれび堂」は、顧客情報が流出したと発表した。");
        assert!(!n.contains(&"青葉市".to_string()), "{n:?}");
        let n = names("青葉市の委託業者「こもれび印刷」が書類を紛失した。");
        assert!(n.contains(&"青葉市".to_string()), "{n:?}");
        let n =
            names("青葉市の私立こもれび学院高校は9日、個人情報が流出した恐れがあると発表した。");
        assert!(!n.contains(&"青葉市".to_string()), "{n:?}");
        let n = names("青葉市の市立こもれび中学校は9日、書類を紛失したと発表した。");
        assert!(n.contains(&"青葉市".to_string()), "{n:?}");
        let n = names("青葉市の「こもれび記念病院」は10日、パソコンが盗まれたと発表しました。");
        assert!(!n.contains(&"青葉市".to_string()), "{n:?}");
        let n = names("青葉市の「子育て応援アプリ」で、個人情報が見える状態になっていた。");
        assert!(n.contains(&"青葉市".to_string()), "{n:?}");
    }

    #[test]
    fn the_place_of_a_photo_caption_is_no_mention() {
        let found = names("会見で謝罪する緑川精機の社長=5日、青葉市の本社\n緑川精機は5日、不正アクセスを受けたと発表した。");
        assert!(found.contains(&"緑川精機".to_string()), "{found:?}");
        assert!(!found.contains(&"青葉市".to_string()), "{found:?}");
        let found = names("青葉市は5日、書類を紛失したと発表した。");
        assert!(found.contains(&"青葉市".to_string()), "{found:?}");
    }

    #[test]
    fn a_country_may_open_a_suffix_name_but_is_none_alone() {
        let names = anchored_names;
        assert!(
            names("この度、日本青葉協会(以下「当会」)への寄付の決済に利用している会社で")
                .contains(&"日本青葉協会".to_string())
        );
        assert!(names("中国電力は発表した。").contains(&"中国電力".to_string()));
        let banks = names("地方銀行の再編が進む。");
        assert!(!banks.iter().any(|n| n.contains("銀行")), "{banks:?}");
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

    #[test]
    fn a_kanji_and_no_before_an_organisations_word_are_one_name() {
        let name_after = |text: &str, form: &str| {
            let a = text.find(form).map(|i| i + form.len()).unwrap_or(0);
            text[a..legal_name_end(text, a)].to_string()
        };
        assert_eq!(
            name_after("社会福祉法人椋の実会によると、名簿が", "社会福祉法人"),
            "椋の実会"
        );
        assert_eq!(
            name_after("社会福祉法人わかばの森園は19日", "社会福祉法人"),
            "わかばの森園"
        );
        // Not when what follows の is no organisation's word.
        assert_eq!(name_after("株式会社東の工場で火災", "株式会社"), "東");
    }

    #[test]
    fn quoted_software_is_no_organisation() {
        let n = names("ファイル共有ソフト「Share」と「Winny」を通じて流出した。");
        assert!(n.is_empty(), "{n:?}");
    }

    #[test]
    fn industries_end_company_names() {
        let n =
            names("被害を受けたしらゆり乳業(126万人)と段ボール製造の潮見紙器(明石市)も公表した。");
        assert!(n.contains(&"しらゆり乳業".to_string()), "{n:?}");
        assert!(n.contains(&"潮見紙器".to_string()), "{n:?}");
        // A clause ending in a verb before the suffix is no part of a name.
        let n = names("IDが漏れたとみられる大学もある。");
        assert!(!n.iter().any(|x| x.contains("られる")), "{n:?}");
    }

    #[test]
    fn the_part_of_a_client_is_no_part_of_its_name() {
        let n = names("誤封入が確認されたのは、株式会社あおさぎ電力分21件です。");
        assert!(n.contains(&"株式会社あおさぎ電力".to_string()), "{n:?}");
        let n = names("株式会社あおさぎ電力分については確認中です。");
        assert!(n.contains(&"株式会社あおさぎ電力".to_string()), "{n:?}");
        // A name all in hiragana before its legal form, standing alone in a list.
        let n = names("（3）とちのき生活協同組合　組合員利用明細書　856件");
        assert!(n.contains(&"とちのき生活協同組合".to_string()), "{n:?}");
        let n = names(
            "連結子会社であるA通販株式会社(以下「A通販」)および株式会社あさひね物流(以下「物流」)",
        );
        assert!(n.contains(&"株式会社あさひね物流".to_string()), "{n:?}");
        assert!(!n.iter().any(|x| x.starts_with("および")), "{n:?}");
        let n = names("調査したことを株式会社あおさぎ電力に報告した。");
        assert!(!n.iter().any(|x| x.contains("こと")), "{n:?}");
        // 分 inside a name stays.
        let n = names("株式会社分析センターは10日、発表した。");
        assert!(n.contains(&"株式会社分析センター".to_string()), "{n:?}");
    }
}
