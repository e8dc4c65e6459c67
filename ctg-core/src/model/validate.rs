//! Semantic validation of a plan: every problem is collected, each with its place.

use std::collections::{HashMap, HashSet};

use super::{
    Aggregation, EmptyText, Fiche, Indicator, Measure, Plan, PlanErrorKind as K, PlanIssue,
    PlanLocation, TargetShape,
};
use crate::problem::Segment;
use crate::target::TargetKind;

/// A node of the plan document, by canonical keys and positions in its lists
/// (`["fiches", 0, "indicators", 1, "target"]`): where [`Plan::located_issues`] says each
/// issue is, for the loader to find its line and column.
pub(crate) type NodePath = Vec<Segment>;

/// Collects issues with the node each one is about.
struct Found {
    out: Vec<(PlanIssue, NodePath)>,
}

impl Found {
    fn push(&mut self, kind: K, location: PlanLocation, node: NodePath) {
        self.out.push((PlanIssue::new(kind, location), node));
    }
}

/// A node path from its steps.
fn at<const N: usize>(steps: [Segment; N]) -> NodePath {
    steps.into_iter().collect()
}

fn key(k: &str) -> Segment {
    Segment::from(k)
}

fn index(i: usize) -> Segment {
    Segment::from(i)
}

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
        self.located_issues().into_iter().map(|(i, _)| i).collect()
    }

    /// [`Plan::issues`], each with the node of the plan document it is about.
    pub(crate) fn located_issues(&self) -> Vec<(PlanIssue, NodePath)> {
        let mut found = Found { out: Vec::new() };
        let plan_loc = PlanLocation::default;
        if self.id.trim().is_empty() {
            found.push(
                K::EmptyField(EmptyText::PlanId),
                plan_loc().field("id"),
                at([key("id")]),
            );
        } else if !valid_id(&self.id) {
            found.push(
                K::InvalidId {
                    id: self.id.clone(),
                },
                plan_loc().field("id"),
                at([key("id")]),
            );
        }
        if self.title.trim().is_empty() {
            found.push(
                K::EmptyField(EmptyText::PlanTitle),
                plan_loc().field("title"),
                at([key("title")]),
            );
        }
        if self.territory.trim().is_empty() {
            found.push(
                K::EmptyField(EmptyText::Territory),
                plan_loc().field("territory"),
                at([key("territory")]),
            );
        }
        let p = self.period;
        if p.start > p.end || !(1900..=2200).contains(&p.start) || !(1900..=2200).contains(&p.end) {
            found.push(
                K::InvalidPeriod { period: p },
                plan_loc().field("period"),
                at([key("period")]),
            );
        }

        let mut axes = std::collections::BTreeSet::new();
        for (ai, axis) in self.axes.iter().enumerate() {
            let loc = PlanLocation {
                axis: Some(axis.number),
                ..Default::default()
            };
            let node = at([key("axes"), index(ai)]);
            if !axes.insert(axis.number) {
                found.push(
                    K::DuplicateAxis {
                        number: axis.number,
                    },
                    loc.clone(),
                    node.clone(),
                );
            }
            if axis.title.trim().is_empty() {
                found.push(
                    K::EmptyField(EmptyText::AxisTitle),
                    loc.field("title"),
                    with(&node, "title"),
                );
            }
        }

        let mut fiches = HashSet::new();
        let mut ids: HashMap<&str, u32> = HashMap::new();
        for (fi, fiche) in self.fiches.iter().enumerate() {
            let loc = PlanLocation::fiche(fiche.number);
            let node = at([key("fiches"), index(fi)]);
            if !fiches.insert(fiche.number) {
                found.push(
                    K::DuplicateFiche {
                        number: fiche.number,
                    },
                    loc.clone(),
                    node.clone(),
                );
            }
            if !axes.contains(&fiche.axis) {
                found.push(
                    K::UnknownAxis {
                        fiche: fiche.number,
                        axis: fiche.axis,
                        known: axes.iter().copied().collect(),
                    },
                    loc.clone().field("axis"),
                    with(&node, "axis"),
                );
            }
            if fiche.title.trim().is_empty() {
                found.push(
                    K::EmptyField(EmptyText::FicheTitle),
                    loc.clone().field("title"),
                    with(&node, "title"),
                );
            }
            self.check_schedule(fiche, &node, &mut found);
            for (ii, ind) in fiche.indicators.iter().enumerate() {
                let iloc = PlanLocation::indicator(fiche.number, &ind.id);
                let inode = {
                    let mut n = with(&node, "indicators");
                    n.push(index(ii));
                    n
                };
                if ind.id.trim().is_empty() {
                    found.push(
                        K::EmptyField(EmptyText::IndicatorId),
                        iloc.clone().field("id"),
                        with(&inode, "id"),
                    );
                } else if !valid_id(&ind.id) {
                    found.push(
                        K::InvalidId { id: ind.id.clone() },
                        iloc.clone().field("id"),
                        with(&inode, "id"),
                    );
                }
                if let Some(first) = ids.insert(&ind.id, fiche.number) {
                    found.push(
                        K::DuplicateIndicator {
                            id: ind.id.clone(),
                            first_fiche: first,
                        },
                        iloc.clone().field("id"),
                        with(&inode, "id"),
                    );
                }
                self.check_indicator(ind, iloc, &inode, &mut found);
            }
        }
        found.out
    }

    fn check_schedule(&self, fiche: &Fiche, node: &NodePath, found: &mut Found) {
        let s = &fiche.schedule;
        let loc = PlanLocation::fiche(fiche.number).field("schedule");
        let snode = with(node, "schedule");
        if s.start > s.end
            || !self.period.contains_year(s.start)
            || !self.period.contains_year(s.end)
        {
            found.push(
                K::ScheduleOutsidePeriod {
                    start: s.start,
                    end: s.end,
                    period: self.period,
                },
                loc.clone(),
                snode.clone(),
            );
        }
        for (mi, m) in s.milestones.iter().enumerate() {
            if !self.period.contains_year(m.year) {
                let mut mnode = with(&snode, "milestones");
                mnode.push(index(mi));
                found.push(
                    K::MilestoneOutsidePeriod {
                        label: m.label.clone(),
                        year: m.year,
                        period: self.period,
                    },
                    loc.clone(),
                    mnode,
                );
            }
        }
    }

    fn check_indicator(
        &self,
        ind: &Indicator,
        loc: PlanLocation,
        node: &NodePath,
        found: &mut Found,
    ) {
        if ind.label.trim().is_empty() {
            found.push(
                K::EmptyField(EmptyText::IndicatorLabel),
                loc.clone().field("label"),
                with(node, "label"),
            );
        }
        let m = ind.measure;
        if let Some(agg) = ind.aggregation
            && !m.allowed_aggregations().contains(&agg)
        {
            found.push(
                K::IncompatibleAggregation {
                    aggregation: agg,
                    measure: m,
                },
                loc.clone().field("aggregation"),
                with(node, "aggregation"),
            );
        }
        if let Some(w) = ind.weight
            && (!w.is_finite() || w < 0.0)
        {
            found.push(
                K::InvalidWeight { weight: w },
                loc.clone().field("weight"),
                with(node, "weight"),
            );
        }
        let bnode = with(node, "baseline");
        if let Some(b) = &ind.baseline {
            if let Some(v) = b.value
                && !v.is_finite()
            {
                found.push(
                    K::BaselineNotFinite,
                    loc.clone().field("baseline"),
                    with(&bnode, "value"),
                );
            }
            if let Some(y) = b.year
                && (y >= self.period.end || y < self.period.start.saturating_sub(10))
            {
                found.push(
                    K::BaselineYearOutside {
                        year: y,
                        period: self.period,
                    },
                    loc.clone().field("baseline"),
                    with(&bnode, "year"),
                );
            }
        }
        let Some(target) = &ind.target else { return };
        let tloc = loc.clone().field("target");
        let tnode = with(node, "target");
        let fits = match (&target.kind, m) {
            (_, Measure::Qualitative) => false,
            (TargetKind::Milestone { .. }, Measure::Milestone) => true,
            (_, Measure::Milestone) | (TargetKind::Milestone { .. }, _) => false,
            (TargetKind::Points { .. }, Measure::Ratio) => true,
            (TargetKind::Points { .. }, _) => ind.unit.as_deref().is_some_and(|u| u.trim() == "%"),
            _ => true,
        };
        if !fits {
            found.push(
                K::IncompatibleTarget {
                    target: target.to_string(),
                    shape: TargetShape::of(&target.kind),
                    measure: m,
                },
                tloc.clone(),
                tnode.clone(),
            );
        }
        // A level no value of the measure can meet: below 0 for a measure whose values
        // cannot be negative (counts, distinct counts, stocks, ratios).
        let non_negative = matches!(
            m,
            Measure::Count | Measure::DistinctCount | Measure::Stock | Measure::Ratio
        );
        let impossible = match &target.kind {
            TargetKind::Compare { op, value, .. } => {
                *value < 0.0 || (*value <= 0.0 && *op == crate::target::Comparator::Lt)
            }
            TargetKind::Range { high, .. } => *high < 0.0,
            TargetKind::Schedule { steps, .. } => steps.iter().any(|s| s.value < 0.0),
            _ => false,
        };
        if non_negative && impossible {
            found.push(
                K::NegativeLevel {
                    target: target.to_string(),
                    measure: m,
                },
                tloc.clone(),
                tnode.clone(),
            );
        }
        if let (Some(per), Some(w)) = (target.per, ind.window)
            && per != w
        {
            found.push(
                K::WindowConflict { window: w, per },
                loc.clone().field("window"),
                with(node, "window"),
            );
        }
        if let Some(d) = target.deadline() {
            let due = d.due_year();
            if !due.is_some_and(|y| self.period.contains_year(y)) {
                found.push(
                    K::DeadlineOutsidePeriod {
                        milestone: matches!(target.kind, TargetKind::Milestone { .. }),
                        target: target.to_string(),
                        period: self.period,
                    },
                    tloc.clone(),
                    tnode.clone(),
                );
            }
        }
        if let TargetKind::Schedule { steps, .. } = &target.kind {
            let first = steps.first().map(|s| s.year);
            if first.is_none_or(|y| y > self.period.end) {
                found.push(
                    K::ScheduleYearsOutside {
                        target: target.to_string(),
                        period: self.period,
                    },
                    tloc.clone(),
                    tnode.clone(),
                );
            }
        }
        if let Some(y) = target.baseline_year() {
            let own = ind.baseline.as_ref().and_then(|b| b.year);
            if let Some(own) = own.filter(|own| *own != y) {
                found.push(
                    K::BaselineConflict {
                        target_year: y,
                        baseline_year: own,
                    },
                    loc.clone().field("baseline"),
                    with(&bnode, "year"),
                );
            } else if y >= self.period.end || y < self.period.start.saturating_sub(10) {
                found.push(
                    K::TargetBaselineOutside {
                        year: y,
                        period: self.period,
                    },
                    tloc.clone(),
                    tnode.clone(),
                );
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
                found.push(
                    K::MissingBaseline,
                    loc.clone().field("baseline"),
                    bnode.clone(),
                );
            }
        }
    }
}

/// A node path one key deeper.
fn with(node: &NodePath, k: &str) -> NodePath {
    let mut n = node.clone();
    n.push(key(k));
    n
}

fn valid_id(id: &str) -> bool {
    id.chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
}
