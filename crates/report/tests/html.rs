//! The HTML report parsed back as XML: well-formed, self-contained, with both inline SVG
//! charts, for a full month, an empty month and a count-less month.

#[path = "fixture.rs"]
mod fixture;

use leakwatch_report::{build_report, html, Lang, Period, ReportOptions, Taxonomy};

fn check(month: &str, lang: Lang, expect_charts: usize) {
    let period = Period::parse_month(month).unwrap();
    let options = ReportOptions {
        lang,
        taxonomy: Taxonomy::Column,
        top: 3,
    };
    let page = html::render(&build_report(&fixture::input_for(period), &options));
    let doc = roxmltree::Document::parse_with_options(
        &page,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("{month}: HTML is not well-formed XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "html");
    let svgs = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "svg")
        .count();
    assert_eq!(svgs, expect_charts, "{month}: inline SVG charts");
    // Self-contained: no scripts, external stylesheets or images.
    for n in doc.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        assert!(
            !matches!(name, "script" | "link" | "img" | "iframe"),
            "{name} in report"
        );
        if name == "a" {
            assert!(n.attribute("href").is_some_and(|h| !h.is_empty()));
        }
    }
    for id in [
        "summary",
        "causes",
        "trend",
        "worst",
        "cards",
        "actions",
        "attackers",
        "processors",
        "records",
        "ppc",
        "incidents",
    ] {
        assert!(
            doc.descendants().any(|n| n.attribute("id") == Some(id)),
            "{month}: section {id} missing"
        );
    }
}

#[test]
fn html_is_well_formed_with_charts() {
    check("2025-09", Lang::Ja, 2);
    check("2025-09", Lang::En, 2);
}

#[test]
fn empty_and_countless_months_are_well_formed() {
    // Empty month: no cause chart (nothing to draw), the trend chart stays.
    check("2025-12", Lang::Ja, 1);
    check("2025-10", Lang::Ja, 2);
}
