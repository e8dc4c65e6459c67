// The privacy sweep (issue 16) in JavaScript: distinctive participant-like ids
// (`SECRET_ID_<n>`, one per place) planted in every column of CSV (`;` and `,`), JSON text,
// arrays of objects, comment lines, header cells, the territory column and `evaluateMany`;
// every output searched for them: the CtgError's message, errors, problems and JSON; notes,
// diagnostics, skipped rows, rows(), toJSON(), toJson(), the HTML, Markdown, CSV and text
// reports. (Workbook inputs and the results workbook's XML are swept by the Rust and Python
// tests: the core writes them.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { ctg } from "./support/ctg.mjs";

const { Plan, evaluateMany } = ctg;
const plan = Plan.sundgau();
const SECRET = "SECRET_ID";

function errorOutputs(fn) {
  try {
    fn();
  } catch (e) {
    return [String(e), e.message, JSON.stringify(e.errors), JSON.stringify(e.problems), JSON.stringify(e)];
  }
  assert.fail("expected a CtgError");
}

function evaluationOutputs(ev) {
  const out = [JSON.stringify(ev), JSON.stringify(ev.data), JSON.stringify(ev.rows()), ev.toJson()];
  for (const lang of ["fr", "en"]) {
    out.push(ev.toHtml({ lang }), ev.toMarkdown({ lang }), ev.toCsv({ lang }), ev.toText({ lang }));
    out.push(JSON.stringify(ev.explanations({ lang })), ev.toJson({ lang }));
  }
  return out;
}

function assertClean(name, outputs) {
  for (const o of outputs) {
    const at = o.indexOf(SECRET);
    assert.ok(at < 0, `${name}: a planted id leaks: …${o.slice(Math.max(0, at - 80), at + 40)}…`);
  }
}

function sweep(name, source) {
  const outputs = errorOutputs(() => plan.evaluate(source));
  const ev = plan.evaluate(source, { strict: false });
  assert.ok(ev.diagnostics.rejected.length > 0, name);
  assertClean(name, [...outputs, ...evaluationOutputs(ev)]);
}

function plantedCsv(d, base) {
  const id = (n) => `SECRET_ID_${base + n}`;
  const other = d === ";" ? "," : ";";
  const rows = [
    ["indicateur", "date", "valeur", "participant", "dénominateur", id(0)],
    ["f4.1", "02/07/2026", id(1), "", "", ""],
    ["f8.1", id(2), "3", "", "", ""],
    [id(3), "31/03/2026", "3", "", "", ""],
    ["f5.2", "31/03/2026", "3", "", id(4), ""],
    ["f1.4", "31/03/2026", id(5), "", "", ""],
    ["f6.3", "31/03/2026", id(6), "", "", ""],
    ["f4.1", "03/03/2026", "", id(7), "", ""],
    ["f8.1", "31/03/2026", "3", "", "", id(8)],
  ].map((r) => r.join(d));
  return `# Données fictives\n#f4.1${other}02/07/2026${other}${other}${id(9)}\n# note ${id(10)}\n${rows.join("\n")}\n`;
}

test("privacy sweep: CSV with ; and ,, as text and bytes", () => {
  sweep("csv ;", plantedCsv(";", 100));
  sweep("csv ,", plantedCsv(",", 200));
  sweep("csv bytes", new TextEncoder().encode(plantedCsv(";", 300)));
});

const RECORDS = [
  { indicateur: "f4.1", date: "02/07/2026", valeur: "SECRET_ID_401" },
  { indicateur: "f8.1", date: "SECRET_ID_402", valeur: 3 },
  { indicateur: "SECRET_ID_403", date: "31/03/2026", valeur: 3 },
  { indicateur: "f5.2", date: "31/03/2026", valeur: 3, denominateur: "SECRET_ID_404" },
  { indicateur: "f4.1", date: "03/03/2026", participant: "SECRET_ID_405" },
  { indicateur: "f8.1", date: "31/03/2026", valeur: 3, SECRET_ID_406: "x" },
];

test("privacy sweep: arrays of objects and JSON text", () => {
  sweep("records", RECORDS);
  sweep("json", JSON.stringify({ SECRET_ID_407: 1, observations: RECORDS }));
});

