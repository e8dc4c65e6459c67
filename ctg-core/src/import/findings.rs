//! What the importer says about its reading: [`Finding`]s.
//!
//! A finding is a typed kind ([`FindingKind`]) with a stable snake_case code, a
//! [`Severity`] (`interpretation`, `warning`, `not_understood`) and where it applies
//! ([`Place`]: fiche, heading, indicator, line). Its message is rendered on demand in
//! French or English ([`Finding::render`]); [`Finding::problem`] gives the one
//! serialisable [`Problem`] shape the bindings show, of kind [`ProblemKind::Import`].

use crate::model::{Aggregation, Direction, Measure, PlanIssue, Window};
use crate::problem::{Problem, ProblemKind, Segment, Severity};
use crate::Lang;

/// Where a finding applies: every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// The fiche number.
    pub fiche: Option<u32>,
    /// The heading of the fiche's table row, as written (`INDICATEUR D'ÉVALUATION`).
    pub heading: Option<String>,
    /// The indicator id (`f3.1`).
    pub indicator: Option<String>,
    /// The 1-based line of the document's text.
    pub line: Option<usize>,
}

/// The wording that decided an indicator's measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasureCue {
    /// `Nombre de …`.
    Number,
    /// `Nombre de … différents` / `distincts` / `suivis` / `accompagnés`.
    Distinct,
    /// `Taux …`, or a percentage level.
    Rate,
    /// `Satisfaction …`.
    Satisfaction,
    /// `Réalisation d'…`, `Ouverture …`, `Publication …`, a milestone target.
    Milestone,
    /// A level such as places or posts (`nombre de places`, `postes`): a stock.
    Stock,
    /// An average or a delay (`délai moyen`, `durée moyenne`): a level, not a sum.
    Level,
    /// A number in the target, no other cue.
    NumericTarget,
    /// No number and no counting word (`Identification …`, `Renforcement …`).
    NoNumber,
}

impl MeasureCue {
    fn render(self, lang: Lang) -> &'static str {
        match self {
            MeasureCue::Number => lang.pick("le libellé dit « nombre »", "the label says « nombre »"),
            MeasureCue::Distinct => lang.pick(
                "le libellé compte des personnes différentes (« différents », « suivis »…) : chacune compte une fois par période",
                "the label counts distinct people (« différents », « suivis »…): each counts once per window",
            ),
            MeasureCue::Rate => lang.pick("le libellé dit « taux » ou « % »", "the label says « taux » or « % »"),
            MeasureCue::Satisfaction => lang.pick(
                "le libellé dit « satisfaction » : un score d'enquête, moyenne des réponses ; l'échelle n'est pas précisée",
                "the label says « satisfaction »: a survey score, averaged; the scale is not given",
            ),
            MeasureCue::Milestone => lang.pick(
                "le libellé décrit une chose à faire une fois (« réalisation », « ouverture », « publication »)",
                "the label describes something done once (« réalisation », « ouverture », « publication »)",
            ),
            MeasureCue::Stock => lang.pick(
                "le libellé porte sur un niveau (places, postes) relevé comme un stock : la dernière valeur connue compte",
                "the label is about a level (places, posts) read as a stock: the latest value counts",
            ),
            MeasureCue::Level => lang.pick(
                "le libellé porte sur une moyenne ou un délai (« moyen », « délai », « durée ») : un niveau relevé à une date, la dernière valeur connue compte",
                "the label is about an average or a delay (« moyen », « délai », « durée »): a level read at a date, the latest value counts",
            ),
            MeasureCue::NumericTarget => lang.pick("la cible est un nombre", "the target is a number"),
            MeasureCue::NoNumber => lang.pick(
                "ni nombre ni mot de comptage : appréciation qualitative (atteint, partiellement atteint, non atteint)",
                "no number and no counting word: a qualitative assessment (met, partly met, not met)",
            ),
        }
    }
}

/// Why an indicator got its window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowCue {
    /// The target's period (`/an`, `/mois`).
    TargetPeriod,
    /// A milestone: once over the plan.
    Milestone,
    /// Creations or experiments (`créées`, `création`, `expérimentation`): a total over
    /// the plan.
    Cumulative,
    /// The fiche's schedule has a cadence (`Échéancier annuel`).
    Schedule,
    /// Nothing says: a year.
    Default,
}

