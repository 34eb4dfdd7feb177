import type { Action } from "../action/action.ts";
import { scanContent } from "./content-scan.ts";
import type { Effect, PathRef } from "./effect.ts";
import type { AnalysisEnv } from "./environment.ts";
import { scanCode } from "./code-scan.ts";
import { analyzeShell } from "./shell/analyze-shell.ts";
import { otherUserTilde, resolvePath } from "./paths.ts";
import { hostOf, isMetadataHost, urlCarriesSecret } from "./programs/net.ts";
import { CHANGING_SQL } from "./programs/data-stores.ts";

/**
 * `mcp__server__tool` calls: a read or a write by the server's own annotations when it sends them,
 * else by the tool's name, its SQL, its HTTP method; plus the paths and URLs its arguments name.
 */
export function mcpEffects(action: Extract<Action, { kind: "mcp" }>, path: (p: string) => PathRef, env: AnalysisEnv): Effect[] {
  const nature = mcpNature(action);
  // `{owner, repo, path: ".env"}`: a file in a remote repository or bucket, not on this machine.
  const remote = hasKey(action.args, (k) => /^(owner|repo|repository|bucket|project_?id|org|organization)$/i.test(k), 3);
  // A shell tool whose command was analysed is that command, as if the agent ran it with Bash.
  const ran = commandsRun(action, env);
  return [{ type: "mcp", server: action.server, tool: action.tool, nature: ran.length ? "read" : nature }, ...mcpPathEffects(action.args, nature, remote ? undefined : path), ...ran, ...credentialTools(action)];
}

/**
 * Shell and code-runner tools (`shell__run_command {command}`, `terminal__execute`, `ide__executeCode
 * {code}`): the command they are given is analysed as if the agent ran it with Bash.
 */
function commandsRun(action: Extract<Action, { kind: "mcp" }>, env: AnalysisEnv): Effect[] {
  const words = wordsOf(`${action.server} ${action.tool}`);
  if (!words.some((w) => RUNNER_WORDS.test(w)) || !action.args || typeof action.args !== "object") return [];
  const args = action.args as Record<string, unknown>;
  const out: Effect[] = [];
  for (const [key, value] of Object.entries(args)) {
    if (typeof value !== "string") continue;
    if (/^(command|cmd|script|shell_?command|command_?line|cmdline)$/i.test(key)) out.push(...analyzeShell(value, env).effects.map((e) => ({ ...e, span: undefined, via: "shell" as const })));
    else if (/^(code|source)$/i.test(key)) {
      const lang = String(args.language ?? args.lang ?? action.tool).toLowerCase();
      const sink: Effect[] = [];
      const host = { path: (p: string) => resolvePath(p, env.cwd, env, true), emit: (e: Effect) => sink.push({ ...e, via: "code" }), shell: (src: string) => sink.push(...analyzeShell(src, env).effects.map((e) => ({ ...e, span: undefined, via: "shell" as const }))) };
      if (/python|py\b/.test(lang)) scanCode("python", value, host);
      else if (/javascript|typescript|node|js\b|ts\b/.test(lang)) scanCode("node", value, host);
      else sink.push({ type: "dynamic", reason: `${action.tool} runs code in a language autogate does not read` });
      out.push(...sink);
    }
  }
  return out;
}
const RUNNER_WORDS = /^(run|exec|execute|command|terminal|shell|bash|process|cmd|evaluate|eval|repl|interpreter)$/;

/** Tools whose name says they hand out credentials: cookies, passwords, tokens, secrets, keys. */
function credentialTools(action: Extract<Action, { kind: "mcp" }>): Effect[] {
  const words = wordsOf(action.tool);
  return words.some((w) => /^(cookies?|passwords?|secrets?|tokens?|credentials?|keychain|api_?keys?|apikeys?)$/.test(w)) && !words.some((w) => /^(list|count)$/.test(w))
    ? [{ type: "read", path: `mcp:${action.server}/${action.tool}`, class: "secret", note: "the tool's name says it returns credentials" }]
    : [];
}

