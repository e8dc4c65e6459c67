//! Cell parsers: numbers (French or English notation), dates, milestone flags and
//! qualitative assessments.

use chrono::NaiveDate;

use super::fuzzy::words;
use super::Assessment;

/// Why a cell is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberError {
    /// Not a number at all (`abc`, `12 €`).
    NotANumber,
    /// A percentage (`12%`): ratios take a numerator and a denominator.
    Percent,
    /// Several decimal separators (`12,5,3`, `1.234,5`).
    Separators,
    /// Thousands groups that are not groups of three digits (`12 34`).
    Grouping,
    /// NaN or an infinity.
    NotFinite,
}

/// Parse a number written the French way (`1 234,5`, decimal comma, space, no-break space
/// or narrow no-break space between thousands) or the English way (`1234.5`), with an
/// optional sign (`+`, `-`, `−`) and exponent (`1,5E3`).
pub(crate) fn parse_number(cell: &str) -> Result<f64, NumberError> {
    let t = cell.trim();
    match plain_number(t) {
        Some(v) => Ok(v),
        None => full_number(t),
    }
}

/// [`parse_number`]'s full grammar, on a trimmed cell.
fn full_number(t: &str) -> Result<f64, NumberError> {
    let (negative, body) = if let Some(rest) = t.strip_prefix('+') {
        (false, rest)
    } else if let Some(rest) = t.strip_prefix('-').or_else(|| t.strip_prefix('−')) {
        (true, rest)
    } else {
        (false, t)
    };
    if body.trim_end().ends_with('%') {
        return Err(NumberError::Percent);
    }
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), "nan" | "inf" | "infinity" | "∞" | "infini") {
        return Err(NumberError::NotFinite);
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (body.get(..at).unwrap_or(""), body.get(at + 1..)),
        None => (body, None),
    };
    if let Some(exp) = exponent {
        let digits = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NumberError::NotANumber);
        }
    }
    let separators = mantissa.chars().filter(|c| matches!(c, ',' | '.')).count();
    if separators > 1 {
        return Err(NumberError::Separators);
    }
    let (int_part, frac_part) = match mantissa.split_once([',', '.']) {
        Some((i, f)) => (i, f),
        None => (mantissa, ""),
    };
    if !frac_part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::NotANumber);
    }
    let is_space = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{202f}');
    let mut int_digits = String::with_capacity(int_part.len());
    if int_part.contains(is_space) {
        for (i, group) in int_part.split(is_space).enumerate() {
            if !group.bytes().all(|b| b.is_ascii_digit()) {
                return Err(NumberError::NotANumber);
            }
            let ok = if i == 0 {
                (1..=3).contains(&group.len())
            } else {
                group.len() == 3
            };
            if !ok {
                return Err(NumberError::Grouping);
            }
            int_digits.push_str(group);
        }
    } else if int_part.bytes().all(|b| b.is_ascii_digit()) {
        int_digits.push_str(int_part);
    } else {
        return Err(NumberError::NotANumber);
    }
    if int_digits.is_empty() && frac_part.is_empty() {
        return Err(NumberError::NotANumber);
    }
    let mut normalized = String::with_capacity(int_digits.len() + frac_part.len() + 8);
    if negative {
        normalized.push('-');
    }
    normalized.push_str(if int_digits.is_empty() {
        "0"
    } else {
        &int_digits
    });
    if !frac_part.is_empty() {
        normalized.push('.');
        normalized.push_str(frac_part);
    }
    if let Some(exp) = exponent {
        normalized.push('e');
        normalized.push_str(exp);
    }
    let v: f64 = normalized.parse().map_err(|_| NumberError::NotANumber)?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(NumberError::NotFinite)
    }
}

/// The error values a spreadsheet shows in a cell whose formula failed, in French and
/// English Excel and LibreOffice (`#N/A`, `#DIV/0!`, `#VALEUR!`…), upper case.
const SPREADSHEET_ERRORS: &[&str] = &[
    "#N/A",
    "#N/D",
    "#NA",
    "#DIV/0!",
    "#VALUE!",
    "#VALEUR!",
    "#REF!",
    "#NAME?",
    "#NOM?",
    "#NUM!",
    "#NOMBRE!",
    "#NULL!",
    "#NUL!",
    "#SPILL!",
    "#EPARS!",
    "#CALC!",
    "#FIELD!",
    "#CHAMP!",
    "#BLOCKED!",
    "#BLOQUE!",
    "#CONNECT!",
    "#CONNEXION!",
    "#BUSY!",
    "#UNKNOWN!",
    "#INCONNU!",
    "#GETTING_DATA",
];

