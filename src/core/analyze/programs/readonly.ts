import { operands, type ProgramContext, type ProgramHandler } from "./context.ts";

/**
 * Programs that only read: their path operands become read effects (so reading a secret is still
 * seen), and they write nothing unless a redirection says so. Options that take a value are listed
 * so the value is not mistaken for a path.
 */
const readsOperands = (skipFirst = 0, takesValue: string[] = []): ProgramHandler => (ctx) => {
  for (const w of operands(ctx.words, new Set(takesValue)).slice(skipFirst)) {
    if (w.value.startsWith("-") || /^[+=]/.test(w.value)) continue;
    ctx.emit({ type: "read", ...ctx.path(w), span: w.span });
  }
};

const noEffect: ProgramHandler = () => {};

/** Reads files named as operands: cat .env → read(secret). */
const READERS = [
  "cat", "tac", "head", "tail", "less", "more", "nl", "wc", "sort", "uniq", "cut", "tr", "diff", "cmp", "comm",
  "file", "stat", "du", "ls", "ll", "tree", "md5sum", "sha1sum", "sha256sum", "sha512sum", "cksum", "xxd", "od",
  "hexdump", "strings", "column", "fold", "fmt", "paste", "join", "expand", "unexpand", "rev", "realpath",
  "readlink", "iconv", "zcat", "bzcat", "xzcat", "zless", "diff3", "sdiff", "colordiff", "bat", "pygmentize",
  "lsattr", "getfacl", "base32", "basenc", "base64", "uuencode", "uudecode", "openssl", "gpg", "csvlook", "xmllint", "sqlite3_analyzer", "look", "wdiff", "vdir", "dir", "lsof", "ldd", "nm", "objdump",
  "readelf", "size", "identify", "pdfinfo", "exiftool", "python-config", "cloc", "tokei", "pr", "shasum", "md5", "most", "b2sum",
];

/** The first operand is a pattern or expression, the rest are files: grep -r TODO src/. */
const PATTERN_READERS = ["grep", "egrep", "fgrep", "rg", "ag", "ack", "zgrep", "awk", "gawk", "mawk", "jq", "yq", "git-grep"];

/** Print, compute or inspect the process/session without touching files. */
const PURE = [
  "echo", "printf", "true", "false", "test", "[", "pwd", "which", "type", "whoami", "id", "uname", "date",
  "hostname", "sleep", "seq", "yes", "ps", "free", "df", "locale", "nproc", "getconf", "tput", "clear",
  "set", "shopt", "unset", "exit", "return", "break", "continue", "wait", "jobs", ":", "help", "man",
  "info", "bc", "expr", "basename", "dirname", "cd", "pushd", "popd", "export", "local", "declare", "typeset",
  "readonly", "let", "shift", "read", "mktemp", "uptime", "w", "who", "groups", "arch", "lscpu", "lsblk",
  "env", "printenv", "unalias", "hash", "umask", "trap", "getopts", "whereis", "apropos", "whatis",
  "tty", "stty", "factor", "shuf", "tsort", "numfmt", "cal", "ulimit", "compgen", "complete", "dirs", "disown", "fg", "bg",
  "logname", "users", "vmstat", "iostat", "mpstat", "pgrep", "pidof", "top", "htop", "watch", "tldr",
  "sync", "reset", "tempfile", "bind",
];

/** `alias ls='rm -rf'`: an alias that gives a familiar name to something else changes what later commands do. */
const alias: ProgramHandler = (ctx) => {
  for (const w of ctx.words.slice(1)) {
    const eq = w.value.indexOf("=");
    if (eq <= 0) continue;
    const name = w.value.slice(0, eq);
    const target = w.value.slice(eq + 1).trim().split(/\s+/)[0] ?? "";
    if (target && target !== name) ctx.emit({ type: "system", what: `alias ${name} now runs ${target}`, span: w.span });
  }
};

export const READONLY_PROGRAMS: Record<string, ProgramHandler> = { alias };
for (const p of READERS) READONLY_PROGRAMS[p] = readsOperands(0, ["-n", "-c", "-k", "-t", "-d", "-f", "-s", "-w", "-L", "-I", "--max-depth", "-o"]);
for (const p of PATTERN_READERS) READONLY_PROGRAMS[p] = patternReader;
for (const p of PURE) READONLY_PROGRAMS[p] = noEffect;

/** grep -e PAT / -f FILE move the pattern out of the operands. */
function patternReader(ctx: ProgramContext): void {
  const explicit = ctx.words.some((w) => ["-e", "-f", "--regexp", "--file"].includes(w.value) || /^--(regexp|file)=/.test(w.value));
  readsOperands(explicit ? 0 : 1, ["-e", "-f", "-m", "-A", "-B", "-C", "--include", "--exclude", "--exclude-dir", "-g", "--glob", "-t", "--type", "-F", "-v", "--arg", "--argjson", "-d", "--max-count"])(ctx);
}
