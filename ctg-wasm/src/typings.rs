//! The TypeScript interfaces of every value that crosses the boundary, appended to the
//! generated `.d.ts`. Data objects mirror ctg-core's serde output field for field
//! (snake_case keys), so that an evaluation's data equals `JSON.parse(report::render_json(..))` (the
//! language-neutral data plus its texts — `explanation`, `target_text`, notes — in the asked
//! language);
//! `ResultRow` is ctg-core's results schema (`report::table::COLUMNS`), checked column by
//! column by `ctg-core/tests/schema_docs.rs`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A date as `YYYY-MM-DD`. */
export type IsoDate = `${number}-${number}-${number}`;
/** The language of explanations and messages (French by default). */
export type Lang = "fr" | "en";

// ---- Inputs ---------------------------------------------------------------------------

/** One cell of an observation object: text as in a CSV cell, a number, a boolean
 * (milestones), a `Date` (its calendar day in the runtime's zone, except that an instant at
 * exactly midnight UTC is that UTC day: `new Date("2026-03-31")` and `new Date(2026, 2, 31)`
 * both mean 31/03/2026 everywhere), or empty (`null`/`undefined`). */
export type CellValue = string | number | boolean | bigint | Date | null | undefined;
/** One observation, keyed by column names as CSV headers are (English or French, case-
 * and accent-insensitive): `indicator`/`indicateur`, `date`, `value`/`valeur`,
 * `participant`, `denominator`/`dénominateur`, `commune`, `comment`/`commentaire`.
 * Other keys are ignored with a note. */
export interface ObservationRecord {
  [column: string]: CellValue;
}
/** CSV or JSON text, the bytes of a file (UTF-8 or Windows-1252), or an array of
 * observation objects (numbered from 1). */
export type ObservationsInput = string | Uint8Array | ArrayBuffer | readonly ObservationRecord[];
/** Options of `Plan.evaluate`. */
export interface EvaluateOptions {
  /** The evaluation date (`2026-12-31`, `31/12/2026` or a `Date`, read as a cell's `Date`
   * is); default: the latest observation's date. */
  asOf?: string | Date | null;
  /** Language of explanations and error messages; default `"fr"`. */
  lang?: Lang | null;
  /** `true` (default): any bad row throws an `ObservationsError` listing every problem.
   * `false`: bad rows are skipped and listed in `diagnostics.rejected`. */
  strict?: boolean | null;
  /** `true` (default): each result's `explanation` sentence is written in the data;
   * `false`: left empty (faster for roll-ups of many plans). `rows()` and the reports
   * write their own. */
  explanations?: boolean | null;
  /** A workbook's sheet to read, by name (default: the first sheet with an observation
   * header). Only the spreadsheet module (`ctg_wasm_xlsx.js`) reads workbooks. */
  sheet?: string | null;
  /** The limits of the read and the evaluation (ctg-core's `Limits`, keyed as in every
   * runtime); the others at their default. Past one, an `ObservationsError` with the
   * code `limit_exceeded`; an unknown key is an `OptionsError`. */
  limits?: Limits | null;
}
/** `limits` of `Plan.evaluate` and `evaluateMany` (ctg-core's `Limits`). */
export interface Limits {
  /** The largest input, in bytes; default 5 GiB. */
  max_input_bytes?: number;
  /** The most rows (good and bad); default 120,000,000. */
  max_rows?: number;
  /** The most columns of a header; default 16,384. */
  max_columns?: number;
  /** The longest indicator, territory or participant id, in characters; default 200. */
  max_id_chars?: number;
  /** The most windows per evaluation; default 500,000. */
  max_windows?: number;
  /** The most problems kept per input, the rest counted in a last one; default 1,000. */
  max_issues?: number;
  /** An echoed cell is cut past this many characters; default 40. */
  max_echo_chars?: number;
}
/** Options of `evaluation.toHtml()`, `toMarkdown()`, `toText()` and `explanations()`. */
export interface ReportOptions {
  /** Language of the report; default: the evaluation's (`lang` of `evaluate`). */
  lang?: Lang | null;
  /** Only these fiches (numbers); default: all. */
  fiches?: readonly number[] | null;
  /** Only these axes (numbers); default: all. */
  axes?: readonly number[] | null;
  /** Small-count suppression for published reports: counts below this threshold are shown
   * as `< n`, and what would reveal them is left out. */
  suppressBelow?: number | null;
}
/** Options of `evaluation.toJson()`. */
export interface JsonOptions {
  /** Language of the texts; default: the evaluation's. */
  lang?: Lang | null;
  /** Small-count suppression, as in the published reports: a count below this threshold
   * is `null` with what would reveal it, and its result says `suppressed: true`. */
  suppressBelow?: number | null;
}
/** `"french"`: French Excel (`;`, decimal comma, French headers and dates, UTF-8 BOM);
 * `"plain"`: scripts (`,`, decimal point, English headers, ISO dates). */
