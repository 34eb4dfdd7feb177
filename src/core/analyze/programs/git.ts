import type { ShellWord } from "../shell/command.ts";
import { allOptionValues, hasFlag, inFolder, operands, optionValue, type ProgramContext } from "./context.ts";
import { gitConfig, judgeGitSetting, remoteHost } from "./git-config.ts";
import { isUnder } from "../paths.ts";

/**
 * git: what each subcommand does to the work tree, history and remotes. Global options come first
 * (`git -C dir -c k=v sub ...`); `-c` can define aliases or a pager that runs arbitrary commands.
 */
const READ_ONLY = new Set([
  "status", "diff", "log", "show", "blame", "rev-parse", "ls-files", "ls-tree", "grep", "describe", "shortlog",
  "cat-file", "reflog", "rev-list", "name-rev", "merge-base", "whatchanged", "annotate", "count-objects",
  "for-each-ref", "show-ref", "version", "help", "check-ignore", "var", "verify-commit", "range-diff", "difftool",
]);
/** Change only local history or the index; reversible through the reflog. */
const LOCAL_WRITE = new Set([
  "add", "commit", "merge", "cherry-pick", "revert", "am", "apply", "mv", "init", "notes", "tag",
  "bisect", "format-patch", "gc", "prune", "sparse-checkout", "submodule", "mergetool", "rerere",
  "update-index", "stage",
]);
const GLOBAL_VALUE = new Set(["-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path", "--config-env"]);
/** Subcommands that write files in the work tree (so in the folder `--work-tree` or `-C` names). */
const CHANGES_WORK_TREE = new Set(["checkout", "switch", "merge", "cherry-pick", "revert", "pull", "rebase", "am", "apply", "stash", "reset", "restore", "read-tree", "checkout-index", "clean", "mv", "rm", "submodule", "sparse-checkout", "clone", "init"]);

