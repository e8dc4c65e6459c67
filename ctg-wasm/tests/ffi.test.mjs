// The boundary corpus (ctg-core/tests/corpus/ffi): every call answered through callJson must
// be, byte for byte, the answer Rust pins in golden/ (ctg-core/tests/ffi_corpus.rs; the
// Python suite compares ctg.call_json with the same files).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import { ctg, repo } from "./support/ctg.mjs";

const dir = repo("ctg-core", "tests", "corpus", "ffi");
const cases = readdirSync(dir).filter((f) => f.endsWith(".toml")).sort();

test("the corpus has its cases", () => {
  assert.ok(cases.length >= 10, `${cases.length} cases`);
});

for (const file of cases) {
  const name = file.replace(/\.toml$/, "");
  test(`${name}: callJson answers the pinned answer`, () => {
    const spec = parseToml(readFileSync(`${dir}/${file}`, "utf8"));
    const golden = readFileSync(`${dir}/golden/${name}.json`, "utf8");
    assert.equal(ctg.callJson(spec.call, spec.input) + "\n", golden);
  });
}

test("the answer's evaluation is plan.evaluate's data", () => {
  const csv = "indicateur;date;valeur\nf8.1;31/12/2026;30\n";
  const call = { plan: { format: "bundled", name: "sundgau" }, observations: csv, as_of: "2026-12-31", lang: "en" };
  const answer = JSON.parse(ctg.callJson("evaluate", JSON.stringify(call)));
  const plan = ctg.Plan.sundgau();
  const ev = plan.evaluate(csv, { asOf: "2026-12-31", lang: "en" });
  assert.deepEqual(answer.result.evaluation, ev.toJSON());
});

test("a bad call is an answer, never a throw or a trap", () => {
  assert.equal(JSON.parse(ctg.callJson("evaluate", "{")).errors[0].code, "invalid_call");
  assert.equal(JSON.parse(ctg.callJson(123, {})).errors[0].code, "unknown_call");
  assert.equal(JSON.parse(ctg.callJson("statuses", null)).errors[0].code, "invalid_call");
  // The module still works.
  assert.equal(JSON.parse(ctg.callJson("statuses", "{}")).status, "success");
});
