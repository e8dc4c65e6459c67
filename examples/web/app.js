// CTG dashboard: the Sundgau plan evaluated in the page by ctg's WebAssembly build.
// Plain ES module, no framework, no network beyond this page's own files: the observations
// file the user picks or drops is read in the browser and never sent anywhere.
import * as mainModule from "../../ctg-wasm/pkg/ctg_wasm.js";

// The module in use: the main one (no spreadsheets, no TOML plans, no plan documents),
// replaced by the full module (the same API, with workbooks in and out, `Plan.fromToml` and
// `importPlan`) the first time a workbook, a TOML plan or a plan document comes, or a
// workbook is asked for. `Plan.fromJson` and `Plan.sundgau()` stay in the main module.
let ctg = mainModule;
const { isCtgError } = mainModule;
let fullModule = null;

/** Load the full module once, and move the current plan into it. A failure (offline before
 * the module was ever fetched, so not in the service worker's cache) rejects, and the next
 * call tries again. */
function withFullModule() {
  fullModule ??= (async () => {
    const full = await import("../../ctg-wasm/pkg/ctg_wasm_xlsx.js");
    await full.default();
    const json = state.plan?.toJson();
    ctg = full;
    if (json) replacePlan(ctg.Plan.fromJson(json, state.lang));
    document.body.dataset.spreadsheets = "loaded";
  })().catch((e) => {
    fullModule = null;
    throw e;
  });
  return fullModule;
}

const EXAMPLE_URL = "../sundgau/observations.csv";
const EXAMPLE_AS_OF = "2026-12-31";

// How each status looks (colour, ink, fill, icon, labels) comes from the package
// (`statuses()`, ctg-core's table), filled once the module is initialised.
const STATUS = {};
let STATUS_ORDER = [];
function loadStatuses() {
  const en = Object.fromEntries(ctg.statuses("en").map((s) => [s.code, s.label]));
  for (const s of ctg.statuses("fr")) STATUS[s.code] = { ...s, fr: s.label, en: en[s.code] };
  STATUS_ORDER = ctg.statuses("fr").map((s) => s.code);
}

