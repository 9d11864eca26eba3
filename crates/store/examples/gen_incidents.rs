//! A large synthetic database for the query benchmarks (issue 12: `search` and a month's
//! report input over 1,000,000 incidents), written through the store's real ingest path
//! (resolution, incidents, sources, evidence, full-text index) but with hand-built
//! extractions instead of the extractor, which would take hours at this size.
//!
//!     cargo run --release -p leakwatch-store --example gen_incidents -- DB N [SEED]
//!
//! Document i names a synthetic organisation of its own (four katakana syllables and a kind:
//! every incident distinct), in a short Japanese notice (≈ 600 bytes) whose words vary with i
//! so search terms are found in realistic shares of documents; causes, counts, data types and
//! dates (2015–2025) vary too. Every 50th document is a follow-up report on the previous one
//! (resolution merges it). Deterministic for a given seed. DB is a file path or a
//! postgres:// URL. Prints progress and the time taken per 10 % of the documents.

use chrono::{Days, NaiveDate};
use leakwatch_model::{
    AffectedCount, CandidateIncident, Cause, CountQualifier, DataType, DateKind, DatedEvent, DocId,
    Document, Extraction, Field, Language, MediaType, Origin,
};
use leakwatch_resolve::Resolver;
use leakwatch_store::{open_sql, DbLocation, Store};
use std::path::Path;
use std::time::Instant;

const KANA: &[&str] = &[
    "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ", "シ", "ス", "セ", "ソ", "タ",
    "チ", "ツ", "テ", "ト", "ナ", "ニ", "ヌ", "ネ", "ノ", "ハ", "ヒ", "フ", "ヘ", "ホ", "マ", "ミ",
    "ム", "メ", "モ", "ヤ", "ユ", "ヨ", "ラ", "リ", "ル", "レ", "ロ", "ワ",
];
const KINDS: &[&str] = &[
    "商事",
    "工業",
    "物流",
    "システムズ",
    "食品",
    "電機",
    "薬品",
    "サービス",
];
const WHAT: &[(&str, Cause)] = &[
    ("外部からの不正アクセスを受け", Cause::UnauthorizedAccess),
    ("ランサムウェアに感染し", Cause::Ransomware),
    ("メールの誤送信により", Cause::Misdelivery),
    ("業務用パソコンを紛失し", Cause::Loss),
    ("委託先への不正アクセスにより", Cause::UnauthorizedAccess),
    ("元従業員による持ち出しで", Cause::Insider),
    ("フィッシングメールにより", Cause::Phishing),
    (
        "設定の誤りにより閲覧可能な状態となり",
        Cause::Misconfiguration,
    ),
];
const DATA: &[(&str, DataType)] = &[
    ("氏名", DataType::Name),
    ("住所", DataType::Address),
    ("電話番号", DataType::Phone),
    ("メールアドレス", DataType::Email),
    ("クレジットカード番号", DataType::CardNumber),
    ("生年月日", DataType::BirthDate),
];

/// A small deterministic generator (SplitMix64).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn org_name(i: usize) -> String {
    let mut n = i;
    let mut s = String::from("株式会社");
    for _ in 0..4 {
        s.push_str(KANA[n % KANA.len()]);
        n /= KANA.len();
    }
    s.push_str(KINDS[n % KINDS.len()]);
    s
}

fn f<T>(v: T) -> Field<T> {
    Field::new(v, 0.9, "synthetic", None)
}

