#!/usr/bin/env python3
"""Write the spreadsheet fixtures of ctg-core/tests/corpus/spreadsheets/.

The workbooks look the way coordinators' files do: title rows above the header, a
« Lisez-moi » sheet before the data, date cells, Excel serial numbers, French numbers
typed as text, a formula with its cached value, blank spacer rows and formatted empty
rows at the end. Every observation in them is fictional (it says so in each workbook).

Run from the repository root with the test venv (openpyxl, odfpy, xlsxwriter, xlwt,
msoffcrypto-tool):  .venv/bin/python scripts/make-spreadsheet-fixtures.py
The expected outcomes are hand-written in cases.toml and in the *.csv twins beside the
workbooks; this script only makes the workbooks (re-running it must keep the tests
green).
"""
import datetime as dt
import io
import pathlib
import zipfile

import msoffcrypto
from msoffcrypto.format.ooxml import OOXMLFile
import openpyxl
import xlsxwriter
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

OUT = pathlib.Path(__file__).resolve().parent.parent / "ctg-core/tests/corpus/spreadsheets"
FICTIONAL = "Données fictives : observations inventées pour les tests, aucune personne réelle."
D = dt.datetime


def header(ws, row, names):
    for col, name in enumerate(names, start=1):
        ws.cell(row=row, column=col, value=name)


def rows(ws, first, data, date_format="DD/MM/YYYY"):
    for i, values in enumerate(data):
        for col, v in enumerate(values, start=1):
            if v is None:
                continue
            c = ws.cell(row=first + i, column=col, value=v)
            if isinstance(v, (dt.date, dt.datetime)):
                c.number_format = date_format


def save(wb, name):
    wb.save(OUT / name)


def suivi_titres():
    """Good: a read-me sheet first, three title rows, date cells, a serial number, date
    text, a French number as text, an ignored column, a spacer row, formatted empty rows."""
    wb = openpyxl.Workbook()
    readme = wb.active
    readme.title = "Lisez-moi"
    readme["A1"] = "Suivi des actions de la CTG — mode d'emploi interne"
    readme["A2"] = "La saisie se fait dans la feuille « Suivi 2026 »."
    ws = wb.create_sheet("Suivi 2026")
    ws["A1"] = "CTG Sundgau 2025-2029 — tableau de suivi"
    ws["A2"] = FICTIONAL
    header(ws, 4, ["Indicateur", "Date d'observation", "Valeur", "Participant",
                   "Commune", "Commentaire", "Saisi par"])
    rows(ws, 5, [
        ["f1.1", D(2025, 10, 14), 85, None, "Altkirch", None, "Service enfance"],
        ["f1.2", 46111, 40, None, None, "date en numéro de série", "Service enfance"],
        ["f1.2", "30/06/2026", "55", None, None, None, None],
        ["f1.4", D(2025, 5, 12), "oui", None, None, "Plaquette diffusée aux mairies", None],
    ])
    # A spacer row (6 + 3 = row 9 left empty), then more rows.
    rows(ws, 10, [
        ["f2.1", D(2025, 9, 6), "1 180", None, None, "nombre saisi en texte", None],
        ["f4.1", D(2026, 3, 2), None, "ENF-001", "Hirsingue", None, None],
        ["f4.1", D(2026, 3, 9), None, "ENF-002", "Hirsingue", None, None],
        ["f4.1", D(2026, 3, 9), None, "ENF-001", "Hirsingue", None, None],
    ])
    # Formatted empty rows at the end (borders, no value), as templates have.
    thin = openpyxl.styles.Side(style="thin")
    for r in range(14, 40):
        for c in range(1, 7):
            ws.cell(row=r, column=c).border = openpyxl.styles.Border(bottom=thin)
    save(wb, "suivi-titres.xlsx")


def epoch_1904():
    """Good: a workbook in the 1904 date system (old Mac Excel): date cells and raw
    serial numbers both read in it."""
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Saisie"
    header(ws, 1, ["indicateur", "date", "valeur"])
    rows(ws, 2, [
        ["f1.2", D(2026, 3, 30), 40],
        # 30/06/2026 in the 1904 system: 46203 - 1462.
        ["f1.2", 46203 - 1462, 55],
    ])
    ws["E1"] = FICTIONAL
    save(wb, "calendrier-1904.xlsx")


