//! Query latencies over a large database (bench/scale.sh): `search` for a fixed mix of long
//! and short Japanese terms, and the month's incidents a report reads.
//!
//!     cargo run --release -p leakwatch-store --example scale_queries -- DB [ROUNDS]
//!
//! DB is a file path or a postgres:// URL. Prints p50/p95/max per kind, in milliseconds.

use leakwatch_model::IncidentFilter;
use leakwatch_store::{open_sql, DbLocation, Store};
use std::path::Path;
use std::time::Instant;

const QUERIES: &[&str] = &[
    "不正アクセス",
    "ランサムウェア",
    "誤送信",
    "漏洩",
    "流出",
    "個人情報",
    "メールアドレス",
    "クレジットカード",
    "委託先 不正アクセス",
    "紛失",
    "被害 漏洩",
    "lockbit",
];

fn pct(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v.get(i).copied().unwrap_or(f64::NAN)
}

fn report(kind: &str, times: Vec<f64>) {
    println!(
        "{kind}: n={} p50={:.2} ms p95={:.2} ms max={:.2} ms",
        times.len(),
        pct(times.clone(), 0.5),
        pct(times.clone(), 0.95),
        pct(times, 1.0)
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let db = args.get(1).ok_or("usage: scale_queries DB [ROUNDS]")?;
    let rounds: usize = args.get(2).map_or(Ok(10), |r| r.parse())?;
    let store = open_sql(&DbLocation::parse(Path::new(db))?)?;
    let counts = store.counts()?;
    println!(
        "database: {} documents, {} incidents, {} sources",
        counts.documents, counts.incidents, counts.sources
    );
    let mut search = Vec::new();
    let mut hits = 0usize;
    for _ in 0..rounds {
        for q in QUERIES {
            let t = Instant::now();
            hits += store.search(q, 20)?.len();
            search.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    report("search (20 hits)", search);
    println!("search hits returned: {hits}");
    let mut month = Vec::new();
    let mut n = 0;
    for m in 1..=12 {
        let since = chrono::NaiveDate::from_ymd_opt(2025, m, 1).ok_or("date")?;
        let until = since + chrono::Months::new(1) - chrono::Days::new(1);
        let t = Instant::now();
        n += store
            .list_incidents(&IncidentFilter {
                since: Some(since),
                until: Some(until),
                ..Default::default()
            })?
            .len();
        month.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    report("a month's incidents (report input)", month);
    println!("incidents in 2025 months: {n}");
    Ok(())
}
