//! A small HTML tokenizer and tree builder whose cost is linear in the input, whatever the
//! input: hostile pages (100k nested `<div>`s, unclosed formatting tags, tags with thousands of
//! attributes, unterminated comments or scripts) cost what their length costs.
//!
//! It keeps what text extraction needs — element names, attributes, text with character
//! references decoded, raw-text elements (`<script>`, `<style>`, `<title>`…) read as text — and
//! approximates the HTML tree-construction rules that matter for the layout of text (a block
//! closes an open `<p>`, `<li>` closes the previous `<li>`, table cells and rows close each
//! other). Each rule looks at most a bounded number of open elements, and at most
//! [`MarkupLimits::max_depth`] elements are open at once: a start tag past that depth still
//! becomes an element (so its line breaks count), but holds nothing; its content goes to the
//! deepest open element.

use memchr::memchr;
use std::borrow::Cow;

/// Bounds of the tree built from one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkupLimits {
    /// Most elements open at once (browsers cap nesting in the same way, at 512).
    pub max_depth: usize,
}

impl Default for MarkupLimits {
    fn default() -> Self {
        MarkupLimits { max_depth: 256 }
    }
}

/// Index of a node in [`Dom::nodes`].
pub type NodeIx = usize;

/// One node of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    Document,
    /// Lower-case name and attributes (first occurrence of a name wins).
    Element {
        name: String,
        attrs: Vec<(String, String)>,
    },
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub kind: NodeKind,
    pub parent: Option<NodeIx>,
    pub children: Vec<NodeIx>,
}

impl Node {
    /// The element's lower-case name, or `""` for text and the document.
    pub fn name(&self) -> &str {
        match &self.kind {
            NodeKind::Element { name, .. } => name,
            _ => "",
        }
    }

    /// The first value of attribute `name` (lower-case).
    pub fn attr(&self, name: &str) -> Option<&str> {
        match &self.kind {
            NodeKind::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    pub fn is_element(&self) -> bool {
        matches!(self.kind, NodeKind::Element { .. })
    }
}

/// A parsed page: node 0 is the document.
#[derive(Debug, Clone)]
pub struct Dom {
    pub nodes: Vec<Node>,
}

/// Entering or leaving a node in a depth-first walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Open(NodeIx),
    Close(NodeIx),
}

impl Dom {
    pub const ROOT: NodeIx = 0;

    pub fn node(&self, ix: NodeIx) -> &Node {
        &self.nodes[ix]
    }

    /// Depth-first open/close events of the subtree at `root`, iteratively (no recursion).
    pub fn traverse(&self, root: NodeIx) -> Traverse<'_> {
        Traverse {
            dom: self,
            stack: vec![(root, 0)],
            opened: false,
        }
    }

    /// Elements of the subtree at `root` (itself included) in document order.
    pub fn elements(&self, root: NodeIx) -> impl Iterator<Item = NodeIx> + '_ {
        self.traverse(root).filter_map(|e| match e {
            Edge::Open(ix) if self.nodes[ix].is_element() => Some(ix),
            _ => None,
        })
    }

    /// Elements named `name` in document order.
    pub fn elements_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = NodeIx> + 'a {
        self.elements(Self::ROOT)
            .filter(move |&ix| self.nodes[ix].name() == name)
    }

    /// The text of a subtree, text nodes joined by a space.
    pub fn text(&self, root: NodeIx) -> String {
        let mut parts: Vec<&str> = Vec::new();
        for edge in self.traverse(root) {
            if let Edge::Open(ix) = edge {
                if let NodeKind::Text(t) = &self.nodes[ix].kind {
                    parts.push(t);
                }
            }
        }
        parts.join(" ")
    }
}

/// See [`Dom::traverse`].
pub struct Traverse<'a> {
    dom: &'a Dom,
    /// (node, index of the next child to visit).
    stack: Vec<(NodeIx, usize)>,
    opened: bool,
}

impl Iterator for Traverse<'_> {
    type Item = Edge;

    fn next(&mut self) -> Option<Edge> {
        if !self.opened {
            self.opened = true;
            return self.stack.first().map(|&(ix, _)| Edge::Open(ix));
        }
        let (ix, next_child) = *self.stack.last()?;
        match self.dom.nodes[ix].children.get(next_child) {
            Some(&child) => {
                if let Some(top) = self.stack.last_mut() {
                    top.1 += 1;
                }
                self.stack.push((child, 0));
                Some(Edge::Open(child))
            }
            None => {
                self.stack.pop();
                Some(Edge::Close(ix))
            }
        }
    }
}

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame",
];

