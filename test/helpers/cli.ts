// Runs the built CLI (bin/autogate.cjs) the way agents and users do, in a sandbox of temp folders.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestContext } from "node:test";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = join(REPO, "bin", "autogate.cjs");

export interface Sandbox {
  root: string;
  home: string;
  project: string;
  state: string;
  config: string;
  env: NodeJS.ProcessEnv;
  run(args: string[], input?: string, extraEnv?: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string; ms: number };
}

export function sandbox(t: TestContext): Sandbox {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "ag-cli-")));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const [home, project, state, config] = ["home", "project", "state", "config"].map((d) => join(root, d));
  for (const d of [home, project, state, config]) mkdirSync(d, { recursive: true });
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, XDG_STATE_HOME: state, XDG_CONFIG_HOME: config, AUTOGATE_MANAGED_POLICY: join(root, "managed.yaml") };
  return {
    root, home, project, state, config, env,
    run(args, input, extraEnv = {}) {
      const start = performance.now();
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: project, env: { ...env, ...extraEnv }, input, encoding: "utf8", timeout: 20_000 });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - start };
    },
  };
}

export const preToolUse = (cwd: string, tool: string, input: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ hook_event_name: "PreToolUse", session_id: "sess-1", transcript_path: "/nonexistent.jsonl", cwd, permission_mode: "default", tool_name: tool, tool_input: input, tool_use_id: "toolu_1", ...extra });
