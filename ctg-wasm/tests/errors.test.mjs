// Every kind of bad input throws a CtgError carrying code, message, row/column, line/column
// or span, and an errors array — and the module still works right after (a trap would
// poison the instance).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ctg, expectCtgError, assertAlive, readText } from "./support/ctg.mjs";

const { Plan, parseTarget } = ctg;
const plan = Plan.sundgau();
const HEADER = "indicateur;date;valeur\r\n";

test("bad CSV: unknown indicator, with its row, column and a did-you-mean", () => {
  const e = expectCtgError(() => plan.evaluate(HEADER + "f2.1;31/03/2026;3\r\nF2.1;31/03/2026;3\r\n"), {
    kind: "observations",
    code: "unknown_indicator",
    row: 3,
    column: "indicateur",
  });
  assert.equal(e.errors.length, 1);
  assert.equal(e.errors[0].hint, "did you mean `f2.1`?");
  assert.match(e.errors[0].hint_fr, /vouliez-vous dire `f2\.1`/);
  assert.match(e.message, /ligne 3, colonne `indicateur` \[unknown_indicator\]/, "French by default");
});

test("bad CSV: every problem at once, in row order, message in the chosen language", () => {
  const csv = HEADER + "f2.1;31/02/2026;3\r\nf2.1;31/03/2026;-2\r\nf9.9;2026-03-31;beaucoup\r\n";
  const e = expectCtgError(() => plan.evaluate(csv, { lang: "en" }), { code: "type_error", row: 2, column: "date" });
  assert.deepEqual(
    e.errors.map((i) => [i.row, i.column, i.code]),
    [
      [2, "date", "type_error"],
      [3, "valeur", "constraint_error"],
      [4, "indicateur", "unknown_indicator"],
    ],
  );
  assert.match(e.message, /^the observations have 3 problems:/);
});

test("bad CSV: missing column, empty input, broken quotes, not text at all", () => {
  expectCtgError(() => plan.evaluate("indicateur;date\nf2.1;31/03/2026\n"), {
    code: "missing_column",
    row: null,
  });
  expectCtgError(() => plan.evaluate(""), { code: "format_error", row: null, column: null });
  expectCtgError(() => plan.evaluate("   \n\n"), { code: "missing_column", column: "indicator" });
  expectCtgError(() => plan.evaluate('indicateur;date;valeur\nf2.1;"31/03/2026;3\n'));
  expectCtgError(() => plan.evaluate(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x00])));
  expectCtgError(() => plan.evaluate("[1, 2"), { code: "format_error" });
});

test("lenient mode keeps the good rows and reports the others in diagnostics.rejected", () => {
  const csv = readText("ctg-wasm", "tests", "fixtures", "broken-observations.csv");
  const e = expectCtgError(() => plan.evaluate(csv, { asOf: "2026-12-31" }), { code: "unknown_indicator", row: 5 });
  assert.deepEqual(e.errors.map((i) => [i.row, i.column]), [[5, "indicateur"], [6, "date"], [7, "valeur"]]);
  const ev = plan.evaluate(csv, { asOf: "2026-12-31", strict: false });
  assert.equal(ev.diagnostics.used, 3);
  assert.deepEqual(
    ev.diagnostics.rejected.map((i) => [i.row, i.column, i.code]),
    [
      [5, "indicateur", "unknown_indicator"],
      [6, "date", "type_error"],
      [7, "valeur", "type_error"],
    ],
  );
  assert.deepEqual(ev.diagnostics.rejected, e.errors, "same issue objects in both modes");
  assert.equal(ev.fictional, true);
});

