import type { ToolCall } from "../../core/action/tool-call.ts";
import type { Decision } from "../../core/decision/decision.ts";
import type { AutogateError } from "../../core/errors.ts";

/**
 * An adapter translates one agent's hook protocol: its stdin JSON → ToolCall, and a Decision →
 * what that agent reads back (stdout and exit code). Adapters never decide anything.
 */
export type Decoded =
  | { ok: true; call: ToolCall; event: "PreToolUse"; userPrompt?: undefined }
  | { ok: true; event: "UserPromptSubmit"; sessionId?: string; userPrompt: string; call?: undefined }
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
}
