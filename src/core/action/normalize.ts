import type { Action } from "./action.ts";
import type { ToolCall } from "./tool-call.ts";

/**
 * ToolCall → Action, driven by a per-tool table. Input that does not have the shape its tool promises
 * becomes an `unknown` action rather than a guess: the policy never allows what it cannot read.
 */
type Input = Record<string, unknown>;
type Normalizer = (input: Input) => Action | string;

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function need(input: Input, key: string): string {
  const v = str(input[key]);
  if (v === undefined) throw new MissingField(key);
  return v;
}

class MissingField extends Error {
  constructor(readonly key: string) {
    super(`missing string field "${key}"`);
  }
}

/** Joins the new text of every edit so content rules see all of it. */
function editsText(edits: unknown): string {
  if (!Array.isArray(edits)) throw new MissingField("edits");
  return edits.map((e) => str((e as Input)?.new_string) ?? "").join("\n");
}

const TOOLS: Record<string, Normalizer> = {
  Bash: (i) => ({ kind: "exec", command: need(i, "command") }),
  Read: (i) => ({ kind: "read", path: need(i, "file_path") }),
  Write: (i) => ({ kind: "write", path: need(i, "file_path"), content: str(i.content) ?? "" }),
  Edit: (i) => ({ kind: "edit", path: need(i, "file_path"), newText: str(i.new_string) ?? "" }),
  MultiEdit: (i) => ({ kind: "edit", path: need(i, "file_path"), newText: editsText(i.edits) }),
  NotebookEdit: (i) => ({ kind: "edit", path: need(i, "notebook_path"), newText: str(i.new_source) ?? "" }),
  Glob: (i) => ({ kind: "search", path: str(i.path), pattern: need(i, "pattern") }),
  Grep: (i) => ({ kind: "search", path: str(i.path), pattern: need(i, "pattern"), glob: str(i.glob) }),
  LS: (i) => ({ kind: "search", path: str(i.path), pattern: "*" }),
  WebFetch: (i) => ({ kind: "fetch", url: need(i, "url") }),
  WebSearch: (i) => ({ kind: "web-search", query: need(i, "query") }),
  // Claude Code renamed Task to Agent; permission_denials still say Task, so both map here.
  Agent: (i) => ({ kind: "spawn-agent", prompt: need(i, "prompt") }),
  Task: (i) => ({ kind: "spawn-agent", prompt: need(i, "prompt") }),
};

/** Tools that change nothing outside the agent's own conversation state. */
const INTERNAL = new Set([
  "TodoWrite", "TodoRead", "ExitPlanMode", "EnterPlanMode", "AskUserQuestion", "TaskOutput", "KillShell",
  "BashOutput", "ListMcpResourcesTool", "ReadMcpResourceTool", "Skill", "SlashCommand",
]);

export function normalize(call: ToolCall): Action {
  const { tool } = call;
  if (tool.startsWith("mcp__")) {
    const [, server = "", ...rest] = tool.split("__");
    return { kind: "mcp", server, tool: rest.join("__"), args: call.input, ...(call.mcpHints ? { hints: call.mcpHints } : {}) };
  }
  if (INTERNAL.has(tool)) return { kind: "internal", tool };
  const normalizer = TOOLS[tool];
  if (!normalizer) return { kind: "unknown", tool, problem: `autogate does not know the tool "${tool}"` };
  if (typeof call.input !== "object" || call.input === null || Array.isArray(call.input)) {
    return { kind: "unknown", tool, problem: `tool_input for ${tool} is not an object` };
  }
  try {
    const out = normalizer(call.input as Input);
    return typeof out === "string" ? { kind: "unknown", tool, problem: out } : out;
  } catch (e) {
    if (e instanceof MissingField) return { kind: "unknown", tool, problem: `${tool} input: ${e.message}` };
    throw e;
  }
}