test("array of objects: unknown indicator, bad cells, broken items", () => {
  expectCtgError(
    () => plan.evaluate([{ indicator: "f2.1", date: "2026-03-31", value: 3 }, { Indicateur: "f22.1", date: "2026-03-31", value: 3 }]),
    { code: "unknown_indicator", row: 2, column: "Indicateur" },
  );
  expectCtgError(() => plan.evaluate([{ indicator: "f2.1", date: new Date("nope"), value: 3 }]), {
    code: "type_error",
    row: 1,
    column: "date",
  });
  expectCtgError(() => plan.evaluate([{ indicator: "f2.1", date: "2026-03-31", value: NaN }]), {
    code: "constraint_error",
    column: "value",
  });
  expectCtgError(() => plan.evaluate([{ indicator: "f2.1", date: "2026-03-31", value: { n: 3 } }]), {
    code: "format_error",
    row: 1,
    column: "value",
  });
  expectCtgError(() => plan.evaluate([{ indicator: "f2.1", indicateur: "f2.1", date: "2026-03-31", value: 3 }]), {
    code: "duplicate_column",
    row: 1,
    column: "indicateur",
  });
  const e = expectCtgError(() => plan.evaluate([null, 3, "x", [1], { indicator: "f2.1" }]), { code: "format_error", row: 1 });
  assert.deepEqual(e.errors.map((i) => [i.row, i.code]), [
    [1, "format_error"],
    [2, "format_error"],
    [3, "format_error"],
    [4, "format_error"],
    [5, "missing_cell"],
    [5, "missing_cell"],
  ]);
  // Lenient: the broken items are skipped and listed, the good one is used.
  const ev = plan.evaluate([null, { indicator: "f2.1", date: "2026-03-31", value: 3, note: "x" }, { value: [1] }], {
    strict: false,
  });
  assert.equal(ev.diagnostics.used, 1);
  // The core's record reader reports every problem of a row at once, by column.
  assert.deepEqual(ev.diagnostics.rejected.map((i) => [i.row, i.code]), [
    [1, "format_error"],
    [3, "missing_cell"],
    [3, "missing_cell"],
    [3, "format_error"],
  ]);
  // Notes follow the evaluation's language (French by default).
  // By where it is, never by itself (issue 16).
  assert.deepEqual(ev.diagnostics.notes, ["clé 4 de l'observation 2 ignorée : elle ne nomme aucune colonne connue"]);
  const en = plan.evaluate([{ indicator: "f2.1", date: "2026-03-31", value: 3, note: "x" }], { lang: "en" });
  assert.deepEqual(en.diagnostics.notes, ["ignored key 4 of observation 1: it names no known column"]);
  assert.deepEqual(en.toJSON().diagnostics.notes, ["ignored key 4 of observation 1: it names no known column"]);
});

test("observations of the wrong type", () => {
  for (const bad of [42, {}, null, undefined, true, Symbol("x"), () => 1, new Map()]) {
    expectCtgError(() => plan.evaluate(bad), { kind: "observations", code: "format_error", row: null });
  }
});

test("hostile inputs (throwing Proxies, getters) become CtgErrors", () => {
  const boom = () => {
    throw new Error("boom");
  };
  const good = { indicator: "f2.1", date: "2026-03-31", value: 3 };
  const cases = [
    [new Proxy([good], { get: (t, k) => (k === "length" ? boom() : t[k]) }), "format_error"],
    [new Proxy([good], { get: (t, k) => (k === "0" ? boom() : t[k]) }), "format_error"],
    [[new Proxy({}, { ownKeys: boom })], "format_error"],
    [[{ get indicator() { return boom(); }, date: "2026-03-31", value: 3 }], "format_error"],
    [[{ ...good, date: new Proxy(new Date(), {}) }], "type_error"],
    [new Proxy(new Uint8Array([65, 66]), { get: boom }), "format_error"],
    [Proxy.revocable({}, {}).proxy, "format_error"],
  ];
  const revoked = Proxy.revocable([], {});
  revoked.revoke();
  cases.push([revoked.proxy, "format_error"], [[revoked.proxy], "format_error"]);
  for (const [input, code] of cases) {
    expectCtgError(() => plan.evaluate(input), { kind: "observations", code });
  }
  expectCtgError(() => plan.evaluate("", new Proxy({}, { ownKeys: boom })), { kind: "options" });
  expectCtgError(() => plan.evaluate("", { asOf: new Proxy(new Date(), {}) }), { kind: "options" });
});

test("options of the wrong type or unknown", () => {
  for (const options of [{ asOf: "demain" }, { asOf: "2026-02-30" }, { asOf: 20261231 }, { asOf: new Date(NaN) },
    { lang: "de" }, { lang: 1 }, { strict: "yes" }, { asof: "2026-12-31" }, 42, "fr", [1]]) {
    expectCtgError(() => plan.evaluate("", options), { kind: "options", code: "invalid_option" });
  }
});

