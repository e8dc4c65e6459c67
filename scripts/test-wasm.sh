#!/usr/bin/env bash
# The WebAssembly package and the dashboard, on a fresh machine (Rust, node 20, npm and
# python3 preinstalled): installs what it needs (wasm32 target, the pinned wasm-bindgen CLI
# into ~/.cache/ctg/tools/, Debian Chromium, the npm dev dependencies of ctg-wasm/), builds
#   ctg-wasm/pkg/       ES module for browsers (--target web, wasm-opt -Os)
#   ctg-wasm/pkg/       also ctg_wasm_xlsx.js, the same with spreadsheets (loaded on demand)
#   ctg-wasm/pkg-node/  CommonJS build for node (--target nodejs, with spreadsheets)
# then checks the typings (tsc --strict), runs the node tests (corpus replay, errors, API),
# the wasm-bindgen tests under node, the Playwright + Chromium test of examples/web/, and
# the npm package (npm pack of pkg/, installed offline into an empty project and used from
# node, from a page with an import map and from an esbuild bundle).
# Idempotent: what is installed and up to date is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

# Must equal the `wasm-bindgen = "=…"` pin in ctg-wasm/Cargo.toml.
WASM_BINDGEN_VERSION=0.2.130
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
# The wasm32 builds may use a target directory of their own (CTG_WASM_TARGET_DIR): the
# test command runs this script beside the Python build, and two cargo commands on one
# target directory wait for each other's lock.
WASM_TARGET_DIR=${CTG_WASM_TARGET_DIR:-$TARGET_DIR}
WASM_OUT=$WASM_TARGET_DIR/wasm32-unknown-unknown/release/ctg_wasm.wasm
ARTIFACTS=$ROOT/target/wasm-artifacts

START=$(date +%s)
step() { printf '\n== %s (%ss) ==\n' "$*" "$(($(date +%s) - START))"; }

step "toolchain"
if ! grep -q "^wasm-bindgen = \"=$WASM_BINDGEN_VERSION\"" ctg-wasm/Cargo.toml; then
    echo "ctg-wasm/Cargo.toml does not pin wasm-bindgen =$WASM_BINDGEN_VERSION" >&2
    exit 1
fi
rustup target list --installed | grep -qx wasm32-unknown-unknown ||
    rustup target add wasm32-unknown-unknown
