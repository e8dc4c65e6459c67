// The web modules' sizes against ctg-wasm/size-budget.json (issue 17): each module's
// gzipped bytes (zlib, level 9, as a server's static gzip would send them) must be within
// its budget. Prints every size, and how far the main module still is from its aim.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { gzipSync, constants } from "node:zlib";
import { repo } from "./support/ctg.mjs";

const budget = JSON.parse(readFileSync(repo("ctg-wasm", "size-budget.json"), "utf8"));

test("every web module is within its gzipped size budget", () => {
  const lines = [];
  const over = [];
  for (const [file, b] of Object.entries(budget.modules)) {
    const bytes = readFileSync(repo("ctg-wasm", "pkg", file));
    const gz = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
    const aim = b.aim ? `; aim ${b.aim.toLocaleString("en")} B (${(gz / b.aim).toFixed(2)}x)` : "";
    lines.push(`${file}: ${bytes.length.toLocaleString("en")} B raw, ${gz.toLocaleString("en")} B gzipped, budget ${b.gzip_budget.toLocaleString("en")} B${aim}`);
    if (gz > b.gzip_budget) over.push(`${file}: ${gz} B gzipped is over its budget of ${b.gzip_budget} B`);
  }
  for (const l of lines) console.log(l);
  mkdirSync(repo("target", "wasm-artifacts"), { recursive: true });
  writeFileSync(repo("target", "wasm-artifacts", "size-check.txt"), lines.join("\n") + "\n");
  assert.deepEqual(over, []);
});