/// Elements whose content is raw text up to their end tag (entities decoded in the first two).
const RCDATA: &[&str] = &["title", "textarea"];
const RAWTEXT: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "dd",
    "dt",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// How far up the open elements a closing rule looks (a bounded number, so each tag costs
/// O(1) apart from the end-tag search, which is bounded by the depth limit).
const RULE_REACH: usize = 8;

struct Builder {
    nodes: Vec<Node>,
    open: Vec<NodeIx>,
    limits: MarkupLimits,
}

impl Builder {
    fn current(&self) -> NodeIx {
        self.open.last().copied().unwrap_or(Dom::ROOT)
    }

    fn current_name(&self) -> &str {
        self.nodes[self.current()].name()
    }

    fn add(&mut self, kind: NodeKind) -> NodeIx {
        let parent = self.current();
        let ix = self.nodes.len();
        self.nodes.push(Node {
            kind,
            parent: Some(parent),
            children: Vec::new(),
        });
        self.nodes[parent].children.push(ix);
        ix
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let parent = self.current();
        if let Some(&last) = self.nodes[parent].children.last() {
            if let NodeKind::Text(t) = &mut self.nodes[last].kind {
                t.push_str(text);
                return;
            }
        }
        self.add(NodeKind::Text(text.to_string()));
    }

    /// Pops back to (and including) the nearest open element named one of `names`, looking at
    /// most `RULE_REACH` elements up and never past one of `boundaries`.
    fn close_nearest(&mut self, names: &[&str], boundaries: &[&str]) {
        let len = self.open.len();
        for back in 1..=RULE_REACH.min(len) {
            let name = self.nodes[self.open[len - back]].name();
            if names.contains(&name) {
                self.open.truncate(len - back);
                return;
            }
            if boundaries.contains(&name) {
                return;
            }
        }
    }

    fn start(&mut self, name: String, attrs: Vec<(String, String)>) {
        let n = name.as_str();
        if CLOSES_P.contains(&n) && self.current_name() == "p" {
            self.open.pop();
        }
        match n {
            "li" => self.close_nearest(&["li"], &["ul", "ol", "menu", "dir", "table"]),
            "dt" | "dd" => self.close_nearest(&["dt", "dd"], &["dl", "table"]),
            "td" | "th" => self.close_nearest(&["td", "th"], &["tr", "table"]),
            "tr" => self.close_nearest(&["tr"], &["table", "tbody", "thead", "tfoot"]),
            "tbody" | "thead" | "tfoot" => {
                self.close_nearest(&["tbody", "thead", "tfoot"], &["table"])
            }
            "option" => self.close_nearest(&["option"], &["select", "datalist"]),
            _ if HEADINGS.contains(&n) && HEADINGS.contains(&self.current_name()) => {
                self.open.pop();
            }
            _ => {}
        }
        let void = VOID.contains(&n);
        let ix = self.add(NodeKind::Element { name, attrs });
        if !void && self.open.len() < self.limits.max_depth {
            self.open.push(ix);
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            // Text after </body> or </html> still belongs to the body (as in browsers).
            "body" | "html" => return,
            "br" => {
                self.add(NodeKind::Element {
                    name: "br".into(),
                    attrs: Vec::new(),
                });
                return;
            }
            _ => {}
        }
        // The open stack is at most `max_depth` long: this search is bounded.
        if let Some(pos) = self
            .open
            .iter()
            .rposition(|&ix| self.nodes[ix].name() == name)
        {
            self.open.truncate(pos);
        } else if name == "p" {
            // A stray </p> makes an empty paragraph (a break), as in browsers.
            self.add(NodeKind::Element {
                name: "p".into(),
                attrs: Vec::new(),
            });
        }
    }
}

/// Parses `html` into a [`Dom`] in time linear in its length.
pub fn parse(html: &str, limits: &MarkupLimits) -> Dom {
    let mut b = Builder {
        nodes: vec![Node {
            kind: NodeKind::Document,
            parent: None,
            children: Vec::new(),
        }],
        open: Vec::new(),
        limits: MarkupLimits {
            max_depth: limits.max_depth.max(1),
        },
    };
    let bytes = html.as_bytes();
    let mut pos = 0usize;
    while pos < bytes.len() {
        let Some(lt) = memchr(b'<', &bytes[pos..]).map(|i| pos + i) else {
            b.text(&decode_entities(&html[pos..]));
            break;
        };
        if lt > pos {
            b.text(&decode_entities(&html[pos..lt]));
        }
        pos = match_markup(html, lt, &mut b);
    }
    Dom { nodes: b.nodes }
}

