//! Owns the one pass over a document that every field extractor reads from: layout, sentence
//! marker flags, lexicon hits (causes, data types, threat actors), date and year mentions, and
//! organisation mentions — each located by byte span and sentence index.

use crate::lexicon::{mark, Lexicons, Tag, CAUSE_TERMS, DATA_TYPE_TERMS};
use crate::org::{OrgFinder, OrgMention};
use crate::text::Layout;
use leakwatch_jatext::{find_date_mentions, find_year_mentions, DateMention, YearMention};
use leakwatch_model::{Cause, DataType};

/// A lexicon hit located in the text.
#[derive(Debug, Clone, Copy)]
pub struct Hit<T> {
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub value: T,
}

/// Everything found in one pass over the document.
pub struct DocScan<'a> {
    pub text: &'a str,
    pub layout: Layout,
    /// Marker flags per sentence (`lexicon::mark`).
    pub flags: Vec<u32>,
    pub causes: Vec<Hit<(Cause, f32)>>,
    pub data_types: Vec<Hit<&'static [DataType]>>,
    pub generic_data: Vec<Hit<()>>,
    pub actors: Vec<Hit<&'static str>>,
    pub dates: Vec<(DateMention, usize)>,
    pub years: Vec<YearMention>,
    pub mentions: Vec<OrgMention>,
    /// Sentence index of each mention.
    pub mention_sentence: Vec<usize>,
    pub operator_links: Vec<(String, String)>,
    /// Per sentence: the cause cue families in it and where each first matched
    /// (`cause::CueLexicon::families_in`), filled on first use: every victim's cause
    /// evidence reads the same sentences.
    pub cue_families: std::cell::OnceCell<Vec<SentenceFamilies>>,
    /// The document's list items (`lists::list_items`), found on first use: victim features
    /// and date resolution both read them.
    list_items: std::cell::OnceCell<Vec<crate::lists::ListItem>>,
    /// Per line: whether it opens with a date (`2008/6/12 …`), found on first use:
    /// segmentation and victim choice both read a dated list's lines.
    dated_lines: std::cell::OnceCell<Vec<bool>>,
    /// The lines of a digest's date headings (`segment::entry_date_headings`), found once.
    date_headings: std::cell::OnceCell<Vec<usize>>,
    /// Whether dates lead entries of at least two organisations (`dates::dated_list_of_orgs`).
    dated_list_of_orgs: std::cell::OnceCell<bool>,
}

/// The cause cue families of one sentence (bit i = family i) and the first hit of each.
pub type SentenceFamilies = (u64, Vec<(usize, usize, usize)>);

/// Keeps the leftmost-longest non-overlapping matches of (start, end, entry) triples (ties:
/// the entry pushed first).
pub(crate) fn leftmost_longest(mut v: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    v.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
    let mut out: Vec<(usize, usize, usize)> = Vec::with_capacity(v.len());
    let mut last_end = 0usize;
    for m in v {
        if m.0 >= last_end {
            last_end = m.1;
            out.push(m);
        }
    }
    out
}

/// Words of a heading that opens advice (what readers or companies should do), not facts.
const ADVICE_HEADING_WORDS: &[&str] = &[
    "対策",
    "予防",
    "警戒",
    "防止",
    "注意",
    "教訓",
    "心がけ",
    "備え",
    "のポイント",
    "自衛",
    "推奨",
];

/// Whether a line reads as a heading: short, no sentence end, not a list item, not a
/// `label:value` line.
fn heading_like(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().count() <= 30
        && !t.contains('。')
        && !t.contains(':')
        && !t.starts_with(['-', '・', '•', '※', '*', '○', '◯'])
}

/// Headings of the links a news page lists under its article (`■関連記事`): earlier stories,
/// background to this one.
const RELATED_HEADINGS: &[&str] = &[
    "関連記事",
    "関連ニュース",
    "関連リンク",
    "関連動画",
    "あわせて読みたい",
];

