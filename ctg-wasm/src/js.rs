//! The wasm-bindgen glue: JS values in, ctg-core calls, plain JS objects (or thrown
//! `CtgError`s) out. No panics: every failure becomes a thrown JS error, so that a bad
//! input never traps (and so never poisons) the module instance.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use ctg_core::eval::{evaluate, EvalOptions};
use ctg_core::io::{
    read_auto, read_rows, IngestOptions, ObservationError, ObservationErrorKind, ObservationIssue,
    Observations, RawRow, Unreadable, ValueKind,
};
use ctg_core::model::{Plan, PlanError};
use ctg_core::problem::{render_list, Problem, ERROR_LANG, SHOWN_PROBLEMS};
use ctg_core::target::TargetError;
use ctg_core::Lang;
use js_sys::{Array, ArrayBuffer, Date, Object, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::convert::{ignored_notes, not_an_object, parse_as_of, utf16_index, Cell, RowBuilder};

type JsResult<T> = Result<T, JsValue>;

/// A Rust value as a plain JS value, exactly as `JSON.parse(serde_json::to_string(v))`
/// would build it (`null` for `None`, plain objects, numbers).
fn to_js<T: Serialize + ?Sized>(value: &T) -> JsResult<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            new_error(
                "internal",
                "internal_error",
                &format!("cannot convert a result to JS: {e}"),
            )
            .into()
        })
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
/// string indices (UTF-16 code units), as `span` is everywhere in the package.
fn problems_js(problems: &[Problem]) -> JsValue {
    let out = Array::new();
    for p in problems {
        let v = to_js(p).unwrap_or_else(|_| Object::new().into());
        if let (Some(span), Some(input)) = (p.span, &p.input) {
            set(&v, "span", &utf16_span(input, span.start, span.end));
        }
        out.push(&v);
    }
    out.into()
}

fn utf16_span(input: &str, start: usize, end: usize) -> JsValue {
    let o: JsValue = Object::new().into();
    set(
        &o,
        "start",
        &JsValue::from_f64(utf16_index(input, start) as f64),
    );
    set(
        &o,
        "end",
        &JsValue::from_f64(utf16_index(input, end) as f64),
    );
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
    set(
        &o,
        "span",
        &utf16_span(&err.input, err.span.start, err.span.end),
    );
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
    /// The options of `Plan.evaluate` (typed in the `.d.ts`; checked by [`read_options`]).
    #[wasm_bindgen(typescript_type = "EvaluateOptions")]
    pub type EvaluateOptions;

    // Calls that a hostile input (a Proxy) can make throw: caught, so that no JS exception
    // unwinds through Rust frames.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn try_is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn try_keys(value: &JsValue) -> Result<Array, JsValue>;
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

/// A ctg plan (`Plan.sundgau()`, `Plan.fromToml(text)`, `Plan.fromJson(text)`).
#[wasm_bindgen(js_name = Plan)]
#[derive(Debug)]
pub struct JsPlan {
    inner: Plan,
}

#[wasm_bindgen(js_class = Plan)]
impl JsPlan {
    /// The bundled Sundgau plan 2025-2029 (3 axes, 12 fiches, 25 indicators).
    pub fn sundgau() -> JsResult<JsPlan> {
        ctg_core::plans::sundgau()
            .map(|inner| JsPlan { inner })
            .map_err(|e| plan_error(&e, ERROR_LANG))
    }

    /// Load and validate a plan written in TOML; throws a `PlanLoadError` listing every
    /// problem, its texts in `lang` (`"fr"` or `"en"`; English when it is not given).
    #[wasm_bindgen(js_name = fromToml)]
    pub fn from_toml(text: &str, lang: Option<String>) -> JsResult<JsPlan> {
        let lang = error_lang(lang)?;
        Plan::from_toml(text)
            .map(|inner| JsPlan { inner })
            .map_err(|e| plan_error(&e, lang))
    }

    /// Load and validate a plan written in JSON (the same model as TOML); errors as
    /// `fromToml`.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str, lang: Option<String>) -> JsResult<JsPlan> {
        let lang = error_lang(lang)?;
        Plan::from_json(text)
            .map(|inner| JsPlan { inner })
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

    /// Evaluate the plan against observations: CSV or JSON text (French Excel flavour
    /// included), the file's bytes (`Uint8Array`/`ArrayBuffer`, for Windows-1252 files),
    /// or an array of objects keyed by column names (`indicateur`/`indicator`, `date`,
    /// `valeur`/`value`…). Throws an `ObservationsError` (strict mode) or an `OptionsError`.
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ObservationsInput")] observations: JsValue,
        options: Option<EvaluateOptions>,
    ) -> JsResult<JsValue> {
        let opts = read_options(options.as_ref().map(AsRef::as_ref))?;
        let ingest = IngestOptions {
            lenient: opts.lenient,
        };
        let obs = read_observations(&self.inner, &observations, &ingest)
            .map_err(|e| observation_error(&e, opts.lang))?;
        let ev = evaluate(
            &self.inner,
            &obs,
            &EvalOptions {
                as_of: opts.as_of,
                lang: opts.lang,
                ..Default::default()
            },
        );
        to_js(&ev)
    }
}

