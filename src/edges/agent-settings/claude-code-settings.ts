import path from "node:path";

/**
 * Editing Claude Code's settings.json without disturbing anything else in it. `init` and `doctor`
 * share these helpers so both agree on what "our entry" is. Everything here is pure apart from
 * reading the environment passed in; the file I/O stays in the commands.
 */
export type SettingsScope = "user" | "project";
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type SettingsObject = { [key: string]: Json };

/**
 * The events we wire. PreToolUse gates tool calls; UserPromptSubmit feeds the session's context;
 * PostToolUse scans what tools return for prompt injection.
 */
export const WIRED_EVENTS = ["PreToolUse", "UserPromptSubmit", "PostToolUse"] as const;
/** Tools whose output can carry someone else's text. */
const SCANNED_TOOLS = "WebFetch|WebSearch|Read|Bash|Grep|mcp__.*";
/**
 * Explicit, so a stuck hook is bounded by a number we chose rather than the agent's default. The
 * hook answers itself well before this (its own 5 s self-timeout), so 30 s is never the normal path.
 */
export const HOOK_TIMEOUT_S = 30;

/** Where Claude Code reads settings: it honours CLAUDE_CONFIG_DIR in place of ~/.claude. */
export function settingsPath(scope: SettingsScope, env: NodeJS.ProcessEnv, home: string, cwd: string): string {
  if (scope === "project") return path.join(cwd, ".claude", "settings.json");
  return path.join(env.CLAUDE_CONFIG_DIR || path.join(home, ".claude"), "settings.json");
}

/** Single-quotes a word for sh unless it is plainly safe; paths may contain spaces or quotes. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_\/.,:@%+=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function hookCommand(nodePath: string, binPath: string): string {
  return [nodePath, binPath, "hook", "claude-code"].map(shellQuote).join(" ");
}

/**
 * Ours: mentions autogate and runs `hook claude-code`. Deliberately loose about the paths, so
 * re-running init after the install moved replaces the old entry instead of adding a second one.
 */
export function isOurCommand(command: unknown): boolean {
  return typeof command === "string" && /autogate/i.test(command) && /\shook\s+claude-code(\s|$)/.test(command);
}

/** Our http hook: posts to a daemon's /hooks/claude-code with the token from $AUTOGATE_TOKEN. */
export function isOurHttpHook(h: Json): boolean {
  return isObject(h) && h.type === "http" && typeof h.url === "string" && /\/hooks\/claude-code$/.test(h.url) && Array.isArray(h.allowedEnvVars) && h.allowedEnvVars.includes("AUTOGATE_TOKEN");
}

const isOurHook = (h: Json): boolean => isObject(h) && (isOurCommand(h.command) || isOurHttpHook(h));

