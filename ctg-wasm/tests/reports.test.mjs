// What Python has, JS has: the Evaluation class (data, toJSON, getters), the `explanations`
// option, the results table (`rows()`, `resultColumns()`), the reports (`toHtml`,
// `toMarkdown`, `toCsv`, byte for byte what ctg-core renders natively) and `evaluateMany`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertAlive, ctg, csvRecords, readText, ROOT, repo } from "./support/ctg.mjs";

const { Plan, evaluateMany, resultColumns } = ctg;
const CSV = readText("examples", "sundgau", "observations.csv");
const BYTES = readFileSync(repo("examples", "sundgau", "observations.csv"));
const plan = Plan.sundgau();
const ev = plan.evaluate(CSV, { asOf: "2026-12-31" });

/** A copy of the Sundgau plan under another id and territory. */
const copy = (id, territory) =>
  Plan.fromJson(plan.toJson().replace("sundgau-2025-2029", id).replace(plan.territory, territory));

/** The rows of an evaluation's data, in the table's order. */
const dataRows = (data) =>
  data.indicators.flatMap((i) =>
    [...i.windows, ...i.yearly].sort((a, b) =>
      a.end.localeCompare(b.end) || (a.kind === "year_summary") - (b.kind === "year_summary") || a.start.localeCompare(b.start),
    ),
  );

/** Render the Sundgau example with ctg-core natively (the `sundgau` example binary). */
function rustReports(args) {
  const dir = mkdtempSync(join(tmpdir(), "ctg-reports-"));
  const out = { html: join(dir, "r.html"), md: join(dir, "r.md"), csv: join(dir, "r.csv") };
  execFileSync(
    "cargo",
    ["run", "--quiet", "--example", "sundgau", "--", ...args, "--html", out.html, "--md", out.md, "--csv", out.csv],
    { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] },
  );
  return Object.fromEntries(Object.entries(out).map(([k, path]) => [k, readFileSync(path, "utf8")]));
}

test("Evaluation: a class holding the core evaluation, with its data", () => {
  assert.ok(ev instanceof ctg.Evaluation);
  const data = ev.toJSON();
  assert.equal(ev.data, data, "the same object each time");
  assert.deepEqual(JSON.parse(JSON.stringify(ev)), JSON.parse(JSON.stringify(data)));
  for (const key of Object.keys(data)) {
    assert.deepEqual(ev[key], data[key], key);
  }
  assert.equal(ev.indicators, data.indicators, "getters return the data's own objects");
  assert.deepEqual(Object.keys(data), [
    "plan_id", "plan_title", "territory", "period", "as_of", "as_of_given", "lang", "fictional",
    "indicators", "fiches", "axes", "plan", "diagnostics",
  ]);
  assert.equal(typeof ev.free, "function");
});

test("the explanations option: off, the data has none; rows() and reports still explain", () => {
  const bare = plan.evaluate(CSV, { asOf: "2026-12-31", explanations: false });
  const b = bare.toJSON();
  const full = ev.toJSON();
  const rows = (d) => d.indicators.flatMap((i) => [...i.windows, ...i.yearly, i.headline]);
  assert.ok(rows(b).every((r) => r.explanation === ""));
  assert.ok(rows(full).every((r) => r.explanation.length > 0));
  const blank = structuredClone(full);
  for (const r of rows(blank)) r.explanation = "";
  assert.deepEqual(b, blank, "everything else is the same");
  // The table written without explanations has empty ones too, but for that column the same.
  const strip = (rs) => rs.map(({ explanation, ...rest }) => rest);
  assert.ok(bare.rows().every((r) => r.explanation === ""));
  assert.deepEqual(strip(bare.rows()), strip(ev.rows()));
  // Reports explain on demand.
  assert.equal(bare.toHtml(), ev.toHtml());
  assert.throws(() => plan.evaluate(CSV, { explanations: "no" }), (e) => e.kind === "options");
});