/// Flags every sentence after a related-articles heading (`関連記事`, or once the story is told
/// `新着記事`, `ニュースリリース一覧`…) as `RELATED`: the headlines listed there are other stories
/// (their counts and causes are not this one's). The list itself, up to a ranking heading, is
/// also `RELATED_LIST`: it names no victim and dates nothing, while a ranking's headlines may be
/// this month's incidents.
fn mark_related_articles(text: &str, layout: &Layout, flags: &mut [u32]) {
    use crate::lexicon::mark;
    let heading = (0..layout.line_sentences.len()).find(|&l| {
        let line = layout.line_text(text, l).trim();
        let line = line.trim_start_matches(['■', '□', '◆', '◇', '●', '▼', '【', '[', ' ', '　']);
        if !heading_like(line) {
            return false;
        }
        RELATED_HEADINGS.iter().any(|w| line.starts_with(w))
            // (`ひさぎのテレビ 最新ニュース`: the outlet's name may open it.)
            || (LATER_STORY_HEADINGS
                .iter()
                .any(|w| line.starts_with(w) || line.ends_with(w))
                || LATER_STORY_HEADING_WORDS.iter().any(|w| line.contains(w)))
                && {
                    // Only once the story has been told: `最新ニュース` over the article is the
                    // page's section, not a list of others.
                    let before = layout.line_sentences[l].0;
                    flags[..before.min(flags.len())]
                        .iter()
                        .any(|f| f & (mark::INCIDENT | mark::LEAK) != 0)
                }
    });
    if let Some(l) = heading {
        let from = layout.line_sentences[l].0;
        for f in flags.iter_mut().skip(from) {
            *f |= mark::RELATED;
        }
        let list_end = (l + 1..layout.line_sentences.len())
            .find(|&k| {
                let line = layout.line_text(text, k).trim();
                heading_like(line) && RANKING_HEADINGS.iter().any(|w| line.contains(w))
            })
            .map_or(flags.len(), |k| layout.line_sentences[k].0);
        for f in flags.iter_mut().take(list_end).skip(from) {
            *f |= mark::RELATED_LIST;
        }
    }
}

/// Headings of the other stories a news page lists after its article (`新着記事`, `次の記事`);
/// above the article they are the page's section names.
const LATER_STORY_HEADINGS: &[&str] = &[
    "新着記事",
    "最新記事",
    "新着ニュース",
    "最新ニュース",
    // a broadcaster's or paper's list of its local news
    "県内ニュース",
    "市内ニュース",
    "地域ニュース",
    "道内ニュース",
    "府内ニュース",
    "都内ニュース",
    "主要ニュース",
    "その他のニュース",
    "前の記事",
    "次の記事",
    "おすすめ記事",
    "注目記事",
    // a company's or a city's list of its other notices
    "ニュースリリース一覧",
    "プレスリリース一覧",
    "リリース一覧",
    "お知らせ一覧",
    "ニュース一覧",
    "記事一覧",
    "新着情報",
    "過去のお知らせ",
    "その他のお知らせ",
];

/// Words of such headings wherever they stand (`この記事を読んだ人におすすめ`, `関連キーワード`).
const LATER_STORY_HEADING_WORDS: &[&str] = &[
    // `▼最近のニュースから(外部サイト)`, `県内の情報セキュリティ関連ニュース(外部サイトへのリンク)`
    "最近のニュース",
    "関連ニュース",
    "外部サイト",
    "人におすすめ",
    "あなたにおすすめ",
    "関連キーワード",
    "読まれている記事",
    // `この記事を読んだ人はこちらも`, `こちらの記事もおすすめ`
    "記事を読んだ人",
    "こちらの記事も",
    "こんな記事も",
];

/// Headings of a page's list of most-read stories, which ends its related-articles list.
const RANKING_HEADINGS: &[&str] = &["ランキング", "人気記事", "よく読まれている"];

static SITE_NOTICE_WORDS: crate::lexicon::WordFile =
    crate::lexicon::WordFile::new(include_str!("../data/lexicon/site_notice_words.txt"));

/// Whether a sentence is a web site's notice about itself (a cookie banner, terms of use).
fn site_notice(sentence: &str) -> bool {
    SITE_NOTICE_WORDS
        .words()
        .iter()
        .any(|w| sentence.contains(w))
}

/// Whether the word at `a..b` is part of an address (`夕霧市本町1丁目2-3`): after a
/// municipality's name, or before a block number.
fn in_an_address(text: &str, a: usize, b: usize) -> bool {
    let before = text[..a].chars().next_back();
    let after = &text[b..];
    before.is_some_and(|c| matches!(c, '市' | '区' | '町' | '村' | '郡'))
        || after.starts_with(|c: char| c.is_ascii_digit())
        || after.starts_with("丁目")
}

