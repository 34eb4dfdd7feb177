import fs from "node:fs";
import type { ToolCall } from "../../core/action/tool-call.ts";
import type { Decision } from "../../core/decision/decision.ts";
import type { Adapter, Decoded } from "./adapter.ts";
import { askAsBlock, asTool, blockReason, hookEvent, inFolder, optional, parseObject, toolFields, urlsIn, type Json } from "./payload.ts";

/**
 * Gemini CLI's hook protocol (observed on 0.61.0, shared/docs/other-agents.md): BeforeTool and
 * BeforeAgent JSON on stdin. Gemini ignores Claude-style hookSpecificOutput; it reads a top-level
 * `decision` ("deny" with a `reason`, which the model receives as "Tool execution blocked: …").
 * An allow is an empty reply. `"ask"` opens a confirmation only in the interactive UI: headless
 * (`gemini -p`) hangs forever on it, so there it is answered as a block that says so.
 * Exit 1, a timeout or non-JSON stdout make Gemini run the tool: the runner guarantees an answer.
 *
 * Gemini's tools are rewritten into the vocabulary autogate's rules know (Claude Code's tools); a
 * web_fetch of several URLs is split into one fetch per URL, each judged on its own.
 */
const AGENT = "Gemini CLI";

export const gemini: Adapter = {
  name: "gemini",
  decode(raw: string): Decoded {
    const parsed = parseObject(raw, AGENT);
    if (!parsed.ok) return parsed;
    const o = parsed.json;
    const sessionId = optional(o, "session_id");
    const other = hookEvent(o, sessionId, "Gemini", { prompt: "BeforeAgent", tool: "BeforeTool" });
    if (other) return other;
    const f = toolFields(o, AGENT);
    if (!f.ok) return f;
    const mcp = typeof o.mcp_context === "object" && o.mcp_context !== null ? (o.mcp_context as Json) : undefined;
    return geminiCall({ agent: "gemini", tool: f.tool, input: f.input, cwd: f.cwd, sessionId, transcriptPath: optional(o, "transcript_path") }, mcp);
  },
  encode(d: Decision) {
    if (d.decision === "allow") return { stdout: "", exitCode: 0 };
    if (d.decision === "ask" && geminiInteractive()) return { exitCode: 0, stdout: JSON.stringify({ decision: "ask", reason: `${d.reason_for_user} [autogate ${d.id}]` }) };
    const reason = d.decision === "deny" ? blockReason(d) : askAsBlock(d, `${AGENT} in headless mode`);
    return { exitCode: 0, stdout: JSON.stringify({ decision: "deny", reason, systemMessage: `autogate: ${d.reason_for_user}` }) };
  },
  humanPresent: () => geminiInteractive(),
};

/** A Gemini tool call in autogate's vocabulary; exported for `check --agent gemini` and replay. */
export function geminiCall(call: ToolCall, mcpContext?: Json): Decoded {
  const input = (typeof call.input === "object" && call.input !== null ? call.input : {}) as Json;
  const str = (k: string) => (typeof input[k] === "string" ? (input[k] as string) : undefined);
  const ok = (c: ToolCall, parts?: ToolCall[]): Decoded => ({ ok: true, event: "PreToolUse", call: c, ...(parts ? { parts } : {}) });
  const file = str("file_path") ?? str("absolute_path") ?? str("path");
  const dir = str("dir_path") ?? str("path");
  switch (call.tool) {
    // The command runs in dir_path (relative to the project): judged as `cd dir_path && command`.
    case "run_shell_command": return ok(inFolder(call, str("command"), str("dir_path") ?? str("directory")));
    case "write_file": return ok(asTool(call, "Write", { file_path: file, content: str("content") ?? "" }));
    case "replace": return ok(asTool(call, "Edit", { file_path: file, old_string: str("old_string") ?? "", new_string: str("new_string") ?? "" }));
    case "read_file": return ok(asTool(call, "Read", { file_path: file }));
    case "read_many_files": {
      // Older versions name the list `include`, newer ones `paths`.
      const list = Array.isArray(input.paths) ? input.paths : Array.isArray(input.include) ? input.include : [];
      const include = list.filter((p): p is string => typeof p === "string");
      return include.length ? ok(call, include.map((p) => asTool(call, "Read", { file_path: p }))) : ok(call);
    }
    case "list_directory": return ok(asTool(call, "LS", { path: dir ?? "." }));
    case "glob": return ok(asTool(call, "Glob", { pattern: str("pattern"), path: dir }));
    case "grep_search": case "search_file_content": return ok(asTool(call, "Grep", { pattern: str("pattern"), path: dir }));
    case "google_web_search": return ok(asTool(call, "WebSearch", { query: str("query") }));
    case "web_fetch": {
      // The URLs live inside the prompt (up to 20); each is judged as its own fetch.
      const urls = urlsIn(str("prompt") ?? "");
      if (!urls.length) return ok(call);
      const fetches = urls.map((url) => asTool(call, "WebFetch", { url, prompt: str("prompt") }));
      return fetches.length === 1 ? ok(fetches[0]) : ok(call, fetches);
    }
    case "invoke_agent": case "delegate_to_agent": return ok(asTool(call, "Agent", { prompt: str("prompt") ?? str("objective") ?? str("query") ?? JSON.stringify(input) }));
    case "write_todos": return ok(asTool(call, "TodoWrite", input));
    case "enter_plan_mode": return ok(asTool(call, "EnterPlanMode", input));
    case "exit_plan_mode": return ok(asTool(call, "ExitPlanMode", input));
    case "activate_skill": return ok(asTool(call, "Skill", input));
    case "ask_user": return ok(asTool(call, "AskUserQuestion", input));
    default: {
      const mcp = mcpName(call.tool, mcpContext);
      return ok(mcp ? asTool(call, mcp, input) : call);
    }
  }
}

