//! The boundary: one set of serialisable calls and answers that any frontend can go
//! through (cedar-policy's `ffi` module is the model).
//!
//! A call is plain data (JSON, or the Rust structs below); an answer is
//! `{"status": "success", "result": …, "warnings": [problems]}` or
//! `{"status": "failure", "errors": [problems]}`, every problem in the shape of
//! [`Problem`] in the language the call asks for. Nothing is decided by the caller: the
//! plan, the observations, the date, the language and the reports wanted go in; the
//! evaluation's JSON view and the rendered reports come out. The Python and JavaScript
//! bindings expose the JSON entry points as `ctg.call_json(name, call)` and
//! `callJson(name, call)`, and a shared corpus (`ctg-core/tests/corpus/ffi`) checks that the
//! three runtimes answer the same calls with the same bytes.
//!
//! ```
//! let answer = ctg_core::ffi::call_json(
//!     "parse_target",
//!     r#"{"text": "> 200 familles", "lang": "en"}"#,
//! );
//! let v: serde_json::Value = serde_json::from_str(&answer).unwrap();
//! assert_eq!(v["status"], "success");
//! assert_eq!(v["result"]["display"], "> 200 familles");
//!
//! let answer = ctg_core::ffi::call_json("parse_target", r#"{"text": "> abc"}"#);
//! let v: serde_json::Value = serde_json::from_str(&answer).unwrap();
//! assert_eq!(v["status"], "failure");
//! assert_eq!(v["errors"][0]["code"], "expected_number");
//! assert_eq!(v["errors"][0]["message"], "un nombre est attendu après `>`");
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::eval::{try_evaluate as run, EvalOptions, Evaluation, StatusInfo};
use crate::io::{read_auto, IngestOptions};
use crate::model::Plan;
use crate::problem::{Problem, ProblemKind, SpanUnit};
use crate::report::{self, CsvFlavour, EvaluationView, ReportOptions, ViewOptions};
use crate::target::Target;
use crate::Lang;

/// The answer to a call: a result (with warnings), or the problems that prevented it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Answer<T> {
    /// The call succeeded.
    Success {
        /// What the call returns.
        result: T,
        /// What was dropped or looks wrong (lenient mode's rejected rows).
        warnings: Vec<Problem>,
    },
    /// The call could not be done.
    Failure {
        /// Every problem found, not only the first.
        errors: Vec<Problem>,
    },
}

impl<T> Answer<T> {
    fn failure(errors: Vec<Problem>) -> Self {
        Answer::Failure { errors }
    }

    /// The answer with the spans of its problems in `unit` ([`Problem::in_unit`]).
    fn in_unit(self, unit: SpanUnit) -> Self {
        let convert = |ps: Vec<Problem>| -> Vec<Problem> {
            ps.into_iter().map(|p| p.in_unit(unit)).collect()
        };
        match self {
            Answer::Success { result, warnings } => Answer::Success {
                result,
                warnings: convert(warnings),
            },
            Answer::Failure { errors } => Answer::Failure {
                errors: convert(errors),
            },
        }
    }
}

/// Where a plan comes from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "format", rename_all = "snake_case", deny_unknown_fields)]
pub enum PlanSource {
    /// A plan file's text in TOML.
    Toml {
        /// The text.
        text: String,
    },
    /// A plan in JSON (`Plan::to_json`).
    Json {
        /// The text.
        text: String,
    },
    /// A plan bundled with ctg (`sundgau`).
    Bundled {
        /// Its name.
        name: String,
    },
}

impl PlanSource {
    fn load(&self, lang: Lang) -> Result<Plan, Vec<Problem>> {
        let loaded = match self {
            PlanSource::Toml { text } => Plan::from_toml(text),
            PlanSource::Json { text } => Plan::from_json(text),
            PlanSource::Bundled { name } => match name.trim().to_lowercase().as_str() {
                "sundgau" | "sundgau-2025-2029" => crate::plans::sundgau(),
                other => {
                    return Err(vec![call_problem(
                        "unknown_plan",
                        match lang {
                            Lang::Fr => format!(
                            "aucun plan fourni ne s'appelle `{other}` (plans fournis : `sundgau`)"
                        ),
                            Lang::En => format!(
                                "no bundled plan is called `{other}` (bundled plans: `sundgau`)"
                            ),
                        },
                        lang,
                    )])
                }
            },
        };
        loaded.map_err(|e| e.problems(lang))
    }
}

