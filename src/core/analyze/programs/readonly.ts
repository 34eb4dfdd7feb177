import type { ShellWord } from "../shell/command.ts";
import { allOptionValues, operands, optionValue, type ProgramContext, type ProgramHandler } from "./context.ts";

/**
 * Programs that only read: their path operands become read effects (so reading a secret is still
 * seen), and they write nothing unless a redirection says so. Options that take a value are listed
 * so the value is not mistaken for a path.
 */
const readsOperands = (skipFirst = 0, takesValue: string[] = []): ProgramHandler => (ctx) => {
  readerExtras(ctx, takesValue);
  // `less +'!cmd' f`: a startup command that runs a shell.
  const startup = ctx.words.find((w) => /^\+.*!/.test(w.value));
  if (startup) ctx.emit({ type: "dynamic", reason: `${ctx.words[0].value} ${startup.value.slice(0, 30)} runs a command`, span: startup.span });
  // `ls -la .env`, `stat`, `wc -l`, `file`, `du`: names, sizes, counts and types, never the content.
  const metadata = METADATA.has(ctx.words[0].value);
  for (const w of operands(ctx.words, new Set(takesValue)).slice(skipFirst)) {
    if (w.value.startsWith("-") || /^[+=]/.test(w.value)) continue;
    const ref = ctx.path(w);
    ctx.emit({ type: "read", ...ref, ...(metadata ? { metadata: true } : {}), span: w.span });
  }
  // `tail -f log`, `file -f names`, `wc --files0-from=list`: files named by an option are read too
  // (and `file -f .env` prints every line of it).
  for (const w of allOptionValues(ctx.words, ["-f", "--files0-from", "--files-from"])) ctx.emit({ type: "read", ...ctx.path(w), span: w.span });
  const out = OUTPUT_OPTION[ctx.words[0].value];
  if (out) for (const w of allOptionValues(ctx.words, out)) ctx.emit({ type: "write", ...ctx.path(w), span: w.span });
};

/** Readers with an option that names a file they write: `tree -o f`, `iconv -o f`, `gpg -o f`. */
const OUTPUT_OPTION: Record<string, string[]> = {
  tree: ["-o"], iconv: ["-o", "--output"], uudecode: ["-o", "--output-file"], gpg: ["-o", "--output"], openssl: ["-out"], pygmentize: ["-o"],
};

/** `rg --pre` programs that only convert a file to text. */
const PREPROCESSORS = /^(\S*\/)?(pdftotext|zcat|gzip -d[c]*|gunzip -c|xzcat|bzcat|zstdcat|lz4cat|pandoc|catdoc|antiword|docx2txt|odt2txt|strings|cat|iconv)(\s+-?[\w-]+)*$/;

/**
 * Options and subcommands that make a reader do more than read: `rg --pre cmd` runs cmd on every
 * file; `bat --pager` runs a pager; `openssl engine` loads a library and `s_client` sends stdin to a
 * host; `exiftool -TAG=…`, `yq -i` and `awk -i inplace` rewrite their files; `yq load("f")` reads f.
 */
