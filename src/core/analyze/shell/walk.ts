/**
 * Walks a parsed script and lists every simple command that could run: through lists, pipelines,
 * subshells, control flow, functions, command and process substitution, and unquoted here-doc bodies.
 * It tracks `cd` and plain variable assignments so later words resolve, and reports what it cannot know.
 */
import path from "node:path";
import type { Span } from "../effect.ts";
import type { ShellRedirect, ShellWord, SimpleCommand } from "./command.ts";
import { nestedErrors, parseShell, type U } from "./syntax.ts";
import { expandPart, expandWord, walkArithmetic } from "./expand.ts";
import { fork, span, type Scope, type Walker } from "./walk-state.ts";

export const MAX_DEPTH = 8;

export interface WalkResult {
  commands: SimpleCommand[];
  /** Why parts of the script cannot be known statically (parse errors, nesting limits). */
  problems: { reason: string; span: Span }[];
}

/** Real commands nest substitutions a few levels deep; past this the rest is reported, not walked. */
const MAX_SUBSTITUTION_DEPTH = 16;

export function walkShell(source: string, opts: { cwd: string; home: string; vars: Record<string, string>; depth?: number; root?: string }): WalkResult {
  const w: Walker = { out: [], problems: [], depth: opts.depth ?? 0, calling: new Set(), substitutions: 0, nested: (get, pos, scope, upstream) => walkNested(get, pos, scope, w, upstream) };
  const vars = new Map<string, string | null>(Object.entries(opts.vars));
  const scope: Scope = { cwd: opts.cwd, vars, functions: new Map(), home: opts.home, root: opts.root };
  if (w.depth > MAX_DEPTH) {
    w.problems.push({ reason: "shell nesting deeper than autogate analyses", span: { start: 0, end: source.length } });
    return { commands: [], problems: w.problems };
  }
  const parsed = parseShell(source);
  for (const e of parsed.errors) w.problems.push({ reason: `unparseable shell: ${e.message}`, span: { start: e.pos, end: source.length } });
  walkStatements(parsed.script.commands, scope, w, []);
  return { commands: w.out, problems: w.problems };
}

function walkStatements(stmts: readonly U.Statement[], scope: Scope, w: Walker, upstream: SimpleCommand[]): void {
  // `cd x & rm -rf *`: a backgrounded command runs in a subshell, so its cd changes nothing here.
  for (const s of stmts) walkNode(s.command, s.background ? fork(scope) : scope, w, upstream);
}

function walkNode(node: U.PipelineNode | U.AndOr | U.CompoundList, scope: Scope, w: Walker, upstream: SimpleCommand[]): void {
  switch (node.type) {
    case "AndOr": {
      // After `cd x &&` the rest of this chain runs only if the cd worked; after the chain, and after
      // `cd x ||`, either folder is possible, unless the failure path ends the script (`|| exit 1`).
      const altBefore = scope.cwdAlt;
      for (const [i, c] of node.commands.entries()) {
        const op = i > 0 ? node.operators[i - 1] : undefined;
        const altNow = scope.cwdAlt;
        const guarded = op === "&&" && altNow !== altBefore;
        if (guarded) scope.cwdAlt = altBefore;
        walkNode(c, scope, w, upstream);
        if (guarded && scope.cwdAlt === altBefore) scope.cwdAlt = altNow;
      }
      const last = node.commands[node.commands.length - 1];
      const exits = last?.type === "Command" && ["exit", "return"].includes(last.name?.value ?? "");
      if (node.operators[node.operators.length - 1] === "||" && exits) scope.cwdAlt = altBefore;
      return;
    }
    case "Pipeline": {
      const before: SimpleCommand[] = [...upstream];
      for (const c of node.commands) {
        const start = w.out.length;
        // Each pipeline stage runs in a subshell: cd and assignments there do not leak. A stage sees
        // the first producer and the nearest ones: enough to judge `curl | sh`, and linear in length.
        const seen = before.length > 16 ? [before[0], ...before.slice(-15)] : [...before];
        walkNode(c, node.commands.length > 1 ? fork(scope) : scope, w, seen);
        before.push(...w.out.slice(start));
      }
      return;
    }
    case "CompoundList":
      walkStatements(node.commands, scope, w, upstream);
      return;
    case "Command":
      walkCommand(node, scope, w, upstream);
      return;
    case "Subshell":
      walkStatements(node.body.commands, fork(scope), w, upstream);
      return;
    case "BraceGroup":
      walkStatements(node.body.commands, scope, w, upstream);
      return;
    case "If":
      walkNode(node.clause, scope, w, upstream);
      walkNode(node.then, scope, w, upstream);
      for (const e of node.elif) (walkNode(e.clause, scope, w, upstream), walkNode(e.then, scope, w, upstream));
      if (node.else) walkNode(node.else, scope, w, upstream);
      return;
    case "For":
    case "Select":
      for (const word of node.wordlist ?? []) expandWord(word, scope, w);
      scope.vars.set(node.name.value, null);
      walkNode(node.body, scope, w, upstream);
      return;
    case "ArithmeticFor":
      for (const e of [node.initialize, node.test, node.update]) if (e) walkArithmetic(e, scope, w);
      walkNode(node.body, scope, w, upstream);
      return;
    case "While":
      walkNode(node.clause, scope, w, upstream);
      walkNode(node.body, scope, w, upstream);
      return;
    case "Case":
      expandWord(node.word, scope, w);
      for (const item of node.items) walkNode(item.body, scope, w, upstream);
      return;
    case "Function":
      scope.functions.set(node.name.value, node);
      return;
    case "Coproc":
      walkNode(node.body as U.PipelineNode, fork(scope), w, upstream);
      return;
    case "Redirected": {
      const start = w.out.length;
      walkNode(node.command, scope, w, upstream);
      const redirects = node.redirects.map((r) => toRedirect(r, scope, w));
      // Redirections on a compound command apply to every command inside it.
      for (const c of w.out.slice(start)) c.redirects.push(...redirects);
      if (w.out.length === start) w.out.push(emptyCommand(node, scope, w, redirects, upstream));
      return;
    }
    case "TestCommand":
      walkTest(node.expression, scope, w);
      return;
    case "ArithmeticCommand":
      if (node.expression) walkArithmetic(node.expression, scope, w);
      return;
  }
}

