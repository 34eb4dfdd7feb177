import { createHash } from "node:crypto";
import path from "node:path";
import { shellQuote, type Json, type SettingsObject } from "./claude-code-settings.ts";

/**
 * Editing Codex's hook files without disturbing anything else in them: `$CODEX_HOME/hooks.json`
 * (the hooks) and `$CODEX_HOME/config.toml` (the trust record). Codex skips a hook that is not
 * trusted, silently, in `codex exec`: a hook written without its trust entry protects nothing. Trust
 * is `[hooks.state."<hooks.json path>:<event>:<group>:<handler>"] trusted_hash = "sha256:…"`, the hash
 * of the hook's normalised identity (verified against Codex 0.169's own `hooks/list`, see
 * shared/docs/other-agents.md). Pure apart from the environment passed in; file I/O is in the commands.
 */
export type CodexEvent = "PreToolUse" | "UserPromptSubmit";
const SNAKE: Record<CodexEvent, string> = { PreToolUse: "pre_tool_use", UserPromptSubmit: "user_prompt_submit" };
export const CODEX_EVENTS: CodexEvent[] = ["PreToolUse", "UserPromptSubmit"];
/** Seconds (Codex's unit). The hook answers itself within its own 20 s deadline. */
export const CODEX_HOOK_TIMEOUT_S = 30;

export function codexHome(env: NodeJS.ProcessEnv, home: string): string {
  return path.resolve(env.CODEX_HOME || path.join(home, ".codex"));
}

/**
 * The hook commands, run by `$SHELL -lc` (Codex) or `bash -c` (Gemini). The tool-call hook is wrapped
 * in `sh -c … || exit 2`, so that a hook that cannot even start (node moved, a broken install: exit 1
 * or 127, which both agents treat as "run the tool") still blocks: exit 2 with a reason on stderr
 * blocks in both. The prompt hook is not: exit 2 there would throw away the user's message, and a
 * failed prompt hook costs nothing but the session's intent.
 */
export interface AgentHookCommands {
  tool: string;
  prompt: string;
}

export function agentHookCommands(nodePath: string, binPath: string, agent: "codex" | "gemini"): AgentHookCommands {
  const plain = [nodePath, binPath, "hook", agent].map(shellQuote).join(" ");
  const guarded = `${plain} || { echo "autogate: the hook could not run (exit $?), so this tool call is blocked; run: autogate doctor --agent ${agent}" >&2; exit 2; }`;
  return { tool: `/bin/sh -c ${shellQuote(guarded)}`, prompt: plain };
}

export function isOurAgentCommand(command: unknown, agent: "codex" | "gemini"): boolean {
  return typeof command === "string" && /autogate/i.test(command) && new RegExp(`\\shook\\s+${agent}(\\s|$|['"])`).test(command);
}

export interface CodexHandler {
  event: CodexEvent;
  group: number;
  handler: number;
  matcher?: string;
  command: string;
  timeout?: number;
  async?: boolean;
  statusMessage?: string;
}

/** The key Codex stores trust under. */
export function trustKey(hooksFile: string, event: CodexEvent, group: number, handler: number): string {
  return `${hooksFile}:${SNAKE[event]}:${group}:${handler}`;
}

/**
 * Codex's hash of a command hook: sha256 of the compact JSON, keys sorted, of the normalised group
 * with just this handler (timeout defaults to 600 s, at least 1; matcher only where the event has one).
 */
export function trustHash(h: Pick<CodexHandler, "event" | "matcher" | "command" | "timeout" | "async" | "statusMessage">): string {
  const handler: SettingsObject = { type: "command", command: h.command, timeout: Math.max(1, h.timeout ?? 600), async: h.async ?? false };
  if (h.statusMessage !== undefined) handler.statusMessage = h.statusMessage;
  const identity: SettingsObject = { event_name: SNAKE[h.event], hooks: [handler] };
  if (h.event === "PreToolUse" && h.matcher !== undefined) identity.matcher = h.matcher;
  return "sha256:" + createHash("sha256").update(JSON.stringify(sorted(identity))).digest("hex");
}

const sorted = (v: Json): Json =>
  Array.isArray(v) ? v.map(sorted) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v;

/** Every command hook in hooks.json with its position (positions are part of the trust key). */
export function codexHandlers(settings: SettingsObject): CodexHandler[] {
  const out: CodexHandler[] = [];
  const hooks = isObject(settings.hooks) ? settings.hooks : {};
  for (const event of CODEX_EVENTS) {
    const groups = hooks[event];
    if (!Array.isArray(groups)) continue;
    groups.forEach((g, group) => {
      if (!isObject(g) || !Array.isArray(g.hooks)) return;
      g.hooks.forEach((h, handler) => {
        if (!isObject(h) || h.type !== "command" || typeof h.command !== "string") return;
        out.push({
          event, group, handler, command: h.command,
          matcher: typeof g.matcher === "string" ? g.matcher : undefined,
          timeout: typeof h.timeout === "number" ? h.timeout : undefined,
          async: typeof h.async === "boolean" ? h.async : undefined,
          statusMessage: typeof h.statusMessage === "string" ? h.statusMessage : undefined,
        });
      });
    });
  }
  return out;
}

const ourGroup = (event: CodexEvent, commands: AgentHookCommands): SettingsObject => {
  const command = event === "PreToolUse" ? commands.tool : commands.prompt;
  const hooks: Json[] = [{ type: "command", command, timeout: CODEX_HOOK_TIMEOUT_S }];
  return event === "PreToolUse" ? { matcher: "*", hooks } : { hooks };
};

const isOurGroup = (g: Json): boolean => isObject(g) && Array.isArray(g.hooks) && g.hooks.length > 0 && g.hooks.every((h) => isObject(h) && isOurAgentCommand(h.command, "codex"));

/**
 * Adds (or updates in place) our group per event. A new group goes LAST: trust keys hold positions,
 * so inserting in front would silently untrust every hook after it.
 */
export function withCodexAutogate(settings: SettingsObject, commands: AgentHookCommands): SettingsObject {
  const out = structuredClone(settings);
  const hooks = (out.hooks ??= {}) as SettingsObject;
  for (const event of CODEX_EVENTS) {
    const groups = [...((hooks[event] ?? []) as Json[])];
    const at = groups.findIndex(isOurGroup);
    if (at >= 0) groups[at] = ourGroup(event, commands);
    else groups.push(ourGroup(event, commands));
    hooks[event] = groups;
  }
  return out;
}

/**
 * Removes our groups. Returns the positions that moved, so the caller can move the trust entries
 * of the user's own hooks with them (otherwise they would silently stop running).
 */
export function withoutCodexAutogate(settings: SettingsObject): { settings: SettingsObject; removed: number; moved: { event: CodexEvent; from: number; to: number }[] } {
  const out = structuredClone(settings);
  const hooks = out.hooks;
  const moved: { event: CodexEvent; from: number; to: number }[] = [];
  let removed = 0;
  if (!isObject(hooks)) return { settings: out, removed, moved };
  for (const event of CODEX_EVENTS) {
    const groups = hooks[event];
    if (!Array.isArray(groups)) continue;
    const kept: Json[] = [];
    groups.forEach((g, i) => {
      if (isOurGroup(g)) return void removed++;
      if (kept.length !== i) moved.push({ event, from: i, to: kept.length });
      kept.push(g);
    });
    if (kept.length) hooks[event] = kept;
    else delete hooks[event];
  }
  if (removed && Object.keys(hooks).length === 0) delete out.hooks;
  return { settings: out, removed, moved };
}

function isObject(x: unknown): x is SettingsObject {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
