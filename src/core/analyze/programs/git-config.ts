import type { ShellWord } from "../shell/command.ts";
import type { Span } from "../effect.ts";
import { hostOf } from "./net.ts";
import { hasFlag, operands, type ProgramContext } from "./context.ts";

/**
 * `git config [--global] key value`: a setting that outlives the command. What it does later is
 * judged now, by kind of key:
 * - a command git will run (pager, editor, `!` aliases, drivers, helpers) is analysed as that command,
 *   so `core.pager "less -R"` is routine and `core.pager 'rm -rf ~'` is not;
 * - a remote, URL rewrite or proxy is judged by its host (`git push evil` then goes there);
 * - TLS verification turned off, or a work tree moved, changes the machine's posture;
 * - hooks, includes and templates loaded from outside the project run code from there: persistence.
 * `--global`/`--system`/`-f file` also write that file (the user's ~/.gitconfig is every repository's).
 */
export function gitConfig(ctx: ProgramContext, rest: ShellWord[], at: Span): void {
  const ops = operands(rest, new Set(["-f", "--file", "--blob", "--type", "--default", "--comment"]));
  const reading = rest.some((w) => /^--(get|list|get-all|get-regexp|get-urlmatch|show-origin|show-scope)$|^-l$/.test(w.value)) || ops.length < 2;
  if (reading) return;
  const [keyWord, valueWord] = ops;
  const key = keyWord.value.toLowerCase();
  const value = valueWord.value;
  const vcs = (remote?: string) => ctx.emit({ type: "vcs", op: "config", ...(remote ? { remote } : {}), span: at });
  const file = rest.find((w, i) => ["-f", "--file"].includes(rest[i - 1]?.value ?? ""));
  if (file) ctx.emit({ type: "write", ...ctx.path(file), span: at });
  else if (hasFlag(rest, "", ["--global"])) ctx.emit({ type: "write", ...ctx.path("~/.gitconfig"), span: at });
  else if (hasFlag(rest, "", ["--system"])) ctx.emit({ type: "write", ...ctx.path("/etc/gitconfig"), span: at });
  if (hasFlag(rest, "", ["--unset", "--unset-all", "--remove-section", "--rename-section"])) return vcs();

  const later = (what: string) => ctx.emit({ type: "persistence", mechanism: `git config ${keyWord.value}${what}`, span: at });
  if (/^submodule\..+\.update$/.test(key) && !value.startsWith("!")) return vcs();
  // ext:: and fd:: transports run a command instead of contacting a host.
  if (/^(ext|fd)::/i.test(value)) return later(` ${value}`);
  if (COMMAND_KEY.test(key)) {
    if (valueWord.dynamic) return later(" (a command computed at run time)");
    // `alias.co checkout` runs git itself; `alias.x '!cmd'`, pagers and drivers run a shell command.
    if (key.startsWith("alias.") && !value.startsWith("!")) ctx.shell(`git ${value}`);
    else if (/^credential\.(.+\.)?helper$/.test(key) && /^[\w-]+$/.test(value)) {
      // A bare name is git's own `git-credential-<name>`: the stores git ships or the platform keychains.
      if (!KNOWN_HELPERS.has(value)) later(` ${value} (runs git-credential-${value})`);
    }
    else ctx.shell(value.replace(/^!/, ""));
    return vcs();
  }
  if (/^remote\.[^.]+\.(url|pushurl)$/.test(key)) return vcs(hostOfRemote(value));
  // url.<base>.insteadOf <prefix>: every URL starting with <prefix> now goes to <base>.
  const rewrite = /^url\.(.+)\.(insteadof|pushinsteadof)$/.exec(keyWord.value.toLowerCase()) ? keyWord.value.slice(4, keyWord.value.lastIndexOf(".")) : undefined;
  if (rewrite) return vcs(hostOfRemote(rewrite));
  if (/^(https?|http\..+)\.proxy$|^https?\.proxy$/.test(key)) return vcs(hostOfRemote(value));
  if (/^http(\..+)?\.(sslverify|sslcainfo|sslcapath|sslbackend|sslcert)$/.test(key)) {
    return ctx.emit({ type: "system", what: `git config ${keyWord.value} ${value}: changes how git checks TLS certificates`, span: at });
  }
  if (key === "core.worktree") return ctx.emit({ type: "write", ...ctx.path(valueWord), note: "git checkouts now write here", span: at });
  if (key === "core.hookspath") {
    // `.githooks`, `.husky`: the project's own committed hooks (protected files themselves).
    const hooks = ctx.path(valueWord);
    return ["workspace", "session", "protected"].includes(hooks.class) && hooks.path !== "/" ? vcs() : later(` ${value}`);
  }
  if (LOADS_KEY.test(key)) return later(` ${value}`);
  vcs();
}

const KNOWN_HELPERS = new Set(["store", "cache", "osxkeychain", "manager", "manager-core", "libsecret", "wincred", "gnome-keyring"]);
/** Keys whose value is a command git runs later. */
const COMMAND_KEY = /^(alias\..+|core\.(pager|editor|sshcommand|fsmonitor|askpass|gitproxy)|pager\..+|sequence\.editor|diff\.external|gpg\.program|gpg\.[^.]+\.program|credential\.helper|credential\..+\.helper|submodule\..+\.update|.+\.(command|cmd|textconv|driver|tool|clean|smudge|process))$/;
/** Keys that make git load configuration, hooks or templates from a path. */
const LOADS_KEY = /^(include\.|includeif\.|init\.templatedir|core\.attributesfile)/;

const hostOfRemote = (url: string) => (/^[\w.-]+$/.test(url) ? url : hostOf(url.replace(/^[^@/]+@([^:/]+):/, "https://$1/")));
