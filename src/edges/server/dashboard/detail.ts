import type { Context } from "hono";
import { html } from "hono/html";
import type { Effect } from "../../../core/analyze/effect.ts";
import type { AuditRecord } from "../../../core/audit/record.ts";
import type { Policy, Rule } from "../../../core/policy/layers.ts";
import { levelRank, type Level } from "../../../core/policy/levels.ts";
import { matchesRule } from "../../../core/policy/match.ts";
import type { AppEnv } from "../app.ts";
import { describeEffect, segments } from "./command-spans.ts";
import { badge, feedHref, latency, levelClass, longTime, stripRuleIds, tildify, type Html } from "./format.ts";
import { layout } from "./layout.ts";

/**
 * One decision in full: the command with each effect's span highlighted (hovering an effect lights
 * up its span), the rules that matched each effect, the deciding rules with their reasons, the
 * alternative, and the raw record. Rule texts come from the current policy for the record's cwd;
 * when its revision differs from the decision's, the page says so.
 */
export async function detailPage(c: Context<AppEnv>) {
  const deps = c.get("deps");
  const r = deps.store.get(c.req.param("id") ?? "");
  if (!r) {
    return c.html(layout({ title: "Not found", section: "feed", page: "not-found", body: html`<section class="card empty-page"><h1>No such decision</h1><p class="muted">It may have been pruned by retention. <a href="/">Back to the feed</a></p></section>` }), 404);
  }
  let policy: Policy | undefined;
  try {
    policy = await deps.policy(r.cwd || deps.paths.home);
  } catch {
    policy = undefined;
  }
  return c.html(layout({ title: `${r.decision} · ${r.tool}`, section: "feed", page: "detail", body: detailBody(r, policy, deps.paths.home) }));
}

interface EffectRow {
  effect: Effect;
  /** Rules in the current policy that match this effect, strictest first. */
  matched: Rule[];
  /** Did one of the decision's own rules match it? */
  deciding: boolean;
}

function attribute(r: AuditRecord, policy: Policy | undefined): EffectRow[] {
  const decidingIds = new Set(r.rules);
  return (Array.isArray(r.effects) ? r.effects : []).map((effect) => {
    const matched = (policy?.rules ?? []).filter((rule) => safeMatch(rule, effect)).sort((a, b) => levelRank(b.decision as Level) - levelRank(a.decision as Level));
    return { effect, matched, deciding: matched.some((m) => decidingIds.has(m.id)) };
  });
}

function safeMatch(rule: Rule, effect: Effect): boolean {
  try {
    return matchesRule(rule as Parameters<typeof matchesRule>[0], effect);
  } catch {
    return false;
  }
}

