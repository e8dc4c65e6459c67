// Shared helpers of the node tests: the nodejs build, the repo's paths, a tiny CSV reader
// (to build arrays of objects from the corpus CSV), and the "still alive" check.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const require = createRequire(import.meta.url);
/** @type {typeof import("../../pkg/ctg_wasm.js")} */
export const ctg = require("../../pkg-node/ctg_wasm.js");

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const repo = (...parts) => join(ROOT, ...parts);
export const readText = (...parts) => readFileSync(repo(...parts), "utf8");

/** Split simple CSV text (no quoted delimiters) into header keys and row objects; empty
 * cells are left out of the objects, as a JS caller with sparse data would. */
export function csvRecords(text, { typed = false } = {}) {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim() !== "" && !l.startsWith("#"));
  const delimiter = lines[0].includes(";") ? ";" : ",";
  const header = lines[0].split(delimiter);
  return lines.slice(1).map((line) => {
    const cells = line.split(delimiter);
    const record = {};
    header.forEach((key, i) => {
      const cell = cells[i] ?? "";
      if (cell === "") return;
      record[key] = typed && /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
    });
    return record;
  });
}

const SUNDGAU_CSV = readFileSync(repo("examples", "sundgau", "observations.csv"), "utf8");
const SUNDGAU_PLAN = ctg.Plan.sundgau();

/** The module still works: a good evaluation right after a bad input. */
export function assertAlive() {
  const ev = SUNDGAU_PLAN.evaluate(SUNDGAU_CSV, { asOf: "2026-12-31" });
  assert.equal(ev.indicators.length, 25);
  assert.equal(ev.diagnostics.used, 605);
}

/** Call `fn`, expect a CtgError, return it; then check the module is still alive. */
export function expectCtgError(fn, fields = {}) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error, "expected a thrown error");
  assert.ok(error instanceof Error, `expected an Error, got ${error}`);
  assert.ok(ctg.isCtgError(error), `expected a CtgError, got ${error?.name}: ${error?.message}`);
  assert.equal(error.name, "CtgError");
  assert.equal(typeof error.message, "string");
  assert.ok(error.message.length > 0);
  assert.ok(Array.isArray(error.errors) && error.errors.length >= 1, "errors array");
  for (const [k, v] of Object.entries(fields)) {
    assert.deepEqual(error[k], v, `error.${k}`);
  }
  assertAlive();
  return error;
}
