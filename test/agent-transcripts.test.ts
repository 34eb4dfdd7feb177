// Why this file exists: `autogate replay` is how a user shadow-tests autogate on past sessions before
// trusting it, and the hook learns a session's intent from its transcript on the first call. Codex
// and Gemini CLI write their own log formats; the fixtures are real logs from Codex 0.169.0 and
// Gemini CLI 0.61.0 runs (trimmed), and each call must come out translated exactly as the hook
// translates it, so replay judges what the hook would have judged.
//
// Run: node --import tsx --test test/agent-transcripts.test.ts
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { detectTranscript, parseAnyTranscript } from "../src/edges/transcripts/any-transcript.ts";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const fixture = (f: string) => readFileSync(join(repoRoot, "test", f), "utf8");
const tools = (text: string) => parseAnyTranscript(text).events.flatMap((e) => (e.kind === "tool" ? [[e.name, e.input, e.cwd]] : []));

test("a Codex rollout: the user's words without Codex's context blocks, and calls as the hook names them (a patch file by file)", () => {
  const text = fixture("agent-logs/codex-rollout.jsonl");
  assert.equal(detectTranscript(text), "codex");
  const { events, badLines } = parseAnyTranscript(text);
  assert.equal(badLines, 0);
  assert.deepEqual(events.filter((e) => e.kind === "user"), [{ kind: "user", text: "clean up please" }]);
  const cwd = "/tmp/exp/cx-SiSGAr/proj";
  assert.deepEqual(tools(text), [
    ["Bash", { command: "ls victim" }, cwd],
    ["Write", { file_path: "new.txt", content: "hello\n" }, cwd],
    ["Edit", { file_path: "victim/f", old_string: "", new_string: "y" }, cwd],
    ["TodoWrite", { plan: [{ step: "a", status: "pending" }] }, cwd],
  ]);
  assert.ok(events.every((e) => e.kind !== "tool" || e.sessionId === "01a21d10-70c0-7dd2-95c8-4279d84913a3"));
});

test("older Codex shapes: argv shell calls, local_shell_call, workdir, and the JSON apply_patch variant", () => {
  const line = (payload: object) => JSON.stringify({ timestamp: "t", type: "response_item", payload });
  const text = [
    JSON.stringify({ timestamp: "t", type: "session_meta", payload: { id: "s", cwd: "/w" } }),
    line({ type: "function_call", name: "shell", call_id: "c1", arguments: JSON.stringify({ command: ["bash", "-lc", "rm -r ~/victim"], workdir: "sub" }) }),
    line({ type: "local_shell_call", call_id: "c2", action: { type: "exec", command: ["rm", "-r", "my dir"] } }),
    line({ type: "function_call", name: "apply_patch", call_id: "c3", arguments: JSON.stringify({ input: "*** Begin Patch\n*** Delete File: a.txt\n*** End Patch" }) }),
    line({ type: "function_call", name: "mcp__github__create_issue", call_id: "c4", arguments: "{\"title\":\"x\"}" }),
  ].join("\n");
  assert.deepEqual(tools(text), [
    ["Bash", { command: "cd /w/sub && rm -r ~/victim", workdir: "/w/sub" }, "/w"],
    ["Bash", { command: "rm -r 'my dir'" }, "/w"],
    ["Bash", { command: "rm -- a.txt" }, "/w"],
    ["mcp__github__create_issue", { title: "x" }, "/w"],
  ]);
});

test("a Gemini chat log: each call once (Gemini writes a message twice), in autogate's vocabulary, fetches URL by URL", () => {
  const text = fixture("agent-logs/gemini-session.jsonl");
  assert.equal(detectTranscript(text), "gemini");
  const { events, badLines } = parseAnyTranscript(text);
  assert.equal(badLines, 0);
  assert.deepEqual(events.filter((e) => e.kind === "user"), [{ kind: "user", text: "clean up please" }], "the <session_context> block is not the user's intent");
  const cwd = "/tmp/exp/gm-LIL0Ms/proj";
  assert.deepEqual(tools(text), [
    ["Bash", { command: `cd ${cwd}/victim && ls`, workdir: `${cwd}/victim` }, cwd],
    ["Write", { file_path: "new.txt", content: "hi\n" }, cwd],
    ["WebFetch", { url: "https://example.com/a", prompt: "summarize https://example.com/a and http://127.0.0.1:1/b" }, cwd],
    ["WebFetch", { url: "http://127.0.0.1:1/b", prompt: "summarize https://example.com/a and http://127.0.0.1:1/b" }, cwd],
    ["Read", { file_path: "victim/*" }, cwd],
  ]);
});

test("the older Gemini format (one JSON document) and Claude Code transcripts are told apart", () => {
  const doc = JSON.stringify({ sessionId: "g", messages: [{ id: "1", type: "user", content: [{ text: "tidy up" }] }, { id: "2", type: "gemini", content: "", toolCalls: [{ id: "x", name: "run_shell_command", args: { command: "rm -rf ~" } }] }] }, null, 2);
  assert.equal(detectTranscript(doc), "gemini");
  assert.deepEqual(parseAnyTranscript(doc).events, [{ kind: "user", text: "tidy up" }, { kind: "tool", id: "x", name: "Bash", input: { command: "rm -rf ~" }, cwd: undefined, sessionId: "g" }]);
  assert.equal(detectTranscript(fixture("fixtures/session.jsonl")), "claude-code");
});

const built = existsSync(join(repoRoot, "dist", "cli.cjs"));
test("autogate replay reads Codex and Gemini logs next to Claude Code's", { skip: built ? false : "dist/cli.cjs not built" }, () => {
  const r = spawnSync(process.execPath, [join(repoRoot, "bin", "autogate.cjs"), "replay", "--json", join(repoRoot, "test", "agent-logs")], { encoding: "utf8", env: { ...process.env, AUTOGATE_MANAGED_POLICY: "/nonexistent/policy.yaml" } });
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(rows.map((x) => x.tool), ["Bash", "Write", "Edit", "TodoWrite", "Bash", "Write", "WebFetch", "WebFetch", "Read"]);
  assert.ok(rows.every((x) => ["allow", "ask", "deny"].includes(x.decision)));
});
