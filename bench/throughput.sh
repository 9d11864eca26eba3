#!/usr/bin/env bash
# Extraction throughput and streaming memory of `leakwatch extract`, measured end to end.
#
# 1. Builds a corpus of >= 50 MB by repeating ../shared/corpus/**/*.txt into one directory of
#    files (each copy gets a unique trailing line so nothing is cached or de-duplicated), runs
#    `leakwatch extract --format jsonl` over it pinned to one core, and reports MB/s of Japanese
#    text (decoding + cleaning + extraction + JSON output: the whole pipeline per file).
# 2. Runs `leakwatch extract` over 10,000 files and reports peak RSS (GNU time -v), to show that
#    extraction streams (memory does not grow with the number of files).
#
# Usage: bench/throughput.sh [TARGET_MB]   (default 50). Output goes to bench/out/.
# The criterion benchmark (`cargo bench -p leakwatch-extract`) measures the extractor alone.
set -euo pipefail
cd "$(dirname "$0")/.."
target_mb="${1:-50}"
shared="${LEAKWATCH_SHARED:-../shared}"
out=bench/out
mkdir -p "$out"

cargo build --release --quiet
bin=./target/release/leakwatch

# The score-only sets (validate, en-validate) are never read, not even as timing input.
mapfile -t sources < <(find "$shared/corpus" -name '*.txt' -not -path '*validate/*' | sort)
if [ "${#sources[@]}" -eq 0 ]; then
  echo "no .txt files under $shared/corpus" >&2
  exit 1
fi

corpus="$out/corpus-${target_mb}mb"
if [ ! -f "$corpus/.complete" ]; then
  rm -rf "$corpus"
  mkdir -p "$corpus"
  python3 - "$corpus" "$target_mb" "${sources[@]}" <<'PY'
import sys, pathlib
out, target = pathlib.Path(sys.argv[1]), int(sys.argv[2]) * 1_000_000
texts = [pathlib.Path(p).read_bytes() for p in sys.argv[3:]]
total, i = 0, 0
while total < target:
    t = texts[i % len(texts)] + f"\n(copy {i})\n".encode()
    (out / f"doc-{i:06d}.txt").write_bytes(t)
    total += len(t)
    i += 1
(out / ".complete").write_text(f"{i} files {total} bytes\n")
PY
fi
bytes=$(find "$corpus" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$corpus" -name '*.txt' | wc -l)

echo "== throughput: $files files, $bytes bytes, one core (taskset -c 0)"
start=$(date +%s.%N)
taskset -c 0 "$bin" extract --format jsonl "$corpus" >"$out/throughput.jsonl"
end=$(date +%s.%N)
python3 - "$bytes" "$start" "$end" "$files" <<'PY'
import sys
b, s, e, n = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
secs = e - s
print(f"extract: {b/1e6:.1f} MB in {secs:.2f} s = {b/1e6/secs:.1f} MB/s on one core ({n/secs:.0f} docs/s)")
PY

echo "== streaming memory: 10,000 files"
many="$out/corpus-10000-files"
if [ ! -f "$many/.complete" ]; then
  rm -rf "$many"
  mkdir -p "$many"
  python3 - "$many" "${sources[@]}" <<'PY'
import sys, pathlib
out = pathlib.Path(sys.argv[1])
texts = [pathlib.Path(p).read_bytes() for p in sys.argv[2:]]
for i in range(10_000):
    (out / f"doc-{i:05d}.txt").write_bytes(texts[i % len(texts)] + f"\n(copy {i})\n".encode())
(out / ".complete").write_text("10000\n")
PY
fi
mapfile -t all_files < <(find "$many" -name '*.txt' | sort)
for n in 1000 10000; do
  /usr/bin/time -v "$bin" extract --format jsonl "${all_files[@]:0:$n}" >/dev/null 2>"$out/time-$n.txt"
  rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$out/time-$n.txt")
  echo "extract over $n files: peak RSS ${rss} KiB"
done
