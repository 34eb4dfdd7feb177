import path from "node:path";
import type { Json, SettingsObject, SettingsScope } from "./claude-code-settings.ts";
import { isOurAgentCommand, type AgentHookCommands } from "./codex-settings.ts";

/**
 * Editing Gemini CLI's settings.json hooks without disturbing anything else in it. BeforeTool gates
 * tool calls; BeforeAgent hands autogate the user's prompt (the session's intent). Gemini reads
 * `timeout` in milliseconds and runs hooks only in folders it trusts: in an untrusted folder it
 * drops every settings hook and asks the user about each tool itself. Pure apart from the
 * environment passed in; the file I/O is in the commands.
 */
export type GeminiEvent = "BeforeTool" | "BeforeAgent";
export const GEMINI_EVENTS: GeminiEvent[] = ["BeforeTool", "BeforeAgent"];
/** Milliseconds (Gemini's unit): 30 s, while the hook answers itself within its own 20 s deadline. */
export const GEMINI_HOOK_TIMEOUT_MS = 30_000;
export const GEMINI_HOOK_NAME = "autogate";

/** Gemini honours GEMINI_CLI_HOME in place of the home folder (~/.gemini → $GEMINI_CLI_HOME/.gemini). */
export function geminiSettingsPath(scope: SettingsScope, env: NodeJS.ProcessEnv, home: string, cwd: string): string {
  if (scope === "project") return path.join(cwd, ".gemini", "settings.json");
  return path.join(env.GEMINI_CLI_HOME || home, ".gemini", "settings.json");
}

const ourGroup = (event: GeminiEvent, commands: AgentHookCommands): SettingsObject => {
  const command = event === "BeforeTool" ? commands.tool : commands.prompt;
  const hooks: Json[] = [{ name: GEMINI_HOOK_NAME, type: "command", command, timeout: GEMINI_HOOK_TIMEOUT_MS }];
  return event === "BeforeTool" ? { matcher: ".*", hooks } : { hooks };
};

const isOurHook = (h: Json): boolean => isObject(h) && isOurAgentCommand(h.command, "gemini");
const isOurGroup = (g: Json): boolean => isObject(g) && Array.isArray(g.hooks) && g.hooks.length > 0 && g.hooks.every(isOurHook);

/** Adds (or updates in place) our group per event; every other key and hook stays as it was. */
export function withGeminiAutogate(settings: SettingsObject, commands: AgentHookCommands): SettingsObject {
  const out = structuredClone(settings);
  const hooks = (out.hooks ??= {}) as SettingsObject;
  if (!isObject(hooks)) throw new Error(`"hooks" must be an object; the file was not changed.`);
  for (const event of GEMINI_EVENTS) {
    const groups = [...((Array.isArray(hooks[event]) ? hooks[event] : []) as Json[])];
    const at = groups.findIndex(isOurGroup);
    if (at >= 0) groups[at] = ourGroup(event, commands);
    else groups.push(ourGroup(event, commands));
    hooks[event] = groups;
  }
  return out;
}

export function withoutGeminiAutogate(settings: SettingsObject): { settings: SettingsObject; removed: number } {
  const out = structuredClone(settings);
  const hooks = out.hooks;
  let removed = 0;
  if (!isObject(hooks)) return { settings: out, removed };
  for (const event of GEMINI_EVENTS) {
    const groups = hooks[event];
    if (!Array.isArray(groups)) continue;
    const kept: Json[] = [];
    for (const g of groups) {
      if (!isObject(g) || !Array.isArray(g.hooks)) {
        kept.push(g);
        continue;
      }
      const others = g.hooks.filter((h) => !isOurHook(h));
      removed += g.hooks.length - others.length;
      if (others.length) kept.push(others.length === g.hooks.length ? g : { ...g, hooks: others });
    }
    if (kept.length) hooks[event] = kept;
    else delete hooks[event];
  }
  if (removed && Object.keys(hooks).length === 0) delete out.hooks;
  return { settings: out, removed };
}

/** Our hooks per event, for doctor. */
export function findGeminiAutogate(settings: SettingsObject): { event: GeminiEvent; command: string; matcher?: string; timeout?: number; name?: string }[] {
  const hooks = isObject(settings.hooks) ? settings.hooks : {};
  return GEMINI_EVENTS.flatMap((event) =>
    (Array.isArray(hooks[event]) ? (hooks[event] as Json[]) : []).flatMap((g) =>
      isObject(g) && Array.isArray(g.hooks)
        ? g.hooks.filter(isOurHook).map((h) => {
            const o = h as SettingsObject;
            return { event, command: o.command as string, matcher: typeof g.matcher === "string" ? g.matcher : undefined, timeout: typeof o.timeout === "number" ? o.timeout : undefined, name: typeof o.name === "string" ? o.name : undefined };
          })
        : [],
    ),
  );
}

/** Settings that switch our hook off although it is written: hooks disabled, or ours by name. */
export function geminiHooksDisabled(settings: SettingsObject): string | undefined {
  const cfg = isObject(settings.hooksConfig) ? settings.hooksConfig : {};
  if (cfg.enabled === false) return "hooksConfig.enabled is false";
  if (Array.isArray(cfg.disabled) && cfg.disabled.includes(GEMINI_HOOK_NAME)) return `hooksConfig.disabled lists "${GEMINI_HOOK_NAME}"`;
  return undefined;
}

function isObject(x: unknown): x is SettingsObject {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
