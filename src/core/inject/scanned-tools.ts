/**
 * Tools whose output can carry text someone else wrote (a page, a file, a command's output, an MCP
 * result): the PostToolUse hook, and replay, scan what they return. Kept apart from the scanner so the
 * hook can ask this without loading the scanner's patterns.
 */
const SCANNED = /^(WebFetch|WebSearch|Read|Bash|Grep|mcp__.*)$/;

export const scansOutputOf = (tool: string): boolean => SCANNED.test(tool);
