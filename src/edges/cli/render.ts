import type { Decision } from "../../core/decision/decision.ts";
import type { Effect } from "../../core/analyze/effect.ts";
import { describe } from "../../core/policy/examples.ts";

/** Human-readable rendering of decisions and effects for the terminal. */
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number, s: string) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
export const colorOf = { allow: 32, ask: 33, deny: 31 } as const;
export const verdictLabel = (v: Decision["decision"]) => paint(colorOf[v], v.toUpperCase());

export function renderEffect(e: Effect, source?: string): string {
  const at = e.span && source ? `  ← ${JSON.stringify(source.slice(e.span.start, Math.min(e.span.end, e.span.start + 60)))}` : "";
  return `${describe(e)}${e.note ? ` (${e.note})` : ""}${at}`;
}

export function renderDecision(d: Decision, source?: string, ruleLevels?: Map<string, string>): string {
  const lines = [`${verdictLabel(d.decision)}  (tier: ${d.tier}; rules: ${d.rules.join(", ") || "none"}; ${d.latency_us} µs; policy ${d.policy_revision})`];
  lines.push("", "effects:");
  for (const e of d.effects) lines.push(`  - ${renderEffect(e, source)}`);
  if (!d.effects.length) lines.push("  (none)");
  if (ruleLevels?.size) {
    lines.push("", "rules that matched:");
    for (const [id, level] of ruleLevels) lines.push(`  - ${id}: ${level}`);
  }
  lines.push("", `reason: ${d.reason_for_user}`);
  if (d.alternative) lines.push(`alternative: ${d.alternative}`);
  if (d.decision === "deny") lines.push("", `the model is told: ${d.reason_for_model}`);
  return lines.join("\n");
}
