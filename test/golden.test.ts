// One runner for every golden table in test/golden/*.yaml: each case names a tool call and the
// decision, deciding rules and effects the shipped policy must produce. Adding a case is adding data.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { decideIn } from "./helpers/world.ts";

interface Case {
  note: string;
  command?: string;
  tool?: string;
  input?: unknown;
  decision: "allow" | "ask" | "deny";
  rules?: string[];
  effects?: Record<string, unknown>[];
  session_created?: string[];
  /** Files the agent wrote earlier in the session, by path: what it runs later is judged by them. */
  session_scripts?: Record<string, string>;
  /** The machine's environment (TMPDIR); by default nothing is known about it. */
  vars?: Record<string, string>;
}

const dir = fileURLToPath(new URL("./golden/", import.meta.url));
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
  const cases = parse(fs.readFileSync(path.join(dir, file), "utf8")) as Case[];
  describe(`golden/${file}`, () => {
    for (const c of cases) {
      test(c.note, () => {
        const tool = c.tool ?? "Bash";
        const input = c.input ?? { command: c.command };
        const { decision } = decideIn(tool, input, { session: { created: c.session_created ?? [], scripts: c.session_scripts ?? {} }, vars: c.vars });
        const seen = JSON.stringify(decision.effects.map(({ span: _s, ...e }) => e));
        assert.equal(decision.decision, c.decision, `${c.command ?? tool}: expected ${c.decision}, got ${decision.decision} (${decision.rules.join(", ")}; ${decision.reason_for_user}); effects ${seen}`);
        assert.notEqual(decision.tier, "error", decision.reason_for_user);
        for (const r of c.rules ?? []) assert.ok(decision.rules.includes(r), `rule ${r} should decide; got ${decision.rules.join(", ")}`);
        for (const want of c.effects ?? []) {
          const hit = decision.effects.some((e) => Object.entries(want).every(([k, v]) => (e as Record<string, unknown>)[k] === v));
          assert.ok(hit, `no effect matches ${JSON.stringify(want)}; effects ${seen}`);
        }
      });
    }
  });
}
