import { hookProcess } from "../hook-command.ts";

// The hook runs on every tool call, so it has its own small bundle: no CLI framework, no help text.
hookProcess(process.argv[3] ?? "").catch((e: unknown) => {
  // hookProcess answers every failure itself; reaching here means stdout is gone. Exit 2 blocks.
  process.stderr.write(`autogate: ${(e as Error)?.message ?? String(e)}\n`);
  process.exit(2);
});