impl WindowCue {
    fn render(self, lang: Lang) -> &'static str {
        match self {
            WindowCue::TargetPeriod => lang.pick(
                "fixée par la période de la cible",
                "set by the target's period",
            ),
            WindowCue::Milestone => lang.pick(
                "un jalon se réalise une fois sur la durée du plan",
                "a milestone is done once over the plan",
            ),
            WindowCue::Cumulative => lang.pick(
                "cumul sur la durée du plan (le libellé parle de créations ou d'expérimentations)",
                "a total over the plan (the label speaks of creations or experiments)",
            ),
            WindowCue::Schedule => lang.pick(
                "d'après le rythme de l'échéancier de la fiche",
                "from the fiche's schedule cadence",
            ),
            WindowCue::Default => lang.pick(
                "le plan ne dit pas de période : une année",
                "the plan names no period: a year",
            ),
        }
    }
}

/// What a finding says, with its context.
#[derive(Debug, Clone, PartialEq)]
pub enum FindingKind {
    /// The input was not UTF-8: decoded with replacement characters.
    NotUtf8,
    /// No fiche (`FICHE D'ACTION N°k`) was found.
    NoFiche,
    /// The plan's title is not written as such: composed from the cover.
    TitleComposed {
        /// The title given.
        title: String,
    },
    /// The territory is not written: a placeholder to fill in.
    TerritoryMissing,
    /// The plan's period read from somewhere other than the cover.
    PeriodInferred {
        /// First year.
        start: i32,
        /// Last year.
        end: i32,
    },
    /// No year found anywhere: a placeholder period.
    PeriodMissing,
    /// The plan's id, made from its title and period.
    IdMade {
        /// The id.
        id: String,
    },
    /// A fiche appears before any axis banner: put on an unnamed axis.
    AxisUnnamed {
        /// The axis number.
        number: u32,
    },
    /// Axes numbered in the order of their banners.
    AxisNumbered {
        /// The axis number.
        number: u32,
        /// Its title.
        title: String,
    },
    /// A dotted fiche code (`N° 1.2`, `FA 2.3`): the fiche is numbered in plan order.
    FicheCode {
        /// The code as written.
        code: String,
        /// The number given.
        number: u32,
    },
    /// A fiche number seen twice.
    DuplicateFiche {
        /// The number.
        number: u32,
    },
    /// A fiche without a title line.
    FicheTitleMissing,
    /// A fiche without one of the template's headings.
    MissingHeading {
        /// The template heading.
        heading: &'static str,
    },
    /// A heading seen twice in a fiche: the cells are joined.
    DuplicateHeading,
    /// A heading this model has no field for (`POINTS DE VIGILANCE`): its text is here.
    HeadingNotInModel {
        /// The text of the cell.
        text: String,
    },
    /// A heading not understood: its text is here.
    UnknownHeading {
        /// The text of the cell.
        text: String,
    },
    /// Text that could not be placed in the plan: kept here.
    UnplacedText {
        /// The text.
        text: String,
    },
    /// A sub-action title written at the end of the previous item, before its list.
    SubActionTitleJoined {
        /// The title.
        title: String,
    },
    /// Items written before any sub-action title: put in an untitled sub-action.
    UntitledSubAction,
    /// The schedule has no year: the plan period is used.
    ScheduleWithoutYears {
        /// The schedule as written.
        text: String,
    },
    /// Introductory text before any section heading.
    UntitledIntro,
    /// The measure read from the wording.
    MeasureInferred {
        /// The measure.
        measure: Measure,
        /// Why.
        cue: MeasureCue,
    },
    /// The window read from the wording or the schedule.
    WindowInferred {
        /// The window.
        window: Window,
        /// Why.
        cue: WindowCue,
    },
    /// The aggregation is the measure's default.
    AggregationDefault {
        /// The aggregation.
        aggregation: Aggregation,
    },
    /// No target in the plan for this indicator.
    NoTarget,
    /// A milestone with no date: due by the end of the fiche's schedule.
    TargetFromSchedule {
        /// The target written.
        target: String,
    },
    /// A target taken from the fiche's expected result.
    TargetFromExpectedResult {
        /// The target.
        target: String,
        /// The expected result.
        result: String,
    },
    /// The target read inside the sentence.
    TargetInSentence {
        /// The part read as the target.
        target: String,
    },
    /// The label is itself the target (`1 COPIl/an`, `Réduction de 10% des vacances de postes`).
    LabelIsTarget {
        /// The part read as the target.
        target: String,
    },
    /// A strict comparison (`> 200`) applies to each window.
    StrictEachWindow {
        /// The target as written.
        target: String,
        /// The window.
        window: Window,
    },
    /// A bare number read as a minimum (`1 COPIl/an` = at least 1 a year).
    BareNumberMinimum {
        /// The target as written.
        target: String,
    },
    /// A relative target's baseline: the year before the plan.
    BaselineAssumed {
        /// The year.
        year: i32,
        /// The plan's last year, when the change is due.
        due: i32,
    },
    /// The direction taken from the target.
    DirectionFromTarget {
        /// The direction.
        direction: Direction,
    },
    /// Something that looks like a target but does not parse: kept in the label.
    TargetNotUnderstood {
        /// The text.
        text: String,
        /// The target parser's code.
        code: String,
    },
    /// The plan as imported does not validate.
    PlanCheck {
        /// The validation issue.
        issue: PlanIssue,
    },
}