function detailBody(r: AuditRecord, policy: Policy | undefined, home: string): Html {
  const rows = attribute(r, policy);
  const input = r.input && typeof r.input === "object" && !Array.isArray(r.input) ? (r.input as Record<string, unknown>) : undefined;
  const command = typeof input?.command === "string" ? input.command : undefined;
  const lvl = levelClass(r.decision);
  const stale = policy && r.policy_revision !== policy.revision;
  return html`<nav class="crumbs"><a href="/">← Decisions</a>${r.session_id ? html` <span>/</span> <a href="${feedHref({ session: r.session_id })}">session ${r.session_id}</a>` : ""}</nav>
  <section class="verdict card verdict-${lvl}">
    <div class="verdict-main">
      <div class="verdict-line">${badge(r.decision)}<span class="verdict-tool">${r.tool}</span><span class="muted">${longTime(r.ts)}</span></div>
      <h1 class="verdict-title">${stripRuleIds(r.reason_for_user) || `${r.decision}: ${r.tool}`}</h1>
    </div>
    <dl class="kpis">
      <div><dt>Latency</dt><dd>${latency(r.latency_us)}</dd><dd class="kpi-sub">${Math.round(r.latency_us).toLocaleString("en-US")} µs</dd></div>
      <div><dt>Decided by</dt><dd>${r.tier}</dd><dd class="kpi-sub">${r.rules.length ? `${r.rules.length} rule${r.rules.length > 1 ? "s" : ""}` : "no rule"}</dd></div>
      <div><dt>Policy</dt><dd class="mono">${r.policy_revision}</dd><dd class="kpi-sub">${!policy ? "current policy unreadable" : stale ? html`<span class="warn-text">changed since (now ${policy.revision})</span>` : "current"}</dd></div>
    </dl>
  </section>

  <div class="detail-grid">
    <div class="detail-main">
      ${command !== undefined ? commandCard(command, rows, lvl) : inputCard(r.tool, input ?? { input: r.input })}
      ${effectsCard(rows, r, command !== undefined, home)}
      ${rulesCard(r, policy, home)}
      ${r.error ? html`<section class="card callout callout-deny"><h2>Error</h2><p><code>${r.error.code}</code> ${r.error.message}</p>${r.error.hint ? html`<p class="muted">${r.error.hint}</p>` : ""}</section>` : ""}
    </div>
    <aside class="detail-side">
      ${r.alternative ? html`<section class="card callout callout-alt"><h2>Alternative</h2><p>${r.alternative}</p></section>` : ""}
      <section class="card"><h2>Reasons</h2>
        <h3>Shown to the user</h3><p class="reason-text">${r.reason_for_user || html`<span class="muted">none</span>`}</p>
        <h3>Told to the model</h3><p class="reason-text">${r.reason_for_model || html`<span class="muted">nothing (allowed calls run silently)</span>`}</p>
      </section>
      <section class="card"><h2>Call</h2>
        <dl class="facts">
          <dt>Decision id</dt><dd class="mono">${r.id}</dd>
          <dt>Time</dt><dd><time datetime="${r.ts}">${longTime(r.ts)}</time></dd>
          <dt>Agent</dt><dd>${r.agent}</dd>
          <dt>Tool</dt><dd><a href="${feedHref({ tool: r.tool })}">${r.tool}</a></dd>
          ${r.session_id ? html`<dt>Session</dt><dd class="mono"><a href="${feedHref({ session: r.session_id })}">${r.session_id}</a></dd>` : ""}
          ${r.tool_use_id ? html`<dt>Tool use</dt><dd class="mono">${r.tool_use_id}</dd>` : ""}
          <dt>Folder</dt><dd class="mono">${tildify(r.cwd, home) || "–"}</dd>
          <dt>Latency</dt><dd>${latency(r.latency_us)} <span class="muted">(${Math.round(r.latency_us).toLocaleString("en-US")} µs)</span></dd>
          <dt>Tier</dt><dd>${r.tier}</dd>
          <dt>Policy revision</dt><dd class="mono">${r.policy_revision}</dd>
        </dl>
      </section>
    </aside>
  </div>
  <details class="card raw"><summary>Raw record (JSON)</summary><pre>${JSON.stringify(r, null, 2)}</pre></details>`;
}

function commandCard(command: string, rows: EffectRow[], lvl: string): Html {
  const segs = segments(command, rows.map((x) => x.effect.span));
  const body = segs.map((s) => {
    if (!s.effects.length) return s.text;
    const hit = s.effects.some((i) => rows[i].deciding);
    return html`<span class="seg${hit ? ` hit hit-${lvl}` : ""}" data-fx="${s.effects.join(" ")}">${s.text}</span>`;
  });
  return html`<section class="card">
    <div class="card-head"><h2>Command</h2><span class="legend"><span class="swatch hit-${lvl}"></span>caused the decision <span class="swatch swatch-hover"></span>hovered effect</span></div>
    <pre class="command" id="command">${body}</pre>
  </section>`;
}

