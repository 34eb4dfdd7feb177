/**
 * Action: a ToolCall reduced to what it asks the machine to do. One variant per kind of side effect,
 * so the analyzer never has to know tool names.
 */
export type Action =
  | { kind: "exec"; command: string }
  | { kind: "read"; path: string }
  | { kind: "write"; path: string; content: string }
  | { kind: "edit"; path: string; newText: string }
  | { kind: "search"; path?: string; pattern: string; glob?: string }
  | { kind: "fetch"; url: string }
  | { kind: "web-search"; query: string }
  | { kind: "mcp"; server: string; tool: string; args: unknown; hints?: { readOnly?: boolean; destructive?: boolean; openWorld?: boolean } }
  | { kind: "spawn-agent"; prompt: string }
  /** Tools that only touch the agent's own UI state (todo lists, plan mode). */
  | { kind: "internal"; tool: string }
  /** A tool we do not know, or input that does not fit its tool: no allow rule covers it. */
  | { kind: "unknown"; tool: string; problem: string };

export type ActionKind = Action["kind"];