/// One finding of the import: what, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What.
    pub kind: FindingKind,
    /// Where.
    pub place: Place,
}

fn quote(s: &str) -> String {
    let cut: String = s.chars().take(120).collect();
    if cut.len() < s.len() {
        format!("« {cut}… »")
    } else {
        format!("« {cut} »")
    }
}

impl FindingKind {
    /// The stable snake_case code.
    pub fn code(&self) -> &'static str {
        use FindingKind as K;
        match self {
            K::NotUtf8 => "not_utf8",
            K::NoFiche => "no_fiche",
            K::TitleComposed { .. } => "title_composed",
            K::TerritoryMissing => "territory_missing",
            K::PeriodInferred { .. } => "period_inferred",
            K::PeriodMissing => "period_missing",
            K::IdMade { .. } => "id_made",
            K::AxisUnnamed { .. } => "axis_unnamed",
            K::AxisNumbered { .. } => "axis_numbered",
            K::FicheCode { .. } => "fiche_code",
            K::DuplicateFiche { .. } => "duplicate_fiche",
            K::FicheTitleMissing => "fiche_title_missing",
            K::MissingHeading { .. } => "missing_heading",
            K::DuplicateHeading => "duplicate_heading",
            K::HeadingNotInModel { .. } => "heading_not_in_model",
            K::UnknownHeading { .. } => "unknown_heading",
            K::UnplacedText { .. } => "unplaced_text",
            K::SubActionTitleJoined { .. } => "sub_action_title_joined",
            K::UntitledSubAction => "untitled_sub_action",
            K::ScheduleWithoutYears { .. } => "schedule_without_years",
            K::UntitledIntro => "untitled_intro",
            K::MeasureInferred { .. } => "measure_inferred",
            K::WindowInferred { .. } => "window_inferred",
            K::AggregationDefault { .. } => "aggregation_default",
            K::NoTarget => "no_target",
            K::TargetFromSchedule { .. } => "target_from_schedule",
            K::TargetFromExpectedResult { .. } => "target_from_expected_result",
            K::TargetInSentence { .. } => "target_in_sentence",
            K::LabelIsTarget { .. } => "label_is_target",
            K::StrictEachWindow { .. } => "strict_each_window",
            K::BareNumberMinimum { .. } => "bare_number_minimum",
            K::BaselineAssumed { .. } => "baseline_assumed",
            K::DirectionFromTarget { .. } => "direction_from_target",
            K::TargetNotUnderstood { .. } => "target_not_understood",
            K::PlanCheck { .. } => "plan_check",
        }
    }

    /// How serious it is.
    pub fn severity(&self) -> Severity {
        use FindingKind as K;
        match self {
            K::NotUtf8
            | K::NoFiche
            | K::TerritoryMissing
            | K::PeriodMissing
            | K::DuplicateFiche { .. }
            | K::FicheTitleMissing
            | K::MissingHeading { .. }
            | K::DuplicateHeading
            | K::ScheduleWithoutYears { .. }
            | K::AxisUnnamed { .. }
            | K::PlanCheck { .. } => Severity::Warning,
            K::HeadingNotInModel { .. }
            | K::UnknownHeading { .. }
            | K::UnplacedText { .. }
            | K::TargetNotUnderstood { .. } => Severity::NotUnderstood,
            _ => Severity::Interpretation,
        }
    }

    /// The message in the given language.
    pub fn render(&self, lang: Lang) -> String {
        use FindingKind as K;
        let fr = lang == Lang::Fr;
        let pick = |f: String, e: String| if fr { f } else { e };
        match self {
            K::NotUtf8 => lang.pick(
                "le texte n'est pas en UTF-8 : les caractères illisibles sont remplacés par �",
                "the text is not UTF-8: unreadable characters are replaced with �",
            ).into(),
            K::NoFiche => lang.pick(
                "aucune fiche d'action (« FICHE D'ACTION N°… ») n'a été trouvée",
                "no action sheet (« FICHE D'ACTION N°… ») was found",
            ).into(),
            K::TitleComposed { title } => pick(
                format!("le titre du plan n'est pas écrit tel quel : titre composé {}", quote(title)),
                format!("the plan's title is not written as such: composed {}", quote(title)),
            ),
            K::TerritoryMissing => lang.pick(
                "le territoire n'est pas écrit dans le document : à compléter",
                "the territory is not written in the document: to fill in",
            ).into(),
            K::PeriodInferred { start, end } => pick(
                format!("période {start}-{end} déduite des échéanciers des fiches"),
                format!("period {start}-{end} taken from the fiches' schedules"),
            ),
            K::PeriodMissing => lang.pick(
                "aucune année trouvée : la période est à compléter",
                "no year found: the period is to fill in",
            ).into(),
            K::IdMade { id } => pick(
                format!("identifiant du plan « {id} » composé du titre et de la période"),
                format!("plan id « {id} » made from the title and the period"),
            ),
            K::AxisUnnamed { number } => pick(
                format!("fiche sans bandeau d'axe avant elle : rangée dans un axe {number} sans titre"),
                format!("fiche with no axis banner before it: put on an untitled axis {number}"),
            ),
            K::AxisNumbered { number, title } => pick(
                format!("axe numéroté {number} dans l'ordre des bandeaux : {}", quote(title)),
                format!("axis numbered {number} in the order of the banners: {}", quote(title)),
            ),
            K::FicheCode { code, number } => pick(
                format!("fiche codée « {code} » : numérotée {number} dans l'ordre du plan"),
                format!("fiche coded « {code} »: numbered {number} in plan order"),
            ),
            K::DuplicateFiche { number } => pick(
                format!("le numéro de fiche {number} apparaît deux fois"),
                format!("fiche number {number} appears twice"),
            ),
            K::FicheTitleMissing => lang.pick(
                "la fiche n'a pas de ligne de titre",
                "the fiche has no title line",
            ).into(),
            K::MissingHeading { heading } => pick(
                format!("la fiche n'a pas de rubrique {heading}"),
                format!("the fiche has no {heading} heading"),
            ),
            K::DuplicateHeading => lang.pick(
                "rubrique écrite deux fois : les deux cellules sont réunies",
                "heading written twice: both cells are joined",
            ).into(),
            K::HeadingNotInModel { text } => pick(
                format!("rubrique sans champ dans le modèle de plan ; son texte est gardé ici : {}", quote(text)),
                format!("heading with no field in the plan model; its text is kept here: {}", quote(text)),
            ),
            K::UnknownHeading { text } => pick(
                format!("rubrique non reconnue ; son texte est gardé ici : {}", quote(text)),
                format!("heading not recognised; its text is kept here: {}", quote(text)),
            ),
            K::UnplacedText { text } => pick(
                format!("texte qui n'a pas pu être placé dans le plan, gardé ici : {}", quote(text)),
                format!("text that could not be placed in the plan, kept here: {}", quote(text)),
            ),
            K::SubActionTitleJoined { title } => pick(
                format!("titre de sous-action {} lu à la fin de l'élément précédent, avant sa liste", quote(title)),
                format!("sub-action title {} read at the end of the previous item, before its list", quote(title)),
            ),
            K::UntitledSubAction => lang.pick(
                "éléments écrits avant tout titre de sous-action : rangés dans une sous-action sans titre",
                "items written before any sub-action title: put in an untitled sub-action",
            ).into(),
            K::ScheduleWithoutYears { text } => pick(
                format!("échéancier sans année {} : la période du plan est retenue", quote(text)),
                format!("schedule without a year {}: the plan period is used", quote(text)),
            ),
            K::UntitledIntro => lang.pick(
                "texte d'introduction avant tout titre de section : section « Préambule »",
                "introductory text before any section heading: section « Préambule »",
            ).into(),
            K::MeasureInferred { measure, cue } => pick(
                format!("mesure « {} » : {}", measure.label(lang), cue.render(lang)),
                format!("measure « {} »: {}", measure.label(lang), cue.render(lang)),
            ),
            K::WindowInferred { window, cue } => pick(
                format!("fenêtre « {} » : {}", window.label(lang), cue.render(lang)),
                format!("window « {} »: {}", window.label(lang), cue.render(lang)),
            ),
            K::AggregationDefault { aggregation } => pick(
                format!("agrégation « {} », celle de la mesure par défaut", aggregation.code()),
                format!("aggregation « {} », the measure's default", aggregation.code()),
            ),
            K::NoTarget => lang.pick("sans cible chiffrée dans le plan", "no numeric target in the plan").into(),
            K::TargetFromSchedule { target } => pick(
                format!("cible « {target} » déduite de l'échéancier de la fiche ; le plan ne fixe pas d'échéance propre"),
                format!("target « {target} » taken from the fiche's schedule; the plan sets no date of its own"),
            ),
            K::TargetFromExpectedResult { target, result } => pick(
                format!("cible « {target} » reprise du résultat attendu de la fiche {}", quote(result)),
                format!("target « {target} » taken from the fiche's expected result {}", quote(result)),
            ),
            K::TargetInSentence { target } => pick(
                format!("cible « {target} » lue dans la phrase"),
                format!("target « {target} » read inside the sentence"),
            ),
            K::LabelIsTarget { target } => pick(
                format!("le libellé est lui-même la cible : « {target} »"),
                format!("the label is itself the target: « {target} »"),
            ),
            K::StrictEachWindow { target, window } => pick(
                format!("la cible « {target} » (strictement) s'applique à chaque période « {} »", window.label(lang)),
                format!("the target « {target} » (strict) applies to each « {} » window", window.label(lang)),
            ),
            K::BareNumberMinimum { target } => pick(
                format!("« {target} » lu comme un minimum (au moins)"),
                format!("« {target} » read as a minimum (at least)"),
            ),
            K::BaselineAssumed { year, due } => pick(
                format!("cible relative mesurée par rapport à {year} (année précédant le plan ; la fiche ne précise pas la référence), à atteindre à la fin du plan ({due})"),
                format!("relative target measured against {year} (the year before the plan; the fiche names no baseline), due by the end of the plan ({due})"),
            ),
            K::DirectionFromTarget { direction } => match direction {
                Direction::Decreasing => lang.pick(
                    "sens à la baisse d'après la cible (moins, c'est mieux)",
                    "decreasing, from the target (less is better)",
                ).into(),
                Direction::Increasing => lang.pick(
                    "sens à la hausse d'après la cible",
                    "increasing, from the target",
                ).into(),
            },
            K::TargetNotUnderstood { text, code } => pick(
                format!("{} ressemble à une cible mais n'a pas été comprise ({code}) : gardée dans le libellé", quote(text)),
                format!("{} looks like a target but was not understood ({code}): kept in the label", quote(text)),
            ),
            K::PlanCheck { issue } => pick(
                format!("le plan importé ne passe pas la vérification : {}", issue.message(lang)),
                format!("the imported plan does not pass the check: {}", issue.message(lang)),
            ),
        }
    }
}

