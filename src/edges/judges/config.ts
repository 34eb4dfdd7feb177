import type { JudgeSettings } from "../../core/policy/layers.ts";

/**
 * Which judge, where, with which model and key: the policy's `judge:` section (user or managed
 * scope), overridden by AUTOGATE_JUDGE / AUTOGATE_JUDGE_URL / AUTOGATE_JUDGE_MODEL. The key is read
 * from the environment variable the config names (default ANTHROPIC_API_KEY or OPENAI_API_KEY) and
 * is never written anywhere.
 */
export interface JudgeConfig {
  provider: "anthropic" | "openai";
  url: string;
  model: string;
  apiKey?: string;
  apiKeyEnv: string;
  timeoutMs: number;
}

const DEFAULTS = {
  anthropic: { url: "https://api.anthropic.com", model: "claude-haiku-4-5", keyEnv: "ANTHROPIC_API_KEY" },
  openai: { url: "https://api.openai.com/v1", model: "gpt-4o-mini", keyEnv: "OPENAI_API_KEY" },
} as const;

export function resolveJudgeConfig(settings: JudgeSettings | undefined, env: NodeJS.ProcessEnv): JudgeConfig | undefined {
  const provider = (env.AUTOGATE_JUDGE ?? settings?.provider ?? "off").toLowerCase();
  if (provider === "off" || provider === "") return undefined;
  if (provider !== "anthropic" && provider !== "openai") throw new Error(`AUTOGATE_JUDGE must be anthropic, openai or off, not "${provider}"`);
  const d = DEFAULTS[provider];
  const apiKeyEnv = settings?.apiKeyEnv ?? d.keyEnv;
  return {
    provider,
    url: (env.AUTOGATE_JUDGE_URL ?? settings?.url ?? d.url).replace(/\/+$/, ""),
    model: env.AUTOGATE_JUDGE_MODEL ?? settings?.model ?? d.model,
    apiKey: env[apiKeyEnv],
    apiKeyEnv,
    timeoutMs: Number(env.AUTOGATE_JUDGE_TIMEOUT_MS ?? settings?.timeoutMs ?? 8000),
  };
}
