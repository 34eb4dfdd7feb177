/**
 * The trust entries in Codex's config.toml, edited as text. A user's config.toml holds their model,
 * providers, MCP servers and comments; rewriting it through a TOML library would reorder and strip
 * all of that, so only the `[hooks.state."<key>"]` tables autogate owns are touched, line by line.
 * Trust written in another TOML form (inline tables, dotted keys under [hooks]) is reported as a
 * conflict rather than edited: adding a table next to it could make the file invalid, and Codex
 * then refuses to start.
 */
export interface TrustEntry {
  trustedHash?: string;
  enabled?: boolean;
}

const HEADER = /^\s*\[\s*hooks\s*\.\s*state\s*\.\s*("(?:[^"\\]|\\.)*"|'[^']*')\s*\]\s*(#.*)?$/;
const ANY_HEADER = /^\s*\[/;

export function tomlKey(key: string): string {
  return `"${key.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}"`;
}

function unquote(q: string): string {
  if (q.startsWith("'")) return q.slice(1, -1);
  return q.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => (e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : e === "n" ? "\n" : e === "t" ? "\t" : e));
}

/** Tables as [start line, end line (exclusive), key]. */
function tables(lines: string[]): { start: number; end: number; key: string }[] {
  const out: { start: number; end: number; key: string }[] = [];
  lines.forEach((l, i) => {
    const m = HEADER.exec(l);
    if (!m) return;
    let end = i + 1;
    while (end < lines.length && !ANY_HEADER.test(lines[end])) end++;
    out.push({ start: i, end, key: unquote(m[1]) });
  });
  return out;
}

export function readTrust(text: string): Map<string, TrustEntry> {
  const lines = text.split("\n");
  const out = new Map<string, TrustEntry>();
  for (const t of tables(lines)) {
    const entry: TrustEntry = {};
    for (const l of lines.slice(t.start + 1, t.end)) {
      const hash = /^\s*trusted_hash\s*=\s*"([^"]*)"/.exec(l);
      const enabled = /^\s*enabled\s*=\s*(true|false)\b/.exec(l);
      if (hash) entry.trustedHash = hash[1];
      if (enabled) entry.enabled = enabled[1] === "true";
    }
    out.set(t.key, entry);
  }
  return out;
}

/** Why we must not edit this file, or undefined. */
export function trustConflict(text: string): string | undefined {
  let table = "";
  for (const [i, l] of text.split("\n").entries()) {
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(l);
    if (header) {
      table = header[1].replace(/\s+/g, "");
      continue;
    }
    if (table === "" && /^\s*hooks\s*(=|\.\s*state\b)/.test(l)) return `line ${i + 1} sets hooks inline`;
    if (table === "hooks" && /^\s*state\s*[=.]/.test(l)) return `line ${i + 1} sets hooks.state inside [hooks]`;
    if (table === "hooks.state" && /^\s*["'\w]/.test(l)) return `line ${i + 1} sets a hook's state as a key of [hooks.state]`;
  }
  return undefined;
}

/** Sets trusted_hash (and drops an `enabled = false`) in each key's table, appending missing tables. */
export function setTrust(text: string, entries: { key: string; hash: string }[]): string {
  let lines = text.split("\n");
  for (const { key, hash } of entries) {
    const t = tables(lines).find((x) => x.key === key);
    const line = `trusted_hash = "${hash}"`;
    if (!t) {
      while (lines.length && lines[lines.length - 1] === "") lines.pop();
      lines.push(...(lines.length ? [""] : []), `[hooks.state.${tomlKey(key)}]`, line, "");
      continue;
    }
    const body = lines.slice(t.start + 1, t.end).filter((l) => !/^\s*(trusted_hash|enabled)\s*=/.test(l));
    lines = [...lines.slice(0, t.start + 1), line, ...body, ...lines.slice(t.end)];
  }
  return lines.join("\n");
}

/** Removes the tables of these keys (and the blank line before each). */
export function removeTrust(text: string, keys: string[]): string {
  let lines = text.split("\n");
  for (const key of keys) {
    const t = tables(lines).find((x) => x.key === key);
    if (!t) continue;
    const start = t.start > 0 && lines[t.start - 1].trim() === "" ? t.start - 1 : t.start;
    lines = [...lines.slice(0, start), ...lines.slice(t.end)];
  }
  return lines.join("\n");
}

/** Renames table keys (the user's hooks moved up after ours was removed), in the given order. */
export function renameTrust(text: string, renames: { from: string; to: string }[]): string {
  let lines = text.split("\n");
  for (const { from, to } of renames) {
    const t = tables(lines).find((x) => x.key === from);
    if (t) lines = [...lines.slice(0, t.start), `[hooks.state.${tomlKey(to)}]`, ...lines.slice(t.start + 1)];
  }
  return lines.join("\n");
}
