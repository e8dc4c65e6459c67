// Service worker of the CTG dashboard: once the page has been opened, it works offline.
//
// Strategy: network first, cache as fallback. Online, every file comes from the server
// (revalidated: `cache: "no-cache"` turns the HTTP cache's guess into a cheap 304), so a
// deployed update shows at the next load, and ctg_wasm.js always comes with the .wasm of
// the same deployment — a stale-while-revalidate cache could pair a new glue with an old
// module. Offline (the fetch fails), the last copy from the cache answers. The cost: a
// request per file when online, answered by 304 when nothing changed.
//
// Cached: only the files listed below — the page, the main module and the FICTIONAL example
// (precached on install), and the full module (2.5 MB: workbooks, TOML plans, plan
// documents), kept the first time the page loads it. Same-origin GET only. The user's files
// are read in the page (File API) and never fetched, so they never reach this cache.

// Change the version when the list changes: activate then deletes the older caches.
const CACHE = "ctg-dashboard-v1";
const CACHE_PREFIX = "ctg-dashboard-";

const PRECACHE = [
  "./",
  "index.html",
  "app.js",
  "style.css",
  "../../ctg-wasm/pkg/ctg_wasm.js",
  "../../ctg-wasm/pkg/ctg_wasm_bg.wasm",
  "../sundgau/observations.csv",
];
const ON_FIRST_USE = [
  "../../ctg-wasm/pkg/ctg_wasm_xlsx.js",
  "../../ctg-wasm/pkg/ctg_wasm_xlsx_bg.wasm",
];
const absolute = (path) => new URL(path, self.location.href).href;
const KNOWN = new Set([...PRECACHE, ...ON_FIRST_USE].map(absolute));

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(PRECACHE.map((path) => new Request(absolute(path), { cache: "no-cache" })));
    // Take over at once: with network first, an open page gets nothing stale from the new
    // worker, and it is ready offline without a second visit.
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
    }
    // Control the page that registered us (the first visit), so that it is offline-ready.
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The page is the same whatever its query (?date=…&lang=…): one cached copy.
  const key = request.mode === "navigate" ? url.origin + url.pathname : url.href;
  // Anything else goes to the network as if there were no service worker.
  if (!KNOWN.has(key)) return;
  event.respondWith(networkFirst(event, request, key));
});

async function networkFirst(event, request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request, { cache: "no-cache" });
    // Keep complete same-origin answers only (not a 404 or a partial response). The page
    // gets the response at once; the copy is written meanwhile.
    if (response.status === 200 && response.type === "basic") {
      event.waitUntil(cache.put(key, response.clone()));
    }
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw error;
  }
}
