import fs from "node:fs";
import type { AgentName } from "../core/action/tool-call.ts";
import { auditRecord, type AuditRecord } from "../core/audit/record.ts";
import type { Decision } from "../core/decision/decision.ts";
import { isAutogateFailure, type AutogateError } from "../core/errors.ts";
import { errorDecision, historyEntry } from "../core/pipeline.ts";
import { decideCall } from "./adapters/decide-parts.ts";
import { makeJudge } from "./judges/make-judge.ts";
import { scansOutputOf } from "../core/inject/scanned-tools.ts";
import { withTaint, withUserMessage, type SessionState } from "../core/session/session.ts";
import type { ToolCall } from "../core/action/tool-call.ts";
import { parseAnyTranscript } from "./transcripts/any-transcript.ts";
import type { Adapter, HookReply } from "./adapters/adapter.ts";
import { appendRecord } from "./audit/jsonl-store.ts";
import { loadPolicy } from "./policy-files/load-policy.ts";
import { monotonicNs, newDecisionId } from "./runtime/clock.ts";
import { hasLocalBin, isFolder, realPath, workTreeClean } from "./runtime/fs-facts.ts";
import { machineVars } from "./runtime/machine-vars.ts";
import type { Paths } from "./runtime/paths.ts";
import { loadSession, saveSession } from "./session-store.ts";

/**
 * One hook invocation: decode → load policy and session → decide → audit → encode. Every failure
 * on the way becomes an error-tier decision (ask, or deny with no human), is recorded, and is still
 * answered in the agent's protocol. Nothing here may throw to the caller. The command hook records
 * to the JSONL log; the daemon passes its own sink (SQLite), so both share this one code path.
 */
export type RecordSink = (record: AuditRecord) => void;
export const jsonlSink = (paths: Paths): RecordSink => (r) => appendRecord(paths.auditLog, r);

export interface HookOptions {
  sink?: RecordSink;
  /** Overrides the adapter's idea of whether a human can answer (the daemon learns it from the caller). */
  humanPresent?: boolean;
}

export async function runHook(adapter: Adapter, raw: string, paths: Paths, opts: HookOptions = {}): Promise<{ reply: HookReply; decision?: Decision; record?: AuditRecord }> {
  const sink = opts.sink ?? jsonlSink(paths);
  const decoded = adapter.decode(raw);
  if (!decoded.ok) return failed(adapter, sink, decoded.error, { tool: "(unknown)", cwd: "", sessionId: decoded.sessionId, input: raw.slice(0, 2000) }, opts.humanPresent ?? adapter.humanPresent());
  if (decoded.event === "PostToolUse") {
    try {
      return { reply: await scanOutput(adapter, decoded.call, decoded.output, paths, sink) };
    } catch (e) {
      return unscanned(adapter, decoded.call, paths, sink, (e as Error)?.message ?? String(e), opts.humanPresent ?? adapter.humanPresent());
    }
  }
  if (decoded.event === "UserPromptSubmit") {
    // The user's own words re-anchor the session; by default they also clear a taint.
    const clears = await loadPolicy(paths, process.cwd()).then((p) => p.settings.taintClears !== "never", () => true);
    saveSession(paths.sessionsDir, decoded.sessionId, withUserMessage(loadSession(paths.sessionsDir, decoded.sessionId), decoded.userPrompt, clears));
    return { reply: { stdout: "", exitCode: 0 } };
  }
  const call = decoded.call;
  const human = opts.humanPresent ?? adapter.humanPresent(call);
  try {
    const policy = await loadPolicy(paths, call.cwd);
    const session = withTranscriptIntent(loadSession(paths.sessionsDir, call.sessionId), call.transcriptPath, call.toolUseId);
    const judge = makeJudge(policy, process.env, paths.stateDir);
    const outcome = await decideCall(call, decoded.parts, { policy, session, home: paths.home, humanPresent: human, clock: monotonicNs, newId: newDecisionId, isExistingFolder: isFolder, hasLocalBin, realPath, workTreeClean, vars: machineVars() }, judge);
    const record = auditRecord(outcome.decision, call, new Date().toISOString());
    sink(record);
    saveSession(paths.sessionsDir, call.sessionId, outcome.session);
    return { reply: adapter.encode(outcome.decision), decision: outcome.decision, record };
  } catch (e) {
    const error: AutogateError = isAutogateFailure(e)
      ? { ...e.errors[0], message: e.errors.map((x) => `${x.location?.file ?? ""}${x.location?.line ? `:${x.location.line}` : ""} ${x.message}`.trim()).join("; ") }
      : { code: "hook_internal", message: (e as Error)?.message ?? String(e) };
    return failed(adapter, sink, error, call, human);
  }
}

/**
 * PostToolUse: scan what the tool returned for instructions aimed at the agent. A hit warns the agent
 * (additionalContext), taints the session (side effects then need the user), and is recorded.
 */
