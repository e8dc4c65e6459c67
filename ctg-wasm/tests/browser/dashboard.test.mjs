// The dashboard (examples/web/) in Debian's Chromium through playwright-core: loads the page
// served from 127.0.0.1 (scripts/test-wasm.sh starts the server and sets CTG_WEB_URL),
// checks every status chip against the nodejs build's evaluation, uploads the fictional
// CSV, a broken CSV (lenient and strict), a dropped file and a dropped workbook (which loads
// the full module), loads a JSON plan (main module), a TOML plan and a plan document (full
// module), downloads the COPIL report, the CSV and both workbooks and opens the report in a
// tab (equal to the nodejs build's), keeps the date and language in the address, works
// offline through its service worker, is used with the keyboard only, passes axe-core with
// no violation (French and English, ready and error states), times evaluate() in the page
// (target/wasm-artifacts/timings.json), checks that there is no console error and no request
// leaves the page's origin, and saves screenshots under target/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
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

const expected = (path, options) =>
  ctg.Plan.sundgau().evaluate(readFileSync(path), { asOf: "2026-12-31", lang: "fr", strict: false, ...options });

async function waitReady(state = "ready") {
  await page.waitForFunction((s) => document.body.dataset.state === s, state, { timeout: 15000 });
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

const statusesOf = (ev) => Object.fromEntries(ev.indicators.map((i) => [i.id, i.headline.status]));

/** The page's address, parsed. */
const address = () => new URL(page.url());

/** Loads the dashboard afresh (optionally with a query) and waits for it. */
async function open(query = "") {
  await page.goto(URL_ + query);
  await waitReady();
}

/** axe-core on the page as it is: no violation, or the list in the failure message. */
async function assertAccessible(what) {
  const result = await new AxeBuilder({ page }).analyze();
  const found = result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")} — ${n.failureSummary}`).join("\n")}`,
  );
  assert.deepEqual(found, [], `axe violations, ${what}:\n${found.join("\n")}`);
}

/** Press Tab (Shift+Tab with `back`) until the focus is on `selector`. */
async function tabTo(selector, { back = false, max = 120 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
  }
  assert.fail(`the keyboard never reached ${selector}`);
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
  // Every request of the context (the service worker's and the report tab's too): none
  // leaves the page's origin.
  context.on("request", (r) => {
    const url = r.url();
    if (!(url.startsWith(origin + "/") || url.startsWith("data:") || url.startsWith("blob:"))) foreignRequests.push(url);
  });
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

test("the service worker controls the page and has precached it", async () => {
  await page.evaluate(() => navigator.serviceWorker.ready);
  // sw.js claims the page that registered it: no second visit needed.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  const sw = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n.startsWith("ctg-dashboard-")));
    return { names, script: navigator.serviceWorker.controller.scriptURL, keys: (await cache.keys()).map((r) => new URL(r.url).pathname) };
  });
  assert.match(sw.script, /\/examples\/web\/sw\.js$/);
  assert.equal(sw.names.filter((n) => n.startsWith("ctg-dashboard-")).length, 1, "one versioned cache");
  for (const path of ["/examples/web/", "/examples/web/index.html", "/examples/web/app.js", "/examples/web/style.css",
    "/ctg-wasm/pkg/ctg_wasm.js", "/ctg-wasm/pkg/ctg_wasm_bg.wasm", "/examples/sundgau/observations.csv"]) {
    assert.ok(sw.keys.includes(path), `${path} precached (${sw.keys})`);
  }
  // The full module is cached when first used, not before.
  assert.ok(!sw.keys.some((k) => k.includes("xlsx")), "the full module is not precached");
  assert.equal(await page.textContent("#offline"), "Disponible hors ligne");
});

