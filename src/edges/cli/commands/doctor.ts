import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { isAutogateFailure, formatError } from "../../../core/errors.ts";
import { findAutogate, parseSettings, settingsPath, shellWords, type SettingsScope } from "../../agent-settings/claude-code-settings.ts";
import { loadPolicy } from "../../policy-files/load-policy.ts";
import { resolvePaths } from "../../runtime/paths.ts";
import { checkAgentHook, checkAgentWiring, checkCodexOwnTrust } from "./doctor-agents.ts";
import { defaultHookCommand } from "./init.ts";

/**
 * `autogate doctor`: answers "is autogate actually protecting me?" by checking each link of the chain
 * (wired in settings, policy loads, the hook really denies, the state dir takes writes), each with
 * a fix. The hook test runs against a throwaway state dir so the user's audit log stays clean.
 */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
  ms?: number;
}

export interface DoctorOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** claude-code (the default), codex or gemini. */
  agent?: string;
}

const TEST_COMMAND = "rm -rf ~";
const HOOK_TEST_TIMEOUT_MS = 30_000;

export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description("check that the hook is wired, the policy loads, the hook answers, and the state dir is writable")
    .option("--json", "print the checks as JSON")
    .option("--agent <agent>", "the agent whose wiring to check: claude-code, codex, gemini", "claude-code")
    .action(async (o: { json?: boolean; agent: string }) => {
      const checks = await runDoctor({ env: process.env, cwd: process.cwd(), agent: o.agent });
      const ok = checks.every((c) => c.ok);
      if (o.json) process.stdout.write(JSON.stringify({ ok, checks }, null, 2) + "\n");
      else process.stdout.write(checks.map(renderCheck).join("\n") + "\n");
      process.exitCode = ok ? 0 : 1;
    });
}

export async function runDoctor(opts: DoctorOptions): Promise<Check[]> {
  if (opts.agent === "codex" || opts.agent === "gemini") {
    const { check, commands } = checkAgentWiring(opts.agent, opts);
    const agent = opts.agent;
    const codexView = agent === "codex" && check.ok ? [await checkCodexOwnTrust(opts.env, opts.cwd)] : [];
    return [check, ...codexView, await checkPolicy(opts.env, opts.cwd), ...(commands.length ? commands : [undefined]).map((c) => checkAgentHook(agent, c, opts.env)), checkStateDir(opts.env)];
  }
  if (opts.agent && opts.agent !== "claude-code") return [{ name: "agent", ok: false, detail: `unknown agent "${opts.agent}"`, fix: "use --agent claude-code, codex or gemini" }];
  const wiring = wiredCommands(opts.env, opts.cwd);
  const commands = [...new Set(wiring.flatMap((w) => w.commands))];
  return [
    checkWiring(opts.env, opts.cwd),
    await checkPolicy(opts.env, opts.cwd),
    ...(commands.length ? commands : [defaultHookCommand()]).map((c) => checkHookAnswers(c, opts.env)),
    checkStateDir(opts.env),
  ];
}

export function renderCheck(c: Check): string {
  const head = `${c.ok ? "✓" : "✗"} ${c.name}: ${c.detail.replace(/\n/g, "\n    ")}`;
  return c.fix && !c.ok ? `${head}\n    fix: ${c.fix}` : head;
}

interface Wiring {
  scope: SettingsScope;
  file: string;
  events: string[];
  commands: string[];
  error?: string;
}

function wiredCommands(env: NodeJS.ProcessEnv, cwd: string): Wiring[] {
  const home = resolvePaths(env).home;
  return (["user", "project"] as const).map((scope) => {
    const file = settingsPath(scope, env, home, cwd);
    if (!fs.existsSync(file)) return { scope, file, events: [], commands: [] };
    try {
      const found = findAutogate(parseSettings(file, fs.readFileSync(file, "utf8")));
      return { scope, file, events: [...new Set(found.map((f) => f.event))], commands: [...new Set(found.map((f) => f.command))] };
    } catch (e) {
      return { scope, file, events: [], commands: [], error: (e as Error).message };
    }
  });
}

/** Wired = PreToolUse runs our hook in user or project settings, and the paths it names exist. */
export function checkWiring(env: NodeJS.ProcessEnv, cwd: string): Check {
  const name = "Claude Code hook wired";
  const wiring = wiredCommands(env, cwd);
  const broken = wiring.filter((w) => w.error).map((w) => w.error!);
  const missing = wiring.flatMap((w) => w.commands.flatMap(missingPaths));
  const detail = wiring.map((w) => `${w.scope}: ${w.error ? "unreadable" : w.events.length ? w.events.join(" + ") : "not wired"} (${w.file})`).join("; ");
  if (broken.length) return { name, ok: false, detail: `${detail}\n${broken.join("\n")}`, fix: "fix the JSON in the file named above, then run `autogate init`" };
  if (!wiring.some((w) => w.events.includes("PreToolUse"))) {
    return { name, ok: false, detail, fix: "run `autogate init` (user settings) or `autogate init --scope project`" };
  }
  if (missing.length) {
    return { name, ok: false, detail: `${detail}; the hook command names paths that do not exist: ${[...new Set(missing)].join(", ")}`, fix: "autogate moved or was reinstalled: run `autogate init` again to update the command" };
  }
  return { name, ok: true, detail };
}