const TEXT = {
  fr: {
    kicker: "Convention Territoriale Globale · tableau de bord",
    controls: "Réglages",
    source: "Observations",
    pick: "Choisir un classeur ou un fichier CSV",
    drop: "ou le déposer ici (.xlsx, .ods, .xls, ou CSV exporté d'Excel)",
    example: "Revenir à l'exemple Sundgau (données FICTIVES)",
    exampleName: "Exemple : examples/sundgau/observations.csv — données FICTIVES",
    asOf: "Évaluer au",
    asOfHelp: "vide : date de la dernière observation",
    lang: "Langue",
    mode: "Lignes invalides",
    lenient: "ignorer et lister",
    strict: "refuser le fichier",
    fictionalTag: "DONNÉES FICTIVES",
    fictionalText: "Observations inventées pour l'exemple, aucune personne réelle.",
    privacy: "Tout reste dans ce navigateur : le fichier n'est envoyé nulle part.",
    planScore: "Score du plan",
    asOfLine: (d, given) => `au ${d}${given ? "" : " (dernière observation)"}`,
    axis: "Axe",
    fiche: "Fiche",
    notScored: "non noté",
    fichesScored: (a, b) => `${a} fiche${a > 1 ? "s" : ""} notée${a > 1 ? "s" : ""} sur ${b}`,
    indicators: (n) => `${n} indicateur${n > 1 ? "s" : ""}`,
    noTarget: "sans cible",
    target: "cible",
    ofTarget: "de la cible",
    inProgress: "en cours",
    yearMean: "moyenne annuelle",
    quarter: "T",
    half: "S",
    week: "sem.",
    done: (d) => (d ? `réalisé le ${d}` : "réalisé"),
    notDone: "pas encore réalisé",
    assessment: { achieved: "atteint", partial: "partiellement atteint", not_achieved: "non atteint" },
    diagnostics: "Diagnostics",
    used: "observations utilisées",
    afterAsOf: "postérieures à la date d'évaluation (ignorées)",
    outside: "hors période du plan (ignorées)",
    rejectedTitle: (n) => `${n} ligne${n > 1 ? "s" : ""} rejetée${n > 1 ? "s" : ""} (mode tolérant)`,
    rejectedNote: (n) => `${n} ligne${n > 1 ? "s" : ""} du fichier rejetée${n > 1 ? "s" : ""} : évaluation sans elle${n > 1 ? "s" : ""}.`,
    seeDiagnostics: "Voir les diagnostics",
    noRejected: "Aucune ligne rejetée.",
    row: "Ligne",
    column: "Colonne",
    code: "Code",
    problem: "Problème",
    notes: "Notes du fichier",
    errorsTitle: (n) => `Le fichier a ${n} problème${n > 1 ? "s" : ""} : aucune évaluation (mode strict)`,
    errorsHelp: "Corrigez le fichier, ou choisissez « ignorer et lister » pour évaluer les lignes valides.",
    optionsError: "Réglage invalide",
    evalTime: (ev, render) => `évaluation ${ev} ms · affichage ${render} ms`,
    loading: "Chargement…",
    loadFailed: "Le module WebAssembly n'a pas pu être chargé.",
    openReport: "Rapport COPIL",
    openReportHelp: "s'ouvre dans un nouvel onglet, à imprimer ou enregistrer",
    exportHtml: "Télécharger le rapport (HTML)",
    exportCsv: "Résultats (CSV pour Excel)",
    exportXlsx: "Résultats (classeur Excel)",
    exportEntry: "Grille de saisie (Excel)",
    exportHelp: "produits dans ce navigateur par ctg-core (WebAssembly)",
    wholeFile: "fichier",
    kb: "Ko",
    planSource: "Plan",
    pickPlan: "Charger un plan",
    pickPlanHelp: "fichier de plan (.toml, .json) ou document du plan d'action (.docx, .txt)",
    backToSundgau: "Revenir au plan Sundgau",
    sundgauName: "Plan Sundgau 2025-2029 (fourni avec ctg)",
    findingsTitle: (n) => `Import du plan : ${n} point${n > 1 ? "s" : ""} à vérifier`,
    findingsHelp: "Chaque lecture que le document n'écrit pas est signalée ici. Vérifiez-les, puis téléchargez le plan relu.",
    noFindings: "Import du plan : aucune interprétation à vérifier.",
    planErrorTitle: (n) => `Le plan ne se charge pas : ${n} problème${n > 1 ? "s" : ""}`,
    exportPlan: "Plan importé (TOML commenté)",
    severity: { interpretation: "interprétation", warning: "à vérifier", not_understood: "non compris", error: "erreur" },
    moduleTitle: "Module non chargé",
    fullModuleFailed: "Le module complet (classeurs, plans TOML, documents de plan) n'a pas pu être chargé. Ouvrez une fois cette page en ligne et chargez un tel fichier : il est ensuite gardé pour l'usage hors ligne.",
    legend: "Légende des statuts",
    scoreAs: "score lu comme",
    statusReady: (d, score, n) => `Évaluation au ${d} : score du plan ${score}, ${n} indicateur${n > 1 ? "s" : ""}.`,
    offline: "Disponible hors ligne",
  },
  en: {
    kicker: "Convention Territoriale Globale · dashboard",
    controls: "Settings",
    source: "Observations",
    pick: "Choose a workbook or a CSV file",
    drop: "or drop it here (.xlsx, .ods, .xls, or CSV exported from Excel)",
    example: "Back to the Sundgau example (FICTIONAL data)",
    exampleName: "Example: examples/sundgau/observations.csv — FICTIONAL data",
    asOf: "Evaluate as of",
    asOfHelp: "empty: date of the latest observation",
    lang: "Language",
    mode: "Invalid rows",
    lenient: "skip and list",
    strict: "reject the file",
    fictionalTag: "FICTIONAL DATA",
    fictionalText: "Made-up observations for the example, no real person.",
    privacy: "Everything stays in this browser: the file is sent nowhere.",
    planScore: "Plan score",
    asOfLine: (d, given) => `as of ${d}${given ? "" : " (latest observation)"}`,
    axis: "Axis",
    fiche: "Fiche",
    notScored: "not scored",
    fichesScored: (a, b) => `${a} of ${b} fiche${b > 1 ? "s" : ""} scored`,
    indicators: (n) => `${n} indicator${n > 1 ? "s" : ""}`,
    noTarget: "no target",
    target: "target",
    ofTarget: "of target",
    inProgress: "in progress",
    yearMean: "yearly mean",
    quarter: "Q",
    half: "H",
    week: "wk",
    done: (d) => (d ? `done on ${d}` : "done"),
    notDone: "not done yet",
    assessment: { achieved: "achieved", partial: "partly achieved", not_achieved: "not achieved" },
    diagnostics: "Diagnostics",
    used: "observations used",
    afterAsOf: "after the evaluation date (ignored)",
    outside: "outside the plan period (ignored)",
    rejectedTitle: (n) => `${n} row${n > 1 ? "s" : ""} rejected (lenient mode)`,
    rejectedNote: (n) => `${n} row${n > 1 ? "s" : ""} of the file rejected: evaluated without ${n > 1 ? "them" : "it"}.`,
    seeDiagnostics: "See the diagnostics",
    noRejected: "No row rejected.",
    row: "Row",
    column: "Column",
    code: "Code",
    problem: "Problem",
    notes: "Notes from the file",
    errorsTitle: (n) => `The file has ${n} problem${n > 1 ? "s" : ""}: no evaluation (strict mode)`,
    errorsHelp: "Fix the file, or choose “skip and list” to evaluate the valid rows.",
    optionsError: "Invalid setting",
    evalTime: (ev, render) => `evaluation ${ev} ms · rendering ${render} ms`,
    loading: "Loading…",
    loadFailed: "The WebAssembly module could not be loaded.",
    openReport: "COPIL report",
    openReportHelp: "opens in a new tab, to print or save",
    exportHtml: "Download the report (HTML)",
    exportCsv: "Results (CSV for Excel)",
    exportXlsx: "Results (Excel workbook)",
    exportEntry: "Entry workbook (Excel)",
    exportHelp: "made in this browser by ctg-core (WebAssembly)",
    wholeFile: "file",
    kb: "KB",
    planSource: "Plan",
    pickPlan: "Load a plan",
    pickPlanHelp: "plan file (.toml, .json) or action-plan document (.docx, .txt)",
    backToSundgau: "Back to the Sundgau plan",
    sundgauName: "Sundgau plan 2025-2029 (bundled with ctg)",
    findingsTitle: (n) => `Plan import: ${n} point${n > 1 ? "s" : ""} to check`,
    findingsHelp: "Every reading the document does not write is flagged here. Check them, then download the reviewed plan.",
    noFindings: "Plan import: no interpretation to check.",
    planErrorTitle: (n) => `The plan does not load: ${n} problem${n > 1 ? "s" : ""}`,
    exportPlan: "Imported plan (commented TOML)",
    severity: { interpretation: "interpretation", warning: "to check", not_understood: "not understood", error: "error" },
    moduleTitle: "Module not loaded",
    fullModuleFailed: "The full module (workbooks, TOML plans, plan documents) could not be loaded. Open this page once online and load such a file: it is then kept for offline use.",
    legend: "Status legend",
    scoreAs: "score read as",
    statusReady: (d, score, n) => `Evaluation as of ${d}: plan score ${score}, ${n} indicator${n > 1 ? "s" : ""}.`,
    offline: "Available offline",
  },
};

