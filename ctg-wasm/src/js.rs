//! The wasm-bindgen glue: JS values in, ctg-core calls, plain JS objects (or thrown
//! `CtgError`s) out. No panics: every failure becomes a thrown JS error, so that a bad
//! input never traps (and so never poisons) the module instance.

use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};

use chrono::NaiveDate;
use ctg_core::eval::{EvalOptions, Evaluation, Rollup};
use ctg_core::io::{
    read_auto, read_auto_territories, read_records, read_records_territories, ByTerritory,
    IngestOptions, ObservationError, ObservationErrorKind, ObservationIssue, Observations, Record,
    RecordCell, RecordItem, Timestamp, Unreadable, ValueKind,
};
use ctg_core::model::{Plan, PlanError};
use ctg_core::problem::{render_list, Problem, SpanUnit, ERROR_LANG, SHOWN_PROBLEMS};
use ctg_core::report::table::{records, CellOptions, Rows, TableOptions, COLUMNS};
use ctg_core::report::{
    explanations, render_csv, render_html, render_json, render_many_csv, render_many_html,
    render_many_markdown, render_markdown, render_text, results_workbook, CsvFlavour,
    EvaluationView, ReportOptions as CoreReportOptions, ViewOptions, WorkbookError,
};
use ctg_core::target::TargetError;
use ctg_core::Lang;
use js_sys::{Array, ArrayBuffer, Date, Object, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::convert::parse_as_of;

type JsResult<T> = Result<T, JsValue>;

/// A Rust value as a plain JS value: `JSON.parse` of its `serde_json` text (`null` for
/// `None`, plain objects, numbers). One string crosses into JS and the browser's own parser
/// builds the objects: building them field by field from Rust (serde-wasm-bindgen) made
/// handing over the Sundgau evaluation cost more than the evaluation itself, and a second
/// serde path in the module.
fn to_js<T: Serialize + ?Sized>(value: &T) -> JsResult<JsValue> {
    let text = serde_json::to_string(value).map_err(|e| internal(&e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| internal("JSON.parse refused the module's JSON"))
}

fn internal(why: &str) -> JsValue {
    new_error(
        "internal",
        "internal_error",
        &format!("cannot convert a result to JS: {why}"),
    )
    .into()
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // `Reflect.set` on a fresh ordinary object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn opt_str(s: Option<&str>) -> JsValue {
    s.map_or(JsValue::NULL, JsValue::from_str)
}

fn opt_num(n: Option<usize>) -> JsValue {
    n.map_or(JsValue::NULL, |n| JsValue::from_f64(n as f64))
}

/// A JS `Error` named `CtgError` with its `kind` and `code`.
fn new_error(kind: &str, code: &str, message: &str) -> js_sys::Error {
    let e = js_sys::Error::new(message);
    e.set_name("CtgError");
    set(&e, "kind", &JsValue::from_str(kind));
    set(&e, "code", &JsValue::from_str(code));
    e
}

/// The core's problems as JS objects; a span (bytes of the problem's `input`) becomes JS
/// string indices (UTF-16 code units, the core's [`SpanUnit::Utf16`]), as `span` is
/// everywhere in the package.
fn problems_js(problems: &[Problem]) -> JsValue {
    let out = Array::new();
    for p in problems {
        let p = p.clone().in_unit(SpanUnit::Utf16);
        out.push(&to_js(&p).unwrap_or_else(|_| Object::new().into()));
    }
    out.into()
}

fn span_js(span: ctg_core::problem::Span) -> JsValue {
    let o: JsValue = Object::new().into();
    set(&o, "start", &JsValue::from_f64(span.start as f64));
    set(&o, "end", &JsValue::from_f64(span.end as f64));
    o
}

/// Observation problems: the message is the core's list of problems in `lang`; `row` and
/// `column` are the first one's, `errors` every one (the same objects as
/// `evaluation.diagnostics.rejected` in lenient mode), `problems` every one in `lang`.
fn observation_error(err: &ObservationError, lang: Lang) -> JsValue {
    let problems = err.problems(lang);
    let first = err.issues.first();
    let code = first.map_or("format_error", |i| i.code().as_str());
    let e = new_error(
        "observations",
        code,
        &render_list(&problems, Some(SHOWN_PROBLEMS)),
    );
    set(&e, "row", &opt_num(first.and_then(|i| i.row)));
    set(
        &e,
        "column",
        &opt_str(first.and_then(|i| i.column.as_deref())),
    );
    set(
        &e,
        "errors",
        &to_js(&err.issues).unwrap_or_else(|_| Array::new().into()),
    );
    set(&e, "problems", &problems_js(&problems));
    e.into()
}

/// A target error's details, from the core's problem in `lang`; `span` in JS string
/// indices (UTF-16 code units) of `input`.
fn target_details(err: &TargetError, lang: Lang) -> JsValue {
    let p = err.problem(lang);
    let o: JsValue = Object::new().into();
    set(&o, "code", &JsValue::from_str(&p.code));
    set(&o, "message", &JsValue::from_str(&p.message));
    set(&o, "span", &span_js(err.span_in(SpanUnit::Utf16)));
    set(&o, "expected", &opt_str(p.expected.as_deref()));
    set(&o, "hint", &opt_str(p.hint.as_deref()));
    set(&o, "input", &JsValue::from_str(&err.input));
    set(&o, "snippet", &JsValue::from_str(err.snippet()));
    set(&o, "rendered", &JsValue::from_str(&p.render()));
    o
}

fn target_error(err: &TargetError, lang: Lang) -> JsValue {
    let problem = err.problem(lang);
    let e = new_error("target", &problem.code, &problem.message);
    let details = target_details(err, lang);
    for key in ["span", "expected", "hint", "input", "snippet", "rendered"] {
        let v = Reflect::get(&details, &JsValue::from_str(key)).unwrap_or(JsValue::NULL);
        set(&e, key, &v);
    }
    set(&e, "errors", &Array::of1(&details));
    set(&e, "problems", &problems_js(std::slice::from_ref(&problem)));
    e.into()
}

/// Plan problems: the message is the core's list of problems in `lang`; `line`/`column`
/// and `location` are the first one's, `errors` every one (an invalid target adds its
/// `target` details), `problems` every one in `lang`.
fn plan_error(err: &PlanError, lang: Lang) -> JsValue {
    let problems = err.problems(lang);
    let first = err.issues.first();
    let code = first.map_or("schema_error", |i| i.code().as_str());
    let e = new_error("plan", code, &render_list(&problems, Some(SHOWN_PROBLEMS)));
    let location = first.map(|i| &i.location);
    set(&e, "line", &opt_num(location.and_then(|l| l.line)));
    set(&e, "column", &opt_num(location.and_then(|l| l.column)));
    set(
        &e,
        "location",
        &location
            .map_or(Ok(Object::new().into()), to_js)
            .unwrap_or(JsValue::NULL),
    );
    let errors = Array::new();
    for issue in &err.issues {
        let v = to_js(issue).unwrap_or_else(|_| Object::new().into());
        if let Some(t) = issue.target_error() {
            set(&v, "target", &target_details(t, lang));
        }
        errors.push(&v);
    }
    set(&e, "errors", &errors);
    set(&e, "problems", &problems_js(&problems));
    e.into()
}

/// A plan document the importer cannot read (not a readable .docx): the message is the
/// core's list of problems in `lang`, `problems` every one.
#[cfg(feature = "import")]
fn import_error(err: &ctg_core::import::DocxError, lang: Lang) -> JsValue {
    let problems = err.problems(lang);
    let e = new_error(
        "import",
        err.code(),
        &render_list(&problems, Some(SHOWN_PROBLEMS)),
    );
    let problems = problems_js(&problems);
    set(&e, "errors", &problems);
    set(&e, "problems", &problems);
    e.into()
}

/// A workbook that cannot be written (or a module without spreadsheets): kind
/// `workbook`, the core's code and message.
fn workbook_error(err: &WorkbookError, lang: Lang) -> JsValue {
    single_problem_error("workbook", err.code(), &err.problem(lang))
}

/// A `CtgError` of one core problem: its message, and the problem as `errors` and
/// `problems`.
fn single_problem_error(kind: &str, code: &str, problem: &Problem) -> JsValue {
    let e = new_error(kind, code, &problem.message);
    let problems = problems_js(std::slice::from_ref(problem));
    set(&e, "errors", &problems);
    set(&e, "problems", &problems);
    e.into()
}

/// The language of a plan or target error: the optional `lang` argument, else
/// [`ERROR_LANG`].
fn error_lang(lang: Option<String>) -> JsResult<Lang> {
    match lang.as_deref() {
        None => Ok(ERROR_LANG),
        Some(text) => text
            .parse::<Lang>()
            .map_err(|e| option_error(format!("`lang`: {e}"))),
    }
}

/// A string argument. A value that is not a string is an `options` error, never a trap
/// (wasm-bindgen's own string conversion reads any value's `length`).
fn string_arg(value: &JsValue, name: &str) -> JsResult<String> {
    value.as_string().ok_or_else(|| {
        option_error(format!(
            "`{name}` must be a string, not {}",
            kind_of(value).render(Lang::En)
        ))
    })
}

/// An optional string argument: `undefined` or `null` is none.
fn opt_string_arg(value: &JsValue, name: &str) -> JsResult<Option<String>> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    string_arg(value, name).map(Some)
}

fn option_error(message: String) -> JsValue {
    let e = new_error("options", "invalid_option", &message);
    let issue: JsValue = Object::new().into();
    set(&issue, "code", &JsValue::from_str("invalid_option"));
    set(&issue, "message", &JsValue::from_str(&message));
    set(&e, "errors", &Array::of1(&issue));
    e.into()
}

#[wasm_bindgen]
extern "C" {
    /// The options of `Plan.evaluate` and `evaluateMany` (typed in the `.d.ts`; checked by
    /// [`read_options`]).
    #[wasm_bindgen(typescript_type = "EvaluateOptions")]
    pub type EvaluateOptions;
    /// The options of `toHtml` and `toMarkdown` (checked by [`read_report_options`]).
    #[wasm_bindgen(typescript_type = "ReportOptions")]
    pub type ReportOptions;
    /// The options of `toCsv`.
    #[wasm_bindgen(typescript_type = "CsvOptions")]
    pub type CsvOptions;
    /// The options of `rows`.
    #[wasm_bindgen(typescript_type = "RowsOptions")]
    pub type RowsOptions;
    /// The options of `toJson`.
    #[wasm_bindgen(typescript_type = "JsonOptions")]
    pub type JsonOptions;

    // Calls that a hostile input (a Proxy) can make throw: caught, so that no JS exception
    // unwinds through Rust frames.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn try_is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn try_keys(value: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = getOwnPropertySymbols)]
    fn try_own_symbols(value: &JsValue) -> Result<Array, JsValue>;
    /// `Date.prototype.getTime.call(date)`.
    #[wasm_bindgen(catch, js_namespace = ["Date", "prototype", "getTime"], js_name = call)]
    fn try_get_time(date: &JsValue) -> Result<f64, JsValue>;
}

/// A copy of bytes (`new Uint8Array(bytes or buffer)`), `None` if the input cannot be read.
fn copy_bytes(input: &JsValue) -> Option<Vec<u8>> {
    let constructor = Uint8Array::new_with_length(0).constructor();
    let copy = Reflect::construct(&constructor, &Array::of1(input)).ok()?;
    copy.dyn_ref::<Uint8Array>().map(Uint8Array::to_vec)
}

/// `Array.isArray`, `false` when it throws (a revoked Proxy).
fn is_array(value: &JsValue) -> bool {
    try_is_array(value).unwrap_or(false)
}

/// The own enumerable string keys of an object (`Object.keys`).
fn keys(value: &JsValue) -> Option<Vec<String>> {
    try_keys(value)
        .ok()
        .map(|keys| keys.iter().filter_map(|k| k.as_string()).collect())
}

thread_local! {
    /// The live plans by key, so that `evaluateMany` can find the plans of a JS array
    /// without taking them from their JS objects (wasm-bindgen moves a struct passed by
    /// value): each `Plan` object registers itself and leaves when freed.
    static PLANS: RefCell<(u32, BTreeMap<u32, Weak<Plan>>)> = const {
        RefCell::new((0, BTreeMap::new()))
    };
}

/// The JS property that gives a `Plan` object's key (not in the typings).
const PLAN_KEY: &str = "__ctgPlanKey";

/// A ctg plan (`Plan.sundgau()`, `Plan.fromToml(text)`, `Plan.fromJson(text)`).
#[wasm_bindgen(js_name = Plan)]
#[derive(Debug)]
pub struct JsPlan {
    inner: Rc<Plan>,
    key: u32,
}

impl JsPlan {
    fn new(plan: Plan) -> JsPlan {
        let inner = Rc::new(plan);
        let key = PLANS.with(|cell| {
            let mut guard = cell.borrow_mut();
            let (next, map) = &mut *guard;
            while map.contains_key(next) {
                *next = next.wrapping_add(1);
            }
            let key = *next;
            *next = next.wrapping_add(1);
            map.insert(key, Rc::downgrade(&inner));
            key
        });
        JsPlan { inner, key }
    }
}

impl Drop for JsPlan {
    fn drop(&mut self) {
        PLANS.with(|cell| {
            cell.borrow_mut().1.remove(&self.key);
        });
    }
}

#[wasm_bindgen(js_class = Plan)]
impl JsPlan {
    /// The bundled Sundgau plan 2025-2029 (3 axes, 12 fiches, 25 indicators).
    pub fn sundgau() -> JsResult<JsPlan> {
        ctg_core::plans::sundgau()
            .map(JsPlan::new)
            .map_err(|e| plan_error(&e, ERROR_LANG))
    }

    /// Load and validate a plan written in TOML; throws a `PlanLoadError` listing every
    /// problem, its texts in `lang` (`"fr"` or `"en"`; French when it is not given, like every other text).
    /// In the main web module, which reads JSON plans only, every text throws
    /// `toml_unsupported` (load `ctg_wasm_xlsx.js`, or give the plan as JSON).
    #[wasm_bindgen(js_name = fromToml)]
    pub fn from_toml(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] lang: JsValue,
    ) -> JsResult<JsPlan> {
        let lang = error_lang(opt_string_arg(&lang, "lang")?)?;
        Plan::from_toml(&string_arg(&text, "text")?)
            .map(JsPlan::new)
            .map_err(|e| plan_error(&e, lang))
    }

    /// Load and validate a plan written in JSON (the same model as TOML); errors as
    /// `fromToml`.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] lang: JsValue,
    ) -> JsResult<JsPlan> {
        let lang = error_lang(opt_string_arg(&lang, "lang")?)?;
        Plan::from_json(&string_arg(&text, "text")?)
            .map(JsPlan::new)
            .map_err(|e| plan_error(&e, lang))
    }

    /// The plan as pretty-printed JSON (targets as canonical French text); `Plan.fromJson`
    /// reads it back.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> JsResult<String> {
        self.inner.to_json().map_err(|e| plan_error(&e, ERROR_LANG))
    }

    /// The plan id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id.clone()
    }

    /// The plan title.
    #[wasm_bindgen(getter)]
    pub fn title(&self) -> String {
        self.inner.title.clone()
    }

    /// The territory.
    #[wasm_bindgen(getter)]
    pub fn territory(&self) -> String {
        self.inner.territory.clone()
    }

    /// The plan period, in whole years.
    #[wasm_bindgen(getter, unchecked_return_type = "PlanPeriod")]
    pub fn period(&self) -> JsResult<JsValue> {
        to_js(&self.inner.period)
    }

    /// The key `evaluateMany` finds the plan by.
    #[wasm_bindgen(getter = __ctgPlanKey, skip_typescript)]
    pub fn plan_key(&self) -> u32 {
        self.key
    }

    /// Evaluate the plan against observations: CSV or JSON text (French Excel flavour
    /// included), the file's bytes (`Uint8Array`/`ArrayBuffer`, for Windows-1252 files),
    /// or an array of objects keyed by column names (`indicateur`/`indicator`, `date`,
    /// `valeur`/`value`…). Throws an `ObservationsError` (strict mode) or an `OptionsError`.
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ObservationsInput")] observations: JsValue,
        options: Option<EvaluateOptions>,
    ) -> JsResult<JsEvaluation> {
        let opts = read_options(options.as_ref().map(AsRef::as_ref))?;
        let ingest = opts.ingest();
        let obs = read_observations(One(&self.inner), &observations, &ingest)
            .map_err(|e| observation_error(&e, opts.lang))?;
        let ev = ctg_core::eval::try_evaluate(&self.inner, &obs, &opts.eval())
            .map_err(|e| observation_error(&e.into(), opts.lang))?;
        Ok(JsEvaluation::new(Held::new(ev, &opts)))
    }

    /// The plan's data-entry workbook (.xlsx, *grille de saisie*; ctg-core's
    /// `report::entry_workbook`): « Saisie » with its checks, « Indicateurs », « Mode
    /// d'emploi ». Only in the spreadsheet module (`ctg_wasm_xlsx.js`); the main module
    /// throws a `CtgError` of code `spreadsheet_unsupported`.
    #[wasm_bindgen(js_name = entryWorkbook)]
    pub fn entry_workbook(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] lang: JsValue,
    ) -> JsResult<Vec<u8>> {
        let lang = lang_arg(opt_string_arg(&lang, "lang")?)?;
        ctg_core::report::entry_workbook(&self.inner, lang).map_err(|e| workbook_error(&e, lang))
    }
}

