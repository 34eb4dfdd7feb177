import { main } from "./main.ts";

// Errors escaping a command (not the hook: it answers every failure itself) end as one clear line.
main(process.argv).catch((e: unknown) => {
  process.stderr.write(`autogate: ${(e as Error)?.message ?? String(e)}\n`);
  process.exit(1);
});
