import type { ShellWord } from "../shell/command.ts";
import type { Span } from "../effect.ts";
import { hostOf } from "./net.ts";
import { hasFlag, operands, type ProgramContext } from "./context.ts";

/**
 * `git config [--global] key value` and `git -c key=value`: what a setting makes git do. Judged by
 * kind of key, the same way for both (a `-c` setting acts now, a config one at every later call):
 * - a command git will run (pager, editor, `!` aliases, drivers, helpers, key commands) is analysed
 *   as that command, so `core.pager "less -R"` is routine and `core.pager 'rm -rf ~'` is not;
 * - a remote, URL rewrite or proxy is judged by its host (`git push evil` then goes there);
 * - TLS verification turned off, or a work tree moved, changes the machine's posture;
 * - hooks, includes, templates and protocols loaded from elsewhere run code from there.
 * `--system` and `--file f` also write that file.
 */
export function gitConfig(ctx: ProgramContext, rest: ShellWord[], at: Span): void {
  // git 2.46+: `git config set|unset|get|list|edit …`; older: `git config [--opts] key [value]`.
  const verb = rest[1]?.value;
  const modern = ["set", "unset", "get", "list", "edit", "rename-section", "remove-section"].includes(verb ?? "");
  const args = modern ? rest.slice(1) : rest;
  const ops = operands(args, new Set(["-f", "--file", "--blob", "--type", "--default", "--comment", "--value"]));
  const reading = (modern && ["get", "list"].includes(verb!)) || args.some((w) => /^--(get|list|get-all|get-regexp|get-urlmatch|show-origin|show-scope)$|^-l$/.test(w.value)) || ops.length < 2;
  const file = args.find((w, i) => ["-f", "--file"].includes(args[i - 1]?.value ?? "")) ?? fileOption(args);
  if (modern && verb === "edit") return void ctx.emit({ type: "write", ...(file ? ctx.path(file) : ctx.path(".git/config")), note: "git config edit opens an editor on it", span: at });
  if (reading) return;
  if (file) ctx.emit({ type: "write", ...ctx.path(file), span: at });
  else if (hasFlag(args, "", ["--system"])) ctx.emit({ type: "write", ...ctx.path("/etc/gitconfig"), span: at });
  if ((modern && verb !== "set") || hasFlag(args, "", ["--unset", "--unset-all", "--remove-section", "--rename-section"])) return void ctx.emit({ type: "vcs", op: "config", span: at });
  // A setting for every repository (--global, --system, a named file): hooks named relatively then
  // mean each repository's own files, including ones cloned later.
  const everywhere = Boolean(file) || hasFlag(args, "", ["--global", "--system"]);
  judgeGitSetting(ctx, ops[0], ops[1], at, { later: true, everywhere });
}

/** `--file=path` joined to its value. */
const fileOption = (args: ShellWord[]) => {
  const w = args.find((x) => x.value.startsWith("--file="));
  return w ? { ...w, value: w.value.slice(7) } : undefined;
};

