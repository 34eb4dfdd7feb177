import type { Effect } from "../analyze/effect.ts";
import type { AutogateError } from "../errors.ts";

/**
 * The verdict on one tool call, with its evidence. Field names are the public record format: the
 * audit log, `explain --json`, `replay --json` and the HTTP API all carry exactly this object.
 */
export type Verdict = "allow" | "ask" | "deny";
/** Who decided: a policy rule, the LLM judge, the default for uncovered effects, or an internal error. */
export type Tier = "rule" | "judge" | "default" | "error";

export interface Decision {
  id: string;
  decision: Verdict;
  tier: Tier;
  rules: string[];
  reason_for_model: string;
  reason_for_user: string;
  alternative?: string;
  effects: Effect[];
  latency_us: number;
  policy_revision: string;
  error?: AutogateError;
  /** The strictest rule level was `judge`: the LLM judge is (or, without one, would be) asked. */
  grey_zone?: boolean;
  /** For judge-tier decisions: who judged, at which stage, how fast, at what cost, and why. */
  judge?: { provider: string; model: string; stage: 1 | 2; latency_ms: number; input_tokens?: number; output_tokens?: number; reason: string; cached?: boolean };
}
