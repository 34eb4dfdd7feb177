// Property test: random and adversarial command lines never crash the analyzer, never take more than
// 50 ms, and a command the parser cannot fully read is never allowed. Seeded, so failures reproduce.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseShell } from "../src/core/analyze/shell/syntax.ts";
import { decideIn } from "./helpers/world.ts";

function rng(seed: number) {
  return () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32);
}

const ATOMS = [
  "rm", "-rf", "~", "/", "ls", "cat", "curl", "https://x.example.com", "|", "||", "&&", ";", "&", "sh", "bash -c", "eval", "sudo",
  "$(", ")", "`", "'", '"', "$'\\x72'", "${IFS}", "$X", "<<EOF", "EOF", "\n", ">", ">>", "2>&1", "<(", "{", "}", "(", "(( 1+", "))",
  "if", "then", "fi", "for", "in", "do", "done", "case", "esac", "function", "f()", "\\", "#", "*", "?", "[", "]", "!", "$((", "=",
  "python3 -c", "'import os; os.system(\"rm -rf ~\")'", "find . -exec", "{} \\;", "xargs", "git push -f", "日本語", "\u202e", "\u0000", "\t",
];

function randomCommand(r: () => number): string {
  const n = 1 + Math.floor(r() * 25);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(ATOMS[Math.floor(r() * ATOMS.length)]);
  return parts.join(r() < 0.7 ? " " : "");
}

/** `bash -c "bash -c \"…\""`, quoted correctly at every level. */
function nestBash(cmd: string, levels: number): string {
  let s = cmd;
  for (let i = 0; i < levels; i++) s = `bash -c "${s.replace(/[\\"$`]/g, "\\$&")}"`;
  return s;
}

/** Hand-made worst cases: deep nesting, long pipelines, huge heredocs, unbalanced everything. */
const ADVERSARIAL = [
  "$(".repeat(300) + "rm -rf ~" + ")".repeat(300),
  nestBash("rm -rf ~", 6), // analysed all the way down
  nestBash("rm -rf ~", 12), // deeper than autogate follows: dynamic, so asked
  Array.from({ length: 3000 }, (_, i) => `cmd${i}`).join(" | "),
  "cat <<EOF\n" + "x".repeat(500_000) + "\nEOF",
  "rm -rf ~ " + "'a'".repeat(20000),
  "(".repeat(1000),
  "{ ".repeat(500) + "ls" + " }".repeat(500),
  "a=$(b=$(c=$(d=$(rm -rf ~))))",
  "eval eval eval eval eval eval eval eval eval eval 'rm -rf ~'",
  "\u0000rm\u0000 -rf ~",
  "rm -rf ~ #" + "\\".repeat(10000),
];

/**
 * CPU time this process spent on `fn`, in ms. Wall time would count the moments the test runner's
 * other files, or other programs on a 2-core machine, had the CPU: that is not the analyzer's cost.
 */
function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

test("random command lines never crash, stay fast, and never allow what did not parse", () => {
  for (let i = 0; i < 200; i++) decideIn("Bash", { command: "ls -la && rm -rf x | grep y $(id)" }); // JIT warm-up
  const r = rng(20261127);
  const slow: string[] = [];
  const bad: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const command = randomCommand(r);
    let decision!: ReturnType<typeof decideIn>["decision"];
    let ms = cpuMs(() => (decision = decideIn("Bash", { command }).decision));
    // A garbage collection can stall any one call: a slow one is timed again, so only an input that
    // is slow every time (the analyzer's own cost) is reported.
    for (let retry = 0; retry < 2 && ms > 50; retry++) ms = cpuMs(() => decideIn("Bash", { command }));
    if (ms > 50) slow.push(`${ms.toFixed(1)} ms: ${JSON.stringify(command)}`);
    if (decision.tier === "error") bad.push(`error: ${JSON.stringify(command)} ${decision.reason_for_user}`);
    if (parseShell(command).errors.length > 0 && decision.decision === "allow") bad.push(`allowed unparseable: ${JSON.stringify(command)}`);
  }
  assert.deepEqual(bad, []);
  assert.deepEqual(slow, []);
});

test("adversarial inputs are answered within 50 ms each, and none is allowed", () => {
  for (const command of ADVERSARIAL) {
    // Timed after a first run, which also pays V8's one-off compilation of the code paths this shape
    // of input reaches; best of three, so another process stealing the CPU is not counted as ours.
    decideIn("Bash", { command });
    let ms = Infinity;
    let decision = decideIn("Bash", { command }).decision;
    for (let i = 0; i < 3; i++) ms = Math.min(ms, cpuMs(() => (decision = decideIn("Bash", { command }).decision)));
    assert.ok(ms < 50, `${ms.toFixed(1)} ms for ${JSON.stringify(command.slice(0, 60))}…`);
    assert.notEqual(decision.decision, "allow", `allowed ${JSON.stringify(command.slice(0, 80))}: ${decision.rules}`);
  }
});
