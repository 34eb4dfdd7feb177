/**
 * Word expansion as the shell would do it, with what the walker knows: variables, `~`, defaults,
 * constant substitutions. What cannot be known before the command runs is marked dynamic.
 */
import type { ShellWord, SimpleCommand } from "./command.ts";
import type { U } from "./syntax.ts";
import { span, type Scope, type Walker } from "./walk-state.ts";

/** Expands a word with what we know; walks any substitutions inside it, since they run. */
export function expandWord(word: U.Word, scope: Scope, w: Walker): ShellWord {
  const parts = word.parts;
  const s = span(word, 0);
  if (!parts) return { value: word.value, text: word.text, dynamic: false, glob: false, span: s };
  let value = "";
  let dynamic = false;
  let glob = false;
  let producers: string[] | undefined;
  for (const [i, p] of parts.entries()) {
    const r = expandPart(p, scope, w, i === 0);
    value += r.value;
    dynamic ||= r.dynamic;
    glob ||= r.glob;
    if (r.producers) producers = [...(producers ?? []), ...r.producers];
  }
  return { value, text: word.text, dynamic, glob, ...(producers ? { producers } : {}), span: s };
}

interface PartValue { value: string; dynamic: boolean; glob: boolean; producers?: string[] }

/**
 * An unquoted expansion is split into words at whitespace (and globbed): `P="/tmp/x /root"; rm -rf $P`
 * deletes two paths. A value that would split is not one word we know, so it is dynamic.
 */
export function expandPart(p: U.WordPart, scope: Scope, w: Walker, first = false, quoted = false): PartValue {
  const r = expandPartValue(p, scope, w, first, quoted);
  if (!quoted && !r.dynamic && SPLITS.has(p.type) && /\s/.test(r.value)) return { value: p.text, dynamic: true, glob: false };
  return r;
}
const SPLITS = new Set(["SimpleExpansion", "ParameterExpansion", "CommandExpansion"]);

function expandPartValue(p: U.WordPart, scope: Scope, w: Walker, first: boolean, quoted: boolean): PartValue {
  switch (p.type) {
    case "Literal": {
      const v = first && (p.value === "~" || p.value.startsWith("~/")) ? scope.home + p.value.slice(1) : p.value;
      return { value: v, dynamic: false, glob: false };
    }
    case "SingleQuoted":
    case "AnsiCQuoted":
      return { value: p.value, dynamic: false, glob: false };
    case "DoubleQuoted":
    case "LocaleString": {
      let value = "";
      let dynamic = false;
      for (const c of p.parts) {
        const r = expandPart(c, scope, w, false, true);
        value += r.value;
        dynamic ||= r.dynamic;
      }
      return { value, dynamic, glob: false };
    }
    case "SimpleExpansion":
      return lookup(p.text.slice(1), scope, p.text);
    case "ParameterExpansion": {
      if (p.operation?.type === "Default") {
        const operand = expandWord(p.operation.operand, scope, w);
        if (!p.prefix && !p.index) return withDefault(p.parameter, p.operation.operator, operand, scope, p.text);
      }
      if (p.prefix || p.index || p.operation) return { value: p.text, dynamic: true, glob: false };
      return lookup(p.parameter, scope, p.text);
    }
    case "CommandExpansion": {
      w.nested(() => p.script, p.pos, scope);
      // Not when echo/printf may be redefined, or IFS changes how the result splits.
      const folded = scope.functions.has("echo") || scope.functions.has("printf") || scope.vars.has("IFS") ? undefined : echoedWord(p.script) ?? knownOutput(p.script, scope);
      return folded === undefined ? { value: p.text, dynamic: true, glob: false } : { value: folded, dynamic: false, glob: false };
    }
    case "ProcessSubstitution":
      // `>(sh)` reads whatever the outer command writes: its input is data from elsewhere, never nothing.
      const before = w.out.length;
      w.nested(() => p.script, p.pos, scope, [SUBSTITUTED_INPUT]);
      // `tee >(sha1sum)`: the word becomes a pipe's /dev/fd path when it runs, not a file on disk; the
      // programs inside say what a reader of it gets (`bash <(curl …)` runs a download).
      return { value: "/dev/fd/63", dynamic: false, glob: false, producers: w.out.slice(before).map((c) => c.argv[0]?.value ?? "") };
    case "ArithmeticExpansion":
      if (p.expression) walkArithmetic(p.expression, scope, w);
      return { value: p.text, dynamic: true, glob: false };
    case "Glob":
    case "ExtendedGlob":
    case "BraceExpansion":
      return { value: p.text, dynamic: false, glob: true };
  }
}

/**
 * Constant folding: `$(echo ls)` and `` `printf rm` `` always produce the same single word, so that
 * word is what runs (and is judged). Anything else a substitution prints stays unknown.
 */
function echoedWord(script: U.Script | undefined): string | undefined {
  const words = literalCommand(script);
  if (!words) return undefined;
  const [prog, ...args] = words;
  // No backslashes: dash's and zsh's echo (and bash's with xpg_echo) interpret them.
  const printsArgs = !args.some((a) => a.includes("\\")) && ((prog === "echo" && !args.some((a) => a.startsWith("-"))) || (prog === "printf" && args.length === 1 && !args[0].includes("%") && !args[0].startsWith("-")));
  const out = printsArgs ? args.join(" ") : undefined;
  return out && /^[^\s]+$/.test(out) ? out : undefined;
}

/**
 * Substitutions whose output the shell's own state decides: `$(pwd)` is the current folder,
 * `$(git rev-parse --show-toplevel)` the project's root, `$(mktemp [-d])` a new path in the temp
 * folder (its name is random, its folder is not).
 */