export function git(outer: ProgramContext): void {
  const words = outer.words;
  let ctx = outer;
  let workTree: ShellWord | undefined;
  let i = 1;
  for (; i < words.length && words[i].value.startsWith("-"); i++) {
    const v = words[i].value;
    // `git -C ~/other checkout -- .`, `--work-tree=/`: the paths it names are in that folder, not here.
    const dir = v === "-C" ? words[i + 1] : v.startsWith("--work-tree=") ? { ...words[i], value: v.slice(12) } : v === "--work-tree" ? words[i + 1] : undefined;
    if (dir) (ctx = inFolder(ctx, dir), (workTree = dir));
    // `-c core.pager=cat` is routine: each setting is judged as `git config` would judge it, acting now.
    if (v === "-c" && words[i + 1]) {
      const kv = words[i + 1];
      const key = kv.value.split("=")[0];
      judgeGitSetting(ctx, { ...kv, value: key }, { ...kv, value: kv.value.slice(key.length + 1) }, words[i].span, { later: false });
    }
    if (v.startsWith("--config-env") || v.startsWith("--exec-path")) ctx.emit({ type: "dynamic", reason: `git ${v} ${words[i + 1]?.value ?? ""} can make git run another program`, span: words[i].span });
    // A repository elsewhere brings its own config (fsmonitor, hooks, pagers), which git then runs.
    const gitDir = v === "--git-dir" ? words[i + 1] : v.startsWith("--git-dir=") ? { ...words[i], value: v.slice(10) } : undefined;
    if (gitDir && (gitDir.dynamic || !inProject(outer, gitDir))) ctx.emit({ type: "dynamic", reason: `git --git-dir ${gitDir.value} uses the config of a repository outside the project`, span: gitDir.span });
    if (GLOBAL_VALUE.has(v)) i++;
  }
  const sub = words[i]?.value;
  const rest = words.slice(i);
  if (!sub) return;
  const at = words[i].span;
  // `git --work-tree=/root checkout evil` writes the branch's files into that folder.
  if (workTree && CHANGES_WORK_TREE.has(sub)) outer.emit({ type: "write", ...outer.path(workTree), note: "git writes files in this work tree", span: workTree.span });
  if (riskyOptions(ctx, sub, rest, at)) return;
  if (READ_ONLY.has(sub) || LOCAL_WRITE.has(sub)) {
    if (sub === "apply" || sub === "am") operands(rest).forEach((w) => ctx.emit({ type: "read", ...ctx.path(w), span: w.span }));
    // `git diff --no-index a b`, `git grep --no-index p -- f`: plain files anywhere, printed like cat would.
    if ((sub === "diff" || sub === "grep") && rest.some((w) => w.value === "--no-index")) {
      const dd = rest.findIndex((w) => w.value === "--");
      const files = dd >= 0 ? rest.slice(dd + 1) : operands(rest, new Set(["-e", "-f", "-m", "-A", "-B", "-C", "--max-count", "-U", "--unified"])).slice(sub === "grep" ? 1 : 0);
      files.forEach((w) => ctx.emit({ type: "read", ...ctx.path(w), span: w.span }));
    }
    return;
  }
  // Discarding changes in a work tree that has none loses nothing (the hook asks git; replay cannot,
  // and `git clean` removes untracked and ignored files, which a clean status does not show).
  // Only for the line's first command, at top level, on this folder's own repository: what ran
  // before it in the line (`git stash pop && …`) or another folder (-C, --work-tree) is not what
  // `git status` saw.
  const here = ctx === outer && !ctx.cmd.assignments.some((a) => /^GIT_/.test(a.name)) && !words.some((w) => /^--(git-dir|work-tree)/.test(w.value));
  // Asked once per command: each answer costs the hook a `git status`.
  let clean: boolean | undefined;
  const nothingToLose = () => sub !== "clean" && here && ctx.cmd.depth === 0 && ctx.cmd.span.start === 0 && (clean ??= ctx.env.workTreeClean?.(ctx.cmd.cwd) === true);
  const vcs = (op: Extract<Parameters<ProgramContext["emit"]>[0], { type: "vcs" }>["op"], extra: { force?: boolean; remote?: string } = {}) =>
    op === "discard" && nothingToLose() ? undefined : ctx.emit({ type: "vcs", op, ...extra, span: at });
  switch (sub) {
    case "push": {
      const ops = operands(rest, new Set(["-o", "--push-option", "--repo", "--receive-pack", "--exec"]));
      const force = hasFlag(rest, "f", ["--force", "--mirror"]) || ops.slice(1).some((w) => w.value.startsWith("+"));
      // --force-with-lease refuses to overwrite commits it has not seen: the safe way to update a
      // rebased branch, judged as a push (and marked, so a stricter policy can ask for it).
      const lease = !force && hasFlag(rest, "", ["--force-with-lease", "--force-if-includes"]);
      // A remote given by name is one the repository already has configured (adding one to an untrusted
      // host asks, above); a URL is judged by its host. `--repo=URL` names it too.
      const remote = optionValue(rest, ["--repo"])?.value ?? ops[0]?.value ?? "origin";
      const named = /^[\w.-]+$/.test(remote) && !remote.includes(".");
      if (hasFlag(rest, "d", ["--delete", "--prune"]) || ops.slice(1).some((w) => w.value.startsWith(":"))) vcs("branch-delete", { remote, force: true });
      vcs("push", { remote: named ? "origin" : remoteHost(remote), force, ...(lease ? { lease } : {}) });
      if (!named) ctx.emit({ type: "net", direction: "upload", host: remoteHost(remote), payload: "workspace", span: at });
      return;
    }
    case "fetch": case "pull": case "clone": case "ls-remote": case "remote": {
      if (sub === "remote" && !["add", "set-url", "remove", "rm", "rename", "prune", "update"].includes(rest[1]?.value ?? "")) return;
      if (sub === "remote") {
        // Adding a remote that points at an untrusted host is how a later `git push evil` gets its target.
        const url = rest.slice(2).find((w) => /[:/]/.test(w.value));
        const remote = url && ["add", "set-url"].includes(rest[1].value) ? remoteHost(url.value) : undefined;
        return ctx.emit({ type: "vcs", op: "config", ...(remote ? { remote } : {}), span: at });
      }
      const target = operands(rest, new Set(["--depth", "-b", "--branch", "-o", "--origin", "-j", "--jobs", "--reference"]))[0];
      ctx.emit({ type: "net", direction: "download", host: target?.value ?? "origin", span: at });
      if (sub === "clone") {
        const dest = operands(rest, new Set(["--depth", "-b", "--branch", "-o", "--origin", "-j", "--jobs", "--reference"]))[1];
        ctx.emit({ type: "write", ...ctx.path(dest ?? { ...words[i], value: "." }), span: at });
      }
      return;
    }
    case "reset":
      if (hasFlag(rest, "", ["--hard", "--merge", "--keep"])) vcs("discard", { force: true });
      return;
    case "switch":
      // -c/-C take the new branch name, so `-cfeature` is not -f.
      const end = rest.findIndex((w) => w.value === "--");
      const opts = end < 0 ? rest : rest.slice(0, end);
      if (opts.some((w) => w.value === "--force" || w.value === "--discard-changes" || /^-[a-eg-zA-BD-Z]*f/.test(w.value) && !/^-[cC]/.test(w.value))) vcs("discard", { force: true });
      return;
    case "worktree":
      if (rest[1]?.value === "remove" && hasFlag(rest.slice(1), "f", ["--force"])) vcs("discard", { force: true });
      // `git worktree add <path> [branch]` checks the branch's files out into <path>.
      if (rest[1]?.value === "add") {
        const dest = operands(rest.slice(1), new Set(["-b", "-B", "--reason"]))[0];
        if (dest) ctx.emit({ type: "write", ...ctx.path(dest), note: "a new work tree", span: dest.span });
      }
      return;
    case "checkout": case "restore": {
      const ops = operands(rest, new Set(["-b", "-B", "--orphan", "-s", "--source", "--conflict", "--track", "-t", "--unified", "-U", "--pathspec-from-file"]));
      const dashdash = rest.findIndex((w) => w.value === "--");
      const paths = dashdash >= 0 ? rest.slice(dashdash + 1) : sub === "restore" ? ops : ops.length > 1 ? ops.slice(1) : looksLikePaths(ops);
      const fromFile = optionValue(rest, ["--pathspec-from-file"]);
      if (fromFile) vcs("discard", { force: true });
      if (sub === "restore" && hasFlag(rest, "S", ["--staged"]) && !hasFlag(rest, "W", ["--worktree"])) return;
      if (hasFlag(rest, "f", ["--force"])) vcs("discard", { force: true });
      discardPaths(ctx, paths, at, nothingToLose);
      return;
    }
    case "clean":
      if (hasFlag(rest, "f", ["--force"]) && !hasFlag(rest, "n", ["--dry-run"])) {
        const targets = operands(rest, new Set(["-e", "--exclude"]));
        (targets.length ? targets : [{ ...words[i], value: "." }]).forEach((w) =>
          ctx.emit({ type: "delete", ...ctx.path(w), recursive: hasFlag(rest, "d"), note: "untracked files", span: w.span }));
        vcs("discard", { force: hasFlag(rest, "x") });
      }
      return;
    case "rm": {
      // `git rm f` deletes f from the work tree and stages that (git restores it from HEAD); --cached only unstages.
      if (hasFlag(rest, "n", ["--cached", "--dry-run"])) return;
      const recursive = hasFlag(rest, "r");
      operands(rest, new Set(["--pathspec-from-file"])).forEach((w) => ctx.emit({ type: "delete", ...ctx.path(w), recursive, note: "git rm", span: w.span }));
      return;
    }
    case "stash":
      if (["drop", "clear"].includes(rest[1]?.value ?? "")) vcs("stash-drop");
      return;
    case "branch":
      if (hasFlag(rest, "D", []) || (hasFlag(rest, "d", ["--delete"]) && hasFlag(rest, "f", ["--force"]))) vcs("branch-delete", { force: true });
      return;
    case "rebase": case "filter-branch": case "filter-repo": case "replace": {
      const exec = allOptionValues(rest, ["-x", "--exec"]);
      for (const e of exec) ctx.shell(e.value);
      vcs("history-rewrite", { force: sub !== "rebase" });
      return;
    }
    case "update-ref":
      vcs("history-rewrite", { force: rest.some((w) => w.value === "-d") });
      return;
    case "config":
      return gitConfig(ctx, rest, at);
    case "commit-tree":
      vcs("history-rewrite");
      return;
    case "lfs": {
      // git lfs pull → download; git lfs install → git config plus hooks that only call git-lfs; git lfs track "*.bin" → .gitattributes
      const verb = rest[1]?.value ?? "";
      // clone and push take a remote like git's own: judged by git's own rules.
      if (verb === "clone" || verb === "push") return git({ ...ctx, words: [words[0], ...rest.slice(1)] });
      if (["pull", "fetch", "checkout"].includes(verb)) return ctx.emit({ type: "net", direction: "download", host: "origin", span: at });
      if (verb === "install" || verb === "update") return vcs("config");
      if (verb === "track" || verb === "untrack") return ctx.emit({ type: "write", ...ctx.path(".gitattributes"), span: at });
      if (["status", "ls-files", "env", "version", "logs", "locks", "pointer", "fsck", "help", ""].includes(verb)) return;
      break;
    }
    case "send-email": case "request-pull":
      ctx.emit({ type: "net", direction: "upload", host: "email", payload: "workspace", span: at });
      return;
  }
  ctx.emit({ type: "run", program: `git ${sub}`, argv: rest.map((w) => w.value), known: false, span: at });
}

