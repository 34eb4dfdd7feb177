import { main } from "./main.ts";

// `autogate replay … --json | head`: the reader went away, which is not an error worth a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

// Errors escaping a command (not the hook: it answers every failure itself) end as one clear line.
main(process.argv).catch((e: unknown) => {
  process.stderr.write(`autogate: ${(e as Error)?.message ?? String(e)}\n`);
  process.exit(1);
});
