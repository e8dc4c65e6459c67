"""Errors: the exception classes, their positions, and no panic ever reaching Python as an
abort."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any, Dict, List

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import ctg
from conftest import CORE_TESTS, PLANS


def test_hierarchy() -> None:
    assert issubclass(ctg.CtgError, ValueError)
    for cls in (ctg.TargetSyntaxError, ctg.PlanError, ctg.ObservationError):
        assert issubclass(cls, ctg.CtgError)
        assert cls.__module__ == "ctg"


# --- targets --------------------------------------------------------------------------------


def test_target_syntax_error_attributes() -> None:
    with pytest.raises(ctg.TargetSyntaxError) as info:
        ctg.parse_target("> abc", lang="en")
    e = info.value
    assert (e.code, e.span, e.input, e.expected) == ("expected_number", (2, 5), "> abc", "a number")
    assert e.hint == "write a threshold such as `> 200`"
    assert str(e) == (
        "error[expected_number]: expected a number after `>`\n"
        "  | > abc\n"
        "  |   ^^^\n"
        "  = expected: a number\n"
        "  = hint: write a threshold such as `> 200`"
    )
    assert isinstance(e, ValueError)


# --- plans ----------------------------------------------------------------------------------


def plan_error(name: str) -> ctg.PlanError:
    with pytest.raises(ctg.PlanError) as info:
        ctg.Plan.load(PLANS / name, lang="en")
    return info.value


def places(e: ctg.PlanError) -> List[Any]:
    return [
        (
            i["code"],
            i["location"].get("fiche"),
            i["location"].get("indicator"),
            i["location"].get("field"),
            i["location"].get("line"),
        )
        for i in e.errors
    ]


def test_broken_semantics_lists_every_problem_with_its_place() -> None:
    e = plan_error("broken_semantics.toml")
    got = places(e)
    assert len(got) == 18
    # Each problem at its node: the field's value, else the axis or fiche table.
    assert got[:9] == [
        ("invalid_id", None, None, "id", 2),
        ("duplicate_axis", None, None, None, 11),
        ("outside_period", 1, None, "schedule", 19),
        ("incompatible_target", 1, "f1.1", "target", 25),
        ("duplicate_indicator", 1, "f1.1", "id", 28),
        ("incompatible_aggregation", 1, "f1.1", "aggregation", 31),
        ("window_conflict", 1, "f1.1", "window", 32),
        ("duplicate_fiche", 1, None, None, 35),
        ("unknown_axis", 1, None, "axis", 38),
    ]
    for issue in e.errors:
        assert set(issue) >= {"code", "message", "location"}
        assert set(issue["location"]) <= {"axis", "fiche", "indicator", "field", "line", "column"}
    assert str(e).startswith("the plan has 18 problems:\n- ")


def test_broken_targets_carry_line_and_column() -> None:
    e = plan_error("broken_targets.toml")
    got = [(i["code"], i["location"]["indicator"], i["location"]["line"], i["location"]["column"]) for i in e.errors]
    assert got == [
        ("invalid_target", "f3.1", 19, 13),
        ("invalid_target", "f3.2", 25, 17),
        ("invalid_target", "f3.3", 31, 12),
        ("incompatible_target", "f3.4", 37, 10),
    ]
    # The target parser's caret rendering is part of the message.
    assert "  | > abc\n  |   ^^^" in str(e)


def test_broken_syntax_and_schema() -> None:
    e = plan_error("broken_syntax.toml")
    assert [(i["code"], i["location"]["line"]) for i in e.errors] == [("syntax_error", 9)]
    e = plan_error("broken_schema.toml")
    assert [(i["code"], i["location"]["line"]) for i in e.errors] == [("schema_error", 16)]
    assert "nombre_de_trucs" in e.errors[0]["message"]
    with pytest.raises(ctg.PlanError) as info:
        ctg.Plan.from_json('{"id": "x", "title": 3}')
    assert info.value.errors[0]["code"] == "schema_error"
    assert info.value.errors[0]["location"]["line"] == 1
    with pytest.raises(ctg.PlanError) as info:
        ctg.Plan.load("/nonexistent/plan.toml")
    assert info.value.errors[0]["code"] == "io_error"


# --- observations ---------------------------------------------------------------------------

HEADER = "indicateur;date;valeur;participant\n"


def observation_error(plan: ctg.Plan, observations: Any, **kw: Any) -> ctg.ObservationError:
    with pytest.raises(ctg.ObservationError) as info:
        plan.evaluate(observations, **kw)
    return info.value


def keys(e: ctg.ObservationError) -> List[Any]:
    return [(i["code"], i["row"], i["column"]) for i in e.errors]


def test_observation_errors_are_like_pydantic(sundgau: ctg.Plan) -> None:
    csv = HEADER + "F2.1;31/03/2026;3;\nf2.1;31/02/2026;-1;\nf4.1;01/01/2026;;\n"
    e = observation_error(sundgau, csv)
    assert keys(e) == [
        ("unknown_indicator", 2, "indicateur"),
        ("type_error", 3, "date"),
        ("constraint_error", 3, "valeur"),
        ("constraint_error", 4, "participant"),
    ]
    first: Dict[str, Any] = e.errors[0]
    assert set(first) == {"code", "row", "column", "message", "message_fr", "hint", "hint_fr"}
    assert first["hint"] == "did you mean `f2.1`?"
    assert first["hint_fr"] == "vouliez-vous dire `f2.1` ?"
    # str() is the core's rendering, in the evaluation's language.
    assert str(e).startswith("les observations ont 4 problèmes :\n- ligne 2, colonne `indicateur`")
    e = observation_error(sundgau, csv, lang="en")
    assert str(e).startswith("the observations have 4 problems:\n- row 2, column `indicateur`")


def test_the_same_errors_from_every_form(sundgau: ctg.Plan) -> None:
    cols = {"indicateur": ["F2.1", "f2.1"], "date": ["31/03/2026", "31/02/2026"], "valeur": ["3", "-1"]}
    forms = [
        pd.DataFrame(cols),
        pl.DataFrame(cols),
        pa.table(cols),
        [dict(zip(cols, row)) for row in zip(*cols.values())],
    ]
    for form in forms:
        e = observation_error(sundgau, form)
        # Rows count from 1 in tables and lists (a CSV file counts its header as row 1).
        assert keys(e) == [
            ("unknown_indicator", 1, "indicateur"),
            ("type_error", 2, "date"),
            ("constraint_error", 2, "valeur"),
        ], type(form)


def test_missing_and_duplicate_columns(sundgau: ctg.Plan) -> None:
    e = observation_error(sundgau, "indicateur;date\nf2.1;31/03/2026\n")
    assert keys(e) == [("missing_column", None, "value")]
    e = observation_error(sundgau, pd.DataFrame({"indicateur": ["f2.1"], "jour": ["2026-03-31"]}))
    assert keys(e) == [("missing_column", None, "date"), ("missing_column", None, "value")]
    e = observation_error(
        sundgau, pl.DataFrame({"indicator": ["f2.1"], "date": ["2026-03-31"], "value": ["1"], "Valeur": ["2"]})
    )
    assert keys(e) == [("duplicate_column", 1, "Valeur")]
    # A dict's keys are read in their order (the core's record reader): `valeur` repeats `value`.
    e = observation_error(sundgau, [{"indicator": "f2.1", "date": "2026-03-31", "value": 1, "valeur": 2}])
    assert keys(e) == [("duplicate_column", 1, "valeur")]


def test_broken_csv(sundgau: ctg.Plan) -> None:
    e = observation_error(sundgau, 'indicateur;date;valeur\nf2.1;"31/03/2026;3\n')
    assert [i["code"] for i in e.errors] == ["format_error"]
    e = observation_error(sundgau, b"")
    assert [i["code"] for i in e.errors] == ["format_error"]
    e = observation_error(sundgau, "indicateur;date;valeur\nf2.1;31/03/2026;3;4;5\n")
    assert keys(e) == [("format_error", 2, None)]


def test_participants_never_leak(sundgau: ctg.Plan) -> None:
    secret = "Jeanne-Dupont-2011"
    df = pd.DataFrame({"indicateur": ["f4.1", "f9.9"], "date": ["2026-13-01", "2026-01-01"], "participant": [secret] * 2, "valeur": ["", ""]})
    e = observation_error(sundgau, df)
    assert secret not in str(e) and secret not in repr(e.errors)
    ev = sundgau.evaluate(df, strict=False)
    assert secret not in ev.to_json() and secret not in repr(ev.diagnostics)


def test_a_million_bad_rows_make_a_short_message(sundgau: ctg.Plan) -> None:
    n = 5000
    df = pd.DataFrame({"indicator": ["nope"] * n, "date": ["2026-01-01"] * n, "value": [1.0] * n})
    e = observation_error(sundgau, df, lang="en")
    # At most `max_issues` (1,000) problems are kept; a last one counts the rest.
    assert len(e.errors) == 1001
    assert e.errors[-1]["code"] == "limit_exceeded"
    assert e.errors[-1]["message"].startswith(f"… and {n - 1000:,} more problems")
    message = str(e)
    assert message.startswith("the observations have 1001 problems:")
    assert message.count("\n") == 101 and message.endswith(f"… and {1001 - 100} more (see `.errors`)")


def test_conversion_errors(sundgau: ctg.Plan, tmp_path: Any) -> None:
    with pytest.raises(TypeError, match="observations must be"):
        sundgau.evaluate(42)
    nested = pa.table({"indicator": ["f2.1"], "date": ["2026-01-01"], "value": pa.array([[1]])})
    with pytest.raises(TypeError, match="column `value` has the Arrow type"):
        sundgau.evaluate(nested)
    with pytest.raises(FileNotFoundError):
        sundgau.evaluate(str(tmp_path / "absent.csv"))
    with pytest.raises(FileNotFoundError):
        sundgau.evaluate(tmp_path / "absent.csv")
    with pytest.raises(ValueError, match="as_of"):
        sundgau.evaluate([], as_of="31-31-2026")
    with pytest.raises(TypeError, match="as_of"):
        sundgau.evaluate([], as_of=20261231)
    with pytest.raises(ValueError, match="unknown language"):
        sundgau.evaluate([], lang="de")


# --- panics ---------------------------------------------------------------------------------


def test_a_panic_in_core_code_is_a_ctg_error() -> None:
    with pytest.raises(ctg.CtgError, match="internal error in ctg"):
        ctg._ctg._test_panic(True)  # type: ignore[attr-defined]


def test_a_bare_panic_is_an_exception_not_an_abort() -> None:
    code = (
        "import ctg\n"
        "try:\n"
        "    ctg._ctg._test_panic(False)\n"
        "except BaseException as e:\n"
        "    print(type(e).__name__)\n"
        "print('alive')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["PanicException", "alive"]


# --- problems: the core's one shape, the same in every runtime -------------------------------

PROBLEMS = CORE_TESTS / "problems"
PROBLEM_KEYS = {
    "code", "kind", "severity", "loc", "line", "column", "row", "span", "message", "hint",
    "expected", "input", "lang",
}


def golden(lang: str, what: str) -> Dict[str, Any]:
    """The core's problems and their rendering (`ctg-core/tests/problems.rs` writes them)."""
    data: Dict[str, Any] = json.loads((PROBLEMS / "golden.json").read_text(encoding="utf-8"))
    return data[lang][what]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_problems_are_the_cores_in_every_runtime(sundgau: ctg.Plan, lang: str) -> None:
    with pytest.raises(ctg.PlanError) as plan:
        ctg.Plan.from_toml((PLANS / "broken_targets.toml").read_text(encoding="utf-8"), lang=lang)
    with pytest.raises(ctg.TargetSyntaxError) as target:
        ctg.parse_target("> abc", lang=lang)
    csv = (PROBLEMS / "observations.csv").read_text(encoding="utf-8")
    with pytest.raises(ctg.ObservationError) as observations:
        sundgau.evaluate(csv, lang=lang)
    for what, e in [("plan", plan.value), ("target", target.value), ("csv", observations.value)]:
        expected = golden(lang, what)
        assert e.problems == expected["problems"], what
        assert all(set(p) == PROBLEM_KEYS and p["lang"] == lang for p in e.problems)
        if what == "target":
            # A target error's message is its one problem, with carets.
            assert "- " + str(e) == expected["text"].split("\n", 1)[1]
        else:
            # The message is the core's list of problems, word for word.
            assert str(e) == expected["text"], what
    assert target.value.message == golden(lang, "target")["problems"][0]["message"]


