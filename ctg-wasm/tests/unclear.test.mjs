// Issue 16's "unclear" findings in JS: spans are JS string indices (UTF-16), a stray byte
// in UTF-8 is an encoding_error, a JSON scalar a format_error; and `pseudonymise`. Every id
// here is fictional.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ctg, assertAlive } from "./support/ctg.mjs";

const { Plan, parseTarget, callJson, pseudonymise } = ctg;

test("unclear: target spans index the JS string (≥, é, emoji)", () => {
  for (const [text, culprit] of [["≥ abc", "abc"], ["é > abc", "é"], ["> 😀", "😀"], ["é ≥ 1 😀", "😀"], ["≥ 1 et é", "et"]]) {
    try {
      parseTarget(text);
      assert.fail(`${text} parsed`);
    } catch (e) {
      assert.equal(e.name, "CtgError");
      assert.equal(text.slice(e.span.start, e.span.end), culprit, text);
      const p = e.problems[0];
      assert.equal(text.slice(p.span.start, p.span.end), culprit, text);
      const answer = JSON.parse(callJson("parse_target", JSON.stringify({ text })));
      const s = answer.errors[0].span;
      assert.equal(text.slice(s.start, s.end), culprit, text);
    }
  }
});

test("unclear: a stray byte in UTF-8 is an encoding_error at its line", () => {
  const head = new TextEncoder().encode("indicateur;date;valeur;commentaire\nf8.1;31/12/2026;30;réunion d'été\nf8.1;30/06/2026;8;caf");
  const bytes = new Uint8Array([...head, 0xff, 0x0a]);
  assert.throws(() => Plan.sundgau().evaluate(bytes, { strict: false }), (e) => {
    assert.equal(e.code, "encoding_error");
    assert.equal(e.row, 3);
    assert.match(e.message, /caractère 22/);
    return true;
  });
});

test("unclear: a JSON scalar is a format_error", () => {
  for (const text of ["42", "null", "true", '"x"']) {
    assert.throws(() => Plan.sundgau().evaluate(text), (e) => e.code === "format_error" && /JSON/.test(e.message), text);
  }
});

const KEY = "cle-de-test-fictive-0123456789ab";
const IDS = ["ENFANT-SECRET-001", "Jeanne D. 2011", "Éloïse-7"];
const EXPORT = ["# Données fictives", "indicateur;date;valeur;participant",
  ...IDS.flatMap((id, i) => [`f4.1;0${i + 1}/01/2026;1;${id}`, `f4.1;0${i + 4}/02/2026;1;${id}`])].join("\r\n") + "\r\n";

test("pseudonymise: the same evaluation, no raw id, Python's pseudonyms", () => {
  const out = pseudonymise(EXPORT, KEY);
  for (const id of IDS) assert.ok(!out.includes(id), id);
  assert.deepEqual(out.split("\r\n").slice(0, 2), ["# Données fictives", "indicateur;date;valeur;participant"]);
  assert.match(out.split("\r\n")[2], /^f4\.1;01\/01\/2026;1;p_[0-9a-f]{16}$/);
  const plan = Plan.sundgau();
  const before = plan.evaluate(EXPORT, { asOf: "2026-12-31" }).toJSON();
  const after = plan.evaluate(out, { asOf: "2026-12-31" }).toJSON();
  assert.deepEqual(after.indicators, before.indicators);
  assert.equal(pseudonymise(new TextEncoder().encode(EXPORT), new TextEncoder().encode(KEY)), out);
});

test("pseudonymise: a short key, no participant column, JSON are CtgErrors", () => {
  for (const [input, key, code] of [
    [EXPORT, "short", "invalid_key"],
    [EXPORT, new Uint8Array(15), "invalid_key"],
    ["indicateur;date;valeur\nf8.1;31/12/2026;1\n", KEY, "missing_column"],
    ['[{"participant": "ENFANT-SECRET-001"}]', KEY, "format_error"],
  ]) {
    assert.throws(() => pseudonymise(input, key, "en"), (e) => {
      assert.equal(e.name, "CtgError");
      assert.equal(e.kind, "pseudonymise");
      assert.equal(e.code, code);
      assert.ok(!e.message.includes("ENFANT"));
      return true;
    });
  }
  assertAlive();
});
