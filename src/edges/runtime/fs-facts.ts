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
