import type { Decision } from "./decision/decision.ts";
import { decide, historyEntry } from "./pipeline.ts";
import type { Policy } from "./policy/layers.ts";
import { isAlarm, scanToolOutput } from "./inject/scan.ts";
import { scansOutputOf } from "./inject/scanned-tools.ts";
import { afterDecision, emptySession, touchedPaths, withTaint, withUserMessage } from "./session/session.ts";

/**
 * Replays one session's events through the pipeline, rebuilding session state as it goes. The calls
 * really ran, so every write updates the session whatever autogate would have decided, and denial
 * counters stay at zero: each row answers "what would autogate say to this call, here". Tool output
 * is scanned as the PostToolUse hook scans it: an alarm taints the session until the user writes.
 */
export type ReplayEvent =
  | { kind: "user"; text: string }
  | { kind: "tool"; id: string; name: string; input: unknown; cwd?: string; sessionId?: string }
  | { kind: "output"; id: string; text: string };

export interface ReplayRow {
  tool_use_id: string;
  tool: string;
  decision: Decision;
}

export interface ReplayContext {
  policy: Policy;
  home: string;
  defaultCwd: string;
  /** The environment to assume for the recorded machine (TMPDIR). */
  vars?: Readonly<Record<string, string>>;
  clock: () => bigint;
  newId: () => string;
}

export function replayEvents(events: ReplayEvent[], ctx: ReplayContext): ReplayRow[] {
  let session = emptySession();
  const rows: ReplayRow[] = [];
  const toolOf = new Map<string, string>();
  for (const ev of events) {
    if (ev.kind === "user") {
      session = withUserMessage(session, ev.text, ctx.policy.settings.taintClears !== "never");
      continue;
    }
    if (ev.kind === "output") {
      const tool = toolOf.get(ev.id);
      if (!tool || !scansOutputOf(tool)) continue;
      const findings = scanToolOutput(ev.text, { tool });
      if (isAlarm(findings)) session = withTaint(session, { at: ev.id, tool, summary: [...new Set(findings.map((f) => f.kind))].join(", ") });
      continue;
    }
    toolOf.set(ev.id, ev.name);
    const call = { agent: "claude-code" as const, tool: ev.name, input: ev.input, cwd: ev.cwd || ctx.defaultCwd, sessionId: ev.sessionId, toolUseId: ev.id };
    const outcome = decide(call, { policy: ctx.policy, session, home: ctx.home, vars: ctx.vars, humanPresent: true, clock: ctx.clock, newId: ctx.newId });
    rows.push({ tool_use_id: ev.id, tool: ev.name, decision: outcome.decision });
    const writes = outcome.analysis?.writes ?? [];
    session = { ...afterDecision(session, { decision: "allow", tier: "rule" }, writes, touchedPaths(outcome.analysis?.effects ?? [], undefined, call.cwd), historyEntry(call)), consecutiveDenials: 0, totalDenials: 0 };
  }
  return rows;
}
