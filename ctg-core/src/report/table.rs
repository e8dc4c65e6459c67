//! The long results table, defined once: one row per indicator × window (and yearly
//! summary), its columns' names (English and French), types, nullability and meanings, and
//! the value of every cell.
//!
//! Every table of results comes from here: the pandas and polars frames of the Python
//! binding ([`ResultsTable`], converted column by column), the rows of the JS binding
//! ([`records`], serialised as plain objects), and the CSV export
//! ([`crate::report::render_csv`], whose columns are [`CSV_COLUMNS`]). The TypeScript and
//! `.pyi` types are checked against [`COLUMNS`] by tests, so they cannot drift.
//!
//! ```
//! use ctg_core::eval::{evaluate, EvalOptions};
//! use ctg_core::report::table::{self, Cell, CellOptions, Rows};
//! use ctg_core::{io::Observations, Lang};
//! let plan = ctg_core::plans::sundgau().unwrap();
//! let ev = evaluate(&plan, &Observations::default(), &EvalOptions::default());
//! assert_eq!(table::COLUMNS[0].name, "axis");
//! let status = table::column("status").unwrap();
//! let first = table::rows([&ev], Rows::Headlines).next().unwrap();
//! assert_eq!(first.cell(status, &CellOptions::new(Lang::En)), Cell::Status(ctg_core::eval::Status::NoData));
//! ```

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::eval::{
    Evaluation, IndicatorEvaluation, Reason, ResultKind, Status, WindowResult, WindowState,
};
use crate::io::Assessment;
use crate::model::{Measure, Window};
use crate::report::ReportOptions;
use crate::Lang;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// A whole number.
    Int,
    /// A number (`f64`); missing values are empty (NaN in pandas), never 0.
    Float,
    /// A calendar date (`YYYY-MM-DD` in data).
    Date,
    /// `true` or `false`.
    Bool,
    /// Free text.
    Text,
    /// A stable snake_case code, one of these values.
    Code(&'static [&'static str]),
    /// A status code ([`Status::code`]), ordered as [`Status::ALL`] (an ordered category).
    Status,
}

impl ColumnType {
    /// `int`, `float`, `date`, `bool`, `text`, `code` or `status`.
    pub fn code(self) -> &'static str {
        match self {
            ColumnType::Int => "int",
            ColumnType::Float => "float",
            ColumnType::Date => "date",
            ColumnType::Bool => "bool",
            ColumnType::Text => "text",
            ColumnType::Code(_) => "code",
            ColumnType::Status => "status",
        }
    }

    /// The values of a code (statuses included, in [`Status::ALL`]'s order); empty for the
    /// other types.
    pub fn values(self) -> Vec<&'static str> {
        match self {
            ColumnType::Code(values) => values.to_vec(),
            ColumnType::Status => Status::ALL.iter().map(|s| s.code()).collect(),
            _ => Vec::new(),
        }
    }
}

/// Which column a [`Column`] is (what its cells are computed from).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ColumnId {
    /// `territory`.
    Territory,
    /// `axis`.
    Axis,
    /// `fiche`.
    Fiche,
    /// `indicator`.
    Indicator,
    /// `label`.
    Label,
    /// `kind`.
    Kind,
    /// `window`.
    Window,
    /// `start`.
    Start,
    /// `end`.
    End,
    /// `state`.
    State,
    /// `observations`.
    Observations,
    /// `value`.
    Value,
    /// `unit`.
    Unit,
    /// `target`.
    Target,
    /// `expected`.
    Expected,
    /// `baseline`.
    Baseline,
    /// `change`.
    Change,
    /// `projection`.
    Projection,
    /// `status`.
    Status,
    /// `achievement`.
    Achievement,
    /// `reason`.
    Reason,
    /// `done_on`.
    DoneOn,
    /// `assessment`.
    Assessment,
    /// `comment`.
    Comment,
    /// `coverage_with_data`.
    CoverageWithData,
    /// `coverage_total`.
    CoverageTotal,
    /// `headline`.
    Headline,
    /// `explanation`.
    Explanation,
    /// `value_text` (exports).
    ValueText,
    /// `status_label` (exports).
    StatusLabel,
    /// `coverage` (exports).
    Coverage,
}

/// One column of the results table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Which column.
    pub id: ColumnId,
    /// Its name (snake_case English): frame columns, JS keys, plain CSV headers.
    pub name: &'static str,
    /// Its French name: the headers of the French CSV flavour.
    pub name_fr: &'static str,
    /// What its cells hold.
    pub ty: ColumnType,
    /// Whether a cell can be empty in the data (`None`, `null`, NaN, an empty CSV cell).
    pub nullable: bool,
    /// Whether small-count suppression ([`CellOptions::suppress_below`]) empties it when
    /// the row's count is hidden (a published export must not reveal the count).
    pub suppressible: bool,
    /// One line on what it holds, in French.
    pub meaning_fr: &'static str,
    /// One line on what it holds, in English.
    pub meaning_en: &'static str,
}

impl Column {
    /// The name in `lang` (the French name, or the English one).
    pub fn header(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.name_fr,
            Lang::En => self.name,
        }
    }

    /// The meaning in `lang`.
    pub fn meaning(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.meaning_fr,
            Lang::En => self.meaning_en,
        }
    }

    /// The column's description in `lang`, as plain data for the bindings.
    pub fn info(&self, lang: Lang) -> ColumnInfo {
        ColumnInfo {
            name: self.name,
            header: self.header(lang),
            ty: self.ty.code(),
            values: self.ty.values(),
            nullable: self.nullable,
            meaning: self.meaning(lang),
        }
    }
}

