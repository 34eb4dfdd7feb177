// Why this file exists: the Codex e2e tests drive the REAL Codex CLI, but must be deterministic,
// offline and free. This is a scripted stand-in for the OpenAI Responses API on 127.0.0.1 (a custom
// model provider in $CODEX_HOME/config.toml points at it). Each model turn consumes the next scripted
// step (a tool call, whatever became of the previous one); once the script is spent, a final text.
//
// Observed with Codex 0.169.0 (shared/docs/other-agents.md): only `POST /v1/responses` is called,
// streaming; a reply needs just `response.output_item.done` and `response.completed` events.
import type http from 'node:http';
import { startRecordingServer, type FakeModelServer, type RecordedCall } from './recording-server.ts';

export type CodexStep =
  | { shell: string; id?: string }
  | { patch: string; id?: string }
  | { fn: string; args: Record<string, unknown>; id?: string }
  | { text: string };

export type RecordedResponse = RecordedCall;
export type FakeOpenAI = FakeModelServer<RecordedResponse>;

const FINAL_TEXT = 'Done.';

export async function startFakeOpenAI(script: CodexStep[]): Promise<FakeOpenAI> {
  const requests: RecordedResponse[] = [];
  let turn = 0;
  const server = await startRecordingServer(({ method, path }, res) => {
    if (method !== 'POST' || !/\/responses$/.test(path.split('?')[0])) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: { message: `fake: no ${method} ${path}` } }));
    }
    const step: CodexStep = script[turn++] ?? { text: FINAL_TEXT };
    stream(res, itemFor(step, requests.length));
  }, ({ path, body }) => requests.push({ path, body }));
  return { url: `${server.url}/v1`, requests, close: server.close };
}

function itemFor(step: CodexStep, n: number): object {
  if ('text' in step) return { type: 'message', id: `msg_${n}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: step.text, annotations: [] }] };
  const call_id = step.id ?? `call_${n}`;
  if ('shell' in step) return { type: 'function_call', id: `fc_${n}`, call_id, name: 'exec_command', arguments: JSON.stringify({ cmd: step.shell }), status: 'completed' };
  if ('patch' in step) return { type: 'custom_tool_call', id: `ctc_${n}`, call_id, name: 'apply_patch', input: step.patch, status: 'completed' };
  return { type: 'function_call', id: `fc_${n}`, call_id, name: step.fn, arguments: JSON.stringify(step.args), status: 'completed' };
}

function stream(res: http.ServerResponse, item: object): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  send('response.output_item.done', { output_index: 0, item });
  send('response.completed', { response: { id: `resp_${Date.now()}`, usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } } } });
  res.end();
}

/** The output the model was sent for `callId` (a tool result, or the hook's block message). */
export function toolOutput(requests: RecordedResponse[], callId: string): string | undefined {
  for (const r of requests) {
    for (const i of r.body?.input ?? []) {
      if ((i?.type === 'function_call_output' || i?.type === 'custom_tool_call_output') && i.call_id === callId) {
        return typeof i.output === 'string' ? i.output : JSON.stringify(i.output);
      }
    }
  }
  return undefined;
}