/** Verbs that only look, and words that, anywhere in the name, make it a change (`read_and_forward`). */
const READ_WORDS = new Set(["get", "list", "read", "search", "fetch", "query", "describe", "find", "view", "show", "lookup", "count", "check", "browse", "inspect", "retrieve", "whoami", "ping", "snapshot", "screenshot"]);
const CHANGE_WORDS = /^(delete|remove|drop|run|exec|execute|install|update|write|set|send|create|kill|navigate|click|type|evaluate|upload|export|resolve|forward|share|merge|push|post|publish|put|patch|move|rename|archive|approve|commit|reply|email|submit|assign|close|cancel|trigger|deploy|apply|grant|revoke|invite|transfer|pay|insert|truncate|add|edit|fill|press|select|drag|upsert|replace|purge|reset|restore|sync|destroy|erase|wipe|rollback|revert|terminate|kill|stop|shutdown|reboot|format|detach|unmount|prune|clean|clear|flush|disable|deactivate|suspend|evict|scale|drain|cordon|uninstall|abort|cancel)$/;
const WRITE_VERBS = /^(create|update|delete|remove|send|post|write|put|set|add|merge|close|push|publish|upload|pay|transfer|execute|run|invoke|deploy|edit|move|rename|archive|cancel|approve|comment|reply|forward|email|message|submit|insert|drop|kill|stop|start|restart|install|uninstall|grant|revoke|share|invite|assign|transition|trigger|apply|commit|fork|star|subscribe)/i;

/** `read_and_forward`, `getAndShare`, `list-prs` → lower-case words. */
const wordsOf = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

function mcpNature(action: Extract<Action, { kind: "mcp" }>): "read" | "write" | "unknown" {
  // The server's own annotations win; a destructive hint wins over a read-only claim.
  const h = action.hints;
  if (h?.destructive) return "write";
  if (h?.readOnly) return "read";
  // The verb may follow a noun (`browser_snapshot`, `issue_get`): the first word that is a verb decides.
  const words = wordsOf(action.tool);
  const at = Math.max(0, words.findIndex((w) => READ_WORDS.has(w) || CHANGE_WORDS.test(w)));
  const [first = "", ...rest] = [words[at] ?? "", ...words.filter((_, i) => i !== at)];
  const args = JSON.stringify(action.args ?? "");
  const sendsBody = hasKey(action.args, (k, v) => (/^(http_?)?method$/i.test(k) && typeof v === "string" && !/^(get|head|options)$/i.test(v)) || /^(body|data|json|form|payload)$/i.test(k));
  const looks = READ_WORDS.has(first) && !rest.some((w) => CHANGE_WORDS.test(w)) && !sendsBody;
  // A query tool runs whatever SQL it is given: a read only when the SQL changes nothing.
  if (looks && (!/sql|query|exec/i.test(action.tool) || !CHANGING_SQL.test(args))) return "read";
  return WRITE_VERBS.test(action.tool) || looks ? "write" : "unknown";
}

function hasKey(args: unknown, test: (key: string, value: unknown) => boolean, maxDepth = 3, depth = 0): boolean {
  if (!args || typeof args !== "object" || depth > maxDepth) return false;
  return Object.entries(args as Record<string, unknown>).some(([k, v]) => test(k, v) || hasKey(v, test, maxDepth, depth + 1));
}

/** Argument names that hold a file path in MCP tools (filesystem, editors, git servers). */
const PATH_ARG = /^(path|paths|file|files|file_?path|filename|file_?name|source|destination|target|src|dest|dir|directory|root|uri|url|absolute_?path|abs_?path|full_?path|notebook_?path|cwd)$/i;

/**
 * An MCP tool that takes a path touches that path: `mcp__filesystem__read_file {path: ~/.aws/credentials}`
 * is a secret read like any other, and a write to `~/.bashrc` is a write to a protected file.
 */
function mcpPathEffects(args: unknown, nature: "read" | "write" | "unknown", path: ((p: string) => PathRef) | undefined, depth = 0): Effect[] {
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
      if (typeof raw === "string" && /^https?:\/\//i.test(raw) && isMetadataHost(hostOf(raw))) {
        out.push({ type: "read", path: raw, class: "secret", note: "cloud metadata credentials" });
        continue;
      }
      if (typeof raw === "string" && /^https?:\/\//i.test(raw)) {
        out.push(urlCarriesSecret(raw) ? { type: "net", direction: "upload", host: hostOf(raw), url: raw, payload: "secret" } : { type: "net", direction: "download", host: hostOf(raw), url: raw });
        continue;
      }
      // `file:///x` is the path /x; `~user/x` is another user's home, which we do not resolve. A
      // relative path is taken from the agent's folder (servers are usually rooted at the project):
      // `.env` and `../../root/.ssh/id_rsa` name what they name wherever the root is.
      const v = typeof raw === "string" ? raw.replace(/^file:\/\//i, "") : raw;
      if (!path || typeof v !== "string" || v === "" || /^[a-z][a-z0-9+.-]*:/i.test(v) || /\s/.test(v) && !/^(\/|~)/.test(v)) continue;
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
