"""Random input never crashes the binding: parsing targets and plans, and evaluating random
CSV, lists of dicts and DataFrames either succeeds or raises a ``ctg.CtgError`` (never a
panic, never another exception)."""

from __future__ import annotations

import datetime
from typing import Any, Dict, List

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ctg
from conftest import EXAMPLE_PLAN

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TARGET_WORDS = [
    ">", "<", ">=", "≥", "≤", "=", "+", "-", "−", "%", "/", "(", ")", " ", "an", "mois", "trimestre",
    "par", "entre", "et", "à", "de", "réalisé", "d'ici", "avant", "en", "points", "pts", "au moins",
    "plus de", "réduction", "hausse", "COPIl", "places", "1", "24", "200", "2027", "12,5", "1 000",
    "10-20", "e", ",", ".", "\u202f", "é", "\n", "🙂",
]  # fmt: skip


@settings(SETTINGS, max_examples=400)
@given(st.one_of(st.text(max_size=40), st.lists(st.sampled_from(TARGET_WORDS), max_size=8).map("".join)))
def test_parse_target_never_crashes(text: str) -> None:
    try:
        t = ctg.parse_target(text)
    except ctg.TargetSyntaxError as e:
        # Spans are indices of the Python string (code points), not UTF-8 bytes.
        start, end = e.span
        assert 0 <= start <= end <= len(text)
        assert isinstance(text[start:end], str)
        assert str(e).startswith(f"erreur[{e.code}]")
    else:
        assert isinstance(str(t), str) and isinstance(t.display("en"), str)


SUNDGAU_TOML = EXAMPLE_PLAN.read_text(encoding="utf-8")


@SETTINGS
@given(
    st.one_of(
        st.text(max_size=200),
        st.tuples(
            st.integers(0, len(SUNDGAU_TOML)),
            st.integers(0, 400),
            st.text(max_size=20),
        ).map(lambda c: SUNDGAU_TOML[: c[0]] + c[2] + SUNDGAU_TOML[c[0] + c[1] :]),
    )
)
def test_plan_from_toml_never_crashes(text: str) -> None:
    try:
        plan = ctg.Plan.from_toml(text)
    except ctg.PlanError as e:
        assert e.errors and all("code" in i for i in e.errors)
    else:
        assert ctg.Plan.from_toml(plan.to_toml()) == plan


SMALL_PLAN = ctg.Plan.from_toml(
    """
id = "fuzz"
title = "Fuzz"
territory = "T"
period = { start = 2025, end = 2029 }
axes = [{ number = 1, title = "A" }]
[[fiches]]
number = 1
title = "F"
axis = 1
schedule = { start = 2025, end = 2029 }
[[fiches.indicators]]
id = "c"
label = "count"
measure = "count"
target = "> 10 / mois"
[[fiches.indicators]]
id = "d"
label = "distinct"
measure = "distinct_count"
target = "> 3"
[[fiches.indicators]]
id = "r"
label = "ratio"
measure = "ratio"
target = "+5 points"
[[fiches.indicators]]
id = "m"
label = "milestone"
measure = "milestone"
target = "réalisé d'ici 2027"
[[fiches.indicators]]
id = "q"
label = "qualitative"
measure = "qualitative"
[[fiches.indicators]]
id = "s"
label = "stock"
measure = "stock"
target = "-10%"
"""
)

COLUMNS = ["indicator", "indicateur", "date", "value", "valeur", "participant", "denominator", "commune", "comment", "x"]
CELLS = st.one_of(
    st.sampled_from(["c", "d", "r", "m", "q", "s", "C", "zz", "oui", "non", "atteint", "partiellement", "1", "0", "-3", "12,5", "1 000", "nan", "inf", "", " "]),
    st.dates(datetime.date(2023, 1, 1), datetime.date(2031, 12, 31)).map(lambda d: d.isoformat()),
    st.dates(datetime.date(2023, 1, 1), datetime.date(2031, 12, 31)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.text(max_size=8),
)
VALUES = st.one_of(
    CELLS,
    st.none(),
    st.booleans(),
    st.integers(-10**20, 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)),
    st.datetimes(),
    st.lists(st.integers(), max_size=2),
)


def evaluate_or_error(observations: Any, strict: bool, as_of: Any = None) -> None:
    try:
        ev = SMALL_PLAN.evaluate(observations, strict=strict, as_of=as_of)
    except ctg.ObservationError as e:
        assert e.errors and all({"code", "row", "column", "message"} <= set(i) for i in e.errors)
        return
    df = ev.to_pandas()
    assert len(ev.headlines()) == 6
    assert df["status"].notna().all()
    assert isinstance(ev._repr_html_(), str)


@SETTINGS
@given(
    st.lists(st.sampled_from(COLUMNS), min_size=0, max_size=6),
    st.lists(st.lists(CELLS, max_size=7), max_size=12),
    st.sampled_from([",", ";", "\t"]),
    st.booleans(),
    st.text(alphabet="#\"\n\r;, ", max_size=6),
)
def test_evaluate_random_csv(header: List[str], rows: List[List[str]], sep: str, strict: bool, noise: str) -> None:
    lines = [sep.join(header)] + [sep.join(r) for r in rows]
    text = noise + "\n".join(lines) + "\n"
    evaluate_or_error(text, strict)
    evaluate_or_error(text.encode("utf-8"), strict)


@SETTINGS
@given(
    st.lists(st.dictionaries(st.sampled_from(COLUMNS), VALUES, max_size=7), max_size=12),
    st.booleans(),
    st.one_of(st.none(), st.dates(datetime.date(2020, 1, 1), datetime.date(2035, 1, 1))),
)
def test_evaluate_random_records(rows: List[Dict[str, Any]], strict: bool, as_of: Any) -> None:
    evaluate_or_error(rows, strict, as_of)


@SETTINGS
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "indicator": st.sampled_from(["c", "d", "r", "m", "q", "s", "?"]),
                "date": st.dates(datetime.date(2023, 1, 1), datetime.date(2031, 12, 31)),
                "value": st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True, width=64)),
                "participant": st.sampled_from(["p1", "p2", None]),
                "denominator": st.one_of(st.none(), st.floats(-5, 200)),
            }
        ),
        max_size=30,
    ),
    st.booleans(),
)
def test_evaluate_random_dataframes(rows: List[Dict[str, Any]], strict: bool) -> None:
    df = pd.DataFrame(rows, columns=["indicator", "date", "value", "participant", "denominator"])
    df["date"] = pd.to_datetime(df["date"])
    df["value"] = df["value"].astype("float64")
    df["denominator"] = df["denominator"].astype("float64")
    evaluate_or_error(df, strict)
