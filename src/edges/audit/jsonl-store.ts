import fs from "node:fs";
import path from "node:path";
import type { AuditRecord } from "../../core/audit/record.ts";
import { summarize, type AuditStore, type DecisionQuery, type Stats } from "./store.ts";

/**
 * Append-only JSONL audit log: what the command hook writes when no daemon runs. Each record is one
 * write with O_APPEND, so concurrent hook processes never interleave lines. Reading tolerates a torn
 * last line (a crash mid-write) and counts it. The daemon ingests this file into SQLite.
 */
export function appendRecord(file: string, record: AuditRecord): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(record) + "\n");
  } finally {
    fs.closeSync(fd);
  }
}

export function readAll(file: string): { records: AuditRecord[]; badLines: number } {
  if (!fs.existsSync(file)) return { records: [], badLines: 0 };
  const records: AuditRecord[] = [];
  let badLines = 0;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line));
    } catch {
      badLines++;
    }
  }
  return { records, badLines };
}

/** The same port over the JSONL file, for `autogate log` without a daemon (and the contract suite). */
export class JsonlAuditStore implements AuditStore {
  constructor(private readonly file: string) {}

  private all(): AuditRecord[] {
    return readAll(this.file).records;
  }

  append(record: AuditRecord): boolean {
    if (this.all().some((r) => r.id === record.id)) return false;
    appendRecord(this.file, record);
    return true;
  }

  get(id: string): AuditRecord | undefined {
    return this.all().find((r) => r.id === id);
  }

  query(q: DecisionQuery) {
    const text = q.text?.toLowerCase();
    let rows = this.all()
      .filter((r) => (!q.decision || r.decision === q.decision) && (!q.tool || r.tool === q.tool) && (!q.session || r.session_id === q.session))
      .filter((r) => (!q.since || r.ts >= q.since) && (!q.rule || r.rules.includes(q.rule)))
      .map(summarize)
      .filter((s) => !text || s.subject.toLowerCase().includes(text) || s.reason_for_user.toLowerCase().includes(text))
      .sort((a, b) => (b.ts === a.ts ? b.id.localeCompare(a.id) : b.ts.localeCompare(a.ts)));
    if (q.cursor) {
      const [ts, id] = Buffer.from(q.cursor, "base64url").toString().split("\n");
      rows = rows.filter((s) => s.ts < ts || (s.ts === ts && s.id < id));
    }
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, ...(rows.length > limit && last ? { next_cursor: Buffer.from(`${last.ts}\n${last.id}`).toString("base64url") } : {}) };
  }

  stats(since?: string): Stats {
    const rows = this.all().filter((r) => !since || r.ts >= since);
    const tally = (key: (r: AuditRecord) => string) => rows.reduce<Record<string, number>>((m, r) => ((m[key(r)] = (m[key(r)] ?? 0) + 1), m), {});
    const by_decision = { allow: 0, ask: 0, deny: 0, ...tally((r) => r.decision) };
    const rules = new Map<string, number>();
    for (const r of rows) if (r.decision !== "allow") for (const rule of r.rules) rules.set(rule, (rules.get(rule) ?? 0) + 1);
    const denied = new Map<string, number>();
    for (const s of rows.filter((r) => r.decision === "deny").map(summarize)) denied.set(s.subject, (denied.get(s.subject) ?? 0) + 1);
    const buckets = new Map<string, { bucket: string; allow: number; ask: number; deny: number }>();
    for (const r of rows) {
      const b = buckets.get(r.ts.slice(0, 13)) ?? { bucket: r.ts.slice(0, 13), allow: 0, ask: 0, deny: 0 };
      b[r.decision]++;
      buckets.set(b.bucket, b);
    }
    const top = <K extends string>(m: Map<string, number>, k: K) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([v, count]) => ({ [k]: v, count }) as Record<K, string> & { count: number });
    return {
      total: rows.length, by_decision, by_tool: tally((r) => r.tool), by_tier: tally((r) => r.tier),
      top_rules: top(rules, "rule"), top_denied: top(denied, "subject"),
      over_time: [...buckets.values()].sort((a, b) => a.bucket.localeCompare(b.bucket)).slice(-48), prompts_saved: by_decision.allow,
    };
  }

  prune(before: string): number {
    const { records } = readAll(this.file);
    const keep = records.filter((r) => r.ts >= before);
    fs.writeFileSync(this.file, keep.map((r) => JSON.stringify(r) + "\n").join(""), { mode: 0o600 });
    return records.length - keep.length;
  }

  close(): void {}
}
