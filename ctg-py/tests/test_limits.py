"""Limits as data (issue 16): `limits={...}` of Plan.evaluate and evaluate_many, each
refusal a CtgError with the code `limit_exceeded`; the blow-ups bounded. Fictional data."""
import pytest

import ctg


def plan(n=1, window="year", start=2025, end=2029):
    head = (
        'id = "demo"\ntitle = "Plan fictif"\nterritory = "Territoire fictif"\n'
        f"period = {{ start = {start}, end = {end} }}\n"
        'axes = [{ number = 1, title = "Axe" }]\n'
        '[[fiches]]\nnumber = 1\ntitle = "Accueil"\naxis = 1\n'
        f"schedule = {{ start = {start}, end = {end} }}\n"
    )
    body = "".join(
        f'[[fiches.indicators]]\nid = "f1.{i}"\nlabel = "Indicateur {i}"\n'
        f'measure = "count"\nwindow = "{window}"\n'
        for i in range(1, n + 1)
    )
    return ctg.Plan.from_toml(head + body)


def rows(n, ident="f1.1"):
    return "indicateur;date;valeur\n" + f"{ident};31/03/2026;1\n" * n


def codes(e):
    return [p["code"] for p in e.errors]


def test_limit_max_rows_refused_then_raised():
    with pytest.raises(ctg.CtgError) as e:
        plan().evaluate(rows(5), limits={"max_rows": 4})
    assert codes(e.value) == ["limit_exceeded"]
    assert "max_rows" in str(e.value)
    plan().evaluate(rows(5), limits={"max_rows": 5})


def test_limit_unknown_key_or_negative_value_is_an_invalid_option():
    # A CtgError (a ValueError) with the code JavaScript gives, not a plain ValueError.
    for bad in ({"max_row": 4}, {"max_rows": -1}, {"max_issues": 2**70}):
        with pytest.raises(ctg.CtgError) as e:
            plan().evaluate(rows(1), limits=bad)
        assert e.value.code == "invalid_option" and e.value.kind == "options", bad
        assert next(iter(bad)) in str(e.value)
    with pytest.raises(TypeError):
        plan().evaluate(rows(1), limits=[1])
    with pytest.raises(TypeError):
        plan().evaluate(rows(1), limits={"max_rows": "dix"})


def test_blowup_issues_kept_are_bounded():
    with pytest.raises(ctg.CtgError) as e:
        plan().evaluate(rows(5_000, "f9.9"))
    assert len(e.value.errors) == 1_001
    assert e.value.errors[-1]["code"] == "limit_exceeded"
    assert "4 000" in e.value.errors[-1]["message_fr"].replace("\u202f", " ").replace("\xa0", " ")


def test_blowup_windows_refused_at_evaluation():
    with pytest.raises(ctg.CtgError) as e:
        plan(1_000, "month", 1900, 2200).evaluate([])
    assert codes(e.value) == ["limit_exceeded"]
    assert "max_windows" in str(e.value)


def test_blowup_dev_zero_is_bounded():
    with pytest.raises(ctg.CtgError):
        plan().evaluate("/dev/zero")


def test_limit_through_evaluate_many():
    with pytest.raises(ctg.CtgError) as e:
        ctg.evaluate_many([plan()], rows(3), limits={"max_rows": 2})
    assert codes(e.value) == ["limit_exceeded"]
