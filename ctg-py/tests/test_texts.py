"""The cross-runtime text corpus (``ctg-core/tests/corpus/texts``): every case rendered
through Python — explanations, HTML, Markdown, CSV (both flavours) and the terminal report,
in French and English — must equal, byte for byte, the files Rust pins in ``golden/``
(written by ``ctg-core/tests/texts.rs``; the JavaScript suite compares with them too)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest

import ctg
from conftest import CORE_TESTS, REPO, load_case

TEXTS = CORE_TESTS / "corpus" / "texts"
CASES = sorted(TEXTS.glob("*.toml"))


def evaluation(spec: Dict[str, Any]) -> ctg.Evaluation:
    plan = ctg.Plan.from_toml((REPO / spec["plan"]).read_text(encoding="utf-8"))
    return plan.evaluate(str(REPO / spec["observations"]), as_of=spec.get("as_of"))


def rendered(ev: ctg.Evaluation, spec: Dict[str, Any], lang: str) -> Dict[str, str]:
    opts: Dict[str, Any] = {
        "lang": lang,
        "fiches": spec.get("fiches"),
        "suppress_below": spec.get("suppress_below"),
    }
    df = ev.to_pandas()
    if opts["fiches"] is not None:
        df = df[df.fiche.isin(opts["fiches"])]
    sentences = ev.explanations(**opts)
    assert len(sentences) == len(df)
    lines: List[str] = [
        f"{ind}\t{start:%Y-%m-%d}\t{kind}\t{sentence}\n"
        for ind, start, kind, sentence in zip(df.indicator, df.start, df.kind, sentences)
    ]
    return {
        f"{lang}.explanations.tsv": "".join(lines),
        f"{lang}.html": ev.to_html(**opts),
        f"{lang}.md": ev.to_markdown(**opts),
        f"{lang}.csv": ev.to_csv(**opts, flavour="fr"),
        f"{lang}.plain.csv": ev.to_csv(**opts, flavour="plain"),
        f"{lang}.txt": ev.report(**opts),
    }


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 2


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_python_renders_the_pinned_texts(path: Path, lang: str) -> None:
    spec = load_case(path)
    ev = evaluation(spec)
    for suffix, text in rendered(ev, spec, lang).items():
        golden = TEXTS / "golden" / f"{path.stem}.{suffix}"
        want = golden.read_bytes().decode("utf-8")
        assert text == want, f"{golden.name} differs from what Python renders"


def test_the_evaluation_language_is_only_a_default() -> None:
    # Evaluated in English, asked in French: the same texts as evaluated in French.
    spec = load_case(TEXTS / "sundgau_2026.toml")
    plan = ctg.Plan.from_toml((REPO / spec["plan"]).read_text(encoding="utf-8"))
    en = plan.evaluate(str(REPO / spec["observations"]), as_of=spec["as_of"], lang="en")
    fr = evaluation(spec)
    assert en.to_html(lang="fr") == fr.to_html()
    assert en.explanations(lang="fr") == fr.explanations()
    assert en.explanations() != fr.explanations()


def test_tables_render_their_texts_in_the_asked_language() -> None:
    spec = load_case(TEXTS / "sundgau_2026.toml")
    ev = evaluation(spec)
    en = ev.to_pandas(lang="en")
    fr = ev.to_pandas()
    assert en.explanation.tolist() == ev.explanations(lang="en")
    assert fr.explanation.tolist() == ev.explanations()
    # Only the texts differ.
    texts = ["explanation", "target"]
    assert en.drop(columns=texts).equals(fr.drop(columns=texts))
    assert ev.headlines(lang="en").explanation.tolist() == en[en.headline].explanation.tolist()
    assert ev.to_polars(lang="en")["explanation"].to_list() == en.explanation.tolist()
    with pytest.raises(ValueError):
        ev.to_pandas(lang="de")
