import type { Effect, PathRef } from "./effect.ts";
import { codeValues, STR } from "./code-values.ts";
import { mostSensitive } from "./paths.ts";
import type { CodeLang } from "./programs/context.ts";

/**
 * Inline interpreter code (python -c, node -e, a here-doc fed to python3 -, a script the agent wrote)
 * scanned for effects. A heuristic, not an interpreter: it finds the library calls that delete, write,
 * send, spawn or kill, and names their targets where the code spells them out. A target it cannot
 * resolve is treated as workspace-relative only when nothing in the code can reach outside the
 * workspace (no absolute paths, home or environment lookups, `..`, argv); otherwise it is unknown.
 */
export interface CodeScanHost {
  path(raw: string): PathRef;
  emit(e: Effect): void;
  shell(source: string): void;
}

const call = (inner: string) => new RegExp(`(?:${inner})\\s*\\(`, "g");
/** Ruby and Perl call without parentheses too: `system "rm -rf ~"`, `FileUtils.rm_rf "/x"`, `File.write "f", s`. */
const callBare = (inner: string) => new RegExp(`(?:${inner})(?:\\s*\\(|[ \\t]+(?=["'$\\w:/\\[%]))`, "g");
const DELETE = String.raw`\b(?:os\.(?:remove|unlink|rmdir|removedirs|rename|replace|truncate)|shutil\.(?:rmtree|move)|send2trash|fs\.(?:rm|unlink|rmdir|renameSync|rename|truncateSync|truncate)|fsPromises\.rm|rimraf|FileUtils\.(?:rm_rf|rm_r|rm|remove_dir|remove_entry|mv)|File\.(?:delete|unlink|rename)|Dir\.delete|rmtree|remove_tree)|\.(?:rmSync|unlinkSync|rmdirSync)|\.(?:unlink|rmdir)(?=\s*\(\s*\))|(?<![\w.$>])unlink`;
const WRITE = String.raw`\.(?:writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|write_text|write_bytes)|\bFile\.write|\bfile_put_contents|\bshutil\.(?:copy|copyfile|copy2|copytree|move)`;
const OPEN = String.raw`(?<![\w.])open|\bio\.open|\bcodecs\.open`;
const READ = String.raw`\.(?:readFileSync|readFile|createReadStream|read_text|read_bytes|cpSync|copyFileSync|copyFile)|\bfs\.cp|\bFile\.read|\bfile_get_contents|\bos\.listdir|\bos\.scandir|\bglob\.glob|\bshutil\.(?:copy|copyfile|copy2|copytree)|\bos\.(?:symlink|link)`;
/** Permission and link changes to a named path: a write to it. */
const CHANGE = String.raw`\bos\.(?:chmod|chown|lchown|symlink|link)|\bfs\.(?:chmodSync|chmod|chownSync|chown|symlinkSync|symlink)|\bFile\.(?:chmod|chown|symlink)`;
/**
 * Indirection that hides what runs: a module imported by a computed name, attributes fetched by
 * string, code compiled or evaluated at run time, an exec that replaces the process, an
 * interactive shell. The scanner cannot follow these, so they are dynamic (ask), never allowed.
 */
