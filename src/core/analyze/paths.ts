import path from "node:path";
import picomatch from "picomatch";
import { globMatcher, PATH_GLOB } from "../glob.ts";
import type { PathClass, PathRef } from "./effect.ts";
import type { AnalysisEnv } from "./environment.ts";

/**
 * Path resolution and classification. Pure string work on POSIX paths: nothing here touches the
 * filesystem, so replaying a transcript from another machine gives the same classes.
 */

const NULL_DEVICES = new Set(["/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty", "/dev/zero", "/dev/random", "/dev/urandom"]);
const GLOB_CHARS = /[*?[{]/;

/**
 * The policy's glob list for this home, compiled once: keyed by the list itself (the same array for
 * every decision under one policy), so the hot path does not rebuild a key from ~70 patterns per path.
 */
const compiledFor = new WeakMap<readonly string[], Map<string, (s: string) => boolean>>();
function pathGlobs(globs: readonly string[], home: string): (s: string) => boolean {
  let byHome = compiledFor.get(globs);
  if (!byHome) compiledFor.set(globs, (byHome = new Map()));
  let m = byHome.get(home);
  if (!m) byHome.set(home, (m = globMatcher(expandGlobs([...globs], home), PATH_GLOB)));
  return m;
}

/** `~`-style home-relative globs in the policy become absolute for this home. */
function expandGlobs(globs: string[], home: string): string[] {
  return globs.map((g) => (g.startsWith("~/") ? home + g.slice(1) : g));
}

export function isUnder(p: string, root: string): boolean {
  return p === root || p.startsWith(root.endsWith("/") ? root : root + "/");
}

/** A path is the session's if it, or a folder above it, was created by the agent this session. */
function createdThisSession(p: string, created: ReadonlySet<string>): boolean {
  if (created.size === 0) return false;
  for (let q = p; q.length > 1; q = path.posix.dirname(q)) if (created.has(q)) return true;
  return false;
}

/**
 * What a send carries when it carries several files: the most sensitive of their classes, or `data`
 * when none is a file we can class (temp and unknown files say nothing about what they hold).
 */
const PAYLOAD_RANK: PathClass[] = ["secret", "protected", "home", "system", "workspace", "session"];
export function mostSensitive(classes: readonly PathClass[]): PathClass | "data" {
  return PAYLOAD_RANK.find((c) => classes.includes(c)) ?? "data";
}

/** Least to most careful: when a path may be either of two, the later class is the one to judge. */
const STRICTNESS: PathClass[] = ["null-device", "temp", "session", "workspace", "unknown", "home", "system", "secret", "protected"];
export function stricter(a: PathRef, b: PathRef): PathRef {
  return STRICTNESS.indexOf(b.class) > STRICTNESS.indexOf(a.class) ? b : a;
}

export function classify(abs: string, env: AnalysisEnv): PathClass {
  if (!abs.startsWith("/")) return "unknown";
  // The literal prefix of a glob decides its class: `rm -rf /*` is a system delete, and `/tmp/*` is
  // all of /tmp (the shared temp root itself, not a folder in it).
  const probe = GLOB_CHARS.test(abs) ? path.posix.normalize(abs.slice(0, abs.search(GLOB_CHARS)) || "/").replace(/(.)\/+$/, "$1") : abs;
  // A credential file that is also config (~/.npmrc) is a secret first: reading it is the risk.
  if (pathGlobs(env.secretGlobs, env.home)(probe)) return "secret";
  if (pathGlobs(env.protectedGlobs, env.home)(probe)) return "protected";
  // `cat ~/.s*/id_rsa`, `~/.{ssh,x}/id_rsa`: a glob that can reach a credential file is a secret read.
  if (probe !== abs && [env.home, env.cwd, "/root"].some((r) => isUnder(probe, r)) && reachesSecret(abs, env)) return "secret";
  if (NULL_DEVICES.has(probe) || probe.startsWith("/dev/fd/") || probe.startsWith("/proc/self/fd/")) return "null-device";
  if (createdThisSession(probe, env.sessionPaths)) return "session";
  // The most specific root wins: a workspace inside /tmp is workspace, a home inside /tmp is home.
  let best: { len: number; cls: PathClass } | undefined;
  const consider = (root: string, cls: PathClass, strict: boolean) => {
    if (isUnder(probe, root) && !(strict && probe === root) && (!best || root.length > best.len)) best = { len: root.length, cls };
  };
  for (const root of env.workspaceRoots) if (root !== "/") consider(root, "workspace", false);
  for (const t of env.tempDirs) consider(t, "temp", true);
  consider(env.home, "home", false);
  if (best) return best.cls;
  return "system";
}

/** Where credentials usually are: a glob matching any of these could read one. */
const SECRET_SAMPLES = [".ssh/id_rsa", ".ssh/id_ed25519", ".aws/credentials", ".env", ".netrc", ".git-credentials", ".kube/config", ".docker/config.json", ".gnupg/private-keys-v1.d/k", ".config/gcloud/credentials.db", ".npmrc", ".pypirc"];
const reachCache = new Map<string, boolean>();
function reachesSecret(glob: string, env: AnalysisEnv): boolean {
  const key = `${env.home}\0${env.cwd}\0${glob}`;
  const known = reachCache.get(key);
  if (known !== undefined) return known;
  let reaches = false;
  try {
    const match = picomatch(glob, { dot: false });
    const roots = [env.home, env.cwd, "/root"];
    reaches = roots.some((r) => SECRET_SAMPLES.some((s) => match(`${r}/${s}`))) || ["/etc/shadow", "/etc/sudoers", "/etc/ssh/ssh_host_rsa_key"].some((p) => match(p));
  } catch {
    reaches = false;
  }
  // Bounded: a long-running daemon sees endless distinct globs.
  if (reachCache.size > 512) reachCache.clear();
  reachCache.set(key, reaches);
  return reaches;
}

/**
 * A real (symlink-free) path is classed against real roots: on macOS /tmp is /private/tmp, and a
 * project reached through a link lives where the link points. Built once per environment.
 */
const realEnvs = new WeakMap<AnalysisEnv, AnalysisEnv>();
function realEnv(env: AnalysisEnv): AnalysisEnv {
  let r = realEnvs.get(env);
  if (!r) {
    const real = (p: string) => env.realPath?.(p) ?? p;
    r = { ...env, home: real(env.home), workspaceRoots: env.workspaceRoots.map(real), tempDirs: env.tempDirs.map(real) };
    realEnvs.set(env, r);
  }
  return r;
}

/**
 * `~alice/x` is alice's home: /home/alice (root's is /root). Judged there, `~alice/.ssh/id_rsa` is a
 * secret like any other. `~+` and `~-` ($PWD, $OLDPWD) stay as they are: unknown.
 */
export function otherUserTilde(p: string): string | undefined {
  const m = /^~([a-z_][\w.-]*)(\/.*)?$/.exec(p);
  return m ? `${m[1] === "root" ? "/root" : `/home/${m[1]}`}${m[2] ?? ""}` : undefined;
}

/**
 * Resolves a path against cwd. `~` is expanded here. Unless the caller knows the text is literal
 * (a quoted shell word, a string from code), `$` or a backtick means it was not expanded: unknown.
 */
export function resolvePath(raw: string, cwd: string, env: AnalysisEnv, literal = false): PathRef {
  let p = raw;
  if (p === "~" || p.startsWith("~/")) p = env.home + p.slice(1);
  if ((!literal && (p.includes("$") || p.includes("`"))) || p === "") return { path: raw, class: "unknown" };
  // `/tmp/a/{..,b}/../root`: braces and globs expand before `..` is applied, so normalising first lies.
  if (GLOB_CHARS.test(p) && p.includes("..")) return { path: raw, class: "unknown" };
  const abs = path.posix.normalize(p.startsWith("/") ? p : path.posix.join(cwd, p));
  const clean = abs.length > 1 && abs.endsWith("/") ? abs.slice(0, -1) : abs;
  const here: PathRef = { path: clean, class: classify(clean, env) };
  // /dev/stderr and /dev/fd/N are links into this process's own /proc: they are the streams, not files.
  if (here.class === "null-device") return here;
  // `/tmp/h` made earlier as a link to ~: judged by where it leads too (the stricter of the two).
  const real = env.realPath && !GLOB_CHARS.test(clean) ? env.realPath(clean) : undefined;
  return real && real !== clean ? stricter(here, { path: real, class: classify(real, realEnv(env)) }) : here;
}
