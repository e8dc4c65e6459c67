"""The core's evaluation corpus (``ctg-core/tests/corpus/eval/*.toml``, read in place),
replayed through Python with every input form: the evaluation must be the one Rust pins in
``golden/<case>.json`` (written by ``ctg-core/tests/eval_corpus.rs``), and the hand-checked
``[[expect]]``, ``[[headline]]``, ``[scores]``, ``[diagnostics]`` and ``[windows]`` of each
case must hold on the DataFrames."""

from __future__ import annotations

import datetime
import json
import math
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import ctg
from conftest import GOLDEN, case_paths, csv_records, load_case, string_columns

CASES = case_paths()
TOL = 1e-9


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 15
    for path in CASES:
        assert (GOLDEN / path.with_suffix(".json").name).exists(), path


# --- input forms, built from the case's CSV text ------------------------------------------


def as_csv_text(text: str) -> Any:
    return text


def as_csv_bytes(text: str) -> Any:
    return text.encode("utf-8")


def as_pandas(text: str) -> Any:
    return pd.DataFrame({k: pd.Series(v, dtype="str") for k, v in string_columns(text).items()})


def as_polars(text: str) -> Any:
    return pl.DataFrame({k: pl.Series(k, v, dtype=pl.String) for k, v in string_columns(text).items()})


def as_pyarrow(text: str) -> Any:
    return pa.table({k: pa.array(v, type=pa.string()) for k, v in string_columns(text).items()})


def as_records(text: str) -> Any:
    return csv_records(text)


FORMS: Dict[str, Callable[[str], Any]] = {
    "csv": as_csv_text,
    "bytes": as_csv_bytes,
    "pandas": as_pandas,
    "polars": as_polars,
    "pyarrow": as_pyarrow,
    "records": as_records,
}


# --- typed columns (float values, real dates) ----------------------------------------------


def parse_day(cell: str) -> datetime.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(cell.strip(), fmt).date()
        except ValueError:
            pass
    raise ValueError(cell)


def parse_float(cell: str) -> Optional[float]:
    cell = cell.strip()
    if not cell:
        return None
    return float(cell.replace(",", "."))


def numeric(values: List[str]) -> bool:
    try:
        [parse_float(v) for v in values]
    except ValueError:
        return False
    return True


def typed_columns(text: str) -> Dict[str, Any]:
    """Dates as dates; value and denominator as floats when every cell is a number."""
    out: Dict[str, Any] = {}
    for name, values in string_columns(text).items():
        key = name.lower()
        if key == "date":
            out[name] = [parse_day(v) for v in values]
        elif key in ("value", "valeur", "denominator", "dénominateur") and numeric(values):
            out[name] = [parse_float(v) for v in values]
        else:
            out[name] = values
    return out


def typed_pandas(text: str) -> Any:
    data = {}
    for name, values in typed_columns(text).items():
        if values and isinstance(values[0], datetime.date):
            data[name] = pd.to_datetime(pd.Series(values))  # datetime64
        elif values and all(v is None or isinstance(v, float) for v in values):
            data[name] = pd.Series(values, dtype="float64")  # NaN for empty cells
        else:
            data[name] = pd.Series(values, dtype="str")
    return pd.DataFrame(data)


def typed_polars(text: str) -> Any:
    series = []
    for name, values in typed_columns(text).items():
        if values and isinstance(values[0], datetime.date):
            series.append(pl.Series(name, values, dtype=pl.Date))
        elif values and all(v is None or isinstance(v, float) for v in values):
            series.append(pl.Series(name, values, dtype=pl.Float64))
        else:
            series.append(pl.Series(name, values, dtype=pl.String))
    return pl.DataFrame(series)


def typed_pyarrow(text: str) -> Any:
    arrays = {}
    for name, values in typed_columns(text).items():
        if values and isinstance(values[0], datetime.date):
            arrays[name] = pa.array(
                [datetime.datetime.combine(d, datetime.time()) for d in values],
                type=pa.timestamp("ns"),
            )
        elif values and all(v is None or isinstance(v, float) for v in values):
            arrays[name] = pa.array(values, type=pa.float64())
        else:
            arrays[name] = pa.array(values, type=pa.large_string())
    return pa.table(arrays)


def typed_records(text: str) -> Any:
    columns = typed_columns(text)
    names = list(columns)
    n = len(next(iter(columns.values()))) if columns else 0
    return [{k: columns[k][i] for k in names} for i in range(n)]


TYPED_FORMS: Dict[str, Callable[[str], Any]] = {
    "typed-pandas": typed_pandas,
    "typed-polars": typed_polars,
    "typed-pyarrow": typed_pyarrow,
    "typed-records": typed_records,
}

ALL_FORMS = {**FORMS, **TYPED_FORMS}


# --- replay -------------------------------------------------------------------------------


def evaluate(path: Path, form: str) -> ctg.Evaluation:
    case = load_case(path)
    plan = ctg.Plan.from_toml(case["plan"])
    observations = ALL_FORMS[form](case["observations"])
    return plan.evaluate(observations, as_of=case.get("as_of"), lang=case.get("lang", "fr"))


def close(got: Any, want: float) -> bool:
    if got is None or (isinstance(got, float) and math.isnan(got)):
        return False
    return abs(float(got) - want) <= TOL * max(abs(want), 1.0)


def json_rows(ev: ctg.Evaluation) -> Dict[Any, Dict[str, Any]]:
    """The evaluation's result rows as JSON objects, by (indicator, start, kind), and each
    headline by ("headline", indicator): for the fields the DataFrames do not flatten
    (``year_target``)."""
    out: Dict[Any, Dict[str, Any]] = {}
    for ind in json.loads(ev.to_json())["indicators"]:
        for r in ind["windows"] + ind["yearly"]:
            out[(r["indicator"], r["start"], r["kind"])] = r
        out[("headline", ind["id"])] = ind["headline"]
    return out


