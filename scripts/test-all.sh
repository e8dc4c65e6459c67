#!/usr/bin/env bash
# Every test of the project, on a fresh machine: installs what it needs, then runs
# formatting, lint, the Rust test suites (unit, corpus, proptest, doc tests; the benches
# once in test mode), the main example, the Python binding's suite (scripts/test-py.sh), a quick run of
# the pandas/DuckDB comparison with its equality check (benches/compare/run.sh --quick) and
# the WebAssembly suite with the browser tests (scripts/test-wasm.sh), the fuzz targets for a
# few seconds each (scripts/fuzz.sh) and the reduced blow-up cases (benches/blowups/run.py).
# Called by .ci/run;
# the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

START=$(date +%s)
# Each step's name and start, for the table of step times printed at the end.
STEPS=()
step() {
    STEPS+=("$(date +%s) ${*%% (*}")
    printf '\n== %s (%ss) ==\n' "$*" "$(($(date +%s) - START))"
}
step_times() {
    local end i
    end=$(date +%s)
    echo "step times (fresh-machine budget: 20 min in all):"
    for ((i = 0; i + 1 < ${#STEPS[@]}; i++)); do
        local from=${STEPS[i]%% *} to=${STEPS[i + 1]%% *}
        printf '  %6d s  %s\n' "$((to - from))" "${STEPS[i]#* }"
    done
    printf '  %6d s  in all (%d min %02d s)\n' "$((end - START))" "$(((end - START) / 60))" \
        "$(((end - START) % 60))"
}

step "toolchain"
cargo --version
rustc --version
cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
cargo clippy --version >/dev/null 2>&1 || rustup component add clippy

step "format"
cargo fmt --all -- --check

step "clippy"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p ctg-core --features parallel --all-targets -- -D warnings
# The library as the main web module builds it: no TOML plans, no importer, no workbooks.
cargo clippy -p ctg-core --no-default-features -- -D warnings

step "rust tests"
# `--all-targets` also runs the criterion benches once each, in test mode (the benches' smoke
# run: they cannot rot), at a small national size (the full 1,200-plan workload in a debug
# build only costs time). ctg-py's features (parallel, workload) are unified into ctg-core
# here, so the bench's required features are on. `cargo bench` itself is not run: timings
# are taken by hand (benches/README.md), never in CI.
CTG_BENCH_PLANS=5 cargo test --workspace --all-targets
cargo test --workspace --doc

step "fuzz (9 libFuzzer targets x 5 s from the committed seeds; stable Rust, no cargo-fuzz)"
# A bounded run in CI (the build is most of it); a longer campaign: scripts/fuzz.sh 600.
bash scripts/fuzz.sh 5

step "main job (README)"
cargo run --quiet --example sundgau > target/sundgau-report.txt
grep -q "DONNÉES FICTIVES" target/sundgau-report.txt
grep -q "FICHE 12" target/sundgau-report.txt
echo "report: $(wc -l < target/sundgau-report.txt) lines (target/sundgau-report.txt)"
# Small-count suppression applies to the JSON export too (issue 16).
cargo run --quiet --example sundgau -- --suppress 50 --json target/sundgau-suppressed.json > /dev/null
grep -q '"suppressed": true' target/sundgau-suppressed.json
# The coordinator's path: the entry workbook, the filled one (fictional) evaluated, the
# results workbook.
cargo run --quiet --example sundgau -- --template target/grille-de-saisie.xlsx
cargo run --quiet --example sundgau -- ctg-core/tests/corpus/spreadsheets/sundgau-grille-remplie.xlsx \
    --as-of 31/12/2026 --xlsx target/resultats.xlsx > target/sundgau-workbook-report.txt
grep -q "DONNÉES FICTIVES" target/sundgau-workbook-report.txt
grep -q "FICHE 12" target/sundgau-workbook-report.txt
echo "workbooks: target/grille-de-saisie.xlsx ($(wc -c < target/grille-de-saisie.xlsx) bytes)," \
    "target/resultats.xlsx ($(wc -c < target/resultats.xlsx) bytes)"
cargo run --quiet --example import -- ctg-core/tests/data/ctg-sundgau-plan-action-2025-2029.txt \
    --out target/sundgau-imported.toml > target/sundgau-import-checklist.md
grep -q "^# Relecture de l'import : 12 fiches, 25 indicateurs" target/sundgau-import-checklist.md
grep -q "^- \[ \] fiche 3, indicateur f3.1" target/sundgau-import-checklist.md
grep -q "^\[\[fiches\]\]" target/sundgau-imported.toml
cargo run --quiet --example sundgau -- --plan target/sundgau-imported.toml > target/sundgau-imported-report.txt
grep -q "FICHE 12" target/sundgau-imported-report.txt
echo "import: $(grep -c '^- \[ \]' target/sundgau-import-checklist.md) points to check (target/sundgau-import-checklist.md)"

step "python (ctg-py: venv, maturin, pytest, stubtest, notebook)"
bash scripts/test-py.sh

step "comparison with pandas and DuckDB (quick: 30 fictional plans, results must agree)"
bash benches/compare/run.sh --quick --markdown target/compare/quick.md

# One after the other, not side by side. Run in the background beside the Python build
# (02/12/2026, clean clones on the idle 2-core machine), the whole command took 921 s and
# 971 s, against 966 s and 1,045 s in sequence: no gain clearly beyond this machine's spread
# (the 2 cores are already busy), and a browser timing taken beside a compile measures the
# compile too.
step "webassembly (ctg-wasm: node, wasm-bindgen-test, Chromium dashboard and report, npm package)"
bash scripts/test-wasm.sh

step "blow-ups (issue 16's worst inputs, reduced: each < 2 s and < 500 MB, Python and node)"
.venv/bin/python benches/blowups/run.py --quick

step "done"
step_times
