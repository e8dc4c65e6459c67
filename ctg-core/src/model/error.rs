//! Plan loading and validation errors: typed kinds ([`PlanErrorKind`]) rendered in French
//! or English on demand.

use serde::Serialize;

use super::{Aggregation, Measure, PlanPeriod, Window};
use crate::problem::{render_list, Problem, ProblemKind, Segment, Span};
use crate::target::TargetError;
use crate::Lang;

/// Stable snake_case codes of plan problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanErrorCode {
    /// The file could not be read.
    IoError,
    /// The file is not valid TOML or JSON.
    SyntaxError,
    /// A field is missing, unknown in an enumeration, or of the wrong type.
    SchemaError,
    /// A target expression does not parse.
    InvalidTarget,
    /// Two axes share a number.
    DuplicateAxis,
    /// Two fiches share a number.
    DuplicateFiche,
    /// Two indicators share an id.
    DuplicateIndicator,
    /// A fiche names an axis the plan does not have.
    UnknownAxis,
    /// An id is empty or has characters other than letters, digits, `.`, `-`, `_`.
    InvalidId,
    /// A required text (title, label) is empty.
    EmptyField,
    /// The plan period is reversed or absurd.
    InvalidPeriod,
    /// A schedule (or a schedule milestone, or a baseline) lies outside the plan period.
    OutsidePeriod,
    /// The target does not fit the indicator's measure (e.g. `+10%` on a milestone).
    IncompatibleTarget,
    /// The aggregation does not fit the measure (e.g. `sum` on a ratio).
    IncompatibleAggregation,
    /// The indicator's window contradicts its target's period suffix.
    WindowConflict,
    /// A relative target has no way to get a baseline.
    MissingBaseline,
    /// The target writes a baseline year that contradicts the indicator's `baseline.year`.
    BaselineConflict,
    /// A number (weight, baseline value) is negative, zero where it must not be, or not finite.
    InvalidNumber,
    /// The plan could not be written out.
    SerializeError,
    /// A key is written twice in one JSON object (JSON readers keep the last one silently).
    DuplicateKey,
    /// A field the plan model does not know (a misspelt `cibel`): it would be ignored.
    UnknownField,
    /// A target no value of the measure can meet (a negative level for a count).
    ImpossibleTarget,
    /// A TOML plan given to a build without TOML plans (the main web module).
    TomlUnsupported,
}

impl PlanErrorCode {
    /// The stable snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            PlanErrorCode::IoError => "io_error",
            PlanErrorCode::SyntaxError => "syntax_error",
            PlanErrorCode::SchemaError => "schema_error",
            PlanErrorCode::InvalidTarget => "invalid_target",
            PlanErrorCode::DuplicateAxis => "duplicate_axis",
            PlanErrorCode::DuplicateFiche => "duplicate_fiche",
            PlanErrorCode::DuplicateIndicator => "duplicate_indicator",
            PlanErrorCode::UnknownAxis => "unknown_axis",
            PlanErrorCode::InvalidId => "invalid_id",
            PlanErrorCode::EmptyField => "empty_field",
            PlanErrorCode::InvalidPeriod => "invalid_period",
            PlanErrorCode::OutsidePeriod => "outside_period",
            PlanErrorCode::IncompatibleTarget => "incompatible_target",
            PlanErrorCode::IncompatibleAggregation => "incompatible_aggregation",
            PlanErrorCode::WindowConflict => "window_conflict",
            PlanErrorCode::MissingBaseline => "missing_baseline",
            PlanErrorCode::BaselineConflict => "baseline_conflict",
            PlanErrorCode::InvalidNumber => "invalid_number",
            PlanErrorCode::SerializeError => "serialize_error",
            PlanErrorCode::DuplicateKey => "duplicate_key",
            PlanErrorCode::UnknownField => "unknown_field",
            PlanErrorCode::ImpossibleTarget => "impossible_target",
            PlanErrorCode::TomlUnsupported => "toml_unsupported",
        }
    }
}

