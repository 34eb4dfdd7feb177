/**
 * Tells quoting from using. Documentation, advisories and scanner reports quote attack strings as
 * examples; a scanner that alarms on them gets switched off. A hit counts as "discussed" when it is
 * introduced as an example, quoted as a short phrase, or shown in a code block / blockquote / table of
 * a document that is about security. Text hidden from human readers (HTML comments, display:none, tiny
 * or white text) is never discussion: people do not hide their examples.
 */

const LOCAL_MARKER = /(?<![\w.@/-])examples?\b(?![.-]\w)|\b(?:for example|for instance|e\.g\.|such as|phrases? like|strings? like|payloads?|attacks?|attackers?|attacker's|adversar\w*|malicious|injections?|injected|jailbreaks?|phish\w*|scams?|lure|hidden text|contains? (?:a )?hidden|we found|was found|indicators? of compromise|IoCs?|typosquat\w*|compromised|proof of concept|red[- ]team\w*)\b|\blike[ \t]*[:"“`]/i;

const TOPIC = /prompt[- ]injection|jailbreak|injection attack|\bOWASP\b|\bLLM01\b|\badvisory\b|\bCVE-\d|\bGHSA-|vulnerab|exploit|attacker|malicious|red[- ]team|guardrail|detector|security/gi;

const HIDING_TAG = /<(\w+)[^>]*(?:style\s*=\s*["'][^"']*(?:display\s*:\s*none|font-size\s*:\s*[01](?:px|pt)?\b|color\s*:\s*(?:#fff(?:fff)?|white)\b)|class\s*=\s*["'][^"']*\b(?:sr-only|visually-hidden|hidden)\b)[^>]*>/gi;

/** Per-text facts, computed on first use: most texts never need them. */
export class TextZones {
  #aboutSecurity: boolean | undefined;
  constructor(readonly text: string) {}

  get aboutSecurity(): boolean {
    if (this.#aboutSecurity === undefined) {
      let topics = 0;
      TOPIC.lastIndex = 0;
      while (topics < 2 && TOPIC.exec(this.text)) topics++;
      this.#aboutSecurity = topics >= 2;
    }
    return this.#aboutSecurity;
  }

  /** Inside an HTML comment or an element styled to be invisible. */
  hidden(at: number): boolean {
    const t = this.text;
    const open = t.lastIndexOf("<!--", at);
    if (open !== -1 && (t.indexOf("-->", open) === -1 || t.indexOf("-->", open) > at)) return true;
    const from = Math.max(0, at - 800);
    const head = t.slice(from, at);
    HIDING_TAG.lastIndex = 0;
    let m: RegExpExecArray | null;
    let hiddenOpen = false;
    while ((m = HIDING_TAG.exec(head))) hiddenOpen = !head.slice(m.index).includes(`</${m[1]}`);
    return hiddenOpen;
  }

  /** Shown as an exhibit: fenced code, a blockquote, a table row or an indented code line. */
  shown(at: number): boolean {
    const t = this.text;
    let fences = 0;
    for (let i = t.indexOf("```"); i !== -1 && i < at; i = t.indexOf("```", i + 3)) fences++;
    if (fences % 2 === 1) return true;
    const line = t.slice(t.lastIndexOf("\n", at - 1) + 1, at + 1);
    return /^[ \t]*[>|]|^(?: {4}|\t)/.test(line);
  }
}

export function zonesOf(text: string): TextZones {
  return new TextZones(text);
}

/** True when the span [start, end) of `text` reads as a quoted example rather than an order. */
export function isDiscussed(text: string, start: number, end: number, z: TextZones): boolean {
  if (z.hidden(start)) return false;
  const before = text.slice(Math.max(0, start - 250), start);
  if (LOCAL_MARKER.test(before)) return true;
  const quoted = quotedSpan(text, start, end);
  // A quote that holds little more than the phrase itself is a mention ("ignore previous instructions").
  if (quoted !== null && quoted <= 90 && end - start >= quoted * 0.6) return true;
  return z.aboutSecurity && (quoted !== null || z.shown(start) || inInlineCode(text, start));
}

/** Length of the quoted string around [start, end), or null when the span is not inside quotes. */
function quotedSpan(text: string, start: number, end: number): number | null {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const head = text.slice(Math.max(lineStart, start - 400), start);
  for (const [open, close] of [['"', '"'], ["`", "`"], ["“", "”"], ["«", "»"]]) {
    const i = open === close ? (count(head, open) % 2 === 1 ? head.lastIndexOf(open) : -1) : head.lastIndexOf(open) > head.lastIndexOf(close) ? head.lastIndexOf(open) : -1;
    if (i === -1) continue;
    const j = text.indexOf(close, end);
    if (j === -1 || j - end > 300 || text.slice(end, j).includes("\n\n")) continue;
    return j - (start - head.length + i) - 1;
  }
  return null;
}

function count(s: string, c: string): number {
  let n = 0;
  for (let i = s.indexOf(c); i !== -1; i = s.indexOf(c, i + 1)) n++;
  return n;
}

function inInlineCode(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  let ticks = 0;
  for (let i = lineStart; i < at; i++) if (text[i] === "`") ticks++;
  return ticks % 2 === 1;
}
