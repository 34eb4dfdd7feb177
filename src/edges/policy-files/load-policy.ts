import fs from "node:fs";
import path from "node:path";
import { AutogateFailure, type AutogateError } from "../../core/errors.ts";
import { mergeLayers, type Layer, type Policy, type Scope } from "../../core/policy/layers.ts";
import { parsePolicyText } from "../../core/policy/parse-file.ts";
import { validatePolicy } from "../../core/pipeline.ts";
import { emptySession } from "../../core/session/session.ts";
import { packageRoot, type Paths } from "../runtime/paths.ts";
import { VERSION } from "../../version.ts";

/**
 * Finds and reads the policy layers: shipped default, user, project (nearest .autogate/policy.yaml at
 * or above cwd, up to the repository root), managed. Parsing and merging are pure (core/policy);
 * this file only does the reading. Every error is collected, not just the first.
 */
export function defaultPolicyPath(): string {
  return path.join(packageRoot(), "policies", "default.yaml");
}

export function projectPolicyPath(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, ".autogate", "policy.yaml");
    if (fs.existsSync(candidate)) return candidate;
    if (fs.existsSync(path.join(dir, ".git")) || path.dirname(dir) === dir) return undefined;
  }
}

export function policyFiles(paths: Paths, cwd: string): { scope: Scope; file: string }[] {
  const out: { scope: Scope; file: string }[] = [{ scope: "default", file: defaultPolicyPath() }];
  if (fs.existsSync(paths.userPolicy)) out.push({ scope: "user", file: paths.userPolicy });
  const project = projectPolicyPath(cwd);
  if (project) out.push({ scope: "project", file: project });
  if (fs.existsSync(paths.managedPolicy)) out.push({ scope: "managed", file: paths.managedPolicy });
  return out;
}

export interface LoadOptions {
  /** Check every rule's examples (skipped when this revision was already checked). */
  checkExamples?: boolean;
}

export function loadPolicy(paths: Paths, cwd: string, opts: LoadOptions = { checkExamples: true }): Policy {
  const errors: AutogateError[] = [];
  const layers: Layer[] = [];
  for (const { scope, file } of policyFiles(paths, cwd)) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (e) {
      errors.push({ code: "policy_schema", message: `cannot read policy: ${(e as Error).message}`, location: { file } });
      continue;
    }
    const parsed = parsePolicyText(file, text);
    if (parsed.ok) layers.push({ scope, file, policy: parsed.file });
    else errors.push(...parsed.errors);
  }
  if (errors.length) throw new AutogateFailure(errors);
  const policy = mergeLayers(layers);
  if (opts.checkExamples && !alreadyChecked(paths, policy.revision)) {
    const failures = validatePolicy(policy, emptySession());
    if (failures.length) throw new AutogateFailure(failures);
    markChecked(paths, policy.revision);
  }
  return policy;
}

/** Checking examples analyses a few hundred commands; remember a clean revision so hooks stay fast. */
function alreadyChecked(paths: Paths, revision: string): boolean {
  return fs.existsSync(path.join(paths.stateDir, "policy-checked", `${VERSION}-${revision}`));
}

function markChecked(paths: Paths, revision: string): void {
  try {
    fs.mkdirSync(path.join(paths.stateDir, "policy-checked"), { recursive: true });
    fs.writeFileSync(path.join(paths.stateDir, "policy-checked", `${VERSION}-${revision}`), "");
  } catch {
    // A read-only state dir only costs speed: the examples are checked again next time.
  }
}
