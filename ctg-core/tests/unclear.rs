//! Issue 16's "unclear" findings: spans in each runtime's own string indices, a stray byte
//! in a UTF-8 file, a JSON scalar read as CSV.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ctg_core::io::{read_auto, read_auto_reader, read_csv, IngestOptions, ObservationErrorKind};
use ctg_core::model::Plan;
use ctg_core::problem::{Span, SpanUnit};
use ctg_core::Lang;

fn plan() -> Plan {
    toml::from_str(include_str!("ingest/plan.toml")).unwrap()
}

/// The culprit under a span in each unit, sliced as that runtime slices.
fn sliced(input: &str, span: Span, unit: SpanUnit) -> String {
    match unit {
        SpanUnit::Bytes => input[span.start..span.end].to_string(),
        SpanUnit::Chars => input
            .chars()
            .skip(span.start)
            .take(span.end - span.start)
            .collect(),
        SpanUnit::Utf16 => {
            let units: Vec<u16> = input.encode_utf16().collect();
            String::from_utf16(&units[span.start..span.end]).unwrap()
        }
    }
}

#[test]
fn unclear_target_spans_index_each_runtime_string() {
    for (input, culprit, bytes, chars, utf16) in [
        ("≥ abc", "abc", (4, 7), (2, 5), (2, 5)),
        ("é > abc", "é", (0, 2), (0, 1), (0, 1)),
        ("> 😀", "😀", (2, 6), (2, 3), (2, 4)),
        ("é ≥ 1 😀", "😀", (9, 13), (6, 7), (6, 8)),
        ("> 200 😀😀 é", "😀", (6, 10), (6, 7), (6, 8)),
        ("≥ 1 et é", "et", (6, 8), (4, 6), (4, 6)),
    ] {
        let err = ctg_core::target::parse(input).unwrap_err();
        let pair = |s: Span| (s.start, s.end);
        assert_eq!(pair(err.span_in(SpanUnit::Bytes)), bytes, "{input}");
        assert_eq!(pair(err.span_in(SpanUnit::Chars)), chars, "{input}");
        assert_eq!(pair(err.span_in(SpanUnit::Utf16)), utf16, "{input}");
        for unit in [SpanUnit::Bytes, SpanUnit::Chars, SpanUnit::Utf16] {
            let span = err.span_in(unit);
            let problem = err.problem(Lang::En).in_unit(unit);
            assert_eq!(problem.span, Some(span), "{input} {unit:?}");
            let got = sliced(input, span, unit);
            assert_eq!(got, err.snippet(), "{input} {unit:?}");
            assert_eq!(got, culprit, "{input} {unit:?}");
        }
    }
    let err = ctg_core::target::parse("≥ abc").unwrap_err();
    assert_eq!(err.span, 4..7);
    assert_eq!(err.span_in(SpanUnit::Chars), Span { start: 2, end: 5 });
}

#[test]
fn unclear_ffi_spans_in_the_unit_asked() {
    let call = r#"{"text": "é ≥ 1 😀", "lang": "en"}"#;
    let span = |unit| {
        let a = ctg_core::ffi::call_json_in("parse_target", call, unit);
        let v: serde_json::Value = serde_json::from_str(&a).unwrap();
        let s = &v["errors"][0]["span"];
        (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap())
    };
    assert_eq!(span(SpanUnit::Bytes), (9, 13));
    assert_eq!(span(SpanUnit::Chars), (6, 7));
    assert_eq!(span(SpanUnit::Utf16), (6, 8));
    assert_eq!(
        ctg_core::ffi::call_json("parse_target", call),
        ctg_core::ffi::call_json_in("parse_target", call, SpanUnit::Bytes)
    );
}

/// A UTF-8 file with accents, and one stray byte on line 3.
const UTF8_STRAY: &[u8] =
    b"indicateur;date;valeur;commentaire\nf1.1;31/03/2026;12;r\xc3\xa9union d'\xc3\xa9t\xc3\xa9\nf1.1;30/06/2026;8;caf\xff\nf1.1;30/09/2026;5;f\xc3\xaate\n";

