/**
 * Short, safe excerpts for findings. The excerpt goes back to the agent inside a warning, so invisible
 * characters are spelled out (<U+200B>), tag runs are collapsed, control characters and line breaks
 * become spaces, and the length is capped: the warning must not itself smuggle the payload.
 */

export const MAX_EXCERPT = 160;

const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;
const TAG_RUN = /(?:\uDB40[\uDC00-\uDC7F])+/g;
const hex = (cp: number) => cp.toString(16).toUpperCase().padStart(4, "0");

/** Makes hidden characters visible and flattens whitespace. */
export function visible(s: string): string {
  return s
    .replace(TAG_RUN, (run) => `<U+${hex(run.codePointAt(0)!)} +${run.length / 2 - 1} tags>`)
    .replace(INVISIBLE, (c) => `<U+${hex(c.charCodeAt(0))}>`)
    .replace(/[\u0000-\u001F\u007F\s]+/g, " ")
    .trim();
}

export function clamp(s: string, max = MAX_EXCERPT): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + "…";
}

/** About 160 visible characters of `text` starting a little before `start`. */
export function excerptAt(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 20);
  const to = Math.min(text.length, Math.max(end, start + 200));
  let raw = text.slice(from, to);
  if ((raw.charCodeAt(0) & 0xfc00) === 0xdc00) raw = raw.slice(1);
  const lead = from > 0 ? "…" : "";
  return clamp(lead + visible(raw));
}
