import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseSettings, shellWords, type SettingsObject } from "../../agent-settings/claude-code-settings.ts";
import { readTrust } from "../../agent-settings/codex-config-toml.ts";
import { codexHandlers, codexHome, isOurAgentCommand, trustHash, trustKey } from "../../agent-settings/codex-settings.ts";
import { findGeminiAutogate, geminiHooksDisabled, geminiSettingsPath } from "../../agent-settings/gemini-settings.ts";
import { resolvePaths } from "../../runtime/paths.ts";
import type { Check, DoctorOptions } from "./doctor.ts";
import { defaultAgentHookCommands, type OtherAgent } from "./init-agents.ts";

/**
 * `autogate doctor --agent codex|gemini`: the links of the chain that are particular to each agent.
 * For Codex the one that fails silently is trust: a hook whose trusted_hash is missing or stale (the
 * command, matcher or timeout changed) is skipped without a word. For Gemini it is the timeout unit
 * (milliseconds: "30" would time out at once, and a timed-out hook lets the tool run) and hooks
 * switched off in settings. Both hook tests run the command through the shell the agent uses.
 */
/** The hook answers within 20 s (its own deadline); an agent timeout below that can let a tool run. */
const DEADLINE_S = 20;

export function checkAgentWiring(agent: OtherAgent, opts: DoctorOptions): { check: Check; commands: string[] } {
  return agent === "codex" ? codexWiring(opts) : geminiWiring(opts);
}

function codexWiring(opts: DoctorOptions): { check: Check; commands: string[] } {
  const name = "Codex hook wired and trusted";
  const home = codexHome(opts.env, resolvePaths(opts.env).home);
  const hooksFile = path.join(home, "hooks.json");
  const configFile = path.join(home, "config.toml");
  const fix = "run `autogate init --agent codex` (it writes the hook and its trust entry)";
  let settings: SettingsObject;
  try {
    settings = fs.existsSync(hooksFile) ? parseSettings(hooksFile, fs.readFileSync(hooksFile, "utf8")) : {};
  } catch (e) {
    return { check: { name, ok: false, detail: (e as Error).message, fix }, commands: [] };
  }
  const ours = codexHandlers(settings).filter((h) => isOurAgentCommand(h.command, "codex"));
  const pre = ours.filter((h) => h.event === "PreToolUse");
  if (!pre.length) return { check: { name, ok: false, detail: `no autogate PreToolUse hook in ${hooksFile}`, fix }, commands: [] };
  const trust = readTrust(fs.existsSync(configFile) ? fs.readFileSync(configFile, "utf8") : "");
  const problems: string[] = [];
  for (const h of ours) {
    const key = trustKey(hooksFile, h.event, h.group, h.handler);
    const state = trust.get(key);
    const where = `${h.event} (group ${h.group})`;
    if (state?.enabled === false) problems.push(`${where} is disabled (enabled = false in ${configFile})`);
    else if (!state?.trustedHash) problems.push(`${where} is not trusted: Codex skips it without a warning`);
    else if (state.trustedHash !== trustHash(h)) problems.push(`${where} changed since it was trusted (trusted ${state.trustedHash.slice(0, 19)}…, now ${trustHash(h).slice(0, 19)}…): Codex skips it without a warning`);
    if (h.event === "PreToolUse" && h.matcher !== "*" && h.matcher !== undefined && h.matcher !== "") problems.push(`${where} only matches ${JSON.stringify(h.matcher)}`);
    if ((h.timeout ?? 600) <= DEADLINE_S) problems.push(`${where} has a ${h.timeout} s timeout, not above autogate's own ${DEADLINE_S} s deadline: a slow decision would time out and let the tool run`);
  }
  problems.push(...missing(ours.map((h) => h.command)));
  const detail = `${ours.map((h) => h.event).join(" + ")} in ${hooksFile}; trust in ${configFile}`;
  const commands = [...new Set(pre.map((h) => h.command))];
  if (problems.length) return { check: { name, ok: false, detail: `${detail}\n${problems.join("\n")}`, fix }, commands };
  return { check: { name, ok: true, detail: `${detail} (hashes match)` }, commands };
}

