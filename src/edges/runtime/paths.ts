import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where autogate keeps things, honouring the XDG variables. Read from the environment passed in,
 * so tests point everything at temp folders without touching the real home.
 */
export interface Paths {
  home: string;
  configDir: string;
  stateDir: string;
  userPolicy: string;
  managedPolicy: string;
  auditLog: string;
  sessionsDir: string;
}

export function resolvePaths(env: NodeJS.ProcessEnv = process.env): Paths {
  const home = env.HOME || os.homedir();
  const configDir = path.join(env.XDG_CONFIG_HOME || path.join(home, ".config"), "autogate");
  const stateDir = env.AUTOGATE_STATE_DIR || path.join(env.XDG_STATE_HOME || path.join(home, ".local", "state"), "autogate");
  return {
    home,
    configDir,
    stateDir,
    userPolicy: path.join(configDir, "policy.yaml"),
    managedPolicy: env.AUTOGATE_MANAGED_POLICY || "/etc/autogate/policy.yaml",
    auditLog: path.join(stateDir, "audit.jsonl"),
    sessionsDir: path.join(stateDir, "sessions"),
  };
}

/** The folder the running code ships in: dist/ when bundled, src/edges/runtime when run from source. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (path.basename(dir) === "dist" || path.basename(dir) === "src") return path.dirname(dir);
    dir = path.dirname(dir);
  }
  return dir;
}