/// Flags the sentences of advice sections: from a heading with an advice word up to the next
/// heading that speaks of the incident itself (流出した情報, 不正アクセスの概要…).
fn mark_advice_sections(text: &str, layout: &Layout, flags: &mut [u32]) {
    use crate::lexicon::mark;
    let mut advice = false;
    for (l, &(a, b)) in layout.line_sentences.iter().enumerate() {
        let line = layout.line_text(text, l);
        if heading_like(line) {
            let line_flags = (a..b).fold(0u32, |f, s| f | flags.get(s).copied().unwrap_or(0));
            if ADVICE_HEADING_WORDS.iter().any(|w| line.contains(w)) {
                advice = true;
            } else if line_flags & (mark::INCIDENT | mark::LEAK) != 0 {
                advice = false;
            }
        }
        if advice {
            for f in flags.iter_mut().take(b).skip(a) {
                *f |= mark::ADVICE;
            }
        }
    }
}

impl<'a> DocScan<'a> {
    pub fn new(text: &'a str, lex: &Lexicons, orgs: &OrgFinder) -> DocScan<'a> {
        let layout = Layout::new(text);
        let n = layout.sentences.len();
        let mut flags = vec![0u32; n];
        let sent = |pos: usize| layout.sentence_at(pos);
        // One overlapping pass over every table; the term tables then keep, per table, the
        // leftmost-longest non-overlapping matches.
        let mut causes_raw = Vec::new();
        let mut types_raw = Vec::new();
        let mut generic_raw = Vec::new();
        let mut actors_raw = Vec::new();
        let mut cursor = 0usize;
        for m in lex.all.find_overlapping_iter(text) {
            let tag = lex.tags[m.pattern().as_usize()];
            let (a, b) = (m.start(), m.end());
            match tag {
                Tag::Marker(f) => {
                    // `夕霧市本町1丁目`: a block of a town named like a self-reference is an address.
                    let f = if f & crate::lexicon::mark::SELF_REF != 0 && in_an_address(text, a, b)
                    {
                        f & !crate::lexicon::mark::SELF_REF
                    } else {
                        f
                    };
                    // Matches come in end order; the sentence index is found by a forward walk.
                    while cursor + 1 < n && layout.sentences[cursor + 1].start <= a {
                        cursor += 1;
                    }
                    let s = if layout
                        .sentences
                        .get(cursor)
                        .is_some_and(|s| s.start <= a && a < s.end)
                    {
                        Some(cursor)
                    } else {
                        sent(a)
                    };
                    if let Some(s) = s {
                        // `当サイトはCookieを使用しています`: the page's notice about itself.
                        let f = if f & crate::lexicon::mark::SELF_REF != 0
                            && layout.sentences.get(s).is_some_and(|x| {
                                site_notice(text.get(x.start..x.end).unwrap_or(""))
                            }) {
                            f & !crate::lexicon::mark::SELF_REF
                        } else {
                            f
                        };
                        flags[s] |= f;
                    }
                }
                Tag::Cause(i) => causes_raw.push((a, b, i)),
                Tag::DataType(i) => types_raw.push((a, b, i)),
                Tag::GenericData => generic_raw.push((a, b, 0)),
                Tag::Actor(i) => actors_raw.push((a, b, i)),
            }
        }
        let causes: Vec<Hit<(Cause, f32)>> = leftmost_longest(causes_raw)
            .into_iter()
            .filter_map(|(a, b, i)| {
                let (_, c, w) = CAUSE_TERMS[i];
                Some(Hit {
                    start: a,
                    end: b,
                    sentence: sent(a)?,
                    value: (c, w),
                })
            })
            .collect();
        // `調査結果を発表`: a survey when statistics stand in the sentence or beside it.
        for i in 0..n {
            if flags[i] & mark::SURVEY_OR_INVESTIGATION != 0 {
                let lo = i.saturating_sub(1);
                let hi = (i + 2).min(n);
                if (lo..hi).any(|j| flags[j] & mark::STAT != 0) {
                    flags[i] |= mark::SURVEY;
                }
            }
        }
        // A sentence that states a cause firmly (`接続できる設定にしていた`, `重ねて封入`)
        // speaks of an incident even without an incident word.
        for h in &causes {
            if h.value.1 >= 0.8 {
                flags[h.sentence] |= crate::lexicon::mark::INCIDENT;
            }
        }
        mark_advice_sections(text, &layout, &mut flags);
        mark_related_articles(text, &layout, &mut flags);
        let data_types = leftmost_longest(types_raw)
            .into_iter()
            .filter(|&(a, b, i)| {
                // `パスワードの有効期限`: an expiry date is a card's only near a card (in its
                // sentence or the list it closes).
                !DATA_TYPE_TERMS[i].1.iter().all(|t| t.is_card())
                    || !text[a..b].starts_with("有効期限")
                    || sent(a).is_some_and(|s| layout.sentence_text(text, s).contains("カード"))
                    || crate::text::window_before(text, a, 240).contains("カード")
            })
            .filter_map(|(a, b, i)| {
                Some(Hit {
                    start: a,
                    end: b,
                    sentence: sent(a)?,
                    value: DATA_TYPE_TERMS[i].1,
                })
            })
            .collect();
        let generic_data = leftmost_longest(generic_raw)
            .into_iter()
            .filter_map(|(a, b, _)| {
                Some(Hit {
                    start: a,
                    end: b,
                    sentence: sent(a)?,
                    value: (),
                })
            })
            .collect();
        let actors = leftmost_longest(actors_raw)
            .into_iter()
            .filter_map(|(a, b, i)| {
                Some(Hit {
                    start: a,
                    end: b,
                    sentence: sent(a)?,
                    value: lex.actor_names[i],
                })
            })
            .collect();
        let dates = find_date_mentions(text)
            .into_iter()
            .filter_map(|d| Some((d, sent(d.start)?)))
            .collect();
        let years = find_year_mentions(text);
        // Positional name patterns are tried only where an incident is discussed, in the two
        // sentences after it (`…脆弱性が存在した。…という。X社が24日に明らかにした`) and on the
        // title line.
        let mut regions: Vec<(usize, usize)> = Vec::new();
        let incident = |i: usize| flags[i] & crate::lexicon::mark::INCIDENT != 0;
        for (i, s) in layout.sentences.iter().enumerate() {
            let title = layout.sentences.first().is_some_and(|f| f.line == s.line);
            if incident(i) || (i.saturating_sub(2)..i).any(incident) || title {
                match regions.last_mut() {
                    Some(last) if last.1 + 4 >= s.start => last.1 = s.end,
                    _ => regions.push((s.start, s.end)),
                }
            }
        }
        let mentions = orgs.find_mentions(text, &regions);
        let mention_sentence = mentions
            .iter()
            .map(|m| sent(m.start).unwrap_or(0))
            .collect();
        let operator_links = orgs.find_operator_links(text);
        DocScan {
            text,
            layout,
            flags,
            causes,
            data_types,
            generic_data,
            actors,
            dates,
            years,
            mentions,
            mention_sentence,
            operator_links,
            cue_families: std::cell::OnceCell::new(),
            list_items: std::cell::OnceCell::new(),
            dated_lines: std::cell::OnceCell::new(),
            date_headings: std::cell::OnceCell::new(),
            dated_list_of_orgs: std::cell::OnceCell::new(),
        }
    }

    /// The organisation mention that starts at byte `at`, if one does (mentions are in text
    /// order).
    pub fn mention_starting_at(&self, at: usize) -> Option<&OrgMention> {
        let i = self.mentions.partition_point(|m| m.start < at);
        self.mentions.get(i).filter(|m| m.start == at)
    }

    /// The lines of a digest's date headings (`■6月3日` over its entries), found once.
    pub fn date_headings(&self) -> &[usize] {
        self.date_headings
            .get_or_init(|| crate::segment::entry_date_headings(self))
    }

    /// Whether dates lead entries of at least two organisations, found once.
    pub fn dated_list_of_orgs(&self) -> bool {
        *self
            .dated_list_of_orgs
            .get_or_init(|| crate::dates::words::dated_list_of_orgs(self))
    }

    /// Per line: whether it opens with a date marker (`lists::line_marker`), found once.
    pub fn dated_lines(&self) -> &[bool] {
        self.dated_lines.get_or_init(|| {
            (0..self.layout.lines.len())
                .map(|l| {
                    matches!(
                        crate::lists::line_marker(self.layout.line_text(self.text, l)),
                        Some(crate::lists::Marker::Date)
                    )
                })
                .collect()
        })
    }

    /// The items of the lists the document is made of (`lists::list_items`), found once.
    pub fn list_items(&self) -> &[crate::lists::ListItem] {
        self.list_items
            .get_or_init(|| crate::lists::list_items(self.text, &self.layout))
    }

    pub fn has(&self, sentence: usize, flag: u32) -> bool {
        self.flags.get(sentence).is_some_and(|f| f & flag != 0)
    }

    pub fn sentence_text(&self, i: usize) -> &'a str {
        self.layout.sentence_text(self.text, i)
    }

