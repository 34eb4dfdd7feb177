import fs from "node:fs";
import path from "node:path";
import { AutogateFailure, type AutogateError } from "../../core/errors.ts";
import type { Policy, Scope } from "../../core/policy/layers.ts";
import { packageRoot, type Paths } from "../runtime/paths.ts";
import { VERSION } from "../../version.ts";
import { fnv1a } from "../../core/hash.ts";

/**
 * Finds and reads the policy layers: shipped default, user, project (nearest .autogate/policy.yaml at
 * or above cwd, up to the repository root), managed. Parsing and merging are pure (core/policy);
 * this file only does the reading. Every error is collected, not just the first.
 */
export function defaultPolicyPath(): string {
  return path.join(packageRoot(), "policies", "default.yaml");
}

export function projectPolicyPath(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, ".autogate", "policy.yaml");
    if (fs.existsSync(candidate)) return candidate;
    if (fs.existsSync(path.join(dir, ".git")) || path.dirname(dir) === dir) return undefined;
  }
}

export function policyFiles(paths: Paths, cwd: string): { scope: Scope; file: string }[] {
  const out: { scope: Scope; file: string }[] = [{ scope: "default", file: defaultPolicyPath() }];
  if (fs.existsSync(paths.userPolicy)) out.push({ scope: "user", file: paths.userPolicy });
  const project = projectPolicyPath(cwd);
  if (project) out.push({ scope: "project", file: project });
  if (fs.existsSync(paths.managedPolicy)) out.push({ scope: "managed", file: paths.managedPolicy });
  return out;
}

export interface LoadOptions {
  /** Reuse the compiled policy cached for exactly these files' contents (the hook's fast path). */
  useCache?: boolean;
}

/**
 * Either returns the compiled policy cached for exactly these layer files, or reads, parses, merges
 * and checks every rule's examples and caches the result. Parsing YAML and checking examples costs
 * tens of milliseconds; a hook process pays it once per policy change, not per call.
 */
export async function loadPolicy(paths: Paths, cwd: string, opts: LoadOptions = { useCache: true }): Promise<Policy> {
  const files = policyFiles(paths, cwd);
  const key = fileKey(files);
  const cacheFile = key && path.join(paths.stateDir, "policy-cache", `${key}.json`);
  if (opts.useCache && key && cacheFile) {
    // A long-running process (the daemon, replay) keeps compiled policies in memory too.
    const remembered = inMemory.get(key);
    if (remembered) return remembered;
    try {
      const policy = JSON.parse(fs.readFileSync(cacheFile, "utf8")) as Policy;
      inMemory.set(key, policy);
      return policy;
    } catch {
      // No cache yet (or unreadable): compile below.
    }
  }
  const errors: AutogateError[] = [];
  const texts: { scope: Scope; file: string; text: string }[] = [];
  for (const { scope, file } of files) {
    try {
      texts.push({ scope, file, text: fs.readFileSync(file, "utf8") });
    } catch (e) {
      errors.push({ code: "policy_schema", message: `cannot read policy: ${(e as Error).message}`, location: { file } });
    }
  }
  if (errors.length) throw new AutogateFailure(errors);
  // Parsing YAML, validating and checking examples pulls in yaml and zod: loaded only on a cache miss.
  const { compilePolicy } = await import("./compile-policy.ts");
  const policy = compilePolicy(texts);
  if (key && cacheFile) {
    writeCache(cacheFile, policy);
    inMemory.set(key, policy);
  }
  return policy;
}

const inMemory = new Map<string, Policy>();

/**
 * The cache key covers the autogate version (the analyzer decides what examples mean) and each layer
 * file's identity: inode, size, modification and change times. Any write to a file changes its ctime,
 * which no user can set back, so an edited policy always misses; hashing the texts instead cost the
 * hook ~5 ms a call in V8's interpreter. Undefined when a file cannot be stat'ed (reading reports why).
 */
function fileKey(files: { scope: Scope; file: string }[]): string | undefined {
  try {
    const all = [VERSION, ...files.map(({ scope, file }) => {
      const s = fs.statSync(file, { bigint: true });
      return `${scope}\0${file}\0${s.ino}\0${s.size}\0${s.mtimeNs}\0${s.ctimeNs}`;
    })].join("\u0001");
    // 64 bits from two independent 32-bit hashes: cache files for different policies never collide in practice.
    return fnv1a(all) + fnv1a(all, 0x01000193, 0x5bd1e995);
  } catch {
    return undefined;
  }
}

const KEEP_CACHED = 16;

function writeCache(file: string, policy: Policy): void {
  try {
    const dir = path.dirname(file);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(policy), { mode: 0o600 });
    fs.renameSync(tmp, file);
    // Every policy edit (or checkout that rewrites it) leaves a compiled copy: keep the newest few.
    const old = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs })).sort((a, b) => b.t - a.t).slice(KEEP_CACHED);
    for (const { f } of old) fs.rmSync(path.join(dir, f), { force: true });
  } catch {
    // A read-only state dir only costs speed: the policy is compiled again next time.
  }
}