function knownOutput(script: U.Script | undefined, scope: Scope): string | undefined {
  const words = scope.functions.size ? undefined : literalCommand(script);
  if (!words) return undefined;
  const [prog, ...args] = words;
  const line = words.join(" ");
  // Only where the folder is certain: after a `cd` that may have failed, it is one of two.
  if (scope.cwdAlt !== undefined || scope.cwd.startsWith("$")) return undefined;
  if (line === "pwd") return scope.cwd;
  if (line === "git rev-parse --show-toplevel" && scope.root && (scope.cwd === scope.root || scope.cwd.startsWith(scope.root + "/"))) return scope.root;
  if (prog === "mktemp" && args.every((a) => /^(-d|-q|-t|--directory|--quiet|--tmpdir)$/.test(a) || /^[\w.-]*X{3,}[\w.-]*$/.test(a))) {
    const name = args.find((a) => a.includes("XXX")) ?? "tmp.XXXXXXXXXX";
    const dir = scope.vars.get("TMPDIR") || "/tmp";
    return `${dir.replace(/\/$/, "")}/${name}`;
  }
  return undefined;
}

/**
 * The words of a substitution that is one plain command of literal words (no assignments, no
 * expansions): nothing in it to walk again, so folding stays linear in the nesting depth.
 */
function literalCommand(script: U.Script | undefined): string[] | undefined {
  const cmd = script?.commands.length === 1 ? script.commands[0].command : undefined;
  if (!cmd || cmd.type !== "Command" || cmd.prefix.length || !cmd.name) return undefined;
  const words = [cmd.name, ...cmd.suffix].map((x) => (x.type === "Word" ? literalText(x) : undefined));
  return words.some((x) => x === undefined) ? undefined : (words as string[]);
}

/** The word's value when it is made of literal and quoted text only. */
function literalText(word: U.Word): string | undefined {
  if (!word.parts) return word.value;
  let out = "";
  for (const p of word.parts) {
    if (p.type === "Literal" || p.type === "SingleQuoted" || p.type === "AnsiCQuoted") out += p.value;
    else if (p.type === "DoubleQuoted" && p.parts.every((c) => c.type === "Literal")) out += p.parts.map((c) => (c as { value: string }).value).join("");
    else return undefined;
  }
  return out;
}

/** `$(( $(rm -rf x) + 1 ))` runs the substitution: arithmetic is walked for command expansions. */
export function walkArithmetic(e: U.ArithmeticExpression, scope: Scope, w: Walker): void {
  switch (e.type) {
    case "ArithmeticBinary":
      // `((PID=-1))`, `$((n+=1))`: the variable now holds a value known only at run time.
      if (/^[-+*/%<>&^|]*=$/.test(e.operator) && !/^[!=<>]=$/.test(e.operator) && e.left.type === "ArithmeticWord") scope.vars.set(e.left.value, null);
      walkArithmetic(e.left, scope, w); walkArithmetic(e.right, scope, w); return;
    case "ArithmeticUnary":
      if (/^(\+\+|--)$/.test(e.operator) && e.operand.type === "ArithmeticWord") scope.vars.set(e.operand.value, null);
      walkArithmetic(e.operand, scope, w); return;
    case "ArithmeticTernary": [e.test, e.consequent, e.alternate].forEach((x) => walkArithmetic(x, scope, w)); return;
    case "ArithmeticGroup": walkArithmetic(e.expression, scope, w); return;
    case "ArithmeticCommandExpansion": w.nested(() => e.script, e.pos, scope); return;
    case "ArithmeticWord": for (const p of e.parts ?? []) expandPart(p, scope, w); return;
  }
}

/**
 * `${TMPDIR:-/tmp}`, `${X-y}`, `${X:+y}`, `${X:?}` with X known: the value the shell would use. With X
 * unknown (not assigned here, not a machine fact) the result depends on run time: dynamic.
 */
function withDefault(name: string, operator: string, operand: ShellWord, scope: Scope, text: string): PartValue {
  const v = scope.vars.get(name);
  if (operator.endsWith("=")) scope.vars.set(name, null);
  if (v === undefined || v === null || operand.dynamic || scope.vars.has("IFS")) return { value: text, dynamic: true, glob: false };
  const set = operator.startsWith(":") ? v !== "" : true;
  const op = operator.replace(":", "");
  if (op === "+") return { value: set ? operand.value : "", dynamic: false, glob: false };
  if (set) return { value: v, dynamic: false, glob: false };
  // `${X:?}` on an empty X stops the command before it runs: nothing to resolve, keep it unknown.
  if (op === "?") return { value: text, dynamic: true, glob: false };
  return { value: operand.value, dynamic: false, glob: false };
}

function lookup(name: string, scope: Scope, text: string): PartValue {
  // Once IFS is set, an unquoted expansion may split anywhere: its words are not the value.
  if (scope.vars.has("IFS")) return { value: text, dynamic: true, glob: false };
  const v = scope.vars.get(name);
  if (name === "PWD" && !scope.vars.has("PWD")) return { value: scope.cwd, dynamic: false, glob: false };
  if (v === undefined || v === null) return { value: text, dynamic: true, glob: false };
  return { value: v, dynamic: false, glob: false };
}

/** Stands for the stream a process substitution's commands read: like a pipe from a command we cannot see. */
const SUBSTITUTED_INPUT: SimpleCommand = {
  argv: [{ value: "(process substitution)", text: "(process substitution)", dynamic: true, glob: false, span: { start: 0, end: 0 } }],
  redirects: [], assignments: [], cwd: "/", span: { start: 0, end: 0 }, upstream: [], depth: 0,
};
