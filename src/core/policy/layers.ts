import { fnv1a } from "../hash.ts";
import type { AutogateError } from "../errors.ts";
import { levelRank } from "./levels.ts";
import type { EnvironmentSpec, PolicyFile, RuleSpec } from "./schema.ts";

/**
 * Layering: shipped defaults, then user, then project, then managed. A later layer replaces a rule
 * with the same id. The project layer comes from the repository the agent works in, so it may only
 * tighten: a project rule that loosens, and project keys that widen trust, are ignored and reported.
 */
export type Scope = "default" | "user" | "project" | "managed";
export interface Layer {
  scope: Scope;
  file: string;
  policy: PolicyFile;
}

export interface Rule extends RuleSpec {
  scope: Scope;
  source: string;
}

export interface Environment {
  workspaceRoots: string[];
  trustedHosts: string[];
  trustedRemotes: string[];
  secretPaths: string[];
  protectedPaths: string[];
  tempDirs: string[];
}

export interface Settings {
  noHuman: "ask" | "deny";
  maxConsecutiveDenials: number;
  maxTotalDenials: number;
  taintClears: "user-message" | "never";
}

export interface JudgeSettings {
  provider: "anthropic" | "openai" | "off";
  url?: string;
  model?: string;
  apiKeyEnv?: string;
  timeoutMs?: number;
}

export interface Policy {
  judge?: JudgeSettings;
  rules: Rule[];
  environment: Environment;
  settings: Settings;
  revision: string;
  layers: { scope: Scope; file: string }[];
  warnings: AutogateError[];
}

const ENV_KEYS: [keyof EnvironmentSpec, keyof Environment, boolean][] = [
  // [file key, field, widens trust?]
  ["workspace_roots", "workspaceRoots", true],
  ["trusted_hosts", "trustedHosts", true],
  ["trusted_remotes", "trustedRemotes", true],
  ["secret_paths", "secretPaths", false],
  ["protected_paths", "protectedPaths", false],
  ["temp_dirs", "tempDirs", true],
];

export function mergeLayers(layers: Layer[]): Policy {
  const byId = new Map<string, Rule>();
  const env: Environment = { workspaceRoots: [], trustedHosts: [], trustedRemotes: [], secretPaths: [], protectedPaths: [], tempDirs: [] };
  const settings: Settings = { noHuman: "ask", maxConsecutiveDenials: 3, maxTotalDenials: 20, taintClears: "user-message" };
  const warnings: AutogateError[] = [];
  let judge: JudgeSettings | undefined;
  const loosens = (message: string, file: string, hint: string) => warnings.push({ code: "policy_project_loosens", message, hint, location: { file } });

  for (const { scope, file, policy } of layers) {
    const project = scope === "project";
    for (const [key, field, widens] of ENV_KEYS) {
      const values = policy.environment?.[key] ?? [];
      if (project && widens && values.length) {
        loosens(`environment.${key} is ignored in a project policy: it would widen what autogate trusts`, file, `move it to your user policy (~/.config/autogate/policy.yaml)`);
        continue;
      }
      env[field].push(...values.filter((v) => !env[field].includes(v)));
    }
    for (const rule of policy.rules) {
      const prior = byId.get(rule.id);
      if (project && (rule.decision === "allow" || (prior && levelRank(rule.decision) < levelRank(prior.decision)))) {
        loosens(`rule ${rule.id} (${rule.decision}) is ignored: a project policy may only tighten`, file, `a repository cannot allow what your own policy does not; add it to your user policy if you trust it`);
        continue;
      }
      if (prior?.scope === "managed" && scope !== "managed") continue;
      byId.set(rule.id, { ...rule, scope, source: file });
    }
    for (const id of policy.disable) {
      if (project) {
        loosens(`disable: ${id} is ignored: a project policy may only tighten`, file, "disable rules in your user policy");
        continue;
      }
      if (byId.get(id)?.scope === "managed" && scope !== "managed") continue;
      byId.delete(id);
    }
    if (policy.judge) {
      if (project) loosens("judge settings are ignored in a project policy: a repository must not choose the model or where requests go", file, "configure the judge in your user policy");
      else judge = { provider: policy.judge.provider, url: policy.judge.url, model: policy.judge.model, apiKeyEnv: policy.judge.api_key_env, timeoutMs: policy.judge.timeout_ms };
    }
    const s = policy.settings;
    if (s?.no_human) settings.noHuman = project && s.no_human === "ask" && settings.noHuman === "deny" ? "deny" : s.no_human;
    if (s?.max_consecutive_denials && !project) settings.maxConsecutiveDenials = s.max_consecutive_denials;
    if (s?.max_total_denials && !project) settings.maxTotalDenials = s.max_total_denials;
    // A project may make taint stickier, never shorter.
    if (s?.taint_clears && (!project || s.taint_clears === "never")) settings.taintClears = s.taint_clears;
  }
  const rules = [...byId.values()];
  return { ...(judge ? { judge } : {}), rules, environment: env, settings, revision: revisionOf(layers), layers: layers.map(({ scope, file }) => ({ scope, file })), warnings };
}

/** A short, stable content hash so every decision names the policy that made it. */
const revisionOf = (layers: Layer[]): string => fnv1a(JSON.stringify(layers.map((l) => [l.scope, l.policy])));