/// A column's description in one language ([`Column::info`]), serialisable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnInfo {
    /// The name (`axis`).
    pub name: &'static str,
    /// The header in the asked language (`axe`).
    pub header: &'static str,
    /// `int`, `float`, `date`, `bool`, `text`, `code` or `status`.
    #[serde(rename = "type")]
    pub ty: &'static str,
    /// The values of a code or a status, in order; empty otherwise.
    pub values: Vec<&'static str>,
    /// Whether a cell can be empty.
    pub nullable: bool,
    /// What the column holds, in the asked language.
    pub meaning: &'static str,
}

const KINDS: &[&str] = &["window", "year_summary"];
const WINDOWS: &[&str] = &["week", "month", "quarter", "half_year", "year", "plan"];
const STATES: &[&str] = &["closed", "open"];
const REASONS: &[&str] = &[
    "no_observation",
    "not_started",
    "baseline_missing",
    "baseline_zero",
    "denominator_zero",
    "not_yet_due",
    "overflow",
];
const ASSESSMENTS: &[&str] = &["achieved", "partial", "not_achieved"];

#[allow(clippy::too_many_arguments)]
const fn col(
    id: ColumnId,
    name: &'static str,
    name_fr: &'static str,
    ty: ColumnType,
    nullable: bool,
    suppressible: bool,
    meaning_fr: &'static str,
    meaning_en: &'static str,
) -> Column {
    Column {
        id,
        name,
        name_fr,
        ty,
        nullable,
        suppressible,
        meaning_fr,
        meaning_en,
    }
}

/// The leading column of a table of several plans: the row's plan id.
pub const TERRITORY: Column = col(
    ColumnId::Territory,
    "territory",
    "territoire",
    ColumnType::Text,
    false,
    false,
    "Le plan de la ligne (son identifiant), quand le tableau réunit plusieurs plans.",
    "The row's plan (its id), when the table holds several plans.",
);

