// The shared bad-input corpus (ctg-core/tests/corpus/bad/expected.json, issue 16) through
// the JavaScript API — parseTarget, Plan.fromToml / fromJson, plan.evaluate strict and
// lenient on a string or a Uint8Array — against the problems that Rust
// (ctg-core/tests/bad_corpus.rs) and Python (ctg-py/tests/test_bad_corpus.py) check: code,
// kind, position, message and hint in French and English. Spans are UTF-16 indices here,
// characters in the corpus. Fictional data.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ctg, readText, assertAlive } from "./support/ctg.mjs";

const { Plan, parseTarget } = ctg;
const EXPECTED = JSON.parse(readText("ctg-core", "tests", "corpus", "bad", "expected.json"));
const CASES = EXPECTED.cases;
const SUNDGAU = Plan.sundgau();

const bytesOf = (hex) => new Uint8Array(Buffer.from(hex, "hex"));
const source = (c) => ("hex" in c ? bytesOf(c.hex) : c.text);
const text = (c) => ("hex" in c ? new TextDecoder("utf-8", { fatal: true }).decode(bytesOf(c.hex)) : c.text);
/** A UTF-16 index of `s` as a character (code point) index. */
const chars = (s, i) => Array.from(s.slice(0, i)).length;

function problem(fr, en) {
  for (const key of ["code", "kind", "loc", "line", "column", "row", "span"]) {
    assert.deepEqual(fr[key], en[key], key);
  }
  const span =
    fr.span != null && fr.input != null ? [chars(fr.input, fr.span.start), chars(fr.input, fr.span.end)] : null;
  return {
    code: fr.code,
    kind: fr.kind,
    loc: fr.loc,
    line: fr.line,
    column: fr.column,
    row: fr.row,
    span,
    message_fr: fr.message,
    message_en: en.message,
    hint_fr: fr.hint,
    hint_en: en.hint,
  };
}

function problems(fr, en) {
  assert.equal(fr.length, en.length);
  assert.ok(fr.length > 0);
  assert.ok(fr.every((p) => p.lang === "fr") && en.every((p) => p.lang === "en"));
  return fr.map((p, i) => problem(p, en[i]));
}

const rejected = (i) => ({
  code: i.code,
  row: i.row,
  column: i.column,
  message_fr: i.message_fr,
  message_en: i.message,
  hint_fr: i.hint_fr,
  hint_en: i.hint,
});

/** `{ok: true}`, or the problems of the CtgError `call(lang)` throws in each language. */
function byLang(call) {
  const got = {};
  for (const lang of ["fr", "en"]) {
    try {
      call(lang);
    } catch (e) {
      assert.ok(ctg.isCtgError(e), `a CtgError, not ${e}`);
      got[lang] = e.problems;
    }
  }
  if (!("fr" in got) && !("en" in got)) return { ok: true };
  assert.ok("fr" in got && "en" in got, "an error in one language only");
  return { problems: problems(got.fr, got.en) };
}

function observations(c, strict) {
  const got = {};
  for (const lang of ["fr", "en"]) {
    try {
      const d = SUNDGAU.evaluate(source(c), { asOf: EXPECTED.as_of, lang, strict }).diagnostics;
      got[lang] = strict ? { used: d.used, ok: true } : { used: d.used, rejected: d.rejected.map(rejected) };
    } catch (e) {
      assert.ok(ctg.isCtgError(e), `a CtgError, not ${e}`);
      got[lang] = e.problems;
    }
  }
  if (Array.isArray(got.fr)) {
    assert.ok(Array.isArray(got.en), "an error in one language only");
    return { problems: problems(got.fr, got.en) };
  }
  assert.deepEqual(got.fr, got.en);
  return got.fr;
}

function answer(c) {
  switch (c.input) {
    case "target":
      return { strict: byLang((lang) => parseTarget(text(c), lang)) };
    case "plan_toml":
      return { strict: byLang((lang) => Plan.fromToml(text(c), lang)) };
    case "plan_json":
      return { strict: byLang((lang) => Plan.fromJson(text(c), lang)) };
    default:
      return { strict: observations(c, true), lenient: observations(c, false) };
  }
}

test("the corpus is there", () => {
  assert.ok(CASES.length >= 150);
  assert.deepEqual(new Set(CASES.map((c) => c.input)), new Set(["target", "plan_toml", "plan_json", "csv", "json"]));
});

for (const c of CASES) {
  test(`bad input: ${c.name}`, () => {
    const want = {};
    for (const k of ["strict", "lenient"]) if (k in c) want[k] = c[k];
    assert.deepEqual(answer(c), want);
  });
}

test("the module is alive after the whole corpus", () => assertAlive());