/**
 * Options of any subcommand that run a program, load hooks or write outside the usual places:
 * `--upload-pack=cmd`, `grep -O'cmd'`, `ext::` URLs, `--template`, `log --output=f`, `reflog expire`.
 * Returns true when the call is fully described by what it emitted.
 */
function riskyOptions(ctx: ProgramContext, sub: string, rest: ShellWord[], at: { start: number; end: number }): boolean {
  const runs = rest.find((w) =>
    /^(--upload-pack|--receive-pack|--open-files-in-pager|--template|--separate-git-dir)(=|$)|^ext::/.test(w.value) ||
    (sub === "grep" && /^-O/.test(w.value)) ||
    ((sub === "clone" || sub === "ls-remote") && w.value === "-u") ||
    (["push", "fetch", "pull", "ls-remote"].includes(sub) && /^--exec(=|$)/.test(w.value)));
  if (runs) {
    ctx.emit({ type: "dynamic", reason: `git ${sub} ${runs.value.slice(0, 40)} runs another program or loads hooks`, span: at });
    return true;
  }
  // log/diff --output=f and format-patch -o dir write there; apply/am --directory=d writes under d.
  const outputs = [...allOptionValues(rest, ["--output", "--directory", "--output-directory"]), ...(sub === "format-patch" ? allOptionValues(rest, ["-o"]) : [])];
  for (const out of outputs) ctx.emit({ type: "write", ...ctx.path(out), span: out.span });
  // blame --contents=f, apply/am patches, -F/--file message files: files named by an option are read.
  for (const f of allOptionValues(rest, ["--contents", "--file", "-F"])) ctx.emit({ type: "read", ...ctx.path(f), span: f.span });
  if (skipsHooks(ctx, sub, rest)) ctx.emit({ type: "vcs", op: "skip-hooks", span: at });
  // Subcommands that run a command they are handed.
  if (sub === "submodule" && rest[1]?.value === "foreach") {
    // Everything after foreach's own options is the command, options included (`git reset --hard`).
    const args = rest.slice(2);
    const start = args.findIndex((w) => !/^(--recursive|-q|--quiet)$/.test(w.value));
    const cmd = (start < 0 ? [] : args.slice(start)).map((w) => w.value).join(" ");
    if (cmd) ctx.shell(cmd);
    return true;
  }
  if (sub === "bisect" && rest[1]?.value === "run" && rest[2]) return (ctx.run(rest.slice(2)), true);
  if (sub === "difftool" || sub === "mergetool") {
    const cmd = optionValue(rest, ["-x", "--extcmd"]);
    if (cmd) return (ctx.shell(cmd.value), true);
  }
  if (sub === "reflog" && ["expire", "delete"].includes(rest[1]?.value ?? "")) {
    ctx.emit({ type: "vcs", op: "history-rewrite", force: true, span: at });
    return true;
  }
  return false;
}

