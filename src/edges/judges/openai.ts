import type { Prompt } from "../../core/judge/prompt.ts";
import type { ModelCall, ModelReply } from "../../core/judge/two-stage.ts";
import type { JudgeConfig } from "./config.ts";
import { postJson, type HttpRequest } from "./http-call.ts";

/**
 * OpenAI-compatible chat completions: OpenAI itself, Ollama's /v1, vLLM, LM Studio, OpenRouter.
 * The prompt's stable part leads the user message, so servers with prefix caching reuse it.
 */
export function openaiRequest(cfg: JudgeConfig, p: Prompt, stage: 1 | 2): HttpRequest {
  return {
    url: `${cfg.url}/chat/completions`,
    headers: cfg.apiKey ? { authorization: `Bearer ${cfg.apiKey}` } : {},
    body: {
      model: cfg.model,
      max_tokens: stage === 1 ? 8 : 1024,
      temperature: 0,
      ...(stage === 2 ? { response_format: { type: "json_object" } } : {}),
      messages: [
        { role: "system", content: p.system },
        { role: "user", content: `${p.stable}\n${p.pending}\n${p.instruction}` },
      ],
    },
  };
}

export function openaiCall(cfg: JudgeConfig): ModelCall {
  return async (p, stage): Promise<ModelReply> => {
    const r = (await postJson(openaiRequest(cfg, p, stage), cfg.timeoutMs, "openai")) as {
      model?: string; choices?: { message?: { content?: string } }[]; usage?: { prompt_tokens?: number; completion_tokens?: number };
    };
    return { text: r.choices?.[0]?.message?.content ?? "", model: r.model ?? cfg.model, inputTokens: r.usage?.prompt_tokens, outputTokens: r.usage?.completion_tokens };
  };
}
