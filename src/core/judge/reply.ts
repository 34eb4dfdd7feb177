/**
 * Model text → verdict. Stage 1 is one word; stage 2 is a JSON object, possibly wrapped in prose or a
 * code fence. Anything else is unreadable, which the caller treats as the judge being unavailable:
 * never as an allow.
 */
export function readStage1(text: string): "block" | "allow" | undefined {
  const word = /\b(BLOCK|ALLOW)\b/i.exec(text.trim().slice(0, 40))?.[1]?.toUpperCase();
  return word === "BLOCK" ? "block" : word === "ALLOW" ? "allow" : undefined;
}

export function readStage2(text: string): { decision: "allow" | "ask" | "deny"; rule?: string; reason: string } | undefined {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end <= start) return undefined;
  let o: unknown;
  try {
    o = JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
  const v = o as { decision?: unknown; rule?: unknown; reason?: unknown };
  if (v.decision !== "allow" && v.decision !== "ask" && v.decision !== "deny") return undefined;
  if (typeof v.reason !== "string" || !v.reason.trim()) return undefined;
  const rule = typeof v.rule === "string" && v.rule && v.rule !== "none" ? v.rule.slice(0, 80) : undefined;
  return { decision: v.decision, reason: v.reason.slice(0, 500), ...(rule ? { rule } : {}) };
}
