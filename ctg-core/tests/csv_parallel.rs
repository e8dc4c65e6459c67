//! The parallel CSV reader and the streaming one give exactly what the sequential reader
//! gives (observations, problems with their rows and columns, notes), wherever the piece and
//! block boundaries fall; an endless reader stops with a typed problem.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Read;

use ctg_core::io::{
    read_csv, read_csv_reader, read_csv_reader_tuned, read_csv_tuned, ByTerritory, CsvPlans,
    CsvTuning, IngestOptions, ObservationError, Observations,
};
use ctg_core::model::Plan;
use ctg_core::Lang;
use proptest::prelude::*;

fn plan() -> Plan {
    toml::from_str(include_str!("ingest/plan.toml")).unwrap()
}

/// One plan's observations, as compared: every row (through `Debug`; participants by their
/// interned number, given in order of first appearance, so equal readers give equal numbers),
/// problems, notes, fictional flag.
fn describe_obs(obs: &Observations) -> String {
    let mut out = String::new();
    for o in obs.iter() {
        out += &format!("{o:?}\n");
    }
    out += &format!(
        "skipped {:?}\nnotes {:?}\nfictional {}\n",
        obs.skipped, obs.notes, obs.fictional
    );
    out
}

fn describe(result: &Result<ByTerritory, ObservationError>) -> String {
    match result {
        Ok(read) => {
            let mut out = String::new();
            for obs in &read.observations {
                out += &describe_obs(obs);
            }
            out + &format!("skipped {:?}", read.skipped)
        }
        Err(e) => {
            let mut out = format!("error {:?}\n", e.issues);
            for i in &e.issues {
                out += &format!("{}\n", i.render(Lang::En));
            }
            out
        }
    }
}

/// A reader that gives at most `n` bytes a call.
struct Dribble<'a> {
    bytes: &'a [u8],
    n: usize,
}

impl Read for Dribble<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let k = self.n.min(buf.len()).min(self.bytes.len());
        buf[..k].copy_from_slice(&self.bytes[..k]);
        self.bytes = &self.bytes[k..];
        Ok(k)
    }
}

const SEQUENTIAL: CsvTuning = CsvTuning {
    piece_bytes: usize::MAX,
    wave_pieces: 1,
    block_bytes: 1 << 20,
    max_record_bytes: 64 << 20,
    sequential: true,
};

/// A data line (without its line end) from a few kinds.
fn line(d: char) -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        Just(String::new()),
        Just("12".to_string()),
        Just("1 234,5".to_string()),
        Just("-3".to_string()),
        Just("abc".to_string()),
        Just("\"quoted; \"\"cell\"\"\"".to_string()),
        Just("\"line\r\nbreak\"".to_string()),
        Just("\"two\nlines\nhere\"".to_string()),
        Just("mid\"quote".to_string()),
        Just("P-7".to_string()),
        Just("Données".to_string()),
    ];
    let indicator = prop_oneof![
        Just("f1.1"),
        Just("f1.2"),
        Just("f2.1"),
        Just("f3.1"),
        Just("f12.2"),
        Just("f9.9"),
        Just(""),
        Just("\"f1.1\""),
    ];
    let date = prop_oneof![
        Just("31/03/2026"),
        Just("2026-03-31"),
        Just("31/02/2026"),
        Just("hier"),
        Just("\"15/09/2026\""),
    ];
    let row = (
        indicator,
        date,
        cell.clone(),
        cell.clone(),
        cell.clone(),
        0usize..3,
    )
        .prop_map(move |(i, dt, v, p, c, extra)| {
            let mut cells = vec![i.to_string(), dt.to_string(), v, p, c];
            match extra {
                0 => {}
                1 => {
                    cells.pop();
                    cells.pop();
                }
                _ => cells.push("surplus".to_string()),
            }
            cells.join(&d.to_string())
        });
    prop_oneof![
        6 => row,
        1 => Just(String::new()),
        1 => Just("   ".to_string()),
        1 => Just("# Données fictives".to_string()),
        1 => Just(format!("# f2.1{d}01/02/2026{d}{d}P-7")),
        1 => Just("# un \"commentaire\" ; libre".to_string()),
        1 => Just("#".to_string()),
    ]
}

