//! The one row validator: CSV, JSON, records and tables all converge on [`validate`],
//! which types each cell by the indicator's measure and reports every problem of a row
//! (messages built only for failing cells).

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

use super::fuzzy::Suggester;
use super::store::NONE;
use super::values::{self, DateError, NumberError};
use super::{
    Amount, CellValue, Column, Expected, NumberProblem, ObservationErrorKind as K,
    ObservationIssue, ObservedValue, RawRow,
};
use crate::model::{Measure, Plan};

use super::CellText;

/// The `limit_exceeded` kind of a cell longer than `max_id_chars`, if it is: an id that
/// long is refused on its row, never compared with the plan's ids.
pub(crate) fn too_long_id(text: &str, limits: &crate::Limits) -> Option<K> {
    let max = limits.id_chars();
    if text.len() <= max {
        return None;
    }
    let chars = text.chars().count();
    (chars > max).then(|| {
        K::LimitExceeded(crate::limits::LimitExceeded {
            limit: crate::limits::Limit::MaxIdChars,
            value: limits.max_id_chars,
            found: u64::try_from(chars).ok(),
        })
    })
}

/// A valid row as the validator gives it: its texts borrowed from the source row.
pub(crate) struct Valid<'r> {
    pub(crate) indicator: u32,
    pub(crate) date: NaiveDate,
    pub(crate) value: ObservedValue,
    pub(crate) participant: Option<Cow<'r, str>>,
    pub(crate) denominator: Option<f64>,
    pub(crate) commune: Option<Cow<'r, str>>,
    pub(crate) comment: Option<Cow<'r, str>>,
    pub(crate) row: usize,
}

/// The plan's indicators by id.
pub(crate) struct PlanIndex<'a> {
    /// Each indicator's measure and position in the plan.
    measures: FxHashMap<&'a str, (Measure, u32)>,
    /// The ids, in plan order, and the did-you-means of the unknown ones.
    suggest: Suggester<'a>,
    /// The input's limits (id length, echo length).
    pub(crate) limits: crate::Limits,
}

impl<'a> PlanIndex<'a> {
    pub(crate) fn new(plan: &'a Plan, limits: crate::Limits) -> Self {
        let ids: Vec<&str> = plan.indicators().map(|(_, i)| i.id.as_str()).collect();
        let measures = plan
            .indicators()
            .enumerate()
            .map(|(at, (_, i))| {
                (
                    i.id.as_str(),
                    (i.measure, u32::try_from(at).unwrap_or(NONE)),
                )
            })
            .collect();
        PlanIndex {
            measures,
            suggest: Suggester::new(ids),
            limits,
        }
    }
}

#[derive(Clone)]
enum Cell<'a> {
    Empty,
    /// Already reported by the reader.
    Bad,
    Text(Cow<'a, str>),
    /// A finite number from a typed column (value and denominator columns only).
    Number(f64),
    /// A date from a typed column (date column only).
    Date(NaiveDate),
}

/// A typed number's text, as a text cell would hold it (`12`, `12.5`).
fn number_text(n: f64) -> String {
    n.to_string()
}

/// The cells of one row, as its source holds them: a [`RawRow`] (text) or a row of a
/// [`Table`] (typed columns).
pub(crate) trait RowCells {
    /// The row number reported in messages.
    fn row(&self) -> usize;
    /// A cell.
    fn value(&self, column: Column) -> CellValue<'_>;
    /// The row's own header for a column (JSON keys), if any.
    fn own_header(&self, column: Column) -> Option<&str>;
}

impl RowCells for RawRow {
    fn row(&self) -> usize {
        self.row
    }

    fn value(&self, column: Column) -> CellValue<'_> {
        match self.cell(column) {
            None => CellValue::Empty,
            Some(t) => CellValue::Text(t),
        }
    }

    fn own_header(&self, column: Column) -> Option<&str> {
        self.headers.get(&column).map(String::as_str)
    }
}

/// A cell's text, whatever its type (`None` when empty): how a typed cell reads where
/// text is expected (ids, participants, communes, comments).
/// `str::trim`, without the Unicode scan for the common cell whose first and last bytes are
/// visible ASCII characters (nothing to trim).
pub(crate) fn trim(t: &str) -> &str {
    let b = t.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => t,
        _ => t.trim(),
    }
}

