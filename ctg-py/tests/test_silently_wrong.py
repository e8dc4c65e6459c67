"""Issue 16, "silently wrong": each finding's regression test through the Python binding
(the rules are the core's; these check that the binding passes them through). Sample data is
fictional."""

from __future__ import annotations

import datetime
from typing import Any, List

import pandas as pd
import pytest

import ctg

PLAN = """
id = "p"
title = "Plan fictif"
territory = "T"
period = { start = 2025, end = 2029 }
axes = [{ number = 1, title = "A" }]
[[fiches]]
number = 1
title = "F"
axis = 1
schedule = { start = 2025, end = 2029 }
[[fiches.indicators]]
id = "x"
label = "X"
measure = "count"
target = "> 200"
[[fiches.indicators]]
id = "d"
label = "Jeunes distincts"
measure = "distinct_count"
"""


@pytest.fixture(scope="module")
def plan() -> ctg.Plan:
    return ctg.Plan.from_toml(PLAN)


def keys(e: Any) -> List[Any]:
    return [(i["code"], i["row"], i["column"]) for i in e.errors]


def test_overflow_sum_is_not_evaluable(plan: ctg.Plan) -> None:
    csv = "indicateur;date;valeur\nx;01/03/2026;1e308\nx;01/04/2026;1e308\n"
    ev = plan.evaluate(csv, as_of="31/12/2026")
    headline = ev.indicator("x")["headline"]
    assert headline["status"] == "not_evaluable"
    assert headline["reason"] == "overflow"
    assert headline["value"] is None


def test_duplicate_key_json(plan: ctg.Plan) -> None:
    with pytest.raises(ctg.PlanError) as info:
        ctg.Plan.from_json(plan.to_json().replace('"target": "', '"target": "> 1", "target": "', 1))
    assert [e["code"] for e in info.value.errors] == ["duplicate_key"]
    assert info.value.errors[0]["location"]["field"] == "target"
    obs = '{"fictional": true, "fictional": false, "observations": []}'
    with pytest.raises(ctg.ObservationError) as oinfo:
        plan.evaluate(obs)
    assert keys(oinfo.value) == [("duplicate_key", None, None)]


def test_duplicate_column_pandas(plan: ctg.Plan) -> None:
    df = pd.DataFrame([["x", "2026-03-31", 1, 2]], columns=["indicateur", "date", "valeur", "valeur"])
    with pytest.raises(ctg.ObservationError) as info:
        plan.evaluate(df)
    assert keys(info.value) == [("duplicate_column", 1, "valeur")]
    df = pd.DataFrame([["x", "2026-03-31", 1, 2]], columns=["indicateur", "date", "valeur", "Value"])
    with pytest.raises(ctg.ObservationError) as info:
        plan.evaluate(df)
    assert keys(info.value) == [("duplicate_column", 1, "Value")]


def test_hash_error_row_not_a_comment(plan: ctg.Plan) -> None:
    csv = "indicateur;date;valeur\n#N/A;02/07/2026;3\nx;03/07/2026;4\n"
    with pytest.raises(ctg.ObservationError) as info:
        plan.evaluate(csv)
    assert keys(info.value) == [("type_error", 2, "indicateur")]
    ev = plan.evaluate(csv, strict=False)
    assert [(r["code"], r["row"]) for r in ev.diagnostics["rejected"]] == [("type_error", 2)]


def test_distinct_zero_refused(plan: ctg.Plan) -> None:
    csv = "indicateur;date;valeur;participant\nd;02/07/2026;0;P1\nd;02/07/2026;;P2\n"
    with pytest.raises(ctg.ObservationError) as info:
        plan.evaluate(csv)
    assert keys(info.value) == [("constraint_error", 2, "valeur")]
    assert "P1" not in str(info.value)
    # The value column may be left out of a header that has a participant column.
    ev = plan.evaluate("indicateur;date;participant\nd;02/07/2026;P1\nd;03/07/2026;P2\n", as_of="31/12/2026")
    assert ev.indicator("d")["headline"]["value"] == 2


def test_unknown_field_misspelt_target() -> None:
    with pytest.raises(ctg.PlanError) as info:
        ctg.Plan.from_toml(PLAN.replace('target = "> 200"', 'cibel = "> 200"'))
    (error,) = info.value.errors
    assert error["code"] == "unknown_field"
    assert error["location"]["field"] == "cibel"
    assert error["location"]["line"] == 16
    assert error["hint_fr"] == "vouliez-vous dire `cible` ?"


def test_csv_formula_injection_neutralised() -> None:
    plan = ctg.Plan.from_toml(PLAN.replace('label = "X"', 'label = "=HYPERLINK(\\"http://x\\")"'))
    ev = plan.evaluate("indicateur;date;valeur\nx;01/03/2026;3\n", as_of="31/12/2026")
    csv = ev.to_csv(flavour="plain")
    assert "'=HYPERLINK" in csv
    assert ",=HYPERLINK" not in csv


def test_impossible_reduction_refused() -> None:
    with pytest.raises(ctg.TargetSyntaxError) as info:
        ctg.parse_target("Réduction de 150%")
    assert info.value.code == "impossible_target"
    ctg.parse_target("Réduction de 100 %")


def test_date_out_of_range_refused(plan: ctg.Plan) -> None:
    with pytest.raises(ctg.ObservationError) as info:
        plan.evaluate("indicateur;date;valeur\nx;01/01/0000;3\n")
    assert keys(info.value) == [("date_out_of_range", 2, "date")]
    records = [{"indicateur": "x", "date": datetime.date(1, 1, 1), "valeur": 3}]
    with pytest.raises(ctg.ObservationError) as info:
        plan.evaluate(records)
    assert keys(info.value) == [("date_out_of_range", 1, "date")]
    with pytest.raises(ValueError):
        plan.evaluate("indicateur;date;valeur\nx;01/03/2026;3\n", as_of="01/01/0000")
    with pytest.raises(ValueError):
        plan.evaluate("indicateur;date;valeur\nx;01/03/2026;3\n", as_of=datetime.date(1, 1, 1))
