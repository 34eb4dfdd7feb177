import { z } from "zod";
import { LEVELS } from "./levels.ts";

/** The policy file format, defined once: the zod schema is the validator, the TS type and the JSON Schema. */

const scalar = z.union([z.string(), z.boolean(), z.number()]);
const matchValue = z.union([scalar, z.array(scalar)]);

/** An example is a shell command, or a non-shell tool call. */
export const ExampleSchema = z.union([
  z.string(),
  z.strictObject({ tool: z.string(), input: z.record(z.string(), z.unknown()) }),
]);
export type Example = z.infer<typeof ExampleSchema>;

export const RuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "rule ids are lower-case words joined by dashes"),
  decision: z.enum(LEVELS),
  /** Written for the model: what was blocked and why. */
  reason: z.string().min(1),
  /** The safer way to get the same job done. */
  alternative: z.string().optional(),
  /** Effect fields to match: `effect` is the effect type; every other key compares that field. */
  when: z.record(z.string(), matchValue).refine((w) => "effect" in w, { message: "when needs an `effect` key" }),
  /** Effects that match `when` but also `unless` are left to other rules. */
  unless: z.record(z.string(), matchValue).optional(),
  examples: z.strictObject({
    match: z.array(ExampleSchema).min(1),
    not_match: z.array(ExampleSchema).default([]),
  }),
});
export type RuleSpec = z.infer<typeof RuleSchema>;

export const EnvironmentSchema = z.strictObject({
  workspace_roots: z.array(z.string()).default([]),
  trusted_hosts: z.array(z.string()).default([]),
  trusted_remotes: z.array(z.string()).default([]),
  secret_paths: z.array(z.string()).default([]),
  protected_paths: z.array(z.string()).default([]),
  temp_dirs: z.array(z.string()).default([]),
});
export type EnvironmentSpec = z.infer<typeof EnvironmentSchema>;

export const SettingsSchema = z.strictObject({
  /** What `ask` becomes when no human can answer (headless runs). */
  no_human: z.enum(["ask", "deny"]).optional(),
  /** Circuit breaker: after this many consecutive / total denials in a session, deny becomes ask. */
  max_consecutive_denials: z.number().int().positive().optional(),
  max_total_denials: z.number().int().positive().optional(),
  /** When a session tainted by a prompt injection becomes clean again: at the user's next message, or never. */
  taint_clears: z.enum(["user-message", "never"]).optional(),
});

/** The LLM judge for the grey zone. Read from user and managed scope only: a repository must not pick the model or URL. */
export const JudgeSchema = z.strictObject({
  provider: z.enum(["anthropic", "openai", "off"]),
  /** Base URL: https://api.anthropic.com, https://api.openai.com/v1, http://127.0.0.1:11434/v1 (Ollama), … */
  url: z.string().url().optional(),
  model: z.string().min(1).optional(),
  /** The environment variable holding the API key (never the key itself). */
  api_key_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
  timeout_ms: z.number().int().positive().max(120_000).optional(),
});

export const PolicyFileSchema = z.strictObject({
  version: z.literal(1),
  environment: EnvironmentSchema.partial().optional(),
  settings: SettingsSchema.optional(),
  judge: JudgeSchema.optional(),
  rules: z.array(RuleSchema).default([]),
  /** Rule ids to switch off (user and managed scope only). */
  disable: z.array(z.string()).default([]),
});
export type PolicyFile = z.infer<typeof PolicyFileSchema>;