# The CLI is kept out of the clone, one folder per version (compiling it takes 2.5 min: a
# clean clone on a machine that has it does not compile it again); CTG_TOOLS_DIR chooses
# another place. Without its default TLS feature: its test runner talks to node and to a
# local WebDriver only (that spares compiling rustls and ring).
TOOLS=${CTG_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ctg/tools}/wasm-bindgen-$WASM_BINDGEN_VERSION
if [ "$("$TOOLS/bin/wasm-bindgen" --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] ||
    [ ! -x "$TOOLS/bin/wasm-bindgen-test-runner" ]; then
    # No --locked: the CLI's lockfile names a crate version the registry no longer has.
    cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --no-default-features \
        --root "$TOOLS" --force
fi
export PATH="$TOOLS/bin:$PATH"
wasm-bindgen --version
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "Chromium is missing: run as root, or apt-get install chromium chromium-driver" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y chromium chromium-driver
fi
/usr/bin/chromium --version 2>/dev/null || true
node --version
(
    cd ctg-wasm
    # `npm ci` reinstalls from scratch: skip it when node_modules matches the lockfile.
    if [ -f package-lock.json ]; then
        if ! cmp -s package-lock.json node_modules/.ctg-lock 2>/dev/null; then
            npm ci --no-audit --no-fund
            cp package-lock.json node_modules/.ctg-lock
        fi
    else
        npm install --no-audit --no-fund
    fi
)

step "clippy (wasm32: the JS glue is not built on the host; the main module's features and the full one's)"
cargo clippy -p ctg-wasm --all-targets --target wasm32-unknown-unknown --target-dir "$WASM_TARGET_DIR" -- -D warnings
cargo clippy -p ctg-wasm --all-targets --target wasm32-unknown-unknown --target-dir "$WASM_TARGET_DIR" \
    --features full -- -D warnings

step "build (wasm32, release, size profile: the main module, then the full one)"
# The workspace [profile.release] stays as it is; the wasm build overrides it here.
wasm_build() {
    CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
        CARGO_PROFILE_RELEASE_LTO=fat \
        CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
        CARGO_PROFILE_RELEASE_PANIC=abort \
        cargo build -p ctg-wasm --target wasm32-unknown-unknown --target-dir "$WASM_TARGET_DIR" --release "$@"
}
# Two modules from one crate: the main one (pkg/ctg_wasm.js: JSON plans, evaluation,
# reports), and the full one, pkg/ctg_wasm_xlsx.js (the same API plus workbooks in and
# out, TOML plans and plan documents: calamine, rust_xlsxwriter, toml, the importer), which
# the dashboard loads only when a workbook, a TOML plan or a plan document needs it. The
# node build (pkg-node/) is the full one.
wasm_build
MAIN_WASM=$WASM_TARGET_DIR/wasm32-unknown-unknown/release/ctg_wasm_main.wasm
cp "$WASM_OUT" "$MAIN_WASM"
wasm_build --features full
rm -rf ctg-wasm/pkg ctg-wasm/pkg-node
wasm-bindgen --target web --out-dir ctg-wasm/pkg --out-name ctg_wasm "$MAIN_WASM"
wasm-bindgen --target web --out-dir ctg-wasm/pkg --out-name ctg_wasm_xlsx "$WASM_OUT"
wasm-bindgen --target nodejs --out-dir ctg-wasm/pkg-node "$WASM_OUT"
# wasm-opt takes a minute or two per module: its output is cached by the input's hash.
# -Os, not -Oz: measured on both modules (02/12/2026, binaryen 132), -Os writes a few more
# raw bytes but fewer gzipped ones (main 401,456 B against 401,649; full 1,140,263 against
# 1,142,443), which is what a page downloads, and runs faster (48 s against 55 s for the
# full module).
# The two web modules are optimised (in parallel); the node build, used by the tests only,
# is left as wasm-bindgen writes it (its size does not matter, its code is the same).
OPT_CACHE=$WASM_TARGET_DIR/wasm-opt-cache
mkdir -p "$OPT_CACHE"
key_of() { sha256sum "$1" | cut -c1-32; }
optimise() {
    local key=$1 file=$2
    if [ -f "$OPT_CACHE/$key.wasm" ]; then
        echo "wasm-opt: cached ($key)"
        return
    fi
    (cd ctg-wasm && npx --no-install wasm-opt -Os --enable-bulk-memory \
        --enable-nontrapping-float-to-int "$file" -o "$OPT_CACHE/$key.$$.tmp")
    mv "$OPT_CACHE/$key.$$.tmp" "$OPT_CACHE/$key.wasm"
}
WEB_WASM=$ROOT/ctg-wasm/pkg/ctg_wasm_bg.wasm
XLSX_WASM=$ROOT/ctg-wasm/pkg/ctg_wasm_xlsx_bg.wasm
WEB_KEY=$(key_of "$WEB_WASM")
XLSX_KEY=$(key_of "$XLSX_WASM")
optimise "$WEB_KEY" "$WEB_WASM" &
WEB_OPT=$!
optimise "$XLSX_KEY" "$XLSX_WASM"
wait "$WEB_OPT"
cp "$OPT_CACHE/$WEB_KEY.wasm" "$WEB_WASM"
cp "$OPT_CACHE/$XLSX_KEY.wasm" "$XLSX_WASM"
find "$OPT_CACHE" -type f ! -name "$WEB_KEY.wasm" ! -name "$XLSX_KEY.wasm" -delete
node ctg-wasm/tests/support/write-package-json.mjs
ls -l ctg-wasm/pkg ctg-wasm/pkg-node
mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS/sizes.txt"
for module in ctg_wasm ctg_wasm_xlsx; do
    RAW=$(wc -c < "ctg-wasm/pkg/${module}_bg.wasm")
    GZ=$(gzip -9 -c "ctg-wasm/pkg/${module}_bg.wasm" | wc -c)
    echo "wasm size (pkg/${module}_bg.wasm, after wasm-opt -Os): $RAW bytes raw," \
        "$GZ bytes gzip -9 ($((RAW / 1024)) KiB / $((GZ / 1024)) KiB)" |
        tee -a "$ARTIFACTS/sizes.txt"
done

step "typings (tsc --noEmit --strict)"
(cd ctg-wasm && npx --no-install tsc --noEmit --strict -p tests/typings/tsconfig.json)
echo "typings: ok"

step "node tests (pkg-node)"
node --test ctg-wasm/tests/*.test.mjs

step "wasm-bindgen tests (node)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test -p ctg-wasm --target wasm32-unknown-unknown --target-dir "$WASM_TARGET_DIR" --features full

step "browser tests (examples/web/ dashboard and the COPIL report, Chromium)"
mkdir -p "$ARTIFACTS" target/report
# The COPIL report of the main example, in French and English, for report.test.mjs.
cargo run --quiet --example sundgau -- --html target/report/rapport-2026.html > /dev/null
cargo run --quiet --example sundgau -- --lang en --html target/report/rapport-2026-en.html > /dev/null
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# The repo root is served, so that examples/web/ imports ../../ctg-wasm/pkg/ and fetches
# ../sundgau/observations.csv with relative paths.
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$ROOT" \
    > "$ARTIFACTS/http-server.log" 2>&1 &
SERVER_PID=$!
python3 - "$PORT" <<'PY'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/examples/web/index.html", timeout=1)
        break
    except OSError:
        time.sleep(0.1)
PY
CTG_WEB_URL="http://127.0.0.1:$PORT/examples/web/index.html" \
    CTG_REPORT_URL="http://127.0.0.1:$PORT/target/report" \
    CTG_ARTIFACTS="$ARTIFACTS" \
    node --test ctg-wasm/tests/browser/dashboard.test.mjs ctg-wasm/tests/browser/report.test.mjs
cleanup
SERVER_PID=
trap - EXIT INT TERM

step "npm package (npm pack; installed into an empty project: node, a page with an import map, esbuild)"
# Self-contained: its own temporary folder and static server, npm offline (no dependencies).
node --test ctg-wasm/tests/package/pack.test.mjs

step "done"
echo "screenshots: $ARTIFACTS/"
