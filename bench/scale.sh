#!/usr/bin/env bash
# Scale benchmark (issue 12): ingest N synthetic documents (bench/gen-corpus.py) in ten equal
# slices, timing each (is the last slice as fast as the first?), then the database size against
# the text, search and report-input latencies (crates/store/examples/scale_queries.rs), the
# `report --month` command, and whole-pipeline `extract` throughput on one core and on all.
#
#   bench/scale.sh [N] [DB]      N documents (default 100000); DB a file (default: a new
#                                SQLite file under /tmp) or a postgres:// URL of an empty database
#   bench/with-postgres.sh bash -c 'bench/scale.sh 100000 "$LEAKWATCH_TEST_POSTGRES"'
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
DB="${2:-}"

if [ -z "${SKIP_BUILD:-}" ]; then
    cargo build --release -q
    cargo build --release -q -p leakwatch-store --example scale_queries
fi
BIN=target/release/leakwatch
QUERIES=target/release/examples/scale_queries

CORPUS="${CORPUS:-/tmp/lw-scale-corpus-$N}"
if [ ! -s "$CORPUS.bytes" ]; then
    rm -rf "$CORPUS"
    python3 bench/gen-corpus.py "$CORPUS" "$N" > "$CORPUS.bytes"
fi
TEXT_BYTES="$(cat "$CORPUS.bytes")"
if [ -z "$DB" ]; then
    WORK="$(mktemp -d /tmp/lw-scale.XXXXXX)"
    DB="$WORK/scale.db"
fi
echo "corpus: $N documents, $TEXT_BYTES bytes of text ($CORPUS)"
echo "database: $DB"
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }

mapfile -t DIRS < <(ls -d "$CORPUS"/*/ | sort)
SLICES=10
PER=$(( (${#DIRS[@]} + SLICES - 1) / SLICES ))
start="$(now)"
for ((s = 0; s < SLICES; s++)); do
    part=("${DIRS[@]:$((s * PER)):$PER}")
    [ "${#part[@]}" -eq 0 ] && break
    t0="$(now)"
    "$BIN" --quiet --db "$DB" ingest "${part[@]}" || true
    t1="$(now)"
    echo "ingest slice $((s + 1)) (${#part[@]} directories): $(secs "$t0" "$t1") s"
done
echo "ingest total: $(secs "$start" "$(now)") s"

case "$DB" in
    postgres://* | postgresql://*)
        size="$(psql "$DB" -Atc 'SELECT pg_database_size(current_database())')" ;;
    *)
        size="$(( $(stat -c %s "$DB") + $(stat -c %s "$DB-wal" 2>/dev/null || echo 0) ))" ;;
esac
echo "database size: $size bytes = $(python3 -c "print(f'{$size / $TEXT_BYTES:.2f}')") x the text"

"$QUERIES" "$DB" 20

month="$("$BIN" --db "$DB" list --json --limit 1 | python3 -c 'import json,sys; l=json.load(sys.stdin); print((l[0]["reported_on"] or "2025-09-01")[:7] if l else "2025-09")')"
t0="$(now)"
"$BIN" --db "$DB" report --month "$month" --format json > /dev/null
echo "report --month $month: $(secs "$t0" "$(now)") s"

# Whole-pipeline extraction (read, decode, clean, extract, JSON out) over the first 20 directories.
EXTRACT_DIRS=("${DIRS[@]:0:20}")
bytes="$(find "${EXTRACT_DIRS[@]}" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')"
for threads in 1 "$(nproc)"; do
    t0="$(now)"
    if [ "$threads" = 1 ]; then
        LEAKWATCH_THREADS=1 taskset -c 0 "$BIN" extract --format jsonl "${EXTRACT_DIRS[@]}" > /dev/null
    else
        LEAKWATCH_THREADS="$threads" "$BIN" extract --format jsonl "${EXTRACT_DIRS[@]}" > /dev/null
    fi
    t1="$(now)"
    echo "extract, $threads thread(s): $bytes bytes in $(secs "$t0" "$t1") s = $(python3 -c "print(f'{$bytes / ($t1 - $t0) / 1e6:.1f}')") MB/s"
done
