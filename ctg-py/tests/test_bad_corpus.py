"""The shared bad-input corpus (``ctg-core/tests/corpus/bad/expected.json``, issue 16)
through Python's own API — ``ctg.parse_target``, ``ctg.Plan.from_toml`` /
``from_json``, ``Plan.evaluate`` strict and lenient on ``str`` or ``bytes`` — against the
problems that Rust (``ctg-core/tests/bad_corpus.rs``) and JavaScript
(``ctg-wasm/tests/bad-corpus.test.mjs``) check: code, kind, position, message and hint in
French and English. Fictional data."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Union

import pytest

import ctg
from conftest import CORE_TESTS

EXPECTED = json.loads((CORE_TESTS / "corpus" / "bad" / "expected.json").read_text("utf-8"))
CASES: List[Dict[str, Any]] = EXPECTED["cases"]
AS_OF = EXPECTED["as_of"]
SUNDGAU = ctg.Plan.sundgau()


def _span_unit() -> str:
    """What a Python span counts: characters of the target (issue 16 makes Python's spans
    indices into its own strings); UTF-8 bytes before that change. Probed once, so that
    the corpus (in characters) is compared either way."""
    with pytest.raises(ctg.TargetSyntaxError) as info:
        ctg.parse_target("≥ abc")
    return "char" if tuple(info.value.span) == (2, 5) else "byte"


SPAN_UNIT = _span_unit()


def to_chars(text: str, offset: int) -> int:
    if SPAN_UNIT == "char":
        return offset
    return len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))


def problem(fr: Dict[str, Any], en: Dict[str, Any]) -> Dict[str, Any]:
    for key in ("code", "kind", "loc", "line", "column", "row", "span"):
        assert fr[key] == en[key], key
    span: Optional[List[int]] = None
    if fr["span"] is not None and fr["input"] is not None:
        span = [to_chars(fr["input"], fr["span"]["start"]), to_chars(fr["input"], fr["span"]["end"])]
    return {
        "code": fr["code"],
        "kind": fr["kind"],
        "loc": fr["loc"],
        "line": fr["line"],
        "column": fr["column"],
        "row": fr["row"],
        "span": span,
        "message_fr": fr["message"],
        "message_en": en["message"],
        "hint_fr": fr["hint"],
        "hint_en": en["hint"],
    }


def problems(fr: List[Dict[str, Any]], en: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    assert len(fr) == len(en) and fr
    assert all(p["lang"] == "fr" for p in fr) and all(p["lang"] == "en" for p in en)
    return [problem(f, e) for f, e in zip(fr, en)]


def rejected(issue: Dict[str, Any]) -> Dict[str, Any]:
    return {
        "code": issue["code"],
        "row": issue["row"],
        "column": issue["column"],
        "message_fr": issue["message_fr"],
        "message_en": issue["message"],
        "hint_fr": issue["hint_fr"],
        "hint_en": issue["hint"],
    }


def source(case: Dict[str, Any]) -> Union[str, bytes]:
    return bytes.fromhex(case["hex"]) if "hex" in case else case["text"]


def text(case: Dict[str, Any]) -> str:
    return bytes.fromhex(case["hex"]).decode("utf-8") if "hex" in case else case["text"]


def by_lang(call: Any, error: type) -> Dict[str, Any]:
    """``{"ok": True}``, or the problems of the error ``call(lang)`` raises in each
    language."""
    got: Dict[str, List[Dict[str, Any]]] = {}
    for lang in ("fr", "en"):
        try:
            call(lang)
        except error as e:
            assert isinstance(e, ctg.CtgError)
            got[lang] = e.problems  # type: ignore[attr-defined]
    if not got:
        return {"ok": True}
    assert set(got) == {"fr", "en"}, "an error in one language only"
    return {"problems": problems(got["fr"], got["en"])}


def observations(case: Dict[str, Any], strict: bool) -> Dict[str, Any]:
    got: Dict[str, Any] = {}
    for lang in ("fr", "en"):
        try:
            ev = SUNDGAU.evaluate(source(case), as_of=AS_OF, lang=lang, strict=strict)
        except ctg.ObservationError as e:
            got[lang] = e.problems
            continue
        d = ev.diagnostics
        got[lang] = {"used": d["used"], "ok": True} if strict else {
            "used": d["used"],
            "rejected": [rejected(i) for i in d["rejected"]],
        }
    fr, en = got["fr"], got["en"]
    if isinstance(fr, list):
        assert isinstance(en, list), "an error in one language only"
        return {"problems": problems(fr, en)}
    assert fr == en
    return fr


def answer(case: Dict[str, Any]) -> Dict[str, Any]:
    kind = case["input"]
    if kind == "target":
        return {"strict": by_lang(lambda lang: ctg.parse_target(text(case), lang=lang), ctg.TargetSyntaxError)}
    if kind == "plan_toml":
        return {"strict": by_lang(lambda lang: ctg.Plan.from_toml(text(case), lang=lang), ctg.PlanError)}
    if kind == "plan_json":
        return {"strict": by_lang(lambda lang: ctg.Plan.from_json(text(case), lang=lang), ctg.PlanError)}
    return {"strict": observations(case, True), "lenient": observations(case, False)}


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 150
    assert {c["input"] for c in CASES} == {"target", "plan_toml", "plan_json", "csv", "json"}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input_gives_the_expected_problems(case: Dict[str, Any]) -> None:
    got = answer(case)
    want = {k: case[k] for k in ("strict", "lenient") if k in case}
    assert got == want
