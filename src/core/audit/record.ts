import type { AgentName } from "../action/tool-call.ts";
import type { Decision } from "../decision/decision.ts";
import { redact } from "./redact.ts";

/**
 * One audit record per decision (modelled on OPA's decision log): the decision with its evidence,
 * plus who asked, for what, and when. Redacted before it leaves this function.
 */
export interface AuditRecord extends Decision {
  ts: string;
  agent: AgentName;
  session_id?: string;
  tool_use_id?: string;
  tool: string;
  cwd: string;
  input: unknown;
}

export function auditRecord(d: Decision, call: { agent: AgentName; tool: string; input: unknown; cwd: string; sessionId?: string; toolUseId?: string }, ts: string): AuditRecord {
  return redact({
    ts, agent: call.agent, session_id: call.sessionId, tool_use_id: call.toolUseId, tool: call.tool, cwd: call.cwd,
    input: truncateInput(call.input), ...d,
  });
}

/** Big inputs (a 1 MB Write) are cut: the log records what was decided, not a copy of every file. */
function truncateInput(input: unknown): unknown {
  const text = JSON.stringify(input) ?? "null";
  if (text.length <= 16_384) return input;
  return { truncated: true, length: text.length, head: text.slice(0, 16_384) };
}
