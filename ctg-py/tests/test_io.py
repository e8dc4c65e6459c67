"""Observations (``ctg_core::io``) from every Python input: DataFrames and Arrow tables
(read column by column on the Rust side), lists of dicts, CSV/JSON text, bytes and paths;
typed columns (numbers, booleans, dates, timestamps with time zones, categoricals)."""

from __future__ import annotations

import datetime
import decimal
import json
import pathlib
from typing import Any, Dict, Iterator

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import ctg
from conftest import EXAMPLE_CSV


def read_example_with_pandas() -> pd.DataFrame:
    return pd.read_csv(EXAMPLE_CSV, sep=";", comment="#", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def comparable(ev: ctg.Evaluation) -> Dict[str, Any]:
    """The evaluation without what only a file can say (comment lines: fictional, notes)."""
    d = json.loads(ev.to_json())
    d.pop("fictional")
    d["diagnostics"].pop("notes")
    return d


def test_the_example_file_from_every_form(sundgau: ctg.Plan) -> None:
    as_of = datetime.date(2026, 12, 31)
    reference = sundgau.evaluate(EXAMPLE_CSV, as_of=as_of)
    assert reference.fictional
    # Comment lines are noted by their rows, never their text (issue 16).
    assert any("comment" in n for n in reference.diagnostics["notes"])
    df = read_example_with_pandas()
    forms = {
        "path": EXAMPLE_CSV,
        "str path": str(EXAMPLE_CSV),
        "bytes": EXAMPLE_CSV.read_bytes(),
        "bytearray": bytearray(EXAMPLE_CSV.read_bytes()),
        "text": EXAMPLE_CSV.read_text(encoding="utf-8-sig"),
        "pandas": df,
        "polars": pl.from_pandas(df),
        "pyarrow": pa.Table.from_pandas(df, preserve_index=False),
        "records": df.to_dict("records"),
        "tuple": tuple(df.to_dict("records")),
        "generator": (r for r in df.to_dict("records")),
        "json": json.dumps(df.to_dict("records")) + "\n",
        "json object": {"observations": df.to_dict("records")},
    }
    for name, form in forms.items():
        ev = sundgau.evaluate(form, as_of=as_of)
        assert comparable(ev) == comparable(reference), name
    # Files keep their comment lines; JSON objects can say it too.
    assert sundgau.evaluate(EXAMPLE_CSV.read_bytes(), as_of=as_of).fictional
    assert sundgau.evaluate({"fictional": True, "observations": []}).fictional


def test_record_batches_and_streams(sundgau: ctg.Plan) -> None:
    table = pa.Table.from_pandas(read_example_with_pandas(), preserve_index=False)
    reference = comparable(sundgau.evaluate(table, as_of="2026-12-31"))
    batches = table.to_batches(max_chunksize=50)
    assert len(batches) > 5
    reader = pa.RecordBatchReader.from_batches(table.schema, batches)
    assert comparable(sundgau.evaluate(reader, as_of="2026-12-31")) == reference
    one = pa.RecordBatch.from_pandas(read_example_with_pandas(), preserve_index=False)
    assert comparable(sundgau.evaluate(one, as_of="2026-12-31")) == reference
    # Lenient mode numbers rows across batches, from 1.
    bad = pa.table({"indicator": ["f8.1"] * 120, "date": ["2026-01-01"] * 119 + ["nope"], "value": ["1"] * 120})
    reader = pa.RecordBatchReader.from_batches(bad.schema, bad.to_batches(max_chunksize=7))
    ev = sundgau.evaluate(reader, strict=False)
    assert [(r["code"], r["row"]) for r in ev.diagnostics["rejected"]] == [("type_error", 120)]
    assert ev.diagnostics["used"] == 119


def test_typed_columns(sundgau: ctg.Plan) -> None:
    """Numbers, dates and timestamps need no formatting: the core reads their text."""
    texts = sundgau.evaluate(
        "indicator,date,value\nf8.1,2026-03-31,10\nf8.1,2026-06-30,12.5\nf2.1,2026-06-30,240\n"
    )
    want = comparable(texts)
    dates = [datetime.date(2026, 3, 31), datetime.date(2026, 6, 30), datetime.date(2026, 6, 30)]
    indicators = ["f8.1", "f8.1", "f2.1"]
    values = [10.0, 12.5, 240.0]
    tables = {
        "date32 float64": pa.table({"indicator": indicators, "date": pa.array(dates, pa.date32()), "value": values}),
        "date64 float32": pa.table(
            {"indicator": indicators, "date": pa.array(dates, pa.date64()), "value": pa.array(values, pa.float32())}
        ),
        "timestamp[s] decimal": pa.table(
            {
                "indicator": indicators,
                "date": pa.array([datetime.datetime.combine(d, datetime.time(13, 5)) for d in dates], pa.timestamp("s")),
                "value": pa.array([decimal.Decimal(str(v)) for v in values], pa.decimal128(10, 2)),
            }
        ),
        "string_view dictionary": pa.table(
            {
                "indicator": pa.array(indicators).dictionary_encode(),
                "date": pa.array([d.isoformat() for d in dates], pa.string_view()),
                "value": pa.array([str(v) for v in values], pa.large_string()),
            }
        ),
        "dictionary dates and values": pa.table(
            {
                "indicator": pa.array(indicators).dictionary_encode(),
                "date": pa.array(dates, pa.date32()).dictionary_encode(),
                "value": pa.array(values).dictionary_encode(),
            }
        ),
        "pandas datetime64 float": pd.DataFrame({"indicator": indicators, "date": pd.to_datetime(dates), "value": values}),
        "pandas categorical object": pd.DataFrame(
            {"indicator": pd.Categorical(indicators), "date": pd.Series([d.strftime("%d/%m/%Y") for d in dates], dtype=object), "value": values}
        ),
        "polars date categorical": pl.DataFrame(
            {"indicator": pl.Series(indicators, dtype=pl.Categorical), "date": pl.Series(dates, dtype=pl.Date), "value": values}
        ),
        "polars datetime(ms)": pl.DataFrame(
            {"indicator": indicators, "date": pl.Series([datetime.datetime.combine(d, datetime.time()) for d in dates], dtype=pl.Datetime("ms")), "value": values}
        ),
        "records with dates": [
            {"indicator": i, "date": d, "value": v} for i, d, v in zip(indicators, dates, values)
        ],
        "records with datetimes and numpy": [
            {"indicator": i, "date": pd.Timestamp(d), "value": np.float64(v)} for i, d, v in zip(indicators, dates, values)
        ],
    }
    for name, table in tables.items():
        assert comparable(sundgau.evaluate(table)) == want, name


def test_dictionary_nulls_are_empty_cells(sundgau: ctg.Plan) -> None:
    """A null key of a dictionary column is an empty cell, reported at its row."""
    t = pa.table(
        {
            "indicator": pa.array(["f8.1", None, "f8.1"]).dictionary_encode(),
            "date": ["2026-03-31", "2026-06-30", "2026-09-30"],
            "value": [10.0, 12.0, 14.0],
        }
    )
    with pytest.raises(ctg.ObservationError) as err:
        sundgau.evaluate(t)
    assert [(p["code"], p["row"]) for p in err.value.errors] == [("missing_cell", 2)]
    ev = sundgau.evaluate(t, strict=False, as_of="2026-12-31")
    assert ev.diagnostics["used"] == 2


def test_integer_and_boolean_columns(sundgau: ctg.Plan) -> None:
    for dtype in (pa.int8(), pa.int32(), pa.int64(), pa.uint16(), pa.uint64()):
        t = pa.table({"indicator": ["f8.1"], "date": ["2026-12-31"], "value": pa.array([30], dtype)})
        assert sundgau.evaluate(t).indicator("f8.1")["headline"]["value"] == 30.0
    # A milestone reads booleans (and numpy ones from a list of dicts).
    t = pa.table({"indicator": ["f1.4"], "date": ["2025-05-12"], "value": [True]})
    assert sundgau.evaluate(t, as_of="2026-12-31").indicator("f1.4")["headline"]["status"] == "achieved"
    rows = [{"indicator": "f1.4", "date": "2025-05-12", "value": np.bool_(True)}]
    assert sundgau.evaluate(rows, as_of="2026-12-31").indicator("f1.4")["headline"]["status"] == "achieved"


def test_time_zones_give_the_local_date(sundgau: ctg.Plan) -> None:
    """Midnight in Paris is the evening before in UTC: the date is the local one."""
    paris = pd.DataFrame(
        {"indicator": ["f8.1"], "date": pd.to_datetime(["2026-01-01 00:00"]).tz_localize("Europe/Paris"), "value": [30]}
    )
    assert sundgau.evaluate(paris).as_of == datetime.date(2026, 1, 1)
    fixed = pa.table(
        {
            "indicator": ["f8.1"],
            "date": pa.array([datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.timezone.utc)], pa.timestamp("us", tz="+02:00")),
            "value": [30],
        }
    )
    assert sundgau.evaluate(fixed).as_of == datetime.date(2026, 1, 1)
    aware = [{"indicator": "f8.1", "date": datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1))), "value": 3}]
    assert sundgau.evaluate(aware).as_of == datetime.date(2026, 1, 1)


