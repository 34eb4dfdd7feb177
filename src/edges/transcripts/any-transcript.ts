import { parseTranscript, type TranscriptEvent } from "./claude-code-transcript.ts";
import { isCodexTranscriptLine, parseCodexTranscript } from "./codex-transcript.ts";
import { isGeminiTranscriptLine, parseGeminiTranscript } from "./gemini-transcript.ts";

/**
 * Replay and the hook's first-call intent read session logs of every supported agent. The formats
 * differ from the first line on, so the first line that parses decides which reader gets the file;
 * anything unrecognised is read as Claude Code's format, as before.
 */
export type TranscriptFormat = "claude-code" | "codex" | "gemini";

export function detectTranscript(text: string): TranscriptFormat {
  for (const line of text.split("\n", 20)) {
    if (!line.trim()) continue;
    try {
      const o = JSON.parse(line) as Record<string, unknown>;
      if (isCodexTranscriptLine(o)) return "codex";
      if (isGeminiTranscriptLine(o) || (typeof o.sessionId === "string" && Array.isArray(o.messages))) return "gemini";
      return "claude-code";
    } catch {
      // The older Gemini format is one pretty-printed JSON document: its first line alone does not parse.
      return isGeminiDocument(text) ? "gemini" : "claude-code";
    }
  }
  return "claude-code";
}

function isGeminiDocument(text: string): boolean {
  if (!text.trimStart().startsWith("{")) return false;
  try {
    const doc = JSON.parse(text) as Record<string, unknown>;
    return typeof doc.sessionId === "string" && Array.isArray(doc.messages);
  } catch {
    return false;
  }
}

export function parseAnyTranscript(text: string): { events: TranscriptEvent[]; badLines: number; format: TranscriptFormat } {
  const format = detectTranscript(text);
  const parsed = format === "codex" ? parseCodexTranscript(text) : format === "gemini" ? parseGeminiTranscript(text) : parseTranscript(text);
  return { ...parsed, format };
}
