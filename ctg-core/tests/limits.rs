//! Limits as data (`ctg_core::Limits`): each limit refused with the `limit_exceeded` code,
//! naming the limit, and the same input accepted once the limit is raised; the blow-ups of
//! issue 16 bounded. All data here is fictional.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::expect_used,
    clippy::panic
)]

use ctg_core::eval::{try_evaluate, EvalOptions};
use ctg_core::io::{
    read_auto, read_auto_reader, read_auto_territories, read_csv_reader, IngestOptions,
    ObservationError,
};
use ctg_core::limits::Limit;
use ctg_core::model::Plan;
use ctg_core::{Lang, Limits};

/// A fictional plan of `n` indicators `f1.1` … `f1.n` (`window` each), over `from..=to`.
fn plan(n: usize, window: &str, from: i32, to: i32) -> Plan {
    let mut toml = format!(
        "id = \"demo\"\ntitle = \"Démo (fictif)\"\nterritory = \"Sundgau\"\n\
         period = {{ start = {from}, end = {to} }}\n\
         axes = [{{ number = 1, title = \"Axe\" }}]\n\
         [[fiches]]\nnumber = 1\ntitle = \"Accueil\"\naxis = 1\n\
         schedule = {{ start = {from}, end = {to} }}\n"
    );
    for i in 1..=n {
        toml.push_str(&format!(
            "[[fiches.indicators]]\nid = \"f1.{i}\"\nlabel = \"Indicateur {i}\"\n\
             measure = \"count\"\nwindow = \"{window}\"\n"
        ));
    }
    Plan::from_toml(&toml).unwrap()
}

fn with(limits: Limits) -> IngestOptions {
    IngestOptions {
        limits,
        ..Default::default()
    }
}

/// The one `limit_exceeded` issue of an error, for `limit`, in both languages.
fn refused(err: &ObservationError, limit: Limit) {
    let issue = err
        .issues
        .iter()
        .find(|i| i.code().as_str() == "limit_exceeded")
        .unwrap_or_else(|| panic!("no limit_exceeded in {err}"));
    for lang in [Lang::Fr, Lang::En] {
        let p = issue.problem(lang);
        assert!(p.message.contains(limit.name()), "{}", p.message);
        assert!(
            p.hint.as_deref().unwrap().contains("limits"),
            "{:?}",
            p.hint
        );
    }
}

fn rows(n: usize, id: &str) -> String {
    let mut csv = String::from("indicateur;date;valeur\n");
    for _ in 0..n {
        csv.push_str(&format!("{id};31/03/2026;1\n"));
    }
    csv
}

#[test]
fn limit_max_input_bytes_refused_then_raised() {
    let p = plan(1, "year", 2025, 2029);
    let csv = rows(10, "f1.1");
    let tight = Limits {
        max_input_bytes: 50,
        ..Limits::default()
    };
    refused(
        &read_auto(&p, csv.as_bytes(), &with(tight)).unwrap_err(),
        Limit::MaxInputBytes,
    );
    // A reader is read with take(limit + 1): refused too, CSV and JSON alike.
    refused(
        &read_auto_reader(&p, csv.as_bytes(), &with(tight)).unwrap_err(),
        Limit::MaxInputBytes,
    );
    refused(
        &read_csv_reader(&p, csv.as_bytes(), &with(tight)).unwrap_err(),
        Limit::MaxInputBytes,
    );
    let json = br#"[{"indicator": "f1.1", "date": "2026-03-31", "value": 1}, {"indicator": "f1.1", "date": "2026-03-31", "value": 1}]"#;
    refused(
        &read_auto_reader(&p, &json[..], &with(tight)).unwrap_err(),
        Limit::MaxInputBytes,
    );
    // Exactly at the limit is accepted.
    let exact = Limits {
        max_input_bytes: csv.len() as u64,
        ..Limits::default()
    };
    assert_eq!(
        read_auto_reader(&p, csv.as_bytes(), &with(exact))
            .unwrap()
            .len(),
        10
    );
    assert_eq!(
        read_auto(&p, csv.as_bytes(), &with(exact)).unwrap().len(),
        10
    );
}

