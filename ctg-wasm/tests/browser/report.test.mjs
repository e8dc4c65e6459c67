// The COPIL report (ctg_core::report::render_html) in Debian's Chromium through
// playwright-core: scripts/test-wasm.sh writes target/report/rapport-2026.html (French) and
// rapport-2026-en.html with the main example, serves the repo root from 127.0.0.1 and sets
// CTG_REPORT_URL to the folder. The test checks that each report renders every indicator
// with its status, loads nothing but itself (self-contained: no script, no network), logs
// no console error, and saves a full-page screenshot and an A4 PDF under target/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, collectProblems } from "./chromium.mjs";
import { repo } from "../support/ctg.mjs";

const BASE = process.env.CTG_REPORT_URL;
const ARTIFACTS = process.env.CTG_ARTIFACTS ?? repo("target", "wasm-artifacts");

let context;
let profile;

before(async () => {
  assert.ok(BASE, "CTG_REPORT_URL is set by scripts/test-wasm.sh");
  mkdirSync(ARTIFACTS, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), "ctg-report-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1000, height: 1400 },
  });
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function open(file) {
  const page = await context.newPage();
  const problems = collectProblems(page);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const url = `${BASE}/${file}`;
  const response = await page.goto(url, { waitUntil: "load" });
  assert.equal(response.status(), 200, url);
  return { page, problems, requests, url };
}

for (const [file, lang, banner] of [
  ["rapport-2026.html", "fr", "Données fictives"],
  ["rapport-2026-en.html", "en", "Fictional data"],
]) {
  test(`${file} renders every indicator with its status, self-contained`, async () => {
    const { page, problems, requests, url } = await open(file);
    assert.equal(await page.getAttribute("html", "lang"), lang);
    assert.ok((await page.textContent("h1")).includes("Sundgau"));
    assert.ok((await page.textContent(".fictional")).includes(banner));
    const statuses = await page.$$eval("div.ind[data-indicator]", (els) =>
      els.map((e) => [e.dataset.indicator, e.dataset.status, e.querySelector(".chip")?.textContent.trim() ?? ""]),
    );
    assert.equal(statuses.length, 25);
    for (const [id, status, chip] of statuses) {
      assert.match(id, /^f\d+\.\d+$/);
      assert.ok(chip.length > 2, `${id} (${status}) shows an icon and a label, not a colour only`);
    }
    // Every status of the fictional data is there.
    const seen = new Set(statuses.map(([, s]) => s));
    for (const s of ["achieved", "on_track", "at_risk", "not_achieved", "no_data", "not_evaluable", "tracked"]) {
      assert.ok(seen.has(s), `status ${s}`);
    }
    // Charts render with a size and an accessible name.
    const charts = await page.$$eval("svg.chart", (els) =>
      els.map((e) => [e.getBoundingClientRect().width, e.getAttribute("aria-labelledby")]),
    );
    assert.ok(charts.length >= 15, `${charts.length} charts`);
    for (const [width, label] of charts) {
      assert.ok(width > 100 && label, "chart drawn and labelled");
    }
    assert.deepEqual(requests, [url], "the report loads nothing but itself");
    assert.equal(await page.$$eval("script", (s) => s.length), 0);
    assert.deepEqual(problems, []);
    const stem = file.replace(/\.html$/, "");
    await page.screenshot({ path: join(ARTIFACTS, `${stem}.png`), fullPage: true });
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    writeFileSync(join(ARTIFACTS, `${stem}.pdf`), pdf);
    // A4 pages: the whole plan fits a COPIL handout, not a 100-page dump.
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 3 && pages <= 30, `${pages} A4 pages`);
    await page.close();
  });
}
