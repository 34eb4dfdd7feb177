// Why this file exists: `autogate check` is the documented JSON-in/JSON-out contract for harnesses
// without a hook protocol, and autogateForAgentSdk plugs autogate into Claude Agent SDK apps. Both
// must give the hooks' answers (same pipeline, same audit record with its `agent`), fail closed on
// bad input, and keep their promised exit codes / SDK result shapes. The SDK itself is an optional
// peer dependency and is not installed: its callbacks are driven with the objects it passes.
//
// Run: node --import tsx --test test/check-sdk.test.ts
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { autogateForAgentSdk, type AutogateSdkOptions } from "../src/edges/adapters/sdk.ts";
import { sandbox } from "./helpers/cli.ts";

const audit = (state: string) => {
  const f = join(state, "autogate", "audit.jsonl");
  return existsSync(f) ? readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l)) : [];
};

test("check: deny exits 2, allow 0, ask 3; stdout is the Decision; the audit record names the agent", (t) => {
  const s = sandbox(t);
  const check = (req: object, ...args: string[]) => {
    const r = s.run(["check", ...args], JSON.stringify(req));
    return { status: r.status, d: JSON.parse(r.stdout), stderr: r.stderr };
  };
  const deny = check({ tool: "Bash", input: { command: "rm -rf ~" }, cwd: s.project, session: "h1" });
  assert.equal(deny.status, 2, deny.stderr);
  assert.equal(deny.d.decision, "deny");
  assert.deepEqual(deny.d.rules, ["delete-outside-workspace-tree"]);
  assert.match(deny.d.reason_for_model, /^autogate blocked `rm -rf ~`/);
  assert.equal(check({ tool: "Bash", input: { command: "ls" }, cwd: s.project }).status, 0);
  const ask = check({ tool: "Write", input: { file_path: join(s.home, "notes.txt"), content: "x" }, cwd: s.project });
  assert.deepEqual([ask.status, ask.d.decision], [3, "ask"]);
  // Another agent's vocabulary, translated as its hook translates it.
  const gem = check({ agent: "gemini", tool: "run_shell_command", input: { command: "rm -rf ~/x" }, cwd: s.project });
  assert.deepEqual([gem.status, gem.d.rules], [2, ["delete-outside-workspace-tree"]]);
  const records = audit(s.state);
  assert.deepEqual(records.map((r) => [r.agent, r.tool, r.decision]), [["generic", "Bash", "deny"], ["generic", "Bash", "allow"], ["generic", "Write", "ask"], ["gemini", "Bash", "deny"]]);
  assert.equal(records[0].session_id, "h1");
  assert.equal(check({ tool: "Bash", input: { command: "ls" }, cwd: s.project }, "--no-audit").status, 0);
  assert.equal(audit(s.state).length, 4, "--no-audit writes nothing");
});

test("check: bad input exits 1 and still prints a fail-closed Decision (ask, or deny with --no-human)", (t) => {
  const s = sandbox(t);
  for (const [input, args, verdict] of [["{nope", [], "ask"], [JSON.stringify({ tool: "Bash", input: {}, cwd: "relative/dir" }), ["--no-human"], "deny"], [JSON.stringify({ input: {}, cwd: s.project }), [], "ask"]] as const) {
    const r = s.run(["check", ...args], input);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const d = JSON.parse(r.stdout);
    assert.deepEqual([d.decision, d.tier, d.error.code], [verdict, "error", "hook_input_malformed"]);
  }
});

test("check: user_prompt is remembered for the session before the call is judged", (t) => {
  const s = sandbox(t);
  s.run(["check"], JSON.stringify({ tool: "Bash", input: { command: "ls" }, cwd: s.project, session: "h2", user_prompt: "list the files" }));
  const session = JSON.parse(readFileSync(join(s.state, "autogate", "sessions", "h2.json"), "utf8"));
  assert.deepEqual(session.userMessages, ["list the files"]);
});

