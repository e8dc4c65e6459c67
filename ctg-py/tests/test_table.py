"""The results tables come from ctg-core's one schema (``ctg_core::report::table``), exported
as ``ctg.RESULT_COLUMNS``: every frame has exactly its columns, in its order."""

from __future__ import annotations

import pandas as pd
import pytest

import ctg
from conftest import EXAMPLE_CSV


@pytest.fixture(scope="module")
def example(sundgau: ctg.Plan) -> ctg.Evaluation:
    return sundgau.evaluate(EXAMPLE_CSV, as_of="2026-12-31")


def test_result_columns_come_from_core() -> None:
    assert isinstance(ctg.RESULT_COLUMNS, tuple)
    assert ctg.RESULT_COLUMNS[:3] == ("axis", "fiche", "indicator")
    assert ctg.RESULT_COLUMNS[-1] == "explanation"
    assert len(set(ctg.RESULT_COLUMNS)) == len(ctg.RESULT_COLUMNS) == 27
    assert "RESULT_COLUMNS" in ctg.__all__


def test_every_frame_has_the_schema_columns(example: ctg.Evaluation, sundgau: ctg.Plan) -> None:
    assert tuple(example.to_pandas().columns) == ctg.RESULT_COLUMNS
    assert tuple(example.to_polars().columns) == ctg.RESULT_COLUMNS
    assert tuple(example.headlines().columns) == ctg.RESULT_COLUMNS
    assert tuple(example.headlines("polars").columns) == ctg.RESULT_COLUMNS
    other = ctg.Plan.from_json(sundgau.to_json().replace("sundgau-2025-2029", "ctg-0001"))
    rows = [{"territory": "ctg-0001", "indicator": "f8.1", "date": "2026-12-31", "value": 30}]
    evs = ctg.evaluate_many([sundgau, other], rows)
    many = ("territory",) + ctg.RESULT_COLUMNS
    assert tuple(evs.to_pandas().columns) == many
    assert tuple(evs.to_polars().columns) == many
    assert tuple(evs.headlines().columns) == many


def test_table_cells_follow_the_evaluation(example: ctg.Evaluation) -> None:
    df = example.to_pandas()
    data = example.to_dict()
    rows = [r for ind in data["indicators"] for r in sorted(
        ind["windows"] + ind["yearly"],
        key=lambda r: (r["end"], r["kind"] == "year_summary", r["start"]),
    )]
    assert len(df) == len(rows)
    for (_, row), r in zip(df.iterrows(), rows):
        assert row["indicator"] == r["indicator"]
        assert row["status"] == r["status"]
        assert row["explanation"] == r["explanation"]
        assert (pd.isna(row["value"]) and r["value"] is None) or row["value"] == r["value"]
    # The target text is the indicator's, in the evaluation's language.
    f81 = df[df.indicator == "f8.1"].iloc[0]
    ind = next(i for i in data["indicators"] if i["id"] == "f8.1")
    assert f81["target"] == ind["target_text"]
