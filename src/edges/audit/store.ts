import type { AuditRecord } from "../../core/audit/record.ts";

/**
 * The audit store port. Two implementations: SQLite (the daemon's) and JSONL (the command hook's,
 * when no daemon runs). One contract suite (test/audit-store.contract.test.ts) runs against both.
 * `append` is idempotent by decision id, which is what makes ingesting the JSONL "exactly once".
 */
export interface DecisionQuery {
  decision?: string;
  tool?: string;
  session?: string;
  rule?: string;
  since?: string;
  /** Case-insensitive substring of the command, path, URL or reason. */
  text?: string;
  limit?: number;
  /** Opaque paging cursor from the previous page. */
  cursor?: string;
}

export interface DecisionSummary {
  id: string;
  ts: string;
  agent: string;
  tool: string;
  session_id?: string;
  decision: "allow" | "ask" | "deny";
  tier: string;
  rules: string[];
  subject: string;
  reason_for_user: string;
  latency_us: number;
}

export interface Stats {
  total: number;
  by_decision: Record<string, number>;
  by_tool: Record<string, number>;
  by_tier: Record<string, number>;
  top_rules: { rule: string; count: number }[];
  top_denied: { subject: string; count: number }[];
  over_time: { bucket: string; allow: number; ask: number; deny: number }[];
  /** Calls that ran without a prompt: the prompts a human did not have to answer. */
  prompts_saved: number;
}

export interface AuditStore {
  /** Returns false when a record with this id was already stored. */
  append(record: AuditRecord): boolean;
  get(id: string): AuditRecord | undefined;
  query(q: DecisionQuery): { items: DecisionSummary[]; next_cursor?: string };
  stats(since?: string): Stats;
  /** Removes records older than this timestamp; returns how many. */
  prune(before: string): number;
  close(): void;
}

/** The one line a person reads to recognise a call: its command, path, URL or MCP tool. */
export function subjectOf(r: Pick<AuditRecord, "tool" | "input">): string {
  const i = (r.input ?? {}) as Record<string, unknown>;
  const s = i.command ?? i.file_path ?? i.notebook_path ?? i.url ?? i.pattern ?? i.query ?? i.prompt ?? (r.tool.startsWith("mcp__") ? JSON.stringify(i) : undefined);
  return String(s ?? r.tool).replace(/\s+/g, " ").slice(0, 300);
}

export function summarize(r: AuditRecord): DecisionSummary {
  return {
    id: r.id, ts: r.ts, agent: r.agent, tool: r.tool, session_id: r.session_id, decision: r.decision, tier: r.tier,
    rules: r.rules, subject: subjectOf(r), reason_for_user: r.reason_for_user, latency_us: r.latency_us,
  };
}
