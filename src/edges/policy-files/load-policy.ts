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
 * Reads the layers, then either returns the compiled policy cached for exactly these contents, or
 * parses, merges and checks every rule's examples and caches the result. Parsing YAML and checking
 * examples costs tens of milliseconds; a hook process pays it once per policy change, not per call.
 */
export async function loadPolicy(paths: Paths, cwd: string, opts: LoadOptions = { useCache: true }): Promise<Policy> {
  const errors: AutogateError[] = [];
  const texts: { scope: Scope; file: string; text: string }[] = [];
  for (const { scope, file } of policyFiles(paths, cwd)) {
    try {
      texts.push({ scope, file, text: fs.readFileSync(file, "utf8") });
    } catch (e) {
      errors.push({ code: "policy_schema", message: `cannot read policy: ${(e as Error).message}`, location: { file } });
    }
  }
  if (errors.length) throw new AutogateFailure(errors);
  const key = contentKey(texts);
  const cacheFile = path.join(paths.stateDir, "policy-cache", `${key}.json`);
  // A long-running process (the daemon, replay) keeps compiled policies in memory too.
  const remembered = opts.useCache ? inMemory.get(key) : undefined;
  if (remembered) return remembered;
  if (opts.useCache) {
    try {
      const policy = JSON.parse(fs.readFileSync(cacheFile, "utf8")) as Policy;
      inMemory.set(key, policy);
      return policy;
    } catch {
      // No cache yet (or unreadable): compile below.
    }
  }
  // Parsing YAML, validating and checking examples pulls in yaml and zod: loaded only on a cache miss.
  const { compilePolicy } = await import("./compile-policy.ts");
  const policy = compilePolicy(texts);
  writeCache(cacheFile, policy);
  inMemory.set(key, policy);
  return policy;
}

const inMemory = new Map<string, Policy>();

/** The cache key covers the autogate version (the analyzer decides what examples mean) and every layer's text. */
function contentKey(texts: { scope: Scope; file: string; text: string }[]): string {
  const all = [VERSION, ...texts.map((t) => `${t.scope}\0${t.file}\0${t.text}`)].join("\u0001");
  // 64 bits from two independent 32-bit hashes: cache files for different policies never collide in practice.
  return fnv1a(all) + fnv1a(all, 0x01000193, 0x5bd1e995);
}

function writeCache(file: string, policy: Policy): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(policy), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    // A read-only state dir only costs speed: the policy is compiled again next time.
  }
}
