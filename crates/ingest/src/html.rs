//! HTML → title, publication date and clean body text, with a real HTML parser (scraper):
//! boilerplate (scripts, navigation, sidebars, footers, ads…) dropped, blocks become lines.

use crate::published::parse_date_value;
use chrono::NaiveDate;
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use std::collections::HashMap;
use std::sync::OnceLock;

/// What HTML extraction yields, before normalisation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlParts {
    pub title: Option<String>,
    /// The date from `<meta>` / JSON-LD / `<time datetime>`; the caller falls back to the text.
    pub published: Option<NaiveDate>,
    pub body: String,
}

/// Elements never part of the content.
const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "footer", "aside", "iframe", "svg", "math", "template",
    "button", "select", "option", "textarea", "input", "object", "embed", "canvas", "head",
    "title", "meta", "link", "dialog", "map",
];

/// Class / id tokens that mark boilerplate.
const BOILERPLATE_TOKENS: &[&str] = &[
    "nav",
    "navi",
    "navbar",
    "navigation",
    "gnav",
    "globalnav",
    "localnav",
    "subnav",
    "menu",
    "menubar",
    "submenu",
    "megamenu",
    "sidebar",
    "sidemenu",
    "sidenav",
    "side",
    "sidecolumn",
    "breadcrumb",
    "breadcrumbs",
    "bread",
    "pankuzu",
    "topicpath",
    "footer",
    "share",
    "sharing",
    "sns",
    "social",
    "ranking",
    "rank",
    "related",
    "recommend",
    "ad",
    "ads",
    "advert",
    "adsense",
    "advertisement",
    "banner",
    "cookie",
    "pagetop",
    "skip",
    "popular",
    "widget",
    "tags",
    "gnavi",
    "hnavi",
    "lnavi",
    "rnavi",
    "snavi",
    "fnavi",
    "globalnavi",
    "localnavi",
    "subnavi",
    "pagination",
    "pager",
    "toolbar",
];

/// Class / id tokens that mark a page header: dropped like `<header>`, i.e. only when the
/// content root is the whole body (an article's own header holds its headline and date).
const HEADER_TOKENS: &[&str] = &["header", "masthead", "siteheader", "globalheader"];

/// `role` values that mark boilerplate.
const BOILERPLATE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
];

/// Blocks separated by a blank line.
const PARAGRAPH_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
    "dl",
    "section",
    "article",
    "main",
    "figure",
    "hr",
    "address",
    "details",
    "header",
    "fieldset",
];

/// Blocks on their own line.
const LINE_TAGS: &[&str] = &[
    "div",
    "li",
    "tr",
    "br",
    "dt",
    "dd",
    "caption",
    "figcaption",
    "summary",
    "legend",
    "center",
    "hgroup",
    "body",
    "html",
    "form",
    "label",
    "thead",
    "tbody",
    "tfoot",
    "dir",
    "menu",
    "nav",
    "footer",
    "aside",
    "option",
];

/// Meta names / properties that carry a publication date (lower-case).
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish_date",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "citation_publication_date",
    "sailthru.date",
    "parsely-pub-date",
];

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

fn element_text(el: ElementRef<'_>) -> String {
    el.text().collect::<Vec<_>>().join(" ")
}

fn non_empty(s: &str) -> Option<String> {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// Title: `<title>`, else `og:title`, else the first `<h1>`.
fn title(doc: &Html) -> Option<String> {
    let from_title = selector("title")
        .and_then(|s| doc.select(&s).next().map(element_text))
        .and_then(|t| non_empty(&t));
    from_title
        .or_else(|| {
            selector(r#"meta[property="og:title"], meta[name="og:title"]"#).and_then(|s| {
                doc.select(&s)
                    .filter_map(|m| m.value().attr("content"))
                    .find_map(non_empty)
            })
        })
        .or_else(|| {
            selector("h1")
                .and_then(|s| doc.select(&s).map(element_text).find_map(|t| non_empty(&t)))
        })
}

fn json_ld_date_regex() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#""datePublished"\s*:\s*"([^"]{4,40})""#).ok())
        .as_ref()
}

