/**
 * Deterministic prompt-injection scanner for tool output (PostToolUse: WebFetch, WebSearch, Read, Bash,
 * Grep, mcp__*). Pure and offline: it finds instructions aimed at the agent inside data - override
 * phrases, orders addressed to an AI, fake model markup, exfiltration commands and URLs, invisible
 * characters, encoded payloads - and returns findings; the hook decides what to do with them.
 *
 * Work is bounded: texts over 1 MB are scanned on their head, tail and a sample of the middle, decoded
 * payloads recurse at most twice, and each pattern stops after a fixed number of hits.
 */
import { findEncoded } from "./decode.ts";
import { clamp, excerptAt, visible } from "./excerpt.ts";
import { scanHidden } from "./hidden.ts";
import { analyzeText } from "./phrases.ts";
import type { InjectionFinding, RawFinding, ToolSource } from "./types.ts";

export type { InjectionFinding, InjectionKind, InjectionSeverity, ToolSource } from "./types.ts";
export { summarizeFindings } from "./summary.ts";

const FULL_SCAN_LIMIT = 1024 * 1024;
const EDGE = 256 * 1024;
const SAMPLES = 8;
const SAMPLE_SIZE = 16 * 1024;
const MAX_DEPTH = 2;
const MAX_FINDINGS = 50;
const SPLIT_KEYWORDS = /[\u200B-\u200D\u2060\u202A-\u202E\u2066-\u2069]/;

// `source` is part of the contract so callers pass it; judgement does not depend on the tool today.
export function scanToolOutput(text: string, _source: ToolSource): InjectionFinding[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const raws: RawFinding[] = [];
  for (const [base, slice] of windowsOf(text)) scanSlice(slice, base, raws, 0);
  return finalize(raws, text);
}

/** True when the findings deserve an alarm (any high-severity finding). */
export function isAlarm(findings: InjectionFinding[]): boolean {
  return findings.some((f) => f.severity === "high");
}

function windowsOf(text: string): [number, string][] {
  if (text.length <= FULL_SCAN_LIMIT) return [[0, text]];
  const out: [number, string][] = [[0, text.slice(0, EDGE)]];
  const middle = text.length - 2 * EDGE;
  for (let i = 0; i < SAMPLES; i++) {
    const at = EDGE + Math.floor(((i + 0.5) * middle) / SAMPLES) - SAMPLE_SIZE / 2;
    out.push([at, text.slice(at, at + SAMPLE_SIZE)]);
  }
  out.push([text.length - EDGE, text.slice(text.length - EDGE)]);
  return out;
}

function scanSlice(s: string, base: number, out: RawFinding[], depth: number): void {
  const hidden = scanHidden(s);
  for (const f of hidden.findings) out.push({ ...f, start: base + f.start, end: base + f.end });
  const view = hidden.clean ?? s;
  const map = hidden.toOriginal;
  for (const f of analyzeText(view)) {
    const start = map(f.start);
    const end = map(Math.max(f.start, f.end - 1)) + 1;
    out.push({ ...f, start: base + start, end: base + end });
    if (hidden.clean && f.severity === "high" && SPLIT_KEYWORDS.test(s.slice(start, end))) {
      out.push({ kind: "hidden-characters", severity: "high", start: base + start, end: base + end, explanation: `invisible characters split the words of this instruction (${f.kind}), hiding it from keyword filters` });
    }
  }
  for (const run of hidden.tagRuns) {
    for (const f of analyzeText(run.decoded)) {
      out.push({ ...f, start: base + run.start, end: base + run.end, explanation: `hidden in Unicode tag characters: ${f.explanation}`, excerpt: run.decoded.slice(Math.max(0, f.start - 20)) });
    }
  }
  if (depth >= MAX_DEPTH) return;
  for (const d of findEncoded(view)) {
    const inner: RawFinding[] = [];
    scanSlice(d.text, 0, inner, depth + 1);
    if (!inner.length) continue;
    const high = inner.some((f) => f.severity === "high");
    const kinds = [...new Set(inner.map((f) => f.kind))].join(", ");
    out.push({
      kind: "encoded-payload",
      severity: high ? "high" : "medium",
      start: base + map(d.start),
      end: base + map(d.end - 1) + 1,
      explanation: `${d.encoding} text that decodes to an instruction (${kinds})`,
      excerpt: `${d.encoding} decodes to: ${d.text}`,
    });
  }
}

/** Orders by offset, merges overlapping findings of one kind (keeping the more severe), cuts excerpts. */
function finalize(raws: RawFinding[], text: string): InjectionFinding[] {
  raws.sort((a, b) => a.start - b.start || (a.severity === "high" ? -1 : 1));
  const kept: RawFinding[] = [];
  for (const f of raws) {
    const twin = kept.find((k) => k.kind === f.kind && f.start < k.end && k.start < f.end);
    if (twin) {
      if (f.severity === "high" && twin.severity === "medium") Object.assign(twin, f);
      continue;
    }
    kept.push(f);
  }
  return kept.slice(0, MAX_FINDINGS).map((f) => ({
    kind: f.kind,
    severity: f.severity,
    excerpt: f.excerpt !== undefined ? clamp(visible(f.excerpt)) : excerptAt(text, f.start, f.end),
    offset: f.start,
    explanation: f.explanation,
  }));
}