impl Finding {
    /// A finding of this kind at this place.
    pub fn new(kind: FindingKind, place: Place) -> Self {
        Finding { kind, place }
    }

    /// The stable snake_case code.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// How serious it is.
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    /// The message in the given language (without the place).
    pub fn render(&self, lang: Lang) -> String {
        self.kind.render(lang)
    }

    /// The sentence written in an indicator's `notes` for an interpretation
    /// (« Interprétation : … », in French, the plan's language).
    pub fn note(&self) -> String {
        format!("Interprétation : {}.", self.kind.render(Lang::Fr))
    }

    /// The place as a location path: `["fiches", 3, "indicators", "f3.1"]`, with the
    /// heading as written after the fiche when there is no indicator.
    pub fn loc(&self) -> Vec<Segment> {
        let mut loc = Vec::new();
        if let Some(f) = self.place.fiche {
            loc.push(Segment::from("fiches"));
            loc.push(Segment::from(f));
        }
        if let Some(id) = &self.place.indicator {
            loc.push(Segment::from("indicators"));
            loc.push(Segment::from(id.as_str()));
        } else if let Some(h) = &self.place.heading {
            loc.push(Segment::from(h.as_str()));
        }
        loc
    }

    /// The finding as a [`Problem`] of kind `import`, in the given language.
    ///
    /// ```
    /// use ctg_core::import::{Finding, FindingKind, Place};
    /// use ctg_core::Lang;
    /// let f = Finding::new(FindingKind::NoTarget, Place { fiche: Some(1), indicator: Some("f1.1".into()), ..Place::default() });
    /// let p = f.problem(Lang::Fr);
    /// assert_eq!((p.code.as_str(), p.severity.as_str()), ("no_target", "interpretation"));
    /// assert_eq!(p.render(), "[no_target] fiche 1, indicateur f1.1 : sans cible chiffrée dans le plan");
    /// ```
    pub fn problem(&self, lang: Lang) -> Problem {
        let mut p = Problem::new(self.code(), ProblemKind::Import, self.render(lang), lang);
        p.severity = self.severity();
        p.loc = self.loc();
        p.line = self.place.line;
        p
    }
}