const AXIS: Column = col(
    ColumnId::Axis,
    "axis",
    "axe",
    ColumnType::Int,
    false,
    false,
    "Numéro de l'axe.",
    "Axis number.",
);
const FICHE: Column = col(
    ColumnId::Fiche,
    "fiche",
    "fiche",
    ColumnType::Int,
    false,
    false,
    "Numéro de la fiche d'action.",
    "Action sheet (fiche) number.",
);
const INDICATOR: Column = col(
    ColumnId::Indicator,
    "indicator",
    "indicateur",
    ColumnType::Text,
    false,
    false,
    "Identifiant de l'indicateur.",
    "Indicator id.",
);
const LABEL: Column = col(
    ColumnId::Label,
    "label",
    "libellé",
    ColumnType::Text,
    false,
    false,
    "Libellé de l'indicateur.",
    "Indicator label.",
);
const KIND: Column = col(
    ColumnId::Kind,
    "kind",
    "nature",
    ColumnType::Code(KINDS),
    false,
    false,
    "Une fenêtre (`window`) ou la synthèse annuelle de fenêtres plus courtes (`year_summary`).",
    "A window (`window`) or the yearly summary of shorter windows (`year_summary`).",
);
const WINDOW: Column = col(
    ColumnId::Window,
    "window",
    "fenêtre",
    ColumnType::Code(WINDOWS),
    false,
    false,
    "Le type de fenêtre (semaine ISO, mois, trimestre, semestre, année, plan) ; `year` pour une synthèse annuelle.",
    "The window's kind (ISO week, month, quarter, half-year, year, plan); `year` for a yearly summary.",
);
const START: Column = col(
    ColumnId::Start,
    "start",
    "début",
    ColumnType::Date,
    false,
    false,
    "Premier jour de la fenêtre.",
    "First day of the window.",
);
const END: Column = col(
    ColumnId::End,
    "end",
    "fin",
    ColumnType::Date,
    false,
    false,
    "Dernier jour de la fenêtre.",
    "Last day of the window.",
);
const STATE: Column = col(
    ColumnId::State,
    "state",
    "état",
    ColumnType::Code(STATES),
    false,
    false,
    "`closed` : terminée à la date d'évaluation ; `open` : en cours.",
    "`closed`: ended on or before the evaluation date; `open`: under way.",
);
const OBSERVATIONS: Column = col(
    ColumnId::Observations,
    "observations",
    "observations",
    ColumnType::Int,
    false,
    true,
    "Nombre d'observations utilisées.",
    "Number of observations used.",
);
const VALUE: Column = col(
    ColumnId::Value,
    "value",
    "valeur",
    ColumnType::Float,
    true,
    true,
    "La valeur agrégée de la fenêtre (1 ou 0 pour un jalon) ; vide sans donnée.",
    "The window's aggregated value (1 or 0 for a milestone); empty without data.",
);
const UNIT: Column = col(
    ColumnId::Unit,
    "unit",
    "unité",
    ColumnType::Text,
    true,
    false,
    "L'unité de l'indicateur, sinon celle de la cible.",
    "The indicator's unit, else its target's.",
);
const TARGET: Column = col(
    ColumnId::Target,
    "target",
    "cible",
    ColumnType::Text,
    true,
    false,
    "La cible, écrite dans la langue du tableau ; vide sans cible.",
    "The target, written in the table's language; empty without a target.",
);
const EXPECTED: Column = col(
    ColumnId::Expected,
    "expected",
    "attendu",
    ColumnType::Float,
    true,
    false,
    "Le niveau à atteindre dans la fenêtre : le seuil, le niveau de l'année ou la valeur de la trajectoire.",
    "The level to reach in the window: the threshold, the year's level or the trajectory's value.",
);
const BASELINE: Column = col(
    ColumnId::Baseline,
    "baseline",
    "référence",
    ColumnType::Float,
    true,
    true,
    "La valeur de référence utilisée (cibles relatives, trajectoires).",
    "The baseline used (relative targets, trajectories).",
);
const CHANGE: Column = col(
    ColumnId::Change,
    "change",
    "évolution",
    ColumnType::Float,
    true,
    true,
    "L'évolution depuis la référence : une fraction (0,2 = +20 %), ou des points pour une cible en points.",
    "The change from the baseline: a fraction (0.2 = +20 %), or points for a point target.",
);
const PROJECTION: Column = col(
    ColumnId::Projection,
    "projection",
    "projection",
    ColumnType::Float,
    true,
    true,
    "Fenêtre en cours d'une agrégation additive : la valeur projetée à la fin de la fenêtre.",
    "Open window of an additive aggregation: the value projected to the window's end.",
);
const STATUS: Column = col(
    ColumnId::Status,
    "status",
    "statut",
    ColumnType::Status,
    false,
    false,
    "Le statut (du meilleur au pire, puis ceux qui n'entrent pas dans les scores).",
    "The status (best to worst, then those left out of scores).",
);
const ACHIEVEMENT: Column = col(
    ColumnId::Achievement,
    "achievement",
    "taux_réalisation",
    ColumnType::Float,
    true,
    true,
    "Le taux de réalisation de la cible (1 = 100 %).",
    "How much of the target is achieved (1 = 100 %).",
);
const REASON: Column = col(
    ColumnId::Reason,
    "reason",
    "motif",
    ColumnType::Code(REASONS),
    true,
    false,
    "Pourquoi il n'y a pas de valeur ou pas de jugement ; vide sinon.",
    "Why there is no value or no judgement; empty otherwise.",
);
const DONE_ON: Column = col(
    ColumnId::DoneOn,
    "done_on",
    "réalisé_le",
    ColumnType::Date,
    true,
    false,
    "Jalon : la date de réalisation.",
    "Milestone: the date it was done.",
);
const ASSESSMENT: Column = col(
    ColumnId::Assessment,
    "assessment",
    "appréciation",
    ColumnType::Code(ASSESSMENTS),
    true,
    false,
    "Indicateur qualitatif : la dernière appréciation.",
    "Qualitative indicator: the latest assessment.",
);
const COMMENT: Column = col(
    ColumnId::Comment,
    "comment",
    "commentaire",
    ColumnType::Text,
    true,
    false,
    "Indicateur qualitatif : le commentaire de la dernière appréciation.",
    "Qualitative indicator: the comment of the latest assessment.",
);
const COVERAGE_WITH_DATA: Column = col(
    ColumnId::CoverageWithData,
    "coverage_with_data",
    "fenêtres_renseignées",
    ColumnType::Float,
    true,
    false,
    "Synthèse annuelle : le nombre de fenêtres renseignées.",
    "Yearly summary: the number of windows with data.",
);
const COVERAGE_TOTAL: Column = col(
    ColumnId::CoverageTotal,
    "coverage_total",
    "fenêtres_écoulées",
    ColumnType::Float,
    true,
    false,
    "Synthèse annuelle : le nombre de fenêtres écoulées dans l'année.",
    "Yearly summary: the number of windows elapsed in the year.",
);
const HEADLINE: Column = col(
    ColumnId::Headline,
    "headline",
    "principal",
    ColumnType::Bool,
    false,
    false,
    "Vrai pour le résultat principal de l'indicateur (celui des scores).",
    "True for the indicator's headline result (the one scored).",
);
const EXPLANATION: Column = col(
    ColumnId::Explanation,
    "explanation",
    "explication",
    ColumnType::Text,
    false,
    false,
    "Une phrase qui explique le résultat, dans la langue du tableau (vide si les explications sont désactivées).",
    "One sentence explaining the result, in the table's language (empty when explanations are off).",
);
const VALUE_TEXT: Column = col(
    ColumnId::ValueText,
    "value_text",
    "valeur_affichée",
    ColumnType::Text,
    false,
    false,
    "La valeur comme les rapports l'affichent (`212 personnes`, `85,3 %`, `< 5`).",
    "The value as reports show it (`212 people`, `85.3%`, `< 5`).",
);
const STATUS_LABEL: Column = col(
    ColumnId::StatusLabel,
    "status_label",
    "libellé_statut",
    ColumnType::Text,
    false,
    false,
    "Le libellé du statut, dans la langue du tableau.",
    "The status's label, in the table's language.",
);
const COVERAGE: Column = col(
    ColumnId::Coverage,
    "coverage",
    "couverture",
    ColumnType::Text,
    true,
    false,
    "Synthèse annuelle : fenêtres renseignées / fenêtres écoulées (`9/12`).",
    "Yearly summary: windows with data / windows elapsed (`9/12`).",
);

/// The columns of the results table, in order: `to_pandas()` / `to_polars()` in Python,
/// the keys of `evaluation.rows()` in JS. A table of several plans starts with
/// [`TERRITORY`].
pub const COLUMNS: &[Column] = &[
    AXIS,
    FICHE,
    INDICATOR,
    LABEL,
    KIND,
    WINDOW,
    START,
    END,
    STATE,
    OBSERVATIONS,
    VALUE,
    UNIT,
    TARGET,
    EXPECTED,
    BASELINE,
    CHANGE,
    PROJECTION,
    STATUS,
    ACHIEVEMENT,
    REASON,
    DONE_ON,
    ASSESSMENT,
    COMMENT,
    COVERAGE_WITH_DATA,
    COVERAGE_TOTAL,
    HEADLINE,
    EXPLANATION,
];

/// The columns of the CSV export ([`crate::report::render_csv`]), in order: a selection of
/// [`COLUMNS`] with three columns for readers of the file (`value_text`, `status_label`,
/// `coverage`).
pub const CSV_COLUMNS: &[Column] = &[
    AXIS,
    FICHE,
    INDICATOR,
    LABEL,
    KIND,
    WINDOW,
    START,
    END,
    STATE,
    VALUE,
    VALUE_TEXT,
    TARGET,
    STATUS,
    STATUS_LABEL,
    ACHIEVEMENT,
    BASELINE,
    EXPECTED,
    PROJECTION,
    CHANGE,
    COVERAGE,
    OBSERVATIONS,
    EXPLANATION,
];