prop_compose! {
    fn csv_input()(
        french in any::<bool>(),
        sep in any::<bool>(),
        before in proptest::collection::vec(prop_oneof![Just(""), Just("# avant")], 0..3),
        unnamed in any::<bool>(),
        crlf in any::<bool>(),
        lines in proptest::collection::vec(any::<u8>(), 0..40)
            .prop_flat_map(|v| {
                let n = v.len();
                (proptest::collection::vec(line(';'), n), proptest::collection::vec(line(','), n))
            }),
        last_end in any::<bool>(),
        unclosed in proptest::bool::weighted(0.05),
        plain in any::<bool>(),
    ) -> String {
        let d = if french { ';' } else { ',' };
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut out = String::new();
        for b in before {
            out += b;
            out += nl;
        }
        if sep {
            out += &format!("sep={d}{nl}");
        }
        let mut header = ["indicateur", "date", "valeur", "participant", "commentaire"];
        if unnamed {
            header[4] = "";
        }
        out += &header.join(&d.to_string());
        out += nl;
        let mut lines = if french { lines.0 } else { lines.1 };
        if plain {
            // Most of the text without quotes: the parallel pieces' path.
            lines.retain(|l| !l.contains('"'));
        }
        for (k, l) in lines.iter().enumerate() {
            out += l;
            if k + 1 < lines.len() || last_end {
                out += nl;
            }
        }
        if unclosed {
            out += &format!("f1.1{d}31/03/2026{d}\"12{nl}f1.1{d}01/04/2026{d}3{nl}");
        }
        out
    }
}

