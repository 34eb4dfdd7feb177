import type { Effect, PathRef } from "./effect.ts";
import type { CodeLang } from "./programs/context.ts";

/**
 * Inline interpreter code (python -c, node -e, a here-doc fed to python3 -) scanned for effects.
 * A heuristic, not an interpreter: it looks for the library calls that delete, write, send, spawn or
 * kill, and for the paths and URLs the code names. Targets it cannot pin down are `unknown`, which no
 * allow rule covers, so the scan errs toward asking.
 */
export interface CodeScanHost {
  path(raw: string): PathRef;
  emit(e: Effect): void;
  shell(source: string): void;
}

interface Pattern {
  re: RegExp;
  make: (target: string | undefined, code: string, host: CodeScanHost) => void;
}

const STR = String.raw`(?:f|r|b|rb|br)?(?:"([^"\n]*)"|'([^'\n]*)'|\x60([^\x60]*)\x60)`;
const firstArg = (inner: string) => new RegExp(`${inner}\\s*\\(\\s*(?:${STR})?`, "g");

/** Variables assigned a string literal (`p = "/etc/passwd"`, `const p = '...'`) resolve by name. */
function literalVars(code: string): Map<string, string> {
  const vars = new Map<string, string>();
  const re = new RegExp(`(?:^|[\\s;(])(?:const |let |var |my \\$|\\$)?(\\w+)\\s*=\\s*${STR}`, "gm");
  for (const m of code.matchAll(re)) vars.set(m[1], m[2] ?? m[3] ?? m[4] ?? "");
  return vars;
}

/** Literal paths named anywhere in the code: the fallback target when a call's argument is a variable. */
function pathLiterals(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(new RegExp(STR, "g"))) {
    const v = m[1] ?? m[2] ?? m[3] ?? "";
    if (/^(\/|~\/|\.\.\/)[^\s]*$/.test(v) && v.length > 1) out.push(v);
  }
  return out;
}

function targetsOf(m: RegExpMatchArray, code: string, vars: Map<string, string>): (string | undefined)[] {
  const lit = m[1] ?? m[2] ?? m[3];
  if (lit !== undefined) return [lit];
  const after = code.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 80);
  const name = /^\s*([A-Za-z_]\w*)\s*[,)]/.exec(after)?.[1];
  if (name && vars.has(name)) return [vars.get(name)];
  const lits = pathLiterals(code);
  return lits.length ? lits : [undefined];
}

const pathEffect = (type: "read" | "write" | "delete", host: CodeScanHost, t: string | undefined, note: string): Effect => {
  const ref = t === undefined ? { path: "(computed in code)", class: "unknown" as const } : host.path(t);
  return type === "delete" ? { type, ...ref, recursive: /rmtree|rm_r|recursive|rmdir|rm_rf|rimraf/.test(note), note } : { type, ...ref, note };
};

