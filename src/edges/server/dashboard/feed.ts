import type { Context } from "hono";
import { html } from "hono/html";
import { summarize, type DecisionQuery, type DecisionSummary } from "../../audit/store.ts";
import type { AppEnv, DaemonDeps } from "../app.ts";
import { badge, feedHref, latency, levelClass, ruleChip, shortId, stripRuleIds, tildify, time, VERDICTS, type Html } from "./format.ts";
import { layout } from "./layout.ts";

/**
 * The live feed: newest decisions first, filtered by a GET form. htmx swaps #feed when a filter
 * changes and appends pages ("load older"); dashboard.js prepends rows that arrive on /api/stream
 * and match the filters, which it reads from #feed's data attributes.
 */
const PAGE = 50;
const MORE = 100;
const COLUMNS = 6;
const RANGES: Record<string, { label: string; ms: number }> = {
  "1h": { label: "Last hour", ms: 3600_000 },
  "24h": { label: "Last 24 hours", ms: 864e5 },
  "7d": { label: "Last 7 days", ms: 7 * 864e5 },
  "30d": { label: "Last 30 days", ms: 30 * 864e5 },
};
const TOOLS = ["Bash", "Read", "Write", "Edit", "MultiEdit", "NotebookEdit", "Glob", "Grep", "WebFetch", "WebSearch", "Task"];

export interface FeedFilters {
  decision?: string;
  tool?: string;
  rule?: string;
  text?: string;
  session?: string;
  range?: string;
}

export function readFilters(q: Record<string, string>): FeedFilters {
  const clean = (v: string | undefined) => (v ?? "").trim().slice(0, 500) || undefined;
  return {
    decision: (VERDICTS as readonly string[]).includes(q.decision ?? "") ? q.decision : undefined,
    tool: clean(q.tool),
    rule: clean(q.rule),
    text: clean(q.text),
    session: clean(q.session),
    range: q.range && Object.hasOwn(RANGES, q.range) ? q.range : undefined,
  };
}

function storeQuery(f: FeedFilters, cursor: string | undefined, limit: number): DecisionQuery {
  const since = f.range ? new Date(Date.now() - RANGES[f.range].ms).toISOString() : undefined;
  return { decision: f.decision, tool: f.tool, rule: f.rule, text: f.text, session: f.session, since, cursor: cursor || undefined, limit };
}

/** GET / : the whole page, or only #feed when htmx asks for it (a filter changed). */
export async function feedPage(c: Context<AppEnv>) {
  const deps = c.get("deps");
  const f = readFilters(c.req.query());
  const page = deps.store.query(storeQuery(f, undefined, PAGE));
  c.header("vary", "hx-request");
  const section = feedSection(f, page.items, page.next_cursor, deps.paths.home);
  if (c.req.header("hx-request") && c.req.header("hx-target") === "feed" && !c.req.header("hx-history-restore-request")) {
    c.header("hx-push-url", feedHref({ ...f }));
    return c.html(section);
  }
  const rules = await ruleIds(deps);
  return c.html(
    layout({
      title: "Decisions",
      section: "feed",
      body: html`<div class="page-head">
        <div><h1>Decisions</h1><p class="sub">Every tool call your agents made, newest first.</p></div>
        <span id="live" class="live" data-state="connecting" title="new decisions appear here as they are made"><span class="dot"></span><span class="live-text">Connecting…</span></span>
      </div>
      ${filterForm(f, rules)}
      ${section}`,
    }),
  );
}

/** GET /feed/rows : the next page of rows (replaces the "load older" row). */
export function feedRows(c: Context<AppEnv>) {
  const f = readFilters(c.req.query());
  const deps = c.get("deps");
  const page = deps.store.query(storeQuery(f, c.req.query("cursor"), MORE));
  return c.html(html`${page.items.map((s) => row(s, deps.paths.home))}${tail(f, page.items.length, page.next_cursor)}`);
}

/** GET /feed/row/:id : one row, for a decision that just arrived on the live stream. */
export function feedRow(c: Context<AppEnv>) {
  const deps = c.get("deps");
  const r = deps.store.get(c.req.param("id") ?? "");
  if (!r) return c.body(null, 404);
  return c.html(row(summarize(r), deps.paths.home));
}

