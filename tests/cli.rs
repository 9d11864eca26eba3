//! End-to-end tests: the real `leakwatch` binary on real files — the shipped examples, the
//! shared corpus, bad inputs, and a run killed mid-way and re-run.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_leakwatch"));
    // Never read a developer's own config or database.
    cmd.env_remove("LEAKWATCH_DB")
        .env_remove("LEAKWATCH_CONFIG")
        .env_remove("LEAKWATCH_MAX_FILE_MB");
    cmd
}

fn run(args: &[&str], db: &Path) -> Output {
    bin()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("leakwatch runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/documents")
}

/// The shared corpus beside the repository (CI checks it out there).
fn shared_corpus(set: &str) -> PathBuf {
    let base = std::env::var_os("LEAKWATCH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let dir = base.join("corpus").join(set);
    assert!(
        dir.is_dir(),
        "shared corpus {} not found (set LEAKWATCH_SHARED)",
        dir.display()
    );
    dir
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn list_json(db: &Path) -> Vec<Value> {
    let out = run(&["list", "--json"], db);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str::<Value>(&stdout(&out))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn extract_jsonl_prints_one_schema_object_per_document() {
    for set in ["seeds", "dev"] {
        let files = txt_files(&shared_corpus(set));
        let out = bin()
            .args(["extract", "--format", "jsonl"])
            .args(&files)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), files.len());
        for (line, file) in lines.iter().zip(&files) {
            let v: Value = serde_json::from_str(line).unwrap();
            assert_eq!(
                v["doc_id"].as_str().unwrap(),
                file.file_stem().unwrap().to_str().unwrap()
            );
            for key in ["url", "published", "language", "incidents"] {
                assert!(v.get(key).is_some(), "missing {key} in {line}");
            }
            for inc in v["incidents"].as_array().unwrap() {
                for key in [
                    "organization",
                    "aliases",
                    "related",
                    "cause",
                    "affected_count",
                    "affected_qualifier",
                    "affected_unit",
                    "data_volume",
                    "data_types",
                    "card_data",
                    "confirmed",
                    "dates",
                    "attacker",
                    "regulator_action",
                    "financial_impact_jpy",
                ] {
                    assert!(inc.get(key).is_some(), "incident lacks {key}");
                }
            }
        }
    }
}

#[test]
fn extract_json_includes_evidence_with_sentences() {
    let files = txt_files(&shared_corpus("seeds"));
    let out = bin()
        .args(["extract", "--format", "json"])
        .arg(&files[0])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let incidents = v["incidents"].as_array().unwrap();
    assert!(!incidents.is_empty());
    let evidence = incidents[0]["evidence"].as_array().unwrap();
    assert!(evidence.iter().any(|e| e["field"] == "organization"
        && e["evidence"]["sentence"]
            .as_str()
            .is_some_and(|s| !s.is_empty())));
}

#[test]
fn explain_accounts_for_every_field() {
    let files = txt_files(&shared_corpus("seeds"));
    let out = bin()
        .args(["extract", "--explain"])
        .arg(&files[0])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for field in [
        "organization",
        "cause",
        "affected_count",
        "data_types",
        "dates.disclosed",
    ] {
        assert!(text.contains(field), "--explain lacks {field}:\n{text}");
    }
    assert!(text.contains("rule "), "--explain names no rule:\n{text}");
}

#[test]
fn ingest_list_show_search_and_idempotent_reingest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lw.db");
    let ex = examples();
    let first = run(&["ingest", "--json", ex.to_str().unwrap()], &db);
    assert!(first.status.success(), "{}", stderr(&first));
    let summary: Value = serde_json::from_str(&stdout(&first)).unwrap();
    assert!(summary["new"].as_u64().unwrap() >= 10, "{summary}");
    assert!(
        summary["incidents_created"].as_u64().unwrap() >= 10,
        "{summary}"
    );
    assert!(stderr(&first).contains("documents read"));

    let incidents = list_json(&db);
    assert!(incidents.len() >= 10);

    // Re-ingesting the same content is a no-op.
    let again = run(&["ingest", "--json", ex.to_str().unwrap()], &db);
    assert!(again.status.success());
    let summary2: Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(summary2["new"], 0);
    assert_eq!(summary2["skipped"], summary["new"]);
    assert_eq!(list_json(&db).len(), incidents.len());

    // show: every field with its sentence.
    let id = incidents[0]["id"].as_i64().unwrap().to_string();
    let show = run(&["show", &id], &db);
    assert!(show.status.success(), "{}", stderr(&show));
    let text = stdout(&show);
    assert!(text.contains("Evidence"));
    assert!(text.contains("「"), "no source sentence in:\n{text}");
    let show_json = run(&["show", &id, "--json"], &db);
    let v: Value = serde_json::from_str(&stdout(&show_json)).unwrap();
    assert!(!v["evidence"].as_array().unwrap().is_empty());
    assert!(!v["sources"].as_array().unwrap().is_empty());

    // A missing incident is a clear error, not a panic.
    let missing = run(&["show", "999999"], &db);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("999999") || stderr(&missing).contains("not found"));

    // search: a long Japanese term and a two-character one both find documents.
    for q in ["不正アクセス", "漏え"] {
        let s = run(&["search", "--json", q], &db);
        assert!(s.status.success(), "{}", stderr(&s));
        let hits: Value = serde_json::from_str(&stdout(&s)).unwrap();
        assert!(!hits.as_array().unwrap().is_empty(), "no hit for {q}");
    }

    // list filters
    let card = run(&["list", "--json", "--card"], &db);
    let card: Value = serde_json::from_str(&stdout(&card)).unwrap();
    assert!(card
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["card_data"] == true));
    let bad = run(&["list", "--cause", "hacking"], &db);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("hacking"));
    let bad_date = run(&["list", "--since", "2025/09/01"], &db);
    assert!(!bad_date.status.success());
    assert!(stderr(&bad_date).contains("YYYY-MM-DD"));
}

