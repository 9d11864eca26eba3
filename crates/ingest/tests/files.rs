//! End-to-end ingest tests: real files in a temporary directory, in every encoding and markup
//! the crate handles, plus the shared corpus when it is present.

use chrono::NaiveDate;
use encoding_rs::{Encoding, EUC_JP, ISO_2022_JP, SHIFT_JIS};
use leakwatch_ingest::{discover, load_file, read_file, IngestError, Limits};
use leakwatch_model::{Document, Language, MediaType};
use std::fs;
use std::path::{Path, PathBuf};

const TITLE: &str = "株式会社サンプル商事 お客様情報の流出に関するお詫び";
const SENTENCE: &str =
    "このたび、当社が運営する通販サイトにおいて、第三者による不正アクセスが確認されました。";

fn release() -> String {
    format!(
        "{TITLE}\n2025年10月29日\n\n{SENTENCE}\n流出した可能性のある件数は最大3,200件です。\n\
         お客様には多大なるご迷惑をおかけしましたことを深くお詫び申し上げます。\n"
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create dirs");
    }
    fs::write(&path, bytes).expect("write file");
    path
}

fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
    let (bytes, _, had_errors) = enc.encode(s);
    assert!(!had_errors, "sample must be encodable in {}", enc.name());
    bytes.into_owned()
}

fn load(path: &Path) -> Document {
    load_file(path, &Limits::default())
        .unwrap_or_else(|e| panic!("{} should load: {e}", path.display()))
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn assert_release(doc: &Document, encoding: &str) {
    assert_eq!(doc.encoding, encoding);
    assert_eq!(doc.title.as_deref(), Some(TITLE));
    assert_eq!(doc.published, date(2025, 10, 29));
    assert_eq!(doc.language, Language::Ja);
    assert!(doc.text.contains(SENTENCE), "{}", doc.text);
    assert!(doc.text.contains("最大3,200件"));
}

#[test]
fn legacy_japanese_encodings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = release();
    let cases: [(&str, &'static Encoding, &str); 3] = [
        ("sjis.txt", SHIFT_JIS, "Shift_JIS"),
        ("eucjp.txt", EUC_JP, "EUC-JP"),
        ("jis.txt", ISO_2022_JP, "ISO-2022-JP"),
    ];
    let mut hashes = Vec::new();
    for (name, enc, expected) in cases {
        let path = write(dir.path(), name, &encode(enc, &text));
        let doc = load(&path);
        assert_release(&doc, expected);
        assert_eq!(doc.media_type, MediaType::Text);
        assert_eq!(doc.id.0, name.trim_end_matches(".txt"));
        hashes.push(doc.content_hash);
    }
    let utf8 = load(&write(dir.path(), "utf8.txt", text.as_bytes()));
    assert_release(&utf8, "UTF-8");
    // The same content in any encoding is the same document.
    assert!(hashes.iter().all(|h| *h == utf8.content_hash));
}

#[test]
fn byte_order_marks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = release().replace('\n', "\r\n");

    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    let doc = load(&write(dir.path(), "utf16le.txt", &le));
    assert_release(&doc, "UTF-16LE");
    assert!(!doc.text.contains('\r'));
    let doc = load(&write(dir.path(), "utf16be.txt", &be));
    assert_release(&doc, "UTF-16BE");

    let mut bom8 = b"\xEF\xBB\xBF".to_vec();
    bom8.extend_from_slice(text.as_bytes());
    let doc = load(&write(dir.path(), "utf8bom.txt", &bom8));
    assert_release(&doc, "UTF-8");
    assert!(doc.text.starts_with(TITLE), "BOM must be stripped");
}

#[test]
fn full_width_and_half_width_are_normalised() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = "ﾃｽﾄ株式会社のお知らせ\n件数は１２，３４５件、ＩＤは　ＡＢＣ１２３。  \n";
    let doc = load(&write(dir.path(), "nfkc.txt", &encode(SHIFT_JIS, body)));
    assert_eq!(doc.title.as_deref(), Some("テスト株式会社のお知らせ"));
    assert!(
        doc.text.contains("件数は12,345件、IDは ABC123。"),
        "{}",
        doc.text
    );
    assert!(!doc.text.lines().any(|l| l.ends_with(' ')));
}

