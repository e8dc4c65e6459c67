//! Canonical display of targets, in French (the [`fmt::Display`] form) or English.
//!
//! | target | French | English |
//! |---|---|---|
//! | `Compare` | `> 200`, `≥ 1 COPIl / an`, `≥ 70 %`, `≥ 8 jeunes en 2025` | `> 200`, `≥ 1 COPIl / year`, `≥ 70%`, `≥ 8 jeunes in 2025` |
//! | `Range` | `entre 10 et 20`, `entre 10 et 20 d'ici 2027` | `between 10 and 20`, `between 10 and 20 by 2027` |
//! | `Relative` | `+20 % par rapport à la référence`, `−10 % des vacances de postes par rapport à 2024 d'ici 2028` | `+20% vs baseline`, `-10% des vacances de postes vs 2024 by 2028` |
//! | `Points` | `+5 points`, `−1 point par rapport à 2023` | `+5 points`, `-1 point vs 2023` |
//! | `Milestone` | `réalisé`, `réalisé d'ici 2027` | `done`, `done by 2027` |
//! | `Schedule` | `20 en 2026, 30 en 2028`, `≥ 55 % en 2025, ≥ 60 % en 2030` | `20 in 2026, 30 in 2028` |
//!
//! Periods print as ` / semaine`, ` / mois`, ` / trimestre`, ` / semestre`, ` / an` and
//! ` sur la durée de la convention` (English ` / week` … ` / year`, ` over the plan
//! period`).
//!
//! Numbers are printed exactly (Rust's shortest round-trip representation, never in
//! exponent notation). French uses a decimal comma, U+2212 `−` for negatives and groups
//! thousands with U+202F (narrow no-break space) from four integer digits on: `1 000`,
//! `12,5`. English uses a decimal point, `-`, and no grouping: `1000`, `12.5`.

use std::fmt;

use super::ast::{Comparator, Deadline, DeadlineRelation, Target, TargetKind};
use crate::window::Window;
use crate::Lang;

impl Comparator {
    /// The symbol used by the canonical display: `>`, `≥`, `<`, `≤` or `=`.
    ///
    /// ```
    /// use ctg_core::target::Comparator;
    /// assert_eq!(Comparator::Ge.symbol(), "≥");
    /// ```
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Gt => ">",
            Comparator::Ge => "≥",
            Comparator::Lt => "<",
            Comparator::Le => "≤",
            Comparator::Eq => "=",
        }
    }
}

impl fmt::Display for Comparator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// Format a number exactly, in the conventions of `lang` (see the module docs).
pub(crate) fn format_number(value: f64, lang: Lang) -> String {
    let mut out = String::new();
    if value < 0.0 {
        out.push(minus(lang));
    }
    let digits = format!("{}", value.abs());
    let (integer, fraction) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits.as_str(), None),
    };
    match lang {
        Lang::Fr if integer.len() >= 4 && integer.bytes().all(|b| b.is_ascii_digit()) => {
            let len = integer.len();
            for (i, c) in integer.chars().enumerate() {
                if i > 0 && (len - i) % 3 == 0 {
                    out.push('\u{202f}');
                }
                out.push(c);
            }
        }
        _ => out.push_str(integer),
    }
    if let Some(fraction) = fraction {
        out.push(match lang {
            Lang::Fr => ',',
            Lang::En => '.',
        });
        out.push_str(fraction);
    }
    out
}

fn minus(lang: Lang) -> char {
    match lang {
        Lang::Fr => '\u{2212}',
        Lang::En => '-',
    }
}

/// A signed number: `+20`, `−10` (French) or `-10` (English).
fn format_signed(value: f64, lang: Lang) -> String {
    if value < 0.0 {
        format_number(value, lang)
    } else {
        format!("+{}", format_number(value, lang))
    }
}

fn percent_sign(lang: Lang) -> &'static str {
    lang.pick(" %", "%")
}

