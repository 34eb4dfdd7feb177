import type { Command } from "commander";
import fs from "node:fs";
import path from "node:path";
import { wrapMcpServers } from "../../agent-settings/mcp-config.ts";
import { packageRoot } from "../../runtime/paths.ts";

/** `autogate mcp-wrap <config.json> [--undo]`: put (or take) every stdio MCP server behind the gating proxy. */
export function registerMcpWrap(program: Command): void {
  program
    .command("mcp-wrap")
    .description("rewrite an agent's mcpServers (.mcp.json, ~/.claude.json, ~/.gemini/settings.json) to run behind `autogate mcp-proxy`")
    .argument("<file>", "the JSON config holding mcpServers")
    .option("--undo", "restore the servers' own commands")
    .action((file: string, o: { undo?: boolean }) => void process.stdout.write(wrapMcpFile(file, o.undo) + "\n"));
}

/** Rewrites the file (with a backup) and says what changed; shared with `autogate init --mcp`. */
export function wrapMcpFile(file: string, undo = false): string {
  const before = fs.readFileSync(file, "utf8");
  const { text, changed } = wrapMcpServers(before, process.execPath, path.join(packageRoot(), "bin", "autogate.cjs"), undo);
  if (!changed.length) return `autogate: nothing to ${undo ? "unwrap" : "wrap"} in ${file}`;
  const backup = `${file}.autogate-backup-${Date.now()}`;
  fs.copyFileSync(file, backup);
  fs.writeFileSync(file, text);
  return `autogate: ${undo ? "unwrapped" : "wrapped"} MCP server(s) ${changed.join(", ")} in ${file} (backup: ${backup})`;
}