#[test]
fn reading_commands_do_not_create_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("absent.db");
    let out = run(&["list"], &db);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no database"));
    assert!(!db.exists());
}

#[test]
fn bad_inputs_are_reported_by_name_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let good = input.join("good.txt");
    std::fs::write(
        &good,
        "株式会社テスト物産 不正アクセスによる個人情報流出のお知らせ\n2025年9月1日\n株式会社テスト物産は、不正アクセスにより顧客の氏名とメールアドレス約1,200件が流出した可能性があると発表した。\n",
    )
    .unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    std::fs::write(
        input.join("binary.txt"),
        [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3],
    )
    .unwrap();
    std::fs::write(input.join("big.txt"), "あ".repeat(700_000)).unwrap(); // ~2 MiB
    let missing = dir.path().join("missing.txt");
    let db = dir.path().join("lw.db");
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args(["--max-file-mb", "1", "ingest", "--json"])
        .arg(&input)
        .arg(&missing)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    for name in ["empty.txt", "binary.txt", "big.txt", "missing.txt"] {
        assert!(err.contains(name), "{name} not named in:\n{err}");
    }
    let summary: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(summary["new"], 1, "{summary}");
    assert_eq!(summary["failed"].as_array().unwrap().len(), 4, "{summary}");
    assert!(!err.contains("panicked"));

    // extract reports the same files and still prints the good one.
    let out = bin()
        .args(["--max-file-mb", "1", "extract"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out).lines().count(), 1);
}

/// Writes `n` distinct documents (each a variant of a shipped example) into `dir`.
fn write_variants(dir: &Path, n: usize) {
    let sources: Vec<String> = txt_files(&examples())
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    assert!(!sources.is_empty());
    for i in 0..n {
        let body = &sources[i % sources.len()];
        std::fs::write(
            dir.join(format!("variant-{i:05}.txt")),
            format!("{body}\n(整理番号 {i})\n"),
        )
        .unwrap();
    }
}

#[test]
fn killed_ingest_leaves_a_consistent_database_and_a_rerun_finishes_the_job() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    write_variants(&input, 400);

    // Reference: one uninterrupted run.
    let clean_db = dir.path().join("clean.db");
    let clean = run(&["--quiet", "ingest", input.to_str().unwrap()], &clean_db);
    assert!(clean.status.success(), "{}", stderr(&clean));
    let expected = list_json(&clean_db).len();

    // Kill a run part-way (SIGKILL), then run again to completion.
    let db = dir.path().join("killed.db");
    let mut child = bin()
        .arg("--db")
        .arg(&db)
        .args(["--quiet", "ingest"])
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some documents are committed, then kill.
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(20));
        if db.exists() && std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0) > 64 * 1024 {
            break;
        }
    }
    child.kill().unwrap();
    let _ = child.wait();

    let partial = list_json(&db).len();
    let rerun = run(
        &["--quiet", "ingest", "--json", input.to_str().unwrap()],
        &db,
    );
    assert!(rerun.status.success(), "{}", stderr(&rerun));
    let summary: Value = serde_json::from_str(&stdout(&rerun)).unwrap();
    let after = list_json(&db).len();
    assert_eq!(after, expected, "partial {partial}, rerun {summary}");
    assert_eq!(
        summary["new"].as_u64().unwrap() + summary["skipped"].as_u64().unwrap(),
        400
    );
}

#[test]
fn help_explains_commands_and_default_database() {
    let out = bin().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    for word in [
        "ingest",
        "extract",
        "list",
        "show",
        "search",
        "demo",
        "leakwatch.db",
    ] {
        assert!(text.contains(word), "--help lacks {word}");
    }
}

#[test]
fn demo_runs_on_the_bundled_examples() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = run(&["demo"], &db);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("ORGANIZATION"));
    assert!(text.lines().count() >= 10, "{text}");
    // A named database that exists is never overwritten.
    let again = run(&["demo"], &db);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already exists"));
}
