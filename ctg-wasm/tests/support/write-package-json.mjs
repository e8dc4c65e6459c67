// Writes the package.json of the two builds (wasm-bindgen does not): ctg-wasm/pkg is the
// npm package "ctg-wasm" (ES modules usable from a plain <script type="module">, a bundler,
// or node), ctg-wasm/pkg-node a CommonJS package for node used by the tests. Also copies
// into pkg/ what the package holds besides wasm-bindgen's output, kept in ctg-wasm/npm/: its
// README and the node entry points (ctg_wasm_node.js, ctg_wasm_xlsx_node.js: init() reads
// the .wasm with fs, as node's fetch refuses file: URLs).
// tests/package/pack.test.mjs packs pkg/ and installs it into an empty project.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cargo = readFileSync(join(root, "..", "Cargo.toml"), "utf8");
// [workspace.package] comes first in the root manifest: its version, licence, repository.
const workspace = cargo.slice(cargo.indexOf("[workspace.package]")).split(/\n\[/)[0];
const field = (name) => new RegExp(`^${name}\\s*=\\s*"([^"]+)"`, "m").exec(workspace)?.[1];
const version = field("version") ?? "0.0.0";
// No repository in the package while the workspace's is a placeholder (example.invalid).
const repositoryUrl = field("repository");
const repository =
  repositoryUrl && !/^https?:\/\/[^/]*\.invalid(\/|$)/.test(repositoryUrl) ? { type: "git", url: repositoryUrl } : undefined;
const common = {
  version,
  description: "ctg (Convention Territoriale Globale) in WebAssembly: load a plan, evaluate its indicators",
  license: field("license") ?? "MIT OR Apache-2.0",
  types: "ctg_wasm.d.ts",
  sideEffects: false,
};
const files = (modules) =>
  modules.flatMap((m) => [`${m}_bg.wasm`, `${m}.js`, `${m}.d.ts`, `${m}_bg.wasm.d.ts`]);
const write = (dir, pkg) =>
  writeFileSync(join(root, dir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");

// pkg holds two modules with one API: ctg_wasm.js (no spreadsheets) and ctg_wasm_xlsx.js
// (spreadsheets in and out), loaded on demand; under node (the "node" condition) each is
// reached through its *_node.js entry. The .wasm files are exported too, for bundlers
// (`import wasmUrl from "ctg-wasm/ctg_wasm_bg.wasm"` with a file/asset loader).
const NPM_FILES = ["README.md", "node_init.js", "ctg_wasm_node.js", "ctg_wasm_node.d.ts", "ctg_wasm_xlsx_node.js", "ctg_wasm_xlsx_node.d.ts"];
for (const name of NPM_FILES) copyFileSync(join(root, "npm", name), join(root, "pkg", name));
const entry = (module) => ({
  node: { types: `./${module}_node.d.ts`, default: `./${module}_node.js` },
  types: `./${module}.d.ts`,
  default: `./${module}.js`,
});
write("pkg", {
  name: "ctg-wasm",
  version,
  description: common.description,
  keywords: ["ctg", "convention-territoriale-globale", "caf", "plan-d-action", "indicators", "evaluation", "webassembly", "wasm"],
  license: common.license,
  ...(repository ? { repository } : {}),
  type: "module",
  main: "ctg_wasm.js",
  module: "ctg_wasm.js",
  types: common.types,
  exports: {
    ".": entry("ctg_wasm"),
    "./xlsx": entry("ctg_wasm_xlsx"),
    "./ctg_wasm_bg.wasm": "./ctg_wasm_bg.wasm",
    "./ctg_wasm_xlsx_bg.wasm": "./ctg_wasm_xlsx_bg.wasm",
    "./package.json": "./package.json",
  },
  files: [...files(["ctg_wasm", "ctg_wasm_xlsx"]), ...NPM_FILES.filter((f) => f !== "README.md"), "README.md"],
  sideEffects: common.sideEffects,
});
write("pkg-node", {
  name: "ctg-wasm-node",
  private: true,
  type: "commonjs",
  main: "ctg_wasm.js",
  files: files(["ctg_wasm"]),
  ...common,
});
console.log(`package.json written (version ${version})`);
