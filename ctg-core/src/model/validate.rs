//! Semantic validation of a plan: every problem is collected, each with its place.

use std::collections::{HashMap, HashSet};

use super::{
    Aggregation, Fiche, Indicator, Measure, Plan, PlanErrorCode as Code, PlanIssue, PlanLocation,
};
use crate::target::TargetKind;

impl Plan {
    /// Check the plan's consistency and return every problem found (empty when valid).
    ///
    /// Checks: non-empty ids and titles, plausible period, duplicate axis/fiche numbers and
    /// indicator ids, fiches in unknown axes, schedules and milestones outside the plan
    /// period, aggregations and targets incompatible with the measure, windows contradicting
    /// a target's period suffix, relative targets without a usable baseline, bad weights.
    ///
    /// ```
    /// let plan = ctg_core::plans::sundgau().unwrap();
    /// assert!(plan.issues().is_empty());
    /// ```
    pub fn issues(&self) -> Vec<PlanIssue> {
        let mut out = Vec::new();
        let plan_loc = PlanLocation::default;
        if self.id.trim().is_empty() {
            out.push(PlanIssue::new(
                Code::EmptyField,
                plan_loc().field("id"),
                "the plan id is empty",
                "l'identifiant du plan est vide",
            ));
        } else if !valid_id(&self.id) {
            out.push(invalid_id(plan_loc().field("id"), &self.id));
        }
        if self.title.trim().is_empty() {
            out.push(PlanIssue::new(
                Code::EmptyField,
                plan_loc().field("title"),
                "the plan title is empty",
                "le titre du plan est vide",
            ));
        }
        if self.territory.trim().is_empty() {
            out.push(PlanIssue::new(
                Code::EmptyField,
                plan_loc().field("territory"),
                "the territory is empty",
                "le territoire est vide",
            ));
        }
        let p = self.period;
        if p.start > p.end || !(1900..=2200).contains(&p.start) || !(1900..=2200).contains(&p.end) {
            out.push(
                PlanIssue::new(
                    Code::InvalidPeriod,
                    plan_loc().field("period"),
                    format!("the plan period {p} is not a span of years between 1900 and 2200 with start ≤ end"),
                    format!("la période du plan {p} n'est pas une suite d'années entre 1900 et 2200 avec début ≤ fin"),
                )
                .with_hint(
                    "write e.g. period = { start = 2025, end = 2029 }",
                    "écrivez par exemple period = { start = 2025, end = 2029 }",
                ),
            );
        }

        let mut axes = std::collections::BTreeSet::new();
        for axis in &self.axes {
            let loc = PlanLocation {
                axis: Some(axis.number),
                ..Default::default()
            };
            if !axes.insert(axis.number) {
                out.push(PlanIssue::new(
                    Code::DuplicateAxis,
                    loc.clone(),
                    format!("axis {} is defined twice", axis.number),
                    format!("l'axe {} est défini deux fois", axis.number),
                ));
            }
            if axis.title.trim().is_empty() {
                out.push(PlanIssue::new(
                    Code::EmptyField,
                    loc.field("title"),
                    "the axis title is empty",
                    "le titre de l'axe est vide",
                ));
            }
        }

        let mut fiches = HashSet::new();
        let mut ids: HashMap<&str, u32> = HashMap::new();
        for fiche in &self.fiches {
            let loc = PlanLocation::fiche(fiche.number);
            if !fiches.insert(fiche.number) {
                out.push(PlanIssue::new(
                    Code::DuplicateFiche,
                    loc.clone(),
                    format!("fiche {} is defined twice", fiche.number),
                    format!("la fiche {} est définie deux fois", fiche.number),
                ));
            }
            if !axes.contains(&fiche.axis) {
                let known: Vec<String> = axes.iter().map(|n| n.to_string()).collect();
                out.push(
                    PlanIssue::new(
                        Code::UnknownAxis,
                        loc.clone().field("axis"),
                        format!(
                            "fiche {} is in axis {}, which the plan does not define",
                            fiche.number, fiche.axis
                        ),
                        format!(
                            "la fiche {} est rattachée à l'axe {}, que le plan ne définit pas",
                            fiche.number, fiche.axis
                        ),
                    )
                    .with_hint(
                        format!(
                            "known axes: {}",
                            if known.is_empty() {
                                "none".to_string()
                            } else {
                                known.join(", ")
                            }
                        ),
                        format!(
                            "axes définis : {}",
                            if known.is_empty() {
                                "aucun".to_string()
                            } else {
                                known.join(", ")
                            }
                        ),
                    ),
                );
            }
            if fiche.title.trim().is_empty() {
                out.push(PlanIssue::new(
                    Code::EmptyField,
                    loc.clone().field("title"),
                    "the fiche title is empty",
                    "le titre de la fiche est vide",
                ));
            }
            self.check_schedule(fiche, &mut out);
            for ind in &fiche.indicators {
                let iloc = PlanLocation::indicator(fiche.number, &ind.id);
                if ind.id.trim().is_empty() {
                    out.push(PlanIssue::new(
                        Code::EmptyField,
                        iloc.clone().field("id"),
                        "the indicator id is empty",
                        "l'identifiant de l'indicateur est vide",
                    ));
                } else if !valid_id(&ind.id) {
                    out.push(invalid_id(iloc.clone().field("id"), &ind.id));
                }
                if let Some(first) = ids.insert(&ind.id, fiche.number) {
                    out.push(PlanIssue::new(
                        Code::DuplicateIndicator,
                        iloc.clone().field("id"),
                        format!("indicator id `{}` is already used in fiche {first}", ind.id),
                        format!(
                            "l'identifiant d'indicateur `{}` est déjà utilisé dans la fiche {first}",
                            ind.id
                        ),
                    ));
                }
                self.check_indicator(ind, iloc, &mut out);
            }
        }
        out
    }

