import type { Command } from "commander";
import { resolvePaths } from "../../runtime/paths.ts";

/** `autogate mcp-proxy [--name N] -- <server command…>`: gate any stdio MCP server for any MCP client. */
export function registerMcpProxy(program: Command): void {
  program
    .command("mcp-proxy")
    .description("wrap a stdio MCP server: every tools/call goes through autogate's policy, results are scanned for prompt injection")
    .option("--name <server>", "the server's name in rules and logs (mcp__<name>__<tool>)")
    .option("--session <id>", "session id for taint and history", `mcp-proxy-${process.pid}`)
    .argument("<command...>", "the MCP server command, after --")
    .action(async (command: string[], o: { name?: string; session: string }) => {
      // Loaded only here: the MCP SDK is large and no other command needs it.
      const { defaultServerName, runMcpProxy } = await import("../../mcp/proxy.ts");
      await runMcpProxy({ command, serverName: o.name ?? defaultServerName(command), paths: resolvePaths(), cwd: process.cwd(), sessionId: o.session });
    });
}