function inputCard(tool: string, input: Record<string, unknown>): Html {
  const entries = Object.entries(input);
  const show = (v: unknown) => {
    const s = typeof v === "string" ? v : JSON.stringify(v, null, 2);
    return s.length > 4000 ? `${s.slice(0, 4000)}\n… (${(s.length - 4000).toLocaleString("en-US")} more characters)` : s;
  };
  return html`<section class="card"><div class="card-head"><h2>Input</h2><span class="muted">${tool}</span></div>
    ${entries.length ? html`<dl class="input-fields">${entries.map(([k, v]) => html`<dt>${k}</dt><dd><pre>${show(v)}</pre></dd>`)}</dl>` : html`<p class="muted">No input.</p>`}
  </section>`;
}

function effectsCard(rows: EffectRow[], r: AuditRecord, withCommand: boolean, home: string): Html {
  const decidingIds = new Set(r.rules);
  const cmd = typeof (r.input as { command?: unknown } | null)?.command === "string" ? (r.input as { command: string }).command : "";
  return html`<section class="card"><div class="card-head"><h2>Effects</h2><span class="muted">${rows.length} found${withCommand ? " · hover one to see its span" : ""}</span></div>
    ${rows.length ? html`<ol class="effects" id="effects">${rows.map((row, i) => {
      const d = describeEffect(row.effect);
      const span = row.effect.span;
      const top = row.matched[0]?.decision;
      return html`<li class="effect${row.deciding ? " effect-deciding" : ""}" data-fx="${i}">
        <div class="effect-head">
          <span class="effect-kind${top ? ` kind-${levelClass(top)}` : ""}">${d.kind}</span>
          <code class="effect-what" title="${d.what}">${tildify(d.what, home)}</code>
          ${d.facts.map((f) => html`<span class="fact">${f}</span>`)}
        </div>
        <div class="effect-meta">
          ${span && cmd ? html`<span class="span-ref" title="characters ${span.start}–${span.end}">“${cmd.slice(span.start, span.end)}” <span class="muted">@${span.start}–${span.end}</span></span>` : html`<span class="muted">no span</span>`}
          ${row.effect.note ? html`<span class="note">${row.effect.note}</span>` : ""}
          <span class="effect-rules">${row.matched.length ? row.matched.map((m) => html`<a class="chip chip-${levelClass(m.decision)}${decidingIds.has(m.id) ? " chip-strong" : ""}" href="/policy#rule-${m.id}" title="${m.decision}: ${m.reason}">${m.id}</a>`) : html`<span class="chip chip-judge" title="no rule covers this effect: it goes to the judge, or asks">uncovered</span>`}</span>
        </div>
      </li>`;
    })}</ol>` : html`<p class="muted">No effects were recorded for this call.</p>`}
  </section>`;
}

function rulesCard(r: AuditRecord, policy: Policy | undefined, home: string): Html {
  if (!r.rules.length) {
    return html`<section class="card"><h2>Matched rules</h2><p class="muted">No rule decided this call (${r.tier}).</p></section>`;
  }
  return html`<section class="card"><h2>Matched rules</h2>
    <ul class="rule-list">${r.rules.map((id) => {
      const rule = policy?.rules.find((x) => x.id === id);
      if (!rule) return html`<li class="rule"><div class="rule-head"><code class="rule-id">${id}</code></div><p class="muted">Not in the current policy (it was removed or disabled since).</p></li>`;
      return html`<li class="rule rule-${levelClass(rule.decision)}">
        <div class="rule-head">${badge(rule.decision)}<a class="rule-id" href="/policy#rule-${rule.id}">${rule.id}</a><span class="scope scope-${rule.scope}">${rule.scope}</span><span class="source mono" title="${rule.source}">${tildify(rule.source, home)}</span></div>
        <p class="rule-reason">${rule.reason}</p>
        ${rule.alternative ? html`<p class="rule-alt"><span>Instead:</span> ${rule.alternative}</p>` : ""}
      </li>`;
    })}</ul>
  </section>`;
}
