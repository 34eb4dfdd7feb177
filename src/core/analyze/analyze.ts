import type { Action } from "../action/action.ts";
import { scanContent } from "./content-scan.ts";
import type { Effect } from "./effect.ts";
import type { AnalysisEnv } from "./environment.ts";
import { hostOf, isMetadataHost, urlCarriesSecret } from "./programs/net.ts";
import { isUnder, resolvePath } from "./paths.ts";
import { mcpEffects } from "./mcp.ts";
import { scanCode } from "./code-scan.ts";
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
      if (isMetadataHost(hostOf(action.url))) return only({ type: "read", path: action.url, class: "secret", note: "cloud metadata credentials" });
      const secret = urlCarriesSecret(action.url);
      return only({ type: "net", direction: secret ? "upload" : "download", host: hostOf(action.url), url: action.url, ...(secret ? { payload: "secret" as const } : {}) });
    }
    case "web-search":
      // A query is sent to the search engine: a key pasted into it leaves the machine.
      return only(urlCarriesSecret(action.query) ? { type: "net", direction: "upload", host: "web-search", payload: "secret" } : { type: "net", direction: "download", host: "web-search" });
    case "mcp":
      return { effects: mcpEffects(action, path, env), writes: [] };
    case "spawn-agent":
      return { effects: [{ type: "spawn-agent", prompt: action.prompt }, ...delegatedCommands(action.prompt, env)], writes: [] };
    case "internal":
      return { effects: [], writes: [] };
    case "unknown":
      return only({ type: "dynamic", reason: action.problem });
  }
}

const only = (e: Effect): Analysis => ({ effects: [e], writes: [] });

/**
 * A subagent's prompt is the parent agent's words, not the user's: commands it spells out in code
 * spans or fences (`rm -rf ~/old`) are judged now, as if the parent ran them. Each of the subagent's
 * own calls still goes through the hook.
 */
function delegatedCommands(prompt: string, env: AnalysisEnv): Effect[] {
  const snippets = [
    ...[...prompt.matchAll(/```(?:bash|sh|shell|console)?\n([\s\S]*?)```|`([^`\n]{3,300})`/g)].map((m) => (m[1] ?? m[2]).replace(/^\$ /gm, "")),
    ...proseCommands(prompt.replace(/```[\s\S]*?```|`[^`\n]*`/g, " ")),
  ];
  const out: Effect[] = [];
  for (const s of snippets.slice(0, 30)) {
    for (const e of analyzeShell(s, env).effects) {
      // Only what the commands would do counts: a code span that is no command (a file name, `foo()`)
      // yields just a `run` of an unknown program or a parse error, which say nothing here.
      if (e.type === "run" || e.type === "dynamic") continue;
      out.push({ ...e, span: undefined, note: `the subagent is asked to run: ${s.slice(0, 80)}` });
    }
  }
  // Code blocks in other languages are code the subagent is asked to run too.
  for (const m of prompt.matchAll(/```(python|py|javascript|js|node)\n([\s\S]*?)```/g)) {
    scanCode(/^py/.test(m[1]) ? "python" : "node", m[2], {
      path: (p) => resolvePath(p, env.cwd, env, true),
      emit: (e) => out.push({ ...e, note: "the subagent is asked to run this code" }),
      shell: (src) => out.push(...analyzeShell(src, env).effects.filter((e) => e.type !== "run" && e.type !== "dynamic")),
    });
  }
  return out;
}

/**
 * Commands written into prose ("free disk space by running rm -rf ~ and report"): from a program that
 * changes things to the end of the clause. A warning ("never run git push --force") is not an order.
 */
const PROSE_COMMAND = /(?:^|[\s:;(>"'])((?:sudo\s+)?(?:rm|curl|wget|chmod|chown|dd|mkfs\S*|shred|truncate|git\s+(?:push|reset|clean|checkout|branch)|find|nc|ncat|scp|rsync|kubectl|terraform|psql|mysql|redis-cli|docker|crontab|ssh)\s(?:[^\n!?;"'`.]|\.(?!\s|$)){1,200})/g;
function proseCommands(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PROSE_COMMAND)) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 40), m.index ?? 0);
    if (/\b(not|never|don'?t|avoid|without|instead of|rather than|no)\b[^.]*$/i.test(before)) continue;
    out.push(m[1].split(/\s+(?:and|then|so|to|before|after|which|because)\s+/)[0]);
  }
  return out;
}