function walkTest(e: U.TestExpression, scope: Scope, w: Walker): void {
  if (e.type === "TestUnary") expandWord(e.operand, scope, w);
  else if (e.type === "TestBinary") (expandWord(e.left, scope, w), expandWord(e.right, scope, w));
  else if (e.type === "TestLogical") e.operands.forEach((o) => walkTest(o, scope, w));
  else if (e.type === "TestNot") walkTest(e.operand, scope, w);
  else walkTest(e.expression, scope, w);
}

function emptyCommand(node: { pos: number; end: number }, scope: Scope, w: Walker, redirects: ShellRedirect[], upstream: SimpleCommand[]): SimpleCommand {
  return { argv: [], redirects, assignments: [], cwd: scope.cwd, span: span(node, 0), upstream, depth: w.depth };
}

/** The analyzer looks at this many commands at most (analyze-shell reports the rest as dynamic). */
const MAX_WALKED = 600;

function walkCommand(node: U.Command, scope: Scope, w: Walker, upstream: SimpleCommand[]): void {
  if (w.out.length >= MAX_WALKED) return;
  const assignments = node.prefix
    .filter((p): p is U.Assignment => p.type === "Assignment")
    .map((a) => ({ name: a.name, value: assignmentValue(a, scope, w) }));
  const argv = expandArgv(node, scope, w);
  const redirects = [...node.prefix, ...node.suffix]
    .filter((r): r is U.Redirection => r.type === "Redirect" || r.type === "HereDoc" || r.type === "HereString")
    .map((r) => toRedirect(r, scope, w));
  const cmd: SimpleCommand = {
    argv, redirects, assignments, cwd: scope.cwd, ...(scope.cwdAlt !== undefined && scope.cwdAlt !== scope.cwd ? { cwdAlt: scope.cwdAlt } : {}), span: span(node, 0), upstream, depth: w.depth,
    stdinText: redirects.find((r) => r.stdinText !== undefined)?.stdinText,
  };

  if (argv.length === 0) {
    // A bare assignment changes the shell's own variables, and PATH or LD_PRELOAD what later commands run.
    // `PID=$!`: the agent's own background job, which `kill $PID` may stop like `kill %1`.
    for (const a of assignments) scope.vars.set(a.name, a.value.text === "$!" || a.value.text.endsWith("=$!") ? "$!" : a.value.dynamic ? null : a.value.value);
    if (redirects.length || assignments.length) w.out.push(cmd);
    return;
  }
  const name = argv[0].value;
  const fn = !argv[0].dynamic ? scope.functions.get(name) : undefined;
  if (fn && !w.calling.has(name)) {
    // Calling a function runs its body; arguments become $1.. which we treat as unknown.
    w.calling.add(name);
    walkNode(fn.body as U.CompoundList, scope, w, upstream);
    w.calling.delete(name);
    return;
  }
  // A function that calls itself: `:(){ :|:& };:` forks without end. Recursion has no bound here.
  if (fn) w.problems.push({ reason: `function ${name} calls itself (a fork bomb has this shape)`, span: span(node, 0) });
  trackBuiltinState(name, argv, scope);
  w.out.push(cmd);
  // `TMPDIR=/x rm -rf $TMPDIR/y` expands $TMPDIR before the assignment applies, but its author most
  // likely meant /x (and `env`, `sh -c` would use it): both readings are analysed, the stricter decides.
  const shadowed = assignments.filter((a) => argv.some((x) => x.text.includes("$" + a.name) || x.text.includes("${" + a.name)));
  if (shadowed.length) {
    const meant = fork(scope);
    for (const a of shadowed) meant.vars.set(a.name, a.value.dynamic ? null : a.value.value);
    w.out.push({ ...cmd, argv: expandArgv(node, meant, w) });
  }
}

