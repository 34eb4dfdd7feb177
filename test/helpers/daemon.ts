// Starts a real daemon (HTTP on 127.0.0.1, port 0) in a sandbox of temp folders, for tests that
// talk to it over HTTP or drive the dashboard in a browser. Call close() (or pass t to clean up).
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolvePaths, type Paths } from "../../src/edges/runtime/paths.ts";
import { startDaemon, type RunningDaemon } from "../../src/edges/server/serve.ts";

export interface TestDaemon {
  daemon: RunningDaemon;
  paths: Paths;
  root: string;
  home: string;
  /** A workspace folder (a git repository root) to use as the agent's cwd. */
  project: string;
  url: string;
  token: string;
  /** Posts one Claude Code PreToolUse call to the http hook; returns the hook's JSON answer. */
  hook(tool: string, input: Record<string, unknown>, extra?: Record<string, unknown>): Promise<HookAnswer>;
  bash(command: string, extra?: Record<string, unknown>): Promise<HookAnswer>;
  /** A one-time dashboard login code (as `autogate dashboard` gets it). */
  loginCode(): Promise<string>;
  /** GET with the bearer token. */
  get(pathAndQuery: string): Promise<Response>;
  close(): Promise<void>;
}

export interface HookAnswer {
  hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string };
  [k: string]: unknown;
}

let calls = 0;

export async function startTestDaemon(t?: { after(fn: () => unknown): void }): Promise<TestDaemon> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "ag-daemon-")));
  const [home, project, state, config] = ["home", "home/project", "state", "config"].map((d) => join(root, d));
  for (const d of [home, project, join(project, ".git"), state, config]) mkdirSync(d, { recursive: true });
  const paths = resolvePaths({ HOME: home, AUTOGATE_STATE_DIR: state, XDG_CONFIG_HOME: config, AUTOGATE_MANAGED_POLICY: join(root, "managed-policy.yaml") });
  const daemon = await startDaemon({ paths, port: 0, retentionDays: 3650 });
  const auth = { authorization: `Bearer ${daemon.token}` };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await daemon.close();
    rmSync(root, { recursive: true, force: true });
  };
  t?.after(close);
  const hook = async (tool: string, input: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const body = { hook_event_name: "PreToolUse", session_id: "sess-test", cwd: project, permission_mode: "default", tool_name: tool, tool_input: input, tool_use_id: `toolu_${++calls}_${Date.now()}`, ...extra };
    const res = await fetch(`${daemon.url}/hooks/claude-code`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`hook answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as HookAnswer;
  };
  return {
    daemon, paths, root, home, project, url: daemon.url, token: daemon.token, close, hook,
    bash: (command, extra) => hook("Bash", { command }, extra),
    loginCode: async () => {
      const res = await fetch(`${daemon.url}/api/login-codes`, { method: "POST", headers: auth });
      if (!res.ok) throw new Error(`login code: ${res.status}`);
      return ((await res.json()) as { code: string }).code;
    },
    get: (p) => fetch(`${daemon.url}${p}`, { headers: auth }),
  };
}
