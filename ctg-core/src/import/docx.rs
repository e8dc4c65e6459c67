//! The .docx reader: a placeholder until the docx reader lands (it replaces this file).

/// A .docx document as the text export form that [`super::import_text`] reads.
pub(crate) fn docx_to_text(_: &[u8]) -> Result<String, Vec<crate::problem::Problem>> {
    let mut p = crate::problem::Problem::new(
        "not_understood",
        crate::problem::ProblemKind::Import,
        "docx reading arrives with the docx reader".to_string(),
        crate::Lang::En,
    );
    p.severity = crate::problem::Severity::NotUnderstood;
    Err(vec![p])
}