def test_problems_speak_the_language_of_the_call(sundgau: ctg.Plan) -> None:
    # Plans and targets: French unless asked, like everything else.
    bad = 'id = "x"\ntitle = ""\nterritory = "T"\nperiod = { start = 2025, end = 2029 }'
    with pytest.raises(ctg.PlanError) as info:
        ctg.Plan.from_toml(bad)
    (p,) = info.value.problems
    assert (p["code"], p["loc"], p["line"], p["column"], p["lang"]) == ("empty_field", ["title"], 2, 9, "fr")
    assert p["message"] == "le titre du plan est vide" == info.value.errors[0]["message_fr"]
    with pytest.raises(ctg.PlanError) as info:
        ctg.Plan.from_toml(bad, lang="en")
    (p,) = info.value.problems
    assert (p["lang"], p["message"]) == ("en", "the plan title is empty")
    with pytest.raises(ctg.PlanError) as info:
        ctg.Plan.from_json('{"id": "x", "title": 3}', lang="fr")
    (p,) = info.value.problems
    assert (p["code"], p["loc"], p["line"], p["lang"]) == ("schema_error", ["title"], 1, "fr")
    assert p["message"].startswith("le plan ne suit pas le schéma attendu : invalid type")
    with pytest.raises(ctg.TargetSyntaxError) as target:
        ctg.Target.parse("entre 20 et 10", lang="fr")
    assert str(target.value).startswith("erreur[invalid_range] : la borne basse (20) dépasse la borne haute (10)")
    assert target.value.hint == "écrivez d'abord la plus petite borne : `entre 10 et 20`"
    assert target.value.problems[0]["span"] == {"start": 6, "end": 14}
    with pytest.raises(ValueError, match="unknown language"):
        ctg.parse_target(">", lang="de")
    # Observations: the evaluation's language (French by default); a cell is shown as
    # `input`, never a participant.
    e = observation_error(sundgau, HEADER + "f4.1;31/03/2026;;\n")
    (p,) = e.problems
    assert (p["code"], p["loc"], p["row"], p["input"], p["lang"]) == (
        "constraint_error", ["row", 2, "participant"], 2, None, "fr",
    )
    assert p["message"] == e.errors[0]["message_fr"]


def test_many_problems_are_cut_in_the_message_only(sundgau: ctg.Plan) -> None:
    n = 150
    rows = "".join(f"f9.{i};31/03/2026;1;\n" for i in range(n))
    e = observation_error(sundgau, HEADER + rows)
    assert len(e.problems) == len(e.errors) == n
    assert str(e).endswith(f"- … et {n - 100} autres (voir `.errors`)")
