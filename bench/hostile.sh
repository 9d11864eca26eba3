#!/usr/bin/env bash
# Time and memory bounds under hostile input (issue 11), measured on the release binary:
#
#   bench/hostile.sh [BINARY]
#
# 1. deeply nested HTML (10k / 40k / 100k nested <div>, 100k unclosed <div><span><b>, one tag
#    with 50k attributes): `leakwatch extract` wall time and peak RSS;
# 2. gzip bombs in a feed (1 GiB of zeros in ~1 MB; a 85 KB page expanding to 27 MB) beside a
#    good item: `poll --once` wall time, peak RSS, documents stored;
# 3. a webhook that accepts connections and never answers, three alerts: `watch scan` time;
# 4. four concurrent `ingest`s on a fresh database, 30 trials: failures;
# 5. `--config /dev/zero` and `watch import /dev/zero`: time and peak RSS.
#
# Each line prints the measurement and the bound it must stay within; the script exits 1 if a
# bound is broken. Servers listen on 127.0.0.1 only. Set BEFORE=/path/to/old/leakwatch to time
# the nested-HTML cases with another binary too (each capped at 120 s).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
if [ $# -ge 1 ]; then
    BIN=$1
else
    cargo build --release --quiet
    BIN=$ROOT/target/release/leakwatch
fi
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
export LEAKWATCH_CONFIG=$WORK/empty.toml
: >"$LEAKWATCH_CONFIG"
status=0

# measure LABEL BOUND_SECONDS BOUND_MB CMD... — prints wall seconds and peak RSS.
measure() {
    local label=$1 max_s=$2 max_mb=$3
    shift 3
    /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >"$WORK/out" 2>"$WORK/err" || true
    # (GNU time puts "Command exited with non-zero status N" first when the command fails.)
    read -r secs kb < <(tail -n 1 "$WORK/time")
    local mb=$((kb / 1024))
    local verdict=ok
    if awk -v s="$secs" -v m="$max_s" 'BEGIN { exit !(s > m) }' || [ "$mb" -gt "$max_mb" ]; then
        verdict=FAIL
        status=1
    fi
    printf '%-58s %7.2f s %6d MB   (bound %s s, %s MB) %s\n' "$label" "$secs" "$mb" "$max_s" "$max_mb" "$verdict"
}

echo "== 1. nested HTML (leakwatch extract)"
python3 - "$WORK" <<'EOF'
import sys
w = sys.argv[1]
text = "<p>株式会社テスト商事は、不正アクセスにより最大1,234件の個人情報が流出した可能性があると発表した。</p>"
for n in (10_000, 40_000, 100_000):
    open(f"{w}/nested{n}.html", "w").write("<html><body>" + "<div>" * n + text + "</div>" * n + "</body></html>")
open(f"{w}/unclosed.html", "w").write("<html><body>" + "<div><span><b>" * 100_000 + text)
open(f"{w}/attrs.html", "w").write("<html><body><p " + " ".join(f"a{i}=1" for i in range(50_000)) + ">" + text + "</p></body></html>")
EOF
for f in nested10000 nested40000 nested100000 unclosed attrs; do
    size=$(du -k "$WORK/$f.html" | cut -f1)
    measure "$f.html (${size} KB)" 5 300 "$BIN" extract --format jsonl "$WORK/$f.html"
    grep -q 'テスト商事' "$WORK/out" || { echo "   !! text lost"; status=1; }
    if [ -n "${BEFORE:-}" ]; then
        measure "  before: $f.html" 9999 99999 timeout 120 "$BEFORE" extract --format jsonl "$WORK/$f.html"
    fi
done

echo "== 2. gzip bombs in a feed (poll --once, 20 MiB limit)"
python3 - "$WORK" <<'EOF'
import gzip, io, sys
w = sys.argv[1]
buf = io.BytesIO()
with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as g:
    chunk = b"\0" * (1 << 20)
    for _ in range(1024):
        g.write(chunk)
open(f"{w}/bomb.gz", "wb").write(buf.getvalue())
page = ("<html><body><p>" + "あ" * (9 << 20) + "</p></body></html>").encode()
open(f"{w}/big.gz", "wb").write(gzip.compress(page, 9))
EOF
cat >"$WORK/server.py" <<'EOF'
import http.server, socketserver, sys, threading, time
w, mode = sys.argv[1], sys.argv[2]
GOOD = "株式会社テスト商事 お詫び\n\n2025年10月1日\n\n当社は不正アクセスを受け、最大1,234件の個人情報が流出した可能性があります。\n".encode()
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        host = self.headers.get("Host")
        if self.path == "/feed.xml":
            items = "".join(f"<item><title>t</title><link>http://{host}{p}</link></item>" for p in ("/bomb", "/big", "/good"))
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://{host}/</link><description>d</description>{items}</channel></rss>'.encode()
            self.reply(body, "application/rss+xml")
        elif self.path in ("/bomb", "/big"):
            self.reply(open(f"{w}{self.path}.gz", "rb").read(), "text/html; charset=utf-8", gz=True)
        else:
            self.reply(GOOD, "text/plain; charset=utf-8")
    def do_POST(self):
        time.sleep(3600)  # the silent webhook: never answers
    def reply(self, body, ctype, gz=False):
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
s = S(("127.0.0.1", 0), H)
open(f"{w}/port.{mode}", "w").write(str(s.server_address[1]))
s.serve_forever()
EOF
python3 "$WORK/server.py" "$WORK" feed &
for _ in $(seq 50); do [ -s "$WORK/port.feed" ] && break; sleep 0.1; done
PORT=$(cat "$WORK/port.feed")
DB=$WORK/bomb.db
"$BIN" --db "$DB" --quiet source add --rss "http://127.0.0.1:$PORT/feed.xml" >/dev/null
measure "poll --once: 1 GiB bomb + 27 MB page + good item" 30 400 \
    "$BIN" --db "$DB" poll --once --host-delay-ms 0
docs=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from documents').fetchone()[0])" "$DB")
echo "   documents stored: $docs (expected 1: the good item)"
[ "$docs" = 1 ] || status=1

echo "== 3. a webhook that never answers (three alerts, timeout_secs = 10)"
python3 "$WORK/server.py" "$WORK" hook &
for _ in $(seq 50); do [ -s "$WORK/port.hook" ] && break; sleep 0.1; done
HPORT=$(cat "$WORK/port.hook")
printf '[notify]\nstdout = false\nwebhook_url = "http://127.0.0.1:%s/hook"\n' "$HPORT" >"$WORK/hook.toml"
DB=$WORK/hook.db
for n in 1 2 3; do
    printf '株式会社テスト%s商事 お詫び\n\n2025年10月%s日\n\n当社は不正アクセスを受け、最大%s件の個人情報が流出した可能性があります。\n' "$n" "$n" "$n$n$n" >"$WORK/r$n.txt"
done
# Incidents first, watches after: `watch scan` raises the three alerts and delivers them.
"$BIN" --db "$DB" --quiet ingest "$WORK"/r1.txt "$WORK"/r2.txt "$WORK"/r3.txt >/dev/null
for n in 1 2 3; do
    LEAKWATCH_CONFIG=$WORK/hook.toml "$BIN" --db "$DB" --quiet watch add "株式会社テスト${n}商事" >/dev/null
done
measure "watch scan: 3 alerts to a silent webhook" 25 200 \
    env LEAKWATCH_CONFIG="$WORK/hook.toml" "$BIN" --db "$DB" watch scan
measure "watch scan again (retries are scheduled, not due)" 5 200 \
    env LEAKWATCH_CONFIG="$WORK/hook.toml" "$BIN" --db "$DB" watch scan
pending=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from alert_deliveries where delivered_at is null and next_attempt_at is not null').fetchone()[0])" "$DB")
echo "   deliveries scheduled for a later retry: $pending of 3"

echo "== 4. four concurrent ingests on a fresh database, 30 trials"
for n in 1 2 3 4; do cp "$WORK/r$((n % 3 + 1)).txt" "$WORK/c$n.txt"; echo "($n)" >>"$WORK/c$n.txt"; done
failures=0
start=$(date +%s.%N)
for t in $(seq 30); do
    DB=$WORK/conc$t.db
    pids=()
    for n in 1 2 3 4; do
        "$BIN" --db "$DB" --quiet ingest "$WORK/c$n.txt" >/dev/null 2>>"$WORK/conc.err" &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || failures=$((failures + 1)); done
done
end=$(date +%s.%N)
printf '%-58s %7.2f s   failures: %d (bound 0)\n' "120 processes in 30 trials" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$failures"
[ "$failures" = 0 ] || { status=1; head -3 "$WORK/conc.err"; }

echo "== 5. unbounded reads"
measure "--config /dev/zero" 2 100 "$BIN" --config /dev/zero list
measure "watch import /dev/zero" 2 100 "$BIN" --db "$WORK/z.db" watch import /dev/zero

exit $status