/** `git-lfs pull` is `git lfs pull`. */
export function gitLfs(ctx: ProgramContext): void {
  git({ ...ctx, words: [{ ...ctx.words[0], value: "git" }, { ...ctx.words[0], value: "lfs" }, ...ctx.words.slice(1)] });
}

/** The host of a remote URL, scp-style (`git@host:org/repo`) included. */

/** `git checkout main` switches branch; `git checkout src/a.py` discards edits. Paths have / or a dot. */
function looksLikePaths(ops: ShellWord[]): ShellWord[] {
  const first = ops[0];
  return first && (first.value === "." || first.value.includes("/") || /\.[a-z0-9]+$/i.test(first.value)) ? [first] : [];
}

function discardPaths(ctx: ProgramContext, paths: ShellWord[], at: { start: number; end: number }, nothingToLose: () => boolean): void {
  if (paths.length && nothingToLose()) return;
  for (const w of paths) {
    const ref = ctx.path(w);
    // Discarding every uncommitted change is the dangerous case; one named file is routine undo.
    const whole = w.value === "." || w.value === ":/" || w.value === "*" || ref.path === ctx.cmd.cwd;
    if (whole) ctx.emit({ type: "vcs", op: "discard", force: true, span: at });
    // One file's uncommitted edits: the agent's own (class session) is routine undo; the user's is not.
    else ctx.emit({ type: "vcs", op: "discard", force: false, path: ref.path, class: ref.class, span: w.span });
  }
}

