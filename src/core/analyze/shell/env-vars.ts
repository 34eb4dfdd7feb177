import type { ProgramContext } from "../programs/context.ts";

/**
 * Variables set for a command (`X=1 cmd`, `env X=1 cmd`, `export X=1`, `X=1;` on its own) that change
 * what runs: a command another program will run, a library or start-up file loaded into every
 * program, a folder searched for programs or configuration, a registry, TLS checks switched off.
 */

/** Variables naming a command another program runs (`GIT_PAGER='rm -rf ~' git log`): judged as that command. */
const COMMAND_VARS = new Set([
  "GIT_PAGER", "PAGER", "MANPAGER", "BAT_PAGER", "GH_PAGER", "PSQL_PAGER", "SYSTEMD_PAGER", "DELTA_PAGER", "GIT_EDITOR", "EDITOR", "VISUAL",
  "GIT_SEQUENCE_EDITOR", "GIT_EXTERNAL_DIFF", "LESSOPEN", "LESSCLOSE", "GIT_SSH", "GIT_ASKPASS", "SSH_ASKPASS", "SUDO_ASKPASS", "GIT_PROXY_COMMAND", "BROWSER",
  // Compilers and wrappers a build runs in place of its own.
  "CC", "CXX", "LD", "AR", "FC", "RUSTC", "RUSTC_WRAPPER", "RUSTDOC", "CARGO_BUILD_RUSTC_WRAPPER",
]);

/** Variables whose value is loaded or run as code, or names where every later install comes from. */
const HIJACK_VARS = new Set([
  "LD_PRELOAD", "LD_AUDIT", "GCONV_PATH", "DYLD_INSERT_LIBRARIES", "BASH_ENV", "ENV", "PROMPT_COMMAND", "GIT_SSH_COMMAND",
  "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "UV_INDEX_URL", "UV_EXTRA_INDEX_URL", "npm_config_registry", "NPM_CONFIG_REGISTRY", "YARN_NPM_REGISTRY_SERVER", "YARN_REGISTRY",
  "PYTHONSTARTUP", "PERL5OPT", "RUBYOPT", "GIT_DIR", "GIT_CONFIG", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_TEMPLATE_DIR", "GIT_EXEC_PATH",
]);