impl std::fmt::Display for PlanErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a plan problem is: axis, fiche, indicator, field, and the line and column in the
/// source file when known (1-based; columns count characters).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PlanLocation {
    /// Axis number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub axis: Option<u32>,
    /// Fiche number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fiche: Option<u32>,
    /// Indicator id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// Field name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Line in the source (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Column in the source (1-based, in characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl PlanLocation {
    /// The location of a fiche.
    pub fn fiche(number: u32) -> Self {
        PlanLocation {
            fiche: Some(number),
            ..Default::default()
        }
    }

    /// The location of an indicator of a fiche.
    pub fn indicator(fiche: u32, id: &str) -> Self {
        PlanLocation {
            fiche: Some(fiche),
            indicator: Some(id.to_string()),
            ..Default::default()
        }
    }

    /// The same location, narrowed to a field.
    pub fn field(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self
    }

    /// Whether nothing is known of the location.
    pub fn is_empty(&self) -> bool {
        *self == PlanLocation::default()
    }

    /// The location in the given language: the known parts joined with `, `, or `plan`
    /// when nothing is known. The English rendering is the [`Display`](std::fmt::Display)
    /// output.
    ///
    /// ```
    /// use ctg_core::model::PlanLocation;
    /// use ctg_core::Lang;
    /// let loc = PlanLocation {
    ///     line: Some(19),
    ///     column: Some(13),
    ///     ..PlanLocation::indicator(3, "f3.1").field("target")
    /// };
    /// assert_eq!(
    ///     loc.render(Lang::Fr),
    ///     "fiche 3, indicateur f3.1, champ `target`, ligne 19, colonne 13"
    /// );
    /// assert_eq!(
    ///     loc.render(Lang::En),
    ///     "fiche 3, indicator f3.1, field `target`, line 19, column 13"
    /// );
    /// assert_eq!(PlanLocation::default().render(Lang::Fr), "plan");
    /// ```
    pub fn render(&self, lang: Lang) -> String {
        crate::problem::plan_place(&self.path(), self.line, self.column, lang)
    }

    /// The location as a [`Problem`] path: `["axes", 2]`, `["fiches", 3, "indicators",
    /// "f3.1", "target"]`, `["fiches", 1, "schedule"]`, `["title"]`; a field written with
    /// dots (`cibles.2026`) is split into its steps, numbers as integers.
    ///
    /// ```
    /// use ctg_core::model::PlanLocation;
    /// let loc = PlanLocation::indicator(3, "f3.1").field("cibles.2026");
    /// assert_eq!(
    ///     serde_json::to_string(&loc.path()).unwrap(),
    ///     r#"["fiches",3,"indicators","f3.1","cibles",2026]"#
    /// );
    /// ```
    pub fn path(&self) -> Vec<Segment> {
        let mut path = Vec::new();
        if let Some(a) = self.axis {
            path.push(Segment::from("axes"));
            path.push(Segment::from(a));
        }
        if let Some(n) = self.fiche {
            path.push(Segment::from("fiches"));
            path.push(Segment::from(n));
        }
        if let Some(id) = &self.indicator {
            path.push(Segment::from("indicators"));
            path.push(Segment::from(id.as_str()));
        }
        if let Some(f) = &self.field {
            for step in f.split('.') {
                path.push(match step.parse::<u64>() {
                    Ok(n) if !step.starts_with('+') => Segment::Index(n),
                    _ => Segment::from(step),
                });
            }
        }
        path
    }
}

impl std::fmt::Display for PlanLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// What a target at fault is, in a [`PlanErrorKind::InvalidTarget`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetSubject {
    /// A target written as text (`target = "> abc"`).
    Text(String),
    /// One year's level of a schedule table (`cibles = { 2026 = "≥ x" }`).
    Level {
        /// The year.
        year: i32,
        /// The level's text.
        text: String,
    },
    /// A schedule table as a whole (years not increasing, mixed comparators…).
    Schedule,
}

impl TargetSubject {
    fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (TargetSubject::Text(t), Lang::Fr) => format!("la cible `{t}`"),
            (TargetSubject::Text(t), Lang::En) => format!("target `{t}`"),
            (TargetSubject::Level { year, text }, Lang::Fr) => {
                format!("la cible de {year} `{text}`")
            }
            (TargetSubject::Level { year, text }, Lang::En) => {
                format!("the level of {year} `{text}`")
            }
            (TargetSubject::Schedule, Lang::Fr) => "l'échéancier".to_string(),
            (TargetSubject::Schedule, Lang::En) => "the schedule".to_string(),
        }
    }
}

/// A required text of a plan that is empty, in a [`PlanErrorKind::EmptyField`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EmptyText {
    /// The plan's `id`.
    PlanId,
    /// The plan's `title`.
    PlanTitle,
    /// The plan's `territory`.
    Territory,
    /// An axis `title`.
    AxisTitle,
    /// A fiche `title`.
    FicheTitle,
    /// An indicator `id`.
    IndicatorId,
    /// An indicator `label`.
    IndicatorLabel,
}

/// The shape of a target, as messages name it (« un seuil », `a threshold`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TargetShape {
    /// `> 200`.
    Threshold,
    /// `entre 10 et 20`.
    Range,
    /// `+20 %`.
    RelativeChange,
    /// `+5 points`.
    PointsChange,
    /// `réalisé d'ici 2027`.
    Milestone,
    /// `20 en 2026, 30 en 2028`.
    Schedule,
}

impl TargetShape {
    /// The shape of a target.
    pub fn of(kind: &crate::target::TargetKind) -> Self {
        use crate::target::TargetKind as K;
        match kind {
            K::Compare { .. } => TargetShape::Threshold,
            K::Range { .. } => TargetShape::Range,
            K::Relative { .. } => TargetShape::RelativeChange,
            K::Points { .. } => TargetShape::PointsChange,
            K::Milestone { .. } => TargetShape::Milestone,
            K::Schedule { .. } => TargetShape::Schedule,
        }
    }

    fn render(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (TargetShape::Threshold, Lang::Fr) => "un seuil",
            (TargetShape::Threshold, Lang::En) => "a threshold",
            (TargetShape::Range, Lang::Fr) => "une fourchette",
            (TargetShape::Range, Lang::En) => "a range",
            (TargetShape::RelativeChange, Lang::Fr) => "une évolution relative",
            (TargetShape::RelativeChange, Lang::En) => "a relative change",
            (TargetShape::PointsChange, Lang::Fr) => "une évolution en points",
            (TargetShape::PointsChange, Lang::En) => "a change in points",
            (TargetShape::Milestone, Lang::Fr) => "un jalon",
            (TargetShape::Milestone, Lang::En) => "a milestone",
            (TargetShape::Schedule, Lang::Fr) => "un échéancier de cibles annuelles",
            (TargetShape::Schedule, Lang::En) => "a schedule of yearly levels",
        }
    }
}