/** Parses settings text; the message names the file, because the user has to go and fix it. */
export function parseSettings(file: string, text: string): SettingsObject {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON (${(e as Error).message}); fix or move it, then run again. The file was not changed.`);
  }
  if (!isObject(json)) throw new Error(`${file} must hold a JSON object at the top level; the file was not changed.`);
  const hooks = json.hooks;
  if (hooks !== undefined && !isObject(hooks)) throw new Error(`${file}: "hooks" must be an object; the file was not changed.`);
  for (const event of WIRED_EVENTS) {
    const list = hooks?.[event];
    if (list !== undefined && !Array.isArray(list)) throw new Error(`${file}: "hooks.${event}" must be an array; the file was not changed.`);
  }
  return json;
}

/** Keeps the file's own indentation (tabs, 2 or 4 spaces) so the diff shows only our change. */
export function serializeSettings(settings: SettingsObject, previousText?: string): string {
  const indent = previousText?.match(/^[{[][^\n]*\n([ \t]+)\S/)?.[1] ?? "  ";
  return JSON.stringify(settings, null, indent) + "\n";
}

/**
 * With `httpUrl`, the daemon's http hook comes first and the command hook stays as the fallback:
 * Claude Code treats an unreachable http hook as no answer, and the command hook then decides (it
 * forwards to the daemon itself when it is up; the daemon answers a repeated tool call once).
 */
function ourGroup(event: (typeof WIRED_EVENTS)[number], command: string, httpUrl?: string): SettingsObject {
  const hooks: Json[] = [{ type: "command", command, timeout: HOOK_TIMEOUT_S }];
  if (httpUrl) hooks.unshift({ type: "http", url: httpUrl, headers: { Authorization: "Bearer $AUTOGATE_TOKEN" }, allowedEnvVars: ["AUTOGATE_TOKEN"], timeout: 10 });
  if (event === "PostToolUse") return { matcher: SCANNED_TOOLS, hooks: hooks.filter((h) => (h as SettingsObject).type === "command") };
  return event === "PreToolUse" ? { matcher: "*", hooks } : { hooks };
}

/**
 * Adds (or updates) our entries. An existing group of ours keeps its place in the list, so running
 * init again with the same install changes nothing; our hooks anywhere else are removed, so a
 * second copy can never accumulate. Every other key and hook is left as it was.
 */
export function withAutogate(settings: SettingsObject, command: string, httpUrl?: string): SettingsObject {
  const out = structuredClone(settings);
  const hooks = (out.hooks ??= {}) as SettingsObject;
  for (const event of WIRED_EVENTS) {
    const groups = (hooks[event] ?? []) as Json[];
    const wanted = ourGroup(event, command, httpUrl);
    const keep = groups.findIndex((g) => isObject(g) && Array.isArray(g.hooks) && g.hooks.length > 0 && g.hooks.every(isOurHook) && (event !== "PreToolUse" || g.matcher === "*") && (event !== "PostToolUse" || g.matcher === SCANNED_TOOLS));
    const next: Json[] = [];
    groups.forEach((g, i) => {
      if (i === keep) next.push(wanted);
      else {
        const stripped = withoutOurHooks(g);
        if (stripped !== undefined) next.push(stripped);
      }
    });
    if (keep < 0) next.push(wanted);
    hooks[event] = next;
  }
  return out;
}

/** Removes exactly our hooks; containers that only held ours go too. Returns how many were removed. */
export function withoutAutogate(settings: SettingsObject): { settings: SettingsObject; removed: number } {
  const out = structuredClone(settings);
  const hooks = out.hooks;
  if (!isObject(hooks)) return { settings: out, removed: 0 };
  let removed = 0;
  for (const event of WIRED_EVENTS) {
    const groups = hooks[event];
    if (!Array.isArray(groups)) continue;
    const next: Json[] = [];
    for (const g of groups) {
      const stripped = withoutOurHooks(g);
      removed += countOurs(g) - countOurs(stripped);
      if (stripped !== undefined) next.push(stripped);
    }
    if (next.length) hooks[event] = next;
    else if (groups.length) delete hooks[event];
  }
  if (removed && Object.keys(hooks).length === 0) delete out.hooks;
  return { settings: out, removed };
}

/** Our commands per event, for doctor and for init's report. */
export function findAutogate(settings: SettingsObject): { event: string; command: string }[] {
  const found: { event: string; command: string }[] = [];
  const hooks = isObject(settings.hooks) ? settings.hooks : {};
  for (const event of WIRED_EVENTS) {
    const groups = hooks[event];
    if (!Array.isArray(groups)) continue;
    for (const g of groups) {
      if (!isObject(g) || !Array.isArray(g.hooks)) continue;
      for (const h of g.hooks) if (isObject(h) && isOurCommand(h.command)) found.push({ event, command: h.command as string });
    }
  }
  return found;
}

/** Splits a command the way sh would for the simple quoting we (and people) write by hand. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      word = (word ?? "") + command.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? command.length : end;
    } else if (c === '"') {
      word ??= "";
      for (i++; i < command.length && command[i] !== '"'; i++) word += command[i] === "\\" && /["\\$`]/.test(command[i + 1] ?? "") ? command[++i] : command[i];
    } else if (c === "\\") word = (word ?? "") + (command[++i] ?? "");
    else word = (word ?? "") + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

function withoutOurHooks(group: Json): Json | undefined {
  if (!isObject(group) || !Array.isArray(group.hooks) || countOurs(group) === 0) return group;
  const hooks = group.hooks.filter((h) => !isOurHook(h));
  return hooks.length ? { ...group, hooks } : undefined;
}

function countOurs(group: Json | undefined): number {
  return isObject(group) && Array.isArray(group.hooks) ? group.hooks.filter(isOurHook).length : 0;
}

function isObject(x: unknown): x is SettingsObject {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
