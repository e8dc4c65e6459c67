"""The evaluation (``ctg_core::eval``): tables and their dtypes, headlines, summary, JSON,
reports (text, HTML, Markdown, CSV: the core's, with its options), notebook view, and the GIL
released while large inputs are read and evaluated."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import ctg
from conftest import EXAMPLE_CSV, run_beside_spinner

COLUMNS = [
    "axis", "fiche", "indicator", "label", "kind", "window", "start", "end", "state",
    "observations", "value", "unit", "target", "expected", "baseline", "change", "projection",
    "status", "achievement", "reason", "done_on", "assessment", "comment",
    "coverage_with_data", "coverage_total", "headline", "explanation",
]  # fmt: skip


@pytest.fixture(scope="module")
def example(sundgau: ctg.Plan) -> ctg.Evaluation:
    return sundgau.evaluate(EXAMPLE_CSV, as_of="2026-12-31")


def test_to_pandas_columns_and_dtypes(example: ctg.Evaluation) -> None:
    df = example.to_pandas()
    assert list(df.columns) == COLUMNS
    for c in ("start", "end", "done_on"):
        assert df[c].dtype.kind == "M", c
    for c in ("value", "expected", "baseline", "change", "projection", "achievement", "coverage_with_data", "coverage_total"):
        assert df[c].dtype == np.float64, c
    for c in ("axis", "fiche", "observations"):
        assert df[c].dtype == np.int64, c
    assert df["headline"].dtype == bool
    status = df["status"].dtype
    assert isinstance(status, pd.CategoricalDtype) and status.ordered
    assert list(status.categories) == list(ctg.STATUSES) == [
        "achieved", "on_track", "at_risk", "not_achieved", "no_data", "not_evaluable", "tracked",
    ]  # fmt: skip
    # Ordered by severity: sorting puts achieved first and tracked last.
    ordered = df.sort_values("status")["status"].astype(str).tolist()
    assert ordered[0] == "achieved" and ordered[-1] == "tracked"
    assert (df["status"] < "not_achieved").any()
    # Missing numbers are NaN, missing dates NaT.
    assert df["value"].isna().any() and df["done_on"].isna().any()
    assert set(df["kind"]) == {"window", "year_summary"}
    assert set(df["state"]) == {"closed", "open"} or set(df["state"]) == {"closed"}


def test_rows_match_the_core_json(example: ctg.Evaluation) -> None:
    df = example.to_pandas()
    data = json.loads(example.to_json())
    assert example.to_dict() == data
    n = sum(len(i["windows"]) + len(i["yearly"]) for i in data["indicators"])
    assert len(df) == n
    # Every headline is one row of the table, flagged.
    assert df.groupby("indicator", sort=False)["headline"].sum().tolist() == [1] * 25
    heads = example.headlines()
    assert list(heads.columns) == COLUMNS and len(heads) == 25
    flagged = df[df.headline].reset_index(drop=True)
    pd.testing.assert_frame_equal(heads, flagged)
    for row, ind in zip(heads.itertuples(), data["indicators"]):
        h = ind["headline"]
        assert (row.indicator, row.status, row.start.date().isoformat()) == (h["indicator"], h["status"], h["start"])
        assert (pd.isna(row.value) and h["value"] is None) or row.value == h["value"]
        assert row.target == ind["target_text"] or (pd.isna(row.target) and ind["target_text"] is None)


def test_every_status_appears_in_the_example(example: ctg.Evaluation) -> None:
    assert set(example.headlines()["status"].astype(str)) == set(ctg.STATUSES)


def test_to_polars(example: ctg.Evaluation) -> None:
    df = example.to_polars()
    assert df.columns == COLUMNS
    assert df.schema["start"] == pl.Date and df.schema["done_on"] == pl.Date
    assert df.schema["status"] == pl.Enum(list(ctg.STATUSES))
    assert df.schema["value"] == pl.Float64
    assert df.height == len(example.to_pandas())
    assert example.headlines(backend="polars").height == 25
    with pytest.raises(ValueError, match="backend"):
        example.headlines(backend="excel")  # type: ignore[call-overload]


def test_summary(example: ctg.Evaluation) -> None:
    s = example.summary()
    assert sorted(s) == ["axes", "fiches", "plan"]
    plan, axes, fiches = s["plan"], s["axes"], s["fiches"]
    assert list(plan.columns) == ["plan_id", "title", "score", *ctg.STATUSES, "scored", "total"]
    assert list(axes.columns) == ["axis", "title", "score", "fiches_scored", "fiches", *ctg.STATUSES, "scored", "total"]
    assert list(fiches.columns) == ["axis", "fiche", "title", "score", *ctg.STATUSES, "scored", "total"]
    assert len(plan) == 1 and len(axes) == 3 and len(fiches) == 12
    assert plan.loc[0, "score"] == pytest.approx(example.score)
    assert plan.loc[0, "total"] == 25 == fiches["total"].sum() == axes["total"].sum()
    counts = example.headlines()["status"].astype(str).value_counts()
    for status in ctg.STATUSES:
        assert plan.loc[0, status] == counts.get(status, 0)
    assert fiches["score"].dtype == np.float64
    polars = example.summary(backend="polars")
    assert polars["fiches"].height == 12


def test_metadata_and_diagnostics(example: ctg.Evaluation) -> None:
    assert example.as_of == datetime.date(2026, 12, 31) and example.as_of_given
    assert example.fictional
    assert example.lang == "fr"
    assert example.plan_id == "sundgau-2025-2029" and example.period == (2025, 2029)
    d = example.diagnostics
    assert set(d) == {"used", "outside_period", "after_as_of", "rejected", "not_in_plan", "notes"}
    assert d["used"] > 100 and d["rejected"] == []
    # Comment lines by their rows, never their text (issue 16).
    assert any("commentaire" in n for n in d["notes"])
    r = repr(example)
    assert r.startswith("<Evaluation sundgau-2025-2029 au 2026-12-31, données FICTIVES : 25 indicateurs — ")
    assert re.search(r" ; score du plan \d+ %>$", r)


def test_report_is_the_core_text_report(example: ctg.Evaluation) -> None:
    text = example.report()
    assert "DONNÉES FICTIVES" in text and "FICHE 12" in text


def test_english(sundgau: ctg.Plan, example: ctg.Evaluation) -> None:
    en = sundgau.evaluate(EXAMPLE_CSV, as_of="2026-12-31", lang="en")
    assert en.lang == "en"
    assert en.to_pandas()["status"].tolist() == example.to_pandas()["status"].tolist()
    assert en.to_pandas()["explanation"].tolist() != example.to_pandas()["explanation"].tolist()
    assert "FICTIONAL DATA" in en._repr_html_()
    assert re.match(r"<Evaluation sundgau-2025-2029 as of 2026-12-31, FICTIONAL data: 25 indicators — .*; plan score \d+%>$", repr(en))


# --- reports: the core's renderers, with the report options ------------------------------


def test_to_html_is_the_core_report(sundgau: ctg.Plan, example: ctg.Evaluation) -> None:
    html = example.to_html()
    assert html.startswith("<!DOCTYPE html>") and '<html lang="fr">' in html and html.rstrip().endswith("</html>")
    assert html.count('class="ind"') == 25 and "Données fictives" in html
    assert "<script" not in html
    # The language defaults to the evaluation's; asked for, it is the same document as an
    # evaluation made in that language.
    en = sundgau.evaluate(EXAMPLE_CSV, as_of="2026-12-31", lang="en")
    assert en.to_html() == example.to_html(lang="en") != html
    assert en.to_html(lang="fr") == html
    assert '<html lang="en">' in example.to_html(lang="en")
    # Fiches and axes.
    fiches = example.headlines()["fiche"]
    assert example.to_html(fiches=[7, 8]).count('class="ind"') == fiches.isin([7, 8]).sum() == 3
    axis2 = example.to_html(axes=[2])
    assert 'id="h-axe-2"' in axis2 and 'id="h-axe-1"' not in axis2
    # Small-count suppression.
    assert "Secret statistique" in example.to_html(suppress_below=5)
    assert "Secret statistique" not in html


def test_to_markdown_is_the_core_report(example: ctg.Evaluation) -> None:
    md = example.to_markdown()
    assert md.startswith("# ") and "| f7.1 |" in md and "Données fictives" in md
    en = example.to_markdown(lang="en", fiches=[5])
    assert "## Summary" in en and "| f5.2 |" in en and "| f7.1 |" not in en
    # The ratio shows as the report shows it: one decimal and a percent sign.
    assert re.search(r"\| f5\.2 \| [^|]+ \| \d+,\d\xa0% \|", md), md
    small = example.to_markdown(suppress_below=1000)
    assert "&lt; 1\u202f000" in small and "&lt; 1\u202f000" not in md


def test_to_csv_is_the_core_export(example: ctg.Evaluation) -> None:
    fr = example.to_csv()
    assert fr.startswith("\ufeffaxe;fiche;indicateur;libellé;")
    plain = example.to_csv(flavour="plain")
    rows = list(csv.DictReader(io.StringIO(plain)))
    assert len(rows) == len(example.to_pandas())
    assert [r["status"] for r in rows] == example.to_pandas()["status"].astype(str).tolist()
    assert {r["status_label"] for r in rows} >= {"Atteint", "Sans données"}
    en = list(csv.DictReader(io.StringIO(example.to_csv(lang="en", flavour="plain", fiches=[8]))))
    assert {r["fiche"] for r in en} == {"8"} and {r["status_label"] for r in en} <= {s["label"] for s in ctg.statuses("en")}
    french = list(csv.DictReader(io.StringIO(fr.lstrip("\ufeff")), delimiter=";"))
    assert french[0]["début"] == "01/01/2025" and rows[0]["start"] == "2025-01-01"
    with pytest.raises(ValueError, match="flavour"):
        example.to_csv(flavour="xlsx")  # type: ignore[arg-type]


def test_report_arguments_are_checked(example: ctg.Evaluation) -> None:
    with pytest.raises(ValueError, match="language"):
        example.to_html(lang="de")
    with pytest.raises(TypeError):
        example.to_markdown(fiches="7")  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        example.to_csv(suppress_below=-1)


def test_repr_html(example: ctg.Evaluation) -> None:
    html = example._repr_html_()
    assert html.startswith('<div class="ctg-evaluation" lang="fr"') and html.endswith("</div>")
    assert "DONNÉES FICTIVES" in html
    for s in ctg.statuses("fr"):
        assert s["colour"] in html and s["ink"] in html and s["label"] in html and s["icon"] in html
    assert html.count("<tr><td>") == 25


def test_repr_html_texts_are_the_report_s(example: ctg.Evaluation) -> None:
    """The notebook's value, target and explanation of each headline are the report's:
    the ratio with one decimal and a percent sign (it showed two decimals)."""
    html = example._repr_html_()
    md = example.to_markdown()
    cell = re.search(r"<code>f5\.2</code>(?:</td><td[^>]*>[^<]*){2}</td><td[^>]*>([^<]*)</td>", html)
    assert cell is not None and re.fullmatch(r"\d+,\d\xa0%", cell.group(1)), cell
    assert f"| {cell.group(1)} |" in md
    explanation = example.headlines().set_index("indicator").loc["f5.2", "explanation"]
    assert explanation.replace("'", "&#39;") in html


def test_repr_html_escapes_every_text() -> None:
    hostile = "<script>alert('x')</script> & \"co\""
    plan = ctg.Plan.from_toml(
        f"""