/**
 * Gemini names MCP tools `mcp_<server>_<tool>`, which is ambiguous when the server name holds an
 * underscore; the optional mcp_context says which part is which, so it wins when present.
 */
function mcpName(tool: string, ctx?: Json): string | undefined {
  const server = typeof ctx?.server_name === "string" ? ctx.server_name : undefined;
  const name = typeof ctx?.tool_name === "string" ? ctx.tool_name : undefined;
  if (server && name) return `mcp__${server}__${name}`;
  const m = /^mcp_([^_]+)_(.+)$/.exec(tool);
  return m ? `mcp__${m[1]}__${m[2]}` : undefined;
}

let interactive: boolean | undefined;

/**
 * Can a person answer an ask? Only in Gemini's interactive UI. The hook input does not say which
 * mode Gemini runs in, so this repeats Gemini's own test (isHeadlessMode) on the gemini process
 * found among our ancestors: `-p`/`--prompt`, a positional query, CI=true, or stdin/stdout not a
 * terminal mean headless; `-i` or ACP mean interactive. Anything unknown means headless: a needless
 * block is recoverable, a hung agent is not.
 */
export function geminiInteractive(env: NodeJS.ProcessEnv = process.env): boolean {
  if (interactive !== undefined) return interactive;
  interactive = false;
  if (env.AUTOGATE_NO_HUMAN) return interactive;
  if (env.GEMINI_CLI_INTEGRATION_TEST !== "true" && (env.CI === "true" || env.GITHUB_ACTIONS === "true")) return interactive;
  const g = geminiAncestor();
  if (g) interactive = argsInteractive(g.args) ?? (isTerminal(g.pid, 0) && isTerminal(g.pid, 1));
  return interactive;
}

const VALUE_FLAGS = new Set(["-m", "--model", "-w", "--worktree", "--approval-mode", "-r", "--resume", "--session-file", "--session-id", "--delete-session", "-o", "--output-format", "--fake-responses", "--fake-responses-non-strict", "--record-responses"]);
const LIST_FLAGS = new Set(["--policy", "--admin-policy", "--allowed-mcp-server-names", "--allowed-tools", "-e", "--extensions", "--include-directories"]);

/** true / false when the arguments decide it; undefined when it comes down to the terminal. */
export function argsInteractive(args: string[]): boolean | undefined {
  let list = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const flag = a.split("=")[0];
    if (["-i", "--prompt-interactive", "--acp", "--experimental-acp"].includes(flag)) return true;
    if (["-p", "--prompt"].includes(flag)) return false;
    if (a.startsWith("-")) {
      list = LIST_FLAGS.has(flag) && !a.includes("=");
      if (VALUE_FLAGS.has(flag) && !a.includes("=")) i++;
      continue;
    }
    if (!list) return false; // a positional query: Gemini answers it headless
  }
  return undefined;
}

/** The nearest ancestor process running Gemini CLI (Linux /proc), with its arguments after the script. */
function geminiAncestor(): { pid: number; args: string[] } | undefined {
  try {
    let pid = process.ppid;
    for (let depth = 0; depth < 8 && pid > 1; depth++) {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      const script = argv.findIndex((a) => /(^|\/)gemini(\.js)?$|@google\/gemini-cli\//.test(a));
      if (script >= 0) return { pid, args: argv.slice(script + 1) };
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      pid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    }
  } catch {
    // no /proc (not Linux) or the process is gone: unknown, so headless
  }
  return undefined;
}

function isTerminal(pid: number, fd: number): boolean {
  try {
    return /^\/dev\/(pts\/\d+|tty\w*)$/.test(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
  } catch {
    return false;
  }
}
