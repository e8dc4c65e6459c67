// Writes the package.json of the two builds (wasm-bindgen does not): ctg-wasm/pkg is an
// ES module package usable from a plain <script type="module">, ctg-wasm/pkg-node a
// CommonJS package for node.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cargo = readFileSync(join(root, "..", "Cargo.toml"), "utf8");
// The workspace version ([workspace.package] comes first in the root manifest).
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1] ?? "0.0.0";
const common = {
  version,
  description: "ctg (Convention Territoriale Globale) in WebAssembly: load a plan, evaluate its indicators",
  license: "MIT OR Apache-2.0",
  types: "ctg_wasm.d.ts",
  sideEffects: false,
};
const files = (modules) =>
  modules.flatMap((m) => [`${m}_bg.wasm`, `${m}.js`, `${m}.d.ts`, `${m}_bg.wasm.d.ts`]);
const write = (dir, pkg) =>
  writeFileSync(join(root, dir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
// pkg holds two modules with one API: ctg_wasm.js (no spreadsheets) and ctg_wasm_xlsx.js
// (spreadsheets in and out), loaded on demand.
write("pkg", {
  name: "ctg-wasm",
  type: "module",
  main: "ctg_wasm.js",
  module: "ctg_wasm.js",
  exports: {
    ".": { types: "./ctg_wasm.d.ts", default: "./ctg_wasm.js" },
    "./xlsx": { types: "./ctg_wasm_xlsx.d.ts", default: "./ctg_wasm_xlsx.js" },
  },
  files: files(["ctg_wasm", "ctg_wasm_xlsx"]),
  ...common,
});
write("pkg-node", {
  name: "ctg-wasm-node",
  type: "commonjs",
  main: "ctg_wasm.js",
  files: files(["ctg_wasm"]),
  ...common,
});
console.log(`package.json written (version ${version})`);
