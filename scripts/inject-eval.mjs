// Scores the prompt-injection output scanner against the labelled corpus (test/inject/corpus/*.yaml),
// per split, with Wilson 95% intervals, so claims about recall and false alarms come with error bars.
// Run: node --import tsx scripts/inject-eval.mjs [--split dev|holdout] [--quiet]
// An item is "detected" when the scanner reports at least one high-severity finding (isAlarm).
import { isAlarm, scanToolOutput } from "../src/core/inject/scan.ts";
import { wilson } from "../src/core/stats.ts";
import { loadCorpus, toolFor } from "../test/inject/corpus.ts";

const args = process.argv.slice(2);
const only = args.includes("--split") ? args[args.indexOf("--split") + 1] : null;
const quiet = args.includes("--quiet");
const splits = only ? [only] : ["dev", "holdout"];

const pct = (x) => (100 * x).toFixed(1) + "%";
const ci = (k, n) => {
  const w = wilson(k, n);
  return `${k}/${n} = ${pct(w.rate)}  [95% CI ${pct(w.low)}–${pct(w.high)}]`;
};

export function evaluate(items) {
  const rows = items.map((item) => {
    const findings = scanToolOutput(item.text, { tool: toolFor(item.carrier) });
    return { item, findings, alarm: isAlarm(findings) };
  });
  const pos = rows.filter((r) => r.item.label === "injection");
  const neg = rows.filter((r) => r.item.label === "benign");
  const tp = pos.filter((r) => r.alarm).length;
  const fp = neg.filter((r) => r.alarm).length;
  const noisy = neg.filter((r) => r.findings.length > 0).length;
  return { rows, pos, neg, tp, fp, noisy };
}

for (const split of splits) {
  const items = loadCorpus([split]);
  const { rows, pos, neg, tp, fp, noisy } = evaluate(items);
  console.log(`\n=== ${split}: n=${rows.length} (${pos.length} injection, ${neg.length} benign) ===`);
  console.log(`detection rate (recall)   ${ci(tp, pos.length)}`);
  console.log(`false-positive rate       ${ci(fp, neg.length)}`);
  console.log(`precision                 ${tp + fp ? pct(tp / (tp + fp)) : "n/a"} (${tp}/${tp + fp})`);
  console.log(`benign with any finding   ${ci(noisy, neg.length)}  (medium notes, not alarms)`);
  console.log("per carrier:              recall        false alarms");
  const carriers = [...new Set(rows.map((r) => r.item.carrier))].sort();
  for (const c of carriers) {
    const p = pos.filter((r) => r.item.carrier === c);
    const n = neg.filter((r) => r.item.carrier === c);
    const rec = p.length ? `${p.filter((r) => r.alarm).length}/${p.length}` : "-";
    const fa = n.length ? `${n.filter((r) => r.alarm).length}/${n.length}` : "-";
    console.log(`  ${c.padEnd(14)}          ${rec.padEnd(13)} ${fa}`);
  }
  const misses = pos.filter((r) => !r.alarm);
  const alarms = neg.filter((r) => r.alarm);
  console.log(`misses (${misses.length}):`);
  for (const r of misses) console.log(`  ${r.item.id} [${r.item.carrier}] ${r.item.note}${r.findings.length ? `  (medium: ${r.findings.map((f) => f.kind).join(", ")})` : ""}`);
  console.log(`false alarms (${alarms.length}):`);
  for (const r of alarms) {
    console.log(`  ${r.item.id} [${r.item.carrier}] ${r.item.note}`);
    if (!quiet) for (const f of r.findings.filter((f) => f.severity === "high")) console.log(`      ${f.kind}: ${f.explanation} | ${f.excerpt}`);
  }
}

// Speed: 100 KB of ordinary text (prose, code, logs), median of repeated scans after warm-up.
const filler = [
  "The quick brown fox jumps over the lazy dog. Run `npm install` and then `npm test` to check your setup.\n",
  "export function add(a: number, b: number): number { return a + b; } // adds two numbers\n",
  "2024-05-02T10:12:01Z level=info msg=\"request served\" path=/api/v1/items status=200 dur=12ms\n",
];
let ordinary = "";
for (let i = 0; ordinary.length < 100_000; i++) ordinary += filler[i % filler.length].replace("items", `items/${i}`);
ordinary = ordinary.slice(0, 100_000);
for (let i = 0; i < 30; i++) scanToolOutput(ordinary, { tool: "Read" });
const times = [];
for (let i = 0; i < 200; i++) {
  const t0 = performance.now();
  scanToolOutput(ordinary, { tool: "Read" });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const big = ordinary.repeat(40);
const t0 = performance.now();
scanToolOutput(big, { tool: "Read" });
console.log(`\nspeed: 100 KB ordinary text: median ${times[100].toFixed(2)} ms, p95 ${times[190].toFixed(2)} ms; ${(big.length / 1e6).toFixed(1)} MB text (bounded scan): ${(performance.now() - t0).toFixed(1)} ms`);