/// The documents an evaluation call can ask for, rendered with the call's report options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// The COPIL report (`report::render_html`).
    Html,
    /// The same in Markdown.
    Markdown,
    /// The results CSV, French Excel flavour.
    Csv,
    /// The results CSV, plain flavour.
    CsvPlain,
    /// The terminal report.
    Text,
}

fn yes() -> bool {
    true
}

/// Evaluate a plan against observations.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluateCall {
    /// The plan.
    pub plan: PlanSource,
    /// The observations: CSV (French Excel or plain) or JSON text, detected as
    /// [`read_auto`] does.
    pub observations: String,
    /// The evaluation date (`2026-12-31` or `31/12/2026`); default: the latest
    /// observation's date.
    #[serde(default)]
    pub as_of: Option<String>,
    /// The language of every text of the answer (default French).
    #[serde(default)]
    pub lang: Lang,
    /// Strict (default): any bad row fails the call; lenient: bad rows are dropped and
    /// returned as warnings.
    #[serde(default = "yes")]
    pub strict: bool,
    /// Whether each result carries its explanation (default `true`).
    #[serde(default = "yes")]
    pub explanations: bool,
    /// The reports to render (default none).
    #[serde(default)]
    pub reports: Vec<ReportFormat>,
    /// Reports: only these fiches.
    #[serde(default)]
    pub fiches: Option<Vec<u32>>,
    /// Reports: only these axes.
    #[serde(default)]
    pub axes: Option<Vec<u32>>,
    /// Small-count suppression threshold, for the reports and the evaluation's JSON view
    /// alike ([`ViewOptions::suppress_below`]).
    #[serde(default)]
    pub suppress_below: Option<u32>,
    /// The limits of the read and the evaluation (`{"max_rows": 1000}`; every key
    /// optional, the others at their default: [`Limits`](crate::Limits)).
    #[serde(default)]
    pub limits: crate::Limits,
}

/// What an evaluation call returns: the evaluation (serialised as its JSON view in the
/// call's language) and the reports asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluated {
    /// The evaluation, language-neutral.
    pub evaluation: Evaluation,
    /// The texts the evaluation is serialised with.
    pub view: ViewOptions,
    /// The reports asked for, by format.
    pub reports: BTreeMap<ReportFormat, String>,
}

impl Serialize for Evaluated {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Shape<'a> {
            evaluation: EvaluationView<'a>,
            reports: &'a BTreeMap<ReportFormat, String>,
        }
        Shape {
            evaluation: EvaluationView::new(&self.evaluation, &self.view),
            reports: &self.reports,
        }
        .serialize(s)
    }
}

