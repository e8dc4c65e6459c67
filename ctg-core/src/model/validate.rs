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
            ));
        } else if !valid_id(&self.id) {
            out.push(invalid_id(plan_loc().field("id"), &self.id));
        }
        if self.title.trim().is_empty() {
            out.push(PlanIssue::new(
                Code::EmptyField,
                plan_loc().field("title"),
                "the plan title is empty",
            ));
        }
        if self.territory.trim().is_empty() {
            out.push(PlanIssue::new(
                Code::EmptyField,
                plan_loc().field("territory"),
                "the territory is empty",
            ));
        }
        let p = self.period;
        if p.start > p.end || !(1900..=2200).contains(&p.start) || !(1900..=2200).contains(&p.end) {
            out.push(
                PlanIssue::new(
                    Code::InvalidPeriod,
                    plan_loc().field("period"),
                    format!("the plan period {p} is not a span of years between 1900 and 2200 with start ≤ end"),
                )
                .with_hint("write e.g. period = { start = 2025, end = 2029 }"),
            );
        }

        let mut axes = HashSet::new();
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
                ));
            }
            if axis.title.trim().is_empty() {
                out.push(PlanIssue::new(
                    Code::EmptyField,
                    loc.field("title"),
                    "the axis title is empty",
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
                ));
            }
            if !axes.contains(&fiche.axis) {
                let known: Vec<String> = self.axes.iter().map(|a| a.number.to_string()).collect();
                out.push(
                    PlanIssue::new(
                        Code::UnknownAxis,
                        loc.clone().field("axis"),
                        format!(
                            "fiche {} is in axis {}, which the plan does not define",
                            fiche.number, fiche.axis
                        ),
                    )
                    .with_hint(format!(
                        "known axes: {}",
                        if known.is_empty() {
                            "none".to_string()
                        } else {
                            known.join(", ")
                        }
                    )),
                );
            }
            if fiche.title.trim().is_empty() {
                out.push(PlanIssue::new(
                    Code::EmptyField,
                    loc.clone().field("title"),
                    "the fiche title is empty",
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
                    ));
                } else if !valid_id(&ind.id) {
                    out.push(invalid_id(iloc.clone().field("id"), &ind.id));
                }
                if let Some(first) = ids.insert(&ind.id, fiche.number) {
                    out.push(PlanIssue::new(
                        Code::DuplicateIndicator,
                        iloc.clone().field("id"),
                        format!("indicator id `{}` is already used in fiche {first}", ind.id),
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
                )
                .with_hint("schedules run within the plan years, start ≤ end"),
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
                    )
                    .with_hint(format!("use one of: {}", allowed.join(", "))),
                );
            }
        }
        if let Some(w) = ind.weight {
            if !w.is_finite() || w < 0.0 {
                out.push(PlanIssue::new(
                    Code::InvalidNumber,
                    loc.clone().field("weight"),
                    format!("weight {w} must be a finite number ≥ 0"),
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
                        )
                        .with_hint(format!("the default baseline year is {}", self.period.start.saturating_sub(1))),
                    );
                }
            }
        }
        let Some(target) = &ind.target else { return };
        let tloc = loc.clone().field("target");
        let kind_word = match &target.kind {
            TargetKind::Compare { .. } => "a threshold",
            TargetKind::Range { .. } => "a range",
            TargetKind::Relative { .. } => "a relative change",
            TargetKind::Points { .. } => "a change in points",
            TargetKind::Milestone { .. } => "a milestone",
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
            let hint = match m {
                Measure::Milestone => "a milestone takes `réalisé`, optionally with a deadline (`réalisé d'ici 2027`)",
                Measure::Qualitative => "a qualitative indicator takes no target: it is assessed (atteint / partiellement / non atteint)",
                _ if matches!(target.kind, TargetKind::Milestone { .. }) => "use measure = \"milestone\" for something done once",
                _ => "a change in points applies to a percentage (measure = \"ratio\" or unit = \"%\")",
            };
            out.push(
                PlanIssue::new(
                    Code::IncompatibleTarget,
                    tloc.clone(),
                    format!(
                        "target `{target}` is {kind_word}, which does not fit measure `{}`",
                        m.code()
                    ),
                )
                .with_hint(hint),
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
                    )
                    .with_hint("remove `window`: the target's period suffix fixes it"),
                );
            }
        }
        if let TargetKind::Milestone { deadline: Some(d) } = &target.kind {
            let due = d.due_date().map(|d| chrono::Datelike::year(&d));
            if !due.is_some_and(|y| self.period.contains_year(y)) {
                out.push(PlanIssue::new(
                    Code::OutsidePeriod,
                    tloc.clone(),
                    format!(
                        "the milestone deadline ({target}) falls outside the plan period {}",
                        self.period
                    ),
                ));
            }
        }
        if let Some(per) = target.per {
            if per == super::Window::Plan {
                out.push(PlanIssue::new(
                    Code::IncompatibleTarget,
                    tloc.clone(),
                    "a target's period suffix cannot be the whole plan",
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
                    )
                    .with_hint("give baseline = { value = … }, or use a yearly window"),
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
    )
    .with_hint("indicator ids look like `f3.1`")
}
