/**
 * Keeps the scan fast on ordinary text. The phrase patterns are large alternations that cost a few
 * milliseconds per 100 KB each; almost all tool output never contains the words they need. One cheap
 * pass finds the anchor words of each pattern family, and the heavy patterns then run only on the
 * paragraphs around those anchors (or on the whole text when anchors are everywhere).
 */

type Span = [number, number];
export type Family = "addr" | "over" | "cmd" | "send";

// One regex per family, each a plain case-insensitive alternation (cheaper than one combined regex
// with named groups, and families may overlap: "your system prompt" anchors two of them).
// Anchors are pairs of words where a single word is common in docs ("instructions", "in your").
const ANCHORS: Record<Family, RegExp> = {
  addr: new RegExp(String.raw`\b(?:ai|a\.i|llms?|language\s+models?|chat\s?bots?|chatgpt|gpt|claude|copilot|gemini|codex|devin|windsurf|assistants?|agents?|bots?|the\s+model|call\s+the|in\s+(?:your|their)\s+(?:next\s+|final\s+)?(?:repl|respons|answer|message|summar)|your\s+(?:system|original|initial|context)|the\s+user\s+you|when\s+(?:you\s+)?(?:asked|summari)|before\s+(?:you\s+)?(?:answer|respond))\b`, "gi"),
  over: new RegExp(String.raw`\b(?:ignore|disregard|forget|overrid\w*|overrule|bypass|abandon|discard|dismiss|set\s+aside|(?:not|n't|stop|longer)\s+follow|system\s+prompt|(?:new|updated|real|revised)\s+(?:instructions|directive|system)|(?:instructions|guidance|rules|guidelines|directives|prompt)\s+(?:you|given|provided)|(?:previous|prior|earlier|original|existing|old|your|all)\s+(?:instructions|directives|guidance|rules|prompts?|guidelines)|your\s+(?:new|real|actual|true|updated)|you\s+are\s+now|you're\s+now|from\s+now\s+on|do\s+anything\s+now|act\s+as|(?:safety|content|security)\s+(?:rules|filters|guidelines|restrictions|guardrails|policies|checks)|new\s+(?:task|rule|role|goal|objective)s?\s*:)`, "gi"),
  cmd: new RegExp(String.raw`\.env\b|\.ssh\b|id_rsa|id_ed25519|\.aws\b|credentials|\.npmrc|\.netrc|\.pypirc|\.git-credentials|\.docker\b|kubeconfig|\.kube\b|\.gnupg|\b(?:env|printenv|export\s+-p)\s*\||\$\((?:env|printenv)|process\.env|os\.environ|git\s+push`, "gi"),
  send: new RegExp(String.raw`\b(?:to|into|via)\s+(?:https?://|[\w.+-]+@[\w-]+\.|(?:a\s+)?(?:public\s+)?(?:pastebin|paste|gist|webhook|discord|telegram)|(?:my|our|this|the\s+following|an?\s+external)\s+\w)`, "gi"),
};

const MAX_ANCHORS = 400;
const REACH = 600;

/** Anchor positions per family; `send` anchors on the destination of a send. */
export function anchorsOf(text: string): Record<Family, number[]> {
  const out: Record<Family, number[]> = { addr: [], over: [], cmd: [], send: [] };
  for (const fam of Object.keys(ANCHORS) as Family[]) {
    const re = ANCHORS[fam];
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) && out[fam].length < MAX_ANCHORS) out[fam].push(m.index);
  }
  return out;
}

/** Paragraph-bounded ranges around the anchors, merged; null means "scan the whole text". */
export function rangesAround(text: string, anchors: number[]): Span[] | null {
  if (!anchors.length) return [];
  const ranges: Span[] = [];
  for (const at of [...anchors].sort((a, b) => a - b)) {
    // Searches stay within REACH: an unbounded lastIndexOf per anchor is quadratic on dense text.
    const from = Math.max(0, at - REACH);
    const back = text.slice(from, at).lastIndexOf("\n\n");
    let s = back === -1 ? from : from + back + 1;
    if (s > 0 && text[s - 1] !== "\n") {
      const nl = text.slice(Math.max(0, s - 200), s).lastIndexOf("\n");
      if (nl !== -1) s = Math.max(0, s - 200) + nl + 1;
    }
    const fwd = text.slice(at, at + REACH).indexOf("\n\n");
    const e = fwd === -1 ? Math.min(text.length, at + REACH) : at + fwd;
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
