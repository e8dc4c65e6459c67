// The npm package, as a user gets it: `npm pack` of ctg-wasm/pkg (built by
// scripts/test-wasm.sh), its tarball's file list against package.json's `files`, then
// `npm install <tarball>` (offline: the package has no dependencies) into an empty project,
// where it is used three ways, each evaluation deep-equal to the nodejs build's (pkg-node)
// on the fictional Sundgau observations, and the full module `ctg-wasm/xlsx` writing a
// workbook in each:
//   - node: `import init, { Plan } from "ctg-wasm"; await init();` (the "node" export
//     condition), `initSync()` for `ctg-wasm/xlsx`;
//   - a page with an import map and no bundler, in Chromium (playwright-core), the full
//     module imported on demand;
//   - an esbuild bundle (format esm, platform browser, the .wasm files imported as files),
//     in Chromium;
// and the installed typings through tsc --strict, as node and as a bundler resolve them.
// Self-contained: its own static server on 127.0.0.1 (a random port, .wasm served as
// application/wasm), a temporary folder, no network.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, relative, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, collectProblems } from "../browser/chromium.mjs";
import { ctg, repo } from "../support/ctg.mjs";

const run = promisify(execFile);
const PKG = repo("ctg-wasm", "pkg");
const NPM_SOURCES = repo("ctg-wasm", "npm");
const OBSERVATIONS = repo("examples", "sundgau", "observations.csv");
const OPTIONS = { asOf: "2026-12-31", lang: "fr", strict: false };
const TSC = repo("ctg-wasm", "node_modules", "typescript", "bin", "tsc");

let tmp;
let project;
let tarball;
let packed;
let manifest;
let server;
let origin;
let context;
let expected;

/** `npm …` with a private cache, offline, quiet. */
function npm(args, cwd) {
  return run("npm", [...args, "--offline", "--no-audit", "--no-fund"], {
    cwd,
    env: {
      ...process.env,
      npm_config_cache: join(tmp, "npm-cache"),
      npm_config_update_notifier: "false",
      npm_config_loglevel: "error",
    },
    maxBuffer: 64 << 20,
  });
}

/** Run a script of the project with node; its stdout is JSON. */
async function node(script) {
  const { stdout } = await run(process.execPath, [script, OBSERVATIONS], { cwd: project, maxBuffer: 64 << 20 });
  return JSON.parse(stdout);
}

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".csv": "text/csv; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
};