test("the date and the language are kept in the address", async () => {
  // The address written after each evaluation.
  assert.equal(address().searchParams.get("date"), "2026-12-31");
  assert.equal(address().searchParams.get("lang"), "fr");
  // Read on load.
  await open("?lang=en&date=2026-06-30");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.inputValue("#lang"), "en");
  assert.equal(await page.inputValue("#as-of"), "2026-06-30");
  assert.match(await page.textContent("#fictional"), /FICTIONAL DATA/);
  assert.deepEqual(await chips(), statusesOf(expected(EXAMPLE, { asOf: "2026-06-30", lang: "en" })));
  assert.match(await page.textContent("#plan-score .as-of"), /as of 30 Jun 2026/);
  // A change writes it back (without a history entry per change).
  const length = await page.evaluate(() => history.length);
  await rerender(() => page.fill("#as-of", "2026-09-30"));
  assert.equal(address().search, "?lang=en&date=2026-09-30");
  await rerender(() => page.selectOption("#lang", "fr"));
  assert.equal(address().searchParams.get("lang"), "fr");
  assert.equal(await page.evaluate(() => history.length), length);
  // The empty date (latest observation) is a choice too.
  await rerender(() => page.fill("#as-of", ""));
  assert.equal(address().searchParams.get("date"), "");
  await open("?date=");
  assert.equal(await page.inputValue("#as-of"), "");
  assert.match(await page.textContent("#plan-score .as-of"), /dernière observation/);
  // Values the page does not know are ignored: the defaults stay, nothing breaks.
  for (const query of ["?lang=de&date=2026-02-30", "?date=31/12/2026&lang=", "?date=<script>&lang=EN", "?lang=toString&date=2026-1-1", "?date=2026-13-01&lang=fr&lang=en"]) {
    await open(query);
    assert.equal(await page.getAttribute("html", "lang"), "fr", query);
    assert.equal(await page.inputValue("#as-of"), "2026-12-31", query);
    assert.deepEqual(await chips(), statusesOf(expected(EXAMPLE)), query);
  }
  // Back to the plain address for the tests below.
  await open();
  assert.equal(address().search, "?date=2026-12-31&lang=fr");
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

/** Click « Rapport COPIL » (or press a key on it) and return what the new tab shows. */
async function reportTab(action) {
  const [tab] = await Promise.all([context.waitForEvent("page"), action()]);
  await tab.waitForLoadState();
  const opened = {
    url: tab.url(),
    title: await tab.title(),
    fiches: await tab.$$eval("article.fiche", (els) => els.length),
    // The document's own bytes (the Blob), not the DOM serialised back.
    html: await tab.evaluate(() => fetch(location.href).then((r) => r.text())),
  };
  await tab.close();
  return opened;
}

test("« Rapport COPIL » opens ctg-core's HTML report of the evaluation in a new tab", async () => {
  assert.equal(await page.textContent("#open-report"), "Rapport COPIL");
  const fr = await reportTab(() => page.click("#open-report"));
  assert.match(fr.url, /^blob:http/);
  assert.equal(fr.html, expected(EXAMPLE).toHtml({ lang: "fr" }));
  assert.equal(fr.fiches, 12);
  assert.match(fr.title, /Sundgau/);
  await rerender(() => page.selectOption("#lang", "en"));
  assert.equal(await page.textContent("#open-report"), "COPIL report");
  const en = await reportTab(() => page.click("#open-report"));
  assert.equal(en.html, expected(EXAMPLE, { lang: "en" }).toHtml({ lang: "en" }));
  assert.notEqual(en.url, fr.url, "a new Blob URL (the previous one is revoked)");
  await rerender(() => page.selectOption("#lang", "fr"));
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
  // A JSON plan is read by the main module: the full module is not loaded for it.
  const json = ctg.Plan.sundgau().toJson();
  await rerender(() => page.setInputFiles("#plan-file", { name: "sundgau.json", mimeType: "application/json", buffer: Buffer.from(json) }));
  assert.match(await page.textContent("#findings h2"), /aucune interprétation/);
  assert.deepEqual(await chips(), statusesOf(expected(EXAMPLE)));
  assert.equal(await page.evaluate(() => document.body.dataset.spreadsheets ?? ""), "");
  // A plan document: importPlan is in the full module, loaded first.
  await rerender(() => page.setInputFiles("#plan-file", DOCX));
  assert.equal(await page.evaluate(() => document.body.dataset.spreadsheets), "loaded");
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
  // A TOML plan (Plan.fromToml, full module): the Sundgau plan as a file.
  await rerender(() => page.setInputFiles("#plan-file", repo("examples", "sundgau", "plan.toml")));
  assert.match(await page.textContent("#plan-name"), /plan\.toml/);
  assert.match(await page.textContent("#findings h2"), /aucune interprétation/);
  assert.deepEqual(await chips(), statusesOf(expected(EXAMPLE)));
  await rerender(() => page.click("#sundgau"));
  assert.equal(await page.isVisible("#findings"), false);
});

test("a dropped workbook loads the spreadsheet module; both workbooks download and read back", async () => {
  const WORKBOOK = repo("ctg-core", "tests", "corpus", "spreadsheets", "sundgau-grille-remplie.xlsx");
  // A fresh page: the plan document above loaded the full module in this one.
  await page.reload();
  await waitReady();
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

test("offline: the page, the module and the example come from the service worker's cache", async () => {
  const WORKBOOK = repo("ctg-core", "tests", "corpus", "spreadsheets", "sundgau-grille-remplie.xlsx");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  const want = await chips();
  assert.deepEqual(want, statusesOf(expected(EXAMPLE)));
  await context.setOffline(true);
  try {
    // The network is really gone, for the service worker as well.
    const [worker] = context.serviceWorkers();
    assert.ok(worker, "the service worker is running");
    const probe = () => fetch("/README.md", { cache: "no-store" }).then(() => "online", () => "offline");
    assert.equal(await worker.evaluate(probe), "offline");
    await page.reload();
    await waitReady();
    assert.deepEqual(await chips(), want, "same chips offline");
    assert.equal(await page.isVisible("#fictional"), true);
    assert.match(await page.textContent("#source-name"), /FICTIVES/);
    // The full module was cached when the tests above first loaded it: workbooks work offline.
    await rerender(() =>
      page.evaluate((data) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], "suivi-2026.xlsx", { type: "application/octet-stream" }));
        window.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, [...readFileSync(WORKBOOK)]),
    );
    assert.equal(await page.evaluate(() => document.body.dataset.spreadsheets), "loaded");
    assert.deepEqual(await chips(), statusesOf(expected(WORKBOOK)));
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-offline.png") });

    // Offline with the full module not in the cache (never used online): a TOML plan and a
    // workbook say so, and the dashboard keeps working. In another tab (the page warns in
    // its console, which this test's tab must not).
    await page.evaluate(async () => {
      const cache = await caches.open((await caches.keys()).find((n) => n.startsWith("ctg-dashboard-")));
      for (const file of ["ctg_wasm_xlsx.js", "ctg_wasm_xlsx_bg.wasm"]) await cache.delete(new URL(`/ctg-wasm/pkg/${file}`, location.href).href);
    });
    const other = await context.newPage();
    try {
      await other.goto(URL_);
      await other.waitForFunction(() => document.body.dataset.state === "ready");
      await other.setInputFiles("#plan-file", repo("examples", "sundgau", "plan.toml"));
      await other.waitForSelector("#findings li[data-code=module_unavailable]");
      assert.match(await other.textContent("#findings"), /Le plan ne se charge pas : 1 problème.*module complet/s);
      assert.equal(await other.$$eval("[data-indicator]", (els) => els.length), 25, "the Sundgau plan stays in force");
      await other.evaluate(() => { document.body.dataset.state = "pending"; });
      await other.setInputFiles("#file", WORKBOOK);
      await other.waitForFunction(() => document.body.dataset.state === "error");
      assert.match(await other.textContent("#errors"), /Module non chargé/);
      assert.match(await other.textContent("#source-name"), /sundgau-grille-remplie\.xlsx/);
      await other.evaluate(() => { document.body.dataset.state = "pending"; });
      await other.click("#example");
      await other.waitForFunction(() => document.body.dataset.state === "ready");
    } finally {
      await other.close();
    }
  } finally {
    await context.setOffline(false);
  }
  await open();
});