/// Run an [`EvaluateCall`].
///
/// ```
/// use ctg_core::ffi::{evaluate, Answer, EvaluateCall, PlanSource, ReportFormat};
/// let call = EvaluateCall {
///     plan: PlanSource::Bundled { name: "sundgau".into() },
///     observations: "indicateur;date;valeur\nf8.1;31/12/2026;30\n".into(),
///     as_of: Some("31/12/2026".into()),
///     lang: ctg_core::Lang::Fr,
///     strict: true,
///     explanations: true,
///     reports: vec![ReportFormat::Markdown],
///     fiches: Some(vec![8]),
///     axes: None,
///     suppress_below: None,
///     limits: ctg_core::Limits::default(),
/// };
/// let Answer::Success { result, warnings } = evaluate(&call) else { panic!() };
/// assert!(warnings.is_empty());
/// assert_eq!(result.evaluation.plan.counts.achieved, 1);
/// assert!(result.reports[&ReportFormat::Markdown].contains("### Fiche 8"));
/// ```
pub fn evaluate(call: &EvaluateCall) -> Answer<Evaluated> {
    let lang = call.lang;
    let mut errors = Vec::new();
    let as_of = match call.as_of.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => match crate::io::parse_date(text) {
            Some(d) => Some(d),
            None => {
                errors.push(call_problem(
                    "invalid_as_of",
                    match lang {
                        Lang::Fr => format!(
                            "`{text}` n'est pas une date (écrivez 2026-12-31 ou 31/12/2026)"
                        ),
                        Lang::En => {
                            format!("`{text}` is not a date (write 2026-12-31 or 31/12/2026)")
                        }
                    },
                    lang,
                ));
                None
            }
        },
    };
    let plan = match call.plan.load(lang) {
        Ok(plan) => Some(plan),
        Err(problems) => {
            errors.extend(problems);
            None
        }
    };
    let (Some(plan), true) = (plan, errors.is_empty()) else {
        return Answer::failure(errors);
    };
    let ingest = IngestOptions {
        lenient: !call.strict,
        limits: call.limits,
        ..Default::default()
    };
    let observations = match read_auto(&plan, call.observations.as_bytes(), &ingest) {
        Ok(o) => o,
        Err(e) => return Answer::failure(e.problems(lang)),
    };
    let options = EvalOptions {
        as_of,
        limits: call.limits,
    };
    let evaluation = match run(&plan, &observations, &options) {
        Ok(ev) => ev,
        Err(e) => return Answer::failure(vec![e.problem(ProblemKind::Plan, lang)]),
    };
    let warnings = evaluation
        .diagnostics
        .rejected
        .iter()
        .map(|issue| {
            let mut p = issue.problem(lang);
            p.severity = crate::problem::Severity::Warning;
            p
        })
        .collect();
    let opts = ReportOptions {
        lang,
        fiches: call.fiches.clone(),
        axes: call.axes.clone(),
        suppress_below: call.suppress_below,
    };
    let reports = call
        .reports
        .iter()
        .map(|f| {
            let text = match f {
                ReportFormat::Html => report::render_html(&evaluation, &opts),
                ReportFormat::Markdown => report::render_markdown(&evaluation, &opts),
                ReportFormat::Csv => report::render_csv(&evaluation, &opts, CsvFlavour::French),
                ReportFormat::CsvPlain => report::render_csv(&evaluation, &opts, CsvFlavour::Plain),
                ReportFormat::Text => report::render_text(&evaluation, &opts),
            };
            (*f, text)
        })
        .collect();
    Answer::Success {
        result: Evaluated {
            evaluation,
            view: ViewOptions {
                lang,
                explanations: call.explanations,
                // The evaluation's view is suppressed as the reports are (issue 16).
                suppress_below: call.suppress_below,
            },
            reports,
        },
        warnings,
    }
}

/// Parse a target expression.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParseTargetCall {
    /// The expression (`> 200`, `+20 %`, `Réduction de 10 %`).
    pub text: String,
    /// The language of the display and of the problems (default French).
    #[serde(default)]
    pub lang: Lang,
}

/// A parsed target and its canonical display in the call's language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedTarget {
    /// The target's AST.
    pub target: Target,
    /// The target as ctg writes it.
    pub display: String,
}

/// Run a [`ParseTargetCall`].
pub fn parse_target(call: &ParseTargetCall) -> Answer<ParsedTarget> {
    match crate::target::parse(&call.text) {
        Ok(target) => Answer::Success {
            result: ParsedTarget {
                display: target.display(call.lang),
                target,
            },
            warnings: Vec::new(),
        },
        Err(e) => Answer::failure(vec![e.problem(call.lang)]),
    }
}

/// Load and check a plan.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckPlanCall {
    /// The plan.
    pub plan: PlanSource,
    /// The language of the problems (default French).
    #[serde(default)]
    pub lang: Lang,
}

/// What a plan that loads holds, in short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanSummary {
    /// The plan id.
    pub id: String,
    /// The title.
    pub title: String,
    /// The territory.
    pub territory: String,
    /// First and last year.
    pub period: (i32, i32),
    /// Axes, fiches and indicators.
    pub axes: usize,
    /// Fiches.
    pub fiches: usize,
    /// Indicators.
    pub indicators: usize,
    /// The plan as JSON (`Plan::to_json`), for a later call.
    pub json: String,
}

/// Run a [`CheckPlanCall`].
pub fn check_plan(call: &CheckPlanCall) -> Answer<PlanSummary> {
    match call.plan.load(call.lang) {
        Ok(plan) => match plan.to_json() {
            Ok(json) => Answer::Success {
                result: PlanSummary {
                    id: plan.id.clone(),
                    title: plan.title.clone(),
                    territory: plan.territory.clone(),
                    period: (plan.period.start, plan.period.end),
                    axes: plan.axes.len(),
                    fiches: plan.fiches.len(),
                    indicators: plan.indicators().count(),
                    json,
                },
                warnings: Vec::new(),
            },
            Err(e) => Answer::failure(e.problems(call.lang)),
        },
        Err(problems) => Answer::failure(problems),
    }
}

/// The statuses' metadata in a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusesCall {
    /// The language of the labels (default French).
    #[serde(default)]
    pub lang: Lang,
}