function filterForm(f: FeedFilters, rules: string[]): Html {
  const radio = (value: string, label: string) =>
    html`<label class="seg-${value || "all"}"><input type="radio" name="decision" value="${value}"${(f.decision ?? "") === value ? html` checked` : ""}><span>${label}</span></label>`;
  const field = (name: keyof FeedFilters, label: string, placeholder: string, extra: Html | string = "") =>
    html`<label class="field field-${name}"><span>${label}</span><input type="${name === "text" ? "search" : "text"}" name="${name}" value="${f[name] ?? ""}" placeholder="${placeholder}" autocomplete="off" spellcheck="false"${extra}></label>`;
  return html`<form id="filters" class="filters card" action="/" method="get" hx-get="/" hx-target="#feed" hx-swap="outerHTML" hx-trigger="change, submit, input delay:400ms" hx-sync="this:replace">
    <div class="segmented" role="radiogroup" aria-label="Decision">
      ${radio("", "All")}${radio("allow", "Allow")}${radio("ask", "Ask")}${radio("deny", "Deny")}
    </div>
    ${field("text", "Search", "command, path, URL or reason")}
    ${field("tool", "Tool", "any tool", html` list="tool-list"`)}
    ${field("rule", "Rule", "any rule", html` list="rule-list"`)}
    ${field("session", "Session", "any session")}
    <label class="field field-range"><span>Time</span><select name="range">
      <option value="">Any time</option>
      ${Object.entries(RANGES).map(([k, r]) => html`<option value="${k}"${f.range === k ? html` selected` : ""}>${r.label}</option>`)}
    </select></label>
    <div class="filter-actions"><button class="btn btn-primary" type="submit">Apply</button><a class="btn btn-ghost" href="/">Reset</a></div>
    <datalist id="tool-list">${TOOLS.map((t) => html`<option value="${t}"></option>`)}</datalist>
    <datalist id="rule-list">${rules.map((r) => html`<option value="${r}"></option>`)}</datalist>
  </form>`;
}

function feedSection(f: FeedFilters, items: DecisionSummary[], next: string | undefined, home: string): Html {
  const active = Object.values(f).some(Boolean);
  return html`<section id="feed" class="feed card"
      data-decision="${f.decision ?? ""}" data-tool="${f.tool ?? ""}" data-rule="${f.rule ?? ""}" data-text="${f.text ?? ""}" data-session="${f.session ?? ""}">
    <div class="table-wrap">
      <table class="decisions">
        <thead><tr><th class="c-time">Time</th><th class="c-dec">Decision</th><th class="c-tool">Tool</th><th class="c-call">Call</th><th class="c-rules">Rules</th><th class="c-lat">Latency</th></tr></thead>
        <tbody id="rows">
          ${items.map((s) => row(s, home))}
          ${items.length ? tail(f, items.length, next) : html`<tr class="empty-row"><td colspan="${COLUMNS}"><div class="empty"><strong>${active ? "No decisions match these filters." : "No decisions yet."}</strong><span>${active ? "New ones that match will appear here as they happen." : "Point an agent's hooks at autogate; its tool calls appear here live."}</span></div></td></tr>`}
        </tbody>
      </table>
    </div>
  </section>`;
}

function tail(f: FeedFilters, shown: number, next: string | undefined): Html {
  if (!next) return html`<tr class="end-row"><td colspan="${COLUMNS}">${shown ? "No older decisions." : ""}</td></tr>`;
  const href = `/feed/rows?${new URLSearchParams({ ...clean(f), cursor: next })}`;
  return html`<tr class="more-row"><td colspan="${COLUMNS}"><button class="btn" type="button" hx-get="${href}" hx-target="closest tr" hx-swap="outerHTML">Load older decisions</button></td></tr>`;
}

const clean = (f: FeedFilters) => Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as Record<string, string>;

export function row(s: DecisionSummary, home: string): Html {
  const href = `/decisions/${encodeURIComponent(s.id)}`;
  const lvl = levelClass(s.decision);
  return html`<tr class="row row-${lvl}" data-href="${href}" data-id="${s.id}">
    <td class="c-time">${time(s.ts)}${s.session_id ? html`<a class="sess" href="${feedHref({ session: s.session_id })}" title="session ${s.session_id}">${shortId(s.session_id)}</a>` : ""}</td>
    <td class="c-dec">${badge(s.decision)}${s.tier !== "rule" ? html`<span class="tier tier-${s.tier === "error" ? "error" : "other"}" title="decided by: ${s.tier}">${s.tier}</span>` : ""}</td>
    <td class="c-tool"><span class="tool">${s.tool}</span></td>
    <td class="c-call"><a class="subject" href="${href}" title="${s.subject}">${tildify(s.subject, home)}</a>${s.decision !== "allow" && s.reason_for_user ? html`<span class="reason">${stripRuleIds(s.reason_for_user)}</span>` : ""}</td>
    <td class="c-rules">${s.rules.map((r) => ruleChip(r))}</td>
    <td class="c-lat">${latency(s.latency_us)}</td>
  </tr>`;
}

/** Rule ids for the filter's suggestions, from the home policy (cached briefly: it is read from disk). */
const ruleCache = new WeakMap<DaemonDeps, { at: number; ids: string[] }>();
async function ruleIds(deps: DaemonDeps): Promise<string[]> {
  const hit = ruleCache.get(deps);
  if (hit && Date.now() - hit.at < 30_000) return hit.ids;
  let ids: string[] = [];
  try {
    ids = (await deps.policy(deps.paths.home)).rules.map((r) => r.id).sort();
  } catch {
    // A broken policy file: the policy page says so; the feed just offers no suggestions.
  }
  ruleCache.set(deps, { at: Date.now(), ids });
  return ids;
}
