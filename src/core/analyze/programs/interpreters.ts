import type { ShellWord } from "../shell/command.ts";
import { operands, optionValue, type CodeLang, type ProgramContext, type ProgramHandler } from "./context.ts";
import { collectedTests } from "./build-tools.ts";
import { fromStdin, runScript } from "./wrappers.ts";

/**
 * Language interpreters: `-c`/`-e` code and here-doc stdin are scanned as code; a script file is
 * judged by its content when the agent wrote it this session, else as workspace code by its path.
 */
interface InterpreterSpec {
  lang: CodeLang;
  /** Flags whose next word is inline code. */
  inline: string[];
  /** Flags whose next word is a value (not the script). */
  takesValue: string[];
}

const SPECS: Record<string, InterpreterSpec> = {
  python: { lang: "python", inline: ["-c"], takesValue: ["-W", "-X", "-Q"] },
  node: { lang: "node", inline: ["-e", "--eval", "-p", "--print"], takesValue: ["-r", "--require", "--import", "--loader", "--experimental-loader", "--env-file", "--input-type", "--conditions", "-C"] },
  perl: { lang: "perl", inline: ["-e", "-E"], takesValue: ["-I", "-M", "-m"] },
  ruby: { lang: "ruby", inline: ["-e"], takesValue: ["-I", "-r", "-C"] },
  php: { lang: "php", inline: ["-r"], takesValue: ["-d", "-c", "-f"] },
  deno: { lang: "node", inline: ["eval"], takesValue: [] },
  bun: { lang: "node", inline: ["-e", "--eval"], takesValue: [] },
  Rscript: { lang: "python", inline: ["-e"], takesValue: [] },
  lua: { lang: "python", inline: ["-e"], takesValue: ["-l"] },
};

const PRELOADS = new Set(["-r", "--require", "--import", "--loader", "--experimental-loader", "-f"]);

/** python3.11 → python; node18 → node. */
export function interpreterName(program: string): string | undefined {
  if (SPECS[program]) return program;
  const m = /^(python|pypy)[0-9.]*$/.exec(program);
  if (m) return "python";
  if (/^node[0-9]*$|^nodejs$/.test(program)) return "node";
  if (/^perl[0-9.]*$/.test(program)) return "perl";
  if (/^ruby[0-9.]*$/.test(program)) return "ruby";
  if (/^php[0-9.]*$/.test(program)) return "php";
  return undefined;
}

/**
 * `ruby -run -e rm -- -rf ~`: Ruby's un.rb gives the file commands (rm, cp, mv, mkdir, install, chmod,
 * touch, ln) and a web server. Each is judged as the command of that name with the same arguments.
 */
function rubyUn(ctx: ProgramContext): boolean {
  const w = ctx.words;
  const at = w.findIndex((x, i) => x.value === "-run" || (x.value === "-r" && w[i + 1]?.value === "un"));
  if (at < 0) return false;
  const e = w.findIndex((x) => x.value === "-e");
  const verb = w[e + 1];
  if (e < 0 || !verb) return (known(ctx), true);
  const dd = w.findIndex((x, i) => i > e + 1 && x.value === "--");
  const args = w.slice(dd >= 0 ? dd + 1 : e + 2);
  if (verb.value === "httpd") ctx.emit({ type: "net", direction: "connect", host: `listen ${optionValue(args, ["-b", "--bind-address"])?.value ?? "0.0.0.0"}`, note: `ruby -run -e httpd serves ${operands(args, new Set(["-p", "--port", "-b", "--bind-address"]))[0]?.value ?? "."}`, span: ctx.cmd.span });
  else if (/^(rm|cp|mv|mkdir|rmdir|install|chmod|touch|ln)$/.test(verb.value)) ctx.run([{ ...verb, value: verb.value }, ...args]);
  else ctx.emit({ type: "dynamic", reason: `ruby -run -e ${verb.value}`, span: ctx.cmd.span });
  return true;
}

