// Why this file exists: the three fake model APIs (Anthropic, OpenAI Responses, Gemini) share the
// same plumbing: listen on 127.0.0.1, read each JSON body, record it, hand it to the fake's own
// handler, and close without waiting on keep-alive sockets. Only the handlers differ.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  body: any;
}

export interface RecordingServer {
  url: string;
  close(): Promise<void>;
}

/** A fake model API: the server plus the requests it has seen, in the form its tests read. */
export interface FakeModelServer<R = RecordedCall> extends RecordingServer {
  requests: R[];
}

/** What the OpenAI and Gemini fakes keep of a request. */
export type RecordedCall = Pick<Recorded, 'path' | 'body'>;

export async function startRecordingServer(handle: (rec: Recorded, res: http.ServerResponse) => void, record: (rec: Recorded) => void): Promise<RecordingServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      const rec = { method: req.method ?? '', path: req.url ?? '/', body };
      record(rec);
      handle(rec, res);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
      server.close(() => resolve());
    }),
  };
}
