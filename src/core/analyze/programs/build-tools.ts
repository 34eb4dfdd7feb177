import { optionValue, type ProgramContext, type ProgramHandler } from "./context.ts";
import { agentWrittenScript, workspaceCode } from "./packages.ts";
import { runScript } from "./wrappers.ts";

/**
 * Build and test tools that run files the project (or the agent) wrote: make/ninja recipes, cmake
 * scripts, notebooks, pytest's collected tests, tox/nox/jest/vitest configuration, setup.py at
 * `pip install .`. Files the agent wrote this session are judged by their content when they run.
 */

/**
 * Notebooks run their cells: `jupyter nbconvert --execute n.ipynb`, `jupyter execute n.ipynb`,
 * `papermill n.ipynb out.ipynb`. A notebook the agent wrote or edited this session is judged by its
 * cells' code, as a script it wrote would be.
 */
const notebookRunner: ProgramHandler = (ctx) => {
  const runs = ctx.words[0].value === "papermill" || ctx.words.some((w) => w.value === "--execute" || w.value === "execute");
  workspaceCode(ctx);
  if (!runs) return;
  for (const nb of ctx.words.filter((w) => /\.ipynb$/.test(w.value)).slice(0, 1)) {
    const text = agentWrittenScript(ctx, nb.value, (t) => t);
    if (text) ctx.code("python", cellsOf(text));
  }
};
/** The code of a notebook's cells (the JSON's `source` strings), or the text itself when it is one cell. */
function cellsOf(text: string): string {
  try {
    const nb = JSON.parse(text) as { cells?: { cell_type?: string; source?: string | string[] }[] };
    return (nb.cells ?? []).filter((c) => c.cell_type !== "markdown").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source ?? "")).join("\n");
  } catch {
    return text;
  }
}

/**
 * Build tools run files the agent may have written: `pip install .` runs setup.py, nox runs
 * noxfile.py, tox runs tox.ini's commands. Those written this session are judged by their content.
 */
export function agentWrittenBuildFiles(ctx: ProgramContext, name: string): void {
  const py = (file: string) => agentWrittenScript(ctx, file, (t) => t);
  if (name === "pip" || name === "pip3" || name === "uv") {
    const setup = py("setup.py");
    if (setup) ctx.code("python", setup);
  }
  if (name === "nox") {
    const noxfile = py("noxfile.py");
    if (noxfile) ctx.code("python", noxfile);
  }
  if (name === "tox") {
    const ini = agentWrittenScript(ctx, "tox.ini", (t) => [...t.matchAll(/^\s*commands\s*=\s*((?:.*\n?)(?:[ \t]+.*\n?)*)/gm)].map((m) => m[1].replace(/\{[^}]*\}/g, "")).join("\n"));
    if (ini) ctx.shell(ini);
  }
  if (name === "jest" || name === "vitest" || name === "npm" || name === "npx") {
    for (const f of ["jest.config.js", "jest.config.ts", "vitest.config.ts", "vitest.config.js"]) {
      const cfg = py(f);
      if (cfg) ctx.code("node", cfg);
    }
  }
}
/**
 * pytest runs every conftest.py and test file it collects: the ones the agent wrote this session are
 * judged by their content, as a script it runs would be.
 */
export function collectedTests(ctx: ProgramContext): void {
  const root = ctx.cmd.cwd.replace(/\/?$/, "/");
  for (const [p, text] of ctx.env.sessionScripts) {
    if (p.startsWith(root) && /(^|\/)(conftest|test_[^/]*|[^/]*_test)\.py$/.test(p)) ctx.code("python", text);
  }
}

/**
 * make/ninja run the project's build files: workspace code. A build file from elsewhere or from stdin
 * (`make -f -`, `-f /tmp/x`), a recipe given inline (`--eval`, `-E`) or a variable that replaces a
 * program (`make SHELL=… CC=…`) is code autogate has not seen.
 */
const buildTool: ProgramHandler = (ctx) => {
  const file = optionValue(ctx.words, ["-f", "--file", "--makefile"]);
  const dir = optionValue(ctx.words, ["-C", "--directory"]);
  const inline = ctx.words.find((w) => /^(--eval|-E)(=|$)/.test(w.value));
  const override = ctx.words.slice(1).find((w) => /^[A-Z_][A-Z0-9_]*=/.test(w.value) && /^(SHELL|CC|CXX|LD|AR|MAKE|MAKEFLAGS|CMAKE_COMMAND|.*_COMMAND|.*FLAGS)=/.test(w.value));
  const outside = [file, dir].find((w) => w && (w.value === "-" || !["workspace", "session"].includes(ctx.path(w).class)));
  const why = inline ? `${inline.value} gives a recipe inline` : override ? `${override.value.split("=")[0]}= replaces a program` : outside ? `${outside.value} is a build file from outside the project` : undefined;
  if (why) return ctx.emit({ type: "dynamic", reason: `${ctx.words[0].value}: ${why}`, span: ctx.cmd.span });
  workspaceCode(ctx);
  // A Makefile the agent wrote is judged by its recipes (tab-indented lines) and its $(shell …) calls.
  const makefile = file?.value ?? (dir ? `${dir.value}/Makefile` : "Makefile");
  const recipes = agentWrittenScript(ctx, makefile, (text) => [
    ...text.split("\n").filter((l) => l.startsWith("\t")).map((l) => l.slice(1).replace(/^[@+-]+/, "")),
    ...[...text.matchAll(/\$\(shell ([^)]*)\)/g)].map((m) => m[1]),
  ].join("\n"));
  if (recipes) ctx.shell(recipes);
};
// cmake -E rm -rf x → the delete it names; cmake -P script → that script's code
const cmake: ProgramHandler = (ctx) => {
  const e = ctx.words.findIndex((w) => w.value === "-E");
  if (e > 0) {
    const [verb, ...args] = ctx.words.slice(e + 1);
    const paths = args.filter((w) => !w.value.startsWith("-"));
    if (/^(rm|remove|remove_directory)$/.test(verb?.value ?? "")) return paths.forEach((w) => ctx.emit({ type: "delete", ...ctx.path(w), recursive: verb.value === "remove_directory" || args.some((a) => /^-[a-z]*r/i.test(a.value)), span: w.span }));
    if (/^(copy|copy_directory|copy_if_different|rename|create_symlink|touch|make_directory|tar)$/.test(verb?.value ?? "")) return paths.slice(-1).forEach((w) => ctx.emit({ type: "write", ...ctx.path(w), span: w.span }));
    if (/^(env|chdir|time)$/.test(verb?.value ?? "")) return ctx.emit({ type: "dynamic", reason: `cmake -E ${verb.value} runs a command`, span: ctx.cmd.span });
    return;
  }
  const script = optionValue(ctx.words, ["-P"]);
  if (script) return runScript(ctx, script, "shell");
  buildTool(ctx);
};

const pytest: ProgramHandler = (ctx) => (workspaceCode(ctx), collectedTests(ctx));
const withBuildFiles = (name: string): ProgramHandler => (ctx) => (workspaceCode(ctx), agentWrittenBuildFiles(ctx, name));

export const BUILD_PROGRAMS: Record<string, ProgramHandler> = {
  jupyter: notebookRunner, papermill: notebookRunner, pytest, "py.test": pytest,
  nox: withBuildFiles("nox"), tox: withBuildFiles("tox"), jest: withBuildFiles("jest"), vitest: withBuildFiles("vitest"),
  make: buildTool, gmake: buildTool, ninja: buildTool, cmake,
};
