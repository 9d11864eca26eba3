//! Report tests: golden Markdown and JSON for a FIXED, fictional database built in code (no
//! extractor involved, so extractor changes never move a golden file), the invariants every
//! report keeps (percentages add to 100.0, traceable entries, the documented JSON shape), the
//! empty and count-less months, and the real binary producing every section for 2025-09 over
//! the shared corpus.
//!
//! Golden files live in `tests/golden/`. After an intended change to the report, rewrite them
//! with `UPDATE_GOLDEN=1 cargo test --test report` and review the diff.

#[path = "../crates/report/tests/fixture.rs"]
mod fixture;

use leakwatch_report::{
    build_report, json, markdown, Lang, Period, Report, ReportOptions, Taxonomy,
};
use leakwatch_testkit::corpus::{readable_sets, with_sets};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "golden file {} missing: run UPDATE_GOLDEN=1 cargo test --test report",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n expected: {:?}\n   actual: {:?}\n(UPDATE_GOLDEN=1 rewrites it after an intended change)",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

fn report(month: &str, lang: Lang, taxonomy: Taxonomy) -> Report {
    let period = Period::parse_month(month).expect("valid month");
    build_report(
        &fixture::input_for(period),
        &ReportOptions {
            lang,
            taxonomy,
            top: 3,
        },
    )
}

fn tenths(rows: &[leakwatch_report::taxonomy::CauseRow]) -> i64 {
    rows.iter().map(|r| (r.percent * 10.0).round() as i64).sum()
}

// ---- golden files -------------------------------------------------------------------------

#[test]
fn golden_september_markdown_ja() {
    golden(
        "2025-09.ja.md",
        &markdown::render(&report("2025-09", Lang::Ja, Taxonomy::Column)),
    );
}

#[test]
fn golden_september_markdown_en_survey() {
    golden(
        "2025-09.en.survey.md",
        &markdown::render(&report("2025-09", Lang::En, Taxonomy::Survey)),
    );
}

#[test]
fn golden_september_json() {
    golden(
        "2025-09.json",
        &json(&report("2025-09", Lang::Ja, Taxonomy::Column)),
    );
}

#[test]
fn golden_september_html() {
    // Also what `bench/report-screenshot.sh --html tests/golden/2025-09.ja.html` renders.
    golden(
        "2025-09.ja.html",
        &leakwatch_report::html::render(&report("2025-09", Lang::Ja, Taxonomy::Column)),
    );
}

#[test]
fn golden_empty_month() {
    golden(
        "2025-12.ja.md",
        &markdown::render(&report("2025-12", Lang::Ja, Taxonomy::Column)),
    );
}

#[test]
fn golden_countless_month() {
    let r = report("2025-10", Lang::Ja, Taxonomy::Leakwatch);
    golden("2025-10.ja.md", &markdown::render(&r));
    golden("2025-10.json", &json(&r));
}

// ---- invariants ---------------------------------------------------------------------------

#[test]
fn september_figures() {
    let r = report("2025-09", Lang::Ja, Taxonomy::Column);
    assert_eq!(r.total, 8);
    assert_eq!(r.previous_total, 2);
    assert_eq!(r.change.count, 6);
    assert_eq!(r.change.percent, Some(300.0));
    assert_eq!(r.sources, 9, "incident 1 has two sources");
    // Worst three: 最大 120,000 名, 3,000 件以上, 約 2,400 件 — qualifiers as stated.
    let worst: Vec<(&str, &str)> = r
        .worst
        .iter()
        .map(|w| (w.organization.as_str(), w.display.as_str()))
        .collect();
    assert_eq!(
        worst,
        vec![
            ("株式会社みなと物流", "最大 120,000 名"),
            ("株式会社しおさい食品", "3,000 件以上"),
            ("株式会社あおば通販", "約 2,400 件"),
        ]
    );
    // Card leaks: one with a count and a window, one 不明.
    assert_eq!(r.card_leaks.len(), 2);
    assert_eq!(r.card_leaks[1].display, "不明");
    let w = r.card_leaks[0].exposure.as_ref().expect("window");
    assert_eq!(
        (w.from, w.to),
        (Some(fixture::d(2025, 3, 1)), Some(fixture::d(2025, 8, 20)))
    );
    let kinds: Vec<&str> = r.actions.iter().map(|a| a.kind.as_str()).collect();
    assert_eq!(kinds, vec!["arrest", "regulator", "disciplinary"]);
    assert_eq!(r.attackers.len(), 1);
    assert_eq!(r.attackers[0].attacker, "BlackHarbor");
    assert_eq!(r.attackers[0].victims.len(), 2);
    // みなと物流 is a processor for 青葉市, みなと銀行 and (named on the victim's side) ひばり出版.
    assert_eq!(r.processors.len(), 1);
    assert_eq!(
        r.processors[0].affected,
        vec!["青葉市", "株式会社みなと銀行", "株式会社ひばり出版"]
    );
    assert_eq!(r.records.sum, 120_000 + 38 + 2_400 + 1_050 + 3_000);
    assert_eq!(r.records.without_count, 3);
    assert_eq!(r.trend.len(), 12);
    assert_eq!(r.trend.last().map(|p| p.count), Some(8));
}

