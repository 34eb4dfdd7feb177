import { JudgeUnavailable } from "../../core/judge/judge.ts";

/**
 * One JSON POST to a model API with a deadline and one bounded retry on rate limits, server errors
 * and network failures. Every failure ends as JudgeUnavailable, which the pipeline turns into ask.
 */
export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export async function postJson(req: HttpRequest, timeoutMs: number, provider: string): Promise<unknown> {
  let last = "";
  for (let attempt = 0; attempt < 2; attempt++) {
    if (attempt) await new Promise((r) => setTimeout(r, 250));
    try {
      const res = await fetch(req.url, { method: "POST", headers: { "content-type": "application/json", ...req.headers }, body: JSON.stringify(req.body), signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text();
      if (res.ok) {
        try {
          return JSON.parse(text);
        } catch {
          throw new JudgeUnavailable(`${provider} answered with something that is not JSON`, provider);
        }
      }
      last = `${provider} answered HTTP ${res.status}${res.status === 429 ? " (rate limited)" : ""}`;
      if (res.status !== 429 && res.status < 500) break;
    } catch (e) {
      if (e instanceof JudgeUnavailable) throw e;
      last = (e as Error).name === "TimeoutError" ? `${provider} did not answer within ${timeoutMs} ms` : `${provider} could not be reached (${(e as Error).message})`;
    }
  }
  throw new JudgeUnavailable(last, provider);
}

/** For --dry-run and logs: the request exactly as sent, with the key masked. */
export function redactedRequest(req: HttpRequest): HttpRequest {
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, /authorization|api-key/i.test(k) ? "[REDACTED]" : v]));
  return { ...req, headers };
}