test("bad targets: code, span in JS string indices, carets", () => {
  let e = expectCtgError(() => parseTarget("> abc", "en"), {
    kind: "target",
    code: "expected_number",
    span: { start: 2, end: 5 },
    snippet: "abc",
    input: "> abc",
    expected: "a number",
  });
  assert.equal(e.errors[0].code, "expected_number");
  assert.match(e.rendered, /\^\^\^/);
  // Non-ASCII before the span: byte offsets become UTF-16 indices.
  e = expectCtgError(() => parseTarget("≥ 70 % entre"), { kind: "target" });
  assert.equal(e.input.slice(e.span.start, e.span.end), e.snippet);
  e = expectCtgError(() => parseTarget("entre 20 et 10"), { code: "invalid_range", span: { start: 6, end: 14 } });
  for (const bad of ["", "( )", ">", "+20", "réalisé avant 20266", "> 10 / jour", "(> 200", "😀 > 3", "\u0000"]) {
    const err = expectCtgError(() => parseTarget(bad), { kind: "target" });
    assert.equal(bad.slice(err.span.start, err.span.end), err.snippet, bad);
  }
});

test("broken plans: every problem with its place", () => {
  const load = (name) => readText("ctg-core", "tests", "plans", name);
  let e = expectCtgError(() => Plan.fromToml(load("broken_syntax.toml")), { kind: "plan", code: "syntax_error", line: 9 });
  assert.equal(e.errors.length, 1);

  e = expectCtgError(() => Plan.fromToml(load("broken_schema.toml")), { code: "schema_error", line: 16 });
  assert.match(e.errors[0].message, /nombre_de_trucs/);

  e = expectCtgError(() => Plan.fromToml(load("broken_targets.toml")), { code: "invalid_target", line: 19, column: 13 });
  assert.deepEqual(
    e.errors.map((i) => [i.code, i.location.indicator, i.location.line, i.location.column]),
    [
      ["invalid_target", "f3.1", 19, 13],
      ["invalid_target", "f3.2", 25, 17],
      ["invalid_target", "f3.3", 31, 12],
      ["incompatible_target", "f3.4", 37, 10],
    ],
  );
  assert.deepEqual(e.errors[0].target.span, { start: 2, end: 5 });
  assert.equal(e.errors[0].target.snippet, "abc");
  assert.equal(e.errors[3].target, undefined);

  e = expectCtgError(() => Plan.fromToml(load("broken_semantics.toml"), "en"), { code: "invalid_id", line: 2 });
  assert.equal(e.errors.length, 18);
  assert.deepEqual(
    e.errors.map((i) => i.code).slice(0, 5),
    ["invalid_id", "duplicate_axis", "outside_period", "incompatible_target", "duplicate_indicator"],
  );
  // Each problem at its node: here the schedule's value.
  assert.deepEqual(e.errors[2].location, { fiche: 1, field: "schedule", line: 19, column: 12 });
  assert.match(e.message, /the plan has 18 problems/);
  for (const issue of e.errors) {
    assert.equal(typeof issue.message_fr, "string");
  }

  expectCtgError(() => Plan.fromJson('{"id": "x", "title": 3}'), { code: "schema_error", line: 1 });
  expectCtgError(() => Plan.fromJson("{"), { code: "syntax_error" });
  expectCtgError(() => Plan.fromJson(""), { code: "syntax_error" });
  expectCtgError(() => Plan.fromToml(""), { kind: "plan" });
});

// A deterministic PRNG, so that a failure replays.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text, rand, n = 4) {
  const chars = [..."0123456789;,.\"'\n\r#-+%/ abcéÿ≥€😀\u0000[]{}=<>"];
  let out = text;
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * (out.length + 1));
    const op = rand();
    if (op < 0.4) out = out.slice(0, at) + chars[Math.floor(rand() * chars.length)] + out.slice(at);
    else if (op < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 8));
    else out = out.slice(0, at) + out.slice(Math.floor(rand() * out.length)).slice(0, 20) + out.slice(at);
  }
  return out;
}