#[test]
fn html_in_shift_jis_with_meta_charset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let html = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"shift_jis\">\
         <title>{TITLE}</title></head><body><h1>{TITLE}</h1>\
         <p class=\"date\">2025年10月29日</p><p>{SENTENCE}</p>\
         <p>流出した可能性のある件数は最大3,200件です。</p></body></html>"
    );
    let path = write(dir.path(), "sjis.html", &encode(SHIFT_JIS, &html));
    let doc = load(&path);
    assert_eq!(doc.media_type, MediaType::Html);
    assert_release(&doc, "Shift_JIS");
    assert!(
        doc.text
            .starts_with(&format!("{TITLE}\n\n2025年10月29日\n\n")),
        "{}",
        doc.text
    );

    // Same page, old-style http-equiv declaration, EUC-JP, .htm extension.
    let html = html.replace(
        "<meta charset=\"shift_jis\">",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=EUC-JP\">",
    );
    let doc = load(&write(dir.path(), "eucjp.HTM", &encode(EUC_JP, &html)));
    assert_release(&doc, "EUC-JP");
}

#[test]
fn html_boilerplate_is_dropped_and_the_article_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let html = format!(
        r#"<html lang="ja"><head><meta charset="utf-8"><title>{TITLE} | サンプル商事</title>
<meta property="article:published_time" content="2025-10-29T09:30:00+09:00">
<script>window.dataLayer = ["スクリプトの中身"];</script>
<style>.x {{ content: "スタイルの中身"; }}</style></head>
<body>
<header><p>サイトヘッダー</p></header>
<nav class="global-nav"><a href="/">トップ</a> <a href="/news">ニュース一覧</a></nav>
<div id="sidebar"><h3>人気記事ランキング</h3><ol><li>関係のない記事</li></ol></div>
<article>
  <h1>{TITLE}</h1>
  <p>{SENTENCE}</p>
  <p>対象となるお客様には個別にご連絡いたします。</p>
</article>
<aside>関連記事のリンク</aside>
<footer>&copy; サンプル商事 フッター</footer>
<noscript>JavaScriptを有効にしてください</noscript>
</body></html>"#
    );
    let doc = load(&write(dir.path(), "page.html", html.as_bytes()));
    assert_eq!(doc.encoding, "UTF-8");
    assert_eq!(
        doc.title.as_deref(),
        Some(format!("{TITLE} | サンプル商事").as_str())
    );
    assert_eq!(doc.published, date(2025, 10, 29));
    assert!(doc.text.contains(SENTENCE));
    assert!(doc
        .text
        .contains("対象となるお客様には個別にご連絡いたします。"));
    for gone in [
        "スクリプト",
        "スタイル",
        "サイトヘッダー",
        "ニュース一覧",
        "ランキング",
        "関連記事",
        "フッター",
        "JavaScript",
    ] {
        assert!(
            !doc.text.contains(gone),
            "{gone:?} should be dropped:\n{}",
            doc.text
        );
    }
    // Title line first, then the article (which repeats the headline).
    assert!(doc
        .text
        .starts_with(&format!("{TITLE} | サンプル商事\n\n{TITLE}\n\n")));
}

#[test]
fn html_time_datetime() {
    let dir = tempfile::tempdir().expect("tempdir");
    let html = format!(
        "<html><head><title>{TITLE}</title></head><body><main>\
         <p>公開 <time datetime=\"2024-09-05T10:00\">2024年9月5日</time></p>\
         <p>{SENTENCE}</p></main></body></html>"
    );
    let doc = load(&write(dir.path(), "time.html", html.as_bytes()));
    assert_eq!(doc.published, date(2024, 9, 5));
    assert!(doc.text.contains(SENTENCE));
}

