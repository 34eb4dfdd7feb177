import { AutogateFailure, type AutogateError } from "../../core/errors.ts";
import { mergeLayers, type Layer, type Policy, type Scope } from "../../core/policy/layers.ts";
import { parsePolicyText } from "../../core/policy/parse-file.ts";
import { validatePolicy } from "../../core/pipeline.ts";
import { emptySession } from "../../core/session/session.ts";

/**
 * Policy texts → checked, merged Policy. Kept apart from load-policy.ts so the hook loads the YAML
 * parser and the schema library only when its compiled-policy cache misses.
 */
export function compilePolicy(texts: { scope: Scope; file: string; text: string }[]): Policy {
  const errors: AutogateError[] = [];
  const layers: Layer[] = [];
  for (const { scope, file, text } of texts) {
    const parsed = parsePolicyText(file, text);
    if (parsed.ok) layers.push({ scope, file, policy: parsed.file });
    else errors.push(...parsed.errors);
  }
  if (errors.length) throw new AutogateFailure(errors);
  const policy = mergeLayers(layers);
  const failures = validatePolicy(policy, emptySession());
  if (failures.length) throw new AutogateFailure(failures);
  return policy;
}
