// Why this file exists: the Gemini e2e tests drive the REAL Gemini CLI, but must be deterministic,
// offline and free. This is a scripted stand-in for the Gemini API on 127.0.0.1
// (GOOGLE_GEMINI_BASE_URL points here). Each main turn (one that offers tools) consumes the next
// scripted step; once the script is spent, a final text.
//
// Observed with Gemini CLI 0.61.0 (shared/docs/other-agents.md): only
// `POST /v1beta/models/{model}:streamGenerateContent?alt=sse` for main turns and, without -m, a
// non-streaming `:generateContent` for the router; SSE events are `data: <JSON>\r\n\r\n`.
import { startRecordingServer, type FakeModelServer, type RecordedCall } from './recording-server.ts';

export type GeminiStep = { call: string; args: Record<string, unknown> } | { text: string };

export type RecordedGenerate = RecordedCall;
export type FakeGemini = FakeModelServer<RecordedGenerate>;

const FINAL_TEXT = 'Done.';

export async function startFakeGemini(script: GeminiStep[]): Promise<FakeGemini> {
  const requests: RecordedGenerate[] = [];
  let turn = 0;
  const server = await startRecordingServer(({ method, path, body }, res) => {
    const streaming = /:streamGenerateContent/.test(path);
    if (method !== 'POST' || !/:(stream)?generateContent/i.test(path)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: { code: 404, message: `fake: no ${method} ${path}`, status: 'NOT_FOUND' } }));
    }
    const main = Array.isArray(body?.tools) && body.tools.length > 0;
    const step: GeminiStep = main ? (script[turn++] ?? { text: FINAL_TEXT }) : { text: FINAL_TEXT };
    const reply = response(step);
    if (!streaming) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(reply));
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.end(`data: ${JSON.stringify(reply)}\r\n\r\n`);
  }, ({ path, body }) => requests.push({ path, body }));
  return { url: server.url, requests, close: server.close };
}

function response(step: GeminiStep): object {
  const parts = 'call' in step ? [{ functionCall: { name: step.call, args: step.args } }] : [{ text: step.text }];
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
  };
}

/** The functionResponse the model was sent for the call named `name` (tool output, or the block). */
export function functionResponse(requests: RecordedGenerate[], name: string): Record<string, unknown> | undefined {
  for (const r of requests) {
    for (const c of r.body?.contents ?? []) {
      for (const p of c?.parts ?? []) if (p?.functionResponse?.name === name) return p.functionResponse.response;
    }
  }
  return undefined;
}
