// The user-facing commands: explain, policy show/check, log. They go through the same pipeline as the hook.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { preToolUse, REPO, sandbox } from "./helpers/cli.ts";

test("--help lists every command", (t) => {
  const r = sandbox(t).run(["--help"]);
  assert.equal(r.status, 0);
  for (const c of ["hook", "explain", "replay", "eval", "policy", "log", "init", "doctor"]) assert.match(r.stdout, new RegExp(`\\n  ${c}\\b`));
});

test("explain shows effects with the source span, the rules and the decision", (t) => {
  const r = sandbox(t).run(["explain", "ls && rm -rf ~/old"]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^DENY/);
  assert.match(r.stdout, /delete path=.*\/old class=home recursive=true +← "~\/old"/);
  assert.match(r.stdout, /delete-outside-workspace-tree: deny/);
  assert.match(r.stdout, /alternative: /);
});

test("explain --json prints the Decision object", (t) => {
  const s = sandbox(t);
  const r = s.run(["explain", "--json", "--tool", "Write", "--path", "notes.md", "hello"]);
  const d = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(d).sort(), ["decision", "effects", "id", "latency_us", "policy_revision", "reason_for_model", "reason_for_user", "rules", "tier"]);
  assert.equal(d.decision, "allow");
  assert.deepEqual(d.effects, [{ type: "write", path: path.join(s.project, "notes.md"), class: "workspace" }]);
});

test("policy show lists rules with their source file", (t) => {
  const r = sandbox(t).run(["policy", "show"]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`default +${path.join(REPO, "policies", "default.yaml")}`));
  assert.match(r.stdout, /deny +force-push +\[default: .*default\.yaml\]/);
});

test("policy check reports a broken file with its line and exits 1", (t) => {
  const s = sandbox(t);
  const file = path.join(s.root, "mine.yaml");
  fs.writeFileSync(file, "version: 1\nrules:\n  - id: Bad Id\n    decision: deny\n    reason: x\n    when: { effect: delete }\n    examples: { match: [rm x] }\n");
  const r = s.run(["policy", "check", file]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`${file}:3:\\d+: policy_schema: rules\\.0\\.id`));
});

test("policy check accepts a valid file and runs its examples", (t) => {
  const s = sandbox(t);
  const file = path.join(s.root, "mine.yaml");
  fs.writeFileSync(file, "version: 1\nrules:\n  - id: no-docker\n    decision: deny\n    reason: no containers here\n    when: { effect: run, program: docker }\n    examples: { match: [docker ps], not_match: [ls] }\n");
  const r = s.run(["policy", "check", file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^ok: .*mine\.yaml/);
});

test("log shows recent decisions and filters by decision", (t) => {
  const s = sandbox(t);
  s.run(["hook", "claude-code"], preToolUse(s.project, "Bash", { command: "ls" }));
  s.run(["hook", "claude-code"], preToolUse(s.project, "Bash", { command: "rm -rf ~" }));
  const all = s.run(["log", "--json"]).stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(all.map((r) => r.decision), ["allow", "deny"]);
  const denied = s.run(["log", "--decision", "deny"]);
  assert.match(denied.stdout, /DENY +Bash +rm -rf ~/);
  assert.doesNotMatch(denied.stdout, /ALLOW/);
});

test("the version in code matches package.json", async () => {
  const { VERSION } = await import("../src/version.ts");
  assert.equal(VERSION, JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).version);
});

test("the policy example in the README is valid and its examples pass", (t) => {
  const s = sandbox(t);
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
  const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(yaml, "README has a yaml policy example");
  const file = path.join(s.root, "readme-policy.yaml");
  fs.writeFileSync(file, yaml);
  const r = s.run(["policy", "check", file]);
  assert.equal(r.status, 0, r.stderr);
});
