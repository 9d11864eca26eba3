//! HTML → title, publication date and clean body text: boilerplate (scripts, navigation,
//! sidebars, footers, ads…) dropped, blocks become lines.
//!
//! The page is parsed by [`crate::markup`], whose cost is linear in the input, and every step
//! here is one pass over the tree (subtree text lengths, the boilerplate flag of each node,
//! the body text): no step walks the ancestors of every node, so hostile nesting costs what its
//! length costs.

use crate::markup::{self, Dom, Edge, MarkupLimits, NodeIx, NodeKind};
use crate::published::parse_date_value;
use chrono::NaiveDate;
use regex::Regex;
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

fn non_empty(s: &str) -> Option<String> {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// Title: `<title>`, else `og:title`, else the first `<h1>` with text.
fn title(dom: &Dom, lengths: &[usize]) -> Option<String> {
    let from_title = dom
        .elements_named("title")
        .next()
        .and_then(|t| non_empty(&dom.text(t)));
    from_title
        .or_else(|| {
            dom.elements_named("meta")
                .filter(|&m| {
                    let node = dom.node(m);
                    node.attr("property") == Some("og:title")
                        || node.attr("name") == Some("og:title")
                })
                .filter_map(|m| dom.node(m).attr("content"))
                .find_map(non_empty)
        })
        .or_else(|| {
            // Only the first heading with text is read (lengths are known from one pass).
            dom.elements_named("h1")
                .find(|&h| lengths[h] > 0)
                .and_then(|h| non_empty(&dom.text(h)))
        })
}

fn json_ld_date_regex() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#""datePublished"\s*:\s*"([^"]{4,40})""#).ok())
        .as_ref()
}