export type CsvFlavour = "fr" | "french" | "plain";
/** Options of `evaluation.toCsv()`. */
export interface CsvOptions extends ReportOptions {
  /** Default `"french"`. */
  flavour?: CsvFlavour | null;
}
/** Options of `rows()`. */
export interface RowsOptions {
  /** Language of the texts (target, explanation); default: the evaluation's. */
  lang?: Lang | null;
  /** `true`: the headline row of each indicator only. */
  headlines?: boolean | null;
  /** Small-count suppression, as in the published CSV: in a row whose count is below this
   * threshold, the cells that would reveal it are `null`. */
  suppressBelow?: number | null;
}

// ---- Plan and targets -----------------------------------------------------------------

export interface PlanPeriod {
  start: number;
  /** Last year, inclusive. */
  end: number;
}
export type Measure = "count" | "distinct_count" | "ratio" | "stock" | "milestone" | "score" | "qualitative";
export type Aggregation = "sum" | "distinct" | "last" | "mean" | "min" | "max" | "ratio" | "first_done" | "latest";
/** An evaluation window: ISO week (Monday–Sunday, in the ISO year of its Thursday),
 * calendar month, quarter, half-year, year, or the whole plan. */
export type WindowKind = "week" | "month" | "quarter" | "half_year" | "year" | "plan";
export type Direction = "increasing" | "decreasing";
export type Comparator = "gt" | "ge" | "lt" | "le" | "eq";
export interface Deadline {
  relation: "before" | "by" | "in";
  year: number;
}
/** One listed year of a schedule and its level. */
export interface ScheduleStep {
  year: number;
  value: number;
}
export type TargetKind =
  | { type: "compare"; op: Comparator; value: number; percent: boolean; deadline?: Deadline }
  | { type: "range"; low: number; high: number; percent: boolean; deadline?: Deadline }
  | { type: "relative"; percent: number; baseline_year?: number; deadline?: Deadline }
  | { type: "points"; points: number; baseline_year?: number; deadline?: Deadline }
  | { type: "milestone"; deadline?: Deadline }
  /** Per-year levels (`20 en 2026, 30 en 2028`); `op` absent when not written. */
  | { type: "schedule"; op?: Comparator; steps: ScheduleStep[]; percent: boolean };
/** A parsed target (`> 200`, `+20%`, `entre 10 et 20`, `réalisé d'ici 2027`). */
export interface Target {
  kind: TargetKind;
  /** The period suffix (`/an`, `/mois`, `sur la durée de la convention`), which fixes the window. */
  per?: "week" | "month" | "quarter" | "half_year" | "year" | "plan";
  /** The unit, as written (`COPIL`, `places`, `places pour 100 enfants`). */
  unit?: string;
  /** What a change applies to, as written (`des vacances de postes`). */
  subject?: string;
}

// ---- Evaluation data (equal to JSON.parse(report::render_json(..)) in Rust) ------------