#[test]
fn percentages_add_up_to_one_hundred_in_every_taxonomy() {
    for month in ["2025-07", "2025-08", "2025-09", "2025-10"] {
        let r = report(month, Lang::Ja, Taxonomy::Column);
        for rows in [
            &r.by_cause,
            &r.taxonomies.leakwatch,
            &r.taxonomies.column,
            &r.taxonomies.survey,
            &r.veris,
        ] {
            assert_eq!(tenths(rows), 1000, "{month}: {rows:?}");
            assert_eq!(rows.iter().map(|x| x.count).sum::<u64>(), r.total);
        }
    }
}

#[test]
fn every_entry_is_traceable() {
    let r = report("2025-09", Lang::Ja, Taxonomy::Column);
    let ids: Vec<_> = r.incidents.iter().map(|i| i.incident_id).collect();
    let entries = r
        .worst
        .iter()
        .map(|w| (w.incident_id, &w.sources))
        .chain(r.card_leaks.iter().map(|c| (c.incident_id, &c.sources)))
        .chain(r.actions.iter().map(|a| (a.incident_id, &a.sources)));
    for (id, sources) in entries {
        assert!(ids.contains(&id), "#{id} not in the incident list");
        assert!(!sources.is_empty(), "#{id} has no source");
        assert!(sources
            .iter()
            .all(|s| !s.origin.is_empty() && s.title.is_some()));
    }
    for p in &r.processors {
        assert!(p.incident_ids.iter().all(|i| ids.contains(i)));
    }
}

#[test]
fn empty_month_is_a_valid_report() {
    let r = report("2025-12", Lang::Ja, Taxonomy::Column);
    assert_eq!(r.total, 0);
    assert_eq!(r.previous_total, 0);
    assert_eq!(r.change.percent, None);
    assert!(r.by_cause.is_empty() && r.worst.is_empty() && r.incidents.is_empty());
    let md = markdown::render(&r);
    assert!(md.contains("この期間に初回報道されたインシデントはありません。"));
    assert!(!md.contains("NaN") && !md.contains("inf"));
    let en = markdown::render(&report("2025-12", Lang::En, Taxonomy::Column));
    assert!(en.contains("No incident was first reported in this period."));
}

#[test]
fn month_with_only_countless_incidents() {
    let r = report("2025-10", Lang::Ja, Taxonomy::Column);
    assert_eq!(r.total, 2);
    assert_eq!(r.change.count, -6);
    assert_eq!(r.change.percent, Some(-75.0));
    assert!(r.worst.is_empty());
    assert_eq!(r.records.sum, 0);
    assert_eq!(r.records.without_count, 2);
    assert!(markdown::render(&r).contains("件数の記載があるインシデントはありません。"));
}

// ---- the documented JSON shape -------------------------------------------------------------

fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("docs/report.schema.json"))
        .expect("schema is JSON")
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        _ => false,
    }
}

