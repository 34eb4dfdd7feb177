import type { ShellWord } from "../shell/command.ts";
import { hasFlag, operands, optionValue, type ProgramContext, type ProgramHandler } from "./context.ts";

/**
 * Programs that run a command on each of many items: xargs and parallel (items from stdin or their
 * arguments), and find (-exec, -delete on every path it finds).
 */

/**
 * What a command reading items from stdin receives: paths under the root when the items come from
 * `find <root>` (or `git ls-files`, `ls`, `grep -l` in cwd), otherwise something unknown.
 */
export function itemsFromUpstream(ctx: ProgramContext): ShellWord {
  const up = ctx.cmd.upstream;
  const producer = up[0]?.argv;
  const base = { ...ctx.words[0], glob: true, dynamic: false, fromStdin: true };
  if (producer?.[0]?.value === "find") {
    const root = producer.slice(1).find((w) => !w.value.startsWith("-") && !["(", "!"].includes(w.value));
    if (!root || !root.dynamic) return { ...base, value: `${(root?.value ?? ".").replace(/\/$/, "")}/**` };
  }
  const listsCwd = up.length > 0 && up.every((u) => ["git", "ls", "grep", "egrep", "rg", "sort", "uniq", "head", "tail", "sed", "awk", "cut", "tr", "cat", "echo", "printf"].includes(u.argv[0]?.value ?? ""));
  if (listsCwd && !up.some((u) => u.argv.some((w) => w.dynamic || w.value.startsWith("/") || w.value.startsWith("~") || w.value.includes("..")))) return { ...base, value: "./**" };
  return { ...ctx.words[0], value: "$STDIN_ITEMS", dynamic: true, glob: false, fromStdin: true };
}

/** xargs [opts] cmd args: cmd runs on items from stdin; with -I X the items replace X. */
const xargs: ProgramHandler = (ctx) => {
  const replace = optionValue(ctx.words, ["-I", "--replace"])?.value ?? (ctx.words.some((w) => w.value === "-i") ? "{}" : undefined);
  const inner = operands(ctx.words, new Set(["-I", "-n", "-P", "-L", "-d", "-E", "-s", "-a", "--max-args", "--max-procs", "--delimiter", "--arg-file", "--replace"]));
  const first = ctx.words.indexOf(inner[0]);
  const argv = first > 0 ? ctx.words.slice(first) : [{ ...ctx.words[0], value: "echo" }];
  const items = itemsFromUpstream(ctx);
  const effects = replace ? ctx.run(argv.map((w, i) => (i > 0 && w.value.includes(replace) ? { ...items, span: w.span } : w))) : ctx.run([...argv, items]);
  // `git ls-files -o | xargs rm`: the untracked files are exactly those git cannot bring back (git clean).
  const untracked = ctx.cmd.upstream.some((u) => u.argv[0]?.value === "git" && u.argv[1]?.value === "ls-files" && u.argv.some((w) => /^(-[a-z]*o[a-z]*|--others)$/.test(w.value)));
  if (untracked && effects.some((e) => e.type === "delete")) ctx.emit({ type: "vcs", op: "discard", force: false, ...ctx.path("."), note: "deletes the untracked files git lists", span: ctx.cmd.span });
};

/** find: -delete and -exec/-execdir/-ok run or destroy; the rest only reads. */
const find: ProgramHandler = (ctx) => {
  const w = ctx.words;
  const roots: ShellWord[] = [];
  let i = 1;
  for (; i < w.length && !w[i].value.startsWith("-") && !["(", "!"].includes(w[i].value); i++) roots.push(w[i]);
  if (!roots.length) roots.push({ ...w[0], value: "." });
  for (const r of roots) ctx.emit({ type: "read", ...ctx.path(r), span: r.span });
  // `-name X` narrows what -delete removes: `find . -name __pycache__ -delete` deletes ./**/__pycache__.
  const nameAt = w.findIndex((x) => x.value === "-name" || x.value === "-iname");
  const name = nameAt > 0 && w[nameAt + 1] && !w.some((x) => x.value === "-o" || x.value === "-or") ? w[nameAt + 1].value : undefined;
  const targets = roots.map((r) => (name ? { ...r, value: `${r.value.replace(/\/$/, "")}/**/${name}` } : r));
  for (; i < w.length; i++) {
    const v = w[i].value;
    if (v === "-delete") targets.forEach((r) => ctx.emit({ type: "delete", ...ctx.path(r), recursive: true, note: "find -delete", span: w[i].span }));
    if (v === "-exec" || v === "-execdir" || v === "-ok" || v === "-okdir") {
      const end = w.findIndex((x, j) => j > i && (x.value === ";" || x.value === "+"));
      // {} is each path found under the root: a glob there, so its class is the root's class.
      const found = (x: ShellWord) => ({ ...x, value: x.value.replaceAll("{}", `${targets[0].value.replace(/\/$/, "")}${name ? "" : "/**"}`), glob: true });
      const inner = w.slice(i + 1, end < 0 ? undefined : end).map((x) => (x.value.includes("{}") ? found(x) : x));
      if (inner.length) ctx.run(inner);
      // shred or truncate on every file found destroys the whole tree's contents, like -delete (`rm`
      // stays a delete of each file found, which asks outside the workspace).
      if (/^(shred|truncate|srm|wipe)$/.test(inner[0]?.value ?? "")) targets.forEach((r) => ctx.emit({ type: "delete", ...ctx.path(r), recursive: true, note: `find -exec ${inner[0].value}`, span: w[i].span }));
      i = end < 0 ? w.length : end;
    }
    if (["-fprint", "-fprintf", "-fls", "-fprint0"].includes(v) && w[i + 1]) ctx.emit({ type: "write", ...ctx.path(w[i + 1]), span: w[i + 1].span });
  }
};

/** parallel cmd {} ::: a b — runs cmd once per argument, {} replaced (or appended when absent). */
const parallel: ProgramHandler = (ctx) => {
    const sep = ctx.words.findIndex((w) => w.value === ":::" || w.value === "::::");
    const head = sep > 0 ? ctx.words.slice(0, sep) : ctx.words;
    const start = head.findIndex((w, i) => i > 0 && !w.value.startsWith("-") && !/^\d+$/.test(w.value) && !["-j", "-S", "--jobs", "-P"].includes(head[i - 1].value));
    const argv = start > 0 ? head.slice(start) : [];
    const args = sep > 0 ? ctx.words.slice(sep + 1).filter((w) => w.value !== ":::") : [itemsFromUpstream(ctx)];
    for (const a of args) {
      if (!argv.length) ctx.shell(a.value);
      else if (argv.some((w) => w.value.includes("{}"))) ctx.run(argv.map((w) => (w.value.includes("{}") ? { ...a, value: w.value.replaceAll("{}", a.value), span: w.span } : w)));
      else ctx.run([...argv, a]);
    }
    if (hasFlag(ctx.words, "S", ["--sshlogin"])) ctx.emit({ type: "net", direction: "connect", host: "parallel --sshlogin", span: ctx.cmd.span });
  };

export const ITEM_PROGRAMS: Record<string, ProgramHandler> = { xargs, find, parallel };
