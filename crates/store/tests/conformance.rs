//! The conformance suite: one story (`conformance/story.rs` — ingest, resolve, correct, merge,
//! split, re-extract, search, the queries reports use, watchlists, alerts, sources) run against
//! every backend. SQLite always; PostgreSQL when `LEAKWATCH_TEST_POSTGRES` holds a URL (each test
//! gets a fresh database created there) — otherwise the PostgreSQL tests print a notice and
//! pass. `bench/with-postgres.sh cargo test -p leakwatch-store --test conformance` runs both.

#[path = "conformance/story.rs"]
mod story;

use leakwatch_store::SqlStore;

/// A fresh SQLite file.
fn sqlite_store() -> (tempfile::TempDir, SqlStore) {
    let dir = tempfile::tempdir().unwrap();
    let s = SqlStore::open(&dir.path().join("lw.db")).unwrap();
    (dir, s)
}

/// The URL of a fresh, empty PostgreSQL database, or None (with a notice) when
/// `LEAKWATCH_TEST_POSTGRES` is unset.
pub fn fresh_postgres_url(test: &str) -> Option<String> {
    let Ok(base) = std::env::var("LEAKWATCH_TEST_POSTGRES") else {
        eprintln!("skipped {test} on PostgreSQL: LEAKWATCH_TEST_POSTGRES is unset");
        return None;
    };
    let name = format!(
        "lw_{}_{}",
        test.chars().take(40).collect::<String>(),
        std::process::id()
    );
    let mut admin = ::postgres::Client::connect(&base, ::postgres::NoTls).unwrap();
    for sql in [
        format!("DROP DATABASE IF EXISTS {name}"),
        format!("CREATE DATABASE {name}"),
    ] {
        admin.batch_execute(&sql).unwrap();
    }
    Some(with_dbname(&base, &name))
}

/// `base` with its database name replaced (`scheme://user@host/DB?params`).
fn with_dbname(base: &str, name: &str) -> String {
    let (head, query) = match base.split_once('?') {
        Some((h, q)) => (h, format!("?{q}")),
        None => (base, String::new()),
    };
    let authority_start = head.find("://").map_or(0, |i| i + 3);
    let path_start = head[authority_start..]
        .find('/')
        .map_or(head.len(), |i| authority_start + i);
    format!("{}/{name}{query}", &head[..path_start])
}

macro_rules! suite {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    let (_dir, mut s) = super::sqlite_store();
                    super::story::$name(&mut s);
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    let Some(url) = super::fresh_postgres_url(stringify!($name)) else {
                        return;
                    };
                    let mut s = leakwatch_store::SqlStore::connect_postgres(&url).unwrap();
                    super::story::$name(&mut s);
                }
            )*
        }
    };
}

suite!(
    second_report_with_larger_count_merges_into_the_first,
    one_batch_resolves_like_documents_one_at_a_time,
    same_company_years_apart_stays_two_incidents,
    brand_name_report_merges_with_operator_report,
    roundup_citing_known_incidents_adds_sources_not_incidents,
    processor_leak_is_indirect_for_its_clients,
    corrections_merge_and_split_are_audited_and_survive_reextraction,
    reextraction_removes_incidents_nothing_supports_and_keeps_corrected_ones,
    sources_state_and_seen_items_round_trip,
    alerts_are_unique_per_state_and_deliveries_tracked,
    watch_entries_are_unique_per_list,
    search_and_report_queries,
    accounts_and_tokens_round_trip,
    update_times_follow_writes,
    keyset_pages_walk_the_listing,
);

#[test]
fn sqlite_concurrent_ingesters_never_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lw.db");
    story::concurrent_ingesters_never_duplicate(&|| SqlStore::open(&path).unwrap());
}

#[test]
fn postgres_concurrent_ingesters_never_duplicate() {
    let Some(url) = fresh_postgres_url("concurrent_ingesters") else {
        return;
    };
    story::concurrent_ingesters_never_duplicate(&|| SqlStore::connect_postgres(&url).unwrap());
}

#[test]
fn database_names_are_replaced_in_urls() {
    assert_eq!(
        with_dbname("postgresql://postgres@/postgres?host=/tmp/x", "lw_a"),
        "postgresql://postgres@/lw_a?host=/tmp/x"
    );
    assert_eq!(
        with_dbname("postgres://u:p@h:5/db", "n"),
        "postgres://u:p@h:5/n"
    );
    assert_eq!(with_dbname("postgres://h", "n"), "postgres://h/n");
}

#[test]
fn sqlite_has_no_short_terms_to_complete() {
    let (_dir, mut s) = sqlite_store();
    story::short_terms_completed_after_an_upgrade(&mut s, None);
}

#[test]
fn postgres_short_terms_completed_after_an_upgrade() {
    let Some(url) = fresh_postgres_url("short_terms_upgrade") else {
        return;
    };
    let mut s = SqlStore::connect_postgres(&url).unwrap();
    let mut raw = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
    story::short_terms_completed_after_an_upgrade(&mut s, Some(&mut raw));
}
