// Typings of ctg_wasm_xlsx_node.js ("ctg-wasm/xlsx" under node): the API of
// ctg_wasm_xlsx.js, with init() and initSync() reading ctg_wasm_xlsx_bg.wasm from the disk
// when given no module.
import type { InitInput, InitOutput, SyncInitInput } from "./ctg_wasm_xlsx.js";

export * from "./ctg_wasm_xlsx.js";

/**
 * Instantiates the module. Without an argument (or with a `file:` URL) the .wasm is read
 * from the disk; bytes, a `WebAssembly.Module`, a `Response` or an http(s) URL are used as
 * the web `init()` uses them. Resolves once the module is initialised.
 */
export default function init(
  module_or_path?: { module_or_path?: InitInput | Promise<InitInput> | undefined } | InitInput | Promise<InitInput>,
): Promise<InitOutput>;

/** Instantiates the module synchronously; without a module, the .wasm is read from the disk. */
export function initSync(module?: { module?: SyncInitInput | undefined } | SyncInitInput): InitOutput;
