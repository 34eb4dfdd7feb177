import { hasFlag, inFolder, operands, optionValue, type ProgramContext, type ProgramHandler } from "./context.ts";
import { CONDA_RUN_VALUE, deno, environmentRunner, installsThrough, RUN_VALUE, UV_RUN_VALUE, yarnNode } from "./project-run.ts";
import { agentWrittenBuildFiles } from "./build-tools.ts";
import { runScript } from "./wrappers.ts";

/**
 * Package managers. Installing what the project's manifest declares is routine; naming a package
 * pulls new third-party code from a registry; a URL or git source is code from anywhere; `npx x`
 * runs a package fetched right now. Running project scripts (npm test, make) runs workspace code.
 */
const install = (ctx: ProgramContext, manager: string, source: "manifest" | "registry" | "url" | "local", global = false) =>
  ctx.emit({ type: "package-install", manager, source, global, span: ctx.cmd.span });

export const workspaceCode = (ctx: ProgramContext) =>
  ctx.emit({ type: "run", program: ctx.words.slice(0, 2).map((w) => w.value).join(" "), argv: ctx.words.map((w) => w.value), known: true, code: ctx.path("."), span: ctx.cmd.span });

function sourceOf(raw: string[]): "manifest" | "registry" | "url" | "local" {
  if (raw.length === 0) return "manifest";
  // `.[dev]`, `requests[socks]`: extras name optional dependencies of the same source.
  const specs = raw.map((s) => s.replace(/\[[\w,.\s-]*\]$/, ""));
  if (specs.some((s) => /^(https?:|git\+|git:|ssh:|github:|[\w-]+\/[\w.-]+#)/.test(s) || /\.git$/.test(s))) return "url";
  // A built archive (`./x.tar.gz`, `/tmp/evil.whl`) runs its install scripts like a download; a
  // source folder given relatively (`.`, `./pkg`) is the project's own.
  if (specs.some((s) => /\.(whl|tar\.gz|tgz|tar\.bz2|zip|egg)$/.test(s))) return "url";
  if (specs.every((s) => s === "." || s.startsWith("./") || s.startsWith("../"))) return "local";
  if (specs.some((s) => s.startsWith("/") || s.startsWith("~"))) return "url";
  return "registry";
}

const pip: ProgramHandler = (ctx) => {
  const sub = ctx.words[1]?.value;
  // `pip wheel x` builds x from the registry, running its build scripts as an install would.
  if (sub !== "install" && sub !== "download" && sub !== "wheel") {
    if (sub === "uninstall") ctx.emit({ type: "system", what: "pip uninstall", span: ctx.cmd.span });
    // pip config set global.index-url … points every later install at another index.
    if (sub === "config" && ["set", "unset", "edit"].includes(ctx.words[2]?.value ?? "")) ctx.emit({ type: "system", what: `pip config ${ctx.words[2].value}`, span: ctx.cmd.span });
    return;
  }
  const args = ctx.words.slice(1);
  const req = args.some((w) => ["-r", "--requirement", "-e", "--editable", "-c"].includes(w.value));
  const specs = operands(args, new Set(["-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-t", "--target", "--prefix", "-f", "--find-links", "--root", "--trusted-host", "--python-version", "--platform", "-d", "--dest", "-w", "--wheel-dir", "--only-binary", "--no-binary", "--abi", "--implementation"])).map((w) => w.value);
  // Upgrading pip's own tooling (`pip install -U pip setuptools wheel`) adds no project dependency.
  if (specs.length && specs.every((sp) => /^(pip|setuptools|wheel)([<>=!~].*)?$/.test(sp))) specs.length = 0;
  const editable = args.findIndex((w) => w.value === "-e" || w.value === "--editable");
  if (editable >= 0 && args[editable + 1]) specs.push(args[editable + 1].value);
  // A requirements file from a URL or from outside the project is not the project's manifest.
  const foreignReq = [...args.keys()].some((k) => ["-r", "--requirement", "-c", "--constraint"].includes(args[k].value) && args[k + 1] && (/^https?:/.test(args[k + 1].value) || !["workspace", "session"].includes(ctx.path(args[k + 1]).class)));
  const registryOverride = foreignReq || args.some((w) => /^(-i|--index-url|--extra-index-url)$/.test(w.value) || /^--(extra-)?index-url=/.test(w.value));
  const source = registryOverride ? "url" : req && specs.length === 0 ? "manifest" : sourceOf(specs);
  install(ctx, "pip", source, hasFlag(args, "", ["--user"]));
  if (source === "local") agentWrittenBuildFiles(ctx, "pip");
};

/** Options before an npm/pnpm/yarn/bun subcommand that take a value (`pnpm -C dir add x`). */
const NPM_GLOBAL_VALUE = new Set(["--prefix", "-C", "--dir", "--workspace", "--filter", "-F", "--cwd", "--registry", "--loglevel", "--userconfig", "--globalconfig", "--cache", "--reporter", "--color", "--mutex", "--modules-folder"]);

const npm: ProgramHandler = (ctx) => {
  // Global options may come first (`npm -y exec x`, `bun --bun x y`): the subcommand is the first operand.
  let at = 1;
  const takesValue = (v: string) => NPM_GLOBAL_VALUE.has(v) || (v === "-w" && ctx.words[0].value === "npm");
  while (at < ctx.words.length && ctx.words[at].value.startsWith("-")) at += takesValue(ctx.words[at].value) ? 2 : 1;
  // `npm --prefix /tmp/x run build`, `pnpm -C d test`: the scripts and packages of that folder.
  const dir = at > 1 ? optionValue(ctx.words.slice(0, at), ["--prefix", "-C", "--dir", "--cwd"]) : undefined;
  if (at > 1) return npm({ ...(dir ? inFolder(ctx, dir) : ctx), words: [ctx.words[0], ...ctx.words.slice(at), ...ctx.words.slice(1, at)] });
  const manager = ctx.words[0].value;
  const sub = ctx.words[1]?.value ?? "";
  const args = ctx.words.slice(2);
  // `npm explore pkg -- cmd` runs cmd in the package's folder.
  const dd = args.findIndex((w) => w.value === "--");
  if (sub === "explore" && dd >= 0) return ctx.shell(args.slice(dd + 1).map((w) => w.value).join(" "));
  // `npm create vite`, `npm init react-app x`, `yarn create x`: fetch create-<x> and run it.
  if (sub === "create" || (sub === "init" && operands(ctx.words.slice(1)).length > 0) || sub === "innit") {
    return ctx.emit({ type: "untrusted-code", origin: "registry", note: `${manager} ${sub} ${args[0]?.value ?? ""} runs a starter fetched from the registry`, span: ctx.cmd.span });
  }
  if (manager === "yarn" && sub === "global" && ["add", "upgrade"].includes(args[0]?.value ?? "")) return install(ctx, "yarn", sourceOf(operands(args.slice(1)).map((w) => w.value)), true);
  if (manager === "yarn" && sub === "node") return yarnNode(ctx);
  // `yarn plugin import <url|name>` installs code yarn runs on every later call.
  if (manager === "yarn" && sub === "plugin" && ["import", "add"].includes(args[0]?.value ?? "")) return ctx.emit({ type: "untrusted-code", origin: "registry", note: `yarn plugin ${args[0].value} ${args[1]?.value ?? ""}`, span: ctx.cmd.span });
  if (manager === "yarn" && sub === "npm" && ["publish", "tag"].includes(args[0]?.value ?? "")) return ctx.emit({ type: "remote-change", what: `yarn npm ${args[0].value}: publishes to the package registry`, span: ctx.cmd.span });
  // `npm pkg set scripts.test='…'`, `npm set-script test '…'`: a script that runs at the next npm test, judged now.
  const scriptSet = sub === "pkg" && args[0]?.value === "set" ? args.slice(1).filter((w) => /^scripts\.[^=]+=/.test(w.value)).map((w) => w.value.slice(w.value.indexOf("=") + 1)) : sub === "set-script" && args[1] ? [args[1].value] : [];
  for (const script of scriptSet) ctx.shell(script);
  const global = hasFlag(ctx.words, "g", ["--global", "--location=global"]);
  if (["install", "i", "add", "ci", "update", "up", "upgrade"].includes(sub)) {
    const specs = operands([ctx.words[1], ...args], new Set(["--registry", "--prefix", "--cache", "-w", "--workspace", "--filter"])).map((w) => w.value);
    const registry = ctx.words.some((w) => w.value.startsWith("--registry"));
    install(ctx, manager, registry ? "url" : sourceOf(specs), global);
    // Installing runs the manifest's lifecycle scripts: an agent-written package.json is judged by them.
    const hooks = agentWrittenScript(ctx, "package.json", (text) => {
      const scripts = (JSON.parse(text) as { scripts?: Record<string, string> }).scripts ?? {};
      return ["preinstall", "install", "postinstall", "prepare", "prepublish"].map((k) => scripts[k]).filter(Boolean).join("\n") || undefined;
    });
    if (hooks) ctx.shell(hooks);
    return;
  }
  if (manager === "yarn" && (sub === "" || ctx.words[1]?.value.startsWith("-"))) return install(ctx, manager, "manifest");
  // `bun exec` runs a shell script; pnpm/yarn exec run a command with the project's binaries on PATH
  // (a program we know is analysed as itself, anything else is the project's own); npm exec is npx.
  if (sub === "exec" && manager === "bun") return ctx.shell(args.map((w) => w.value).join(" "));
  if (sub === "exec" && manager !== "npm") {
    let i = 0;
    for (; i < args.length && args[i].value.startsWith("-"); i++) {
      if (args[i].value === "--") { i++; break; }
      if (/^(--filter|-F)$/.test(args[i].value)) i++;
    }
    const cmd = args.slice(i);
    if (args.slice(0, i).some((w) => /^(-c|--shell-mode)$/.test(w.value))) return ctx.shell(cmd.map((w) => w.value).join(" "));
    // A path (`pnpm exec /tmp/evil`) or a program we know is judged as itself; a bare name is the project's binary.
    return cmd[0] && (ctx.knows(cmd[0].value) || cmd[0].value.includes("/")) ? void ctx.run(cmd) : workspaceCode(ctx);
  }
  if (sub === "exec") return runsFetched("npm exec")({ ...ctx, words: ctx.words.slice(1) });
  if (["dlx", "x"].includes(sub)) return ctx.emit({ type: "untrusted-code", origin: "registry", note: `${manager} ${sub} runs a package fetched from the registry`, span: ctx.cmd.span });
  if ((sub === "publish" || sub === "unpublish" || sub === "deprecate" || sub === "owner" || sub === "dist-tag") && !ctx.words.some((w) => w.value === "--dry-run")) {
    return ctx.emit({ type: "remote-change", what: `${manager} ${sub}: publishes to the package registry`, span: ctx.cmd.span });
  }
  if (["uninstall", "remove", "rm", "un", "prune", "cache", "config", "set", "login", "logout", "adduser", "token"].includes(sub)) {
    if (["config", "set", "login", "adduser", "token"].includes(sub) && args.length) ctx.emit({ type: "system", what: `${manager} ${sub}`, span: ctx.cmd.span });
    return;
  }
  // run, test, start, build, lint, exec of project scripts, and yarn <script>.
  workspaceCode(ctx);
  if (sub === "test" || sub === "t") agentWrittenBuildFiles(ctx, "npm");
  // A package.json the agent wrote (this session or this command line) is judged by the script it names.
  const name = sub === "run" || sub === "run-script" ? args.find((w) => !w.value.startsWith("-"))?.value : sub;
  const script = name ? agentWrittenScript(ctx, "package.json", (text) => (JSON.parse(text) as { scripts?: Record<string, string> }).scripts?.[name]) : undefined;
  if (script) ctx.shell(script);
};

/**
 * The text of a project file the agent wrote this session or earlier in this command line (a
 * package.json, a Makefile), passed through `pick`; undefined for the user's own files, which are
 * the project's code as it was.
 */
/** nvm/pyenv/rbenv/fnm/volta/asdf: `install` brings a runtime from the network; use/local/version look or pick. */
function versionManager(name: string): ProgramHandler {
  return (ctx) => {
    const sub = ctx.words[1]?.value ?? "";
    if (/^(install|plugin|plugin-add)$/.test(sub)) return install(ctx, name, "registry", true);
    if (/^(uninstall|remove)$/.test(sub)) return ctx.emit({ type: "system", what: `${name} ${sub}`, span: ctx.cmd.span });
    // `pyenv local 3.11` writes .python-version in the project; the rest only chooses or prints.
    if (sub === "local") ctx.emit({ type: "write", ...ctx.path(name === "pyenv" ? ".python-version" : name === "rbenv" ? ".ruby-version" : ".tool-versions"), span: ctx.cmd.span });
  };
}

export function agentWrittenScript(ctx: ProgramContext, file: string, pick: (text: string) => string | undefined): string | undefined {
  const p = ctx.path(file).path;
  const text = ctx.writtenHere(p) ?? ctx.env.sessionScripts.get(p);
  if (!text) return undefined;
  try {
    return pick(text);
  } catch {
    return undefined;
  }
}

/**
 * npx/bunx/uvx run a package's binary, fetching it when it is not installed. `npx tsc` in a project
 * with typescript in node_modules runs the project's own copy (the hook checks node_modules/.bin);
 * anything else, or `--package`, is code from the registry.
 */
const runsFetched = (label: string): ProgramHandler => (ctx) => {
  const pkg = operands(ctx.words, new Set(["-p", "--package", "--from", "-c", "--with", "--call"]))[0]?.value ?? "";
  // `npx -c 'cmd'` runs a shell command (with fetched packages on PATH): analysed as one.
  const call = ctx.words.findIndex((w) => w.value === "-c" || w.value === "--call");
  if (call > 0 && ctx.words[call + 1]) ctx.shell(ctx.words[call + 1].value);
  const named = call > 0 || ctx.words.some((w) => /^(-p|--package|--from|--with)(=|$)/.test(w.value));
  // A bare name (not @scope/x, not org/repo, which npx fetches as package specs) found in node_modules/.bin.
  if (!named && /^(npx|bunx|npm exec)$/.test(label) && /^[\w.-]+$/.test(pkg) && ctx.env.hasLocalBin?.(pkg)) return workspaceCode(ctx);
  ctx.emit({ type: "untrusted-code", origin: "registry", note: `${label} ${pkg} downloads and runs a package`, span: ctx.cmd.span });
};

const cargo: ProgramHandler = (ctx) => {
  const sub = ctx.words[1]?.value ?? "";
  if (sub === "install") return install(ctx, "cargo", sourceOf(operands(ctx.words.slice(1), new Set(["--git", "--path", "--version", "--root"])).slice(1).map((w) => w.value)), true);
  if (sub === "publish" || sub === "yank" || sub === "owner") return ctx.emit({ type: "remote-change", what: `cargo ${sub}`, span: ctx.cmd.span });
  workspaceCode(ctx);
};

const goTool: ProgramHandler = (ctx) => {
  const sub = ctx.words[1]?.value ?? "";
  // `go install ./...` builds the project's own commands; a module path fetches one.
  const targets = operands(ctx.words.slice(1), new Set(["-C", "-o", "-tags", "-ldflags", "-gcflags", "-mod", "-modfile"]));
  if (sub === "install" && targets.length && targets.every((w) => /^\.{1,2}(\/|$)/.test(w.value))) return workspaceCode(ctx);
  if (sub === "install" || sub === "get") return install(ctx, "go", "registry", sub === "install");
  if (sub === "run" && operands(ctx.words.slice(1))[0]?.value.includes("@")) return runsFetched("go run")(ctx);
  // `go run /tmp/x/main.go`: the code that runs is there, not necessarily the project's.
  const target = sub === "run" ? operands(ctx.words.slice(1), new Set(["-C", "-o", "-tags", "-ldflags", "-gcflags", "-exec", "-toolexec", "-mod", "-modfile", "-overlay", "-pkgdir", "-p"]))[0] : undefined;
  if (target && /[/.]/.test(target.value)) return ctx.emit({ type: "run", program: "go run", argv: ctx.words.map((w) => w.value), known: true, code: ctx.path(target.value.replace(/\/\.\.\.$/, "")), span: ctx.cmd.span });
  workspaceCode(ctx);
};

/** tsx/ts-node/bun run a file they are given: judged by where it is and what it says, like node's. */
const scriptRunner: ProgramHandler = (ctx) => {
  const file = operands(ctx.words, new Set(["-r", "--require", "--import", "--tsconfig", "-P", "--project", "-C", "--cwd"]))[0];
  if (file && /\.(m?[jt]sx?|c[jt]s)$/.test(file.value)) return runScript(ctx, file, "node");
  workspaceCode(ctx);
};


const systemPackages = (manager: string): ProgramHandler => (ctx) => {
  const sub = ctx.words.find((w, i) => i > 0 && !w.value.startsWith("-"))?.value ?? "";
  if (["install", "reinstall", "add", "upgrade", "dist-upgrade", "full-upgrade", "localinstall", "tap"].includes(sub)) return install(ctx, manager, "registry", true);
  if (["remove", "purge", "autoremove", "erase", "uninstall", "del"].includes(sub)) return ctx.emit({ type: "system", what: `${manager} ${sub}: removes system packages`, span: ctx.cmd.span });
  if (["update", "makecache", "refresh"].includes(sub)) return ctx.emit({ type: "net", direction: "download", host: `${manager} mirrors`, span: ctx.cmd.span });
};

export const PACKAGE_PROGRAMS: Record<string, ProgramHandler> = {
  pip, pip3: pip, npm, pnpm: npm, yarn: npm, bun: npm, cargo, go: goTool,
  npx: runsFetched("npx"), bunx: runsFetched("bunx"), uvx: runsFetched("uvx"), pipx: (ctx) => (ctx.words[1]?.value === "run" ? runsFetched("pipx run")(ctx) : install(ctx, "pipx", "registry", true)),
  uv: environmentRunner(UV_RUN_VALUE, (ctx) => {
    const sub = ctx.words[1]?.value;
    if (sub === "pip") return pip({ ...ctx, words: ctx.words.slice(1) });
    if (sub === "tool" && ctx.words[2]?.value === "run") return runsFetched("uv tool run")(ctx);
    if (sub === "add") return install(ctx, "uv", "registry");
    if (sub === "tool" && ["install", "upgrade"].includes(ctx.words[2]?.value ?? "")) return install(ctx, "uv", sourceOf(operands(ctx.words.slice(2), new Set(["--with", "--python", "--from", "--index-url"])).map((w) => w.value)), true);
    workspaceCode(ctx);
  }),
  poetry: environmentRunner(RUN_VALUE, installsThrough("poetry", { add: "project", "self add": "global", "self install": "global" }, (ctx) => (ctx.words[1]?.value === "publish" ? ctx.emit({ type: "remote-change", what: "poetry publish", span: ctx.cmd.span }) : workspaceCode(ctx)))),
  gem: (ctx) => (ctx.words[1]?.value === "install" ? install(ctx, "gem", "registry", true) : undefined),
  conda: environmentRunner(CONDA_RUN_VALUE, installsThrough("conda", { install: "project", create: "project", "env create": "project", "env update": "project" }, () => undefined)),
  // Version managers: choosing a version is routine; installing one fetches a runtime.
  nvm: versionManager("nvm"), pyenv: versionManager("pyenv"), rbenv: versionManager("rbenv"), fnm: versionManager("fnm"), volta: versionManager("volta"), asdf: versionManager("asdf"),
  pdm: environmentRunner(RUN_VALUE, installsThrough("pdm", { add: "project", install: "project", sync: "project" }, workspaceCode)),
  hatch: environmentRunner(RUN_VALUE, workspaceCode),
  pipenv: environmentRunner(RUN_VALUE, installsThrough("pipenv", { install: "project", sync: "project" }, workspaceCode)),
  deno,
  "apt-get": systemPackages("apt-get"), apt: systemPackages("apt"), yum: systemPackages("yum"), dnf: systemPackages("dnf"),
  brew: systemPackages("brew"), apk: systemPackages("apk"), pacman: systemPackages("pacman"), snap: systemPackages("snap"), zypper: systemPackages("zypper"),
  twine: (ctx) => (ctx.words[1]?.value === "upload" ? ctx.emit({ type: "remote-change", what: "twine upload: publishes to PyPI", span: ctx.cmd.span }) : undefined),
};

/** java -jar tool.jar args: the jar is the code that runs. */
PACKAGE_PROGRAMS.java = (ctx) => {
  const jar = ctx.words.findIndex((w) => w.value === "-jar");
  if (jar > 0 && ctx.words[jar + 1]) return runScript(ctx, ctx.words[jar + 1], "shell");
  workspaceCode(ctx);
};

/** Build and test runners: they run the project's own code, which is what the agent is there to do. */
const PROJECT_RUNNERS = [
  "make", "cmake", "ninja", "meson", "pytest", "py.test", "tox", "nox", "mypy", "ruff", "black", "isort", "flake8", "pylint",
  "jest", "vitest", "mocha", "tsc", "eslint", "prettier", "gradle", "gradlew", "mvn", "ant", "sbt", "dotnet", "rustc",
  "gcc", "g++", "cc", "clang", "clang++", "javac", "java", "rustfmt", "gofmt", "sphinx-build", "django-admin",
  "coverage", "hatch", "pdm", "tsx", "ts-node", "esbuild", "vite", "webpack", "rollup", "swift", "xcodebuild",
  "bazel", "buck", "pre-commit", "nosetests", "trial", "behave", "rspec", "rake", "bundle", "composer", "phpunit",
  "mix", "elixir", "erl", "ghc", "cabal", "stack", "zig", "dart", "flutter", "kotlinc", "scalac", "julia", "R",
  "octave", "jupyter", "ipython", "asv", "pip-compile", "setup.py", "autoreconf", "configure", "ctest", "lein",
  // Dev servers and linters that run or read the project's own code.
  "uvicorn", "gunicorn", "flask", "hypercorn", "daphne", "mkdocs", "shellcheck", "golangci-lint", "goimports", "gofumpt", "clang-format",
  "clang-tidy", "bandit", "hadolint", "rails", "rubocop", "biome", "stylelint", "ktlint", "swiftlint", "pyright", "basedpyright", "ty", "nodemon", "next", "nuxt", "astro", "remix", "storybook", "playwright", "cypress", "docusaurus",
];
PACKAGE_PROGRAMS.tsx = scriptRunner;
PACKAGE_PROGRAMS["ts-node"] = scriptRunner;
for (const p of PROJECT_RUNNERS) PACKAGE_PROGRAMS[p] ??= workspaceCode;
