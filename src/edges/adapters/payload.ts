import path from "node:path";
import type { ToolCall } from "../../core/action/tool-call.ts";
import type { Decision } from "../../core/decision/decision.ts";
import { shellQuote } from "../agent-settings/claude-code-settings.ts";
import type { Decoded } from "./adapter.ts";

/**
 * Shared by the Codex and Gemini adapters: reading a hook payload by hand (no schema library in the
 * hook process) and writing the reasons they send back. Errors are returned as data so the runner
 * can answer them in the agent's protocol and record them.
 */
export type Json = Record<string, unknown>;

export function parseObject(raw: string, agent: string, hint = `${agent} sends one JSON object on stdin; check the hook command autogate init wrote`): { ok: true; json: Json } | Extract<Decoded, { ok: false }> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    return { ok: false, error: { code: "hook_input_malformed", message: `hook input is not JSON (${(e as Error).message})`, hint } };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return malformed("(root)", "expected a JSON object", undefined, agent);
  return { ok: true, json: json as Json };
}

export function malformed(field: string, problem: string, sessionId: string | undefined, agent: string): Extract<Decoded, { ok: false }> {
  return { ok: false, sessionId, error: { code: "hook_input_malformed", message: `hook input field ${field}: ${problem}`, hint: `expected a ${agent} tool-call payload with tool_name, tool_input and cwd` } };
}

/**
 * The two hook events an adapter is wired to: the prompt event carries the user's words, the tool
 * event a call (undefined: go on and decode it); any other event is an error naming both.
 */
export function hookEvent(o: Json, sessionId: string | undefined, agent: string, events: { prompt: string; tool: string }): Decoded | undefined {
  if (o.hook_event_name === events.prompt && typeof o.prompt === "string") return { ok: true, event: "UserPromptSubmit", sessionId, userPrompt: o.prompt };
  if (o.hook_event_name === events.tool) return undefined;
  return { ok: false, sessionId, error: { code: "hook_input_malformed", message: `hook input field hook_event_name: expected "${events.tool}", got ${JSON.stringify(o.hook_event_name)}`, hint: `wire autogate only to ${agent}'s ${events.tool} and ${events.prompt} events` } };
}

/** A string field, or undefined when absent or null (Codex sends `"transcript_path": null`). */
export const optional = (o: Json, k: string): string | undefined => (typeof o[k] === "string" ? (o[k] as string) : undefined);

/** The fields every tool-call payload must have; the first missing one is the error. */
export function toolFields(o: Json, agent: string): { ok: true; cwd: string; tool: string; input: unknown; sessionId?: string } | Extract<Decoded, { ok: false }> {
  const sessionId = optional(o, "session_id");
  for (const k of ["cwd", "tool_name"]) {
    if (typeof o[k] !== "string" || !(o[k] as string).length) return malformed(k, "must be a non-empty string", sessionId, agent);
  }
  if (!("tool_input" in o)) return malformed("tool_input", "missing", sessionId, agent);
  return { ok: true, cwd: o.cwd as string, tool: o.tool_name as string, input: o.tool_input, sessionId };
}

/** Rewrites the tool and its input into the vocabulary autogate's rules know (Claude Code's tools). */
export const asTool = (call: ToolCall, tool: string, input: Record<string, unknown>, cwd = call.cwd): ToolCall => ({ ...call, tool, input, cwd });

/** What the model reads when a call is blocked; the decision id lets a user find it in the log. */
export const blockReason = (d: Decision): string => `${d.reason_for_model || d.reason_for_user} [autogate ${d.id}]`;

/**
 * An `ask` that the agent cannot put to a person (Codex ignores it and runs the tool; Gemini's
 * headless mode hangs on it) becomes a block whose reason says that a person would have been asked.
 */
export function askAsBlock(d: Decision, agent: string): string {
  return `autogate would ask the user to confirm this, but ${agent} cannot ask from a hook here, so it is blocked: ${d.reason_for_user}. ` +
    `If the action is essential to the task, stop and ask the user to run it or to allow it in autogate's policy. [autogate ${d.id}]`;
}

/**
 * A shell command the agent runs in another folder than the session's (Codex's workdir, Gemini's
 * dir_path), written as the shell would run it. The session folder stays the workspace: passing the
 * other folder as the call's cwd would make autogate treat that folder (say, the home) as the project.
 */
export function inFolder(call: ToolCall, command: unknown, dir: string | undefined): ToolCall {
  if (!dir || typeof command !== "string" || path.resolve(call.cwd, dir) === call.cwd) return asTool(call, "Bash", { command });
  const abs = path.resolve(call.cwd, dir);
  return asTool(call, "Bash", { command: `cd ${shellQuote(abs)} && ${command}`, workdir: abs });
}

/** URLs in free text (Gemini's web_fetch takes them inside its prompt), in order, without duplicates. */
export function urlsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\bhttps?:\/\/[^\s<>"'`)\]]+/gi)].map((m) => m[0].replace(/[.,;:!?]+$/, "")))];
}