/// Handles the markup starting at `lt` (a `<`); returns where to continue.
fn match_markup(html: &str, lt: usize, b: &mut Builder) -> usize {
    let bytes = html.as_bytes();
    let rest = &bytes[lt..];
    if rest.starts_with(b"<!--") {
        return find(bytes, lt + 4, b"-->").map_or(bytes.len(), |i| i + 3);
    }
    if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
        // Doctype, CDATA, processing instruction: skipped to the next '>'.
        return memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |i| lt + i + 1);
    }
    let end_tag = rest.get(1) == Some(&b'/');
    let name_start = lt + 1 + usize::from(end_tag);
    if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        if end_tag && bytes.get(name_start) == Some(&b'>') {
            return name_start + 1; // "</>" is nothing
        }
        if end_tag {
            // "</ something>": a bogus comment up to '>'.
            return memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |i| lt + i + 1);
        }
        b.text("<");
        return lt + 1;
    }
    let mut i = name_start;
    while i < bytes.len() && !is_tag_name_end(bytes[i]) {
        i += 1;
    }
    let name = html[name_start..i].to_ascii_lowercase();
    let (attrs, after) = attributes(html, i, !end_tag);
    if end_tag {
        b.end(&name);
        return after;
    }
    let raw_kind = if RCDATA.contains(&name.as_str()) {
        Some(true)
    } else if RAWTEXT.contains(&name.as_str()) {
        Some(false)
    } else {
        None
    };
    let plaintext = name == "plaintext";
    b.start(name.clone(), attrs);
    if plaintext {
        b.text(&html[after..]);
        return bytes.len();
    }
    let Some(decode) = raw_kind else {
        return after;
    };
    // Raw text up to the matching end tag (case-insensitive), or to the end of the input.
    let (content_end, resume) = match find_end_tag(bytes, after, name.as_bytes()) {
        Some((start, resume)) => (start, resume),
        None => (bytes.len(), bytes.len()),
    };
    let content = &html[after..content_end];
    if decode {
        b.text(&decode_entities(content));
    } else {
        b.text(content);
    }
    b.end(&name);
    resume
}

fn is_tag_name_end(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/' | b'>')
}

/// Attributes from `i` (just after the tag name) to the closing `>`; returns them (only when
/// `keep`) and the position after the `>`.
fn attributes(html: &str, mut i: usize, keep: bool) -> (Vec<(String, String)>, usize) {
    let bytes = html.as_bytes();
    let mut attrs: Vec<(String, String)> = Vec::new();
    loop {
        while i < bytes.len() && matches!(bytes[i], b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (attrs, bytes.len());
        }
        if bytes[i] == b'>' {
            return (attrs, i + 1);
        }
        let name_start = i;
        i += 1; // a first '=' belongs to the name
        while i < bytes.len()
            && !matches!(
                bytes[i],
                b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/' | b'>' | b'='
            )
        {
            i += 1;
        }
        let name_end = i;
        while i < bytes.len() && matches!(bytes[i], b'\t' | b'\n' | b'\x0C' | b'\r' | b' ') {
            i += 1;
        }
        let mut value: Option<(usize, usize)> = None;
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && matches!(bytes[i], b'\t' | b'\n' | b'\x0C' | b'\r' | b' ') {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let start = i + 1;
                    let end = memchr(q, &bytes[start..]).map_or(bytes.len(), |j| start + j);
                    value = Some((start, end));
                    i = (end + 1).min(bytes.len());
                }
                Some(_) => {
                    let start = i;
                    while i < bytes.len()
                        && !matches!(bytes[i], b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'>')
                    {
                        i += 1;
                    }
                    value = Some((start, i));
                }
                None => {}
            }
        }
        if keep {
            let name = html[name_start..name_end].to_ascii_lowercase();
            // Names are compared only for the few attributes read later, so a duplicate is
            // kept in the list (first one wins on lookup) instead of searched for here.
            let value = value.map_or(String::new(), |(s, e)| {
                decode_entities(&html[s..e]).into_owned()
            });
            attrs.push((name, value));
        }
    }
}

/// The first occurrence of `needle` at or after `from`.
fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = from;
    while i < haystack.len() {
        let j = i + memchr(first, &haystack[i..])?;
        if haystack[j..].starts_with(needle) {
            return Some(j);
        }
        i = j + 1;
    }
    None
}