test("rows(): the results table, with the schema's columns", () => {
  const columns = resultColumns();
  const names = columns.map((c) => c.name);
  assert.deepEqual(names.slice(0, 4), ["axis", "fiche", "indicator", "label"]);
  assert.equal(names.length, 27);
  const rows = ev.rows();
  const data = ev.toJSON();
  const expected = dataRows(data);
  assert.equal(rows.length, expected.length);
  for (const [i, row] of rows.entries()) {
    assert.deepEqual(Object.keys(row), names, `row ${i}`);
    const r = expected[i];
    for (const k of ["axis", "fiche", "indicator", "kind", "window", "start", "end", "state", "value", "status", "achievement", "reason", "done_on", "explanation"]) {
      assert.deepEqual(row[k], r[k], `row ${i} ${k}`);
    }
    assert.equal(row.coverage_with_data, r.coverage?.with_data ?? null);
  }
  // Types and nullability as the schema says.
  for (const c of columns) {
    for (const row of rows) {
      const v = row[c.name];
      if (v === null) {
        assert.ok(c.nullable, `${c.name} is null`);
        continue;
      }
      const ok = {
        int: Number.isInteger(v), float: typeof v === "number", bool: typeof v === "boolean", text: typeof v === "string",
        date: /^\d{4}-\d{2}-\d{2}$/.test(v), code: c.values.includes(v), status: c.values.includes(v),
      }[c.type];
      assert.ok(ok, `${c.name}: ${JSON.stringify(v)} is not ${c.type}`);
    }
  }
  const f81 = rows.find((r) => r.indicator === "f8.1" && r.headline);
  assert.equal(f81.target, data.indicators.find((i) => i.id === "f8.1").target_text);
  // Headlines, and another language.
  const heads = ev.rows({ headlines: true, lang: "en" });
  assert.equal(heads.length, 25);
  assert.ok(heads.every((r) => r.headline));
  assert.notEqual(heads[0].explanation, rows.find((r) => r.headline).explanation);
  assert.deepEqual(heads.map((r) => r.status), data.indicators.map((i) => i.headline.status));
  assert.equal(plan.evaluate(CSV, { asOf: "2026-12-31", lang: "en" }).rows({ headlines: true })[0].explanation, heads[0].explanation);
  for (const bad of [{ headline: true }, { lang: "de" }, { headlines: 1 }, 3]) {
    assert.throws(() => ev.rows(bad), (e) => e.kind === "options" && e.code === "invalid_option", JSON.stringify(bad));
  }
});

test("resultColumns(): the schema in French or English", () => {
  const fr = resultColumns();
  const en = resultColumns("en");
  assert.deepEqual(fr.map((c) => c.name), en.map((c) => c.name));
  assert.deepEqual(en[0], { name: "axis", header: "axis", type: "int", values: [], nullable: false, meaning: "Axis number." });
  assert.deepEqual(fr[0], { name: "axis", header: "axe", type: "int", values: [], nullable: false, meaning: "Numéro de l'axe." });
  const status = en.find((c) => c.name === "status");
  assert.deepEqual(status.values, ctg.statuses().map((s) => s.code));
  assert.throws(() => resultColumns("de"), (e) => e.name === "CtgError");
});

test("toHtml, toMarkdown, toCsv are byte for byte what ctg-core renders natively", () => {
  // Native: `cargo run --example sundgau` (ctg-core's render_html, render_markdown,
  // render_csv in the French flavour) on the same file, as of 31/12/2026.
  const fr = rustReports([]);
  const js = plan.evaluate(BYTES, { asOf: "2026-12-31" });
  assert.equal(js.toHtml(), fr.html);
  assert.equal(js.toMarkdown(), fr.md);
  assert.equal(js.toCsv(), fr.csv);
  const en = rustReports(["--lang", "en", "--suppress", "5"]);
  const jsEn = plan.evaluate(BYTES, { asOf: "2026-12-31", lang: "en" });
  assert.equal(jsEn.toHtml({ suppressBelow: 5 }), en.html);
  assert.equal(jsEn.toMarkdown({ suppressBelow: 5 }), en.md);
  assert.equal(jsEn.toCsv({ suppressBelow: 5, flavour: "french" }), en.csv);
  // The language of a report is its own option.
  assert.equal(js.toHtml({ lang: "en", suppressBelow: 5 }), en.html);
  assert.notEqual(en.html, fr.html);
});

