import type { ShellWord } from "../shell/command.ts";
import { allOptionValues, operands, type ProgramContext, type ProgramHandler } from "./context.ts";

/**
 * Programs that start another command somewhere else: a terminal multiplexer's window (tmux, screen),
 * a transient systemd unit, a recorded shell (script), a debugger's shell escape (gdb), a sandbox or
 * namespace (unshare, firejail, proot, flatpak-spawn), a file watcher (entr). What they start is
 * analysed as itself; one that keeps running later (a timer, a detached window) also persists.
 */

/** Shell text given as one argument, or words joined as tmux and screen join them. */
const asShell = (ctx: ProgramContext, words: ShellWord[]) => {
  if (!words.length) return;
  if (words.some((w) => w.dynamic)) return ctx.emit({ type: "dynamic", reason: `${ctx.words[0].value} runs a command computed at run time`, span: ctx.cmd.span });
  ctx.shell(words.map((w) => w.value).join(" "));
};

const TMUX_VALUE = new Set(["-t", "-s", "-n", "-c", "-x", "-y", "-F", "-e", "-L", "-S", "-f", "-l", "-p", "-T"]);
/** tmux new/new-window/split-window/respawn-pane [cmd], run-shell cmd, send-keys keys (typed into a shell). */
const tmux: ProgramHandler = (ctx) => {
  const w = ctx.words;
  const at = w.findIndex((x, i) => i > 0 && /^(new|new-session|new-window|neww|split-window|splitw|respawn-pane|respawn-window|run-shell|run|send-keys|send|if-shell|if|display-popup|popup)$/.test(x.value));
  if (at < 0) return;
  const verb = w[at].value;
  const args = operands(w.slice(at), TMUX_VALUE);
  if (/^send/.test(verb)) return asShell(ctx, args.filter((a) => !/^(C-m|Enter|KPEnter|C-\w)$/.test(a.value)));
  asShell(ctx, args);
};

/** screen -dm cmd args: a detached window running cmd; screen -X stuff 'text' types into one. */
const screen: ProgramHandler = (ctx) => {
  const w = ctx.words;
  const stuff = w.findIndex((x) => x.value === "stuff");
  if (stuff > 0) return asShell(ctx, w.slice(stuff + 1).map((x) => ({ ...x, value: x.value.replace(/\\n|\^M|\r|\n/g, "\n") })));
  const cmd = operands(w, new Set(["-S", "-c", "-e", "-h", "-p", "-s", "-t", "-T", "-X", "-L", "-Logfile"]));
  if (cmd.length) ctx.run(w.slice(w.indexOf(cmd[0])));
};

const SYSTEMD_RUN_VALUE = new Set(["-u", "--unit", "-p", "--property", "--description", "--slice", "-E", "--setenv", "--uid", "--gid", "-M", "--machine", "-H", "--host", "--working-directory", "-D", "--on-active", "--on-boot", "--on-startup", "--on-unit-active", "--on-unit-inactive", "--on-calendar", "--on-timezone-change", "--timer-property", "--path-property", "--socket-property", "--nice", "--service-type"]);
/** systemd-run [--user] [--on-calendar=…] cmd: a unit that runs cmd, later and again when given a timer. */
const systemdRun: ProgramHandler = (ctx) => {
  const w = ctx.words;
  const cmd = operands(w, SYSTEMD_RUN_VALUE);
  if (w.some((x) => /^--(on-|timer-property|path-property|socket-property)/.test(x.value))) ctx.emit({ type: "persistence", mechanism: "systemd-run timer or trigger", span: ctx.cmd.span });
  if (!w.some((x) => x.value === "--user")) ctx.emit({ type: "privilege", how: "systemd-run as a system unit", span: ctx.cmd.span });
  if (cmd.length) ctx.run(w.slice(w.indexOf(cmd[0])));
};

/** script -c 'cmd' [file]: runs cmd in a recorded terminal; writes the recording to file. */
const script: ProgramHandler = (ctx) => {
  const w = ctx.words;
  // `-c cmd`, and clusters ending in c (`-qc cmd`): the next word is the command.
  const at = w.findIndex((x, i) => i > 0 && (/^-[a-zA-Z]*c$/.test(x.value) || x.value === "--command"));
  if (at > 0 && w[at + 1]) asShell(ctx, [w[at + 1]]);
  const file = w.slice(1).find((x, i, rest) => !x.value.startsWith("-") && x !== w[at + 1] && !/^-[a-zA-Z]*[ETBIO]$|^--log-/.test(rest[i - 1]?.value ?? ""));
  if (file) ctx.emit({ type: "write", ...ctx.path(file), span: file.span });
};

/** gdb -ex 'shell cmd' / -ex '!cmd' / -ex 'python …' / -x file: the debugger runs those too. */
const gdb: ProgramHandler = (ctx) => {
  for (const e of allOptionValues(ctx.words, ["-ex", "--ex", "-eval-command", "--eval-command", "-iex"])) {
    const m = /^\s*(?:shell|!|pipe\s+[^|]*\|)\s*(.*)$/.exec(e.value);
    if (m) asShell(ctx, [{ ...e, value: m[1] }]);
    else if (/^\s*python/.test(e.value)) ctx.code("python", e.value.replace(/^\s*python3?\s*/, ""));
  }
  if (allOptionValues(ctx.words, ["-x", "--command", "-ix"]).length) ctx.emit({ type: "dynamic", reason: "gdb runs a command file", span: ctx.cmd.span });
  const args = ctx.words.findIndex((x) => x.value === "--args");
  if (args > 0 && ctx.words[args + 1]) ctx.run(ctx.words.slice(args + 1));
};

/** A program that runs the rest of its words as a command, after its own options (values listed). */
const runsRest = (takesValue: string[]): ProgramHandler => (ctx) => {
  const cmd = operands(ctx.words, new Set(takesValue));
  if (cmd.length) ctx.run(ctx.words.slice(ctx.words.indexOf(cmd[0])));
};

export const LAUNCHER_PROGRAMS: Record<string, ProgramHandler> = {
  tmux, screen, "systemd-run": systemdRun, script, gdb,
  toybox: (ctx) => void ctx.run(ctx.words.slice(1)),
  unshare: runsRest(["--map-user", "--map-group", "-S", "--setuid", "-G", "--setgid", "-R", "--root", "-w", "--wd", "--propagation", "--mount-proc"]),
  firejail: runsRest([]), proot: runsRest(["-r", "-R", "-b", "--bind", "-w", "--cwd", "-q", "-k"]), "dbus-launch": runsRest([]), "dbus-run-session": runsRest([]),
  "flatpak-spawn": runsRest(["--env", "--directory", "--forward-fd"]), entr: runsRest([]),
  expect: (ctx) => ctx.emit({ type: "dynamic", reason: "expect runs a script that drives other programs", span: ctx.cmd.span }),
};
