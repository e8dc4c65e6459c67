"""Excel both ways: the entry workbook filled with openpyxl and evaluated (the round trip:
the same results as the CSV of the same rows), workbooks as paths and bytes, problems at
their cell, and the results workbook."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path
from typing import Any, List

import openpyxl
import pytest

import ctg
from conftest import EXAMPLE_CSV, REPO

SPREADSHEETS = REPO / "ctg-core" / "tests" / "corpus" / "spreadsheets"


def example_rows() -> List[List[str]]:
    """The fictional example observations, without their comment lines."""
    lines = [l for l in EXAMPLE_CSV.read_text(encoding="utf-8-sig").splitlines() if not l.startswith("#")]
    return list(csv.reader(lines, delimiter=";"))


def typed(column: str, text: str) -> Any:
    """A cell as a coordinator types it in Excel: dates as dates, numbers as numbers."""
    if text == "":
        return None
    if column == "date":
        d, m, y = (int(p) for p in text.split("/"))
        return datetime.date(y, m, d)
    if column in ("valeur", "dénominateur"):
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            return text
        return int(number) if number.is_integer() else number
    return text


def filled_entry_workbook(plan: ctg.Plan) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(plan.entry_workbook()))
    assert book.sheetnames[0] == "Saisie"
    sheet = book["Saisie"]
    header = [c.value for c in sheet[1] if c.value]
    rows = example_rows()
    source_header = rows[0]
    for r, row in enumerate(rows[1:], start=2):
        cells = dict(zip(source_header, row))
        for c, name in enumerate(header, start=1):
            value = typed(name, cells.get(name, ""))
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
                if isinstance(value, datetime.date):
                    sheet.cell(row=r, column=c).number_format = "DD/MM/YYYY"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_entry_workbook_round_trip(sundgau: ctg.Plan, tmp_path: Path) -> None:
    data = filled_entry_workbook(sundgau)
    from_workbook = sundgau.evaluate(data, as_of="31/12/2026")
    from_csv = sundgau.evaluate(EXAMPLE_CSV, as_of="31/12/2026")
    a = from_workbook.to_pandas()
    b = from_csv.to_pandas()
    assert len(a) == len(b) > 0
    assert a.equals(b)
    # A path (str or Path) to the workbook reads the same.
    path = tmp_path / "suivi.xlsx"
    path.write_bytes(data)
    assert sundgau.evaluate(str(path), as_of="31/12/2026").to_pandas().equals(b)
    assert sundgau.evaluate(path, as_of="31/12/2026").to_pandas().equals(b)
    assert any("feuille « Saisie » lue" in str(n) for n in from_workbook.diagnostics["notes"])


def test_entry_workbook_to_a_path(sundgau: ctg.Plan, tmp_path: Path) -> None:
    path = tmp_path / "grille.xlsx"
    assert sundgau.entry_workbook(path) is None
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Saisie", "Indicateurs", "Mode d'emploi"]
    english = openpyxl.load_workbook(io.BytesIO(sundgau.entry_workbook(lang="en")))
    assert english.sheetnames[0] == "Entry"
    ids = [row[2] for row in book["Indicateurs"].iter_rows(min_row=2, values_only=True) if row[2]]
    assert ids == [i.id for i in sundgau.indicators]


def test_a_problem_names_its_cell(sundgau: ctg.Plan) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Saisie"
    sheet.append(["Suivi 2026 (données fictives)"])
    sheet.append(["indicateur", "date", "valeur"])
    sheet.append(["f8.1", datetime.date(2026, 12, 31), "trente"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ctg.ObservationError) as info:
        sundgau.evaluate(out.getvalue())
    e = info.value
    assert [(i["code"], i["row"], i["sheet"], i["cell"]) for i in e.errors] == [
        ("type_error", 3, "Saisie", "C3")
    ]
    assert "feuille « Saisie », cellule C3" in str(e)
    assert e.problems[0]["loc"][:4] == ["sheet", "Saisie", "cell", "C3"]


def test_sheet_by_name(sundgau: ctg.Plan) -> None:
    data = (SPREADSHEETS / "bad" / "feuille-inconnue.xlsx").read_bytes()
    assert len(sundgau.evaluate(data, sheet="saisie 2026").to_pandas()) > 0
    with pytest.raises(ctg.ObservationError) as info:
        sundgau.evaluate(data, sheet="Saisie 2027")
    assert info.value.errors[0]["code"] == "unknown_sheet"


def test_malformed_workbooks_fail_with_their_code(sundgau: ctg.Plan) -> None:
    for name, code in [
        ("mot-de-passe.xlsx", "format_error"),
        ("tronque.xlsx", "format_error"),
        ("sans-en-tete.xlsx", "missing_column"),
        ("erreur-de-formule.xlsx", "type_error"),
    ]:
        with pytest.raises(ctg.ObservationError) as info:
            sundgau.evaluate((SPREADSHEETS / "bad" / name).read_bytes())
        assert info.value.errors[0]["code"] == code, name


def test_results_workbook(sundgau: ctg.Plan, tmp_path: Path) -> None:
    ev = sundgau.evaluate(EXAMPLE_CSV, as_of="31/12/2026")
    data = ev.to_excel()
    assert data[:2] == b"PK"
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames[:2] == ["Résultats", "Scores"]
    path = tmp_path / "resultats.xlsx"
    assert ev.to_excel(path, lang="en", suppress_below=5) is None
    assert openpyxl.load_workbook(path).sheetnames[:2] == ["Results", "Scores"]


def test_evaluate_many_from_one_workbook(sundgau: ctg.Plan) -> None:
    other = ctg.Plan.from_toml((REPO / "ctg-core/tests/corpus/records/plan.toml").read_text(encoding="utf-8"))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "National"
    sheet.append(["Remontée nationale — données fictives"])
    sheet.append(["territoire", "indicateur", "date", "valeur"])
    sheet.append(["sundgau-2025-2029", "f8.1", datetime.date(2026, 12, 31), 30])
    sheet.append(["Territoire fictif", "c", datetime.date(2026, 3, 31), 4])
    out = io.BytesIO()
    book.save(out)
    evs = ctg.evaluate_many([sundgau, other], out.getvalue(), as_of="31/12/2026")
    assert evs.fictional and [ev.fictional for ev in evs] == [True, True]
    frame = evs.to_pandas()
    assert set(frame["territory"]) == {"sundgau-2025-2029", "records"}
    with pytest.raises(ctg.ObservationError) as info:
        ctg.evaluate_many([sundgau, other], out.getvalue(), sheet="Feuil1")
    assert info.value.errors[0]["code"] == "unknown_sheet"
