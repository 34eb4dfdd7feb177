import type { Effect } from "../analyze/effect.ts";

/**
 * The judge port: an LLM asked about grey-zone actions. The core builds the input and reads the
 * verdict; the call itself (HTTP to Anthropic, an OpenAI-compatible server, Ollama) is passed in.
 * The input carries the user's words and the payloads of tool calls only: never the agent's prose
 * and never tool output, so text an injection planted cannot reach the judge.
 */
export interface JudgeInput {
  environment: { workspace: string[]; trustedHosts: string[]; trustedRemotes: string[] };
  /** The rules in prose: what is blocked, what needs a human, what is fine. */
  rules: { id: string; level: string; reason: string }[];
  userMessages: string[];
  /** Earlier tool calls of the session, as payloads (`Bash: ls`, `Write /p/a.py`), oldest first. */
  priorActions: string[];
  /** The pending call, as a payload, and what the analyzer found it would do. */
  action: { tool: string; payload: string };
  effects: Effect[];
  /** Facts the analyzer adds: why this reached the judge (the uncovered effects, the judge rules). */
  facts: string[];
}

export type JudgeStage = 1 | 2;

export interface JudgeVerdict {
  decision: "allow" | "ask" | "deny";
  stage: JudgeStage;
  rule?: string;
  reason: string;
  model: string;
  provider: string;
  latency_ms: number;
  input_tokens?: number;
  output_tokens?: number;
  cached?: boolean;
}

/** Thrown by a judge that could not answer (timeout, rate limit, outage, unreadable reply). */
export class JudgeUnavailable extends Error {
  constructor(message: string, readonly provider: string) {
    super(message);
  }
}

export type JudgePort = (input: JudgeInput) => Promise<JudgeVerdict>;