/// `</name` (ASCII case-insensitive) followed by a tag-name end, at or after `from`: the start
/// of that end tag and the position after its `>`.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<(usize, usize)> {
    let mut i = from;
    while i < bytes.len() {
        let j = i + memchr(b'<', &bytes[i..])?;
        let after_name = j + 2 + name.len();
        if bytes.get(j + 1) == Some(&b'/')
            && bytes
                .get(j + 2..after_name)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && bytes.get(after_name).is_none_or(|&c| is_tag_name_end(c))
        {
            let close =
                memchr(b'>', &bytes[after_name..]).map_or(bytes.len(), |k| after_name + k + 1);
            return Some((j, close));
        }
        i = j + 1;
    }
    None
}

/// Longest entity name looked up (the longest HTML entity name is 32 characters).
const MAX_ENTITY_NAME: usize = 40;

/// Decodes character references (`&amp;`, `&#12354;`, `&#x3042;`, legacy `&copy`).
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    let Some(first) = memchr(b'&', text.as_bytes()) else {
        return Cow::Borrowed(text);
    };
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut i = first;
    while i < bytes.len() {
        if bytes[i] != b'&' {
            let next = memchr(b'&', &bytes[i..]).map_or(bytes.len(), |j| i + j);
            out.push_str(&text[i..next]);
            i = next;
            continue;
        }
        match reference(&bytes[i + 1..]) {
            Some((decoded, used)) => {
                out.push_str(&decoded);
                i += 1 + used;
            }
            None => {
                out.push('&');
                i += 1;
            }
        }
    }
    Cow::Owned(out)
}

/// One reference after a `&`: what it decodes to and how many bytes it used.
fn reference(rest: &[u8]) -> Option<(String, usize)> {
    if rest.first() == Some(&b'#') {
        let hex = matches!(rest.get(1), Some(b'x' | b'X'));
        let digits_start = if hex { 2 } else { 1 };
        let mut j = digits_start;
        let mut value: u32 = 0;
        while let Some(&c) = rest.get(j) {
            let digit = if hex {
                (c as char).to_digit(16)
            } else {
                (c as char).to_digit(10)
            };
            let Some(d) = digit else { break };
            value = value
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            j += 1;
        }
        if j == digits_start {
            return None;
        }
        if rest.get(j) == Some(&b';') {
            j += 1;
        }
        return Some((numeric_char(value).to_string(), j));
    }
    let run = rest
        .iter()
        .take(MAX_ENTITY_NAME)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if run == 0 {
        return None;
    }
    let entities = &markup5ever::data::NAMED_ENTITIES;
    if rest.get(run) == Some(&b';') {
        let key = std::str::from_utf8(&rest[..=run]).ok()?;
        if let Some(&(a, b)) = entities.get(key).filter(|(a, _)| *a != 0) {
            return Some((chars(a, b), run + 1));
        }
    }
    // Legacy references without ';' (&copy, &amp): the longest known prefix.
    for len in (2..=run).rev() {
        let key = std::str::from_utf8(&rest[..len]).ok()?;
        if let Some(&(a, b)) = entities.get(key).filter(|(a, _)| *a != 0) {
            return Some((chars(a, b), len));
        }
    }
    None
}

fn chars(a: u32, b: u32) -> String {
    let mut s = String::new();
    s.push(char::from_u32(a).unwrap_or('\u{FFFD}'));
    if b != 0 {
        s.push(char::from_u32(b).unwrap_or('\u{FFFD}'));
    }
    s
}