/// Run a [`StatusesCall`].
pub fn statuses(call: &StatusesCall) -> Answer<Vec<StatusInfo>> {
    Answer::Success {
        result: crate::eval::statuses(call.lang),
        warnings: Vec::new(),
    }
}

/// Import a plan document given as text (the text export of the CTG template, as
/// [`import_text`](crate::import::import_text) reads it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportPlanCall {
    /// The document's text.
    pub document: String,
    /// The language of the findings and of the reviewable TOML's comments (default French).
    #[serde(default)]
    pub lang: Lang,
}

/// What an import call returns: the plan (its JSON, as [`Plan::to_json`] writes it), the
/// findings as [`Problem`]s of kind `import` in the call's language, and the reviewable
/// TOML ([`to_reviewable_toml`](crate::import::to_reviewable_toml)).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportedPlan {
    /// The plan, as [`Plan::to_json`] writes it.
    pub plan: serde_json::Value,
    /// The findings, in the import's order.
    pub findings: Vec<Problem>,
    /// The plan as a TOML file to review, every interpretation as a comment.
    pub toml: String,
}

#[cfg(feature = "import")]
impl ImportedPlan {
    /// The answer's shape of an [`Imported`](crate::import::Imported) in a language.
    pub fn new(imported: &crate::import::Imported, lang: Lang) -> Result<Self, Vec<Problem>> {
        let json = imported.plan.to_json().map_err(|e| e.problems(lang))?;
        let plan = serde_json::from_str(&json).map_err(|e| {
            vec![call_problem(
                "internal_error",
                match lang {
                    Lang::Fr => format!("le JSON du plan importé ne se relit pas : {e}"),
                    Lang::En => format!("the imported plan's JSON does not read back: {e}"),
                },
                lang,
            )]
        })?;
        let toml =
            crate::import::to_reviewable_toml(imported, lang).map_err(|e| e.problems(lang))?;
        Ok(ImportedPlan {
            plan,
            findings: imported.problems(lang),
            toml,
        })
    }
}

/// Run an [`ImportPlanCall`].
///
/// ```
/// use ctg_core::ffi::{import_plan, Answer, ImportPlanCall};
/// let call = ImportPlanCall {
///     document: "FICHE D'ACTION N°1\n\nAGIR\n\nINDICATEUR D'ÉVALUATION\tNombre d'ateliers (>4/an)\n".into(),
///     lang: ctg_core::Lang::En,
/// };
/// let Answer::Success { result, .. } = import_plan(&call) else { panic!() };
/// assert_eq!(result.plan["fiches"][0]["indicators"][0]["id"], "f1.1");
/// assert!(result.findings.iter().any(|p| p.code == "measure_inferred"));
/// assert!(result.toml.contains("[[fiches]]"));
/// ```
#[cfg(feature = "import")]
pub fn import_plan(call: &ImportPlanCall) -> Answer<ImportedPlan> {
    let imported = crate::import::import_text(&call.document);
    match ImportedPlan::new(&imported, call.lang) {
        Ok(result) => Answer::Success {
            result,
            warnings: Vec::new(),
        },
        Err(errors) => Answer::failure(errors),
    }
}

/// Run an [`ImportPlanCall`]: in a build without the `import` feature (the main web
/// module), an `import_unsupported` failure.
#[cfg(not(feature = "import"))]
pub fn import_plan(call: &ImportPlanCall) -> Answer<ImportedPlan> {
    Answer::failure(vec![import_unsupported(call.lang)])
}

/// The problem of a plan document given to a build without the importer (`import`
/// feature off: the main web module): code `import_unsupported`, kind `call`.
pub fn import_unsupported(lang: Lang) -> Problem {
    let mut p = call_problem(
        "import_unsupported",
        lang.pick(
            "ce module n'importe pas les documents de plan",
            "this module imports no plan documents",
        )
        .to_string(),
        lang,
    );
    p.hint = Some(
        lang.pick(
            "chargez le module complet (ctg_wasm_xlsx.js)",
            "load the full module (ctg_wasm_xlsx.js)",
        )
        .to_string(),
    );
    p
}

/// The names [`call_json`] answers to.
pub const CALLS: [&str; 5] = [
    "evaluate",
    "parse_target",
    "check_plan",
    "statuses",
    "import_plan",
];

