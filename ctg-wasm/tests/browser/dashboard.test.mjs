// The dashboard (examples/web/) in Debian's Chromium through playwright-core: loads the page
// served from 127.0.0.1 (scripts/test-wasm.sh starts the server and sets CTG_WEB_URL),
// checks every status chip against the nodejs build's evaluation, uploads the fictional
// CSV, a broken CSV (lenient and strict), a dropped file and a dropped workbook (which loads
// the spreadsheet module), downloads the COPIL report, the CSV and both workbooks (equal to
// the nodejs build's), checks that there is no console
// error and no request leaves the page's origin, and saves screenshots under target/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.mjs";
import { ctg, repo } from "../support/ctg.mjs";

const URL_ = process.env.CTG_WEB_URL;
const ARTIFACTS = process.env.CTG_ARTIFACTS ?? repo("target", "wasm-artifacts");
const EXAMPLE = repo("examples", "sundgau", "observations.csv");
const BROKEN = repo("ctg-wasm", "tests", "fixtures", "broken-observations.csv");

let context;
let page;
let profile;
const consoleProblems = [];
const foreignRequests = [];
const timings = [];

const expected = (path, options) =>
  ctg.Plan.sundgau().evaluate(readFileSync(path), { asOf: "2026-12-31", lang: "fr", strict: false, ...options });

async function waitReady(state = "ready") {
  await page.waitForFunction((s) => document.body.dataset.state === s, state, { timeout: 15000 });
  timings.push(Number(await page.evaluate(() => document.body.dataset.evalMs)));
}

/** Changes the page without reloading, and waits for the re-render. */
async function rerender(action, state = "ready") {
  await page.evaluate(() => {
    document.body.dataset.state = "pending";
  });
  await action();
  await waitReady(state);
}

async function chips() {
  return page.$$eval("[data-indicator]", (els) => Object.fromEntries(els.map((e) => [e.dataset.indicator, e.dataset.status])));
}

before(async () => {
  assert.ok(URL_, "CTG_WEB_URL is set by scripts/test-wasm.sh");
  mkdirSync(ARTIFACTS, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), "ctg-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 1000 },
    locale: "fr-FR",
  });
  page = context.pages()[0] ?? (await context.newPage());
  const origin = new URL(URL_).origin;
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") consoleProblems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => consoleProblems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => consoleProblems.push(`requestfailed: ${r.url()}`));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  await page.goto(URL_);
  await waitReady();
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("loads the Sundgau plan and the FICTIONAL example; every chip matches the evaluation", async () => {
  assert.match(await page.textContent("h1"), /Sundgau/);
  assert.equal(await page.isVisible("#fictional"), true);
  assert.match(await page.textContent("#fictional"), /DONNÉES FICTIVES/);
  assert.match(await page.textContent("#source-name"), /FICTIVES/);
  const ev = expected(EXAMPLE);
  const want = Object.fromEntries(ev.indicators.map((i) => [i.id, i.headline.status]));
  assert.equal(Object.keys(want).length, 25);
  assert.deepEqual(await chips(), want);
  // A chip shows colour, icon and label.
  const chip = await page.$eval('[data-indicator="f2.1"] .chip', (el) => ({
    label: el.querySelector(".chip-label").textContent,
    icon: el.querySelector(".icon").textContent,
    bg: getComputedStyle(el).backgroundColor,
  }));
  const look = {
    achieved: ["Atteint", "✔", "rgb(26, 127, 55)"],
    on_track: ["En bonne voie", "↗", "rgb(76, 175, 80)"],
    at_risk: ["À surveiller", "⚠", "rgb(242, 176, 30)"],
    not_achieved: ["Non atteint", "✖", "rgb(207, 34, 46)"],
  }[want["f2.1"]];
  assert.deepEqual([chip.label, chip.icon, chip.bg], look);
  assert.equal(await page.textContent("#plan-score-value"), `${Math.round(ev.plan.score * 100)} %`);
  assert.equal(await page.$$eval(".fiche", (els) => els.length), 12);
  assert.match(await page.textContent("#diagnostics"), /605\s+observations utilisées/);
  await page.screenshot({ path: join(ARTIFACTS, "dashboard.png"), fullPage: true });
  await page.screenshot({ path: join(ARTIFACTS, "dashboard-top.png") });
});

