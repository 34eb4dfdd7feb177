import { JudgeUnavailable, type JudgeInput, type JudgePort, type JudgeVerdict } from "./judge.ts";
import { buildPrompt, type Prompt } from "./prompt.ts";
import { readStage1, readStage2 } from "./reply.ts";

/**
 * Two stages, as in Anthropic's own classifier: a cheap one-word stage that leans toward blocking,
 * and only when it flags, a reasoning stage on the same prompt (so it is nearly all cache hits).
 * An unreadable reply is retried once; a second one means the judge is unavailable, never "allow".
 */
export interface ModelReply {
  text: string;
  model: string;
  inputTokens?: number;
  outputTokens?: number;
}

export type ModelCall = (prompt: Prompt, stage: 1 | 2) => Promise<ModelReply>;

export function twoStageJudge(complete: ModelCall, provider: string, now: () => number = Date.now): JudgePort {
  return async (input: JudgeInput): Promise<JudgeVerdict> => {
    const start = now();
    let inputTokens = 0;
    let outputTokens = 0;
    const ask = async <T>(stage: 1 | 2, read: (t: string) => T | undefined): Promise<{ value: T; model: string }> => {
      for (let attempt = 0; attempt < 2; attempt++) {
        const r = await complete(buildPrompt(input, stage), stage);
        inputTokens += r.inputTokens ?? 0;
        outputTokens += r.outputTokens ?? 0;
        const value = read(r.text);
        if (value !== undefined) return { value, model: r.model };
      }
      throw new JudgeUnavailable(`the judge's stage ${stage} reply could not be read twice in a row`, provider);
    };
    const tokens = () => ({ latency_ms: now() - start, input_tokens: inputTokens, output_tokens: outputTokens });
    const first = await ask(1, readStage1);
    if (first.value === "allow") {
      return { decision: "allow", stage: 1, reason: "the judge's first stage found nothing to block", model: first.model, provider, ...tokens() };
    }
    const second = await ask(2, readStage2);
    return { ...second.value, stage: 2, model: second.model, provider, ...tokens() };
  };
}
