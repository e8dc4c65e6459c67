//! No workbook makes the reader panic: the corpus's workbooks with their parts mutated
//! (an .xlsx's sheet and shared strings XML, an .ods's content, an .xls's bytes), cut, or
//! rewritten with hostile values (cells at the end of the sheet, string and style indexes
//! out of range, huge serials). Each input must give observations or typed problems.
#![cfg(feature = "spreadsheet")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{Cursor, Read, Write};
use std::path::Path;

use ctg_core::io::{read_auto, read_xlsx, IngestOptions};
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus/spreadsheets")
            .join(name),
    )
    .unwrap()
}

/// The parts of a zip archive, in order.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in parts {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

/// Read, for the plan, and check the outcome is data or typed problems.
fn read_never_panics(bytes: &[u8]) {
    let plan = ctg_core::plans::sundgau().unwrap();
    for lenient in [false, true] {
        let opts = IngestOptions {
            lenient,
            ..Default::default()
        };
        match read_xlsx(&plan, bytes, &opts) {
            Ok(obs) => {
                let _ = obs.len();
            }
            Err(e) => {
                assert!(!e.issues.is_empty());
                let _ = e.render(ctg_core::Lang::Fr);
            }
        }
    }
    let _ = read_auto(&plan, bytes, &IngestOptions::default());
}

/// Snippets a hostile or broken sheet may hold.
const HOSTILE: &[&str] = &[
    r#"<c r="XFD1048576"><v>1</v></c>"#,
    r#"<c r="A1048576" t="s"><v>999999</v></c>"#,
    r#"<c r="B3" s="9999"><v>45000</v></c>"#,
    r#"<c r="B4" t="d"><v>not a date</v></c>"#,
    r#"<c r="C5" t="e"><v>#BOGUS!</v></c>"#,
    r#"<c r="C6" t="n"><v>1e308</v></c>"#,
    r#"<c r="B7"><v>-99999999999</v></c>"#,
    r#"<c r="ZZZZZ1"><v>1</v></c>"#,
    r#"<c r="A0"><v>1</v></c>"#,
    r#"<c t="inlineStr"><is><t>f1.1</t></is></c>"#,
    r#"<row r="4294967295"><c><v>1</v></c></row>"#,
    "<dimension ref=\"A1:XFD1048576\"/>",
    "<![CDATA[",
    "&bogus;",
    "</sheetData>",
    "<c",
    "\u{0}",
];

fn mutate(mut data: Vec<u8>, edits: &[(usize, u8, usize)]) -> Vec<u8> {
    for &(at, how, pick) in edits {
        if data.is_empty() {
            break;
        }
        let at = at % data.len();
        match how % 4 {
            0 => data[at] = data[at].wrapping_add(1 + (pick % 250) as u8),
            1 => {
                let snippet = HOSTILE[pick % HOSTILE.len()].as_bytes();
                data.splice(at..at, snippet.iter().copied());
            }
            2 => {
                let end = (at + 1 + pick % 64).min(data.len());
                data.drain(at..end);
            }
            _ => data.truncate(at),
        }
    }
    data
}

fn edits() -> impl Strategy<Value = Vec<(usize, u8, usize)>> {
    prop::collection::vec((any::<usize>(), any::<u8>(), any::<usize>()), 1..6)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn xlsx_with_a_mutated_part(which in 0usize..4, edits in edits()) {
        let book = parts(&fixture("suivi-titres.xlsx"));
        let targets: Vec<usize> = book
            .iter()
            .enumerate()
            .filter(|(_, (n, _))| n.ends_with(".xml") && (n.contains("sheet") || n.contains("sharedStrings") || n.contains("styles") || n.contains("workbook")))
            .map(|(i, _)| i)
            .collect();
        let mut book = book;
        let i = targets[which % targets.len()];
        book[i].1 = mutate(std::mem::take(&mut book[i].1), &edits);
        read_never_panics(&rezip(&book));
    }

    #[test]
    fn ods_with_a_mutated_content(edits in edits()) {
        let mut book = parts(&fixture("libreoffice.ods"));
        let i = book.iter().position(|(n, _)| n == "content.xml").unwrap();
        book[i].1 = mutate(std::mem::take(&mut book[i].1), &edits);
        read_never_panics(&rezip(&book));
    }

    #[test]
    fn xls_with_mutated_bytes(edits in edits()) {
        read_never_panics(&mutate(fixture("ancien-format.xls"), &edits));
    }

    #[test]
    fn raw_bytes_of_a_workbook_cut_or_flipped(edits in edits()) {
        read_never_panics(&mutate(fixture("formule.xlsx"), &edits));
    }
}

#[test]
fn every_hostile_snippet_in_the_sheet() {
    let book = parts(&fixture("suivi-titres.xlsx"));
    let sheet = book
        .iter()
        .position(|(n, _)| n == "xl/worksheets/sheet2.xml")
        .unwrap();
    for snippet in HOSTILE {
        let mut mutated = book.clone();
        let xml = String::from_utf8(mutated[sheet].1.clone()).unwrap();
        let at = xml.find("</sheetData>").unwrap();
        let xml = format!("{}{}{}", &xml[..at], snippet, &xml[at..]);
        mutated[sheet].1 = xml.into_bytes();
        read_never_panics(&rezip(&mutated));
    }
}

/// Found by the fuzz test: calamine's .ods reader loops forever on a table that never
/// closes. The reader checks every XML part first: a broken part is `format_error`.
#[test]
fn an_ods_table_that_never_closes() {
    let plan = ctg_core::plans::sundgau().unwrap();
    let mut book = parts(&fixture("libreoffice.ods"));
    let i = book.iter().position(|(n, _)| n == "content.xml").unwrap();
    let xml = String::from_utf8(book[i].1.clone()).unwrap();
    let cut = xml.find("</table:table>").unwrap();
    book[i].1 = xml.as_bytes()[..cut].to_vec();
    let err = read_xlsx(&plan, &rezip(&book), &IngestOptions::default()).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "format_error");
    assert!(err.render(ctg_core::Lang::Fr).contains("endommagé"));
}

/// A small .ods whose repeated rows and cells would expand to billions of cells is refused
/// before calamine builds its dense rectangle.
#[test]
fn an_ods_that_repeats_a_cell_a_billion_times() {
    let plan = ctg_core::plans::sundgau().unwrap();
    let mut book = parts(&fixture("libreoffice.ods"));
    let i = book.iter().position(|(n, _)| n == "content.xml").unwrap();
    let xml = String::from_utf8(book[i].1.clone()).unwrap();
    let row = r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16000"/></table:table-row>"#;
    let at = xml.find("</table:table>").unwrap();
    book[i].1 = format!("{}{row}{}", &xml[..at], &xml[at..]).into_bytes();
    let bytes = rezip(&book);
    assert!(bytes.len() < 10_000);
    let err = read_xlsx(&plan, &bytes, &IngestOptions::default()).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "format_error");
    assert!(
        err.render(ctg_core::Lang::En)
            .contains("over 8,000,000 cells"),
        "{}",
        err.render(ctg_core::Lang::En)
    );
}