test("the COPIL report and the CSV download as ctg-core renders them", async () => {
  const ev = expected(EXAMPLE);
  for (const [button, text, name] of [
    ["#export-html", ev.toHtml(), /^rapport-copil-sundgau-2025-2029-2026-12-31\.html$/],
    ["#export-csv", ev.toCsv(), /^resultats-sundgau-2025-2029-2026-12-31\.csv$/],
  ]) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
    assert.match(download.suggestedFilename(), name);
    assert.equal(readFileSync(await download.path(), "utf8"), text, button);
  }
});

test("re-evaluates on each change: language, date", async () => {
  await rerender(() => page.selectOption("#lang", "en"));
  assert.match(await page.textContent("#fictional"), /FICTIONAL DATA/);
  assert.match(await page.textContent("#diagnostics"), /605\s+observations used/);
  const en = expected(EXAMPLE, { lang: "en" });
  assert.equal(await page.textContent('[data-indicator="f1.1"] .explanation'), en.indicators[0].headline.explanation);
  await rerender(() => page.fill("#as-of", "2026-06-30"));
  const mid = expected(EXAMPLE, { asOf: "2026-06-30" });
  assert.deepEqual(await chips(), Object.fromEntries(mid.indicators.map((i) => [i.id, i.headline.status])));
  await rerender(() => page.fill("#as-of", "2026-12-31"));
  await rerender(() => page.selectOption("#lang", "fr"));
  // Several more evaluations, for a stable timing.
  for (const d of ["2025-12-31", "2026-03-31", "2026-09-30", "2026-12-31"]) {
    await rerender(() => page.fill("#as-of", d));
  }
});

test("uploading the fictional CSV gives the same statuses", async () => {
  await rerender(() => page.setInputFiles("#file", EXAMPLE));
  assert.match(await page.textContent("#source-name"), /observations\.csv/);
  assert.equal(await page.isVisible("#fictional"), true, "the file declares itself fictional");
  assert.deepEqual(await chips(), Object.fromEntries(expected(EXAMPLE).indicators.map((i) => [i.id, i.headline.status])));
});

test("a broken CSV: lenient lists the rejected rows, strict shows the error list", async () => {
  await rerender(() => page.setInputFiles("#file", BROKEN));
  const rejected = await page.$$eval("#diagnostics tbody tr", (rows) =>
    rows.map((r) => [Number(r.dataset.row), r.dataset.column, r.dataset.code]),
  );
  assert.deepEqual(rejected, [
    [5, "indicateur", "unknown_indicator"],
    [6, "date", "type_error"],
    [7, "valeur", "type_error"],
  ]);
  assert.match(await page.textContent("#diagnostics"), /3 lignes rejetées/);
  assert.match(await page.textContent("#diagnostics"), /vouliez-vous dire/);
  assert.deepEqual(await chips(), Object.fromEntries(expected(BROKEN).indicators.map((i) => [i.id, i.headline.status])));
  await page.screenshot({ path: join(ARTIFACTS, "dashboard-lenient.png"), fullPage: true });

  await rerender(() => page.check("input[name=mode][value=strict]"), "error");
  assert.equal(await page.isVisible("#errors"), true);
  assert.equal(await page.isVisible("#results"), false);
  const errors = await page.$$eval("#errors tbody tr", (rows) => rows.map((r) => [Number(r.dataset.row), r.dataset.column]));
  assert.deepEqual(errors, [[5, "indicateur"], [6, "date"], [7, "valeur"]]);
  assert.match(await page.textContent("#errors h2"), /3 problèmes/);
  await page.screenshot({ path: join(ARTIFACTS, "dashboard-strict.png") });
  await rerender(() => page.selectOption("#lang", "en"), "error");
  assert.match(await page.textContent("#errors h2"), /3 problems/);
  await rerender(() => page.selectOption("#lang", "fr"), "error");
  await rerender(() => page.check("input[name=mode][value=lenient]"));
});