/// The columns of a table, with the leading [`TERRITORY`] column or without.
pub fn columns(with_territory: bool) -> impl Iterator<Item = &'static Column> {
    with_territory
        .then_some(&TERRITORY)
        .into_iter()
        .chain(COLUMNS.iter())
}

/// A column by its name (English or French), among every column of the tables and exports.
///
/// ```
/// use ctg_core::report::table::{column, ColumnType};
/// assert_eq!(column("value").unwrap().ty, ColumnType::Float);
/// assert_eq!(column("statut").unwrap().name, "status");
/// assert!(column("nope").is_none());
/// ```
pub fn column(name: &str) -> Option<&'static Column> {
    std::iter::once(&TERRITORY)
        .chain(COLUMNS.iter())
        .chain(CSV_COLUMNS.iter())
        .find(|c| c.name == name || c.name_fr == name)
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Empty: missing, not applicable, or hidden by small-count suppression.
    Null,
    /// A whole number.
    Int(i64),
    /// A number.
    Float(f64),
    /// A date.
    Date(NaiveDate),
    /// A boolean.
    Bool(bool),
    /// Text, or a code.
    Text(Cow<'a, str>),
    /// A status.
    Status(Status),
}

impl Cell<'_> {
    /// Whether the cell is empty.
    pub fn is_null(&self) -> bool {
        matches!(self, Cell::Null)
    }
}

/// JSON form: `null`, numbers, booleans, text, dates as `YYYY-MM-DD`, statuses as codes.
impl Serialize for Cell<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Null => s.serialize_none(),
            Cell::Int(n) => s.serialize_i64(*n),
            Cell::Float(x) => s.serialize_f64(*x),
            Cell::Date(d) => s.collect_str(d),
            Cell::Bool(b) => s.serialize_bool(*b),
            Cell::Text(t) => s.serialize_str(t),
            Cell::Status(st) => s.serialize_str(st.code()),
        }
    }
}

/// How cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellOptions {
    /// The language of texts (target, explanation, labels).
    pub lang: Lang,
    /// Whether explanations are written (default `true`); off, they are empty.
    pub explanations: bool,
    /// Small-count suppression, for published exports: in a row whose count (count and
    /// distinct count measures) is below this threshold, the [`Column::suppressible`]
    /// columns are empty and the texts show `< n`. Off (`None`) in data tables.
    pub suppress_below: Option<u32>,
}

impl CellOptions {
    /// Texts in `lang`, explanations on, no suppression.
    pub fn new(lang: Lang) -> Self {
        CellOptions {
            lang,
            explanations: true,
            suppress_below: None,
        }
    }

    fn report(&self) -> ReportOptions {
        ReportOptions {
            suppress_below: self.suppress_below,
            ..Default::default()
        }
    }
}

/// Which rows of each indicator a table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rows {
    /// Every window and yearly summary, in order ([`IndicatorEvaluation::rows`]).
    #[default]
    All,
    /// The headline only.
    Headlines,
}

/// One row of the table: a result of an indicator of an evaluation.
#[derive(Debug, Clone, Copy)]
pub struct ResultRow<'a> {
    /// The evaluation.
    pub evaluation: &'a Evaluation,
    /// The indicator.
    pub indicator: &'a IndicatorEvaluation,
    /// The result (a window or a yearly summary).
    pub result: &'a WindowResult,
}

/// The rows of evaluations, in order: plans, then indicators in plan order, then their
/// results ([`Rows::All`]) or headline ([`Rows::Headlines`]).
pub fn rows<'a, I>(evaluations: I, which: Rows) -> impl Iterator<Item = ResultRow<'a>>
where
    I: IntoIterator<Item = &'a Evaluation>,
{
    evaluations.into_iter().flat_map(move |ev| {
        ev.indicators
            .iter()
            .flat_map(move |ind| indicator_rows(ev, ind, which))
    })
}

/// The rows of one indicator.
pub(crate) fn indicator_rows<'a>(
    ev: &'a Evaluation,
    ind: &'a IndicatorEvaluation,
    which: Rows,
) -> impl Iterator<Item = ResultRow<'a>> {
    let results: Box<dyn Iterator<Item = &'a WindowResult>> = match which {
        Rows::All => Box::new(ind.rows()),
        Rows::Headlines => Box::new(std::iter::once(&ind.headline)),
    };
    results.map(move |result| ResultRow {
        evaluation: ev,
        indicator: ind,
        result,
    })
}

fn kind_code(k: ResultKind) -> &'static str {
    match k {
        ResultKind::Window => "window",
        ResultKind::YearSummary => "year_summary",
    }
}

fn state_code(s: WindowState) -> &'static str {
    match s {
        WindowState::Closed => "closed",
        WindowState::Open => "open",
    }
}

fn assessment_code(a: Assessment) -> &'static str {
    match a {
        Assessment::Achieved => "achieved",
        Assessment::Partial => "partial",
        Assessment::NotAchieved => "not_achieved",
    }
}

fn reason_code(r: Reason) -> &'static str {
    r.code()
}

fn window_code(w: Window) -> &'static str {
    w.code()
}

fn float(v: Option<f64>) -> Cell<'static> {
    v.map_or(Cell::Null, Cell::Float)
}

fn text(s: Option<&str>) -> Cell<'_> {
    s.map_or(Cell::Null, |s| Cell::Text(Cow::Borrowed(s)))
}

fn code(s: &'static str) -> Cell<'static> {
    Cell::Text(Cow::Borrowed(s))
}

fn int(n: impl TryInto<i64>) -> Cell<'static> {
    Cell::Int(n.try_into().unwrap_or(i64::MAX))
}

impl<'a> ResultRow<'a> {
    /// Whether this is the indicator's headline result.
    pub fn is_headline(&self) -> bool {
        let (r, h) = (self.result, &self.indicator.headline);
        std::ptr::eq(r, h) || (r.kind == h.kind && r.start == h.start && r.end == h.end)
    }