/// The spreadsheet error value a cell holds (`#N/A`, `#DIV/0!`, `#VALEUR!`…: a formula
/// that failed, exported as text), case-insensitive, surrounding spaces ignored.
pub(crate) fn spreadsheet_error(cell: &str) -> Option<&'static str> {
    let t = cell.trim();
    if !t.starts_with('#') || t.len() > 16 {
        return None;
    }
    SPREADSHEET_ERRORS
        .iter()
        .find(|e| e.eq_ignore_ascii_case(t))
        .copied()
}

/// Why a cell is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateError {
    /// Not shaped like a date.
    NotADate,
    /// Shaped like a date, but no such day (`31/02/2026`).
    NoSuchDay,
}

/// Parse a date: `2026-03-31`, `31/03/2026`, `31-03-2026`, `31.03.2026`, `2026/03/31`,
/// each optionally followed by a time (`31/03/2026 00:00`, `2026-03-31T00:00:00`), which
/// is dropped.
pub(crate) fn parse_date(cell: &str) -> Result<NaiveDate, DateError> {
    let t = cell.trim();
    match plain_date(t.as_bytes()) {
        Some(found) => found,
        None => full_date(t),
    }
}

/// [`parse_date`]'s full grammar, on a trimmed cell.
fn full_date(t: &str) -> Result<NaiveDate, DateError> {
    let (date, time) = match t.split_once(['T', ' ']) {
        Some((d, rest)) => (d, Some(rest.trim())),
        None => (t, None),
    };
    if let Some(time) = time
        && !is_time(time)
    {
        return Err(DateError::NotADate);
    }
    let sep = date
        .chars()
        .find(|c| matches!(c, '-' | '/' | '.'))
        .ok_or(DateError::NotADate)?;
    let parts: Vec<&str> = date.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(DateError::NotADate);
    };
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let (y, m, d) = if digits(a, 4, 4) && digits(b, 1, 2) && digits(c, 1, 2) {
        (*a, *b, *c)
    } else if digits(a, 1, 2) && digits(b, 1, 2) && digits(c, 4, 4) {
        (*c, *b, *a)
    } else {
        return Err(DateError::NotADate);
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(DateError::NotADate);
    };
    NaiveDate::from_ymd_opt(y, m, d).ok_or(DateError::NoSuchDay)
}

/// The fast path of [`parse_number`], for the common cell: an optional sign, ASCII digits,
/// and optionally one `.` or `,` followed by digits (`12`, `-3`, `12.5`, `12,5`), at most 40
/// bytes. Parsed by the standard library's float parser (an Eisel–Lemire parser) without
/// allocating; any other form (grouping spaces, exponents, `.5`…) takes the full grammar.
fn plain_number(t: &str) -> Option<f64> {
    let bytes = t.as_bytes();
    if bytes.is_empty() || bytes.len() > 40 {
        return None;
    }
    let body = match bytes.first() {
        Some(b'-' | b'+') => bytes.get(1..)?,
        _ => bytes,
    };
    let int = body.iter().take_while(|b| b.is_ascii_digit()).count();
    if int == 0 {
        return None;
    }
    let mut buf = [0u8; 40];
    let out = buf.get_mut(..bytes.len())?;
    out.copy_from_slice(bytes);
    match body.get(int..) {
        Some([]) => {}
        Some([b'.' | b',', frac @ ..])
            if !frac.is_empty() && frac.iter().all(u8::is_ascii_digit) =>
        {
            // The decimal comma becomes a point.
            let at = bytes.len() - body.len() + int;
            if let Some(b) = out.get_mut(at) {
                *b = b'.';
            }
        }
        _ => return None,
    }
    let v: f64 = std::str::from_utf8(out).ok()?.parse().ok()?;
    v.is_finite().then_some(v)
}

/// The fast path of [`parse_date`]: exactly `yyyy-mm-dd` or `dd/mm/yyyy` (the two forms
/// nearly every file uses); `None` for any other form, which takes the full grammar.
fn plain_date(t: &[u8]) -> Option<Result<NaiveDate, DateError>> {
    let num = |s: &[u8]| {
        s.iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let (y, m, d) = match t {
        [y @ .., b'-', _, _, b'-', _, _] if y.len() == 4 => {
            (num(t.get(..4)?)?, num(t.get(5..7)?)?, num(t.get(8..10)?)?)
        }
        [_, _, b'/', _, _, b'/', y @ ..] if y.len() == 4 => {
            (num(t.get(6..10)?)?, num(t.get(3..5)?)?, num(t.get(..2)?)?)
        }
        _ => return None,
    };
    let y = i32::try_from(y).ok()?;
    Some(NaiveDate::from_ymd_opt(y, m, d).ok_or(DateError::NoSuchDay))
}

/// `hh:mm`, `hh:mm:ss`, `hh:mm:ss.fff`, optionally with a trailing `Z`.
fn is_time(s: &str) -> bool {
    let s = s.strip_suffix(['Z', 'z']).unwrap_or(s);
    let (hms, frac) = match s.split_once('.') {
        Some((hms, frac)) => (hms, Some(frac)),
        None => (s, None),
    };
    if let Some(frac) = frac
        && (frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()))
    {
        return false;
    }
    let parts: Vec<&str> = hms.split(':').collect();
    if !(2..=3).contains(&parts.len()) || (frac.is_some() && parts.len() != 3) {
        return false;
    }
    let limits = [23u32, 59, 60];
    parts.iter().zip(limits).all(|(p, max)| {
        (1..=2).contains(&p.len())
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|v| v <= max)
    })
}