#[test]
fn blowup_dev_zero_is_bounded() {
    // An endless reader stops with a typed problem, never runs out of memory.
    let p = plan(1, "year", 2025, 2029);
    let tight = Limits {
        max_input_bytes: 1 << 20,
        ..Limits::default()
    };
    let err = read_auto_reader(&p, std::io::repeat(b'a'), &with(tight)).unwrap_err();
    refused(&err, Limit::MaxInputBytes);
    let err = read_auto_reader(&p, std::io::repeat(0), &IngestOptions::default()).unwrap_err();
    assert!(!err.issues.is_empty());
}

#[test]
fn limit_max_rows_refused_then_raised() {
    let p = plan(1, "year", 2025, 2029);
    let csv = rows(5, "f1.1");
    let tight = Limits {
        max_rows: 4,
        ..Limits::default()
    };
    let err = read_auto(&p, csv.as_bytes(), &with(tight)).unwrap_err();
    assert_eq!(err.issues.len(), 1);
    refused(&err, Limit::MaxRows);
    let raised = Limits {
        max_rows: 5,
        ..Limits::default()
    };
    assert_eq!(
        read_auto(&p, csv.as_bytes(), &with(raised)).unwrap().len(),
        5
    );
}

#[test]
fn limit_max_columns_refused_then_raised() {
    let p = plan(1, "year", 2025, 2029);
    let csv = "indicateur;date;valeur;a;b\nf1.1;31/03/2026;1;;\n";
    let tight = Limits {
        max_columns: 4,
        ..Limits::default()
    };
    refused(
        &read_auto(&p, csv.as_bytes(), &with(tight)).unwrap_err(),
        Limit::MaxColumns,
    );
    let raised = Limits {
        max_columns: 5,
        ..Limits::default()
    };
    assert_eq!(
        read_auto(&p, csv.as_bytes(), &with(raised)).unwrap().len(),
        1
    );
}

#[test]
fn limit_max_id_chars_refused_for_indicator_participant_and_territory() {
    let p = plan(1, "year", 2025, 2029);
    let long = "x".repeat(300);
    let csv = rows(1, &long);
    let err = read_auto(&p, csv.as_bytes(), &IngestOptions::default()).unwrap_err();
    refused(&err, Limit::MaxIdChars);
    // The id is not echoed in full, only its length.
    assert!(!err.to_string().contains(&long));
    assert!(err.to_string().contains("300"));

    // A participant that long: refused, and never echoed.
    let secret = format!("SECRET_{}", "7".repeat(250));
    let mut toml = String::from(
        "id = \"demo\"\ntitle = \"Démo (fictif)\"\nterritory = \"Sundgau\"\n\
         period = { start = 2025, end = 2029 }\naxes = [{ number = 1, title = \"Axe\" }]\n[[fiches]]\nnumber = 1\ntitle = \"Accueil\"\n\
         axis = 1\nschedule = { start = 2025, end = 2029 }\n",
    );
    toml.push_str(
        "[[fiches.indicators]]\nid = \"f1.1\"\nlabel = \"Jeunes\"\nmeasure = \"distinct_count\"\n",
    );
    let dp = Plan::from_toml(&toml).unwrap();
    let csv = format!("indicateur;date;valeur;participant\nf1.1;31/03/2026;1;{secret}\n");
    let err = read_auto(&dp, csv.as_bytes(), &IngestOptions::default()).unwrap_err();
    refused(&err, Limit::MaxIdChars);
    let all = format!("{err} {}", err.render(Lang::Fr));
    assert!(!all.contains("SECRET_"), "{all}");
    let raised = Limits {
        max_id_chars: 1_000,
        ..Limits::default()
    };
    assert_eq!(
        read_auto(&dp, csv.as_bytes(), &with(raised)).unwrap().len(),
        1
    );

    // A territory that long (several plans).
    let q = plan(1, "year", 2025, 2029);
    let csv = format!("territoire;indicateur;date;valeur\n{long};f1.1;31/03/2026;1\n");
    let err =
        read_auto_territories(&[&p, &q], csv.as_bytes(), &IngestOptions::default()).unwrap_err();
    refused(&err, Limit::MaxIdChars);
}