    /// Whether small-count suppression hides this row's count.
    pub fn is_suppressed(&self, opts: &CellOptions) -> bool {
        matches!(
            self.indicator.measure,
            Measure::Count | Measure::DistinctCount
        ) && matches!(
            (self.result.value, opts.suppress_below),
            (Some(v), Some(t)) if v < f64::from(t)
        )
    }

    /// The cell of `column` in this row.
    ///
    /// ```
    /// use ctg_core::eval::{evaluate, EvalOptions};
    /// use ctg_core::report::table::{self, Cell, CellOptions, Rows};
    /// use ctg_core::{io::{read_csv, IngestOptions}, Lang};
    /// let plan = ctg_core::plans::sundgau().unwrap();
    /// let obs = read_csv(&plan, "indicator,date,value\nf8.1,2026-12-31,30\n".as_bytes(),
    ///     &IngestOptions::default()).unwrap();
    /// let ev = evaluate(&plan, &obs, &EvalOptions::default());
    /// let row = table::rows([&ev], Rows::Headlines)
    ///     .find(|r| r.indicator.id == "f8.1").unwrap();
    /// let fr = CellOptions::new(Lang::Fr);
    /// assert_eq!(row.cell(table::column("value").unwrap(), &fr), Cell::Float(30.0));
    /// assert_eq!(row.cell(table::column("target").unwrap(), &fr), Cell::Text("> 24 / an".into()));
    /// assert_eq!(row.cell(table::column("reason").unwrap(), &fr), Cell::Null);
    /// ```
    pub fn cell(&self, column: &Column, opts: &CellOptions) -> Cell<'a> {
        let (ev, ind, r) = (self.evaluation, self.indicator, self.result);
        if column.suppressible && self.is_suppressed(opts) {
            return Cell::Null;
        }
        let lang = opts.lang;
        match column.id {
            ColumnId::Territory => text(Some(&ev.plan_id)),
            ColumnId::Axis => int(r.axis),
            ColumnId::Fiche => int(r.fiche),
            ColumnId::Indicator => text(Some(&r.indicator)),
            ColumnId::Label => text(Some(&r.label)),
            ColumnId::Kind => code(kind_code(r.kind)),
            ColumnId::Window => code(window_code(r.window)),
            ColumnId::Start => Cell::Date(r.start),
            ColumnId::End => Cell::Date(r.end),
            ColumnId::State => code(state_code(r.state)),
            ColumnId::Observations => int(r.observations),
            ColumnId::Value => float(r.value),
            ColumnId::Unit => text(
                ind.unit
                    .as_deref()
                    .or_else(|| ind.target.as_ref().and_then(|t| t.unit.as_deref())),
            ),
            ColumnId::Target => ind
                .target
                .as_ref()
                .map_or(Cell::Null, |t| Cell::Text(Cow::Owned(t.display(lang)))),
            ColumnId::Expected => float(r.expected),
            ColumnId::Baseline => float(r.baseline),
            ColumnId::Change => float(r.change),
            ColumnId::Projection => float(r.projection),
            ColumnId::Status => Cell::Status(r.status),
            ColumnId::Achievement => float(r.achievement),
            ColumnId::Reason => r.reason.map_or(Cell::Null, |x| code(reason_code(x))),
            ColumnId::DoneOn => r.done_on.map_or(Cell::Null, Cell::Date),
            ColumnId::Assessment => r
                .assessment
                .map_or(Cell::Null, |a| code(assessment_code(a))),
            ColumnId::Comment => text(r.comment.as_deref()),
            ColumnId::CoverageWithData => float(r.coverage.map(|c| f64::from(c.with_data))),
            ColumnId::CoverageTotal => float(r.coverage.map(|c| f64::from(c.total))),
            ColumnId::Headline => Cell::Bool(self.is_headline()),
            ColumnId::Explanation if !opts.explanations => Cell::Text(Cow::Borrowed("")),
            ColumnId::Explanation => Cell::Text(Cow::Owned(crate::report::explain(
                ev,
                ind,
                r,
                lang,
                opts.suppress_below.map(f64::from),
            ))),
            ColumnId::ValueText => Cell::Text(Cow::Owned(crate::report::view::value_text(
                ind,
                r,
                lang,
                &opts.report(),
            ))),
            ColumnId::StatusLabel => code(r.status.label(lang)),
            ColumnId::Coverage => r.coverage.map_or(Cell::Null, |c| {
                Cell::Text(Cow::Owned(format!("{}/{}", c.with_data, c.total)))
            }),
        }
    }
}

/// One column's cells, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Cells<'a> {
    /// [`ColumnType::Int`] (never empty).
    Int(Vec<i64>),
    /// [`ColumnType::Float`].
    Float(Vec<Option<f64>>),
    /// [`ColumnType::Date`].
    Date(Vec<Option<NaiveDate>>),
    /// [`ColumnType::Bool`] (never empty).
    Bool(Vec<bool>),
    /// [`ColumnType::Text`] and [`ColumnType::Code`].
    Text(Vec<Option<Cow<'a, str>>>),
    /// [`ColumnType::Status`] (never empty).
    Status(Vec<Status>),
}

impl<'a> Cells<'a> {
    fn new(ty: ColumnType, capacity: usize) -> Self {
        match ty {
            ColumnType::Int => Cells::Int(Vec::with_capacity(capacity)),
            ColumnType::Float => Cells::Float(Vec::with_capacity(capacity)),
            ColumnType::Date => Cells::Date(Vec::with_capacity(capacity)),
            ColumnType::Bool => Cells::Bool(Vec::with_capacity(capacity)),
            ColumnType::Text | ColumnType::Code(_) => Cells::Text(Vec::with_capacity(capacity)),
            ColumnType::Status => Cells::Status(Vec::with_capacity(capacity)),
        }
    }

