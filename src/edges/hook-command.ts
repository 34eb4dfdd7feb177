import type { Adapter } from "./adapters/adapter.ts";
import { claudeCode } from "./adapters/claude-code.ts";
import { answerError, runHook } from "./hook-runner.ts";
import { resolvePaths } from "./runtime/paths.ts";
import { forwardHook } from "./server/client.ts";

/**
 * `autogate hook <agent>` as a process: read stdin, answer, exit. It must answer in the agent's
 * protocol whatever happens: exit 1 or a timeout would let the tool run. A self-timeout answers
 * (failing closed) well before the agent's own hook timeout.
 */
export const ADAPTERS: Record<string, Adapter> = { "claude-code": claudeCode };
const MAX_INPUT = 16 * 1024 * 1024;

export async function hookProcess(agent: string): Promise<void> {
  const adapter = ADAPTERS[agent];
  if (!adapter) {
    process.stderr.write(`autogate: unknown agent "${agent}"; known: ${Object.keys(ADAPTERS).join(", ")}\n`);
    // Exit 2 blocks in every agent we support: an unknown adapter must not fail open.
    process.exit(2);
  }
  const paths = resolvePaths();
  const timeoutMs = Number(process.env.AUTOGATE_HOOK_TIMEOUT_MS ?? 5000);
  const timer = setTimeout(() => answer(answerError(adapter, paths, { code: "hook_internal", message: `no complete hook input within ${timeoutMs} ms` })), timeoutMs);
  const raw = await readStdin().catch((e: Error) => `<<unreadable stdin: ${e.message}>>`);
  // A running daemon decides and records (warm, one audit store); without one, decide here.
  const forwarded = await forwardHook(paths, agent, raw, !adapter.humanPresent());
  clearTimeout(timer);
  answer(forwarded ?? (await runHook(adapter, raw, paths)).reply);
}

let answered = false;
function answer(reply: { stdout: string; exitCode: 0 | 2 }): void {
  if (answered) return;
  answered = true;
  process.stdout.write(reply.stdout ? reply.stdout + "\n" : "", () => process.exit(reply.exitCode));
}

/**
 * process.stdin, not fs reads of fd 0: a read blocked in the thread pool would keep process.exit
 * from finishing after the self-timeout answered (measured: the process hung until stdin closed).
 */
function readStdin(): Promise<string> {
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
