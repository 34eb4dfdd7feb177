import { randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { readToken } from "./client.ts";

/**
 * Who may talk to the daemon. A per-install secret token (created on first start, mode 0600, or
 * AUTOGATE_TOKEN) for every endpoint but /healthz and static assets. The dashboard gets a session
 * cookie by trading a one-time code that `autogate dashboard` asks for with the token. Requests
 * from another origin, or with a Host that is not ours (DNS rebinding), are refused outright.
 */
export function loadOrCreateToken(stateDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const existing = readToken(stateDir, env);
  if (existing !== undefined) return existing;
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString("base64url");
  fs.writeFileSync(path.join(stateDir, "token"), token + "\n", { mode: 0o600, flag: "wx" });
  return token;
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** One-time login codes (valid 2 minutes) and the dashboard sessions they become. */
export class Sessions {
  private codes = new Map<string, number>();
  private sessions = new Set<string>();

  newCode(now = Date.now()): string {
    const code = randomBytes(24).toString("base64url");
    this.codes.set(code, now + 120_000);
    return code;
  }

  redeem(code: string, now = Date.now()): string | undefined {
    const expires = this.codes.get(code);
    this.codes.delete(code);
    if (!expires || expires < now) return undefined;
    const session = randomBytes(32).toString("base64url");
    this.sessions.add(session);
    return session;
  }

  valid(session: string | undefined): boolean {
    return !!session && this.sessions.has(session);
  }
}

/** Host must name this daemon (127.0.0.1, localhost or [::1] with our port): blocks DNS rebinding. */
export function hostAllowed(host: string | undefined, port: number, extraHosts: string[] = []): boolean {
  if (!host) return false;
  const allowed = ["127.0.0.1", "localhost", "[::1]", ...extraHosts].map((h) => `${h}:${port}`);
  return allowed.includes(host.toLowerCase());
}

/** A browser sends Origin on cross-site requests; only our own origin may call us. */
export function originAllowed(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true; // curl, Claude Code's http hook, the CLI: no browser, no ambient credentials
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
