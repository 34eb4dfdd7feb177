import fs from "node:fs";
import path from "node:path";
import type { JudgeInput, JudgePort } from "../../core/judge/judge.ts";
import { twoStageJudge } from "../../core/judge/two-stage.ts";
import type { Policy } from "../../core/policy/layers.ts";
import { anthropicCall } from "./anthropic.ts";
import { resolveJudgeConfig } from "./config.ts";
import { openaiCall } from "./openai.ts";

/**
 * The configured judge, wrapped in a verdict cache: the same action after the same latest user
 * message, under the same policy and model, is not paid for twice (a day at most).
 */
export function makeJudge(policy: Policy, env: NodeJS.ProcessEnv, stateDir: string): JudgePort | undefined {
  const cfg = resolveJudgeConfig(policy.judge, env);
  if (!cfg) return undefined;
  const judge = twoStageJudge(cfg.provider === "anthropic" ? anthropicCall(cfg) : openaiCall(cfg), cfg.provider);
  const dir = path.join(stateDir, "judge-cache");
  return async (input: JudgeInput) => {
    // Loaded here, not at the top: the hook process only needs node:crypto when it asks the judge.
    const crypto = await import("node:crypto");
    const key = crypto.createHash("sha256").update(JSON.stringify([cfg.provider, cfg.model, policy.revision, input.action, input.userMessages.at(-1) ?? ""])).digest("hex").slice(0, 32);
    const file = path.join(dir, `${key}.json`);
    try {
      const hit = JSON.parse(fs.readFileSync(file, "utf8"));
      if (Date.now() - hit.at < 86_400_000) return { ...hit.verdict, cached: true, latency_ms: 0, input_tokens: 0, output_tokens: 0 };
    } catch {
      // not cached yet
    }
    const verdict = await judge(input);
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, JSON.stringify({ at: Date.now(), verdict }), { mode: 0o600 });
    } catch {
      // A read-only state dir only costs a second call.
    }
    return verdict;
  };
}