#[test]
fn limit_max_issues_keeps_the_first_and_counts_the_rest() {
    let p = plan(1, "year", 2025, 2029);
    let csv = rows(1_500, "f9.9");
    let err = read_auto(&p, csv.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!(err.issues.len(), 1_001);
    assert_eq!(err.issues[0].code().as_str(), "unknown_indicator");
    let last = err.issues.last().unwrap();
    assert_eq!(last.code().as_str(), "limit_exceeded");
    assert!(
        last.message(Lang::Fr)
            .starts_with("… et 500 autres problèmes"),
        "{}",
        last.message(Lang::Fr)
    );
    assert!(last
        .message(Lang::En)
        .starts_with("… and 500 more problems"));
    refused(&err, Limit::MaxIssues);
    // Lenient: the same bound on the skipped rows.
    let lenient = IngestOptions {
        lenient: true,
        ..Default::default()
    };
    let obs = read_auto(&p, csv.as_bytes(), &lenient).unwrap();
    assert_eq!(obs.skipped.len(), 1_001);
    // Raised: every problem kept.
    let raised = Limits {
        max_issues: 2_000,
        ..Limits::default()
    };
    let err = read_auto(&p, csv.as_bytes(), &with(raised)).unwrap_err();
    assert_eq!(err.issues.len(), 1_500);
}

/// The `… et N autres problèmes` count of an error's last issue, and the rows of the others.
fn kept_and_more(err: &ObservationError) -> (Vec<usize>, String) {
    let (last, kept) = err.issues.split_last().unwrap();
    assert_eq!(last.code().as_str(), "limit_exceeded");
    let rows = kept.iter().map(|i| i.row.unwrap()).collect();
    (rows, last.message(Lang::Fr))
}

#[test]
fn blowup_one_million_bad_rows_keeps_the_first_by_row_across_pieces_and_counts_the_rest() {
    // 200,000 bad rows (4 MB): many pieces read in parallel waves; each piece keeps at most
    // `max_issues` problems, the input the first by row.
    let p = plan(1, "year", 2025, 2029);
    let csv = rows(200_000, "f9.9");
    let err = read_auto(&p, csv.as_bytes(), &IngestOptions::default()).unwrap_err();
    let (kept, more) = kept_and_more(&err);
    assert_eq!(kept, (2..=1_001).collect::<Vec<_>>());
    assert!(
        more.starts_with("… et 199\u{202f}000 autres problèmes"),
        "{more}"
    );
    assert!(err.render(Lang::Fr).len() < 1_000_000);
    // The same through a reader (streamed) and through JSON records.
    let err = read_auto_reader(&p, csv.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!(kept_and_more(&err).0, (2..=1_001).collect::<Vec<_>>());
    let json = format!(
        "[{}]",
        vec![r#"{"indicateur": "f9.9", "date": "31/03/2026", "valeur": 1}"#; 5_000].join(",")
    );
    let ten = with(Limits {
        max_issues: 10,
        ..Limits::default()
    });
    let err = read_auto(&p, json.as_bytes(), &ten).unwrap_err();
    let (kept, more) = kept_and_more(&err);
    assert_eq!(kept, (1..=10).collect::<Vec<_>>());
    assert!(
        more.starts_with("… et 4\u{202f}990 autres problèmes"),
        "{more}"
    );
}

/// How many problems an error holds in all: those kept and those it counts.
fn total_problems(err: &ObservationError) -> u64 {
    match err.issues.split_last() {
        Some((last, kept)) if last.code().as_str() == "limit_exceeded" => {
            let n = last.message(Lang::En);
            let digits: String = n
                .split("and ")
                .nth(1)
                .unwrap_or_default()
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',')
                .filter(char::is_ascii_digit)
                .collect();
            kept.len() as u64 + digits.parse::<u64>().unwrap_or_else(|_| panic!("{n}"))
        }
        _ => err.issues.len() as u64,
    }
}

#[test]
fn limit_max_issues_counts_past_the_kept_ones_as_many_problems_as_it_would_keep() {
    // Past `max_issues`, bad rows are only counted (no message built): the count must be
    // the number of problems a larger limit keeps, whatever the rows' problems.
    let p = plan(2, "year", 2025, 2029);
    let bad_rows = [
        "f9.9;31/03/2026;1",         // unknown indicator
        "f1.1;31/13/2026;1",         // not a date
        "f1.1;31/02/2026;1",         // no such day
        "f1.1;01/01/0000;1",         // out of range
        "f1.1;31/03/2026;-2",        // negative
        "f1.1;31/03/2026;douze",     // not a number
        "f1.1;31/03/2026;",          // empty value
        ";31/03/2026;1",             // empty indicator
        "f1.2;;",                    // two problems
        "f9.9;pas de date;abc",      // unknown indicator and a bad date
        "#N/A;31/03/2026;1",         // a spreadsheet error row
        "f1.1;#DIV/0!;#N/A",         // two error cells
        "f1.1;31/03/2026;1;en trop", // ragged
        "f1.1;31/03/2026;1",         // good
    ];
    let mut csv = String::from("indicateur;date;valeur\n");
    for i in 0..3_000 {
        csv.push_str(bad_rows[i % bad_rows.len()]);
        csv.push('\n');
    }
    let all = with(Limits {
        max_issues: 1_000_000,
        ..Limits::default()
    });
    let full = read_auto(&p, csv.as_bytes(), &all).unwrap_err();
    assert!(full.issues.len() > 3_000, "{}", full.issues.len());
    for keep in [0, 1, 2, 7, 100, 2_999] {
        let few = with(Limits {
            max_issues: keep,
            ..Limits::default()
        });
        let err = read_auto(&p, csv.as_bytes(), &few).unwrap_err();
        assert_eq!(
            total_problems(&err),
            full.issues.len() as u64,
            "max_issues {keep}"
        );
        // The ones kept are the first of all.
        let kept = &err.issues[..err.issues.len() - 1];
        assert_eq!(kept, &full.issues[..kept.len()], "max_issues {keep}");
    }
    // Territories (several plans): a row naming no plan is one problem, counted the same.
    let q = Plan::from_toml(
        &p.to_toml()
            .unwrap()
            .replace("id = \"demo\"", "id = \"autre\"")
            .replace("territory = \"Sundgau\"", "territory = \"Ailleurs\""),
    )
    .unwrap();
    let mut many = String::from("territoire;indicateur;date;valeur\n");
    for i in 0..600 {
        let territory = ["Nulle part", "", "Sundgau", "Ailleurs"][i % 4];
        many.push_str(&format!("{territory};{}\n", bad_rows[i % bad_rows.len()]));
    }
    let full = read_auto_territories(&[&p, &q], many.as_bytes(), &all).unwrap_err();
    let few = with(Limits {
        max_issues: 5,
        ..Limits::default()
    });
    let err = read_auto_territories(&[&p, &q], many.as_bytes(), &few).unwrap_err();
    assert_eq!(total_problems(&err), full.issues.len() as u64);
}

#[test]
fn limit_max_issues_bounds_spreadsheet_error_rows_too() {
    // `#N/A` rows are found apart from the others (the CSV reader takes them for comments):
    // 200,000 of them were all kept, each inserted in row order (5.7 s, 1.5 GB in Python).
    let p = plan(1, "year", 2025, 2029);
    let mut csv = String::from("indicateur;date;valeur\n");
    csv.push_str(&"#N/A;31/03/2026;1\n".repeat(20_000));
    let err = read_auto(&p, csv.as_bytes(), &IngestOptions::default()).unwrap_err();
    let (kept, more) = kept_and_more(&err);
    assert_eq!(kept, (2..=1_001).collect::<Vec<_>>());
    assert_eq!(err.issues[0].code().as_str(), "type_error");
    assert!(
        more.starts_with("… et 19\u{202f}000 autres problèmes"),
        "{more}"
    );
    // Mixed with other bad rows: still the first ten by row, whichever reader found them.
    let mut mixed = String::from("indicateur;date;valeur\n");
    for i in 0..50 {
        mixed.push_str(if i % 2 == 0 {
            "#N/A;31/03/2026;1\n"
        } else {
            "f9.9;31/03/2026;1\n"
        });
    }
    let ten = with(Limits {
        max_issues: 10,
        ..Limits::default()
    });
    let err = read_auto(&p, mixed.as_bytes(), &ten).unwrap_err();
    let (kept, more) = kept_and_more(&err);
    assert_eq!(kept, (2..=11).collect::<Vec<_>>());
    let codes: Vec<_> = err.issues[..10].iter().map(|i| i.code().as_str()).collect();
    assert_eq!(codes[..2], ["type_error", "unknown_indicator"]);
    assert!(more.starts_with("… et 40 autres problèmes"), "{more}");
}

#[test]
fn limit_max_echo_chars_cuts_echoed_values() {
    let p = plan(1, "year", 2025, 2029);
    // A text with no letter (one that cannot be a participant id, so it is echoed).
    let csv = "indicateur;date;valeur\nf1.1;31/03/2026;1.2.3.4.5.6\n";
    let short = Limits {
        max_echo_chars: 4,
        ..Limits::default()
    };
    let err = read_auto(&p, csv.as_bytes(), &with(short)).unwrap_err();
    let p0 = err.issues[0].problem(Lang::En);
    assert_eq!(p0.input.as_deref(), Some("1.2.…"));
    let err = read_auto(&p, csv.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!(
        err.issues[0].problem(Lang::En).input.as_deref(),
        Some("1.2.3.4.5.6")
    );
}

#[test]
fn blowup_windows_refused_at_evaluation() {
    // 1,000 monthly indicators over 1900–2200: 3.6 million windows, refused before any is made.
    let p = plan(1_000, "month", 1900, 2200);
    let obs = ctg_core::io::Observations::default();
    let err = try_evaluate(&p, &obs, &EvalOptions::default()).unwrap_err();
    assert_eq!(err.code(), "limit_exceeded");
    assert_eq!(err.limit, Limit::MaxWindows);
    assert!(err.message(Lang::Fr).contains("max_windows"));
    // Raised: a small plan over the same period is accepted.
    let small = plan(2, "month", 1900, 2200);
    let n = ctg_core::eval::window_count(&small);
    let raised = EvalOptions {
        limits: Limits {
            max_windows: n,
            ..Limits::default()
        },
        ..Default::default()
    };
    let ev = try_evaluate(&small, &obs, &raised).unwrap();
    let made: usize = ev.indicators.iter().map(|i| i.windows.len()).sum();
    assert!(made as u64 <= n, "{made} > {n}");
    let tight = EvalOptions {
        limits: Limits {
            max_windows: n - 1,
            ..Limits::default()
        },
        ..Default::default()
    };
    assert!(try_evaluate(&small, &obs, &tight).is_err());
}

#[test]
fn limits_through_the_boundary() {
    let call = r#"{"plan": {"format": "bundled", "name": "sundgau"},
        "observations": "indicateur;date;valeur\nf8.1;31/12/2026;30\nf8.1;31/12/2026;30\n",
        "limits": {"max_rows": 1}, "lang": "en"}"#;
    let answer: serde_json::Value =
        serde_json::from_str(&ctg_core::ffi::call_json("evaluate", call)).unwrap();
    assert_eq!(answer["status"], "failure");
    assert_eq!(answer["errors"][0]["code"], "limit_exceeded");
    let call = call.replace(r#""max_rows": 1"#, r#""max_windows": 1"#);
    let answer: serde_json::Value =
        serde_json::from_str(&ctg_core::ffi::call_json("evaluate", &call)).unwrap();
    assert_eq!(answer["errors"][0]["code"], "limit_exceeded", "{answer}");
    assert!(answer["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("max_windows"));
    // An unknown limit is a bad call, not ignored.
    let call = call.replace(r#""max_windows": 1"#, r#""max_window": 1"#);
    let answer: serde_json::Value =
        serde_json::from_str(&ctg_core::ffi::call_json("evaluate", &call)).unwrap();
    assert_eq!(answer["status"], "failure");
}

#[test]
fn blowup_unknown_ids_against_a_large_plan_are_fast() {
    // 10,000 indicators and 20,000 rows naming one unknown id, then 20,000 distinct ones.
    let p = plan(10_000, "year", 2025, 2029);
    let t = std::time::Instant::now();
    let csv = rows(20_000, "f99999.9");
    let err = read_auto(&p, csv.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!(err.issues.len(), 1_001);
    let mut csv = String::from("indicateur;date;valeur\n");
    for i in 0..20_000 {
        csv.push_str(&format!("g{i}.9;31/03/2026;1\n"));
    }
    let _ = read_auto(&p, csv.as_bytes(), &IngestOptions::default()).unwrap_err();
    // Generous for a debug build on a shared machine; the release figures are in
    // benches/README.md.
    assert!(t.elapsed().as_secs() < 60, "{:?}", t.elapsed());
}