fn check_all_ways(input: &str, piece: usize, wave: usize, block: usize, dribble: usize) {
    let plan = plan();
    let bytes = input.as_bytes();
    for lenient in [false, true] {
        let opts = IngestOptions {
            lenient,
            ..Default::default()
        };
        let reference = describe(&read_csv_tuned(
            CsvPlans::One(&plan),
            bytes,
            &opts,
            &SEQUENTIAL,
        ));
        let tuned = CsvTuning {
            piece_bytes: piece,
            wave_pieces: wave,
            block_bytes: block,
            max_record_bytes: 64 << 20,
            sequential: false,
        };
        let parallel = describe(&read_csv_tuned(CsvPlans::One(&plan), bytes, &opts, &tuned));
        assert_eq!(reference, parallel, "parallel, piece {piece}, wave {wave}");
        let streamed = describe(&read_csv_reader_tuned(
            CsvPlans::One(&plan),
            Dribble { bytes, n: dribble },
            &opts,
            &tuned,
        ));
        assert_eq!(
            reference, streamed,
            "streamed, block {block}, piece {piece}"
        );
        let default = describe(&read_csv_tuned(
            CsvPlans::One(&plan),
            bytes,
            &opts,
            &CsvTuning::default(),
        ));
        assert_eq!(reference, default, "default tuning");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parallel_and_streamed_equal_sequential(
        input in csv_input(),
        piece in 1usize..80,
        wave in 1usize..5,
        block in 4usize..64,
        dribble in 1usize..10,
    ) {
        check_all_ways(&input, piece, wave, block, dribble);
    }
}

#[test]
fn edge_cases_equal_sequential() {
    let cases = [
        "",
        "\n\n",
        "# seul\n",
        "sep=;\n",
        "sep=;\nindicateur;date;valeur\n",
        "indicateur;date;valeur",
        "indicateur;date;valeur\nf1.1;31/03/2026;12",
        "indicateur;date;valeur\r\nf1.1;31/03/2026;12\r\n\r\n# fin\r\n",
        "\"indicateur\";\"date\";\"valeur\"\nf1.1;31/03/2026;\"1\n2\"\nf1.1;31/03/2026;x\n",
        "indicateur;date;valeur;\"x\nf1.1;31/03/2026;12\n",
        "indicateur;date;valeur\nf1.1;31/03/2026;\"12\nf1.1;31/03/2026;3\n",
        "indicateur,date,valeur\rf1.1,2026-03-31,12\rf1.1,2026-03-31,-1\r",
        "\u{feff}indicateur;date;valeur\nf1.1;31/03/2026;12\n",
    ];
    for case in cases {
        for piece in [1, 2, 3, 7, 16, 1 << 20] {
            for block in [4, 5, 6, 7, 13, 1 << 20] {
                check_all_ways(case, piece, 2, block, 3);
            }
        }
    }
}

/// Windows-1252 and UTF-16 inputs stream as they read whole (a block boundary inside a
/// UTF-8 or UTF-16 character included).
#[test]
fn encodings_stream_as_whole() {
    let plan = plan();
    let opts = IngestOptions {
        lenient: true,
        ..Default::default()
    };
    let text = "# Données fictives\r\nindicateur;date;valeur;commentaire\r\n\
                f1.1;31/03/2026;12;été à Mülhausen\r\nf1.1;31/03/2026;x;€\r\n";
    let mut utf16le = vec![0xFF, 0xFE];
    let mut utf16be = vec![0xFE, 0xFF];
    for u in text.encode_utf16().chain("😀\n".encode_utf16()) {
        utf16le.extend(u.to_le_bytes());
        utf16be.extend(u.to_be_bytes());
    }
    let cp1252: Vec<u8> = text
        .chars()
        .map(|c| match c {
            'é' => 0xE9,
            'ü' => 0xFC,
            '€' => 0x80,
            'à' => 0xE0,
            c => c as u8,
        })
        .collect();
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend(text.as_bytes());
    // The Windows-1252 input's first non-UTF-8 byte is its 7th (é, which could start a
    // UTF-8 character cut by the block's end): a first block of 8 bytes or more decides the
    // encoding for the whole input.
    let small = [4, 5, 6, 7, 1 << 20];
    let from_8 = [8, 9, 1 << 20];
    for (input, blocks) in [
        (text.as_bytes().to_vec(), &small[..]),
        (bom, &small[..]),
        (cp1252, &from_8[..]),
        (utf16le, &small[..]),
        (utf16be, &small[..]),
    ] {
        let whole = describe(&read_csv_tuned(
            CsvPlans::One(&plan),
            &input,
            &opts,
            &CsvTuning::default(),
        ));
        for &block in blocks {
            let tuning = CsvTuning {
                block_bytes: block,
                piece_bytes: 5,
                ..CsvTuning::default()
            };
            let streamed = describe(&read_csv_reader_tuned(
                CsvPlans::One(&plan),
                Dribble {
                    bytes: &input,
                    n: 3,
                },
                &opts,
                &tuning,
            ));
            assert_eq!(whole, streamed, "block {block}");
        }
    }
}

/// A later block that is not UTF-8 while the first was: read as Windows-1252 from there,
/// with a note saying from which byte.
#[test]
fn late_windows_1252_is_noted() {
    let plan = plan();
    let mut input = b"indicateur;date;valeur;commentaire\nf1.1;31/03/2026;12;ok\n".to_vec();
    let at = input.len();
    input.extend(b"f1.1;31/03/2026;13;\xe9t\xe9\n");
    let tuning = CsvTuning {
        block_bytes: at,
        ..CsvTuning::default()
    };
    let read = read_csv_reader_tuned(
        CsvPlans::One(&plan),
        &input[..],
        &IngestOptions::default(),
        &tuning,
    )
    .unwrap();
    let obs = &read.observations[0];
    assert_eq!(obs.rows()[1].comment.as_deref(), Some("été"));
    let notes: Vec<String> = obs.notes.iter().map(|n| n.render(Lang::En)).collect();
    assert_eq!(
        notes,
        [format!(
            "the input is no longer UTF-8 from byte {at} on: the rest was decoded as Windows-1252"
        )]
    );
}

/// A reader that yields zeros forever.
struct Zeros;

impl Read for Zeros {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        buf.fill(0);
        Ok(buf.len())
    }
}

/// A reader over an iterator of bytes.
struct Iter<I>(I);

