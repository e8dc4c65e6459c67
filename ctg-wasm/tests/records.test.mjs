// Replays the records corpus (ctg-core/tests/corpus/records/*.json) with native JS values:
// `Date`s for dates and timestamps, objects and arrays for unsupported cells. The answer
// (what the evaluation saw, or the problems in French and English) must deep-equal the
// golden JSON written by the Rust test ctg-core/tests/records.rs, whatever the zone of the
// runtime (`process.env.TZ`, switched per case). Then what only JS has: Symbols, getters
// that throw, functions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { ctg, repo } from "./support/ctg.mjs";

const dir = repo("ctg-core", "tests", "corpus", "records");
const PLAN = readFileSync(`${dir}/plan.toml`, "utf8");
const cases = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const ZONES = ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Pacific/Kiritimati"];

/** A fixed-offset zone (`Etc/GMT-2` is UTC+02:00). */
function fixedZone(minutes) {
  assert.ok(minutes % 60 === 0, "whole hours only");
  const h = minutes / 60;
  return h === 0 ? "UTC" : `Etc/GMT${h > 0 ? "-" : "+"}${Math.abs(h)}`;
}

function cell(v) {
  if (v === null || typeof v !== "object") return v;
  if ("$date" in v) return new Date(v.$date); // midnight UTC
  if ("$timestamp" in v) return new Date(v.$timestamp); // an instant; its zone is the runtime's
  if ("$naive" in v) {
    const [d, t] = v.$naive.split("T");
    const [y, mo, day] = d.split("-").map(Number);
    const [h, mi, s] = t.split(":").map(Number);
    return new Date(y, mo - 1, day, h, mi, s); // wall-clock time, local
  }
  if ("$unsupported" in v) {
    return { object: { n: 1 }, array: [1], function: () => 1, symbol: Symbol("s") }[v.$unsupported];
  }
  throw new Error(`unknown cell ${JSON.stringify(v)}`);
}

const item = (v) => (Array.isArray(v) ? Object.fromEntries(v.map(([k, c]) => [k, cell(c)])) : v.$item);

/** The same projection of the evaluation's JSON view as the Rust test's `seen`. */
function seen(view) {
  const windows = [];
  for (const ind of view.indicators) {
    for (const w of ind.windows) {
      if (w.observations > 0) windows.push([ind.id, w.start, w.observations, w.value, w.done_on, w.assessment]);
    }
  }
  const d = view.diagnostics;
  return { windows, used: d.used, rejected: d.rejected, notes: d.notes };
}

function answer(plan, records, lenient) {
  const run = (lang) => plan.evaluate(records(), { asOf: "2026-12-31", lang, strict: !lenient });
  try {
    return { seen: seen(run("en").toJSON()) };
  } catch (e) {
    if (!ctg.isCtgError(e)) throw e;
    const fr = (() => {
      try {
        run("fr");
      } catch (f) {
        return f.problems;
      }
    })();
    return { problems: { en: e.problems, fr } };
  }
}

function offsets(records) {
  const found = new Set();
  for (const r of records) {
    if (Array.isArray(r)) for (const [, c] of r) if (c && typeof c === "object" && "$timestamp" in c) found.add(c.offset);
  }
  return [...found];
}

test("the records corpus has its cases", () => {
  assert.ok(cases.length >= 9, `${cases.length} cases`);
});

const savedTz = process.env.TZ;

for (const file of cases) {
  const spec = JSON.parse(readFileSync(`${dir}/${file}`, "utf8"));
  const golden = JSON.parse(readFileSync(`${dir}/golden/${file}`, "utf8"));
  // A key written twice in one record cannot be a JS object.
  const literalDuplicate = spec.records.some((r) => Array.isArray(r) && new Set(r.map(([k]) => k)).size !== r.length);
  const found = offsets(spec.records);
  assert.ok(found.length <= 1, `${file}: one offset per case`);
  const zones = found.length ? [fixedZone(found[0])] : ZONES;
  test(`${file} (${zones.join(", ")})`, { skip: literalDuplicate && "a JS object has no duplicate key" }, () => {
    const plan = ctg.Plan.fromToml(PLAN);
    try {
      for (const zone of zones) {
        process.env.TZ = zone;
        assert.deepEqual(answer(plan, () => spec.records.map(item), spec.lenient), golden, zone);
      }
    } finally {
      process.env.TZ = savedTz;
      plan.free();
    }
  });
}

test("a JS Date means the same day in every zone (midnight UTC or local midnight)", () => {
  const plan = ctg.Plan.fromToml(PLAN);
  try {
    for (const zone of ZONES.concat(["America/Los_Angeles", "Pacific/Pago_Pago", "Asia/Tokyo"])) {
      process.env.TZ = zone;
      const records = [
        { indicator: "m1", date: new Date("2026-03-31"), value: true },
        { indicator: "m2", date: new Date(2026, 2, 31), value: true },
        { indicator: "m3", date: new Date(2026, 2, 31, 18, 45), value: true },
      ];
      const ev = plan.evaluate(records, { asOf: new Date("2026-12-31"), lang: "en" });
      assert.equal(ev.as_of, "2026-12-31", zone);
      const done = ["m1", "m2", "m3"].map((id) => ev.toJSON().indicators.find((i) => i.id === id).windows[0].done_on);
      assert.deepEqual(done, ["2026-03-31", "2026-03-31", "2026-03-31"], zone);
    }
  } finally {
    process.env.TZ = savedTz;
    plan.free();
  }
});

test("what only JS has: Symbol keys, getters that throw, functions — the core's typed problems", () => {
  const plan = ctg.Plan.fromToml(PLAN);
  try {
    const good = { indicator: "c", date: "2026-01-15", value: 1 };
    const ev = plan.evaluate([{ ...good, [Symbol("valeur")]: 2 }], { lang: "en" });
    assert.deepEqual(ev.diagnostics.notes, ["ignored key 4 of observation 1: it names no known column"]);
    const boom = () => {
      throw new Error("boom");
    };
    const records = [
      {
        indicator: "c",
        get date() {
          return boom();
        },
        value: 1,
      },
      { ...good, value: () => 1 },
      { ...good, value: Symbol("v") },
      { ...good, value: 10n },
    ];
    const rejected = plan.evaluate(records, { lang: "en", strict: false }).diagnostics.rejected;
    assert.deepEqual(
      rejected.map((i) => [i.row, i.code, i.column, i.message]),
      [
        [1, "format_error", "date", "`date` must be a string, a number, a boolean, a Date or null, not an unreadable property"],
        [2, "format_error", "value", "`value` must be a string, a number, a boolean, a Date or null, not a function"],
        [3, "format_error", "value", "`value` must be a string, a number, a boolean, a Date or null, not a symbol"],
      ],
    );
  } finally {
    plan.free();
  }
});
