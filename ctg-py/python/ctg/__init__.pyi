"""Type stubs of ``ctg`` (the compiled ``ctg._ctg``, re-exported by the package)."""

import datetime
import os
from typing import (
    Any,
    Dict,
    Iterable,
    Iterator,
    List,
    Literal,
    Mapping,
    Optional,
    Protocol,
    Sequence,
    Tuple,
    TypedDict,
    Union,
    final,
    overload,
)

from . import workload as workload


# DataFrames are typed loosely so that neither pandas nor polars is needed to type-check.
_PandasDataFrame = Any  # _PandasDataFrame
_PolarsDataFrame = Any  # _PolarsDataFrame

__version__: str

__all__ = [
    "FICTIONAL_METADATA_KEY",
    "RESULT_COLUMNS",
    "STATUSES",
    "Axis",
    "CtgError",
    "Evaluation",
    "Evaluations",
    "Fiche",
    "ImportedPlan",
    "Indicator",
    "ObservationError",
    "Plan",
    "PlanError",
    "Target",
    "TargetSyntaxError",
    "__version__",
    "evaluate_arrow",
    "evaluate_many",
    "call_json",
    "import_plan",
    "parse_target",
    "pseudonymise",
    "route_territories",
    "ship_plans",
    "statuses",
    "workload",
]

_Lang = Literal["fr", "en"]
#: ``"fr"``: French Excel (``;``, decimal comma, ``31/12/2026``, BOM); ``"plain"``: ``,``,
#: decimal point, ISO dates.
_CsvFlavour = Literal["fr", "plain"]
_StatusCode = Literal[
    "achieved", "on_track", "at_risk", "not_achieved", "no_data", "not_evaluable", "tracked"
]

#: Status codes in severity order (``ctg_core::eval::Status::ALL``).
STATUSES: Tuple[str, ...]

#: The columns of ``Evaluation.to_pandas()``, ``to_polars()`` and ``headlines()``, in order
#: (``ctg_core::report::table::COLUMNS``); the tables of ``Evaluations`` start with a
#: ``territory`` column (the plan id). Dates are ``datetime64`` (``pl.Date``), ``status`` an
#: ordered category (``ctg.STATUSES``), codes are text, and missing numbers NaN (null):
#:
#: - ``axis`` (int): Axis number.
#: - ``fiche`` (int): Action sheet (fiche) number.
#: - ``indicator`` (str): Indicator id.
#: - ``label`` (str): Indicator label.
#: - ``kind`` (code): A window (`window`) or the yearly summary of shorter windows (`year_summary`).
#: - ``window`` (code): The window's kind (ISO week, month, quarter, half-year, year, plan); `year` for a yearly summary.
#: - ``start`` (date): First day of the window.
#: - ``end`` (date): Last day of the window.
#: - ``state`` (code): `closed`: ended on or before the evaluation date; `open`: under way.
#: - ``observations`` (int): Number of observations used.
#: - ``value`` (float, may be missing): The window's aggregated value (1 or 0 for a milestone); empty without data.
#: - ``unit`` (str, may be missing): The indicator's unit, else its target's.
#: - ``target`` (str, may be missing): The target, written in the table's language; empty without a target.
#: - ``expected`` (float, may be missing): The level to reach in the window: the threshold, the year's level or the trajectory's value.
#: - ``baseline`` (float, may be missing): The baseline used (relative targets, trajectories).
#: - ``change`` (float, may be missing): The change from the baseline: a fraction (0.2 = +20 %), or points for a point target.
#: - ``projection`` (float, may be missing): Open window of an additive aggregation: the value projected to the window's end.
#: - ``status`` (status): The status (best to worst, then those left out of scores).
#: - ``achievement`` (float, may be missing): How much of the target is achieved (1 = 100 %).
#: - ``reason`` (code, may be missing): Why there is no value or no judgement; empty otherwise.
#: - ``done_on`` (date, may be missing): Milestone: the date it was done.
#: - ``assessment`` (code, may be missing): Qualitative indicator: the latest assessment.
#: - ``comment`` (str, may be missing): Qualitative indicator: the comment of the latest assessment.
#: - ``coverage_with_data`` (float, may be missing): Yearly summary: the number of windows with data.
#: - ``coverage_total`` (float, may be missing): Yearly summary: the number of windows elapsed in the year.
#: - ``headline`` (bool): True for the indicator's headline result (the one scored).
#: - ``explanation`` (str): One sentence explaining the result, in the table's language (empty when explanations are off).
RESULT_COLUMNS: Tuple[str, ...]
#: The schema metadata key (value ``"true"``) by which an Arrow table or a Parquet file
#: says its data is fictional, as a CSV's ``# Données fictives`` line does.
FICTIONAL_METADATA_KEY: str

