import type { Command } from "commander";
import fs from "node:fs";
import { AutogateFailure, isAutogateFailure, formatError } from "../../../core/errors.ts";
import { mergeLayers } from "../../../core/policy/layers.ts";
import { parsePolicyText } from "../../../core/policy/parse-file.ts";
import { validatePolicy } from "../../../core/pipeline.ts";
import { emptySession } from "../../../core/session/session.ts";
import { defaultPolicyPath, loadPolicy } from "../../policy-files/load-policy.ts";
import { resolvePaths } from "../../runtime/paths.ts";

/** `autogate policy show|check`: the effective policy with each rule's source, and validation. */
export function registerPolicy(program: Command): void {
  const policy = program.command("policy").description("inspect and validate policy files");
  policy
    .command("show")
    .description("print the effective policy: every rule with its level and the file it comes from")
    .option("--cwd <dir>", "project folder (for .autogate/policy.yaml)", process.cwd())
    .option("--json", "machine-readable")
    .action(async (o: { cwd: string; json?: boolean }) => {
      const p = await loadPolicy(resolvePaths(), o.cwd);
      if (o.json) return void process.stdout.write(JSON.stringify(p, null, 2) + "\n");
      const out = [`policy revision ${p.revision}`, "layers:", ...p.layers.map((l) => `  ${l.scope.padEnd(8)} ${l.file}`), "", "rules:"];
      for (const r of [...p.rules].sort((a, b) => ["allow", "judge", "ask", "deny"].indexOf(a.decision) - ["allow", "judge", "ask", "deny"].indexOf(b.decision))) {
        out.push(`  ${r.decision.padEnd(5)} ${r.id}  [${r.scope}: ${r.source}]`, `        ${r.reason}`);
      }
      out.push("", "environment:", ...Object.entries(p.environment).map(([k, v]) => `  ${k}: ${(v as string[]).join(", ") || "(none)"}`));
      for (const w of p.warnings) out.push("", `warning: ${formatError(w)}`);
      process.stdout.write(out.join("\n") + "\n");
    });
  policy
    .command("check")
    .description("validate a policy file (or the effective policy): schema, YAML, and every rule's examples")
    .argument("[file]", "a policy file to check on top of the shipped default")
    .option("--cwd <dir>", "project folder", process.cwd())
    .action(async (file: string | undefined, o: { cwd: string }) => {
      try {
        if (file) {
          const layers = [defaultPolicyPath(), file].map((f, i) => {
            const parsed = parsePolicyText(f, fs.readFileSync(f, "utf8"));
            if (!parsed.ok) throw new AutogateFailure(parsed.errors);
            return { scope: i === 0 ? ("default" as const) : ("user" as const), file: f, policy: parsed.file };
          });
          const merged = mergeLayers(layers);
          const failures = validatePolicy(merged, emptySession());
          if (failures.length) throw new AutogateFailure(failures);
          process.stdout.write(`ok: ${file} (${merged.rules.length} rules with the shipped default, all examples pass)\n`);
        } else {
          const p = await loadPolicy(resolvePaths(), o.cwd, { useCache: false });
          process.stdout.write(`ok: effective policy ${p.revision}, ${p.rules.length} rules from ${p.layers.map((l) => l.file).join(", ")}\n`);
          for (const w of p.warnings) process.stdout.write(`warning: ${formatError(w)}\n`);
        }
      } catch (e) {
        if (!isAutogateFailure(e)) throw e;
        process.stderr.write(e.errors.map(formatError).join("\n") + "\n");
        process.exitCode = 1;
      }
    });
}
