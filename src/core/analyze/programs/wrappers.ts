import type { Effect } from "../effect.ts";
import type { ShellWord, SimpleCommand } from "../shell/command.ts";
import { DOWNLOADED, inFolder, operands, type ProgramContext, type ProgramHandler } from "./context.ts";
import { classifyVerbs, guessByVerb } from "./generic-cli.ts";

/**
 * Wrappers run another command: peel them off and analyse what they run. Each row says which options
 * take a value, so `timeout -s KILL 5 rm -rf x` still finds `rm`.
 */
interface WrapperSpec {
  /** Options that consume the next word. */
  takesValue: string[];
  /** Positional words before the wrapped command (timeout's duration, nice's nothing). */
  positionals?: number;
  /** Runs the command with another user's rights (sudo, doas, su, chroot). */
  privilege?: true;
}

const WRAPPERS: Record<string, WrapperSpec> = {
  run0: { takesValue: ["-u", "--user", "-g", "--group", "-D", "--chdir", "--setenv", "--property", "--nice", "--slice", "--unit", "--description", "--background"], privilege: true },
  sudo: { takesValue: ["-u", "-g", "-p", "-C", "-h", "-U", "-r", "-t", "-T", "-D", "-R", "--user", "--group", "--prompt", "--chdir", "--chroot", "--close-from", "--host", "--role", "--type", "--other-user", "--command-timeout"], privilege: true },
  doas: { takesValue: ["-u", "-C"], privilege: true },
  pkexec: { takesValue: ["--user"], privilege: true },
  nice: { takesValue: ["-n", "--adjustment"] },
  nohup: { takesValue: [] },
  time: { takesValue: ["-f", "-o", "--format", "--output"] },
  timeout: { takesValue: ["-s", "-k", "--signal", "--kill-after"], positionals: 1 },
  stdbuf: { takesValue: ["-i", "-o", "-e"] },
  ionice: { takesValue: ["-c", "-n", "-p", "-t"] },
  setsid: { takesValue: [] },
  chrt: { takesValue: [], positionals: 1 },
  taskset: { takesValue: [], positionals: 1 },
  command: { takesValue: [] },
  builtin: { takesValue: [] },
  exec: { takesValue: ["-a"] },
  unbuffer: { takesValue: [] },
  caffeinate: { takesValue: [] },
  flock: { takesValue: ["-w", "-E", "--timeout"], positionals: 1 },
  watch: { takesValue: ["-n", "--interval", "-q", "--equexit"] },
  strace: { takesValue: ["-e", "-o", "-p", "-s"] },
  ltrace: { takesValue: ["-e", "-o", "-p"] },
  valgrind: { takesValue: [] },
  xvfb_run: { takesValue: ["-s", "-n", "-e"] },
  "xvfb-run": { takesValue: ["-s", "-n", "-e", "--server-args"] },
  catchsegv: { takesValue: [] },
  proxychains: { takesValue: ["-f"] },
  torsocks: { takesValue: [] },
  fakeroot: { takesValue: [] },
  chroot: { takesValue: [], positionals: 1, privilege: true },
  "run-one": { takesValue: [] },
  su: { takesValue: [], privilege: true },
};

/** The wrapped argv, or undefined when the wrapper only prints (`command -v x`, `sudo -l`). */
function unwrap(words: ShellWord[], spec: WrapperSpec, name: string): ShellWord[] | undefined {
  let i = 1;
  const takes = new Set(spec.takesValue);
  while (i < words.length && words[i].value.startsWith("-") && words[i].value !== "-") {
    if (words[i].value === "--") { i++; break; }
    if ((name === "command" || name === "type") && /^-[vV]/.test(words[i].value)) return undefined;
    if (name === "sudo" && /^-(l|v|k|K|e)$/.test(words[i].value)) return undefined;
    if (takes.has(words[i].value)) i++;
    i++;
  }
  i += spec.positionals ?? 0;
  return words.slice(i);
}

function wrapper(name: string, spec: WrapperSpec): ProgramHandler {
  return (ctx) => {
    let inner: Effect[] | undefined;
    // `su -c cmd`, `flock f -c cmd`: a shell command; `watch 'a | b'` joins its words for `sh -c` (not with -x).
    const c = name === "su" || name === "flock" ? ctx.words.findIndex((w) => w.value === "-c" || w.value === "--command") : -1;
    if (name === "su") {
      if (c > 0 && ctx.words[c + 1]) ctx.shell(ctx.words[c + 1].value);
    } else if (c > 0 && ctx.words[c + 1]) {
      ctx.shell(ctx.words[c + 1].value);
    } else if (name === "watch" && !ctx.words.some((w) => /^(-x|--exec)$/.test(w.value))) {
      const argv = unwrap(ctx.words, spec, name);
      if (argv?.length) argv.some((w) => w.dynamic) ? ctx.emit({ type: "dynamic", reason: "watch runs a command computed at run time", span: ctx.cmd.span }) : ctx.shell(argv.map((w) => w.value).join(" "));
    } else {
      const argv = unwrap(ctx.words, spec, name);
      if (argv?.length) inner = ctx.run(argv);
    }
    if (spec.privilege) ctx.emit({ type: "privilege", how: name, readOnly: inner !== undefined && inner.length > 0 && inner.every(onlyReads) && plainInvocation(ctx), span: ctx.cmd.span });
  };
}

