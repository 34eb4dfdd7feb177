import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseSettings, serializeSettings, type SettingsObject, type SettingsScope } from "../../agent-settings/claude-code-settings.ts";
import { readTrust, removeTrust, renameTrust, setTrust, trustConflict } from "../../agent-settings/codex-config-toml.ts";
import { agentHookCommands, codexHandlers, codexHome, CODEX_HOOK_TIMEOUT_S, isOurAgentCommand, type AgentHookCommands, trustHash, trustKey, withCodexAutogate, withoutCodexAutogate } from "../../agent-settings/codex-settings.ts";
import { geminiSettingsPath, GEMINI_HOOK_TIMEOUT_MS, withGeminiAutogate, withoutGeminiAutogate } from "../../agent-settings/gemini-settings.ts";
import { packageRoot, resolvePaths } from "../../runtime/paths.ts";
import { readIfExists, removeIfEmpty, sha256, writeAtomically, writeBackup } from "./init.ts";

/**
 * `autogate init --agent codex|gemini [--uninstall]`: the file work for the agents other than Claude
 * Code. Same promises as for Claude Code: every write keeps a backup; a record of the state before
 * autogate lets --uninstall put back the exact bytes (or no file at all) when nobody edited the file
 * since; otherwise only our entries are removed. Codex additionally gets its trust entries, without
 * which it silently skips the hook.
 */
export type OtherAgent = "codex" | "gemini";

export interface AgentInitOptions {
  agent: OtherAgent;
  scope: SettingsScope;
  uninstall?: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The hook command for both events (tests); by default this install's bin/autogate.cjs run by this node. */
  command?: string;
}

export function defaultAgentHookCommands(agent: OtherAgent): AgentHookCommands {
  return agentHookCommands(process.execPath, path.join(packageRoot(), "bin", "autogate.cjs"), agent);
}

export function runAgentInit(opts: AgentInitOptions): string[] {
  const paths = resolvePaths(opts.env);
  const commands = opts.command ? { tool: opts.command, prompt: opts.command } : defaultAgentHookCommands(opts.agent);
  const recordFor = (file: string) => path.join(paths.stateDir, "init", `${opts.agent}-${createHash("sha256").update(file).digest("hex").slice(0, 16)}.json`);
  if (opts.agent === "gemini") {
    const file = path.resolve(geminiSettingsPath(opts.scope, opts.env, paths.home, opts.cwd));
    const edit = new TrackedFile(file, recordFor(file));
    if (opts.uninstall) return edit.uninstall((text) => {
      const { settings, removed } = withoutGeminiAutogate(parseSettings(file, text));
      return { text: serializeSettings(settings, text), removed };
    });
    const changed = edit.install((text) => serializeSettings(withGeminiAutogate(text === undefined ? {} : parseSettings(file, text), commands), text));
    return [
      changed ? `autogate: wired the hook into Gemini CLI ${opts.scope} settings ${file}` : `autogate is already wired in ${file}; nothing changed.`,
      ...(changed ? [`  BeforeTool (matcher ".*") runs: ${commands.tool}  (timeout ${GEMINI_HOOK_TIMEOUT_MS} ms; BeforeAgent runs the same without the fail-closed guard)`, ...edit.notes, `  undo with: autogate init --agent gemini --uninstall${opts.scope === "project" ? " --scope project" : ""}`] : []),
      "  note: Gemini runs settings hooks only in folders it trusts; in an untrusted folder it asks you about every tool itself.",
    ];
  }
  if (opts.scope !== "user") throw new Error("Codex hooks are wired at user level ($CODEX_HOME/hooks.json); project-level Codex hooks need project trust and are not supported yet");
  const home = codexHome(opts.env, paths.home);
  const hooksFile = path.join(home, "hooks.json");
  const configFile = path.join(home, "config.toml");
  const hooks = new TrackedFile(hooksFile, recordFor(hooksFile));
  const config = new TrackedFile(configFile, recordFor(configFile));
  const configBefore = readIfExists(configFile)?.toString("utf8") ?? "";
  const conflict = trustConflict(configBefore);
  if (conflict) throw new Error(`${configFile}: ${conflict}; autogate only edits [hooks.state."…"] tables. Move that setting into such tables, then run again. Nothing was changed.`);
  if (opts.uninstall) {
    let keys: { from: string; to: string }[] = [];
    let ours: string[] = [];
    const lines = hooks.uninstall((text) => {
      const before = parseSettings(hooksFile, text);
      ours = codexHandlers(before).filter((h) => isOurAgentCommand(h.command, "codex")).flatMap((h) => keyVariants(hooksFile).map((f) => trustKey(f, h.event, h.group, h.handler)));
      const { settings, removed, moved } = withoutCodexAutogate(before);
      keys = moved.flatMap((m) => codexHandlers(before).filter((h) => h.event === m.event && h.group === m.from).flatMap((h) => keyVariants(hooksFile).map((f) => ({ from: trustKey(f, h.event, m.from, h.handler), to: trustKey(f, h.event, m.to, h.handler) }))));
      return { text: serializeSettings(settings, text), removed };
    });
    return [...lines, ...config.uninstall((text) => {
      const stripped = renameTrust(removeTrust(text, ours), keys);
      return { text: stripped, removed: stripped === text ? 0 : ours.length };
    }, "trust entries")];
  }
  let settings: SettingsObject = {};
  const changedHooks = hooks.install((text) => {
    settings = withCodexAutogate(text === undefined ? {} : parseSettings(hooksFile, text), commands);
    return serializeSettings(settings, text);
  });
  const trust = codexHandlers(settings).filter((h) => isOurAgentCommand(h.command, "codex")).flatMap((h) => keyVariants(hooksFile).map((f) => ({ key: trustKey(f, h.event, h.group, h.handler), hash: trustHash(h) })));
  const changedConfig = config.install((text) => setTrust(text ?? "", trust));
  const present = readTrust(readIfExists(configFile)?.toString("utf8") ?? "");
  if (!trust.every((t) => present.get(t.key)?.trustedHash === t.hash)) throw new Error(`${configFile}: the trust entries could not be written; Codex would skip the hook`);
  if (!changedHooks && !changedConfig) return [`autogate is already wired and trusted in ${hooksFile}; nothing changed.`];
  return [
    `autogate: wired the hook into Codex ${hooksFile} and trusted it in ${configFile}`,
    `  PreToolUse (matcher "*") runs: ${commands.tool}  (timeout ${CODEX_HOOK_TIMEOUT_S} s; UserPromptSubmit runs the same without the fail-closed guard)`,
    ...hooks.notes, ...config.notes,
    "  undo with: autogate init --agent codex --uninstall",
  ];
}

