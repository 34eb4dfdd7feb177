// A scripted fake of both judge APIs (Anthropic Messages and OpenAI chat completions) on 127.0.0.1,
// recording every request. `reply(stage, body)` decides the text; `delayMs`/`status` simulate outages.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeJudge {
  url: string;
  requests: { path: string; headers: http.IncomingHttpHeaders; body: any; stage: 1 | 2 }[];
  close(): Promise<void>;
}

export interface FakeJudgeScript {
  reply?: (stage: 1 | 2) => string;
  delayMs?: number;
  status?: number;
}

export async function startFakeJudge(script: FakeJudgeScript): Promise<FakeJudge> {
  const requests: FakeJudge["requests"] = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = JSON.parse(raw || "{}");
      const stage: 1 | 2 = body.max_tokens <= 16 ? 1 : 2;
      requests.push({ path: req.url ?? "", headers: req.headers, body, stage });
      const send = () => {
        if (script.status && script.status !== 200) return void res.writeHead(script.status).end(JSON.stringify({ error: "scripted failure" }));
        const text = script.reply?.(stage) ?? (stage === 1 ? "ALLOW" : '{"decision":"allow","rule":"none","reason":"fine"}');
        const out = req.url?.includes("/chat/completions")
          ? { id: "x", model: body.model, choices: [{ index: 0, message: { role: "assistant", content: text } }], usage: { prompt_tokens: 1200, completion_tokens: 3 } }
          : { id: "x", type: "message", role: "assistant", model: body.model, content: [{ type: "text", text }], usage: { input_tokens: 1200, output_tokens: 3 } };
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(out));
      };
      if (script.delayMs) setTimeout(send, script.delayMs);
      else send();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))) };
}
