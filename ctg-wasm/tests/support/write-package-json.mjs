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
  files: ["ctg_wasm_bg.wasm", "ctg_wasm.js", "ctg_wasm.d.ts", "ctg_wasm_bg.wasm.d.ts"],
  sideEffects: false,
};
const write = (dir, pkg) =>
  writeFileSync(join(root, dir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
write("pkg", { name: "ctg-wasm", type: "module", main: "ctg_wasm.js", module: "ctg_wasm.js", ...common });
write("pkg-node", { name: "ctg-wasm-node", type: "commonjs", main: "ctg_wasm.js", ...common });
console.log(`package.json written (version ${version})`);
