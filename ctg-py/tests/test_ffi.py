"""The boundary corpus (``ctg-core/tests/corpus/ffi``): every call answered through
``ctg.call_json`` must be, byte for byte, the answer Rust pins in ``golden/`` (written by
``ctg-core/tests/ffi_corpus.rs``; the JavaScript suite compares ``callJson`` with them too)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ctg
from conftest import CORE_TESTS, load_case

FFI = CORE_TESTS / "corpus" / "ffi"
CASES = sorted(FFI.glob("*.toml"))


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_python_answers_the_pinned_answer(path: Path) -> None:
    case = load_case(path)
    answer = ctg.call_json(case["call"], case["input"]) + "\n"
    golden = (FFI / "golden" / f"{path.stem}.json").read_bytes().decode("utf-8")
    assert answer == golden


def test_the_answer_is_the_binding_s_own_result() -> None:
    # The evaluation a call answers is the one Plan.evaluate gives, view for view.
    csv = "indicateur;date;valeur\nf8.1;31/12/2026;30\n"
    call = {"plan": {"format": "bundled", "name": "sundgau"}, "observations": csv,
            "as_of": "2026-12-31", "lang": "en"}
    answer = json.loads(ctg.call_json("evaluate", json.dumps(call)))
    ev = ctg.Plan.sundgau().evaluate(csv.encode(), as_of="2026-12-31", lang="en")
    assert answer["result"]["evaluation"] == json.loads(ev.to_json())


def test_a_bad_call_is_an_answer_not_an_exception() -> None:
    assert json.loads(ctg.call_json("evaluate", "{"))["errors"][0]["code"] == "invalid_call"
    assert json.loads(ctg.call_json("", ""))["errors"][0]["code"] == "unknown_call"
