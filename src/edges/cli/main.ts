import { Command } from "commander";
import { VERSION } from "../../version.ts";
import { registerCheck } from "./commands/check.ts";
import { registerDoctor } from "./commands/doctor.ts";
import { registerEval } from "./commands/eval.ts";
import { registerExplain } from "./commands/explain.ts";
import { registerHook } from "./commands/hook.ts";
import { registerInit } from "./commands/init.ts";
import { registerJudge } from "./commands/judge.ts";
import { registerLog } from "./commands/log.ts";
import { registerMcpProxy } from "./commands/mcp-proxy.ts";
import { registerMcpWrap } from "./commands/mcp-wrap.ts";
import { registerPolicy } from "./commands/policy.ts";
import { registerReplay } from "./commands/replay.ts";
import { registerServe } from "./commands/serve.ts";

/** The `autogate` command line: one file per subcommand under commands/. */
export function buildProgram(): Command {
  const program = new Command("autogate")
    .version(VERSION)
    .description("An open, transparent auto mode for AI coding agents: every tool call judged before it runs.")
    .showHelpAfterError();
  for (const register of [registerHook, registerExplain, registerReplay, registerEval, registerPolicy, registerLog, registerInit, registerDoctor, registerServe, registerJudge, registerMcpProxy, registerMcpWrap, registerCheck]) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
