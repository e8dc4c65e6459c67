// Debian's Chromium for the browser tests: its path and the flags it needs in this closed
// network (without the background-networking flags it floods it with refused connections).
export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Collect what a page reports as going wrong (console errors and warnings, uncaught
 * errors) into `problems`, which it returns: a browser test asserts it stays empty. */
export function collectProblems(page, problems = []) {
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}
