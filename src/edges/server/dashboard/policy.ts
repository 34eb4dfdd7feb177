import type { Context } from "hono";
import { html } from "hono/html";
import { formatError, isAutogateFailure, type AutogateError } from "../../../core/errors.ts";
import type { Environment, Policy, Rule } from "../../../core/policy/layers.ts";
import type { AppEnv } from "../app.ts";
import { badge, feedHref, levelClass, tildify, type Html } from "./format.ts";
import { layout } from "./layout.ts";

/**
 * The effective policy for a folder (the daemon's home by default): every rule grouped by level,
 * with the layer and file it came from, the environment lists, settings, and any warnings.
 */
const ORDER = ["deny", "ask", "judge", "allow"] as const;
const ENV_LABELS: [keyof Environment, string, string][] = [
  ["workspaceRoots", "Workspace roots", "extra folders treated like the workspace"],
  ["trustedHosts", "Trusted hosts", "network hosts downloads and uploads may use"],
  ["trustedRemotes", "Trusted remotes", "git remotes that may be pushed to"],
  ["secretPaths", "Secret paths", "credentials: reading or sending them is guarded"],
  ["protectedPaths", "Protected paths", "agent settings, hooks and config: writes are guarded"],
  ["tempDirs", "Temp folders", "scratch space: writes and deletes are fine"],
];

export async function policyPage(c: Context<AppEnv>) {
  const deps = c.get("deps");
  const home = deps.paths.home;
  const cwd = (c.req.query("cwd") ?? "").trim() || home;
  let policy: Policy | undefined;
  let errors: AutogateError[] = [];
  try {
    policy = await deps.policy(cwd);
  } catch (e) {
    errors = isAutogateFailure(e) ? e.errors : [{ code: "policy_schema", message: (e as Error)?.message ?? String(e) }];
  }
  const body = html`<div class="page-head">
      <div><h1>Policy</h1><p class="sub">The effective policy for <code>${tildify(cwd, home)}</code>: shipped defaults, then your user policy, the project's, and a managed one, later layers overriding earlier.</p></div>
      <form class="cwd-form" action="/policy" method="get"><label class="field"><span>Project folder</span><input name="cwd" value="${cwd}" spellcheck="false"></label><button class="btn" type="submit">Show</button></form>
    </div>
    ${errors.length ? html`<section class="card callout callout-deny"><h2>The policy does not load</h2><p>Hooks answer with an error decision until this is fixed:</p><ul class="warnings">${errors.map((e) => html`<li><pre>${formatError(e)}</pre></li>`)}</ul></section>` : ""}
    ${policy ? policyBody(policy, home) : ""}`;
  return c.html(layout({ title: "Policy", section: "policy", body }));
}

function policyBody(p: Policy, home: string): Html {
  const groups = ORDER.map((level) => ({ level, rules: p.rules.filter((r) => r.decision === level).sort((a, b) => a.id.localeCompare(b.id)) }));
  return html`${p.warnings.length ? html`<section class="card callout callout-ask"><h2>${p.warnings.length} warning${p.warnings.length > 1 ? "s" : ""}</h2><ul class="warnings">${p.warnings.map((w) => html`<li><strong>${w.message}</strong>${w.location ? html` <span class="mono muted">${tildify(w.location.file, home)}</span>` : ""}${w.hint ? html`<div class="muted">${w.hint}</div>` : ""}</li>`)}</ul></section>` : ""}
  <div class="policy-grid">
    <div class="policy-rules">
      <div class="card rules-toolbar">
        <div class="level-counts">${groups.map((g) => html`<a href="#level-${g.level}" class="count-pill count-${g.level}">${badge(g.level)}<span>${g.rules.length}</span></a>`)}</div>
        <label class="field field-grow"><span>Find a rule</span><input type="search" id="rule-filter" placeholder="id, reason, effect…" autocomplete="off" spellcheck="false"></label>
      </div>
      ${groups.filter((g) => g.rules.length).map((g) => html`<section class="card rule-group" id="level-${g.level}">
        <div class="card-head"><h2>${badge(g.level)} <span>${g.rules.length} rule${g.rules.length > 1 ? "s" : ""}</span></h2></div>
        <ul class="prules">${g.rules.map((r) => ruleItem(r, home))}</ul>
      </section>`)}
    </div>
    <aside class="policy-side">
      <section class="card"><h2>Layers</h2>
        <ol class="layers">${p.layers.map((l) => html`<li><span class="scope scope-${l.scope}">${l.scope}</span><span class="mono" title="${l.file}">${tildify(l.file, home)}</span></li>`)}</ol>
        <dl class="facts"><dt>Revision</dt><dd class="mono">${p.revision}</dd><dt>Rules</dt><dd>${p.rules.length}</dd></dl>
      </section>
      <section class="card"><h2>Settings</h2>
        <dl class="facts">
          <dt>No human present</dt><dd>ask becomes <strong>${p.settings.noHuman}</strong></dd>
          <dt>Consecutive denials</dt><dd>after ${p.settings.maxConsecutiveDenials}, deny becomes ask</dd>
          <dt>Total denials</dt><dd>after ${p.settings.maxTotalDenials} per session, deny becomes ask</dd>
        </dl>
      </section>
      <section class="card"><h2>Environment</h2>
        ${ENV_LABELS.map(([key, label, help]) => html`<div class="env"><h3>${label} <span class="muted">${p.environment[key].length}</span></h3><p class="muted small">${help}</p>${p.environment[key].length ? html`<ul class="env-list">${p.environment[key].map((v) => html`<li class="mono">${v}</li>`)}</ul>` : html`<p class="muted small">none</p>`}</div>`)}
      </section>
    </aside>
  </div>`;
}

const when = (w: Record<string, unknown>) =>
  Object.entries(w).map(([k, v]) => html`<span class="cond"><span class="cond-k">${k}</span><span class="cond-v">${Array.isArray(v) ? v.map(String).join(" | ") : String(v)}</span></span>`);

function ruleItem(r: Rule, home: string): Html {
  const search = [r.id, r.reason, r.alternative ?? "", JSON.stringify(r.when), r.scope, r.source].join(" ").toLowerCase();
  const examples = r.examples ?? { match: [], not_match: [] };
  const ex = (e: unknown) => (typeof e === "string" ? e : `${(e as { tool: string }).tool} ${JSON.stringify((e as { input: unknown }).input)}`);
  return html`<li class="prule prule-${levelClass(r.decision)}" id="rule-${r.id}" data-search="${search}">
    <div class="prule-head"><a class="rule-id" href="#rule-${r.id}">${r.id}</a><span class="scope scope-${r.scope}">${r.scope}</span><span class="source mono" title="${r.source}">${tildify(r.source, home)}</span><a class="prule-feed" href="${feedHref({ rule: r.id })}">decisions →</a></div>
    <p class="rule-reason">${r.reason}</p>
    ${r.alternative ? html`<p class="rule-alt"><span>Instead:</span> ${r.alternative}</p>` : ""}
    <div class="conds"><span class="cond-label">when</span>${when(r.when)}${r.unless ? html`<span class="cond-label">unless</span>${when(r.unless)}` : ""}</div>
    ${examples.match.length ? html`<details class="examples"><summary>Examples</summary><ul>${examples.match.map((e) => html`<li class="ex ex-match"><span>matches</span><code>${ex(e)}</code></li>`)}${(examples.not_match ?? []).map((e) => html`<li class="ex ex-not"><span>not</span><code>${ex(e)}</code></li>`)}</ul></details>` : ""}
  </li>`;
}