    /// The line index of sentence `i`.
    pub fn line_of(&self, i: usize) -> usize {
        self.layout.sentences.get(i).map_or(0, |s| s.line)
    }

    /// Index of the first non-empty line (the title).
    pub fn title_line(&self) -> Option<usize> {
        (0..self.layout.lines.len()).find(|&l| !self.layout.line_text(self.text, l).is_empty())
    }
}

#[cfg(test)]
mod tests {
    use crate::lexicon::mark;

    #[test]
    fn a_town_block_named_like_a_self_reference_is_an_address() {
        let text =
            "夕霧民報社 〒000-0000 夕霧市本町1丁目2-3\n本町では、窓口での受付を再開しました。\n";
        let scan = crate::dates::test_scan(text);
        assert!(!scan.has(0, mark::SELF_REF));
        assert!(scan.has(1, mark::SELF_REF));
    }

    #[test]
    fn a_site_s_notice_about_itself_is_no_self_reference() {
        let text = "当サイトはCookieを使用しています。閲覧を続けることで同意したものとみなします。\n当サイトで会員情報が流出した可能性があります。\n";
        let scan = crate::dates::test_scan(text);
        assert!(!scan.has(0, mark::SELF_REF));
        assert!(scan.has(2, mark::SELF_REF));
    }