def check_row(
    where: str, expect: Dict[str, Any], row: Any, source: Optional[Dict[str, Any]] = None
) -> List[str]:
    """Check one expectation against a DataFrame row; ``source`` is the same result as a
    JSON object (``json_rows``), for the ``year_target_*`` keys."""
    fails: List[str] = []
    year_target = (source or {}).get("year_target")

    def check(ok: bool, field: str, want: Any, got: Any) -> None:
        if not ok:
            fails.append(f"{where}: {field} expected {want!r}, got {got!r}")

    for key, want in expect.items():
        if key in ("indicator", "start", "kind", "note"):
            continue
        got = row[key] if key in row.index else None
        if key == "status":
            check(str(row["status"]) == want, key, want, row["status"])
        elif key in ("value", "achievement", "projection", "expected", "change", "baseline"):
            check(close(got, float(want)), key, want, got)
        elif key == "no_value":
            check(pd.isna(row["value"]) == want, key, want, row["value"])
        elif key == "no_achievement":
            check(pd.isna(row["achievement"]), key, want, row["achievement"])
        elif key == "reason":
            got = row["reason"]
            got = "none" if pd.isna(got) else got
            check(got == want, key, want, got)
        elif key == "state":
            check(row["state"] == want, key, want, row["state"])
        elif key == "end":
            check(row["end"] == pd.Timestamp(want), key, want, row["end"])
        elif key == "observations":
            check(int(row["observations"]) == want, key, want, row["observations"])
        elif key == "done_on":
            check(row["done_on"] == pd.Timestamp(want), key, want, row["done_on"])
        elif key == "coverage":
            got = (row["coverage_with_data"], row["coverage_total"])
            check(list(got) == [float(x) for x in want], key, want, got)
        elif key == "explanation_contains":
            check(want in row["explanation"], key, want, row["explanation"])
        elif key == "year_target_value":
            got = year_target["value"] if year_target else None
            check(close(got, float(want)), key, want, got)
        elif key == "year_target_basis":
            got = year_target["basis"]["type"] if year_target else None
            check(got == want, key, want, got)
        elif key == "no_year_target":
            check((year_target is None) == want, key, want, year_target)
        else:
            fails.append(f"{where}: unknown expectation field {key!r}")
    return fails


def check_expectations(path: Path, ev: ctg.Evaluation) -> List[str]:
    case = load_case(path)
    name = path.name
    df = ev.to_pandas()
    sources = json_rows(ev)
    fails: List[str] = []
    for e in case.get("expect", []):
        kind = e.get("kind", "window")
        rows = df[
            (df.indicator == e["indicator"])
            & (df.start == pd.Timestamp(e["start"]))
            & (df.kind == kind)
        ]
        if len(rows) != 1:
            fails.append(f"{name}: {len(rows)} rows for {e}")
            continue
        source = sources.get((e["indicator"], e["start"], kind))
        fails += check_row(f"{name} {e['indicator']} {e['start']} {kind}", e, rows.iloc[0], source)
    heads = ev.headlines().set_index("indicator")
    for e in case.get("headline", []):
        row = heads.loc[e["indicator"]]
        if "start" in e and row["start"] != pd.Timestamp(e["start"]):
            fails.append(f"{name}: headline of {e['indicator']} starts {row['start']}, not {e['start']}")
        source = sources.get(("headline", e["indicator"]))
        fails += check_row(f"{name} headline {e['indicator']}", e, row, source)
    scores = case.get("scores")
    if scores:
        summary = ev.summary()

        def score_ok(got: Any, want: Any) -> bool:
            return pd.isna(got) if want == "none" else close(got, float(want))

        if "plan" in scores and not score_ok(summary["plan"].loc[0, "score"], scores["plan"]):
            fails.append(f"{name}: plan score {summary['plan'].loc[0, 'score']}, expected {scores['plan']}")
        for key, column in (("fiches", "fiche"), ("axes", "axis")):
            table = summary[key].set_index(column)
            for number, want in scores.get(key, {}).items():
                got = table.loc[int(number), "score"]
                if not score_ok(got, want):
                    fails.append(f"{name}: {key} {number} score {got}, expected {want}")
    for key, want in case.get("diagnostics", {}).items():
        if ev.diagnostics[key] != want:
            fails.append(f"{name}: diagnostics[{key!r}] = {ev.diagnostics[key]}, expected {want}")
    windows = df[df.kind == "window"].groupby("indicator").size()
    for indicator, want in case.get("windows", {}).items():
        got = int(windows.get(indicator, 0))
        if got != want:
            fails.append(f"{name}: {indicator} has {got} windows, expected {want}")
    return fails


@pytest.mark.parametrize("form", list(ALL_FORMS))
@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path, form: str) -> None:
    ev = evaluate(path, form)
    golden = json.loads((GOLDEN / path.with_suffix(".json").name).read_text(encoding="utf-8"))
    got = json.loads(ev.to_json())
    assert got == golden, f"{path.name} via {form} differs from the Rust golden file"
    fails = check_expectations(path, ev)
    assert not fails, "\n".join(fails)


def test_to_json_is_byte_identical_to_the_golden_file() -> None:
    """For the CSV form the JSON text itself is the core's (the golden file adds a newline)."""
    for path in CASES:
        ev = evaluate(path, "csv")
        golden = (GOLDEN / path.with_suffix(".json").name).read_text(encoding="utf-8")
        assert ev.to_json() + "\n" == golden, path.name
