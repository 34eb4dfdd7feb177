import fs from "node:fs";
import type { Adapter } from "./adapters/adapter.ts";
import { claudeCode } from "./adapters/claude-code.ts";
import { codex } from "./adapters/codex.ts";
import { gemini } from "./adapters/gemini.ts";
import { answerError, runHook } from "./hook-runner.ts";
import { resolvePaths } from "./runtime/paths.ts";
import { forwardHook } from "./server/client.ts";

/**
 * `autogate hook <agent>` as a process: read stdin, answer, exit. It must answer in the agent's
 * protocol whatever happens: exit 1 or a timeout would let the tool run. A self-timeout answers
 * (failing closed) well before the agent's own hook timeout: once while reading stdin, and once for
 * the whole decision (a slow judge, a stuck file system). Codex and Gemini run the tool when a hook
 * crashes, so a crash anywhere, even in a callback, is still answered as a failed-closed decision.
 */
export const ADAPTERS: Record<string, Adapter> = { "claude-code": claudeCode, codex, gemini };
const MAX_INPUT = 16 * 1024 * 1024;

export async function hookProcess(agent: string): Promise<void> {
  const adapter = ADAPTERS[agent];
  if (!adapter) {
    process.stderr.write(`autogate: unknown agent "${agent}"; known: ${Object.keys(ADAPTERS).join(", ")}\n`);
    // Exit 2 blocks in every agent we support: an unknown adapter must not fail open.
    process.exit(2);
  }
  const paths = resolvePaths();
  const failClosed = (message: string) => answer(answerError(adapter, paths, { code: "hook_internal", message }));
  process.on("uncaughtException", (e) => failClosed(`autogate crashed: ${e?.message ?? e}`));
  process.on("unhandledRejection", (e) => failClosed(`autogate crashed: ${(e as Error)?.message ?? e}`));
  const deadlineMs = Number(process.env.AUTOGATE_HOOK_DEADLINE_MS ?? 20_000);
  setTimeout(() => failClosed(`no decision within ${deadlineMs} ms`), deadlineMs).unref();
  const timeoutMs = Number(process.env.AUTOGATE_HOOK_TIMEOUT_MS ?? 5000);
  const timer = setTimeout(() => answer(answerError(adapter, paths, { code: "hook_internal", message: `no complete hook input within ${timeoutMs} ms` })), timeoutMs);
  const raw = await readStdin().catch((e: Error) => `<<unreadable stdin: ${e.message}>>`);
  // A running daemon decides and records (warm, one audit store); without one, decide here.
  const forwarded = await forwardHook(paths, agent, raw, !adapter.humanPresent());
  clearTimeout(timer);
  // The daemon answers an allow as "{}"; Codex and Gemini read an allow as an empty reply.
  if (forwarded && adapter.name !== "claude-code" && forwarded.stdout === "{}") forwarded.stdout = "";
  answer(forwarded ?? (await runHook(adapter, raw, paths)).reply);
}

let answered = false;
function answer(reply: { stdout: string; exitCode: 0 | 2 }): void {
  if (answered) return;
  answered = true;
  try {
    // One synchronous write to fd 1: process.stdout would load the stream machinery (~4 ms) for a
    // single line. The answer is written in full before exit either way.
    if (reply.stdout) writeAll(1, reply.stdout + "\n");
    process.exit(reply.exitCode);
  } catch (e) {
    // stdout is gone: exit 2 with the reason on stderr blocks in every agent we support.
    process.stderr.write(`autogate: could not answer (${(e as Error).message}); blocking\n`);
    process.exit(2);
  }
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text);
  for (let off = 0; off < buf.length; ) {
    try {
      off += fs.writeSync(fd, buf, off);
    } catch (e) {
      // A non-blocking stdout pipe that is momentarily full: try again.
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
    }
  }
}

/**
 * Reads stdin without touching process.stdin, whose pipe support loads the net module (~9 ms of a
 * hook call). A second, non-blocking file description of the same pipe (/proc/self/fd/0) is polled
 * on a timer, so the self-timeout can still fire and exit (a read blocked in the thread pool would
 * keep process.exit from finishing). Anywhere that trick is not available, process.stdin it is.
 */
async function readStdin(): Promise<string> {
  let fd: number;
  try {
    fd = fs.openSync("/proc/self/fd/0", fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch {
    return readProcessStdin();
  }
  const chunks: Buffer[] = [];
  const buf = Buffer.allocUnsafe(65536);
  let size = 0;
  try {
    for (;;) {
      let n: number;
      try {
        n = fs.readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
        await new Promise((r) => setTimeout(r, 2));
        continue;
      }
      if (n === 0) break;
      size += n;
      if (size > MAX_INPUT) throw new Error("hook input larger than 16 MiB");
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
  } finally {
    fs.closeSync(fd);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function readProcessStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    process.stdin.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_INPUT) return reject(new Error("hook input larger than 16 MiB"));
      chunks.push(c);
    });
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", reject);
  });
}