/// A small JSON Schema checker for the keywords the report schema uses: `$ref` (local),
/// `type`, `enum`, `anyOf`, `required`, `properties`, `additionalProperties: false`, `items`.
fn check(root: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        return check(root, &root["$defs"][name], v, at, errors);
    }
    if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
        if !any.iter().any(|s| {
            let mut e = Vec::new();
            check(root, s, v, at, &mut e);
            e.is_empty()
        }) {
            errors.push(format!("{at}: matches no anyOf branch"));
        }
        return;
    }
    match schema.get("type") {
        Some(Value::String(t)) if !type_ok(t, v) => errors.push(format!("{at}: not {t}")),
        Some(Value::Array(ts)) if !ts.iter().filter_map(Value::as_str).any(|t| type_ok(t, v)) => {
            errors.push(format!("{at}: not any of {ts:?}"))
        }
        _ => {}
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            errors.push(format!("{at}: {v} not in enum"));
        }
    }
    if let Some(obj) = v.as_object() {
        for key in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = key.as_str().unwrap_or_default();
            if !obj.contains_key(key) {
                errors.push(format!("{at}: missing required key {key}"));
            }
        }
        let props = schema.get("properties").and_then(Value::as_object);
        for (k, child) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => check(root, s, child, &format!("{at}.{k}"), errors),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{at}: undocumented key {k}"))
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (n, child) in arr.iter().enumerate() {
            check(root, items, child, &format!("{at}[{n}]"), errors);
        }
    }
}

fn assert_matches_schema(json_text: &str) {
    let schema = schema();
    let v: Value = serde_json::from_str(json_text).expect("report JSON parses");
    let mut errors = Vec::new();
    check(&schema, &schema, &v, "$", &mut errors);
    assert!(
        errors.is_empty(),
        "JSON does not match docs/report.schema.json:\n{}",
        errors.join("\n")
    );
}

#[test]
fn json_matches_the_documented_schema() {
    assert_eq!(
        schema()["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    for (month, lang) in [
        ("2025-09", Lang::Ja),
        ("2025-09", Lang::En),
        ("2025-10", Lang::Ja),
        ("2025-12", Lang::En),
    ] {
        assert_matches_schema(&json(&report(month, lang, Taxonomy::Survey)));
    }
    // The checker itself rejects a missing key and a wrong type.
    let schema = schema();
    let mut v: Value =
        serde_json::from_str(&json(&report("2025-09", Lang::Ja, Taxonomy::Column))).unwrap();
    v.as_object_mut().unwrap().remove("records");
    v["total"] = Value::String("8".into());
    let mut errors = Vec::new();
    check(&schema, &schema, &v, "$", &mut errors);
    assert_eq!(errors.len(), 2, "{errors:?}");
}

// ---- the real binary over the shared corpus ------------------------------------------------

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_leakwatch"));
    cmd.env_remove("LEAKWATCH_DB")
        .env_remove("LEAKWATCH_CONFIG")
        .env_remove("LEAKWATCH_MAX_FILE_MB");
    cmd
}

