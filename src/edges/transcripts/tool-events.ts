import type { ToolCall } from "../../core/action/tool-call.ts";
import type { Decoded } from "../adapters/adapter.ts";
import type { TranscriptEvent } from "./claude-code-transcript.ts";

/**
 * A call from another agent's session log, after its adapter translated it, as replay events: one
 * per part when the call was split (a multi-file patch), so replay judges every file; the call as
 * logged when it could not be translated (replay then reports it as unknown, as the hook would).
 */
export function callEvents(decoded: Decoded, original: ToolCall): TranscriptEvent[] {
  const event = (c: ToolCall, id: string): TranscriptEvent => ({ kind: "tool", id, name: c.tool, input: c.input, cwd: c.cwd || undefined, sessionId: c.sessionId });
  const id = original.toolUseId ?? "";
  if (!decoded.ok || decoded.event !== "PreToolUse") return [event(original, id)];
  // Parts keep the call's id: the hook recognises the pending call in its transcript by that id.
  if (decoded.parts?.length) return decoded.parts.map((p) => event(p, id));
  return [event(decoded.call, id)];
}