/// Every kind of plan problem, with its context: one [`PlanErrorKind::code`], and its
/// message and hint rendered in either language on demand ([`PlanErrorKind::message`],
/// [`PlanErrorKind::hint`]).
///
/// ```
/// use ctg_core::model::PlanErrorKind;
/// use ctg_core::Lang;
/// let kind = PlanErrorKind::DuplicateIndicator { id: "f1.1".into(), first_fiche: 1 };
/// assert_eq!(kind.code().as_str(), "duplicate_indicator");
/// assert_eq!(
///     kind.message(Lang::Fr),
///     "l'identifiant d'indicateur `f1.1` est déjà utilisé dans la fiche 1"
/// );
/// assert_eq!(kind.message(Lang::En), "indicator id `f1.1` is already used in fiche 1");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum PlanErrorKind {
    /// The file could not be read (`error` is the operating system's text).
    Io {
        /// The file.
        path: String,
        /// Why (the operating system's text).
        error: String,
    },
    /// The plan could not be written out (`error` is the serialiser's text).
    Serialize {
        /// Why.
        error: String,
    },
    /// The plan is TOML, but this build reads JSON plans only (built without the `toml`
    /// feature: the main web module).
    TomlUnsupported,
    /// The file is not valid TOML (`error` is the `toml` parser's English text).
    TomlSyntax {
        /// The parser's message.
        error: String,
    },
    /// The file is not valid JSON (`error` is `serde_json`'s English text).
    JsonSyntax {
        /// The parser's message.
        error: String,
    },
    /// A field is missing, unknown, or of the wrong type (`error` is serde's English text:
    /// `unknown variant `nombre_de_trucs`, expected one of …`).
    Schema {
        /// The deserialiser's message.
        error: String,
    },
    /// A target that does not parse.
    InvalidTarget {
        /// What does not parse.
        subject: TargetSubject,
        /// The target parser's error.
        error: TargetError,
    },
    /// A level of a schedule table that is neither text nor a number.
    ScheduleLevelType {
        /// The level's year.
        year: i32,
        /// The level as written (JSON text: `true`, `[1, 2]`).
        found: String,
    },
    /// A required text is empty.
    EmptyField(EmptyText),
    /// An id with characters other than letters, digits, `.`, `-`, `_`.
    InvalidId {
        /// The id.
        id: String,
    },
    /// The plan period is reversed or absurd.
    InvalidPeriod {
        /// The period.
        period: PlanPeriod,
    },
    /// Two axes share a number.
    DuplicateAxis {
        /// The number.
        number: u32,
    },
    /// Two fiches share a number.
    DuplicateFiche {
        /// The number.
        number: u32,
    },
    /// Two indicators share an id.
    DuplicateIndicator {
        /// The id.
        id: String,
        /// The fiche where it is first used.
        first_fiche: u32,
    },
    /// A fiche in an axis the plan does not define.
    UnknownAxis {
        /// The fiche.
        fiche: u32,
        /// The axis it names.
        axis: u32,
        /// The axes the plan defines.
        known: Vec<u32>,
    },
    /// A fiche schedule outside the plan period, or reversed.
    ScheduleOutsidePeriod {
        /// First year of the schedule.
        start: i32,
        /// Last year of the schedule.
        end: i32,
        /// The plan period.
        period: PlanPeriod,
    },
    /// A schedule milestone outside the plan period.
    MilestoneOutsidePeriod {
        /// The milestone's label.
        label: String,
        /// Its year.
        year: i32,
        /// The plan period.
        period: PlanPeriod,
    },
    /// An aggregation that does not fit the measure.
    IncompatibleAggregation {
        /// The aggregation.
        aggregation: Aggregation,
        /// The measure.
        measure: Measure,
    },
    /// A weight that is negative or not finite.
    InvalidWeight {
        /// The weight.
        weight: f64,
    },
    /// A baseline value that is not finite.
    BaselineNotFinite,
    /// A baseline year at or after the plan's last year, or more than 10 years before its
    /// start.
    BaselineYearOutside {
        /// The year.
        year: i32,
        /// The plan period.
        period: PlanPeriod,
    },
    /// A target that does not fit the measure.
    IncompatibleTarget {
        /// The target, as its canonical (French) text.
        target: String,
        /// Its shape.
        shape: TargetShape,
        /// The measure.
        measure: Measure,
    },
    /// A window that contradicts the target's period suffix.
    WindowConflict {
        /// The indicator's window.
        window: Window,
        /// The target's period.
        per: Window,
    },
    /// A target deadline outside the plan period.
    DeadlineOutsidePeriod {
        /// Whether the target is a milestone.
        milestone: bool,
        /// The target, as its canonical (French) text.
        target: String,
        /// The plan period.
        period: PlanPeriod,
    },
    /// A schedule of yearly levels none of whose years is in the plan period.
    ScheduleYearsOutside {
        /// The target, as its canonical (French) text.
        target: String,
        /// The plan period.
        period: PlanPeriod,
    },
    /// The target's baseline year contradicts `baseline.year`.
    BaselineConflict {
        /// The target's baseline year.
        target_year: i32,
        /// The indicator's `baseline.year`.
        baseline_year: i32,
    },
    /// The target's baseline year is at or after the plan's last year, or more than 10
    /// years before its start.
    TargetBaselineOutside {
        /// The year.
        year: i32,
        /// The plan period.
        period: PlanPeriod,
    },
    /// A relative target on a cumulative (whole-plan) sum without baseline value.
    MissingBaseline,
    /// A key written twice in one JSON object (the object is
    /// [`PlanLocation::field`], the line and column those of the second key).
    DuplicateKey {
        /// The key.
        key: String,
    },
    /// A field the plan model does not know, in a table of the plan (the plan, an axis, a
    /// fiche, an indicator, a baseline…): refused rather than ignored, so that a misspelt
    /// `cibel = "> 200"` does not silently drop the target. French aliases are known
    /// fields.
    UnknownField {
        /// The key as written.
        key: String,
        /// The known field closest to it (edit distance ≤ 2, accents and case aside), if
        /// any.
        suggestion: Option<String>,
    },
    /// A level below 0 (`≤ -5`, `< 0`, a schedule level or a range's upper bound below 0)
    /// for a measure whose values cannot be negative (count, distinct count, stock,
    /// ratio): no value can meet it.
    NegativeLevel {
        /// The target, as canonical text.
        target: String,
        /// The indicator's measure.
        measure: Measure,
    },
}