/// A numeric reference's character: NUL, surrogates and out-of-range values become U+FFFD;
/// 0x80–0x9F are read as windows-1252, as browsers do.
fn numeric_char(value: u32) -> char {
    if (0x80..=0x9F).contains(&value) {
        if let Some(Some(c)) = markup5ever::data::C1_REPLACEMENTS.get((value - 0x80) as usize) {
            return *c;
        }
    }
    if value == 0 {
        return '\u{FFFD}';
    }
    char::from_u32(value).unwrap_or('\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dom: &Dom) -> Vec<String> {
        dom.elements(Dom::ROOT)
            .map(|ix| dom.node(ix).name().to_string())
            .collect()
    }

    #[test]
    fn elements_text_and_attributes() {
        let dom = parse(
            r#"<html><body class="a b" ID=x><p>one &amp; two &#x3042;&#12354; &copy 2025</p><br/><img src=x alt='y'></body></html>"#,
            &MarkupLimits::default(),
        );
        assert_eq!(names(&dom), ["html", "body", "p", "br", "img"]);
        let body = dom.elements_named("body").next().unwrap();
        assert_eq!(dom.node(body).attr("class"), Some("a b"));
        assert_eq!(dom.node(body).attr("id"), Some("x"));
        assert_eq!(dom.text(body), "one & two ああ © 2025");
    }

    #[test]
    fn raw_text_elements_and_comments() {
        let dom = parse(
            "<title>A &amp; B</title><script>if (a < b) { x = '</p>'; }</SCRIPT ><!-- <p>hidden</p> --><p>shown",
            &MarkupLimits::default(),
        );
        let title = dom.elements_named("title").next().unwrap();
        assert_eq!(dom.text(title), "A & B");
        let script = dom.elements_named("script").next().unwrap();
        assert_eq!(dom.text(script), "if (a < b) { x = '</p>'; }");
        assert_eq!(names(&dom), ["title", "script", "p"]);
        assert_eq!(dom.text(Dom::ROOT).matches("hidden").count(), 0);
        // Unterminated: to the end.
        let dom = parse("<p>a<!-- never closed <p>b", &MarkupLimits::default());
        assert_eq!(dom.text(Dom::ROOT), "a");
        let dom = parse("<script>never closed", &MarkupLimits::default());
        assert_eq!(names(&dom), ["script"]);
    }

    #[test]
    fn implied_ends() {
        let dom = parse(
            "<ul><li>a<li>b</ul><p>x<div>y</div><table><tr><td>1<td>2<tr><td>3</table>",
            &MarkupLimits::default(),
        );
        let parent = |ix: NodeIx| dom.node(dom.node(ix).parent.unwrap()).name().to_string();
        for li in dom.elements_named("li") {
            assert_eq!(parent(li), "ul");
        }
        let div = dom.elements_named("div").next().unwrap();
        assert_eq!(parent(div), "");
        for td in dom.elements_named("td") {
            assert_eq!(parent(td), "tr");
        }
    }

    #[test]
    fn depth_is_capped() {
        let limits = MarkupLimits { max_depth: 10 };
        let deep = "<div>".repeat(1000) + "deep" + &"</div>".repeat(1000) + "after";
        let dom = parse(&deep, &limits);
        let depth = |mut ix: NodeIx| {
            let mut d = 0;
            while let Some(p) = dom.node(ix).parent {
                d += 1;
                ix = p;
            }
            d
        };
        assert!(dom.nodes.iter().enumerate().all(|(ix, _)| depth(ix) <= 11));
        assert_eq!(dom.elements_named("div").count(), 1000);
        assert!(dom.text(Dom::ROOT).contains("deep"));
        assert!(dom.text(Dom::ROOT).ends_with("after"));
    }

    #[test]
    fn junk_never_panics() {
        for junk in [
            "<",
            "</",
            "<a",
            "<a b",
            "<a b=",
            "<a b='",
            "&",
            "&#",
            "&#x",
            "&#xFFFFFFFFFF;",
            "&#0;",
            "&#128;",
            "<!",
            "<!-",
            "<!--",
            "</ >",
            "</>",
            "<\u{3042}>",
            "<a\u{3042}=1>",
            "&amp",
            "&ampx",
            "&notit;",
            "<plaintext><p>x",
        ] {
            let _ = parse(junk, &MarkupLimits::default());
        }
        assert_eq!(decode_entities("&#128;&#0;&#xD800;"), "€\u{FFFD}\u{FFFD}");
        assert_eq!(decode_entities("&notit; &ampx"), "¬it; &x");
    }
}

/// Property tests (proptest; `.ci/run` runs them with more cases).
#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn markup_of_any_shape_parses_within_the_depth_limit(
            html in "(<[a-z]{1,3}( [a-z]{1,2}(=\"[^\"]{0,4}\")?)?>|</[a-z]{1,3}>|[^<&]{0,8}|&[a-z#0-9]{0,5};?|<!--|-->){0,80}",
            depth in 1usize..12
        ) {
            let dom = parse(&html, &MarkupLimits { max_depth: depth });
            for (ix, _) in dom.nodes.iter().enumerate() {
                let mut d = 0;
                let mut at = ix;
                while let Some(p) = dom.node(at).parent {
                    d += 1;
                    at = p;
                }
                // Open elements are capped; a leaf added under the deepest one is one more.
                prop_assert!(d <= depth + 2, "depth {} > {}", d, depth);
            }
        }

        #[test]
        fn text_without_markup_is_kept_as_is(text in "[^<&]{0,200}") {
            let dom = parse(&text, &MarkupLimits::default());
            prop_assert_eq!(dom.text(Dom::ROOT), text);
        }
    }
}
