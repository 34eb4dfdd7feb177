import { z } from "zod";
import type { Decision } from "../../core/decision/decision.ts";
import type { Adapter, Decoded } from "./adapter.ts";

/**
 * Claude Code's hook protocol (verified on 2.1.197): PreToolUse JSON on stdin; the answer is
 * `hookSpecificOutput.permissionDecision` on stdout with exit 0. Exit 1 or a timeout would let the
 * tool run, so this adapter always produces a JSON answer.
 */
const PreToolUse = z.looseObject({
  hook_event_name: z.literal("PreToolUse"),
  session_id: z.string().optional(),
  transcript_path: z.string().optional(),
  cwd: z.string().min(1),
  permission_mode: z.string().optional(),
  tool_name: z.string().min(1),
  tool_input: z.unknown(),
  tool_use_id: z.string().optional(),
});

const UserPromptSubmit = z.looseObject({
  hook_event_name: z.literal("UserPromptSubmit"),
  session_id: z.string().optional(),
  prompt: z.string(),
});

export const claudeCode: Adapter = {
  name: "claude-code",
  decode(raw: string): Decoded {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      return { ok: false, error: { code: "hook_input_malformed", message: `hook input is not JSON (${(e as Error).message})`, hint: "Claude Code sends one JSON object on stdin; check the hook command in settings.json" } };
    }
    const prompt = UserPromptSubmit.safeParse(json);
    if (prompt.success) return { ok: true, event: "UserPromptSubmit", sessionId: prompt.data.session_id, userPrompt: prompt.data.prompt };
    const parsed = PreToolUse.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        sessionId: typeof (json as { session_id?: unknown })?.session_id === "string" ? (json as { session_id: string }).session_id : undefined,
        error: { code: "hook_input_malformed", message: `hook input field ${issue.path.join(".") || "(root)"}: ${issue.message}`, hint: "expected a PreToolUse payload with tool_name, tool_input and cwd" },
      };
    }
    const d = parsed.data;
    return {
      ok: true, event: "PreToolUse",
      call: { agent: "claude-code", tool: d.tool_name, input: d.tool_input, cwd: d.cwd, sessionId: d.session_id, toolUseId: d.tool_use_id, permissionMode: d.permission_mode, transcriptPath: d.transcript_path },
    };
  },
  encode(d: Decision) {
    const reason = d.decision === "deny" ? d.reason_for_model : d.reason_for_user;
    return {
      exitCode: 0,
      stdout: JSON.stringify({ hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: d.decision, permissionDecisionReason: `${reason} [autogate ${d.id}]` } }),
    };
  },
  // dontAsk turns every prompt into a refusal; AUTOGATE_NO_HUMAN marks CI and other headless runs.
  humanPresent: (call) => call?.permissionMode !== "dontAsk" && !process.env.AUTOGATE_NO_HUMAN,
};
