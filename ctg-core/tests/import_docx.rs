//! The `.docx` fixture of the plan importer reads back as its text export, exactly.
//!
//! `ctg-core/tests/import/ctg-val-de-brume-plan-action-2024-2027.docx` is generated from the
//! `.txt` beside it by `scripts/make-docx-fixtures.py` (python-docx: paragraphs for the
//! banners and titles, a two-column table per fiche, Word bulleted and numbered lists for
//! the list items). The comparison is exact: no whitespace is normalised, so a paragraph,
//! a blank line, a tab or a double space lost or added by the reader fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use ctg_core::import::docx_to_text;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import")
        .join(name)
}

#[test]
fn the_docx_fixture_reads_as_its_text_export() {
    let name = "ctg-val-de-brume-plan-action-2024-2027";
    let bytes = std::fs::read(fixture(&format!("{name}.docx"))).unwrap();
    let expected = std::fs::read_to_string(fixture(&format!("{name}.txt"))).unwrap();
    let text = docx_to_text(&bytes).unwrap_or_else(|e| panic!("{e}"));
    if text != expected {
        // Point at the first differing line rather than dumping both documents.
        for (n, (got, want)) in text.lines().zip(expected.lines()).enumerate() {
            assert_eq!(got, want, "line {} differs", n + 1);
        }
        assert_eq!(
            text.lines().count(),
            expected.lines().count(),
            "line counts differ"
        );
        assert_eq!(text, expected);
    }
}

#[test]
fn the_docx_fixture_has_the_fiche_rows() {
    let bytes = std::fs::read(fixture("ctg-val-de-brume-plan-action-2024-2027.docx")).unwrap();
    let text = docx_to_text(&bytes).unwrap();
    let rows: Vec<&str> = text.lines().filter(|l| l.contains('\t')).collect();
    // Four fiches: 9 + 7 + 8 + 8 heading rows.
    assert_eq!(rows.len(), 32);
    assert!(rows.contains(
        &"INDICATEURS QUANTITATIFS\t<ul><li>Nombre de jeunes différents accueillis au PIJ \
          (> 150/an)</li><li>Ouverture du tiers-lieu jeunesse avant fin 2026</li></ul>"
    ));
    assert!(text.starts_with("Document fictif — "));
}
