import { globMatcher, HOST_GLOB } from "../glob.ts";
import type { Effect } from "../analyze/effect.ts";
import { matchesRule } from "./match.ts";
import type { Environment, Policy, Rule } from "./layers.ts";
import { stricter, type Level } from "./levels.ts";

/**
 * (Effects, Policy) → Evaluation. Each effect takes the strictest level among the rules that match
 * it; an effect no rule matches is uncovered and goes to the judge (ask when there is none). The
 * action's level is the max over its effects, so one dangerous effect decides the whole command line.
 */
export interface EffectVerdict {
  effect: Effect;
  level: Level;
  rules: Rule[];
}

export interface Evaluation {
  level: Level;
  verdicts: EffectVerdict[];
  /** Rules that decided the outcome (those at the final level). */
  deciding: Rule[];
  uncovered: Effect[];
}

/** Facts the policy's environment adds to effects before matching: is this host or remote trusted? */
export function withEnvironmentFacts(effect: Effect, env: Environment): Effect {
  if (effect.type === "net") return { ...effect, trusted: hostTrusted(effect.host, env) } as Effect;
  if (effect.type === "vcs" && effect.remote !== undefined) return { ...effect, trusted: env.trustedRemotes.includes(effect.remote) || hostTrusted(effect.remote, env) } as Effect;
  return effect;
}

function hostTrusted(host: string, env: Environment): boolean {
  return globMatcher(env.trustedHosts, HOST_GLOB)(host.toLowerCase()) || env.trustedRemotes.includes(host);
}

/** Rules indexed by the effect type they name, so each effect is tried only against rules that could match. */
const byTypeCache = new WeakMap<Policy, Map<string, Rule[]>>();
function rulesFor(policy: Policy, type: string): Rule[] {
  let index = byTypeCache.get(policy);
  if (!index) {
    index = new Map();
    for (const r of policy.rules) {
      for (const t of [r.when.effect].flat()) index.set(String(t), [...(index.get(String(t)) ?? []), r]);
    }
    byTypeCache.set(policy, index);
  }
  return index.get(type) ?? [];
}

export function evaluate(effects: Effect[], policy: Policy): Evaluation {
  const verdicts: EffectVerdict[] = [];
  const uncovered: Effect[] = [];
  for (const raw of effects) {
    const effect = withEnvironmentFacts(raw, policy.environment);
    const hit = rulesFor(policy, effect.type).filter((r) => matchesRule(r, effect));
    if (hit.length === 0) {
      uncovered.push(effect);
      verdicts.push({ effect, level: "judge", rules: [] });
      continue;
    }
    const level = hit.map((r) => r.decision).reduce(stricter);
    verdicts.push({ effect, level, rules: hit.filter((r) => r.decision === level) });
  }
  const level = verdicts.map((v) => v.level).reduce(stricter, "allow" as Level);
  const deciding = unique(verdicts.filter((v) => v.level === level).flatMap((v) => v.rules));
  return { level, verdicts, deciding, uncovered };
}

const unique = (rules: Rule[]) => [...new Map(rules.map((r) => [r.id, r])).values()];