const interpreter: ProgramHandler = (ctx) => {
  const name = interpreterName(ctx.words[0].value.split("/").pop() ?? "")!;
  const spec = SPECS[name];
  const w = ctx.words;
  if (name === "ruby" && rubyUn(ctx)) return;
  for (let i = 1; i < w.length; i++) {
    const v = w[i].value;
    const inline = spec.inline.includes(v) ? v : clusterInline(v, spec);
    if (inline !== undefined) {
      // `-c code`, `-Ic code`, `-lne code` (flags clustered before it), or `-ecode` attached.
      const attached = spec.inline.includes(v) ? "" : inline;
      const code = attached ? { ...w[i], value: attached } : w[i + 1];
      if (!code) return;
      if (code.fromStdin || (code.dynamic && /\$\(|`/.test(code.text))) return ctx.emit({ type: "dynamic", reason: "interpreter code computed at run time", span: code.span });
      return ctx.code(spec.lang, code.value);
    }
    if (name === "python" && v === "-m") return pythonModule(ctx, w.slice(i + 1));
    // `php -S 0.0.0.0:8000 -t ~`: a web server for the folder it is given, like python -m http.server.
    if (name === "php" && v === "-S") {
      const root = optionValue(w, ["-t"]);
      return ctx.emit({ type: "net", direction: "connect", host: `listen ${w[i + 1]?.value ?? ""}`, note: `serves ${root?.value ?? "the current folder"} over HTTP`, span: ctx.cmd.span });
    }
    if (v === "-") return fromStdin(ctx, spec.lang);
    if (v === "--") continue;
    if (v.startsWith("-")) {
      // `node -r ./x.js`, `ruby -r x.rb`, `php -f x.php`: a file given to an option is code that runs first.
      if (PRELOADS.has(v) && w[i + 1] && /^[./~]|\.(m?[jc]s|ts|rb|php|pl|py)$/.test(w[i + 1].value)) runScript(ctx, w[i + 1], spec.lang);
      if (spec.takesValue.includes(v)) i++;
      continue;
    }
    if (name === "node" && ["test", "run"].includes(v)) return known(ctx);
    return runScript(ctx, w[i], spec.lang);
  }
  fromStdin(ctx, spec.lang);
};

/**
 * A short-option cluster holding an inline-code flag: `-Ic` (python -I -c), `-we`/`-lne` (perl),
 * `-pe` (node -p -e). Returns the code attached to the cluster ("" when it is the next word), or
 * undefined when the cluster has no inline flag (or a value flag comes first: `-Wignore`).
 */
function clusterInline(v: string, spec: InterpreterSpec): string | undefined {
  if (!/^-[A-Za-z]{2,}/.test(v) && !/^-[A-Za-z]./.test(v)) return undefined;
  const inlineChars = spec.inline.filter((f) => /^-[A-Za-z]$/.test(f)).map((f) => f[1]);
  const valueChars = spec.takesValue.filter((f) => /^-[A-Za-z]$/.test(f)).map((f) => f[1]);
  for (let k = 1; k < v.length; k++) {
    const ch = v[k];
    if (valueChars.includes(ch)) return undefined;
    if (inlineChars.includes(ch)) {
      const rest = v.slice(k + 1);
      return [...rest].every((c) => inlineChars.includes(c)) ? "" : rest;
    }
    if (!/[A-Za-z]/.test(ch)) return undefined;
  }
  return undefined;
}

const known = (ctx: ProgramContext) =>
  ctx.emit({ type: "run", program: ctx.words[0].value, argv: ctx.words.map((x) => x.value), known: true, span: ctx.cmd.span });

/** python -m pip install x is a package install; -m pytest is running tests. */
function pythonModule(ctx: ProgramContext, rest: ShellWord[]): void {
  const mod = rest[0]?.value ?? "";
  if (rest.some((w) => w.value === "--help" || w.value === "--version")) return known(ctx);
  if (mod === "pip" || mod === "ensurepip") return void ctx.run([{ ...rest[0], value: "pip" }, ...rest.slice(1)]);
  if (mod === "http.server" || mod === "SimpleHTTPServer") {
    // Python takes the last --bind; -d serves that folder instead of this one.
    const binds = rest.map((x, i) => (x.value === "--bind" || x.value === "-b" ? rest[i + 1]?.value : undefined)).filter((v): v is string => v !== undefined);
    const address = binds.at(-1) ?? "0.0.0.0";
    const served = optionValue(rest, ["-d", "--directory"]);
    if (served) ctx.emit({ type: "read", ...ctx.path(served), note: "served over HTTP", span: served.span });
    // Bound to this machine only, it serves no one else: a local connection.
    ctx.emit({ type: "net", direction: "connect", host: /^(127\.0\.0\.1|localhost|::1)$/.test(address) ? address : `listen ${address}`, note: "serves the current folder over HTTP", span: ctx.cmd.span });
    return;
  }
  // Modules that run code they are given: timeit's statements, pdb/trace/cProfile/runpy's script.
  if (/^(timeit|pdb|trace|cProfile|profile|runpy|code|doctest)$/.test(mod)) {
    const script = rest.slice(1).find((w) => /\.py$/.test(w.value));
    if (mod === "timeit") return rest.slice(1).filter((w) => !w.value.startsWith("-")).forEach((w) => ctx.code("python", w.value));
    if (script) return runScript(ctx, script, "python");
    return known(ctx);
  }
  // Stdlib command-line tools that read, or extract into, the paths they are given.
  if (/^(tarfile|zipfile)$/.test(mod)) {
    const args = rest.slice(1);
    const extract = args.findIndex((w) => w.value === "-e" || w.value === "--extract");
    if (extract >= 0) {
      if (args[extract + 1]) ctx.emit({ type: "read", ...ctx.path(args[extract + 1]), span: args[extract + 1].span });
      const dest = args[extract + 2] ?? { ...args[extract], value: "." };
      return ctx.emit({ type: "write", ...ctx.path(dest), note: "extract destination", span: dest.span });
    }
  }
  for (const w of rest.slice(1)) if (!w.value.startsWith("-") && /[/.~]/.test(w.value)) ctx.emit({ type: "read", ...ctx.path(w), span: w.span });
  known(ctx);
  if (mod === "pytest") collectedTests(ctx);
}

export { interpreter };