test("report options: fiches, axes, flavour; bad options throw", () => {
  const seven = ev.toHtml({ fiches: [7] });
  assert.ok(seven.includes('data-indicator="f7.1"') && !seven.includes('data-indicator="f8.1"'));
  const axis1 = ev.toMarkdown({ axes: [1] });
  assert.ok(axis1.length < ev.toMarkdown().length);
  const plain = ev.toCsv({ flavour: "plain" });
  assert.ok(plain.startsWith("axis,fiche,indicator,label,kind,"), plain.slice(0, 40));
  const french = ev.toCsv();
  assert.ok(french.startsWith("\uFEFFaxe;fiche;indicateur;libellé;"), french.slice(0, 40));
  assert.equal(plain.split("\n").length, french.split("\n").length);
  assert.ok(ev.toCsv({ fiches: [7], flavour: "plain" }).split("\n").slice(1, -1).every((l) => l.split(",")[1] === "7"));
  for (const [fn, bad] of [
    [(o) => ev.toCsv(o), { flavour: "xlsx" }],
    [(o) => ev.toHtml(o), { flavour: "plain" }],
    [(o) => ev.toHtml(o), { fiches: "7" }],
    [(o) => ev.toHtml(o), { fiches: [1.5] }],
    [(o) => ev.toMarkdown(o), { suppressBelow: -1 }],
    [(o) => ev.toMarkdown(o), { lang: "de" }],
    [(o) => ev.toMarkdown(o), [1]],
  ]) {
    assert.throws(() => fn(bad), (e) => ctg.isCtgError(e) && e.kind === "options", JSON.stringify(bad));
  }
});

test("evaluateMany: rows routed to their plan by territory", () => {
  const other = copy("ctg-0001", "Territoire fictif 1");
  const csv = "# Données fictives\nterritoire;indicateur;date;valeur\n" +
    "sundgau-2025-2029;f8.1;31/12/2026;30\nTerritoire fictif 1;f8.1;31/12/2026;20\n";
  const evs = evaluateMany([plan, other], csv, { asOf: "2026-12-31" });
  assert.ok(evs instanceof ctg.Evaluations);
  assert.equal(evs.length, 2);
  assert.deepEqual(evs.keys(), ["sundgau-2025-2029", "ctg-0001"]);
  const f81 = (e) => e.indicators.find((i) => i.id === "f8.1").headline;
  assert.equal(f81(evs.get("sundgau-2025-2029")).status, "achieved");
  assert.equal(f81(evs.at(-1)).status, "not_achieved");
  assert.equal(evs.at(2), undefined);
  assert.equal(evs.get("nope"), undefined);
  assert.deepEqual(evs.evaluations.map((e) => e.plan_id), evs.keys());
  // Each plan's evaluation equals evaluating its own rows alone.
  const alone = other.evaluate("# Données fictives\nindicateur;date;valeur\nf8.1;31/12/2026;20\n", { asOf: "2026-12-31" });
  assert.deepEqual(evs.get("ctg-0001").toJSON(), alone.toJSON());
  assert.equal(evs.get("ctg-0001").toHtml(), alone.toHtml());
  // The roll-up of each plan.
  assert.deepEqual(evs.scores(), [
    { plan_id: "sundgau-2025-2029", territory: plan.territory, as_of: "2026-12-31", fictional: true, score: 1, counts: evs.at(0).plan.counts },
    { plan_id: "ctg-0001", territory: "Territoire fictif 1", as_of: "2026-12-31", fictional: true, score: 0, counts: evs.at(1).plan.counts },
  ]);
  // The roll-up over the plans is core's: counts summed, the shared date, the reports.
  const rollup = evs.rollup;
  assert.equal(rollup.plans, 2);
  assert.equal(rollup.as_of, "2026-12-31");
  assert.deepEqual(rollup.as_of_range, { first: "2026-12-31", last: "2026-12-31" });
  assert.equal(rollup.counts.achieved, evs.at(0).plan.counts.achieved + evs.at(1).plan.counts.achieved);
  assert.deepEqual(rollup.rows, evs.scores());
  const html = evs.toHtml();
  assert.ok(html.startsWith("<!DOCTYPE html>") && html.includes("<h1>Bilan de 2 plans</h1>"), html.slice(0, 300));
  assert.equal((html.match(/<tr data-plan=/g) ?? []).length, 2);
  assert.ok(evs.toMarkdown({ lang: "en" }).includes("ctg-0001"));
  const many = evs.toCsv({ flavour: "plain", fiches: [8] });
  assert.ok(many.startsWith("territory,axis,fiche,indicator,"));
  // Each plan's rows, prefixed by its id: the single-plan CSV's lines.
  const single = evs.at(1).toCsv({ flavour: "plain", fiches: [8] }).split("\n").slice(1).filter((l) => l);
  for (const line of single) assert.ok(many.includes(`\nctg-0001,${line}\n`) || many.endsWith(`\nctg-0001,${line}`), line);
  // One table for all, with the territory first.
  const rows = evs.rows({ headlines: true });
  assert.equal(rows.length, 50);
  assert.deepEqual(Object.keys(rows[0]), ["territory", ...resultColumns().map((c) => c.name)]);
  assert.deepEqual([...new Set(rows.map((r) => r.territory))], evs.keys());
  const json = JSON.parse(JSON.stringify(evs));
  assert.deepEqual(Object.keys(json), ["evaluations", "skipped"]);
  assert.equal(json.evaluations[1].plan_id, "ctg-0001");
  // The plans are not consumed.
  assert.equal(other.id, "ctg-0001");
  assert.equal(plan.evaluate([], { asOf: "2026-12-31" }).plan_id, plan.id);
});