/// The French prefix of a schema error, before the parser's (English) message.
const SCHEMA_FR: &str = "le plan ne suit pas le schéma attendu : ";

impl PlanErrorKind {
    /// The stable code.
    pub fn code(&self) -> PlanErrorCode {
        use PlanErrorKind as K;
        match self {
            K::Io { .. } => PlanErrorCode::IoError,
            K::Serialize { .. } => PlanErrorCode::SerializeError,
            K::TomlUnsupported => PlanErrorCode::TomlUnsupported,
            K::TomlSyntax { .. } | K::JsonSyntax { .. } => PlanErrorCode::SyntaxError,
            K::Schema { .. } => PlanErrorCode::SchemaError,
            K::InvalidTarget { .. } | K::ScheduleLevelType { .. } => PlanErrorCode::InvalidTarget,
            K::EmptyField(_) => PlanErrorCode::EmptyField,
            K::InvalidId { .. } => PlanErrorCode::InvalidId,
            K::InvalidPeriod { .. } => PlanErrorCode::InvalidPeriod,
            K::DuplicateAxis { .. } => PlanErrorCode::DuplicateAxis,
            K::DuplicateFiche { .. } => PlanErrorCode::DuplicateFiche,
            K::DuplicateIndicator { .. } => PlanErrorCode::DuplicateIndicator,
            K::UnknownAxis { .. } => PlanErrorCode::UnknownAxis,
            K::ScheduleOutsidePeriod { .. }
            | K::MilestoneOutsidePeriod { .. }
            | K::BaselineYearOutside { .. }
            | K::DeadlineOutsidePeriod { .. }
            | K::ScheduleYearsOutside { .. }
            | K::TargetBaselineOutside { .. } => PlanErrorCode::OutsidePeriod,
            K::IncompatibleAggregation { .. } => PlanErrorCode::IncompatibleAggregation,
            K::InvalidWeight { .. } => PlanErrorCode::InvalidNumber,
            K::BaselineNotFinite => PlanErrorCode::InvalidNumber,
            K::IncompatibleTarget { .. } => PlanErrorCode::IncompatibleTarget,
            K::WindowConflict { .. } => PlanErrorCode::WindowConflict,
            K::BaselineConflict { .. } => PlanErrorCode::BaselineConflict,
            K::MissingBaseline => PlanErrorCode::MissingBaseline,
            K::DuplicateKey { .. } => PlanErrorCode::DuplicateKey,
            K::UnknownField { .. } => PlanErrorCode::UnknownField,
            K::NegativeLevel { .. } => PlanErrorCode::ImpossibleTarget,
        }
    }