test("a dropped file is evaluated; the example comes back with its button", async () => {
  const csv = "indicateur;date;valeur\r\nf2.1;15/09/2026;240\r\nf8.1;31/12/2026;20\r\n";
  await rerender(() =>
    page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], "depose.csv", { type: "text/csv" }));
      window.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, csv),
  );
  assert.match(await page.textContent("#source-name"), /depose\.csv/);
  assert.equal(await page.isVisible("#fictional"), false);
  const got = await chips();
  assert.equal(got["f2.1"], "achieved");
  assert.equal(got["f8.1"], "not_achieved");
  await rerender(() => page.click("#example"));
  assert.equal(await page.isVisible("#fictional"), true);
});

test("a plan document is imported: its findings are listed, a CSV is evaluated against it", async () => {
  const DOCX = repo("ctg-core", "tests", "import", "ctg-val-de-brume-plan-action-2024-2027.docx");
  const csv = "# Données fictives\nindicateur;date;valeur\nf1.2.2;15/06/2025;1\nf1.1.2;10/03/2025;3\n";
  await rerender(() => page.setInputFiles("#plan-file", DOCX));
  // The imported plan replaces the Sundgau plan, with the same core import as node's.
  const imported = ctg.importPlan(readFileSync(DOCX), "fr");
  assert.equal(await page.textContent("h1"), imported.plan.title);
  assert.match(await page.textContent("#plan-name"), /val-de-brume.*\.docx/);
  assert.equal(await page.isVisible("#findings"), true);
  const findings = await page.$$eval("#findings li", (els) => els.map((e) => [e.dataset.code, e.dataset.severity]));
  assert.deepEqual(findings, imported.findings.map((f) => [f.code, f.severity]));
  assert.ok(findings.length > 0 && findings.some(([, s]) => s === "interpretation"));
  assert.match(await page.textContent("#findings h2"), /Import du plan : \d+ points? à vérifier/);
  // The reviewed plan downloads as core writes it.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-plan")]);
  assert.equal(download.suggestedFilename(), "ctg-val-de-brume-plan-action-2024-2027.toml");
  assert.equal(readFileSync(await download.path(), "utf8"), imported.toml);
  // Observations evaluated against the imported plan.
  await rerender(() => page.fill("#as-of", "2025-12-31"));
  await rerender(() => page.setInputFiles("#file", { name: "val-de-brume.csv", mimeType: "text/csv", buffer: Buffer.from(csv) }));
  const ev = imported.plan.evaluate(csv, { asOf: "2025-12-31", lang: "fr", strict: false });
  assert.deepEqual(await chips(), Object.fromEntries(ev.indicators.map((i) => [i.id, i.headline.status])));
  assert.equal((await chips())["f1.2.2"], "achieved");
  await page.screenshot({ path: join(ARTIFACTS, "dashboard-imported-plan.png"), fullPage: true });
  // In English, the findings are rendered in English.
  await rerender(() => page.selectOption("#lang", "en"));
  assert.match(await page.textContent("#findings h2"), /Plan import: \d+ points? to check/);
  const en = ctg.importPlan(readFileSync(DOCX), "en");
  const first = await page.textContent("#findings li");
  assert.equal(await page.$$eval("#findings li", (els) => els.length), en.findings.length);
  assert.ok(first.includes(en.findings[0].message.replace(/`/g, "")), `${first} / ${en.findings[0].message}`);
  await rerender(() => page.selectOption("#lang", "fr"));
  // A broken plan document: its problems, and the plan in force stays.
  await rerender(() => page.setInputFiles("#plan-file", { name: "casse.docx", mimeType: "application/octet-stream", buffer: Buffer.from("PK\x03\x04pas un docx") }));
  assert.match(await page.textContent("#findings h2"), /Le plan ne se charge pas/);
  assert.equal(await page.textContent("h1"), imported.plan.title);
  // Back to the Sundgau plan and its example.
  await rerender(() => page.click("#sundgau"));
  assert.match(await page.textContent("h1"), /Sundgau/);
  assert.equal(await page.isVisible("#findings"), false);
  await rerender(() => page.fill("#as-of", "2026-12-31"));
  await rerender(() => page.click("#example"));
  assert.equal(Object.keys(await chips()).length, 25);
});

test("a dropped workbook loads the spreadsheet module; both workbooks download and read back", async () => {
  const WORKBOOK = repo("ctg-core", "tests", "corpus", "spreadsheets", "sundgau-grille-remplie.xlsx");
  // The main module serves until a workbook comes; it reads and writes no workbook, and
  // says so with ctg-core's codes.
  assert.equal(await page.evaluate(() => document.body.dataset.spreadsheets ?? ""), "");
  const main = await page.evaluate(async (data) => {
    const m = await import(new URL("../../ctg-wasm/pkg/ctg_wasm.js", location.href).href);
    const plan = m.Plan.sundgau();
    const codes = [];
    for (const call of [() => plan.entryWorkbook(), () => plan.evaluate(new Uint8Array(data))]) {
      try {
        call();
      } catch (e) {
        codes.push([e.kind, e.code, m.isWorkbook(new Uint8Array(data))]);
      }
    }
    plan.free();
    return codes;
  }, [...readFileSync(WORKBOOK)]);
  assert.deepEqual(main, [["workbook", "spreadsheet_unsupported", true], ["observations", "format_error", true]]);
  await rerender(() =>
    page.evaluate((data) => {
      const dt = new DataTransfer();
      const type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      dt.items.add(new File([new Uint8Array(data)], "suivi-2026.xlsx", { type }));
      window.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [...readFileSync(WORKBOOK)]),
  );
  assert.equal(await page.evaluate(() => document.body.dataset.spreadsheets), "loaded");
  assert.match(await page.textContent("#source-name"), /suivi-2026\.xlsx/);
  const ev = expected(WORKBOOK);
  assert.deepEqual(await chips(), Object.fromEntries(ev.indicators.map((i) => [i.id, i.headline.status])));
  await page.screenshot({ path: join(ARTIFACTS, "dashboard-workbook.png"), fullPage: true });

  // The results workbook: the node build's bytes for the same evaluation (ctg writes the
  // same workbook for the same input), and the reader opens it again.
  const [results] = await Promise.all([page.waitForEvent("download"), page.click("#export-xlsx")]);
  assert.equal(results.suggestedFilename(), "resultats-sundgau-2025-2029-2026-12-31.xlsx");
  const resultBytes = readFileSync(await results.path());
  assert.deepEqual(new Uint8Array(resultBytes), ev.toExcel({ lang: "fr" }));
  let reread;
  try {
    ctg.Plan.sundgau().evaluate(resultBytes);
  } catch (e) {
    reread = e;
  }
  assert.equal(reread?.code, "missing_column");
  assert.deepEqual(reread.problems[0].loc.slice(0, 2), ["sheet", "Résultats"]);

  // The entry workbook of the plan in use: empty, it reads to no observation.
  const [entry] = await Promise.all([page.waitForEvent("download"), page.click("#export-entry")]);
  assert.equal(entry.suggestedFilename(), "grille-de-saisie-sundgau-2025-2029.xlsx");
  const entryBytes = readFileSync(await entry.path());
  assert.deepEqual(new Uint8Array(entryBytes), ctg.Plan.sundgau().entryWorkbook("fr"));
  assert.equal(ctg.Plan.sundgau().evaluate(entryBytes).diagnostics.used, 0);

  // Back to the example (CSV), now through the spreadsheet module.
  await rerender(() => page.click("#example"));
  assert.equal(Object.keys(await chips()).length, 25);
});

test("no console error, no request outside the page's origin; evaluate() timing", () => {
  assert.deepEqual(consoleProblems, []);
  assert.deepEqual(foreignRequests, []);
  const sorted = [...timings].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const report = { runs: timings.length, median_ms: median, min_ms: sorted[0], max_ms: sorted.at(-1), first_ms: timings[0] };
  writeFileSync(join(ARTIFACTS, "timings.json"), JSON.stringify(report, null, 2) + "\n");
  console.log(`# page evaluate() on the Sundgau data: median ${median} ms over ${timings.length} runs (first ${timings[0]} ms, max ${sorted.at(-1)} ms)`);
  assert.ok(median < 100, `evaluate() takes ${median} ms`);
});
