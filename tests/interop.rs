//! Issue 14 end to end, on the real binary: every shared external dataset imported with exact
//! counts (and a second import adding nothing), a press release and a dataset record resolved
//! into one incident, the JSONL round trip, and VCDB → VERIS keeping actors, actions,
//! varieties and records. Tests that need `../shared/external` skip with a notice without it.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_leakwatch"));
    cmd.env_remove("LEAKWATCH_DB")
        .env_remove("LEAKWATCH_CONFIG")
        .env_remove("LEAKWATCH_MAX_FILE_MB");
    cmd
}

fn run(db: &Path, args: &[&str]) -> Output {
    let out = bin()
        .arg("--quiet")
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
    out
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn import(db: &Path, format: &str, paths: &[&Path]) -> Value {
    let mut args = vec!["import", format];
    let owned: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    args.extend(owned.iter().map(String::as_str));
    args.push("--json");
    json(&run(db, &args))
}

/// `../shared/external`, or None (with a notice) when this checkout has no shared data.
fn external() -> Option<PathBuf> {
    let base = std::env::var_os("LEAKWATCH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let dir = base.join("external");
    if dir.join("vcdb").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "notice: {} not found; interop dataset test skipped",
            dir.display()
        );
        None
    }
}

fn refs(p: &[PathBuf]) -> Vec<&Path> {
    p.iter().map(|x| x.as_path()).collect()
}

fn n(v: &Value, key: &str) -> u64 {
    v[key].as_u64().unwrap_or_else(|| panic!("{key} in {v}"))
}