/// Publication date from `<meta>`, JSON-LD `datePublished`, or `<time datetime>`.
fn meta_published(doc: &Html, root: ElementRef<'_>) -> Option<NaiveDate> {
    if let Some(s) = selector("meta[content]") {
        for meta in doc.select(&s) {
            let v = meta.value();
            let key = v
                .attr("property")
                .or_else(|| v.attr("name"))
                .or_else(|| v.attr("itemprop"))
                .map(|k| k.trim().to_ascii_lowercase());
            if key.is_some_and(|k| DATE_META.contains(&k.as_str())) {
                if let Some(date) = v.attr("content").and_then(parse_date_value) {
                    return Some(date);
                }
            }
        }
    }
    if let (Some(s), Some(re)) = (
        selector(r#"script[type="application/ld+json"]"#),
        json_ld_date_regex(),
    ) {
        for script in doc.select(&s) {
            let json = element_text(script);
            if let Some(date) = re
                .captures(&json)
                .and_then(|c| c.get(1))
                .and_then(|m| parse_date_value(m.as_str()))
            {
                return Some(date);
            }
        }
    }
    // An explicitly marked <time> anywhere; else the first one in the content that is not
    // inside navigation, a sidebar, a ranking list…
    if let Some(sel) =
        selector(r#"time[datetime][itemprop="datePublished"], time[datetime][pubdate]"#)
    {
        if let Some(date) = doc
            .select(&sel)
            .filter_map(|t| t.value().attr("datetime"))
            .find_map(parse_date_value)
        {
            return Some(date);
        }
    }
    let sel = selector("time[datetime]")?;
    root.select(&sel)
        .filter(|t| !in_boilerplate(*t, root))
        .filter_map(|t| t.value().attr("datetime"))
        .find_map(parse_date_value)
}

/// Whether `el` sits inside an element that body extraction drops (below `root`).
fn in_boilerplate(el: ElementRef<'_>, root: ElementRef<'_>) -> bool {
    let keep_header = matches!(root.value().name(), "article" | "main");
    for ancestor in el.ancestors() {
        if ancestor.id() == root.id() {
            break;
        }
        if let Some(a) = ancestor.value().as_element() {
            let name = a.name();
            if DROPPED_TAGS.contains(&name)
                || (name == "header" && !keep_header)
                || is_boilerplate_by_attr(a, keep_header)
            {
                return true;
            }
        }
    }
    false
}

/// Lower-case alphanumeric tokens of a class / id value, camelCase kept as one token.
fn tokens(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| t.to_ascii_lowercase())
}

fn is_boilerplate_by_attr(el: &scraper::node::Element, keep_header: bool) -> bool {
    let by_token = |value: Option<&str>| {
        value.is_some_and(|v| {
            tokens(v).any(|t| {
                BOILERPLATE_TOKENS.contains(&t.as_str())
                    || (!keep_header && HEADER_TOKENS.contains(&t.as_str()))
            })
        })
    };
    by_token(el.attr("class"))
        || by_token(el.attr("id"))
        || el
            .attr("role")
            .is_some_and(|r| BOILERPLATE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
        || el.attr("hidden").is_some()
}

/// Text length (bytes) of every element's subtree, in one iterative pass.
fn subtree_text_lengths(root: NodeRef<'_, Node>) -> HashMap<NodeId, usize> {
    let mut lengths = HashMap::new();
    let mut stack: Vec<usize> = Vec::new();
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) => {
                    let n = t.trim().len();
                    if let Some(top) = stack.last_mut() {
                        *top += n;
                    }
                }
                Node::Element(_) => stack.push(0),
                _ => {}
            },
            Edge::Close(node) => {
                if node.value().is_element() {
                    let n = stack.pop().unwrap_or(0);
                    if let Some(top) = stack.last_mut() {
                        *top += n;
                    }
                    lengths.insert(node.id(), n);
                }
            }
        }
    }
    lengths
}

