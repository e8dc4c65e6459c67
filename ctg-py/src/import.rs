//! The plan importer (`ctg_core::import`): `import_plan` and `ImportedPlan`.
//!
//! Conversion only: the source is taken from Python (a path, bytes or text), the core
//! reads it without the GIL ([`ctg_core::import::import_document`] sniffs a .docx,
//! [`ctg_core::import::import_text`] reads text), and its findings, checklist and
//! reviewable TOML are handed back as the core renders them.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

use ctg_core::import::{self as core, Imported};
use ctg_core::Lang;

use crate::errors::{shielded_try, Failure};
use crate::model::Plan;

/// A plan document taken from Python, ready to be read without the GIL.
enum Source {
    /// The document's text.
    Text(String),
    /// Its bytes (a .docx, or text).
    Bytes(Vec<u8>),
    /// A file (.docx or text).
    Path(PathBuf),
}

const ACCEPTED: &str = "source must be a path (str or os.PathLike) to a .docx or text file, \
    the document's bytes, or its text";

fn extract(obj: &Bound<'_, PyAny>) -> PyResult<Source> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Source::Bytes(b.as_bytes().to_vec()));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Source::Bytes(b.to_vec()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        let path = !s.contains(['\n', '\r']) && std::path::Path::new(s.as_ref()).is_file();
        return Ok(if path {
            Source::Path(PathBuf::from(s.as_ref()))
        } else {
            Source::Text(s.into_owned())
        });
    }
    if obj.hasattr("__fspath__")? {
        return Ok(Source::Path(obj.extract::<PathBuf>()?));
    }
    Err(PyTypeError::new_err(format!(
        "{ACCEPTED}, not {}",
        obj.get_type().name()?
    )))
}

fn read(source: Source, lang: Lang) -> Result<Imported, Failure> {
    let document =
        |bytes: &[u8]| core::import_document(bytes).map_err(|e| Failure::Document(e, lang));
    match source {
        Source::Text(text) => Ok(core::import_text(&text)),
        Source::Bytes(bytes) => document(&bytes),
        Source::Path(path) => {
            let bytes = std::fs::read(&path).map_err(|e| Failure::Io(e, path.clone()))?;
            document(&bytes)
        }
    }
}

/// Import a CTG action-plan document: the .docx of the template, or its text export.
///
/// ``source`` is a path (``str`` or ``pathlib.Path``) to a ``.docx`` or text file, the
/// document's ``bytes`` (a .docx is recognised by its content), or its text (a ``str``
/// that is not the path of an existing file). The findings are rendered in ``lang``
/// (``"fr"`` or ``"en"``). A file that is not a readable .docx raises ``CtgError``
/// with ``code`` and ``problems`` (the core's ``Problem`` dicts); a file that cannot be
/// read raises ``FileNotFoundError`` / ``OSError``. The import itself never fails: what
/// it could not read is a finding.
///
/// >>> import ctg
/// >>> text = "FICHE D'ACTION N°1\n\nAGIR\n\nINDICATEUR D'ÉVALUATION\tNombre d'ateliers (>4/an)\n"
/// >>> imported = ctg.import_plan(text, lang="en")
/// >>> imported.plan.indicator("f1.1")
/// <Indicator f1.1 (fiche 1): Nombre d'ateliers — target > 4 / an, count per year>
/// >>> [f["code"] for f in imported.findings if f["loc"] == ["fiches", 1, "indicators", "f1.1"]]
/// ['measure_inferred', 'aggregation_default', 'strict_each_window']
/// >>> try:
/// ...     ctg.import_plan(b"PK\x03\x04 not a zip")
/// ... except ctg.CtgError as e:
/// ...     print(e.code, e.problems[0]["kind"])
/// not_a_docx import
#[pyfunction]
#[pyo3(signature = (source, lang = "fr"))]
pub fn import_plan(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    lang: &str,
) -> PyResult<ImportedPlan> {
    let lang = crate::parse_lang(lang)?;
    let source = extract(source)?;
    let imported = py
        .detach(move || shielded_try(|| read(source, lang)))
        .map_err(|e| e.into_pyerr(py))?;
    Ok(ImportedPlan {
        plan: Plan {
            inner: Arc::new(imported.plan.clone()),
        },
        imported: Arc::new(imported),
        lang,
    })
}

