import type { Command } from "commander";
import fs from "node:fs";
import path from "node:path";
import { buildPrompt } from "../../../core/judge/prompt.ts";
import { decideWithJudge, historyEntry, judgeInputForCall } from "../../../core/pipeline.ts";
import { emptySession, withUserMessage, type SessionState } from "../../../core/session/session.ts";
import { anthropicRequest } from "../../judges/anthropic.ts";
import { resolveJudgeConfig } from "../../judges/config.ts";
import { redactedRequest } from "../../judges/http-call.ts";
import { makeJudge } from "../../judges/make-judge.ts";
import { openaiRequest } from "../../judges/openai.ts";
import { loadPolicy } from "../../policy-files/load-policy.ts";
import { monotonicNs, newDecisionId } from "../../runtime/clock.ts";
import { resolvePaths } from "../../runtime/paths.ts";
import { parseTranscript } from "../../transcripts/claude-code-transcript.ts";
import { renderDecision } from "../render.ts";

/**
 * `autogate judge "<command>"`: one action through the same pipeline the hook uses, with the session
 * context (user messages, earlier payloads) taken from a transcript. `--dry-run` prints the exact
 * requests instead of sending them.
 */
export function registerJudge(program: Command): void {
  program
    .command("judge")
    .description("ask the configured LLM judge about one action (or print the exact request with --dry-run)")
    .argument("<payload>", "the command (for Bash), or the tool input as JSON for other tools")
    .option("--tool <tool>", "tool name", "Bash")
    .option("--cwd <dir>", "working directory", process.cwd())
    .option("--transcript <file>", "a Claude Code transcript to take the user's messages and earlier actions from")
    .option("--dry-run", "print the exact requests (stage 1 and stage 2) instead of sending them, even for a call the rules decide")
    .option("--json", "print the Decision object")
    .action(async (payload: string, o: { tool: string; cwd: string; transcript?: string; force?: boolean; dryRun?: boolean; json?: boolean }) => {
      const paths = resolvePaths();
      const cwd = path.resolve(o.cwd);
      const policy = await loadPolicy(paths, cwd);
      const call = { agent: "generic" as const, tool: o.tool, input: o.tool === "Bash" ? { command: payload } : JSON.parse(payload), cwd };
      const ctx = { policy, session: sessionFrom(o.transcript), home: paths.home, humanPresent: true, clock: monotonicNs, newId: newDecisionId };
      const cfg = resolveJudgeConfig(policy.judge, process.env);
      if (o.dryRun) {
        const { input, deterministic } = judgeInputForCall(call, ctx, true);
        if (!judgeInputForCall(call, ctx).input) process.stderr.write(`note: the rules decide this call (${deterministic.decision}: ${deterministic.rules.join(", ")}); the hook would not ask the judge about it\n`);
        const c = cfg ?? { provider: "anthropic" as const, url: "https://api.anthropic.com", model: "claude-haiku-4-5", apiKeyEnv: "ANTHROPIC_API_KEY", timeoutMs: 8000 };
        const build = c.provider === "anthropic" ? anthropicRequest : openaiRequest;
        const requests = ([1, 2] as const).map((stage) => ({ stage, ...redactedRequest(build(c, buildPrompt(input!, stage), stage)) }));
        process.stdout.write(JSON.stringify(requests, null, 2) + "\n");
        return;
      }
      if (!cfg) throw new Error("no judge is configured: set AUTOGATE_JUDGE=anthropic|openai (and its key), or `judge:` in your user policy");
      // Exactly the hook's path: a call the rules decide is not sent (the judge never loosens a rule).
      const outcome = await decideWithJudge(call, ctx, makeJudge(policy, process.env, paths.stateDir));
      if (o.json) process.stdout.write(JSON.stringify(outcome.decision, null, 2) + "\n");
      else process.stdout.write(renderDecision(outcome.decision, o.tool === "Bash" ? payload : undefined) + (outcome.decision.judge ? `\njudge: ${outcome.decision.judge.provider} ${outcome.decision.judge.model}, stage ${outcome.decision.judge.stage}, ${outcome.decision.judge.latency_ms} ms, ${outcome.decision.judge.input_tokens ?? "?"} in / ${outcome.decision.judge.output_tokens ?? "?"} out tokens${outcome.decision.judge.cached ? " (cached)" : ""}\n` : "\n"));
    });
}

/** The user's messages and the payloads of earlier calls, from a transcript: never its tool output. */
function sessionFrom(transcript?: string): SessionState {
  if (!transcript) return emptySession();
  let s = emptySession();
  for (const e of parseTranscript(fs.readFileSync(transcript, "utf8")).events) {
    if (e.kind === "user") s = withUserMessage(s, e.text);
    else if (e.kind === "tool") s = { ...s, actions: [...s.actions, historyEntry({ agent: "claude-code", tool: e.name, input: e.input, cwd: "" })].slice(-60) };
  }
  return s;
}
