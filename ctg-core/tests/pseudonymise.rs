//! `io::pseudonymise`: the same evaluation before and after, no raw id left, the key
//! checked, the file's layout kept. The ids below are fictional.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ctg_core::eval::{evaluate, EvalOptions};
use ctg_core::io::pseudonymise::{pseudonym, pseudonymise, PseudonymiseError, MIN_KEY_BYTES};
use ctg_core::io::{read_auto, IngestOptions};
use ctg_core::model::Plan;
use ctg_core::Lang;

fn plan() -> Plan {
    toml::from_str(include_str!("ingest/plan.toml")).unwrap()
}

const KEY: &[u8] = b"cle-de-test-fictive-0123456789ab";

const IDS: [&str; 4] = [
    "ENFANT-SECRET-001",
    "Jeanne D. 2011",
    "Éloïse-7",
    "ENFANT-SECRET-002",
];

fn export() -> String {
    let mut csv = String::from(
        "# Données fictives : export de test\r\nindicateur;date;valeur;participant;commentaire\r\n",
    );
    for (i, id) in IDS.iter().cycle().take(40).enumerate() {
        let month = i % 12 + 1;
        csv.push_str(&format!("f2.1;01/{month:02}/2026;1;{id};séance {i}\r\n"));
    }
    csv.push_str("f1.1;31/03/2026;12;;sans participant\r\n");
    csv.push_str("\r\n#f2.1;02/07/2026;1;ENFANT-SECRET-777;mis de côté\r\n");
    csv.push_str("f2.1;01/12/2026;1;\"ENFANT-SECRET-003\";\"un; point-virgule\"\r\n");
    csv
}

fn evaluation_json(input: &[u8]) -> serde_json::Value {
    let plan = plan();
    let obs = read_auto(&plan, input, &IngestOptions::default()).unwrap();
    let ev = evaluate(
        &plan,
        &obs,
        &EvalOptions {
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 12, 31),
            ..Default::default()
        },
    );
    serde_json::to_value(&ev).unwrap()
}

#[test]
fn pseudonymise_gives_the_same_evaluation_and_distinct_counts() {
    let csv = export();
    let out = pseudonymise(csv.as_bytes(), KEY).unwrap();
    assert_eq!(out.rows, 41);
    assert_eq!(out.participants, 5);
    assert_eq!(
        evaluation_json(csv.as_bytes()),
        evaluation_json(out.csv.as_bytes())
    );
    // The distinct count itself: 5 participants in 2026.
    let plan = plan();
    let obs = read_auto(&plan, out.csv.as_bytes(), &IngestOptions::default()).unwrap();
    let distinct: std::collections::BTreeSet<_> =
        obs.iter().filter_map(|o| o.participant).collect();
    assert_eq!(distinct.len(), 5);
}

#[test]
fn pseudonymise_leaves_no_raw_id() {
    let out = pseudonymise(export().as_bytes(), KEY).unwrap();
    for id in IDS.iter().chain(&["ENFANT-SECRET", "Jeanne", "Éloïse"]) {
        assert!(!out.csv.contains(id), "{id} in\n{}", out.csv);
    }
    assert!(!out.csv.contains("cle-de-test"));
    // Everything else is kept: the comment, the header, the delimiter, the line ends,
    // the other cells, the quoted cell, the blank line.
    let lines: Vec<&str> = out.csv.split("\r\n").collect();
    assert_eq!(lines[0], "# Données fictives : export de test");
    assert_eq!(lines[1], "indicateur;date;valeur;participant;commentaire");
    let p1 = pseudonym(KEY, IDS[0]).unwrap();
    assert_eq!(lines[2], format!("f2.1;01/01/2026;1;{p1};séance 0"));
    assert_eq!(lines[42], "f1.1;31/03/2026;12;;sans participant");
    assert_eq!(lines[43], "");
    let put_aside = pseudonym(KEY, "ENFANT-SECRET-777").unwrap();
    assert_eq!(
        lines[44],
        format!("#f2.1;02/07/2026;1;{put_aside};mis de côté")
    );
    let p3 = pseudonym(KEY, "ENFANT-SECRET-003").unwrap();
    assert_eq!(
        lines[45],
        format!("f2.1;01/12/2026;1;{p3};\"un; point-virgule\"")
    );
    assert_eq!(lines.len(), 47);
}

