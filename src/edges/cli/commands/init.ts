import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Option, type Command } from "commander";
import {
  findAutogate, hookCommand, HOOK_TIMEOUT_S, parseSettings, serializeSettings, settingsPath, withAutogate, withoutAutogate,
  type SettingsScope,
} from "../../agent-settings/claude-code-settings.ts";
import { packageRoot, resolvePaths } from "../../runtime/paths.ts";
import { DEFAULT_PORT } from "../../server/defaults.ts";
import { wrapMcpFile } from "./mcp-wrap.ts";
import { runAgentInit } from "./init-agents.ts";

/**
 * `autogate init [--uninstall]`: wires the hook into Claude Code's settings.json and takes it out
 * again. People's settings files hold their other hooks and preferences, so every write keeps a
 * backup, and a record of the state before autogate lets --uninstall put back the exact bytes (or
 * no file at all) as long as nobody edited the file in between; otherwise it removes only our entries.
 */
export const SUPPORTED_AGENTS = ["claude-code", "codex", "gemini"];

export interface InitOptions {
  scope: SettingsScope;
  agent?: string;
  uninstall?: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The hook command to wire; defaults to this install's bin/autogate.cjs run by this node. */
  command?: string;
  /** Also wire Claude Code's http hook to a daemon on this port (the command hook stays as fallback). */
  httpPort?: number;
}

/** What stood in the settings file before autogate first touched it. */
interface InitRecord {
  settingsFile: string;
  /** null: unknown (the file already held an edited autogate entry), so undo only removes ours. */
  original: { existed: false; createdDir?: string } | { existed: true; base64: string } | null;
  writtenSha256: string;
}