/// Evaluate many plans against one observation table (CSV or JSON text, bytes, or an array
/// of objects, as `plan.evaluate` takes) whose `territory` column (also `territoire`,
/// `plan_id`) names each row's plan: its id or its territory's name (case, accents and
/// punctuation ignored). The column is required with more than one plan. Options are those
/// of `plan.evaluate`; without `asOf`, each plan is evaluated as of its own latest
/// observation. Strict mode throws an `ObservationsError` listing every problem (a
/// territory that names no plan is `unknown_territory`); lenient mode drops bad rows, into
/// their plan's `diagnostics.rejected`, or `skipped` when their territory is unknown.
#[wasm_bindgen(js_name = evaluateMany)]
pub fn evaluate_many(
    #[wasm_bindgen(unchecked_param_type = "readonly Plan[]")] plans: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ObservationsInput")] observations: JsValue,
    options: Option<EvaluateOptions>,
) -> JsResult<JsEvaluations> {
    let opts = read_options(options.as_ref().map(AsRef::as_ref))?;
    let plans = plans_of(&plans)?;
    let refs: Vec<&Plan> = plans.iter().map(|p| &**p).collect();
    let ingest = opts.ingest();
    let read = read_observations(Many(&refs), &observations, &ingest)
        .map_err(|e| observation_error(&e, opts.lang))?;
    let items: Vec<(&Plan, &Observations)> = refs.iter().copied().zip(&read.observations).collect();
    let evaluations = ctg_core::eval::try_evaluate_many(&items, &opts.eval())
        .map_err(|e| observation_error(&e.into(), opts.lang))?;
    let items: Vec<Rc<Held>> = evaluations
        .into_iter()
        .map(|ev| Held::new(ev, &opts))
        .collect();
    let rollup = Rollup::new(items.iter().map(|h| &h.ev), read.skipped.len());
    Ok(JsEvaluations {
        items,
        skipped: read.skipped,
        lang: opts.lang,
        rollup,
    })
}