/// Run the call `name` given as JSON, and answer in JSON (pretty-printed): the one entry
/// point a host without a dedicated binding needs. A call that is not valid JSON for
/// `name`, or an unknown `name`, is a `failure` answer with an `invalid_call` problem
/// (in French unless the call's `lang` could be read as English).
///
/// Spans are UTF-8 byte offsets of the problem's `input`, as everywhere in Rust; the
/// bindings call [`call_json_in`] so that Python's `ctg.call_json` answers with code point
/// indices and JavaScript's `callJson` with UTF-16 ones (the answers are the same bytes
/// whenever the text before a span is ASCII).
pub fn call_json(name: &str, call: &str) -> String {
    call_json_in(name, call, SpanUnit::Bytes)
}

/// [`call_json`] with every problem's `span` in `unit`: the indices of the runtime the
/// answer is for ([`SpanUnit`]).
///
/// ```
/// use ctg_core::ffi::call_json_in;
/// use ctg_core::problem::SpanUnit;
/// let span = |unit| {
///     let a = call_json_in("parse_target", r#"{"text": "≥ abc"}"#, unit);
///     let v: serde_json::Value = serde_json::from_str(&a).unwrap();
///     (v["errors"][0]["span"]["start"].as_u64(), v["errors"][0]["span"]["end"].as_u64())
/// };
/// assert_eq!(span(SpanUnit::Bytes), (Some(4), Some(7)));
/// assert_eq!(span(SpanUnit::Chars), (Some(2), Some(5)));
/// ```
pub fn call_json_in(name: &str, call: &str, unit: SpanUnit) -> String {
    fn answer<T: Serialize>(a: Answer<T>, unit: SpanUnit) -> String {
        serde_json::to_string_pretty(&a.in_unit(unit)).unwrap_or_else(|e| {
            format!("{{\"status\": \"failure\", \"errors\": [{{\"code\": \"internal_error\", \"message\": {:?}}}]}}", e.to_string())
        })
    }
    fn parse<'a, C: Deserialize<'a>>(call: &'a str) -> Result<C, Answer<()>> {
        serde_json::from_str(call).map_err(|e| {
            let lang = call_lang(call);
            Answer::failure(vec![call_problem(
                "invalid_call",
                match lang {
                    Lang::Fr => format!("appel invalide : {e}"),
                    Lang::En => format!("invalid call: {e}"),
                },
                lang,
            )])
        })
    }
    match name {
        "evaluate" => match parse::<EvaluateCall>(call) {
            Ok(c) => answer(evaluate(&c), unit),
            Err(a) => answer(a, unit),
        },
        "parse_target" => match parse::<ParseTargetCall>(call) {
            Ok(c) => answer(parse_target(&c), unit),
            Err(a) => answer(a, unit),
        },
        "check_plan" => match parse::<CheckPlanCall>(call) {
            Ok(c) => answer(check_plan(&c), unit),
            Err(a) => answer(a, unit),
        },
        "statuses" => match parse::<StatusesCall>(call) {
            Ok(c) => answer(statuses(&c), unit),
            Err(a) => answer(a, unit),
        },
        "import_plan" => match parse::<ImportPlanCall>(call) {
            Ok(c) => answer(
                match import_plan(&c) {
                    Answer::Success {
                        mut result,
                        warnings,
                    } => {
                        result.findings = std::mem::take(&mut result.findings)
                            .into_iter()
                            .map(|p| p.in_unit(unit))
                            .collect();
                        Answer::Success { result, warnings }
                    }
                    failure => failure,
                },
                unit,
            ),
            Err(a) => answer(a, unit),
        },
        other => {
            let lang = call_lang(call);
            answer(
                Answer::<()>::failure(vec![call_problem(
                    "unknown_call",
                    match lang {
                        Lang::Fr => format!(
                            "aucun appel ne s'appelle `{other}` (appels : {})",
                            CALLS.join(", ")
                        ),
                        Lang::En => {
                            format!("no call is named `{other}` (calls: {})", CALLS.join(", "))
                        }
                    },
                    lang,
                )]),
                unit,
            )
        }
    }
}

/// The `lang` of a call that may not parse as a whole.
fn call_lang(call: &str) -> Lang {
    #[derive(Deserialize)]
    struct Only {
        #[serde(default)]
        lang: Lang,
    }
    serde_json::from_str::<Only>(call)
        .map(|o| o.lang)
        .unwrap_or_default()
}

fn call_problem(code: &str, message: String, lang: Lang) -> Problem {
    Problem::new(code, ProblemKind::Call, message, lang)
}