class _ArrowStream(Protocol):
    def __arrow_c_stream__(self, requested_schema: Any = ...) -> Any: ...

#: Observations: a DataFrame or Arrow stream, a list (or iterable) of dicts — core records:
#: keys are the CSV headers, a ``date`` may be a ``date``, a naive ``datetime``/``pd.Timestamp``
#: (its wall-clock day) or a tz-aware one (its day in its own zone) — a dict
#: ``{"observations": [...]}``, CSV/JSON text or bytes, or a path.
_Observations = Union[
    _ArrowStream,
    Iterable[Mapping[str, Any]],
    Mapping[str, Any],
    str,
    bytes,
    bytearray,
    "os.PathLike[str]",
]

class CtgError(ValueError):
    """The base class of every error ctg raises."""

class _Limits(TypedDict, total=False):
    """``limits={...}`` of ``Plan.evaluate`` and ``evaluate_many``: the core's limits
    (``ctg_core::Limits``), every key optional, the others at their default. Past one, a
    ``CtgError`` (``ObservationError``) with the code ``limit_exceeded``; an unknown key or
    a negative value is a ``CtgError`` with the code ``invalid_option``, a value that is not
    an ``int`` a ``TypeError``."""

    max_input_bytes: int  # default 5 GiB
    max_rows: int  # default 120_000_000
    max_columns: int  # default 16_384
    max_id_chars: int  # indicator, territory, participant ids; default 200
    max_windows: int  # per evaluation; default 500_000
    max_issues: int  # problems kept per input, the rest counted; default 1_000
    max_echo_chars: int  # an echoed cell is cut past it; default 40

class _Span(TypedDict):
    start: int
    end: int

class _Problem(TypedDict):
    """One problem, in one language: the core's shape (``ctg_core::problem::Problem``),
    the same in every runtime."""

    code: str
    kind: Literal["plan", "target", "observation", "import"]
    severity: Literal["error", "warning", "interpretation", "not_understood"]
    loc: List[Union[str, int]]
    line: Optional[int]
    column: Optional[int]
    row: Optional[int]
    span: Optional[_Span]
    message: str
    hint: Optional[str]
    expected: Optional[str]
    input: Optional[str]
    lang: _Lang

class TargetSyntaxError(CtgError):
    span: Tuple[int, int]
    code: str
    message: str
    expected: Optional[str]
    hint: Optional[str]
    input: str
    problems: List[_Problem]

class PlanError(CtgError):
    errors: List[Dict[str, Any]]
    problems: List[_Problem]

class ObservationError(CtgError):
    errors: List[Dict[str, Any]]
    problems: List[_Problem]

def parse_target(text: str, lang: Optional[str] = None) -> Target: ...
def statuses(lang: str = "fr") -> List[Dict[str, Any]]: ...
def call_json(name: str, call: str) -> str: ...
@overload
def pseudonymise(
    source: Union[str, bytes, bytearray, "os.PathLike[str]"],
    key: Union[str, bytes, bytearray],
    out: None = None,
) -> str: ...
@overload
def pseudonymise(
    source: Union[str, bytes, bytearray, "os.PathLike[str]"],
    key: Union[str, bytes, bytearray],
    out: Union[str, "os.PathLike[str]"],
) -> None: ...
def import_plan(
    source: Union[str, bytes, bytearray, "os.PathLike[str]"], lang: str = "fr"
) -> ImportedPlan: ...
@final
class ImportedPlan:
    @property
    def plan(self) -> Plan: ...
    @property
    def findings(self) -> List[_Problem]: ...
    @property
    def lang(self) -> _Lang: ...
    def to_toml(self) -> str: ...
    def checklist(self) -> str: ...
    def to_pandas(self) -> _PandasDataFrame: ...
