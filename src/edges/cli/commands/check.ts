import type { Command } from "commander";
import path from "node:path";
import type { AgentName, ToolCall } from "../../../core/action/tool-call.ts";
import type { Decision } from "../../../core/decision/decision.ts";
import { errorDecision } from "../../../core/pipeline.ts";
import type { Adapter, Decoded } from "../../adapters/adapter.ts";
import { codexCall } from "../../adapters/codex.ts";
import { geminiCall } from "../../adapters/gemini.ts";
import { optional, parseObject, type Json } from "../../adapters/payload.ts";
import { runHook } from "../../hook-runner.ts";
import { newDecisionId } from "../../runtime/clock.ts";
import { resolvePaths } from "../../runtime/paths.ts";

/**
 * `autogate check`: one tool call in, one Decision out, for harnesses that have no hook protocol of
 * their own (an Amp delegate, an OpenCode plugin, a custom agent loop). It runs the same path as the
 * hooks (policy, session memory, judge, audit record with the `agent` field), so a harness gets the
 * same answer Claude Code, Codex or Gemini would.
 *
 *   stdin   {"tool": "Bash", "input": {"command": "rm -rf ~"}, "cwd": "/abs/project",
 *            "session"?: "id", "agent"?: "codex" | "gemini" | "claude-code" | "generic",
 *            "user_prompt"?: "the user's latest message, remembered for the session first"}
 *   stdout  the Decision object as one JSON line (decision, tier, rules, reason_for_model, …)
 *   exit    0 allow · 2 deny · 3 ask · 1 autogate could not decide (bad input, broken policy,
 *           internal error): the printed Decision is then tier "error" and fails closed (ask, or
 *           deny with --no-human), so a caller that only reads stdout is safe as well.
 *
 * Tool names are Claude Code's (Bash, Write, Edit, Read, WebFetch, mcp__server__tool …); with
 * "agent": "codex" or "gemini" the agent's own names are accepted too (apply_patch, run_shell_command,
 * write_file …) and translated exactly as their hooks translate them.
 */
export const EXIT: Record<Decision["decision"] | "error", number> = { allow: 0, deny: 2, ask: 3, error: 1 };
const AGENTS: AgentName[] = ["claude-code", "codex", "gemini", "sdk", "generic"];
const DEADLINE_MS = 20_000;

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("judge one tool call given as JSON on stdin; print the Decision as JSON (exit 0 allow, 2 deny, 3 ask, 1 error)")
    .option("--no-human", "no person can answer an ask: ask becomes deny when the policy says so, and errors deny")
    .option("--no-audit", "do not write the decision to the audit log")
    .action(async (o: { human: boolean; audit: boolean }) => {
      const human = o.human && !process.env.AUTOGATE_NO_HUMAN;
      const fail = (message: string) => print(errorOnly(human, message));
      const timer = setTimeout(() => fail(`no decision within ${DEADLINE_MS} ms`), DEADLINE_MS);
      try {
        const raw = await readAll();
        const decision = await checkCall(raw, { humanPresent: human, audit: o.audit });
        clearTimeout(timer);
        print(decision);
      } catch (e) {
        fail(`autogate check failed: ${(e as Error)?.message ?? e}`);
      }
    });
}

/** Decides one check request; every failure is a fail-closed, error-tier Decision, never a throw. */
export async function checkCall(raw: string, o: { humanPresent: boolean; audit?: boolean; env?: NodeJS.ProcessEnv }): Promise<Decision> {
  const paths = resolvePaths(o.env);
  const sink = o.audit === false ? () => {} : undefined;
  const prompt = promptOf(raw);
  if (prompt) await runHook(checkAdapter(o.humanPresent), JSON.stringify(prompt), paths, { sink, humanPresent: o.humanPresent });
  const result = await runHook(checkAdapter(o.humanPresent), raw, paths, { sink, humanPresent: o.humanPresent });
  return result.decision ?? errorOnly(o.humanPresent, "no decision was produced");
}

let answered = false;
function print(d: Decision): void {
  if (answered) return;
  answered = true;
  process.stdout.write(JSON.stringify(d) + "\n", () => process.exit(d.tier === "error" ? EXIT.error : EXIT[d.decision]));
}

const errorOnly = (humanPresent: boolean, message: string): Decision => ({ id: newDecisionId(), ...errorDecision({ humanPresent }, { code: "hook_internal", message }), latency_us: 0, policy_revision: "unknown" });

/** The check request's protocol: plain JSON, tool names in any supported agent's vocabulary. */
export function checkAdapter(humanPresent: boolean): Adapter {
  return {
    name: "generic",
    decode(raw: string): Decoded {
      const parsed = parseObject(raw, "autogate check", 'send one JSON object on stdin: {"tool": "Bash", "input": {"command": "ls"}, "cwd": "/abs/path"}');
      if (!parsed.ok) return parsed;
      const o = parsed.json;
      const sessionId = optional(o, "session");
      if (o.event === "user_prompt" && typeof o.prompt === "string") return { ok: true, event: "UserPromptSubmit", sessionId, userPrompt: o.prompt };
      const bad = (field: string, problem: string): Decoded => ({ ok: false, sessionId, error: { code: "hook_input_malformed", message: `check input field ${field}: ${problem}`, hint: 'expected {"tool": "Bash", "input": {"command": "ls"}, "cwd": "/abs/path"}' } });
      if (typeof o.tool !== "string" || !o.tool) return bad("tool", "must be a non-empty string");
      if (typeof o.cwd !== "string" || !path.isAbsolute(o.cwd)) return bad("cwd", "must be an absolute path");
      if (!("input" in o)) return bad("input", "missing");
      const agent = (AGENTS as string[]).includes(String(o.agent)) ? (o.agent as AgentName) : "generic";
      const call: ToolCall = { agent, tool: o.tool, input: o.input, cwd: o.cwd, sessionId, toolUseId: optional(o, "tool_use_id"), transcriptPath: optional(o, "transcript_path") };
      if (agent === "gemini") return geminiCall(call, typeof o.mcp_context === "object" && o.mcp_context !== null ? (o.mcp_context as Json) : undefined);
      // Codex's translation also covers apply_patch for any harness that sends one.
      if (agent === "codex" || o.tool === "apply_patch") return codexCall(call);
      return { ok: true, event: "PreToolUse", call };
    },
    encode: (d) => ({ stdout: JSON.stringify(d), exitCode: 0 }),
    humanPresent: () => humanPresent,
  };
}

/** `user_prompt` in a check request: remembered for the session before the call is judged. */
function promptOf(raw: string): Json | undefined {
  try {
    const o = JSON.parse(raw) as Json;
    return typeof o.user_prompt === "string" && typeof o.session === "string" ? { event: "user_prompt", session: o.session, prompt: o.user_prompt } : undefined;
  } catch {
    return undefined;
  }
}

function readAll(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on("data", (c: Buffer) => chunks.push(c));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", reject);
  });
}
