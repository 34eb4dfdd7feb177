import fs from "node:fs";
import path from "node:path";
import type { AuditRecord } from "../../core/audit/record.ts";

/**
 * Append-only JSONL audit log. Each record is one write with O_APPEND, so concurrent hook processes
 * never interleave lines. Reading tolerates a torn last line (a crash mid-write) and reports it.
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

export interface LogQuery {
  decision?: string;
  session?: string;
  since?: Date;
  limit?: number;
}

export function readRecords(file: string, q: LogQuery = {}): { records: AuditRecord[]; badLines: number } {
  if (!fs.existsSync(file)) return { records: [], badLines: 0 };
  const out: AuditRecord[] = [];
  let badLines = 0;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    let r: AuditRecord;
    try {
      r = JSON.parse(line);
    } catch {
      badLines++;
      continue;
    }
    if (q.decision && r.decision !== q.decision) continue;
    if (q.session && r.session_id !== q.session) continue;
    if (q.since && new Date(r.ts) < q.since) continue;
    out.push(r);
  }
  return { records: q.limit ? out.slice(-q.limit) : out, badLines };
}
