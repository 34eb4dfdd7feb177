import { html } from "hono/html";

/** Small formatting helpers shared by the dashboard pages. Everything goes through html`` (escaped). */
export type Html = ReturnType<typeof html>;

export const VERDICTS = ["allow", "ask", "deny"] as const;
const LEVEL_CLASSES = new Set(["allow", "judge", "ask", "deny"]);

/** A CSS-safe level name: anything unexpected (a corrupted record) renders neutral. */
export const levelClass = (level: string): string => (LEVEL_CLASSES.has(level) ? level : "other");

export const badge = (level: string): Html => html`<span class="badge badge-${levelClass(level)}">${level}</span>`;

export function latency(us: number): string {
  if (!Number.isFinite(us)) return "–";
  if (us < 1000) return `${Math.round(us)} µs`;
  if (us < 1_000_000) return `${(us / 1000).toFixed(us < 10_000 ? 1 : 0)} ms`;
  return `${(us / 1_000_000).toFixed(2)} s`;
}

export const count = (n: number): string => n.toLocaleString("en-US");

export const percent = (part: number, whole: number): string => (whole ? `${((100 * part) / whole).toFixed(part / whole >= 0.995 || part / whole < 0.001 ? 0 : 1)}%` : "–");

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** "14:02:11" today, "Jun 3 14:02" this year, "2024-06-03" before; local time of the daemon. */
export function shortTime(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (d.toDateString() === now.toDateString()) return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  if (d.getFullYear() === now.getFullYear()) return `${MONTHS[d.getMonth()]} ${d.getDate()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function longTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, "0")}`;
}

export const time = (iso: string): Html => html`<time datetime="${iso}" title="${longTime(iso)}">${shortTime(iso)}</time>`;

/** Home folder shown as ~, so source files and paths stay readable. */
export const tildify = (p: string, home: string): string => (home && home !== "/" && (p === home || p.startsWith(`${home}/`)) ? `~${p.slice(home.length)}` : p);

export const shortId = (s: string | undefined, n = 8): string => (s ? (s.length > n + 1 ? `${s.slice(0, n)}…` : s) : "");

/** A link back to the feed with these filters. */
export function feedHref(filters: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `/?${s}` : "/";
}

export const ruleChip = (id: string, level?: string): Html =>
  html`<a class="chip${level ? ` chip-${levelClass(level)}` : ""}" href="${feedHref({ rule: id })}" title="decisions by rule ${id}">${id}</a>`;

/** Reasons end with "[rule-a, rule-b]"; where the rules are shown beside them, that is noise. */
export const stripRuleIds = (reason: string): string => reason.replace(/\s*\[[a-z0-9, -]+\]\s*$/, "");