test("malformed inputs never trap: fuzzed CSV, bytes, plans and targets", () => {
  const rand = rng(20261231);
  const csv = readText("examples", "sundgau", "observations.csv").slice(0, 3000);
  const toml = readText("ctg-core", "tests", "plans", "broken_targets.toml");
  const outcomes = { ok: 0, errors: 0 };
  const attempt = (fn) => {
    try {
      fn();
      outcomes.ok++;
    } catch (e) {
      assert.ok(ctg.isCtgError(e), `not a CtgError: ${e?.name}: ${e?.message}`);
      outcomes.errors++;
    }
  };
  for (let i = 0; i < 150; i++) {
    const text = mutate(csv, rand, 1 + Math.floor(rand() * 12));
    attempt(() => plan.evaluate(text, { strict: rand() < 0.5, asOf: rand() < 0.5 ? "2026-06-30" : null }));
    const bytes = new Uint8Array(Math.floor(rand() * 200)).map(() => Math.floor(rand() * 256));
    attempt(() => plan.evaluate(bytes, { strict: false }));
    attempt(() => Plan.fromToml(mutate(toml, rand, 1 + Math.floor(rand() * 6))));
    attempt(() => parseTarget(mutate("entre 10 % et 20 % / an", rand, 1 + Math.floor(rand() * 4))));
  }
  // Extreme but valid dates.
  for (const asOf of ["0001-01-01", "9999-12-31", "1900-01-01", "2200-12-31"]) {
    attempt(() => plan.evaluate(csv, { asOf }));
  }
  attempt(() => plan.evaluate(HEADER + "f2.1;31/12/9999;3\nf2.1;01/01/0001;3\n"));
  attempt(() => plan.evaluate(HEADER + "f2.1;31/03/2026;1e308\nf2.1;31/03/2026;1e308\n", { asOf: "2026-12-31" }));
  attempt(() => plan.evaluate(HEADER + "f2.1;31/03/2026;" + "9".repeat(400) + "\n"));
  attempt(() => Plan.fromJson("[".repeat(10000)));
  attempt(() => Plan.fromToml("a = " + "[".repeat(10000)));
  attempt(() => parseTarget("(".repeat(10000) + "> 1" + ")".repeat(10000)));
  assert.ok(outcomes.errors > 100, JSON.stringify(outcomes));
  assertAlive();
});

// ---- problems: the core's one shape, the same in every runtime ----------------------------

const GOLDEN = JSON.parse(readText("ctg-core", "tests", "problems", "golden.json"));
const PROBLEM_KEYS = [
  "code", "column", "expected", "hint", "input", "kind", "lang", "line", "loc", "message", "row",
  "severity", "span",
];

for (const lang of ["fr", "en"]) {
  test(`problems are the core's, word for word (${lang})`, () => {
    const planError = expectCtgError(() => Plan.fromToml(readText("ctg-core", "tests", "plans", "broken_targets.toml"), lang));
    const targetError = expectCtgError(() => parseTarget("> abc", lang), { kind: "target" });
    const csv = readText("ctg-core", "tests", "problems", "observations.csv");
    const csvError = expectCtgError(() => plan.evaluate(csv, { lang }), { kind: "observations" });
    for (const [what, e] of [["plan", planError], ["target", targetError], ["csv", csvError]]) {
      const golden = GOLDEN[lang][what];
      // The golden file's inputs are ASCII: JS string indices are the core's bytes.
      assert.deepEqual(e.problems, golden.problems, what);
      for (const p of e.problems) {
        assert.deepEqual(Object.keys(p).sort(), PROBLEM_KEYS, what);
        assert.equal(p.lang, lang);
      }
      if (what !== "target") {
        assert.equal(e.message, golden.text, `${what}: the core's list of problems`);
      }
    }
    // A target error's message is its problem's; `rendered` adds the carets.
    assert.equal(targetError.message, GOLDEN[lang].target.problems[0].message);
    assert.equal("- " + targetError.rendered, GOLDEN[lang].target.text.split("\n").slice(1).join("\n"));
  });
}

