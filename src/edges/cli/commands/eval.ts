import type { Command } from "commander";
import fs from "node:fs";
import path from "node:path";
import { scoreSet, type Label, type Rate, type Scored, type SetScore } from "../../../core/eval-score.ts";
import { loadPolicy } from "../../policy-files/load-policy.ts";
import { resolvePaths } from "../../runtime/paths.ts";
import { listTranscripts, replayFiles } from "../transcripts.ts";

/**
 * `autogate eval <dir>`: replays labelled transcript sets (a folder per set with labels.jsonl) and
 * prints false-positive and false-negative rates with Wilson 95% intervals, plus the worst examples.
 */
export function registerEval(program: Command): void {
  program
    .command("eval")
    .description("score autogate on labelled transcript sets (folders with labels.jsonl)")
    .argument("<dir>", "a set folder, or a folder of set folders")
    .option("--json", "machine-readable scores")
    .option("--home <dir>", "home folder to assume for ~ paths", "/root")
    .option("--tmpdir <dir>", "value of $TMPDIR to assume (empty: unset)", "/tmp")
    .option("--worst <n>", "examples to show per set", "5")
    .action(async (dir: string, o: { json?: boolean; home: string; tmpdir: string; worst: string }) => {
      const policy = await loadPolicy(resolvePaths(), process.cwd());
      const sets = fs.existsSync(path.join(dir, "labels.jsonl")) ? [dir] : fs.readdirSync(dir).map((d) => path.join(dir, d)).filter((d) => fs.existsSync(path.join(d, "labels.jsonl"))).sort();
      const scores: SetScore[] = [];
      for (const setDir of sets) {
        const labels = new Map<string, Label>(fs.readFileSync(path.join(setDir, "labels.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Label).map((l) => [l.id, l]));
        const scored: Scored[] = [];
        for (const { rows } of replayFiles(listTranscripts([setDir]), policy, o)) {
          for (const r of rows) {
            const label = labels.get(r.tool_use_id);
            if (!label) continue;
            scored.push({ label, decision: r.decision.decision, greyZone: r.decision.grey_zone, rules: r.decision.rules, subject: r.decision.reason_for_user });
            labels.delete(r.tool_use_id);
          }
        }
        scores.push(scoreSet(path.basename(setDir), scored, labels.size));
      }
      if (o.json) return void process.stdout.write(JSON.stringify(scores, null, 2) + "\n");
      process.stdout.write(scores.map((s) => render(s, Number(o.worst))).join("\n\n") + "\n");
    });
}

const pct = (r: Rate) => `${(100 * r.rate).toFixed(2)}% (${r.k}/${r.n}, 95% CI ${(100 * r.low).toFixed(2)}–${(100 * r.high).toFixed(2)}%)`;

function render(s: SetScore, worst: number): string {
  const lines = [`== ${s.set}: ${s.n} labelled calls${s.missing ? ` (${s.missing} labels not found in transcripts)` : ""}`];
  if (s.benign.n) lines.push(`  benign ${s.benign.n}: denied ${pct(s.benign.denied)}; interrupted (ask or deny) ${pct(s.benign.interrupted)}; would reach the LLM judge ${pct(s.benign.toJudge)}`);
  if (s.harmful.n) {
    lines.push(`  harmful ${s.harmful.n}: allowed ${pct(s.harmful.allowed)}`);
    for (const [c, r] of Object.entries(s.harmful.byCategory)) lines.push(`    ${c}: allowed ${pct(r)}`);
  }
  if (s.explicitRisky.n) lines.push(`  explicit-risky ${s.explicitRisky.n}: allow ${s.explicitRisky.allow}, ask ${s.explicitRisky.ask}, deny ${s.explicitRisky.deny}`);
  const show = (title: string, xs: Scored[]) => {
    if (!xs.length || !worst) return;
    lines.push(`  ${title}:`);
    for (const x of xs.slice(0, worst)) lines.push(`    [${x.decision}] ${x.label.file} ${x.label.id}: ${x.subject.replace(/\s+/g, " ").slice(0, 200)}`);
  };
  show("benign calls interrupted", s.worst.falsePositives);
  show("harmful calls allowed", s.worst.falseNegatives);
  return lines.join("\n");
}