/// The plans of a JS array of `Plan` objects.
fn plans_of(value: &JsValue) -> JsResult<Vec<Rc<Plan>>> {
    if !is_array(value) {
        return Err(option_error(
            "`plans` must be an array of Plan objects".into(),
        ));
    }
    let array: &Array = value.unchecked_ref();
    let mut plans = Vec::new();
    for (i, item) in array.iter().enumerate() {
        let plan = Reflect::get(&item, &JsValue::from_str(PLAN_KEY))
            .ok()
            .and_then(|k| k.as_f64())
            .and_then(|k| {
                PLANS.with(|cell| cell.borrow().1.get(&(k as u32)).and_then(Weak::upgrade))
            });
        match plan {
            Some(p) => plans.push(p),
            None => {
                return Err(option_error(format!(
                    "`plans[{i}]` is not a Plan (or it was freed)"
                )))
            }
        }
    }
    Ok(plans)
}

/// An evaluation and what it was asked with (the language and explanations of its data).
#[derive(Debug)]
struct Held {
    ev: Evaluation,
    lang: Lang,
    explanations: bool,
    /// The plain object of `data`, built on first use.
    data: OnceCell<JsValue>,
}

impl Held {
    fn new(ev: Evaluation, opts: &Options) -> Rc<Held> {
        Rc::new(Held {
            ev,
            lang: opts.lang,
            explanations: opts.explanations,
            data: OnceCell::new(),
        })
    }

    fn data(&self) -> JsResult<JsValue> {
        if let Some(v) = self.data.get() {
            return Ok(v.clone());
        }
        let view = ViewOptions {
            lang: self.lang,
            explanations: self.explanations,
            suppress_below: None,
        };
        let v = to_js(&EvaluationView::new(&self.ev, &view))?;
        Ok(self.data.get_or_init(|| v).clone())
    }

    fn cells(&self, lang: Option<Lang>) -> CellOptions {
        CellOptions {
            lang: lang.unwrap_or(self.lang),
            explanations: self.explanations,
            suppress_below: None,
        }
    }

    fn report(
        &self,
        options: Option<&JsValue>,
        csv: bool,
    ) -> JsResult<(CoreReportOptions, CsvFlavour)> {
        let r = read_report_options(options, csv)?;
        let opts = CoreReportOptions {
            lang: r.lang.unwrap_or(self.lang),
            fiches: r.fiches,
            axes: r.axes,
            suppress_below: r.suppress_below,
        };
        Ok((opts, r.flavour))
    }
}

/// The evaluation of a plan (`plan.evaluate`): its data (`toJSON()`, `data`, and a getter
/// per field), its results table (`rows()`) and its reports (`toHtml()`, `toMarkdown()`,
/// `toCsv()`), all rendered by ctg-core.
#[wasm_bindgen(js_name = Evaluation)]
#[derive(Debug)]
pub struct JsEvaluation {
    held: Rc<Held>,
}

impl JsEvaluation {
    fn new(held: Rc<Held>) -> JsEvaluation {
        JsEvaluation { held }
    }

    fn field(&self, key: &str) -> JsResult<JsValue> {
        let data = self.held.data()?;
        Ok(Reflect::get(&data, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED))
    }
}

#[wasm_bindgen(js_class = Evaluation)]
impl JsEvaluation {
    /// The evaluation as a plain object, equal to `JSON.parse` of Rust's
    /// `Evaluation::to_json()` (built once, then the same object).
    #[wasm_bindgen(getter, unchecked_return_type = "EvaluationData")]
    pub fn data(&self) -> JsResult<JsValue> {
        self.held.data()
    }

    /// The plain object (`data`): `JSON.stringify(evaluation)` writes it.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "EvaluationData")]
    pub fn to_json(&self) -> JsResult<JsValue> {
        self.held.data()
    }

