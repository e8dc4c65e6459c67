// Excel both ways under node (the node build is the spreadsheet one): the round trip (the
// Sundgau entry workbook filled with openpyxl evaluates as the CSV of the same rows, as in
// Rust and Python), workbook problems at their cell, the sheet option, and the two
// workbooks ctg writes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ctg, expectCtgError, repo, readText } from "./support/ctg.mjs";

const { Plan, isWorkbook } = ctg;
const SHEETS = (...p) => readFileSync(repo("ctg-core", "tests", "corpus", "spreadsheets", ...p));
const AS_OF = { asOf: "31/12/2026" };

test("the filled entry workbook evaluates as the CSV of the same rows", () => {
  const plan = Plan.sundgau();
  const workbook = plan.evaluate(SHEETS("sundgau-grille-remplie.xlsx"), AS_OF);
  const csv = plan.evaluate(readText("examples", "sundgau", "observations.csv"), AS_OF);
  const rows = workbook.rows();
  assert.ok(rows.length > 25);
  assert.deepEqual(rows, csv.rows());
  assert.deepEqual(workbook.indicators, csv.indicators);
  assert.deepEqual([workbook.plan, workbook.fiches, workbook.axes], [csv.plan, csv.fiches, csv.axes]);
  assert.ok(workbook.diagnostics.notes.some((n) => n.startsWith("feuille « Saisie » lue")));
  // An ArrayBuffer reads the same.
  const bytes = SHEETS("sundgau-grille-remplie.xlsx");
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  assert.deepEqual(plan.evaluate(buffer, AS_OF).rows(), rows);
  plan.free();
});

test("the entry workbook and the results workbook are Uint8Arrays ctg reads back", () => {
  const plan = Plan.sundgau();
  const entry = plan.entryWorkbook();
  assert.ok(entry instanceof Uint8Array);
  assert.ok(isWorkbook(entry));
  assert.ok(!isWorkbook(new TextEncoder().encode("indicateur;date;valeur\n")));
  // An empty entry workbook is valid input: every indicator without data.
  const empty = plan.evaluate(entry, AS_OF);
  assert.equal(empty.diagnostics.used, 0);
  assert.ok(!empty.rows().some((r) => ["achieved", "not_achieved", "in_progress"].includes(r.status)));
  assert.notDeepEqual(plan.entryWorkbook("en"), entry);
  const ev = plan.evaluate(readText("examples", "sundgau", "observations.csv"), AS_OF);
  const results = ev.toExcel();
  assert.ok(results instanceof Uint8Array && isWorkbook(results));
  assert.deepEqual(ev.toExcel(), results, "the same evaluation gives the same bytes");
  // The reader opens it: its « Résultats » sheet is no observation sheet (no date column).
  const e = expectCtgError(() => plan.evaluate(results), { kind: "observations", code: "missing_column" });
  assert.deepEqual(e.problems[0].loc.slice(0, 2), ["sheet", "Résultats"]);
  expectCtgError(() => ev.toExcel({ lang: "de" }), { kind: "options" });
});

test("a workbook problem names its sheet and cell", () => {
  const plan = Plan.sundgau();
  const e = expectCtgError(() => plan.evaluate(SHEETS("bad", "date-dans-valeur.xlsx")), {
    kind: "observations",
    code: "type_error",
    row: 3,
  });
  assert.deepEqual([e.errors[0].sheet, e.errors[0].cell], ["Saisie", "C3"]);
  assert.deepEqual(e.problems[0].loc.slice(0, 4), ["sheet", "Saisie", "cell", "C3"]);
  assert.match(e.message, /feuille « Saisie », cellule C3 \[type_error\]/);
  const en = expectCtgError(() => plan.evaluate(SHEETS("bad", "date-dans-valeur.xlsx"), { lang: "en" }));
  assert.match(en.message, /sheet “Saisie”, cell C3 \[type_error\]/);
  expectCtgError(() => plan.evaluate(SHEETS("bad", "mot-de-passe.xlsx")), { code: "format_error" });
});

test("the sheet option", () => {
  const plan = Plan.sundgau();
  const bytes = SHEETS("bad", "feuille-inconnue.xlsx");
  assert.ok(plan.evaluate(bytes, { sheet: "SAISIE 2026" }).diagnostics.used > 0);
  const e = expectCtgError(() => plan.evaluate(bytes, { sheet: "Saisie 2027" }), { code: "unknown_sheet" });
  assert.match(e.message, /« Saisie 2026 »/);
  expectCtgError(() => plan.evaluate(bytes, { sheet: 2027 }), { kind: "options" });
});