const INDIRECTION: Partial<Record<CodeLang, RegExp>> = {
  python: /\b__import__\s*\(|\bimportlib\.(?:import_module|__import__|util\.(?:spec_from|module_from)|machinery)|\bfrom\s+importlib\s+import\s+(?:import_module|__import__)|\bgetattr\s*\(\s*(?:os|subprocess|shutil|pty|builtins|__builtins__|sys|importlib|pathlib)\b|\bos\.(?:exec\w*|spawn\w*|posix_spawnp?|fork)\s*\(|\bpty\.spawn\b/,
  node: /\bnew\s+Function\b|(?<![\w.])(?:Function|eval)\s*\(|require\(\s*["']child_process["']\s*\)\s*\[|\bvm\.run\w*\s*\(|(?<![\w.])import\s*\(/,
  perl: /\bqx\s*[({[/]|\bopen\s*\(?\s*\w+\s*,\s*["'][-|]|\bexec\s*\(?\s*["']|\beval\s*[({"'$]/,
  ruby: /%x[({[]|\b(?:spawn|exec|eval|instance_eval)\s*[("']|\bopen\s*\(\s*["']\|/,
  php: /\b(?:eval|assert|create_function|proc_open|pcntl_exec)\s*\(/,
};
const SHELL = String.raw`\bos\.(?:system|popen|exec[lv]p?e?)|\bsubprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|(?<![\w.])(?:execSync|spawnSync|execFileSync|system|shell_exec|passthru|popen|qx)|\bIO\.popen|\bKernel\.(?:system|exec|spawn)|\bOpen3\.\w+`;
/** With child_process loaded, `.exec(` and friends start processes (elsewhere `.exec(` is usually a regex). */
const NODE_SHELL = String.raw`\.(?:exec|execSync|spawn|spawnSync|execFile|execFileSync|fork)`;
const NET_LIBS = /\b(?:import\s+(?:requests|httpx|urllib|http\.client|socket|smtplib|ftplib|paramiko|aiohttp)|from\s+(?:requests|httpx|urllib|http|socket|smtplib|ftplib|paramiko|aiohttp)\b|require\(\s*["'](?:https?|net|axios|node-fetch|dgram)["']\)|\bfetch\s*\(|use\s+(?:LWP|IO::Socket|Net::|HTTP::)|Net::HTTP|TCPSocket|fsockopen|curl_init)/;
const SENDS = /\.(?:post|put|patch|send|sendall|sendto|sendmail|send_message|storbinary|storlines|upload|write)\s*\(|\burlopen\s*\([^)]*data\s*=|\bRequest\s*\([^)]*data\s*=|method\s*[:=]\s*["'](?:POST|PUT|PATCH|DELETE)|\bbody\s*:|\bcurl_exec/;
const ESCAPES = /["'`](?:\/|~)|expanduser|Path\.home|os\.homedir|os\.environ|getenv|process\.env|\$ENV|\bENV\[|\.\.\/|sys\.argv|process\.argv|\binput\s*\(|ARGV/;
const URL_RE = /(?:https?|ftp|wss?):\/\/[^\s"'`)]+/g;
const HOST_PORT = /["'](\d{1,3}(?:\.\d{1,3}){3}|[a-z0-9.-]+\.[a-z]{2,}|localhost)["']\s*,\s*\d{2,5}/gi;

export function scanCode(lang: CodeLang, source: string, host: CodeScanHost): void {
  if (lang === "shell") return host.shell(source);
  const code = unalias(source);
  // Backticks in Perl, Ruby and PHP are a shell: `rm -rf ~` is shell source like os.system's.
  if (lang === "perl" || lang === "ruby" || lang === "php") {
    for (const m of code.matchAll(/`([^`]*)`/g)) /[$#@{]/.test(m[1]) ? host.emit({ type: "dynamic", reason: "backtick command built at run time" }) : host.shell(m[1]);
  }
  const hidden = INDIRECTION[lang]?.exec(code);
  if (hidden) host.emit({ type: "dynamic", reason: `code runs something autogate cannot follow (${hidden[0].trim().slice(0, 40)})` });
  const values = codeValues(code);
  // exec("…") / eval("…") of a literal is more code to scan; of anything computed, it cannot be followed.
  if (lang === "python" || lang === "node") {
    for (const m of code.matchAll(/(?<![\w.])(?:exec|eval)\s*\(/g)) {
      const arg = code.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 400);
      // The whole argument must be the literal: `exec("".join(map(chr, …)))` starts with one but computes.
      const literal = new RegExp(`^\\s*${STR}\\s*[,)]`).test(arg) ? values.valueAt(arg) : undefined;
      if (literal !== undefined && literal !== source) scanCode(lang, literal, host);
      else host.emit({ type: "dynamic", reason: `code evaluates a computed string (${m[0].trim()})` });
    }
  }
  const calls = lang === "ruby" || lang === "perl" ? callBare : call;
  const escapes = ESCAPES.test(code);
  const temp = /\btempfile\.|\bmkdtemp|\bos\.tmpdir|TemporaryDirectory|NamedTemporaryFile|tmp_path/.test(code);
  const argAfter = (m: RegExpMatchArray) => code.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 400);
  const target = (m: RegExpMatchArray): PathRef => {
    const v = values.valueAt(argAfter(m));
    if (v !== undefined) return host.path(v);
    // A path from tempfile.mkdtemp() and friends was made by this very code: its own scratch space.
    if (temp) return { path: "(temporary path created in code)", class: "session" };
    if (escapes) return { path: "(computed in code)", class: "unknown" };
    return { ...host.path("(computed in code)"), path: "(computed in code, relative)" };
  };
  const reads: PathRef[] = [];

  for (const m of code.matchAll(calls(DELETE))) {
    host.emit({ type: "delete", ...target(m), recursive: /rmtree|rm_r|rmdir|rimraf|\brm\b|rmSync|remove_tree|remove_dir/.test(m[0]) || /recursive\s*:\s*true/.test(argAfter(m).slice(0, 200)), note: m[0].trim() });
  }
  for (const m of code.matchAll(calls(OPEN))) {
    const writing = /[wax+]/.test(openMode(argAfter(m)));
    const t = target(m);
    if (writing) host.emit({ type: "write", ...t, note: m[0].trim() });
    else if (values.valueAt(argAfter(m)) !== undefined) (reads.push(t), host.emit({ type: "read", ...t, note: m[0].trim() }));
  }
  for (const m of code.matchAll(calls(WRITE))) host.emit({ type: "write", ...target(m), note: m[0].trim() });
  for (const m of code.matchAll(calls(CHANGE))) host.emit({ type: "write", ...target(m), note: m[0].trim() });
  // pathlib: Path("/x").read_text() / .unlink() / .write_text() name the path before the method.
  for (const m of code.matchAll(/\bPath\s*\(\s*(["'])([^"']+)\1\s*\)((?:\s*\.\s*\w+\s*\([^)]*\))*?)\s*\.\s*(\w+)\s*\(/g)) {
    const t = host.path(m[2].replace(/^~(?=\/|$)/, "~"));
    const method = m[4];
    if (/^(read_text|read_bytes|open|iterdir|glob|rglob)$/.test(method)) (reads.push(t), host.emit({ type: "read", ...t, note: `Path.${method}` }));
    else if (/^(write_text|write_bytes|touch|mkdir|chmod|symlink_to|hardlink_to)$/.test(method)) host.emit({ type: "write", ...t, note: `Path.${method}` });
    else if (/^(unlink|rmdir|rename|replace)$/.test(method)) host.emit({ type: "delete", ...t, recursive: false, note: `Path.${method}` });
  }
  // Perl's unlink/rmtree without parentheses (`unlink glob("~/*")`, `unlink $f`).
  if (lang === "perl" && /\b(?:unlink|rmtree|remove_tree)\s+(?!\()/.test(code)) host.emit({ type: "delete", path: "(computed in code)", class: "unknown", recursive: /rmtree|remove_tree|glob/.test(code), note: "perl unlink" });
  for (const m of code.matchAll(calls(READ))) {
    const v = values.valueAt(argAfter(m));
    if (v !== undefined) {
      const t = host.path(v);
      reads.push(t);
      host.emit({ type: "read", ...t, note: m[0].trim() });
    }
  }
  for (const m of code.matchAll(calls(SHELL))) shellCall(argAfter(m), m[0], values, host);
  if (/child_process/.test(code)) for (const m of code.matchAll(call(NODE_SHELL))) shellCall(argAfter(m), m[0], values, host);

  if (NET_LIBS.test(code)) {
    const hosts = [...[...code.matchAll(URL_RE)].map((u) => hostOfUrl(u[0])), ...[...code.matchAll(HOST_PORT)].map((h) => h[1])];
    const payload = mostSensitive(reads.map((r) => r.class));
    const direction = SENDS.test(code) ? "upload" : "download";
    for (const h of hosts.length ? [...new Set(hosts)] : ["(computed in code)"]) {
      host.emit(direction === "upload" ? { type: "net", direction, host: h, payload, note: "code sends over the network" } : { type: "net", direction, host: h });
    }
  }
  if (/\b(?:os\.dup2|pty\.spawn)\b/.test(code) && /\bsocket\b/.test(code)) {
    host.emit({ type: "untrusted-code", origin: "remote-script", note: "socket wired to a shell (reverse shell)" });
  }
  if (/\b(?:exec|eval)\s*\(\s*(?:base64|codecs|zlib|marshal|bytes\.fromhex|compile\s*\(\s*base64|requests|urllib|urlopen|atob|Buffer\.from)/.test(code)) {
    host.emit({ type: "untrusted-code", origin: "decoded", note: "code executes decoded or downloaded data" });
  }
  if (/\b(?:os\.kill|os\.killpg|process\.kill|Process\.kill)\s*\(|\.(?:kill|terminate)\s*\(\s*\)/.test(code) && !/\bsubprocess\.Popen|\bPopen\(/.test(code)) {
    host.emit({ type: "process-kill", target: "(from code)" });
  } else if (/\bpsutil\b[\s\S]*\.(?:kill|terminate)\s*\(/.test(code)) host.emit({ type: "process-kill", target: "(processes found with psutil)" });
  if (/\b(?:crontab|authorized_keys|rc\.local|init\.d|systemd\/system|LaunchAgents)\b/.test(code) && /["'][wa]\+?["']|write|>>/.test(code)) {
    host.emit({ type: "persistence", mechanism: "code writes a scheduled job, service or login key" });
  }
}

/**
 * `import os as o` / `from os import system as s` / `const { execSync: x } = require("child_process")`:
 * rewritten to the full names the patterns know, so an alias hides nothing.
 */
function unalias(code: string): string {
  let out = code;
  for (const m of code.matchAll(/\bimport\s+([\w.]+)\s+as\s+(\w+)/g)) out = out.replace(new RegExp(`(?<![\\w.])${m[2]}\\.`, "g"), `${m[1]}.`);
  for (const m of code.matchAll(/\bfrom\s+([\w.]+)\s+import\s+([\w\s,]+?)(?:$|\n|;)/gm)) {
    for (const part of m[2].split(",")) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (!name || !/^\w+$/.test(name)) continue;
      out = out.replace(new RegExp(`(?<![\\w.])${alias ?? name}\\s*\\(`, "g"), `${m[1]}.${name}(`);
    }
  }
  for (const m of code.matchAll(/\{([^}]*)\}\s*=\s*require\(\s*["']child_process["']\s*\)/g)) {
    for (const part of m[1].split(",")) {
      const [name, alias] = part.split(":").map((s) => s.trim());
      if (alias && /^\w+$/.test(alias)) out = out.replace(new RegExp(`(?<![\\w.])${alias}\\s*\\(`, "g"), `${name}(`);
    }
  }
  return out;
}

/** os.system("rm -rf x") is shell; subprocess.run(["rm", "-rf", x]) is an argv; anything else is computed. */
function shellCall(args: string, name: string, values: ReturnType<typeof codeValues>, host: CodeScanHost): void {
  const v = values.valueAt(args);
  if (v !== undefined) return host.shell(v);
  const list = /^\s*\[([^\]]*)\]/.exec(args);
  if (list) {
    const items = list[1].split(",").map((s) => s.trim()).filter(Boolean);
    const words = items.map((i) => values.valueAt(i));
    if (words.length && words.every((w) => w !== undefined)) return host.shell(words.map((w) => quote(w!)).join(" "));
    if (words[0] !== undefined) return host.shell([quote(words[0]!), ...words.slice(1).map((w) => (w === undefined ? "$COMPUTED" : quote(w)))].join(" "));
  }
  host.emit({ type: "dynamic", reason: `code starts a process whose command is computed (${name.replace(/\s*\($/, "")})` });
}


function openMode(rest: string): string {
  const mode = /^[^,)]*,\s*(?:mode\s*=\s*)?["']([rwxab+tU]+)["']/.exec(rest) ?? /mode\s*=\s*["']([rwxab+tU]+)["']/.exec(rest.slice(0, 200));
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
void STR;
