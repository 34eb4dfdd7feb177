// Why this file exists: the e2e tests drive the REAL Claude Code CLI, but must be
// deterministic, offline and free. This is a scripted stand-in for the Anthropic
// Messages API (ANTHROPIC_BASE_URL points here). Each "main loop" turn (a request
// that carries `tools`) consumes the next scripted step; anything else gets a
// harmless reply without consuming the script.
//
// Observed with Claude Code 2.1.197 (-p, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1):
// `HEAD /` (connectivity probe), then one streaming `POST /v1/messages?beta=true`
// per agent turn, each with all tools. No side requests (title, quota, token count)
// were seen, but they are answered anyway in case other versions send them.
import type http from 'node:http';
import { startRecordingServer, type FakeModelServer, type Recorded } from './recording-server.ts';

export type Step =
  | { tool: string; input: Record<string, unknown>; id?: string }
  | { text: string };

export interface RecordedRequest {
  method: string;
  path: string;
  /** 'main' = agent-loop turn (has tools), 'side' = other /v1/messages call, 'other' = anything else */
  kind: 'main' | 'side' | 'other';
  body: any;
}

export type FakeAnthropic = FakeModelServer<RecordedRequest>;

/** Replies used once the script is exhausted, and for side requests. */
const FINAL_TEXT = 'Done.';
const SIDE_TEXT = 'ok';

export async function startFakeAnthropic(script: Step[]): Promise<FakeAnthropic> {
  const requests: RecordedRequest[] = [];
  let turn = 0;
  const kindOf = ({ method, path, body }: Recorded): RecordedRequest['kind'] =>
    !(method === 'POST' && /^\/v1\/messages(\?|$)/.test(path)) ? 'other' : Array.isArray(body?.tools) && body.tools.length > 0 ? 'main' : 'side';
  const server = await startRecordingServer((rec, res) => {
    const kind = kindOf(rec);
    if (kind === 'other') return answerOther(rec.method, rec.path, res);
    let step: Step = { text: SIDE_TEXT };
    if (kind === 'main') {
      step = script[turn] ?? { text: FINAL_TEXT };
      turn++;
    }
    const message = toMessage(step, requests.length, String(rec.body?.model ?? 'claude-fake'));
    if (rec.body?.stream) streamMessage(res, message);
    else sendJson(res, 200, message);
  }, (rec) => requests.push({ ...rec, kind: kindOf(rec) }));
  return { url: server.url, requests, close: server.close };
}

function toMessage(step: Step, n: number, model: string) {
  const content =
    'tool' in step
      ? [{ type: 'tool_use' as const, id: step.id ?? `toolu_e2e_${n}`, name: step.tool, input: step.input }]
      : [{ type: 'text' as const, text: step.text }];
  return {
    id: `msg_e2e_${n}`,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: 'tool' in step ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 5 },
  };
}

/** Server-sent events in the order the real API uses them. */
function streamMessage(res: http.ServerResponse, message: ReturnType<typeof toMessage>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  const { content, stop_reason, usage, ...rest } = message;
  send('message_start', { message: { ...rest, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } } });
  content.forEach((block, index) => {
    if (block.type === 'tool_use') {
      send('content_block_start', { index, content_block: { ...block, input: {} } });
      const json = JSON.stringify(block.input);
      const mid = Math.floor(json.length / 2); // two chunks, to exercise partial-JSON assembly
      for (const partial_json of [json.slice(0, mid), json.slice(mid)]) {
        send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } });
      }
    } else {
      send('content_block_start', { index, content_block: { type: 'text', text: '' } });
      send('content_block_delta', { index, delta: { type: 'text_delta', text: block.text } });
    }
    send('content_block_stop', { index });
  });
  send('message_delta', { delta: { stop_reason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } });
  send('message_stop', {});
  res.end();
}

function answerOther(method: string, path: string, res: http.ServerResponse): void {
  if (method === 'HEAD') return void res.writeHead(200).end();
  if (method === 'GET') return sendJson(res, 200, {});
  if (path.startsWith('/v1/messages/count_tokens')) return sendJson(res, 200, { input_tokens: 100 });
  sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: `fake: no ${method} ${path}` } });
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}