pub(crate) fn cell_text(value: CellValue<'_>) -> Option<Cow<'_, str>> {
    let text = match value {
        CellValue::Empty => return None,
        CellValue::Text(t) => Cow::Borrowed(trim(t)),
        CellValue::Number(n) if n.is_nan() => return None,
        CellValue::Number(n) => Cow::Owned(number_text(n)),
        CellValue::Int(i) => Cow::Owned(i.to_string()),
        CellValue::Date(d) => Cow::Owned(d.format("%Y-%m-%d").to_string()),
        CellValue::Bool(b) => Cow::Borrowed(if b { "true" } else { "false" }),
    };
    (!text.is_empty()).then_some(text)
}

/// The cell being checked against a sign constraint, for the messages.
#[derive(Clone, Copy)]
enum Quantity {
    /// A value that may be negative (scores).
    Signed,
    /// A value that must not be negative: what it is.
    NonNegative(Amount),
}

struct Check<'r, 'h> {
    raw: &'r dyn RowCells,
    /// Headers as written, shared by every row of a file (a row's own win).
    shared_headers: &'h BTreeMap<Column, String>,
    bad: &'h [Column],
    issues: Vec<(Column, ObservationIssue)>,
    /// How much of a cell a message echoes ([`Limits::max_echo_chars`](crate::Limits)).
    echo: usize,
    /// Problems are only counted (`counted`), not built: the input already keeps
    /// `max_issues` of them.
    counting: bool,
    counted: u64,
}

impl<'r> Check<'r, '_> {
    fn cell(&self, column: Column) -> Cell<'r> {
        if self.bad.contains(&column) {
            return Cell::Bad;
        }
        let value = self.raw.value(column);
        // Typed numbers and dates skip parsing where the column wants them.
        match (column, value) {
            (Column::Value | Column::Denominator, CellValue::Number(n)) if n.is_finite() => {
                return Cell::Number(n)
            }
            (Column::Value | Column::Denominator, CellValue::Int(i))
                if i.unsigned_abs() < (1 << 53) =>
            {
                return Cell::Number(i as f64)
            }
            (Column::Date, CellValue::Date(d)) => return Cell::Date(d),
            _ => {}
        }
        match cell_text(value) {
            None => Cell::Empty,
            Some(t) => Cell::Text(t),
        }
    }

    fn header(&self, column: Column) -> &str {
        match self.raw.own_header(column) {
            Some(h) => h,
            None => self
                .shared_headers
                .get(&column)
                .map_or(column.name(), String::as_str),
        }
    }

    fn push(&mut self, column: Column, kind: K) {
        if self.counts() {
            return;
        }
        let issue = ObservationIssue::cell(kind, self.raw.row(), self.header(column));
        self.issues.push((column, issue));
    }

    /// When problems are only counted, count one and say so: the caller builds nothing.
    fn counts(&mut self) -> bool {
        if self.counting {
            self.counted = self.counted.saturating_add(1);
        }
        self.counting
    }

    fn missing(&mut self, column: Column, expected: Expected) {
        if self.counts() {
            return;
        }
        let header = self.header(column).to_string();
        self.push(column, K::EmptyCell { header, expected });
    }

    /// Parse a number cell of `column`, reporting type and constraint errors.
    fn number(&mut self, column: Column, text: &str, quantity: Quantity) -> Option<f64> {
        self.checked(column, values::parse_number(text), text, quantity)
    }

    /// A number cell of `column` from a typed column: finite; checked like a text one.
    fn typed_number(&mut self, column: Column, n: f64, quantity: Quantity) -> Option<f64> {
        if n >= 0.0 || matches!(quantity, Quantity::Signed) {
            return Some(n);
        }
        self.checked(column, Ok(n), &number_text(n), quantity)
    }

    /// Report the type and constraint errors of a parsed number cell.
    fn checked(
        &mut self,
        column: Column,
        parsed: Result<f64, NumberError>,
        text: &str,
        quantity: Quantity,
    ) -> Option<f64> {
        // The common case, a valid cell, builds no message text.
        if let Ok(n) = parsed
            && (n >= 0.0 || matches!(quantity, Quantity::Signed))
        {
            return Some(n);
        }
        if self.counting {
            // The same outcome as below, without the message.
            return match parsed {
                Ok(n) if n.is_nan() => Some(n),
                _ => {
                    self.counts();
                    None
                }
            };
        }
        let header = self.header(column).to_string();
        let value = CellText::of_within(text, self.echo);
        let denominator = column == Column::Denominator;
        match parsed {
            Ok(n) => match quantity {
                Quantity::NonNegative(amount) if n < 0.0 => {
                    self.push(
                        column,
                        K::Negative {
                            value,
                            header,
                            denominator,
                            amount,
                        },
                    );
                    None
                }
                _ => Some(n),
            },
            Err(NumberError::NotFinite) => {
                self.push(
                    column,
                    K::NotFinite {
                        value,
                        header,
                        denominator,
                    },
                );
                None
            }
            Err(e) => {
                let problem = match e {
                    NumberError::Percent => NumberProblem::Percent,
                    NumberError::Separators => NumberProblem::Separators,
                    NumberError::Grouping => NumberProblem::Grouping,
                    NumberError::NotANumber | NumberError::NotFinite => NumberProblem::NotANumber,
                };
                self.push(
                    column,
                    K::NotANumber {
                        value,
                        header,
                        denominator,
                        problem,
                    },
                );
                None
            }
        }
    }
}

