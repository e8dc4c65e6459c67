// ctg-wasm under node: the package's "node" export condition for "ctg-wasm". The module is
// ctg_wasm.js (wasm-bindgen --target web) with the same API; only init() and initSync()
// change, to read ctg_wasm_bg.wasm from the disk with fs: the web init() fetches the file
// next to the module, and node's fetch refuses file: URLs. This file loads, nothing more
// (ctg_wasm_xlsx_node.js is the same for the spreadsheet module).
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import webInit, { initSync as webInitSync } from "./ctg_wasm.js";

export * from "./ctg_wasm.js";

const WASM = new URL("./ctg_wasm_bg.wasm", import.meta.url);

const isPlainObject = (value) => value != null && Object.getPrototypeOf(value) === Object.prototype;
const isFileUrl = (value) =>
  (value instanceof URL && value.protocol === "file:") || (typeof value === "string" && value.startsWith("file:"));

/**
 * As the web init(): without a module (or with a file: URL), the .wasm is read from the disk;
 * bytes, a WebAssembly.Module, a Response or an http(s) URL go to the web init() as given.
 * Resolves once the module is initialised.
 */
export default async function init(input) {
  let source = await (isPlainObject(input) ? input.module_or_path : input);
  source ??= WASM;
  if (isFileUrl(source)) source = await readFile(new URL(source));
  return webInit({ module_or_path: source });
}

/** As the web initSync(), whose module becomes optional: without it, the .wasm is read from the disk. */
export function initSync(input) {
  const module = isPlainObject(input) ? input.module : input;
  return webInitSync({ module: module ?? readFileSync(WASM) });
}