id = "x"
title = {json.dumps(hostile)}
territory = {json.dumps(hostile)}
period = {{ start = 2025, end = 2029 }}
axes = [{{ number = 1, title = {json.dumps(hostile)} }}]
[[fiches]]
number = 1
title = {json.dumps(hostile)}
axis = 1
schedule = {{ start = 2025, end = 2029 }}
[[fiches.indicators]]
id = "a"
label = {json.dumps(hostile)}
measure = "count"
unit = "<i>u</i>"
target = "> 2"
"""
    )
    ev = plan.evaluate([{"indicator": "a", "date": "2026-01-01", "value": 3, "comment": hostile}])
    for html in (ev._repr_html_(), ev.to_html(), ev.to_html(lang="en")):
        assert "<script>" not in html and "<i>" not in html
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;" in html
    assert "<script>" not in ev.to_markdown() and "&lt;script&gt;" in ev.to_markdown()


def test_gil_is_released_while_evaluating(sundgau: ctg.Plan) -> None:
    """Another Python thread keeps running while a large table is read and evaluated: the
    longest pause it sees is a small part of the evaluation (with the GIL held, it would be
    frozen for the whole call)."""
    n = 150_000
    rng = np.random.default_rng(1)
    table = pa.table(
        {
            "indicator": rng.choice(["f7.1", "f8.1", "f2.1", "f12.2"], n),
            "date": pd.to_datetime("2025-01-01") + pd.to_timedelta(rng.integers(0, 700, n), unit="D"),
            "value": rng.integers(0, 30, n).astype("float64"),
        }
    )
    # Repeated until it lasts long enough to tell (a release build is fast).
    for repeat in (1, 4, 16, 64):
        ev, elapsed, longest = run_beside_spinner(
            lambda: [sundgau.evaluate(table) for _ in range(repeat)][-1]
        )
        if elapsed > 0.1:
            break
    assert ev.diagnostics["used"] == n
    assert elapsed > 0.1, "too fast to tell"
    assert longest < elapsed / 3, (longest, elapsed)
