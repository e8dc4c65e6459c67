#!/usr/bin/env bash
# The Python binding (ctg-py) on a fresh machine: creates .venv, installs the test
# requirements (skipped when a stamp says they are already there), builds the `ctg` module
# with maturin, then runs pytest, mypy's stubtest on the type stubs, and the example notebook
# (nbclient; the executed copy goes to target/notebooks/). Standalone and idempotent; needs
# only Rust, CPython ≥ 3.9 and pip. Set CARGO_TARGET_DIR to build elsewhere than target/.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
PYTHON=${PYTHON:-python3}

step() { printf '\n== %s ==\n' "$*"; }
started=$(date +%s)

step "python environment (.venv)"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
export VIRTUAL_ENV="$PWD/.venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"
unset PYTHONHOME CONDA_PREFIX
python --version
requirements=ctg-py/requirements-test.txt
stamp=.venv/.ctg-py-requirements
wanted="$(python --version 2>&1) $(sha256sum "$requirements" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    echo "test requirements already installed ($requirements unchanged)"
else
    python -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements"
    echo "$wanted" > "$stamp"
fi

step "build the ctg module (maturin develop --release)"
# Release, once: the comparison step (benches/compare/run.sh) builds the same and finds it
# up to date, and the tests run faster.
(cd ctg-py && maturin develop --release --quiet)
python -c 'import ctg; print("ctg", ctg.__version__, "from", ctg.__file__)'

step "pytest"
python -m pytest ctg-py/tests -q -p no:cacheprovider

step "stubtest (ctg/__init__.pyi against the module)"
# From target/, where mypy leaves its cache (.mypy_cache).
mkdir -p target
(cd target && python -m mypy.stubtest ctg --mypy-config-file ../ctg-py/pyproject.toml)

step "notebook (examples/notebooks/sundgau.ipynb)"
MPLBACKEND=Agg python examples/notebooks/run.py

step "done in $(( $(date +%s) - started )) s"