function expandArgv(node: U.Command, scope: Scope, w: Walker): ShellWord[] {
  const argv: ShellWord[] = [];
  if (node.name) argv.push(expandWord(node.name, scope, w));
  for (const a of node.suffix) {
    if (a.type === "Word") argv.push(expandWord(a, scope, w));
    else if (a.type === "Assignment") argv.push(assignmentWord(a, scope, w));
  }
  return argv;
}

/** `cd`, `export`, `local`, `declare` change the state later words depend on. */
function trackBuiltinState(name: string, argv: ShellWord[], scope: Scope): void {
  if (name === "cd" || name === "pushd") {
    const target = argv.slice(1).find((a) => !a.value.startsWith("-") || a.value === "-");
    // A cd can fail (no such folder): until something shows it worked, the old folder is still possible.
    scope.cwdAlt ??= scope.cwd;
    if (!target) scope.cwd = scope.home;
    else if (scope.vars.has("CDPATH") && !target.value.startsWith("/")) scope.cwd = "$UNKNOWN_CWD";
    else if (target.dynamic || target.value === "-") scope.cwd = "$UNKNOWN_CWD";
    else {
      const t = target.value.replace(/^~(?=\/|$)/, scope.home);
      scope.cwd = scope.cwd.startsWith("$") && !t.startsWith("/") ? scope.cwd : path.posix.resolve(scope.cwd, t);
    }
    return;
  }
  // Builtins that set variables to values only known at run time (or unset them).
  // `let PID=-1`: arithmetic assignment, known only at run time.
  if (name === "let") {
    for (const a of argv.slice(1)) {
      const m = /^([A-Za-z_]\w*)\s*[-+*/%]?=/.exec(a.value);
      if (m) scope.vars.set(m[1], null);
    }
    return;
  }
  if (["read", "unset", "mapfile", "readarray", "getopts"].includes(name)) {
    for (const a of argv.slice(1)) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(a.value)) scope.vars.set(a.value, null);
    return;
  }
  if (name === "printf") {
    const v = argv.findIndex((a) => a.value === "-v");
    if (v > 0 && argv[v + 1]) scope.vars.set(argv[v + 1].value, null);
    return;
  }
  if (name === "export" || name === "local" || name === "declare" || name === "typeset" || name === "readonly") {
    // `declare -n T=HOME` makes T a reference to another variable, not the text "HOME".
    const nameref = argv.slice(1).some((a) => /^-[a-zA-Z]*n/.test(a.value));
    for (const a of argv.slice(1)) {
      if (nameref && a.value.includes("=")) { scope.vars.set(a.value.slice(0, a.value.indexOf("=")), null); continue; }
      const eq = a.value.indexOf("=");
      if (eq > 0) scope.vars.set(a.value.slice(0, eq), a.dynamic ? null : a.value.slice(eq + 1));
    }
  }
}

function assignmentValue(a: U.Assignment, scope: Scope, w: Walker): ShellWord {
  if (a.value.type === "ArrayValue") {
    const els = a.value.elements.map((e) => expandWord(e, scope, w));
    return { value: els.map((e) => e.value).join(" "), text: a.text, dynamic: els.some((e) => e.dynamic), glob: false, span: span(a, 0) };
  }
  return expandWord(a.value, scope, w);
}

function assignmentWord(a: U.Assignment, scope: Scope, w: Walker): ShellWord {
  const v = assignmentValue(a, scope, w);
  return { ...v, value: `${a.name}=${v.value}`, text: a.text, span: span(a, 0) };
}

function toRedirect(r: U.Redirection, scope: Scope, w: Walker): ShellRedirect {
  const fd = r.descriptor?.type === "FileDescriptor" ? r.descriptor.value : undefined;
  if (r.type === "HereDoc") {
    // Unquoted here-doc bodies expand $(...) when the command runs.
    for (const p of r.body.parts ?? []) expandPart(p, scope, w);
    return { op: r.operator, fd, stdinText: r.body.text, span: span(r, 0) };
  }
  const target = r.target ? expandWord(r.target, scope, w) : undefined;
  if (r.type === "HereString") return { op: r.operator, fd, stdinText: target?.value ?? "", span: span(r, 0) };
  return { op: r.operator, fd, target, span: span(r, 0) };
}

function walkNested(getScript: () => U.Script | undefined, pos: number, scope: Scope, w: Walker, upstream: SimpleCommand[] = []): void {
  if (w.substitutions >= MAX_SUBSTITUTION_DEPTH) {
    w.problems.push({ reason: "substitutions nested deeper than autogate analyses", span: { start: pos, end: pos + 1 } });
    return;
  }
  // The parser builds a substitution's tree on first access: only read it once we know we will walk it.
  const script = getScript();
  if (!script) {
    w.problems.push({ reason: "a substitution could not be parsed", span: { start: pos, end: pos + 1 } });
    return;
  }
  for (const e of nestedErrors(script)) w.problems.push({ reason: `unparseable shell: ${e.message}`, span: { start: e.pos, end: e.pos + 1 } });
  w.substitutions++;
  walkStatements(script.commands, fork(scope), w, upstream);
  w.substitutions--;
}
