// npm run load-test: the daemon under load, on loopback only, bounded in count and time.
//  1. 1,000 concurrent http-hook requests: every answer correct, every decision stored exactly once.
//  2. 200 command-hook processes (8 at a time) while the daemon is killed (SIGKILL) mid-run and
//     restarted: every hook still answers, and once the daemon is back every decision is stored once.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "bin", "autogate.cjs");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ag-load-"));
const env = { PATH: process.env.PATH, HOME: path.join(tmp, "home"), AUTOGATE_STATE_DIR: path.join(tmp, "state"), XDG_CONFIG_HOME: path.join(tmp, "config"), AUTOGATE_MANAGED_POLICY: path.join(tmp, "none") };
fs.mkdirSync(env.HOME, { recursive: true });
const project = path.join(tmp, "project");
fs.mkdirSync(project);
const CASES = [["ls -la", "allow"], ["git status", "allow"], ["rm -rf ~", "deny"], ["git push --force origin main", "deny"], ["cat ~/.ssh/id_rsa", "ask"], ["python3 -m pytest -q", "allow"]];
// One session per call: within one session the circuit breaker rightly turns repeated denials into asks.
const payload = (i, session = "load") => JSON.stringify({ hook_event_name: "PreToolUse", session_id: `${session}-${i}`, cwd: project, permission_mode: "default", tool_name: "Bash", tool_input: { command: CASES[i % CASES.length][0] }, tool_use_id: `toolu_${session}_${i}` });
const deadline = setTimeout(() => { console.error("load test: gave up after 240 s"); process.exit(1); }, 240_000);

function startDaemon() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "serve", "--port", "0"], { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.once("data", (d) => resolve({ child, url: d.toString().trim() }));
    child.once("exit", (code) => reject(new Error(`daemon exited ${code}`)));
  });
}
const token = () => fs.readFileSync(path.join(env.AUTOGATE_STATE_DIR, "token"), "utf8").trim();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });
function post(url, body) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(`${url}/hooks/claude-code`, { method: "POST", agent, headers: { authorization: `Bearer ${token()}`, "content-type": "application/json" } }, (res) => {
      let b = "";
      res.on("data", (c) => (b += c));
      res.on("end", () => resolve({ status: res.statusCode, body: b, ms: performance.now() - t0 }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
async function total(url) {
  return new Promise((resolve, reject) => http.get(`${url}/api/stats`, { headers: { authorization: `Bearer ${token()}` } }, (res) => {
    let b = "";
    res.on("data", (c) => (b += c));
    res.on("end", () => resolve(JSON.parse(b).total));
  }).on("error", reject));
}
const q = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];

let { child, url } = await startDaemon();
const N = 1000;
const t0 = performance.now();
const replies = await Promise.all(Array.from({ length: N }, (_, i) => post(url, payload(i))));
const seconds = (performance.now() - t0) / 1000;
const wrong = replies.filter((r, i) => r.status !== 200 || JSON.parse(r.body).hookSpecificOutput?.permissionDecision !== CASES[i % CASES.length][1]);
const ms = replies.map((r) => r.ms).sort((a, b) => a - b);
const stored = await total(url);
console.log(`phase 1: ${N} concurrent http-hook requests in ${seconds.toFixed(2)} s = ${(N / seconds).toFixed(0)}/s; latency p50 ${q(ms, 0.5).toFixed(1)} ms, p99 ${q(ms, 0.99).toFixed(1)} ms; wrong answers ${wrong.length}; stored ${stored} (expected ${N})`);

// One call at a time, as an agent makes them: the http hook's own round trip.
const seq = [];
for (let i = 0; i < 200; i++) seq.push((await post(url, payload(N + i, "seq"))).ms);
seq.sort((a, b) => a - b);
console.log(`sequential: 200 http-hook calls one at a time: p50 ${q(seq, 0.5).toFixed(2)} ms, p99 ${q(seq, 0.99).toFixed(2)} ms`);

// Phase 2: command hooks while the daemon dies and comes back.
const M = 200;
let answered = 0;
let wrong2 = 0;
let restarted = false;
async function runHook(i) {
  const out = await new Promise((resolve) => {
    const p = spawn(process.execPath, [bin, "hook", "claude-code"], { env });
    let o = "";
    p.stdout.on("data", (c) => (o += c));
    p.on("close", () => resolve(o));
    p.stdin.end(payload(i, "crash"));
  });
  answered++;
  if (JSON.parse(out).hookSpecificOutput?.permissionDecision !== CASES[i % CASES.length][1]) wrong2++;
}
const queue = Array.from({ length: M }, (_, i) => i);
await Promise.all(Array.from({ length: 8 }, async () => {
  while (queue.length) {
    const i = queue.shift();
    if (i === 60) child.kill("SIGKILL");
    if (i === 140 && !restarted) {
      restarted = true;
      ({ child, url } = await startDaemon());
    }
    await runHook(i);
  }
}));
await new Promise((r) => setTimeout(r, 300));
child.kill("SIGTERM");
await new Promise((r) => child.once("exit", r));
({ child, url } = await startDaemon()); // ingests anything logged while it was down
const stored2 = await total(url);
console.log(`phase 2: ${M} command hooks, daemon killed at #60 and restarted at #140: answered ${answered}, wrong ${wrong2}; stored ${stored2} (expected ${N + 200 + M})`);
child.kill("SIGTERM");
clearTimeout(deadline);
agent.destroy();
fs.rmSync(tmp, { recursive: true, force: true });
const ok = wrong.length === 0 && stored === N && answered === M && wrong2 === 0 && stored2 === N + 200 + M;
console.log(ok ? "load test: OK" : "load test: FAILED");
process.exit(ok ? 0 : 1);