#[test]
fn unclear_stray_byte_in_utf8_is_an_encoding_error_at_its_place() {
    for lenient in [false, true] {
        let opts = IngestOptions {
            lenient,
            ..Default::default()
        };
        let results = [
            read_csv(&plan(), UTF8_STRAY, &opts),
            read_auto(&plan(), UTF8_STRAY, &opts),
            read_auto_reader(&plan(), UTF8_STRAY, &opts),
        ];
        for result in results {
            let err = result.unwrap_err();
            assert_eq!(err.issues.len(), 1);
            let issue = &err.issues[0];
            assert_eq!(issue.code().as_str(), "encoding_error");
            assert_eq!(issue.row, Some(3));
            assert_eq!(
                issue.kind,
                ObservationErrorKind::InvalidUtf8 {
                    byte: 0xFF,
                    line: 3,
                    column: 22,
                    others: 0
                }
            );
            let fr = err.render(Lang::Fr);
            assert!(fr.contains("0xFF ligne 3, caractère 22"), "{fr}");
            assert!(!fr.contains("Ã"), "{fr}");
            let en = err.render(Lang::En);
            assert!(en.contains("line 3, character 22"), "{en}");
        }
    }
}

#[test]
fn unclear_windows_1252_french_csv_still_reads() {
    // What French Excel writes as « CSV (séparateur : point-virgule) »: CRLF, accents in
    // Windows-1252 (é = 0xE9, ’ = 0x92, œ = 0x9C, € = 0x80).
    let file: &[u8] = b"Indicateur;Date;Valeur;Commentaire\r\nf1.1;31/03/2026;12;R\xe9union d\x92accueil (donn\xe9es fictives)\r\nf1.1;30/06/2026;8;C\x9cur de village, 5 \x80\r\nf1.1;30/09/2026;5;F\xeate de l\x92\xe9t\xe9\r\n";
    let obs = read_auto(&plan(), file, &IngestOptions::default()).unwrap();
    assert_eq!(obs.rows().len(), 3);
    let streamed = read_auto_reader(&plan(), file, &IngestOptions::default()).unwrap();
    assert_eq!(streamed.rows().len(), 3);
    let notes = format!("{:?}", obs.notes);
    assert!(notes.contains("Windows1252"), "{notes}");
}

#[test]
fn unclear_json_scalar_is_a_format_error_not_csv() {
    for input in [
        "42",
        "null",
        "true",
        "false",
        "\"x\"",
        "  -1.5e3\n",
        " \"indicateur\" ",
    ] {
        for result in [
            read_auto(&plan(), input.as_bytes(), &IngestOptions::default()),
            read_auto_reader(&plan(), input.as_bytes(), &IngestOptions::default()),
        ] {
            let err = result.unwrap_err();
            assert_eq!(err.issues.len(), 1, "{input}");
            assert_eq!(err.issues[0].code().as_str(), "format_error", "{input}");
            assert!(
                matches!(
                    err.issues[0].kind,
                    ObservationErrorKind::JsonNotArray { .. }
                ),
                "{input}: {:?}",
                err.issues[0].kind
            );
            let msg = err.render(Lang::En);
            assert!(
                msg.contains("the JSON must be an array of observations"),
                "{msg}"
            );
        }
    }
    // A CSV that starts like a number or a word still goes to the CSV reader.
    let csv = b"indicateur;date;valeur\nf1.1;31/03/2026;12\n";
    assert_eq!(
        read_auto(&plan(), csv, &IngestOptions::default())
            .unwrap()
            .rows()
            .len(),
        1
    );
    let err = read_auto(&plan(), b"42;x\n1;2\n", &IngestOptions::default()).unwrap_err();
    assert_ne!(err.issues[0].code().as_str(), "format_error");
}