fn run_ok(db: &Path, args: &[&str]) -> String {
    let out = bin()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("leakwatch runs");
    assert!(
        out.status.success(),
        "leakwatch {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn cli_report_for_september_over_the_shared_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("lw.db");
    let sets = readable_sets();
    run_ok(&db, &with_sets(&["--quiet", "ingest"], &sets));

    let md = run_ok(&db, &["report", "--month", "2025-09"]);
    for heading in [
        "# 2025年9月の情報漏えい",
        "## 概要",
        "## 原因別内訳（月次コラム分類）",
        "## 被害規模ワースト3",
        "## クレジットカード情報の漏えい",
        "## 行政処分・逮捕・懲戒",
        "## 攻撃者",
        "## 委託先での事故",
        "## 被害件数の合計",
        "## 個人情報保護委員会への報告（推定）",
        "## 月別推移（直近12か月）",
        "## 対象インシデント一覧",
        "公表日、なければ最も早い報道日",
    ] {
        assert!(md.contains(heading), "markdown lacks {heading}:\n{md}");
    }
    let en = run_ok(
        &db,
        &[
            "report",
            "--month",
            "2025-09",
            "--lang",
            "en",
            "--taxonomy",
            "survey",
        ],
    );
    assert!(en.contains("# Information leaks in September 2025"));
    assert!(
        en.contains("## Causes (annual-survey categories)")
            || en.contains("## Causes（annual-survey categories）")
    );

    let out = tmp.path().join("r.html");
    run_ok(
        &db,
        &[
            "--quiet",
            "report",
            "--month",
            "2025-09",
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg"), "trend chart");
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
            html.contains(&format!("id=\"{id}\"")),
            "html lacks section {id}"
        );
    }
    assert!(!html.contains("<script") && !html.contains("<link"));

    let text = run_ok(&db, &["report", "--month", "2025-09", "--format", "json"]);
    assert_matches_schema(&text);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["period"]["from"], "2025-09-01");
    assert_eq!(v["trend"].as_array().map(Vec::len), Some(12));
    // The trend counts what the database holds for each month.
    let oct: Value = serde_json::from_str(&run_ok(
        &db,
        &["report", "--month", "2025-10", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(oct["trend"][11]["count"], oct["total"]);
    assert_eq!(oct["previous_total"], v["total"]);
    assert!(
        oct["total"].as_u64().unwrap_or(0) > 0,
        "the 2025-10-29 column reports incidents"
    );
    assert_eq!(
        oct["by_cause"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["percent"].as_f64().unwrap() * 10.0).round() as i64)
            .sum::<i64>(),
        1000
    );

    // Year and range forms.
    let year = run_ok(&db, &["report", "--year", "2025", "--format", "json"]);
    assert_matches_schema(&year);
    let range = run_ok(
        &db,
        &[
            "report",
            "--from",
            "2025-10-01",
            "--to",
            "2025-10-31",
            "--format",
            "json",
        ],
    );
    let range: Value = serde_json::from_str(&range).unwrap();
    assert_eq!(range["total"], oct["total"]);

    // stats
    for by in ["cause", "month", "data-type", "sector"] {
        let s: Value =
            serde_json::from_str(&run_ok(&db, &["stats", "--by", by, "--json"])).unwrap();
        assert!(
            s["rows"].as_array().is_some_and(|r| !r.is_empty()),
            "stats --by {by}"
        );
    }
    assert!(run_ok(&db, &["--quiet", "stats", "--by", "sector"]).contains("自治体"));
}

#[test]
fn cli_rejects_bad_periods() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("lw.db");
    run_ok(
        &db,
        &[
            "--quiet",
            "ingest",
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples/documents")
                .to_str()
                .unwrap(),
        ],
    );
    for args in [
        vec!["report", "--month", "2025-13"],
        vec!["report"],
        vec!["report", "--month", "2025-09", "--year", "2025"],
        vec!["report", "--from", "2025-10-01"],
        vec!["report", "--from", "2025-10-31", "--to", "2025-10-01"],
    ] {
        let out = bin().arg("--db").arg(&db).args(&args).output().unwrap();
        assert!(!out.status.success(), "{args:?} should fail");
    }
}

#[test]
fn markdown_and_html_show_the_same_sections_in_the_same_order() {
    for (month, lang) in [
        ("2025-09", Lang::Ja),
        ("2025-09", Lang::En),
        ("2025-12", Lang::Ja),
    ] {
        let r = report(month, lang, Taxonomy::Column);
        let sections = leakwatch_report::sections::sections(&r);
        assert_eq!(sections.len(), 11);
        let md = markdown::render(&r);
        let html = leakwatch_report::html::render(&r);
        let (mut md_at, mut html_at) = (0, 0);
        for s in &sections {
            let heading = format!("\n## {}\n", s.title);
            let found = md[md_at..].find(&heading).map(|i| i + md_at);
            assert!(
                found.is_some(),
                "{month} {lang:?}: no {heading:?} after byte {md_at}"
            );
            md_at = found.unwrap_or(md_at) + 1;
            let open = format!("<section id=\"{}\"><h2>", s.id);
            let found = html[html_at..].find(&open).map(|i| i + html_at);
            assert!(
                found.is_some(),
                "{month} {lang:?}: no {open:?} after byte {html_at}"
            );
            html_at = found.unwrap_or(html_at) + 1;
            // An empty section says so in both, with the same words.
            if let Some(empty) = s.empty {
                assert!(md[md_at..].starts_with(&format!("## {}\n\n{empty}", s.title)));
                assert!(html[html_at..].contains(&format!("<p class=\"empty\">{empty}</p>")));
            }
        }
    }
}