    /// Add a cell; a cell of another type than the column's (a bug) is added empty, or as
    /// 0 / `false` / `no_data` in the columns that cannot be empty.
    fn push(&mut self, cell: Cell<'a>) {
        match (self, cell) {
            (Cells::Int(v), Cell::Int(n)) => v.push(n),
            (Cells::Int(v), _) => v.push(0),
            (Cells::Float(v), Cell::Float(x)) => v.push(Some(x)),
            (Cells::Float(v), _) => v.push(None),
            (Cells::Date(v), Cell::Date(d)) => v.push(Some(d)),
            (Cells::Date(v), _) => v.push(None),
            (Cells::Bool(v), Cell::Bool(b)) => v.push(b),
            (Cells::Bool(v), _) => v.push(false),
            (Cells::Text(v), Cell::Text(t)) => v.push(Some(t)),
            (Cells::Text(v), _) => v.push(None),
            (Cells::Status(v), Cell::Status(s)) => v.push(s),
            (Cells::Status(v), _) => v.push(Status::NoData),
        }
    }

    /// The number of cells.
    pub fn len(&self) -> usize {
        match self {
            Cells::Int(v) => v.len(),
            Cells::Float(v) => v.len(),
            Cells::Date(v) => v.len(),
            Cells::Bool(v) => v.len(),
            Cells::Text(v) => v.len(),
            Cells::Status(v) => v.len(),
        }
    }

    /// Whether there is no cell.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What a [`ResultsTable`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableOptions {
    /// Whether the table starts with the [`TERRITORY`] column (tables of several plans).
    pub territory: bool,
    /// Every result, or the headlines.
    pub rows: Rows,
    /// How cells are written.
    pub cells: CellOptions,
}

impl TableOptions {
    /// Every row, no territory column, texts in `lang`, explanations on.
    pub fn new(lang: Lang) -> Self {
        TableOptions {
            territory: false,
            rows: Rows::All,
            cells: CellOptions::new(lang),
        }
    }
}

/// The results table of evaluations, column by column (what data frames are built from).
///
/// ```
/// use ctg_core::eval::{evaluate, EvalOptions};
/// use ctg_core::report::table::{Cells, ResultsTable, Rows, TableOptions};
/// use ctg_core::{io::Observations, Lang};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let ev = evaluate(&plan, &Observations::default(), &EvalOptions::default());
/// let opts = TableOptions { territory: true, rows: Rows::Headlines, ..TableOptions::new(Lang::En) };
/// let t = ResultsTable::build([&ev], &opts);
/// assert_eq!(t.len(), 25);
/// let (first, cells) = &t.columns()[0];
/// assert_eq!(first.name, "territory");
/// assert!(matches!(cells, Cells::Text(v) if v[0].as_deref() == Some("sundgau-2025-2029")));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsTable<'a> {
    columns: Vec<(&'static Column, Cells<'a>)>,
    len: usize,
}

impl<'a> ResultsTable<'a> {
    /// The table of `evaluations`, in their order.
    pub fn build<I>(evaluations: I, opts: &TableOptions) -> ResultsTable<'a>
    where
        I: IntoIterator<Item = &'a Evaluation>,
    {
        let evaluations: Vec<&'a Evaluation> = evaluations.into_iter().collect();
        let capacity = match opts.rows {
            Rows::Headlines => evaluations.iter().map(|e| e.indicators.len()).sum(),
            Rows::All => evaluations
                .iter()
                .flat_map(|e| &e.indicators)
                .map(|i| i.windows.len() + i.yearly.len())
                .sum(),
        };
        let mut columns: Vec<(&'static Column, Cells<'a>)> = columns(opts.territory)
            .map(|c| (c, Cells::new(c.ty, capacity)))
            .collect();
        let mut len = 0;
        for row in rows(evaluations, opts.rows) {
            for (column, cells) in &mut columns {
                cells.push(row.cell(column, &opts.cells));
            }
            len += 1;
        }
        ResultsTable { columns, len }
    }

    /// The columns and their cells, in order.
    pub fn columns(&self) -> &[(&'static Column, Cells<'a>)] {
        &self.columns
    }

    /// The columns and their cells, in order, by value.
    pub fn into_columns(self) -> Vec<(&'static Column, Cells<'a>)> {
        self.columns
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table has no row.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// One row as a record: serialises as an object keyed by column names, in column order
/// (the JSON form of the table).
#[derive(Debug, Clone, PartialEq)]
pub struct Record<'a> {
    cells: Vec<(&'static str, Cell<'a>)>,
}

impl<'a> Record<'a> {
    /// The (column name, cell) pairs, in column order.
    pub fn cells(&self) -> &[(&'static str, Cell<'a>)] {
        &self.cells
    }
}

impl Serialize for Record<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.cells.len()))?;
        for (name, cell) in &self.cells {
            map.serialize_entry(name, cell)?;
        }
        map.end()
    }
}

