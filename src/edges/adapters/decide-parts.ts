import type { ToolCall } from "../../core/action/tool-call.ts";
import type { Decision, Verdict } from "../../core/decision/decision.ts";
import type { JudgePort } from "../../core/judge/judge.ts";
import { decideWithJudge, historyEntry, type DecideContext, type Outcome } from "../../core/pipeline.ts";
import { afterDecision, touchedPaths } from "../../core/session/session.ts";
import { askAsBlock } from "./payload.ts";

/**
 * Some agent tools do several things in one call: Codex's apply_patch changes many files, Gemini's
 * web_fetch reads up to 20 URLs. The adapter splits such a call into parts written as the tools
 * autogate already knows (Write, Edit, Bash, WebFetch, Read), each part is decided exactly as that
 * tool would be, and the call gets the strictest verdict: one denied file denies the whole patch.
 *
 * The parts are all judged against the session as it was before the call, because the agent applies
 * the call whole or not at all; only when every part is allowed do their writes become the session's.
 *
 * Codex, and Gemini without its interactive UI, cannot put an `ask` to a person (Codex runs the tool,
 * headless Gemini hangs). With nobody to ask, an ask is decided here as a block that says so, so the
 * audit record holds what the agent was actually told.
 */
const RANK: Record<Verdict, number> = { allow: 0, ask: 1, deny: 2 };

export async function decideCall(call: ToolCall, parts: ToolCall[] | undefined, ctx: DecideContext, judge: JudgePort | undefined): Promise<Outcome> {
  const outcome = await decideWhole(call, parts, ctx, judge);
  const label = CANNOT_ASK[call.agent];
  if (outcome.decision.decision !== "ask" || ctx.humanPresent || !label) return outcome;
  const d = outcome.decision;
  const blocked: Decision = { ...d, decision: "deny", reason_for_model: askAsBlock(d, label).replace(/ \[autogate [^\]]+\]$/, ""), reason_for_user: `${d.reason_for_user} (${label} cannot ask a person here, so it was blocked)` };
  return { ...outcome, decision: blocked };
}

/** Agents that cannot act on an ask when no person is at the screen, by how they are named in reasons. */
const CANNOT_ASK: Partial<Record<ToolCall["agent"], string>> = { codex: "Codex", gemini: "Gemini CLI in headless mode", sdk: "this Agent SDK app" };

async function decideWhole(call: ToolCall, parts: ToolCall[] | undefined, ctx: DecideContext, judge: JudgePort | undefined): Promise<Outcome> {
  if (!parts?.length) return decideWithJudge(call, ctx, judge);
  const start = ctx.clock();
  const outcomes: Outcome[] = [];
  for (const part of parts) outcomes.push(await decideWithJudge(part, ctx, judge));
  const decision = combineParts(outcomes.map((o) => o.decision), ctx.newId(), Number((ctx.clock() - start) / 1000n));
  const allowed = decision.decision === "allow";
  const writes = allowed ? outcomes.flatMap((o) => o.analysis?.writes ?? []) : [];
  const touched = allowed ? outcomes.flatMap((o) => touchedPaths(o.analysis?.effects ?? [], ctx.isExistingFolder)) : [];
  return { decision, session: afterDecision(ctx.session, decision, writes, touched, historyEntry(call)) };
}

/** The strictest part decides; the evidence (rules, effects) of every part is kept. */
export function combineParts(decisions: Decision[], id: string, latencyUs: number): Decision {
  const worst = decisions.reduce((a, b) => (RANK[b.decision] > RANK[a.decision] ? b : a));
  const unique = <T>(xs: T[]) => [...new Set(xs)];
  const sameVerdict = decisions.filter((d) => d.decision === worst.decision);
  return {
    ...worst,
    id,
    rules: unique(decisions.flatMap((d) => d.rules)),
    effects: decisions.flatMap((d) => d.effects),
    // An allow lists what each part was allowed as; a block names only the parts that were blocked.
    reason_for_user: unique(sameVerdict.map((d) => d.reason_for_user)).join("; "),
    reason_for_model: unique(sameVerdict.map((d) => d.reason_for_model).filter(Boolean)).join("\n"),
    latency_us: latencyUs,
  };
}
