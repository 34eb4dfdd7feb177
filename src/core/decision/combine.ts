import { describe } from "../policy/examples.ts";
import type { Evaluation } from "../policy/evaluate.ts";
import type { Decision, Tier, Verdict } from "./decision.ts";
import { askForModel, blockedForModel, quoteSubject } from "./reasons.ts";

/**
 * Evaluation (+ session counters) → Decision fields. A `judge` level resolves to ask here; when a
 * judge is configured, the pipeline asks it and apply-judge.ts replaces this. With no human to ask, ask becomes deny with a reason that says so. The circuit
 * breaker turns a deny into ask after too many denials in a row, so a stuck agent reaches a human.
 */
export interface CombineContext {
  humanPresent: boolean;
  noHuman: "ask" | "deny";
  consecutiveDenials: number;
  totalDenials: number;
  maxConsecutiveDenials: number;
  maxTotalDenials: number;
  /** What was attempted, for the reason text (a command, "Write /path"). */
  subject: string;
}

export type DecisionBody = Omit<Decision, "id" | "latency_us" | "policy_revision">;

export function combine(ev: Evaluation, ctx: CombineContext): DecisionBody {
  const effects = ev.verdicts.map((v) => v.effect);
  const rules = ev.deciding.map((r) => r.id);
  const alternative = ev.deciding.map((r) => r.alternative).find(Boolean);
  const why = unique(ev.deciding.map((r) => r.reason)).join(" ");

  if (ev.level === "allow") {
    const allowRules = unique(ev.verdicts.flatMap((v) => v.rules.map((r) => r.id)));
    return { decision: "allow", tier: "rule", rules: allowRules.length ? allowRules : ["no-side-effects"], reason_for_model: "", reason_for_user: `autogate allowed ${quoteSubject(ctx.subject)} (${allowRules.join(", ") || "no side effects"})`, effects };
  }

  let verdict: Verdict = ev.level === "deny" ? "deny" : "ask";
  const tier: Tier = ev.deciding.length ? "rule" : "default";
  let reasonUser = ev.deciding.length
    ? `${why} [${rules.join(", ")}]`
    : `no autogate rule covers: ${unique(ev.uncovered.map(describe)).slice(0, 4).join("; ")}`;
  let breaker = "";
  if (verdict === "deny" && ctx.humanPresent && (ctx.consecutiveDenials + 1 >= ctx.maxConsecutiveDenials || ctx.totalDenials + 1 >= ctx.maxTotalDenials)) {
    verdict = "ask";
    breaker = ` (${ctx.consecutiveDenials + 1} denials this session: asking a human instead)`;
  }
  if (verdict === "ask" && !ctx.humanPresent && ctx.noHuman === "deny") {
    verdict = "deny";
    reasonUser += " (no human present to ask, so it is blocked)";
  }
  const model = verdict === "deny" ? blockedForModel(ctx.subject, reasonUser, alternative) : askForModel(ctx.subject, `${reasonUser}${breaker}`);
  return { decision: verdict, tier, rules, reason_for_model: model, reason_for_user: `${verdict === "deny" ? "Blocked" : "Needs approval"}: ${reasonUser}${breaker}`, ...(alternative ? { alternative } : {}), effects };
}

const unique = <T>(xs: T[]) => [...new Set(xs)];
