import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * Facts about this machine's filesystem that the pure core asks for through callbacks: only the hook
 * (and the daemon) can answer them; replay, which has no filesystem of the recorded session, cannot.
 */

/** Was this path a folder before the call? Writing into an existing folder does not make it the agent's. */
export function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Where a path leads with symlinks followed: the longest part of it that exists, resolved, plus the
 * rest. Undefined when nothing but / exists, or the path is the same either way.
 */
export function realPath(p: string): string | undefined {
  for (let q = p; q.length > 1; q = path.dirname(q)) {
    try {
      const real = fs.realpathSync(q) + p.slice(q.length);
      return real === p ? undefined : real;
    } catch {
      // Not there (yet): try its folder.
    }
  }
  return undefined;
}

/** Is `name` installed in node_modules/.bin at or above `cwd`, where npx looks first? */
export function hasLocalBin(cwd: string, name: string): boolean {
  for (let dir = cwd, depth = 0; depth < 16; depth++) {
    try {
      if (fs.statSync(path.join(dir, "node_modules", ".bin", name)).isFile()) return true;
    } catch {
      // Not here: look one folder up.
    }
    const up = path.dirname(dir);
    if (up === dir) return false;
    dir = up;
  }
  return false;
}

/**
 * Is the git work tree at `cwd` clean (no staged, unstaged or untracked changes)? Asked only when a
 * command would discard changes; undefined when git cannot tell (not a repository, git missing, slow).
 */
export function workTreeClean(cwd: string): boolean | undefined {
  const r = spawnSync("git", ["status", "--porcelain"], { cwd, encoding: "utf8", timeout: 3000 });
  return r.status === 0 ? r.stdout.trim() === "" : undefined;
}