/// The table of `evaluations` as records, one per row (the table's JSON form).
///
/// ```
/// use ctg_core::eval::{evaluate, EvalOptions};
/// use ctg_core::report::table::{records, TableOptions};
/// use ctg_core::{io::Observations, Lang};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let ev = evaluate(&plan, &Observations::default(), &EvalOptions::default());
/// let rows = records([&ev], &TableOptions::new(Lang::Fr));
/// let json = serde_json::to_value(&rows[0]).unwrap();
/// assert_eq!(json["indicator"], "f1.1");
/// assert_eq!(json["value"], serde_json::Value::Null);
/// assert_eq!(json["start"], "2025-01-01");
/// ```
pub fn records<'a, I>(evaluations: I, opts: &TableOptions) -> Vec<Record<'a>>
where
    I: IntoIterator<Item = &'a Evaluation>,
{
    let columns: Vec<&'static Column> = columns(opts.territory).collect();
    rows(evaluations, opts.rows)
        .map(|row| Record {
            cells: columns
                .iter()
                .map(|c| (c.name, row.cell(c, &opts.cells)))
                .collect(),
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use crate::eval::{evaluate, EvalOptions};
    use crate::io::{read_csv, IngestOptions, Observations};
    use std::collections::HashSet;

    fn sundgau() -> Evaluation {
        let plan = crate::plans::sundgau().unwrap();
        let csv = include_str!("../../../examples/sundgau/observations.csv");
        let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
        evaluate(
            &plan,
            &obs,
            &EvalOptions {
                as_of: NaiveDate::from_ymd_opt(2026, 12, 31),
                ..Default::default()
            },
        )
    }

    #[test]
    fn the_schema_is_the_frames_columns_in_order() {
        let names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(
            names.join(", "),
            "axis, fiche, indicator, label, kind, window, start, end, state, observations, \
             value, unit, target, expected, baseline, change, projection, status, \
             achievement, reason, done_on, assessment, comment, coverage_with_data, \
             coverage_total, headline, explanation"
        );
        let csv: Vec<&str> = CSV_COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(
            csv.join(","),
            "axis,fiche,indicator,label,kind,window,start,end,state,value,value_text,target,\
             status,status_label,achievement,baseline,expected,projection,change,coverage,\
             observations,explanation"
        );
        assert_eq!(
            columns(true).map(|c| c.name).take(2).collect::<Vec<_>>(),
            ["territory", "axis"]
        );
    }

    #[test]
    fn names_are_unique_snake_case_and_every_column_is_described() {
        let all: Vec<&Column> = std::iter::once(&TERRITORY)
            .chain(COLUMNS)
            .chain(CSV_COLUMNS)
            .collect();
        let mut seen = HashSet::new();
        let mut seen_fr = HashSet::new();
        let mut ids = HashSet::new();
        for c in &all {
            // A column listed twice (in COLUMNS and CSV_COLUMNS) is the same definition.
            if !ids.insert(c.id) {
                assert_eq!(column(c.name), Some(*c), "{} is defined twice", c.name);
                continue;
            }
            assert!(seen.insert(c.name), "duplicate name {}", c.name);
            assert!(
                seen_fr.insert(c.name_fr),
                "duplicate French name {}",
                c.name_fr
            );
            assert!(
                c.name
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '_'),
                "{}",
                c.name
            );
            assert!(!c.name_fr.contains([' ', ';', ',']), "{}", c.name_fr);
            for m in [c.meaning_fr, c.meaning_en] {
                assert!(m.len() > 10 && m.ends_with('.'), "{}: {m}", c.name);
            }
            assert_ne!(c.meaning_fr, c.meaning_en, "{}", c.name);
            assert_eq!(column(c.name_fr).map(|x| x.id), Some(c.id));
        }
        // 27 data columns, territory, 3 export columns.
        assert_eq!(ids.len(), 31);
    }

    /// A value's serde code.
    fn json<T: Serialize>(v: &T) -> String {
        serde_json::to_value(v)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    #[test]
    fn code_values_are_the_serde_codes() {
        for k in [ResultKind::Window, ResultKind::YearSummary] {
            assert_eq!(json(&k), kind_code(k));
            assert!(KINDS.contains(&kind_code(k)));
        }
        for s in [WindowState::Closed, WindowState::Open] {
            assert_eq!(json(&s), state_code(s));
            assert!(STATES.contains(&state_code(s)));
        }
        for a in [
            Assessment::Achieved,
            Assessment::Partial,
            Assessment::NotAchieved,
        ] {
            assert_eq!(json(&a), assessment_code(a));
            assert!(ASSESSMENTS.contains(&assessment_code(a)));
        }
        for r in [
            Reason::NoObservation,
            Reason::NotStarted,
            Reason::BaselineMissing,
            Reason::BaselineZero,
            Reason::DenominatorZero,
            Reason::NotYetDue,
            Reason::Overflow,
        ] {
            assert_eq!(json(&r), reason_code(r));
        }
        assert_eq!(REASONS.len(), 7);
        for w in [
            Window::Week,
            Window::Month,
            Window::Quarter,
            Window::HalfYear,
            Window::Year,
            Window::Plan,
        ] {
            assert_eq!(json(&w), window_code(w));
        }
        assert_eq!(WINDOWS.len(), 6);
        assert_eq!(STATUS.ty.values().len(), 7);
    }

    #[test]
    fn cells_match_the_evaluation_and_the_schema() {
        let ev = sundgau();
        let opts = CellOptions::new(Lang::Fr);
        let mut n = 0;
        for row in rows([&ev], Rows::All) {
            n += 1;
            for c in columns(true) {
                let cell = row.cell(c, &opts);
                let ok = match (c.ty, &cell) {
                    (_, Cell::Null) => c.nullable,
                    (ColumnType::Int, Cell::Int(_))
                    | (ColumnType::Float, Cell::Float(_))
                    | (ColumnType::Date, Cell::Date(_))
                    | (ColumnType::Bool, Cell::Bool(_))
                    | (ColumnType::Text, Cell::Text(_))
                    | (ColumnType::Status, Cell::Status(_)) => true,
                    (ColumnType::Code(values), Cell::Text(t)) => values.contains(&t.as_ref()),
                    _ => false,
                };
                assert!(ok, "{}: {cell:?}", c.name);
            }
            let r = row.result;
            assert_eq!(row.cell(&START, &opts), Cell::Date(r.start));
            assert_eq!(row.cell(&VALUE, &opts), float(r.value));
            assert_eq!(row.cell(&STATUS, &opts), Cell::Status(r.status));
            assert_eq!(
                row.cell(&EXPLANATION, &opts),
                Cell::Text(crate::report::explain(&ev, row.indicator, r, Lang::Fr, None).into())
            );
        }
        assert_eq!(n, ev.results().count());
        // One headline per indicator among all the rows (unless the plan has not started).
        let headlines = rows([&ev], Rows::All).filter(|r| r.is_headline()).count();
        assert_eq!(headlines, ev.indicators.len());
        assert!(rows([&ev], Rows::Headlines).all(|r| r.is_headline()));
    }

    #[test]
    fn texts_follow_the_asked_language() {
        let ev = sundgau();
        let f81 = rows([&ev], Rows::Headlines)
            .find(|r| r.indicator.id == "f8.1")
            .unwrap();
        let fr = CellOptions::new(Lang::Fr);
        let en = CellOptions::new(Lang::En);
        assert_eq!(
            f81.cell(&STATUS_LABEL, &fr),
            code(f81.result.status.label(Lang::Fr))
        );
        assert_eq!(
            f81.cell(&STATUS_LABEL, &en),
            code(f81.result.status.label(Lang::En))
        );
        let Cell::Text(fr_text) = f81.cell(&EXPLANATION, &fr) else {
            panic!("text")
        };
        let Cell::Text(en_text) = f81.cell(&EXPLANATION, &en) else {
            panic!("text")
        };
        assert_ne!(fr_text, en_text);
        assert_eq!(
            en_text,
            crate::report::explain(&ev, f81.indicator, f81.result, Lang::En, None)
        );
        let off = CellOptions {
            explanations: false,
            ..fr
        };
        assert_eq!(f81.cell(&EXPLANATION, &off), code(""));
    }

    #[test]
    fn suppression_empties_what_would_reveal_a_small_count() {
        let ev = sundgau();
        let f9 = rows([&ev], Rows::Headlines)
            .find(|r| r.indicator.id == "f9.1")
            .unwrap();
        assert_eq!(f9.result.value, Some(18.0));
        let opts = CellOptions {
            suppress_below: Some(20),
            ..CellOptions::new(Lang::Fr)
        };
        let plain = CellOptions::new(Lang::Fr);
        for c in CSV_COLUMNS {
            let (hidden, shown) = (f9.cell(c, &opts), f9.cell(c, &plain));
            if c.suppressible {
                assert!(hidden.is_null(), "{}: {hidden:?}", c.name);
            } else if !matches!(c.id, ColumnId::ValueText | ColumnId::Explanation) {
                assert_eq!(hidden, shown, "{}", c.name);
            }
        }
        assert!(!f9.cell(&OBSERVATIONS, &plain).is_null());
        assert_eq!(
            f9.cell(&VALUE_TEXT, &opts),
            Cell::Text("< 20 enfants".into())
        );
        // Not below the threshold: shown.
        let low = CellOptions {
            suppress_below: Some(5),
            ..opts
        };
        assert_eq!(f9.cell(&VALUE, &low), Cell::Float(18.0));
        // Ratios are not counts: never suppressed.
        let f52 = rows([&ev], Rows::Headlines)
            .find(|r| r.indicator.id == "f5.2")
            .unwrap();
        let high = CellOptions {
            suppress_below: Some(1000),
            ..opts
        };
        assert!(!f52.cell(&VALUE, &high).is_null());
    }

    #[test]
    fn the_columnar_table_and_the_records_agree() {
        let a = sundgau();
        let plan = crate::plans::sundgau().unwrap();
        let b = evaluate(&plan, &Observations::default(), &EvalOptions::default());
        let opts = TableOptions {
            territory: true,
            ..TableOptions::new(Lang::En)
        };
        let t = ResultsTable::build([&a, &b], &opts);
        assert_eq!(t.len(), a.results().count() + b.results().count());
        assert_eq!(t.columns().len(), COLUMNS.len() + 1);
        assert!(t.columns().iter().all(|(_, cells)| cells.len() == t.len()));
        let recs = records([&a, &b], &opts);
        assert_eq!(recs.len(), t.len());
        // Spot checks, column by column, against the records.
        for (i, rec) in recs.iter().enumerate().step_by(37) {
            for ((column, cells), (name, cell)) in t.columns().iter().zip(rec.cells()) {
                assert_eq!(column.name, *name);
                let same = match cells {
                    Cells::Int(v) => Cell::Int(v[i]) == *cell,
                    Cells::Float(v) => float(v[i]) == *cell,
                    Cells::Date(v) => v[i].map_or(Cell::Null, Cell::Date) == *cell,
                    Cells::Bool(v) => Cell::Bool(v[i]) == *cell,
                    Cells::Text(v) => v[i].clone().map_or(Cell::Null, Cell::Text) == *cell,
                    Cells::Status(v) => Cell::Status(v[i]) == *cell,
                };
                assert!(same, "row {i}, {name}: {cell:?}");
            }
        }
        let heads = ResultsTable::build(
            [&a, &b],
            &TableOptions {
                rows: Rows::Headlines,
                ..opts
            },
        );
        assert_eq!(heads.len(), 50);
        let json = serde_json::to_value(&recs[0]).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        assert_eq!(keys.len(), COLUMNS.len() + 1);
        assert_eq!(json["territory"], "sundgau-2025-2029");
        assert_eq!(json["status"].as_str().map(|s| s.len() > 3), Some(true));
    }

    #[test]
    fn column_info_is_in_the_asked_language() {
        let status = column("status").unwrap();
        let fr = status.info(Lang::Fr);
        assert_eq!((fr.name, fr.header, fr.ty), ("status", "statut", "status"));
        assert_eq!(fr.values[0], "achieved");
        let en = serde_json::to_value(column("kind").unwrap().info(Lang::En)).unwrap();
        assert_eq!(en["header"], "kind");
        assert_eq!(en["type"], "code");
        assert_eq!(en["values"], serde_json::json!(["window", "year_summary"]));
        assert!(en["meaning"].as_str().unwrap().starts_with("A window"));
    }
}