    fn check_schedule(&self, fiche: &Fiche, out: &mut Vec<PlanIssue>) {
        let s = &fiche.schedule;
        let loc = PlanLocation::fiche(fiche.number).field("schedule");
        if s.start > s.end
            || !self.period.contains_year(s.start)
            || !self.period.contains_year(s.end)
        {
            out.push(
                PlanIssue::new(
                    Code::OutsidePeriod,
                    loc.clone(),
                    format!(
                        "schedule {}-{} is not within the plan period {}",
                        s.start, s.end, self.period
                    ),
                    format!(
                        "l'échéancier {}-{} ne tient pas dans la période du plan {}",
                        s.start, s.end, self.period
                    ),
                )
                .with_hint(
                    "schedules run within the plan years, start ≤ end",
                    "un échéancier s'inscrit dans les années du plan, avec début ≤ fin",
                ),
            );
        }
        for m in &s.milestones {
            if !self.period.contains_year(m.year) {
                out.push(PlanIssue::new(
                    Code::OutsidePeriod,
                    loc.clone(),
                    format!(
                        "schedule milestone « {} » in {} is outside the plan period {}",
                        m.label, m.year, self.period
                    ),
                    format!(
                        "l'étape « {} » de l'échéancier, en {}, est hors de la période du plan {}",
                        m.label, m.year, self.period
                    ),
                ));
            }
        }
    }