#[test]
fn html_sniffed_from_content_whatever_the_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let html = format!("<!doctype html><html><head><title>{TITLE}</title></head><body><p>{SENTENCE}</p></body></html>");
    let path = write(dir.path(), "saved_page.txt", html.as_bytes());
    let raw = read_file(&path, &Limits::default()).expect("reads");
    assert_eq!(raw.media_type, MediaType::Html);
    let doc = load(&path);
    assert_eq!(doc.text, format!("{TITLE}\n\n{SENTENCE}"));
}

#[test]
fn markdown_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let md = format!(
        "# {TITLE}\n\n公開日:2025年10月29日\n\n{SENTENCE}\n\n\
         ## 流出した情報\n\n- **氏名**、*住所*\n- 詳細は[お知らせページ](https://example.jp/news)を参照\n"
    );
    let doc = load(&write(dir.path(), "release.md", md.as_bytes()));
    assert_eq!(doc.media_type, MediaType::Markdown);
    assert_eq!(doc.title.as_deref(), Some(TITLE));
    assert_eq!(doc.published, date(2025, 10, 29));
    assert!(doc.text.starts_with(TITLE));
    assert!(doc.text.contains(SENTENCE));
    assert!(doc.text.contains("\n流出した情報\n"));
    assert!(doc.text.contains("- 氏名、住所"));
    assert!(doc.text.contains("- 詳細はお知らせページを参照"));
    assert!(!doc.text.contains('#') && !doc.text.contains("https://"));
}

#[test]
fn rejected_inputs() {
    let dir = tempfile::tempdir().expect("tempdir");

    let empty = write(dir.path(), "empty.txt", b"");
    assert!(matches!(
        load_file(&empty, &Limits::default()),
        Err(IngestError::Empty { .. })
    ));
    let blank = write(dir.path(), "blank.txt", "  \r\n\u{3000}\n\t\n".as_bytes());
    assert!(matches!(
        load_file(&blank, &Limits::default()),
        Err(IngestError::Empty { .. })
    ));

    let png = write(
        dir.path(),
        "image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    );
    assert!(matches!(
        load_file(&png, &Limits::default()),
        Err(IngestError::Binary { .. })
    ));
    let nul = write(dir.path(), "nul.txt", b"some text\0more text");
    assert!(matches!(
        load_file(&nul, &Limits::default()),
        Err(IngestError::Binary { .. })
    ));

    let big = write(dir.path(), "big.txt", release().as_bytes());
    match load_file(
        &big,
        &Limits {
            max_bytes: 100,
            ..Limits::default()
        },
    ) {
        Err(IngestError::TooLarge { size, limit, path }) => {
            assert_eq!(limit, 100);
            assert_eq!(size, release().len() as u64);
            assert!(path.ends_with("big.txt"));
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }

    let missing = dir.path().join("missing.txt");
    let err = load_file(&missing, &Limits::default()).expect_err("missing");
    assert!(matches!(err, IngestError::NotFound { .. }));
    assert!(err.to_string().contains("missing.txt"));

    let err = load_file(dir.path(), &Limits::default()).expect_err("a directory");
    assert!(matches!(err, IngestError::NotADocument { .. }), "{err}");
}

#[test]
fn random_high_bytes_do_not_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut state = 0x9E37_79B9_u32;
    let bytes: Vec<u8> = (0..20_000)
        .map(|_| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            0x80 | (state >> 24) as u8
        })
        .collect();
    for name in ["noise.txt", "noise.html", "noise.md"] {
        let path = write(dir.path(), name, &bytes);
        match load_file(&path, &Limits::default()) {
            Ok(doc) => assert!(!doc.text.is_empty()),
            Err(e) => assert!(
                matches!(
                    e,
                    IngestError::Undecodable { .. } | IngestError::Binary { .. }
                ),
                "{e}"
            ),
        }
    }
    // Truncated multi-byte sequences in otherwise valid UTF-8 with an HTTP-style declaration.
    let path = write(dir.path(), "cut.txt", &"日本語".as_bytes()[..4]);
    let _ = load_file(&path, &Limits::default());
}