/// Parse a target expression (`> 200`, `+20%`, `entre 10 et 20`, `réalisé d'ici 2027`…);
/// throws a `TargetParseError` with the `span` of the culprit, its texts in `lang` (`"fr"`
/// or `"en"`; English when it is not given).
#[wasm_bindgen(js_name = parseTarget, unchecked_return_type = "Target")]
pub fn parse_target(text: &str, lang: Option<String>) -> JsResult<JsValue> {
    let lang = error_lang(lang)?;
    match ctg_core::target::parse(text) {
        Ok(t) => to_js(&t),
        Err(e) => Err(target_error(&e, lang)),
    }
}

/// Every status with its label in `lang` (`"fr"`, the default, or `"en"`), icon, colours
/// (`colour` of the chip, readable `ink` on it, `fill` in charts) and score, best to worst
/// then the unscored ones: the table a dashboard draws its chips and legends from.
#[wasm_bindgen(unchecked_return_type = "StatusInfo[]")]
pub fn statuses(lang: Option<String>) -> JsResult<JsValue> {
    let lang = match lang.as_deref() {
        None => Lang::default(),
        Some(text) => text
            .parse::<Lang>()
            .map_err(|e| option_error(format!("`lang`: {e}")))?,
    };
    to_js(&ctg_core::eval::statuses(lang))
}

/// The status a score (0..=1) is drawn as in gauges (`achieved` from 0.75, `on_track` from
/// 0.5, `at_risk` from 0.25, else `not_achieved`).
#[wasm_bindgen(js_name = scoreStatus, unchecked_return_type = "Status")]
pub fn score_status(score: f64) -> JsValue {
    JsValue::from_str(ctg_core::eval::score_status(score).code())
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
}

const OPTION_NAMES: [&str; 3] = ["asOf", "lang", "strict"];

fn read_options(value: Option<&JsValue>) -> JsResult<Options> {
    let mut opts = Options {
        as_of: None,
        lang: Lang::default(),
        lenient: false,
    };
    let Some(value) = value.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(opts);
    };
    if !value.is_object() || is_array(value) {
        return Err(option_error(
            "the options must be an object `{ asOf, lang, strict }`".into(),
        ));
    }
    let get =
        |key: &str| Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    let Some(names) = keys(value) else {
        return Err(option_error("the options cannot be read".into()));
    };
    for key in names {
        if !OPTION_NAMES.contains(&key.as_str()) {
            return Err(option_error(format!(
                "unknown option `{key}` (expected `asOf`, `lang` or `strict`)"
            )));
        }
    }
    let as_of = get("asOf");
    if let Some(text) = as_of.as_string() {
        opts.as_of = Some(parse_as_of(&text).ok_or_else(|| {
            option_error(format!(
                "`asOf`: `{text}` is not a date (write 2026-12-31 or 31/12/2026)"
            ))
        })?);
    } else if let Some(d) = as_of.dyn_ref::<Date>() {
        opts.as_of =
            Some(date_of(d).ok_or_else(|| option_error("`asOf` is an invalid Date".into()))?);
    } else if !as_of.is_undefined() && !as_of.is_null() {
        return Err(option_error(
            "`asOf` must be a date string (2026-12-31) or a Date".into(),
        ));
    }
    let lang = get("lang");
    if let Some(text) = lang.as_string() {
        opts.lang = text
            .parse::<Lang>()
            .map_err(|e| option_error(format!("`lang`: {e}")))?;
    } else if !lang.is_undefined() && !lang.is_null() {
        return Err(option_error("`lang` must be \"fr\" or \"en\"".into()));
    }
    let strict = get("strict");
    if let Some(b) = strict.as_bool() {
        opts.lenient = !b;
    } else if !strict.is_undefined() && !strict.is_null() {
        return Err(option_error("`strict` must be true or false".into()));
    }
    Ok(opts)
}

