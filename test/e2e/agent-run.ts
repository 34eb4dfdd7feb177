// Why this file exists: the Codex and Gemini e2e tests share the same chores: a throwaway world of
// folders (home, project, state) so nothing touches the real home, running `autogate init` the way a
// user does, spawning the agent with a hard time limit and killing its whole process tree, reading
// the audit log, and building a deliberately broken copy of autogate for the fail-closed test.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const autogateBin = join(repoRoot, 'bin', 'autogate.cjs');

export interface World {
  root: string;
  /** $HOME of the agent and of autogate: `~` targets live here, outside the project. */
  home: string;
  project: string;
  state: string;
  config: string;
  /** Environment shared by autogate init and the agent. */
  env: Record<string, string>;
}

/** Temp folders without "autogate" in their paths (CLI messages quote them). */
export function makeWorld(t: TestContext, prefix: string, files: Record<string, string> = {}, homeFiles: Record<string, string> = {}): World {
  const root = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const [home, project, state, config] = ['home', 'project', 'state', 'config'].map((d) => join(root, d));
  for (const d of [home, project, state, config]) mkdirSync(d, { recursive: true });
  for (const [base, set] of [[project, files], [home, homeFiles]] as const) {
    for (const [rel, text] of Object.entries(set)) {
      mkdirSync(dirname(join(base, rel)), { recursive: true });
      writeFileSync(join(base, rel), text);
    }
  }
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_STATE_HOME: state, XDG_CONFIG_HOME: config, AUTOGATE_MANAGED_POLICY: join(root, 'no-managed-policy.yaml'), SHELL: '/bin/sh' };
  return { root, home, project, state, config, env };
}

/** `autogate init --agent …` exactly as a user runs it (from `bin`, the real or a broken copy). */
export function initAgent(world: World, agent: string, extraEnv: Record<string, string>, bin = autogateBin): string {
  const r = spawnSync(process.execPath, [bin, 'init', '--agent', agent], { env: { ...world.env, ...extraEnv }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`autogate init --agent ${agent} failed (${r.status}): ${r.stdout}${r.stderr}`);
  return r.stdout;
}

/**
 * A copy of this autogate install whose hook bundle throws as it loads, the way a half-finished
 * upgrade or a corrupted file would: node exits 1 before autogate can answer anything.
 */
export function brokenInstall(world: World): string {
  const dir = join(world.root, 'broken-install');
  for (const part of ['bin', 'dist', 'policies', 'package.json']) cpSync(join(repoRoot, part), join(dir, part), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  return join(dir, 'bin', 'autogate.cjs');
}

export function breakHookBundle(bin: string): void {
  const dist = join(dirname(bin), '..', 'dist');
  writeFileSync(join(dist, 'hook.cjs'), 'throw new Error("simulated crash: a corrupted autogate install");\n');
  rmSync(join(dist, 'hook.cache'), { force: true });
}

export function auditRecords(world: World): any[] {
  const file = join(world.state, 'autogate', 'audit.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
}

/** The user prompts autogate remembered for the session (UserPromptSubmit / BeforeAgent). */
export function sessionPrompts(world: World): string[] {
  const dir = join(world.state, 'autogate', 'sessions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')).userMessages ?? []) as string[]);
}

const liveChildren = new Set<ChildProcess>();
export const killAll = () => liveChildren.forEach(killTree);

export interface Exit {
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  ms: number;
}

export function spawnBounded(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, limitMs: number): Promise<Exit> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    liveChildren.add(child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => ((timedOut = true), killTree(child)), limitMs);
    const done = () => (clearTimeout(timer), liveChildren.delete(child));
    child.on('error', (err) => (done(), reject(err)));
    child.on('close', (code, signal) => (done(), resolve({ code, signal, timedOut, stdout, stderr, ms: Math.round(performance.now() - started) })));
  });
}

/** Kills the agent and everything it spawned (hooks may run in their own sessions): walk /proc. */
function killTree(child: ChildProcess): void {
  if (child.pid) killPidTree(child.pid);
}

/** Also for processes we did not spawn ourselves, such as the agent running in a tmux pane. */
export function killPidTree(root: number): void {
  for (const pid of [root, ...descendants(root)]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  let procs: string[] = [];
  try {
    procs = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    /* no /proc: only the direct child gets killed */
  }
  for (const pid of procs) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(pid)]);
    } catch {
      /* exited meanwhile */
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const kid of children.get(queue.shift()!) ?? []) {
      found.push(kid);
      queue.push(kid);
    }
  }
  return found;
}

/** Loud, never silent: a skipped e2e file prints a banner naming why. */
export function skipBanner(what: string, why: string): void {
  const bar = '!'.repeat(78);
  console.error(`\n${bar}\n!! ${what} E2E TESTS SKIPPED: ${why}\n${bar}\n`);
}
