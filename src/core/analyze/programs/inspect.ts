import { allOptionValues, hasFlag, operands, type ProgramContext, type ProgramHandler } from "./context.ts";

/**
 * Programs that mostly look at the machine or a repository, and the argv that makes them change it
 * instead: `ip addr` reads, `ip link set eth0 down` is a system change. Each row's comment is its example.
 */

const system = (ctx: ProgramContext, what: string) => ctx.emit({ type: "system", what, span: ctx.cmd.span });
const look: ProgramHandler = () => {};

/** `ip [-4|-br|…] OBJECT [VERB]`: no verb, or show/list/get, only reads. */
const IP_READ_VERBS = new Set(["show", "sh", "s", "list", "lst", "ls", "l", "get", "help", "monitor"]);
// ip -br addr → look; ip route add 10.0.0.0/8 via 1.2.3.4 → system; ip netns exec ns cmd → cmd runs (and a system change)
const ip: ProgramHandler = (ctx) => {
  if (ctx.words.some((w) => /^-(b|batch|force)$/.test(w.value))) return ctx.emit({ type: "dynamic", reason: "ip -batch runs the ip commands in a file", span: ctx.cmd.span });
  const ops = operands(ctx.words, new Set(["-n", "-netns", "-f", "-family", "-rc", "-rcvbuf"]));
  const [object, verb] = ops.map((w) => w.value);
  if (verb === "exec") {
    system(ctx, `ip ${object} exec: runs a command in another network context`);
    const at = ctx.words.indexOf(ops[1]);
    if (ctx.words[at + 2]) ctx.run(ctx.words.slice(at + 2));
    return;
  }
  if (object && verb && !IP_READ_VERBS.has(verb)) system(ctx, `ip ${object} ${verb}`);
};

// ifconfig, ifconfig -a, ifconfig eth0 → look; ifconfig eth0 down / ifconfig eth0 10.0.0.2 → system
const ifconfig: ProgramHandler = (ctx) => {
  if (operands(ctx.words).length > 1) system(ctx, `ifconfig ${operands(ctx.words).map((w) => w.value).join(" ")}`);
};

// dmesg -T → look; dmesg -C (clear the kernel ring buffer) → system
const dmesg: ProgramHandler = (ctx) => {
  if (hasFlag(ctx.words, "cCDE", ["--clear", "--read-clear", "--console-off", "--console-on", "--console-level"])) system(ctx, "dmesg: changes the kernel log");
};

// journalctl -u nginx -n 50 → look; journalctl --vacuum-time=1d / --rotate / --flush → system
const journalctl: ProgramHandler = (ctx) => {
  if (ctx.words.some((w) => /^--(vacuum-(size|time|files)|rotate|flush|sync|relinquish-var|setup-keys)\b/.test(w.value))) system(ctx, "journalctl: changes the system journal");
};

/** hg/svn subcommands that only read the repository or the working copy. */
const HG_READ = new Set(["status", "st", "log", "diff", "annotate", "blame", "cat", "id", "identify", "heads", "branches", "branch", "tags", "summary", "sum", "paths", "root", "files", "locate", "manifest", "grep", "help", "version", "show", "parents", "tip", "verify", "config", "showconfig"]);
/** Options that make hg/svn run another program, load code or write a file. */
const VCS_RISKY_OPTION = /^(--config|--config-option|--config-dir|-e|--ssh|--remotecmd|--edit|-o|--output|--diff-cmd|--diff3-cmd|--editor-cmd|--extdiff|--tool|--pager)(=|$)/;
const SVN_READ = new Set(["status", "st", "stat", "log", "diff", "di", "info", "cat", "blame", "praise", "annotate", "ann", "ls", "list", "help", "propget", "pget", "pg", "proplist", "plist", "pl", "mergeinfo", "version"]);
// hg st -R repo, svn log -l 5 → look; hg commit, svn up → an unknown program for the judge (or the user)
const otherVcs = (readOnly: Set<string>): ProgramHandler => (ctx) => {
  const risky = ctx.words.find((w) => VCS_RISKY_OPTION.test(w.value));
  if (risky) return ctx.emit({ type: "dynamic", reason: `${ctx.words[0].value} ${risky.value} can run another program or write a file`, span: risky.span });
  const sub = operands(ctx.words, new Set(["-R", "--repository", "--cwd", "--config", "--username", "--password", "--config-dir", "--config-option"]))[0]?.value;
  if (sub !== undefined && !readOnly.has(sub)) ctx.emit({ type: "run", program: `${ctx.words[0].value} ${sub}`, argv: ctx.words.map((w) => w.value), known: false, span: ctx.cmd.span });
};

/** `hostnamectl status`, `timedatectl`, `localectl list-keymaps` look; their set-* verbs change the machine. */
// timedatectl → look; timedatectl set-timezone UTC → system
const ctlStatus = (name: string): ProgramHandler => (ctx) => {
  const verb = operands(ctx.words)[0]?.value ?? "status";
  if (!/^(status|show|list-.*|help)$/.test(verb)) system(ctx, `${name} ${verb}`);
};

export const INSPECT_PROGRAMS: Record<string, ProgramHandler> = {
  ip, ifconfig, dmesg, journalctl, hg: otherVcs(HG_READ), svn: otherVcs(SVN_READ),
  hostnamectl: ctlStatus("hostnamectl"), timedatectl: ctlStatus("timedatectl"), localectl: ctlStatus("localectl"),
  // ss -tlnp, netstat -an, pstree -p, lspci, lsusb, lsmod, blkid, last, lastlog, finger, locate x → look
  // ss -tlnp → look; ss -K kills sockets, ss -D FILE dumps raw data into FILE
  ss: (ctx) => {
    if (ctx.words.some((w) => /^(-[a-zA-Z]*K|--kill)$/.test(w.value))) system(ctx, "ss -K: closes sockets");
    for (const w of allOptionValues(ctx.words, ["-D", "--diag"])) ctx.emit({ type: "write", ...ctx.path(w), span: w.span });
  },
  netstat: look, pstree: look, lspci: look, lsusb: look, lsmod: look, blkid: look, last: look, lastlog: look,
  lastb: look, finger: look, locate: look, plocate: look, mlocate: look, "pkg-config": look, "nvidia-smi": look,
  lshw: look, dmidecode: look, lsns: look, findmnt: look, sensors: look, iotop: look, iftop: look, nethogs: look,
};