export function judgeGitSetting(ctx: ProgramContext, keyWord: ShellWord, valueWord: ShellWord, at: Span, how: { later: boolean; everywhere?: boolean }): void {
  const key = keyWord.value.toLowerCase();
  const value = valueWord.value;
  const vcs = (remote?: string) => ctx.emit({ type: "vcs", op: "config", ...(remote ? { remote } : {}), span: at });
  // What git will load or run from elsewhere: persistent in config, a dynamic step for one command.
  const loads = (what: string) =>
    ctx.emit(how.later ? { type: "persistence", mechanism: `git config ${keyWord.value}${what}`, span: at } : { type: "dynamic", reason: `git -c ${keyWord.value}${what} makes git load or run code from elsewhere`, span: at });
  if (/^submodule\..+\.update$/.test(key) && !value.startsWith("!")) return vcs();
  // ext:: and fd:: transports run a command instead of contacting a host.
  if (/^(ext|fd)::/i.test(value)) return loads(` ${value}`);
  if (COMMAND_KEY.test(key)) {
    if (valueWord.dynamic) return loads(" (a command computed at run time)");
    if (key.startsWith("alias.") && !value.startsWith("!")) ctx.shell(`git ${value}`);
    else if (/^credential\.(.+\.)?helper$/.test(key) && /^[\w-]+$/.test(value)) {
      // A bare name is git's own `git-credential-<name>`: the stores git ships or the platform keychains.
      if (!KNOWN_HELPERS.has(value)) loads(` ${value} (runs git-credential-${value})`);
    } else if (/^(core|sequence)\.editor$/.test(key) && /^(vi|vim|nvim|nano|emacs|code|subl|micro|hx|kak|mate)( (-w|--wait|-nw))*$/.test(value.trim())) {
      // An interactive editor named plainly: what git opens for a commit message.
    } else if (SSH_KEY.test(key) && /^(\S*\/)?ssh(\s|$)/.test(value) && !/(Proxy|Local|KnownHosts|Remote)Command/i.test(value)) {
      // `ssh -i ~/.ssh/work_key`: git adds the host itself; only ssh's command options run something here.
    } else ctx.shell(value.replace(/^!/, ""));
    return vcs();
  }
  if (/^remote\.[^.]+\.(url|pushurl)$/.test(key)) return vcs(remoteHost(value));
  // url.<base>.insteadOf <prefix>: every URL starting with <prefix> now goes to <base>.
  if (/^url\..+\.(insteadof|pushinsteadof)$/.test(key)) return vcs(remoteHost(keyWord.value.slice(4, keyWord.value.lastIndexOf("."))));
  if (/^(https?|http\..+)\.proxy$|^https?\.proxy$/.test(key)) return vcs(remoteHost(value));
  if (/^http(\..+)?\.(sslverify|sslcainfo|sslcapath|sslbackend|sslcert|sslkey)$/.test(key)) {
    return ctx.emit({ type: "system", what: `git config ${keyWord.value} ${value}: changes how git checks TLS certificates`, span: at });
  }
  if (key === "core.worktree") return ctx.emit({ type: "write", ...ctx.path(valueWord), note: "git checkouts now write here", span: at });
  if (key === "core.hookspath") {
    // `.githooks`, `.husky` in this repository: its own committed hooks (protected files themselves).
    const hooks = ctx.path(valueWord);
    return !how.everywhere && ["workspace", "session", "protected"].includes(hooks.class) && hooks.path !== "/" ? vcs() : loads(` ${value}`);
  }
  if (LOADS_KEY.test(key)) return loads(` ${value}`);
  vcs();
}

const KNOWN_HELPERS = new Set(["store", "cache", "osxkeychain", "manager", "manager-core", "libsecret", "wincred", "gnome-keyring"]);
/** Keys whose value git runs over ssh (git appends the host): an `ssh …` value is ssh itself. */
const SSH_KEY = /^(core\.sshcommand|ssh\.variant)$/;
/** Keys whose value is a command (or program path) git runs. `diff.tool`/`merge.tool` only name a tool. */
const COMMAND_KEY = /^(alias\..+|core\.(pager|editor|sshcommand|fsmonitor|askpass|gitproxy)|pager\..+|sequence\.editor|diff\.external|interactive\.difffilter|gpg\.program|gpg\.[^.]+\.(program|defaultkeycommand)|credential\.helper|credential\..+\.helper|submodule\..+\.update|remote\..+\.(uploadpack|receivepack)|(diff|merge)tool\..+\.(cmd|path)|sendemail\.(sendmailcmd|tocmd|cccmd)|.+\.(command|cmd|textconv|driver|clean|smudge|process))$/;
/** Keys that make git load configuration, hooks, templates or transports from somewhere else. */
const LOADS_KEY = /^(include\.|includeif\.|init\.templatedir|core\.attributesfile|protocol\.|uploadpack\.|receive\.|safe\.directory|remote\..+\.vcs$)/;

/** A remote's host: `git@github.com:o/r.git` is github.com; a bare remote name stays itself. */
export const remoteHost = (url: string) => (/^[\w.-]+$/.test(url) ? url : hostOf(url.replace(/^[^@/]+@([^:/]+):/, "https://$1/")));
