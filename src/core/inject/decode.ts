/**
 * Finds encoded runs (base64, hex, percent-encoding, HTML numeric entities) that decode to readable
 * text, so the scanner can look inside them. Images, keys, hashes and source maps decode to bytes that
 * are not text and are dropped here; only printable decodings are returned. Bounded in count and size
 * because tool output can be megabytes of base64.
 */

export interface Decoded {
  start: number;
  end: number;
  encoding: "base64" | "hex" | "percent" | "html-entities";
  text: string;
}

const MAX_CANDIDATES = 64;
const MAX_DECODED = 64 * 1024;

const PERCENT = /(?:%[0-9A-Fa-f]{2}[A-Za-z0-9._~+-]{0,3}){8,}/g;
const ENTITIES = /(?:&#(?:x[0-9A-Fa-f]{1,6}|\d{1,7});){8,}/g;

// Base64 alphabet (standard and URL-safe), as a lookup table: one linear pass instead of a regex
// with lookbehind, which costs milliseconds per 100 KB of ordinary text.
const B64 = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-") B64[c.charCodeAt(0)] = 1;

export function findEncoded(text: string): Decoded[] {
  const out: Decoded[] = [];
  const state = { budget: 4 * MAX_DECODED, tried: 0 };
  const consider = (encoding: Decoded["encoding"], start: number, run: string) => {
    if (state.tried >= MAX_CANDIDATES || state.budget <= 0) return;
    state.tried++;
    const decoded = decode(encoding, run.slice(0, MAX_DECODED * 2));
    if (decoded === null || !isReadable(decoded)) return;
    state.budget -= decoded.length;
    out.push({ start, end: start + run.length, encoding, text: decoded });
  };
  let runStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    if (c < 128 && B64[c]) continue;
    if (i - runStart >= 40) {
      let end = i;
      while (end < text.length && end - i < 2 && text[end] === "=") end++;
      const run = text.slice(runStart, end);
      if (/^[0-9A-Fa-f]+$/.test(run)) { if (!/^[0-9]+$/.test(run)) consider("hex", runStart, run); }
      else if (looksLikeBase64(run)) consider("base64", runStart, run);
    }
    runStart = i + 1;
  }
  for (const [encoding, re, needle] of [["percent", PERCENT, "%"], ["html-entities", ENTITIES, "&#"]] as const) {
    if (!text.includes(needle)) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) consider(encoding, m.index, m[0]);
  }
  return out;
}

/** Base64 of text mixes cases and digits; identifiers, paths and words in a row do not. */
function looksLikeBase64(run: string): boolean {
  return /[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9+/]/.test(run) && !/^[a-z_-]+$/i.test(run);
}

function decode(encoding: Decoded["encoding"], run: string): string | null {
  try {
    switch (encoding) {
      case "base64": {
        const b64 = run.replace(/-/g, "+").replace(/_/g, "/");
        return utf8(Buffer.from(b64, "base64"));
      }
      case "hex":
        return utf8(Buffer.from(run.length % 2 ? run.slice(0, -1) : run, "hex"));
      case "percent":
        return decodeURIComponent(run.replace(/\+/g, " "));
      case "html-entities":
        return run.replace(/&#(x[0-9A-Fa-f]+|\d+);/g, (_, n: string) => String.fromCodePoint(n[0] === "x" ? parseInt(n.slice(1), 16) : Number(n)));
    }
  } catch {
    return null;
  }
}

const decoder = new TextDecoder("utf-8", { fatal: true });

function utf8(bytes: Buffer): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Mostly printable characters and some spaces: prose or commands, not binary. */
function isReadable(s: string): boolean {
  if (s.length < 12) return false;
  let printable = 0, spaces = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) spaces++;
    if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x09 || c >= 0xa0) printable++;
  }
  return printable / s.length >= 0.9 && spaces >= 2;
}
