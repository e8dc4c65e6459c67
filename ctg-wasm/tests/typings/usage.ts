// Compiled with `tsc --noEmit --strict` (scripts/test-wasm.sh): the generated .d.ts must
// type every input and output precisely. `@ts-expect-error` lines prove that wrong uses
// are rejected (tsc fails if such a line compiles).
import init, {
  callJson,
  evaluateMany,
  Evaluation,
  Evaluations,
  importPlan,
  isCtgError,
  isWorkbook,
  parseTarget,
  Plan,
  resultColumns,
  type AxisScore,
  type CsvOptions,
  type CtgError,
  type EvaluateOptions,
  type EvaluationData,
  type EvaluationsData,
  type ImportedPlan,
  type IndicatorEvaluation,
  type ObservationIssue,
  type ObservationRecord,
  type PlanIssue,
  type PlanScoreRow,
  type Rollup,
  type ReportOptions,
  type ResultColumn,
  type ResultRow,
  type Problem,
  type Status,
  type Target,
  type WindowResult,
} from "../../pkg/ctg_wasm.js";

export async function main(csv: string, bytes: Uint8Array): Promise<string[]> {
  await init();
  const plan: Plan = Plan.sundgau();
  const options: EvaluateOptions = { asOf: "2026-12-31", lang: "fr", strict: false, explanations: true };
  const ev: Evaluation = plan.evaluate(csv, options);
  plan.evaluate(bytes);
  plan.evaluate(bytes.buffer as ArrayBuffer, { asOf: new Date(2026, 11, 31) });
  const rows: ObservationRecord[] = [{ indicateur: "f2.1", date: "31/12/2026", valeur: 240, note: null }];
  plan.evaluate(rows, { lang: "en" });

  const out: string[] = [plan.id, plan.title, plan.territory, String(plan.period.end), plan.toJson()];
  const again: Plan = Plan.fromJson(plan.toJson());
  Plan.fromToml("id = 'x'").free();

  const ind: IndicatorEvaluation = ev.indicators[0]!;
  const headline: WindowResult = ind.headline;
  const status: Status = headline.status;
  switch (status) {
    case "achieved":
    case "on_track":
    case "at_risk":
    case "not_achieved":
    case "no_data":
    case "not_evaluable":
    case "tracked":
      break;
    default: {
      const never: never = status;
      out.push(never);
    }
  }
  const value: number | null = headline.value;
  const achievement: number | null = headline.achievement;
  out.push(headline.start, headline.explanation, String(value), String(achievement));
  const axis: AxisScore = ev.axes[0]!;
  out.push(axis.title, String(axis.score ?? "—"), String(ev.plan.counts.at_risk));
  const rejected: ObservationIssue[] = ev.diagnostics.rejected;
  for (const r of rejected) out.push(`${r.row ?? "-"} ${r.column ?? "-"} ${r.code} ${r.message_fr}`);
  if (ind.target !== null && ind.target.kind.type === "compare") out.push(ind.target.kind.op);

  // The Evaluation class: its data, table and reports.
  if (!(ev instanceof Evaluation)) throw new Error("not an Evaluation");
  const data: EvaluationData = ev.toJSON();
  const same: EvaluationData = ev.data;
  out.push(data.plan_id, same.as_of, ev.as_of, ev.lang, String(ev.fictional));
  const report: ReportOptions = { lang: "en", fiches: [7], axes: null, suppressBelow: 5 };
  const csvOptions: CsvOptions = { ...report, flavour: "plain" };
  out.push(ev.toHtml(report), ev.toMarkdown(), ev.toCsv(csvOptions), ev.toCsv());
  // Workbooks (the spreadsheet module writes them; the main one throws a WorkbookError).
  const results: Uint8Array = ev.toExcel(report);
  const entry: Uint8Array = plan.entryWorkbook("en");
  const isBook: boolean = isWorkbook(entry);
  plan.evaluate(results, { sheet: "Saisie", lang: "fr" });
  out.push(String(isBook));
  const table: ResultRow[] = ev.rows({ headlines: true, lang: "en" });
  // Small-count suppression in the JSON text and the rows (issue 16).
  out.push(ev.toJson({ suppressBelow: 5, lang: "en" }), ev.toJson());
  out.push(String(ev.rows({ suppressBelow: 5 }).length));
  const row: ResultRow = table[0]!;
  const rowStatus: Status = row.status;
  const rowValue: number | null = row.value;
  const kind: "window" | "year_summary" = row.kind;
  out.push(rowStatus, String(rowValue), kind, row.start, row.explanation, String(row.territory ?? ""));
  const columns: ResultColumn[] = resultColumns("en");
  const firstColumn: keyof ResultRow = columns[0]!.name;
  out.push(firstColumn, columns[0]!.type);

  // Many plans.
  const evs: Evaluations = evaluateMany([plan, again], csv, { asOf: "2026-12-31", explanations: false });
  const at: Evaluation | undefined = evs.at(-1);
  const byId: Evaluation | undefined = evs.get("sundgau-2025-2029");
  const all: Evaluation[] = evs.evaluations;
  const scores: PlanScoreRow[] = evs.scores();
  const rollup: Rollup = evs.rollup;
  const rollupHtml: string = evs.toHtml({ lang: "en" });
  const rollupCsv: string = evs.toCsv({ flavour: "plain" });
  out.push(String(rollup.counts.achieved), String(rollup.as_of_range?.first), rollupHtml.slice(0, 1), rollupCsv.slice(0, 1));
  const text: string = evs.at(0)?.toText({ lang: "en" }) ?? "";
  const sentences: string[] = evs.at(0)?.explanations({ suppressBelow: 5 }) ?? [];
  const answer: string = callJson("statuses", '{"lang": "en"}');
  out.push(text.slice(0, 1), String(sentences.length), answer.slice(0, 1));
  const manyRows: ResultRow[] = evs.rows();
  const manyData: EvaluationsData = evs.toJSON();
  const skipped: ObservationIssue[] = evs.skipped;
  out.push(String(evs.length), evs.keys().join(","), String(at?.plan.score), String(byId?.plan_id), String(all.length));
  out.push(String(scores[0]?.score ?? "—"), String(manyRows.length), String(manyData.evaluations.length), String(skipped.length));

  const target: Target = parseTarget("> 200");
  if (target.kind.type === "milestone") out.push(String(target.kind.deadline?.year));

  try {
    Plan.fromToml("broken");
  } catch (e) {
    if (isCtgError(e)) {
      const err: CtgError = e;
      switch (err.kind) {
        case "plan": {
          const problem: Problem = err.problems[0]!;
          out.push(`${problem.code} ${problem.loc.join(".")} ${problem.line ?? ""} ${problem.lang}`);
          const first: PlanIssue = err.errors[0]!;
          out.push(`${err.code} ${err.line ?? ""}:${err.column ?? ""} ${first.location.fiche ?? ""}`);
          if (first.target) out.push(String(first.target.span.start));
          break;
        }
        case "target":
          out.push(err.input.slice(err.span.start, err.span.end), err.rendered);
          break;
        case "observations":
          out.push(`${err.code} ${err.row ?? ""} ${err.column ?? ""} ${err.errors.length}`);
          out.push(err.problems.map((p) => `${p.row ?? ""} ${p.message} ${p.hint ?? ""}`).join("\n"));
          break;
        case "options":
          out.push(err.errors[0].message);
          break;
        case "import":
          out.push(`${err.code} ${err.problems.map((p) => p.message).join("\n")}`);
          break;
      }
    }
  }

  const imported: ImportedPlan = importPlan("FICHE D'ACTION N°1\n\nAGIR\n", "en");
  const importedPlan: Plan = imported.plan;
  out.push(importedPlan.id, imported.toml, imported.checklist);
  out.push(imported.findings.map((f) => `${f.severity} ${f.code} ${f.loc.join(".")}`).join("\n"));
  out.push(importPlan(new Uint8Array([80, 75, 3, 4])).toml, importPlan(new ArrayBuffer(0)).toml);
  // @ts-expect-error: a document is text or bytes
  importPlan(42);

  // @ts-expect-error: a status is one of seven codes
  const wrong: Status = "done";
  // @ts-expect-error: unknown option
  plan.evaluate(csv, { asof: "2026-12-31" });
  // @ts-expect-error: lang is "fr" or "en"
  plan.evaluate(csv, { lang: "de" });
  // @ts-expect-error: observations are text, bytes or records
  plan.evaluate(42);
  // @ts-expect-error: evaluation fields are typed (no such field)
  out.push(ev.score);
  // @ts-expect-error: value may be null
  const n: number = headline.value;
  // @ts-expect-error: no such CSV flavour
  ev.toCsv({ flavour: "excel" });
  // @ts-expect-error: the flavour is a CSV option only
  ev.toHtml({ flavour: "plain" });
  // @ts-expect-error: the JSON text takes suppressBelow, not suppress
  ev.toJson({ suppress: 5 });
  // @ts-expect-error: fiches are numbers
  ev.toMarkdown({ fiches: ["7"] });
  // @ts-expect-error: a row's kind is a code, not a number
  const k: number = row.kind;
  // @ts-expect-error: evaluateMany takes an array of plans
  evaluateMany(plan, csv);
  // @ts-expect-error: the data is not the class (no toHtml on plain data)
  data.toHtml();
  again.free();
  out.push(String(k));
  out.push(wrong, String(n));
  return out;
}