export type Status = "achieved" | "on_track" | "at_risk" | "not_achieved" | "no_data" | "not_evaluable" | "tracked";
/** How a status looks and scores (`statuses()`), from ctg-core. */
export interface StatusInfo {
  code: Status;
  /** In the asked language. */
  label: string;
  icon: string;
  /** Background of its chip (CSS hex). */
  colour: string;
  /** Text colour readable on `colour`. */
  ink: string;
  /** Fill in charts and gauges. */
  fill: string;
  /** Score in roll-ups; `null` when left out. */
  score: number | null;
}
export type ResultKind = "window" | "year_summary";
export type WindowState = "closed" | "open";
export type Reason = "no_observation" | "not_started" | "baseline_missing" | "baseline_zero" | "denominator_zero" | "not_yet_due" | "overflow";
/** Where a year's level comes from. */
export type TargetBasis =
  | { type: "listed" }
  | { type: "interpolated"; from: ScheduleStep; to: ScheduleStep }
  | { type: "kept"; from: ScheduleStep }
  | { type: "trajectory"; baseline_year: number; baseline: number; to: ScheduleStep };
/** The level a window is judged against when the target depends on the year. */
export interface YearTarget {
  year: number;
  op: Comparator;
  value: number;
  percent: boolean;
  basis: TargetBasis;
  /** The comparator is a reading (a schedule written without one). */
  comparator_inferred: boolean;
}
export type Assessment = "achieved" | "partial" | "not_achieved";
export type BaselineSource = "given" | "observed";
export interface Coverage {
  with_data: number;
  total: number;
}
export interface BaselineValue {
  year: number;
  value: number | null;
  source: BaselineSource;
}
/** The result of one indicator in one window, or one yearly summary. */
export interface WindowResult {
  axis: number;
  fiche: number;
  indicator: string;
  label: string;
  kind: ResultKind;
  window: WindowKind;
  start: IsoDate;
  end: IsoDate;
  state: WindowState;
  observations: number;
  value: number | null;
  done_on: IsoDate | null;
  assessment: Assessment | null;
  comment: string | null;
  baseline: number | null;
  change: number | null;
  expected: number | null;
  projection: number | null;
  coverage: Coverage | null;
  /** Deadlines and schedules: the year's level. */
  year_target: YearTarget | null;
  status: Status;
  /** Taux de réalisation (1 = 100 %). */
  achievement: number | null;
  reason: Reason | null;
  /** One sentence in the evaluation's language. */
  explanation: string;
}
export interface IndicatorEvaluation {
  axis: number;
  fiche: number;
  id: string;
  label: string;
  measure: Measure;
  aggregation: Aggregation;
  window: WindowKind;
  direction: Direction;
  unit: string | null;
  target: Target | null;
  target_text: string | null;
  baseline: BaselineValue | null;
  weight: number;
  windows: WindowResult[];
  yearly: WindowResult[];
  headline: WindowResult;
}
export interface StatusCounts {
  achieved: number;
  on_track: number;
  at_risk: number;
  not_achieved: number;
  no_data: number;
  not_evaluable: number;
  tracked: number;
}
export interface FicheScore {
  fiche: number;
  axis: number;
  title: string;
  /** The fiche's objective (*objectif de l'action*). */
  objective: string;
  /** 0..1, `null` when no indicator is scored. */
  score: number | null;
  counts: StatusCounts;
}
export interface AxisScore {
  axis: number;
  title: string;
  score: number | null;
  fiches_scored: number;
  fiches: number;
  counts: StatusCounts;
}
export interface PlanScore {
  score: number | null;
  counts: StatusCounts;
}
export type ObservationErrorCode =
  | "encoding_error" | "format_error" | "missing_column" | "duplicate_column"
  | "missing_cell" | "unknown_indicator" | "unknown_territory" | "type_error"
  | "constraint_error" | "unknown_sheet" | "limit_exceeded" | "duplicate_key"
  | "date_out_of_range";
