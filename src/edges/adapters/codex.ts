import fs from "node:fs";
import type { ToolCall } from "../../core/action/tool-call.ts";
import type { Decision } from "../../core/decision/decision.ts";
import type { Adapter, Decoded } from "./adapter.ts";
import { patchCalls, patchInShell } from "./apply-patch.ts";
import { askAsBlock, asTool, blockReason, hookEvent, inFolder, optional, parseObject, toolFields, type Json } from "./payload.ts";

/**
 * OpenAI Codex CLI's hook protocol (observed on 0.169.0, shared/docs/other-agents.md): PreToolUse
 * and UserPromptSubmit JSON on stdin, shaped like Claude Code's. What it honours back differs:
 * - a block is `hookSpecificOutput.permissionDecision: "deny"` with a reason (exit 0);
 * - an allow must be an EMPTY reply: an explicit `"allow"` without updatedInput is treated as a
 *   failed hook (which runs the tool anyway, so it only costs a warning, but it is wrong);
 * - `"ask"` is not acted on at all and the tool runs, so no decision may reach Codex as ask: there
 *   is never a person to ask from a Codex hook, and an ask is answered as a block that says so.
 * Exit 1, a timeout or unparseable stdout make Codex run the tool: the runner guarantees an answer.
 *
 * Tool names: the shell tool arrives as "Bash" {command}; apply_patch as {command: patch text};
 * MCP tools as mcp__server__tool; other function tools under their own names. A shell call's
 * `workdir` arrives as the input's cwd, so the session's folder is read from Codex's log.
 */
const AGENT = "Codex";

export const codex: Adapter = {
  name: "codex",
  decode(raw: string): Decoded {
    const parsed = parseObject(raw, AGENT);
    if (!parsed.ok) return parsed;
    const o = parsed.json;
    const sessionId = optional(o, "session_id");
    const other = hookEvent(o, sessionId, "Codex", { prompt: "UserPromptSubmit", tool: "PreToolUse" });
    if (other) return other;
    const f = toolFields(o, AGENT);
    if (!f.ok) return f;
    const call: ToolCall = {
      agent: "codex", tool: f.tool, input: f.input, cwd: f.cwd, sessionId,
      toolUseId: optional(o, "tool_use_id"), permissionMode: optional(o, "permission_mode"), transcriptPath: optional(o, "transcript_path"),
    };
    // A shell call with a workdir arrives with that folder as cwd: judge it as `cd workdir && command`
    // in the session's folder, which stays the workspace.
    const session = call.tool === "Bash" ? codexSessionFolder(call.transcriptPath) : undefined;
    const command = (call.input as Json | null)?.command;
    return codexCall(session && session !== call.cwd ? inFolder({ ...call, cwd: session }, command, call.cwd) : call);
  },
  encode(d: Decision) {
    if (d.decision === "allow") return { stdout: "", exitCode: 0 };
    const reason = d.decision === "deny" ? blockReason(d) : askAsBlock(d, AGENT);
    return { exitCode: 0, stdout: JSON.stringify({ hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: reason } }) };
  },
  // `codex exec` runs with approval "never", and no Codex mode acts on a hook's ask.
  humanPresent: () => false,
};

/**
 * A Codex tool call in the vocabulary autogate's rules are written in. Exported for `autogate
 * check --agent codex` and for replaying Codex session logs, which name tools the same way.
 */
export function codexCall(call: ToolCall): Decoded {
  const input = (typeof call.input === "object" && call.input !== null ? call.input : {}) as Json;
  const str = (k: string) => (typeof input[k] === "string" ? (input[k] as string) : undefined);
  const ok = (c: ToolCall, parts?: ToolCall[]): Decoded => ({ ok: true, event: "PreToolUse", call: c, ...(parts ? { parts } : {}) });
  switch (call.tool) {
    case "Bash": {
      // Codex also applies a patch given to the shell as `apply_patch <<'EOF' … EOF`.
      const patch = str("command") === undefined ? undefined : patchInShell(str("command")!);
      return patch === undefined ? ok(call) : patchDecoded(call, patch);
    }
    case "apply_patch":
    case "applypatch": {
      const patch = str("command") ?? str("patch") ?? str("input") ?? (typeof call.input === "string" ? call.input : undefined);
      if (patch === undefined) return { ok: false, sessionId: call.sessionId, error: { code: "hook_input_malformed", message: "apply_patch input has no patch text", hint: "Codex sends the patch as tool_input.command" } };
      return patchDecoded(call, patch);
    }
    case "spawn_agent": return ok(asTool(call, "Agent", { prompt: str("message") ?? JSON.stringify(call.input) }));
    case "view_image": return str("path") === undefined ? ok(call) : ok(asTool(call, "Read", { file_path: str("path") }));
    case "update_plan": return ok(asTool(call, "TodoWrite", input));
    case "request_user_input": return ok(asTool(call, "AskUserQuestion", input));
    // Characters typed into a running process (a shell, a REPL) are judged as the command they spell.
    case "write_stdin": return str("chars") ? ok(asTool(call, "Bash", { command: str("chars") })) : ok(asTool(call, "BashOutput", input));
    default: return ok(call);
  }
}

function patchDecoded(call: ToolCall, patch: string): Decoded {
  const parts = patchCalls(call, patch);
  if (!Array.isArray(parts)) return { ok: false, sessionId: call.sessionId, error: parts };
  return { ok: true, event: "PreToolUse", call: { ...call, tool: "apply_patch", input: { command: patch } }, parts };
}

/**
 * The session's own folder (its workspace). For a shell call the model gave a `workdir`, Codex puts
 * that folder in the hook input's `cwd`; taken as the workspace, `workdir: ~` would make the home
 * folder look like the project. Codex records the session folder in its log (`turn_context`, and
 * `session_meta` on the first line), which exists before any hook runs, so it is read from there.
 */
export function codexSessionFolder(transcriptPath: string | undefined): string | undefined {
  if (!transcriptPath) return undefined;
  let fd: number | undefined;
  const cwdOf = (line: string, type: string): string | undefined => {
    try {
      const o = JSON.parse(line) as { type?: string; payload?: Json };
      return o.type === type && typeof o.payload?.cwd === "string" ? o.payload.cwd : undefined;
    } catch {
      return undefined;
    }
  };
  try {
    fd = fs.openSync(transcriptPath, "r");
    const size = fs.fstatSync(fd).size;
    const read = (from: number, length: number) => {
      const buf = Buffer.alloc(length);
      return buf.subarray(0, fs.readSync(fd!, buf, 0, length, from)).toString("utf8").split("\n");
    };
    const tail = read(Math.max(0, size - (1 << 20)), Math.min(size, 1 << 20));
    for (let i = tail.length - 1; i >= 0; i--) {
      const cwd = tail[i].includes('"turn_context"') ? cwdOf(tail[i], "turn_context") : undefined;
      if (cwd) return cwd;
    }
    return cwdOf(read(0, Math.min(size, 4 << 20))[0] ?? "", "session_meta");
  } catch {
    return undefined; // no log, or an unreadable one: the hook's cwd stands
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
