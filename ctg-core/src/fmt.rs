//! Number and date formatting for user-facing text (French typography by default).

use chrono::{Datelike, NaiveDate};

use crate::Lang;

/// Format a number for display: French uses a decimal comma and a narrow no-break space
/// (U+202F) between thousands; English a decimal point and a comma. At most `decimals`
/// decimals are shown, trailing zeros trimmed.
///
/// ```
/// use ctg_core::{fmt::number, Lang};
/// assert_eq!(number(1234.5, 1, Lang::Fr), "1\u{202f}234,5");
/// assert_eq!(number(1234.5, 1, Lang::En), "1,234.5");
/// assert_eq!(number(8.0, 2, Lang::Fr), "8");
/// assert_eq!(number(-0.26, 1, Lang::Fr), "−0,3");
/// ```
pub fn number(v: f64, decimals: usize, lang: Lang) -> String {
    if !v.is_finite() {
        return lang.pick("non défini", "undefined").to_string();
    }
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (s.clone(), String::new()),
    };
    let sep = lang.pick("\u{202f}", ",");
    let mut grouped = String::new();
    let digits: Vec<char> = int.chars().collect();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push_str(sep);
        }
        grouped.push(*c);
    }
    let is_zero = grouped.chars().all(|c| c == '0' || !c.is_ascii_digit()) && frac.is_empty();
    let mut out = String::new();
    if v < 0.0 && !is_zero {
        out.push_str(lang.pick("\u{2212}", "-"));
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push_str(lang.pick(",", "."));
        out.push_str(&frac);
    }
    out
}

/// Format a percentage (the number, then ` %` in French, `%` in English).
///
/// ```
/// use ctg_core::{fmt::percent, Lang};
/// assert_eq!(percent(12.5, 1, Lang::Fr), "12,5\u{a0}%");
/// assert_eq!(percent(85.0, 0, Lang::En), "85%");
/// ```
pub fn percent(v: f64, decimals: usize, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{}\u{a0}%", number(v, decimals, lang)),
        Lang::En => format!("{}%", number(v, decimals, lang)),
    }
}

/// Format a signed percentage change (`+20 %`, `−10 %`).
pub fn signed_percent(v: f64, decimals: usize, lang: Lang) -> String {
    let sign = if v > 0.0 && number(v, decimals, lang) != "0" {
        "+"
    } else {
        ""
    };
    format!("{sign}{}", percent(v, decimals, lang))
}

/// Format a date: `31/12/2026` in French, `2026-12-31` in English.
///
/// ```
/// use ctg_core::{fmt::date, Lang};
/// let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
/// assert_eq!(date(d, Lang::Fr), "31/12/2026");
/// assert_eq!(date(d, Lang::En), "2026-12-31");
/// ```
pub fn date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Fr => d.format("%d/%m/%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// The month's name (`mars 2026`, `March 2026`).
pub fn month(d: NaiveDate, lang: Lang) -> String {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = d.month0() as usize;
    let name = match lang {
        Lang::Fr => FR.get(i),
        Lang::En => EN.get(i),
    };
    format!("{} {}", name.copied().unwrap_or("?"), d.year())
}