def test_missing_cells(sundgau: ctg.Plan) -> None:
    """None, NaN, pd.NA, pd.NaT and nulls are empty cells (missing is not zero)."""
    for empty in (None, float("nan"), pd.NA, pd.NaT, np.nan):
        rows = [{"indicator": "f8.1", "date": "2026-12-31", "value": empty}]
        e = pytest.raises(ctg.ObservationError, sundgau.evaluate, rows).value
        assert [(i["code"], i["column"]) for i in e.errors] == [("missing_cell", "value")], repr(empty)
    df = pd.DataFrame({"indicator": ["f8.1", "f8.1"], "date": ["2026-06-30", "2026-12-31"], "value": [np.nan, 30.0]})
    ev = sundgau.evaluate(df, strict=False)
    assert [(r["code"], r["row"]) for r in ev.diagnostics["rejected"]] == [("missing_cell", 1)]
    pdf = pl.DataFrame({"indicator": ["f8.1"], "date": ["2026-12-31"], "value": [float("nan")]})
    assert pytest.raises(ctg.ObservationError, sundgau.evaluate, pdf).value.errors[0]["code"] == "missing_cell"
    # An optional column of nulls is fine.
    t = pa.table({"indicator": ["f8.1"], "date": ["2026-12-31"], "value": [30], "commune": pa.nulls(1)})
    assert sundgau.evaluate(t).diagnostics["used"] == 1


