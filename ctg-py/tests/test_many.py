"""Many plans in one call (``ctg.evaluate_many``, ``ctg.Evaluations``): routing rows by
territory, errors and lenient mode, equivalence with plan-by-plan ``Plan.evaluate`` on the
national workload (CSV path, pandas and polars DataFrames), explanations off, the
collection and its tables, and ``ctg.workload`` (fictional data)."""

from __future__ import annotations

import csv
import datetime
import doctest
import io
import json
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pandas as pd
import polars as pl
import pytest
from polars.testing import assert_frame_equal as assert_polars_equal

import ctg
import ctg.workload
from conftest import run_beside_spinner
from test_eval import COLUMNS

NATIONAL = {"plans": 4, "months": 24, "participations": 2000}


def variant(template: ctg.Plan, plan_id: str, territory: str) -> ctg.Plan:
    """The Sundgau plan under another id and territory name."""
    data = json.loads(template.to_json())
    data["id"], data["territory"] = plan_id, territory
    return ctg.Plan.from_json(json.dumps(data))


@pytest.fixture(scope="module")
def trio(sundgau: ctg.Plan) -> List[ctg.Plan]:
    return [
        sundgau,
        variant(sundgau, "ctg-0001", "Vallée de la Doller"),
        variant(sundgau, "ctg-0002", "Pays de Thann-Cernay"),
    ]


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Tuple[Path, List[ctg.Plan]]:
    directory = tmp_path_factory.mktemp("national")
    written = ctg.workload.write_national(directory, **NATIONAL)
    assert written["plans"] == 4
    with (directory / "plans.jsonl").open(encoding="utf-8") as f:
        plans = [ctg.Plan.from_json(line) for line in f]
    return directory, plans


def row(territory: str, indicator: str = "f8.1", value: Any = 30, date: str = "2026-12-31") -> Dict[str, Any]:
    return {"territoire": territory, "indicateur": indicator, "date": date, "valeur": value}


# --- routing -----------------------------------------------------------------------------


def test_rows_go_to_the_plan_their_territory_names(trio: List[ctg.Plan]) -> None:
    rows = [
        row("sundgau-2025-2029", value=30),  # plan id
        row("CTG-0001", value=20),  # plan id, another case
        row("vallee de la doller", "f2.1", 240),  # territory name without accents
        row("Pays de Thann Cernay", value=9),  # punctuation ignored
        row("  pays de thann-cernay ", "f2.1", 100),
    ]
    evs = ctg.evaluate_many(trio, rows, as_of="2026-12-31")
    assert [e.diagnostics["used"] for e in evs] == [1, 2, 2]
    heads = evs.headlines().set_index(["territory", "indicator"])
    assert heads.loc[("sundgau-2025-2029", "f8.1"), "value"] == 30
    assert heads.loc[("ctg-0001", "f8.1"), "value"] == 20
    assert heads.loc[("ctg-0001", "f2.1"), "status"] == "achieved"
    assert heads.loc[("ctg-0002", "f8.1"), "status"] == "not_achieved"
    assert heads.loc[("ctg-0002", "f2.1"), "status"] == "not_achieved"


def test_every_input_form_routes_alike(trio: List[ctg.Plan]) -> None:
    rows = [row("sundgau-2025-2029"), row("Vallée de la Doller", value=5), row("ctg-0002", value=50)]
    csv = "territoire;indicateur;date;valeur\n" + "".join(
        f"{r['territoire']};{r['indicateur']};31/12/2026;{r['valeur']}\n" for r in rows
    )
    frame = pd.DataFrame(rows)
    expected = ctg.evaluate_many(trio, rows).to_pandas()
    for form in (csv, csv.encode("utf-8"), frame, pl.from_pandas(frame)):
        got = ctg.evaluate_many(tuple(trio), form)
        assert [e.diagnostics["used"] for e in got] == [1, 1, 1]
        pd.testing.assert_frame_equal(got.to_pandas(), expected)
        assert got.headlines()["value"].dropna().tolist() == [30.0, 5.0, 50.0]


