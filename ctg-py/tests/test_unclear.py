"""Issue 16's "unclear" findings in Python: spans are ``str`` indices, argument values raise
``CtgError``, a stray byte in UTF-8 is an ``encoding_error``, a JSON scalar is a
``format_error``, a Series / ndarray / all-null column / out-of-range date is a clear
``CtgError``; and ``ctg.pseudonymise``. Every id here is fictional."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

import ctg
from conftest import EXAMPLE_CSV

CSV = EXAMPLE_CSV.read_text(encoding="utf-8")
KEY = b"cle-de-test-fictive-0123456789ab"


@pytest.mark.parametrize(
    "text,culprit",
    [("≥ abc", "abc"), ("é > abc", "é"), ("> 😀", "😀"), ("é ≥ 1 😀", "😀"), ("≥ 1 et é", "et")],
)
def test_unclear_target_spans_are_str_indices(text: str, culprit: str) -> None:
    with pytest.raises(ctg.TargetSyntaxError) as info:
        ctg.parse_target(text)
    start, end = info.value.span
    assert text[start:end] == culprit
    problem = info.value.problems[0]
    assert text[problem["span"]["start"] : problem["span"]["end"]] == culprit
    answer = json.loads(ctg.call_json("parse_target", json.dumps({"text": text})))
    span = answer["errors"][0]["span"]
    assert text[span["start"] : span["end"]] == culprit


def test_unclear_target_span_of_the_issue() -> None:
    with pytest.raises(ctg.TargetSyntaxError) as info:
        ctg.parse_target("≥ abc")
    assert info.value.span == (2, 5)


def test_unclear_plan_error_target_spans_are_str_indices() -> None:
    toml = ctg.Plan.sundgau().to_toml()
    bad = toml.replace('target = "', 'target = "😀 é ≥ ', 1)
    with pytest.raises(ctg.PlanError) as info:
        ctg.Plan.from_toml(bad)
    spanned = [p for p in info.value.problems if p["span"] is not None]
    assert spanned
    for p in spanned:
        assert p["input"][p["span"]["start"] : p["span"]["end"]] == "😀"


def test_unclear_bad_as_of_and_lang_are_ctg_errors() -> None:
    plan = ctg.Plan.sundgau()
    for kwargs in ({"as_of": "demain"}, {"lang": "de"}):
        with pytest.raises(ctg.CtgError) as info:
            plan.evaluate(CSV, **kwargs)
        assert info.value.code == "invalid_option"
    with pytest.raises(TypeError):
        plan.evaluate(CSV, as_of=20261231)


def test_unclear_stray_byte_in_utf8_is_an_encoding_error() -> None:
    data = "indicateur;date;valeur;commentaire\nf1.1;31/03/2026;12;réunion d'été\n".encode() + b"f1.1;30/06/2026;8;caf\xff\n"
    with pytest.raises(ctg.ObservationError) as info:
        ctg.Plan.sundgau().evaluate(data, strict=False)
    assert info.value.errors[0]["code"] == "encoding_error"
    assert info.value.errors[0]["row"] == 3
    assert "caractère 22" in str(info.value)
    assert "Ã" not in str(info.value)


def test_unclear_windows_1252_french_csv_still_reads() -> None:
    data = "indicateur;date;valeur;commentaire\r\nf8.1;31/12/2026;30;Réunion d’accueil, données fictives\r\n".encode("cp1252")
    ev = ctg.Plan.sundgau().evaluate(data)
    assert ev.diagnostics["used"] == 1


@pytest.mark.parametrize("text", ["42", "null", "true", '"x"'])
def test_unclear_json_scalar_is_a_format_error(text: str) -> None:
    with pytest.raises(ctg.ObservationError) as info:
        ctg.Plan.sundgau().evaluate(text.encode())
    assert info.value.errors[0]["code"] == "format_error"
    assert "JSON" in str(info.value)


def test_unclear_series_and_ndarray_say_pass_a_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    frame = pd.DataFrame({"indicateur": ["f8.1"], "date": ["31/12/2026"], "valeur": [30]})
    for value in (frame["valeur"], np.array([[1, 2], [3, 4]]), frame.to_numpy()):
        with pytest.raises(ctg.ObservationError) as info:
            ctg.Plan.sundgau().evaluate(value)
        assert info.value.errors[0]["code"] == "format_error"
        assert "DataFrame" in str(info.value)


def test_unclear_polars_series_says_pass_a_dataframe() -> None:
    pl = pytest.importorskip("polars")
    with pytest.raises(ctg.ObservationError) as info:
        ctg.Plan.sundgau().evaluate(pl.Series("valeur", [1, 2]))
    assert "DataFrame" in str(info.value)


def test_unclear_polars_all_null_column_is_empty_cells_with_their_row() -> None:
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame({"indicateur": ["f8.1", "f8.1"], "date": ["31/12/2026", "30/06/2026"], "valeur": [None, None]})
    with pytest.raises(ctg.ObservationError) as info:
        ctg.Plan.sundgau().evaluate(frame)
    rows = [(e["code"], e["row"], e["column"]) for e in info.value.errors]
    assert rows == [("missing_cell", 1, "valeur"), ("missing_cell", 2, "valeur")]
    ev = ctg.Plan.sundgau().evaluate(frame, strict=False)
    assert len(ev.diagnostics["rejected"]) == 2


def test_unclear_out_of_range_arrow_dates_are_date_errors_at_their_cell() -> None:
    pa = pytest.importorskip("pyarrow")
    table = pa.table(
        {
            "indicateur": ["f8.1", "f8.1"],
            "date": pa.array([20_000, 2_000_000_000], type=pa.date32()),
            "valeur": [30, 31],
        }
    )
    with pytest.raises(ctg.ObservationError) as info:
        ctg.Plan.sundgau().evaluate(table)
    errors = [(e["code"], e["row"], e["column"]) for e in info.value.errors]
    assert errors == [("type_error", 2, "date")]
    stamps = pa.table(
        {
            "indicateur": ["f8.1"],
            "date": pa.array([2**63 - 1], type=pa.timestamp("us")),
            "valeur": [30],
        }
    )
    with pytest.raises(ctg.ObservationError) as info:
        ctg.Plan.sundgau().evaluate(stamps)
    assert [(e["code"], e["row"], e["column"]) for e in info.value.errors] == [("type_error", 1, "date")]


# ---- pseudonymise ----------------------------------------------------------------------

IDS = ["ENFANT-SECRET-001", "Jeanne D. 2011", "Éloïse-7"]


def export() -> str:
    lines = ["# Données fictives", "indicateur;date;valeur;participant"]
    for i, pid in enumerate(IDS * 5):
        lines.append(f"f4.1;{i % 12 + 1:02d}/01/2026;1;{pid}")
    return "\r\n".join(lines) + "\r\n"


def test_pseudonymise_gives_the_same_evaluation() -> None:
    plan = ctg.Plan.sundgau()
    raw = export()
    out = ctg.pseudonymise(raw, KEY)
    assert isinstance(out, str)
    for pid in IDS:
        assert pid not in out
    assert out.splitlines()[:2] == ["# Données fictives", "indicateur;date;valeur;participant"]
    before = plan.evaluate(raw, as_of="2026-12-31").to_json()
    after = plan.evaluate(out, as_of="2026-12-31").to_json()
    assert before == after
    assert ctg.pseudonymise(raw.encode(), KEY) == out
    assert ctg.pseudonymise(raw, KEY.decode()) == out


def test_pseudonymise_to_a_file(tmp_path: Path) -> None:
    src = tmp_path / "export.csv"
    src.write_text(export(), encoding="utf-8")
    dst = tmp_path / "export-caf.csv"
    assert ctg.pseudonymise(src, KEY, out=dst) is None
    text = dst.read_bytes().decode("utf-8")
    assert "ENFANT-SECRET" not in text and "p_" in text
    assert ctg.pseudonymise(str(src), KEY) == text
    with pytest.raises(FileNotFoundError):
        ctg.pseudonymise(tmp_path / "absent.csv", KEY)


def test_pseudonymise_refuses_a_short_key() -> None:
    for key in (b"", b"short", "fifteen chars!!"):
        with pytest.raises(ctg.CtgError) as info:
            ctg.pseudonymise(export(), key)
        assert info.value.code == "invalid_key"
        assert "16" in str(info.value)
    with pytest.raises(TypeError):
        ctg.pseudonymise(export(), 1234567890123456789)


def test_pseudonymise_refuses_what_it_cannot_rewrite() -> None:
    with pytest.raises(ctg.CtgError) as info:
        ctg.pseudonymise("indicateur;date;valeur\nf8.1;31/12/2026;1\n", KEY)
    assert info.value.code == "missing_column"
    with pytest.raises(ctg.CtgError) as info:
        ctg.pseudonymise(b'[{"participant": "ENFANT-SECRET-001"}]', KEY)
    assert info.value.code == "format_error"
    assert "ENFANT" not in str(info.value)