function readerExtras(ctx: ProgramContext, takesValue: string[]): void {
  const name = ctx.words[0].value;
  const w = ctx.words;
  const files = (skip: number) => operands(w, new Set(takesValue)).filter((x) => x.value !== "inplace").slice(skip);
  const write = (x: ShellWord | string) => ctx.emit({ type: "write", ...ctx.path(x), span: ctx.cmd.span });
  // A known converter (`--pre pdftotext`) reads; anything else may run every file it searches.
  for (const pre of name === "rg" ? allOptionValues(w, ["--pre"]) : []) {
    if (pre.dynamic || !PREPROCESSORS.test(pre.value.trim())) ctx.emit({ type: "dynamic", reason: `rg --pre ${pre.value} runs a program on each file it searches`, span: pre.span });
  }
  // sort spills through the compressor it is given, and decompresses with `-d`: a program it runs.
  for (const prog of name === "sort" ? allOptionValues(w, ["--compress-program"]) : []) {
    if (prog.dynamic || !/^(gzip|xz|zstd|lz4|bzip2|pigz|lzop)$/.test(prog.value)) ctx.emit({ type: "dynamic", reason: `sort --compress-program=${prog.value} runs that program`, span: prog.span });
  }
  // less -o/-O/--log-file copies what it shows into that file.
  if (name === "less") for (const f of allOptionValues(w, ["-o", "-O", "--log-file", "--LOG-FILE"])) write(f);
  if (name === "bat") for (const pager of allOptionValues(w, ["--pager"])) ctx.shell(pager.value);
  if (name === "openssl") {
    if (w[1]?.value === "engine" || w.some((x) => x.value === "-engine")) ctx.emit({ type: "dynamic", reason: "openssl loads an engine library", span: ctx.cmd.span });
    if (/^s_(client|server)$/.test(w[1]?.value ?? "")) {
      // What it sends is its stdin: a file, or a pipe (`echo |` and `</dev/null` send nothing).
      const stdin = ctx.cmd.redirects.find((r) => r.op === "<" && r.target)?.target;
      const fromFile = stdin ? ctx.path(stdin) : undefined;
      const sends = fromFile ? fromFile.class !== "null-device" : ctx.cmd.upstream.some((u) => !(["echo", "printf", "true"].includes(u.argv[0]?.value ?? "") && u.argv.length <= 1));
      ctx.emit({ type: "net", direction: sends ? "upload" : "connect", host: (optionValue(w, ["-connect"])?.value ?? "(listening)").replace(/:\d+$/, ""), ...(sends ? { payload: fromFile?.class ?? "data" } : {}), span: ctx.cmd.span });
    }
  }
  if (name === "exiftool" && w.some((x) => /^-[\w:]+[+-]?=|^-overwrite_original|^-o$|^-out$/.test(x.value))) {
    for (const f of files(0)) write(f);
    for (const x of w) if (/^-(FileName|Directory|TestName)=/i.test(x.value)) write(x.value.slice(x.value.indexOf("=") + 1));
  }
  const inPlace = (name === "yq" && w.some((x) => /^(-i|--inplace)$/.test(x.value))) || (/awk$/.test(name) && w.some((x, i) => (x.value === "-i" && w[i + 1]?.value === "inplace") || x.value === "-iinplace"));
  if (inPlace) for (const f of files(1)) write(f);
  if (name === "yq" || name === "jq") for (const m of w.map((x) => x.value).join(" ").matchAll(/\bload(?:_str|_xml|_props|_base64)?\s*\(\s*"([^"]+)"/g)) ctx.emit({ type: "read", ...ctx.path(m[1]), span: ctx.cmd.span });
}

const noEffect: ProgramHandler = () => {};

/** Readers that show a file's name, size, count of lines, type or attributes, not what it says. */
const METADATA = new Set(["ls", "ll", "stat", "du", "wc", "file", "realpath", "readlink", "lsattr", "getfacl", "vdir", "dir"]);

/** Reads files named as operands: cat .env → read(secret). */
const READERS = [
  "cat", "tac", "head", "tail", "less", "more", "nl", "wc", "sort", "uniq", "cut", "tr", "diff", "cmp", "comm",
  "file", "stat", "du", "ls", "ll", "tree", "md5sum", "sha1sum", "sha256sum", "sha512sum", "cksum", "od",
  "hexdump", "strings", "column", "fold", "fmt", "paste", "join", "expand", "unexpand", "rev", "realpath",
  "readlink", "iconv", "zcat", "bzcat", "xzcat", "zless", "diff3", "sdiff", "colordiff", "bat", "pygmentize",
  "lsattr", "getfacl", "base32", "basenc", "base64", "uuencode", "openssl", "csvlook", "xmllint", "sqlite3_analyzer", "look", "wdiff", "vdir", "dir", "lsof", "ldd", "nm", "objdump",
  "readelf", "size", "identify", "pdfinfo", "exiftool", "python-config", "cloc", "tokei", "pr", "shasum", "md5", "most", "b2sum",
];

/** The first operand is a pattern or expression, the rest are files: grep -r TODO src/. */
const PATTERN_READERS = ["grep", "egrep", "fgrep", "rg", "ag", "ack", "zgrep", "awk", "gawk", "mawk", "jq", "yq", "git-grep"];

/** Print, compute or inspect the process/session without touching files. */
const PURE = [
  "echo", "printf", "true", "false", "test", "[", "pwd", "which", "type", "whoami", "id", "uname",
  "sleep", "seq", "yes", "free", "df", "locale", "nproc", "getconf", "tput", "clear",
  "set", "shopt", "unset", "exit", "return", "break", "continue", "wait", "jobs", ":", "help",
  "info", "bc", "expr", "basename", "dirname", "cd", "pushd", "popd", "export", "local", "declare", "typeset",
  "readonly", "let", "shift", "read", "mktemp", "uptime", "w", "who", "groups", "arch", "lscpu", "lsblk",
  "unalias", "umask", "getopts", "whereis", "apropos", "whatis",
  "tty", "stty", "factor", "shuf", "tsort", "numfmt", "cal", "ulimit", "compgen", "complete", "dirs", "disown", "fg", "bg",
  "logname", "users", "vmstat", "iostat", "mpstat", "pgrep", "pidof", "top", "htop", "watch", "tldr",
  "sync", "reset", "tempfile", "bind",
];

/** Reserved words and builtins an alias could shadow (`alias if=…` is legal in bash). */
const SHELL_WORDS = new Set(["if", "then", "else", "fi", "for", "while", "do", "done", "case", "esac", "function", "cd", "exit", "return", "export", "set", "source", "."]);

/** `alias ls='rm -rf'`: an alias that gives a familiar name to something else changes what later commands do. */
const alias: ProgramHandler = (ctx) => {
  for (const w of ctx.words.slice(1)) {
    const eq = w.value.indexOf("=");
    if (eq <= 0) continue;
    const name = w.value.slice(0, eq);
    const target = w.value.slice(eq + 1).trim().split(/\s+/)[0] ?? "";
    // A new name (`alias ll='ls -la'`, `alias c1=…`) shadows nothing: only a name that already means something matters.
    if (target && target !== name && (ctx.knows(name) || SHELL_WORDS.has(name))) ctx.emit({ type: "system", what: `alias ${name} now runs ${target}`, span: w.span });
  }
};

export const READONLY_PROGRAMS: Record<string, ProgramHandler> = { alias };
for (const p of READERS) READONLY_PROGRAMS[p] = readsOperands(0, ["-n", "-c", "-k", "-t", "-d", "-f", "-s", "-w", "-L", "-I", "--max-depth", "-o"]);
for (const p of PATTERN_READERS) READONLY_PROGRAMS[p] = patternReader;
for (const p of ["awk", "gawk", "mawk", "nawk"]) READONLY_PROGRAMS[p] = (ctx) => (patternReader(ctx), awkProgram(ctx));
for (const p of PURE) READONLY_PROGRAMS[p] = noEffect;

/**
 * bash evaluates an array subscript in a variable name as arithmetic, and arithmetic runs command
 * substitutions: `let 'a[$(rm -rf ~)]=1'`, `printf -v 'a[$(…)]' x`, `read 'a[$(…)]'`, `unset 'a[$(…)]'`.
 */
const subscriptCode: ProgramHandler = (ctx) => {
  const w = ctx.words.slice(1).find((x) => /\[[^\]]*(\$\(|`)/.test(x.value));
  if (w) ctx.emit({ type: "dynamic", reason: "a command substitution inside an array subscript runs when bash evaluates it", span: w.span });
};
/**
 * Printing the environment into the transcript: `echo $GITHUB_TOKEN`, and the builtins that list
 * every variable (`export`, `export -p`, `declare -p`, `set` with no arguments), API keys included.
 */
const SECRET_VAR = /\$\{?[A-Za-z_]*(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH|COOKIE|SESSION)[A-Za-z0-9_]*\}?/i;
const printsVariables: ProgramHandler = (ctx) => {
  const [name, ...args] = ctx.words.map((w) => w.value);
  const printed = name === "echo" || name === "printf" ? ctx.words.slice(1).find((w) => SECRET_VAR.test(w.text)) : undefined;
  const listsAll = (name === "set" && args.length === 0) || (["export", "declare", "typeset"].includes(name) && args.every((a) => /^-[pxrgaAi]+$/.test(a)));
  if (printed || listsAll) ctx.emit({ type: "read", path: printed ? `(environment variable in ${printed.text})` : "(environment variables)", class: "secret", note: "prints credentials from the environment", span: ctx.cmd.span });
};
for (const p of ["echo", "printf", "set", "export", "declare", "typeset"]) READONLY_PROGRAMS[p] = printsVariables;

for (const p of ["let", "declare", "typeset", "local", "readonly", "export", "read", "unset", "printf", "test", "[", "mapfile", "readarray"]) {
  const base = READONLY_PROGRAMS[p];
  READONLY_PROGRAMS[p] = base && base !== noEffect ? (ctx) => (subscriptCode(ctx), base(ctx)) : subscriptCode;
}

const system = (ctx: ProgramContext, what: string) => ctx.emit({ type: "system", what, span: ctx.cmd.span });
// xxd in.bin out.hex → the second operand is written; uudecode writes the path named inside the input
READONLY_PROGRAMS.xxd = (ctx) => {
  const [input, output] = operands(ctx.words, new Set(["-c", "-g", "-l", "-s", "-o", "-n", "-C", "-cols", "-len", "-seek"]));
  if (input && input.value !== "-") ctx.emit({ type: "read", ...ctx.path(input), span: input.span });
  if (output && output.value !== "-") ctx.emit({ type: "write", ...ctx.path(output), span: output.span });
};
READONLY_PROGRAMS.uudecode = (ctx) => {
  readsOperands(0, ["-o", "--output-file"])(ctx);
  if (!optionValue(ctx.words, ["-o", "--output-file"])) ctx.emit({ type: "write", path: "(the path named inside the encoded file)", class: "unknown", span: ctx.cmd.span });
};
// gpg --export-secret-keys prints private keys
READONLY_PROGRAMS.gpg = (ctx) => {
  readsOperands(0, ["-o", "--output", "-r", "--recipient", "-u", "--local-user", "--homedir"])(ctx);
  if (ctx.words.some((w) => /^--(export-secret-(sub)?keys|export-ssh-key|export-secret-keys)/.test(w.value))) ctx.emit({ type: "read", path: "gpg private keys", class: "secret", span: ctx.cmd.span });
};
// ps aux → look; ps auxe / ps eww → every process's environment, tokens included
READONLY_PROGRAMS.ps = (ctx) => (ctx.words.slice(1).some((w) => /^[a-zA-Z]*e[a-zA-Z]*$/.test(w.value) && !w.value.startsWith("-")) ? ctx.emit({ type: "read", path: "/proc/*/environ", class: "secret", span: ctx.cmd.span }) : undefined);

// printenv PATH → look; printenv (everything) or printenv GITHUB_TOKEN → a secret read
READONLY_PROGRAMS.printenv = (ctx) => {
  const names = operands(ctx.words).map((w) => w.value);
  if (names.length === 0 || names.some((n) => /KEY|TOKEN|SECRET|PASS|CRED|AUTH|COOKIE|SESSION/i.test(n))) ctx.emit({ type: "read", path: "(environment variables)", class: "secret", note: "prints credentials from the environment", span: ctx.cmd.span });
};

// trap 'rm -rf ~' EXIT → the handler is shell that runs later in this shell: analysed now
READONLY_PROGRAMS.trap = (ctx) => {
  const handler = ctx.words[1];
  if (handler && !handler.value.startsWith("-") && handler.value !== "") (handler.dynamic ? ctx.emit({ type: "dynamic", reason: "trap of a computed command", span: handler.span }) : ctx.shell(handler.value));
};
// hash -p /tmp/evil ls → `ls` now runs /tmp/evil
READONLY_PROGRAMS.hash = (ctx) => (ctx.words.some((w) => /^-[a-z]*p/.test(w.value)) ? system(ctx, "hash -p: makes a command name run another program") : undefined);
// date → look; date -s 2020-01-01 → sets the clock
READONLY_PROGRAMS.date = (ctx) => {
  if (ctx.words.some((w) => /^(-[a-zA-Z]*s|--set)/.test(w.value))) system(ctx, "date -s: sets the system clock");
  // date -f FILE prints every line it cannot parse: the file's content.
  for (const f of allOptionValues(ctx.words, ["-f", "--file"])) ctx.emit({ type: "read", ...ctx.path(f), span: f.span });
};
// hostname → look; hostname evil / hostname -F f → renames the machine
READONLY_PROGRAMS.hostname = (ctx) => (operands(ctx.words).length || ctx.words.some((w) => /^(-F|--file)/.test(w.value)) ? system(ctx, "hostname: renames the machine") : undefined);
// man git → look; man -P 'sh -c …' / --pager runs a program
READONLY_PROGRAMS.man = (ctx) => (ctx.words.some((w) => /^(-[PH]|--pager|--html)/.test(w.value)) ? ctx.emit({ type: "dynamic", reason: "man with a pager or browser command", span: ctx.cmd.span }) : undefined);

// sort -o out.txt in.txt → read(in.txt), write(out.txt); uniq in.txt out.txt → the second operand is written
READONLY_PROGRAMS.sort = (ctx) => {
  readsOperands(0, ["-k", "-t", "-o", "-S", "-T", "--output", "--key", "--field-separator", "--buffer-size", "--temporary-directory"])(ctx);
  const out = optionValue(ctx.words, ["-o", "--output"]);
  if (out) ctx.emit({ type: "write", ...ctx.path(out), span: out.span });
};
READONLY_PROGRAMS.uniq = (ctx) => {
  const [input, output] = operands(ctx.words, new Set(["-f", "-s", "-w", "--skip-fields", "--skip-chars", "--check-chars"]));
  if (input && input.value !== "-") ctx.emit({ type: "read", ...ctx.path(input), span: input.span });
  if (output) ctx.emit({ type: "write", ...ctx.path(output), span: output.span });
};

/**
 * An awk program can run commands (`system("…")`, `print | "sh"`, `"cmd" | getline`) and write files
 * (`print > "f"`): literal ones are analysed as the shell would run them, computed ones are dynamic.
 */
function awkProgram(ctx: ProgramContext): void {
  if (ctx.words.some((w) => w.value === "-f" || w.value.startsWith("--file"))) return;
  const prog = operands(ctx.words, new Set(["-F", "-v", "--assign", "--field-separator"]))[0];
  if (!prog) return;
  const text = prog.value;
  const dynamic = (why: string) => ctx.emit({ type: "dynamic", reason: `awk program ${why}`, span: prog.span });
  for (const m of text.matchAll(/\bsystem\s*\(\s*("((?:[^"\\]|\\.)*)"\s*\))?/g)) (m[2] !== undefined ? ctx.shell(m[2]) : dynamic("runs a computed command"));
  for (const m of text.matchAll(/\|\s*&?\s*("((?:[^"\\]|\\.)*)"|[A-Za-z_$])|("((?:[^"\\]|\\.)*)"|[A-Za-z_$][\w$]*)\s*\|\s*getline/g)) {
    const cmd = m[2] ?? m[4];
    if (cmd === undefined) dynamic("pipes to or from a computed command");
    // Output piped into a shell or interpreter is code made at run time; into `sort -u` it is data.
    else if (m[2] !== undefined && /^\s*(\w*sh|python[\d.]*|perl|ruby|node|php|eval|xargs|source|\.)(\s|$)/.test(cmd)) dynamic(`pipes its output into "${cmd.slice(0, 40)}"`);
    else ctx.shell(cmd);
  }
  for (const m of text.matchAll(/\bprintf?\b[^;{}\n]*?>>?\s*("((?:[^"\\]|\\.)*)"|[A-Za-z_$][\w$]*)/g)) {
    if (m[2] !== undefined) ctx.emit({ type: "write", ...ctx.path(m[2]), span: prog.span });
    else dynamic("writes to a computed file name");
  }
}

/** grep -e PAT / -f FILE move the pattern out of the operands. */
function patternReader(ctx: ProgramContext): void {
  const explicit = ctx.words.some((w) => ["-e", "-f", "--regexp", "--file"].includes(w.value) || /^--(regexp|file)=/.test(w.value));
  readsOperands(explicit ? 0 : 1, ["-e", "-f", "-m", "-A", "-B", "-C", "--include", "--exclude", "--exclude-dir", "-g", "--glob", "-t", "--type", "-F", "-v", "--arg", "--argjson", "-d", "--max-count"])(ctx);
}