/**
 * `sudo lsof -i :8080`, `sudo ss -tlnp`: elevated rights used only to look. A short list of programs
 * that cannot run other code or write a file whatever their options say; anything else (git runs
 * hooks and pagers from the repository's config, awk and sed run commands, sort -o writes) asks.
 * Reads of secrets are still their own effects, and rules.
 */
const LOOK_ONLY = new Set([
  "ls", "cat", "head", "tail", "wc", "stat", "file", "du", "df", "free", "ps", "pstree", "lsof", "ss", "netstat", "id",
  "whoami", "uptime", "lsblk", "blkid", "lspci", "lsusb", "lsmod", "findmnt", "pgrep", "pidof",
  "uname", "getent", "lscpu", "vmstat", "iostat", "nproc", "md5sum", "sha256sum", "sha1sum", "tree",
]);
const onlyReads = (e: Effect): boolean =>
  e.type === "read" || (e.type === "run" && (LOOK_ONLY.has(e.program) || gitLook(e.argv) || plainEnv(e.argv)) && !e.argv.slice(1).some(CHANGES_STATE.test, CHANGES_STATE));
/**
 * `sudo env LANG=C git status`: env only setting variables. What they do is judged on the command env
 * runs (LD_PRELOAD, pagers, GIT_TRACE files are effects of their own), so env itself adds nothing.
 */
const plainEnv = (argv: string[]) => argv[0] === "env" && argv.length > 2 && /^[A-Za-z_]\w*=/.test(argv[1]);
/**
 * `git status`, `rev-parse`, `ls-files` neither page nor call external diff tools, and git refuses to
 * read the config of a repository another user owns when run as root (safe.directory).
 */
const gitLook = (argv: string[]) => argv[0] === "git" && ["status", "rev-parse", "ls-files"].includes(argv[1] ?? "");
/** Arguments that turn a looking program into a changing one: `hostname evil`, `dmesg -C`, `ss -K`. */
const CHANGES_STATE = /^(-[A-Za-z]*[CKcFDo]|--(clear|kill|flush|rotate|vacuum.*|set.*|file|output.*|diag.*))(=.*)?$/;

/** sudo -E/-s/-i/-R or an environment passed in changes what runs, whatever the command says. */
function plainInvocation(ctx: ProgramContext): boolean {
  if (ctx.cmd.assignments.length) return false;
  const head = ctx.words[0].value;
  if (head === "su" || head === "chroot") return false;
  for (const w of ctx.words.slice(1)) {
    if (!w.value.startsWith("-")) break;
    if (/^-[A-Za-z]*[EsiRDA]|^--(preserve-env|shell|login|chroot|chdir|askpass)/.test(w.value)) return false;
  }
  return true;
}

/** env [-i] [-u N] [-S 'cmd args'] [K=V]... cmd */
const env: ProgramHandler = (ctx) => {
  const w = ctx.words;
  const assignments: SimpleCommand["assignments"] = [];
  let dir: ShellWord | undefined;
  let i = 1;
  for (; i < w.length; i++) {
    const v = w[i].value;
    if (v === "-S" || v === "--split-string") return ctx.shell(w.slice(i + 1).map((x) => x.value).join(" "));
    if (v.startsWith("--split-string=")) return ctx.shell([v.slice(15), ...w.slice(i + 1).map((x) => x.value)].join(" "));
    if (v.startsWith("-S")) return ctx.shell([v.slice(2), ...w.slice(i + 1).map((x) => x.value)].join(" "));
    if (v === "-C" || v === "--chdir" || v.startsWith("--chdir=")) { dir = v.startsWith("--chdir=") ? { ...w[i], value: v.slice(8) } : w[++i]; continue; }
    if (v === "-u" || v === "--unset") { i++; continue; }
    if (v.startsWith("-")) continue;
    const name = /^[A-Za-z_][A-Za-z0-9_]*(?==)/.exec(v)?.[0];
    if (!name) break;
    assignments.push({ name, value: { ...w[i], value: v.slice(name.length + 1) } });
  }
  // `env GIT_PAGER='rm -rf ~' git log`, `env LD_PRELOAD=x ls`: the variables are judged as a prefix's would be.
  if (i < w.length) (dir ? inFolder(ctx, dir) : ctx).run(w.slice(i), { assignments });
  // Bare `env` prints every variable, API keys and tokens included.
  else ctx.emit({ type: "read", path: "(environment variables)", class: "secret", note: "prints every environment variable", span: ctx.cmd.span });
};

