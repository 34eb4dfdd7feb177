import fs from "node:fs";
import path from "node:path";
import { emptySession, type SessionState } from "../core/session/session.ts";

/**
 * Session state between hook processes: one JSON file per session id, replaced atomically
 * (write to a temp file, rename) so a crash never leaves half a file.
 */
const safeId = (id: string) => id.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 128) || "default";

export function loadSession(dir: string, sessionId: string | undefined): SessionState {
  if (!sessionId) return emptySession();
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(dir, `${safeId(sessionId)}.json`), "utf8"));
    return { ...emptySession(), ...raw };
  } catch {
    return emptySession();
  }
}

export function saveSession(dir: string, sessionId: string | undefined, state: SessionState): void {
  if (!sessionId) return;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${safeId(sessionId)}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
  fs.renameSync(tmp, file);
}
