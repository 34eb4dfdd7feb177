import type { Decision } from "../../core/decision/decision.ts";
import type { Adapter, Decoded } from "./adapter.ts";

/**
 * Claude Code's hook protocol (verified on 2.1.197): PreToolUse JSON on stdin; the answer is
 * `hookSpecificOutput.permissionDecision` on stdout with exit 0. Exit 1 or a timeout would let the
 * tool run, so this adapter always produces a JSON answer.
 */
/** Field checks by hand rather than with a schema library: this runs in every hook process. */
type Json = Record<string, unknown>;
const optionalString = (o: Json, k: string): string | undefined | Error =>
  o[k] === undefined || typeof o[k] === "string" ? (o[k] as string | undefined) : new Error(`${k} must be a string`);
function requireString(o: Json, k: string): string | Error {
  return typeof o[k] === "string" && (o[k] as string).length > 0 ? (o[k] as string) : new Error(`${k} must be a non-empty string`);
}

/** Every string in a tool's response (Bash stdout/stderr, a fetched page, an MCP result), joined. */
function outputText(v: unknown, depth = 0): string {
  if (typeof v === "string") return v;
  if (depth > 6 || v === null || typeof v !== "object") return "";
  return (Array.isArray(v) ? v : Object.values(v)).map((x) => outputText(x, depth + 1)).filter(Boolean).join("\n");
}

function malformed(field: string, problem: string, sessionId: string | undefined): Decoded {
  return { ok: false, sessionId, error: { code: "hook_input_malformed", message: `hook input field ${field}: ${problem}`, hint: "expected a PreToolUse payload with tool_name, tool_input and cwd" } };
}

export const claudeCode: Adapter = {
  name: "claude-code",
  decode(raw: string): Decoded {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      return { ok: false, error: { code: "hook_input_malformed", message: `hook input is not JSON (${(e as Error).message})`, hint: "Claude Code sends one JSON object on stdin; check the hook command in settings.json" } };
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) return malformed("(root)", "expected a JSON object", undefined);
    const o = json as Json;
    const sessionId = typeof o.session_id === "string" ? o.session_id : undefined;
    if (o.hook_event_name === "UserPromptSubmit" && typeof o.prompt === "string") return { ok: true, event: "UserPromptSubmit", sessionId, userPrompt: o.prompt };
    if (o.hook_event_name === "PostToolUse" && typeof o.tool_name === "string" && typeof o.cwd === "string") {
      return { ok: true, event: "PostToolUse", output: outputText(o.tool_response), call: { agent: "claude-code", tool: o.tool_name, input: o.tool_input, cwd: o.cwd, sessionId, toolUseId: typeof o.tool_use_id === "string" ? o.tool_use_id : undefined } };
    }
    if (o.hook_event_name !== "PreToolUse") return malformed("hook_event_name", `expected "PreToolUse", got ${JSON.stringify(o.hook_event_name)}`, sessionId);
    const fields = { cwd: requireString(o, "cwd"), tool: requireString(o, "tool_name"), sessionId: optionalString(o, "session_id"), toolUseId: optionalString(o, "tool_use_id"), permissionMode: optionalString(o, "permission_mode"), transcriptPath: optionalString(o, "transcript_path") };
    for (const [k, v] of Object.entries(fields)) if (v instanceof Error) return malformed(k, v.message, sessionId);
    if (!("tool_input" in o)) return malformed("tool_input", "missing", sessionId);
    const f = fields as { [K in keyof typeof fields]: Exclude<(typeof fields)[K], Error> };
    return {
      ok: true, event: "PreToolUse",
      call: { agent: "claude-code", tool: f.tool, input: o.tool_input, cwd: f.cwd, sessionId: f.sessionId, toolUseId: f.toolUseId, permissionMode: f.permissionMode, transcriptPath: f.transcriptPath },
    };
  },
  encode(d: Decision) {
    const reason = d.decision === "deny" ? d.reason_for_model : d.reason_for_user;
    return {
      exitCode: 0,
      stdout: JSON.stringify({ hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: d.decision, permissionDecisionReason: `${reason} [autogate ${d.id}]` } }),
    };
  },
  encodeWarning: (text) => ({ exitCode: 0, stdout: JSON.stringify({ hookSpecificOutput: { hookEventName: "PostToolUse", additionalContext: text } }) }),
  // dontAsk turns every prompt into a refusal; AUTOGATE_NO_HUMAN marks CI and other headless runs.
  humanPresent: (call) => call?.permissionMode !== "dontAsk" && !process.env.AUTOGATE_NO_HUMAN,
};
