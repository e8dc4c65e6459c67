//! Records (`io::read_records`, what Python dicts and JavaScript objects become): records
//! built from the fuzz input with the usual keys and any cell, strict and lenient (the
//! checks of `observations_csv`; a row is at most the number of records).
#![no_main]

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use ctg_core::io::records::{read_records, Record, RecordCell, RecordItem, Timestamp};
use ctg_core::io::ValueKind;
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

const KEYS: &[&str] = &[
    "indicator",
    "indicateur",
    "date",
    "value",
    "valeur",
    "participant",
    "denominator",
    "dénominateur",
    "territory",
    "territoire",
    "commune",
    "comment",
    "Valeur",
    "Date ",
];

const TEXTS: &[&str] = &[
    "f8.1",
    "f2.1",
    "f1.1",
    "F2.1",
    "31/12/2026",
    "2026-03-31",
    "12",
    "1,5",
    "-2",
    "#N/A",
    "",
    " ",
    "Sundgau",
    "oui",
    "atteint",
    "1e308",
    "NaN",
    "01/01/0000",
    "P-001",
];

fn kind(u: &mut Unstructured<'_>) -> Result<ValueKind> {
    Ok(*u.choose(&[
        ValueKind::Null,
        ValueKind::Number,
        ValueKind::String,
        ValueKind::Boolean,
        ValueKind::Object,
        ValueKind::Array,
        ValueKind::Function,
        ValueKind::Symbol,
    ])?)
}

fn cell(u: &mut Unstructured<'_>) -> Result<RecordCell> {
    Ok(match u.int_in_range(0..=11u8)? {
        0 => RecordCell::Null,
        1 | 2 => RecordCell::Text(u.choose(TEXTS)?.to_string()),
        3 => RecordCell::Text(u.arbitrary()?),
        4 => RecordCell::Number(u.arbitrary()?),
        5 => RecordCell::Int(u.arbitrary()?),
        6 => RecordCell::Bool(u.arbitrary()?),
        7 => match NaiveDate::from_num_days_from_ce_opt(u.arbitrary()?) {
            Some(d) => RecordCell::Date(d),
            None => RecordCell::Null,
        },
        8 => RecordCell::Timestamp(Timestamp::NaiveMicros(u.arbitrary()?)),
        9 => RecordCell::Timestamp(Timestamp::Zoned {
            utc_micros: u.arbitrary()?,
            offset_minutes: u.arbitrary()?,
        }),
        10 => RecordCell::Timestamp(Timestamp::Instant {
            utc_millis: u.arbitrary()?,
            local_offset_minutes: u.arbitrary()?,
        }),
        _ => match NaiveDateTime::from_timestamp_opt_compat(u.arbitrary()?) {
            Some(t) => RecordCell::Timestamp(Timestamp::Naive(t)),
            None => RecordCell::Unsupported(kind(u)?),
        },
    })
}

trait FromSeconds: Sized {
    fn from_timestamp_opt_compat(secs: i64) -> Option<Self>;
}

impl FromSeconds for NaiveDateTime {
    fn from_timestamp_opt_compat(secs: i64) -> Option<Self> {
        chrono::DateTime::from_timestamp(secs, 0).map(|t| t.naive_utc())
    }
}

fn items(u: &mut Unstructured<'_>) -> Result<Vec<RecordItem>> {
    let mut items = Vec::new();
    while !u.is_empty() && items.len() < 64 {
        if u.ratio(1, 16)? {
            items.push(RecordItem::NotAnObject(kind(u)?));
            continue;
        }
        let mut record = Record::new();
        for _ in 0..u.int_in_range(0..=6u8)? {
            let key = if u.ratio(1, 8)? {
                u.arbitrary::<String>()?
            } else {
                u.choose(KEYS)?.to_string()
            };
            record.push(key, cell(u)?);
        }
        items.push(RecordItem::Record(record));
    }
    Ok(items)
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(items) = items(&mut u) else {
        return;
    };
    let rows = items.len().max(1);
    common::check_read(
        |opts| read_records(common::sundgau(), items.clone(), opts),
        Some(rows),
    );
});