/** One problem of an observation input. */
export interface ObservationIssue {
  code: ObservationErrorCode;
  /** 1-based (the CSV header is row 1; array items count from 1); `null` for the whole input. */
  row: number | null;
  /** The column as written in the input (`valeur`), else its canonical name. */
  column: string | null;
  message: string;
  message_fr: string;
  hint: string | null;
  hint_fr: string | null;
  /** In a workbook: the sheet (then `row` is the sheet's row number)… */
  sheet?: string;
  /** …and the cell as Excel shows it (`C12`), `null` for a problem of a whole row or sheet. */
  cell?: string | null;
}
export interface Diagnostics {
  used: number;
  outside_period: number;
  after_as_of: number;
  /** Rows skipped in lenient mode (`strict: false`). */
  rejected: ObservationIssue[];
  /** Observations of indicators the plan does not have, ignored. */
  not_in_plan: number;
  /** The input's notes (its comment lines by row number, never their text; how it was decoded; ignored columns
   * and keys by position, never by name) and the evaluation's, rendered by ctg-core in the evaluation's language
   * (`lang`). */
  notes: string[];
}
/** An evaluation as plain data (`evaluation.toJSON()`, `evaluation.data`). */
export interface EvaluationData {
  plan_id: string;
  plan_title: string;
  territory: string;
  period: PlanPeriod;
  as_of: IsoDate;
  as_of_given: boolean;
  lang: Lang;
  fictional: boolean;
  indicators: IndicatorEvaluation[];
  fiches: FicheScore[];
  axes: AxisScore[];
  plan: PlanScore;
  diagnostics: Diagnostics;
}

/** `evaluations.toJSON()`. */
export interface EvaluationsData {
  evaluations: EvaluationData[];
  skipped: ObservationIssue[];
}
/** One plan's roll-up (`evaluations.scores()`). */
export interface PlanScoreRow {
  plan_id: string;
  territory: string;
  as_of: IsoDate;
  /** Whether this plan's observations declared themselves fictional. */
  fictional: boolean;
  /** 0..1, `null` when nothing is scored. */
  score: number | null;
  counts: StatusCounts;
}
/** The roll-up over many plans (ctg-core's `eval::Rollup`). */
export interface Rollup {
  plans: number;
  /** The date every plan shares, `null` when they differ. */
  as_of: IsoDate | null;
  /** The earliest and latest evaluation dates, `null` without plans. */
  as_of_range: { first: IsoDate; last: IsoDate } | null;
  fictional: boolean;
  /** Headline status counts summed over every plan. */
  counts: StatusCounts;
  /** Rows left out because their territory names no plan (lenient mode). */
  skipped: number;
  rows: PlanScoreRow[];
}

// ---- The results table (ctg-core's `report::table`; checked by ctg-core/tests/schema_docs.rs)

/** One row of `rows()`: an indicator's result in one window, or a yearly summary. */
export interface ResultRow {
  /** The row's plan (its id), when the table holds several plans. */
  territory?: string;
  /** Axis number. */
  axis: number;
  /** Action sheet (fiche) number. */
  fiche: number;
  /** Indicator id. */
  indicator: string;
  /** Indicator label. */
  label: string;
  /** A window (`window`) or the yearly summary of shorter windows (`year_summary`). */
  kind: ResultKind;
  /** The window's kind (ISO week, month, quarter, half-year, year, plan); `year` for a yearly summary. */
  window: WindowKind;
  /** First day of the window. */
  start: IsoDate;
  /** Last day of the window. */
  end: IsoDate;
  /** `closed`: ended on or before the evaluation date; `open`: under way. */
  state: WindowState;
  /** Number of observations used. */
  observations: number;
  /** The window's aggregated value (1 or 0 for a milestone); empty without data. */
  value: number | null;
  /** The indicator's unit, else its target's. */
  unit: string | null;
  /** The target, written in the table's language; empty without a target. */
  target: string | null;
  /** The level to reach in the window: the threshold, the year's level or the trajectory's value. */
  expected: number | null;
  /** The baseline used (relative targets, trajectories). */
  baseline: number | null;
  /** The change from the baseline: a fraction (0.2 = +20 %), or points for a point target. */
  change: number | null;
  /** Open window of an additive aggregation: the value projected to the window's end. */
  projection: number | null;
  /** The status (best to worst, then those left out of scores). */
  status: Status;
  /** How much of the target is achieved (1 = 100 %). */
  achievement: number | null;
  /** Why there is no value or no judgement; empty otherwise. */
  reason: Reason | null;
  /** Milestone: the date it was done. */
  done_on: IsoDate | null;
  /** Qualitative indicator: the latest assessment. */
  assessment: Assessment | null;
  /** Qualitative indicator: the comment of the latest assessment. */
  comment: string | null;
  /** Yearly summary: the number of windows with data. */
  coverage_with_data: number | null;
  /** Yearly summary: the number of windows elapsed in the year. */
  coverage_total: number | null;
  /** True for the indicator's headline result (the one scored). */
  headline: boolean;
  /** One sentence explaining the result, in the table's language (empty when explanations are off). */
  explanation: string;
}
/** A column of the results table (`resultColumns()`). */
export interface ResultColumn {
  name: keyof ResultRow;
  /** The name in the asked language (the French CSV's header). */
  header: string;
  type: "int" | "float" | "date" | "bool" | "text" | "code" | "status";
  /** The values of a code or a status, in order. */
  values: string[];
  nullable: boolean;
  /** What it holds, in the asked language. */
  meaning: string;
}