/// The sign constraint of a measure's values.
fn quantity_of(measure: Measure) -> Quantity {
    match measure {
        Measure::Count => Quantity::NonNegative(Amount::Count),
        Measure::Stock => Quantity::NonNegative(Amount::Stock),
        Measure::Ratio => Quantity::NonNegative(Amount::RatioNumerator),
        Measure::DistinctCount => Quantity::NonNegative(Amount::DistinctCount),
        _ => Quantity::Signed,
    }
}

const DENOMINATOR: Quantity = Quantity::NonNegative(Amount::RatioDenominator);

/// The one row validator: type every cell by the indicator's measure, report every problem
/// of the row (in column order) or return the observation.
///
/// With a `counter`, the row's problems are only counted there (the input already keeps
/// `max_issues` of them): a bad row is then `Err` with no problem built, and costs no
/// message text.
pub(crate) fn validate<'r>(
    index: &PlanIndex<'_>,
    raw: &'r dyn RowCells,
    found: Vec<(Column, ObservationIssue)>,
    bad: &[Column],
    shared_headers: &BTreeMap<Column, String>,
    counter: Option<&mut u64>,
) -> Result<Valid<'r>, Vec<ObservationIssue>> {
    let counting = counter.is_some();
    let mut counted = u64::try_from(if counting { found.len() } else { 0 }).unwrap_or(0);
    // A spreadsheet error value (`#N/A`, `#DIV/0!`…) in a cell is a `cell_error` at its
    // column, whatever the column, and the cell is not read further.
    let mut errors: Vec<(Column, ObservationIssue)> = Vec::new();
    let mut error_columns: Vec<Column> = Vec::new();
    for column in Column::ALL {
        if bad.contains(&column) {
            continue;
        }
        if let CellValue::Text(t) = raw.value(column) {
            if counting && values::spreadsheet_error(t).is_some() {
                counted = counted.saturating_add(1);
                error_columns.push(column);
                continue;
            }
            if let Some(error) = values::spreadsheet_error(t) {
                let header = match raw.own_header(column) {
                    Some(h) => h,
                    None => shared_headers
                        .get(&column)
                        .map_or(column.name(), String::as_str),
                };
                let kind = K::CellError {
                    error: error.to_string(),
                    header: header.to_string(),
                };
                errors.push((column, ObservationIssue::cell(kind, raw.row(), header)));
            }
        }
    }
    let widened: Vec<Column>;
    let bad = if errors.is_empty() && error_columns.is_empty() {
        bad
    } else {
        widened = bad
            .iter()
            .copied()
            .chain(errors.iter().map(|(c, _)| *c))
            .chain(error_columns)
            .collect();
        &widened
    };
    let mut found = if counting { Vec::new() } else { found };
    found.append(&mut errors);
    let mut check = Check {
        raw,
        shared_headers,
        bad,
        issues: found,
        echo: index.limits.echo_chars(),
        counting,
        counted,
    };

    // Indicator.
    let mut indicator: Option<(u32, &str, Measure)> = None;
    match check.cell(Column::Indicator) {
        Cell::Empty => check.missing(Column::Indicator, Expected::Indicator),
        Cell::Bad => {}
        Cell::Number(_) | Cell::Date(_) => {}
        Cell::Text(id) => match index.measures.get(id.as_ref()) {
            Some((m, at)) => {
                let known = index
                    .suggest
                    .known()
                    .get(*at as usize)
                    .copied()
                    .unwrap_or_default();
                indicator = Some((*at, known, *m));
            }
            None if check.counts() => {}
            None => {
                let kind = match too_long_id(&id, &index.limits) {
                    Some(kind) => kind,
                    None => {
                        let suggestion = index.suggest.suggest(&id);
                        K::UnknownIndicator {
                            value: CellText::of_id_within(
                                &id,
                                suggestion.is_close(),
                                index.limits.echo_chars(),
                            ),
                            header: check.header(Column::Indicator).to_string(),
                            suggestion,
                        }
                    }
                };
                check.push(Column::Indicator, kind);
            }
        },
    }

    // Date (between 1900 and 2200: `01/01/0000` is a typo, not a date to evaluate).
    let mut date = None;
    let out_of_range = |value: CellText, check: &mut Check<'_, '_>| {
        let header = check.header(Column::Date).to_string();
        check.push(Column::Date, K::DateOutOfRange { value, header });
    };
    match check.cell(Column::Date) {
        Cell::Empty => check.missing(Column::Date, Expected::Date),
        Cell::Bad => {}
        Cell::Date(d) if !super::date_in_range(d) && check.counts() => {}
        Cell::Date(d) if !super::date_in_range(d) => {
            let shown = crate::fmt::date(d, crate::Lang::Fr);
            out_of_range(CellText::of_within(&shown, check.echo), &mut check);
        }
        Cell::Date(d) => date = Some(d),
        Cell::Number(_) => {}
        Cell::Text(t) => match values::parse_date(&t) {
            Ok(d) if !super::date_in_range(d) && check.counts() => {}
            Err(_) if check.counts() => {}
            Ok(d) if !super::date_in_range(d) => {
                let value = CellText::of_within(&t, check.echo);
                out_of_range(value, &mut check);
            }
            Ok(d) => date = Some(d),
            Err(e) => {
                let header = check.header(Column::Date).to_string();
                let value = CellText::of_within(&t, check.echo);
                let kind = match e {
                    DateError::NotADate => K::NotADate { value, header },
                    DateError::NoSuchDay => K::NoSuchDay { value, header },
                };
                check.push(Column::Date, kind);
            }
        },
    }

    // Value, participant and denominator, typed by the measure.
    let mut value = None;
    let mut participant = None;
    let mut denominator = None;
    if let Some((_, id, measure)) = indicator {
        let cell = match (measure, check.cell(Column::Value)) {
            // Flags and assessments are read from their text.
            (Measure::Milestone | Measure::Qualitative, Cell::Number(n)) => {
                Cell::Text(Cow::Owned(number_text(n)))
            }
            (_, cell) => cell,
        };
        value = match (measure, cell) {
            (_, Cell::Bad) => None,
            (Measure::DistinctCount, Cell::Empty) => Some(ObservedValue::Number(1.0)),
            (Measure::Milestone, Cell::Empty) => {
                check.missing(Column::Value, Expected::Flag);
                None
            }
            (Measure::Qualitative, Cell::Empty) => {
                check.missing(Column::Value, Expected::Assessment);
                None
            }
            (_, Cell::Empty) => {
                check.missing(Column::Value, Expected::Number);
                None
            }
            (_, Cell::Date(_)) => None,
            (m, Cell::Number(n)) => check
                .typed_number(Column::Value, n, quantity_of(m))
                .map(ObservedValue::Number),
            (Measure::Milestone, Cell::Text(t)) => match values::parse_flag(&t) {
                Some(done) => Some(ObservedValue::Done(done)),
                None => {
                    let kind = K::NotAFlag {
                        value: CellText::of_within(&t, check.echo),
                        header: check.header(Column::Value).to_string(),
                        indicator: id.to_string(),
                    };
                    check.push(Column::Value, kind);
                    None
                }
            },
            (Measure::Qualitative, Cell::Text(t)) => match values::parse_assessment(&t) {
                Some(a) => Some(ObservedValue::Assessment(a)),
                None => {
                    let kind = K::NotAnAssessment {
                        value: CellText::of_within(&t, check.echo),
                        header: check.header(Column::Value).to_string(),
                    };
                    check.push(Column::Value, kind);
                    None
                }
            },
            (m, Cell::Text(t)) => check
                .number(Column::Value, &t, quantity_of(m))
                .map(ObservedValue::Number),
        };

        // A distinct-count row counts its participant as present: a `0` (absent) would
        // still count them, so it is refused rather than counted.
        if measure == Measure::DistinctCount && value == Some(ObservedValue::Number(0.0)) {
            let kind = K::DistinctZero {
                indicator: id.to_string(),
                header: check.header(Column::Value).to_string(),
            };
            check.push(Column::Value, kind);
            value = None;
        }

        match check.cell(Column::Participant) {
            // Never echo a participant id: the message names only its length.
            Cell::Text(p) => match too_long_id(&p, &index.limits) {
                Some(kind) => check.push(Column::Participant, kind),
                None => participant = Some(p),
            },
            Cell::Number(_) | Cell::Date(_) => {}
            Cell::Empty if measure == Measure::DistinctCount => {
                // Never echo a participant id: this message names only the column.
                let kind = K::MissingParticipant {
                    indicator: id.to_string(),
                    header: check.header(Column::Participant).to_string(),
                };
                check.push(Column::Participant, kind);
            }
            Cell::Empty | Cell::Bad => {}
        }

        match check.cell(Column::Denominator) {
            Cell::Text(t) => {
                denominator = check.number(Column::Denominator, &t, DENOMINATOR);
            }
            Cell::Number(n) => {
                denominator = check.typed_number(Column::Denominator, n, DENOMINATOR);
            }
            Cell::Date(_) => {}
            Cell::Empty if measure == Measure::Ratio => {
                let kind = K::MissingDenominator {
                    indicator: id.to_string(),
                    header: check.header(Column::Denominator).to_string(),
                    value_header: check.header(Column::Value).to_string(),
                };
                check.push(Column::Denominator, kind);
            }
            Cell::Empty | Cell::Bad => {}
        }
    }

    let text = |c: Column| match check.cell(c) {
        Cell::Text(t) => Some(t),
        Cell::Empty | Cell::Bad | Cell::Number(_) | Cell::Date(_) => None,
    };
    let commune = text(Column::Commune);
    let comment = text(Column::Comment);

    if let Some(counter) = counter {
        *counter = counter.saturating_add(check.counted);
        if check.counted > 0 {
            return Err(Vec::new());
        }
    }
    if !check.issues.is_empty() {
        let mut issues = check.issues;
        issues.sort_by_key(|(c, _)| *c);
        return Err(issues.into_iter().map(|(_, i)| i).collect());
    }
    match (indicator, date, value) {
        (Some((at, _, _)), Some(date), Some(value)) => Ok(Valid {
            indicator: at,
            date,
            value,
            participant,
            denominator,
            commune,
            comment,
            row: raw.row(),
        }),
        // Unreachable in practice: a missing piece always comes with an issue.
        _ => Err(vec![ObservationIssue::new(
            K::RowUnreadable,
            Some(raw.row()),
        )]),
    }
}

#[cfg(test)]
mod tests {
    use super::trim;

    #[test]
    fn trim_is_str_trim() {
        for t in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\n",
            "\u{a0}12\u{a0}",
            "é",
            " é ",
            "12,5",
            "x\u{2003}",
        ] {
            assert_eq!(trim(t), t.trim(), "{t:?}");
        }
    }
}
