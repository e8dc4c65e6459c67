"""The records corpus (`ctg-core/tests/corpus/records/*.json`) with native Python values:
`datetime.date`, naive and tz-aware `datetime`s, naive and zoned `pd.Timestamp`s, dicts and
lists for unsupported cells. The answer (what the evaluation saw, or the problems in French
and English) must equal the golden JSON written by the Rust test `ctg-core/tests/records.rs`
(and replayed by `ctg-wasm/tests/records.test.mjs` with JS `Date`s)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any, Callable, Dict, List

import numpy as np
import pandas as pd
import pytest

import ctg
from conftest import CORE_TESTS

RECORDS = CORE_TESTS / "corpus" / "records"
PLAN = (RECORDS / "plan.toml").read_text(encoding="utf-8")
CASES = sorted(RECORDS.glob("*.json"))


def as_datetime(cell: Dict[str, Any]) -> Any:
    if "$date" in cell:
        return datetime.date.fromisoformat(cell["$date"])
    if "$timestamp" in cell:
        utc = datetime.datetime.fromisoformat(cell["$timestamp"].replace("Z", "+00:00"))
        return utc.astimezone(datetime.timezone(datetime.timedelta(minutes=cell["offset"])))
    if "$naive" in cell:
        return datetime.datetime.fromisoformat(cell["$naive"])
    raise KeyError(cell)


def as_pandas(cell: Dict[str, Any]) -> Any:
    if "$date" in cell:
        return pd.Timestamp(cell["$date"])  # naive midnight: that day
    if "$timestamp" in cell:
        return pd.Timestamp(cell["$timestamp"]).tz_convert(datetime.timezone(datetime.timedelta(minutes=cell["offset"])))
    if "$naive" in cell:
        return pd.Timestamp(cell["$naive"])
    raise KeyError(cell)


def as_numpy(cell: Dict[str, Any]) -> Any:
    if "$date" in cell:
        return np.datetime64(cell["$date"], "D")
    if "$naive" in cell:
        return np.datetime64(cell["$naive"], "s")
    return as_datetime(cell)  # numpy has no zones


VARIANTS: Dict[str, Callable[[Dict[str, Any]], Any]] = {
    "datetime": as_datetime,
    "pandas": as_pandas,
    "numpy": as_numpy,
}


def native(cell: Any, dates: Callable[[Dict[str, Any]], Any]) -> Any:
    if not isinstance(cell, dict):
        return cell
    if "$unsupported" in cell:
        return {"object": {"n": 1}, "array": [1]}[cell["$unsupported"]]
    return dates(cell)


def build(records: List[Any], dates: Callable[[Dict[str, Any]], Any]) -> List[Any]:
    out: List[Any] = []
    for item in records:
        if isinstance(item, dict):
            out.append(item["$item"])
        else:
            out.append({k: native(c, dates) for k, c in item})
    return out


def seen(view: Dict[str, Any]) -> Dict[str, Any]:
    """The same projection of the evaluation's JSON view as the Rust test's `seen`."""
    windows = [
        [ind["id"], w["start"], w["observations"], w["value"], w["done_on"], w["assessment"]]
        for ind in view["indicators"]
        for w in ind["windows"]
        if w["observations"] > 0
    ]
    d = view["diagnostics"]
    return {"windows": windows, "used": d["used"], "rejected": d["rejected"], "notes": d["notes"]}


def answer(records: Callable[[], List[Any]], lenient: bool) -> Dict[str, Any]:
    plan = ctg.Plan.from_toml(PLAN)

    def run(lang: str) -> Any:
        return plan.evaluate(records(), as_of="2026-12-31", lang=lang, strict=not lenient)

    try:
        return {"seen": seen(json.loads(run("en").to_json()))}
    except ctg.ObservationError as en:
        with pytest.raises(ctg.ObservationError) as fr:
            run("fr")
        return {"problems": {"en": en.problems, "fr": fr.value.problems}}


def test_the_records_corpus_is_there() -> None:
    assert len(CASES) >= 9


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_records_corpus(path: Path, variant: str) -> None:
    spec = json.loads(path.read_text(encoding="utf-8"))
    golden = json.loads((RECORDS / "golden" / path.name).read_text(encoding="utf-8"))
    if any(isinstance(r, list) and len({k for k, _ in r}) != len(r) for r in spec["records"]):
        pytest.skip("a dict has no duplicate key")
    dates = VARIANTS[variant]
    assert answer(lambda: build(spec["records"], dates), spec["lenient"]) == golden
    # Any iterable of dicts reads the same.
    assert answer(lambda: iter(build(spec["records"], dates)), spec["lenient"]) == golden