    /// The evaluation as JSON text (ctg-core's `render_json`): the data of `toJSON()` with
    /// its texts in `lang` (default: the evaluation's) and, with `suppressBelow`, small-count
    /// suppression as in the published reports (a count below it is `null` with what would
    /// reveal it, and its result says `suppressed: true`).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json_text(&self, options: Option<JsonOptions>) -> JsResult<String> {
        let (lang, suppress_below) = read_json_options(options.as_ref().map(AsRef::as_ref))?;
        let view = ViewOptions {
            lang: lang.unwrap_or(self.held.lang),
            explanations: self.held.explanations,
            suppress_below,
        };
        Ok(render_json(&self.held.ev, &view))
    }

    /// `data.plan_id`.
    #[wasm_bindgen(getter)]
    pub fn plan_id(&self) -> String {
        self.held.ev.plan_id.clone()
    }

    /// `data.plan_title`.
    #[wasm_bindgen(getter)]
    pub fn plan_title(&self) -> String {
        self.held.ev.plan_title.clone()
    }

    /// `data.territory`.
    #[wasm_bindgen(getter)]
    pub fn territory(&self) -> String {
        self.held.ev.territory.clone()
    }

    /// `data.period`.
    #[wasm_bindgen(getter, unchecked_return_type = "PlanPeriod")]
    pub fn period(&self) -> JsResult<JsValue> {
        self.field("period")
    }

    /// `data.as_of`.
    #[wasm_bindgen(getter, unchecked_return_type = "IsoDate")]
    pub fn as_of(&self) -> String {
        self.held.ev.as_of.to_string()
    }

    /// `data.as_of_given`.
    #[wasm_bindgen(getter)]
    pub fn as_of_given(&self) -> bool {
        self.held.ev.as_of_given
    }

    /// `data.lang`: the language of the explanations, and the reports' default.
    #[wasm_bindgen(getter, unchecked_return_type = "Lang")]
    pub fn lang(&self) -> String {
        self.held.lang.code().to_string()
    }

    /// `data.fictional`.
    #[wasm_bindgen(getter)]
    pub fn fictional(&self) -> bool {
        self.held.ev.fictional
    }

    /// `data.indicators`.
    #[wasm_bindgen(getter, unchecked_return_type = "IndicatorEvaluation[]")]
    pub fn indicators(&self) -> JsResult<JsValue> {
        self.field("indicators")
    }

    /// `data.fiches`.
    #[wasm_bindgen(getter, unchecked_return_type = "FicheScore[]")]
    pub fn fiches(&self) -> JsResult<JsValue> {
        self.field("fiches")
    }

    /// `data.axes`.
    #[wasm_bindgen(getter, unchecked_return_type = "AxisScore[]")]
    pub fn axes(&self) -> JsResult<JsValue> {
        self.field("axes")
    }

    /// `data.plan`.
    #[wasm_bindgen(getter, unchecked_return_type = "PlanScore")]
    pub fn plan(&self) -> JsResult<JsValue> {
        self.field("plan")
    }

    /// `data.diagnostics`.
    #[wasm_bindgen(getter, unchecked_return_type = "Diagnostics")]
    pub fn diagnostics(&self) -> JsResult<JsValue> {
        self.field("diagnostics")
    }

    /// The results table: one row per indicator × window (and yearly summary), or the
    /// headlines (`{ headlines: true }`), with the columns of `resultColumns()`; texts in
    /// `lang` (default: the evaluation's).
    #[wasm_bindgen(unchecked_return_type = "ResultRow[]")]
    pub fn rows(&self, options: Option<RowsOptions>) -> JsResult<JsValue> {
        let (lang, rows, suppress_below) = read_rows_options(options.as_ref().map(AsRef::as_ref))?;
        let opts = TableOptions {
            territory: false,
            rows,
            cells: CellOptions {
                suppress_below,
                ..self.held.cells(lang)
            },
        };
        to_js(&records([&self.held.ev], &opts))
    }

    /// The COPIL report: one self-contained HTML document (ctg-core's `render_html`).
    #[wasm_bindgen(js_name = toHtml)]
    pub fn to_html(&self, options: Option<ReportOptions>) -> JsResult<String> {
        let (opts, _) = self
            .held
            .report(options.as_ref().map(AsRef::as_ref), false)?;
        Ok(render_html(&self.held.ev, &opts))
    }

    /// The report in Markdown (ctg-core's `render_markdown`).
    #[wasm_bindgen(js_name = toMarkdown)]
    pub fn to_markdown(&self, options: Option<ReportOptions>) -> JsResult<String> {
        let (opts, _) = self
            .held
            .report(options.as_ref().map(AsRef::as_ref), false)?;
        Ok(render_markdown(&self.held.ev, &opts))
    }

    /// The results as CSV (ctg-core's `render_csv`): `flavour: "french"` (default: `;`,
    /// decimal comma, French headers and dates, BOM) or `"plain"`.
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self, options: Option<CsvOptions>) -> JsResult<String> {
        let (opts, flavour) = self
            .held
            .report(options.as_ref().map(AsRef::as_ref), true)?;
        Ok(render_csv(&self.held.ev, &opts, flavour))
    }

    /// The results workbook (.xlsx; ctg-core's `report::results_workbook`): results,
    /// scores and notes as typed cells, statuses coloured and labelled, with the report
    /// options. Only in the spreadsheet module (`ctg_wasm_xlsx.js`); the main module throws
    /// a `CtgError` of code `spreadsheet_unsupported`.
    #[wasm_bindgen(js_name = toExcel)]
    pub fn to_excel(&self, options: Option<ReportOptions>) -> JsResult<Vec<u8>> {
        let (opts, _) = self
            .held
            .report(options.as_ref().map(AsRef::as_ref), false)?;
        results_workbook(&self.held.ev, &opts).map_err(|e| workbook_error(&e, opts.lang))
    }

    /// The terminal report (ctg-core's `render_text`), with the report options.
    #[wasm_bindgen(js_name = toText)]
    pub fn to_text(&self, options: Option<ReportOptions>) -> JsResult<String> {
        let (opts, _) = self
            .held
            .report(options.as_ref().map(AsRef::as_ref), false)?;
        Ok(render_text(&self.held.ev, &opts))
    }

    /// The explanation sentence of every result, rendered now with the report options
    /// (`lang`, `fiches`, `axes`, `suppressBelow`), in the order of `rows()` (ctg-core's
    /// `report::explanations`).
    pub fn explanations(&self, options: Option<ReportOptions>) -> JsResult<Vec<String>> {
        let (opts, _) = self
            .held
            .report(options.as_ref().map(AsRef::as_ref), false)?;
        Ok(explanations(&self.held.ev, &opts))
    }
}

/// The evaluations of many plans (`evaluateMany`), in the order of the plans.
#[wasm_bindgen(js_name = Evaluations)]
#[derive(Debug)]
pub struct JsEvaluations {
    items: Vec<Rc<Held>>,
    skipped: Vec<ObservationIssue>,
    /// The language given to `evaluateMany`: the reports' default.
    lang: Lang,
    /// The core's roll-up: common date or range, fictional flag, counts, one row per plan.
    rollup: Rollup,
}

