import type { Action } from "../action/action.ts";
import { scanContent } from "./content-scan.ts";
import type { Effect, PathRef } from "./effect.ts";
import type { AnalysisEnv } from "./environment.ts";
import { hostOf } from "./programs/net.ts";
import { isUnder, otherUserTilde, resolvePath } from "./paths.ts";
import { analyzeShell } from "./shell/analyze-shell.ts";

/**
 * Action → Effects. Pure: the same action and environment always give the same effects. `writes`
 * carries content the action puts on disk, so the session can judge a script when it is run later.
 */
export interface Analysis {
  effects: Effect[];
  /** `edit`: the text is a part of the file (an Edit's new text), not all of it. */
  writes: { path: string; content: string; edit?: boolean }[];
}

/** Secret-looking tokens in a URL mean data is leaving in the query string. */
const TOKEN_IN_URL = /(AKIA[0-9A-Z]{16}|AKIA%|(?:secret|token|password|passwd|api_?key|access_?key)=[^&\s]{8,}|gh[pousr]_[A-Za-z0-9]{20,}|sk-[A-Za-z0-9_-]{20,}|xox[abpr]-[A-Za-z0-9-]{10,}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}|-----BEGIN)/;
// A whole first word (`get_issue`, `listFiles`), not a prefix (`browser_click`, `status_update`), and
// no second verb that changes things (`search_and_delete`, `fetchAndRun`).
const READ_VERBS = /^(get|list|read|search|fetch|query|describe|find|view|show|lookup|count|check|browse|inspect|retrieve|whoami|ping)(?=$|[_\-.]|[A-Z0-9])(?!.*(delete|remove|drop|run|exec|install|update|write|set|send|create|kill|navigate|click|type|evaluate|upload|export|resolve))/i;
const WRITE_VERBS = /^(create|update|delete|remove|send|post|write|put|set|add|merge|close|push|publish|upload|pay|transfer|execute|run|invoke|deploy|edit|move|rename|archive|cancel|approve|comment|reply|forward|email|message|submit|insert|drop|kill|stop|start|restart|install|uninstall|grant|revoke|share|invite|assign|transition|trigger|apply|commit|fork|star|subscribe)/i;

export function analyzeAction(action: Action, env: AnalysisEnv): Analysis {
  const path = (p: string) => resolvePath(p, env.cwd, env);
  switch (action.kind) {
    case "exec":
      return analyzeShell(action.command, env);
    case "read":
      return only({ type: "read", ...path(action.path) });
    case "search": {
      // A search reads everything below its folder that its glob lets through: Grep over ~ reads
      // ~/.ssh, and `glob: ".env*"` reads .env files wherever they are.
      const root = path(action.path ?? ".");
      const filter = action.glob ?? (action.pattern.includes("*") || action.pattern.includes("/") ? action.pattern : undefined);
      const under = path(`${root.path.replace(/\/$/, "")}/${filter && !filter.startsWith("/") ? (filter.includes("/") ? filter : `**/${filter}`) : "**/*"}`);
      const holdsSecrets = [env.home, "/root", "/etc", "/"].some((d) => isUnder(d, root.path));
      return only({ type: "read", ...(holdsSecrets && !filter ? { path: root.path, class: "secret" as const } : under.class === "secret" ? under : root) });
    }
    case "write": {
      const target = path(action.path);
      return { effects: [{ type: "write", ...target }, ...scanContent(target, action.content)], writes: [{ path: target.path, content: action.content }] };
    }
    case "edit": {
      const target = path(action.path);
      // What an edit puts in joins what the session knows of the file, so running it later is judged
      // with the new text in (an edited script is no longer only the user's).
      return { effects: [{ type: "write", ...target }, ...scanContent(target, action.newText)], writes: [{ path: target.path, content: action.newText, edit: true }] };
    }
    case "fetch": {
      // Cloud metadata endpoints hand out the machine's credentials.
      if (/^https?:\/\/(169\.254\.169\.254|metadata\.google\.internal|100\.100\.100\.200)\b/i.test(action.url)) return only({ type: "read", path: action.url, class: "secret", note: "cloud metadata credentials" });
      const secret = TOKEN_IN_URL.test(action.url);
      return only({ type: "net", direction: secret ? "upload" : "download", host: hostOf(action.url), url: action.url, ...(secret ? { payload: "secret" as const } : {}) });
    }
    case "web-search":
      return only({ type: "net", direction: "download", host: "web-search" });
    case "mcp": {
      // The server's own annotations win; a destructive hint wins over a read-only claim.
      const h = action.hints;
      const nature = h?.destructive ? "write" : h?.readOnly ? "read" : READ_VERBS.test(action.tool) && !/sql|query/i.test(action.tool) ? "read" : READ_VERBS.test(action.tool) && !/\b(drop|delete|truncate|insert|update|alter|create|grant)\b/i.test(JSON.stringify(action.args ?? "")) ? "read" : WRITE_VERBS.test(action.tool) ? "write" : "unknown";
      return { effects: [{ type: "mcp", server: action.server, tool: action.tool, nature }, ...mcpPathEffects(action.args, nature, path)], writes: [] };
    }
    case "spawn-agent":
      return { effects: [{ type: "spawn-agent", prompt: action.prompt }, ...delegatedCommands(action.prompt, env)], writes: [] };
    case "internal":
      return { effects: [], writes: [] };
    case "unknown":
      return only({ type: "dynamic", reason: action.problem });
  }
}

