import type { Effect } from "../analyze/effect.ts";

/**
 * What autogate remembers about a session between tool calls: what the user asked, the files the
 * agent created or edited (deleting its own scratch files, or undoing its own edits, is routine), the
 * scripts it wrote (so running them is judged by content), the denial counters for the circuit
 * breaker, and taint: a tool output that carried instructions aimed at the agent. Updates are pure.
 */
export interface Taint {
  at: string;
  tool: string;
  summary: string;
}

export interface SessionState {
  userMessages: string[];
  /** Payloads of the session's tool calls (never their output), for the judge's view of the history. */
  actions: string[];
  created: string[];
  scripts: Record<string, string>;
  consecutiveDenials: number;
  totalDenials: number;
  /** Set when a tool output looked like a prompt injection; cleared by the user's next message. */
  taint?: Taint;
}

/**
 * Paths an action makes the session's own: files it writes or edits and folders it creates, at a
 * literal path. Copy and extract destinations are not: they may be folders that already held the
 * user's files. Nor is a folder that existed before the call (`mkdir -p src`): only the hook can know
 * that, so it passes `isExistingFolder` (replay, which has no filesystem, cannot).
 */
const NOT_OWNED = new Set(["copy destination", "extract destination", "link", "link target"]);
export function touchedPaths(effects: Effect[], isExistingFolder?: (path: string) => boolean, cwd?: string): string[] {
  return effects.flatMap((e) => {
    if (e.type !== "write" || e.class === "unknown" || e.class === "null-device" || NOT_OWNED.has(e.note ?? "") || /[*?[]/.test(e.path)) return [];
    const made = e.note === "mkdir -p" && cwd ? [...parentsBelow(e.path, cwd), e.path] : [e.path];
    return made.filter((p) => !isExistingFolder?.(p));
  });
}

/** `mkdir -p repro/docs/src` also creates `repro` and `repro/docs` (those that did not exist), up to cwd. */
function parentsBelow(p: string, cwd: string): string[] {
  const root = cwd.endsWith("/") ? cwd : cwd + "/";
  const out: string[] = [];
  for (let q = p.slice(0, p.lastIndexOf("/")); q.startsWith(root); q = q.slice(0, q.lastIndexOf("/"))) out.unshift(q);
  return out;
}

export const emptySession = (): SessionState => ({ userMessages: [], actions: [], created: [], scripts: {}, consecutiveDenials: 0, totalDenials: 0 });

const MAX_SCRIPT = 64 * 1024;
const MAX_SCRIPTS = 200;
const MAX_CREATED = 5000;
const MAX_MESSAGES = 50;
const MAX_ACTIONS = 60;

/** A new message from the user re-anchors the session: by default it also clears the taint. */
export function withUserMessage(s: SessionState, text: string, clearTaint = true): SessionState {
  const { taint, ...rest } = s;
  return { ...rest, ...(taint && !clearTaint ? { taint } : {}), userMessages: [...s.userMessages, text].slice(-MAX_MESSAGES) };
}

export function withTaint(s: SessionState, taint: Taint): SessionState {
  return { ...s, taint };
}

/**
 * After a decision: allowed writes become the session's own files; policy denials count toward the
 * breaker (an autogate or judge outage does not: it is not the agent misbehaving).
 */
export function afterDecision(s0: SessionState, d: { decision: "allow" | "ask" | "deny"; tier: string }, writes: { path: string; content: string; edit?: boolean }[], touched: string[], payload?: string): SessionState {
  const s = payload === undefined ? s0 : { ...s0, actions: [...(s0.actions ?? []), payload.slice(0, 2000)].slice(-MAX_ACTIONS) };
  if (d.decision === "deny") return d.tier === "error" ? s : { ...s, consecutiveDenials: s.consecutiveDenials + 1, totalDenials: s.totalDenials + 1 };
  // After an ask we do not learn whether the human approved, so nothing becomes the session's own.
  if (d.decision === "ask") return s;
  const created = [...new Set([...s.created, ...writes.filter((w) => !w.edit).map((w) => w.path), ...touched])].slice(-MAX_CREATED);
  const scripts = { ...s.scripts };
  // An edit adds its new text to what is known of the file (the old text stays: a superset is the
  // careful reading of a file we have only seen in parts).
  for (const w of writes) scripts[w.path] = (w.edit && scripts[w.path] !== undefined ? `${scripts[w.path]}\n${w.content}` : w.content).slice(0, MAX_SCRIPT);
  const keys = Object.keys(scripts);
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_SCRIPTS))) delete scripts[k];
  return { ...s, created, scripts, consecutiveDenials: 0 };
}