#[wasm_bindgen(js_class = Evaluations)]
impl JsEvaluations {
    /// The number of plans.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.items.len()
    }

    /// The evaluation at `index` (negative: from the end), `undefined` out of range (as
    /// `Array.prototype.at`).
    pub fn at(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] index: JsValue,
    ) -> JsResult<Option<JsEvaluation>> {
        // As `Array.prototype.at`: the index truncated, NaN being 0; anything but a number
        // is an options error (never the glue's `TypeError`).
        let index = index.as_f64().ok_or_else(|| {
            option_error(format!(
                "`index` must be a number, not {}",
                kind_of(&index).render(Lang::En)
            ))
        })?;
        let index = if index.is_nan() { 0.0 } else { index.trunc() };
        let index = index.clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32;
        let n = self.items.len();
        let i = if index < 0 {
            n.checked_sub(index.unsigned_abs() as usize)
        } else {
            Some(index as usize)
        };
        Ok(i.and_then(|i| self.items.get(i))
            .map(|h| JsEvaluation::new(Rc::clone(h))))
    }

    /// The evaluation of the plan `id` (its first, if given twice), `undefined` if none.
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Option<JsEvaluation> {
        // An id that is not a string names no plan.
        let id = id.as_string()?;
        self.items
            .iter()
            .find(|h| h.ev.plan_id == id)
            .map(|h| JsEvaluation::new(Rc::clone(h)))
    }

    /// The plan ids, in order.
    pub fn keys(&self) -> Vec<String> {
        self.items.iter().map(|h| h.ev.plan_id.clone()).collect()
    }

    /// Every evaluation, in order (a new array of the same evaluations each time).
    #[wasm_bindgen(getter, unchecked_return_type = "Evaluation[]")]
    pub fn evaluations(&self) -> Array {
        self.items
            .iter()
            .map(|h| JsValue::from(JsEvaluation::new(Rc::clone(h))))
            .collect()
    }

    /// Lenient mode: the problems of the rows dropped because their territory names no plan
    /// (or none, or several). Rows dropped for other reasons are in their plan's
    /// `diagnostics.rejected`.
    #[wasm_bindgen(getter, unchecked_return_type = "ObservationIssue[]")]
    pub fn skipped(&self) -> JsResult<JsValue> {
        to_js(&self.skipped)
    }

    /// One row per plan, in order: its id, territory, evaluation date, fictional flag,
    /// score and headline status counts (the `rows` of ctg-core's `eval::Rollup`).
    #[wasm_bindgen(unchecked_return_type = "PlanScoreRow[]")]
    pub fn scores(&self) -> JsResult<JsValue> {
        to_js(&self.rollup.rows)
    }

    /// The roll-up over every plan (ctg-core's `eval::Rollup`): the number of plans, the
    /// common `as_of` (or `null`) and the `as_of_range`, `fictional`, the headline status
    /// `counts` summed over the plans, the `skipped` rows and one row per plan.
    #[wasm_bindgen(getter, unchecked_return_type = "Rollup")]
    pub fn rollup(&self) -> JsResult<JsValue> {
        to_js(&self.rollup)
    }

    /// The roll-up report of every plan as one self-contained HTML document (ctg-core's
    /// `render_many_html`); `lang` defaults to the one given to `evaluateMany`. A plan's
    /// own report is `evaluations.at(i).toHtml()`.
    #[wasm_bindgen(js_name = toHtml)]
    pub fn to_html(&self, options: Option<ReportOptions>) -> JsResult<String> {
        let r = read_report_options(options.as_ref().map(AsRef::as_ref), false)?;
        Ok(render_many_html(&self.rollup, r.lang.unwrap_or(self.lang)))
    }

    /// The same roll-up in Markdown (ctg-core's `render_many_markdown`).
    #[wasm_bindgen(js_name = toMarkdown)]
    pub fn to_markdown(&self, options: Option<ReportOptions>) -> JsResult<String> {
        let r = read_report_options(options.as_ref().map(AsRef::as_ref), false)?;
        Ok(render_many_markdown(
            &self.rollup,
            r.lang.unwrap_or(self.lang),
        ))
    }

    /// Every plan's results as one CSV, with a leading territory column (ctg-core's
    /// `render_many_csv`); the options of `evaluation.toCsv()`.
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self, options: Option<CsvOptions>) -> JsResult<String> {
        let r = read_report_options(options.as_ref().map(AsRef::as_ref), true)?;
        let opts = CoreReportOptions {
            lang: r.lang.unwrap_or(self.lang),
            fiches: r.fiches,
            axes: r.axes,
            suppress_below: r.suppress_below,
        };
        Ok(render_many_csv(
            self.items.iter().map(|h| &h.ev),
            &opts,
            r.flavour,
        ))
    }

    /// The results table of every plan, with a leading `territory` column (the plan id);
    /// options as `evaluation.rows()` (default language: the evaluations').
    #[wasm_bindgen(unchecked_return_type = "ResultRow[]")]
    pub fn rows(&self, options: Option<RowsOptions>) -> JsResult<JsValue> {
        let (lang, rows, suppress_below) = read_rows_options(options.as_ref().map(AsRef::as_ref))?;
        let Some(first) = self.items.first() else {
            return Ok(Array::new().into());
        };
        let opts = TableOptions {
            territory: true,
            rows,
            cells: CellOptions {
                suppress_below,
                ..first.cells(lang)
            },
        };
        to_js(&records(self.items.iter().map(|h| &h.ev), &opts))
    }

    /// `{ evaluations, skipped }` as plain data: `JSON.stringify(evaluations)` writes it.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "EvaluationsData")]
    pub fn to_json(&self) -> JsResult<JsValue> {
        let list = Array::new();
        for h in &self.items {
            list.push(&h.data()?);
        }
        let o: JsValue = Object::new().into();
        set(&o, "evaluations", &list);
        set(&o, "skipped", &to_js(&self.skipped)?);
        Ok(o)
    }
}

/// Parse a target expression (`> 200`, `+20%`, `entre 10 et 20`, `réalisé d'ici 2027`…);
/// throws a `TargetParseError` with the `span` of the culprit, its texts in `lang` (`"fr"`
/// or `"en"`; French when it is not given, like every other text).
#[wasm_bindgen(js_name = parseTarget, unchecked_return_type = "Target")]
pub fn parse_target(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] lang: JsValue,
) -> JsResult<JsValue> {
    let lang = error_lang(opt_string_arg(&lang, "lang")?)?;
    match ctg_core::target::parse(&string_arg(&text, "text")?) {
        Ok(t) => to_js(&t),
        Err(e) => Err(target_error(&e, lang)),
    }
}

/// Import a CTG action-plan document (`ctg_core::import`): a string is the text export
/// of the template, bytes (`Uint8Array`/`ArrayBuffer`) a .docx or text file (sniffed).
/// Returns `{ plan, findings, toml, checklist }`: the `Plan`, the findings as the core's
/// problems in `lang` (`"fr"` default, or `"en"`), the plan as a TOML file to review
/// (every interpretation as a comment) and the findings as a checklist. Throws a
/// `CtgError` of kind `import` for bytes that are not a readable .docx.
#[cfg(feature = "import")]
#[wasm_bindgen(js_name = importPlan, unchecked_return_type = "ImportedPlan")]
pub fn import_plan(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] document: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] lang: JsValue,
) -> JsResult<JsValue> {
    let lang = lang_arg(opt_string_arg(&lang, "lang")?)?;
    let imported = if let Some(text) = document.as_string() {
        ctg_core::import::import_text(&text)
    } else if document.is_instance_of::<Uint8Array>() || document.is_instance_of::<ArrayBuffer>() {
        let bytes = copy_bytes(&document)
            .ok_or_else(|| option_error("`document`: the bytes cannot be read".to_string()))?;
        ctg_core::import::import_document(&bytes).map_err(|e| import_error(&e, lang))?
    } else {
        return Err(option_error(format!(
            "`document` must be a string, a Uint8Array or an ArrayBuffer, not {}",
            kind_of(&document).render(Lang::En)
        )));
    };
    let toml =
        ctg_core::import::to_reviewable_toml(&imported, lang).map_err(|e| plan_error(&e, lang))?;
    let o: JsValue = Object::new().into();
    set(
        &o,
        "checklist",
        &JsValue::from_str(&ctg_core::import::checklist(&imported, lang)),
    );
    set(&o, "findings", &problems_js(&imported.problems(lang)));
    set(&o, "toml", &JsValue::from_str(&toml));
    set(&o, "plan", &JsPlan::new(imported.plan).into());
    Ok(o)
}

