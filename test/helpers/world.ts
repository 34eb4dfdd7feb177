// Shared test world: the shipped policy, loaded once, and a decide() in the fixed example world
// (cwd /home/user/project, home /home/user) so expectations never depend on this machine.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { decide, EXAMPLE_WORLD, type Outcome } from "../../src/core/pipeline.ts";
import { mergeLayers, type Layer, type Policy } from "../../src/core/policy/layers.ts";
import { parsePolicyText } from "../../src/core/policy/parse-file.ts";
import { emptySession, type SessionState } from "../../src/core/session/session.ts";

export const DEFAULT_POLICY_FILE = fileURLToPath(new URL("../../policies/default.yaml", import.meta.url));

export function layer(scope: Layer["scope"], file: string, text: string): Layer {
  const parsed = parsePolicyText(file, text);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join("; "));
  return { scope, file, policy: parsed.file };
}

let shipped: Policy | undefined;
export function shippedPolicy(): Policy {
  return (shipped ??= mergeLayers([layer("default", DEFAULT_POLICY_FILE, fs.readFileSync(DEFAULT_POLICY_FILE, "utf8"))]));
}

let n = 0;
export function decideIn(tool: string, input: unknown, opts: { policy?: Policy; session?: Partial<SessionState>; humanPresent?: boolean; vars?: Record<string, string> } = {}): Outcome {
  return decide(
    { agent: "generic", tool, input, cwd: EXAMPLE_WORLD.cwd },
    {
      policy: opts.policy ?? shippedPolicy(),
      session: { ...emptySession(), ...opts.session },
      home: EXAMPLE_WORLD.home,
      vars: opts.vars,
      humanPresent: opts.humanPresent ?? true,
      clock: () => 0n,
      newId: () => `dec_test_${++n}`,
    },
  );
}