test("problems speak the language of the call; spans are JS string indices", () => {
  let e = expectCtgError(() => Plan.fromToml('id = "x"\ntitle = ""\nterritory = "T"\nperiod = { start = 2025, end = 2029 }'));
  assert.deepEqual(
    e.problems.map((p) => [p.code, p.loc, p.line, p.column, p.lang, p.message]),
    [["empty_field", ["title"], 2, 9, "fr", "le titre du plan est vide"]],
    "French unless asked, like every other text",
  );
  e = expectCtgError(() => Plan.fromToml('id = "x"\ntitle = ""\nterritory = "T"\nperiod = { start = 2025, end = 2029 }', "en"));
  assert.equal(e.problems[0].message, "the plan title is empty");
  e = expectCtgError(() => Plan.fromJson('{"id": "x", "title": 3}', "fr"), { code: "schema_error", line: 1 });
  assert.match(e.problems[0].message, /^le plan ne suit pas le schéma attendu : invalid type/);
  assert.deepEqual(e.problems[0].loc, ["title"]);
  e = expectCtgError(() => parseTarget("≥ 70 % entre", "fr"), { kind: "target" });
  const [p] = e.problems;
  assert.deepEqual(p.span, e.span);
  assert.equal(p.input.slice(p.span.start, p.span.end), e.snippet);
  assert.match(e.message, /inattendu/);
  assert.match(e.rendered, /^erreur\[/);
  expectCtgError(() => parseTarget(">", "de"), { kind: "options" });
  // Observations: the evaluation's language, French by default; never a participant.
  e = expectCtgError(() => plan.evaluate("indicateur;date;valeur;participant\nf4.1;31/03/2026;;\n"));
  assert.deepEqual(
    e.problems.map((q) => [q.code, q.loc, q.row, q.input, q.lang]),
    [["constraint_error", ["row", 2, "participant"], 2, null, "fr"]],
  );
  assert.equal(e.problems[0].message, e.errors[0].message_fr);
});

test("a list of many problems is cut in the message only", () => {
  const rows = Array.from({ length: 150 }, (_, i) => `f9.${i};31/03/2026;1\n`).join("");
  const e = expectCtgError(() => plan.evaluate("indicateur;date;valeur\n" + rows, { lang: "en" }));
  assert.equal(e.problems.length, 150);
  assert.equal(e.errors.length, 150);
  assert.match(e.message, /\n- … and 50 more \(see `\.errors`\)$/);
});

// Issue 16, "Crashes": a value that is not a string where a string is expected used to
// trap the module ("memory access out of bounds", "unreachable"). It is now an `options`
// CtgError, and the module stays alive.
test("non-string arguments throw a CtgError, never trap (issue 16)", () => {
  const plan = Plan.sundgau();
  const calls = {
    "parseTarget(123)": () => parseTarget(123),
    "parseTarget({length: -1})": () => parseTarget({ length: -1 }),
    "parseTarget(Symbol())": () => parseTarget(Symbol()),
    "parseTarget('> 3', 5)": () => parseTarget("> 3", 5),
    "Plan.fromToml(123)": () => Plan.fromToml(123),
    "Plan.fromToml(Symbol())": () => Plan.fromToml(Symbol()),
    "Plan.fromToml({length: 1e9})": () => Plan.fromToml({ length: 1e9 }),
    "Plan.fromJson(123)": () => Plan.fromJson(123),
    "Plan.fromJson(null)": () => Plan.fromJson(null),
    "Plan.fromToml(text, 7)": () => Plan.fromToml(readText("examples", "sundgau", "plan.toml"), 7),
    "plan.entryWorkbook({})": () => plan.entryWorkbook({}),
    "statuses(1)": () => ctg.statuses(1),
    "resultColumns([])": () => ctg.resultColumns([]),
  };
  for (const [name, call] of Object.entries(calls)) {
    const e = expectCtgError(call, { kind: "options", code: "invalid_option" });
    assert.match(e.message, /must be a string/, name);
  }
  // Omitted or null optional arguments still mean the default.
  assert.equal(parseTarget("> 3", null).kind.type, parseTarget("> 3").kind.type);
  assert.equal(ctg.statuses(undefined).length, ctg.statuses().length);
  // Not bytes: no workbook.
  for (const v of [123, "PK\x03\x04", null, undefined, {}, [80, 75, 3, 4]]) assert.equal(ctg.isWorkbook(v), false);
  assert.equal(ctg.isWorkbook(new Uint8Array([80, 75, 3, 4, 20])), true);
  // An id that is not a string names no plan.
  const evs = ctg.evaluateMany([plan], "territoire;indicateur;date;valeur\nsundgau-2025-2029;f8.1;31/12/2026;3\n");
  assert.equal(evs.get(42), undefined);
  assert.ok(evs.get("sundgau-2025-2029"));
  assertAlive();
});
