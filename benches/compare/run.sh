#!/usr/bin/env bash
# ctg vs pandas vs DuckDB SQL on the national workload (fictional data): the entry point CI
# calls. Creates the virtual environment ${VENV:-.venv} (relative to the repository root) if
# missing, installs ctg-py/requirements-test.txt and benches/compare/requirements.txt into
# it (skipped when a stamp says they are already there), builds the `ctg` module in release
# with maturin, then runs compare.py with the arguments given, e.g.
#
#     bash benches/compare/run.sh --quick                 # CI: 30 plans, equality check
#     bash benches/compare/run.sh --repeat 3 --markdown target/compare/report.md
#
# The workload is generated into target/compare/national-<plans>-<months>-<participations>-
# <seed>/ when absent. Exits non-zero when the implementations disagree. Set
# CARGO_TARGET_DIR to build elsewhere than target/.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

step() { printf '\n== %s ==\n' "$*"; }

step "python environment ($VENV)"
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
export VIRTUAL_ENV
VIRTUAL_ENV="$(cd "$VENV" && pwd)"
export PATH="$VIRTUAL_ENV/bin:$PATH"
unset PYTHONHOME CONDA_PREFIX
python --version
requirements=(ctg-py/requirements-test.txt benches/compare/requirements.txt)
stamp="$VIRTUAL_ENV/.ctg-compare-requirements"
wanted="$(python --version 2>&1) $(cat "${requirements[@]}" | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    echo "requirements already installed (${requirements[*]} unchanged)"
else
    python -m pip install --quiet --disable-pip-version-check --no-input \
        -r "${requirements[0]}" -r "${requirements[1]}"
    echo "$wanted" > "$stamp"
fi

step "build the ctg module in release (maturin develop --release)"
(cd ctg-py && maturin develop --release --quiet)
python -c 'import ctg; print("ctg", ctg.__version__, "from", ctg.__file__)'

step "compare"
python benches/compare/compare.py "$@"