const DELETE = /\b(?:os\.(?:remove|unlink|rmdir|removedirs)|shutil\.rmtree|\.unlink|\.rmdir|send2trash|fs\.(?:rmSync|rm|unlinkSync|unlink|rmdirSync|rmdir)|fsPromises\.rm|rimraf|FileUtils\.rm_r?f?|File\.delete|rmtree|unlink)/.source;
const WRITE = /\b(?:fs\.(?:writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream)|File\.write|file_put_contents|\.write_text|\.write_bytes|shutil\.(?:copy|copyfile|copy2|copytree|move))/.source;
const READ = /\b(?:fs\.(?:readFileSync|readFile|createReadStream)|File\.read|file_get_contents|\.read_text|\.read_bytes|readlink|listdir|scandir|os\.walk|glob\.glob)/.source;
const SHELL = /\b(?:os\.system|os\.popen|subprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|child_process\.(?:exec|execSync|spawn|spawnSync)|execSync|spawnSync|system|exec|shell_exec|passthru|popen)/.source;
const SEND = /\b(?:requests\.(?:post|put|patch)|httpx\.(?:post|put)|urllib\.request\.urlopen|http\.client|\.sendall|\.send|\.sendto|smtplib|ftplib|axios\.(?:post|put)|fetch|http\.request|https\.request|Net::HTTP|LWP|curl_exec|paramiko)/.source;
const URL_RE = /(https?|ftp|wss?):\/\/[^\s"'`)]+/g;
const IP_RE = /["'](\d{1,3}(?:\.\d{1,3}){3}|[a-z0-9.-]+\.[a-z]{2,})["']\s*,\s*\d{2,5}/gi;

export function scanCode(lang: CodeLang, code: string, host: CodeScanHost): void {
  if (lang === "shell") return host.shell(code);
  const vars = literalVars(code);
  for (const m of code.matchAll(firstArg(DELETE))) for (const t of targetsOf(m, code, vars)) host.emit(pathEffect("delete", host, t, m[0]));
  for (const m of code.matchAll(firstArg(String.raw`\bopen`))) {
    const writing = /[wax+]/.test(openMode(code, m));
    for (const t of targetsOf(m, code, vars)) if (writing || t !== undefined) host.emit(pathEffect(writing ? "write" : "read", host, t, m[0]));
  }
  for (const m of code.matchAll(firstArg(WRITE))) for (const t of targetsOf(m, code, vars)) host.emit(pathEffect("write", host, t, m[0]));
  for (const m of code.matchAll(firstArg(READ))) {
    for (const t of targetsOf(m, code, vars)) if (t !== undefined) host.emit(pathEffect("read", host, t, m[0]));
  }
  for (const m of code.matchAll(firstArg(SHELL))) {
    const lit = m[1] ?? m[2] ?? m[3];
    if (lit !== undefined && !/[{}]/.test(lit)) host.shell(lit);
    else {
      const list = /^\s*\[([^\]]*)\]/.exec(code.slice((m.index ?? 0) + m[0].length));
      const words = list ? [...list[1].matchAll(new RegExp(STR, "g"))].map((x) => x[1] ?? x[2] ?? x[3] ?? "") : [];
      if (words.length && words.length === list![1].split(",").filter((s) => s.trim()).length) host.shell(words.map(quote).join(" "));
      else host.emit({ type: "dynamic", reason: `code starts a process whose command is computed (${m[0].trim()})` });
    }
  }
  const sends = [...code.matchAll(new RegExp(SEND, "g"))];
  const urls = [...code.matchAll(URL_RE)].map((u) => u[0]);
  const sockets = [...code.matchAll(IP_RE)].map((u) => u[1]);
  const hosts = [...urls.map(hostOfUrl), ...sockets];
  if (sends.length) {
    const payloadSecret = pathLiterals(code).map((p) => host.path(p)).find((r) => r.class === "secret" || r.class === "system");
    for (const h of hosts.length ? hosts : ["(computed in code)"]) {
      host.emit({ type: "net", direction: "upload", host: h, payload: payloadSecret?.class ?? "data", note: sends[0][0] });
    }
  } else if (/\b(?:socket\.socket|net\.connect|net\.Socket|TCPSocket|fsockopen)\b/.test(code) || /\burlopen|requests\.get|httpx\.get|urlretrieve|wget\.download\b/.test(code)) {
    for (const h of hosts.length ? hosts : ["(computed in code)"]) host.emit({ type: "net", direction: "download", host: h });
  }
  if (/\b(?:os\.dup2|pty\.spawn)\b/.test(code) && /\bsocket\b/.test(code)) {
    host.emit({ type: "untrusted-code", origin: "remote-script", note: "socket wired to a shell (reverse shell)" });
  }
  if (/\b(?:exec|eval)\s*\(\s*(?:base64|codecs|zlib|marshal|bytes\.fromhex|compile)/.test(code) || /\b(?:exec|eval)\s*\(\s*(?:requests|urllib|urlopen)/.test(code)) {
    host.emit({ type: "untrusted-code", origin: "decoded", note: "code executes decoded or downloaded data" });
  }
  if (/\b(?:os\.kill|os\.killpg|\.kill\(\)|\.terminate\(\)|process\.kill|signal\.SIGKILL|Process\.kill)/.test(code)) {
    host.emit({ type: "process-kill", target: "(from code)" });
  }
  if (/\b(?:crontab|systemctl\s+enable|\.bashrc|\.profile|\.zshrc|authorized_keys|rc\.local|init\.d)\b/.test(code) && /[wa]['"]|write|>>/.test(code)) {
    host.emit({ type: "persistence", mechanism: "code writes a startup or login file" });
  }
}

function openMode(code: string, m: RegExpMatchArray): string {
  const rest = code.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 200);
  const mode = /^[^,)]*,\s*(?:mode\s*=\s*)?["']([rwxab+t]+)["']/.exec(rest);
  return mode?.[1] ?? "r";
}

function hostOfUrl(u: string): string {
  try {
    return new URL(u).hostname;
  } catch {
    return u;
  }
}

const quote = (s: string) => (/^[\w./=:@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
