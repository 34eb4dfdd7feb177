import { geminiCall } from "../adapters/gemini.ts";
import type { TranscriptEvent } from "./claude-code-transcript.ts";
import { callEvents } from "./tool-events.ts";

/**
 * Reads a Gemini CLI chat log ($GEMINI_CLI_HOME/.gemini/tmp/<project>/chats/session-*.jsonl,
 * observed on 0.61.0): a header line `{sessionId, projectHash, …}`, then messages
 * `{id, type: "user"|"gemini", content, toolCalls?}` and `{"$set": {messages | lastUpdated}}`
 * updates. A gemini message is written twice (before and after its tool calls ran), so calls are
 * taken once by id. Older versions kept the same messages in one JSON file (`{sessionId, messages}`).
 * Each call is translated exactly as the hook translates it; tool output is never read.
 */
type Message = { id?: string; type?: string; content?: unknown; toolCalls?: { id?: string; name?: string; args?: unknown }[] };

export function isGeminiTranscriptLine(o: unknown): boolean {
  const x = o as Record<string, unknown> | null;
  return typeof x === "object" && x !== null && (("sessionId" in x && ("projectHash" in x || "messages" in x || "startTime" in x)) || "$set" in x);
}

export function parseGeminiTranscript(text: string): { events: TranscriptEvent[]; badLines: number } {
  const events: TranscriptEvent[] = [];
  const seenCalls = new Set<string>();
  let badLines = 0;
  let sessionId: string | undefined;
  let cwd = "";
  const visit = (m: Message) => {
    if (m.type === "user") {
      const said = userText(m.content);
      const workspace = /^<session_context>[\s\S]*?Workspace Directories:\*\*\s*\n\s*- (\S[^\n]*)/.exec(said)?.[1];
      if (workspace) cwd ||= workspace.trim();
      else if (said && !said.startsWith("<session_context>")) events.push({ kind: "user", text: said });
      return;
    }
    for (const c of m.toolCalls ?? []) {
      const id = String(c.id ?? "");
      if (typeof c.name !== "string" || (id && seenCalls.has(id))) continue;
      seenCalls.add(id);
      const base = { agent: "gemini" as const, tool: c.name, input: c.args ?? {}, cwd, sessionId, toolUseId: id };
      events.push(...callEvents(geminiCall(base), base));
    }
  };
  const trimmed = text.trim();
  if (trimmed.startsWith("{") && !trimmed.includes("\n{")) {
    // One JSON document: the older single-file format.
    try {
      const doc = JSON.parse(trimmed) as { sessionId?: string; messages?: Message[] };
      sessionId = doc.sessionId;
      (doc.messages ?? []).forEach(visit);
      return { events, badLines };
    } catch {
      // not one document after all: read it line by line
    }
  }
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    let o: Message & { sessionId?: string; $set?: { messages?: Message[] } };
    try {
      o = JSON.parse(line);
    } catch {
      badLines++;
      continue;
    }
    if (typeof o.sessionId === "string" && !o.type) sessionId = o.sessionId;
    if (Array.isArray(o.$set?.messages)) o.$set.messages.forEach(visit);
    else if (o.type) visit(o);
  }
  return { events, badLines };
}

/** Text parts only: functionResponse parts are tool output, never the user's intent. */
function userText(content: unknown): string {
  if (typeof content === "string") return content.trim();
  if (!Array.isArray(content)) return "";
  return content.filter((p) => typeof p?.text === "string").map((p) => p.text as string).join("\n").trim();
}