/// The element holding the content: the longest `<article>`, else `<main>` / `[role=main]`,
/// else `<body>`, else the whole document.
fn content_root(doc: &Html) -> ElementRef<'_> {
    let pick = |css: &str| -> Option<ElementRef<'_>> {
        let s = selector(css)?;
        doc.select(&s)
            .map(|el| (element_text(el).trim().len(), el))
            .filter(|(len, _)| *len > 0)
            .max_by_key(|(len, _)| *len)
            .map(|(_, el)| el)
    };
    pick("article")
        .or_else(|| pick(r#"main, [role="main"]"#))
        .or_else(|| pick("body"))
        .unwrap_or_else(|| doc.root_element())
}

/// Pushes newlines so the output ends with at least `n` of them (nothing at the very start).
fn break_line(out: &mut String, n: usize) {
    if out.is_empty() {
        return;
    }
    let have = out.len() - out.trim_end_matches('\n').len();
    for _ in have..n {
        out.push('\n');
    }
}

/// Walks `root` iteratively, dropping boilerplate, turning blocks into line breaks.
fn body_text(root: ElementRef<'_>, keep_header: bool) -> String {
    let lengths = subtree_text_lengths(*root);
    let root_len = lengths.get(&root.id()).copied().unwrap_or(0);
    let mut out = String::new();
    let mut skip_until: Option<NodeId> = None;
    let mut pre_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip_until.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => push_text(&mut out, t, pre_depth > 0),
                    Node::Element(el) => {
                        let name = el.name();
                        let is_root = node.id() == root.id();
                        let len = lengths.get(&node.id()).copied().unwrap_or(0);
                        // An element holding most of the content is never dropped by class/id
                        // (`<div class="container has-sidebar">`), nor a form wrapping the page.
                        let holds_content = len * 2 > root_len && root_len > 0;
                        let drop = !is_root
                            && (DROPPED_TAGS.contains(&name)
                                || (name == "header" && !keep_header)
                                || (name == "form" && !holds_content)
                                || (!holds_content && is_boilerplate_by_attr(el, keep_header)));
                        if drop {
                            skip_until = Some(node.id());
                            continue;
                        }
                        if name == "pre" {
                            pre_depth += 1;
                        }
                        open_or_close_block(&mut out, name);
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip_until {
                    if id == node.id() {
                        skip_until = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if name == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                    if matches!(name, "td" | "th") && !out.ends_with(char::is_whitespace) {
                        out.push(' ');
                    }
                    if name != "br" {
                        open_or_close_block(&mut out, name);
                    }
                }
            }
        }
    }
    tidy_lines(&out)
}

fn open_or_close_block(out: &mut String, name: &str) {
    if PARAGRAPH_TAGS.contains(&name) {
        break_line(out, 2);
    } else if LINE_TAGS.contains(&name) {
        if name == "br" {
            out.push('\n');
        } else {
            break_line(out, 1);
        }
    }
}

fn push_text(out: &mut String, text: &str, preformatted: bool) {
    if preformatted {
        out.push_str(text);
        return;
    }
    // HTML whitespace (not U+3000, which is content) collapses to one space.
    let mut pending_space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{0C}') {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    if pending_space && !out.is_empty() && !out.ends_with([' ', '\n']) {
        out.push(' ');
    }
}

