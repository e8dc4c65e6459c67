"""Targets (``ctg_core::target``): parse, attributes, canonical display, round trips."""

from __future__ import annotations

import datetime

import pytest

import ctg

SUNDGAU_TARGETS = [
    "> 200",
    ">24/an",
    ">10/mois",
    "+20%",
    "Réduction de 10%",
    "1 COPIl/an",
    "4 Cotech/an",
    "au moins 4 par an",
    "≥ 70 %",
    "entre 10 et 20",
    "+5 points",
    "réalisé d'ici 2027",
    "(> 200)",
]


V2_TARGETS = [
    "au moins deux réunions",
    "une fois par an",
    "70 % minimum",
    "jusqu'à 30 places",
    "maintien à 30",
    "doubler",
    "> 3 / semaine",
    "4 par semestre",
    "200 familles sur la durée de la convention",
    "≤ 17,3 places pour 100 enfants",
    "Réduction de 10 % des vacances de postes",
    "+10 % par rapport à 2024",
    "au moins 8 jeunes en 2025",
    "≥ 4 par an d'ici 2027",
    "−10 % d'ici 2028",
    "55 % en 2025, 60 % en 2030",
    "2025 : 20 ; 2026 : 25 ; 2027 : 30",
]


@pytest.mark.parametrize("text", SUNDGAU_TARGETS + V2_TARGETS)
def test_display_round_trips_in_both_languages(text: str) -> None:
    t = ctg.parse_target(text)
    assert ctg.parse_target(str(t)) == t
    assert ctg.parse_target(t.display("fr")) == t
    assert ctg.parse_target(t.display("en")) == t
    assert str(t) == t.display("fr") == t.display()
    assert repr(t) == f"Target({str(t)!r})"


def test_compare() -> None:
    t = ctg.parse_target("> 24/an")
    assert (t.kind, t.op, t.symbol, t.value, t.per, t.unit) == ("compare", "gt", ">", 24.0, "year", None)
    assert (t.low, t.high, t.percent, t.points, t.deadline) == (None, None, None, None, None)
    assert not t.is_percent
    assert str(t) == "> 24 / an"
    assert t.display("en") == "> 24 / year"
    u = ctg.parse_target("au moins 4 Cotech par an")
    assert (u.op, u.symbol, u.value, u.unit, u.per) == ("ge", "≥", 4.0, "Cotech", "year")
    assert ctg.parse_target("≥ 70 %").is_percent
    assert ctg.parse_target(">10/mois").per == "month"
    assert ctg.parse_target("> 3 / trimestre").per == "quarter"
    assert ctg.parse_target("< 5").op == "lt"
    assert ctg.parse_target("au plus 3").op == "le"
    assert ctg.parse_target("= 1").op == "eq"


def test_range_relative_points_milestone() -> None:
    r = ctg.parse_target("entre 1000 et 2500,5 places")
    assert (r.kind, r.low, r.high, r.unit) == ("range", 1000.0, 2500.5, "places")
    assert str(r) == "entre 1\u202f000 et 2\u202f500,5 places"
    assert r.display("en") == "between 1000 and 2500.5 places"
    rel = ctg.parse_target("Réduction de 10%")
    assert (rel.kind, rel.percent) == ("relative", -10.0)
    assert str(rel) == "−10 % par rapport à la référence"
    assert rel.display("en") == "-10% vs baseline"
    p = ctg.parse_target("+5 points")
    assert (p.kind, p.points) == ("points", 5.0)
    m = ctg.parse_target("réalisé avant 2026")
    assert (m.kind, m.deadline, m.deadline_relation) == ("milestone", 2026, "before")
    assert m.due_date == datetime.date(2025, 12, 31)
    assert ctg.parse_target("done").deadline is None
    assert ctg.parse_target("done").due_date is None
    assert ctg.parse_target("réalisé en 2025").deadline_relation == "in"


def test_to_dict_is_the_core_serde() -> None:
    assert ctg.parse_target(">24/an").to_dict() == {
        "kind": {"type": "compare", "op": "gt", "value": 24.0, "percent": False},
        "per": "year",
    }
    assert ctg.parse_target("réalisé d'ici 2027").to_dict() == {
        "kind": {"type": "milestone", "deadline": {"relation": "by", "year": 2027}}
    }


def test_equality_and_immutability() -> None:
    assert ctg.parse_target(">24/an") == ctg.parse_target("> 24 / an")
    assert ctg.parse_target(">24/an") != ctg.parse_target(">25/an")
    assert ctg.Target.parse("+20%") == ctg.parse_target("augmentation de 20 %")
    t = ctg.parse_target("> 1")
    with pytest.raises(AttributeError):
        t.value = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        hash(t)


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        ctg.parse_target("> 1").display("de")


# (input, code, span in str indices), from the core's target corpus (whose spans are bytes).
ERRORS = [
    ("", "empty", (0, 0)),
    ("()", "empty", (0, 2)),
    (">", "expected_number", (1, 1)),
    ("> abc", "expected_number", (2, 5)),
    ("≥ abc", "expected_number", (2, 5)),
    ("entre 20 et 10", "invalid_range", (6, 14)),
    ("+20", "missing_percent", (0, 3)),
    ("réalisé avant 20266", "invalid_year", (14, 19)),
    ("réalisé avant", "expected_year", (13, 13)),
    ("12,,5", "invalid_number", (0, 5)),
    ("/an", "unexpected_token", (0, 1)),
    ("entre 10 20", "unexpected_token", (9, 11)),
]


@pytest.mark.parametrize("text,code,span", ERRORS)
def test_errors_have_code_and_str_span(text: str, code: str, span: tuple) -> None:
    with pytest.raises(ctg.TargetSyntaxError) as info:
        ctg.parse_target(text)
    e = info.value
    assert (e.code, e.span, e.input) == (code, span, text)
    assert str(e).startswith(f"erreur[{code}] : {e.message}\n  | ")
    # The span is in str indices (issue 16: it was bytes): it slices the text itself.
    start, end = e.span
    assert text[start:end] == e.problems[0]["input"][start:end]
    assert 0 <= start <= end <= len(text)



def test_v2_attributes() -> None:
    s = ctg.parse_target("au plus 12 % en 2025, 8 % en 2029")
    assert (s.kind, s.op, s.symbol, s.is_percent) == ("schedule", "le", "≤", True)
    assert s.steps == [(2025, 12.0), (2029, 8.0)]
    assert ctg.parse_target("20 en 2026, 30 en 2028").op is None
    d = ctg.parse_target("≥ 4 par an d'ici 2027")
    assert (d.kind, d.deadline, d.deadline_relation, d.per) == ("compare", 2027, "by", "year")
    assert d.due_date == datetime.date(2027, 12, 31)
    r = ctg.parse_target("Réduction de 10 % des vacances de postes vs 2023")
    assert (r.percent, r.baseline_year, r.subject) == (-10.0, 2023, "des vacances de postes")
    assert ctg.parse_target("> 3 / semaine").per == "week"
    assert ctg.parse_target("4 par semestre").per == "half_year"
    assert ctg.parse_target("≥ 200 sur la durée de la convention").per == "plan"
    assert ctg.parse_target("> 200").steps is None


@pytest.mark.parametrize(
    "text, code",
    [
        ("selon les besoins", "qualitative_wording"),
        ("20 en 2028, 10 en 2026", "invalid_schedule"),
        ("1,000", "invalid_number"),
    ],
)
def test_v2_errors(text: str, code: str) -> None:
    with pytest.raises(ctg.TargetSyntaxError) as info:
        ctg.parse_target(text)
    assert info.value.code == code
    assert info.value.hint
