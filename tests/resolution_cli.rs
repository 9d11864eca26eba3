//! Resolution through the real binary: the whole shared corpus ingested twice gives the same
//! incidents with the same ids; analyst edits (set, merge, split) are audited and survive
//! `reextract`; `orgs` and `org` show organisations, aliases and indirect incidents.

use leakwatch_testkit::corpus::{readable_sets, with_sets};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leakwatch"))
        .env_remove("LEAKWATCH_DB")
        .env_remove("LEAKWATCH_CONFIG")
        .env("LEAKWATCH_AUTHOR", "test-analyst")
        .arg("--db")
        .arg(db)
        .arg("--quiet")
        .args(args)
        .output()
        .expect("leakwatch runs")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "leakwatch {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).expect("JSON output")
}

fn ids_and_orgs(db: &Path) -> Vec<(i64, String)> {
    let mut v: Vec<(i64, String)> = json(db, &["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_i64().unwrap(),
                i["organization"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn corpus_ingested_twice_gives_the_same_incidents_and_ids() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lw.db");
    let sets = readable_sets();
    let first: Value = json(&db, &with_sets(&["ingest", "--json"], &sets));
    let before = ids_and_orgs(&db);
    assert!(!before.is_empty());
    assert_eq!(
        first["incidents_created"].as_u64().unwrap() as usize,
        before.len(),
        "{first}"
    );
    let second: Value = json(&db, &with_sets(&["ingest", "--json"], &sets));
    assert_eq!(second["new"], 0);
    assert_eq!(second["incidents_created"], 0);
    assert_eq!(ids_and_orgs(&db), before);

    // Re-extraction with the same extractor changes nothing either.
    let r: Value = json(&db, &["reextract", "--json"]);
    assert_eq!(r["incidents_created"], 0, "{r}");
    assert_eq!(r["incidents_removed"], 0, "{r}");
    assert_eq!(ids_and_orgs(&db), before);
}

/// Writes two short releases about one fictional company under two spellings an automatic
/// matcher cannot link, and a third release about another company.
fn write_releases(dir: &Path) {
    let files = [
        (
            "a-first.txt",
            "株式会社テスト精機 不正アクセスに関するお知らせ\n2025年9月1日\n株式会社テスト精機は、当社サーバーへの不正アクセスにより、お客様の氏名とメールアドレス約1,200件が流出した可能性があることを確認しました。\n",
        ),
        (
            "b-second.txt",
            "TSK 不正アクセスについて(第2報)\n2025年9月20日\nTSKは、不正アクセスにより、お客様のメールアドレス2,400件が流出したことを確認しました。\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

#[test]
fn analyst_edits_are_audited_and_survive_reextract() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    write_releases(&input);
    let db = dir.path().join("lw.db");
    ok(&db, &["ingest", input.to_str().unwrap()]);
    let incidents = ids_and_orgs(&db);
    assert_eq!(incidents.len(), 2, "{incidents:?}");
    let (a, b) = (incidents[0].0, incidents[1].0);

    // Merge b into a, correct the cause, then re-extract everything.
    ok(
        &db,
        &[
            "edit",
            &a.to_string(),
            "--merge",
            &b.to_string(),
            "--reason",
            "TSK is the same company",
        ],
    );
    ok(
        &db,
        &[
            "edit",
            &a.to_string(),
            "--set",
            "cause=ransomware",
            "--set",
            "affected_count=2500",
            "--reason",
            "per the 3rd report",
        ],
    );
    let bad = run(&db, &["edit", &a.to_string(), "--set", "cause=hacking"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("hacking"));
    ok(&db, &["reextract"]);

    let detail = json(&db, &["show", &a.to_string(), "--json"]);
    assert_eq!(detail["cause"], "ransomware");
    assert_eq!(detail["affected"]["value"], 2500);
    assert_eq!(detail["sources"].as_array().unwrap().len(), 2);
    let audit = detail["audit"].as_array().unwrap();
    let actions: Vec<&str> = audit
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, vec!["merge", "set", "set"]);
    assert!(audit.iter().all(|e| e["author"] == "test-analyst"));
    assert_eq!(ids_and_orgs(&db).len(), 1);
    // The merged incident has a timeline across both reports and shows the count conflict.
    assert!(detail["timeline"].as_array().unwrap().len() >= 2);

    // Split the second report back out.
    let doc_key = detail["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["doc_id"] == "b-second")
        .unwrap()["document_key"]
        .as_i64()
        .unwrap();
    ok(
        &db,
        &["edit", &a.to_string(), "--split", &doc_key.to_string()],
    );
    assert_eq!(ids_and_orgs(&db).len(), 2);
    ok(&db, &["reextract"]);
    assert_eq!(
        ids_and_orgs(&db).len(),
        2,
        "the split survives re-extraction"
    );
    let detail = json(&db, &["show", &a.to_string(), "--json"]);
    assert_eq!(
        detail["cause"], "ransomware",
        "corrections survive the split"
    );
}

#[test]
fn orgs_and_org_show_alias_sets_and_indirect_incidents() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lw.db");
    let sets = readable_sets();
    ok(&db, &with_sets(&["ingest"], &sets));
    let orgs = json(&db, &["orgs", "--json"]);
    let orgs = orgs.as_array().unwrap();
    assert!(!orgs.is_empty());
    // Every organisation has a stable id and a canonical name.
    assert!(orgs
        .iter()
        .all(|o| o["id"].as_i64().is_some() && !o["canonical_name"].as_str().unwrap().is_empty()));
    // Some organisation was reported under more than one name.
    assert!(orgs
        .iter()
        .any(|o| !o["aliases"].as_array().unwrap().is_empty()));

    // An organisation that only appears as someone's client (data owner) sees that
    // incident as indirect.
    let linked = orgs
        .iter()
        .find(|o| o["incidents"] == 0)
        .map(|o| o["canonical_name"].as_str().unwrap().to_string())
        .expect("the corpus names related organisations (委託元, attackers, subsidiaries)");
    let view = json(&db, &["org", &linked, "--json"]);
    assert!(view["direct"].as_array().unwrap().is_empty());
    assert!(!view["links"].as_array().unwrap().is_empty());
    let missing = run(&db, &["org", "存在しない組織名"]);
    assert!(!missing.status.success());
}