/// Lines trimmed of HTML spacing, at most one blank line in a row, no blank edges.
fn tidy_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0usize;
    for line in text.split('\n') {
        let line = line.trim_end_matches([' ', '\t', '\r']);
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

/// Parses `html` and extracts its title, publication date (from markup) and body text.
pub fn extract(html: &str) -> HtmlParts {
    let doc = Html::parse_document(html);
    let root = content_root(&doc);
    let root_name = root.value().name();
    let keep_header = matches!(root_name, "article" | "main");
    let mut body = body_text(root, keep_header);
    if body.is_empty() && keep_header {
        // The chosen article held nothing readable once cleaned: try the whole body.
        if let Some(b) = selector("body").and_then(|s| doc.select(&s).next()) {
            body = body_text(b, false);
        }
    }
    HtmlParts {
        title: title(&doc),
        published: meta_published(&doc, root),
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="ja"><head>
<meta charset="utf-8">
<title>お客様情報の流出に関するお詫び | サンプル商事</title>
<meta property="article:published_time" content="2025-10-29T10:00:00+09:00">
<style>body { color: red }</style>
<script>var tracking = "ここは本文ではない";</script>
</head><body>
<header class="site-header"><a href="/">サイトのロゴ</a></header>
<nav><ul><li>ホーム</li><li>ニュース</li></ul></nav>
<div class="breadcrumb">ホーム &gt; お知らせ</div>
<article>
  <h1>お客様情報の流出に関するお詫び</h1>
  <p>このたび、当社の通販サイトにおいて
     第三者による不正アクセスが確認されました。</p>
  <ul><li>氏名</li><li>メールアドレス</li></ul>
  <table><tr><td>対象件数</td><td>1,234件</td></tr></table>
  <p>ご迷惑をおかけしましたことを<br>深くお詫び申し上げます。</p>
  <div class="share-buttons">シェアする</div>
</article>
<aside><h2>アクセスランキング</h2><p>別の記事</p></aside>
<footer>Copyright サンプル商事</footer>
</body></html>"#;

    #[test]
    fn keeps_the_article_and_drops_boilerplate() {
        let parts = extract(PAGE);
        assert_eq!(
            parts.title.as_deref(),
            Some("お客様情報の流出に関するお詫び | サンプル商事")
        );
        assert_eq!(parts.published, ymd(2025, 10, 29));
        let body = &parts.body;
        assert!(
            body.starts_with("お客様情報の流出に関するお詫び\n\n"),
            "{body}"
        );
        assert!(
            body.contains(
                "このたび、当社の通販サイトにおいて 第三者による不正アクセスが確認されました。"
            ),
            "{body}"
        );
        assert!(body.contains("\n氏名\nメールアドレス\n"), "{body}");
        assert!(body.contains("対象件数 1,234件"), "{body}");
        assert!(body.contains("ことを\n深くお詫び"), "{body}");
        for gone in [
            "tracking",
            "color",
            "ロゴ",
            "ホーム",
            "ランキング",
            "Copyright",
            "シェア",
        ] {
            assert!(!body.contains(gone), "{gone} in {body}");
        }
        assert!(!body.contains("\n\n\n"));
    }

    #[test]
    fn time_datetime_and_json_ld() {
        let html = r#"<html><body><main><h1>見出し</h1><p>本文 <time datetime="2024-09-05">9月5日</time></p></main></body></html>"#;
        let parts = extract(html);
        assert_eq!(parts.published, ymd(2024, 9, 5));
        assert_eq!(parts.title.as_deref(), Some("見出し"));

        let html = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-01-02T03:04:05Z"}</script></head><body><p>本文</p></body></html>"#;
        assert_eq!(extract(html).published, ymd(2023, 1, 2));
    }

    #[test]
    fn time_in_a_sidebar_is_ignored() {
        let html = r#"<html><body><div class="ranking"><time datetime="2020-01-01">古い記事</time></div><div><p>本文</p><time datetime="2025-10-29">2025年10月29日</time></div></body></html>"#;
        assert_eq!(extract(html).published, ymd(2025, 10, 29));
    }

    #[test]
    fn og_title_when_no_title() {
        let html = r#"<html><head><meta property="og:title" content="OGの題名"></head><body><h1>H1の題名</h1><p>本文</p></body></html>"#;
        assert_eq!(extract(html).title.as_deref(), Some("OGの題名"));
    }

    #[test]
    fn a_wrapper_with_a_sidebar_class_is_not_dropped() {
        let html = r#"<html><body><div class="container has-sidebar"><p>大事な本文です。大事な本文です。</p><div class="sidebar">横の欄</div></div></body></html>"#;
        let body = extract(html).body;
        assert!(body.contains("大事な本文です。"), "{body}");
        assert!(!body.contains("横の欄"), "{body}");
    }

    #[test]
    fn a_form_wrapping_the_page_is_kept() {
        let html = r#"<html><body><form id="aspnetForm"><div><p>お知らせの本文がここにあります。</p></div><form><input name=q>検索</form></form></body></html>"#;
        let body = extract(html).body;
        assert!(body.contains("お知らせの本文がここにあります。"), "{body}");
    }

    #[test]
    fn deep_nesting_and_junk_do_not_panic() {
        let deep = "<div>".repeat(5_000) + "深い" + &"</div>".repeat(5_000);
        assert!(extract(&deep).body.contains("深い"));
        let _ = extract("<<<>>><html<body></p></div>&#xFFFFFF;&bogus;");
        let _ = extract("");
    }

    #[test]
    fn pre_keeps_its_lines() {
        let html = "<html><body><pre>一行目\n  二行目</pre></body></html>";
        assert!(extract(html).body.contains("一行目\n  二行目"));
    }
}
