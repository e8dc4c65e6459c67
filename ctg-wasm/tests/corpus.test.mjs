// Replays the shared evaluation corpus (ctg-core/tests/corpus/eval/*.toml) through the
// nodejs build: the evaluation's data (`toJSON()`) must deep-equal the golden JSON written by
// the Rust test ctg-core/tests/eval_corpus.rs, for every way of passing the observations,
// and through `evaluateMany` (one plan, rows keyed by its territory).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import { ctg, csvRecords, repo } from "./support/ctg.mjs";

const dir = repo("ctg-core", "tests", "corpus", "eval");
const cases = readdirSync(dir).filter((f) => f.endsWith(".toml")).sort();

test("the corpus has its cases", () => {
  assert.ok(cases.length >= 20, `${cases.length} cases`);
});

for (const file of cases) {
  const name = file.replace(/\.toml$/, "");
  const spec = parseToml(readFileSync(`${dir}/${file}`, "utf8"));
  const golden = JSON.parse(readFileSync(`${dir}/golden/${name}.json`, "utf8"));
  const options = { asOf: spec.as_of ?? null, lang: spec.lang ?? null };

  test(`${name}: CSV text`, () => {
    const plan = ctg.Plan.fromToml(spec.plan);
    try {
      assert.deepEqual(plan.evaluate(spec.observations, options).toJSON(), golden);
    } finally {
      plan.free();
    }
  });

  test(`${name}: CSV bytes`, () => {
    const plan = ctg.Plan.fromToml(spec.plan);
    const bytes = new TextEncoder().encode(spec.observations);
    assert.deepEqual(plan.evaluate(bytes, options).toJSON(), golden);
  });

  test(`${name}: array of objects (cells as text)`, () => {
    const plan = ctg.Plan.fromToml(spec.plan);
    assert.deepEqual(plan.evaluate(csvRecords(spec.observations), options).toJSON(), golden);
  });

  test(`${name}: array of objects (numbers as numbers)`, () => {
    const plan = ctg.Plan.fromToml(spec.plan);
    assert.deepEqual(plan.evaluate(csvRecords(spec.observations, { typed: true }), options).toJSON(), golden);
  });

  test(`${name}: plan through JSON`, () => {
    const plan = ctg.Plan.fromJson(ctg.Plan.fromToml(spec.plan).toJson());
    assert.deepEqual(plan.evaluate(spec.observations, options).toJSON(), golden);
  });
}

for (const file of cases) {
  const name = file.replace(/\.toml$/, "");
  const spec = parseToml(readFileSync(`${dir}/${file}`, "utf8"));
  const golden = JSON.parse(readFileSync(`${dir}/golden/${name}.json`, "utf8"));
  const options = { asOf: spec.as_of ?? null, lang: spec.lang ?? null };

  test(`${name}: evaluateMany with one plan`, () => {
    const plan = ctg.Plan.fromToml(spec.plan);
    const evs = ctg.evaluateMany([plan], spec.observations, options);
    assert.equal(evs.length, 1);
    assert.deepEqual(evs.at(0).toJSON(), golden);
    assert.deepEqual(evs.toJSON().evaluations, [golden]);
  });
}