def test_plans_may_be_any_iterable(trio: List[ctg.Plan]) -> None:
    rows = [row("ctg-0002")]
    assert ctg.evaluate_many(iter(trio), rows).keys() == ["sundgau-2025-2029", "ctg-0001", "ctg-0002"]
    assert len(ctg.evaluate_many((p for p in trio[1:]), rows)) == 2


def test_unknown_territory_is_reported_with_a_hint(trio: List[ctg.Plan]) -> None:
    rows = [row("ctg-0001"), row("ctg-0003"), row("Vallée de la Dollar", value=-1), row("ctg-0002", value="beaucoup")]
    with pytest.raises(ctg.ObservationError) as info:
        ctg.evaluate_many(trio, rows)
    errors = info.value.errors
    assert [(e["code"], e["row"], e["column"]) for e in errors] == [
        ("unknown_territory", 2, "territoire"),
        ("unknown_territory", 3, "territoire"),
        ("type_error", 4, "valeur"),
    ]
    assert "vouliez-vous dire" in errors[1]["hint_fr"] and "Vallée de la Doller" in errors[1]["hint_fr"]
    assert "did you mean" in errors[1]["hint"]
    assert "ctg-0003" in errors[0]["message_fr"]
    assert isinstance(info.value, ctg.CtgError) and isinstance(info.value, ValueError)
    assert "3" in str(info.value).splitlines()[0]


def test_a_territory_column_is_required_with_several_plans(trio: List[ctg.Plan]) -> None:
    rows = [{"indicator": "f8.1", "date": "2026-12-31", "value": 30}] * 2
    csv = "indicateur;date;valeur\nf8.1;31/12/2026;30\n"
    for form in (csv, pd.DataFrame(rows), pl.DataFrame(rows)):
        with pytest.raises(ctg.ObservationError) as info:
            ctg.evaluate_many(trio, form)
        assert [(e["code"], e["row"], e["column"]) for e in info.value.errors] == [("missing_column", None, "territory")]
        assert "territory" in str(info.value)
    # Dicts (and JSON objects) without the key: each row's cell is missing, as for any column.
    with pytest.raises(ctg.ObservationError) as info:
        ctg.evaluate_many(trio, rows)
    assert [(e["code"], e["row"]) for e in info.value.errors] == [("missing_cell", 1), ("missing_cell", 2)]
    # One plan: the column is optional.
    evs = ctg.evaluate_many(trio[:1], rows)
    assert len(evs) == 1 and evs[0].diagnostics["used"] == 2
    assert repr(evs).startswith("<Evaluations : 1 plan au 2026-12-31 ;")


def test_an_empty_territory_cell_is_an_error(trio: List[ctg.Plan]) -> None:
    with pytest.raises(ctg.ObservationError) as info:
        ctg.evaluate_many(trio, [row("ctg-0001"), row("")])
    assert [(e["code"], e["row"]) for e in info.value.errors] == [("missing_cell", 2)]


def test_lenient_mode_drops_bad_rows(trio: List[ctg.Plan]) -> None:
    rows = [row("ctg-0001"), row("ctg-0009"), row("ctg-0002", value=-3), row("ctg-0002", value=12), row("")]
    evs = ctg.evaluate_many(trio, rows, strict=False)
    assert [e.diagnostics["used"] for e in evs] == [0, 1, 1]
    assert [(s["code"], s["row"]) for s in evs.skipped] == [("unknown_territory", 2), ("missing_cell", 5)]
    assert [(r["code"], r["row"]) for r in evs["ctg-0002"].diagnostics["rejected"]] == [("constraint_error", 3)]
    assert evs[0].diagnostics["rejected"] == [] == evs[1].diagnostics["rejected"]
    assert "2 ligne(s) de territoire inconnu écartée(s)" in repr(evs)


def test_one_plan_and_a_table_naming_another_territory(sundgau: ctg.Plan) -> None:
    rows = [row("sundgau-2025-2029"), row("ctg-0001")]
    with pytest.raises(ctg.ObservationError) as info:
        sundgau.evaluate(rows)
    assert [(e["code"], e["row"]) for e in info.value.errors] == [("unknown_territory", 2)]
    assert "evaluate_many" in info.value.errors[0]["hint_fr"]
    # Its own territory is fine, by id or by name.
    ev = sundgau.evaluate([row("sundgau-2025-2029"), row("Communauté de communes Sundgau (CCS)")])
    assert ev.diagnostics["used"] == 2
    # Lenient: the other territory's row is dropped.
    ev = sundgau.evaluate(rows, strict=False)
    assert ev.diagnostics["used"] == 1
    assert [r["code"] for r in ev.diagnostics["rejected"]] == ["unknown_territory"]


