#!/usr/bin/env bash
# Issue 14 validators: imports every shared external dataset into a fresh database (timed:
# the import benchmark), exports STIX, VERIS and MISP, and checks them with the ecosystem's
# validators from PyPI (stix2-validator, jsonschema against the VCDB 1.4 schema, PyMISP) in a
# venv under bench/out/interop-venv. Also checks the JSONL round trip (export → import into a
# fresh database → export: identical bytes), and serves the database to read it back as a TAXII
# 2.1 collection with taxii2-client (bench/taxii_check.py). Skips with a notice when the shared data is absent.
# Usage: bench/interop-validate.sh [BINARY]   (default: builds target/release/leakwatch)
set -euo pipefail
cd "$(dirname "$0")/.."
ext="${LEAKWATCH_EXTERNAL:-../shared/external}"
[ -d "$ext" ] || ext=/work/shared/external
if [ ! -d "$ext/vcdb" ]; then
  echo "interop-validate: no shared external datasets at $ext; skipped"
  exit 0
fi
bin="${1:-}"
if [ -z "$bin" ]; then
  cargo build --release --quiet
  bin=target/release/leakwatch
fi
venv=bench/out/interop-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import stix2validator, jsonschema, pymisp, taxii2client' 2>/dev/null; then
  rm -rf "$venv"
  # A fresh Debian has python3 without the venv module: apt provides it.
  python3 -m venv "$venv" || { apt-get install -y -qq python3-venv >/dev/null && python3 -m venv "$venv"; }
  "$venv/bin/pip" install --quiet stix2-validator jsonschema pymisp taxii2-client
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
db="$out/all.db"
lw() { "$bin" --quiet --db "$db" "$@"; }

echo "== import benchmark (all shared datasets, fresh database)"
# Wall time and CPU time (user + sys of the leakwatch processes): on a shared machine the wall
# time includes waiting for other jobs; the gate is on CPU time (< 10 s), both are printed.
python3 - "$bin" "$db" "$ext" "$out" <<'PY'
import json, os, resource, subprocess, sys, time
bin, db, ext, out = sys.argv[1:5]
runs = [
    ("vcdb", [f"{ext}/vcdb/snapshot-2013-jayjacobs", f"{ext}/vcdb/modern-sample"]),
    ("hibp", [f"{ext}/hibp/hibp_breaches.json"]),
    ("prc", [f"{ext}/prc/prc_chronology_2005-2017_export.csv", f"{ext}/prc/prc_chronology_2015-2017_export.csv"]),
    ("ransomwatch", [f"{ext}/ransomwatch/posts_sample.json"]),
]
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
def run(fmt, paths):
    p = subprocess.run([bin, "--quiet", "--db", db, "import", fmt, *paths, "--json"],
                       capture_output=True, text=True, check=True)
    return json.loads(p.stdout)
wall0, cpu0 = time.monotonic(), cpu()
for fmt, paths in runs:
    w, c = time.monotonic(), cpu()
    s = run(fmt, paths)
    print(f"  {fmt:12} {s['records']:5} records: {s['imported']:5} imported, {s['skipped']} skipped, "
          f"{len(s['rejected'])} rejected; {s['incidents_created']} incidents created, "
          f"{s['incidents_merged']} merged; {time.monotonic() - w:.2f} s wall, {cpu() - c:.2f} s CPU")
wall, total_cpu = time.monotonic() - wall0, cpu() - cpu0
load = os.getloadavg()[0]
print(f"  total: {wall:.2f} s wall, {total_cpu:.2f} s CPU (load average {load:.1f} on {os.cpu_count()} cores; target < 10 s)")
w, c = time.monotonic(), cpu()
again = [run(fmt, paths) for fmt, paths in runs]
added = sum(s["imported"] for s in again)
print(f"  second import of everything: {added} imported, {sum(s['skipped'] for s in again)} skipped; "
      f"{time.monotonic() - w:.2f} s wall, {cpu() - c:.2f} s CPU")
if added or total_cpu >= 10:
    sys.exit("import benchmark failed")
PY

echo "== exports"
lw export --format stix --out "$out/bundle.json"
lw export --format veris --out "$out/veris"
lw export --format misp --out "$out/misp"
lw export --format jsonl --out "$out/a.jsonl"
"$bin" --quiet --db "$out/b.db" import jsonl "$out/a.jsonl" > /dev/null
"$bin" --quiet --db "$out/b.db" export --format jsonl --out "$out/b.jsonl"
if cmp -s "$out/a.jsonl" "$out/b.jsonl"; then
  echo "jsonl round trip: $(wc -l < "$out/a.jsonl") incidents, identical -> OK"
else
  echo "jsonl round trip: exports differ -> FAIL"; diff <(head -c 3000 "$out/a.jsonl") <(head -c 3000 "$out/b.jsonl") | head -20; exit 1
fi

echo "== validators"
"$venv/bin/python" bench/interop_validate.py --stix "$out/bundle.json" --veris "$out/veris" \
  --misp "$out/misp" --schema "$ext/vcdb/schema/vcdb-merged.json"

echo "== TAXII 2.1 (leakwatch serve on loopback, read with taxii2-client)"
echo "taxii-check-password" | lw user add taxii-reader --role viewer > /dev/null
token=$(lw token create taxii-reader)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" --quiet --db "$db" serve --listen "127.0.0.1:$port" 2> "$out/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$out"' EXIT
python3 - "$port" <<'PY'
import sys, time, urllib.request
for _ in range(600):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=2)
        sys.exit(0)
    except Exception:
        time.sleep(0.1)
sys.exit("the server did not come up")
PY
"$venv/bin/python" bench/taxii_check.py "http://127.0.0.1:$port/taxii2/" "$token" "$out/bundle.json"
kill "$server"
wait "$server" || true
