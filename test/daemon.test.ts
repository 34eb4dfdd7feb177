// The daemon: token and origin checks, the http hook (one code path with the command hook), recording
// once, the command hook forwarding to it and falling back when it is gone, and JSONL ingest exactly once.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { test, type TestContext } from "node:test";
import { resolvePaths, type Paths } from "../src/edges/runtime/paths.ts";
import { startDaemon, type RunningDaemon } from "../src/edges/server/serve.ts";
import { BIN, preToolUse } from "./helpers/cli.ts";

function world(t: TestContext) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "ag-daemon-")));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const env = { HOME: path.join(root, "home"), AUTOGATE_STATE_DIR: path.join(root, "state"), XDG_CONFIG_HOME: path.join(root, "config"), AUTOGATE_MANAGED_POLICY: path.join(root, "none.yaml") };
  fs.mkdirSync(env.HOME, { recursive: true });
  const project = path.join(root, "project");
  fs.mkdirSync(project);
  return { root, env, project, paths: resolvePaths(env) };
}

async function daemon(t: TestContext, paths: Paths): Promise<RunningDaemon> {
  const d = await startDaemon({ paths, port: 0 });
  t.after(() => d.close().catch(() => {}));
  return d;
}

function raw(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? "GET", headers: opts.headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** The command hook as a child process. Async: the daemon under test lives in this process and must keep answering. */
function hookCli(w: ReturnType<typeof world>, command: string, id: string): Promise<{ permissionDecision: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "hook", "claude-code"], { env: { PATH: process.env.PATH, ...w.env } });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.on("error", reject);
    child.on("close", () => resolve(JSON.parse(out).hookSpecificOutput));
    child.stdin.end(preToolUse(w.project, "Bash", { command }, { tool_use_id: id }));
  });
}

test("every API route needs the token; /healthz does not", async (t) => {
  const w = world(t);
  const d = await daemon(t, w.paths);
  assert.equal((await raw(`${d.url}/healthz`)).status, 200);
  assert.equal((await raw(`${d.url}/api/decisions`)).status, 401);
  assert.equal((await raw(`${d.url}/api/decisions`, { headers: { authorization: "Bearer wrong" } })).status, 401);
  assert.equal((await raw(`${d.url}/hooks/claude-code`, { method: "POST", body: "{}" })).status, 401);
  assert.equal((await raw(`${d.url}/api/decisions`, { headers: { authorization: `Bearer ${d.token}` } })).status, 200);
  const mode = fs.statSync(path.join(w.paths.stateDir, "token")).mode & 0o777;
  assert.equal(mode, 0o600);
});

test("a page on another origin cannot read the API or post hooks, and a foreign Host is refused", async (t) => {
  const w = world(t);
  const d = await daemon(t, w.paths);
  const auth = { authorization: `Bearer ${d.token}` };
  const cross = await raw(`${d.url}/api/decisions`, { headers: { ...auth, origin: "https://evil.example.com" } });
  assert.equal(cross.status, 403);
  assert.equal((await raw(`${d.url}/hooks/claude-code`, { method: "POST", headers: { ...auth, origin: "null" }, body: "{}" })).status, 403);
  assert.equal((await raw(`${d.url}/api/decisions`, { headers: { ...auth, host: `evil.example.com:${d.port}` } })).status, 421);
  const same = await raw(`${d.url}/api/decisions`, { headers: { ...auth, origin: d.url } });
  assert.equal(same.status, 200);
  assert.equal(same.body.includes("access-control-allow-origin"), false);
});

test("the http hook answers like the command hook and records the decision once", async (t) => {
  const w = world(t);
  const d = await daemon(t, w.paths);
  const post = (id: string, command = "rm -rf ~") => raw(`${d.url}/hooks/claude-code`, { method: "POST", headers: { authorization: `Bearer ${d.token}` }, body: preToolUse(w.project, "Bash", { command }, { tool_use_id: id }) });
  const viaHttp = JSON.parse((await post("toolu_a")).body).hookSpecificOutput;
  assert.equal(viaHttp.permissionDecision, "deny");
  assert.match(viaHttp.permissionDecisionReason, /^autogate blocked `rm -rf ~`/);
  // The same tool call arriving again (both hooks wired) is answered identically and not stored twice.
  assert.deepEqual(JSON.parse((await post("toolu_a")).body).hookSpecificOutput, viaHttp);
  assert.equal(d.store.query({}).items.length, 1);
  const rec = d.store.get(d.store.query({}).items[0].id)!;
  assert.deepEqual([rec.decision, rec.rules, rec.tool_use_id], ["deny", ["delete-outside-workspace-tree"], "toolu_a"]);
});

test("the command hook forwards to a running daemon, falls back when it is gone, and nothing is lost", async (t) => {
  const w = world(t);
  let d = await daemon(t, w.paths);
  assert.equal((await hookCli(w, "ls -la", "t1")).permissionDecision, "allow");
  assert.equal((await hookCli(w, "rm -rf ~", "t2")).permissionDecision, "deny");
  assert.equal(d.store.query({}).items.length, 2, "the daemon recorded both calls");
  assert.equal(fs.existsSync(w.paths.auditLog), false, "nothing went to the JSONL log");
  await d.close();
  assert.equal((await hookCli(w, "git status", "t3")).permissionDecision, "allow");
  assert.equal((await hookCli(w, "git push --force", "t4")).permissionDecision, "deny");
  assert.equal(fs.readFileSync(w.paths.auditLog, "utf8").trim().split("\n").length, 2);
  d = await daemon(t, w.paths);
  assert.deepEqual(d.store.query({}).items.map((i) => i.subject).sort(), ["git push --force", "git status", "ls -la", "rm -rf ~"]);
  assert.equal(fs.existsSync(w.paths.auditLog), false, "the JSONL backlog was ingested and removed");
  await d.close();
  d = await daemon(t, w.paths);
  assert.equal(d.store.query({}).items.length, 4, "a second start ingests nothing twice");
});

test("ingest survives a crash between moving the backlog aside and deleting it", async (t) => {
  const w = world(t);
  const d = await daemon(t, w.paths);
  await hookCli(w, "ls", "x1");
  const stored = d.store.get(d.store.query({}).items[0].id)!;
  // As if a previous run crashed after moving a backlog (holding this record and a torn line) aside.
  fs.writeFileSync(`${w.paths.auditLog}.ingesting-999-1`, JSON.stringify(stored) + "\n{torn");
  assert.equal(d.ingest(), 0, "a record already stored is not stored again");
  assert.equal(d.store.query({}).items.length, 1);
  assert.equal(fs.readdirSync(w.paths.stateDir).some((f) => f.includes(".ingesting-")), false);
});