#[test]
fn discover_walks_directories_sorted_and_filtered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    for name in [
        "b.txt",
        "a.HTML",
        "notes.json",
        "c.md",
        "sub/z.htm",
        "sub/y.TXT",
        "sub/image.png",
        "sub/deeper/x.txt",
        "README",
    ] {
        write(root, name, b"x");
    }
    let explicit = write(root, "other/explicit.json", b"{}");
    let found: Vec<PathBuf> = discover(&[root.to_path_buf()])
        .into_iter()
        .map(|r| r.expect("no errors"))
        .collect();
    let rel: Vec<String> = found
        .iter()
        .map(|p| {
            p.strip_prefix(root)
                .expect("under root")
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        rel,
        [
            "a.HTML",
            "b.txt",
            "c.md",
            "sub/deeper/x.txt",
            "sub/y.TXT",
            "sub/z.htm"
        ]
    );
    let mut sorted = found.clone();
    sorted.sort();
    assert_eq!(found, sorted, "output is sorted by path");

    // An explicit file is kept whatever its extension; a missing path is an error naming it.
    let missing = root.join("nope");
    let res = discover(&[explicit.clone(), missing.clone()]);
    assert_eq!(res.len(), 2);
    assert_eq!(res[0].as_ref().ok(), Some(&explicit));
    let err = res[1].as_ref().expect_err("missing");
    assert!(matches!(err, IngestError::NotFound { .. }));
    assert!(err.to_string().contains(&missing.display().to_string()));
}

#[cfg(unix)]
#[test]
fn discover_survives_symlink_loops() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "a/doc.txt", b"x");
    std::os::unix::fs::symlink(root, root.join("a/loop")).expect("symlink");
    std::os::unix::fs::symlink(root.join("a/self"), root.join("a/self")).ok();
    let found: Vec<_> = discover(&[root.to_path_buf()])
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    assert_eq!(found, vec![root.join("a/doc.txt")]);
    let found: Vec<_> = leakwatch_ingest::discover_with(
        &[root.to_path_buf()],
        &leakwatch_ingest::DiscoverOptions { follow_links: true },
    )
    .into_iter()
    .filter_map(Result::ok)
    .collect();
    assert_eq!(found, vec![root.join("a/doc.txt")]);
}

/// The shared corpus: every seed decodes as UTF-8 with a title; `001_*` is dated 2025-10-29; and
/// every stated `published` in the gold files (seeds and dev) is what we find.
#[test]
fn shared_corpus() {
    let base = Path::new("/work/shared/corpus");
    let seeds = base.join("seeds");
    if !seeds.is_dir() {
        eprintln!("skipping: {} not found", seeds.display());
        return;
    }
    let mut checked = 0;
    let mut saw_001 = false;
    for dir in [seeds, base.join("dev")] {
        let Ok(paths) = fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = paths.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            let doc = load(path);
            assert_eq!(doc.encoding, "UTF-8", "{}", path.display());
            assert!(
                doc.title.as_deref().is_some_and(|t| !t.is_empty()),
                "{}",
                path.display()
            );
            if doc.id.0.starts_with("001_") {
                assert_eq!(doc.published, date(2025, 10, 29));
                saw_001 = true;
            }
            if let Some(expected) = gold_published(&path.with_extension("json")) {
                assert_eq!(doc.published, expected, "{}", path.display());
            }
            checked += 1;
        }
    }
    assert!(checked > 0);
    assert!(saw_001, "seed 001 present");
}

/// `Some(date or None)` from a gold file's `"published"` field, None when unreadable.
fn gold_published(path: &Path) -> Option<Option<NaiveDate>> {
    let json = fs::read_to_string(path).ok()?;
    let at = json.find("\"published\"")?;
    let rest = json[at + "\"published\"".len()..]
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    if rest.starts_with("null") {
        return Some(None);
    }
    let value = rest.strip_prefix('"')?.get(..10)?;
    Some(NaiveDate::parse_from_str(value, "%Y-%m-%d").ok())
}