/** A static server of `root`: GET and HEAD only, nothing outside `root`. */
function serve(root) {
  return createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    const file = resolve(root, "." + path);
    const ok = (req.method === "GET" || req.method === "HEAD") && (file === root || file.startsWith(root + sep));
    if (!ok || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(ok ? 404 : 403, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, {
      "content-type": MIME[extname(file)] ?? "application/octet-stream",
      "content-length": body.length,
      "cache-control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
}

/** What both pages run once `ctg-wasm` is imported and initialised: the evaluation, then the
 * full module loaded on demand (as the npm README shows), initialised with `xlsxInit`. */
const pageScript = (xlsxInit) => `
  const out = document.getElementById("out");
  try {
    const bytes = new Uint8Array(await (await fetch(OBSERVATIONS_URL)).arrayBuffer());
    const evaluation = Plan.sundgau().evaluate(bytes, ${JSON.stringify(OPTIONS)}).toJSON();
    const xlsx = await import("ctg-wasm/xlsx");
    await xlsx.default(${xlsxInit});
    const workbook = xlsx.Plan.sundgau().entryWorkbook("fr");
    out.textContent = JSON.stringify({ evaluation, workbook: { isWorkbook: isWorkbook(workbook), bytes: workbook.length } });
    document.body.dataset.state = "done";
  } catch (e) {
    out.textContent = String(e && e.name) + ": " + String(e && e.message);
    document.body.dataset.state = "error";
  }`;

/** The page's result: the evaluation as the nodejs build's, and a workbook from the full module. */
function assertPageResult(result) {
  assert.deepEqual(result.evaluation, expected);
  assert.equal(result.workbook.isWorkbook, true);
  assert.ok(result.workbook.bytes > 1000);
}

const page = (title, head, body) => `<!doctype html>
<html lang="fr">
<meta charset="utf-8">
<title>${title}</title>
<link rel="icon" href="data:,">
${head}
<body data-state="loading">
<p>Données fictives : observations inventées pour l'exemple.</p>
<pre id="out"></pre>
${body}
</body>
</html>
`;

/** Open `path` of the server in Chromium; returns the page's JSON result and what it fetched. */
async function openPage(path) {
  const tab = await context.newPage();
  const problems = collectProblems(tab);
  const responses = [];
  tab.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()}`));
  tab.on("response", (r) => responses.push({ path: new URL(r.url()).pathname, status: r.status(), type: r.headers()["content-type"] }));
  await tab.route("**/*", (route) =>
    route.request().url().startsWith(origin + "/") ? route.continue() : (problems.push(`foreign: ${route.request().url()}`), route.abort()),
  );
  try {
    await tab.goto(origin + path);
    await tab.waitForFunction(() => document.body.dataset.state !== "loading", null, { timeout: 20000 });
    const state = await tab.evaluate(() => document.body.dataset.state);
    const text = await tab.evaluate(() => document.getElementById("out").textContent);
    assert.equal(state, "done", `the page failed: ${text}`);
    assert.deepEqual(problems, [], "no console error or warning, no failed or foreign request");
    return { result: JSON.parse(text), responses };
  } finally {
    await tab.close();
  }
}

before(async () => {
  for (const name of ["package.json", "ctg_wasm.js", "ctg_wasm_bg.wasm", "ctg_wasm_xlsx_bg.wasm", "ctg_wasm_node.js", "README.md"]) {
    assert.ok(existsSync(join(PKG, name)), `ctg-wasm/pkg/${name} is missing: build it with scripts/test-wasm.sh`);
  }
  manifest = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  expected = ctg.Plan.sundgau().evaluate(readFileSync(OBSERVATIONS), OPTIONS).toJSON();
  tmp = mkdtempSync(join(tmpdir(), "ctg-npm-"));

  const { stdout } = await npm(["pack", "--json", "--pack-destination", tmp], PKG);
  [packed] = JSON.parse(stdout);
  tarball = join(tmp, packed.filename);

  project = join(tmp, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "t", private: true, type: "module" }, null, 2) + "\n");
  await npm(["install", tarball], project);
  copyFileSync(OBSERVATIONS, join(project, "observations.csv"));

  server = serve(project);
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  origin = `http://127.0.0.1:${server.address().port}`;
  context = await chromium.launchPersistentContext(join(tmp, "chromium-profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
});

after(async () => {
  await context?.close();
  if (server) await new Promise((ok) => server.close(ok));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("npm pack: the tarball holds exactly `files` and package.json; npm install puts them in node_modules", (t) => {
  const inTarball = packed.files.map((f) => f.path).sort();
  assert.deepEqual(inTarball, [...manifest.files, "package.json"].sort());
  assert.equal(packed.name, "ctg-wasm");
  assert.equal(packed.version, manifest.version);
  for (const f of packed.files) t.diagnostic(`${f.path.padEnd(28)} ${String(f.size).padStart(9)} B`);
  t.diagnostic(`${packed.filename}: ${packed.size} B packed, ${packed.unpackedSize} B unpacked`);

  const installed = join(project, "node_modules", "ctg-wasm");
  assert.deepEqual(readdirSync(installed).sort(), inTarball);
  for (const f of packed.files) {
    assert.ok(f.size > 0, `${f.path} is empty`);
    assert.equal(statSync(join(installed, f.path)).size, f.size, f.path);
  }
  // Every export resolves to a packed file, and the package needs nothing else.
  const leaves = (value) => (typeof value === "string" ? [value] : Object.values(value).flatMap(leaves));
  const targets = leaves(manifest.exports).map((target) => target.replace(/^\.\//, ""));
  for (const target of targets) assert.ok(inTarball.includes(target), `exports names ${target}, not in the tarball`);
  for (const wasm of ["./ctg_wasm_bg.wasm", "./ctg_wasm_xlsx_bg.wasm"]) assert.equal(manifest.exports[wasm], wasm);
  assert.equal(manifest.dependencies, undefined);
  assert.equal(manifest.type, "module");
  // What ctg-wasm/npm/ holds (the README, the node entry points) is packed as it is in git:
  // tests/support/write-package-json.mjs copied it after the last edit.
  for (const name of readdirSync(NPM_SOURCES)) {
    assert.ok(manifest.files.includes(name), `files lists ${name}`);
    assert.ok(readFileSync(join(installed, name)).equals(readFileSync(join(NPM_SOURCES, name))), `${name} is as in ctg-wasm/npm/ (run node ctg-wasm/tests/support/write-package-json.mjs)`);
  }
});

test("node: `import init, { Plan } from \"ctg-wasm\"; await init()` evaluates as the nodejs build", async () => {
  writeFileSync(
    join(project, "node.mjs"),
    `import init, { Plan, isCtgError } from "ctg-wasm";
import { readFileSync } from "node:fs";
await init();
await init(); // a second call resolves too
const ev = Plan.sundgau().evaluate(new Uint8Array(readFileSync(process.argv[2])), ${JSON.stringify(OPTIONS)});
let workbook;
try {
  Plan.sundgau().entryWorkbook("fr");
} catch (e) {
  workbook = { ctgError: isCtgError(e), kind: e.kind, code: e.code };
}
console.log(JSON.stringify({ resolved: import.meta.resolve("ctg-wasm"), evaluation: ev.toJSON(), workbook }));
`,
  );
  const out = await node("node.mjs");
  assert.match(out.resolved, /\/node_modules\/ctg-wasm\/ctg_wasm_node\.js$/, "the node export condition");
  assert.deepEqual(out.evaluation, expected);
  // The main module writes no workbook: the full one does.
  assert.deepEqual(out.workbook, { ctgError: true, kind: "workbook", code: "spreadsheet_unsupported" });
});

test("node: the full module `ctg-wasm/xlsx` imports, initialises (initSync without a module) and writes a workbook", async () => {
  writeFileSync(
    join(project, "xlsx.mjs"),
    `import { initSync, Plan, isWorkbook } from "ctg-wasm/xlsx";
import { readFileSync } from "node:fs";
initSync();
const plan = Plan.sundgau();
const workbook = plan.entryWorkbook("fr");
const ev = plan.evaluate(readFileSync(process.argv[2]), ${JSON.stringify(OPTIONS)});
const results = ev.toExcel({ lang: "fr" });
console.log(JSON.stringify({
  resolved: import.meta.resolve("ctg-wasm/xlsx"),
  workbook: { isWorkbook: isWorkbook(workbook), bytes: workbook.length },
  results: { isWorkbook: isWorkbook(results), bytes: results.length },
  evaluation: ev.toJSON(),
}));
`,
  );
  const out = await node("xlsx.mjs");
  assert.match(out.resolved, /\/node_modules\/ctg-wasm\/ctg_wasm_xlsx_node\.js$/);
  assert.equal(out.workbook.isWorkbook, true);
  assert.ok(out.workbook.bytes > 1000);
  assert.equal(out.results.isWorkbook, true);
  assert.deepEqual(out.evaluation, expected);
});

test("typings of the installed package: tsc --strict as node resolves it and as a bundler does", async () => {
  const dir = join(project, "typings");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "node.ts"),
    `import init, { initSync, Plan, isCtgError, type EvaluationData, type InitOutput } from "ctg-wasm";
import * as xlsx from "ctg-wasm/xlsx";
const output: InitOutput = await init();
void output;
initSync(); // the node entry: the module argument is optional
await xlsx.default();
const data: EvaluationData = Plan.sundgau().evaluate("", { asOf: "2026-12-31" }).toJSON();
void data;
const bytes: Uint8Array = xlsx.Plan.sundgau().entryWorkbook("fr");
void bytes;
try {
  Plan.fromToml("");
} catch (e) {
  if (isCtgError(e) && e.kind === "plan") {
    const line: number | null = e.line;
    void line;
  }
}
`,
  );
  writeFileSync(
    join(dir, "bundler.ts"),
    `import init, { Plan, initSync } from "ctg-wasm";
import wasmUrl from "ctg-wasm/ctg_wasm_bg.wasm";
await init({ module_or_path: new URL(wasmUrl, import.meta.url) });
// @ts-expect-error: in a browser initSync needs the module
initSync();
Plan.sundgau();
`,
  );
  // What the npm README tells a bundler user to declare for esbuild's file loader.
  writeFileSync(join(dir, "wasm.d.ts"), `declare module "*.wasm" { const url: string; export default url; }\n`);
  const compilerOptions = { strict: true, noEmit: true, target: "es2022", lib: ["es2022", "dom", "esnext.disposable"], types: [], skipLibCheck: false };
  const configs = {
    "tsconfig.node.json": { compilerOptions: { ...compilerOptions, module: "nodenext", moduleResolution: "nodenext" }, files: ["node.ts"] },
    "tsconfig.bundler.json": { compilerOptions: { ...compilerOptions, module: "es2022", moduleResolution: "bundler" }, files: ["bundler.ts", "wasm.d.ts"] },
  };
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }) + "\n");
  for (const [name, config] of Object.entries(configs)) {
    writeFileSync(join(dir, name), JSON.stringify(config, null, 2) + "\n");
    const result = await run(process.execPath, [TSC, "-p", name], { cwd: dir }).catch((e) => e);
    assert.equal(result.code ?? 0, 0, `tsc -p ${name}:\n${result.stdout}${result.stderr}`);
  }
});

test("a page with an import map, no bundler: init() fetches the .wasm next to the module, the full one on demand (Chromium)", async () => {
  writeFileSync(
    join(project, "index.html"),
    page(
      "ctg-wasm : carte d'import",
      `<script type="importmap">
  {
    "imports": {
      "ctg-wasm": "./node_modules/ctg-wasm/ctg_wasm.js",
      "ctg-wasm/xlsx": "./node_modules/ctg-wasm/ctg_wasm_xlsx.js"
    }
  }
</script>`,
      `<script type="module">
  import init, { Plan, isWorkbook } from "ctg-wasm";
  const OBSERVATIONS_URL = "observations.csv";
  await init();
${pageScript("")}
</script>`,
    ),
  );
  const { result, responses } = await openPage("/index.html");
  assertPageResult(result);
  // The main module first; the full one only when imported.
  const wasm = responses.filter((r) => r.path.endsWith(".wasm"));
  assert.deepEqual(wasm, [
    { path: "/node_modules/ctg-wasm/ctg_wasm_bg.wasm", status: 200, type: "application/wasm" },
    { path: "/node_modules/ctg-wasm/ctg_wasm_xlsx_bg.wasm", status: 200, type: "application/wasm" },
  ]);
});

test("esbuild bundle (esm, browser, the .wasm files imported as files): the page evaluates as the nodejs build (Chromium)", async () => {
  mkdirSync(join(project, "src"), { recursive: true });
  writeFileSync(
    join(project, "src", "main.js"),
    `import init, { Plan, isWorkbook } from "ctg-wasm";
import wasmUrl from "ctg-wasm/ctg_wasm_bg.wasm";
import xlsxWasmUrl from "ctg-wasm/ctg_wasm_xlsx_bg.wasm";
const OBSERVATIONS_URL = new URL("../observations.csv", import.meta.url);
await init({ module_or_path: new URL(wasmUrl, import.meta.url) });
${pageScript("{ module_or_path: new URL(xlsxWasmUrl, import.meta.url) }")}
`,
  );
  const bundle = await build({
    absWorkingDir: project,
    entryPoints: ["src/main.js"],
    bundle: true,
    format: "esm",
    platform: "browser",
    outdir: "dist",
    loader: { ".wasm": "file" },
    metafile: true,
    logLevel: "silent",
  });
  assert.deepEqual(bundle.errors, []);
  assert.deepEqual(bundle.warnings, []);
  const outputs = Object.keys(bundle.metafile.outputs).map((p) => relative("dist", p)).sort();
  const wasmOut = {};
  for (const module of ["ctg_wasm", "ctg_wasm_xlsx"]) {
    wasmOut[module] = outputs.find((p) => new RegExp(`^${module}_bg-[A-Z0-9]+\\.wasm$`).test(p));
    assert.ok(wasmOut[module], `esbuild wrote ${module}_bg.wasm into dist/: ${outputs.join(", ")}`);
    assert.ok(readFileSync(join(project, "dist", wasmOut[module])).equals(readFileSync(join(PKG, `${module}_bg.wasm`))));
  }
  assert.deepEqual(outputs, [...Object.values(wasmOut), "main.js"].sort());
  assert.doesNotMatch(readFileSync(join(project, "dist", "main.js"), "utf8"), /node:fs/, "the browser build, not the node entry");
  writeFileSync(join(project, "dist", "index.html"), page("ctg-wasm : esbuild", "", `<script type="module" src="./main.js"></script>`));

  const { result, responses } = await openPage("/dist/index.html");
  assertPageResult(result);
  // Everything from dist/ (nothing from node_modules/), the .wasm files as application/wasm.
  const fetched = responses.map((r) => r.path).sort();
  const wasm = Object.values(wasmOut).map((p) => `/dist/${p}`);
  assert.deepEqual(fetched, ["/dist/index.html", "/dist/main.js", ...wasm, "/observations.csv"].sort());
  for (const r of responses.filter((r) => r.path.endsWith(".wasm"))) assert.equal(r.type, "application/wasm", r.path);
});