test("privacy sweep: the territory column and evaluateMany", () => {
  const other = Plan.fromJson(plan.toJson().replace("sundgau-2025-2029", "ctg-0001").replace(plan.territory, "Territoire fictif 1"));
  const csv =
    "# SECRET_ID_700\n" +
    "territoire;indicateur;date;valeur;participant;SECRET_ID_701\n" +
    "SECRET_ID_702;f8.1;31/12/2026;30;;\n" +
    "sundgau-2025-2029;f4.1;03/03/2026;;SECRET_ID_703;\n" +
    "ctg-0001;f8.1;SECRET_ID_704;12;;\n";
  const outputs = errorOutputs(() => evaluateMany([plan, other], csv));
  const evs = evaluateMany([plan, other], csv, { strict: false });
  outputs.push(JSON.stringify(evs), JSON.stringify(evs.skipped), evs.toHtml(), evs.toMarkdown(), evs.toCsv());
  outputs.push(JSON.stringify(evs.rows()));
  for (const ev of evs.evaluations ?? []) outputs.push(...evaluationOutputs(ev));
  assertClean("territories", outputs);
});

// One regression test per finding.

test("privacy_shifted_row_id_not_quoted", () => {
  const csv = "indicateur;date;valeur;participant\nf4.1;02/07/2026;SECRET_ID_123;\n";
  let error;
  try {
    plan.evaluate(csv, { lang: "en" });
  } catch (e) {
    error = e;
  }
  assert.equal(error.errors[0].message, "the value `S…3` (13 characters) in column `valeur` is not a number");
  assert.match(error.message, /`S…3` \(13 characters\)/);
  assertClean("shifted", errorOutputs(() => plan.evaluate(csv)));
});

test("privacy_commented_out_row_not_in_notes_or_reports", () => {
  const csv =
    "# Données fictives\nindicateur;date;valeur;participant\n#f4.1,02/07/2026,,SECRET_ID_777\nf8.1;31/12/2026;30;\n";
  const ev = plan.evaluate(csv, { lang: "en" });
  assert.deepEqual(ev.diagnostics.notes, ["2 comment lines (`#`), rows 1, 3, not copied"]);
  assert.equal(ev.fictional, true);
  assertClean("commented out", evaluationOutputs(ev));
});

test("privacy_unknown_columns_named_by_position", () => {
  const ev = plan.evaluate("indicateur;date;valeur;SECRET_ID_123\nf8.1;31/12/2026;30;1\n");
  assert.deepEqual(ev.diagnostics.notes, ["colonne 4 ignorée : son en-tête ne nomme aucune colonne connue"]);
  assertClean("columns", evaluationOutputs(ev));
});

test("privacy_json_export_suppressed", () => {
  const ev = plan.evaluate("indicateur;date;valeur;participant\nf8.1;31/12/2026;3;\nf4.1;03/03/2026;;P1\n");
  const headline = (data, id) => data.indicators.find((i) => i.id === id).headline;
  const open = JSON.parse(ev.toJson());
  assert.equal(headline(open, "f8.1").value, 3);
  assert.equal(headline(open, "f8.1").suppressed, undefined);
  const shut = JSON.parse(ev.toJson({ suppressBelow: 5 }));
  for (const id of ["f8.1", "f4.1"]) {
    const h = headline(shut, id);
    assert.equal(h.suppressed, true, id);
    assert.equal(h.value, null, id);
    assert.equal(h.achievement, null, id);
    assert.match(h.explanation, /< 5/);
  }
  assert.throws(() => ev.toJson({ suppress: 5 }), (e) => ctg.isCtgError(e), "unknown options are refused");
});

test("privacy: rows() take small-count suppression", () => {
  const ev = plan.evaluate("indicateur;date;valeur\nf8.1;31/12/2026;3\n");
  const values = (rows) => rows.filter((r) => r.indicator === "f8.1").map((r) => r.value);
  assert.ok(values(ev.rows()).includes(3));
  assert.ok(!values(ev.rows({ suppressBelow: 5 })).includes(3));
});
