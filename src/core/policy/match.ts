import { globMatcher, RULE_GLOB } from "../glob.ts";
import type { Effect } from "../analyze/effect.ts";

/**
 * Does an effect satisfy a rule's `when`? Every key must hold. `effect` compares the effect type,
 * `code_class` the class of code a `run` executes; every other key compares the effect field of that
 * name. A list means any of; a string with `*` is a glob. A missing field never matches.
 */
export type When = Record<string, string | number | boolean | (string | number | boolean)[]>;

function like(pattern: string, value: string): boolean {
  // Plain text compares as text; `*`, `?`, `[…]`, `{a,b}` and extglobs like `+(…)` make a glob.
  if (!/[*?[{]|[+@!]\(/.test(pattern)) return pattern === value;
  return globMatcher(pattern, RULE_GLOB)(value);
}

function fieldOf(effect: Effect, key: string): unknown {
  if (key === "effect") return effect.type;
  // A run without a script runs a program's own code: "none" lets a rule say so.
  if (key === "code_class") return effect.type === "run" ? effect.code?.class ?? "none" : undefined;
  return (effect as Record<string, unknown>)[key];
}

/** `unless` is a second `when`: the rule does not apply to effects that also match it. */
export function matchesRule(rule: { when: When; unless?: When }, effect: Effect): boolean {
  return matches(rule.when, effect) && !(rule.unless && matches(rule.unless, effect));
}

export function matches(when: When, effect: Effect): boolean {
  for (const [key, want] of Object.entries(when)) {
    const have = fieldOf(effect, key);
    if (have === undefined) {
      // `recursive: false` / `force: false` also match effects that leave the flag out.
      if (want === false) continue;
      return false;
    }
    const options = Array.isArray(want) ? want : [want];
    const ok = options.some((o) => (typeof o === "string" && typeof have === "string" ? like(o, have) : o === have));
    if (!ok) return false;
  }
  return true;
}