function sdkWorld(t: TestContext, o: AutogateSdkOptions = {}) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "ag-sdk-")));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const [home, project, state] = ["home", "project", "state"].map((d) => join(root, d));
  for (const d of [home, project, state]) mkdirSync(d);
  const env = { HOME: home, XDG_STATE_HOME: state, XDG_CONFIG_HOME: join(root, "config"), AUTOGATE_MANAGED_POLICY: join(root, "none.yaml") };
  const gate = autogateForAgentSdk({ env, cwd: project, ...o });
  const pre = (tool: string, input: object, id: string) =>
    gate.hooks.PreToolUse[0].hooks[0]({ hook_event_name: "PreToolUse", session_id: "sdk-1", transcript_path: join(root, "none.jsonl"), cwd: project, permission_mode: "default", tool_name: tool, tool_input: input, tool_use_id: id }, id, { signal: new AbortController().signal });
  return { gate, pre, home, project, state };
}

test("sdk: the PreToolUse hook answers every call (allow, deny) in the SDK's hook output shape, recorded as agent sdk", async (t) => {
  const w = sdkWorld(t);
  const deny = await w.pre("Bash", { command: "rm -rf ~" }, "toolu_1");
  assert.equal(deny.hookSpecificOutput?.permissionDecision, "deny");
  assert.match(deny.hookSpecificOutput!.permissionDecisionReason, /^autogate blocked `rm -rf ~`.*\[autogate dec_/);
  assert.equal((await w.pre("Bash", { command: "ls" }, "toolu_2")).hookSpecificOutput?.permissionDecision, "allow");
  assert.deepEqual(audit(w.state).map((r) => [r.agent, r.tool_use_id, r.decision]), [["sdk", "toolu_1", "deny"], ["sdk", "toolu_2", "allow"]]);
  await w.gate.hooks.UserPromptSubmit[0].hooks[0]({ hook_event_name: "UserPromptSubmit", session_id: "sdk-1", prompt: "tidy the repo" }, undefined, { signal: new AbortController().signal });
  assert.deepEqual(JSON.parse(readFileSync(join(w.state, "autogate", "sessions", "sdk-1.json"), "utf8")).userMessages, ["tidy the repo"]);
});

test("sdk: with nobody to ask, an ask is refused with a reason (by the hook and by canUseTool)", async (t) => {
  const w = sdkWorld(t);
  const input = { file_path: join(w.home, "notes.txt"), content: "x" };
  const hook = await w.pre("Write", input, "toolu_3");
  assert.equal(hook.hookSpecificOutput?.permissionDecision, "deny");
  assert.match(hook.hookSpecificOutput!.permissionDecisionReason, /would ask the user to confirm this, but this Agent SDK app cannot ask/);
  const r = await w.gate.canUseTool("Write", input, { signal: new AbortController().signal, toolUseID: "toolu_4" });
  assert.equal(r.behavior, "deny");
  assert.equal((await w.gate.canUseTool("Bash", { command: "ls" }, { signal: new AbortController().signal })).behavior, "allow");
});

test("sdk: with onAsk, the hook's ask goes to the app's person once (canUseTool does not decide it again)", async (t) => {
  const asked: string[] = [];
  const w = sdkWorld(t, { onAsk: (tool, _input, d) => (asked.push(`${tool}: ${d.rules.join(",")}`), tool === "Write") });
  const input = { file_path: join(w.home, "notes.txt"), content: "x" };
  assert.equal((await w.pre("Write", input, "toolu_5")).hookSpecificOutput?.permissionDecision, "ask");
  const r = await w.gate.canUseTool("Write", input, { signal: new AbortController().signal, toolUseID: "toolu_5" });
  assert.deepEqual(r, { behavior: "allow", updatedInput: input });
  assert.deepEqual(asked, ["Write: write-home"]);
  assert.equal(audit(w.state).filter((x) => x.tool_use_id === "toolu_5").length, 1, "one decision, one record");
  const declined = await w.gate.canUseTool("mcp__slack__send_message", { text: "hi" }, { signal: new AbortController().signal });
  assert.equal(declined.behavior, "deny");
  assert.match((declined as { message: string }).message, /^The user declined/);
});

test("the library entry exports the SDK integration (dist/index.js, no SDK installed)", { skip: existsSync(join(process.cwd(), "dist", "index.js")) ? false : "dist/index.js not built" }, async () => {
  const lib = await import(join(process.cwd(), "dist", "index.js"));
  assert.equal(typeof lib.autogateForAgentSdk, "function");
  const gate = lib.autogateForAgentSdk({});
  assert.equal(typeof gate.canUseTool, "function");
  assert.equal(typeof gate.hooks.PreToolUse[0].hooks[0], "function");
});