const $ = (id) => document.getElementById(id);
const state = {
  plan: null, ev: null, bytes: null, sourceName: "", sourceSize: 0, example: true, lang: "fr", asOf: EXAMPLE_AS_OF, strict: false,
  // The plan's source when the user loaded one: { name, bytes }; null for the bundled plan.
  planSource: null, findings: [], planError: null, planToml: null,
  // Fiches whose indicator list the user folded (their <details>), kept across re-renders.
  closedFiches: new Set(),
};
const t = () => TEXT[state.lang];

/** An ISO date that exists in the calendar (2026-02-30 does not). */
function isIsoDate(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return y >= 1 && day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/** The date and language from the address (`?date=2026-12-31&lang=en`), so that a link or a
 * bookmark opens the same view. A value the page does not know is ignored (the default
 * stays); `date=` (empty) is the "latest observation" choice. */
function readUrlState() {
  const query = new URLSearchParams(location.search);
  const lang = query.get("lang");
  // Own keys only: `?lang=toString` names no language.
  if (lang !== null && Object.hasOwn(TEXT, lang)) state.lang = lang;
  const asOf = query.get("date");
  if (asOf !== null && (asOf === "" || isIsoDate(asOf))) state.asOf = asOf;
}

/** Write the date and language back into the address, without a history entry per change;
 * other parameters and the #anchor are kept. */
function writeUrlState() {
  const url = new URL(location.href);
  url.searchParams.set("date", state.asOf);
  url.searchParams.set("lang", state.lang);
  if (url.href !== location.href) history.replaceState(history.state, "", url);
}

/** Escape text for HTML. Everything from the plan or the file goes through it. */
function esc(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/** Escaped text with `code` spans, as ctg's messages quote cells and names. */
function rich(value) {
  return esc(value).replace(/`([^`]+)`/g, "<code>$1</code>");
}

const locale = () => (state.lang === "fr" ? "fr-FR" : "en-GB");
function num(n, digits = 1) {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);
}
function pct(ratio) {
  return `${num(ratio * 100, 0)} %`;
}
function date(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(locale(), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

function chip(status, { small = false } = {}) {
  const s = STATUS[status];
  return `<span class="chip${small ? " small" : ""}" data-status="${esc(status)}" style="--c:${s.colour};--ink:${s.ink}">` +
    `<span class="icon" aria-hidden="true">${s.icon}</span><span class="chip-label">${esc(s[state.lang])}</span></span>`;
}

function scoreBar(score) {
  if (score === null) return `<div class="meter empty" aria-hidden="true"></div>`;
  const hue = STATUS[ctg.scoreStatus(score)].colour;
  return `<div class="meter" aria-hidden="true"><span style="width:${(score * 100).toFixed(1)}%;background:${hue}"></span></div>`;
}

/** A score (fiche, axis) with the status it is drawn as (ctg-core's scoreStatus): the meter's
 * colour, also written as icon and label so that the colour is never the only carrier. */
function scoreText(score) {
  if (score === null) return `<span class="score none">${esc(t().notScored)}</span>`;
  const s = ctg.scoreStatus(score);
  return `<span class="score-line"><span class="score">${pct(score)}</span>` +
    `<span class="visually-hidden">, ${esc(t().scoreAs)}</span>${chip(s, { small: true })}</span>`;
}

/** How many indicators have each status: chip (icon and label) and number. */
function counts(c) {
  return `<ul class="counts">${STATUS_ORDER.filter((s) => c[s] > 0)
    .map((s) => `<li>${chip(s, { small: true })}<b>${c[s]}</b></li>`)
    .join("")}</ul>`;
}

/** The period a result covers: 2026, S1 2026, T3 2026, janv. 2026, sem. 12 2026, 2025-2029,
 * plus its state. */
function period(r) {
  const [y, m, d] = r.start.split("-").map(Number);
  // The year a result belongs to: the year of its start + 3 days, i.e. the ISO year (the
  // year of the Thursday) for weeks and their yearly summaries, the calendar year otherwise.
  const thursday = new Date(Date.UTC(y, m - 1, d + 3));
  const year = thursday.getUTCFullYear();
  let p;
  if (r.kind === "year_summary") p = `${year} · ${t().yearMean}`;
  else if (r.window === "year") p = `${year}`;
  else if (r.window === "half_year") p = `${t().half}${m <= 6 ? 1 : 2} ${year}`;
  else if (r.window === "quarter") p = `${t().quarter}${Math.floor((m - 1) / 3) + 1} ${year}`;
  else if (r.window === "week") {
    // ISO week number: the Thursday's week of its year.
    const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / 86400000 / 7) + 1;
    p = `${t().week} ${week} ${year}`;
  } else if (r.window === "month") p = new Intl.DateTimeFormat(locale(), { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
  else p = `${y}–${r.end.slice(0, 4)}`;
  return r.state === "open" ? `${p} · ${t().inProgress}` : p;
}

function valueText(ind, r) {
  if (ind.measure === "milestone") {
    if (r.value === null) return "—";
    return r.value >= 1 ? t().done(r.done_on ? date(r.done_on) : null) : t().notDone;
  }
  if (ind.measure === "qualitative") return r.assessment ? t().assessment[r.assessment] : "—";
  if (r.value === null) return "—";
  const unit = ind.measure === "ratio" ? " %" : ind.unit ? ` ${ind.unit}` : "";
  return `${num(r.value)}${unit}`;
}

function indicatorRow(ind) {
  const r = ind.headline;
  const colour = STATUS[r.status].colour;
  const a = r.achievement;
  const bar = a === null
    ? `<div class="bar none" aria-hidden="true"></div><span class="bar-pct muted">—</span>`
    : `<div class="bar" aria-hidden="true"><span style="width:${Math.min(Math.max(a, 0), 1) * 100}%;background:${colour}"></span>${a > 1 ? '<i class="over"></i>' : ""}</div>` +
      `<span class="bar-pct">${pct(a)} <span class="muted">${esc(t().ofTarget)}</span></span>`;
  const target = ind.target_text ? `${esc(t().target)} ${esc(ind.target_text)}` : esc(t().noTarget);
  return `<li class="indicator" data-indicator="${esc(ind.id)}" data-status="${esc(r.status)}">
    <div class="ind-head"><span class="ind-label">${esc(ind.label)}</span><span class="ind-id">${esc(ind.id)}</span></div>
    <div class="ind-value">${chip(r.status)}<span class="value">${esc(valueText(ind, r))}</span>
      <span class="target"><span class="vs">/</span> ${target}</span><span class="period">${esc(period(r))}</span></div>
    <div class="ind-bar">${bar}</div>
    <p class="explanation">${esc(r.explanation)}</p>
  </li>`;
}

function renderPlanScore(ev) {
  const c = ev.plan.counts;
  const total = STATUS_ORDER.reduce((n, s) => n + c[s], 0) || 1;
  let at = 0;
  const stops = STATUS_ORDER.filter((s) => c[s] > 0).map((s) => {
    const from = (at / total) * 360;
    at += c[s];
    const colour = STATUS[s].fill;
    return `${colour} ${from}deg ${(at / total) * 360}deg`;
  });
  const score = ev.plan.score;
  $("plan-score").innerHTML = `
    <h2>${esc(t().planScore)}</h2>
    <div class="ring" style="background:conic-gradient(${stops.join(",")})" role="img"
      aria-label="${esc(t().planScore)} ${score === null ? esc(t().notScored) : pct(score)}">
      <div class="ring-hole"><span class="ring-score" id="plan-score-value">${score === null ? "—" : pct(score)}</span>
      <span class="ring-sub">${esc(t().indicators(total))}</span></div>
    </div>
    <p class="as-of">${esc(t().asOfLine(date(ev.as_of), ev.as_of_given))}</p>
    ${counts(c)}`;
}

function renderAxes(ev) {
  $("axes").innerHTML = ev.axes.map((a) => `
    <a class="card axis" href="#axis-${a.axis}" data-axis="${a.axis}">
      <div class="axis-top"><span class="axis-num">${esc(t().axis)} ${a.axis}</span>
        ${scoreText(a.score)}</div>
      <h3>${esc(a.title)}</h3>
      ${scoreBar(a.score)}
      <p class="muted small">${esc(t().fichesScored(a.fiches_scored, a.fiches))}</p>
      ${counts(a.counts)}
    </a>`).join("");
}

function renderFiches(ev) {
  const html = ev.axes.map((a) => {
    const fiches = ev.fiches.filter((f) => f.axis === a.axis);
    return `<section class="axis-block" id="axis-${a.axis}">
      <h2 class="axis-title"><span class="axis-num">${esc(t().axis)} ${a.axis}</span> ${esc(a.title)}</h2>
      <div class="fiche-grid">${fiches.map((f) => {
        const inds = ev.indicators.filter((i) => i.fiche === f.fiche);
        // The indicator list folds (a <details>: Tab reaches its summary, Enter or Space
        // toggles it); open by default, as the statuses are what the page is for.
        const open = state.closedFiches.has(f.fiche) ? "" : " open";
        return `<article class="card fiche" data-fiche="${f.fiche}" aria-labelledby="fiche-title-${f.fiche}">
          <header class="fiche-head">
            <span class="fiche-num">${esc(t().fiche)} ${f.fiche}</span>
            ${scoreText(f.score)}
          </header>
          <h3 id="fiche-title-${f.fiche}">${esc(f.title)}</h3>
          ${scoreBar(f.score)}
          <details class="fiche-details" data-fiche="${f.fiche}"${open}>
            <summary>${esc(t().indicators(inds.length))}</summary>
            <ul class="indicators">${inds.map(indicatorRow).join("")}</ul>
          </details>
        </article>`;
      }).join("")}</div>
    </section>`;
  }).join("");
  $("fiches").innerHTML = html;
  $("legend").innerHTML = `<span class="label" id="legend-title">${esc(t().legend)}</span>` +
    `<ul class="legend-list" aria-labelledby="legend-title">${STATUS_ORDER.map((s) => `<li>${chip(s, { small: true })}</li>`).join("")}</ul>`;
}

function issueRows(issues) {
  return issues.map((i) => {
    const message = state.lang === "fr" ? i.message_fr : i.message;
    const hint = state.lang === "fr" ? i.hint_fr : i.hint;
    return `<tr data-row="${i.row ?? ""}" data-column="${esc(i.column ?? "")}" data-code="${esc(i.code)}">
      <td class="num">${i.row ?? esc(t().wholeFile)}</td><td><code>${esc(i.column ?? "—")}</code></td>
      <td><code>${esc(i.code)}</code></td>
      <td>${rich(message)}${hint ? `<div class="hint">${rich(hint)}</div>` : ""}</td></tr>`;
  }).join("");
}

function issueTable(issues, caption) {
  // A table wider than the screen scrolls sideways: the keyboard reaches it (tabindex) and
  // it is a named region.
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${esc(caption)}"><table class="issues">
    <thead><tr><th>${esc(t().row)}</th><th>${esc(t().column)}</th><th>${esc(t().code)}</th><th>${esc(t().problem)}</th></tr></thead>
    <tbody>${issueRows(issues)}</tbody></table></div>`;
}

function renderDiagnostics(ev) {
  const d = ev.diagnostics;
  const rejected = d.rejected.length
    ? `<h3 class="rejected-title">${esc(t().rejectedTitle(d.rejected.length))}</h3>${issueTable(d.rejected, t().rejectedTitle(d.rejected.length))}`
    : `<p class="muted">${esc(t().noRejected)}</p>`;
  const notes = d.notes.length
    ? `<h3>${esc(t().notes)}</h3><ul class="notes">${d.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>`
    : "";
  $("diagnostics").innerHTML = `<h2>${esc(t().diagnostics)}</h2>
    <ul class="stats">
      <li><b>${d.used}</b> ${esc(t().used)}</li>
      <li><b>${d.after_as_of}</b> ${esc(t().afterAsOf)}</li>
      <li><b>${d.outside_period}</b> ${esc(t().outside)}</li>
    </ul>${rejected}${notes}`;
}

function renderRejectedNote(ev) {
  const n = ev ? ev.diagnostics.rejected.length : 0;
  const note = $("rejected-note");
  note.hidden = n === 0;
  if (n > 0) {
    note.innerHTML = `<span class="icon" aria-hidden="true">⚠</span> ${esc(t().rejectedNote(n))} <a href="#diagnostics">${esc(t().seeDiagnostics)}</a>`;
  }
}

function renderError(e) {
  const box = $("errors");
  if (e.kind === "observations") {
    box.innerHTML = `<h2><span class="icon" aria-hidden="true">✖</span> ${esc(t().errorsTitle(e.errors.length))}</h2>
      <p class="muted">${esc(t().errorsHelp)}</p>${issueTable(e.errors, t().errorsTitle(e.errors.length))}`;
  } else {
    const title = e.kind === "module" ? t().moduleTitle : t().optionsError;
    box.innerHTML = `<h2><span class="icon" aria-hidden="true">✖</span> ${esc(title)}</h2><p>${esc(e.message)}</p>`;
  }
  box.hidden = false;
  $("results").hidden = true;
  $("diagnostics").hidden = true;
}

function applyText() {
  document.documentElement.lang = state.lang;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t()[el.dataset.i18n];
  for (const el of document.querySelectorAll("[data-i18n-aria]")) el.setAttribute("aria-label", t()[el.dataset.i18nAria]);
  $("source-name").textContent = state.example
    ? t().exampleName
    : `${state.sourceName} · ${num(state.sourceSize / 1024, 1)} ${t().kb}`;
  $("example").hidden = state.example;
  $("plan-name").textContent = state.planSource ? state.planSource.name : t().sundgauName;
  $("sundgau").hidden = !state.planSource;
  showOffline();
  if (state.plan) {
    $("plan-title").textContent = state.plan.title;
    $("plan-sub").textContent = `${state.plan.territory} · ${state.plan.period.start}–${state.plan.period.end}`;
  }
}

/** The plan from the loaded file, in the current language: a plan file (`.toml`, `.json`)
 * is loaded as is; a plan document (`.docx`, `.txt`) goes through ctg-core's importer,
 * whose findings (every interpretation) are shown. A TOML plan and a plan document need the
 * full module (`Plan.fromToml`, `importPlan`), loaded first: so this is async, and the
 * callers evaluate once it has resolved. */
async function loadPlan() {
  const source = state.planSource;
  state.planError = null;
  if (!source) {
    state.findings = [];
    state.planToml = null;
    if (!state.plan || state.plan.id !== "sundgau-2025-2029") replacePlan(ctg.Plan.sundgau());
    return;
  }
  const name = source.name.toLowerCase();
  const json = name.endsWith(".json");
  if (!json) {
    try {
      await withFullModule();
    } catch (e) {
      console.warn("ctg: full module not loaded", e);
      // Shown like a plan's problems; the plan in force stays.
      state.planError = { problems: [{ code: "module_unavailable", severity: "error", message: t().fullModuleFailed }] };
      return;
    }
    // Another plan (or the Sundgau plan) was chosen while the module loaded: that call
    // loads it.
    if (state.planSource !== source) return;
  }
  try {
    if (json || name.endsWith(".toml")) {
      const text = new TextDecoder().decode(source.bytes);
      replacePlan(json ? ctg.Plan.fromJson(text, state.lang) : ctg.Plan.fromToml(text, state.lang));
      state.findings = [];
      state.planToml = null;
    } else {
      const imported = ctg.importPlan(source.bytes, state.lang);
      replacePlan(imported.plan);
      state.findings = imported.findings;
      state.planToml = imported.toml;
    }
  } catch (e) {
    if (!isCtgError(e)) throw e;
    state.planError = e;
  }
}

function replacePlan(plan) {
  state.ev?.free();
  state.ev = null;
  state.plan?.free();
  state.plan = plan;
}

/** Where a finding is, from its location path and line. */
function place(p) {
  const parts = [];
  const loc = p.loc ?? [];
  for (let i = 0; i < loc.length; i++) {
    if (loc[i] === "fiches" && i + 1 < loc.length) parts.push(`${t().fiche} ${loc[++i]}`);
    else if (loc[i] === "indicators" && i + 1 < loc.length) parts.push(String(loc[++i]));
    else parts.push(String(loc[i]));
  }
  if (p.line) parts.push(`l. ${p.line}`);
  return parts.join(" · ");
}

function renderFindings() {
  const box = $("findings");
  const error = state.planError;
  if (!state.planSource && !error) {
    box.hidden = true;
    box.innerHTML = "";
    return;
  }
  box.hidden = false;
  const list = error ? error.problems ?? [] : state.findings;
  const title = error ? t().planErrorTitle(list.length) : list.length ? t().findingsTitle(list.length) : t().noFindings;
  const items = list
    .map((p) => `<li data-code="${esc(p.code)}" data-severity="${esc(p.severity)}"><span class="severity">${esc(t().severity[p.severity] ?? p.severity)}</span> ` +
      `${rich(p.message)}${p.hint ? ` <span class="hint">(${rich(p.hint)})</span>` : ""}` +
      `${place(p) ? ` <span class="place">${esc(place(p))}</span>` : ""}</li>`)
    .join("");
  box.innerHTML = `<h2>${esc(title)}</h2>${error || !list.length ? "" : `<p class="help">${esc(t().findingsHelp)}</p>`}` +
    `${items ? `<ul class="finding-list">${items}</ul>` : ""}` +
    `${state.planToml ? `<button id="export-plan" type="button">${esc(t().exportPlan)}</button>` : ""}`;
  $("export-plan")?.addEventListener("click", () => {
    const stem = state.planSource.name.replace(/\.[^.]+$/, "");
    download(`${stem}.toml`, "application/toml;charset=utf-8", state.planToml);
  });
}

/** Evaluate and render; runs on every change. */
function run() {
  if (!state.plan || !state.bytes) return;
  applyText();
  renderFindings();
  const options = { asOf: state.asOf || null, lang: state.lang, strict: state.strict };
  // The evaluation's time includes getting its data: `evaluate` keeps ctg-core's result in
  // the module, and the plain data is built on first use (`toJSON()` builds it here, and the
  // render below reads the same object).
  const t0 = performance.now();
  let ev = null;
  let data = null;
  let error = null;
  try {
    ev = state.plan.evaluate(state.bytes, options);
    data = ev.toJSON();
  } catch (e) {
    if (!isCtgError(e)) throw e;
    error = e;
  }
  const t1 = performance.now();
  // The previous evaluation's memory (in the WebAssembly module) is released now rather
  // than whenever the garbage collector gets to it.
  state.ev?.free();
  state.ev = ev;
  $("fictional").hidden = !(state.example || data?.fictional);
  renderRejectedNote(data);
  if (error) {
    renderError(error);
    document.body.dataset.state = "error";
  } else {
    $("errors").hidden = true;
    $("results").hidden = false;
    $("diagnostics").hidden = false;
    renderPlanScore(data);
    renderAxes(data);
    renderFiches(data);
    renderDiagnostics(data);
    document.body.dataset.state = "ready";
  }
  announce(data, error);
  writeUrlState();
  const t2 = performance.now();
  const evalMs = t1 - t0;
  document.body.dataset.evalMs = evalMs.toFixed(2);
  document.body.dataset.renderMs = (t2 - t1).toFixed(2);
  $("eval-time").textContent = t().evalTime(num(evalMs, 1), num(t2 - t1, 1));
}

/** The one sentence a screen reader hears after each evaluation (the status line). */
function announce(data, error) {
  let text;
  if (error) {
    text = error.kind === "observations" ? t().errorsTitle(error.errors.length) : `${t().optionsError} : ${error.message}`;
  } else {
    const score = data.plan.score === null ? t().notScored : pct(data.plan.score);
    text = t().statusReady(date(data.as_of), score, data.indicators.length);
    const rejected = data.diagnostics.rejected.length;
    if (rejected) text += ` ${t().rejectedNote(rejected)}`;
  }
  if (state.planError) text = `${t().planErrorTitle((state.planError.problems ?? []).length)}. ${text}`;
  $("status-line").textContent = text;
}

/** A message by the export buttons (the full module did not load). */
function notice(text) {
  const box = $("export-notice");
  box.textContent = text ?? "";
  box.hidden = !text;
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The two workbooks (made by ctg-core in the full module): the plan's entry workbook
 * (grille de saisie) and the results workbook of the current evaluation. */
async function exportWorkbook(kind) {
  try {
    await withFullModule();
  } catch (e) {
    console.warn("ctg: full module not loaded", e);
    notice(t().fullModuleFailed);
    return;
  }
  notice(null);
  if (kind === "entry") {
    const name = `${state.lang === "fr" ? "grille-de-saisie" : "entry-workbook"}-${state.plan.id}.xlsx`;
    download(name, XLSX_TYPE, state.plan.entryWorkbook(state.lang));
    return;
  }
  run();
  const ev = state.ev;
  if (!ev) return;
  const stem = `${ev.plan_id}-${ev.as_of}`;
  download(`${state.lang === "fr" ? "resultats" : "results"}-${stem}.xlsx`, XLSX_TYPE, ev.toExcel({ lang: state.lang }));
}

/** Offer a text (or bytes) as a file download (a report made by ctg-core, in the page). */
function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The COPIL report and the results table, from the current evaluation (ctg-core renders
 * them: the page only names the files). */
function exportReport(kind) {
  const ev = state.ev;
  if (!ev) return;
  const stem = `${ev.plan_id}-${ev.as_of}`;
  if (kind === "html") download(`${state.lang === "fr" ? "rapport-copil" : "copil-report"}-${stem}.html`, "text/html;charset=utf-8", ev.toHtml({ lang: state.lang }));
  else download(`${state.lang === "fr" ? "resultats" : "results"}-${stem}.csv`, "text/csv;charset=utf-8", ev.toCsv());
}

// The report shown in a tab: its Blob URL lives until the next report replaces it or the
// dashboard closes, so that the tab can be reloaded meanwhile.
let reportUrl = null;
function revokeReport() {
  if (reportUrl) URL.revokeObjectURL(reportUrl);
  reportUrl = null;
}

/** « Rapport COPIL »: ctg-core's HTML report of the current evaluation, in a new tab (to
 * read, print or save). The report holds no script and loads nothing. */
function openReport() {
  const ev = state.ev;
  if (!ev) return;
  revokeReport();
  reportUrl = URL.createObjectURL(new Blob([ev.toHtml({ lang: state.lang })], { type: "text/html;charset=utf-8" }));
  const tab = window.open(reportUrl, "_blank");
  if (tab) tab.opener = null;
  // A browser that blocks the new tab still gets the report, as a download.
  else exportReport("html");
}

async function useFile(file) {
  state.bytes = new Uint8Array(await file.arrayBuffer());
  state.sourceName = file.name;
  state.sourceSize = file.size;
  state.example = false;
  // A workbook (ctg-core tells by its first bytes) needs the full module.
  if (ctg.isWorkbook(state.bytes)) {
    try {
      await withFullModule();
    } catch (e) {
      // The file stays chosen (its name, the way back to the example); the next change
      // evaluates it with the main module, which answers ctg-core's `format_error`.
      console.warn("ctg: full module not loaded", e);
      applyText();
      renderError({ kind: "module", message: t().fullModuleFailed });
      $("status-line").textContent = `${t().moduleTitle}. ${t().fullModuleFailed}`;
      document.body.dataset.state = "error";
      return;
    }
  }
  run();
}

async function usePlanFile(file) {
  state.planSource = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  await loadPlan();
  run();
}

/** The bundled FICTIONAL observations; `keepDate` on first load (the address may name a
 * date), otherwise the example's own evaluation date comes back with it. */
async function useExample({ keepDate = false } = {}) {
  const response = await fetch(EXAMPLE_URL);
  state.bytes = new Uint8Array(await response.arrayBuffer());
  state.example = true;
  if (!keepDate) state.asOf = EXAMPLE_AS_OF;
  $("as-of").value = state.asOf;
  run();
}

function wire() {
  $("file").addEventListener("change", (e) => {
    const file = e.target.files?.[0];
    if (file) useFile(file);
  });
  $("plan-file").addEventListener("change", (e) => {
    const file = e.target.files?.[0];
    if (file) usePlanFile(file);
  });
  $("sundgau").addEventListener("click", async () => {
    $("plan-file").value = "";
    state.planSource = null;
    await loadPlan();
    run();
  });
  $("open-report").addEventListener("click", openReport);
  window.addEventListener("pagehide", revokeReport);
  $("export-html").addEventListener("click", () => exportReport("html"));
  $("export-csv").addEventListener("click", () => exportReport("csv"));
  $("export-xlsx").addEventListener("click", () => exportWorkbook("results"));
  $("export-entry").addEventListener("click", () => exportWorkbook("entry"));
  $("example").addEventListener("click", () => {
    $("file").value = "";
    useExample();
  });
  $("as-of").addEventListener("input", (e) => {
    state.asOf = e.target.value;
    run();
  });
  $("lang").addEventListener("change", async (e) => {
    state.lang = e.target.value;
    // The import's findings and a plan's problems are rendered in the language.
    if (state.planSource) await loadPlan();
    run();
  });
  for (const radio of document.querySelectorAll("input[name=mode]")) {
    radio.addEventListener("change", (e) => {
      state.strict = e.target.value === "strict";
      run();
    });
  }
  // A folded fiche stays folded when the page re-renders (toggle does not bubble: capture).
  $("fiches").addEventListener("toggle", (e) => {
    const fiche = Number(e.target.dataset?.fiche);
    if (!e.target.matches?.("details.fiche-details")) return;
    if (e.target.open) state.closedFiches.delete(fiche);
    else state.closedFiches.add(fiche);
  }, true);
  const zone = $("dropzone");
  let depth = 0;
  window.addEventListener("dragenter", (e) => {
    e.preventDefault();
    depth++;
    zone.classList.add("dragging");
  });
  window.addEventListener("dragleave", () => {
    if (--depth <= 0) {
      depth = 0;
      zone.classList.remove("dragging");
    }
  });
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => {
    e.preventDefault();
    depth = 0;
    zone.classList.remove("dragging");
    const file = e.dataTransfer?.files?.[0];
    if (file) useFile(file);
  });
}

/** "Available offline" once the service worker controls the page. */
function showOffline() {
  const controlled = Boolean(navigator.serviceWorker?.controller);
  $("offline").textContent = controlled ? t().offline : "";
}

/** The service worker (sw.js) keeps the page, the main module and the example for offline
 * use. Registered once the dashboard is ready, so that its downloads do not compete with
 * the first render. Needs a secure context (https, or http on localhost / 127.0.0.1). */
async function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.addEventListener("controllerchange", showOffline);
  try {
    await navigator.serviceWorker.register("sw.js");
  } catch (e) {
    console.warn("ctg: the service worker did not register (no offline use)", e);
  }
  showOffline();
}

async function main() {
  readUrlState();
  $("lang").value = state.lang;
  $("as-of").value = state.asOf;
  applyText();
  wire();
  try {
    await mainModule.default();
    loadStatuses();
  } catch (e) {
    $("plan-title").textContent = t().loadFailed;
    document.body.dataset.state = "failed";
    throw e;
  }
  await loadPlan();
  $("plan-title").textContent = state.plan.title;
  document.title = `${state.plan.title} — CTG`;
  await useExample({ keepDate: true });
  registerServiceWorker();
}

main();