    /// What is wrong, in the given language.
    ///
    /// Parser texts stay as the parser wrote them, after a French prefix: syntax and schema
    /// errors (« syntaxe TOML invalide : expected `.`, `=` »), and the operating system's
    /// text of an I/O error.
    pub fn message(&self, lang: Lang) -> String {
        use PlanErrorKind as K;
        let fr = lang == Lang::Fr;
        match self {
            K::Io { path, error } => match lang {
                Lang::Fr => format!("impossible de lire {path} : {error}"),
                Lang::En => format!("cannot read {path}: {error}"),
            },
            K::Serialize { error } => match lang {
                Lang::Fr => format!("le plan n'a pas pu être écrit : {error}"),
                Lang::En => error.clone(),
            },
            K::TomlUnsupported => lang
                .pick(
                    "le plan est en TOML, mais ce module ne lit que les plans JSON",
                    "the plan is TOML, but this module reads JSON plans only",
                )
                .to_string(),
            K::TomlSyntax { error } => match lang {
                Lang::Fr => format!("syntaxe TOML invalide : {error}"),
                Lang::En => error.clone(),
            },
            K::JsonSyntax { error } => match lang {
                Lang::Fr => format!("syntaxe JSON invalide : {error}"),
                Lang::En => error.clone(),
            },
            K::DuplicateKey { key } => match lang {
                Lang::Fr => format!("la clé `{key}` est écrite deux fois dans le même objet"),
                Lang::En => format!("key `{key}` is written twice in the same object"),
            },
            K::NegativeLevel { target, .. } => match lang {
                Lang::Fr => format!("la cible `{target}` demande une valeur négative, or cette mesure ne l'est jamais"),
                Lang::En => format!("target `{target}` asks for a negative value, which this measure never has"),
            },
            K::UnknownField { key, .. } => match lang {
                Lang::Fr => format!("champ inconnu `{key}` : il serait ignoré"),
                Lang::En => format!("unknown field `{key}`: it would be ignored"),
            },
            K::Schema { error } => match lang {
                Lang::Fr => format!("{SCHEMA_FR}{error}"),
                Lang::En => error.clone(),
            },
            K::InvalidTarget { subject, error } => {
                let what = subject.render(lang);
                match lang {
                    Lang::Fr => format!("{what} ne se lit pas : {}", error.message(lang)),
                    Lang::En => format!("{what} does not parse: {}", error.message(lang)),
                }
            }
            K::ScheduleLevelType { year, found } => match lang {
                Lang::Fr => format!(
                    "échéancier de cibles invalide : la cible de {year} doit être un texte comme \"≥ 20\" ou un nombre, pas {found}"
                ),
                Lang::En => format!(
                    "the level of {year} must be text such as \"≥ 20\" or a number, not {found}"
                ),
            },
            K::EmptyField(what) => match (what, lang) {
                (EmptyText::PlanId, Lang::Fr) => "l'identifiant du plan est vide",
                (EmptyText::PlanId, Lang::En) => "the plan id is empty",
                (EmptyText::PlanTitle, Lang::Fr) => "le titre du plan est vide",
                (EmptyText::PlanTitle, Lang::En) => "the plan title is empty",
                (EmptyText::Territory, Lang::Fr) => "le territoire est vide",
                (EmptyText::Territory, Lang::En) => "the territory is empty",
                (EmptyText::AxisTitle, Lang::Fr) => "le titre de l'axe est vide",
                (EmptyText::AxisTitle, Lang::En) => "the axis title is empty",
                (EmptyText::FicheTitle, Lang::Fr) => "le titre de la fiche est vide",
                (EmptyText::FicheTitle, Lang::En) => "the fiche title is empty",
                (EmptyText::IndicatorId, Lang::Fr) => "l'identifiant de l'indicateur est vide",
                (EmptyText::IndicatorId, Lang::En) => "the indicator id is empty",
                (EmptyText::IndicatorLabel, Lang::Fr) => "le libellé de l'indicateur est vide",
                (EmptyText::IndicatorLabel, Lang::En) => "the indicator label is empty",
            }
            .to_string(),
            K::InvalidId { id } => match lang {
                Lang::Fr => format!(
                    "l'identifiant `{id}` ne peut contenir que des lettres, des chiffres, `.`, `-` et `_`"
                ),
                Lang::En => format!("id `{id}` may only hold letters, digits, `.`, `-` and `_`"),
            },
            K::InvalidPeriod { period } => match lang {
                Lang::Fr => format!("la période du plan {period} n'est pas une suite d'années entre 1900 et 2200 avec début ≤ fin"),
                Lang::En => format!("the plan period {period} is not a span of years between 1900 and 2200 with start ≤ end"),
            },
            K::DuplicateAxis { number } => match lang {
                Lang::Fr => format!("l'axe {number} est défini deux fois"),
                Lang::En => format!("axis {number} is defined twice"),
            },
            K::DuplicateFiche { number } => match lang {
                Lang::Fr => format!("la fiche {number} est définie deux fois"),
                Lang::En => format!("fiche {number} is defined twice"),
            },
            K::DuplicateIndicator { id, first_fiche } => match lang {
                Lang::Fr => format!(
                    "l'identifiant d'indicateur `{id}` est déjà utilisé dans la fiche {first_fiche}"
                ),
                Lang::En => format!("indicator id `{id}` is already used in fiche {first_fiche}"),
            },
            K::UnknownAxis { fiche, axis, .. } => match lang {
                Lang::Fr => format!(
                    "la fiche {fiche} est rattachée à l'axe {axis}, que le plan ne définit pas"
                ),
                Lang::En => {
                    format!("fiche {fiche} is in axis {axis}, which the plan does not define")
                }
            },
            K::ScheduleOutsidePeriod { start, end, period } => match lang {
                Lang::Fr => format!(
                    "l'échéancier {start}-{end} ne tient pas dans la période du plan {period}"
                ),
                Lang::En => {
                    format!("schedule {start}-{end} is not within the plan period {period}")
                }
            },
            K::MilestoneOutsidePeriod {
                label,
                year,
                period,
            } => match lang {
                Lang::Fr => format!(
                    "l'étape « {label} » de l'échéancier, en {year}, est hors de la période du plan {period}"
                ),
                Lang::En => format!(
                    "schedule milestone « {label} » in {year} is outside the plan period {period}"
                ),
            },
            K::IncompatibleAggregation {
                aggregation,
                measure,
            } => match lang {
                Lang::Fr => format!(
                    "l'agrégation `{}` ne convient pas à la mesure `{}`",
                    aggregation.code(),
                    measure.code()
                ),
                Lang::En => format!(
                    "aggregation `{}` does not fit measure `{}`",
                    aggregation.code(),
                    measure.code()
                ),
            },
            K::InvalidWeight { weight } => match lang {
                Lang::Fr => format!("le poids {weight} doit être un nombre fini ≥ 0"),
                Lang::En => format!("weight {weight} must be a finite number ≥ 0"),
            },
            K::BaselineNotFinite => if fr {
                "la valeur de référence n'est pas un nombre fini"
            } else {
                "the baseline value is not a finite number"
            }
            .to_string(),
            K::BaselineYearOutside { year, period } => match lang {
                Lang::Fr => format!("l'année de référence {year} doit précéder la dernière année du plan, {} (et ne pas remonter à plus de 10 ans avant son début)", period.end),
                Lang::En => format!("baseline year {year} must be before the plan's last year {} (and at most 10 years before its start)", period.end),
            },
            K::IncompatibleTarget {
                target,
                shape,
                measure,
            } => match lang {
                Lang::Fr => format!(
                    "la cible `{target}` est {}, ce qui ne convient pas à la mesure `{}`",
                    shape.render(lang),
                    measure.code()
                ),
                Lang::En => format!(
                    "target `{target}` is {}, which does not fit measure `{}`",
                    shape.render(lang),
                    measure.code()
                ),
            },
            K::WindowConflict { window, per } => match lang {
                Lang::Fr => format!(
                    "la fenêtre `{}` contredit la période de la cible `/{}`",
                    window.code(),
                    per.label(Lang::Fr)
                ),
                Lang::En => format!(
                    "window `{}` contradicts the target's period `/{}`",
                    window.code(),
                    per.label(Lang::Fr)
                ),
            },
            K::DeadlineOutsidePeriod {
                milestone,
                target,
                period,
            } => {
                let what = match (milestone, lang) {
                    (true, Lang::Fr) => "l'échéance du jalon",
                    (true, Lang::En) => "the milestone deadline",
                    (false, Lang::Fr) => "l'échéance de la cible",
                    (false, Lang::En) => "the target's deadline",
                };
                match lang {
                    Lang::Fr => {
                        format!("{what} ({target}) tombe hors de la période du plan {period}")
                    }
                    Lang::En => {
                        format!("{what} ({target}) falls outside the plan period {period}")
                    }
                }
            }
            K::ScheduleYearsOutside { target, period } => match lang {
                Lang::Fr => format!(
                    "aucune année de l'échéancier ({target}) ne tombe dans la période du plan {period}"
                ),
                Lang::En => format!(
                    "no year of the schedule ({target}) falls in the plan period {period}"
                ),
            },
            K::BaselineConflict {
                target_year,
                baseline_year,
            } => match lang {
                Lang::Fr => format!(
                    "la cible se mesure par rapport à {target_year} mais baseline.year indique {baseline_year}"
                ),
                Lang::En => format!(
                    "the target is measured against {target_year} but baseline.year says {baseline_year}"
                ),
            },
            K::TargetBaselineOutside { year, period } => match lang {
                Lang::Fr => format!("l'année de référence {year} de la cible doit précéder la dernière année du plan, {} (et ne pas remonter à plus de 10 ans avant son début)", period.end),
                Lang::En => format!("the target's baseline year {year} must be before the plan's last year {} (and at most 10 years before its start)", period.end),
            },
            K::MissingBaseline => if fr {
                "une cible relative sur une somme cumulée (sur toute la durée du plan) n'a pas d'année de référence comparable"
            } else {
                "a relative target on a cumulative (whole-plan) sum has no comparable baseline year"
            }
            .to_string(),
        }
    }