def test_the_same_plan_twice_is_ambiguous(sundgau: ctg.Plan) -> None:
    with pytest.raises(ctg.ObservationError) as info:
        ctg.evaluate_many([sundgau, sundgau], [row("sundgau-2025-2029")])
    assert info.value.errors[0]["code"] == "unknown_territory"


def test_participants_never_leak_from_many(trio: List[ctg.Plan]) -> None:
    rows = [
        {"territory": "ctg-0001", "indicator": "f4.1", "date": "2026-02-01", "value": 1, "participant": "SECRET-42"},
        {"territory": "ctg-0007", "indicator": "f4.1", "date": "2026-02-01", "value": 1, "participant": "SECRET-43"},
        {"territory": "ctg-0002", "indicator": "f4.1", "date": "2026-02-31", "value": 1, "participant": "SECRET-44"},
    ]
    with pytest.raises(ctg.ObservationError) as info:
        ctg.evaluate_many(trio, rows)
    assert "SECRET" not in str(info.value) and "SECRET" not in json.dumps(info.value.errors)
    evs = ctg.evaluate_many(trio, rows, strict=False)
    assert "SECRET" not in repr(evs) + evs._repr_html_() + json.dumps(evs.skipped)
    assert "SECRET" not in evs.to_pandas().to_csv() + "".join(e.to_json() for e in evs)


def test_bad_arguments(trio: List[ctg.Plan]) -> None:
    with pytest.raises(TypeError, match="sequence of ctg.Plan"):
        ctg.evaluate_many(trio[0], [])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="sequence of ctg.Plan"):
        ctg.evaluate_many(42, [])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"plans\[1\] must be a ctg.Plan, not str"):
        ctg.evaluate_many([trio[0], "ctg-0001"], [])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="observations must be"):
        ctg.evaluate_many(trio, 42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="as_of"):
        ctg.evaluate_many(trio, [], as_of="demain")
    with pytest.raises(ValueError):
        ctg.evaluate_many(trio, [], lang="de")
    with pytest.raises(FileNotFoundError):
        ctg.evaluate_many(trio, "/nonexistent/observations.csv")


def test_no_plan(trio: List[ctg.Plan]) -> None:
    evs = ctg.evaluate_many([], [])
    assert len(evs) == 0 and list(evs) == [] and evs.keys() == []
    assert evs.as_of is None and not evs.fictional
    df = evs.to_pandas()
    assert list(df.columns) == ["territory", *COLUMNS] and len(df) == 0
    assert evs.to_polars().columns == ["territory", *COLUMNS]
    assert len(evs.scores()) == 0
    with pytest.raises(IndexError):
        evs[0]
    # The reports: a header alone, an empty table.
    header = evs.to_csv(flavour="plain")
    assert header.splitlines() == [",".join(["territory", *trio[0].evaluate([]).to_csv(flavour="plain").splitlines()[0].split(",")])]
    assert "<h1>Bilan de 0 plans</h1>" in evs.to_html() and "<tr data-plan" not in evs.to_html()
    assert repr(evs) == "<Evaluations : 0 plans ; 0 indicateurs>"


# --- the national workload: evaluate_many = Plan.evaluate plan by plan -------------------


