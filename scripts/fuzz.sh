#!/usr/bin/env bash
# The fuzz campaign, bounded: builds every target of fuzz/ (libFuzzer, on stable Rust: a
# plain release build with the coverage instrumentation that cargo-fuzz's
# `--sanitizer none` passes, no cargo-fuzz needed) and runs each for SECONDS_PER_TARGET
# seconds (default 30) from the committed seeds in fuzz/corpus/<target>/, with
# -rss_limit_mb=2048 -timeout=10. Fails on the first crash, leak of memory past the limit
# or timeout, leaving the input under target/fuzz-artifacts/<target>/ (replay it with
# `target/fuzz/<host triple>/release/<target> FILE`). New inputs found go to target/fuzz-corpus/<target>/,
# never into the committed seeds.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# CTG_FUZZ_JOBS: targets run at once (default 2, the CI machine's cores).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET=${1:-30}
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
    TARGETS=(target_parser observations_csv observations_json plan_toml plan_json records
        import_text import_docx workbook)
fi
JOBS=${CTG_FUZZ_JOBS:-2}
BUILD=target/fuzz
# An explicit target, as cargo-fuzz passes: RUSTFLAGS then reach the fuzzed code only, not
# the build scripts and proc macros (which have no libFuzzer to link).
HOST=$(rustc -vV | sed -n 's/^host: //p')
BIN=$BUILD/$HOST/release
START=$(date +%s)

# cargo-fuzz 0.13's flags for `--sanitizer none` on Linux (all stable); its debug
# assertions and overflow checks are set in fuzz/Cargo.toml's profile (calamine's off, as
# it ships); `--cfg fuzzing` as libfuzzer-sys expects. Not its
# `-Ccodegen-units=1` (a slower build, for a faster run: the CI run is short).
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cllvm-args=-sanitizer-coverage-stack-depth \
-Cllvm-args=-simplifycfg-branch-fold-threshold=0 --cfg fuzzing"
bins=()
for t in "${TARGETS[@]}"; do bins+=(--bin "$t"); done
cargo build --release --manifest-path fuzz/Cargo.toml --target-dir "$BUILD" --target "$HOST" --locked "${bins[@]}"
BUILT=$(date +%s)
echo "fuzz: built ${#TARGETS[@]} targets in $((BUILT - START)) s"

run_one() {
    local t=$1
    local log="target/fuzz-logs/$t.log"
    mkdir -p "target/fuzz-corpus/$t" "target/fuzz-artifacts/$t" target/fuzz-logs
    if "$BIN/$t" "target/fuzz-corpus/$t" "fuzz/corpus/$t" \
        -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -timeout=10 \
        -artifact_prefix="target/fuzz-artifacts/$t/" -print_final_stats=1 >"$log" 2>&1; then
        echo "fuzz: $t: $(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}') runs, no crash"
    else
        echo "fuzz: $t FAILED; the input is in target/fuzz-artifacts/$t/:" >&2
        ls "target/fuzz-artifacts/$t/" >&2
        grep -E -A25 '^(thread .* panicked|==[0-9]+== ERROR|SUMMARY)' "$log" | head -60 >&2 || tail -40 "$log" >&2
        return 1
    fi
}
export -f run_one
export BIN SECONDS_PER_TARGET

status=0
printf '%s\n' "${TARGETS[@]}" | xargs -P "$JOBS" -I{} bash -c 'run_one {}' || status=1
echo "fuzz: ran ${#TARGETS[@]} targets x ${SECONDS_PER_TARGET} s in $(($(date +%s) - BUILT)) s" \
    "(total $(($(date +%s) - START)) s)"
exit $status