    #[test]
    fn an_outlets_news_list_under_the_story_is_other_stories() {
        let text = "みずなぎテレビNEWS\n\n教員がフィッシング被害　個人情報流出の恐れ\n\n\
            白嶺学院高校は9日、生徒約1,200人分の個人情報が流出した恐れがあると発表しました。\n\n\
            [関連動画]\n・偽の不在通知にご用心\n\n\
            みずなぎテレビ 最新ニュース\n・青葉市で住宅火災　けが人なし\n";
        let scan = crate::dates::test_scan(text);
        let with = |w: &str| {
            (0..scan.layout.sentences.len())
                .find(|&s| scan.sentence_text(s).contains(w))
                .expect(w)
        };
        assert!(!scan.has(with("発表しました"), mark::RELATED));
        assert!(scan.has(with("不在通知"), mark::RELATED));
        assert!(scan.has(with("住宅火災"), mark::RELATED));
        // Without the related-videos heading, the outlet-named news list is found alone.
        let text = text.replace("[関連動画]\n・偽の不在通知にご用心\n\n", "");
        let scan = crate::dates::test_scan(&text);
        let fire = (0..scan.layout.sentences.len())
            .find(|&s| scan.sentence_text(s).contains("住宅火災"))
            .expect("fire");
        assert!(scan.has(fire, mark::RELATED));
        // A law firm's column: the news it links to after the column is other stories.
        let text = "改正法のポイント\n\n漏えい等が発生した場合、個人情報保護委員会への報告が義務となりました。\n\n\
            ▼最近のニュースから(外部サイト)\n・旅行会社「みなとツアーズ」、ランサムウェア被害で顧客情報流出の恐れ\n";
        let scan = crate::dates::test_scan(text);
        let item = (0..scan.layout.sentences.len())
            .find(|&s| scan.sentence_text(s).contains("みなとツアーズ"))
            .expect("item");
        assert!(scan.has(item, mark::RELATED));
        // `この記事を読んだ人はこちらも` lists other stories.
        let text =
            "白嶺学院高校は9日、生徒約1,200人分の個人情報が流出した恐れがあると発表しました。\n\n\
            この記事を読んだ人はこちらも\n・市内のコーヒー店運営会社 通販のカード情報流出か\n";
        let scan = crate::dates::test_scan(text);
        let item = (0..scan.layout.sentences.len())
            .find(|&s| scan.sentence_text(s).contains("カード情報"))
            .expect("item");
        assert!(scan.has(item, mark::RELATED));
    }
}
