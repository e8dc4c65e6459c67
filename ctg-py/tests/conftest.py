"""Shared fixtures: where the core's corpus lives (read in place), and builders that turn a
case's CSV text into each input form the binding accepts."""

from __future__ import annotations

import csv
import io
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the project runs 3.11
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[2]
CORE_TESTS = REPO / "ctg-core" / "tests"
EVAL_CORPUS = CORE_TESTS / "corpus" / "eval"
GOLDEN = EVAL_CORPUS / "golden"
PLANS = CORE_TESTS / "plans"
EXAMPLE_CSV = REPO / "examples" / "sundgau" / "observations.csv"
EXAMPLE_PLAN = REPO / "examples" / "sundgau" / "plan.toml"

# Hypothesis keeps its files in the (ignored) target/, not in the working directory.
set_hypothesis_home_dir(str(REPO / "target" / "hypothesis"))


def load_case(path: Path) -> Dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def case_paths() -> List[Path]:
    return sorted(EVAL_CORPUS.glob("*.toml"))


def csv_header_and_rows(text: str) -> tuple[List[str], List[List[str]]]:
    """Split the CSV text of a corpus case (`;` or `,`, as its header says)."""
    lines = [line for line in text.strip("\n").splitlines() if line.strip()]
    header = lines[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    return reader[0], reader[1:]


def csv_records(text: str) -> List[Dict[str, str]]:
    """The case's rows as dicts of strings (every cell kept, empty cells as "")."""
    header, rows = csv_header_and_rows(text)
    return [dict(zip(header, row)) for row in rows]


def string_columns(text: str) -> Dict[str, List[str]]:
    header, rows = csv_header_and_rows(text)
    return {name: [row[i] for row in rows] for i, name in enumerate(header)}


@pytest.fixture(scope="session")
def sundgau() -> Any:
    import ctg

    return ctg.Plan.sundgau()


def run_beside_spinner(work: Callable[[], Any]) -> Tuple[Any, float, float]:
    """Run ``work`` in a thread while this one spins, timing the gaps between its turns:
    ``(result, elapsed, longest pause)``. With the GIL released during ``work``, the longest
    pause is a small part of the whole; with it held, this thread would be frozen."""
    done = threading.Event()
    result: Dict[str, Any] = {}

    def run() -> None:
        result["value"] = work()
        done.set()

    thread = threading.Thread(target=run)
    start = last = time.perf_counter()
    longest = 0.0
    thread.start()
    while not done.is_set():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    thread.join()
    return result["value"], time.perf_counter() - start, longest
