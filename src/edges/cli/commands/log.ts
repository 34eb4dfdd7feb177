import type { Command } from "commander";
import { readRecords } from "../../audit/jsonl-store.ts";
import { resolvePaths } from "../../runtime/paths.ts";
import { verdictLabel } from "../render.ts";

/** `autogate log`: recent decisions from the audit log, newest last. */
export function registerLog(program: Command): void {
  program
    .command("log")
    .description("show recent decisions from the audit log")
    .option("--decision <d>", "only allow, ask or deny")
    .option("--session <id>", "only this session")
    .option("--since <time>", "only after this time (ISO date, or 10m / 2h / 3d ago)")
    .option("-n, --limit <n>", "how many", "20")
    .option("--json", "one JSON record per line")
    .action((o: { decision?: string; session?: string; since?: string; limit: string; json?: boolean }) => {
      const { records, badLines } = readRecords(resolvePaths().auditLog, { decision: o.decision, session: o.session, since: parseSince(o.since), limit: Number(o.limit) });
      for (const r of records) {
        if (o.json) process.stdout.write(JSON.stringify(r) + "\n");
        else {
          const input = r.input as { command?: string; file_path?: string; url?: string } | null;
          const what = input?.command ?? input?.file_path ?? input?.url ?? "";
          process.stdout.write(`${r.ts}  ${verdictLabel(r.decision).padEnd(5)}  ${r.tool.padEnd(10)} ${String(what).replace(/\s+/g, " ").slice(0, 80)}\n    ${r.rules.join(", ") || r.tier}: ${r.reason_for_user}\n`);
        }
      }
      if (!records.length && !o.json) process.stdout.write("no decisions recorded yet\n");
      if (badLines) process.stderr.write(`autogate: ${badLines} unreadable line(s) in the audit log were skipped\n`);
    });
}

function parseSince(s?: string): Date | undefined {
  if (!s) return undefined;
  const m = /^(\d+)([smhd])$/.exec(s);
  if (m) return new Date(Date.now() - Number(m[1]) * { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[m[2] as "s"]);
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new Error(`--since: cannot read "${s}" as a time`);
  return d;
}