test("evaluateMany: arrays of objects, lenient and strict territories, bad plans", () => {
  const other = copy("ctg-0002", "Territoire fictif 2");
  const rows = [
    { territory: "ctg-0002", indicator: "f8.1", date: "2026-12-31", value: 30 },
    { territory: "ctg-0003", indicator: "f8.1", date: "2026-12-31", value: 9 },
    { territory: "SUNDGAU 2025-2029", indicator: "f8.1", date: "2026-12-31", value: 9, note: "x" },
  ];
  const evs = evaluateMany([plan, other], rows, { strict: false, lang: "en" });
  assert.deepEqual(evs.skipped.map((s) => [s.code, s.row, s.column]), [["unknown_territory", 2, "territory"]]);
  assert.equal(evs.toJSON().skipped.length, 1);
  assert.equal(evs.at(0).diagnostics.used, 1);
  assert.deepEqual(evs.at(1).diagnostics.notes, ["ignored key 5 of observation 3: it names no known column"]);
  assert.equal(evs.at(0).lang, "en");
  assert.equal(evs.at(1).rows({ headlines: true }).find((r) => r.indicator === "f8.1").status, "achieved");
  let e = null;
  try {
    evaluateMany([plan, other], rows);
  } catch (err) {
    e = err;
  }
  assert.ok(ctg.isCtgError(e) && e.kind === "observations");
  assert.equal(e.code, "unknown_territory");
  assert.equal(e.row, 2);
  // Several plans need the territory column.
  assert.throws(() => evaluateMany([plan, other], CSV), (err) => err.kind === "observations" && err.code === "missing_column");
  // The same records as CSV text give the same evaluations.
  const text = "territory,indicator,date,value\nctg-0002,f8.1,2026-12-31,30\nSUNDGAU 2025-2029,f8.1,2026-12-31,9\n";
  const fromText = evaluateMany([plan, other], text, { lang: "en" });
  const fromRecords = evaluateMany([plan, other], csvRecords(text), { lang: "en" });
  assert.deepEqual(fromRecords.at(1).toJSON(), fromText.at(1).toJSON());
  // Bad plans.
  for (const bad of [plan, "x", [plan, {}], [plan, { __ctgPlanKey: 1e9 }], null]) {
    assert.throws(() => evaluateMany(bad, text), (err) => ctg.isCtgError(err) && err.kind === "options");
  }
  const freed = copy("ctg-0004", "T4");
  freed.free();
  assert.throws(() => evaluateMany([plan, freed], text), (err) => ctg.isCtgError(err) && /plans\[1\]/.test(err.message));
  assertAlive();
  assert.equal(evaluateMany([], text, { strict: false }).length, 0);
});
