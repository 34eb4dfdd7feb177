/**
 * Reads a Claude Code transcript (JSONL): user prompts (string content or text blocks), tool_use
 * blocks and the tool output that came back, in order. Treats the file as data: it never resolves or
 * checks the paths inside. Tool output is kept apart from the user's words: replay scans it for
 * injected instructions as the PostToolUse hook does, and it never counts as intent.
 */
export type TranscriptEvent =
  | { kind: "user"; text: string }
  | { kind: "tool"; id: string; name: string; input: unknown; cwd?: string; sessionId?: string }
  | { kind: "output"; id: string; text: string };

export function parseTranscript(text: string): { events: TranscriptEvent[]; badLines: number } {
  const events: TranscriptEvent[] = [];
  let badLines = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    let o: { type?: string; cwd?: string; sessionId?: string; message?: { content?: unknown } };
    try {
      o = JSON.parse(line);
    } catch {
      badLines++;
      continue;
    }
    const content = o.message?.content;
    if (o.type === "user") {
      if (typeof content === "string") events.push({ kind: "user", text: content });
      else if (Array.isArray(content)) {
        // tool_result blocks are tool output, not the user: never treat them as intent.
        const text = content.filter((b) => b?.type === "text").map((b) => String(b.text ?? "")).join("\n");
        if (text) events.push({ kind: "user", text });
        for (const b of content) if (b?.type === "tool_result") events.push({ kind: "output", id: String(b.tool_use_id ?? ""), text: resultText(b.content) });
      }
    } else if (o.type === "assistant" && Array.isArray(content)) {
      for (const b of content) {
        if (b?.type === "tool_use" && typeof b.name === "string") events.push({ kind: "tool", id: String(b.id ?? ""), name: b.name, input: b.input, cwd: o.cwd, sessionId: o.sessionId });
      }
    }
  }
  return { events, badLines };
}

/** A tool_result's content: a string, or text blocks (images and other blocks carry no text to scan). */
function resultText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.filter((b) => b?.type === "text").map((b) => String(b.text ?? "")).join("\n");
}