    /// How to fix it, in the given language, when there is an obvious way.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        use PlanErrorKind as K;
        let pick = |fr: &str, en: &str| Some(lang.pick(fr, en).to_string());
        match self {
            K::InvalidTarget { error, .. } => error.hint(lang),
            K::InvalidId { .. } => pick(
                "un identifiant d'indicateur s'écrit comme `f3.1`",
                "indicator ids look like `f3.1`",
            ),
            K::InvalidPeriod { .. } => pick(
                "écrivez par exemple period = { start = 2025, end = 2029 }",
                "write e.g. period = { start = 2025, end = 2029 }",
            ),
            K::UnknownAxis { known, .. } => {
                let list: Vec<String> = known.iter().map(u32::to_string).collect();
                Some(match (lang, list.is_empty()) {
                    (Lang::Fr, true) => "axes définis : aucun".to_string(),
                    (Lang::Fr, false) => format!("axes définis : {}", list.join(", ")),
                    (Lang::En, true) => "known axes: none".to_string(),
                    (Lang::En, false) => format!("known axes: {}", list.join(", ")),
                })
            }
            K::ScheduleOutsidePeriod { .. } => pick(
                "un échéancier s'inscrit dans les années du plan, avec début ≤ fin",
                "schedules run within the plan years, start ≤ end",
            ),
            K::IncompatibleAggregation { measure, .. } => {
                let allowed: Vec<&str> = measure
                    .allowed_aggregations()
                    .iter()
                    .map(|a| a.code())
                    .collect();
                Some(match lang {
                    Lang::Fr => format!("utilisez l'une de celles-ci : {}", allowed.join(", ")),
                    Lang::En => format!("use one of: {}", allowed.join(", ")),
                })
            }
            K::BaselineYearOutside { period, .. } => {
                let year = period.start.saturating_sub(1);
                Some(match lang {
                    Lang::Fr => format!("l'année de référence par défaut est {year}"),
                    Lang::En => format!("the default baseline year is {year}"),
                })
            }
            K::IncompatibleTarget { shape, measure, .. } => match measure {
                Measure::Milestone => pick(
                    "un jalon prend la cible `réalisé`, éventuellement avec une échéance (`réalisé d'ici 2027`)",
                    "a milestone takes `réalisé`, optionally with a deadline (`réalisé d'ici 2027`)",
                ),
                Measure::Qualitative => pick(
                    "un indicateur qualitatif n'a pas de cible : il fait l'objet d'une appréciation (atteint / partiellement / non atteint)",
                    "a qualitative indicator takes no target: it is assessed (atteint / partiellement / non atteint)",
                ),
                _ if *shape == TargetShape::Milestone => pick(
                    "utilisez measure = \"milestone\" pour ce qui se réalise une fois",
                    "use measure = \"milestone\" for something done once",
                ),
                _ => pick(
                    "une évolution en points s'applique à un pourcentage (measure = \"ratio\" ou unit = \"%\")",
                    "a change in points applies to a percentage (measure = \"ratio\" or unit = \"%\")",
                ),
            },
            K::WindowConflict { .. } => pick(
                "supprimez `window` : le suffixe de période de la cible la fixe déjà",
                "remove `window`: the target's period suffix fixes it",
            ),
            K::TomlUnsupported => pick(
                "chargez le module complet (ctg_wasm_xlsx.js), ou donnez le plan en JSON (Plan.toJson)",
                "load the full module (ctg_wasm_xlsx.js), or give the plan as JSON (Plan.toJson)",
            ),
            K::BaselineConflict { .. } => pick(
                "gardez une seule année de référence : celle de la cible, ou `baseline.year`",
                "keep one baseline year: the target's, or `baseline.year`",
            ),
            K::MissingBaseline => pick(
                "indiquez baseline = { value = … }, ou utilisez une fenêtre annuelle",
                "give baseline = { value = … }, or use a yearly window",
            ),
            K::NegativeLevel { .. } => pick(
                "un nombre, un effectif ou un taux est positif ou nul : écrivez un niveau ≥ 0",
                "a count, a stock or a rate is zero or more: write a level ≥ 0",
            ),
            K::DuplicateKey { .. } => pick(
                "n'en gardez qu'une : le lecteur JSON garderait la dernière sans rien dire",
                "keep only one: a JSON reader would keep the last one silently",
            ),
            K::UnknownField {
                suggestion: Some(s),
                ..
            } => Some(match lang {
                Lang::Fr => format!("vouliez-vous dire `{s}` ?"),
                Lang::En => format!("did you mean `{s}`?"),
            }),
            K::UnknownField {
                suggestion: None, ..
            } => pick(
                "corrigez ou supprimez ce champ (voir le schéma du plan)",
                "fix or remove this field (see the plan schema)",
            ),
            K::Io { .. }
            | K::Serialize { .. }
            | K::TomlSyntax { .. }
            | K::JsonSyntax { .. }
            | K::Schema { .. }
            | K::ScheduleLevelType { .. }
            | K::EmptyField(_)
            | K::DuplicateAxis { .. }
            | K::DuplicateFiche { .. }
            | K::DuplicateIndicator { .. }
            | K::MilestoneOutsidePeriod { .. }
            | K::InvalidWeight { .. }
            | K::BaselineNotFinite
            | K::DeadlineOutsidePeriod { .. }
            | K::ScheduleYearsOutside { .. }
            | K::TargetBaselineOutside { .. } => None,
        }
    }

    /// The text at fault, when there is one to show (an id, a target).
    fn input(&self) -> Option<String> {
        use PlanErrorKind as K;
        match self {
            K::InvalidTarget { error, .. } => Some(error.input.clone()),
            K::InvalidId { id } | K::DuplicateIndicator { id, .. } => Some(id.clone()),
            K::IncompatibleTarget { target, .. }
            | K::NegativeLevel { target, .. }
            | K::DeadlineOutsidePeriod { target, .. }
            | K::ScheduleYearsOutside { target, .. } => Some(target.clone()),
            K::MilestoneOutsidePeriod { label, .. } => Some(label.clone()),
            _ => None,
        }
    }
}

