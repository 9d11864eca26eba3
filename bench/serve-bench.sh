#!/usr/bin/env bash
# Load test of `leakwatch serve` on loopback: builds the release binary, makes the demo
# database, creates a viewer token, starts the server and runs wrk (Debian's `wrk`, installed
# with apt when missing) against
#   GET /api/v1/incidents?limit=50
#   GET /api/v1/search?q=不正アクセス
# printing requests/s and latency for each as a Markdown table row.
#   bench/serve-bench.sh [SECONDS=10] [CONNECTIONS=32] [THREADS=2]
# Environment:
#   DB=FILE              an existing database instead of the demo (e.g. the 100,000-document
#                        one `bench/scale.sh 100000 FILE` builds); a viewer account is added to it
#   INGEST_DURING=DIR    then run the same requests again while `leakwatch ingest DIR` writes to
#                        the same database (rows marked "during ingest")
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-10}"; CONNS="${2:-32}"; THREADS="${3:-2}"
if ! command -v wrk >/dev/null; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q wrk >/dev/null
fi
cargo build --release -q
BIN=target/release/leakwatch
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
if [ -n "${DB:-}" ]; then
    [ -f "$DB" ] || { echo "serve-bench: DB=$DB is not a file" >&2; exit 1; }
    LABEL="$DB"
else
    DB="$WORK/bench.db"
    "$BIN" --quiet --db "$DB" demo >/dev/null
    LABEL="leakwatch demo"
fi
ACCOUNT="bench-$$"
printf 'bench-password\n' | "$BIN" --quiet --db "$DB" user add "$ACCOUNT" --role viewer
TOKEN="$("$BIN" --quiet --db "$DB" token create "$ACCOUNT")"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$BIN" --quiet --db "$DB" serve --listen "127.0.0.1:$PORT" &
SERVER_PID=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
INCIDENTS="$(curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/metrics" | awk '/^leakwatch_incidents /{print $2}')"
DOCS="$(curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/metrics" | awk '/^leakwatch_documents /{print $2}')"
echo "database: $LABEL ($DOCS documents, $INCIDENTS incidents); wrk -t$THREADS -c$CONNS -d${SECS}s on $(nproc) cores"
echo
echo "| request | requests/s | mean latency | p50 | p99 | errors |"
echo "|---|---|---|---|---|---|"
run_all() {
    for path in "/api/v1/incidents?limit=50" "/api/v1/search?q=%E4%B8%8D%E6%AD%A3%E3%82%A2%E3%82%AF%E3%82%BB%E3%82%B9"; do
        shown="$(python3 -c 'import sys,urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$path")"
        out="$(wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$path")"
        rps="$(awk '/^Requests\/sec/{print $2}' <<<"$out")"
        mean="$(awk '/^ +Latency /{print $2; exit}' <<<"$out")"
        p50="$(awk '/^ +50%/{print $2}' <<<"$out")"
        p99="$(awk '/^ +99%/{print $2}' <<<"$out")"
        errs="$(awk '/Non-2xx or 3xx responses/{print $5}' <<<"$out")"
        sock="$(awk '/Socket errors/{print $0}' <<<"$out")"
        echo "| \`GET $shown\`$1 | $rps | $mean | $p50 | $p99 | ${errs:-0}${sock:+ ($sock)} |"
    done
}
run_all ""
if [ -n "${INGEST_DURING:-}" ]; then
    "$BIN" --quiet --db "$DB" ingest "$INGEST_DURING" > "$WORK/ingest.log" 2>&1 &
    INGEST_PID=$!
    sleep 1
    run_all " (during ingest)"
    if kill -0 "$INGEST_PID" 2>/dev/null; then
        echo "(the ingest was still running when the requests ended)"
    else
        echo "(the ingest ended before the requests did: $(tail -1 "$WORK/ingest.log"))"
    fi
    wait "$INGEST_PID" || true
fi