test("keyboard only: every control is reached by Tab, shows its focus, and works", async () => {
  const BROKEN_CSV = BROKEN;
  await open();
  // Every Tab stop of the page, once round: its focus is visible (an outline of 2 px at least,
  // on the element or on the drop zone that covers a file input).
  const stops = [];
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const ring = (e) => {
        const s = getComputedStyle(e);
        return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
      };
      const zone = el.closest(".dropzone");
      const name = el.id ? `#${el.id}` : el.matches("summary") ? `summary(${el.closest("[data-fiche]").dataset.fiche})`
        : el.matches("a") ? `a(${el.getAttribute("href")})` : el.matches("input[type=radio]") ? `radio(${el.value})` : el.className || el.tagName;
      return { name, visible: ring(el) || (zone !== null && ring(zone)) };
    });
    if (stop === null) break;
    // The date input's day, month and year are one Tab stop each: the same element.
    if (stops.at(-1)?.name === stop.name) continue;
    if (stops.some((s) => s.name === stop.name)) break;
    stops.push(stop);
  }
  const names = stops.map((s) => s.name);
  for (const want of ["#file", "#plan-file", "#as-of", "#lang", "radio(lenient)", "#open-report", "#export-html", "#export-csv",
    "#export-xlsx", "#export-entry", "a(#axis-1)", "summary(1)", "summary(12)"]) {
    assert.ok(names.includes(want), `${want} is a Tab stop (${names.join(", ")})`);
  }
  assert.deepEqual(stops.filter((s) => !s.visible).map((s) => s.name), [], "every Tab stop shows its focus");

  // The file picker (its drop zone): Enter opens it. File choosers are intercepted from
  // before the key press: enabling the interception in the same breath as the press raced
  // with it (one run in two, the native dialog opened and no event came).
  const intercept = () => {};
  page.on("filechooser", intercept);
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo("#file");
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Enter")]);
  await rerender(() => chooser.setFiles(BROKEN_CSV));
  assert.match(await page.textContent("#diagnostics"), /3 lignes rejetées/);
  // The strict toggle: arrows move in the radio group.
  await tabTo("input[name=mode][value=lenient]");
  await rerender(() => page.keyboard.press("ArrowDown"), "error");
  assert.equal(await page.isChecked("input[name=mode][value=strict]"), true);
  assert.match(await page.textContent("#errors h2"), /3 problèmes/);
  await rerender(() => page.keyboard.press("ArrowUp"));
  // Back to the example: a button, by Space.
  await tabTo("#example", { back: true });
  await rerender(() => page.keyboard.press("Space"));
  assert.match(await page.textContent("#source-name"), /FICTIVES/);
  // The date: Tab enters its first field, arrows step it.
  await tabTo("#as-of");
  await rerender(() => page.keyboard.press("ArrowDown"));
  const stepped = await page.inputValue("#as-of");
  assert.notEqual(stepped, "2026-12-31");
  assert.equal(address().searchParams.get("date"), stepped);
  await rerender(() => page.keyboard.press("ArrowUp"));
  assert.equal(await page.inputValue("#as-of"), "2026-12-31");
  // The language switch: arrows change it.
  await tabTo("#lang");
  await rerender(() => page.keyboard.press("ArrowDown"));
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(address().searchParams.get("lang"), "en");
  await rerender(() => page.keyboard.press("ArrowUp"));
  assert.equal(await page.getAttribute("html", "lang"), "fr");
  // The report button: Enter opens the tab.
  await tabTo("#open-report");
  const report = await reportTab(() => page.keyboard.press("Enter"));
  assert.equal(report.html, expected(EXAMPLE).toHtml({ lang: "fr" }));
  // A fiche's details: Enter folds, Space unfolds; a fold survives a re-render.
  await tabTo("details[data-fiche='1'] > summary");
  await page.keyboard.press("Enter");
  assert.equal(await page.$eval("details[data-fiche='1']", (d) => d.open), false);
  assert.equal(await page.isVisible("[data-indicator='f1.1']"), false);
  await rerender(() => page.selectOption("#lang", "en"));
  assert.equal(await page.$eval("details[data-fiche='1']", (d) => d.open), false, "still folded");
  await rerender(() => page.selectOption("#lang", "fr"));
  await page.focus("details[data-fiche='1'] > summary");
  await page.keyboard.press("Space");
  assert.equal(await page.$eval("details[data-fiche='1']", (d) => d.open), true);
  assert.equal(await page.isVisible("[data-indicator='f1.1']"), true);
  // An axis card: Enter follows its link to the axis.
  await tabTo("a[href='#axis-2']", { back: true });
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.hash === "#axis-2");
  // The plan picker, then the way back to the Sundgau plan, by keyboard.
  await tabTo("#plan-file", { back: true });
  const [planChooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Space")]);
  page.off("filechooser", intercept);
  await rerender(() => planChooser.setFiles(repo("examples", "sundgau", "plan.toml")));
  assert.match(await page.textContent("#plan-name"), /plan\.toml/);
  await tabTo("#sundgau");
  await rerender(() => page.keyboard.press("Enter"));
  assert.equal(await page.isVisible("#sundgau"), false);
  assert.equal(Object.keys(await chips()).length, 25);
});

