//! Property tests of observation ingest: no input makes it panic, and valid observations
//! written as French or plain CSV (or JSON) read back equal.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use ctg_core::io::{
    read_auto, read_csv, read_json, Assessment, IngestOptions, Observation, Observations,
    ObservedValue,
};
use ctg_core::model::Plan;
use ctg_core::Lang;
use proptest::prelude::*;

fn plan() -> Plan {
    toml::from_str(include_str!("ingest/plan.toml")).unwrap()
}

/// Whatever the outcome, it must be coherent: an error lists at least one issue, and every
/// message is written in both languages.
fn check_outcome(result: &Result<Observations, ctg_core::io::ObservationError>) {
    match result {
        Ok(obs) => {
            for o in &obs.rows() {
                assert!(o.row >= 1);
                if let ObservedValue::Number(n) = o.value {
                    assert!(n.is_finite());
                }
            }
            for i in &obs.skipped {
                assert!(!i.message(Lang::En).is_empty() && !i.message(Lang::Fr).is_empty());
            }
        }
        Err(e) => {
            assert!(!e.issues.is_empty());
            for i in &e.issues {
                assert!(!i.message(Lang::En).is_empty() && !i.message(Lang::Fr).is_empty());
            }
        }
    }
}

fn read_all_ways(plan: &Plan, bytes: &[u8]) {
    for lenient in [false, true] {
        let opts = IngestOptions {
            lenient,
            ..Default::default()
        };
        check_outcome(&read_auto(plan, bytes, &opts));
        check_outcome(&read_csv(plan, bytes, &opts));
        check_outcome(&read_json(plan, &String::from_utf8_lossy(bytes), &opts));
    }
    // A strict success is a lenient success with nothing skipped.
    if let Ok(strict) = read_auto(plan, bytes, &IngestOptions::default()) {
        let lenient = read_auto(
            plan,
            bytes,
            &IngestOptions {
                lenient: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(strict.rows(), lenient.rows());
        assert!(lenient.skipped.is_empty());
    }
}

fn csvish_token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(";".to_string()),
        Just(",".to_string()),
        Just("\t".to_string()),
        Just("\"".to_string()),
        Just("\"\"".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("#".to_string()),
        Just(" ".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{feff}".to_string()),
        Just("[".to_string()),
        Just("{".to_string()),
        Just("sep=".to_string()),
        "[0-9]{1,5}",
        "-?[0-9]{1,3}[,.][0-9]{1,2}",
        "[0-3]?[0-9]/[01]?[0-9]/20[0-9]{2}",
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]",
        prop_oneof![
            Just("f1.1"),
            Just("f1.2"),
            Just("f2.1"),
            Just("f3.1"),
            Just("f3.2"),
            Just("f12.1"),
            Just("f12.2"),
            Just("F12.3"),
            Just("f9"),
        ]
        .prop_map(str::to_string),
        prop_oneof![
            Just("indicateur"),
            Just("date"),
            Just("valeur"),
            Just("participant"),
            Just("dénominateur"),
            Just("Commentaire"),
            Just("value"),
            Just("oui"),
            Just("non atteint"),
            Just("NaN"),
            Just("inf"),
            Just("12%"),
            Just("é"),
        ]
        .prop_map(str::to_string),
    ]
}

fn csvish() -> impl Strategy<Value = String> {
    let header = prop_oneof![
        Just(""),
        Just("indicateur;date;valeur;participant;dénominateur;commentaire\n"),
        Just("indicator,date,value\r\n"),
        Just("# Données fictives\nindicateur\tdate\tvaleur\n"),
    ];
    (header, proptest::collection::vec(csvish_token(), 0..80))
        .prop_map(|(h, tokens)| format!("{h}{}", tokens.concat()))
}

/// A valid observation, with how to write its value.
#[derive(Debug, Clone)]
struct Gen {
    indicator: &'static str,
    date: NaiveDate,
    value: ObservedValue,
    /// Distinct counts: write the value cell empty (it reads as 1).
    blank_value: bool,
    participant: Option<String>,
    denominator: Option<f64>,
    commune: Option<String>,
    comment: Option<String>,
}

fn number(signed: bool) -> impl Strategy<Value = f64> {
    (0u64..10_000_000_000, 0u32..4, any::<bool>()).prop_map(move |(n, decimals, negative)| {
        let v = n as f64 / 10f64.powi(decimals as i32);
        if signed && negative {
            -v
        } else {
            v
        }
    })
}

fn gen_observation() -> impl Strategy<Value = Gen> {
    let date = (2020i32..2031, 1u32..13, 1u32..29)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
    let commune = proptest::option::of("[A-Za-zéèÉ]([A-Za-zéè' -]{0,10}[A-Za-zéè])?");
    let comment = proptest::option::of("[a-zé;,\"#]([a-zé;,\"# \n]{0,20}[a-zé;,\"])?");
    let participant = "[A-Za-z0-9][A-Za-z0-9 -]{0,10}[A-Za-z0-9]";
    let measure = prop_oneof![
        (
            prop_oneof![Just("f1.1"), Just("f12.3"), Just("f3.2")],
            number(false)
        )
            .prop_map(|(id, v)| (
                id,
                ObservedValue::Number(v),
                false,
                None::<String>,
                None::<f64>
            )),
        number(true).prop_map(|v| ("f12.1", ObservedValue::Number(v), false, None, None)),
        (number(false), number(false)).prop_map(|(v, d)| (
            "f3.1",
            ObservedValue::Number(v),
            false,
            None,
            Some(d)
        )),
        any::<bool>().prop_map(|b| ("f1.2", ObservedValue::Done(b), false, None, None)),
        prop_oneof![
            Just(Assessment::Achieved),
            Just(Assessment::Partial),
            Just(Assessment::NotAchieved)
        ]
        .prop_map(|a| ("f12.2", ObservedValue::Assessment(a), false, None, None)),
        (participant, proptest::option::of(number(false))).prop_map(|(p, v)| match v {
            Some(v) => ("f2.1", ObservedValue::Number(v), false, Some(p), None),
            None => ("f2.1", ObservedValue::Number(1.0), true, Some(p), None),
        }),
    ];
    (measure, date, commune, comment).prop_map(
        |((indicator, value, blank_value, participant, denominator), date, commune, comment)| Gen {
            indicator,
            date,
            value,
            blank_value,
            participant,
            denominator,
            commune,
            comment,
        },
    )
}

/// A number the French way: decimal comma, thousands grouped with `sep` if given.
fn french_number(v: f64, sep: Option<char>) -> String {
    let s = v.to_string();
    let (sign, digits) = match s.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", s.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0
            && (int.len() - i) % 3 == 0
            && let Some(sep) = sep
        {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

fn value_cell(g: &Gen, french: bool, sep: Option<char>) -> String {
    if g.blank_value {
        return String::new();
    }
    match g.value {
        ObservedValue::Number(v) if french => french_number(v, sep),
        ObservedValue::Number(v) => v.to_string(),
        ObservedValue::Done(b) => match (french, b) {
            (true, true) => "oui".into(),
            (true, false) => "non".into(),
            (false, true) => "true".into(),
            (false, false) => "0".into(),
        },
        ObservedValue::Assessment(a) => a
            .label(if french {
                ctg_core::Lang::Fr
            } else {
                ctg_core::Lang::En
            })
            .to_string(),
    }
}

fn write_csv(gens: &[Gen], french: bool, sep: Option<char>) -> Vec<u8> {
    let mut out = Vec::new();
    if french {
        out.extend_from_slice("\u{feff}# Données fictives\r\n".as_bytes());
    }
    let mut w = csv::WriterBuilder::new()
        .delimiter(if french { b';' } else { b',' })
        .terminator(if french {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    if french {
        w.write_record([
            "Indicateur",
            "Date",
            "Valeur",
            "Bénéficiaire",
            "Dénominateur",
            "Commune",
            "Commentaire",
        ])
        .unwrap();
    } else {
        w.write_record([
            "indicator",
            "date",
            "value",
            "participant",
            "denominator",
            "commune",
            "comment",
        ])
        .unwrap();
    }
    for g in gens {
        let date = if french {
            g.date.format("%d/%m/%Y").to_string()
        } else {
            g.date.format("%Y-%m-%d").to_string()
        };
        let denominator = g
            .denominator
            .map(|d| {
                if french {
                    french_number(d, sep)
                } else {
                    d.to_string()
                }
            })
            .unwrap_or_default();
        w.write_record([
            g.indicator.to_string(),
            date,
            value_cell(g, french, sep),
            g.participant.clone().unwrap_or_default(),
            denominator,
            g.commune.clone().unwrap_or_default(),
            g.comment.clone().unwrap_or_default(),
        ])
        .unwrap();
    }
    out.extend(w.into_inner().unwrap());
    out
}

fn write_json(gens: &[Gen]) -> String {
    let items: Vec<serde_json::Value> = gens
        .iter()
        .map(|g| {
            let value = match g.value {
                _ if g.blank_value => serde_json::Value::Null,
                ObservedValue::Number(v) => serde_json::json!(v),
                ObservedValue::Done(b) => serde_json::json!(b),
                ObservedValue::Assessment(a) => serde_json::json!(a.label(ctg_core::Lang::Fr)),
            };
            serde_json::json!({
                "indicateur": g.indicator,
                "date": g.date.format("%Y-%m-%d").to_string(),
                "valeur": value,
                "participant": g.participant,
                "dénominateur": g.denominator,
                "commune": g.commune,
                "commentaire": g.comment,
            })
        })
        .collect();
    serde_json::to_string(&items).unwrap()
}

fn assert_round_trip(gens: &[Gen], obs: &[Observation], first_row: usize) {
    assert_eq!(obs.len(), gens.len());
    for (i, (g, o)) in gens.iter().zip(obs).enumerate() {
        assert_eq!(&*o.indicator, g.indicator);
        assert_eq!(o.date, g.date);
        assert_eq!(o.value, g.value);
        // Participants are interned: the same raw id, the same participant.
        assert_eq!(o.participant.is_some(), g.participant.is_some());
        for (h, p) in gens.iter().zip(obs) {
            let same_raw =
                h.participant.as_deref().map(str::trim) == g.participant.as_deref().map(str::trim);
            assert_eq!(p.participant == o.participant, same_raw);
        }
        assert_eq!(o.denominator, g.denominator);
        assert_eq!(o.commune, g.commune);
        assert_eq!(o.comment, g.comment);
        // Spreadsheet rows: one per record, whatever the line breaks inside comments.
        assert_eq!(o.row, first_row + i);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        read_all_ways(&plan(), &bytes);
    }

    #[test]
    fn csvish_text_never_panics(text in csvish()) {
        read_all_ways(&plan(), text.as_bytes());
    }

    #[test]
    fn csvish_text_as_windows_1252_never_panics(text in csvish()) {
        // Latin-1 bytes of the text (not UTF-8 when it has accents).
        let bytes: Vec<u8> = text.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
        read_all_ways(&plan(), &bytes);
    }

    #[test]
    fn round_trip(
        gens in proptest::collection::vec(gen_observation(), 0..25),
        sep in prop_oneof![Just(None), Just(Some(' ')), Just(Some('\u{a0}')), Just(Some('\u{202f}'))],
    ) {
        let plan = plan();
        let strict = IngestOptions::default();

        let french = write_csv(&gens, true, sep);
        let obs = read_csv(&plan, &french, &strict).unwrap();
        prop_assert!(obs.fictional);
        assert_round_trip(&gens, &obs.rows(), 3);

        let plain = write_csv(&gens, false, None);
        let obs = read_auto(&plan, &plain, &strict).unwrap();
        prop_assert!(!obs.fictional);
        assert_round_trip(&gens, &obs.rows(), 2);

        let json = write_json(&gens);
        let obs = read_json(&plan, &json, &strict).unwrap();
        assert_round_trip(&gens, &obs.rows(), 1);
    }
}