/// Document `i` and its extraction (`org` is the organisation it reports on).
fn document(i: usize, org: usize, rng: &mut Rng) -> (Document, Extraction) {
    let base = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
    let published = base + Days::new((org as u64 * 7919) % 4000);
    let occurred = published - Days::new(10 + rng.below(60) as u64);
    let (what, cause) = WHAT[rng.below(WHAT.len())];
    let count = 10 + rng.below(200_000) as u64;
    let mut kinds: Vec<(&str, DataType)> = Vec::new();
    for _ in 0..(1 + rng.below(4)) {
        let d = DATA[rng.below(DATA.len())];
        if !kinds.iter().any(|k| k.1 == d.1) {
            kinds.push(d);
        }
    }
    let name = org_name(org);
    let follow_up = i != org;
    let text = format!(
        "{title}\n{date}\n{name}\n\nこのたび、当社のサーバーが{what}、お客様の個人情報が漏洩した可能性があることが判明しました。\
         対象は{count}名分の{items}です。{occ}に異常を検知し、直ちに外部との通信を遮断いたしました。\
         現在、外部の専門機関とともに調査を進めております。お客様には多大なるご迷惑とご心配をおかけしますことを深くお詫び申し上げます。\
         整理番号{i}。\n",
        title = if follow_up {
            "不正アクセスに関するお知らせ(第2報)"
        } else {
            "個人情報漏洩に関するお詫びとお知らせ"
        },
        date = published.format("%Y年%m月%d日"),
        items = kinds.iter().map(|k| k.0).collect::<Vec<_>>().join("、"),
        occ = occurred.format("%Y年%m月%d日"),
    );
    let doc = Document {
        id: DocId::from(format!("gen-{i:07}").as_str()),
        origin: Origin::File {
            path: format!("gen/{i:07}.txt").into(),
        },
        media_type: MediaType::Text,
        encoding: "UTF-8".into(),
        title: Some(text.lines().next().unwrap_or_default().to_string()),
        published: Some(published),
        language: Language::Ja,
        content_hash: format!("gen-{i:07}"),
        text,
    };
    let mut c = CandidateIncident::new(f(name));
    c.cause = Some(f(cause));
    c.affected = Some(f(AffectedCount {
        value: if follow_up { count + 100 } else { count },
        qualifier: CountQualifier::Exact,
        unit: "名".into(),
    }));
    c.data_types = kinds.iter().map(|k| f(k.1)).collect();
    c.dates.push(f(DatedEvent {
        kind: DateKind::Occurred,
        date: occurred,
    }));
    let extraction = Extraction {
        doc_id: doc.id.clone(),
        language: Language::Ja,
        published: Some(published),
        extractor_version: "synthetic".into(),
        incidents: vec![c],
        trace: vec![],
    };
    (doc, extraction)
}

fn main() {
    if let Err(e) = run() {
        eprintln!("gen_incidents: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: gen_incidents DB N [SEED]";
    let db = args.get(1).ok_or(usage)?;
    let n_arg = args.get(2).ok_or(usage)?;
    let n: usize = n_arg
        .parse()
        .map_err(|e| format!("N '{n_arg}' is not a number of documents: {e}\n{usage}"))?;
    let seed: u64 = match args.get(3) {
        Some(s) => s
            .parse()
            .map_err(|e| format!("SEED '{s}' is not a number: {e}\n{usage}"))?,
        None => 1,
    };
    let mut store = open_sql(&DbLocation::parse(Path::new(db))?)?;
    store.relax_durability()?;
    let mut rng = Rng(seed);
    let start = Instant::now();
    let mut tenth = Instant::now();
    let batch = 1000;
    let mut org = 0usize;
    let mut i = 0usize;
    while i < n {
        let mut items = Vec::with_capacity(batch);
        for _ in 0..batch.min(n - i) {
            // Every 50th document follows up the previous organisation's report.
            if i % 50 != 49 {
                org = i;
            }
            items.push(document(i, org, &mut rng));
            i += 1;
        }
        store.ingest_resolved_many(&items, &Resolver)?;
        if i.is_multiple_of((n / 10).max(1)) || i == n {
            println!(
                "{i} documents: {:.1} s for this tenth, {:.1} s in all",
                tenth.elapsed().as_secs_f64(),
                start.elapsed().as_secs_f64()
            );
            tenth = Instant::now();
        }
    }
    store.index_pending()?;
    store.end_bulk_load()?;
    let counts = store.counts()?;
    println!(
        "database: {} documents, {} incidents, {} sources in {:.1} s",
        counts.documents,
        counts.incidents,
        counts.sources,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
