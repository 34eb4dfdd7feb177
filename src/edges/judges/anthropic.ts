import type { Prompt } from "../../core/judge/prompt.ts";
import type { ModelCall, ModelReply } from "../../core/judge/two-stage.ts";
import type { JudgeConfig } from "./config.ts";
import { postJson, type HttpRequest } from "./http-call.ts";

/**
 * The Anthropic Messages API. The system prompt and the stable part of the user turn carry cache
 * breakpoints, so stage 2 (and the next call in the session) reads them from the prompt cache.
 */
export function anthropicRequest(cfg: JudgeConfig, p: Prompt, stage: 1 | 2): HttpRequest {
  return {
    url: `${cfg.url}/v1/messages`,
    headers: { "x-api-key": cfg.apiKey ?? "", "anthropic-version": "2023-06-01" },
    body: {
      model: cfg.model,
      max_tokens: stage === 1 ? 8 : 1024,
      temperature: 0,
      system: [{ type: "text", text: p.system, cache_control: { type: "ephemeral" } }],
      messages: [{
        role: "user",
        content: [
          { type: "text", text: p.stable, cache_control: { type: "ephemeral" } },
          { type: "text", text: `${p.pending}\n${p.instruction}` },
        ],
      }],
    },
  };
}

export function anthropicCall(cfg: JudgeConfig): ModelCall {
  return async (p, stage): Promise<ModelReply> => {
    const r = (await postJson(anthropicRequest(cfg, p, stage), cfg.timeoutMs, "anthropic")) as {
      model?: string; content?: { type: string; text?: string }[]; usage?: { input_tokens?: number; output_tokens?: number; cache_read_input_tokens?: number };
    };
    return {
      text: (r.content ?? []).filter((b) => b.type === "text").map((b) => b.text ?? "").join(""),
      model: r.model ?? cfg.model,
      inputTokens: (r.usage?.input_tokens ?? 0) + (r.usage?.cache_read_input_tokens ?? 0),
      outputTokens: r.usage?.output_tokens,
    };
  };
}