export function defaultHookCommand(): string {
  return hookCommand(process.execPath, path.join(packageRoot(), "bin", "autogate.cjs"));
}

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("wire autogate into the coding agent's settings as its PreToolUse hook (keeps a backup)")
    .addOption(new Option("--scope <scope>", "user settings (~/.claude, ~/.gemini) or this project's .claude/ or .gemini/").choices(["user", "project"]).default("user"))
    .option("--agent <agent>", `the agent to wire: ${SUPPORTED_AGENTS.join(", ")}`, "claude-code")
    .option("--uninstall", "remove autogate's entries, restoring the previous file when it is unchanged since init")
    .option("--http [port]", `also wire the http hook to \`autogate serve\` (default port ${DEFAULT_PORT}); the command hook stays as the fallback`)
    .option("--mcp <config.json>", "also put the stdio MCP servers in this config (.mcp.json, ~/.claude.json, settings.json) behind `autogate mcp-proxy` (undone by --uninstall)")
    .action((opts: { scope: SettingsScope; agent: string; uninstall?: boolean; http?: boolean | string; mcp?: string }) => {
      try {
        const httpPort = opts.http === undefined ? undefined : opts.http === true ? DEFAULT_PORT : Number(opts.http);
        for (const line of runInit({ ...opts, httpPort, cwd: process.cwd(), env: process.env })) process.stdout.write(line + "\n");
        if (opts.mcp) process.stdout.write(wrapMcpFile(opts.mcp, opts.uninstall) + "\n");
      } catch (e) {
        process.stderr.write(`autogate init: ${(e as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}

/** Does the work and returns the lines to print; throws (before writing anything) on bad input. */
export function runInit(opts: InitOptions): string[] {
  const agent = opts.agent ?? "claude-code";
  if (!SUPPORTED_AGENTS.includes(agent)) throw new Error(`agent "${agent}" is not supported yet; supported: ${SUPPORTED_AGENTS.join(", ")}`);
  if (opts.scope !== "user" && opts.scope !== "project") throw new Error(`unknown scope "${opts.scope}"; use user or project`);
  if (agent === "codex" || agent === "gemini") {
    if (opts.httpPort !== undefined) throw new Error(`--http is for Claude Code's http hook; ${agent} runs the command hook, which forwards to a running daemon by itself`);
    return runAgentInit({ agent, scope: opts.scope, uninstall: opts.uninstall, cwd: opts.cwd, env: opts.env, command: opts.command });
  }
  const paths = resolvePaths(opts.env);
  const file = path.resolve(settingsPath(opts.scope, opts.env, paths.home, opts.cwd));
  const recordFile = path.join(paths.stateDir, "init", `claude-code-${createHash("sha256").update(file).digest("hex").slice(0, 16)}.json`);
  const httpUrl = opts.httpPort === undefined ? undefined : `http://127.0.0.1:${opts.httpPort}/hooks/claude-code`;
  const lines = opts.uninstall ? uninstall(file, recordFile) : install(file, recordFile, opts.command ?? defaultHookCommand(), opts.scope, httpUrl);
  if (httpUrl && !opts.uninstall) {
    lines.push(`  http hook: ${httpUrl}, sending the header "Authorization: Bearer $AUTOGATE_TOKEN"`);
    lines.push(`  Claude Code fills $AUTOGATE_TOKEN from its environment: run \`export AUTOGATE_TOKEN=$(cat ${path.join(paths.stateDir, "token")})\` (after \`autogate serve\` has started once) before starting claude.`);
  }
  if (!opts.uninstall && opts.env.NODE_EXTRA_CA_CERTS) {
    lines.push("note: NODE_EXTRA_CA_CERTS is set; Node 20 reads those certificates at every startup, which slows each hook call.");
  }
  return lines;
}

function install(file: string, recordFile: string, command: string, scope: SettingsScope, httpUrl?: string): string[] {
  const before = readIfExists(file);
  const settings = before === undefined ? {} : parseSettings(file, before.toString("utf8"));
  const text = serializeSettings(withAutogate(settings, command, httpUrl), before?.toString("utf8"));
  const where = `Claude Code ${scope} settings ${file}`;
  if (before !== undefined && before.equals(Buffer.from(text))) return [`autogate is already wired in ${where}; nothing changed.`];

  // Remember the state before autogate, unless this file is one we wrote and nobody touched since:
  // then the earlier record still describes the true original.
  const previous = readRecord(recordFile);
  let original: InitRecord["original"];
  if (previous && before !== undefined && sha256(before) === previous.writtenSha256) original = previous.original;
  else if (before === undefined) original = { existed: false, createdDir: fs.existsSync(path.dirname(file)) ? undefined : path.dirname(file) };
  else if (findAutogate(parseSettings(file, before.toString("utf8"))).length === 0) original = { existed: true, base64: before.toString("base64") };
  else original = null;

  const backup = before === undefined ? undefined : writeBackup(file, before);
  writeAtomically(file, text);
  writeRecord(recordFile, { settingsFile: file, original, writtenSha256: sha256(Buffer.from(text)) });
  return [
    `autogate: wired the hook into ${where}`,
    `  PreToolUse (matcher "*") and UserPromptSubmit run: ${command}  (timeout ${HOOK_TIMEOUT_S} s)`,
    backup ? `  previous file backed up to ${backup}` : `  the file did not exist before; it was created`,
    `  undo with: autogate init --uninstall${scope === "project" ? " --scope project" : ""}`,
  ];
}

function uninstall(file: string, recordFile: string): string[] {
  const before = readIfExists(file);
  const record = readRecord(recordFile);
  if (before === undefined) {
    fs.rmSync(recordFile, { force: true });
    return [`autogate: ${file} does not exist; nothing to uninstall.`];
  }
  const settings = parseSettings(file, before.toString("utf8"));
  if (record?.original && sha256(before) === record.writtenSha256) {
    // Untouched since init: put back exactly what was there, including "no file at all". No backup
    // of the current file: it is byte for byte what init wrote.
    if (record.original.existed) writeAtomically(file, Buffer.from(record.original.base64, "base64"));
    else {
      fs.rmSync(file);
      if (record.original.createdDir) removeIfEmpty(record.original.createdDir);
    }
    fs.rmSync(recordFile, { force: true });
    return [record.original.existed ? `autogate: restored ${file} to its state before autogate init` : `autogate: removed ${file} (it did not exist before autogate init)`];
  }
  const { settings: stripped, removed } = withoutAutogate(settings);
  fs.rmSync(recordFile, { force: true });
  if (!removed) return [`autogate: no autogate hook found in ${file}; nothing changed.`];
  const backup = writeBackup(file, before);
  writeAtomically(file, serializeSettings(stripped, before.toString("utf8")));
  return [
    `autogate: removed ${removed} autogate hook entr${removed === 1 ? "y" : "ies"} from ${file}; everything else was kept`,
    `  (the file changed after init, so it was edited rather than restored); previous file backed up to ${backup}`,
  ];
}

export function readIfExists(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`cannot read ${file}: ${(e as Error).message}`);
  }
}

function readRecord(recordFile: string): InitRecord | undefined {
  try {
    return JSON.parse(fs.readFileSync(recordFile, "utf8")) as InitRecord;
  } catch {
    return undefined; // no record (or a damaged one): fall back to removing only our entries
  }
}

function writeRecord(recordFile: string, record: InitRecord): void {
  fs.mkdirSync(path.dirname(recordFile), { recursive: true });
  fs.writeFileSync(recordFile, JSON.stringify(record, null, 2) + "\n");
}

export function writeBackup(file: string, content: Buffer): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  for (let n = 0; ; n++) {
    const backup = `${file}.autogate-backup-${stamp}${n ? `-${n}` : ""}`;
    try {
      fs.writeFileSync(backup, content, { flag: "wx" }); // never overwrite an older backup
      return backup;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
}

/**
 * Write-then-rename, so a crash never leaves Claude Code a half-written settings file. A symlinked
 * settings.json (dotfile managers) is written through to its target rather than replaced by a copy.
 */
export function writeAtomically(file: string, content: string | Buffer): void {
  const target = fs.existsSync(file) ? fs.realpathSync(file) : file;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const mode = fs.existsSync(target) ? fs.statSync(target).mode & 0o777 : 0o644;
  const tmp = `${target}.autogate-tmp-${process.pid}`;
  fs.writeFileSync(tmp, content, { mode });
  fs.renameSync(tmp, target);
}

/** Init created this folder for the file; take it away again only if nothing else lives there now. */
export function removeIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // not empty (or already gone): leave it
  }
}

export function sha256(b: Buffer): string {
  return createHash("sha256").update(b).digest("hex");
}
