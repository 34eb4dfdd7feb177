/**
 * Invisible characters in tool output: zero-width characters that split keywords past filters, bidi
 * controls that make text read differently from how it renders, and Unicode tag characters that carry
 * a whole ASCII sentence no human sees. Legitimate uses are left alone: joiners inside Arabic, Persian
 * and Indic words, emoji ZWJ sequences, subdivision flags (🏴 + tags), a leading BOM, bidi isolates
 * around short placeholders or next to right-to-left text.
 */
import type { RawFinding } from "./types.ts";

const ANY = /[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]|\uDB40[\uDC00-\uDC7F]/g;
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/;
const JOINING_SCRIPT = /[\u0590-\u08FF\u0900-\u0DFF\u0E00-\u0EFF\u1000-\u109F\u1780-\u18AF\u3000-\u9FFF\uFB1D-\uFDFF\uFE70-\uFEFC]/;

export interface TagRun {
  start: number;
  end: number;
  decoded: string;
}

export interface HiddenScan {
  findings: RawFinding[];
  /** The text with every invisible character removed, or null when there were none. */
  clean: string | null;
  /** Maps an offset in `clean` back to the original text. */
  toOriginal: (i: number) => number;
  tagRuns: TagRun[];
}

const identity = (i: number) => i;

export function scanHidden(text: string): HiddenScan {
  ANY.lastIndex = 0;
  if (!ANY.test(text)) return { findings: [], clean: null, toOriginal: identity, tagRuns: [] };
  ANY.lastIndex = 0;
  const findings: RawFinding[] = [];
  const tagRuns: TagRun[] = [];
  const removed: [number, number][] = [];
  let inWord = 0, firstInWord = -1, run = 0, runStart = -1, lastEnd = -1, bidiHigh = -1, bidiMedium = -1;
  let m: RegExpExecArray | null;
  while ((m = ANY.exec(text))) {
    const at = m.index;
    if (m[0].length === 2) {
      let end = at;
      while (text.charCodeAt(end) === 0xdb40 && (text.charCodeAt(end + 1) & 0xff80) === 0xdc00) end += 2;
      removed.push([at, end]);
      ANY.lastIndex = end;
      const decoded = decodeTags(text.slice(at, end));
      const isFlag = text.slice(Math.max(0, at - 2), at) === "\u{1F3F4}" && /^[a-z0-9]{2,7}$/.test(decoded);
      if (!isFlag && decoded.trim().length >= 2) tagRuns.push({ start: at, end, decoded });
      continue;
    }
    removed.push([at, at + 1]);
    run = at === lastEnd ? run + 1 : 1;
    if (run === 1) runStart = at;
    lastEnd = at + 1;
    const c = text.charCodeAt(at);
    if (c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
      if (legitBidi(text, at, c)) continue;
      if ((c === 0x202d || c === 0x202e) && bidiHigh === -1) bidiHigh = at;
      else if (bidiMedium === -1) bidiMedium = at;
      continue;
    }
    if (legitZeroWidth(text, at, c)) continue;
    if (/[A-Za-z]/.test(text[at - 1] ?? "") && /[A-Za-z\u200B-\u200D\u2060]/.test(text[at + 1] ?? "")) {
      if (firstInWord === -1) firstInWord = at;
      inWord++;
    }
    if (run === 8) findings.push({ kind: "hidden-characters", severity: "high", start: runStart, end: at + 1, explanation: "a run of 8 or more invisible zero-width characters (a way to hide an encoded message)" });
  }
  for (const r of tagRuns) {
    findings.push({ kind: "hidden-characters", severity: "high", start: r.start, end: r.end, explanation: "invisible Unicode tag characters carry hidden ASCII text", excerpt: `<U+E00xx tags> decode to: "${r.decoded}"` });
  }
  if (inWord > 0) findings.push({ kind: "hidden-characters", severity: "medium", start: firstInWord, end: firstInWord + 1, explanation: `${inWord} zero-width character(s) inside words, which can split keywords past filters` });
  if (bidiHigh !== -1) findings.push({ kind: "hidden-characters", severity: "high", start: bidiHigh, end: bidiHigh + 1, explanation: "bidi override control outside right-to-left text: the text renders in a different order from how it is read" });
  if (bidiMedium !== -1) findings.push({ kind: "hidden-characters", severity: "medium", start: bidiMedium, end: bidiMedium + 1, explanation: "bidi embedding/isolate control outside right-to-left text" });
  return { findings, ...cleaned(text, removed), tagRuns };
}

/** Tag characters U+E0020..U+E007E mirror ASCII; U+E0001 and U+E007F are markers with no text. */
export function decodeTags(s: string): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)! - 0xe0000;
    if (cp >= 0x20 && cp <= 0x7e) out += String.fromCharCode(cp);
  }
  return out;
}

function legitZeroWidth(text: string, at: number, c: number): boolean {
  if (c === 0xfeff) return at === 0 || text[at - 1] === "\n";
  const prev = text.codePointAt(at - 1) ?? 0;
  const prevCp = at >= 2 && (text.charCodeAt(at - 1) & 0xfc00) === 0xdc00 ? text.codePointAt(at - 2)! : prev;
  const next = text.codePointAt(at + 1) ?? 0;
  if ((c === 0x200c || c === 0x200d) && (isEmoji(prevCp) || isEmoji(next))) return true;
  if (c === 0x2060) return false;
  return JOINING_SCRIPT.test(String.fromCodePoint(prevCp)) || JOINING_SCRIPT.test(String.fromCodePoint(next));
}

function isEmoji(cp: number): boolean {
  return cp >= 0x1f000 || (cp >= 0x2600 && cp <= 0x27bf) || cp === 0xfe0f || cp === 0x20e3;
}

function legitBidi(text: string, at: number, c: number): boolean {
  if (RTL.test(text.slice(Math.max(0, at - 40), at + 40))) return true;
  if (c >= 0x2066 && c <= 0x2068) {
    const close = text.indexOf("\u2069", at);
    return close !== -1 && close - at <= 60 && !/[\n;{}]|\u202e|\u202d/.test(text.slice(at, close));
  }
  if (c === 0x2069) {
    const open = Math.max(text.lastIndexOf("\u2066", at), text.lastIndexOf("\u2067", at), text.lastIndexOf("\u2068", at));
    return open !== -1 && at - open <= 60 && !/[\n;{}]|\u202e|\u202d/.test(text.slice(open, at));
  }
  return false;
}

function cleaned(text: string, removed: [number, number][]): Pick<HiddenScan, "clean" | "toOriginal"> {
  const parts: string[] = [];
  const segStarts: number[] = []; // offset in clean where each kept segment begins
  const segOrig: number[] = []; // its offset in the original
  let pos = 0, cleanLen = 0;
  for (const [s, e] of removed) {
    if (s > pos) { segStarts.push(cleanLen); segOrig.push(pos); parts.push(text.slice(pos, s)); cleanLen += s - pos; }
    pos = e;
  }
  if (pos < text.length) { segStarts.push(cleanLen); segOrig.push(pos); parts.push(text.slice(pos)); }
  const toOriginal = (i: number) => {
    let lo = 0, hi = segStarts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (segStarts[mid] <= i) lo = mid; else hi = mid - 1; }
    return segStarts.length ? segOrig[lo] + (i - segStarts[lo]) : i;
  };
  return { clean: parts.join(""), toOriginal };
}
