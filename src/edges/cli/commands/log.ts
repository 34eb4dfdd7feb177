import type { Command } from "commander";
import { JsonlAuditStore } from "../../audit/jsonl-store.ts";
import type { DecisionSummary } from "../../audit/store.ts";
import { daemonClient } from "../../server/client.ts";
import { resolvePaths } from "../../runtime/paths.ts";
import { verdictLabel } from "../render.ts";

/** `autogate log`: recent decisions, newest last: from the daemon when it runs, else from the JSONL log. */
export function registerLog(program: Command): void {
  program
    .command("log")
    .description("show recent decisions from the audit log")
    .option("--decision <d>", "only allow, ask or deny")
    .option("--session <id>", "only this session")
    .option("--since <time>", "only after this time (ISO date, or 10m / 2h / 3d ago)")
    .option("-n, --limit <n>", "how many", "20")
    .option("--json", "one JSON record per line")
    .action(async (o: { decision?: string; session?: string; since?: string; limit: string; json?: boolean }) => {
      const paths = resolvePaths();
      const query = { decision: o.decision, session: o.session, since: parseSince(o.since)?.toISOString(), limit: Number(o.limit) };
      const daemon = await daemonClient(paths);
      const local = new JsonlAuditStore(paths.auditLog);
      const source = daemon ? "daemon" : "jsonl";
      const { items } = daemon ? await daemon.query(query) : local.query(query);
      const rows = items.reverse();
      for (const s of rows) {
        if (o.json) process.stdout.write(JSON.stringify(daemon ? await daemon.get(s.id) : local.get(s.id)) + "\n");
        else process.stdout.write(line(s));
      }
      if (!rows.length && !o.json) process.stdout.write(`no decisions recorded yet (${source})\n`);
    });
}

function line(s: DecisionSummary): string {
  return `${s.ts}  ${verdictLabel(s.decision).padEnd(5)}  ${s.tool.padEnd(10)} ${s.subject.slice(0, 80)}\n    ${s.rules.join(", ") || s.tier}: ${s.reason_for_user}\n`;
}

function parseSince(s?: string): Date | undefined {
  if (!s) return undefined;
  const m = /^(\d+)([smhd])$/.exec(s);
  if (m) return new Date(Date.now() - Number(m[1]) * { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[m[2] as "s"]);
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new Error(`--since: cannot read "${s}" as a time`);
  return d;
}