impl Target {
    /// The canonical text of the target in `lang`; it parses back to an equal target.
    ///
    /// `Display` (`to_string()`) gives the French form. A `unit` or a `per` on a relative
    /// change, a change in points or a milestone is not displayed (the language has no
    /// syntax for it), nor is a `subject` on anything but a change; numbers outside the
    /// parser's range (≥ 10¹⁵, more than 20 decimals, non-finite), a schedule with fewer
    /// than two steps, years out of order, or negative levels without comparator are
    /// printed but do not parse back.
    ///
    /// ```
    /// use ctg_core::target::parse;
    /// use ctg_core::Lang;
    ///
    /// let t = parse("4 Cotech/an").unwrap();
    /// assert_eq!(t.to_string(), "≥ 4 Cotech / an");
    /// assert_eq!(t.display(Lang::En), "≥ 4 Cotech / year");
    ///
    /// let t = parse("Réduction de 10%").unwrap();
    /// assert_eq!(t.display(Lang::Fr), "−10 % par rapport à la référence");
    /// assert_eq!(t.display(Lang::En), "-10% vs baseline");
    /// assert_eq!(parse(&t.display(Lang::En)).unwrap(), t);
    ///
    /// let t = parse("entre 1000 et 2500,5 places").unwrap();
    /// assert_eq!(t.to_string(), "entre 1\u{202f}000 et 2\u{202f}500,5 places");
    /// assert_eq!(t.display(Lang::En), "between 1000 and 2500.5 places");
    /// ```
    pub fn display(&self, lang: Lang) -> String {
        let mut out = String::new();
        match &self.kind {
            TargetKind::Compare {
                op,
                value,
                percent,
                deadline,
            } => {
                out.push_str(op.symbol());
                out.push(' ');
                out.push_str(&format_number(*value, lang));
                if *percent {
                    out.push_str(percent_sign(lang));
                }
                self.push_suffix(&mut out, lang);
                push_deadline(&mut out, deadline.as_ref(), lang);
            }
            TargetKind::Range {
                low,
                high,
                percent,
                deadline,
            } => {
                let pct = if *percent { percent_sign(lang) } else { "" };
                out.push_str(&format!(
                    "{} {}{pct} {} {}{pct}",
                    lang.pick("entre", "between"),
                    format_number(*low, lang),
                    lang.pick("et", "and"),
                    format_number(*high, lang),
                ));
                self.push_suffix(&mut out, lang);
                push_deadline(&mut out, deadline.as_ref(), lang);
            }
            TargetKind::Relative {
                percent,
                baseline_year,
                deadline,
            } => {
                out.push_str(&format_signed(*percent, lang));
                out.push_str(percent_sign(lang));
                self.push_subject(&mut out);
                match baseline_year {
                    Some(y) => out.push_str(&format!(" {} {y}", lang.pick("par rapport à", "vs"))),
                    None => out.push_str(lang.pick(" par rapport à la référence", " vs baseline")),
                }
                push_deadline(&mut out, deadline.as_ref(), lang);
            }
            TargetKind::Points {
                points,
                baseline_year,
                deadline,
            } => {
                out.push_str(&format_signed(*points, lang));
                let singular = match lang {
                    Lang::Fr => points.abs() < 2.0,
                    Lang::En => points.abs() == 1.0,
                };
                out.push_str(if singular { " point" } else { " points" });
                self.push_subject(&mut out);
                if let Some(y) = baseline_year {
                    out.push_str(&format!(" {} {y}", lang.pick("par rapport à", "vs")));
                }
                push_deadline(&mut out, deadline.as_ref(), lang);
            }
            TargetKind::Milestone { deadline } => {
                out.push_str(lang.pick("réalisé", "done"));
                push_deadline(&mut out, deadline.as_ref(), lang);
            }
            TargetKind::Schedule { op, steps, percent } => {
                for (i, step) in steps.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    if let Some(op) = op {
                        out.push_str(op.symbol());
                        out.push(' ');
                    }
                    out.push_str(&format_number(step.value, lang));
                    if *percent {
                        out.push_str(percent_sign(lang));
                    }
                    self.push_suffix(&mut out, lang);
                    out.push_str(&format!(" {} {}", lang.pick("en", "in"), step.year));
                }
            }
        }
        out
    }

    /// Append ` unit` and ` / period` (levels, ranges and schedules).
    fn push_suffix(&self, out: &mut String, lang: Lang) {
        if let Some(unit) = self.unit.as_deref().filter(|u| !u.trim().is_empty()) {
            out.push(' ');
            out.push_str(unit.trim());
        }
        match self.per {
            Some(Window::Plan) => {
                out.push_str(lang.pick(" sur la durée de la convention", " over the plan period"))
            }
            Some(per) => {
                out.push_str(" / ");
                out.push_str(per.label(lang));
            }
            None => {}
        }
    }

    /// Append ` subject` (changes only).
    fn push_subject(&self, out: &mut String) {
        if let Some(subject) = self.subject.as_deref().filter(|s| !s.trim().is_empty()) {
            out.push(' ');
            out.push_str(subject.trim());
        }
    }
}

/// Append ` d'ici 2027`, ` avant 2026`, ` en 2025` (` by 2027`, ` before 2026`, ` in 2025`).
fn push_deadline(out: &mut String, deadline: Option<&Deadline>, lang: Lang) {
    if let Some(Deadline { relation, year }) = deadline {
        let word = match relation {
            DeadlineRelation::Before => lang.pick("avant", "before"),
            DeadlineRelation::By => lang.pick("d'ici", "by"),
            DeadlineRelation::In => lang.pick("en", "in"),
        };
        out.push_str(&format!(" {word} {year}"));
    }
}