/** Absolute paths before `hook` (node, bin/autogate.cjs) that are gone; bare names resolve via PATH. */
function missingPaths(command: string): string[] {
  const words = shellWords(command);
  const end = words.indexOf("hook");
  return words.slice(0, end < 0 ? words.length : end).filter((w) => path.isAbsolute(w) && !fs.existsSync(w));
}

export async function checkPolicy(env: NodeJS.ProcessEnv, cwd: string): Promise<Check> {
  const name = "policy loads";
  try {
    const policy = await loadPolicy(resolvePaths(env), cwd);
    const layers = policy.layers.map((l) => `${l.scope} (${l.file})`).join(", ");
    const warnings = policy.warnings.length ? `\n${policy.warnings.map(formatError).join("\n")}` : "";
    return { name, ok: true, detail: `${policy.rules.length} rules from ${layers}, revision ${policy.revision}${warnings}` };
  } catch (e) {
    const detail = isAutogateFailure(e) ? e.errors.map(formatError).join("\n") : (e as Error).message;
    // Until the policy loads, every hook call answers with the error tier (ask, or deny unattended).
    return { name, ok: false, detail, fix: "correct the policy file(s) named above; the hook cannot judge calls until they load" };
  }
}

/**
 * Runs the command through the shell as Claude Code does, feeding it a call any sane policy denies.
 * The throwaway state dir gets the user's compiled-policy cache, so the measured time is that of a
 * normal hook call, not of a first run compiling the policy and checking every rule example.
 */
export function checkHookAnswers(command: string, env: NodeJS.ProcessEnv): Check {
  const name = "hook answers";
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "autogate-doctor-"));
  try {
    const state = path.join(tmp, "state");
    const cache = path.join(resolvePaths(env).stateDir, "policy-cache");
    if (fs.existsSync(cache)) fs.cpSync(cache, path.join(state, "policy-cache"), { recursive: true });
    const payload = {
      hook_event_name: "PreToolUse", session_id: "autogate-doctor", tool_use_id: "doctor-1", cwd: tmp,
      tool_name: "Bash", tool_input: { command: TEST_COMMAND },
    };
    const started = process.hrtime.bigint();
    const r = spawnSync(command, {
      shell: true, cwd: tmp, input: JSON.stringify(payload), encoding: "utf8", timeout: HOOK_TEST_TIMEOUT_MS,
      env: { ...env, AUTOGATE_STATE_DIR: state },
    });
    const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
    const stderr = r.stderr?.trim() ? ` stderr: ${r.stderr.trim().split("\n").slice(-3).join(" | ")}` : "";
    if (r.error || r.signal) return { name, ok: false, ms, detail: `\`${command}\` did not finish (${r.error?.message ?? r.signal}) after ${ms} ms.${stderr}`, fix: "run the command by hand to see why; `autogate init` rewires it" };
    let decision: unknown;
    try {
      decision = (JSON.parse(r.stdout) as { hookSpecificOutput?: { permissionDecision?: unknown } }).hookSpecificOutput?.permissionDecision;
    } catch {
      return { name, ok: false, ms, detail: `\`${command}\` exited ${r.status} without a JSON answer: ${JSON.stringify(r.stdout.slice(0, 200))}.${stderr}`, fix: "a missing build? run `npm run build` in the autogate package, then `autogate init`" };
    }
    if (decision !== "deny") return { name, ok: false, ms, detail: `Bash \`${TEST_COMMAND}\` got "${String(decision)}" instead of deny (${ms} ms)`, fix: "check the rules with `autogate explain` and your policy files" };
    return { name, ok: true, ms, detail: `denied Bash \`${TEST_COMMAND}\` in ${ms} ms round trip (${command})` };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export function checkStateDir(env: NodeJS.ProcessEnv): Check {
  const name = "state dir writable";
  const dir = resolvePaths(env).stateDir;
  const probe = path.join(dir, `.doctor-${process.pid}`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(probe, "");
    fs.rmSync(probe);
    return { name, ok: true, detail: dir };
  } catch (e) {
    // Without it the hook still answers, but the audit log and session memory are lost.
    return { name, ok: false, detail: `${dir}: ${(e as Error).message}`, fix: "make it writable, or point AUTOGATE_STATE_DIR (or XDG_STATE_HOME) at a writable folder" };
  }
}