// ---- Errors (thrown as `Error` objects named "CtgError") -------------------------------

export type PlanErrorCode =
  | "io_error" | "syntax_error" | "schema_error" | "invalid_target" | "duplicate_axis"
  | "duplicate_fiche" | "duplicate_indicator" | "unknown_axis" | "invalid_id" | "empty_field"
  | "invalid_period" | "outside_period" | "incompatible_target" | "incompatible_aggregation"
  | "window_conflict" | "missing_baseline" | "baseline_conflict" | "invalid_number"
  | "serialize_error" | "duplicate_key" | "unknown_field" | "impossible_target"
  /** `Plan.fromToml` in the main module, which reads JSON plans only. */
  | "toml_unsupported";
export type TargetErrorCode =
  | "empty" | "invalid_character" | "expected_number" | "invalid_number" | "number_out_of_range"
  | "unexpected_token" | "trailing_input" | "missing_percent" | "unexpected_sign"
  | "invalid_range" | "expected_year" | "invalid_year" | "expected_period" | "unknown_period"
  | "suffix_not_allowed" | "unbalanced_parenthesis" | "invalid_schedule" | "qualitative_wording"
  | "impossible_target";
/** A range of JS string indices (UTF-16 code units): `input.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}
export interface TargetErrorDetails {
  code: TargetErrorCode;
  message: string;
  span: Span;
  expected: string | null;
  hint: string | null;
  /** The whole target text. */
  input: string;
  /** The text under `span`. */
  snippet: string;
  /** Several lines, with carets under the culprit. */
  rendered: string;
}
export interface PlanLocation {
  axis?: number;
  fiche?: number;
  indicator?: string;
  field?: string;
  /** 1-based line in the source. */
  line?: number;
  /** 1-based column in the source, in characters. */
  column?: number;
}
export interface PlanIssue {
  code: PlanErrorCode;
  message: string;
  message_fr: string;
  location: PlanLocation;
  hint?: string;
  hint_fr?: string;
  /** For `invalid_target`: the target parser's error. */
  target?: TargetErrorDetails;
}
export type ProblemKind = "plan" | "target" | "observation" | "import" | "call";
export type Severity = "error" | "warning" | "interpretation" | "not_understood";
/** One problem in one language: the core's shape (`ctg_core::problem::Problem`), the same
 * in every runtime. Every key is present (`null` when unknown). */