    fn check_indicator(&self, ind: &Indicator, loc: PlanLocation, out: &mut Vec<PlanIssue>) {
        if ind.label.trim().is_empty() {
            out.push(PlanIssue::new(
                Code::EmptyField,
                loc.clone().field("label"),
                "the indicator label is empty",
                "le libellé de l'indicateur est vide",
            ));
        }
        let m = ind.measure;
        if let Some(agg) = ind.aggregation {
            if !m.allowed_aggregations().contains(&agg) {
                let allowed: Vec<&str> =
                    m.allowed_aggregations().iter().map(|a| a.code()).collect();
                out.push(
                    PlanIssue::new(
                        Code::IncompatibleAggregation,
                        loc.clone().field("aggregation"),
                        format!(
                            "aggregation `{}` does not fit measure `{}`",
                            agg.code(),
                            m.code()
                        ),
                        format!(
                            "l'agrégation `{}` ne convient pas à la mesure `{}`",
                            agg.code(),
                            m.code()
                        ),
                    )
                    .with_hint(
                        format!("use one of: {}", allowed.join(", ")),
                        format!("utilisez l'une de celles-ci : {}", allowed.join(", ")),
                    ),
                );
            }
        }
        if let Some(w) = ind.weight {
            if !w.is_finite() || w < 0.0 {
                out.push(PlanIssue::new(
                    Code::InvalidNumber,
                    loc.clone().field("weight"),
                    format!("weight {w} must be a finite number ≥ 0"),
                    format!("le poids {w} doit être un nombre fini ≥ 0"),
                ));
            }
        }
        if let Some(b) = &ind.baseline {
            if let Some(v) = b.value {
                if !v.is_finite() {
                    out.push(PlanIssue::new(
                        Code::InvalidNumber,
                        loc.clone().field("baseline"),
                        "the baseline value is not a finite number",
                        "la valeur de référence n'est pas un nombre fini",
                    ));
                }
            }
            if let Some(y) = b.year {
                if y >= self.period.end || y < self.period.start.saturating_sub(10) {
                    out.push(
                        PlanIssue::new(
                            Code::OutsidePeriod,
                            loc.clone().field("baseline"),
                            format!("baseline year {y} must be before the plan's last year {} (and at most 10 years before its start)", self.period.end),
                            format!("l'année de référence {y} doit précéder la dernière année du plan, {} (et ne pas remonter à plus de 10 ans avant son début)", self.period.end),
                        )
                        .with_hint(
                            format!("the default baseline year is {}", self.period.start.saturating_sub(1)),
                            format!("l'année de référence par défaut est {}", self.period.start.saturating_sub(1)),
                        ),
                    );
                }
            }
        }
        let Some(target) = &ind.target else { return };
        let tloc = loc.clone().field("target");
        let (kind_word, kind_word_fr) = match &target.kind {
            TargetKind::Compare { .. } => ("a threshold", "un seuil"),
            TargetKind::Range { .. } => ("a range", "une fourchette"),
            TargetKind::Relative { .. } => ("a relative change", "une évolution relative"),
            TargetKind::Points { .. } => ("a change in points", "une évolution en points"),
            TargetKind::Milestone { .. } => ("a milestone", "un jalon"),
            TargetKind::Schedule { .. } => (
                "a schedule of yearly levels",
                "un échéancier de cibles annuelles",
            ),
        };
        let fits = match (&target.kind, m) {
            (_, Measure::Qualitative) => false,
            (TargetKind::Milestone { .. }, Measure::Milestone) => true,
            (_, Measure::Milestone) | (TargetKind::Milestone { .. }, _) => false,
            (TargetKind::Points { .. }, Measure::Ratio) => true,
            (TargetKind::Points { .. }, _) => ind.unit.as_deref().is_some_and(|u| u.trim() == "%"),
            _ => true,
        };
        if !fits {
            let (hint, hint_fr) = match m {
                Measure::Milestone => (
                    "a milestone takes `réalisé`, optionally with a deadline (`réalisé d'ici 2027`)",
                    "un jalon prend la cible `réalisé`, éventuellement avec une échéance (`réalisé d'ici 2027`)",
                ),
                Measure::Qualitative => (
                    "a qualitative indicator takes no target: it is assessed (atteint / partiellement / non atteint)",
                    "un indicateur qualitatif n'a pas de cible : il fait l'objet d'une appréciation (atteint / partiellement / non atteint)",
                ),
                _ if matches!(target.kind, TargetKind::Milestone { .. }) => (
                    "use measure = \"milestone\" for something done once",
                    "utilisez measure = \"milestone\" pour ce qui se réalise une fois",
                ),
                _ => (
                    "a change in points applies to a percentage (measure = \"ratio\" or unit = \"%\")",
                    "une évolution en points s'applique à un pourcentage (measure = \"ratio\" ou unit = \"%\")",
                ),
            };
            out.push(
                PlanIssue::new(
                    Code::IncompatibleTarget,
                    tloc.clone(),
                    format!(
                        "target `{target}` is {kind_word}, which does not fit measure `{}`",
                        m.code()
                    ),
                    format!(
                        "la cible `{target}` est {kind_word_fr}, ce qui ne convient pas à la mesure `{}`",
                        m.code()
                    ),
                )
                .with_hint(hint, hint_fr),
            );
        }
        if let (Some(per), Some(w)) = (target.per, ind.window) {
            if per != w {
                out.push(
                    PlanIssue::new(
                        Code::WindowConflict,
                        loc.clone().field("window"),
                        format!(
                            "window `{}` contradicts the target's period `/{}`",
                            w.code(),
                            per.label(crate::Lang::Fr)
                        ),
                        format!(
                            "la fenêtre `{}` contredit la période de la cible `/{}`",
                            w.code(),
                            per.label(crate::Lang::Fr)
                        ),
                    )
                    .with_hint(
                        "remove `window`: the target's period suffix fixes it",
                        "supprimez `window` : le suffixe de période de la cible la fixe déjà",
                    ),
                );
            }
        }
        if let Some(d) = target.deadline() {
            let due = d.due_year();
            if !due.is_some_and(|y| self.period.contains_year(y)) {
                let (what, what_fr) = match target.kind {
                    TargetKind::Milestone { .. } => {
                        ("the milestone deadline", "l'échéance du jalon")
                    }
                    _ => ("the target's deadline", "l'échéance de la cible"),
                };
                out.push(PlanIssue::new(
                    Code::OutsidePeriod,
                    tloc.clone(),
                    format!(
                        "{what} ({target}) falls outside the plan period {}",
                        self.period
                    ),
                    format!(
                        "{what_fr} ({target}) tombe hors de la période du plan {}",
                        self.period
                    ),
                ));
            }
        }
        if let TargetKind::Schedule { steps, .. } = &target.kind {
            let first = steps.first().map(|s| s.year);
            if first.is_none_or(|y| y > self.period.end) {
                out.push(PlanIssue::new(
                    Code::OutsidePeriod,
                    tloc.clone(),
                    format!(
                        "no year of the schedule ({target}) falls in the plan period {}",
                        self.period
                    ),
                    format!(
                        "aucune année de l'échéancier ({target}) ne tombe dans la période du plan {}",
                        self.period
                    ),
                ));
            }
        }
        if let Some(y) = target.baseline_year() {
            let own = ind.baseline.as_ref().and_then(|b| b.year);
            if own.is_some_and(|own| own != y) {
                out.push(
                    PlanIssue::new(
                        Code::BaselineConflict,
                        loc.clone().field("baseline"),
                        format!(
                            "the target is measured against {y} but baseline.year says {}",
                            own.unwrap_or(y)
                        ),
                        format!(
                            "la cible se mesure par rapport à {y} mais baseline.year indique {}",
                            own.unwrap_or(y)
                        ),
                    )
                    .with_hint(
                        "keep one baseline year: the target's, or `baseline.year`",
                        "gardez une seule année de référence : celle de la cible, ou `baseline.year`",
                    ),
                );
            } else if y >= self.period.end || y < self.period.start.saturating_sub(10) {
                out.push(PlanIssue::new(
                    Code::OutsidePeriod,
                    tloc.clone(),
                    format!("the target's baseline year {y} must be before the plan's last year {} (and at most 10 years before its start)", self.period.end),
                    format!("l'année de référence {y} de la cible doit précéder la dernière année du plan, {} (et ne pas remonter à plus de 10 ans avant son début)", self.period.end),
                ));
            }
        }
        if matches!(
            target.kind,
            TargetKind::Relative { .. } | TargetKind::Points { .. }
        ) && fits
        {
            let agg = ind.aggregation();
            let has_value = ind.baseline.as_ref().and_then(|b| b.value).is_some();
            if ind.window() == super::Window::Plan && !has_value && agg == Aggregation::Sum {
                out.push(
                    PlanIssue::new(
                        Code::MissingBaseline,
                        loc.clone().field("baseline"),
                        "a relative target on a cumulative (whole-plan) sum has no comparable baseline year",
                        "une cible relative sur une somme cumulée (sur toute la durée du plan) n'a pas d'année de référence comparable",
                    )
                    .with_hint(
                        "give baseline = { value = … }, or use a yearly window",
                        "indiquez baseline = { value = … }, ou utilisez une fenêtre annuelle",
                    ),
                );
            }
        }
    }
}

fn valid_id(id: &str) -> bool {
    id.chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

fn invalid_id(loc: PlanLocation, id: &str) -> PlanIssue {
    PlanIssue::new(
        Code::InvalidId,
        loc,
        format!("id `{id}` may only hold letters, digits, `.`, `-` and `_`"),
        format!(
            "l'identifiant `{id}` ne peut contenir que des lettres, des chiffres, `.`, `-` et `_`"
        ),
    )
    .with_hint(
        "indicator ids look like `f3.1`",
        "un identifiant d'indicateur s'écrit comme `f3.1`",
    )
}