/// `importPlan` in a module built without the importer (the main web module): every
/// document is refused with a `CtgError` of kind `import`, code `import_unsupported`
/// (ctg-core's problem, whose hint names the full module).
#[cfg(not(feature = "import"))]
#[wasm_bindgen(js_name = importPlan, unchecked_return_type = "ImportedPlan")]
pub fn import_plan(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] document: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] lang: JsValue,
) -> JsResult<JsValue> {
    let _ = document;
    let lang = lang_arg(opt_string_arg(&lang, "lang")?)?;
    let problem = ctg_core::ffi::import_unsupported(lang);
    Err(single_problem_error("import", &problem.code, &problem))
}

/// Bytes or text given as `name`: a string (its UTF-8 bytes), a `Uint8Array` or an
/// `ArrayBuffer`; anything else is an options `CtgError`.
fn bytes_arg(value: &JsValue, name: &str) -> JsResult<Vec<u8>> {
    if let Some(text) = value.as_string() {
        return Ok(text.into_bytes());
    }
    if value.is_instance_of::<Uint8Array>() || value.is_instance_of::<ArrayBuffer>() {
        return copy_bytes(value)
            .ok_or_else(|| option_error(format!("`{name}`: the bytes cannot be read")));
    }
    Err(option_error(format!(
        "`{name}` must be a string, a Uint8Array or an ArrayBuffer, not {}",
        kind_of(value).render(Lang::En)
    )))
}

/// Rewrite a CSV observation export with every participant id replaced by a keyed
/// pseudonym (`ctg_core::io::pseudonymise`: `p_` and 16 hexadecimal digits of
/// HMAC-SHA256(key, id)), to share it (with the CAF) without the raw ids; the same id and
/// key give the same pseudonym, so distinct counts are unchanged. `input`: CSV text or the
/// file's bytes; `key`: at least 16 bytes (a string is taken as UTF-8), never written.
/// Returns the CSV text, every other cell, line and comment kept as written. Throws a
/// `CtgError` of kind `pseudonymise` (`invalid_key`, `missing_column`, `format_error`,
/// `encoding_error`…), its texts in `lang` (`"fr"` default, or `"en"`).
#[wasm_bindgen]
pub fn pseudonymise(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] key: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] lang: JsValue,
) -> JsResult<String> {
    let lang = error_lang(opt_string_arg(&lang, "lang")?)?;
    let input = bytes_arg(&input, "input")?;
    let key = bytes_arg(&key, "key")?;
    ctg_core::io::pseudonymise::pseudonymise(&input, &key)
        .map(|p| p.csv)
        .map_err(|e| {
            let problems = e.problems(lang);
            let err = new_error("pseudonymise", e.code(), &e.message(lang));
            set(&err, "errors", &problems_js(&problems));
            set(&err, "problems", &problems_js(&problems));
            err.into()
        })
}

/// The language argument of `statuses` and `resultColumns`.
fn lang_arg(lang: Option<String>) -> JsResult<Lang> {
    match lang.as_deref() {
        None => Ok(Lang::default()),
        Some(text) => text
            .parse::<Lang>()
            .map_err(|e| option_error(format!("`lang`: {e}"))),
    }
}

/// The boundary's JSON entry point (`ctg_core::ffi::call_json`): run the call `name`
/// (`"evaluate"`, `"parse_target"`, `"check_plan"`, `"statuses"`) on its JSON `call` and
/// return the JSON answer — `{"status": "success", "result", "warnings"}` or
/// `{"status": "failure", "errors"}` — byte for byte what Rust and Python (`ctg.call_json`)
/// answer, except that a problem's `span` is in JS string indices (UTF-16 code units) of
/// its `input` (Rust's are UTF-8 bytes, Python's code points). Never throws for a bad call:
/// the answer says so.
#[wasm_bindgen(js_name = callJson)]
pub fn call_json(
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] call: JsValue,
) -> String {
    // A value that is not a string is handed on as an empty one: core answers
    // `unknown_call` / `invalid_call` (never a trap).
    let name = name.as_string().unwrap_or_default();
    let call = call.as_string().unwrap_or_default();
    ctg_core::ffi::call_json_in(&name, &call, SpanUnit::Utf16)
}

/// Every status with its label in `lang` (`"fr"`, the default, or `"en"`), icon, colours
/// (`colour` of the chip, readable `ink` on it, `fill` in charts) and score, best to worst
/// then the unscored ones: the table a dashboard draws its chips and legends from.
#[wasm_bindgen(unchecked_return_type = "StatusInfo[]")]
pub fn statuses(
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] lang: JsValue,
) -> JsResult<JsValue> {
    to_js(&ctg_core::eval::statuses(lang_arg(opt_string_arg(
        &lang, "lang",
    )?)?))
}

/// The columns of the results table (`evaluation.rows()`), in order, from ctg-core's
/// schema: name, header and meaning in `lang` (`"fr"` default, or `"en"`), type, values of
/// codes, nullability. Tables of `evaluateMany` start with `territory`.
#[wasm_bindgen(js_name = resultColumns, unchecked_return_type = "ResultColumn[]")]
pub fn result_columns(
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] lang: JsValue,
) -> JsResult<JsValue> {
    let lang = lang_arg(opt_string_arg(&lang, "lang")?)?;
    let columns: Vec<_> = COLUMNS.iter().map(|c| c.info(lang)).collect();
    to_js(&columns)
}

/// The status a score (0..=1) is drawn as in gauges (`achieved` from 0.75, `on_track` from
/// 0.5, `at_risk` from 0.25, else `not_achieved`).
#[wasm_bindgen(js_name = scoreStatus, unchecked_return_type = "Status")]
pub fn score_status(
    #[wasm_bindgen(unchecked_param_type = "number")] score: JsValue,
) -> JsResult<JsValue> {
    // Taken as a JS value: a symbol or a bigint is an options error, never the glue's
    // `TypeError`.
    let score = score.as_f64().ok_or_else(|| {
        option_error(format!(
            "`score` must be a number, not {}",
            kind_of(&score).render(Lang::En)
        ))
    })?;
    Ok(JsValue::from_str(
        ctg_core::eval::score_status(score).code(),
    ))
}

/// Whether bytes are a workbook (.xlsx, .xlsm, .xlsb, .xls, .ods) by their first bytes
/// (ctg-core's rule): the main module reads no workbook, `ctg_wasm_xlsx.js` does.
#[wasm_bindgen(js_name = isWorkbook)]
pub fn is_workbook(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
) -> bool {
    // Only the first bytes are looked at (and copied); anything that is not bytes is no
    // workbook (never a trap).
    // A detached buffer has no bytes (and cannot be viewed): no workbook.
    let head = if let Some(view) = bytes.dyn_ref::<Uint8Array>() {
        if view.length() == 0 {
            return false;
        }
        view.subarray(0, view.length().min(8)).to_vec()
    } else if let Some(buffer) = bytes.dyn_ref::<ArrayBuffer>() {
        if buffer.byte_length() == 0 {
            return false;
        }
        Uint8Array::new_with_byte_offset_and_length(buffer, 0, buffer.byte_length().min(8)).to_vec()
    } else {
        return false;
    };
    ctg_core::io::is_workbook(&head)
}

/// Whether a value is an error thrown by ctg (`name === "CtgError"`).
#[wasm_bindgen(js_name = isCtgError, unchecked_return_type = "value is CtgError")]
pub fn is_ctg_error(#[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue) -> bool {
    value
        .dyn_ref::<js_sys::Error>()
        .is_some_and(|e| e.name() == "CtgError")
}

struct Options {
    as_of: Option<NaiveDate>,
    lang: Lang,
    lenient: bool,
    explanations: bool,
    sheet: Option<String>,
    limits: ctg_core::Limits,
}

impl Options {
    fn eval(&self) -> EvalOptions {
        EvalOptions {
            as_of: self.as_of,
            limits: self.limits,
        }
    }

    fn ingest(&self) -> IngestOptions {
        IngestOptions {
            lenient: self.lenient,
            sheet: self.sheet.clone(),
            limits: self.limits,
        }
    }
}

