import path from "node:path";
import type { ShellWord } from "../shell/command.ts";
import { allOptionValues, hasFlag, operands, optionValue, type ProgramContext, type ProgramHandler } from "./context.ts";

/** Programs that create, change or remove local files. Each row: argv → read/write/delete effects. */

export const read = (ctx: ProgramContext, w: ShellWord) => ctx.emit({ type: "read", ...ctx.path(w), span: w.span });
/** A write that changes a file's mode, owner or times, not its content. */
export const ATTRIBUTES = "attributes";
export const write = (ctx: ProgramContext, w: ShellWord, note?: string) => ctx.emit({ type: "write", ...ctx.path(w), span: w.span, ...(note ? { note } : {}) });
const del = (ctx: ProgramContext, w: ShellWord, recursive: boolean) =>
  ctx.emit({ type: "delete", ...ctx.path(w), recursive, span: w.span });

/** Everything after the last operand is the destination (cp a b dir/); `-t dir` names it explicitly. */
function srcDest(ctx: ProgramContext, takesValue: Set<string>): { srcs: ShellWord[]; dest?: ShellWord } {
  const ops = operands(ctx.words, takesValue);
  const t = optionValue(ctx.words, ["-t", "--target-directory"]);
  if (t) return { srcs: ops, dest: t };
  return { srcs: ops.slice(0, -1), dest: ops[ops.length - 1] };
}

const CP_VALUES = new Set(["-t", "-S", "--suffix", "--target-directory"]);

const SED_ADDRESS = String.raw`(?:\d+|\$|/(?:[^/\\]|\\.)*/|\\(.)(?:(?!\1).)*\1)?(?:,(?:\d+|\$|/(?:[^/\\]|\\.)*/))?!?`;
const SED_RUNS_OR_WRITES = new RegExp(String.raw`(^|[;\n{}])\s*${SED_ADDRESS}\s*(e(\s|;|$)|[wW](\s+\S|/))|/[gpIiMm0-9]*e(?=\s*($|[;\n}]))|/[gpIiMm0-9]*w\s+\S`);

/** `utils.py.bak` is a file; `src`, `.git`, `build/` may be whole folders. */
/**
 * A copy or move into a temp root (`cp app.py /tmp/`) lands at /tmp/app.py, a temp file like any
 * other; any other destination is judged as named.
 */
function writeInto(ctx: ProgramContext, dest: ShellWord, srcs: ShellWord[], note?: string): void {
  const at = ctx.path(dest).path;
  if (!ctx.env.tempDirs.some((t) => t.replace(/\/$/, "") === at) || !srcs.length || srcs.some((w) => w.dynamic || w.glob)) return write(ctx, dest, note);
  for (const src of srcs) write(ctx, { ...dest, value: `${at}/${path.posix.basename(src.value.replace(/\/$/, ""))}` }, note);
}

const looksLikeFile = (p: string) => /^[^.].*\.[A-Za-z0-9]+$/.test(path.posix.basename(p)) && !p.endsWith("/");

