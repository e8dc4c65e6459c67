// ctg_wasm_xlsx under node: the package's "node" export condition (the full module (workbooks, TOML plans, plan documents)).
// The module is ctg_wasm_xlsx.js (wasm-bindgen --target web) with the same API; only init() and
// initSync() change, to read ctg_wasm_xlsx_bg.wasm from the disk (node_init.js).
import webInit, { initSync as webInitSync } from "./ctg_wasm_xlsx.js";
import { nodeInit } from "./node_init.js";

export * from "./ctg_wasm_xlsx.js";

const loaders = nodeInit(webInit, webInitSync, new URL("./ctg_wasm_xlsx_bg.wasm", import.meta.url));
export default loaders.init;
export const initSync = loaders.initSync;
