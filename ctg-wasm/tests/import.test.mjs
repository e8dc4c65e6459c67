// importPlan: the Sundgau seed text, the .docx fixture's bytes against its text export,
// findings in both languages, and bytes that are not a .docx.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ctg, expectCtgError, repo, readText } from "./support/ctg.mjs";

const { importPlan, Plan } = ctg;
const SEED = readText("ctg-core", "tests", "data", "ctg-sundgau-plan-action-2025-2029.txt");
const DOCX = repo("ctg-core", "tests", "import", "ctg-val-de-brume-plan-action-2024-2027.docx");
const DOCX_TEXT = readText("ctg-core", "tests", "import", "ctg-val-de-brume-plan-action-2024-2027.txt");

test("the seed imports to the Sundgau plan's 25 indicators and targets", () => {
  const { plan, findings, toml, checklist } = importPlan(SEED);
  const sundgau = Plan.sundgau();
  const mine = JSON.parse(plan.toJson()).fiches.flatMap((f) => f.indicators);
  const theirs = JSON.parse(sundgau.toJson()).fiches.flatMap((f) => f.indicators);
  assert.equal(mine.length, 25);
  assert.deepEqual(mine.map((i) => i.id), theirs.map((i) => i.id));
  assert.deepEqual(mine.map((i) => i.target ?? null), theirs.map((i) => i.target ?? null));
  assert.ok(findings.length > 0);
  assert.ok(findings.every((f) => f.kind === "import" && f.lang === "fr"));
  const f31 = findings.filter((f) => f.loc.at(-1) === "f3.1").map((f) => f.code);
  assert.ok(f31.includes("target_from_expected_result"), f31.join());
  assert.match(toml, /# ⚠ interprétation/);
  assert.equal(Plan.fromToml(toml).toJson(), plan.toJson());
  assert.match(checklist, /^# Relecture de l'import : 12 fiches, 25 indicateurs, /);
});

test("findings in English: same codes and places, other words", () => {
  const fr = importPlan(SEED);
  const en = importPlan(SEED, "en");
  assert.deepEqual(en.findings.map((f) => [f.code, f.loc]), fr.findings.map((f) => [f.code, f.loc]));
  assert.ok(en.findings.every((f) => f.lang === "en"));
  assert.notDeepEqual(en.findings.map((f) => f.message), fr.findings.map((f) => f.message));
  assert.match(en.checklist, /^# Import review: /);
  expectCtgError(() => importPlan(SEED, "de"), { kind: "options" });
});

test("the .docx bytes import like its text; text bytes like the text", () => {
  const bytes = readFileSync(DOCX);
  const fromText = importPlan(DOCX_TEXT).plan.toJson();
  const u8 = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  assert.equal(importPlan(u8).plan.toJson(), fromText);
  assert.equal(importPlan(u8.slice().buffer).plan.toJson(), fromText);
  assert.equal(importPlan(new TextEncoder().encode(SEED)).plan.toJson(), importPlan(SEED).plan.toJson());
});

test("bytes that are not a .docx throw a CtgError of kind import", () => {
  for (const [lang, head] of [["fr", /^l'import a 1 problème/], ["en", /^the import has 1 problem/]]) {
    const e = expectCtgError(() => importPlan(new TextEncoder().encode("PK\x03\x04 not a zip"), lang), {
      kind: "import",
      code: "not_a_docx",
    });
    assert.match(e.message, head);
    assert.deepEqual(e.problems.map((p) => [p.code, p.kind, p.lang]), [["not_a_docx", "import", lang]]);
  }
  expectCtgError(() => importPlan(42), { kind: "options", code: "invalid_option" });
});
