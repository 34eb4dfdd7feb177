import type { ShellWord } from "../shell/command.ts";
import { inFolder, operands, optionValue, type ProgramContext, type ProgramHandler } from "./context.ts";
import { guessByVerb } from "./generic-cli.ts";
import { fromStdin, runScript } from "./wrappers.ts";

/**
 * Runners that start a command inside the project's environment: `uv run X`, `poetry run X`,
 * `conda run -n env X`, `pdm run`, `hatch run`, `pipenv run`, `yarn node …`. What runs is X itself:
 * a program autogate knows (or a path) is analysed as that command, so `uv run rm -rf ~` is the rm;
 * any other name is one of the environment's own scripts, which is the project's code.
 */
function runInEnvironment(ctx: ProgramContext, command: ShellWord[]): void {
  const head = command[0];
  if (!head) return projectCode(ctx);
  // `curl … | uv run -`: Python from stdin; `uv run https://…/x.py`: a script fetched now.
  if (head.value === "-") return fromStdin(ctx, "python");
  if (/^https?:\/\//.test(head.value)) return ctx.emit({ type: "untrusted-code", origin: "download", note: `${ctx.words[0].value} run ${head.value} runs a script from the network`, span: ctx.cmd.span });
  if (head.dynamic || ctx.knows(head.value) || head.value.includes("/")) return void ctx.run(command);
  // One of the environment's own scripts, unless its verb says more (`uv run rclone purge remote:`).
  const at = ctx.words.indexOf(head);
  if (!guessByVerb(ctx, at + 1)) projectCode(ctx);
}

const projectCode = (ctx: ProgramContext) =>
  ctx.emit({ type: "run", program: ctx.words.slice(0, 2).map((w) => w.value).join(" "), argv: ctx.words.map((w) => w.value), known: true, code: ctx.path("."), span: ctx.cmd.span });

/** The words after `<runner> run [options]`, skipping the options that take a value. */
function afterOptions(words: ShellWord[], from: number, takesValue: ReadonlySet<string>): ShellWord[] {
  let i = from;
  for (; i < words.length && words[i].value.startsWith("-") && words[i].value !== "-"; i++) {
    if (words[i].value === "--") return words.slice(i + 1);
    if (takesValue.has(words[i].value)) i++;
  }
  return words.slice(i);
}

export const UV_RUN_VALUE = new Set(["--with", "--with-requirements", "--with-editable", "--python", "-p", "--directory", "--project", "--package", "--extra", "--group", "--env-file", "--index", "--index-url", "--extra-index-url", "--from", "-m", "--module"]);
export const CONDA_RUN_VALUE = new Set(["-n", "--name", "-p", "--prefix", "--cwd"]);
export const RUN_VALUE = new Set(["-e", "--env", "-C", "--directory", "--project"]);

/** `<runner> run …` handlers; other subcommands fall back to `otherwise`. */
export function environmentRunner(takesValue: ReadonlySet<string>, otherwise: ProgramHandler): ProgramHandler {
  return (ctx) => {
    if (ctx.words[1]?.value !== "run") return otherwise(ctx);
    // `uv run --with pkg …` adds a package from the registry for this one run.
    if (ctx.words.some((w) => /^--with(-requirements|-editable)?(=|$)/.test(w.value))) ctx.emit({ type: "package-install", manager: ctx.words[0].value, source: "registry", global: false, span: ctx.cmd.span });
    // `uv run --directory ~ cp x .bashrc`, `conda run --cwd d …`: the command runs in that folder.
    const dir = optionValue(ctx.words, ["--directory", "--project", "--cwd", "-C"]);
    runInEnvironment(dir ? inFolder(ctx, dir) : ctx, afterOptions(ctx.words, 2, takesValue));
  };
}

/**
 * Adding packages through a project tool: the manifest's own (`pipenv install`, `pdm install`) or new
 * ones from the registry (`pdm add x`, `pipenv install x`, `uv tool install x`, `poetry self add x`).
 */
export function installsThrough(manager: string, verbs: Record<string, "project" | "global">, otherwise: ProgramHandler): ProgramHandler {
  return (ctx) => {
    const verb = [ctx.words[1]?.value, `${ctx.words[1]?.value} ${ctx.words[2]?.value}`].find((v) => v !== undefined && v in verbs);
    if (!verb) return otherwise(ctx);
    const from = verb.split(" ").length + 1;
    const specs = operands(ctx.words.slice(from - 1), new Set(["-n", "--name", "-p", "--prefix", "-c", "--channel", "-f", "--file", "--python", "-G", "--group"])).map((w) => w.value);
    const file = optionValue(ctx.words, ["-f", "--file"]);
    const source = file && /^https?:/.test(file.value) ? "url" : specs.length ? "registry" : "manifest";
    ctx.emit({ type: "package-install", manager, source, global: verbs[verb] === "global", span: ctx.cmd.span });
  };
}

/** `yarn node args`: node with the project's packages: analysed as `node args`. */
export const yarnNode = (ctx: ProgramContext): void => void ctx.run([{ ...ctx.words[1], value: "node" }, ...ctx.words.slice(2)]);

/**
 * deno: a URL or an `npm:`/`jsr:` package anywhere in the arguments is code fetched now (`deno run -L
 * info https://…`, bare `deno https://…`, `serve`, `repl --eval-file=…`); `eval` code that uses the
 * Deno APIs (files, processes, env) is not something the node scanner reads, so it asks; a local file
 * is judged as a script; `task`, `test`, `fmt`, `lint`, `check` run the project's own code.
 */
export const deno: ProgramHandler = (ctx) => {
  const sub = ctx.words[1]?.value ?? "";
  const fetched = ctx.words.slice(1).find((w) => /^(--[\w-]+=)?(https?:|npm:|jsr:)/.test(w.value));
  if (sub === "install" || sub === "add") return ctx.emit({ type: "package-install", manager: "deno", source: fetched && /https?:/.test(fetched.value) ? "url" : "registry", global: sub === "install" && ctx.words.some((w) => /^(-g|--global)$/.test(w.value)), span: ctx.cmd.span });
  if (fetched) return ctx.emit({ type: "untrusted-code", origin: /https?:/.test(fetched.value) ? "download" : "registry", note: `deno ${sub} ${fetched.value} runs code fetched now`, span: ctx.cmd.span });
  if (sub === "eval" || sub === "repl") {
    const code = ctx.words.slice(2).filter((w) => !w.value.startsWith("-")).map((w) => w.value).join(" ");
    if (/\bDeno\.|--eval-file/.test(code + ctx.words.map((w) => w.value).join(" "))) return ctx.emit({ type: "dynamic", reason: "deno code that uses the Deno APIs", span: ctx.cmd.span });
    return ctx.code("node", code);
  }
  // The script: the first argument with a JS/TS extension (`deno run -A main.ts`, `deno main.ts`).
  const script = ctx.words.slice(1).find((w) => !w.value.startsWith("-") && SCRIPT.test(w.value));
  if (script && (SCRIPT.test(sub) || ["run", "serve", "compile", "bench"].includes(sub))) return runScript(ctx, script, "node");
  if (sub === "publish") return ctx.emit({ type: "remote-change", what: "deno publish: publishes to the package registry", span: ctx.cmd.span });
  if (!DENO_SUBCOMMANDS.has(sub)) return ctx.emit({ type: "dynamic", reason: `deno ${sub} is not a deno subcommand autogate knows`, span: ctx.cmd.span });
  projectCode(ctx);
};

const SCRIPT = /\.(m?[jt]sx?|c[jt]s)$/;
const DENO_SUBCOMMANDS = new Set(["task", "test", "fmt", "lint", "check", "doc", "info", "bench", "run", "serve", "compile", "cache", "types", "coverage", "init", "upgrade", "--version", "-V", "help", "--help", "outdated"]);
