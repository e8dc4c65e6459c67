// Limits as data (issue 16): `limits` of evaluate and evaluateMany, each refusal a
// CtgError with the code `limit_exceeded`; the blow-ups bounded. Fictional data.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ctg } from "./support/ctg.mjs";

const { Plan, evaluateMany } = ctg;

function plan(n = 1, window = "year", start = 2025, end = 2029) {
  let toml =
    `id = "demo"\ntitle = "Plan fictif"\nterritory = "Territoire fictif"\n` +
    `period = { start = ${start}, end = ${end} }\n` +
    `axes = [{ number = 1, title = "Axe" }]\n` +
    `[[fiches]]\nnumber = 1\ntitle = "Accueil"\naxis = 1\n` +
    `schedule = { start = ${start}, end = ${end} }\n`;
  for (let i = 1; i <= n; i++) {
    toml += `[[fiches.indicators]]\nid = "f1.${i}"\nlabel = "Indicateur ${i}"\nmeasure = "count"\nwindow = "${window}"\n`;
  }
  return Plan.fromToml(toml);
}

const rows = (n, id = "f1.1") => "indicateur;date;valeur\n" + `${id};31/03/2026;1\n`.repeat(n);

test("limit max_rows refused then raised", () => {
  assert.throws(() => plan().evaluate(rows(5), { limits: { max_rows: 4 } }), (e) => {
    assert.equal(e.name, "CtgError");
    assert.deepEqual(e.errors.map((p) => p.code), ["limit_exceeded"]);
    assert.match(e.message, /max_rows/);
    return true;
  });
  plan().evaluate(rows(5), { limits: { max_rows: 5 } });
});

test("limit unknown key is an options error", () => {
  assert.throws(() => plan().evaluate(rows(1), { limits: { max_row: 4 } }), /max_row/);
  assert.throws(() => plan().evaluate(rows(1), { limits: 3 }), /limits/);
});

test("blowup issues kept are bounded, the message too", () => {
  assert.throws(() => plan().evaluate(rows(5000, "f9.9")), (e) => {
    assert.equal(e.errors.length, 1001);
    assert.equal(e.errors.at(-1).code, "limit_exceeded");
    assert.ok(e.message.length < 500_000, String(e.message.length));
    return true;
  });
});

test("blowup windows refused at evaluation", () => {
  assert.throws(() => plan(1000, "month", 1900, 2200).evaluate([]), (e) => {
    assert.deepEqual(e.errors.map((p) => p.code), ["limit_exceeded"]);
    assert.match(e.message, /max_windows/);
    return true;
  });
});

test("limit through evaluateMany", () => {
  assert.throws(() => evaluateMany([plan()], rows(3), { limits: { max_rows: 2 } }), (e) => {
    assert.deepEqual(e.errors.map((p) => p.code), ["limit_exceeded"]);
    return true;
  });
});