def evaluate_many(
    plans: Iterable[Plan],
    observations: _Observations,
    as_of: Union[datetime.date, str, None] = None,
    lang: str = "fr",
    strict: bool = True,
    explanations: bool = True,
    sheet: Optional[str] = None,
    limits: Optional[_Limits] = None,
) -> Evaluations: ...

def route_territories(
    plans: Iterable[Plan], values: Iterable[Optional[str]]
) -> List[Tuple[Optional[int], Optional[Literal["unknown_territory", "missing_cell"]]]]: ...
def ship_plans(plans: Iterable[Plan]) -> Tuple[str, List[str]]: ...
def evaluate_arrow(
    plans: Union[Sequence[Plan], Tuple[str, Sequence[str]]],
    table: Any,
    *,
    by: str = "territory",
    as_of: Optional[str] = None,
    lang: str = "fr",
    explanations: bool = False,
    limits: Optional[_Limits] = None,
) -> Any: ...

@final
class Target:
    @staticmethod
    def parse(text: str, lang: Optional[str] = None) -> Target: ...
    @property
    def kind(
        self,
    ) -> Literal["compare", "range", "relative", "points", "milestone", "schedule"]: ...
    @property
    def op(self) -> Optional[Literal["gt", "ge", "lt", "le", "eq"]]: ...
    @property
    def symbol(self) -> Optional[str]: ...
    @property
    def value(self) -> Optional[float]: ...
    @property
    def low(self) -> Optional[float]: ...
    @property
    def high(self) -> Optional[float]: ...
    @property
    def is_percent(self) -> bool: ...
    @property
    def percent(self) -> Optional[float]: ...
    @property
    def points(self) -> Optional[float]: ...
    @property
    def steps(self) -> Optional[List[Tuple[int, float]]]: ...
    @property
    def baseline_year(self) -> Optional[int]: ...
    @property
    def subject(self) -> Optional[str]: ...
    @property
    def deadline(self) -> Optional[int]: ...
    @property
    def deadline_relation(self) -> Optional[Literal["before", "by", "in"]]: ...
    @property
    def due_date(self) -> Optional[datetime.date]: ...
    @property
    def per(
        self,
    ) -> Optional[Literal["week", "month", "quarter", "half_year", "year", "plan"]]: ...
    @property
    def unit(self) -> Optional[str]: ...
    def display(self, lang: str = "fr") -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class Plan:
    @staticmethod
    def sundgau() -> Plan: ...
    @staticmethod
    def load(path: Union[str, "os.PathLike[str]"], lang: Optional[str] = None) -> Plan: ...
    @staticmethod
    def from_toml(text: str, lang: Optional[str] = None) -> Plan: ...
    @staticmethod
    def from_json(text: str, lang: Optional[str] = None) -> Plan: ...
    def to_toml(self) -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def territory(self) -> str: ...
    @property
    def period(self) -> Tuple[int, int]: ...
    @property
    def source(self) -> Optional[str]: ...
    @property
    def axes(self) -> List[Axis]: ...
    @property
    def fiches(self) -> List[Fiche]: ...
    @property
    def indicators(self) -> List[Indicator]: ...
    def indicator(self, id: str) -> Indicator: ...
    def fiche(self, number: int) -> Fiche: ...
    def axis(self, number: int) -> Axis: ...
    @overload
    def entry_workbook(self, path: None = None, lang: str = "fr") -> bytes: ...
    @overload
    def entry_workbook(self, path: Union[str, os.PathLike[str]], lang: str = "fr") -> None: ...
    def entry_csv(self, lang: str = "fr", flavour: _CsvFlavour = "fr", guide: bool = False) -> str: ...
    def evaluate(
        self,
        observations: _Observations,
        as_of: Union[datetime.date, str, None] = None,
        lang: str = "fr",
        strict: bool = True,
        explanations: bool = True,
        sheet: Optional[str] = None,
        limits: Optional[_Limits] = None,
    ) -> Evaluation: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class Axis:
    @property
    def number(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> Optional[str]: ...
    @property
    def fiches(self) -> List[Fiche]: ...
    def to_dict(self) -> Dict[str, Any]: ...

@final
class Fiche:
    @property
    def number(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def axis(self) -> int: ...
    @property
    def themes(self) -> List[str]: ...
    @property
    def target_publics(self) -> List[str]: ...
    @property
    def findings(self) -> str: ...
    @property
    def stakes(self) -> List[str]: ...
    @property
    def objective(self) -> str: ...
    @property
    def sub_actions(self) -> List[Dict[str, Any]]: ...
    @property
    def leads(self) -> List[str]: ...
    @property
    def schedule(self) -> Dict[str, Any]: ...
    @property
    def expected_results(self) -> List[str]: ...
    @property
    def partners(self) -> List[str]: ...
    @property
    def indicators(self) -> List[Indicator]: ...
    def to_dict(self) -> Dict[str, Any]: ...

@final
class Indicator:
    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def wording(self) -> Optional[str]: ...
    @property
    def fiche(self) -> int: ...
    @property
    def axis(self) -> int: ...
    @property
    def measure(
        self,
    ) -> Literal["count", "distinct_count", "ratio", "stock", "milestone", "score", "qualitative"]: ...
    @property
    def aggregation(self) -> str: ...
    @property
    def window(self) -> Literal["week", "month", "quarter", "half_year", "year", "plan"]: ...
    @property
    def direction(self) -> Literal["increasing", "decreasing"]: ...
    @property
    def unit(self) -> Optional[str]: ...
    @property
    def target(self) -> Optional[Target]: ...
    @property
    def target_source(self) -> Optional[str]: ...
    @property
    def baseline(self) -> Optional[Dict[str, Any]]: ...
    @property
    def weight(self) -> float: ...
    @property
    def source(self) -> Optional[str]: ...
    @property
    def notes(self) -> List[str]: ...
    def to_dict(self) -> Dict[str, Any]: ...

@final
class Evaluation:
    @property
    def as_of(self) -> datetime.date: ...
    @property
    def as_of_given(self) -> bool: ...
    @property
    def fictional(self) -> bool: ...
    @property
    def lang(self) -> _Lang: ...
    @property
    def plan_id(self) -> str: ...
    @property
    def plan_title(self) -> str: ...
    @property
    def territory(self) -> str: ...
    @property
    def period(self) -> Tuple[int, int]: ...
    @property
    def score(self) -> Optional[float]: ...
    @property
    def diagnostics(self) -> Dict[str, Any]:
        """``{"used", "outside_period", "after_as_of", "rejected", "not_in_plan", "notes"}``;
        ``notes`` (the input's comment lines by row, never their text; decoding; ignored columns and keys by position;
        then the evaluation's own) are rendered by the core in the evaluation's ``lang``."""
    def to_json(self, suppress_below: Optional[int] = None) -> str:
        """The core's JSON view; ``suppress_below``: small-count suppression as in the
        published reports (a count below it is ``null`` with what would reveal it, and its
        result says ``"suppressed": true``)."""
    def to_dict(self, suppress_below: Optional[int] = None) -> Dict[str, Any]: ...
    def report(
        self,
        lang: Optional[str] = None,
        fiches: Optional[Sequence[int]] = None,
        axes: Optional[Sequence[int]] = None,
        suppress_below: Optional[int] = None,
    ) -> str: ...
    def explanations(
        self,
        lang: Optional[str] = None,
        fiches: Optional[Sequence[int]] = None,
        axes: Optional[Sequence[int]] = None,
        suppress_below: Optional[int] = None,
    ) -> List[str]: ...
    def indicator(self, id: str) -> Dict[str, Any]: ...
    def to_pandas(
        self, lang: Optional[_Lang] = None, suppress_below: Optional[int] = None
    ) -> _PandasDataFrame: ...
    def to_polars(
        self, lang: Optional[_Lang] = None, suppress_below: Optional[int] = None
    ) -> _PolarsDataFrame: ...
    @overload
    def headlines(
        self,
        backend: Literal["pandas"] = "pandas",
        lang: Optional[_Lang] = None,
        suppress_below: Optional[int] = None,
    ) -> _PandasDataFrame: ...
    @overload
    def headlines(
        self,
        backend: Literal["polars"],
        lang: Optional[_Lang] = None,
        suppress_below: Optional[int] = None,
    ) -> _PolarsDataFrame: ...
    @overload
    def summary(self, backend: Literal["pandas"] = "pandas") -> Dict[str, _PandasDataFrame]: ...
    @overload
    def summary(self, backend: Literal["polars"]) -> Dict[str, _PolarsDataFrame]: ...
    def to_html(
        self,
        lang: Optional[str] = None,
        fiches: Optional[Sequence[int]] = None,
        axes: Optional[Sequence[int]] = None,
        suppress_below: Optional[int] = None,
    ) -> str: ...
    def to_markdown(
        self,
        lang: Optional[str] = None,
        fiches: Optional[Sequence[int]] = None,
        axes: Optional[Sequence[int]] = None,
        suppress_below: Optional[int] = None,
    ) -> str: ...
    def to_csv(
        self,
        lang: Optional[str] = None,
        fiches: Optional[Sequence[int]] = None,
        axes: Optional[Sequence[int]] = None,
        suppress_below: Optional[int] = None,
        flavour: _CsvFlavour = "fr",
    ) -> str: ...
    @overload
    def to_excel(
        self,
        path: None = None,
        lang: Optional[str] = None,
        fiches: Optional[Sequence[int]] = None,
        axes: Optional[Sequence[int]] = None,
        suppress_below: Optional[int] = None,
    ) -> bytes: ...
    @overload
    def to_excel(
        self,
        path: Union[str, os.PathLike[str]],
        lang: Optional[str] = None,
        fiches: Optional[Sequence[int]] = None,
        axes: Optional[Sequence[int]] = None,
        suppress_below: Optional[int] = None,
    ) -> None: ...
    def _repr_html_(self) -> str: ...

@final
class Evaluations:
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Evaluation]: ...
    def __getitem__(self, key: Union[str, int], /) -> Evaluation: ...
    def __contains__(self, key: object, /) -> bool: ...
    def keys(self) -> List[str]: ...
    @property
    def as_of(self) -> Optional[datetime.date]: ...
    @property
    def as_of_given(self) -> bool: ...
    @property
    def fictional(self) -> bool: ...
    @property
    def lang(self) -> _Lang: ...
    @property
    def skipped(self) -> List[Dict[str, Any]]: ...
    def to_pandas(
        self, lang: Optional[_Lang] = None, suppress_below: Optional[int] = None
    ) -> _PandasDataFrame: ...
    def to_polars(
        self, lang: Optional[_Lang] = None, suppress_below: Optional[int] = None
    ) -> _PolarsDataFrame: ...
    @overload
    def headlines(
        self,
        backend: Literal["pandas"] = "pandas",
        lang: Optional[_Lang] = None,
        suppress_below: Optional[int] = None,
    ) -> _PandasDataFrame: ...
    @overload
    def headlines(
        self,
        backend: Literal["polars"],
        lang: Optional[_Lang] = None,
        suppress_below: Optional[int] = None,
    ) -> _PolarsDataFrame: ...
    @overload
    def scores(self, backend: Literal["pandas"] = "pandas") -> _PandasDataFrame: ...
    @overload
    def scores(self, backend: Literal["polars"]) -> _PolarsDataFrame: ...
    def to_html(self, lang: Optional[str] = None) -> str: ...
    def to_markdown(self, lang: Optional[str] = None) -> str: ...
    def to_csv(
        self,
        lang: Optional[str] = None,
        fiches: Optional[Sequence[int]] = None,
        axes: Optional[Sequence[int]] = None,
        suppress_below: Optional[int] = None,
        flavour: _CsvFlavour = "fr",
    ) -> str: ...
    def _repr_html_(self) -> str: ...