/// The canonical French text, as [`Target::display`] with [`Lang::Fr`].
///
/// ```
/// let t: ctg_core::target::Target = ">24/an".parse().unwrap();
/// assert_eq!(t.to_string(), "> 24 / an");
/// ```
impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display(Lang::Fr))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    const NNBSP: char = '\u{202f}';

    fn t(kind: TargetKind) -> Target {
        Target {
            kind,
            per: None,
            unit: None,
            subject: None,
        }
    }

    #[test]
    fn formats_french_numbers() {
        assert_eq!(format_number(0.0, Lang::Fr), "0");
        assert_eq!(format_number(-0.0, Lang::Fr), "0");
        assert_eq!(format_number(200.0, Lang::Fr), "200");
        assert_eq!(format_number(12.5, Lang::Fr), "12,5");
        assert_eq!(format_number(1000.0, Lang::Fr), format!("1{NNBSP}000"));
        assert_eq!(format_number(12345.0, Lang::Fr), format!("12{NNBSP}345"));
        assert_eq!(format_number(123456.0, Lang::Fr), format!("123{NNBSP}456"));
        assert_eq!(
            format_number(1234567.125, Lang::Fr),
            format!("1{NNBSP}234{NNBSP}567,125")
        );
        assert_eq!(format_number(-5.0, Lang::Fr), "\u{2212}5");
        assert_eq!(format_number(0.1 + 0.2, Lang::Fr), "0,30000000000000004");
        assert_eq!(format_number(1e21, Lang::En), "1000000000000000000000");
    }

    #[test]
    fn formats_english_numbers() {
        assert_eq!(format_number(1234567.125, Lang::En), "1234567.125");
        assert_eq!(format_number(-5.5, Lang::En), "-5.5");
        assert_eq!(format_number(0.001, Lang::En), "0.001");
    }

    #[test]
    fn displays_every_kind() {
        let compare = Target {
            kind: TargetKind::Compare {
                op: Comparator::Ge,
                value: 1.0,
                percent: false,
                deadline: None,
            },
            per: Some(Window::Year),
            unit: Some("COPIl".into()),
            subject: None,
        };
        assert_eq!(compare.to_string(), "≥ 1 COPIl / an");
        assert_eq!(compare.display(Lang::En), "≥ 1 COPIl / year");

        let level = t(TargetKind::Compare {
            op: Comparator::Ge,
            value: 70.0,
            percent: true,
            deadline: None,
        });
        assert_eq!(level.to_string(), "≥ 70 %");
        assert_eq!(level.display(Lang::En), "≥ 70%");

        let range = t(TargetKind::Range {
            low: 10.0,
            high: 20.0,
            percent: true,
            deadline: None,
        });
        assert_eq!(range.to_string(), "entre 10 % et 20 %");
        assert_eq!(range.display(Lang::En), "between 10% and 20%");

        let up = t(TargetKind::Relative {
            percent: 20.0,
            baseline_year: None,
            deadline: None,
        });
        assert_eq!(up.to_string(), "+20 % par rapport à la référence");
        assert_eq!(up.display(Lang::En), "+20% vs baseline");

        let points = t(TargetKind::Points {
            points: -1.5,
            baseline_year: None,
            deadline: None,
        });
        assert_eq!(points.to_string(), "\u{2212}1,5 point");
        assert_eq!(points.display(Lang::En), "-1.5 points");

        let done = t(TargetKind::Milestone {
            deadline: Some(Deadline {
                relation: DeadlineRelation::By,
                year: 2027,
            }),
        });
        assert_eq!(done.to_string(), "réalisé d'ici 2027");
        assert_eq!(done.display(Lang::En), "done by 2027");
        assert_eq!(
            t(TargetKind::Milestone { deadline: None }).display(Lang::En),
            "done"
        );
    }

    #[test]
    fn omits_what_has_no_syntax() {
        let mut target = t(TargetKind::Relative {
            percent: 10.0,
            baseline_year: None,
            deadline: None,
        });
        target.per = Some(Window::Year);
        target.unit = Some("places".into());
        assert_eq!(target.display(Lang::En), "+10% vs baseline");
        let plan = Target {
            kind: TargetKind::Compare {
                op: Comparator::Gt,
                value: 2.0,
                percent: false,
                deadline: None,
            },
            per: Some(Window::Plan),
            unit: None,
            subject: None,
        };
        assert_eq!(plan.to_string(), "> 2 sur la durée de la convention");
        assert_eq!(plan.display(Lang::En), "> 2 over the plan period");
    }
}