test("axe-core: no violation, in French and English, ready and error states", async () => {
  const DOCX = repo("ctg-core", "tests", "import", "ctg-val-de-brume-plan-action-2024-2027.docx");
  await open();
  await assertAccessible("fr, ready");
  await rerender(() => page.selectOption("#lang", "en"));
  await assertAccessible("en, ready");
  // Lenient mode with rejected rows (the note, the diagnostics' table).
  await rerender(() => page.setInputFiles("#file", BROKEN));
  await assertAccessible("en, ready with rejected rows");
  // The error state: a broken CSV, strict.
  await rerender(() => page.check("input[name=mode][value=strict]"), "error");
  await assertAccessible("en, error (broken CSV, strict)");
  await rerender(() => page.selectOption("#lang", "fr"), "error");
  await assertAccessible("fr, error (broken CSV, strict)");
  await page.screenshot({ path: join(ARTIFACTS, "dashboard-strict-fr.png") });
  await rerender(() => page.check("input[name=mode][value=lenient]"));
  await assertAccessible("fr, ready with rejected rows");
  // An imported plan document: its findings panel.
  await rerender(() => page.setInputFiles("#plan-file", DOCX));
  await assertAccessible("fr, plan import findings");
  await open();
});

test("timing: evaluate() and its data in the page, 50 runs", async () => {
  const RUNS = 50;
  const measured = await page.evaluate(async ({ runs, warmup }) => {
    const m = await import("/ctg-wasm/pkg/ctg_wasm.js");
    await m.default();
    const bytes = new Uint8Array(await (await fetch("/examples/sundgau/observations.csv")).arrayBuffer());
    const plan = m.Plan.sundgau();
    const once = () => {
      const ev = plan.evaluate(bytes, { asOf: "2026-12-31", lang: "fr", strict: false });
      ev.toJSON();
      ev.free();
    };
    for (let i = 0; i < warmup; i++) once();
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      once();
      times.push(performance.now() - t0);
    }
    plan.free();
    return { times, userAgent: navigator.userAgent };
  }, { runs: RUNS, warmup: 5 });
  const sorted = [...measured.times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.ceil(q * sorted.length) - 1];
  const round = (x) => Math.round(x * 1000) / 1000;
  const version = context.browser()?.version() ?? measured.userAgent.match(/Chrome\/([\d.]+)/)?.[1];
  const report = {
    runs: measured.times.length,
    median_ms: round((sorted[RUNS / 2 - 1] + sorted[RUNS / 2]) / 2),
    min_ms: round(sorted[0]),
    max_ms: round(sorted.at(-1)),
    p90_ms: round(at(0.9)),
    what: "Wall time in the dashboard page of one plan.evaluate(bytes of examples/sundgau/observations.csv, { asOf: \"2026-12-31\", lang: \"fr\", strict: false }) on Plan.sundgau() parsed once, plus ev.toJSON() and ev.free(), main module, after 5 warm-up runs, performance.now() per run (coarsened by the browser to 0.1 ms).",
    browser: `Chromium ${version} (headless)`,
  };
  writeFileSync(join(ARTIFACTS, "timings.json"), JSON.stringify(report, null, 2) + "\n");
  console.log(`# evaluate() + toJSON() in Chromium on the Sundgau data: median ${report.median_ms} ms over ${report.runs} runs (min ${report.min_ms}, p90 ${report.p90_ms}, max ${report.max_ms} ms)`);
  assert.equal(report.runs, RUNS);
  for (const key of ["median_ms", "min_ms", "max_ms", "p90_ms"]) assert.ok(Number.isFinite(report[key]) && report[key] >= 0, key);
  // The page's own figure now covers evaluate and its data too.
  assert.ok(Number.isFinite(Number(await page.evaluate(() => document.body.dataset.evalMs))));
});

test("no console error, no request outside the page's origin", () => {
  assert.deepEqual(consoleProblems, []);
  assert.deepEqual(foreignRequests, []);
});