fn reasons(v: &Value) -> Vec<String> {
    v["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_shared_dataset_imports_with_exact_counts_and_a_second_import_adds_nothing() {
    let Some(ext) = external() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("all.db");
    let vcdb = [
        ext.join("vcdb/snapshot-2013-jayjacobs"),
        ext.join("vcdb/modern-sample"),
    ];
    let hibp = [ext.join("hibp/hibp_breaches.json")];
    let prc = [
        ext.join("prc/prc_chronology_2005-2017_export.csv"),
        ext.join("prc/prc_chronology_2015-2017_export.csv"),
    ];
    let rw = [ext.join("ransomwatch/posts_sample.json")];

    // VCDB: 1,753 + 3 files; 4 incidents name no victim.
    let s = import(&db, "vcdb", &refs(&vcdb));
    assert_eq!(n(&s, "files"), 1756);
    assert_eq!(n(&s, "records"), 1752);
    assert_eq!(n(&s, "imported"), 1752);
    assert_eq!(
        n(&s, "incidents_created"),
        1752,
        "VCDB records stay distinct"
    );
    let r = reasons(&s);
    assert_eq!(r.len(), 4);
    assert!(r.iter().all(|x| x.contains("victim_id")), "{r:?}");
    assert!(s["rejected"][0]["file"]
        .as_str()
        .unwrap()
        .ends_with(".json"));

    // HIBP: 875 breaches, all importable.
    let s = import(&db, "hibp", &refs(&hibp));
    assert_eq!(
        (n(&s, "records"), n(&s, "imported"), reasons(&s).len()),
        (875, 875, 0)
    );
    assert_eq!(n(&s, "incidents_created") + n(&s, "incidents_merged"), 875);

    // PRC: 5,280 + 810 rows; 3 rows repeat another row of the same export exactly.
    let s = import(&db, "prc", &refs(&prc));
    assert_eq!(n(&s, "records"), 6090);
    assert_eq!(n(&s, "imported"), 6087);
    assert_eq!(n(&s, "skipped"), 3);
    assert!(reasons(&s).is_empty(), "{:?}", reasons(&s));
    // The two exports overlap (2015–2017): the same breach in both is one incident.
    assert!(n(&s, "incidents_merged") >= 600, "{s}");

    // ransomwatch: 22 posts; two site announcements and two masked names are rejected.
    let s = import(&db, "ransomwatch", &refs(&rw));
    assert_eq!((n(&s, "records"), n(&s, "imported")), (18, 18));
    let mut r = reasons(&s);
    r.sort();
    assert_eq!(
        r,
        [
            "an announcement of the leak site, not a victim",
            "an announcement of the leak site, not a victim",
            "victim name masked by the leak site",
            "victim name masked by the leak site",
        ]
    );
    // CAPCOM was posted twice; VV&A and VVandA are one victim.
    assert_eq!(n(&s, "incidents_merged"), 2);

    let before = json(&run(&db, &["list", "--json"]))
        .as_array()
        .unwrap()
        .len();
    for (format, paths) in [
        ("vcdb", refs(&vcdb)),
        ("hibp", refs(&hibp)),
        ("prc", refs(&prc)),
        ("ransomwatch", refs(&rw)),
    ] {
        let again = import(&db, format, &paths);
        assert_eq!(n(&again, "imported"), 0, "{format}: second import");
        assert_eq!(n(&again, "skipped"), n(&again, "records"), "{format}");
        assert_eq!(n(&again, "incidents_created"), 0, "{format}");
    }
    let after = json(&run(&db, &["list", "--json"]))
        .as_array()
        .unwrap()
        .len();
    assert_eq!(before, after);

    // A claimed incident: ransomware, unconfirmed, the group as attacker.
    let capcom = json(&run(&db, &["list", "--org", "CAPCOM", "--json"]));
    let id = capcom[0]["id"].as_i64().unwrap().to_string();
    assert_eq!(capcom[0]["sources"], 2);
    let shown = json(&run(&db, &["show", &id, "--json"]));
    let text = shown.to_string();
    assert!(text.contains("ragnarlocker"), "{text}");
    assert!(text.contains("\"confirmed\":false"), "{text}");
}

#[test]
fn a_press_release_and_a_dataset_record_are_one_incident_with_two_sources() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pr.db");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/documents");
    run(&db, &["ingest", examples.to_str().unwrap()]);
    let before = json(&run(&db, &["list", "--org", "みなと物流", "--json"]));
    assert_eq!(before.as_array().unwrap().len(), 1);
    assert_eq!(before[0]["sources"], 3);
    let csv = dir.path().join("feed.csv");
    std::fs::write(
        &csv,
        "Victim,Kind,Published,Link\n株式会社みなと物流,ransomware,2025-08-20,https://example.org/minato\n,loss,2025-01-01,\n",
    )
    .unwrap();
    let map = [
        "--map",
        "Victim=organization",
        "--map",
        "Kind=cause",
        "--map",
        "Published=disclosed",
        "--map",
        "Link=url",
    ];
    let mut args = vec!["import", "csv", csv.to_str().unwrap(), "--json"];
    args.extend(map);
    let s = json(&run(&db, &args));
    assert_eq!((n(&s, "imported"), n(&s, "incidents_merged")), (1, 1));
    assert_eq!(s["rejected"][0]["line"], 3);
    assert_eq!(s["rejected"][0]["reason"], "no organization");
    let after = json(&run(&db, &["list", "--org", "みなと物流", "--json"]));
    assert_eq!(after.as_array().unwrap().len(), 1);
    assert_eq!(after[0]["sources"], 4);
    let again = json(&run(&db, &args));
    assert_eq!(n(&again, "imported"), 0);
    // Re-extraction leaves the imported record alone.
    run(&db, &["reextract"]);
    let after = json(&run(&db, &["list", "--org", "みなと物流", "--json"]));
    assert_eq!(after[0]["sources"], 4);
}

#[test]
fn jsonl_export_import_export_is_identical() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/documents");
    run(&a, &["ingest", examples.to_str().unwrap()]);
    let csv = dir.path().join("x.csv");
    std::fs::write(
        &csv,
        "organization,cause,affected_count,data_types,disclosed,url\n株式会社みなと物流,ransomware,38600,name;address,2025-08-20,https://example.org/m\nExample Holdings,phishing,12,email,2024-02-03,\n",
    )
    .unwrap();
    run(&a, &["import", "csv", csv.to_str().unwrap()]);
    if let Some(ext) = external() {
        run(
            &a,
            &[
                "import",
                "ransomwatch",
                ext.join("ransomwatch/posts_sample.json").to_str().unwrap(),
            ],
        );
        run(
            &a,
            &[
                "import",
                "vcdb",
                ext.join("vcdb/modern-sample").to_str().unwrap(),
            ],
        );
    }
    let first = dir.path().join("a.jsonl");
    run(
        &a,
        &[
            "export",
            "--format",
            "jsonl",
            "--out",
            first.to_str().unwrap(),
        ],
    );
    let b = dir.path().join("b.db");
    let s = import(&b, "jsonl", &[first.as_path()]);
    assert!(reasons(&s).is_empty(), "{:?}", reasons(&s));
    let second = dir.path().join("b.jsonl");
    run(
        &b,
        &[
            "export",
            "--format",
            "jsonl",
            "--out",
            second.to_str().unwrap(),
        ],
    );
    let one = std::fs::read_to_string(&first).unwrap();
    let two = std::fs::read_to_string(&second).unwrap();
    assert!(one.lines().count() >= 20, "{}", one.lines().count());
    for (x, y) in one.lines().zip(two.lines()) {
        assert_eq!(x, y);
    }
    assert_eq!(one, two);
    // Importing the export again, into either database, adds nothing.
    assert_eq!(n(&import(&b, "jsonl", &[first.as_path()]), "imported"), 0);
    assert_eq!(n(&import(&a, "jsonl", &[first.as_path()]), "imported"), 0);
}

