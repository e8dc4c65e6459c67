// ctg_wasm under node: the package's "node" export condition (the main module).
// The module is ctg_wasm.js (wasm-bindgen --target web) with the same API; only init() and
// initSync() change, to read ctg_wasm_bg.wasm from the disk (node_init.js).
import webInit, { initSync as webInitSync } from "./ctg_wasm.js";
import { nodeInit } from "./node_init.js";

export * from "./ctg_wasm.js";

const loaders = nodeInit(webInit, webInitSync, new URL("./ctg_wasm_bg.wasm", import.meta.url));
export default loaders.init;
export const initSync = loaders.initSync;