def test_infinity_is_reported_not_dropped(sundgau: ctg.Plan) -> None:
    for form in (
        [{"indicator": "f8.1", "date": "2026-12-31", "value": float("inf")}],
        pd.DataFrame({"indicator": ["f8.1"], "date": ["2026-12-31"], "value": [float("inf")]}),
    ):
        e = pytest.raises(ctg.ObservationError, sundgau.evaluate, form).value
        assert e.errors[0]["code"] == "constraint_error"


def test_french_and_english_column_names(sundgau: ctg.Plan) -> None:
    fr = pd.DataFrame({" Indicateur ": ["f5.2"], "Date": ["31/12/2026"], "Valeur": ["45"], "Dénominateur": ["50"], "Commentaire": ["ok"]})
    en = pd.DataFrame({"indicator_id": ["f5.2"], "date_observation": ["2026-12-31"], "value": [45], "denominator": [50], "comment": ["ok"]})
    assert comparable(sundgau.evaluate(fr)) == comparable(sundgau.evaluate(en))
    # Messages name the columns as the table writes them.
    bad = fr.assign(Valeur=["-1"])
    e = pytest.raises(ctg.ObservationError, sundgau.evaluate, bad).value
    assert e.errors[0]["column"] == "Valeur"


def test_unknown_columns_are_noted(sundgau: ctg.Plan) -> None:
    df = pd.DataFrame({"indicator": ["f8.1"], "date": ["2026-12-31"], "value": [30], "responsable": ["X"]})
    # Notes follow the evaluation's language (French by default).
    # By position, never by header: a header may be a participant id (issue 16).
    assert "colonne 4 ignorée : son en-tête ne nomme aucune colonne connue" in sundgau.evaluate(df).diagnostics["notes"]
    assert "ignored column 4: its header names no known column" in sundgau.evaluate(df, lang="en").diagnostics["notes"]
    rows = [{"indicator": "f8.1", "date": "2026-12-31", "value": 30, "responsable": "X"}]
    assert sundgau.evaluate(rows).diagnostics["notes"] == [
        "clé 4 de l'observation 1 ignorée : elle ne nomme aucune colonne connue"
    ]
    assert sundgau.evaluate(rows, lang="en").diagnostics["notes"] == [
        "ignored key 4 of observation 1: it names no known column"
    ]


