// Why this file exists: `autogate init` edits a file people care about (their Claude Code
// settings) and `autogate doctor` is what they run when something seems off. These tests pin the
// promises: our entries appear once, everything else survives, uninstall gives back the exact
// bytes (or no file), broken JSON is never overwritten, and doctor sees the wiring change.
// Every test gets its own temp HOME/cwd/state; nothing touches the real home.
//
// Run: node --import tsx --test test/init-doctor.test.ts
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hookCommand, shellWords } from "../src/edges/agent-settings/claude-code-settings.ts";
import { runInit } from "../src/edges/cli/commands/init.ts";
import { checkWiring } from "../src/edges/cli/commands/doctor.ts";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const bin = join(repoRoot, "bin", "autogate.cjs");
const CMD = "'/opt/my node/bin/node' '/opt/autogate pkg/bin/autogate.cjs' hook claude-code";
const entry = (command = CMD) => ({ type: "command", command, timeout: 30 });
const SCANNED = "WebFetch|WebSearch|Read|Bash|Grep|mcp__.*";
const ours = (command = CMD) => ({ PreToolUse: [{ matcher: "*", hooks: [entry(command)] }], UserPromptSubmit: [{ hooks: [entry(command)] }], PostToolUse: [{ matcher: SCANNED, hooks: [entry(command)] }] });

function sandbox(t: TestContext) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "ag-init-")));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const [home, cwd, state] = ["home", "project", "state"].map((d) => join(root, d));
  mkdirSync(home);
  mkdirSync(cwd);
  const env = { HOME: home, AUTOGATE_STATE_DIR: state, XDG_CONFIG_HOME: join(root, "config") };
  const userFile = join(home, ".claude", "settings.json");
  const init = (o: { scope?: "user" | "project"; uninstall?: boolean; command?: string; agent?: string } = {}) =>
    runInit({ scope: o.scope ?? "user", uninstall: o.uninstall, agent: o.agent, cwd, env, command: o.command ?? CMD });
  const write = (file: string, text: string) => (mkdirSync(join(file, ".."), { recursive: true }), writeFileSync(file, text));
  const json = (file: string) => JSON.parse(readFileSync(file, "utf8"));
  return { root, home, cwd, env, userFile, init, write, json };
}

test("init into an empty HOME creates settings.json with exactly our entries", (t) => {
  const s = sandbox(t);
  const out = s.init();
  assert.deepEqual(s.json(s.userFile), { hooks: ours() });
  assert.match(out.join("\n"), /wired the hook into Claude Code user settings .*settings\.json/);
  assert.match(out.join("\n"), /did not exist before/);
});

test("init twice is idempotent: one entry, second run changes nothing", (t) => {
  const s = sandbox(t);
  s.init();
  const first = readFileSync(s.userFile);
  const out = s.init();
  assert.deepEqual(readFileSync(s.userFile), first);
  assert.match(out[0], /already wired/);
  assert.deepEqual(s.json(s.userFile), { hooks: ours() });
  // A hook the user adds after ours keeps its place: re-running must not reorder the list.
  const later = { matcher: "Bash", hooks: [{ type: "command", command: "later" }] };
  const edited = s.json(s.userFile);
  edited.hooks.PreToolUse.push(later);
  s.write(s.userFile, JSON.stringify(edited, null, 2) + "\n");
  assert.match(s.init()[0], /already wired/);
  assert.deepEqual(s.json(s.userFile).hooks.PreToolUse, [ours().PreToolUse[0], later]);
});

test("re-running after the install moved replaces our entry in place instead of adding one", (t) => {
  const s = sandbox(t);
  s.init({ command: "/old/node /old/autogate/bin/autogate.cjs hook claude-code" });
  s.init();
  assert.deepEqual(s.json(s.userFile), { hooks: ours() });
});