/// One problem found in a plan: its kind (with its context) and where it is.
///
/// It serialises as before kinds were typed, with both languages rendered:
/// `{code, message, message_fr, location, hint?, hint_fr?}` (what Python's
/// `PlanError.errors` and JavaScript's `errors` hold); [`PlanIssue::problem`] gives the
/// one-language [`Problem`].
#[derive(Debug, Clone, PartialEq)]
pub struct PlanIssue {
    /// What is wrong.
    pub kind: PlanErrorKind,
    /// Where.
    pub location: PlanLocation,
}

impl PlanIssue {
    /// A new issue.
    pub fn new(kind: PlanErrorKind, location: PlanLocation) -> Self {
        PlanIssue { kind, location }
    }

    /// The stable code.
    pub fn code(&self) -> PlanErrorCode {
        self.kind.code()
    }

    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        self.kind.message(lang)
    }

    /// The hint in the given language, if there is one.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        self.kind.hint(lang)
    }

    /// The target-expression error behind an [`PlanErrorCode::InvalidTarget`].
    pub fn target_error(&self) -> Option<&TargetError> {
        match &self.kind {
            PlanErrorKind::InvalidTarget { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The issue as a [`Problem`] in the given language: `loc` is
    /// [`PlanLocation::path`]; a target at fault is the `input`, its culprit the `span`.
    ///
    /// ```
    /// use ctg_core::model::Plan;
    /// use ctg_core::Lang;
    /// let err = Plan::from_toml(
    ///     "id = \"x\"\ntitle = \"Plan\"\nterritory = \"T\"\nperiod = { start = 2029, end = 2025 }",
    /// )
    /// .unwrap_err();
    /// let p = err.issues[0].problem(Lang::En);
    /// assert_eq!((p.code.as_str(), p.line, p.column), ("invalid_period", Some(4), Some(10)));
    /// assert_eq!(p.hint.as_deref(), Some("write e.g. period = { start = 2025, end = 2029 }"));
    /// ```
    pub fn problem(&self, lang: Lang) -> Problem {
        let target = self.target_error();
        Problem {
            loc: self.location.path(),
            line: self.location.line,
            column: self.location.column,
            span: target.map(|t| Span::from(t.span.clone())),
            hint: self.hint(lang),
            expected: target.and_then(|t| t.expected(lang)),
            input: self.kind.input(),
            ..Problem::new(
                self.code().as_str(),
                ProblemKind::Plan,
                self.message(lang),
                lang,
            )
        }
    }

    /// The issue in the given language ([`Problem::render`]): the code, the location
    /// ([`PlanLocation::render`]), the message and the hint in parentheses; a target
    /// expression error adds lines showing the target with carets under the culprit. The
    /// English rendering is the [`Display`](std::fmt::Display) output.
    ///
    /// ```
    /// use ctg_core::model::Plan;
    /// use ctg_core::Lang;
    /// let err = Plan::from_toml(
    ///     "id = \"x\"\ntitle = \"Plan\"\nterritory = \"T\"\nperiod = { start = 2029, end = 2025 }",
    /// )
    /// .unwrap_err();
    /// assert_eq!(
    ///     err.issues[0].render(Lang::Fr),
    ///     "[invalid_period] champ `period`, ligne 4, colonne 10 : la période du plan 2029-2025 \
    ///      n'est pas une suite d'années entre 1900 et 2200 avec début ≤ fin (écrivez par \
    ///      exemple period = { start = 2025, end = 2029 })"
    /// );
    /// assert_eq!(err.issues[0].render(Lang::En), err.issues[0].to_string());
    /// ```
    pub fn render(&self, lang: Lang) -> String {
        self.problem(lang).render()
    }
}

impl std::fmt::Display for PlanIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl Serialize for PlanIssue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let hint = self.hint(Lang::En);
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", &self.code())?;
        map.serialize_entry("message", &self.message(Lang::En))?;
        map.serialize_entry("message_fr", &self.message(Lang::Fr))?;
        map.serialize_entry("location", &self.location)?;
        if hint.is_some() {
            map.serialize_entry("hint", &hint)?;
            map.serialize_entry("hint_fr", &self.hint(Lang::Fr))?;
        }
        map.end()
    }
}

