import { EventEmitter } from "node:events";
import { Hono, type Context, type Next } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { streamSSE } from "hono/streaming";
import type { AuditRecord } from "../../core/audit/record.ts";
import type { Policy } from "../../core/policy/layers.ts";
import { claudeCode } from "../adapters/claude-code.ts";
import { codex } from "../adapters/codex.ts";
import { gemini } from "../adapters/gemini.ts";
import type { Adapter } from "../adapters/adapter.ts";
import { summarize, type AuditStore, type DecisionSummary } from "../audit/store.ts";
import { runHook } from "../hook-runner.ts";
import type { Paths } from "../runtime/paths.ts";
import { VERSION } from "../../version.ts";
import { hostAllowed, originAllowed, sameSecret, type Sessions } from "./auth.ts";

/**
 * The daemon's HTTP surface: the Claude Code http hook, the JSON API, a live stream, and the
 * dashboard (registered by dashboard/routes.ts). Every route but /healthz and /assets needs the
 * token (or a dashboard session cookie); cross-origin requests and foreign Host headers are refused.
 */
export interface DaemonDeps {
  store: AuditStore;
  paths: Paths;
  token: string;
  port: number;
  /** Extra host names allowed in the Host header (when bound to a non-loopback address). */
  extraHosts?: string[];
  sessions: Sessions;
  policy: (cwd: string) => Promise<Policy>;
  events?: EventEmitter;
}

export type AppEnv = { Variables: { deps: DaemonDeps } };

const ADAPTERS: Record<string, Adapter> = { "claude-code": claudeCode, codex, gemini };
const SESSION_COOKIE = "autogate_session";
/** The same tool call reaching us twice (http hook and command hook both wired) is decided once. */
const RECENT_MS = 120_000;

export function createApp(deps: DaemonDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const events = deps.events ?? new EventEmitter();
  events.setMaxListeners(1000);
  deps.events = events;
  const recent = new Map<string, { at: number; stdout: string }>();

  app.use("*", async (c, next) => {
    c.set("deps", deps);
    if (!hostAllowed(c.req.header("host"), deps.port, deps.extraHosts)) return c.json({ error: "unknown host" }, 421);
    if (!originAllowed(c.req.header("origin"), c.req.header("host"))) return c.json({ error: "cross-origin requests are refused" }, 403);
    c.header("x-content-type-options", "nosniff");
    c.header("referrer-policy", "no-referrer");
    c.header("x-frame-options", "DENY");
    await next();
  });

  app.get("/healthz", (c) => c.json({ ok: true, version: VERSION }));

  const authed = async (c: Context<AppEnv>, next: Next) => {
    const bearer = /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1];
    if (bearer ? sameSecret(bearer, deps.token) : deps.sessions.valid(getCookie(c, SESSION_COOKIE))) return next();
    return c.json({ error: "missing or wrong token" }, 401);
  };
  app.use("/api/*", authed);
  app.use("/hooks/*", authed);

  app.post("/hooks/:agent", async (c) => {
    const adapter = ADAPTERS[c.req.param("agent")];
    if (!adapter) return c.json({ error: `unknown agent ${c.req.param("agent")}` }, 404);
    const raw = await c.req.text();
    const key = dedupeKey(raw);
    const seen = key ? recent.get(key) : undefined;
    if (seen && Date.now() - seen.at < RECENT_MS) return c.body(seen.stdout, 200, { "content-type": "application/json" });
    const result = await runHook(adapter, raw, deps.paths, {
      sink: (r) => record(r),
      humanPresent: c.req.header("x-autogate-no-human") ? false : undefined,
    });
    if (key && result.record) recent.set(key, { at: Date.now(), stdout: result.reply.stdout });
    if (recent.size > 10_000) for (const [k, v] of recent) if (Date.now() - v.at > RECENT_MS) recent.delete(k);
    return c.body(result.reply.stdout || "{}", 200, { "content-type": "application/json" });
  });

  function record(r: AuditRecord): void {
    if (deps.store.append(r)) events.emit("decision", summarize(r));
  }

  app.get("/api/decisions", (c) => {
    const q = c.req.query();
    return c.json(deps.store.query({ decision: q.decision, tool: q.tool, session: q.session, rule: q.rule, since: q.since, text: q.text, cursor: q.cursor, limit: q.limit ? Number(q.limit) : undefined }));
  });
  app.get("/api/decisions/:id", (c) => {
    const r = deps.store.get(c.req.param("id"));
    return r ? c.json(r) : c.json({ error: "no such decision" }, 404);
  });
  app.get("/api/stats", (c) => c.json(deps.store.stats(c.req.query("since"))));
  app.get("/api/policy", async (c) => c.json(await deps.policy(c.req.query("cwd") ?? deps.paths.home)));
  app.post("/api/login-codes", (c) => {
    // Only with the token itself: a dashboard session cannot mint more sessions.
    if (!/^Bearer /.test(c.req.header("authorization") ?? "")) return c.json({ error: "token required" }, 401);
    return c.json({ code: deps.sessions.newCode() });
  });
  app.get("/api/stream", (c) =>
    streamSSE(c, async (stream) => {
      const send = (s: DecisionSummary) => void stream.writeSSE({ event: "decision", data: JSON.stringify(s), id: s.id });
      events.on("decision", send);
      // Keep-alive pings on an unref'd timer: a closed browser must not keep the stream (or the
      // process) waiting out a sleep.
      const ping = setInterval(() => void stream.writeSSE({ event: "ping", data: "" }).catch(() => {}), 15_000);
      ping.unref();
      await new Promise<void>((resolve) => stream.onAbort(() => {
        clearInterval(ping);
        events.off("decision", send);
        resolve();
      }));
    }),
  );

  app.get("/login", (c) => {
    const session = deps.sessions.redeem(c.req.query("code") ?? "");
    if (!session) return c.text("This login link has expired or was already used. Run `autogate dashboard` for a new one.", 401);
    setCookie(c, SESSION_COOKIE, session, { httpOnly: true, sameSite: "Strict", path: "/" });
    return c.redirect("/");
  });

  return app;
}

/** Session and tool-use id identify one tool call across the two hook paths. */
function dedupeKey(raw: string): string | undefined {
  try {
    const o = JSON.parse(raw) as { session_id?: unknown; tool_use_id?: unknown; hook_event_name?: unknown };
    return typeof o.tool_use_id === "string" && o.hook_event_name === "PreToolUse" ? `${o.session_id}\n${o.tool_use_id}` : undefined;
  } catch {
    return undefined;
  }
}

export { SESSION_COOKIE };