/// A plan read from a document, and what the import says about it (``ctg.import_plan``).
///
/// ``plan`` is the ``ctg.Plan``; ``findings`` every reading the document does not state
/// (a measure, a window, a target taken from the schedule…), every missing heading and
/// every text not understood, as the core's ``Problem`` dicts in the import's language;
/// ``to_toml()`` writes the plan for review, every interpretation as a comment beside its
/// field; ``checklist()`` lists the findings to check.
///
/// >>> import ctg
/// >>> imported = ctg.import_plan("FICHE D'ACTION N°1\n\nAGIR\n\nINDICATEUR D'ÉVALUATION\tSatisfaction des familles\nÉCHÉANCIER\t2025-2027\n")
/// >>> imported
/// <ImportedPlan plan-d-action-2025-2027: 1 fiche, 1 indicator, 16 findings (fr)>
/// >>> ctg.Plan.from_toml(imported.to_toml()) == imported.plan
/// True
#[pyclass(frozen, module = "ctg")]
#[derive(Debug)]
pub struct ImportedPlan {
    plan: Plan,
    imported: Arc<Imported>,
    lang: Lang,
}

#[pymethods]
impl ImportedPlan {
    /// The imported plan.
    #[getter]
    fn plan(&self) -> Plan {
        self.plan.clone()
    }

    /// The findings as the core's ``Problem`` dicts (``code``, ``kind`` = ``"import"``,
    /// ``severity`` = ``"interpretation"``, ``"warning"`` or ``"not_understood"``,
    /// ``loc``, ``line``, ``message``…), in the import's language and order.
    ///
    /// >>> import ctg
    /// >>> findings = ctg.import_plan("FICHE D'ACTION N°1\n\nAGIR\n\nINDICATEUR D'ÉVALUATION\tSatisfaction des familles\nÉCHÉANCIER\t2025-2027\n").findings
    /// >>> f = [f for f in findings if f["code"] == "measure_inferred"][0]
    /// >>> f["code"], f["severity"], f["loc"], f["line"]
    /// ('measure_inferred', 'interpretation', ['fiches', 1, 'indicators', 'f1.1'], 5)
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::errors::problems_py(py, self.imported.problems(self.lang))
    }

    /// The language of the findings (``"fr"`` or ``"en"``).
    #[getter]
    fn lang(&self) -> String {
        crate::code_of(&self.lang)
    }

    /// The plan as a TOML file to review and edit: French headings, every interpretation
    /// as a ``# ⚠`` comment beside the field it concerns (in the import's language). It
    /// loads back with ``Plan.from_toml`` to the same plan.
    ///
    /// >>> import ctg
    /// >>> toml = ctg.import_plan("FICHE D'ACTION N°1\n\nAGIR\n\nINDICATEUR D'ÉVALUATION\tSatisfaction des familles\nÉCHÉANCIER\t2025-2027\n").to_toml()
    /// >>> "# ⚠ interprétation : mesure « score »" in toml
    /// True
    fn to_toml(&self, py: Python<'_>) -> PyResult<String> {
        let imported = Arc::clone(&self.imported);
        let lang = self.lang;
        py.detach(move || {
            shielded_try(|| {
                core::to_reviewable_toml(&imported, lang).map_err(|e| Failure::Plan(e, lang))
            })
        })
        .map_err(|e| e.into_pyerr(py))
    }

    /// The findings as a Markdown checklist to review, grouped by severity (the core's
    /// ``import::checklist``), in the import's language.
    ///
    /// >>> import ctg
    /// >>> text = ctg.import_plan("FICHE D'ACTION N°1\n\nAGIR\n\nINDICATEUR D'ÉVALUATION\tSatisfaction des familles\nÉCHÉANCIER\t2025-2027\n").checklist()
    /// >>> print(text.splitlines()[0])
    /// # Relecture de l'import : 1 fiche, 1 indicateur, 16 points à vérifier
    fn checklist(&self) -> String {
        core::checklist(&self.imported, self.lang)
    }

    /// The findings as a pandas DataFrame, one row per finding, the columns of
    /// ``findings``.
    ///
    /// >>> import ctg
    /// >>> imported = ctg.import_plan("FICHE D'ACTION N°1\n\nAGIR\n\nINDICATEUR D'ÉVALUATION\tSatisfaction des familles\nÉCHÉANCIER\t2025-2027\n")
    /// >>> df = imported.to_pandas()
    /// >>> len(df) == len(imported.findings), df.loc[0, "kind"], df["code"].tolist() == [f["code"] for f in imported.findings]
    /// (True, 'import', True)
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let findings = self.findings(py)?;
        py.import("ctg._frames")?
            .getattr("findings_frame")?
            .call1((findings,))
    }

    fn __repr__(&self) -> String {
        let p = &self.imported.plan;
        let n =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "<ImportedPlan {}: {}, {}, {} ({})>",
            p.id,
            n(p.fiches.len(), "fiche", "fiches"),
            n(p.indicators().count(), "indicator", "indicators"),
            n(self.imported.findings.len(), "finding", "findings"),
            crate::code_of(&self.lang)
        )
    }
}