/// Publication date from `<meta>`, JSON-LD `datePublished`, or `<time datetime>`.
fn meta_published(dom: &Dom, root: NodeIx, boilerplate: &[bool]) -> Option<NaiveDate> {
    for meta in dom.elements_named("meta") {
        let v = dom.node(meta);
        let Some(content) = v.attr("content") else {
            continue;
        };
        let key = v
            .attr("property")
            .or_else(|| v.attr("name"))
            .or_else(|| v.attr("itemprop"))
            .map(|k| k.trim().to_ascii_lowercase());
        if key.is_some_and(|k| DATE_META.contains(&k.as_str())) {
            if let Some(date) = parse_date_value(content) {
                return Some(date);
            }
        }
    }
    if let Some(re) = json_ld_date_regex() {
        for script in dom.elements_named("script") {
            if dom.node(script).attr("type") != Some("application/ld+json") {
                continue;
            }
            let json = dom.text(script);
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
    let times: Vec<NodeIx> = dom
        .elements_named("time")
        .filter(|&t| dom.node(t).attr("datetime").is_some())
        .collect();
    if let Some(date) = times
        .iter()
        .filter(|&&t| {
            let n = dom.node(t);
            n.attr("itemprop") == Some("datePublished") || n.attr("pubdate").is_some()
        })
        .filter_map(|&t| dom.node(t).attr("datetime"))
        .find_map(parse_date_value)
    {
        return Some(date);
    }
    dom.elements(root)
        .filter(|&t| dom.node(t).name() == "time" && !boilerplate[t])
        .filter_map(|t| dom.node(t).attr("datetime"))
        .find_map(parse_date_value)
}

/// Lower-case alphanumeric tokens of a class / id value, camelCase kept as one token.
fn tokens(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| t.to_ascii_lowercase())
}

fn is_boilerplate_by_attr(el: &markup::Node, keep_header: bool) -> bool {
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

/// Text length (bytes, trimmed per text node) of every node's subtree, in one pass.
fn subtree_text_lengths(dom: &Dom) -> Vec<usize> {
    let mut lengths = vec![0usize; dom.nodes.len()];
    for edge in dom.traverse(Dom::ROOT) {
        if let Edge::Close(ix) = edge {
            let node = dom.node(ix);
            let own = match &node.kind {
                NodeKind::Text(t) => t.trim().len(),
                _ => 0,
            };
            lengths[ix] += own;
            if let Some(parent) = node.parent {
                lengths[parent] += lengths[ix];
            }
        }
    }
    lengths
}

/// Whether each node sits inside (or is) an element that body extraction drops, below `root`:
/// one top-down pass.
fn boilerplate_flags(dom: &Dom, root: NodeIx, keep_header: bool) -> Vec<bool> {
    let mut flags = vec![false; dom.nodes.len()];
    for edge in dom.traverse(root) {
        if let Edge::Open(ix) = edge {
            if ix == root {
                continue;
            }
            let node = dom.node(ix);
            let inherited = node.parent.is_some_and(|p| p != root && flags[p]);
            let name = node.name();
            let own = node.is_element()
                && (DROPPED_TAGS.contains(&name)
                    || (name == "header" && !keep_header)
                    || is_boilerplate_by_attr(node, keep_header));
            flags[ix] = inherited || own;
        }
    }
    flags
}

/// The element holding the content: the longest `<article>`, else `<main>` / `[role=main]`,
/// else `<body>`, else the whole document.
fn content_root(dom: &Dom, lengths: &[usize]) -> NodeIx {
    let pick = |matches: &dyn Fn(&markup::Node) -> bool| -> Option<NodeIx> {
        dom.elements(Dom::ROOT)
            .filter(|&ix| matches(dom.node(ix)) && lengths[ix] > 0)
            // The first of the longest, as a stable max.
            .fold(None, |best: Option<NodeIx>, ix| match best {
                Some(b) if lengths[b] >= lengths[ix] => Some(b),
                _ => Some(ix),
            })
    };
    pick(&|n| n.name() == "article")
        .or_else(|| pick(&|n| n.name() == "main" || n.attr("role") == Some("main")))
        .or_else(|| pick(&|n| n.name() == "body"))
        .unwrap_or(Dom::ROOT)
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

/// Walks `root` once, dropping boilerplate, turning blocks into line breaks.
fn body_text(dom: &Dom, lengths: &[usize], root: NodeIx, keep_header: bool) -> String {
    let root_len = lengths[root];
    let mut out = String::new();
    let mut skip_until: Option<NodeIx> = None;
    let mut pre_depth = 0usize;
    for edge in dom.traverse(root) {
        match edge {
            Edge::Open(ix) => {
                if skip_until.is_some() {
                    continue;
                }
                let node = dom.node(ix);
                match &node.kind {
                    NodeKind::Text(t) => push_text(&mut out, t, pre_depth > 0),
                    NodeKind::Element { name, .. } => {
                        let name = name.as_str();
                        let is_root = ix == root;
                        let len = lengths[ix];
                        // An element holding most of the content is never dropped by class/id
                        // (`<div class="container has-sidebar">`), nor a form wrapping the page.
                        let holds_content = len * 2 > root_len && root_len > 0;
                        let drop = !is_root
                            && (DROPPED_TAGS.contains(&name)
                                || (name == "header" && !keep_header)
                                || (name == "form" && !holds_content)
                                || (!holds_content && is_boilerplate_by_attr(node, keep_header)));
                        if drop {
                            skip_until = Some(ix);
                            continue;
                        }
                        if name == "pre" {
                            pre_depth += 1;
                        }
                        open_or_close_block(&mut out, name);
                    }
                    NodeKind::Document => {}
                }
            }
            Edge::Close(ix) => {
                if let Some(id) = skip_until {
                    if id == ix {
                        skip_until = None;
                    }
                    continue;
                }
                let name = dom.node(ix).name();
                if name.is_empty() {
                    continue;
                }
                if name == "pre" {
                    pre_depth = pre_depth.saturating_sub(1);
                }
                // A table's cells stay apart as text extraction leaves them elsewhere (a tab
                // between cells, a row per line): lists of breaches are read by their columns.
                if matches!(name, "td" | "th") {
                    let kept = out.trim_end_matches(' ').len();
                    out.truncate(kept);
                    out.push('\t');
                }
                if name != "br" {
                    open_or_close_block(&mut out, name);
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
        if pending_space && !out.is_empty() && !out.ends_with([' ', '\n', '\t']) {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    if pending_space && !out.is_empty() && !out.ends_with([' ', '\n', '\t']) {
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
    extract_with(html, &MarkupLimits::default())
}

/// [`extract`] with explicit bounds on the parsed tree.
pub fn extract_with(html: &str, limits: &MarkupLimits) -> HtmlParts {
    let dom = markup::parse(html, limits);
    let lengths = subtree_text_lengths(&dom);
    let root = content_root(&dom, &lengths);
    let keep_header = matches!(dom.node(root).name(), "article" | "main");
    let mut body = body_text(&dom, &lengths, root, keep_header);
    if body.is_empty() && keep_header {
        // The chosen article held nothing readable once cleaned: try the whole body.
        if let Some(b) = dom.elements_named("body").next() {
            body = body_text(&dom, &lengths, b, false);
        }
    }
    let boilerplate = boilerplate_flags(&dom, root, keep_header);
    HtmlParts {
        title: title(&dom, &lengths),
        published: meta_published(&dom, root, &boilerplate),
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
        assert!(body.contains("対象件数\t1,234件"), "{body:?}");
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
        // Issue 11 (1): 100k nested and unclosed tags are parsed in linear time (timed by
        // bench/hostile.sh); the text survives.
        let deep = "<div>".repeat(100_000) + "深い" + &"</div>".repeat(100_000) + "後";
        let body = extract(&deep).body;
        assert!(body.contains("深い") && body.ends_with("後"), "{body}");
        let unclosed = "<div><span><b>".repeat(100_000) + "閉じない";
        assert!(extract(&unclosed).body.contains("閉じない"));
        let mut attrs = String::from("<p ");
        for i in 0..50_000 {
            attrs.push_str(&format!("a{i}=1 "));
        }
        attrs.push_str(">属性</p>");
        assert_eq!(extract(&attrs).body, "属性");
        let _ = extract("<<<>>><html<body></p></div>&#xFFFFFF;&bogus;");
        let _ = extract("");
    }

    #[test]
    fn pre_keeps_its_lines() {
        let html = "<html><body><pre>一行目\n  二行目</pre></body></html>";
        assert!(extract(html).body.contains("一行目\n  二行目"));
    }

    #[test]
    fn table_rows_are_lines_of_tab_separated_cells() {
        let html = "<html><body><h1>Breaches reported this month</h1><table>\
            <tr><th>Organization Name</th><th> State </th><th>Individuals Affected</th></tr>\
            <tr><td>\n  Alder Creek Dental, LLC\n</td><td></td><td>1,204</td></tr>\
            <tr><td>Brightwater Clinic</td><td>OR</td><td>88</td></tr></table></body></html>";
        let body = extract(html).body;
        let lines: Vec<&str> = body.lines().collect();
        assert_eq!(
            lines[2..],
            [
                "Organization Name\tState\tIndividuals Affected",
                "Alder Creek Dental, LLC\t\t1,204",
                "Brightwater Clinic\tOR\t88",
            ],
            "{body:?}"
        );
    }
}
