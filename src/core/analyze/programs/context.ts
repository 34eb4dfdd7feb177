import type { Effect, PathRef } from "../effect.ts";
import type { AnalysisEnv } from "../environment.ts";
import type { ShellWord, SimpleCommand } from "../shell/command.ts";

/**
 * What a program handler gets: the command's words (wrappers already peeled off), helpers to resolve
 * paths, and a way to analyse nested code. Handlers push effects; they never do I/O.
 */
export interface ProgramContext {
  cmd: SimpleCommand;
  /** Words from the program name on (argv[0] is the program). */
  words: ShellWord[];
  env: AnalysisEnv;
  emit(effect: Effect): void;
  path(word: ShellWord | string): PathRef;
  /** Analyse a shell script that this command runs (bash -c, eval, ssh host cmd, a script file). */
  shell(source: string, cwd?: string): void;
  /** Analyse inline interpreter code (python -c, node -e, python - <<EOF). */
  code(lang: CodeLang, source: string): void;
  /**
   * Analyse another argv as a command of its own (sudo X, xargs X, find -exec X); returns its effects.
   * `assignments`: variables the wrapper sets for it (`env GIT_PAGER=… git log`), judged as a prefix
   * would be; `cwd`: the folder it runs in (`env -C dir X`), absolute.
   */
  run(words: ShellWord[], opts?: { assignments?: SimpleCommand["assignments"]; cwd?: string }): Effect[];
  /** Does autogate have a table entry for this program name? */
  knows(name: string): boolean;
  /** What this command line wrote to `path` before now: its text, null when written with content we cannot see, undefined when not written. */
  writtenHere(path: string): string | null | undefined;
  /** Record a symlink this command line creates (absolute paths), so later paths through it resolve. */
  link(linkPath: string, target: string): void;
}

/**
 * What the session knows of a file downloaded by curl/wget: running it later (`./setup`, `bash setup`)
 * runs code nobody read. Kept as the file's content so an edit appends to it and the mark stays.
 */
export const DOWNLOADED = "\u0000autogate: downloaded from the network\u0000";

export type CodeLang = "python" | "node" | "perl" | "ruby" | "php" | "shell";

export type ProgramHandler = (ctx: ProgramContext) => void;

/** Option-aware argv helpers shared by the handlers. */

/** Non-option operands after the program name (stops treating `-x` as options after `--`). */
export function operands(words: ShellWord[], takesValue: ReadonlySet<string> = new Set()): ShellWord[] {
  const out: ShellWord[] = [];
  let optionsDone = false;
  for (let i = 1; i < words.length; i++) {
    const v = words[i].value;
    if (!optionsDone && v === "--") { optionsDone = true; continue; }
    if (!optionsDone && v.startsWith("-") && v.length > 1) {
      if (takesValue.has(v)) i++;
      continue;
    }
    out.push(words[i]);
  }
  return out;
}

/** True when any short-option cluster or long option in argv contains one of the flags. */
export function hasFlag(words: ShellWord[], short: string, long: string[] = []): boolean {
  for (const w of words.slice(1)) {
    const v = w.value;
    if (v === "--") break;
    if (v.startsWith("--")) { if (long.some((l) => v === l || v.startsWith(l + "="))) return true; continue; }
    if (v.startsWith("-") && [...short].some((c) => v.slice(1).includes(c))) return true;
  }
  return false;
}

/** The value of an option given as `-o v`, `-ov`, `--out v` or `--out=v`. */
export function optionValue(words: ShellWord[], names: string[]): ShellWord | undefined {
  for (let i = 1; i < words.length; i++) {
    const v = words[i].value;
    for (const n of names) {
      if (v === n) return words[i + 1];
      if (n.startsWith("--") && v.startsWith(n + "=")) return { ...words[i], value: v.slice(n.length + 1) };
      if (!n.startsWith("--") && v.startsWith(n) && v.length > n.length && n.length === 2) return { ...words[i], value: v.slice(2) };
    }
  }
  return undefined;
}

export function allOptionValues(words: ShellWord[], names: string[]): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = 1; i < words.length; i++) {
    const v = words[i].value;
    for (const n of names) {
      if (v === n && words[i + 1]) out.push(words[i + 1]);
      else if (n.startsWith("--") && v.startsWith(n + "=")) out.push({ ...words[i], value: v.slice(n.length + 1) });
    }
  }
  return out;
}

/** The non-option words from position i: a subcommand and its objects (`kubectl get pods -o x` → get, pods, x). */
export const nonOptions = (ctx: ProgramContext, i = 1): string[] => ctx.words.filter((w, j) => j >= i && !w.value.startsWith("-")).map((w) => w.value);

/** A handler that emits one machine, data or remote-state change, described by `what`. */
export const emits = (type: "system" | "destroy" | "remote-change", what: string): ProgramHandler => (ctx) => ctx.emit({ type, what, span: ctx.cmd.span });

/**
 * The context in folder `dir` (`git -C d`, `env -C d`, `uv run --directory d`, `npm --prefix d`):
 * relative paths, commands and scripts resolve there, so `env -C ~/.ssh cp k authorized_keys` writes
 * ~/.ssh/authorized_keys and `npm --prefix /tmp/x test` runs /tmp/x's code.
 */
export function inFolder(ctx: ProgramContext, dir: ShellWord): ProgramContext {
  const under = (p: string) => (p.startsWith("/") || p.startsWith("~") ? p : `${dir.value.replace(/\/+$/, "")}/${p}`);
  const at = dir.dynamic ? "$UNKNOWN_CWD" : ctx.path(dir).path;
  return {
    ...ctx,
    path: (w) => (typeof w === "string" ? ctx.path(under(w)) : ctx.path({ ...w, value: under(w.value), dynamic: w.dynamic || dir.dynamic })),
    run: (words, opts) => ctx.run(words, { cwd: at, ...opts }),
    shell: (src, cwd) => ctx.shell(src, cwd ?? at),
  };
}
