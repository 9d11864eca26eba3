#!/usr/bin/env bash
# Coverage-guided fuzzing of leakwatch's parsers on the stable toolchain (cargo-fuzz with
# libFuzzer, no sanitizer, RUSTC_BOOTSTRAP=1 for its -Z flags).
#
#   bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Targets (fuzz/fuzz_targets/): charset (charset detection + lenient decoding), html (HTML
# cleaning), feed (RSS/Atom parsing), jatext (Japanese dates and numbers), extractor (decode +
# the whole extractor). Default: every target for 60 s. Each run is niced, starts from a corpus
# seeded with the repository's documents (fuzz/corpus/TARGET, kept between runs), treats an
# input slower than FUZZ_TIMEOUT seconds (default 10) as a hang, and stops at the first crash
# or hang, leaving the input in fuzz/artifacts/TARGET/. A line per target — CPU seconds used and
# what was found — is printed and appended to fuzz/cpu-log.tsv.
#
# Every crash or hang found becomes a regression test beside the code it broke.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(charset html feed jatext extractor)
TIMEOUT=${FUZZ_TIMEOUT:-10}
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz (crates.io)"
    cargo install cargo-fuzz --locked
fi

max_len() {
    case "$1" in
        html | extractor | charset) echo 65536 ;;
        feed) echo 32768 ;;
        *) echo 4096 ;;
    esac
}

seed() {
    local target=$1 dir=$ROOT/fuzz/corpus/$1
    mkdir -p "$dir"
    [ -n "$(ls -A "$dir" 2>/dev/null)" ] && return 0
    case "$target" in
        feed) cp fuzz/seeds/feed/* "$dir"/ ;;
        html) cp fuzz/seeds/html/* examples/documents/*.html "$dir"/ ;;
        *) cp examples/documents/*.txt examples/documents/*.html examples/documents/*.md "$dir"/ 2>/dev/null || true
           cp fuzz/seeds/html/* "$dir"/ ;;
    esac
}

echo "== building fuzz targets"
for t in "${TARGETS[@]}"; do
    nice -n 15 cargo fuzz build --sanitizer none -O "$t" >/dev/null
done

status=0
for t in "${TARGETS[@]}"; do
    seed "$t"
    mkdir -p "fuzz/artifacts/$t"
    before=$(ls "fuzz/artifacts/$t" | wc -l)
    log=$(mktemp)
    set +e
    /usr/bin/time -f '%U %S' -o "$log.time" nice -n 15 \
        cargo fuzz run --sanitizer none -O "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$SECONDS_PER_TARGET" -timeout="$TIMEOUT" -rss_limit_mb=2048 \
        -max_len="$(max_len "$t")" -print_final_stats=1 \
        -artifact_prefix="fuzz/artifacts/$t/" >"$log" 2>&1
    rc=$?
    set -e
    cpu=$(awk '{printf "%.0f", $1 + $2}' "$log.time" 2>/dev/null || echo "?")
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{print $2}' | tail -1)
    after=$(ls "fuzz/artifacts/$t" | wc -l)
    found=$((after - before))
    if [ "$rc" -ne 0 ] || [ "$found" -gt 0 ]; then
        status=1
        echo "!! $t: exit $rc, new artifacts: $found (see fuzz/artifacts/$t, log $log)"
        grep -E 'ERROR|panicked|Timeout|deadly' "$log" | head -5 || true
    fi
    printf '%s\t%s\t%ss-cpu\t%s-execs\t%s-findings\n' "$(date -u +%FT%TZ)" "$t" "$cpu" "${execs:-?}" "$found" |
        tee -a fuzz/cpu-log.tsv
done
exit $status
