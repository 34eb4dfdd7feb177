import type { Context, Next } from "hono";
import { getCookie } from "hono/cookie";
import { html } from "hono/html";
import { SESSION_COOKIE, type AppEnv } from "../app.ts";
import { sameSecret } from "../auth.ts";
import { layout } from "./layout.ts";

/**
 * Dashboard pages need a session cookie (from `autogate dashboard`'s one-time link) or the bearer
 * token. Every page also gets a strict CSP: commands on screen come from the agent, so no inline
 * script may run and nothing may load from elsewhere.
 */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function signedIn(c: Context<AppEnv>): boolean {
  const deps = c.get("deps");
  const bearer = /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1];
  return bearer ? sameSecret(bearer, deps.token) : deps.sessions.valid(getCookie(c, SESSION_COOKIE));
}

export async function requireSession(c: Context<AppEnv>, next: Next) {
  c.header("content-security-policy", CSP);
  c.header("cache-control", "no-store");
  if (signedIn(c)) return next();
  // htmx does not swap error responses: ask it to reload, which lands on the page below.
  if (c.req.header("hx-request")) c.header("hx-refresh", "true");
  return c.html(signInPage(), 401);
}

function signInPage() {
  return layout({
    title: "Sign in",
    section: "none",
    page: "signin",
    body: html`<section class="signin card">
      <h1>Sign in to the dashboard</h1>
      <p>The dashboard shows what your coding agents ran, so it needs a one-time login link. In a terminal on this machine, run:</p>
      <pre class="cmd-line"><code>autogate dashboard</code></pre>
      <p class="muted">It prints a link that is valid for two minutes and can be used once (add <code>--open</code> to open it in your browser).</p>
    </section>`,
  });
}
