// Issue 16: every exported function and method, every argument, every kind of bad value.
// Each call works or throws a `CtgError`; never a trap (`RuntimeError`, which would poison
// the module instance) nor a raw `TypeError` from the glue. The exports are enumerated, so
// a new function or method is swept without being listed here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ctg, readText, assertAlive } from "./support/ctg.mjs";

const CSV = readText("examples", "sundgau", "observations.csv");
const TOML = readText("examples", "sundgau", "plan.toml");

/** A detached ArrayBuffer (its bytes moved away), and views of one. */
function detached() {
  const buf = new ArrayBuffer(16);
  structuredClone(buf, { transfer: [buf] });
  return buf;
}
function detachedView() {
  const view = new Uint8Array(16);
  structuredClone(view.buffer, { transfer: [view.buffer] });
  return view;
}

/** An object every read of which throws (a revoked proxy). */
function revoked() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** An object whose every property read throws. */
const hostile = () =>
  new Proxy({}, { get() { throw new Error("hostile getter"); }, ownKeys() { throw new Error("hostile keys"); } });

/** The bad values, by name (fresh for each call). */
const BAD = {
  undefined: () => undefined,
  null: () => null,
  zero: () => 0,
  number: () => 123,
  negative: () => -1,
  NaN: () => NaN,
  Infinity: () => Infinity,
  huge_number: () => 2 ** 53 + 2,
  bigint: () => 10n,
  symbol: () => Symbol("bad"),
  function: () => () => 1,
  true: () => true,
  empty_object: () => ({}),
  null_prototype: () => Object.create(null),
  empty_array: () => [],
  array_of_numbers: () => [1, 2, 3],
  length_minus_one: () => ({ length: -1 }),
  length_huge: () => ({ length: 2 ** 32 + 1 }),
  string: () => "indicateur;date;valeur",
  empty_string: () => "",
  lone_surrogate: () => "\uD800>",
  bytes: () => new Uint8Array([0xff, 0x00, 0x01]),
  array_buffer: () => new ArrayBuffer(4),
  detached_buffer: detached,
  detached_view: detachedView,
  date: () => new Date(NaN),
  revoked_proxy: revoked,
  hostile_proxy: hostile,
  huge_object: () => Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])),
};

/** Methods that are not calls on a value: wasm-bindgen's memory management. */
const SKIP = new Set(["constructor", "free", "__destroy_into_raw", "__wrap", "__unwrap"]);

function methods(proto) {
  return Object.getOwnPropertyNames(proto).filter((name) => {
    if (SKIP.has(name)) return false;
    const d = Object.getOwnPropertyDescriptor(proto, name);
    return typeof d.value === "function";
  });
}

function getters(proto) {
  return Object.getOwnPropertyNames(proto).filter((name) => {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    return typeof d.get === "function";
  });
}

/** Fresh receivers, by class name (a method may take its receiver by value). */
const receivers = {
  Plan: () => ctg.Plan.sundgau(),
  Evaluation: () => ctg.Plan.sundgau().evaluate(CSV, { asOf: "2026-12-31" }),
  Evaluations: () => ctg.evaluateMany([ctg.Plan.sundgau()], CSV, { asOf: "2026-12-31" }),
};

/** Every callable: [label, receiver factory or null, function]. */
function callables() {
  const out = [];
  for (const [name, value] of Object.entries(ctg)) {
    if (typeof value !== "function") continue;
    const isClass = /^[A-Z]/.test(name) && value.prototype && methods(value.prototype).length > 0;
    if (!isClass) {
      out.push([name, null, value]);
      continue;
    }
    for (const m of methods(value)) {
      if (SKIP.has(m) || ["length", "name", "prototype"].includes(m)) continue;
      out.push([`${name}.${m}`, () => value, value[m]]);
    }
    if (receivers[name]) {
      for (const m of methods(value.prototype)) out.push([`${name}#${m}`, receivers[name], value.prototype[m]]);
    }
  }
  return out;
}

/** Run one call; a failure message, or null when it worked or threw a CtgError. */
function attempt(label, receiver, fn, args) {
  try {
    const result = fn.apply(receiver ? receiver() : undefined, args);
    if (result && typeof result.free === "function" && !receivers[result.constructor?.name]) {
      result.free();
    }
    return null;
  } catch (e) {
    if (e && e.name === "CtgError" && typeof e.code === "string" && typeof e.kind === "string") {
      return null;
    }
    return `${label}(${args.map(describe).join(", ")}): ${e?.constructor?.name}: ${e?.message}`;
  }
}

function describe(v) {
  try {
    if (typeof v === "symbol") return "Symbol()";
    if (typeof v === "bigint") return `${v}n`;
    if (typeof v === "function") return "function";
    if (v instanceof Uint8Array) return `Uint8Array(${v.byteLength})`;
    if (v instanceof ArrayBuffer) return `ArrayBuffer(${v.byteLength})`;
    return JSON.stringify(v)?.slice(0, 30) ?? String(v);
  } catch {
    return "<object>";
  }
}

test("the sweep sees every export", () => {
  const labels = callables().map(([l]) => l);
  for (const expected of [
    "parseTarget", "callJson", "statuses", "importPlan", "isWorkbook", "evaluateMany", "pseudonymise",
    "Plan.fromToml", "Plan.fromJson", "Plan.sundgau", "Plan#evaluate", "Evaluation#toHtml",
    "Evaluation#toCsv", "Evaluations#toHtml",
  ]) {
    assert.ok(labels.includes(expected), `${expected} not in ${labels.join(", ")}`);
  }
  assert.ok(labels.length >= 30, `${labels.length} callables`);
});

for (const [label, receiver, fn] of callables()) {
  test(`every bad argument of ${label} is a CtgError or works`, () => {
    const arity = Math.max(fn.length, 1) + 1;
    const failures = [];
    for (const [name, make] of Object.entries(BAD)) {
      // The bad value at each position, the others undefined; then everywhere at once.
      for (let i = 0; i < arity; i++) {
        const args = Array.from({ length: arity }, () => undefined);
        args[i] = make();
        const f = attempt(label, receiver, fn, args);
        if (f) failures.push(`[${name} at ${i}] ${f}`);
      }
      const all = Array.from({ length: arity }, () => make());
      const f = attempt(label, receiver, fn, all);
      if (f) failures.push(`[${name} everywhere] ${f}`);
    }
    assertAlive();
    assert.deepEqual(failures, []);
  });
}

test("getters of the classes never trap", () => {
  for (const [name, make] of Object.entries(receivers)) {
    const proto = ctg[name].prototype;
    const obj = make();
    for (const g of getters(proto)) {
      try {
        void obj[g];
      } catch (e) {
        assert.equal(e.name, "CtgError", `${name}.${g}: ${e}`);
      }
    }
  }
  assertAlive();
});

test("a valid call still works after the sweep (plan from TOML, evaluation)", () => {
  const plan = ctg.Plan.fromToml(TOML);
  const ev = plan.evaluate(CSV, { asOf: "2026-12-31" });
  assert.equal(ev.indicators.length, 25);
});