def per_plan_csv(path: Path, plan_id: str) -> bytes:
    """The comment line, the header and the plan's rows of the national table."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(lines[:2] + [line for line in lines[2:] if line.startswith(plan_id + ",")]).encode()


def test_write_national_files_say_fictional(national: Tuple[Path, List[ctg.Plan]]) -> None:
    directory, plans = national
    assert sorted(p.name for p in directory.iterdir()) == ["LISEZMOI.txt", "observations.csv", "plans.jsonl", "targets.csv"]
    assert "FICTIVES" in (directory / "LISEZMOI.txt").read_text(encoding="utf-8")
    lines = (directory / "observations.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Données fictives") and "fictional" in lines[0]
    assert lines[1] == "territory,indicator,date,value,participant,denominator"
    again = ctg.workload.write_national(directory / "again", **NATIONAL)
    assert again == {"plans": 4, "rows": len(lines) - 2, "directory": str(directory / "again")}
    assert (directory / "again" / "observations.csv").read_bytes() == (directory / "observations.csv").read_bytes()
    assert [p.id for p in plans] == ["ctg-0000", "ctg-0001", "ctg-0002", "ctg-0003"]
    assert plans[1].territory == "Territoire fictif 1"
    assert "fictional" in (ctg.workload.write_national.__doc__ or "")
    assert "FICTIONAL" in (ctg.workload.__doc__ or "").upper()


def test_workload_docstring_examples() -> None:
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testmod(ctg.workload, optionflags=flags)
    assert result.attempted >= 8 and result.failed == 0


def test_write_national_errors(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(OSError):
        ctg.workload.write_national(blocker / "sub", plans=1, months=1, participations=0)


def test_equivalence_from_the_csv_path(national: Tuple[Path, List[ctg.Plan]]) -> None:
    directory, plans = national
    path = directory / "observations.csv"
    evs = ctg.evaluate_many(plans, path)
    assert evs.fictional and evs.keys() == [p.id for p in plans]
    for plan, ev in zip(plans, evs):
        alone = plan.evaluate(per_plan_csv(path, plan.id))
        assert ev.diagnostics["used"] > 0
        assert ev.to_json() == alone.to_json(), plan.id
    # As of a given date, and from a str path too.
    as_of = datetime.date(2025, 6, 30)
    evs = ctg.evaluate_many(plans, str(path), as_of=as_of)
    assert evs.as_of == as_of and evs.as_of_given
    assert [e.to_json() for e in evs] == [p.evaluate(per_plan_csv(path, p.id), as_of=as_of).to_json() for p in plans]


@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_equivalence_from_dataframes(national: Tuple[Path, List[ctg.Plan]], backend: str) -> None:
    directory, plans = national
    path = directory / "observations.csv"
    if backend == "pandas":
        df: Any = pd.read_csv(path, comment="#")

        def of(plan_id: str) -> Any:
            return df[df["territory"] == plan_id].reset_index(drop=True)

    else:
        df = pl.read_csv(path, comment_prefix="#")

        def of(plan_id: str) -> Any:
            return df.filter(pl.col("territory") == plan_id)

    evs = ctg.evaluate_many(plans, df)
    assert not evs.fictional  # the comment line is not in a DataFrame
    for plan, ev in zip(plans, evs):
        assert ev.to_json() == plan.evaluate(of(plan.id)).to_json(), plan.id
    # The same results as from the CSV file (but for its comment line and fictional flag).
    from_csv = ctg.evaluate_many(plans, path)
    pd.testing.assert_frame_equal(evs.to_pandas(), from_csv.to_pandas())
    assert_polars_equal(evs.headlines("polars"), from_csv.headlines("polars"))


def test_explanations_off(national: Tuple[Path, List[ctg.Plan]]) -> None:
    directory, plans = national
    path = directory / "observations.csv"
    full = ctg.evaluate_many(plans, path, lang="en")
    bare = ctg.evaluate_many(plans, path, lang="en", explanations=False)
    a, b = full.to_pandas(), bare.to_pandas()
    assert (a["explanation"] != "").all() and (b["explanation"] == "").all()
    pd.testing.assert_frame_equal(a.drop(columns="explanation"), b.drop(columns="explanation"))
    for ev_full, ev_bare in zip(full, bare):
        data = json.loads(ev_full.to_json())
        for ind in data["indicators"]:
            for r in ind["windows"] + ind["yearly"] + [ind["headline"]]:
                r["explanation"] = ""
        assert data == json.loads(ev_bare.to_json())
    # Plan.evaluate too.
    plan = plans[0]
    one = plan.evaluate(per_plan_csv(path, plan.id), explanations=False)
    assert (one.to_pandas()["explanation"] == "").all()
    pd.testing.assert_frame_equal(
        one.to_pandas().drop(columns="explanation"),
        plan.evaluate(per_plan_csv(path, plan.id)).to_pandas().drop(columns="explanation"),
    )


# --- Evaluations: the collection and its tables --------------------------------------------


@pytest.fixture(scope="module")
def evs(national: Tuple[Path, List[ctg.Plan]]) -> ctg.Evaluations:
    directory, plans = national
    return ctg.evaluate_many(plans, directory / "observations.csv")


def test_collection(evs: ctg.Evaluations, national: Tuple[Path, List[ctg.Plan]]) -> None:
    _, plans = national
    ids = [p.id for p in plans]
    assert len(evs) == 4 and evs.keys() == ids
    assert [e.plan_id for e in evs] == ids and [e.plan_id for e in iter(evs)] == ids
    assert evs["ctg-0002"].plan_id == "ctg-0002" and evs["ctg-0002"].territory == "Territoire fictif 2"
    assert evs[0].plan_id == "ctg-0000" and evs[-1].plan_id == "ctg-0003" and evs[-4].plan_id == "ctg-0000"
    assert evs[2].to_json() == evs["ctg-0002"].to_json()
    assert "ctg-0001" in evs and "ctg-0042" not in evs and 1 not in evs
    with pytest.raises(KeyError, match="ctg-0042"):
        evs["ctg-0042"]
    with pytest.raises(KeyError):
        evs["Territoire fictif 1"]  # by plan id only
    for bad in (4, -5, 10**30):
        with pytest.raises(IndexError):
            evs[bad]
    with pytest.raises(TypeError, match="plan id"):
        evs[1.5]  # type: ignore[index]
    assert isinstance(evs[0], ctg.Evaluation)
    # Frozen.
    with pytest.raises(AttributeError):
        evs.lang = "en"  # type: ignore[misc]


def test_metadata(evs: ctg.Evaluations, trio: List[ctg.Plan]) -> None:
    assert evs.fictional and evs.lang == "fr" and evs.skipped == [] and not evs.as_of_given
    # Without as_of, each plan is evaluated as of its own latest observation.
    dates = {e.as_of for e in evs}
    assert evs.as_of == (dates.pop() if len(dates) == 1 else None)
    rows = [row("sundgau-2025-2029", date="2026-03-31"), row("ctg-0001", date="2026-06-30")]
    mixed = ctg.evaluate_many(trio, rows)
    assert mixed.as_of is None and not mixed.as_of_given
    assert [e.as_of for e in mixed] == [datetime.date(2026, 3, 31), datetime.date(2026, 6, 30), datetime.date(2025, 1, 1)]
    assert "au 2025-01-01 … 2026-06-30 (selon les plans)" in repr(mixed)
    given = ctg.evaluate_many(trio, rows, as_of="31/12/2026")
    assert given.as_of == datetime.date(2026, 12, 31) and given.as_of_given


def test_repr(evs: ctg.Evaluations, trio: List[ctg.Plan]) -> None:
    r = repr(evs)
    assert r.startswith("<Evaluations : 4 plans au ") and ", données FICTIVES ; 100 indicateurs — " in r
    assert r.endswith(">")
    en = ctg.evaluate_many(trio, [row("ctg-0001")], as_of="2026-12-31", lang="en")
    assert repr(en) == "<Evaluations: 3 plans as of 2026-12-31; 75 indicators — 1 achieved, 74 no_data>"


def test_repr_html(evs: ctg.Evaluations) -> None:
    html = evs._repr_html_()
    assert html.startswith('<div class="ctg-evaluations" lang="fr"') and html.endswith("</div>")
    assert "Évaluation de 4 plans" in html and "DONNÉES FICTIVES" in html
    assert html.count("<tr><td><code>ctg-") == 4 and "Territoire fictif 3" in html
    assert "scores()" in html


def test_repr_html_is_short_and_escaped(sundgau: ctg.Plan) -> None:
    hostile = "<script>alert('x')</script> & co"
    plans = [variant(sundgau, f"p{i}", f"{hostile} {i}") for i in range(12)]
    evs = ctg.evaluate_many(plans, [{"territory": "p3", "indicator": "f8.1", "date": "2026-12-31", "value": 30}])
    html = evs._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co 3" in html
    assert html.count("<tr><td><code>") == 10 and "… et 2 autres plans" in html


def test_to_pandas_is_one_long_table(evs: ctg.Evaluations) -> None:
    df = evs.to_pandas()
    assert list(df.columns) == ["territory", *COLUMNS]
    singles = [e.to_pandas() for e in evs]
    assert len(df) == sum(len(s) for s in singles)
    assert df["territory"].unique().tolist() == evs.keys()
    for ev, single in zip(evs, singles):
        part = df[df["territory"] == ev.plan_id].drop(columns="territory").reset_index(drop=True)
        pd.testing.assert_frame_equal(part, single, check_exact=True)
        assert dict(part.dtypes) == dict(single.dtypes)
    status = df["status"].dtype
    assert isinstance(status, pd.CategoricalDtype) and status.ordered
    assert list(status.categories) == list(ctg.STATUSES)
    for c in ("start", "end", "done_on"):
        assert df[c].dtype.kind == "M"
    # A plain, writable frame.
    df.loc[0, "value"] = -1.0
    df["value"] *= 2


def test_headlines(evs: ctg.Evaluations) -> None:
    h = evs.headlines()
    assert list(h.columns) == ["territory", *COLUMNS] and len(h) == 100 and h["headline"].all()
    for ev in evs:
        part = h[h["territory"] == ev.plan_id].drop(columns="territory").reset_index(drop=True)
        pd.testing.assert_frame_equal(part, ev.headlines(), check_exact=True)
    hp = evs.headlines(backend="polars")
    assert hp.columns == ["territory", *COLUMNS] and hp.height == 100
    with pytest.raises(ValueError, match="backend must be 'pandas' or 'polars', not 'excel'"):
        evs.headlines(backend="excel")  # type: ignore[call-overload]


def test_to_polars(evs: ctg.Evaluations) -> None:
    df = evs.to_polars()
    assert df.columns == ["territory", *COLUMNS]
    assert df.schema["territory"] == pl.String and df.schema["status"] == pl.Enum(list(ctg.STATUSES))
    for ev in evs:
        part = df.filter(pl.col("territory") == ev.plan_id).drop("territory")
        assert_polars_equal(part, ev.to_polars())
    assert df.height == len(evs.to_pandas())


def test_scores(evs: ctg.Evaluations) -> None:
    s = evs.scores()
    assert list(s.columns) == ["territory", "territory_name", "as_of", "score", *ctg.STATUSES, "scored", "total"]
    assert s["territory"].tolist() == evs.keys()
    assert s["territory_name"].tolist() == [f"Territoire fictif {i}" for i in range(4)]
    assert s["as_of"].dtype.kind == "M" and s["score"].dtype == "float64" and s["total"].dtype == "int64"
    for i, ev in enumerate(evs):
        plan = ev.summary()["plan"]
        assert s.loc[i, "score"] == pytest.approx(ev.score)
        assert s.loc[i, "as_of"].date() == ev.as_of
        for c in (*ctg.STATUSES, "scored", "total"):
            assert s.loc[i, c] == plan.loc[0, c]
    sp = evs.scores(backend="polars")
    assert sp.height == 4 and sp.schema["as_of"] == pl.Date and sp["score"].to_list() == pytest.approx(s["score"].tolist())


# --- reports of many plans: the core's ------------------------------------------------------


def records(text: str, sep: str) -> List[List[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=sep))


def test_to_csv_is_every_plan_s_csv_with_a_territory_column(evs: ctg.Evaluations) -> None:
    for flavour, sep in (("fr", ";"), ("plain", ",")):
        text = evs.to_csv(flavour=flavour, fiches=[7, 8])
        assert text.startswith("\ufeffterritoire;" if flavour == "fr" else "territory,")
        assert text.count("\ufeff") == (1 if flavour == "fr" else 0)
        header, *rows = records(text, sep)
        singles = [records(e.to_csv(flavour=flavour, fiches=[7, 8]), sep) for e in evs]
        assert header == ["territoire" if flavour == "fr" else "territory", *singles[0][0]]
        assert rows == [[e.plan_id, *r] for e, single in zip(evs, singles) for r in single[1:]]
        assert {r[header.index("fiche")] for r in rows} == {"7", "8"}
    # The language defaults to evaluate_many's; the other options are Evaluation.to_csv's.
    en = records(evs.to_csv(lang="en", flavour="plain", suppress_below=5), ",")
    assert en[1:] == [[e.plan_id, *r] for e in evs for r in records(e.to_csv(lang="en", flavour="plain", suppress_below=5), ",")[1:]]
    labels = {r[en[0].index("status_label")] for r in en[1:]}
    assert labels <= {s["label"] for s in ctg.statuses("en")} and labels
    assert len(records(evs.to_csv(axes=[1]), ";")) < len(records(evs.to_csv(), ";"))
    with pytest.raises(ValueError, match="flavour"):
        evs.to_csv(flavour="xlsx")  # type: ignore[arg-type]


def test_roll_up_reports(evs: ctg.Evaluations, trio: List[ctg.Plan]) -> None:
    html = evs.to_html()
    assert html.startswith("<!DOCTYPE html>") and '<html lang="fr">' in html and "<script" not in html
    assert "<h1>Bilan de 4 plans</h1>" in html and "Données fictives" in html
    assert html.count("<tr data-plan=") == 4
    md = evs.to_markdown()
    assert md.startswith("# Bilan de 4 plans\n")
    table = [line for line in md.splitlines() if line.startswith("| ctg-")]
    scores = evs.scores()
    head = [c.strip() for c in next(line for line in md.splitlines() if line.startswith("| Plan |")).split("|")[1:-1]]
    labels = {f"{s['icon']} {s['label']}": s["code"] for s in ctg.statuses("fr")}
    assert len(table) == 4
    for line, (_, s) in zip(table, scores.iterrows()):
        cells = [c.strip() for c in line.split("|")[1:-1]]
        assert cells[:2] == [s["territory"], s["territory_name"]]
        for name, cell in zip(head[4:-1], cells[4:-1]):
            assert int(cell) == s[labels[name]]
        assert int(cells[-1]) == s["total"] == 25
    # English, asked or given to evaluate_many.
    assert evs.to_markdown(lang="en").startswith("# Review of 4 plans\n")
    en = ctg.evaluate_many(trio, [row("ctg-0001")], as_of="2026-12-31", lang="en")
    assert en.to_html() == en.to_html(lang="en") != en.to_html(lang="fr")
    assert "<h1>Review of 3 plans</h1>" in en.to_html() and "Fictional" not in en.to_html()
    with pytest.raises(ValueError, match="language"):
        evs.to_markdown(lang="de")


def test_roll_up_report_is_escaped(sundgau: ctg.Plan) -> None:
    hostile = "<script>alert('x')</script> & co"
    plans = [variant(sundgau, f"p{i}", f"{hostile} {i}") for i in range(3)]
    evs = ctg.evaluate_many(plans, [{"territory": "p1", "indicator": "f8.1", "date": "2026-12-31", "value": 30}])
    html, md = evs.to_html(), evs.to_markdown()
    assert "<script>" not in html + md
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co 1" in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt; &amp; co 1" in md


def test_gil_is_released_while_evaluating_many(tmp_path: Path) -> None:
    """Another Python thread keeps running while a national table is read and evaluated."""
    ctg.workload.write_national(tmp_path, plans=12, months=48, participations=50_000)
    with (tmp_path / "plans.jsonl").open(encoding="utf-8") as f:
        plans = [ctg.Plan.from_json(line) for line in f]
    # Repeated until it lasts long enough to tell (a release build is fast).
    for repeat in (1, 4, 16, 64):
        evs, elapsed, longest = run_beside_spinner(
            lambda: [ctg.evaluate_many(plans, tmp_path / "observations.csv") for _ in range(repeat)][-1]
        )
        if elapsed > 0.1:
            break
    assert len(evs) == 12
    assert elapsed > 0.1, "too fast to tell"
    assert longest < elapsed / 3, (longest, elapsed)
