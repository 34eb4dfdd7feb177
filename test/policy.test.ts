// The policy file format and layering: errors name the file, line and key; examples are checked;
// a project policy may only tighten; managed policy wins; strictest wins across effects.
import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate } from "../src/core/policy/evaluate.ts";
import { mergeLayers } from "../src/core/policy/layers.ts";
import { parsePolicyText } from "../src/core/policy/parse-file.ts";
import { validatePolicy } from "../src/core/pipeline.ts";
import { emptySession } from "../src/core/session/session.ts";
import { decideIn, layer, shippedPolicy } from "./helpers/world.ts";

const rule = (id: string, decision: string, when: string, match = "rm -rf /tmp/x") =>
  `  - id: ${id}\n    decision: ${decision}\n    reason: test rule ${id}\n    when: ${when}\n    examples:\n      match: ["${match}"]\n`;

test("the shipped policy parses and every rule's examples pass", () => {
  const policy = shippedPolicy();
  assert.ok(policy.rules.length > 40, `only ${policy.rules.length} rules`);
  assert.deepEqual(validatePolicy(policy, emptySession()), []);
  for (const r of policy.rules) assert.ok(r.examples.match.length > 0 && r.reason.length > 10, `rule ${r.id} needs examples and a reason`);
});

test("a YAML syntax error names the file and line", () => {
  const r = parsePolicyText("/x/policy.yaml", "version: 1\nrules:\n  - id: a\n    decision: [deny\n");
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.errors[0].code, "policy_yaml_syntax");
  assert.equal(r.errors[0].location?.file, "/x/policy.yaml");
  assert.ok((r.errors[0].location?.line ?? 0) >= 4, JSON.stringify(r.errors[0]));
});

test("a schema error names the key, the line and gives a hint", () => {
  const text = `version: 1\nrules:\n${rule("ok-rule", "deny", "{ effect: delete }")}  - id: bad\n    decision: maybe\n    reason: r\n    when: { effect: delete }\n    examples: { match: [ls] }\n`;
  const r = parsePolicyText("p.yaml", text);
  assert.equal(r.ok, false);
  if (r.ok) return;
  const e = r.errors.find((x) => x.message.startsWith("rules.1.decision"));
  assert.ok(e, JSON.stringify(r.errors));
  assert.equal(e.code, "policy_schema");
  assert.equal(e.location?.line, 10);
  assert.match(e.hint ?? "", /allow, judge, ask, deny/);
});

test("unknown keys are rejected rather than ignored", () => {
  const r = parsePolicyText("p.yaml", "version: 1\nrulez: []\n");
  assert.equal(r.ok, false);
});

test("a rule whose example does not match fails loudly at load", () => {
  const text = `version: 1\nrules:\n${rule("wrong-example", "deny", "{ effect: delete, class: home }", "ls -la")}`;
  const policy = mergeLayers([layer("user", "u.yaml", text)]);
  const errors = validatePolicy(policy, emptySession());
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, "policy_example_failed");
  assert.match(errors[0].message, /wrong-example.*"ls -la" should match/);
});

test("a project policy may tighten but not loosen, and says so", () => {
  const base = layer("default", "d.yaml", `version: 1\nrules:\n${rule("tmp-delete", "ask", "{ effect: delete, class: temp }")}`);
  const project = layer("project", "/repo/.autogate/policy.yaml",
    `version: 1\nenvironment: { trusted_hosts: [evil.example.com] }\nrules:\n${rule("tmp-delete", "allow", "{ effect: delete, class: temp }")}${rule("tmp-deny", "deny", "{ effect: delete, class: temp }")}disable: [tmp-delete]\n`);
  const p = mergeLayers([base, project]);
  assert.deepEqual(p.rules.map((r) => [r.id, r.decision, r.scope]), [["tmp-delete", "ask", "default"], ["tmp-deny", "deny", "project"]]);
  assert.deepEqual(p.environment.trustedHosts, []);
  assert.equal(p.warnings.length, 3);
  assert.ok(p.warnings.every((w) => w.code === "policy_project_loosens" && w.location?.file === "/repo/.autogate/policy.yaml"));
});

test("a user policy may loosen a default rule by id, and managed policy wins over user", () => {
  const base = layer("default", "d.yaml", `version: 1\nrules:\n${rule("tmp-delete", "ask", "{ effect: delete, class: temp }")}`);
  const managed = layer("managed", "/etc/autogate/policy.yaml", `version: 1\nrules:\n${rule("tmp-delete", "deny", "{ effect: delete, class: temp }")}`);
  const user = layer("user", "u.yaml", `version: 1\nrules:\n${rule("tmp-delete", "allow", "{ effect: delete, class: temp }")}`);
  assert.equal(mergeLayers([base, user]).rules[0].decision, "allow");
  assert.equal(mergeLayers([base, managed, user]).rules[0].decision, "deny");
  assert.equal(mergeLayers([base, user, managed]).rules[0].scope, "managed");
});

test("strictest wins: one denied effect denies the whole command line", () => {
  const { decision } = decideIn("Bash", { command: "ls && git status && rm -rf ~" });
  assert.equal(decision.decision, "deny");
  assert.deepEqual(decision.rules, ["delete-outside-workspace-tree"]);
});

test("an effect no rule covers goes to the default tier as ask, never allow", () => {
  const p = mergeLayers([layer("user", "u.yaml", `version: 1\nrules:\n${rule("only-tmp", "allow", "{ effect: delete, class: temp }")}`)]);
  const ev = evaluate([{ type: "read", path: "/x", class: "system" }], p);
  assert.equal(ev.level, "judge");
  assert.equal(ev.uncovered.length, 1);
  const { decision } = decideIn("Bash", { command: "cat /x" }, { policy: p });
  assert.equal(decision.decision, "ask");
  assert.equal(decision.tier, "default");
  assert.match(decision.reason_for_user, /no autogate rule covers: .*read path=\/x class=system/);
});

test("unless carves effects out of a rule", () => {
  const { decision } = decideIn("Bash", { command: "rm -rf node_modules" });
  assert.equal(decision.decision, "allow");
  assert.ok(decision.rules.includes("delete-build-output"));
});
