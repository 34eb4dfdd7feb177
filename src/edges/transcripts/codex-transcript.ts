import path from "node:path";
import { codexCall } from "../adapters/codex.ts";
import { inFolder } from "../adapters/payload.ts";
import type { TranscriptEvent } from "./claude-code-transcript.ts";
import { callEvents } from "./tool-events.ts";

/**
 * Reads a Codex session log ("rollout", $CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl, observed on
 * 0.169.0): one `{timestamp, type, payload}` per line. User prompts are `response_item` messages with
 * role user (minus the context blocks Codex injects, such as <environment_context>); tool calls are
 * `function_call` (exec_command, shell, MCP …), `custom_tool_call` (apply_patch) and
 * `local_shell_call` items. Each call is translated exactly as the hook translates it, so replay
 * judges what the hook would have judged. Tool output is never read.
 */
type Payload = Record<string, unknown>;

export function isCodexTranscriptLine(o: unknown): boolean {
  const t = (o as Payload | null)?.type;
  return typeof o === "object" && o !== null && "payload" in o && (t === "session_meta" || t === "response_item" || t === "turn_context" || t === "event_msg");
}

export function parseCodexTranscript(text: string): { events: TranscriptEvent[]; badLines: number } {
  const events: TranscriptEvent[] = [];
  let badLines = 0;
  let cwd: string | undefined;
  let sessionId: string | undefined;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    let o: { type?: string; payload?: Payload };
    try {
      o = JSON.parse(line);
    } catch {
      badLines++;
      continue;
    }
    const p = o.payload ?? {};
    if (o.type === "session_meta" || o.type === "turn_context") {
      if (typeof p.cwd === "string") cwd = p.cwd;
      if (o.type === "session_meta" && typeof p.id === "string") sessionId = p.id;
      continue;
    }
    if (o.type !== "response_item") continue;
    if (p.type === "message" && p.role === "user") {
      const said = userText(p.content);
      if (said) events.push({ kind: "user", text: said });
      continue;
    }
    const call = toolCall(p);
    if (!call) continue;
    const logged = { agent: "codex" as const, tool: call.name, input: call.input, cwd: cwd ?? "", sessionId, toolUseId: call.id };
    // A workdir is judged as the hook judges it: `cd workdir && command`, in the session's folder.
    const base = call.workdir && call.name === "Bash" ? inFolder(logged, (call.input as Payload).command, cwd ? path.resolve(cwd, call.workdir) : call.workdir) : logged;
    events.push(...callEvents(codexCall(base), base));
  }
  return { events, badLines };
}

/** The user's own words: Codex adds context blocks (<environment_context>, AGENTS.md) as user messages too. */
function userText(content: unknown): string {
  if (!Array.isArray(content)) return "";
  const text = content.filter((c) => c?.type === "input_text" && typeof c.text === "string").map((c) => c.text as string).join("\n").trim();
  if (/^<([a-z_]+)>[\s\S]*<\/\1>$/.test(text) || text.startsWith("# AGENTS.md instructions")) return "";
  return text;
}

/** A tool call item as the hook would name it ("Bash" for every shell tool). */
function toolCall(p: Payload): { id: string; name: string; input: unknown; workdir?: string } | undefined {
  const id = String(p.call_id ?? p.id ?? "");
  if (p.type === "custom_tool_call" && typeof p.name === "string") return { id, name: p.name, input: { command: p.input } };
  if (p.type === "local_shell_call") {
    const action = (p.action ?? {}) as Payload;
    return { id, name: "Bash", input: { command: shellText(action.command) }, workdir: str(action.working_directory) };
  }
  if (p.type !== "function_call" || typeof p.name !== "string") return undefined;
  let args: Payload = {};
  try {
    args = typeof p.arguments === "string" ? (JSON.parse(p.arguments) as Payload) : ((p.arguments ?? {}) as Payload);
  } catch {
    return { id, name: p.name, input: p.arguments };
  }
  switch (p.name) {
    case "exec_command": return { id, name: "Bash", input: { command: str(args.cmd) }, workdir: str(args.workdir) };
    case "shell": case "container.exec": case "shell_command": return { id, name: "Bash", input: { command: shellText(args.command) }, workdir: str(args.workdir) };
    case "apply_patch": return { id, name: "apply_patch", input: { command: str(args.input) ?? str(args.patch) } };
    default: return { id, name: p.name, input: args };
  }
}

/** The script of `bash -lc SCRIPT`, else the argv joined (an argv array is how older Codex sent commands). */
function shellText(command: unknown): string | undefined {
  if (typeof command === "string") return command;
  if (!Array.isArray(command) || !command.every((w) => typeof w === "string")) return undefined;
  if (command.length === 3 && /(^|\/)(ba|z)?sh$/.test(command[0]) && /^-l?c$/.test(command[1])) return command[2];
  return command.map((w) => (/^[A-Za-z0-9_\/.,:@%+=-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(" ");
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