def formula():
    """Good: a value computed by a formula (read by its cached value), numbers as
    numbers and a date cell with a time."""
    wb = xlsxwriter.Workbook(str(OUT / "formule.xlsx"))
    ws = wb.add_worksheet("Saisie")
    date = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    for col, name in enumerate(["indicateur", "date", "valeur", "commentaire"]):
        ws.write_string(0, col, name)
    ws.write_string(1, 0, "f3.1")
    ws.write_datetime(1, 1, D(2026, 3, 13, 9, 30), date)
    ws.write_number(1, 2, 81)
    ws.write_number(1, 4, 50)
    ws.write_string(2, 0, "f3.1")
    ws.write_datetime(2, 1, D(2026, 6, 20, 14, 0), date)
    ws.write_formula(2, 2, "=C2+E2", None, 131)
    ws.write_string(2, 3, "total des deux séances")
    ws.write_string(4, 6, FICTIONAL)
    wb.close()


def libreoffice_ods():
    """Good: an OpenDocument spreadsheet as LibreOffice writes it: date-value cells, float
    cells, a formula with its cached value, string cells, a second sheet after."""
    doc = OpenDocumentSpreadsheet()

    def cell(value=None, kind=None):
        if value is None:
            return TableCell()
        if kind == "date":
            c = TableCell(valuetype="date", datevalue=value.strftime("%Y-%m-%d"))
            c.addElement(P(text=value.strftime("%d/%m/%Y")))
            return c
        if kind == "float":
            c = TableCell(valuetype="float", value=value)
            c.addElement(P(text=str(value).replace(".", ",")))
            return c
        if kind == "formula":
            formula, cached = value
            c = TableCell(valuetype="float", value=cached, formula=formula)
            c.addElement(P(text=str(cached)))
            return c
        c = TableCell(valuetype="string")
        c.addElement(P(text=value))
        return c

    def add_row(table, cells):
        tr = TableRow()
        for c in cells:
            tr.addElement(c)
        table.addElement(tr)

    t = Table(name="Saisie")
    add_row(t, [cell(FICTIONAL)])
    add_row(t, [cell(n) for n in ["indicateur", "date", "valeur", "dénominateur"]])
    add_row(t, [cell("f5.2"), cell(dt.date(2026, 12, 31), "date"), cell(48, "float"),
                cell(60, "float")])
    add_row(t, [cell("f1.2"), cell(dt.date(2026, 9, 30), "date"),
                cell(("of:=30+31", 61), "formula"), cell()])
    add_row(t, [cell("f1.5"), cell("30/11/2026"), cell("non"), cell()])
    doc.spreadsheet.addElement(t)
    other = Table(name="Notes")
    add_row(other, [cell("indicateur"), cell("date"), cell("valeur")])
    add_row(other, [cell("f1.2"), cell("01/01/2026"), cell("999")])
    doc.spreadsheet.addElement(other)
    doc.save(str(OUT / "libreoffice.ods"))


def legacy_xls():
    """Good: an Excel 97-2003 .xls (xlwt), dates as date cells."""
    wb = xlwt.Workbook()
    ws = wb.add_sheet("Feuil1")
    date = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for col, name in enumerate(["Indicateur", "Date", "Valeur"]):
        ws.write(0, col, name)
    ws.write(1, 0, "f2.1")
    ws.write(1, 1, dt.date(2026, 9, 5), date)
    ws.write(1, 2, 200)
    ws.write(3, 5, FICTIONAL)
    wb.save(str(OUT / "ancien-format.xls"))


# --- malformed ------------------------------------------------------------------------