def test_notes_follow_lang(sundgau: ctg.Plan) -> None:
    # A French Excel export: Windows-1252, `sep=;` line, a comment, an unknown column and a
    # data row put aside with `#` (its participant id is never shown).
    csv = (
        "sep=;\r\n# Données fictives\r\nindicateur;date;valeur;participant;responsable\r\n"
        "f8.1;31/12/2026;30;;X\r\n#f8.1;31/12/2026;5;SECRET-42;x\r\n"
    ).encode("cp1252")
    fr = sundgau.evaluate(csv)
    assert fr.diagnostics["notes"] == [
        "1 ligne de commentaire (`#`), ligne 2, non reprise",
        "la ligne 5 est mise en commentaire (`#`) et a été ignorée",
        "l'entrée n'est pas en UTF-8 : elle a été décodée en Windows-1252",
        "la ligne `sep=;` fixe le séparateur",
        "colonne 5 ignorée : son en-tête ne nomme aucune colonne connue",
    ]
    en = sundgau.evaluate(csv, lang="en")
    assert en.diagnostics["notes"] == [
        "1 comment line (`#`), row 2, not copied",
        "row 5 is commented out (`#`) and was ignored",
        "the input is not UTF-8: decoded as Windows-1252",
        "the `sep=;` line sets the delimiter",
        "ignored column 5: its header names no known column",
    ]
    assert json.loads(en.to_json())["diagnostics"]["notes"] == en.diagnostics["notes"]
    for out in (fr.to_json(), en.to_json(), fr.report(), fr.to_html(), en.to_markdown()):
        assert "SECRET-42" not in out


def test_the_pandas_index_is_a_column(sundgau: ctg.Plan) -> None:
    df = pd.DataFrame({"indicator": ["f8.1"], "date": pd.to_datetime(["2026-12-31"]), "value": [30]})
    assert sundgau.evaluate(df.set_index("date")).as_of == datetime.date(2026, 12, 31)


def test_pandas_without_the_arrow_interface(sundgau: ctg.Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pyarrow, pandas cannot export Arrow: its records are read instead."""
    df = pd.DataFrame({"indicator": ["f8.1"], "date": pd.to_datetime(["2026-12-31"]), "value": [30]})
    want = comparable(sundgau.evaluate(df))

    def no_arrow(self: Any, requested_schema: Any = None) -> Any:
        raise ImportError("pyarrow is required")

    monkeypatch.setattr(pd.DataFrame, "__arrow_c_stream__", no_arrow)
    assert comparable(sundgau.evaluate(df)) == want


def test_csv_text_bytes_and_paths(sundgau: ctg.Plan, tmp_path: pathlib.Path) -> None:
    text = "\ufeff# Données fictives\r\nindicateur;date;valeur\r\nf8.1;31/12/2026;1 234,5\r\n"
    path = tmp_path / "obs.csv"
    path.write_bytes(text.encode("cp1252", errors="replace").replace(b"?", b""))
    for form in (text, text.encode("utf-8"), path, str(path)):
        ev = sundgau.evaluate(form)
        assert ev.fictional
        assert ev.indicator("f8.1")["headline"]["value"] == 1234.5
    json_path = tmp_path / "obs.json"
    json_path.write_text(json.dumps([{"indicator": "f8.1", "date": "2026-12-31", "value": 3}]), encoding="utf-8")
    assert sundgau.evaluate(json_path).indicator("f8.1")["headline"]["value"] == 3.0


def test_as_of_forms(sundgau: ctg.Plan) -> None:
    rows = [{"indicator": "f8.1", "date": "2026-03-31", "value": 30}]
    assert sundgau.evaluate(rows).as_of == datetime.date(2026, 3, 31)
    assert not sundgau.evaluate(rows).as_of_given
    for as_of in ("2026-12-31", "31/12/2026", datetime.date(2026, 12, 31), datetime.datetime(2026, 12, 31, 18), pd.Timestamp("2026-12-31")):
        ev = sundgau.evaluate(rows, as_of=as_of)
        assert ev.as_of == datetime.date(2026, 12, 31) and ev.as_of_given


def test_empty_inputs(sundgau: ctg.Plan) -> None:
    for empty in ([], {"observations": []}, pd.DataFrame({"indicator": [], "date": [], "value": []})):
        ev = sundgau.evaluate(empty)
        assert ev.diagnostics["used"] == 0
        assert ev.as_of == datetime.date(2025, 1, 1)


def rows_iter(n: int) -> Iterator[Dict[str, Any]]:
    for i in range(n):
        yield {"indicator": "f7.1", "date": datetime.date(2026, 1 + i % 12, 1 + i % 28), "value": i % 20}


def test_large_inputs_agree(sundgau: ctg.Plan) -> None:
    rows = list(rows_iter(20_000))
    df = pd.DataFrame(rows)
    df["date"] = pd.to_datetime(df["date"])
    assert comparable(sundgau.evaluate(df)) == comparable(sundgau.evaluate(rows))
    assert sundgau.evaluate(pl.from_pandas(df)).diagnostics["used"] == 20_000
