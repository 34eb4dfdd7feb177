import type { JudgeVerdict } from "../judge/judge.ts";
import type { DecisionBody } from "./combine.ts";
import { askForModel, blockedForModel, quoteSubject } from "./reasons.ts";

/**
 * The judge's verdict on a grey-zone call → the decision. It only ever sees calls whose strictest
 * rule level was `judge`, so it can tighten (ask, deny) or allow, but no deterministic ask or deny
 * ever reaches it to be loosened. With no human to ask, ask becomes deny, as for rules.
 */
export function applyJudge(provisional: DecisionBody, v: JudgeVerdict, ctx: { humanPresent: boolean; noHuman: "ask" | "deny"; subject: string }): DecisionBody {
  const judge = { provider: v.provider, model: v.model, stage: v.stage, latency_ms: v.latency_ms, input_tokens: v.input_tokens, output_tokens: v.output_tokens, reason: v.reason, ...(v.cached ? { cached: true } : {}) };
  const rules = v.rule ? [v.rule] : ["judge"];
  if (v.decision === "allow") {
    return { ...provisional, decision: "allow", tier: "judge", rules, reason_for_model: "", reason_for_user: `autogate's judge allowed ${quoteSubject(ctx.subject)}: ${v.reason}`, judge };
  }
  const decision = v.decision === "ask" && !ctx.humanPresent && ctx.noHuman === "deny" ? "deny" : v.decision;
  const why = `${v.reason} [judge${v.rule ? `: ${v.rule}` : ""}]`;
  return {
    ...provisional, decision, tier: "judge", rules, judge,
    reason_for_user: `${decision === "deny" ? "Blocked" : "Needs approval"}: ${why}`,
    reason_for_model: decision === "deny" ? blockedForModel(ctx.subject, why) : askForModel(ctx.subject, why),
  };
}

/** The judge could not answer: fail closed, and say it was an outage, not a policy decision. */
export function judgeUnavailable(provisional: DecisionBody, message: string, ctx: { humanPresent: boolean }): DecisionBody {
  const decision = ctx.humanPresent ? "ask" : "deny";
  return {
    ...provisional, decision, tier: "error", error: { code: "judge_unavailable", message },
    reason_for_user: `autogate's judge was unavailable (${message}), so this ${decision === "ask" ? "needs your approval" : "was blocked"}; this is not a policy decision`,
    reason_for_model: `autogate could not reach its judge for this action (${message}), so it was ${decision === "deny" ? "blocked for now; this is a temporary outage, not a policy decision — you may retry later" : "sent to the user for approval"}.`,
  };
}