/// Parse a milestone flag: done (`1`, `oui`, `true`, `vrai`, `fait`, `réalisé`, `yes`,
/// `done`, `x`) or not done (`0`, `non`, `false`, `faux`, `no`, `pas fait`, `non fait`,
/// `not done`); case-, accent- and punctuation-insensitive.
pub(crate) fn parse_flag(cell: &str) -> Option<bool> {
    let w = words(cell, ' ');
    match w.as_str() {
        "1" | "oui" | "true" | "vrai" | "fait" | "faite" | "realise" | "realisee" | "yes"
        | "done" | "x" => Some(true),
        "0" | "non" | "false" | "faux" | "no" | "pas fait" | "non fait" | "not done"
        | "non realise" | "pas realise" => Some(false),
        _ => match parse_number(cell) {
            Ok(1.0) => Some(true),
            Ok(0.0) => Some(false),
            _ => None,
        },
    }
}

/// Parse a qualitative assessment (`atteint`, `partiellement atteint`, `non atteint`, or
/// in English); case-, accent- and punctuation-insensitive.
pub(crate) fn parse_assessment(cell: &str) -> Option<Assessment> {
    let w = words(cell, ' ');
    match w.as_str() {
        "atteint" | "atteinte" | "achieved" | "met" => Some(Assessment::Achieved),
        "partiellement atteint"
        | "partiellement atteinte"
        | "partiellement"
        | "partiel"
        | "partielle"
        | "partially achieved"
        | "partly achieved"
        | "partial" => Some(Assessment::Partial),
        "non atteint" | "non atteinte" | "pas atteint" | "not achieved" | "not met" => {
            Some(Assessment::NotAchieved)
        }
        _ => None,
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn fast_number_path_agrees(n in "[-+]?[0-9]{0,14}([.,][0-9]{0,14})?[a ]?") {
            if let Some(v) = plain_number(&n) {
                proptest::prop_assert_eq!(Ok(v), full_number(&n));
            }
        }

        #[test]
        fn fast_date_path_agrees(d in "([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}/[0-9]{2}/[0-9]{4})") {
            let fast = plain_date(d.as_bytes());
            proptest::prop_assert!(fast.is_some());
            proptest::prop_assert_eq!(fast, Some(full_date(&d)));
        }
    }

    #[test]
    fn fast_paths_agree_with_the_full_grammar() {
        let numbers = [
            "0",
            "12",
            "-3",
            "+5",
            "12.5",
            "12,5",
            "-0,5",
            "007",
            "1,234",
            "-0",
            "12.",
            ".5",
            "1 234",
            "1e3",
            "12a",
            "-",
            "+",
            "1.2.3",
            "99999999999999999999999999999999999999",
            "0.1",
            "3,14159265358979323846",
            "",
        ];
        for n in numbers {
            if let Some(v) = plain_number(n) {
                assert_eq!(Ok(v), full_number(n), "{n}");
            }
        }
        assert_eq!(plain_number("12,5"), Some(12.5));
        assert_eq!(plain_number("1 234"), None);
        let dates = [
            "2026-03-31",
            "31/03/2026",
            "2026-02-30",
            "30/02/2026",
            "2026-3-31",
            "31/3/2026",
            "2026/03/31",
            "20a6-03-31",
            "0000-01-01",
            "31/12/9999",
        ];
        for d in dates {
            if let Some(found) = plain_date(d.as_bytes()) {
                assert_eq!(found, full_date(d), "{d}");
            }
        }
        assert!(plain_date(b"2026-03-31").is_some() && plain_date(b"31/03/2026").is_some());
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("12"), Ok(12.0));
        assert_eq!(parse_number(" 12,5 "), Ok(12.5));
        assert_eq!(parse_number("12.5"), Ok(12.5));
        assert_eq!(parse_number("1 234,5"), Ok(1234.5));
        assert_eq!(parse_number("1\u{a0}234,5"), Ok(1234.5));
        assert_eq!(parse_number("1\u{202f}234\u{202f}567"), Ok(1_234_567.0));
        assert_eq!(parse_number("+3"), Ok(3.0));
        assert_eq!(parse_number("-3"), Ok(-3.0));
        assert_eq!(parse_number("−3,5"), Ok(-3.5));
        assert_eq!(parse_number(",5"), Ok(0.5));
        assert_eq!(parse_number("5,"), Ok(5.0));
        assert_eq!(parse_number("1,5E3"), Ok(1500.0));
        assert_eq!(parse_number("1e-2"), Ok(0.01));
        assert_eq!(parse_number("0"), Ok(0.0));
    }

    #[test]
    fn bad_numbers() {
        assert_eq!(parse_number("abc"), Err(NumberError::NotANumber));
        assert_eq!(parse_number(""), Err(NumberError::NotANumber));
        assert_eq!(parse_number("-"), Err(NumberError::NotANumber));
        assert_eq!(parse_number("12 €"), Err(NumberError::NotANumber));
        assert_eq!(parse_number("12%"), Err(NumberError::Percent));
        assert_eq!(parse_number("12 %"), Err(NumberError::Percent));
        assert_eq!(parse_number("12,5,3"), Err(NumberError::Separators));
        assert_eq!(parse_number("1.234,5"), Err(NumberError::Separators));
        assert_eq!(parse_number("12 34"), Err(NumberError::Grouping));
        assert_eq!(parse_number("1e"), Err(NumberError::NotANumber));
        assert_eq!(parse_number("--1"), Err(NumberError::NotANumber));
        assert_eq!(parse_number("NaN"), Err(NumberError::NotFinite));
        assert_eq!(parse_number("nan"), Err(NumberError::NotFinite));
        assert_eq!(parse_number("inf"), Err(NumberError::NotFinite));
        assert_eq!(parse_number("-Infinity"), Err(NumberError::NotFinite));
        assert_eq!(parse_number("1e999"), Err(NumberError::NotFinite));
        assert_eq!(parse_number("0x10"), Err(NumberError::NotANumber));
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        for s in [
            "2026-03-31",
            "31/03/2026",
            " 31/03/2026 ",
            "31/03/2026 00:00",
            "31/03/2026 00:00:00",
            "2026-03-31T00:00:00",
            "2026-03-31T12:30:00.000Z",
            "31-03-2026",
            "31.03.2026",
            "2026/03/31",
        ] {
            assert_eq!(parse_date(s), Ok(d), "{s}");
        }
        assert_eq!(
            parse_date("1/3/2026"),
            Ok(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())
        );
    }

    #[test]
    fn bad_dates() {
        assert_eq!(parse_date("31/02/2026"), Err(DateError::NoSuchDay));
        assert_eq!(parse_date("2026-13-01"), Err(DateError::NoSuchDay));
        assert_eq!(parse_date("00/01/2026"), Err(DateError::NoSuchDay));
        for s in [
            "",
            "abc",
            "31/03/26",
            "2026-03",
            "2026-03-31-01",
            "31/03-2026",
            "31/03/2026 25:00",
            "31/03/2026 midi",
            "20260331",
            "2026-3-31x",
        ] {
            assert_eq!(parse_date(s), Err(DateError::NotADate), "{s}");
        }
    }

    #[test]
    fn flags() {
        for s in [
            "1",
            "oui",
            "OUI",
            "true",
            "Vrai",
            "fait",
            "réalisé",
            "Réalisée",
            "yes",
            "done",
            "x",
            "X",
            "1,0",
        ] {
            assert_eq!(parse_flag(s), Some(true), "{s}");
        }
        for s in [
            "0", "non", "false", "FAUX", "no", "pas fait", "Non fait", "not done", "0.0",
        ] {
            assert_eq!(parse_flag(s), Some(false), "{s}");
        }
        for s in ["", "peut-être", "2", "en cours"] {
            assert_eq!(parse_flag(s), None, "{s}");
        }
    }

    #[test]
    fn assessments() {
        use Assessment::*;
        for (s, a) in [
            ("atteint", Achieved),
            ("Atteint", Achieved),
            ("achieved", Achieved),
            ("met", Achieved),
            ("partiellement atteint", Partial),
            ("Partiellement", Partial),
            ("partiel", Partial),
            ("partially achieved", Partial),
            ("partly achieved", Partial),
            ("partial", Partial),
            ("non atteint", NotAchieved),
            ("Non-atteint", NotAchieved),
            ("NON ATTEINT", NotAchieved),
            ("not achieved", NotAchieved),
            ("not_achieved", NotAchieved),
            ("not met", NotAchieved),
        ] {
            assert_eq!(parse_assessment(s), Some(a), "{s}");
        }
        assert_eq!(parse_assessment("bien"), None);
        assert_eq!(parse_assessment(""), None);
    }
}