/** bash -c 'script', bash script.sh, bash < file, curl | bash */
export const shellInterpreter: ProgramHandler = (ctx) => {
  const w = ctx.words;
  const c = w.findIndex((x, i) => i > 0 && /^-[a-zA-Z]*c[a-zA-Z]*$/.test(x.value));
  if (c > 0) {
    const script = w[c + 1];
    if (!script) return;
    if (script.dynamic || script.fromStdin) return ctx.emit({ type: "dynamic", reason: "shell -c with a script computed at run time", span: script.span });
    return ctx.shell(script.value);
  }
  // -s (or a lone `-`) reads the script from stdin; the words after it are only $1, $2...
  if (w.some((x, i) => i > 0 && (/^-[a-zA-Z]*s[a-zA-Z]*$/.test(x.value) || x.value === "-"))) return fromStdin(ctx, "shell");
  const file = operands(w, new Set(["-o", "-O", "+O"]))[0];
  if (file) return runScript(ctx, file, "shell");
  fromStdin(ctx, "shell");
};

/** A script file runs: judged by its content when the agent wrote it this session. */
export function runScript(ctx: ProgramContext, file: ShellWord, lang: Parameters<ProgramContext["code"]>[0]): void {
  // `bash <(curl …)`, `source <(…)`: the script is another program's output.
  if (file.producers) return pipedCode(ctx, file.producers, file.span);
  // `curl … | bash /dev/stdin`, `. /dev/stdin`: the script is this command's stdin.
  if (/^\/(dev\/stdin|dev\/fd\/0|proc\/self\/fd\/0)$/.test(file.value)) return fromStdin(ctx, lang);
  const ref = ctx.path(file);
  // Written earlier in this same command line (`cat > /tmp/x.py <<EOF … EOF; python /tmp/x.py`): its
  // content is what runs, judged below, wherever the file is.
  const writtenNow = ctx.writtenHere(ref.path);
  const code = typeof writtenNow === "string" && !writtenNow.startsWith(DOWNLOADED) ? { ...ref, class: "session" as const } : ref;
  ctx.emit({ type: "run", program: ctx.words[0].value, argv: ctx.words.map((x) => x.value), known: true, code, span: ctx.cmd.span });
  // `manage.py flush`, `cli.jar delete-job`: a script's own subcommand can say it destroys things.
  const at = ctx.words.indexOf(file);
  if (at >= 0 && classifyVerbs(ctx.words, at + 1) === "destroy") guessByVerb(ctx, at + 1);
  // Written earlier in this same command line (`echo … > a.sh; bash a.sh`), or earlier this session.
  const here = ctx.writtenHere(ref.path);
  if (here === null) return ctx.emit({ type: "dynamic", reason: `${file.value} is written by this same command with content autogate cannot see, then run`, span: file.span });
  const content = here ?? ctx.env.sessionScripts.get(ref.path);
  if (content?.startsWith(DOWNLOADED)) return ctx.emit({ type: "untrusted-code", origin: "download", note: `${file.value} was downloaded and not read`, span: file.span });
  if (content !== undefined) ctx.code(lang, content);
}

const DOWNLOADERS = new Set(["curl", "wget", "fetch", "aria2c", "http", "https", "nc", "ncat", "socat"]);

/** Code that is the output of other programs: downloaded, decoded, or something autogate cannot read. */
function pipedCode(ctx: ProgramContext, producers: string[], span: ShellWord["span"]): void {
  if (producers.some((p) => DOWNLOADERS.has(p))) return ctx.emit({ type: "untrusted-code", origin: "download", note: "downloaded code run through a process substitution", span });
  if (producers.some((p) => /^(base64|base32|xxd|openssl|uudecode|gunzip|zcat)$/.test(p))) return ctx.emit({ type: "untrusted-code", origin: "decoded", note: "decoded data run as code", span });
  ctx.emit({ type: "dynamic", reason: `code produced by ${producers.join(", ") || "a process substitution"} at run time`, span });
}
const DECODERS = /^(base64|base32|xxd|openssl|uudecode|gunzip|zcat|rev|tr|printf|echo)$/;

