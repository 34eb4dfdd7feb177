import type { ToolCall } from "../../core/action/tool-call.ts";
import type { Decision } from "../../core/decision/decision.ts";
import type { AutogateError } from "../../core/errors.ts";

/**
 * An adapter translates one agent's hook protocol: its stdin JSON → ToolCall, and a Decision →
 * what that agent reads back (stdout and exit code). Adapters never decide anything.
 */
export type Decoded =
  /** `parts`: a call that does several things (a multi-file patch), split into calls of known tools. */
  | { ok: true; call: ToolCall; event: "PreToolUse"; userPrompt?: undefined; parts?: ToolCall[] }
  | { ok: true; event: "UserPromptSubmit"; sessionId?: string; userPrompt: string; call?: undefined }
  /** A tool has run: its output is scanned for prompt injection (never decided on). */
  | { ok: true; event: "PostToolUse"; call: ToolCall; output: string; userPrompt?: undefined }
  | { ok: false; error: AutogateError; sessionId?: string };

export interface HookReply {
  stdout: string;
  exitCode: 0 | 2;
}

export interface Adapter {
  name: ToolCall["agent"];
  decode(raw: string): Decoded;
  encode(decision: Decision): HookReply;
  /** Whether a human can answer `ask` (headless modes cannot); without a call, the default. */
  humanPresent(call?: ToolCall): boolean;
  /** A warning added to what the agent reads after a tool ran (agents that support it). */
  encodeWarning?(text: string): HookReply;
}