function geminiWiring(opts: DoctorOptions): { check: Check; commands: string[] } {
  const name = "Gemini CLI hook wired";
  const home = resolvePaths(opts.env).home;
  const fix = "run `autogate init --agent gemini` (or --scope project)";
  const found: string[] = [];
  const problems: string[] = [];
  const commands: string[] = [];
  for (const scope of ["user", "project"] as const) {
    const file = geminiSettingsPath(scope, opts.env, home, opts.cwd);
    if (!fs.existsSync(file)) continue;
    let settings: SettingsObject;
    try {
      settings = parseSettings(file, fs.readFileSync(file, "utf8"));
    } catch (e) {
      problems.push((e as Error).message);
      continue;
    }
    const ours = findGeminiAutogate(settings);
    if (!ours.length) continue;
    found.push(`${scope}: ${[...new Set(ours.map((h) => h.event))].join(" + ")} (${file})`);
    const off = geminiHooksDisabled(settings);
    if (off) problems.push(`${file}: ${off}, so Gemini does not run the hook`);
    for (const h of ours) {
      if (h.event === "BeforeTool") commands.push(h.command);
      if (h.event === "BeforeTool" && ![".*", "*", "", undefined].includes(h.matcher)) problems.push(`${file}: BeforeTool only matches ${JSON.stringify(h.matcher)}`);
      if ((h.timeout ?? 60_000) <= DEADLINE_S * 1000) problems.push(`${file}: ${h.event} timeout is ${h.timeout} ms (Gemini counts milliseconds), not above autogate's own ${DEADLINE_S} s deadline: the hook would time out and the tool run`);
    }
  }
  problems.push(...missing(commands));
  if (!found.length && !problems.length) return { check: { name, ok: false, detail: `no autogate BeforeTool hook in ${geminiSettingsPath("user", opts.env, home, opts.cwd)} or ${geminiSettingsPath("project", opts.env, home, opts.cwd)}`, fix }, commands };
  if (!commands.length && !problems.length) problems.push("BeforeAgent is wired but BeforeTool is not: no tool call is judged");
  const detail = found.join("; ") + "\n(in folders Gemini does not trust it runs no settings hooks, and asks you about every tool instead)";
  return problems.length ? { check: { name, ok: false, detail: `${detail}\n${problems.join("\n")}`, fix }, commands: [...new Set(commands)] } : { check: { name, ok: true, detail }, commands: [...new Set(commands)] };
}

/**
 * Codex's own view of the hooks (`codex app-server`, JSON-RPC `hooks/list`): the authority on trust.
 * autogate computes Codex's hash itself; if a Codex release changed the formula, only this would
 * notice that the hook Codex sees is not the one it trusts. Skipped (and said so) without codex.
 */
export async function checkCodexOwnTrust(env: NodeJS.ProcessEnv, cwd: string): Promise<Check> {
  const name = "Codex confirms the trust";
  const bin = which("codex", env);
  if (!bin) return { name, ok: true, detail: "codex is not on PATH, so only autogate's own hash check ran" };
  const home = codexHome(env, resolvePaths(env).home);
  const list = await hooksList(bin, env, cwd).catch((e: Error) => e);
  if (list instanceof Error) return { name, ok: false, detail: `could not ask ${bin} app-server: ${list.message}`, fix: "run `codex` once by hand to see why it does not start" };
  const ours = list.filter((h) => isOurAgentCommand(h.command, "codex") && h.sourcePath === path.join(home, "hooks.json"));
  if (!ours.length) return { name, ok: false, detail: `Codex lists no autogate hook (it read ${list.length} hook(s))`, fix: "run `autogate init --agent codex`" };
  const bad = ours.filter((h) => h.trustStatus !== "trusted" && h.trustStatus !== "managed" || h.enabled === false);
  const detail = ours.map((h) => `${h.key}: ${h.trustStatus}${h.enabled === false ? ", disabled" : ""}`).join("; ");
  return bad.length ? { name, ok: false, detail: `${detail}: Codex skips these without a warning`, fix: "run `autogate init --agent codex` to trust the hook as it is now" } : { name, ok: true, detail };
}

interface ListedHook { key: string; command?: string; sourcePath?: string; trustStatus?: string; enabled?: boolean }

function hooksList(bin: string, env: NodeJS.ProcessEnv, cwd: string): Promise<ListedHook[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["app-server"], { cwd, env, stdio: ["pipe", "pipe", "ignore"] });
    const send = (m: object) => child.stdin.write(JSON.stringify({ jsonrpc: "2.0", ...m }) + "\n");
    const timer = setTimeout(() => (child.kill("SIGKILL"), reject(new Error("no answer within 15 s"))), 15_000);
    const done = (f: () => void) => (clearTimeout(timer), child.kill("SIGKILL"), f());
    let buf = "";
    child.on("error", (e) => done(() => reject(e)));
    child.stdout.on("data", (d: Buffer) => {
      buf += d.toString("utf8");
      for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        let m: { id?: number; error?: { message?: string }; result?: { data?: { hooks?: ListedHook[] }[] } };
        try {
          m = JSON.parse(line);
        } catch {
          continue;
        }
        if (m.id === 1) {
          send({ method: "initialized" });
          send({ id: 2, method: "hooks/list", params: { cwds: [cwd] } });
        } else if (m.id === 2) {
          done(() => (m.error ? reject(new Error(m.error.message ?? "hooks/list failed")) : resolve((m.result?.data ?? []).flatMap((x) => x.hooks ?? []))));
        }
      }
    });
    send({ id: 1, method: "initialize", params: { clientInfo: { name: "autogate-doctor", version: "1" } } });
  });
}