/** Commands whose hooks (linters, tests, secret scanners the repository set up) `--no-verify` skips. */
const HOOKED = new Set(["commit", "push", "merge", "rebase", "am", "cherry-pick", "pull"]);
/** Options of `git commit` whose value is the next word (`-m -n` is a message, not --no-verify). */
const COMMIT_VALUE = new Set(["-m", "-F", "-c", "-C", "--author", "--date", "--fixup", "--squash", "-t", "--template", "--trailer"]);

/** `git commit --no-verify`, `-n` (commit only: push -n is a dry run), or a hook manager switched off. */
function skipsHooks(ctx: ProgramContext, sub: string, rest: ShellWord[]): boolean {
  if (!HOOKED.has(sub)) return false;
  // Hook managers' own off switches: husky, lefthook, pre-commit's SKIP, overcommit.
  if (ctx.cmd.assignments.some((a) => (/^(HUSKY|LEFTHOOK)$/.test(a.name) && a.value.value === "0") || /^(HUSKY_SKIP_HOOKS|SKIP|OVERCOMMIT_DISABLE|LEFTHOOK_EXCLUDE)$/.test(a.name))) return true;
  for (let i = 1; i < rest.length; i++) {
    const v = rest[i].value;
    if (v === "--") break;
    // git takes any unambiguous prefix of a long option: --no-veri, --no-verif.
    if (/^--no-veri(f(y)?)?$/.test(v)) return true;
    if (sub === "commit" && /^-[a-zA-Z]*n[a-zA-Z]*$/.test(v) && !COMMIT_VALUE.has(rest[i - 1].value)) return true;
  }
  return false;
}

/** A folder of this project (its own `.git` is protected, but it is the project's). */
function inProject(ctx: ProgramContext, w: ShellWord): boolean {
  const ref = ctx.path(w);
  return ["workspace", "session"].includes(ref.class) || (ref.class === "protected" && ctx.env.workspaceRoots.some((r) => isUnder(ref.path, r)));
}
