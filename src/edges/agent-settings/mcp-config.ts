/**
 * Rewrites the `mcpServers` entries of an agent's JSON config (Claude Code's .mcp.json or
 * ~/.claude.json, Gemini CLI's settings.json) so each stdio server runs behind `autogate mcp-proxy`,
 * and back. Pure: text in, text out; the command does the file I/O.
 */
type Json = Record<string, unknown>;

export interface WrapResult {
  text: string;
  changed: string[];
}

const isObject = (x: unknown): x is Json => typeof x === "object" && x !== null && !Array.isArray(x);

/** Our wrapper's argv: <node> <bin> mcp-proxy --name <name> -- <command> <args…>. */
function unwrapArgs(entry: Json): { command: string; args: string[] } | undefined {
  const args = Array.isArray(entry.args) ? (entry.args as string[]) : [];
  const at = args.indexOf("mcp-proxy");
  const sep = args.indexOf("--", at);
  if (at < 0 || sep < 0 || !/autogate/.test(args[at - 1] ?? "")) return undefined;
  return { command: args[sep + 1], args: args.slice(sep + 2) };
}

export function wrapMcpServers(text: string, node: string, bin: string, undo = false): WrapResult {
  const config = JSON.parse(text) as Json;
  const servers = config.mcpServers;
  const changed: string[] = [];
  if (isObject(servers)) {
    for (const [name, entry] of Object.entries(servers)) {
      if (!isObject(entry) || typeof entry.command !== "string") continue; // http/sse servers: nothing to wrap
      const inner = unwrapArgs(entry);
      if (undo && inner) {
        servers[name] = { ...entry, command: inner.command, args: inner.args };
        changed.push(name);
      } else if (!undo && !inner) {
        servers[name] = { ...entry, command: node, args: [bin, "mcp-proxy", "--name", name, "--", entry.command, ...((entry.args as string[]) ?? [])] };
        changed.push(name);
      }
    }
  }
  const indent = /^[{[][^\n]*\n([ \t]+)\S/.exec(text)?.[1] ?? "  ";
  return { text: changed.length ? JSON.stringify(config, null, indent) + "\n" : text, changed };
}
