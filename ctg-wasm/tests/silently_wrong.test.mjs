// Issue 16, "silently wrong": each finding's regression test through the JS module (the
// rules are ctg-core's; these check that the binding passes them through). Sample data is
// fictional.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ctg, expectCtgError } from "./support/ctg.mjs";

const { Plan, parseTarget } = ctg;
const PLAN = `
id = "p"
title = "Plan fictif"
territory = "T"
period = { start = 2025, end = 2029 }
axes = [{ number = 1, title = "A" }]
[[fiches]]
number = 1
title = "F"
axis = 1
schedule = { start = 2025, end = 2029 }
[[fiches.indicators]]
id = "x"
label = "X"
measure = "count"
target = "> 200"
[[fiches.indicators]]
id = "d"
label = "Jeunes distincts"
measure = "distinct_count"
`;
const plan = Plan.fromToml(PLAN);
const keys = (e) => e.errors.map((i) => [i.code, i.row, i.column]);

test("overflow_sum_is_not_evaluable", () => {
  const ev = plan.evaluate("indicateur;date;valeur\nx;01/03/2026;1e308\nx;01/04/2026;1e308\n", { asOf: "2026-12-31" });
  const h = ev.indicators.find((i) => i.id === "x").headline;
  assert.equal(h.status, "not_evaluable");
  assert.equal(h.reason, "overflow");
  assert.equal(h.value, null);
});

test("duplicate_key_json", () => {
  const json = plan.toJson().replace('"target": "', '"target": "> 1", "target": "');
  const e = expectCtgError(() => Plan.fromJson(json), { kind: "plan" });
  assert.deepEqual(e.errors.map((i) => [i.code, i.location.field]), [["duplicate_key", "target"]]);
  const obs = '{"fictional": true, "fictional": false, "observations": []}';
  const o = expectCtgError(() => plan.evaluate(obs), { kind: "observations" });
  assert.deepEqual(keys(o), [["duplicate_key", null, null]]);
});

test("hash_error_row_not_a_comment", () => {
  const csv = "indicateur;date;valeur\n#N/A;02/07/2026;3\nx;03/07/2026;4\n";
  const e = expectCtgError(() => plan.evaluate(csv), { kind: "observations" });
  assert.deepEqual(keys(e), [["type_error", 2, "indicateur"]]);
  const ev = plan.evaluate(csv, { strict: false });
  assert.deepEqual(ev.diagnostics.rejected.map((r) => [r.code, r.row]), [["type_error", 2]]);
});

test("distinct_zero_refused", () => {
  const csv = "indicateur;date;valeur;participant\nd;02/07/2026;0;P1\nd;02/07/2026;;P2\n";
  const e = expectCtgError(() => plan.evaluate(csv), { kind: "observations" });
  assert.deepEqual(keys(e), [["constraint_error", 2, "valeur"]]);
  assert.ok(!e.message.includes("P1"));
  const ev = plan.evaluate("indicateur;date;participant\nd;02/07/2026;P1\nd;03/07/2026;P2\n", { asOf: "2026-12-31" });
  assert.equal(ev.indicators.find((i) => i.id === "d").headline.value, 2);
});

test("unknown_field_misspelt_target", () => {
  const e = expectCtgError(() => Plan.fromToml(PLAN.replace('target = "> 200"', 'cibel = "> 200"')), { kind: "plan" });
  assert.equal(e.errors.length, 1);
  const [err] = e.errors;
  assert.equal(err.code, "unknown_field");
  assert.equal(err.location.field, "cibel");
  assert.equal(err.location.line, 16);
  assert.equal(err.hint_fr, "vouliez-vous dire `cible` ?");
});

test("csv_formula_injection_neutralised", () => {
  const p = Plan.fromToml(PLAN.replace('label = "X"', 'label = "=HYPERLINK(\\"http://x\\")"'));
  const csv = p.evaluate("indicateur;date;valeur\nx;01/03/2026;3\n", { asOf: "2026-12-31" }).toCsv({ flavour: "plain" });
  assert.ok(csv.includes("'=HYPERLINK"));
  assert.ok(!csv.includes(",=HYPERLINK"));
});

test("impossible_reduction_refused", () => {
  expectCtgError(() => parseTarget("Réduction de 150%"), { code: "impossible_target" });
  parseTarget("Réduction de 100 %");
});

test("date_out_of_range_refused", () => {
  const e = expectCtgError(() => plan.evaluate("indicateur;date;valeur\nx;01/01/0000;3\n"), { kind: "observations" });
  assert.deepEqual(keys(e), [["date_out_of_range", 2, "date"]]);
  const r = expectCtgError(() => plan.evaluate([{ indicateur: "x", date: new Date(Date.UTC(1800, 0, 1)), valeur: 3 }]), {
    kind: "observations",
  });
  assert.deepEqual(keys(r), [["date_out_of_range", 1, "date"]]);
  expectCtgError(() => plan.evaluate("indicateur;date;valeur\nx;01/03/2026;3\n", { asOf: "01/01/0000" }), { kind: "options" });
  expectCtgError(() => plan.evaluate("indicateur;date;valeur\nx;01/03/2026;3\n", { asOf: new Date(Date.UTC(1800, 0, 1)) }), {
    kind: "options",
  });
});
