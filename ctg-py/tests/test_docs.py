"""Every ``>>>`` example of the public API (docstrings of the compiled classes and functions,
and of the ``ctg`` package) runs and prints what it says."""

from __future__ import annotations

import doctest
import inspect
from typing import Iterator, Tuple

import pytest

import ctg


def _docstrings() -> Iterator[Tuple[str, str]]:
    yield "ctg", ctg.__doc__ or ""
    for name in ctg.__all__:
        obj = getattr(ctg, name)
        if isinstance(obj, (str, tuple)):
            continue
        yield f"ctg.{name}", obj.__doc__ or ""
        if inspect.isclass(obj) and not issubclass(obj, BaseException):
            for attr in vars(obj):
                if attr.startswith("_") and attr != "_repr_html_":
                    continue
                doc = getattr(getattr(obj, attr), "__doc__", None)
                if doc:
                    yield f"ctg.{name}.{attr}", doc


DOCS = [(name, doc) for name, doc in _docstrings() if ">>>" in doc]


def test_the_api_has_examples() -> None:
    documented = {name.split(".")[1] for name, _ in DOCS if name.count(".") >= 1}
    for name in (
        "Plan", "Target", "Evaluation", "Evaluations", "Indicator", "Fiche", "Axis", "parse_target", "statuses",
        "evaluate_many", "workload", "import_plan", "ImportedPlan",
    ):  # fmt: skip
        assert name in documented, f"ctg.{name} has no >>> example"
    methods = {name for name, _ in DOCS}
    for name in (
        "ctg.Plan.sundgau",
        "ctg.Plan.load",
        "ctg.Plan.from_toml",
        "ctg.Plan.from_json",
        "ctg.Plan.evaluate",
        "ctg.Plan.indicator",
        "ctg.Evaluation.to_pandas",
        "ctg.Evaluation.headlines",
        "ctg.Evaluation.summary",
        "ctg.Target.display",
        "ctg.Plan.to_toml",
        "ctg.Plan.to_json",
        "ctg.Plan.fiche",
        "ctg.Plan.axis",
        "ctg.Evaluation.to_polars",
        "ctg.Evaluation.to_json",
        "ctg.Evaluation.report",
        "ctg.Evaluation.diagnostics",
        "ctg.Evaluation.indicator",
        "ctg.Evaluation._repr_html_",
        "ctg.Evaluations.to_pandas",
        "ctg.Evaluations.to_polars",
        "ctg.Evaluations.headlines",
        "ctg.Evaluations.scores",
        "ctg.Evaluations._repr_html_",
        "ctg.Evaluation.to_html",
        "ctg.Evaluation.to_markdown",
        "ctg.Evaluation.to_csv",
        "ctg.Evaluations.to_html",
        "ctg.Evaluations.to_markdown",
        "ctg.Evaluations.to_csv",
        "ctg.ImportedPlan.findings",
        "ctg.ImportedPlan.to_toml",
        "ctg.ImportedPlan.checklist",
        "ctg.ImportedPlan.to_pandas",
    ):
        assert name in methods, f"{name} has no >>> example"


@pytest.mark.parametrize("name,doc", DOCS, ids=[n for n, _ in DOCS])
def test_docstring_examples(name: str, doc: str) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(doc, {}, name, None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out: list[str] = []
    runner.run(test, out=out.append)
    assert runner.failures == 0, "".join(out)
