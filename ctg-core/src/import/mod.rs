//! The plan importer: a CTG action-plan document becomes a [`Plan`], every interpretation
//! flagged.
//!
//! [`import_text`] reads the text export of the CTG template (the form of the Sundgau
//! seed): the cover and introduction, axis banners, `Thématique` / `Public cible` blocks,
//! `FICHE D'ACTION N°k` and its title, then one `HEADING<TAB>cell` line per table row,
//! the cells holding HTML-like markup (`<p>`, `<ul>`, `<ol>`, `<li>`, bullets `▶ ■ ➤`).
//! [`import_document`] sniffs bytes: a .docx (zip) goes through the docx reader to the
//! same text form, anything else is decoded as text.
//!
//! The result is an [`Imported`]: the plan, and the [`Finding`]s of the reading. Every
//! reading the text does not state (a measure, a window, an aggregation, a target taken
//! from the expected results or the schedule, a baseline year) is both a finding of
//! severity `interpretation` and a sentence in the indicator's `notes`; text that could
//! not be placed is kept in a `not_understood` finding; no indicator and no target is
//! invented. [`to_reviewable_toml`] writes the plan for a coordinator to review, every
//! interpretation as a `# ⚠ interprétation : …` comment beside its field.
//!
//! One concept per file: [`blocks`](self) (lines → blocks, markup → pieces), headings
//! (synonyms, levels, fiche codes), fields (cells → fiche fields), indicators (label,
//! target, measure, window), findings, document (blocks → plan), review (the commented
//! TOML).
//!
//! ```
//! let text = "FICHE D'ACTION N°1\n\nAGIR\n\nINDICATEUR D'ÉVALUATION\tNombre d'ateliers (>4/an)\nÉCHÉANCIER\t2025-2027\n";
//! let imported = ctg_core::import::import_text(text);
//! let (_, ind) = imported.plan.indicator("f1.1").unwrap();
//! assert_eq!(ind.label, "Nombre d'ateliers");
//! assert_eq!(ind.target.as_ref().unwrap().to_string(), "> 4 / an");
//! assert!(imported.findings.iter().any(|f| f.code() == "measure_inferred"));
//! ```

mod blocks;
mod checklist;
mod document;
mod docx;
mod fields;
mod findings;
mod headings;
mod indicators;
mod review;

pub use checklist::checklist;
pub use docx::{docx_to_text, DocxError, XmlFault, MAX_UNCOMPRESSED_BYTES, MAX_XML_DEPTH};
pub use findings::{Finding, FindingKind, MeasureCue, Place, WindowCue};
pub use review::to_reviewable_toml;

use crate::model::Plan;
use crate::problem::{Problem, Severity};
use crate::Lang;

/// The most bytes the importer reads; a longer input is cut (and said).
pub const MAX_INPUT: usize = 8 * 1024 * 1024;

/// An imported plan and what the import says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The plan.
    pub plan: Plan,
    /// The findings, in document order within each kind of place.
    pub findings: Vec<Finding>,
}

impl Imported {
    /// The findings as [`Problem`]s in the given language.
    pub fn problems(&self, lang: Lang) -> Vec<Problem> {
        self.findings.iter().map(|f| f.problem(lang)).collect()
    }

    /// The findings of one severity.
    pub fn findings_of(&self, severity: Severity) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |f| f.severity() == severity)
    }

    /// The findings about one indicator.
    pub fn findings_for(&self, indicator: &str) -> impl Iterator<Item = &Finding> + use<'_> {
        let id = indicator.to_string();
        self.findings
            .iter()
            .filter(move |f| f.place.indicator.as_deref() == Some(id.as_str()))
    }
}

/// Import the text export of a plan document.
pub fn import_text(text: &str) -> Imported {
    let text = match text.char_indices().nth(MAX_INPUT) {
        Some((i, _)) => text.get(..i).unwrap_or(text),
        None => text,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut findings = Vec::new();
    let blocks = blocks::blocks(text);
    let plan = document::read(&blocks, &mut findings);
    for issue in plan.issues() {
        findings.push(Finding::new(
            FindingKind::PlanCheck { issue },
            Place::default(),
        ));
    }
    Imported { plan, findings }
}

/// Import a plan from a .docx of the template (tables whose first column holds the
/// headings, paragraphs for banners and titles): the docx reader ([`docx_to_text`]) turns
/// it into the text export form, which [`import_text`] reads. A file that is not a readable
/// .docx is a [`DocxError`] (`problems(lang)` renders it).
pub fn import_docx(bytes: &[u8]) -> Result<Imported, DocxError> {
    Ok(import_text(&docx_to_text(bytes)?))
}

/// Import a plan document from its bytes: a .docx (a zip, `PK\x03\x04`) is read by
/// [`import_docx`], anything else is decoded as text (UTF-8, with or without byte-order
/// mark; other bytes are replaced and said).
///
/// ```
/// let imported = ctg_core::import::import_document("FICHE D'ACTION N°2\n\nX\n".as_bytes()).unwrap();
/// assert_eq!(imported.plan.fiches[0].number, 2);
/// let err = ctg_core::import::import_document(b"PK\x03\x04rest").unwrap_err();
/// assert_eq!(err.code(), "not_a_docx");
/// ```
pub fn import_document(bytes: &[u8]) -> Result<Imported, DocxError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return import_docx(bytes);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(import_text(text)),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes);
            let mut imported = import_text(&text);
            imported
                .findings
                .insert(0, Finding::new(FindingKind::NotUtf8, Place::default()));
            Ok(imported)
        }
    }
}
