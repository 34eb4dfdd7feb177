// npm run bench: decision speed in process over real agent commands (FP-1), side by side with
// cc-safety-net's checkCommand on the same inputs, and the command hook's spawn-to-reply latency.
// Prints a plain report; targets live in the issue notes, not in assertions.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { decide, mergeLayers, parsePolicyText, emptySession } = await import(path.join(root, "dist", "index.js"));

const evalDir = process.env.AUTOGATE_BENCH_SET ?? path.join(root, "..", "shared", "eval", "FP-1");
const commands = [];
if (fs.existsSync(evalDir)) {
  for (const f of fs.readdirSync(evalDir).filter((f) => f.endsWith(".jsonl") && f !== "labels.jsonl")) {
    for (const line of fs.readFileSync(path.join(evalDir, f), "utf8").split("\n")) {
      if (!line.includes('"tool_use"')) continue;
      for (const b of JSON.parse(line).message?.content ?? []) if (b.type === "tool_use" && b.name === "Bash" && b.input?.command) commands.push(b.input.command);
    }
  }
} else {
  console.log(`(no ${evalDir}: using the golden shell cases instead)`);
  const yaml = await import("yaml");
  for (const c of yaml.parse(fs.readFileSync(path.join(root, "test", "golden", "shell.yaml"), "utf8"))) commands.push(c.command);
}

const policyFile = path.join(root, "policies", "default.yaml");
const parsed = parsePolicyText(policyFile, fs.readFileSync(policyFile, "utf8"));
const policy = mergeLayers([{ scope: "default", file: policyFile, policy: parsed.file }]);
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "ag-bench-"));
const session = emptySession();
let id = 0;
const ctx = { policy, session, home: "/home/user", humanPresent: true, clock: () => process.hrtime.bigint(), newId: () => `b${++id}` };

function measure(label, fn, passes = 3) {
  for (const c of commands) fn(c); // warm-up: JIT, caches
  const times = [];
  const start = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) {
    for (const c of commands) {
      const t0 = process.hrtime.bigint();
      fn(c);
      times.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
  }
  const totalS = Number(process.hrtime.bigint() - start) / 1e9;
  times.sort((a, b) => a - b);
  const q = (x) => times[Math.min(times.length - 1, Math.floor(x * times.length))];
  const r = { label, calls: times.length, perSecond: times.length / totalS, p50: q(0.5), p99: q(0.99), max: times[times.length - 1] };
  console.log(`${label.padEnd(22)} ${String(r.calls).padStart(6)} calls  ${Math.round(r.perSecond).toString().padStart(7)}/s  p50 ${r.p50.toFixed(1).padStart(6)} µs  p99 ${r.p99.toFixed(1).padStart(7)} µs  max ${r.max.toFixed(0).padStart(6)} µs`);
  return r;
}

console.log(`in-process decisions over ${commands.length} Bash commands from ${path.basename(evalDir)} (Node ${process.version})`);
const ours = measure("autogate decide()", (command) => decide({ agent: "generic", tool: "Bash", input: { command }, cwd }, ctx));
let ccsn;
try {
  const { checkCommand } = await import("cc-safety-net/api");
  ccsn = measure("cc-safety-net 2.4.5", (command) => checkCommand({ command, cwd }));
  console.log(`throughput ratio autogate / cc-safety-net: ${(ours.perSecond / ccsn.perSecond).toFixed(2)}x`);
} catch (e) {
  console.log(`cc-safety-net not available (${e.message}); install dev dependencies to compare`);
}
console.log(`rss after in-process runs: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);

// Command hook, spawn to reply, the way Claude Code runs it. NODE_EXTRA_CA_CERTS costs Node 20 ~40 ms per
// start and the hook makes no TLS calls, so it is measured unset (see docs); the state dir is a temp dir.
const env = { ...process.env, AUTOGATE_STATE_DIR: path.join(cwd, "state") };
delete env.NODE_EXTRA_CA_CERTS;
const payload = (command) => JSON.stringify({ hook_event_name: "PreToolUse", session_id: "bench", cwd, permission_mode: "default", tool_name: "Bash", tool_input: { command }, tool_use_id: "t" });
const hookTimes = [];
const sample = ["ls -la", "git status", "rm -rf ~", "python3 -m pytest -q", "cat README.md | grep x"];
spawnSync(process.execPath, [path.join(root, "bin", "autogate.cjs"), "hook", "claude-code"], { input: payload("ls"), env }); // first run checks the policy's examples once
for (let i = 0; i < 40; i++) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, "bin", "autogate.cjs"), "hook", "claude-code"], { input: payload(sample[i % sample.length]), env, encoding: "utf8" });
  hookTimes.push(performance.now() - t0);
  if (!r.stdout.includes("permissionDecision")) throw new Error(`hook gave no decision: ${r.stdout} ${r.stderr}`);
}
hookTimes.sort((a, b) => a - b);
const bare = [];
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  spawnSync(process.execPath, ["-e", ""], { env });
  bare.push(performance.now() - t0);
}
bare.sort((a, b) => a - b);
console.log(`command hook spawn→reply: median ${hookTimes[20].toFixed(1)} ms, p90 ${hookTimes[36].toFixed(1)} ms (40 runs; bare \`node -e ''\` median ${bare[10].toFixed(1)} ms)`);
fs.rmSync(cwd, { recursive: true, force: true });
