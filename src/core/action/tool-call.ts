/**
 * ToolCall: what an adapter hands to the core. Agent-neutral: every agent's hook payload is translated
 * into this shape at the edge, so nothing below knows which agent asked.
 */
export type AgentName = "claude-code" | "codex" | "gemini" | "sdk" | "generic";

export interface ToolCall {
  agent: AgentName;
  /** Tool name as the agent spells it (Bash, Write, mcp__github__create_issue, ...). */
  tool: string;
  /** The raw tool input, untrusted. */
  input: unknown;
  /** Absolute working directory of the agent when it made the call. */
  cwd: string;
  sessionId?: string;
  toolUseId?: string;
  permissionMode?: string;
  transcriptPath?: string;
  /** MCP tool annotations from the server's tools/list (the MCP proxy knows them; hooks do not). */
  mcpHints?: { readOnly?: boolean; destructive?: boolean; openWorld?: boolean };
}
