// The JS API on the Sundgau plan: loading, round trips, every observation input form,
// options, targets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ctg, csvRecords, readText, repo } from "./support/ctg.mjs";

const { Plan, parseTarget, scoreStatus, statuses } = ctg;
const CSV = readText("examples", "sundgau", "observations.csv");
const plan = Plan.sundgau();
const ev = plan.evaluate(CSV, { asOf: "2026-12-31" });
/** The evaluation's plain data (`toJSON()`), which the other evaluations are compared to. */
const data = ev.toJSON();

/** The parts of an evaluation that do not depend on the input's form (notes do). */
const results = (e) => ({ indicators: e.indicators, fiches: e.fiches, axes: e.axes, plan: e.plan });

test("Plan.sundgau: getters and the evaluation's shape", () => {
  assert.equal(plan.id, "sundgau-2025-2029");
  assert.match(plan.title, /Sundgau/);
  assert.match(plan.territory, /Sundgau/);
  assert.deepEqual(plan.period, { start: 2025, end: 2029 });
  assert.equal(ev.plan_id, plan.id);
  assert.equal(ev.as_of, "2026-12-31");
  assert.equal(ev.as_of_given, true);
  assert.equal(ev.lang, "fr");
  assert.equal(ev.fictional, true);
  assert.equal(ev.indicators.length, 25);
  assert.equal(ev.fiches.length, 12);
  assert.equal(ev.axes.length, 3);
  assert.equal(ev.diagnostics.used, 605);
  assert.deepEqual(ev.diagnostics.rejected, []);
  const statuses = new Set(["achieved", "on_track", "at_risk", "not_achieved", "no_data", "not_evaluable", "tracked"]);
  for (const ind of ev.indicators) {
    assert.ok(statuses.has(ind.headline.status), ind.headline.status);
    assert.ok(ind.headline.explanation.length > 0);
  }
  const total = Object.values(ev.plan.counts).reduce((a, b) => a + b, 0);
  assert.equal(total, 25);
  assert.ok(ev.plan.score > 0 && ev.plan.score < 1);
});

test("toJson / fromJson round trip", () => {
  const json = plan.toJson();
  assert.equal(JSON.parse(json).id, "sundgau-2025-2029");
  const again = Plan.fromJson(json);
  assert.deepEqual(again.evaluate(CSV, { asOf: "2026-12-31" }).toJSON(), data);
  again.free();
});

test("every input form gives the same results", () => {
  const bytes = readFileSync(repo("examples", "sundgau", "observations.csv"));
  assert.deepEqual(plan.evaluate(bytes, { asOf: "2026-12-31" }).toJSON(), data, "Buffer (Uint8Array)");
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  assert.deepEqual(plan.evaluate(buffer, { asOf: "2026-12-31" }).toJSON(), data, "ArrayBuffer");
  const records = csvRecords(CSV);
  assert.equal(records.length, 607);
  const fromRecords = plan.evaluate(records, { asOf: "2026-12-31" });
  assert.deepEqual(results(fromRecords), results(ev));
  assert.equal(fromRecords.fictional, false, "an array carries no fictional flag");
  const fromJson = plan.evaluate(JSON.stringify(records), { asOf: "2026-12-31" });
  assert.deepEqual(results(fromJson), results(ev));
});

test("Windows-1252 bytes (French Excel's CSV) read like UTF-8", () => {
  const text = CSV.replace(/^\uFEFF/, "");
  const cp1252 = Uint8Array.from([...text].map((c) => {
    const code = c.codePointAt(0);
    assert.ok(code < 256, `not Latin-1: ${c}`);
    return code;
  }));
  const e = plan.evaluate(cp1252, { asOf: "2026-12-31" });
  assert.deepEqual(results(e), results(ev));
  assert.ok(e.diagnostics.notes.some((n) => /Windows-1252/.test(n)), e.diagnostics.notes.join("\n"));
});

test("notes follow lang: Windows-1252, `sep=;`, a comment, an unknown column, a commented-out row", () => {
  const text =
    "sep=;\r\n# Données fictives\r\nindicateur;date;valeur;participant;responsable\r\n" +
    "f8.1;31/12/2026;30;;X\r\n#f8.1;31/12/2026;5;SECRET-42;x\r\n";
  const bytes = Uint8Array.from([...text].map((c) => c.codePointAt(0)));
  const fr = plan.evaluate(bytes);
  assert.deepEqual(fr.diagnostics.notes, [
    "1 ligne de commentaire (`#`), ligne 2, non reprise",
    "la ligne 5 est mise en commentaire (`#`) et a été ignorée",
    "l'entrée n'est pas en UTF-8 : elle a été décodée en Windows-1252",
    "la ligne `sep=;` fixe le séparateur",
    "colonne 5 ignorée : son en-tête ne nomme aucune colonne connue",
  ]);
  const en = plan.evaluate(bytes, { lang: "en" });
  assert.deepEqual(en.diagnostics.notes, [
    "1 comment line (`#`), row 2, not copied",
    "row 5 is commented out (`#`) and was ignored",
    "the input is not UTF-8: decoded as Windows-1252",
    "the `sep=;` line sets the delimiter",
    "ignored column 5: its header names no known column",
  ]);
  for (const out of [JSON.stringify(fr.toJSON()), JSON.stringify(en.toJSON()), fr.toHtml(), en.toText()]) {
    assert.ok(!out.includes("SECRET-42"));
  }
});