/** Codex keys trust by the hooks.json path it was given; a symlinked CODEX_HOME is trusted both ways. */
function keyVariants(file: string): string[] {
  try {
    const real = path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
    return real === file ? [file] : [file, real];
  } catch {
    return [file];
  }
}

interface InitRecord {
  file: string;
  original: { existed: false; createdDir?: string } | { existed: true; base64: string } | null;
  writtenSha256: string;
}

/** One settings file under init's promises: backup, exact restore when untouched, else strip ours. */
class TrackedFile {
  readonly notes: string[] = [];
  constructor(readonly file: string, readonly recordFile: string) {}

  /** Writes `edit(current text)`; false when that changes nothing. Throws before writing on bad input. */
  install(edit: (text: string | undefined) => string): boolean {
    const before = readIfExists(this.file);
    const text = edit(before?.toString("utf8"));
    if (before !== undefined && before.equals(Buffer.from(text))) return false;
    const previous = this.record();
    let original: InitRecord["original"];
    if (previous && before !== undefined && sha256(before) === previous.writtenSha256) original = previous.original;
    else if (before === undefined) original = { existed: false, createdDir: fs.existsSync(path.dirname(this.file)) ? undefined : path.dirname(this.file) };
    else if (!/autogate/i.test(before.toString("utf8"))) original = { existed: true, base64: before.toString("base64") };
    else original = null; // it already held an edited autogate entry: uninstall can only strip ours
    if (before !== undefined) this.notes.push(`  previous ${path.basename(this.file)} backed up to ${writeBackup(this.file, before)}`);
    else this.notes.push(`  ${this.file} did not exist before; it was created`);
    writeAtomically(this.file, text);
    fs.mkdirSync(path.dirname(this.recordFile), { recursive: true });
    fs.writeFileSync(this.recordFile, JSON.stringify({ file: this.file, original, writtenSha256: sha256(Buffer.from(text)) } satisfies InitRecord, null, 2) + "\n");
    return true;
  }

  uninstall(strip: (text: string) => { text: string; removed: number }, what = "hook entries"): string[] {
    const before = readIfExists(this.file);
    const record = this.record();
    fs.rmSync(this.recordFile, { force: true });
    if (before === undefined) return [`autogate: ${this.file} does not exist; nothing to uninstall there.`];
    if (record?.original && sha256(before) === record.writtenSha256) {
      strip(before.toString("utf8")); // still run: it tells the caller which entries were ours
      if (record.original.existed) writeAtomically(this.file, Buffer.from(record.original.base64, "base64"));
      else {
        fs.rmSync(this.file);
        if (record.original.createdDir) removeIfEmpty(record.original.createdDir);
      }
      return [record.original.existed ? `autogate: restored ${this.file} to its state before autogate init` : `autogate: removed ${this.file} (it did not exist before autogate init)`];
    }
    const { text, removed } = strip(before.toString("utf8"));
    if (!removed || text === before.toString("utf8")) return [`autogate: no autogate ${what} found in ${this.file}; nothing changed.`];
    const backup = writeBackup(this.file, before);
    writeAtomically(this.file, text);
    return [`autogate: removed autogate's ${what} from ${this.file}; everything else was kept (previous file backed up to ${backup})`];
  }

  private record(): InitRecord | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.recordFile, "utf8")) as InitRecord;
    } catch {
      return undefined;
    }
  }
}
