//! Regression tests for what the fuzz targets of `fuzz/` found (issue 16), one per
//! finding, named after it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use ctg_core::model::Plan;
use ctg_core::Lang;

/// `plan_toml`: a NUL byte in a TOML comment gave a `syntax_error` with an empty message
/// (the TOML parser has none for it): the message now names the character.
#[test]
fn toml_syntax_error_always_has_a_message() {
    let src = "# un commentaire\u{0} abîmé\nid = \"x\"\n";
    let err = Plan::from_toml(src).unwrap_err();
    let p = &err.problems(Lang::En)[0];
    assert_eq!(
        (p.code.as_str(), p.line, p.column),
        ("syntax_error", Some(1), Some(17))
    );
    assert_eq!(p.message, "unexpected character '\\0'");
    let fr = &err.problems(Lang::Fr)[0];
    assert_eq!(
        fr.message,
        "syntaxe TOML invalide : unexpected character '\\0'"
    );
    // The fuzz input itself.
    let found = include_bytes!("../../fuzz/corpus/plan_toml/regression-nul-in-comment");
    let err = Plan::from_toml(std::str::from_utf8(found).unwrap()).unwrap_err();
    for lang in [Lang::Fr, Lang::En] {
        assert!(err
            .problems(lang)
            .iter()
            .all(|p| !p.message.trim().is_empty()));
    }
}

/// `import_docx`: a text document holding NUL and other control bytes (a zip pasted
/// into a text export) imported to a plan whose reviewable TOML did not load back: the
/// findings' comments carried the control characters. They are spaces now, and the TOML
/// loads back to the same plan.
#[test]
fn reviewable_toml_comments_hold_no_control_character() {
    let bytes = include_bytes!("import/fuzz-control-characters.bin");
    let imported = ctg_core::import::import_document(bytes).unwrap();
    for lang in [Lang::Fr, Lang::En] {
        let toml = ctg_core::import::to_reviewable_toml(&imported, lang).unwrap();
        for line in toml.lines().filter(|l| l.trim_start().starts_with('#')) {
            assert!(
                !line.chars().any(|c| c.is_control() && c != '\t'),
                "{line:?}"
            );
        }
        if imported.plan.validate().is_ok() {
            assert_eq!(Plan::from_toml(&toml).unwrap(), imported.plan);
        }
    }
}