def simple(name, names, data, title=None, sheet="Saisie"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    first = 1
    if title:
        ws["A1"] = title
        first = 2
    header(ws, first, names)
    rows(ws, first + 1, data)
    save(wb, name)


def malformed():
    OUT.joinpath("bad").mkdir(exist_ok=True)
    b = "bad/"
    (OUT / (b + "pas-un-classeur.xlsx")).write_bytes(
        "indicateur;date;valeur\nf1.1;31/03/2026;12\n".encode())
    good = (OUT / "suivi-titres.xlsx").read_bytes()
    (OUT / (b + "tronque.xlsx")).write_bytes(good[: len(good) // 2])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    (OUT / (b + "document-word.xlsx")).write_bytes(buf.getvalue())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("observations.csv", "indicateur;date;valeur\n")
    (OUT / (b + "archive.zip")).write_bytes(buf.getvalue())
    # Password-protected (« Protéger le classeur » > Chiffrer avec mot de passe).
    enc = io.BytesIO()
    office = OOXMLFile(io.BytesIO(good))
    office.encrypt("motdepasse", enc)
    (OUT / (b + "mot-de-passe.xlsx")).write_bytes(enc.getvalue())

    wb = openpyxl.Workbook()
    wb.active.title = "Feuil1"
    save(wb, b + "vide.xlsx")
    simple(b + "sans-en-tete.xlsx", ["f1.1", "31/03/2026", "12"], [["f1.2", "30/06/2026", "5"]])
    simple(b + "colonne-manquante.xlsx", ["Indicateur", "Date", "Commentaire"],
           [["f1.1", "31/03/2026", "12"]], title=FICTIONAL)
    simple(b + "colonne-en-double.xlsx", ["indicateur", "date", "valeur", "value"],
           [["f1.1", "31/03/2026", "12", "12"]])
    simple(b + "date-dans-valeur.xlsx", ["indicateur", "date", "valeur"],
           [["f1.1", "31/03/2026", 12], ["f1.2", "30/06/2026", D(2026, 6, 30)]])
    simple(b + "indicateur-inconnu.xlsx", ["indicateur", "date", "valeur"],
           [["f1.1", "31/03/2026", 12], ["F1.1x", "31/03/2026", 12]], title=FICTIONAL)
    simple(b + "date-impossible.xlsx", ["indicateur", "date", "valeur"],
           [["f1.1", "31/02/2026", 12]])
    simple(b + "numero-de-serie-hors-plage.xlsx", ["indicateur", "date", "valeur"],
           [["f1.1", 99999999, 12]])
    simple(b + "negatif.xlsx", ["indicateur", "date", "valeur"],
           [["f1.1", D(2026, 3, 31), -3]])
    simple(b + "participant-manquant.xlsx", ["indicateur", "date", "valeur", "participant"],
           [["f4.1", D(2026, 3, 2), None, "ENF-001"], ["f4.1", D(2026, 3, 9), None, None]])
    simple(b + "nombre-illisible.xlsx", ["indicateur", "date", "valeur"],
           [["f1.1", D(2026, 3, 31), "12,5,3"]])
    simple(b + "jalon-illisible.xlsx", ["indicateur", "date", "valeur"],
           [["f1.4", D(2026, 3, 31), "peut-être"]])
    simple(b + "date-vide.xlsx", ["indicateur", "date", "valeur"],
           [["f1.1", None, 12]])
    # A formula that failed: the cell holds #N/A (cached error value).
    wb = xlsxwriter.Workbook(str(OUT / (b + "erreur-de-formule.xlsx")))
    ws = wb.add_worksheet("Saisie")
    for col, name in enumerate(["indicateur", "date", "valeur"]):
        ws.write_string(0, col, name)
    ws.write_string(1, 0, "f1.1")
    ws.write_string(1, 1, "31/03/2026")
    ws.write_formula(1, 2, "=VLOOKUP(A2,Feuil2!A:B,2,FALSE)", None, "#N/A")
    wb.close()
    # A sheet asked for by name that the workbook does not have (the test asks for
    # « Saisie 2027 »).
    simple(b + "feuille-inconnue.xlsx", ["indicateur", "date", "valeur"],
           [["f1.1", "31/03/2026", 12]], sheet="Saisie 2026")
    # Several plans: a territory column naming a plan that is not given.
    simple(b + "territoire-inconnu.xlsx", ["territoire", "indicateur", "date", "valeur"],
           [["sundgau-2025-2029", "f1.1", "31/03/2026", 12], ["sundgau-2052-2029", "f1.1", "31/03/2026", 12]])


def filled_entry_workbook():
    """The round trip: ctg's entry workbook for the Sundgau plan, filled with openpyxl with
    the fictional example observations (examples/sundgau/observations.csv), typed as a
    coordinator types them (dates as dates, numbers as numbers), marked fictional in its
    properties. Needs the ctg module
    (scripts/test-py.sh builds it into .venv)."""
    import csv

    import ctg

    example = OUT.parent.parent.parent.parent / "examples/sundgau/observations.csv"
    lines = [l for l in example.read_text(encoding="utf-8-sig").splitlines() if not l.startswith("#")]
    rows = list(csv.reader(lines, delimiter=";"))
    book = openpyxl.load_workbook(io.BytesIO(ctg.Plan.sundgau().entry_workbook()))
    sheet = book["Saisie"]
    names = [c.value for c in sheet[1] if c.value]
    for r, row in enumerate(rows[1:], start=2):
        cells = dict(zip(rows[0], row))
        for c, name in enumerate(names, start=1):
            text = cells.get(name, "")
            if text == "":
                continue
            value = text
            if name == "date":
                d, m, y = (int(p) for p in text.split("/"))
                value = dt.date(y, m, d)
            elif name in ("valeur", "dénominateur"):
                try:
                    number = float(text.replace(",", "."))
                    value = int(number) if number.is_integer() else number
                except ValueError:
                    pass
            cell = sheet.cell(row=r, column=c, value=value)
            if name == "date":
                cell.number_format = "DD/MM/YYYY"
    # The data is fictional, and the workbook says so in its properties (File > Info).
    book.properties.keywords = "Données fictives"
    book.save(OUT / "sundgau-grille-remplie.xlsx")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    filled_entry_workbook()
    suivi_titres()
    epoch_1904()
    formula()
    libreoffice_ods()
    legacy_xls()
    malformed()


if __name__ == "__main__":
    main()
