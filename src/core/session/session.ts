/**
 * What autogate remembers about a session between tool calls: what the user asked, what the agent
 * created (deleting its own scratch files is routine), the scripts it wrote (so running them is
 * judged by content), and the denial counters for the circuit breaker. Updates are pure functions.
 */
export interface SessionState {
  userMessages: string[];
  created: string[];
  scripts: Record<string, string>;
  consecutiveDenials: number;
  totalDenials: number;
}

export const emptySession = (): SessionState => ({ userMessages: [], created: [], scripts: {}, consecutiveDenials: 0, totalDenials: 0 });

const MAX_SCRIPT = 64 * 1024;
const MAX_SCRIPTS = 200;
const MAX_CREATED = 5000;
const MAX_MESSAGES = 50;

export function withUserMessage(s: SessionState, text: string): SessionState {
  return { ...s, userMessages: [...s.userMessages, text].slice(-MAX_MESSAGES) };
}

/** After a decision: allowed writes become the session's own files; denials count toward the breaker. */
export function afterDecision(s: SessionState, verdict: "allow" | "ask" | "deny", writes: { path: string; content: string }[], createdDirs: string[]): SessionState {
  if (verdict === "deny") return { ...s, consecutiveDenials: s.consecutiveDenials + 1, totalDenials: s.totalDenials + 1 };
  const created = [...new Set([...s.created, ...writes.map((w) => w.path), ...createdDirs])].slice(-MAX_CREATED);
  const scripts = { ...s.scripts };
  for (const w of writes) scripts[w.path] = w.content.slice(0, MAX_SCRIPT);
  const keys = Object.keys(scripts);
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_SCRIPTS))) delete scripts[k];
  return { ...s, created, scripts, consecutiveDenials: verdict === "allow" ? 0 : s.consecutiveDenials };
}
