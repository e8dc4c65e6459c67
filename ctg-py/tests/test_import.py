"""The plan importer (``ctg_core::import``) through ``ctg.import_plan``: the Sundgau seed,
the .docx fixture against its text export, every source form, findings in both languages,
the reviewable TOML and a file that is not a .docx."""

from __future__ import annotations

import pathlib

import pytest

import ctg
from conftest import CORE_TESTS

SEED = CORE_TESTS / "data" / "ctg-sundgau-plan-action-2025-2029.txt"
DOCX = CORE_TESTS / "import" / "ctg-val-de-brume-plan-action-2024-2027.docx"
DOCX_TEXT = DOCX.with_suffix(".txt")
SHORT = "FICHE D'ACTION N°1\n\nAGIR\n\nINDICATEUR D'ÉVALUATION\tNombre d'ateliers (>4/an)\n"


@pytest.fixture(scope="module")
def seed() -> ctg.ImportedPlan:
    return ctg.import_plan(SEED)


def test_the_seed_imports_to_the_sundgau_indicators(seed: ctg.ImportedPlan, sundgau: ctg.Plan) -> None:
    plan = seed.plan
    assert isinstance(plan, ctg.Plan)
    assert [i.id for i in plan.indicators] == [i.id for i in sundgau.indicators]
    assert len(plan.indicators) == 25
    for mine, theirs in zip(plan.indicators, sundgau.indicators):
        assert mine.target == theirs.target, mine.id
    assert [f.number for f in plan.fiches] == list(range(1, 13))
    assert repr(seed).startswith(f"<ImportedPlan {plan.id}: 12 fiches, 25 indicators, ")


def test_findings_are_core_problems(seed: ctg.ImportedPlan) -> None:
    findings = seed.findings
    assert findings, "the seed has interpretations"
    assert {f["kind"] for f in findings} == {"import"}
    assert {f["severity"] for f in findings} <= {"interpretation", "warning", "not_understood"}
    assert all(f["lang"] == "fr" for f in findings)
    assert seed.lang == "fr"
    f31 = [f for f in findings if f["loc"][-2:] == ["indicators", "f3.1"]]
    assert "target_from_expected_result" in {f["code"] for f in f31}
    assert all(isinstance(f["line"], int) for f in f31)
    keys = {"code", "kind", "severity", "loc", "line", "column", "row", "span", "message", "hint", "expected", "input", "lang"}
    assert all(set(f) == keys for f in findings)


def test_findings_in_english_say_the_same_codes(seed: ctg.ImportedPlan) -> None:
    en = ctg.import_plan(SEED, lang="en")
    assert [f["code"] for f in en.findings] == [f["code"] for f in seed.findings]
    assert [f["loc"] for f in en.findings] == [f["loc"] for f in seed.findings]
    assert all(f["lang"] == "en" for f in en.findings)
    assert [f["message"] for f in en.findings] != [f["message"] for f in seed.findings]
    assert en.plan == seed.plan
    assert en.checklist().startswith("# Import review: 12 fiches, 25 indicators, ")
    assert seed.checklist().startswith("# Relecture de l'import : 12 fiches, 25 indicateurs, ")
    with pytest.raises(ValueError):
        ctg.import_plan(SEED, lang="de")


def test_path_str_bytes_and_text_agree(seed: ctg.ImportedPlan) -> None:
    text = SEED.read_text(encoding="utf-8")
    for source in (str(SEED), SEED.read_bytes(), bytearray(SEED.read_bytes()), text):
        other = ctg.import_plan(source)
        assert other.plan == seed.plan, type(source)
        assert other.findings == seed.findings, type(source)


def test_a_short_text_and_a_missing_path_are_text() -> None:
    imported = ctg.import_plan(SHORT)
    assert [i.id for i in imported.plan.indicators] == ["f1.1"]
    assert str(imported.plan.indicator("f1.1").target) == "> 4 / an"
    # A str that names no existing file is read as text: no fiche in it.
    nothing = ctg.import_plan("plan-qui-n-existe-pas.docx")
    assert "no_fiche" in [f["code"] for f in nothing.findings]
    with pytest.raises(FileNotFoundError):
        ctg.import_plan(pathlib.Path("plan-qui-n-existe-pas.docx"))
    with pytest.raises(TypeError, match="source must be"):
        ctg.import_plan(42)  # type: ignore[arg-type]


def test_the_docx_imports_like_its_text() -> None:
    from_docx = ctg.import_plan(DOCX)
    from_text = ctg.import_plan(DOCX_TEXT)
    assert from_docx.plan == from_text.plan
    assert len(from_docx.plan.indicators) > 0
    assert ctg.import_plan(DOCX.read_bytes()).plan == from_text.plan
    assert ctg.import_plan(str(DOCX)).plan == from_text.plan


def test_the_reviewable_toml_loads_back(seed: ctg.ImportedPlan) -> None:
    toml = seed.to_toml()
    assert "# ⚠ interprétation" in toml
    assert ctg.Plan.from_toml(toml) == seed.plan
    en = ctg.import_plan(SEED, lang="en").to_toml()
    assert "# ⚠ interpretation" in en
    assert ctg.Plan.from_toml(en) == seed.plan


def test_a_bad_docx_raises_ctg_error_with_problems(tmp_path: pathlib.Path) -> None:
    for lang, word in (("fr", "l'import a 1 problème"), ("en", "the import has 1 problem")):
        with pytest.raises(ctg.CtgError) as info:
            ctg.import_plan(b"PK\x03\x04 this is not a zip", lang=lang)
        e = info.value
        assert e.code == "not_a_docx"  # type: ignore[attr-defined]
        problems = e.problems  # type: ignore[attr-defined]
        assert [(p["code"], p["kind"], p["lang"]) for p in problems] == [("not_a_docx", "import", lang)]
        assert str(e).startswith(word), str(e)
    bad = tmp_path / "plan.docx"
    bad.write_bytes(b"PK\x03\x04" + bytes(range(256)))
    with pytest.raises(ctg.CtgError):
        ctg.import_plan(bad)


def test_findings_frame(seed: ctg.ImportedPlan) -> None:
    df = seed.to_pandas()
    assert len(df) == len(seed.findings)
    assert list(df.columns) == list(seed.findings[0])
    assert df["code"].tolist() == [f["code"] for f in seed.findings]
    assert set(df["severity"]) <= {"interpretation", "warning", "not_understood"}