const only = (e: Effect): Analysis => ({ effects: [e], writes: [] });

/** Argument names that hold a file path in MCP tools (filesystem, editors, git servers). */
const PATH_ARG = /^(path|paths|file|files|file_?path|filename|file_?name|source|destination|target|src|dest|dir|directory|root|uri|url|absolute_?path|abs_?path|full_?path|notebook_?path|cwd)$/i;

/**
 * An MCP tool that takes a path touches that path: `mcp__filesystem__read_file {path: ~/.aws/credentials}`
 * is a secret read like any other, and a write to `~/.bashrc` is a write to a protected file. Only
 * absolute and `~` paths: a relative one means whatever the server's root is, which we do not know.
 */
function mcpPathEffects(args: unknown, nature: "read" | "write" | "unknown", path: (p: string) => PathRef, depth = 0): Effect[] {
  if (!args || typeof args !== "object" || depth > 3) return [];
  const out: Effect[] = [];
  for (const [key, value] of Object.entries(args as Record<string, unknown>)) {
    // Nested argument objects (`{args: {path: …}}`) carry paths too.
    if (value && typeof value === "object" && !Array.isArray(value)) out.push(...mcpPathEffects(value, nature, path, depth + 1));
    // Under any other name, a value that is one absolute path still counts when it names credentials or
    // protected files (`{location: "~/.ssh/id_rsa"}`); anything else there is too often an API route.
    const guardedOnly = !PATH_ARG.test(key);
    for (const raw of Array.isArray(value) ? value : [value]) {
      if (guardedOnly && !(typeof raw === "string" && /^(\/|~\/|file:\/\/)[^\s]+$/i.test(raw))) continue;
      // A web URL argument is a fetch: one carrying a token sends it.
      if (typeof raw === "string" && /^https?:\/\//i.test(raw)) {
        out.push(TOKEN_IN_URL.test(raw) ? { type: "net", direction: "upload", host: hostOf(raw), url: raw, payload: "secret" } : { type: "net", direction: "download", host: hostOf(raw), url: raw });
        continue;
      }
      // `file:///x` is the path /x; `~user/x` is another user's home, which we do not resolve.
      const v = typeof raw === "string" ? raw.replace(/^file:\/\//i, "") : raw;
      if (typeof v !== "string" || !/^(\/|~)/.test(v)) continue;
      const other = /^~[^/]/.test(v) ? otherUserTilde(v) : undefined;
      const ref = /^~[^/]/.test(v) && !other ? { path: v, class: "unknown" as const } : path(other ?? v);
      if (guardedOnly && ref.class !== "secret" && ref.class !== "protected") continue;
      out.push(nature === "read" ? { type: "read", ...ref } : { type: "write", ...ref });
      // What a write puts there is judged as a Write tool's content is (cron lines, curl | sh, keys).
      const content = (args as Record<string, unknown>).content;
      if (nature !== "read" && typeof content === "string") out.push(...scanContent(ref, content));
      if (out.length >= 20) return out;
    }
  }
  return out;
}

/**
 * A subagent's prompt is the parent agent's words, not the user's: commands it spells out in code
 * spans or fences (`rm -rf ~/old`) are judged now, as if the parent ran them. Each of the subagent's
 * own calls still goes through the hook.
 */
function delegatedCommands(prompt: string, env: AnalysisEnv): Effect[] {
  const snippets = [...prompt.matchAll(/```(?:bash|sh|shell|console)?\n([\s\S]*?)```|`([^`\n]{3,300})`/g)].map((m) => (m[1] ?? m[2]).replace(/^\$ /gm, ""));
  const out: Effect[] = [];
  for (const s of snippets.slice(0, 20)) {
    for (const e of analyzeShell(s, env).effects) {
      // Only what the commands would do counts: a code span that is no command (a file name, `foo()`)
      // yields just a `run` of an unknown program or a parse error, which say nothing here.
      if (e.type === "run" || e.type === "dynamic") continue;
      out.push({ ...e, span: undefined, note: `the subagent is asked to run: ${s.slice(0, 80)}` });
    }
  }
  return out;
}