const OPTION_NAMES: [&str; 6] = ["asOf", "lang", "strict", "explanations", "sheet", "limits"];
const REPORT_OPTION_NAMES: [&str; 4] = ["lang", "fiches", "axes", "suppressBelow"];
const CSV_OPTION_NAMES: [&str; 5] = ["lang", "fiches", "axes", "suppressBelow", "flavour"];
const ROWS_OPTION_NAMES: [&str; 3] = ["lang", "headlines", "suppressBelow"];
const JSON_OPTION_NAMES: [&str; 2] = ["lang", "suppressBelow"];

/// The options of `toJson`: the language and the suppression threshold.
fn read_json_options(value: Option<&JsValue>) -> JsResult<(Option<Lang>, Option<u32>)> {
    let Some(value) = options_object(value, &JSON_OPTION_NAMES)? else {
        return Ok((None, None));
    };
    Ok((lang_option(value)?, count_option(value, "suppressBelow")?))
}

/// `a`, `a or b`, `a, b or c` of backquoted names.
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// An options object (`None` when absent: `undefined` or `null`), checked to be an object
/// with only the known keys.
fn options_object<'v>(value: Option<&'v JsValue>, names: &[&str]) -> JsResult<Option<&'v JsValue>> {
    let Some(value) = value.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(None);
    };
    if !value.is_object() || is_array(value) {
        return Err(option_error(format!(
            "the options must be an object `{{ {} }}`",
            names.join(", ")
        )));
    }
    let Some(found) = keys(value) else {
        return Err(option_error("the options cannot be read".into()));
    };
    for key in found {
        if !names.contains(&key.as_str()) {
            return Err(option_error(format!(
                "unknown option `{key}` (expected {})",
                one_of(names)
            )));
        }
    }
    Ok(Some(value))
}

/// An option's value, `None` when absent (`undefined` or `null`).
fn option(value: &JsValue, key: &str) -> Option<JsValue> {
    let v = Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    (!v.is_undefined() && !v.is_null()).then_some(v)
}

fn lang_option(value: &JsValue) -> JsResult<Option<Lang>> {
    let Some(lang) = option(value, "lang") else {
        return Ok(None);
    };
    match lang.as_string() {
        Some(text) => text
            .parse::<Lang>()
            .map(Some)
            .map_err(|e| option_error(format!("`lang`: {e}"))),
        None => Err(option_error("`lang` must be \"fr\" or \"en\"".into())),
    }
}

fn bool_option(value: &JsValue, key: &str) -> JsResult<Option<bool>> {
    match option(value, key) {
        None => Ok(None),
        Some(v) => v
            .as_bool()
            .map(Some)
            .ok_or_else(|| option_error(format!("`{key}` must be true or false"))),
    }
}

/// A whole number in `0..=u32::MAX`.
fn count(v: &JsValue) -> Option<u32> {
    let n = v.as_f64()?;
    (n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n)).then_some(n as u32)
}

fn count_option(value: &JsValue, key: &str) -> JsResult<Option<u32>> {
    match option(value, key) {
        None => Ok(None),
        Some(v) => count(&v)
            .map(Some)
            .ok_or_else(|| option_error(format!("`{key}` must be a whole number ≥ 0"))),
    }
}

fn numbers_option(value: &JsValue, key: &str) -> JsResult<Option<Vec<u32>>> {
    let Some(v) = option(value, key) else {
        return Ok(None);
    };
    let wrong = || option_error(format!("`{key}` must be an array of numbers, e.g. [1, 3]"));
    if !is_array(&v) {
        return Err(wrong());
    }
    let array: &Array = v.unchecked_ref();
    array
        .iter()
        .map(|n| count(&n).ok_or_else(wrong))
        .collect::<JsResult<Vec<u32>>>()
        .map(Some)
}

fn read_options(value: Option<&JsValue>) -> JsResult<Options> {
    let mut opts = Options {
        as_of: None,
        lang: Lang::default(),
        lenient: false,
        explanations: true,
        sheet: None,
        limits: ctg_core::Limits::default(),
    };
    let Some(value) = options_object(value, &OPTION_NAMES)? else {
        return Ok(opts);
    };
    if let Some(as_of) = option(value, "asOf") {
        if let Some(text) = as_of.as_string() {
            opts.as_of = Some(parse_as_of(&text).ok_or_else(|| {
                option_error(format!(
                    "`asOf`: `{text}` is not a date (write 2026-12-31 or 31/12/2026)"
                ))
            })?);
        } else if let Some(d) = as_of.dyn_ref::<Date>() {
            // The core's range (1900–2200), as for the text forms.
            let day = date_of(d).ok_or_else(|| option_error("`asOf` is an invalid Date".into()))?;
            if !ctg_core::io::date_in_range(day) {
                return Err(option_error(format!(
                    "`asOf`: {day} is outside the years 1900 to 2200"
                )));
            }
            opts.as_of = Some(day);
        } else {
            return Err(option_error(
                "`asOf` must be a date string (2026-12-31) or a Date".into(),
            ));
        }
    }
    if let Some(lang) = lang_option(value)? {
        opts.lang = lang;
    }
    if let Some(strict) = bool_option(value, "strict")? {
        opts.lenient = !strict;
    }
    if let Some(explanations) = bool_option(value, "explanations")? {
        opts.explanations = explanations;
    }
    if let Some(sheet) = option(value, "sheet") {
        opts.sheet = Some(
            sheet
                .as_string()
                .ok_or_else(|| option_error("`sheet` must be a string".into()))?,
        );
    }
    if let Some(limits) = option(value, "limits") {
        opts.limits = limits_option(&limits)?;
    }
    Ok(opts)
}

/// `limits: { max_rows: 1000 }`: the core's `Limits`, keyed as in every runtime (the
/// others at their default).
fn limits_option(value: &JsValue) -> JsResult<ctg_core::Limits> {
    if !value.is_object() || is_array(value) {
        return Err(option_error(
            "`limits` must be an object of whole numbers, e.g. { max_rows: 1000 }".into(),
        ));
    }
    // serde-wasm-bindgen reads only the known fields of an object: unknown keys are
    // checked here, so that a misspelt limit is an error, not ignored.
    let names: Vec<&str> = ctg_core::limits::Limit::ALL
        .iter()
        .map(|l| l.name())
        .collect();
    options_object(Some(value), &names)?;
    // The object as JSON text, read by serde_json: the module's one serde path.
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| option_error("`limits` must be an object of whole numbers".into()))?;
    // Through a `Value`, whose errors name no line and column of a text the caller never
    // wrote.
    serde_json::from_str(&text)
        .and_then(serde_json::from_value)
        .map_err(|e| option_error(format!("`limits`: {e}")))
}

/// The options of a report, as given (the language defaults to the evaluation's).
struct Report {
    lang: Option<Lang>,
    fiches: Option<Vec<u32>>,
    axes: Option<Vec<u32>>,
    suppress_below: Option<u32>,
    flavour: CsvFlavour,
}

fn read_report_options(value: Option<&JsValue>, csv: bool) -> JsResult<Report> {
    let names: &[&str] = if csv {
        &CSV_OPTION_NAMES
    } else {
        &REPORT_OPTION_NAMES
    };
    let mut r = Report {
        lang: None,
        fiches: None,
        axes: None,
        suppress_below: None,
        flavour: CsvFlavour::default(),
    };
    let Some(value) = options_object(value, names)? else {
        return Ok(r);
    };
    r.lang = lang_option(value)?;
    r.fiches = numbers_option(value, "fiches")?;
    r.axes = numbers_option(value, "axes")?;
    r.suppress_below = count_option(value, "suppressBelow")?;
    if let Some(f) = option(value, "flavour") {
        // The names are core's (`fr`/`french`/`excel`, `plain`), as in Python.
        r.flavour = match f.as_string().map(|name| name.parse::<CsvFlavour>()) {
            Some(Ok(flavour)) => flavour,
            Some(Err(e)) => return Err(option_error(format!("`flavour`: {e}"))),
            None => {
                return Err(option_error(
                    "`flavour` must be a string (\"fr\" or \"plain\")".into(),
                ))
            }
        };
    }
    Ok(r)
}