export interface Problem {
  /** Stable snake_case code. */
  code: string;
  kind: ProblemKind;
  severity: Severity;
  /** Where, as a path: `["fiches", 3, "indicators", "f3.1", "target"]`, `["row", 12, "date"]`. */
  loc: (string | number)[];
  /** 1-based line in a plan's source. */
  line: number | null;
  /** 1-based column in a plan's source, in characters. */
  column: number | null;
  /** 1-based row of an observation. */
  row: number | null;
  /** The culprit in `input`, in JS string indices. */
  span: Span | null;
  message: string;
  hint: string | null;
  expected: string | null;
  /** The text at fault, when it is safe to show (never a participant id). */
  input: string | null;
  /** The language of `message`, `hint` and `expected`. */
  lang: "fr" | "en";
}
interface CtgErrorBase extends Error {
  name: "CtgError";
}
/** `Plan.fromToml` / `Plan.fromJson`: every problem of the plan. */
export interface PlanLoadError extends CtgErrorBase {
  kind: "plan";
  /** The first problem's code. */
  code: PlanErrorCode;
  line: number | null;
  column: number | null;
  location: PlanLocation;
  errors: PlanIssue[];
  /** Every problem, in the language of the call. */
  problems: Problem[];
}
/** `parseTarget`: the first problem of a target. */
export interface TargetParseError extends CtgErrorBase, Omit<TargetErrorDetails, "message"> {
  kind: "target";
  code: TargetErrorCode;
  errors: [TargetErrorDetails];
  problems: [Problem];
}
/** `plan.evaluate` in strict mode: every problem of the observations (or of the whole input). */
export interface ObservationsError extends CtgErrorBase {
  kind: "observations";
  /** The first problem's code. */
  code: ObservationErrorCode;
  row: number | null;
  column: string | null;
  errors: ObservationIssue[];
  /** Every problem, in the evaluation's language (`loc` is `["row", row, column]`;
   * `["sheet", name, "cell", "C12", "row", row, column]` in a workbook). */
  problems: Problem[];
}
/** `plan.evaluate`, `evaluateMany`, reports, `rows()`: options of the wrong type, or unknown;
 * `evaluateMany`: `plans` not an array of live `Plan` objects. */
export interface OptionsError extends CtgErrorBase {
  kind: "options";
  code: "invalid_option";
  errors: [{ code: "invalid_option"; message: string }];
}
/** `importPlan`: bytes that are not a readable .docx, or (`import_unsupported`) the main
 * module, which imports no plan documents, was called: load `ctg_wasm_xlsx.js`. */
export interface ImportError extends CtgErrorBase {
  kind: "import";
  code: "not_a_docx" | "docx_too_large" | "unreadable_docx" | "invalid_docx_xml" | "docx_too_deep"
    | "import_unsupported";
  /** The problem, in the language of the call (`errors` is the same array). */
  errors: Problem[];
  problems: Problem[];
}
/** `plan.entryWorkbook()`, `evaluation.toExcel()`: the workbook could not be written, or
 * (`spreadsheet_unsupported`) the main module, which writes no workbook, was called: load
 * `ctg_wasm_xlsx.js`. */
export interface WorkbookError extends CtgErrorBase {
  kind: "workbook";
  code: "workbook_failed" | "spreadsheet_unsupported";
  errors: [Problem];
  problems: [Problem];
}
/** `pseudonymise`: a key under 16 bytes (`invalid_key`), no participant column
 * (`missing_column`), JSON or a workbook (`format_error`: export it as CSV), or the input's
 * own problem (`encoding_error`…). */
export interface PseudonymiseError extends CtgErrorBase {
  kind: "pseudonymise";
  code: string;
  errors: Problem[];
  problems: Problem[];
}
export type CtgError =
  | PlanLoadError | TargetParseError | ObservationsError | OptionsError | ImportError
  | WorkbookError | PseudonymiseError;

// ---- Importing a plan document (`importPlan`) -------------------------------------------

/** What `importPlan` returns. */
export interface ImportedPlan {
  /** The imported plan. */
  plan: Plan;
  /** Every reading the document does not state, every missing heading and every text not
   * understood, as problems of kind `import` (severity `interpretation`, `warning` or
   * `not_understood`), in the language of the call. */
  findings: Problem[];
  /** The plan as a TOML file to review: every interpretation as a comment beside its field;
   * `Plan.fromToml` reads it back to the same plan. */
  toml: string;
  /** The findings as a Markdown checklist, grouped by severity. */
  checklist: string;
}
"#;