export const FILE_PROGRAMS: Record<string, ProgramHandler> = {
  // rm -rf ~ → delete(home, recursive)
  rm: (ctx) => {
    const recursive = hasFlag(ctx.words, "rR", ["--recursive"]);
    for (const w of operands(ctx.words)) del(ctx, w, recursive);
  },
  // rmdir build → delete(workspace)
  rmdir: (ctx) => operands(ctx.words).forEach((w) => del(ctx, w, false)),
  unlink: (ctx) => operands(ctx.words).forEach((w) => del(ctx, w, false)),
  // shred -u key → delete(key)
  shred: (ctx) => operands(ctx.words, new Set(["-n", "-s"])).forEach((w) => del(ctx, w, false)),
  // truncate -s 0 f → its content is gone: a delete in effect
  truncate: (ctx) => operands(ctx.words, new Set(["-s", "-r", "--size", "--reference"])).forEach((w) => del(ctx, w, false)),
  // cp -r src dst → read(src), write(dst)
  cp: (ctx) => {
    const { srcs, dest } = srcDest(ctx, CP_VALUES);
    srcs.forEach((w) => read(ctx, w));
    if (dest) writeInto(ctx, dest, srcs, "copy destination");
  },
  // mv a b → delete(a) + write(b). A folder cannot be moved onto /dev/null, so this is never a recursive delete.
  // mv a.py b.py → delete(a.py) + write(b.py). A move is a relocation, except into a temp folder,
  // where deleting is routine: mv src /tmp/x → the whole src tree is as good as deleted (recursive).
  mv: (ctx) => {
    const { srcs, dest } = srcDest(ctx, CP_VALUES);
    const intoTemp = dest !== undefined && ["temp", "null-device", "unknown"].includes(ctx.path(dest).class);
    srcs.forEach((w) => del(ctx, w, intoTemp && !looksLikeFile(w.value)));
    if (dest) writeInto(ctx, dest, srcs);
  },
  // ln -s ~ /tmp/h → a write to the link, and to what it points at: deleting `/tmp/h/` later empties ~
  ln: (ctx) => {
    const { srcs, dest } = srcDest(ctx, CP_VALUES);
    if (!dest) return;
    ctx.emit({ type: "write", ...ctx.path(dest), note: "link", span: dest.span });
    if (!hasFlag(ctx.words, "s", ["--symbolic"])) return;
    const linkDir = path.posix.dirname(ctx.path(dest).path);
    for (const s of srcs) {
      const target = s.value.startsWith("/") || s.value.startsWith("~") || s.dynamic ? s : { ...s, value: path.posix.join(linkDir, s.value) };
      const ref = ctx.path(target);
      if (srcs.length === 1) ctx.link(ctx.path(dest).path, ref.path);
      if (!["workspace", "session", "temp", "null-device"].includes(ref.class)) ctx.emit({ type: "write", ...ref, note: "link target", span: s.span });
    }
  },
  install: (ctx) => {
    const { srcs, dest } = srcDest(ctx, new Set([...CP_VALUES, "-m", "-o", "-g", "--mode", "--owner", "--group"]));
    srcs.forEach((w) => read(ctx, w));
    if (dest) write(ctx, dest);
  },
  touch: (ctx) => operands(ctx.words, new Set(["-d", "-t", "-r", "--date", "--reference"])).forEach((w) => write(ctx, w, ATTRIBUTES)),
  mkdir: (ctx) => {
    const note = hasFlag(ctx.words, "p", ["--parents"]) ? "mkdir -p" : "mkdir";
    operands(ctx.words, new Set(["-m", "--mode"])).forEach((w) => ctx.emit({ type: "write", ...ctx.path(w), note, span: w.span }));
  },
  // chmod 600 f → write(f); the mode operand is not a path
  chmod: (ctx) => {
    const [mode, ...files] = operands(ctx.words, new Set(["--reference"]));
    files.forEach((w) => write(ctx, w, ATTRIBUTES));
    // 4755, u+s, g+s: the program then runs with its owner's rights (root's, when root owns it).
    if (mode && (/^[0-7]*[2-7][0-7]{3}$/.test(mode.value) && mode.value.length === 4 && /^[2-7]/.test(mode.value) || /^[ugoa]*[+=][rwxXt]*s/.test(mode.value))) ctx.emit({ type: "privilege", how: `chmod ${mode.value}: setuid/setgid program`, span: mode.span });
  },
  chown: (ctx) => operands(ctx.words, new Set(["--reference"])).slice(1).forEach((w) => write(ctx, w, ATTRIBUTES)),
  chgrp: (ctx) => operands(ctx.words, new Set(["--reference"])).slice(1).forEach((w) => write(ctx, w, ATTRIBUTES)),
  chattr: (ctx) => operands(ctx.words).slice(1).forEach((w) => write(ctx, w)),
  // tee -a log → write(log)
  tee: (ctx) => operands(ctx.words).forEach((w) => ctx.emit({ type: "write", ...ctx.path(w), append: hasFlag(ctx.words, "a", ["--append"]), span: w.span })),
  // sed -i 's/a/b/' f → write(f); plain sed only reads
  sed: (ctx) => {
    const inPlace = ctx.words.slice(1).some((w) => /^-[a-zA-Z]*i/.test(w.value) || w.value.startsWith("--in-place"));
    const scripts = allOptionValues(ctx.words, ["-e", "--expression"]);
    const ops = operands(ctx.words, new Set(["-e", "-f", "--expression", "--file", "-l"]));
    const files = scripts.length || optionValue(ctx.words, ["-f", "--file"]) ? ops : ops.slice(1);
    const program = scripts.length ? scripts.map((s) => s.value).join("\n") : ops[0]?.value ?? "";
    // GNU sed's `e` command (`1e id`, `/x/e cmd`), the s///e flag and `w file` (command or s///w flag)
    // run or write things the operands do not show.
    if (SED_RUNS_OR_WRITES.test(program)) ctx.emit({ type: "dynamic", reason: "sed script executes commands or writes files", span: ctx.cmd.span });
    files.forEach((w) => (inPlace ? write(ctx, w) : read(ctx, w)));
  },
  // dd if=a of=b → read(a), write(b)
  dd: (ctx) => {
    for (const w of ctx.words.slice(1)) {
      if (w.value.startsWith("if=")) read(ctx, { ...w, value: w.value.slice(3) });
      if (w.value.startsWith("of=")) write(ctx, { ...w, value: w.value.slice(3) });
    }
  },
  // tar -xzf a.tgz -C out → write(out); --remove-files deletes the inputs
  tar: (ctx) => {
    const first = ctx.words[1]?.value ?? "";
    const mode = (flag: string, long: string) => hasFlag(ctx.words, flag, [long]) || (!first.startsWith("-") && first.includes(flag));
    // Old-style `tar xzf a.tgz`: the letters are options and the archive follows them.
    const archive = !first.startsWith("-") && first.includes("f") ? ctx.words[2] : optionValue(ctx.words, ["-f", "--file"]);
    const dir = optionValue(ctx.words, ["-C", "--directory"]);
    const ops = operands(ctx.words, new Set(["-f", "--file", "-C", "--directory", "-T", "-X", "--exclude"])).filter((w) => first.startsWith("-") || (w !== ctx.words[1] && w !== archive));
    // Options that hand tar a command to run: checkpoint actions, filters, compressors.
    const runs = ctx.words.find((w) => /^--(checkpoint-action|to-command|use-compress-program|info-script|new-volume-script|rsh-command)(=|$)|^-[IF]$/.test(w.value) || /^-[a-zA-Z]*[IF]/.test(w.value) && w.value.length > 2 && !w.value.startsWith("--"));
    if (runs) ctx.emit({ type: "dynamic", reason: `tar ${runs.value.slice(0, 40)} runs a command`, span: runs.span });
    if (mode("x", "--extract")) {
      if (archive) read(ctx, archive);
      // -P keeps absolute member names: the archive decides where its files land.
      if (hasFlag(ctx.words, "P", ["--absolute-names"])) ctx.emit({ type: "write", path: "(absolute names inside the archive)", class: "unknown", note: "extract destination", span: ctx.cmd.span });
      write(ctx, dir ?? { ...ctx.words[0], value: "." }, "extract destination");
    } else if (mode("c", "--create") || mode("r", "--append") || mode("u", "--update")) {
      ops.forEach((w) => read(ctx, w));
      if (archive) write(ctx, archive);
    } else if (archive) read(ctx, archive);
    if (hasFlag(ctx.words, "", ["--remove-files"])) ops.forEach((w) => del(ctx, w, true));
  },
  unzip: (ctx) => {
    const ops = operands(ctx.words, new Set(["-d", "-x"]));
    if (ops[0]) read(ctx, ops[0]);
    write(ctx, optionValue(ctx.words, ["-d"]) ?? { ...ctx.words[0], value: "." }, "extract destination");
  },
  zip: (ctx) => {
    const tt = ctx.words.find((w) => /^(-TT|--unzip-command)(=|$)/.test(w.value));
    if (tt) ctx.emit({ type: "dynamic", reason: "zip -TT runs a command to test the archive", span: tt.span });
    const ops = operands(ctx.words, new Set(["-TT", "--unzip-command", "-b", "-n", "-t", "-tt", "-x", "-i"]));
    if (ops[0]) write(ctx, ops[0]);
    ops.slice(1).forEach((w) => read(ctx, w));
    if (hasFlag(ctx.words, "m", ["--move"])) ops.slice(1).forEach((w) => del(ctx, w, true));
  },
  gzip: (ctx) => operands(ctx.words, new Set(["-S"])).forEach((w) => (hasFlag(ctx.words, "c", ["--stdout"]) ? read(ctx, w) : write(ctx, w))),
  patch: (ctx) => {
    const target = operands(ctx.words, new Set(["-p", "-i", "-d", "-o", "--input", "--directory"]))[0];
    write(ctx, target ?? { ...ctx.words[0], value: "." });
  },
  split: (ctx) => operands(ctx.words, new Set(["-b", "-l", "-n", "-a"])).forEach((w) => read(ctx, w)),
};
FILE_PROGRAMS.gunzip = FILE_PROGRAMS.gzip;
FILE_PROGRAMS.bzip2 = FILE_PROGRAMS.gzip;
FILE_PROGRAMS.xz = FILE_PROGRAMS.gzip;
FILE_PROGRAMS.link = FILE_PROGRAMS.ln;
FILE_PROGRAMS.wipe = FILE_PROGRAMS.shred;
FILE_PROGRAMS.srm = FILE_PROGRAMS.shred;