async function scanOutput(adapter: Adapter, call: ToolCall, output: string, paths: Paths, sink: RecordSink): Promise<HookReply> {
  const none = { stdout: "", exitCode: 0 as const };
  if (!scansOutputOf(call.tool) || !adapter.encodeWarning) return none;
  // Loaded here: a PreToolUse call (most hook processes) never needs the scanner's patterns.
  const { isAlarm, scanToolOutput, summarizeFindings } = await import("../core/inject/scan.ts");
  const findings = scanToolOutput(output, { tool: call.tool });
  // Medium findings (a security doc quoting an attack, AGENTS.md rules) are not alarms: acting on
  // them would taint a session for one README in five, and a scanner that cries wolf gets turned off.
  if (!isAlarm(findings)) return none;
  const warning = summarizeFindings(findings, { tool: call.tool });
  const summary = [...new Set(findings.map((f) => f.kind))].join(", ");
  saveSession(paths.sessionsDir, call.sessionId, withTaint(loadSession(paths.sessionsDir, call.sessionId), { at: new Date().toISOString(), tool: call.tool, summary }));
  const decision: Decision = {
    id: newDecisionId(), decision: "allow", tier: "rule", rules: ["prompt-injection-detected"], effects: [], latency_us: 0, policy_revision: "scan",
    reason_for_model: warning, reason_for_user: `Prompt injection suspected in ${call.tool} output (${summary}); the session is tainted until your next message`,
  };
  try {
    sink({ ...auditRecord(decision, call, new Date().toISOString()), input: { tool_input: call.input, findings } });
  } catch (e) {
    process.stderr.write(`autogate: could not record the scan: ${(e as Error).message}\n`);
  }
  return adapter.encodeWarning(warning);
}

/**
 * The scanner itself failed (its bundle is missing, it crashed): the output may hold an injection no
 * one looked for. The session is treated as tainted (side effects need the user until they write
 * again) and the failure is recorded as an error. The tool already ran, so the reply changes nothing.
 */
function unscanned(adapter: Adapter, call: ToolCall, paths: Paths, sink: RecordSink, message: string, human: boolean): { reply: HookReply } {
  const summary = `the output could not be scanned for prompt injection (${message})`;
  try {
    saveSession(paths.sessionsDir, call.sessionId, withTaint(loadSession(paths.sessionsDir, call.sessionId), { at: new Date().toISOString(), tool: call.tool, summary }));
  } catch (e) {
    process.stderr.write(`autogate: could not mark the session: ${(e as Error).message}\n`);
  }
  failed(adapter, sink, { code: "scan_failed", message: `${call.tool} output was not scanned: ${message}`, hint: "Reinstall autogate (npm run build writes dist/inject-scan.cjs); the session needs approval for side effects until the user writes again" }, call, human);
  process.stderr.write(`autogate: ${summary}\n`);
  return { reply: { stdout: "", exitCode: 0 } };
}

/** An error answered in the agent's protocol (e.g. the self-timeout fired before stdin ended). */
export function answerError(adapter: Adapter, paths: Paths, error: AutogateError): HookReply {
  return failed(adapter, jsonlSink(paths), error, { tool: "(unknown)", cwd: "", input: null }, adapter.humanPresent()).reply;
}

/**
 * The first call of a session we have not seen (autogate installed mid-session, or UserPromptSubmit
 * not wired) learns from the transcript what the user asked and which calls came before: user text
 * and tool-call payloads only, never tool output or the agent's prose.
 */
function withTranscriptIntent(session: SessionState, transcriptPath: string | undefined, pendingId?: string): SessionState {
  if (session.userMessages.length || session.actions.length || !transcriptPath) return session;
  try {
    if (fs.statSync(transcriptPath).size > 20 * 1024 * 1024) return session;
    const events = parseAnyTranscript(fs.readFileSync(transcriptPath, "utf8")).events;
    // The transcript may already hold the pending call itself: that one is the action, not history.
    const actions = events.flatMap((e) => (e.kind === "tool" && e.id !== pendingId ? [historyEntry({ agent: "claude-code", tool: e.name, input: e.input, cwd: "" })] : [])).slice(-60);
    const users = events.flatMap((e) => (e.kind === "user" ? [e.text] : []));
    return { ...users.reduce((s, text) => withUserMessage(s, text, false), session), actions };
  } catch {
    return session;
  }
}

function failed(adapter: Adapter, sink: RecordSink, error: AutogateError, call: { tool: string; cwd: string; sessionId?: string; input: unknown; agent?: AgentName }, human: boolean): { reply: HookReply; decision: Decision; record: AuditRecord } {
  const decision: Decision = { id: newDecisionId(), ...errorDecision({ humanPresent: human }, error), latency_us: 0, policy_revision: "unknown" };
  const record = auditRecord(decision, { agent: adapter.name, ...call }, new Date().toISOString());
  try {
    sink(record);
  } catch (e) {
    // The audit log itself is broken: say so on stderr (Claude Code shows it), but still answer.
    process.stderr.write(`autogate: could not write the audit log: ${(e as Error).message}\n`);
  }
  return { reply: adapter.encode(decision), decision, record };
}
