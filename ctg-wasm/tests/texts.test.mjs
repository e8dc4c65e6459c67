// The cross-runtime text corpus (ctg-core/tests/corpus/texts): every case rendered through
// the JS package — explanations, HTML, Markdown, CSV (both flavours) and the terminal
// report, in French and English — must equal, byte for byte, the files Rust pins in golden/
// (ctg-core/tests/texts.rs; the Python suite compares with the same files).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import { ctg, repo } from "./support/ctg.mjs";

const dir = repo("ctg-core", "tests", "corpus", "texts");
const cases = readdirSync(dir).filter((f) => f.endsWith(".toml")).sort();

test("the corpus has its cases", () => {
  assert.ok(cases.length >= 2, `${cases.length} cases`);
});

function rendered(ev, spec, lang) {
  const opts = { lang, fiches: spec.fiches ?? null, suppressBelow: spec.suppress_below ?? null };
  const rows = ev.rows({ lang }).filter((r) => opts.fiches === null || opts.fiches.includes(r.fiche));
  const sentences = ev.explanations(opts);
  assert.equal(sentences.length, rows.length);
  const tsv = rows.map((r, i) => `${r.indicator}\t${r.start}\t${r.kind}\t${sentences[i]}\n`).join("");
  return {
    [`${lang}.explanations.tsv`]: tsv,
    [`${lang}.html`]: ev.toHtml(opts),
    [`${lang}.md`]: ev.toMarkdown(opts),
    [`${lang}.csv`]: ev.toCsv({ ...opts, flavour: "french" }),
    [`${lang}.plain.csv`]: ev.toCsv({ ...opts, flavour: "plain" }),
    [`${lang}.txt`]: ev.toText(opts),
  };
}

for (const file of cases) {
  const name = file.replace(/\.toml$/, "");
  const spec = parseToml(readFileSync(`${dir}/${file}`, "utf8"));
  for (const lang of ["fr", "en"]) {
    test(`${name} (${lang}): JS renders the pinned texts`, () => {
      const plan = ctg.Plan.fromToml(readFileSync(repo(spec.plan), "utf8"));
      const ev = plan.evaluate(readFileSync(repo(spec.observations)), { asOf: spec.as_of ?? null });
      for (const [suffix, text] of Object.entries(rendered(ev, spec, lang))) {
        const golden = readFileSync(`${dir}/golden/${name}.${suffix}`, "utf8");
        assert.equal(text, golden, `${name}.${suffix} differs from what JS renders`);
      }
    });
  }
}