#[test]
fn vcdb_to_veris_keeps_actor_action_variety_and_records() {
    let Some(ext) = external() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let src = ext.join("vcdb/modern-sample");
    run(&db, &["import", "vcdb", src.to_str().unwrap()]);
    let out = dir.path().join("veris");
    run(
        &db,
        &[
            "export",
            "--format",
            "veris",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let mut checked = 0;
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let original: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let id = original["incident_id"].as_str().unwrap();
        let exported: Value = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| {
                serde_json::from_str::<Value>(&std::fs::read_to_string(e.unwrap().path()).unwrap())
                    .unwrap()
            })
            .find(|v| v["plus"]["leakwatch"]["sources"][0]["record_id"] == id)
            .unwrap_or_else(|| panic!("no export of {id}"));
        for part in ["actor", "action"] {
            let o = original[part].as_object().unwrap();
            let e = exported[part].as_object().unwrap();
            let keys = |m: &serde_json::Map<String, Value>| m.keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(o), keys(e), "{id}: {part} kinds");
            for (kind, detail) in o {
                if let Some(v) = detail.get("variety") {
                    assert_eq!(&e[kind]["variety"], v, "{id}: {part}.{kind}.variety");
                }
            }
        }
        let oc = &original["attribute"]["confidentiality"];
        let ec = &exported["attribute"]["confidentiality"];
        assert_eq!(ec["data_total"], oc["data_total"], "{id}: records");
        // (A ransomware record may state no confidentiality at all.)
        for d in oc["data"].as_array().into_iter().flatten() {
            assert!(
                ec["data"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x["variety"] == d["variety"] && x.get("amount") == d.get("amount")),
                "{id}: data {d}"
            );
        }
        assert_eq!(
            exported["victim"]["victim_id"],
            original["victim"]["victim_id"]
        );
        checked += 1;
    }
    assert_eq!(checked, 3);
}

#[test]
fn exports_write_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/documents");
    run(&db, &["ingest", examples.to_str().unwrap()]);
    let csv = json_free(run(&db, &["export", "--format", "csv", "--bom"]));
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].ends_with("uid,organization,aliases,cause,affected_count,affected_qualifier,affected_unit,data_types,card_data,confirmed,occurred,detected,disclosed,reported_police,reported_ppc,reported_on,attacker,regulator_action,financial_impact_jpy,related,sources,url"));
    let count = json(&run(&db, &["list", "--json"]))
        .as_array()
        .unwrap()
        .len();
    assert_eq!(lines.len(), count + 1);
    let since = json_free(run(
        &db,
        &["export", "--format", "csv", "--since", "2025-10-01"],
    ));
    assert!(since.lines().count() < lines.len());
    let stix = json(&run(&db, &["export", "--format", "stix"]));
    assert_eq!(stix["type"], "bundle");
    let objects = stix["objects"].as_array().unwrap();
    let incidents = objects.iter().filter(|o| o["type"] == "incident").count();
    assert_eq!(incidents, count);
    assert!(objects.iter().any(|o| o["type"] == "note"));
    assert!(objects.iter().any(|o| o["type"] == "report"));
    // Deterministic.
    assert_eq!(stix, json(&run(&db, &["export", "--format", "stix"])));
    let misp = json(&run(&db, &["export", "--format", "misp"]));
    assert_eq!(misp.as_array().unwrap().len(), count);
    let veris = json(&run(&db, &["export", "--format", "veris"]));
    assert_eq!(veris.as_array().unwrap().len(), count);
}

fn json_free(out: Output) -> String {
    String::from_utf8(out.stdout).unwrap()
}