/// The local calendar date of a JS `Date` (what a date picker shows).
fn date_of(d: &Date) -> Option<NaiveDate> {
    if try_get_time(d).ok()?.is_nan() {
        return None;
    }
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
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

fn read_observations(
    plan: &Plan,
    input: &JsValue,
    ingest: &IngestOptions,
) -> Result<Observations, ObservationError> {
    if let Some(text) = input.as_string() {
        read_auto(plan, text.as_bytes(), ingest)
    } else if input.is_instance_of::<Uint8Array>() || input.is_instance_of::<ArrayBuffer>() {
        let bytes = copy_bytes(input)
            .ok_or_else(|| whole_input(ObservationErrorKind::Unreadable(Unreadable::Bytes)))?;
        read_auto(plan, &bytes, ingest)
    } else if is_array(input) {
        read_records(plan, input, ingest)
    } else {
        Err(whole_input(ObservationErrorKind::WrongInput {
            found: kind_of(input),
        }))
    }
}

fn cell_of(v: &JsValue) -> Cell {
    if v.is_null() || v.is_undefined() {
        Cell::Empty
    } else if let Some(s) = v.as_string() {
        Cell::Text(s)
    } else if let Some(n) = v.as_f64() {
        Cell::Number(n)
    } else if let Some(b) = v.as_bool() {
        Cell::Bool(b)
    } else if let Some(d) = v.dyn_ref::<Date>() {
        Cell::Date(date_of(d).map(|n| (n.year(), n.month(), n.day())))
    } else if v.is_bigint() {
        Cell::BigInt(
            v.unchecked_ref::<js_sys::BigInt>()
                .to_string(10)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default(),
        )
    } else {
        Cell::Unsupported(kind_of(v))
    }
}

/// An array of objects → [`RawRow`]s → [`read_rows`]. Items that have no row form are
/// reported like ctg-core's JSON reader does: all problems at once in strict mode, skipped
/// rows in lenient mode.
fn read_records(
    plan: &Plan,
    items: &JsValue,
    ingest: &IngestOptions,
) -> Result<Observations, ObservationError> {
    let unreadable = || whole_input(ObservationErrorKind::Unreadable(Unreadable::Array));
    let length = Reflect::get(items, &JsValue::from_str("length"))
        .ok()
        .and_then(|l| l.as_f64())
        .ok_or_else(unreadable)?;
    let length = length.clamp(0.0, f64::from(u32::MAX)) as u32;
    let mut rows: Vec<RawRow> = Vec::new();
    let mut broken: Vec<ObservationIssue> = Vec::new();
    let mut ignored = BTreeSet::new();
    for i in 0..length {
        let row = i as usize + 1;
        let item = Reflect::get_u32(items, i).map_err(|_| unreadable())?;
        if !item.is_object() || is_array(&item) || item.is_function() {
            broken.push(not_an_object(row, kind_of(&item)));
            continue;
        }
        let Some(names) = keys(&item) else {
            broken.push(not_an_object(row, ValueKind::UnreadableObject));
            continue;
        };
        let mut builder = RowBuilder::new(row);
        let mut ok = true;
        for key in names {
            let cell = match Reflect::get(&item, &JsValue::from_str(&key)) {
                Ok(v) => cell_of(&v),
                Err(_) => Cell::Unsupported(ValueKind::UnreadableProperty),
            };
            if let Err(issue) = builder.cell(&key, cell, &mut ignored) {
                broken.push(*issue);
                ok = false;
            }
        }
        if ok {
            rows.push(builder.finish());
        }
    }
    let result = read_rows(plan, rows, ingest);
    let by_row = |issues: &mut Vec<ObservationIssue>| issues.sort_by_key(|i| i.row);
    match result {
        Ok(mut obs) => {
            if !broken.is_empty() {
                if !ingest.lenient {
                    return Err(ObservationError { issues: broken });
                }
                obs.skipped.append(&mut broken);
                by_row(&mut obs.skipped);
            }
            obs.notes.extend(ignored_notes(ignored));
            Ok(obs)
        }
        Err(mut err) => {
            err.issues.append(&mut broken);
            by_row(&mut err.issues);
            Err(err)
        }
    }
}
