// The main web module (pkg/ctg_wasm.js, built without TOML plans, plan documents and
// workbooks) under node: it evaluates exactly as the full build does, and refuses what it
// leaves to the full module with ctg-core's errors (toml_unsupported, import_unsupported,
// a workbook's format_error), each naming the module to load.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ctg, repo } from "./support/ctg.mjs";

let main;
before(async () => {
  main = await import(repo("ctg-wasm", "pkg", "ctg_wasm.js"));
  main.initSync({ module: readFileSync(repo("ctg-wasm", "pkg", "ctg_wasm_bg.wasm")) });
});

const CSV = readFileSync(repo("examples", "sundgau", "observations.csv"));
const OPTIONS = { asOf: "2026-12-31", lang: "fr", strict: false };

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected a CtgError");
}

test("the main module's bundled plan and evaluation equal the full build's", () => {
  const plan = main.Plan.sundgau();
  assert.equal(plan.toJson(), ctg.Plan.sundgau().toJson());
  const ev = plan.evaluate(CSV, OPTIONS);
  assert.deepEqual(ev.toJSON(), ctg.Plan.sundgau().evaluate(CSV, OPTIONS).toJSON());
  assert.equal(ev.toHtml({ lang: "fr" }), ctg.Plan.sundgau().evaluate(CSV, OPTIONS).toHtml({ lang: "fr" }));
  // A JSON plan from the full module reads in the main one.
  const json = ctg.Plan.fromToml(readFileSync(repo("examples", "sundgau", "plan.toml"), "utf8")).toJson();
  assert.equal(main.Plan.fromJson(json).toJson(), json);
});

test("a TOML plan is refused with toml_unsupported, naming the full module", () => {
  for (const lang of ["fr", "en"]) {
    const e = thrown(() => main.Plan.fromToml('id = "p"\n', lang));
    assert.ok(main.isCtgError(e));
    assert.equal(e.kind, "plan");
    assert.equal(e.code, "toml_unsupported");
    assert.match(e.errors[0].hint, /ctg_wasm_xlsx\.js/);
    assert.match(e.message, lang === "fr" ? /ne lit que les plans JSON/ : /reads JSON plans only/);
  }
});

test("a plan document is refused with import_unsupported, naming the full module", () => {
  for (const doc of ["FICHE D'ACTION N°1\n", new Uint8Array([0x50, 0x4b, 3, 4])]) {
    const e = thrown(() => main.importPlan(doc, "en"));
    assert.ok(main.isCtgError(e));
    assert.equal(e.kind, "import");
    assert.equal(e.code, "import_unsupported");
    assert.equal(e.message, "this module imports no plan documents");
    assert.match(e.errors[0].hint, /ctg_wasm_xlsx\.js/);
  }
  assert.equal(thrown(() => main.importPlan("x")).message, "ce module n'importe pas les documents de plan");
});

test("a workbook is refused (format_error: this module reads no workbooks); the module stays usable", () => {
  const xlsx = readFileSync(repo("ctg-core", "tests", "corpus", "spreadsheets", "sundgau-grille-remplie.xlsx"));
  assert.equal(main.isWorkbook(xlsx), true);
  const e = thrown(() => main.Plan.sundgau().evaluate(xlsx, OPTIONS));
  assert.equal(e.kind, "observations");
  assert.equal(e.code, "format_error");
  assert.match(e.message, /ce module ne lit pas les classeurs/);
  assert.match(e.errors[0].hint_fr, /ctg_wasm_xlsx\.js/);
  assert.equal(main.Plan.sundgau().evaluate(CSV, OPTIONS).indicators.length, 25);
});
