/**
 * Keeps the scan fast on ordinary text. The phrase patterns are large alternations that cost a few
 * milliseconds per 100 KB each; almost all tool output never contains the words they need. One cheap
 * pass finds the anchor words of each pattern family, and the heavy patterns then run only on the
 * paragraphs around those anchors (or on the whole text when anchors are everywhere).
 */

type Span = [number, number];
export type Family = "addr" | "over" | "cmd" | "send";

const ANCHOR = new RegExp(
  [
    String.raw`(?<addr>\b(?:ai|a\.i|llms?|language\s+models?|chat\s?bots?|chatgpt|gpt|claude|copilot|gemini|codex|devin|windsurf|assistants?|agents?|bots?|the\s+model|call\s+the|in\s+(?:your|their)|your\s+(?:system|original|initial|context)|the\s+user\s+you|when\s+(?:you|asked|summari)|before\s+(?:you|answer|respond))\b)`,
    String.raw`(?<over>\b(?:ignore|disregard|forget|overrid\w*|overrule|bypass|abandon|discard|dismiss|set\s+aside|(?:not|n't|stop|longer)\s+follow|instructions|directives?|guidance|guidelines|system\s+prompt|your\s+(?:new|real|actual|true|updated)|you\s+are\s+now|you're\s+now|from\s+now\s+on|do\s+anything\s+now|act\s+as|(?:safety|content|security)\s+(?:rules|filters|guidelines|restrictions|guardrails|policies|checks)|new\s+(?:task|rule|role|goal|objective)s?\s*:))`,
    String.raw`(?<cmd>\.env\b|\.ssh\b|id_rsa|id_ed25519|\.aws\b|credentials|\.npmrc|\.netrc|\.pypirc|\.git-credentials|\.docker\b|kubeconfig|\.kube\b|\.gnupg|\b(?:env|printenv|export\s+-p)\s*\||\$\((?:env|printenv)|process\.env|os\.environ|git\s+push)`,
    String.raw`(?<send>\b(?:to|into|via)\s+(?:https?://|[\w.+-]+@[\w-]+\.|(?:a\s+)?(?:public\s+)?(?:pastebin|paste|gist|webhook|discord|telegram)|(?:my|our|this|the\s+following|an?\s+external)\s+\w))`,
  ].join("|"),
  "gi",
);

const MAX_ANCHORS = 400;
const REACH = 600;

/** Anchor positions per family, found in one pass; `send` anchors on the destination of a send. */
export function anchorsOf(text: string): Record<Family, number[]> {
  const out: Record<Family, number[]> = { addr: [], over: [], cmd: [], send: [] };
  ANCHOR.lastIndex = 0;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = ANCHOR.exec(text)) && n++ < MAX_ANCHORS * 4) {
    const g = m.groups!;
    const fam: Family = g.addr !== undefined ? "addr" : g.over !== undefined ? "over" : g.cmd !== undefined ? "cmd" : "send";
    if (out[fam].length < MAX_ANCHORS) out[fam].push(m.index);
    ANCHOR.lastIndex = m.index + 1; // families overlap ("your system prompt"): let each one see its word
  }
  return out;
}

/** Paragraph-bounded ranges around the anchors, merged; null means "scan the whole text". */
export function rangesAround(text: string, anchors: number[]): Span[] | null {
  if (!anchors.length) return [];
  const ranges: Span[] = [];
  for (const at of [...anchors].sort((a, b) => a - b)) {
    let s = text.lastIndexOf("\n\n", at);
    s = s === -1 || s < at - REACH ? Math.max(0, at - REACH) : s + 1;
    const nl = text.lastIndexOf("\n", s - 1);
    if (s > 0 && text[s - 1] !== "\n") s = nl + 1;
    let e = text.indexOf("\n\n", at);
    e = e === -1 || e > at + REACH ? Math.min(text.length, at + REACH) : e;
    const last = ranges[ranges.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else ranges.push([s, e]);
  }
  const covered = ranges.reduce((n, [s, e]) => n + e - s, 0);
  return covered > text.length / 2 ? null : ranges;
}

/** All matches of a global regex inside the ranges (or the whole text), as absolute spans. */
export function spansIn(re: RegExp, text: string, ranges: Span[] | null, max: number): Span[] {
  const out: Span[] = [];
  for (const [s, e] of ranges ?? [[0, text.length]]) {
    const part = ranges ? text.slice(s, e) : text;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(part)) && out.length < max) {
      out.push([s + m.index, s + m.index + m[0].length]);
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return out;
}
