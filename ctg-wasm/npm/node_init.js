// The node entry points' one rule (ctg_wasm_node.js, ctg_wasm_xlsx_node.js): init() and
// initSync() as the web module's, but reading the .wasm from the disk with fs, since the web
// init() fetches the file next to the module and node's fetch refuses file: URLs. Loads,
// decides nothing.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";

const isPlainObject = (value) => value != null && Object.getPrototypeOf(value) === Object.prototype;
const isFileUrl = (value) =>
  (value instanceof URL && value.protocol === "file:") || (typeof value === "string" && value.startsWith("file:"));

/** init() and initSync() of a web module (its own two, and the URL of its .wasm) for node. */
export function nodeInit(webInit, webInitSync, wasm) {
  /**
   * As the web init(): without a module (or with a file: URL), the .wasm is read from the
   * disk; bytes, a WebAssembly.Module, a Response or an http(s) URL go to the web init() as
   * given. Resolves once the module is initialised.
   */
  async function init(input) {
    let source = await (isPlainObject(input) ? input.module_or_path : input);
    source ??= wasm;
    if (isFileUrl(source)) source = await readFile(new URL(source));
    return webInit({ module_or_path: source });
  }
  /** As the web initSync(), whose module becomes optional: without it, the .wasm is read from the disk. */
  function initSync(input) {
    const module = isPlainObject(input) ? input.module : input;
    return webInitSync({ module: module ?? readFileSync(wasm) });
  }
  return { init, initSync };
}
