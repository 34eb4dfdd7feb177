import type { Effect } from "../analyze/effect.ts";
import type { AutogateError } from "../errors.ts";
import { withEnvironmentFacts } from "./evaluate.ts";
import type { Policy } from "./layers.ts";
import { matchesRule } from "./match.ts";
import type { Example } from "./schema.ts";

/**
 * Every rule carries examples it must match and examples it must not. They run when the policy loads,
 * so a rule whose `when` drifted from its intent fails loudly instead of silently allowing.
 * The analyzer is passed in (the policy module never imports it), and runs in a fixed example world:
 * cwd /home/user/project, home /home/user.
 */
export type AnalyzeExample = (example: Example) => Effect[];

export function checkExamples(policy: Policy, analyze: AnalyzeExample): AutogateError[] {
  const errors: AutogateError[] = [];
  for (const rule of policy.rules) {
    const test = (ex: Example, want: boolean) => {
      const effects = analyze(ex).map((e) => withEnvironmentFacts(e, policy.environment));
      const hit = effects.some((e) => matchesRule(rule, e));
      if (hit === want) return;
      const shown = typeof ex === "string" ? ex : `${ex.tool} ${JSON.stringify(ex.input)}`;
      errors.push({
        code: "policy_example_failed",
        message: `rule ${rule.id}: example ${JSON.stringify(shown)} should ${want ? "" : "not "}match, but it does${want ? " not" : ""}`,
        hint: `its effects were ${effects.map(describe).join("; ") || "(none)"}; adjust rules[id=${rule.id}].when or the example`,
        location: { file: rule.source },
      });
    };
    rule.examples.match.forEach((ex) => test(ex, true));
    rule.examples.not_match.forEach((ex) => test(ex, false));
  }
  return errors;
}

export function describe(e: Effect): string {
  const { span: _s, note: _n, ...rest } = e;
  return Object.entries(rest).filter(([k]) => k !== "argv").map(([k, v]) => (k === "type" ? String(v) : `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`)).join(" ");
}