test("init keeps unrelated keys and other hooks, in their places", (t) => {
  const s = sandbox(t);
  const other = { type: "command", command: "my-linter --check", timeout: 5 };
  const before = {
    model: "opus", permissions: { allow: ["Bash(ls:*)"] },
    hooks: { PreToolUse: [{ matcher: "Bash", hooks: [other] }], PostToolUse: [{ matcher: "Edit", hooks: [other] }] },
  };
  s.write(s.userFile, JSON.stringify(before, null, 4));
  s.init();
  assert.deepEqual(s.json(s.userFile), {
    model: "opus", permissions: { allow: ["Bash(ls:*)"] },
    hooks: {
      PreToolUse: [{ matcher: "Bash", hooks: [other] }, { matcher: "*", hooks: [entry()] }],
      PostToolUse: [{ matcher: "Edit", hooks: [other] }, { matcher: SCANNED, hooks: [entry()] }],
      UserPromptSubmit: [{ hooks: [entry()] }],
    },
  });
  assert.match(readFileSync(s.userFile, "utf8"), /^\{\n {4}"model"/, "the file's 4-space indentation is kept");
  const backups = readdirSync(join(s.home, ".claude")).filter((f) => f.startsWith("settings.json.autogate-backup-"));
  assert.equal(backups.length, 1);
  assert.equal(readFileSync(join(s.home, ".claude", backups[0]), "utf8"), JSON.stringify(before, null, 4));
});

test("--uninstall restores the exact prior bytes, even after init ran twice", (t) => {
  const s = sandbox(t);
  const before = '{"theme":"dark",  "hooks": {"PreToolUse": []}}\n';
  s.write(s.userFile, before);
  s.init();
  s.init({ command: "/moved/node /moved/autogate/bin/autogate.cjs hook claude-code" });
  const out = s.init({ uninstall: true });
  assert.equal(readFileSync(s.userFile, "utf8"), before);
  assert.match(out[0], /restored/);
});

test("--uninstall removes the file (and the folder init made) when there was none before", (t) => {
  const s = sandbox(t);
  s.init();
  s.init({ uninstall: true });
  assert.equal(existsSync(s.userFile), false);
  assert.deepEqual(readdirSync(s.home), [], "the .claude folder init created is gone too");
});

test("--uninstall after the user edited the file removes only our entries", (t) => {
  const s = sandbox(t);
  s.write(s.userFile, JSON.stringify({ theme: "dark" }));
  s.init();
  const edited = { ...s.json(s.userFile), verbose: true };
  s.write(s.userFile, JSON.stringify(edited));
  const out = s.init({ uninstall: true });
  assert.deepEqual(s.json(s.userFile), { theme: "dark", verbose: true });
  assert.match(out[0], /removed 3 autogate hook entries/);
});

test("invalid JSON: clear error naming the file, file untouched, no backup", (t) => {
  const s = sandbox(t);
  const bad = '{"hooks": {"PreToolUse": [}\n';
  s.write(s.userFile, bad);
  for (const uninstall of [false, true]) {
    assert.throws(() => s.init({ uninstall }), (e: Error) => e.message.includes(s.userFile) && /not valid JSON/.test(e.message));
  }
  assert.equal(readFileSync(s.userFile, "utf8"), bad);
  assert.deepEqual(readdirSync(join(s.home, ".claude")), ["settings.json"]);
});

test("--scope project writes <cwd>/.claude/settings.json and leaves the user file alone", (t) => {
  const s = sandbox(t);
  const out = s.init({ scope: "project" });
  assert.deepEqual(s.json(join(s.cwd, ".claude", "settings.json")), { hooks: ours() });
  assert.equal(existsSync(s.userFile), false);
  assert.match(out.join("\n"), /--uninstall --scope project/);
  s.init({ scope: "project", uninstall: true });
  assert.equal(existsSync(join(s.cwd, ".claude")), false);
});

test("unsupported agent is a clear error", (t) => {
  const s = sandbox(t);
  assert.throws(() => s.init({ agent: "cursor" }), /agent "cursor" is not supported yet; supported: claude-code, codex, gemini/);
  assert.equal(existsSync(s.userFile), false);
});

test("NODE_EXTRA_CA_CERTS note only when it is set", (t) => {
  const s = sandbox(t);
  const run = (env: NodeJS.ProcessEnv) => runInit({ scope: "user", cwd: s.cwd, env, command: CMD }).join("\n");
  assert.doesNotMatch(run(s.env), /NODE_EXTRA_CA_CERTS/);
  s.init({ uninstall: true });
  assert.match(run({ ...s.env, NODE_EXTRA_CA_CERTS: "/etc/ca.pem" }), /NODE_EXTRA_CA_CERTS is set/);
});

test("hook command quoting survives spaces and quotes", () => {
  const cmd = hookCommand("/opt/my node/node", "/it's/autogate/bin/autogate.cjs");
  assert.equal(cmd, `'/opt/my node/node' '/it'\\''s/autogate/bin/autogate.cjs' hook claude-code`);
  assert.deepEqual(shellWords(cmd), ["/opt/my node/node", "/it's/autogate/bin/autogate.cjs", "hook", "claude-code"]);
});

test("doctor's wiring check: not wired, then wired, then a moved install", (t) => {
  const s = sandbox(t);
  const userFile = s.userFile;
  const projectFile = join(s.cwd, ".claude", "settings.json");
  assert.deepEqual(checkWiring(s.env, s.cwd), {
    name: "Claude Code hook wired", ok: false,
    detail: `user: not wired (${userFile}); project: not wired (${projectFile})`,
    fix: "run `autogate init` (user settings) or `autogate init --scope project`",
  });
  const fakeBin = join(s.root, "autogate.cjs");
  writeFileSync(fakeBin, "");
  const real = hookCommand(process.execPath, fakeBin); // both paths exist on disk
  s.init({ command: real });
  assert.deepEqual(checkWiring(s.env, s.cwd), {
    name: "Claude Code hook wired", ok: true,
    detail: `user: PreToolUse + UserPromptSubmit + PostToolUse (${userFile}); project: not wired (${projectFile})`,
  });
  s.init({ scope: "project" }); // CMD names paths that do not exist
  const moved = checkWiring(s.env, s.cwd);
  assert.equal(moved.ok, false);
  assert.match(moved.detail, /paths that do not exist: \/opt\/my node\/bin\/node, \/opt\/autogate pkg\/bin\/autogate\.cjs/);
});

const built = existsSync(bin) && existsSync(join(repoRoot, "dist", "cli.cjs"));
if (!built) {
  const bar = "!".repeat(78);
  console.error(`\n${bar}\n!! AUTOGATE DOCTOR CLI TEST SKIPPED: ${bin} or dist/cli.cjs missing (run npm run build)\n${bar}\n`);
}
test("the built CLI: init, then doctor passes every check (and --json agrees)", { skip: built ? false : "bin/autogate.cjs not built" }, (t) => {
  const s = sandbox(t);
  const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: s.cwd, env: { PATH: process.env.PATH, ...s.env }, encoding: "utf8", timeout: 60_000 });
  const init = cli("init");
  if (/unknown command/.test(init.stderr)) assert.fail(`${bin} runs a stale build without init/doctor: run npm run build\n${init.stderr}`);
  assert.equal(init.status, 0, init.stderr);
  const r = cli("doctor");
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /✓ hook answers: denied Bash `rm -rf ~` in \d+ ms/);
  const j = JSON.parse(cli("doctor", "--json").stdout);
  assert.equal(j.ok, true);
  assert.deepEqual(j.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok]), [
    ["Claude Code hook wired", true], ["policy loads", true], ["hook answers", true], ["state dir writable", true],
  ]);
  assert.equal(existsSync(join(s.root, "state", "audit.jsonl")), false, "doctor's test call must not reach the user's audit log");
});