impl<I: Iterator<Item = u8>> Read for Iter<I> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        for slot in buf.iter_mut() {
            match self.0.next() {
                Some(b) => *slot = b,
                None => break,
            }
            n += 1;
        }
        Ok(n)
    }
}

#[test]
fn endless_readers_stop_with_a_typed_problem() {
    let plan = plan();
    let opts = IngestOptions::default();
    let start = std::time::Instant::now();
    let err = read_csv_reader(&plan, Zeros, &opts).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "encoding_error");
    // A line that never ends, and a quoted cell that never closes.
    let tuning = CsvTuning {
        block_bytes: 1 << 16,
        max_record_bytes: 1 << 20,
        ..CsvTuning::default()
    };
    let endless = std::io::repeat(b'a');
    let err = read_csv_reader_tuned(CsvPlans::One(&plan), endless, &opts, &tuning).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "format_error");
    assert_eq!(
        err.issues[0].message(Lang::En),
        "row 1 runs over 1048576 bytes without a line end: this is not an observation file, \
         or a quote is never closed"
    );
    let header = b"indicateur;date;valeur\nf1.1;31/03/2026;12\nf1.1;31/03/2026;\"".to_vec();
    let endless = header.chain(std::io::repeat(b'x'));
    let err = read_csv_reader_tuned(CsvPlans::One(&plan), endless, &opts, &tuning).unwrap_err();
    assert_eq!(err.issues[0].row, Some(3));
    // The default limit, from zeros after a header too.
    let endless = b"indicateur;date;valeur\n".chain(std::io::repeat(b'a'));
    let err = read_csv_reader(&plan, endless, &opts).unwrap_err();
    assert_eq!(err.issues[0].row, Some(2));
    // A bad header on an endless reader: the header's problem, after a bounded look ahead.
    let endless = b"a;b;c\n".chain(std::io::repeat(b'x'));
    let err = read_csv_reader_tuned(CsvPlans::One(&plan), endless, &opts, &tuning).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "missing_column");
    let lines = std::iter::repeat_n(&b"a;b;c\n"[..], usize::MAX)
        .flatten()
        .copied();
    let endless = Iter(lines);
    let err = read_csv_reader_tuned(CsvPlans::One(&plan), endless, &opts, &tuning).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "missing_column");
    // NUL bytes soon after a bad header win, as when the input is read whole.
    let err = read_csv_reader_tuned(CsvPlans::One(&plan), &b"a;b;c\nx\0"[..], &opts, &tuning)
        .unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "encoding_error");
    assert!(start.elapsed().as_secs() < 30);
}

/// The in-memory reader and the streaming one agree on a larger input.
#[test]
fn a_larger_input_streams_as_whole() {
    let plan = plan();
    let mut input = String::from("# Données fictives\nindicateur;date;valeur;commentaire\n");
    for k in 0..20_000 {
        input += &format!("f1.1;{:02}/03/2026;{k};ligne {k}\n", 1 + k % 28);
        if k % 997 == 0 {
            input += "f1.1;31/03/2026;\"12\";\"sur\ndeux lignes\"\n";
        }
        if k % 1999 == 0 {
            input += "f1.1;31/02/2026;-1;mauvaise\n";
        }
    }
    let opts = IngestOptions {
        lenient: true,
        ..Default::default()
    };
    let whole = read_csv(&plan, input.as_bytes(), &opts).unwrap();
    let tuning = CsvTuning {
        block_bytes: 4096,
        piece_bytes: 1000,
        ..CsvTuning::default()
    };
    let streamed =
        read_csv_reader_tuned(CsvPlans::One(&plan), input.as_bytes(), &opts, &tuning).unwrap();
    assert_eq!(
        describe_obs(&whole),
        describe_obs(&streamed.observations[0])
    );
    let reference =
        read_csv_tuned(CsvPlans::One(&plan), input.as_bytes(), &opts, &SEQUENTIAL).unwrap();
    assert_eq!(
        describe_obs(&whole),
        describe_obs(&reference.observations[0])
    );
    assert!(whole.len() > 20_000);
    // 11 bad rows, each with a bad date and a negative count.
    assert_eq!(whole.skipped.len(), 22);
}
