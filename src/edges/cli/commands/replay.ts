import type { Command } from "commander";
import { loadPolicy } from "../../policy-files/load-policy.ts";
import { resolvePaths } from "../../runtime/paths.ts";
import { listTranscripts, replayFiles } from "../transcripts.ts";

/**
 * `autogate replay <transcript|dir>...`: shadow mode. What autogate would have decided for every tool
 * call of past sessions, without running or contacting anything.
 */
export function registerReplay(program: Command): void {
  program
    .command("replay")
    .description("replay Claude Code transcripts and show what autogate would have decided")
    .argument("<paths...>", "transcript .jsonl files or folders of them")
    .option("--json", "one JSON line per tool call")
    .option("--home <dir>", "home folder to assume for ~ paths", resolvePaths().home)
    .option("--tmpdir <dir>", "value of $TMPDIR to assume (empty: unset)", "/tmp")
    .action(async (inputs: string[], o: { json?: boolean; home: string; tmpdir: string }) => {
      const policy = await loadPolicy(resolvePaths(), process.cwd());
      const files = listTranscripts(inputs);
      const counts = { allow: 0, ask: 0, deny: 0 };
      const byRule = new Map<string, number>();
      let calls = 0;
      let bad = 0;
      for (const { file, rows, badLines } of replayFiles(files, policy, o)) {
        bad += badLines;
        for (const { tool_use_id, tool, decision: d } of rows) {
          calls++;
          counts[d.decision]++;
          if (d.decision !== "allow") for (const r of d.rules.length ? d.rules : [`(${d.tier})`]) byRule.set(r, (byRule.get(r) ?? 0) + 1);
          if (o.json) process.stdout.write(JSON.stringify({ transcript: file, tool_use_id, tool, decision: d.decision, rules: d.rules, reason: d.reason_for_user }) + "\n");
        }
      }
      if (o.json) return;
      const pct = (n: number) => (calls ? ((100 * n) / calls).toFixed(1) : "0.0");
      const lines = [
        `${files.length} transcripts, ${calls} tool calls`,
        `  would run without a prompt: ${counts.allow} (${pct(counts.allow)}%)`,
        `  would ask you:              ${counts.ask} (${pct(counts.ask)}%)`,
        `  would be blocked:           ${counts.deny} (${pct(counts.deny)}%)`,
      ];
      if (byRule.size) lines.push("", "top rules that interrupted:", ...[...byRule].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([r, n]) => `  ${String(n).padStart(6)}  ${r}`));
      if (bad) lines.push("", `${bad} unreadable transcript line(s) skipped`);
      process.stdout.write(lines.join("\n") + "\n");
    });
}
