import type { Command } from "commander";
import path from "node:path";
import { decide } from "../../../core/pipeline.ts";
import { emptySession } from "../../../core/session/session.ts";
import { evaluate } from "../../../core/policy/evaluate.ts";
import { loadPolicy } from "../../policy-files/load-policy.ts";
import { monotonicNs, newDecisionId } from "../../runtime/clock.ts";
import { hasLocalBin, isFolder, realPath, workTreeClean } from "../../runtime/fs-facts.ts";
import { machineVars } from "../../runtime/machine-vars.ts";
import { resolvePaths } from "../../runtime/paths.ts";
import { renderDecision } from "../render.ts";

/**
 * `autogate explain "<command>"`: the effects, the rules that matched, and the decision, through the
 * same pipeline as the hook. `--tool Write --path P` explains a non-shell call.
 */
export function registerExplain(program: Command): void {
  program
    .command("explain")
    .description("show what autogate sees in a command and what it would decide")
    .argument("[command]", "a shell command (for Bash), or the content for --tool Write")
    .option("--tool <tool>", "tool name (Bash, Write, Edit, Read, WebFetch, mcp__server__tool, ...)", "Bash")
    .option("--path <path>", "file path for Read/Write/Edit")
    .option("--url <url>", "URL for WebFetch")
    .option("--input <json>", "the raw tool_input as JSON")
    .option("--cwd <dir>", "working directory the agent would be in", process.cwd())
    .option("--no-human", "decide as if no human can answer (ask becomes deny when policy says so)")
    .option("--json", "print the Decision object")
    .action(async (command: string | undefined, o: { tool: string; path?: string; url?: string; input?: string; cwd: string; human: boolean; json?: boolean }) => {
      const cwd = path.resolve(o.cwd);
      const input = o.input ? JSON.parse(o.input) : toolInput(o.tool, command, o.path, o.url, cwd);
      const paths = resolvePaths();
      const policy = await loadPolicy(paths, cwd);
      const { decision, analysis } = decide({ agent: "generic", tool: o.tool, input, cwd }, { policy, session: emptySession(), home: paths.home, vars: machineVars(), humanPresent: o.human, clock: monotonicNs, newId: newDecisionId, isExistingFolder: isFolder, hasLocalBin, realPath, workTreeClean });
      if (o.json) return void process.stdout.write(JSON.stringify(decision, null, 2) + "\n");
      const levels = new Map<string, string>();
      if (analysis) for (const v of evaluate(analysis.effects, policy).verdicts) for (const r of v.rules) levels.set(r.id, `${r.decision} — ${r.reason}`);
      process.stdout.write(renderDecision(decision, o.tool === "Bash" ? command : undefined, levels) + "\n");
    });
}

function toolInput(tool: string, text: string | undefined, file: string | undefined, url: string | undefined, cwd: string): Record<string, unknown> {
  const abs = file ? path.resolve(cwd, file) : undefined;
  switch (tool) {
    case "Bash": return { command: text ?? "" };
    case "Write": return { file_path: abs, content: text ?? "" };
    case "Edit": return { file_path: abs, old_string: "", new_string: text ?? "" };
    case "Read": return { file_path: abs };
    case "WebFetch": return { url: url ?? text, prompt: "" };
    default: return text ? JSON.parse(text) : {};
  }
}
