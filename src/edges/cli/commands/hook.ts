import type { Command } from "commander";
import { ADAPTERS, hookProcess } from "../../hook-command.ts";

/** `autogate hook <agent>` in the full CLI (bin/autogate.cjs sends `hook` to the lean dist/hook.cjs first). */
export function registerHook(program: Command): void {
  program
    .command("hook")
    .description("answer one hook call from a coding agent (reads its JSON on stdin)")
    .argument("<agent>", `the agent's protocol: ${Object.keys(ADAPTERS).join(", ")}`)
    .action((agent: string) => hookProcess(agent));
}
