import fs from "node:fs";
import path from "node:path";
import type { AuditRecord } from "../../core/audit/record.ts";
import type { Paths } from "../runtime/paths.ts";
import type { DecisionQuery, DecisionSummary, Stats } from "../audit/store.ts";


/**
 * Talking to a running daemon from the CLI and the command hook. The daemon writes
 * `<state>/daemon.json` ({url, pid}) while it runs; without that file nothing is attempted, so a
 * hook with no daemon pays one failed stat. Connections time out fast: a stuck daemon must never
 * hold up a tool call (the hook then decides locally).
 */
export interface DaemonInfo {
  url: string;
  pid: number;
}

/** The token the daemon created (here, not in auth.ts, so the hook does not load node:crypto). */
export function readToken(stateDir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.AUTOGATE_TOKEN) return env.AUTOGATE_TOKEN;
  try {
    return fs.readFileSync(path.join(stateDir, "token"), "utf8").trim();
  } catch {
    return undefined;
  }
}

export function daemonInfoFile(paths: Paths): string {
  return path.join(paths.stateDir, "daemon.json");
}

export function readDaemonInfo(paths: Paths, env: NodeJS.ProcessEnv = process.env): DaemonInfo | undefined {
  if (env.AUTOGATE_DAEMON_URL) return { url: env.AUTOGATE_DAEMON_URL, pid: 0 };
  try {
    return JSON.parse(fs.readFileSync(daemonInfoFile(paths), "utf8")) as DaemonInfo;
  } catch {
    return undefined;
  }
}

interface Reply {
  status: number;
  body: string;
}

async function request(url: string, opts: { method?: string; token?: string; body?: string; headers?: Record<string, string>; connectMs: number; totalMs: number }): Promise<Reply> {
  const http = await import("node:http");
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: opts.method ?? "GET",
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.body ? { "content-type": "application/json" } : {}), ...opts.headers },
      timeout: opts.totalMs,
    });
    const connect = setTimeout(() => req.destroy(new Error(`no connection within ${opts.connectMs} ms`)), opts.connectMs);
    req.on("socket", (s) => (s.connecting ? s.once("connect", () => clearTimeout(connect)) : clearTimeout(connect)));
    req.on("timeout", () => req.destroy(new Error(`no answer within ${opts.totalMs} ms`)));
    req.on("error", (e) => (clearTimeout(connect), reject(e)));
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.end(opts.body);
  });
}

/** The command hook's fast path: let the daemon decide and record. Undefined means "decide locally". */
export async function forwardHook(paths: Paths, agent: string, raw: string, noHuman: boolean): Promise<{ stdout: string; exitCode: 0 } | undefined> {
  const info = readDaemonInfo(paths);
  const token = info && readToken(paths.stateDir);
  if (!info || !token) return undefined;
  try {
    const r = await request(`${info.url}/hooks/${agent}`, { method: "POST", token, body: raw, headers: noHuman ? { "x-autogate-no-human": "1" } : {}, connectMs: 150, totalMs: 4000 });
    if (r.status !== 200) return undefined;
    return { stdout: r.body.trim(), exitCode: 0 };
  } catch {
    return undefined;
  }
}

export interface DaemonClient {
  url: string;
  query(q: DecisionQuery): Promise<{ items: DecisionSummary[]; next_cursor?: string }>;
  get(id: string): Promise<AuditRecord | undefined>;
  stats(since?: string): Promise<Stats>;
  loginCode(): Promise<string>;
}

/** A client for the CLI, when a daemon answers /healthz; undefined otherwise. */
export async function daemonClient(paths: Paths): Promise<DaemonClient | undefined> {
  const info = readDaemonInfo(paths);
  const token = readToken(paths.stateDir);
  if (!info || !token) return undefined;
  try {
    if ((await request(`${info.url}/healthz`, { connectMs: 300, totalMs: 2000 })).status !== 200) return undefined;
  } catch {
    return undefined;
  }
  const json = async <T>(p: string, method = "GET"): Promise<T> => {
    const r = await request(`${info.url}${p}`, { method, token, connectMs: 1000, totalMs: 10_000 });
    if (r.status === 404) return undefined as T;
    if (r.status !== 200) throw new Error(`daemon answered ${r.status} for ${p}: ${r.body.slice(0, 200)}`);
    return JSON.parse(r.body) as T;
  };
  const qs = (q: Record<string, unknown>) => new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => [k, String(v)])).toString();
  return {
    url: info.url,
    query: (q) => json(`/api/decisions?${qs({ ...q })}`),
    get: (id) => json(`/api/decisions/${encodeURIComponent(id)}`),
    stats: (since) => json(`/api/stats?${qs({ since })}`),
    loginCode: async () => (await json<{ code: string }>("/api/login-codes", "POST")).code,
  };
}