/** Folder lists searched for libraries or modules: an entry outside the project loads code from there. */
const LIBRARY_PATHS = new Set(["LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "PYTHONPATH", "PERL5LIB", "RUBYLIB", "NODE_PATH"]);

/** Folders (or files) whose configuration programs load: git's, npm's, pip's, gpg's, Python's own. */
const CONFIG_HOMES = new Set(["HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "GNUPGHOME", "CARGO_HOME", "DOCKER_CONFIG", "PIP_CONFIG_FILE", "NPM_CONFIG_USERCONFIG", "npm_config_userconfig", "PYTHONHOME"]);

/** Option variables, and the flags in them that load code: a Java agent, Go's -toolexec, Node's --require. */
const JVM_CODE = /-javaagent|-agentpath|-agentlib|OnError|OnOutOfMemoryError/;
const CODE_FLAGS: Record<string, RegExp> = {
  NODE_OPTIONS: /--(require|import|loader|experimental-loader|eval|print)|-[rep]\b/,
  GOFLAGS: /-toolexec|-exec\b|-overlay/, RUSTFLAGS: /linker=|-Z\s*plugin/,
  JAVA_TOOL_OPTIONS: JVM_CODE, _JAVA_OPTIONS: JVM_CODE, JDK_JAVA_OPTIONS: JVM_CODE, MAVEN_OPTS: JVM_CODE, GRADLE_OPTS: JVM_CODE,
};

const TLS_OFF: Record<string, RegExp> = {
  NODE_TLS_REJECT_UNAUTHORIZED: /^0$/, GIT_SSL_NO_VERIFY: /^(1|true|yes)$/i, PYTHONHTTPSVERIFY: /^0$/, CURL_CA_BUNDLE: /^$/, REQUESTS_CA_BUNDLE: /^$/, NPM_CONFIG_STRICT_SSL: /^false$/i, npm_config_strict_ssl: /^false$/i,
};

/** Where toolchains install their programs: /usr/local/bin, /opt/homebrew/bin, /opt/conda/bin, /usr/local/go/bin. */
const INSTALL_BIN = /^\/(usr\/|opt\/homebrew\/)?(local\/)?s?bin$|^\/usr\/local\/[\w.-]+\/bin$|^\/opt\/[\w.-]+\/bin$|^\/usr\/lib\/[\w.-]+\/bin$/;

/** Classes of folder anyone may have filled: a temp folder the agent did not make, or one we cannot resolve. */
const UNTRUSTED_FOLDER = new Set(["temp", "unknown", "secret"]);

export function envAssignments(ctx: ProgramContext): void {
  const name0 = ctx.words[0]?.value;
  const fromExport = ["export", "declare", "typeset", "readonly", "local"].includes(name0) ? ctx.words.slice(1).map((w) => ({ name: w.value.split("=")[0], value: { ...w, value: w.value.slice(w.value.indexOf("=") + 1) }, has: w.value.includes("=") })).filter((a) => a.has) : [];
  const changes = (name: string, value: string) => ctx.emit({ type: "system", what: `${name}=${value.slice(0, 80)}: changes what later commands run`, span: ctx.cmd.span });
  for (const a of [...ctx.cmd.assignments, ...fromExport]) {
    const value = a.value.value;
    if (COMMAND_VARS.has(a.name) || /^GIT_CONFIG_VALUE_\d+$/.test(a.name)) {
      if (a.value.dynamic) ctx.emit({ type: "dynamic", reason: `${a.name} names a command computed at run time`, span: a.value.span });
      else if (value.trim()) ctx.shell(value.replace(/^\|/, "").replace(/%s/g, "FILE"));
      continue;
    }
    // TLS certificate checks switched off: anyone on the path can then answer in the server's place.
    if (TLS_OFF[a.name]?.test(value)) ctx.emit({ type: "system", what: `${a.name}=${value}: turns off TLS certificate checks`, span: a.value.span });
    // GIT_TRACE=/path (and the TRACE2 family) appends git's trace to that file; 1/true/2 mean stderr.
    if (/^GIT_TRACE/.test(a.name) && /^[/~.]/.test(value)) ctx.emit({ type: "write", ...ctx.path(a.value), append: true, note: a.name, span: a.value.span });
    if (CODE_FLAGS[a.name]?.test(value)) changes(a.name, value);
    if (a.name === "PATH") {
      // Only folders searched before the old $PATH can shadow `ls` or `git`: the project's, the
      // user's own, and the usual install folders are fine; anything else may hold look-alikes.
      const entries = value.split(":");
      const old = entries.findIndex((e) => /^\$(\{PATH\}|PATH)$/.test(e));
      const first = (old < 0 ? entries : entries.slice(0, old)).filter((d) => d && !d.startsWith("$"));
      if (first.some((d) => { const r = ctx.path(d); return !["workspace", "session", "home"].includes(r.class) && !INSTALL_BIN.test(r.path); })) changes(a.name, value);
    }
    if (LIBRARY_PATHS.has(a.name)) {
      const dirs = value.split(":").filter((d) => d && !d.startsWith("$"));
      if (a.name.endsWith("LIBRARY_PATH") || dirs.some((d) => !["workspace", "session"].includes(ctx.path(d).class))) changes(a.name, value);
    }
    if (CONFIG_HOMES.has(a.name) && (a.value.dynamic ? !/^\$\{?HOME\}?(\/|$)/.test(a.value.text.split("=").pop() ?? "") : UNTRUSTED_FOLDER.has(ctx.path(a.value).class))) changes(a.name, value);
    if (!HIJACK_VARS.has(a.name)) continue;
    if (a.name === "GIT_SSH_COMMAND" || a.name === "PROMPT_COMMAND" || a.name === "BASH_ENV" || a.name === "ENV") ctx.shell(value.replace(/^[^=]*=/, ""));
    changes(a.name, value);
  }
}