test("options: asOf as ISO, French date or Date; lang; defaults", () => {
  for (const asOf of ["31/12/2026", new Date(2026, 11, 31)]) {
    assert.deepEqual(plan.evaluate(CSV, { asOf }).toJSON(), data);
  }
  assert.deepEqual(plan.evaluate(CSV, { asOf: "2026-12-31", lang: "fr", strict: true, explanations: true }).toJSON(), data);
  const en = plan.evaluate(CSV, { asOf: "2026-12-31", lang: "en" });
  assert.equal(en.lang, "en");
  assert.notEqual(en.indicators[0].headline.explanation, ev.indicators[0].headline.explanation);
  assert.deepEqual(en.plan, ev.plan);
  const byDefault = plan.evaluate(CSV);
  assert.equal(byDefault.as_of_given, false);
  assert.equal(byDefault.as_of, "2027-01-15", "the latest observation's date");
  assert.deepEqual(plan.evaluate(CSV, {}).toJSON(), byDefault.toJSON());
  assert.deepEqual(plan.evaluate(CSV, null).toJSON(), byDefault.toJSON());
  assert.deepEqual(plan.evaluate(CSV, { asOf: null, lang: undefined }).toJSON(), byDefault.toJSON());
  const none = plan.evaluate([], { asOf: "2026-06-30" });
  assert.equal(none.diagnostics.used, 0);
  assert.ok(none.indicators.every((i) => ["no_data", "tracked", "not_evaluable"].includes(i.headline.status)));
});

test("parseTarget returns the target's structure", () => {
  assert.deepEqual(parseTarget("> 200"), { kind: { type: "compare", op: "gt", value: 200, percent: false } });
  assert.deepEqual(parseTarget("(>24/an)"), { kind: { type: "compare", op: "gt", value: 24, percent: false }, per: "year" });
  assert.deepEqual(parseTarget("Réduction de 10%"), { kind: { type: "relative", percent: -10 } });
  assert.deepEqual(parseTarget("+5 points"), { kind: { type: "points", points: 5 } });
  assert.deepEqual(parseTarget("entre 10 et 20"), { kind: { type: "range", low: 10, high: 20, percent: false } });
  assert.deepEqual(parseTarget("réalisé d'ici 2027"), {
    kind: { type: "milestone", deadline: { relation: "by", year: 2027 } },
  });
  assert.deepEqual(parseTarget("1 COPIl/an"), {
    kind: { type: "compare", op: "ge", value: 1, percent: false },
    per: "year",
    unit: "COPIl",
  });
});

test("parseTarget reads the wordings of other plans (target language v2)", () => {
  assert.deepEqual(parseTarget("au moins deux réunions"), {
    kind: { type: "compare", op: "ge", value: 2, percent: false },
    unit: "réunions",
  });
  assert.deepEqual(parseTarget("≥ 4 par an d'ici 2027"), {
    kind: { type: "compare", op: "ge", value: 4, percent: false, deadline: { relation: "by", year: 2027 } },
    per: "year",
  });
  assert.deepEqual(parseTarget("Réduction de 10 % des vacances de postes vs 2023"), {
    kind: { type: "relative", percent: -10, baseline_year: 2023 },
    subject: "des vacances de postes",
  });
  assert.deepEqual(parseTarget("2025 : 20 ; 2026 : 25"), {
    kind: { type: "schedule", steps: [{ year: 2025, value: 20 }, { year: 2026, value: 25 }], percent: false },
  });
  assert.deepEqual(parseTarget("> 3 / semaine").per, "week");
  assert.deepEqual(parseTarget("4 par semestre").per, "half_year");
  assert.throws(() => parseTarget("selon les besoins"), (e) => e.code === "qualitative_wording" && Boolean(e.hint));
  assert.throws(() => parseTarget("20 en 2028, 10 en 2026"), (e) => e.code === "invalid_schedule");
});

test("statuses() is the core's table, and the dashboard copies none of it", () => {
  const en = statuses("en");
  assert.deepEqual(en[0], {
    code: "achieved", label: "Achieved", icon: "✔", colour: "#1a7f37", ink: "#ffffff", fill: "#1a7f37", score: 1,
  });
  assert.deepEqual(statuses().map((s) => s.code), ["achieved", "on_track", "at_risk", "not_achieved", "no_data", "not_evaluable", "tracked"]);
  assert.equal(statuses()[2].label, "À surveiller");
  assert.equal(statuses("en")[4].score, null);
  assert.throws(() => statuses("de"), (e) => e.name === "CtgError");
  assert.deepEqual([0.8, 0.75, 0.5, 0.3, 0].map(scoreStatus), ["achieved", "achieved", "on_track", "at_risk", "not_achieved"]);
  const app = readText("examples", "web", "app.js");
  for (const s of en) {
    for (const colour of [s.colour, s.ink, s.fill]) {
      assert.ok(!app.includes(colour), `app.js repeats ${s.code}'s ${colour}`);
    }
  }
});

test("evaluate() time on the Sundgau data, with its data object (reported)", () => {
  plan.evaluate(CSV, { asOf: "2026-12-31" });
  const runs = 20;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) plan.evaluate(CSV, { asOf: "2026-12-31" }).toJSON();
  const ms = (performance.now() - t0) / runs;
  console.log(`# evaluate(): ${ms.toFixed(1)} ms per call (Sundgau, 607 rows, node ${process.version})`);
  assert.ok(ms < 1000);
});
