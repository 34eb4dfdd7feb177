import type { Context } from "hono";
import { html } from "hono/html";
import type { Stats } from "../../audit/store.ts";
import type { AppEnv, DaemonDeps } from "../app.ts";
import { count, feedHref, levelClass, percent } from "./format.ts";
import { layout } from "./layout.ts";
import { hbars, shareBar, stackedBars, type Column } from "./svg.ts";

/**
 * Stats: big numbers, decisions per hour (stacked by verdict), top rules, top denied commands,
 * tools and tiers, for a chosen window. Computed by the store with GROUP BY queries, and cached
 * for a few seconds per window so a reload storm over a large log stays cheap.
 */
const RANGES: Record<string, { label: string; ms?: number }> = {
  "24h": { label: "24 hours", ms: 864e5 },
  "7d": { label: "7 days", ms: 7 * 864e5 },
  "30d": { label: "30 days", ms: 30 * 864e5 },
  all: { label: "All time" },
};
const DEFAULT_RANGE = "7d";
const CACHE_MS = 10_000;

const cache = new WeakMap<DaemonDeps, Map<string, { at: number; stats: Stats }>>();
function statsFor(deps: DaemonDeps, range: string): Stats {
  let byRange = cache.get(deps);
  if (!byRange) cache.set(deps, (byRange = new Map()));
  const hit = byRange.get(range);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.stats;
  const ms = RANGES[range].ms;
  const stats = deps.store.stats(ms ? new Date(Date.now() - ms).toISOString() : undefined);
  byRange.set(range, { at: Date.now(), stats });
  return stats;
}

export async function statsPage(c: Context<AppEnv>) {
  const deps = c.get("deps");
  const asked = c.req.query("range") ?? "";
  const range = Object.hasOwn(RANGES, asked) ? asked : DEFAULT_RANGE;
  const s = statsFor(deps, range);
  const levels = await ruleLevels(deps);
  const d = s.by_decision;
  const kpi = (label: string, value: number, sub: string, cls: string, href?: string) =>
    html`<a class="kpi card kpi-${cls}" href="${href ?? "/"}"><span class="kpi-label">${label}</span><span class="kpi-value">${count(value)}</span><span class="kpi-sub">${sub}</span></a>`;
  const body = html`<div class="page-head">
      <div><h1>Stats</h1><p class="sub">What autogate decided${range === "all" ? "" : ` in the last ${RANGES[range].label}`}.</p></div>
      <nav class="pills" aria-label="Time window">${Object.entries(RANGES).map(([k, r]) => html`<a href="/stats?range=${k}"${k === range ? html` class="active" aria-current="true"` : ""}>${r.label}</a>`)}</nav>
    </div>
    <section class="kpis-row">
      ${kpi("Decisions", s.total, `${Object.keys(s.by_tool).length} tools`, "total")}
      ${kpi("Prompts saved", s.prompts_saved, `${percent(s.prompts_saved, s.total)} ran without asking you`, "allow", feedHref({ decision: "allow" }))}
      ${kpi("Asked", d.ask ?? 0, `${percent(d.ask ?? 0, s.total)} needed your approval`, "ask", feedHref({ decision: "ask" }))}
      ${kpi("Denied", d.deny ?? 0, `${percent(d.deny ?? 0, s.total)} blocked outright`, "deny", feedHref({ decision: "deny" }))}
    </section>
    ${s.total ? shareBar([{ value: d.allow ?? 0, cls: "bar-allow", label: "allow" }, { value: d.ask ?? 0, cls: "bar-ask", label: "ask" }, { value: d.deny ?? 0, cls: "bar-deny", label: "deny" }]) : ""}
    <section class="card chart-card">
      <div class="card-head"><h2>Decisions over time</h2><span class="legend"><span class="swatch bar-allow"></span>allow <span class="swatch bar-ask"></span>ask <span class="swatch bar-deny"></span>deny <span class="muted">· per hour${s.over_time.length >= 48 ? ", the last 48 hours with decisions" : ""}</span></span></div>
      ${s.over_time.length ? html`<div class="chart-scroll">${stackedBars(columns(s.over_time), [
        { key: "deny", label: "Deny", cls: "bar-deny" },
        { key: "ask", label: "Ask", cls: "bar-ask" },
        { key: "allow", label: "Allow", cls: "bar-allow" },
      ], { label: "decisions per hour" })}</div>` : html`<p class="muted chart-empty">No decisions in this window.</p>`}
    </section>
    <div class="grid-2">
      <section class="card"><div class="card-head"><h2>Top rules</h2><span class="muted">that asked or denied</span></div>
        ${hbars(s.top_rules.map((r) => ({ label: r.rule, value: r.count, href: feedHref({ rule: r.rule }), cls: `bar-${levelClass(levels.get(r.rule) ?? "other")}`, mono: true })), { label: "top rules", empty: "No rule has asked or denied yet." })}
      </section>
      <section class="card"><div class="card-head"><h2>Top denied commands</h2><span class="muted">most frequent first</span></div>
        ${hbars(s.top_denied.map((t) => ({ label: t.subject, value: t.count, href: feedHref({ decision: "deny", text: t.subject }), cls: "bar-deny", mono: true })), { label: "top denied commands", empty: "Nothing was denied." })}
      </section>
      <section class="card"><div class="card-head"><h2>By tool</h2></div>
        ${hbars(top(s.by_tool).map(([k, v]) => ({ label: k, value: v, href: feedHref({ tool: k }) })), { label: "decisions by tool" })}
      </section>
      <section class="card"><div class="card-head"><h2>Decided by</h2><span class="muted">rule, judge, default or error</span></div>
        ${hbars(top(s.by_tier).map(([k, v]) => ({ label: k, value: v, cls: k === "error" ? "bar-deny" : "bar-neutral" })), { label: "decisions by tier" })}
      </section>
    </div>`;
  return c.html(layout({ title: "Stats", section: "stats", body }));
}

