import type { Decision } from "../../core/decision/decision.ts";
import { errorDecision } from "../../core/pipeline.ts";
import { runHook } from "../hook-runner.ts";
import { newDecisionId } from "../runtime/clock.ts";
import { resolvePaths } from "../runtime/paths.ts";
import type { Adapter } from "./adapter.ts";
import { claudeCode } from "./claude-code.ts";
import { askAsBlock, blockReason } from "./payload.ts";

/**
 * autogate inside an app built on the Claude Agent SDK (@anthropic-ai/claude-agent-sdk, an optional
 * peer dependency: nothing here imports it, the types below mirror the parts we use). Two entry
 * points, meant to be used together:
 * - `hooks.PreToolUse`: sees EVERY tool call, including calls the app's allowedTools or permission
 *   mode would approve without asking (canUseTool never sees those), and answers allow/deny/ask;
 * - `canUseTool`: where the SDK asks permission; an autogate `ask` goes to the app's `onAsk` (its
 *   person), or is refused with a reason when the app has nobody to ask.
 * `hooks.UserPromptSubmit` remembers the user's words as the session's intent. Decisions, session
 * memory and the audit log are the command hook's own (agent "sdk"), so one policy covers all agents.
 *
 *   const gate = autogateForAgentSdk({ onAsk: async (tool, input, d) => confirm(d.reason_for_user) });
 *   query({ prompt, options: { hooks: gate.hooks, canUseTool: gate.canUseTool } });
 */
export interface SdkPreToolUseInput {
  hook_event_name: string;
  tool_name?: string;
  tool_input?: unknown;
  tool_use_id?: string;
  session_id?: string;
  transcript_path?: string;
  cwd?: string;
  permission_mode?: string;
  prompt?: string;
}
export type SdkHookOutput = { hookSpecificOutput?: { hookEventName: "PreToolUse"; permissionDecision: "allow" | "deny" | "ask"; permissionDecisionReason: string } };
export type SdkHookCallback = (input: SdkPreToolUseInput, toolUseID: string | undefined, options: { signal: AbortSignal }) => Promise<SdkHookOutput>;
export type SdkPermissionResult = { behavior: "allow"; updatedInput: Record<string, unknown> } | { behavior: "deny"; message: string; interrupt?: boolean };
export type SdkCanUseTool = (toolName: string, input: Record<string, unknown>, options: { signal: AbortSignal; toolUseID?: string; [k: string]: unknown }) => Promise<SdkPermissionResult>;

export interface AutogateSdkOptions {
  /** Working folder for calls whose input carries none (canUseTool); default process.cwd(). */
  cwd?: string;
  /** Session id for canUseTool calls (the hooks get the SDK's own). */
  sessionId?: string;
  /** Is a person there to answer asks through canUseTool? Default: only when onAsk is given. */
  humanPresent?: boolean;
  /** Called with an ask; true runs the tool. Without it an ask is refused, with a reason. */
  onAsk?: (toolName: string, input: Record<string, unknown>, decision: Decision) => boolean | Promise<boolean>;
  /** Environment for autogate's paths (XDG_*, AUTOGATE_STATE_DIR); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Decide within this many ms or fail closed; default 20000. */
  deadlineMs?: number;
}

export interface AutogateSdk {
  hooks: { PreToolUse: { hooks: SdkHookCallback[] }[]; UserPromptSubmit: { hooks: SdkHookCallback[] }[] };
  canUseTool: SdkCanUseTool;
  /** The decision for one call, as the hook would make it (for apps with their own loop). */
  decide(toolName: string, input: unknown, o?: { cwd?: string; sessionId?: string; toolUseId?: string }): Promise<Decision>;
}

export function autogateForAgentSdk(opts: AutogateSdkOptions = {}): AutogateSdk {
  const human = opts.humanPresent ?? opts.onAsk !== undefined;
  const paths = () => resolvePaths(opts.env ?? process.env);
  const adapter: Adapter = {
    ...claudeCode,
    name: "sdk",
    decode(raw) {
      const d = claudeCode.decode(raw);
      return d.ok && d.event === "PreToolUse" ? { ...d, call: { ...d.call, agent: "sdk" } } : d;
    },
    humanPresent: () => human,
  };
  // The hook's ask, remembered so canUseTool (which the SDK calls next) does not decide it twice.
  const asked = new Map<string, Decision>();

  const run = async (payload: Record<string, unknown>): Promise<Decision> => {
    const deadline = opts.deadlineMs ?? 20_000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Decision>((resolve) => {
      timer = setTimeout(() => resolve(failed(human, `no decision within ${deadline} ms`)), deadline);
    });
    try {
      const decided = runHook(adapter, JSON.stringify(payload), paths(), { humanPresent: human }).then((r) => r.decision ?? failed(human, "no decision was produced"));
      return await Promise.race([decided, late]);
    } catch (e) {
      return failed(human, (e as Error)?.message ?? String(e));
    } finally {
      clearTimeout(timer);
    }
  };

  const decide: AutogateSdk["decide"] = (toolName, input, o = {}) =>
    run({ hook_event_name: "PreToolUse", tool_name: toolName, tool_input: input, cwd: o.cwd ?? opts.cwd ?? process.cwd(), session_id: o.sessionId ?? opts.sessionId, tool_use_id: o.toolUseId });

  const preToolUse: SdkHookCallback = async (input, toolUseID) => {
    const d = await run({ ...input, hook_event_name: "PreToolUse", cwd: input.cwd ?? opts.cwd ?? process.cwd(), tool_use_id: input.tool_use_id ?? toolUseID });
    const id = input.tool_use_id ?? toolUseID;
    if (d.decision === "ask" && id) asked.set(id, d);
    const reason = d.decision === "deny" ? blockReason(d) : `${d.reason_for_user} [autogate ${d.id}]`;
    return { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: d.decision, permissionDecisionReason: reason } };
  };

  const userPrompt: SdkHookCallback = async (input) => {
    if (typeof input.prompt === "string") await runHook(adapter, JSON.stringify({ ...input, hook_event_name: "UserPromptSubmit" }), paths()).catch(() => undefined);
    return {};
  };

  const canUseTool: SdkCanUseTool = async (toolName, input, options) => {
    const remembered = options.toolUseID ? asked.get(options.toolUseID) : undefined;
    if (options.toolUseID) asked.delete(options.toolUseID);
    const d = remembered ?? (await decide(toolName, input, { toolUseId: options.toolUseID }));
    if (d.decision === "allow") return { behavior: "allow", updatedInput: input };
    if (d.decision === "deny") return { behavior: "deny", message: blockReason(d) };
    if (opts.onAsk) {
      try {
        if (await opts.onAsk(toolName, input, d)) return { behavior: "allow", updatedInput: input };
        return { behavior: "deny", message: `The user declined: ${d.reason_for_user} [autogate ${d.id}]` };
      } catch (e) {
        return { behavior: "deny", message: `autogate could not ask the user (${(e as Error)?.message ?? e}), so this is blocked [autogate ${d.id}]` };
      }
    }
    return { behavior: "deny", message: askAsBlock(d, "this Agent SDK app") };
  };

  return { hooks: { PreToolUse: [{ hooks: [preToolUse] }], UserPromptSubmit: [{ hooks: [userPrompt] }] }, canUseTool, decide };
}

const failed = (humanPresent: boolean, message: string): Decision => ({ id: newDecisionId(), ...errorDecision({ humanPresent }, { code: "hook_internal", message }), latency_us: 0, policy_revision: "unknown" });
