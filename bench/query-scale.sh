#!/usr/bin/env bash
# Query benchmark at the issue-12 size (1,000,000 incidents): writes N synthetic documents, one
# distinct incident each (every 50th a follow-up that merges), through the store's real ingest
# path with hand-built extractions (crates/store/examples/gen_incidents.rs: the extractor would
# take hours at this size; bench/scale.sh measures ingest with it), then times `search` and a
# month's report input (crates/store/examples/scale_queries.rs) and the `report --month`
# command.
#
#   bench/query-scale.sh [N] [DB]     N documents (default 1000000); DB a new file (default
#                                     under /tmp) or a postgres:// URL of an empty database
#   bench/with-postgres.sh bash -c 'bench/query-scale.sh 1000000 "$LEAKWATCH_TEST_POSTGRES"'
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
DB="${2:-}"
if [ -z "${SKIP_BUILD:-}" ]; then
    cargo build --release -q
    cargo build --release -q -p leakwatch-store --example gen_incidents --example scale_queries
fi
BIN=target/release/leakwatch
EXAMPLES=target/release/examples
if [ -z "$DB" ]; then
    WORK="$(mktemp -d /tmp/lw-query-scale.XXXXXX)"
    DB="$WORK/incidents.db"
fi
echo "database: $DB"
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$EXAMPLES/gen_incidents" "$DB" "$N"
case "$DB" in
    postgres://* | postgresql://*)
        size="$(psql "$DB" -Atc 'SELECT pg_database_size(current_database())')" ;;
    *)
        size="$(( $(stat -c %s "$DB") + $(stat -c %s "$DB-wal" 2>/dev/null || echo 0) ))" ;;
esac
echo "database size: $size bytes"
"$EXAMPLES/scale_queries" "$DB" 20
for month in 2020-06 2024-11; do
    t0="$(date +%s.%N)"
    "$BIN" --db "$DB" report --month "$month" --format json > /dev/null
    echo "report --month $month: $(python3 -c "print(f'{$(date +%s.%N) - $t0:.2f}')") s"
done
