import fs from "node:fs";
import path from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import type { AuditRecord } from "../../core/audit/record.ts";
import { readAll } from "../audit/jsonl-store.ts";
import { SqliteAuditStore } from "../audit/sqlite-store.ts";
import { loadPolicy } from "../policy-files/load-policy.ts";
import type { Paths } from "../runtime/paths.ts";
import { createApp } from "./app.ts";
import { loadOrCreateToken, Sessions } from "./auth.ts";
import { daemonInfoFile } from "./client.ts";
import { DEFAULT_PORT } from "./defaults.ts";
import { registerDashboard } from "./dashboard/routes.ts";

/**
 * The daemon's lifecycle: open the SQLite store, ingest what command hooks logged to JSONL while no
 * daemon ran (exactly once: records are keyed by decision id), serve, prune by retention, and leave
 * `daemon.json` so hooks and the CLI can find it. Closing removes that file first, so hooks fall
 * back to deciding locally rather than waiting on a daemon that is going away.
 */
export { DEFAULT_PORT };

export interface DaemonOptions {
  paths: Paths;
  port?: number;
  host?: string;
  retentionDays?: number;
  log?: (line: string) => void;
}

export interface RunningDaemon {
  url: string;
  port: number;
  token: string;
  store: SqliteAuditStore;
  ingest(): number;
  close(): Promise<void>;
}

export async function startDaemon(opts: DaemonOptions): Promise<RunningDaemon> {
  const { paths } = opts;
  const log = opts.log ?? (() => {});
  fs.mkdirSync(paths.stateDir, { recursive: true, mode: 0o700 });
  const token = loadOrCreateToken(paths.stateDir);
  const store = new SqliteAuditStore(path.join(paths.stateDir, "audit.db"));
  const ingest = () => ingestJsonl(paths.auditLog, store, log);
  ingest();
  const retentionDays = opts.retentionDays ?? Number(process.env.AUTOGATE_RETENTION_DAYS ?? 90);
  const prune = () => {
    const n = store.prune(new Date(Date.now() - retentionDays * 864e5).toISOString());
    if (n) log(`pruned ${n} decisions older than ${retentionDays} days`);
  };
  prune();

  const host = opts.host ?? "127.0.0.1";
  const sessions = new Sessions();
  let port = opts.port ?? DEFAULT_PORT;
  const deps = { store, paths, token, port, sessions, extraHosts: host === "127.0.0.1" ? [] : [host], policy: (cwd: string) => loadPolicy(paths, cwd) };
  const app = createApp(deps);
  registerDashboard(app);
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
      port = info.port;
      deps.port = info.port;
      resolve(s);
    });
    s.once("error", reject);
  });
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  fs.writeFileSync(daemonInfoFile(paths), JSON.stringify({ url, pid: process.pid }), { mode: 0o600 });
  // Hooks that could not reach us (a restart, a timeout) logged to JSONL: pick those up regularly.
  const timers = [setInterval(ingest, 30_000), setInterval(prune, 6 * 3600_000)];
  timers.forEach((t) => t.unref());
  log(`autogate daemon listening on ${url} (audit: ${path.join(paths.stateDir, "audit.db")})`);
  return {
    url, port, token, store, ingest,
    close: async () => {
      try {
        const info = JSON.parse(fs.readFileSync(daemonInfoFile(paths), "utf8")) as { pid: number };
        if (info.pid === process.pid) fs.rmSync(daemonInfoFile(paths), { force: true });
      } catch {
        // already gone
      }
      timers.forEach(clearInterval);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      ingest();
      store.close();
    },
  };
}

/**
 * Moves the JSONL aside (new hook writes start a fresh file), stores its records, then deletes it.
 * A crash in between leaves the moved file for the next run; storing it again is harmless.
 */
export function ingestJsonl(file: string, store: SqliteAuditStore, log: (l: string) => void = () => {}): number {
  const dir = path.dirname(file);
  if (fs.existsSync(file)) fs.renameSync(file, `${file}.ingesting-${process.pid}-${Date.now()}`);
  let added = 0;
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith(`${path.basename(file)}.ingesting-`)) : []) {
    const full = path.join(dir, f);
    const { records, badLines } = readAll(full);
    added += store.appendMany(records as AuditRecord[]);
    if (badLines) log(`${f}: ${badLines} unreadable line(s) skipped`);
    fs.rmSync(full);
  }
  if (added) log(`ingested ${added} decision(s) logged while the daemon was down`);
  return added;
}