function which(program: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    const file = path.join(dir, program);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Absolute paths the command names before `hook` (node, bin/autogate.cjs) that are gone. */
function missing(commands: string[]): string[] {
  const gone = new Set<string>();
  for (const c of commands) {
    const inner = shellWords(c);
    const script = inner.length === 3 && inner[1] === "-c" ? shellWords(inner[2]) : inner;
    const end = script.indexOf("hook");
    for (const w of script.slice(0, end < 0 ? script.length : end)) if (path.isAbsolute(w) && !fs.existsSync(w)) gone.add(w);
  }
  return gone.size ? [`the hook command names paths that do not exist: ${[...gone].join(", ")} (autogate moved or was reinstalled: run init again)`] : [];
}

/**
 * Runs the wired command the way the agent does ($SHELL -lc for Codex, bash -c for Gemini) with a
 * call any sane policy denies, and a routine one that must come back as an empty reply (an explicit
 * allow is a failed hook to Codex). A login shell that prints to stdout would corrupt every answer.
 */
export function checkAgentHook(agent: OtherAgent, command: string | undefined, env: NodeJS.ProcessEnv): Check {
  const name = "hook answers";
  const cmd = command ?? defaultAgentHookCommands(agent).tool;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "autogate-doctor-"));
  try {
    const state = path.join(tmp, "state");
    const cache = path.join(resolvePaths(env).stateDir, "policy-cache");
    if (fs.existsSync(cache)) fs.cpSync(cache, path.join(state, "policy-cache"), { recursive: true });
    const payload = (tool: string, input: object) => JSON.stringify(agent === "codex"
      ? { session_id: "autogate-doctor", turn_id: "t", transcript_path: null, cwd: tmp, hook_event_name: "PreToolUse", model: "doctor", permission_mode: "bypassPermissions", tool_name: tool, tool_input: input, tool_use_id: "doctor-1" }
      : { session_id: "autogate-doctor", transcript_path: "", cwd: tmp, hook_event_name: "BeforeTool", timestamp: new Date().toISOString(), tool_name: tool, tool_input: input });
    const shell = agent === "codex" ? [env.SHELL || "/bin/sh", "-lc"] : ["bash", "-c"];
    const run = (input: string) => {
      const started = process.hrtime.bigint();
      const r = spawnSync(shell[0], [shell[1], cmd], { cwd: tmp, input, encoding: "utf8", timeout: 30_000, env: { ...env, AUTOGATE_STATE_DIR: state } });
      return { ...r, ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6) };
    };
    const deny = run(payload(agent === "codex" ? "Bash" : "run_shell_command", { command: "rm -rf ~" }));
    const stderr = (r: { stderr?: string }) => (r.stderr?.trim() ? ` stderr: ${r.stderr.trim().split("\n").slice(-3).join(" | ")}` : "");
    if (deny.error || deny.signal || deny.status !== 0) return { name, ok: false, ms: deny.ms, detail: `\`${cmd}\` exited ${deny.status ?? deny.signal ?? deny.error?.message}.${stderr(deny)}`, fix: "run the command by hand to see why; `autogate init --agent " + agent + "` rewires it" };
    let verdict: unknown;
    try {
      const out = JSON.parse(deny.stdout) as { decision?: string; hookSpecificOutput?: { permissionDecision?: string } };
      verdict = agent === "codex" ? out.hookSpecificOutput?.permissionDecision : out.decision;
    } catch {
      return { name, ok: false, ms: deny.ms, detail: `stdout is not one JSON answer: ${JSON.stringify(deny.stdout.slice(0, 200))} (does your shell's login profile print something?)${stderr(deny)}`, fix: "a missing build? run `npm run build` in the autogate package; keep shell profiles quiet on stdout" };
    }
    if (verdict !== "deny") return { name, ok: false, ms: deny.ms, detail: `\`rm -rf ~\` got ${JSON.stringify(verdict)} instead of deny`, fix: "check the rules with `autogate explain` and your policy files" };
    const allow = run(payload(agent === "codex" ? "Bash" : "run_shell_command", { command: "ls" }));
    if (allow.status !== 0 || allow.stdout.trim() !== "") return { name, ok: false, ms: allow.ms, detail: `\`ls\` should be an empty reply (an allow), got exit ${allow.status}: ${JSON.stringify(allow.stdout.slice(0, 200))}${stderr(allow)}`, fix: "check the rules with `autogate explain ls`" };
    return { name, ok: true, ms: deny.ms, detail: `denied \`rm -rf ~\` in ${deny.ms} ms and allowed \`ls\` with an empty reply, through \`${shell.join(" ")}\`` };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