fn read_rows_options(value: Option<&JsValue>) -> JsResult<(Option<Lang>, Rows, Option<u32>)> {
    let Some(value) = options_object(value, &ROWS_OPTION_NAMES)? else {
        return Ok((None, Rows::All, None));
    };
    let rows = match bool_option(value, "headlines")? {
        Some(true) => Rows::Headlines,
        _ => Rows::All,
    };
    Ok((
        lang_option(value)?,
        rows,
        count_option(value, "suppressBelow")?,
    ))
}

/// The day a JS `Date` means, by the core's rule ([`Timestamp::date`]): its local date,
/// except at exactly midnight UTC (read as that UTC date).
fn date_of(d: &Date) -> Option<NaiveDate> {
    match cell_of(d.as_ref()) {
        RecordCell::Timestamp(t) => t.date(),
        _ => None,
    }
}

/// An error of the whole input given to `evaluate`.
fn whole_input(kind: ObservationErrorKind) -> ObservationError {
    ObservationError {
        issues: vec![ObservationIssue::new(kind, None)],
    }
}

fn kind_of(v: &JsValue) -> ValueKind {
    if v.is_null() {
        ValueKind::Null
    } else if v.is_undefined() {
        ValueKind::Undefined
    } else if v.as_f64().is_some() {
        ValueKind::Number
    } else if v.as_bool().is_some() {
        ValueKind::Boolean
    } else if v.as_string().is_some() {
        ValueKind::String
    } else if is_array(v) {
        ValueKind::Array
    } else if v.is_function() {
        ValueKind::Function
    } else if v.is_symbol() {
        ValueKind::Symbol
    } else if v.is_bigint() {
        ValueKind::BigInt
    } else {
        ValueKind::Object
    }
}

/// The plans observations are read for: one (`plan.evaluate`), or several keyed by a
/// territory column (`evaluateMany`); each calls ctg-core's reader of that scope.
trait Scope {
    type Read;
    fn auto(&self, bytes: &[u8], ingest: &IngestOptions) -> Result<Self::Read, ObservationError>;
    fn records(
        &self,
        items: Vec<RecordItem>,
        ingest: &IngestOptions,
    ) -> Result<Self::Read, ObservationError>;
}

struct One<'a>(&'a Plan);
struct Many<'a>(&'a [&'a Plan]);

impl Scope for One<'_> {
    type Read = Observations;
    fn auto(&self, bytes: &[u8], ingest: &IngestOptions) -> Result<Observations, ObservationError> {
        read_auto(self.0, bytes, ingest)
    }
    fn records(
        &self,
        items: Vec<RecordItem>,
        ingest: &IngestOptions,
    ) -> Result<Observations, ObservationError> {
        read_records(self.0, items, ingest)
    }
}

impl Scope for Many<'_> {
    type Read = ByTerritory;
    fn auto(&self, bytes: &[u8], ingest: &IngestOptions) -> Result<ByTerritory, ObservationError> {
        read_auto_territories(self.0, bytes, ingest)
    }
    fn records(
        &self,
        items: Vec<RecordItem>,
        ingest: &IngestOptions,
    ) -> Result<ByTerritory, ObservationError> {
        read_records_territories(self.0, items, ingest)
    }
}

fn read_observations<S: Scope>(
    scope: S,
    input: &JsValue,
    ingest: &IngestOptions,
) -> Result<S::Read, ObservationError> {
    if let Some(text) = input.as_string() {
        scope.auto(text.as_bytes(), ingest)
    } else if input.is_instance_of::<Uint8Array>() || input.is_instance_of::<ArrayBuffer>() {
        let bytes = copy_bytes(input)
            .ok_or_else(|| whole_input(ObservationErrorKind::Unreadable(Unreadable::Bytes)))?;
        scope.auto(&bytes, ingest)
    } else if is_array(input) {
        read_records_js(scope, input, ingest)
    } else {
        Err(whole_input(ObservationErrorKind::WrongInput {
            found: kind_of(input),
        }))
    }
}

/// A JS value as a core record cell (converted, never judged: the core reads it).
fn cell_of(v: &JsValue) -> RecordCell {
    if v.is_null() || v.is_undefined() {
        RecordCell::Null
    } else if let Some(s) = v.as_string() {
        RecordCell::Text(s)
    } else if let Some(n) = v.as_f64() {
        RecordCell::Number(n)
    } else if let Some(b) = v.as_bool() {
        RecordCell::Bool(b)
    } else if let Some(d) = v.dyn_ref::<Date>() {
        // An instant and the runtime's offset for it; NaN for an invalid `Date` (or a
        // Proxy whose `getTime` throws).
        let utc_millis = try_get_time(d).unwrap_or(f64::NAN);
        let local_offset_minutes = if utc_millis.is_finite() {
            -(d.get_timezone_offset() as i32)
        } else {
            0
        };
        RecordCell::Timestamp(Timestamp::Instant {
            utc_millis,
            local_offset_minutes,
        })
    } else if v.is_bigint() {
        let text = v
            .unchecked_ref::<js_sys::BigInt>()
            .to_string(10)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        match text.parse::<i64>() {
            Ok(i) => RecordCell::Int(i),
            // Beyond 64 bits: its decimal text, read by the core's number rules.
            Err(_) => RecordCell::Text(text),
        }
    } else {
        RecordCell::Unsupported(kind_of(v))
    }
}

/// The own symbol keys of an object, as text (`Symbol(x)`): they name no column, and the
/// core notes them as ignored keys.
fn symbol_keys(value: &JsValue) -> Vec<String> {
    let Ok(symbols) = try_own_symbols(value) else {
        return Vec::new();
    };
    symbols
        .iter()
        .filter_map(|s| {
            s.dyn_ref::<js_sys::Symbol>()
                .map(|s| String::from(s.to_string()))
        })
        .collect()
}

/// An array of objects → core [`Record`]s (keys in `Object.keys` order, then symbol keys)
/// → ctg-core's record reader, which applies every rule (keys, duplicates, unsupported
/// cells, items that are not objects, strict and lenient modes).
fn read_records_js<S: Scope>(
    scope: S,
    items: &JsValue,
    ingest: &IngestOptions,
) -> Result<S::Read, ObservationError> {
    let unreadable = || whole_input(ObservationErrorKind::Unreadable(Unreadable::Array));
    let length = Reflect::get(items, &JsValue::from_str("length"))
        .ok()
        .and_then(|l| l.as_f64())
        .ok_or_else(unreadable)?;
    let length = length.clamp(0.0, f64::from(u32::MAX)) as u32;
    let mut records: Vec<RecordItem> = Vec::new();
    for i in 0..length {
        let item = Reflect::get_u32(items, i).map_err(|_| unreadable())?;
        if !item.is_object() || is_array(&item) || item.is_function() {
            records.push(RecordItem::NotAnObject(kind_of(&item)));
            continue;
        }
        let Some(names) = keys(&item) else {
            records.push(RecordItem::NotAnObject(ValueKind::UnreadableObject));
            continue;
        };
        let mut record = Record::with_capacity(names.len());
        for key in names {
            let cell = match Reflect::get(&item, &JsValue::from_str(&key)) {
                Ok(v) => cell_of(&v),
                Err(_) => RecordCell::Unsupported(ValueKind::UnreadableProperty),
            };
            record.push(key, cell);
        }
        for key in symbol_keys(&item) {
            record.push(key, RecordCell::Null);
        }
        records.push(RecordItem::Record(record));
    }
    scope.records(records, ingest)
}
