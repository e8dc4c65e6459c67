"""The plan (``ctg_core::model``): loading (bundled, TOML, JSON, path), round trips and the
read-only navigation with its reprs."""

from __future__ import annotations

import json
import pathlib

import pytest

import ctg
from conftest import EXAMPLE_PLAN, PLANS


def test_sundgau_shape(sundgau: ctg.Plan) -> None:
    assert (len(sundgau.axes), len(sundgau.fiches), len(sundgau.indicators)) == (3, 12, 25)
    assert sundgau.id == "sundgau-2025-2029"
    assert sundgau.period == (2025, 2029)
    assert "Sundgau" in sundgau.territory
    assert repr(sundgau) == "<Plan sundgau-2025-2029: 3 axes, 12 fiches, 25 indicators, 2025-2029>"
    ids = [i.id for i in sundgau.indicators]
    assert ids[0] == "f1.1" and ids[-1] == "f12.3" and len(set(ids)) == 25


def test_load_toml_and_json_paths(tmp_path: pathlib.Path, sundgau: ctg.Plan) -> None:
    assert ctg.Plan.load(EXAMPLE_PLAN) == sundgau
    assert ctg.Plan.load(str(EXAMPLE_PLAN)) == sundgau
    path = tmp_path / "plan.json"
    path.write_text(sundgau.to_json(), encoding="utf-8")
    assert ctg.Plan.load(path) == sundgau


def test_text_round_trips(sundgau: ctg.Plan) -> None:
    assert ctg.Plan.from_toml(sundgau.to_toml()) == sundgau
    assert ctg.Plan.from_json(sundgau.to_json()) == sundgau
    assert json.loads(sundgau.to_json()) == sundgau.to_dict()
    assert ctg.Plan.from_toml(EXAMPLE_PLAN.read_text(encoding="utf-8")) == sundgau


def test_navigation(sundgau: ctg.Plan) -> None:
    axis = sundgau.axis(2)
    assert axis.number == 2 and [f.number for f in axis.fiches] == [5, 6, 7, 8]
    assert repr(axis).startswith("<Axis 2: ")
    fiche = sundgau.fiche(7)
    assert (fiche.number, fiche.axis) == (7, 2)
    assert [i.id for i in fiche.indicators] == ["f7.1", "f7.2"]
    assert fiche.schedule["start"] == 2025 and fiche.schedule["end"] == 2029
    assert isinstance(fiche.partners, list) and all(isinstance(p, str) for p in fiche.partners)
    assert isinstance(fiche.sub_actions, list)
    assert fiche.to_dict()["number"] == 7
    assert repr(fiche).startswith("<Fiche 7 (axis 2): ")
    ind = sundgau.indicator("f7.1")
    assert (ind.fiche, ind.axis, ind.measure, ind.window, ind.aggregation) == (7, 2, "count", "month", "sum")
    assert ind.direction == "increasing" and ind.weight == 1.0
    assert ind.target == ctg.parse_target("> 10 / mois")
    assert ind.to_dict()["id"] == "f7.1"
    assert repr(ind) == "<Indicator f7.1 (fiche 7): Fréquentation du SIJ — target > 10 / mois, count per month>"
    decreasing = sundgau.indicator("f11.1")
    assert decreasing.direction == "decreasing" and decreasing.target is not None
    assert decreasing.target.percent == -10.0
    untargeted = sundgau.indicator("f1.1")
    assert untargeted.target is None and "no target" in repr(untargeted)
    for i in sundgau.indicators:
        assert isinstance(i.notes, list) and isinstance(i.label, str)


def test_unknown_ids_raise_key_error(sundgau: ctg.Plan) -> None:
    with pytest.raises(KeyError):
        sundgau.indicator("f99.1")
    with pytest.raises(KeyError):
        sundgau.fiche(99)
    with pytest.raises(KeyError):
        sundgau.axis(9)


def test_plans_are_immutable_values(sundgau: ctg.Plan) -> None:
    with pytest.raises(AttributeError):
        sundgau.id = "x"  # type: ignore[misc]
    assert sundgau == ctg.Plan.sundgau()
    assert sundgau != ctg.Plan.load(PLANS.parent / "ingest" / "plan.toml")


def test_french_headings_and_minimal_plan() -> None:
    plan = ctg.Plan.from_toml(
        """
id = "demo"
titre = "Démo"
territoire = "Sundgau"
"période" = { "début" = 2025, fin = 2029 }
axes = [{ "numéro" = 1, titre = "A" }]
[[fiches]]
"numéro" = 1
titre = "Accueil"
axe = 1
"échéancier" = { "début" = 2025, fin = 2029 }
[[fiches.indicateurs]]
id = "f1.1"
"libellé" = "Familles"
mesure = "nombre"
cible = ">24/an"
"""
    )
    assert repr(plan) == "<Plan demo: 1 axis, 1 fiche, 1 indicator, 2025-2029>"
    assert plan.indicator("f1.1").window == "year"