/** Code read from stdin: a here-doc we can read, or a pipe from somewhere we judge by its source. */
export function fromStdin(ctx: ProgramContext, lang: Parameters<ProgramContext["code"]>[0]): void {
  if (ctx.cmd.stdinText !== undefined) return ctx.code(lang, ctx.cmd.stdinText);
  // `echo 'print(1)' | python3`: code spelled out by an echo or printf of literal text.
  const only = ctx.cmd.upstream.length === 1 ? ctx.cmd.upstream[0] : undefined;
  // Only text that prints as written: no printf directives, no escapes beyond \n and \t, no `echo -e`.
  if (only && /^(echo|printf)$/.test(only.argv[0]?.value ?? "") && only.argv.slice(1).every((w) => !w.dynamic && !/^-[neE]*e/.test(w.value) && !/\\(?![nt])/.test(w.value) && !(only.argv[0].value === "printf" && /%[^%]/.test(w.value))) && only.argv.length > 1) {
    return ctx.code(lang, only.argv.slice(1).map((w) => w.value).join(" "));
  }
  const producers = ctx.cmd.upstream.map((u) => u.argv[0]?.value ?? "");
  if (producers.some((p) => DOWNLOADERS.has(p))) {
    return ctx.emit({ type: "untrusted-code", origin: "download", note: "downloaded code piped into an interpreter", span: ctx.cmd.span });
  }
  const decoding = ctx.cmd.upstream.some((u) => {
    const a = u.argv.map((x) => x.value);
    return DECODERS.test(a[0] ?? "") && (a.some((x) => /^(-d|--decode|-r|-D|enc|\\x|.*\\x[0-9a-f]{2})/i.test(x)) || ["rev", "tr"].includes(a[0]) || a.some((x) => /\\x[0-9a-f]{2}|\\[0-7]{3}/i.test(x)));
  });
  if (decoding) return ctx.emit({ type: "untrusted-code", origin: "decoded", note: "decoded data piped into an interpreter", span: ctx.cmd.span });
  const redirectIn = ctx.cmd.redirects.find((r) => r.op === "<" && r.target);
  if (redirectIn?.target) return runScript(ctx, redirectIn.target, lang);
  if (ctx.cmd.upstream.length) {
    // `cat x.sh | bash` reads a file we may know; otherwise the code is whatever flows in.
    const cat = ctx.cmd.upstream.find((u) => u.argv[0]?.value === "cat" && u.argv[1]);
    if (cat) return runScript(ctx, cat.argv[1], lang);
    return ctx.emit({ type: "dynamic", reason: `${ctx.words[0].value} runs code piped in from ${producers.join(" | ")}`, span: ctx.cmd.span });
  }
  // An interactive interpreter with no input: nothing runs without a human typing.
}

/** eval / source: run text as shell in this shell. */
const evalBuiltin: ProgramHandler = (ctx) => {
  const args = ctx.words.slice(1);
  if (args.some((a) => a.dynamic || a.fromStdin)) return ctx.emit({ type: "dynamic", reason: "eval of text computed at run time", span: ctx.cmd.span });
  ctx.shell(args.map((a) => a.value).join(" "));
};
const source: ProgramHandler = (ctx) => {
  const file = ctx.words[1];
  if (file) runScript(ctx, file, "shell");
};

/** docker/podman exec|run … cmd, kubectl exec … -- cmd: the inner command runs elsewhere, analysed all the same. */
export function containerExec(ctx: ProgramContext, from: number): void {
  const w = ctx.words;
  const dd = w.findIndex((x, i) => i >= from && x.value === "--");
  if (dd >= 0 && w[dd + 1]) return void ctx.run(w.slice(dd + 1));
  const VALUE = new Set(["-e", "--env", "-u", "--user", "-w", "--workdir", "-v", "--volume", "-p", "--publish", "--name", "--network", "--entrypoint", "-c", "--container", "-n", "--namespace", "--env-file", "--mount", "--platform", "-l", "--label", "--cpus", "-m", "--memory"]);
  let i = from;
  for (; i < w.length && w[i].value.startsWith("-"); i++) if (VALUE.has(w[i].value)) i++;
  // First operand is the container or image, the rest is its command.
  if (w[i + 1]) ctx.run(w.slice(i + 1));
}

export const WRAPPER_PROGRAMS: Record<string, ProgramHandler> = {
  env, eval: evalBuiltin, source, ".": source,
  bash: shellInterpreter, sh: shellInterpreter, zsh: shellInterpreter, dash: shellInterpreter, ksh: shellInterpreter, fish: shellInterpreter, busybox: (ctx) => ctx.run(ctx.words.slice(1)),
};
for (const [name, spec] of Object.entries(WRAPPERS)) WRAPPER_PROGRAMS[name] = wrapper(name, spec);