#[test]
fn pseudonymise_is_stable_and_keyed() {
    let a = pseudonymise(export().as_bytes(), KEY).unwrap();
    let b = pseudonymise(export().as_bytes(), KEY).unwrap();
    assert_eq!(a, b);
    let other = pseudonymise(export().as_bytes(), b"another-fictional-key-0123456789").unwrap();
    assert_ne!(a.csv, other.csv);
    assert_eq!(a.participants, other.participants);
    let p = pseudonym(KEY, "ENFANT-SECRET-001").unwrap();
    assert!(p.starts_with("p_") && p.len() == 18 && p[2..].chars().all(|c| c.is_ascii_hexdigit()));
}

#[test]
fn pseudonymise_refuses_a_short_key() {
    for key in [&b""[..], b"x", b"fifteen-bytes!!"] {
        let err = pseudonymise(export().as_bytes(), key).unwrap_err();
        assert_eq!(err, PseudonymiseError::KeyTooShort { bytes: key.len() });
        assert_eq!(err.code(), "invalid_key");
        assert!(err.message(Lang::Fr).contains("au moins 16"));
        assert!(pseudonym(key, "x").is_err());
    }
    assert!(pseudonymise(export().as_bytes(), &[0u8; MIN_KEY_BYTES]).is_ok());
}

#[test]
fn pseudonymise_keeps_a_comma_file_and_its_directive() {
    let csv = "sep=,\nindicator,date,value,participant_id\nf2.1,2026-03-31,1,\"ENFANT-SECRET-001\"\nf2.1,2026-04-30,1,ENFANT-SECRET-002";
    let out = pseudonymise(csv.as_bytes(), KEY).unwrap();
    let p1 = pseudonym(KEY, "ENFANT-SECRET-001").unwrap();
    let p2 = pseudonym(KEY, "ENFANT-SECRET-002").unwrap();
    assert_eq!(
        out.csv,
        format!("sep=,\nindicator,date,value,participant_id\nf2.1,2026-03-31,1,{p1}\nf2.1,2026-04-30,1,{p2}")
    );
    // Windows-1252 in, UTF-8 with a byte-order mark out.
    let cp1252 = b"indicateur;date;valeur;B\xe9n\xe9ficiaire\r\nf2.1;31/03/2026;1;Elo\xefse-7\r\n";
    let out = pseudonymise(cp1252, KEY).unwrap();
    let p = pseudonym(KEY, "Eloïse-7").unwrap();
    assert_eq!(
        out.csv,
        format!("\u{feff}indicateur;date;valeur;Bénéficiaire\r\nf2.1;31/03/2026;1;{p}\r\n")
    );
}

#[test]
fn pseudonymise_refuses_what_it_cannot_rewrite() {
    let code = |input: &[u8]| pseudonymise(input, KEY).unwrap_err().code();
    assert_eq!(
        code(b"indicateur;date;valeur\nf1.1;31/03/2026;1\n"),
        "missing_column"
    );
    assert_eq!(code(b"# rien\n\n"), "missing_column");
    assert_eq!(code(b""), "missing_column");
    assert_eq!(
        code(br#"[{"indicator": "f2.1", "participant": "X"}]"#),
        "format_error"
    );
    assert_eq!(code(b"PK\x03\x04rest of a zip"), "format_error");
    assert_eq!(code(b"a\0b"), "encoding_error");
    let err = pseudonymise(b"participant\n\"ENFANT-SECRET-001", KEY);
    if let Err(e) = err {
        assert!(!e.message(Lang::En).contains("ENFANT-SECRET"));
    }
}