/// Every problem found while loading or validating a plan (never empty).
///
/// ```
/// use ctg_core::model::Plan;
/// let err = Plan::from_toml("id = \"x\"\ntitle = \"\"\nterritory = \"T\"\nperiod = { start = 2029, end = 2025 }").unwrap_err();
/// let codes: Vec<_> = err.issues.iter().map(|i| i.code().as_str()).collect();
/// assert_eq!(codes, ["empty_field", "invalid_period"]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
pub struct PlanError {
    /// The problems, in document order.
    pub issues: Vec<PlanIssue>,
}

impl PlanError {
    /// An error with a single issue.
    pub fn single(issue: PlanIssue) -> Self {
        PlanError {
            issues: vec![issue],
        }
    }

    /// Every problem as a [`Problem`] in the given language.
    pub fn problems(&self, lang: Lang) -> Vec<Problem> {
        self.issues.iter().map(|i| i.problem(lang)).collect()
    }

    /// Every problem, in the given language ([`render_list`]): a header line (« le plan a
    /// 2 problèmes : », `the plan has 2 problems:`), then one `- ` item per issue
    /// ([`PlanIssue::render`]). The English rendering is the
    /// [`Display`](std::fmt::Display) output.
    ///
    /// ```
    /// use ctg_core::model::Plan;
    /// use ctg_core::Lang;
    /// let err = Plan::from_toml("id = \"x\"\ntitle = \"\"\nterritory = \"\"\nperiod = { start = 2025, end = 2029 }")
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.render(Lang::Fr),
    ///     "le plan a 2 problèmes :\n\
    ///      - [empty_field] champ `title`, ligne 2, colonne 9 : le titre du plan est vide\n\
    ///      - [empty_field] champ `territory`, ligne 3, colonne 13 : le territoire est vide"
    /// );
    /// assert_eq!(err.render(Lang::En), err.to_string());
    /// ```
    pub fn render(&self, lang: Lang) -> String {
        render_list(&self.problems(lang), None)
    }
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}