const top = (o: Record<string, number>, n = 10) => Object.entries(o).sort((a, b) => b[1] - a[1]).slice(0, n);

const pad = (n: number) => String(n).padStart(2, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Hour buckets ("2025-06-03T14", UTC) to columns in local time. The axis runs to the current hour
 * (at least a day wide), empty hours filled in, unless that would be more than a week of columns:
 * then only the hours that have decisions are drawn.
 */
function columns(buckets: Stats["over_time"]): Column[] {
  const HOUR = 3600_000;
  const at = (b: string) => Date.parse(`${b}:00:00Z`);
  const byTime = new Map(buckets.map((b) => [at(b.bucket), b]));
  const end = Math.max(at(buckets[buckets.length - 1].bucket), Math.floor(Date.now() / HOUR) * HOUR);
  const start = Math.min(at(buckets[0].bucket), end - 23 * HOUR);
  const hours = Number.isFinite(start) && Number.isFinite(end) ? (end - start) / HOUR + 1 : Infinity;
  const times = hours <= 168 ? Array.from({ length: hours }, (_, i) => start + i * HOUR) : [...byTime.keys()];
  const every = Math.max(1, Math.ceil(times.length / 10));
  let lastDay = "";
  return times.map((t, i) => {
    const b = byTime.get(t);
    const d = new Date(t);
    const day = `${MONTHS[d.getMonth()]} ${d.getDate()}`;
    const hour = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    let label = "";
    if (i % every === 0) {
      label = day !== lastDay ? day : hour;
      lastDay = day;
    }
    return { label, title: `${day}, ${hour}`, values: { allow: b?.allow ?? 0, ask: b?.ask ?? 0, deny: b?.deny ?? 0 } };
  });
}

/** Each rule's level in the home policy, to colour its bar. */
async function ruleLevels(deps: DaemonDeps): Promise<Map<string, string>> {
  try {
    return new Map((await deps.policy(deps.paths.home)).rules.map((r) => [r.id, r.decision]));
  } catch {
    return new Map();
  }
}
