// Why this file exists: `autogate init --agent codex|gemini` edits files people care about (their
// Codex hooks and config.toml, their Gemini settings), and for Codex a hook without its trust entry
// is silently skipped. These tests pin the promises: our entries appear once and are trusted,
// everything else survives (including the trust of the user's own hooks when ours is removed),
// uninstall gives back the exact bytes, and doctor notices an untrusted, changed or mistimed hook.
//
// Run: node --import tsx --test test/agent-init.test.ts
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { readTrust, setTrust, trustConflict } from "../src/edges/agent-settings/codex-config-toml.ts";
import { agentHookCommands, trustHash, trustKey } from "../src/edges/agent-settings/codex-settings.ts";
import { checkAgentWiring } from "../src/edges/cli/commands/doctor-agents.ts";
import { runInit } from "../src/edges/cli/commands/init.ts";

const CODEX_CMD = "'/opt/my node/bin/node' '/opt/autogate pkg/bin/autogate.cjs' hook codex";
/** Commands naming paths that exist (doctor reports a moved install otherwise). */
const real = (agent: string) => `${process.execPath} ${join(process.cwd(), "bin", "autogate.cjs")} hook ${agent}`;
const GEMINI_CMD = "'/opt/my node/bin/node' '/opt/autogate pkg/bin/autogate.cjs' hook gemini";

function sandbox(t: TestContext) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "ag-agents-")));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const [home, cwd] = [join(root, "home"), join(root, "project")];
  mkdirSync(home);
  mkdirSync(cwd);
  const env = { HOME: home, AUTOGATE_STATE_DIR: join(root, "state"), XDG_CONFIG_HOME: join(root, "config"), AUTOGATE_MANAGED_POLICY: join(root, "none.yaml"), SHELL: "/bin/sh", PATH: process.env.PATH };
  const init = (agent: string, o: { uninstall?: boolean; command?: string; scope?: "user" | "project" } = {}) =>
    runInit({ agent, scope: o.scope ?? "user", uninstall: o.uninstall, cwd, env, command: o.command ?? (agent === "codex" ? CODEX_CMD : GEMINI_CMD) });
  const write = (file: string, text: string) => (mkdirSync(join(file, ".."), { recursive: true }), writeFileSync(file, text));
  const read = (file: string) => readFileSync(file, "utf8");
  const codex = { hooks: join(home, ".codex", "hooks.json"), config: join(home, ".codex", "config.toml") };
  const gemini = join(home, ".gemini", "settings.json");
  return { root, home, cwd, env, init, write, read, codex, gemini };
}

const USER_HOOK = { type: "command", command: "my-linter --check", timeout: 5 };
const userTrust = (file: string, group: number) => ({ key: trustKey(file, "PreToolUse", group, 0), hash: trustHash({ event: "PreToolUse", matcher: "Bash", command: USER_HOOK.command, timeout: 5 }) });

test("codex: init writes both hooks and trusts each, with Codex's own hash; a second run changes nothing", (t) => {
  const s = sandbox(t);
  const out = s.init("codex").join("\n");
  assert.match(out, /wired the hook into Codex .*hooks\.json and trusted it in .*config\.toml/);
  const hooks = JSON.parse(s.read(s.codex.hooks)).hooks;
  assert.deepEqual(hooks, {
    PreToolUse: [{ matcher: "*", hooks: [{ type: "command", command: CODEX_CMD, timeout: 30 }] }],
    UserPromptSubmit: [{ hooks: [{ type: "command", command: CODEX_CMD, timeout: 30 }] }],
  });
  const trust = readTrust(s.read(s.codex.config));
  assert.equal(trust.get(trustKey(s.codex.hooks, "PreToolUse", 0, 0))?.trustedHash, trustHash({ event: "PreToolUse", matcher: "*", command: CODEX_CMD, timeout: 30 }));
  assert.equal(trust.get(trustKey(s.codex.hooks, "UserPromptSubmit", 0, 0))?.trustedHash, trustHash({ event: "UserPromptSubmit", command: CODEX_CMD, timeout: 30 }));
  const before = [s.read(s.codex.hooks), s.read(s.codex.config)];
  assert.match(s.init("codex").join("\n"), /already wired and trusted/);
  assert.deepEqual([s.read(s.codex.hooks), s.read(s.codex.config)], before);
});

test("codex: the hash formula gives the currentHash Codex 0.169's own hooks/list reported for the same hooks", () => {
  // Values read from `codex app-server` (JSON-RPC hooks/list) for these exact hooks.json entries.
  assert.equal(trustHash({ event: "PreToolUse", matcher: "*", command: "node /abs/hook.mjs", timeout: 10 }), "sha256:5a7f266e659ff40ab6b7d235662e2c0685094c140ce686cdf0c58f1417b873f7");
  assert.equal(trustHash({ event: "UserPromptSubmit", command: "node /abs/hook.mjs", timeout: 30, statusMessage: "checking" }), "sha256:5ab51a757e35b1e37fcb27b3214b63bbfef837f6989356b02b039f5db669993b");
  assert.notEqual(trustHash({ event: "PreToolUse", matcher: "*", command: "node /abs/hook.mjs", timeout: 11 }), trustHash({ event: "PreToolUse", matcher: "*", command: "node /abs/hook.mjs", timeout: 10 }), "the timeout is part of the identity");
  assert.equal(trustHash({ event: "UserPromptSubmit", matcher: "*", command: "x", timeout: 10 }), trustHash({ event: "UserPromptSubmit", command: "x", timeout: 10 }), "UserPromptSubmit has no matcher");
});

test("codex: the user's config and hooks survive; ours goes after theirs so their trust keys stay valid", (t) => {
  const s = sandbox(t);
  const config = `# my codex config\nmodel = "gpt-5.5"\n\n[mcp_servers.docs]\ncommand = "docs-mcp"\n`;
  s.write(s.codex.hooks, JSON.stringify({ hooks: { PreToolUse: [{ matcher: "Bash", hooks: [USER_HOOK] }] } }, null, 2));
  s.write(s.codex.config, setTrust(config, [userTrust(s.codex.hooks, 0)]));
  s.init("codex");
  const hooks = JSON.parse(s.read(s.codex.hooks)).hooks;
  assert.deepEqual(hooks.PreToolUse[0], { matcher: "Bash", hooks: [USER_HOOK] });
  assert.equal(hooks.PreToolUse[1].hooks[0].command, CODEX_CMD);
  const text = s.read(s.codex.config);
  assert.ok(text.startsWith(config.trimEnd()), "the user's config is kept byte for byte, first");
  const trust = readTrust(text);
  assert.equal(trust.get(userTrust(s.codex.hooks, 0).key)?.trustedHash, userTrust(s.codex.hooks, 0).hash);
  assert.ok(trust.get(trustKey(s.codex.hooks, "PreToolUse", 1, 0))?.trustedHash);
});

test("codex: --uninstall restores the exact bytes, or removes the files init created", (t) => {
  const s = sandbox(t);
  s.init("codex");
  s.init("codex", { uninstall: true });
  assert.equal(existsSync(s.codex.hooks), false);
  assert.equal(existsSync(s.codex.config), false);
  const config = 'model = "o3"\n';
  s.write(s.codex.config, config);
  s.init("codex");
  s.init("codex", { uninstall: true });
  assert.equal(s.read(s.codex.config), config);
});

test("codex: --uninstall after the user edited the files removes only ours and moves their trust with their hooks", (t) => {
  const s = sandbox(t);
  s.init("codex");
  // Afterwards the user adds their own hook (after ours) and trusts it in Codex.
  const hooks = JSON.parse(s.read(s.codex.hooks));
  hooks.hooks.PreToolUse.push({ matcher: "Bash", hooks: [USER_HOOK] });
  s.write(s.codex.hooks, JSON.stringify(hooks, null, 2));
  s.write(s.codex.config, setTrust(s.read(s.codex.config), [userTrust(s.codex.hooks, 1)]) + '\nmodel_reasoning_effort = "high"\n'.replace(/^\n/, "\n# note\n"));
  const out = s.init("codex", { uninstall: true }).join("\n");
  assert.match(out, /removed autogate's hook entries/);
  assert.deepEqual(JSON.parse(s.read(s.codex.hooks)).hooks, { PreToolUse: [{ matcher: "Bash", hooks: [USER_HOOK] }] });
  const trust = readTrust(s.read(s.codex.config));
  assert.equal(trust.get(userTrust(s.codex.hooks, 0).key)?.trustedHash, userTrust(s.codex.hooks, 0).hash, "their hook is now group 0 and still trusted");
  assert.equal(trust.size, 1, "our trust entries are gone");
});

test("codex: trust written in a form autogate does not edit stops init before anything is written", (t) => {
  const s = sandbox(t);
  const config = '[hooks]\nstate = { "x" = { trusted_hash = "sha256:0" } }\n';
  s.write(s.codex.config, config);
  assert.throws(() => s.init("codex"), /sets hooks\.state inside \[hooks\].*Nothing was changed/);
  assert.equal(existsSync(s.codex.hooks), false);
  assert.equal(s.read(s.codex.config), config);
  assert.equal(trustConflict('[hooks.state."a:pre_tool_use:0:0"]\ntrusted_hash = "x"\n'), undefined);
  assert.throws(() => s.init("codex", { scope: "project" }), /user level/);
});

test("codex doctor: passes when trusted; flags a hook changed after trust, an untrusted one, a disabled one and a short timeout", async (t) => {
  const s = sandbox(t);
  const wiring = async () => checkAgentWiring("codex", { env: s.env, cwd: s.cwd }).check;
  assert.match((await wiring()).detail, /no autogate PreToolUse hook/);
  s.init("codex", { command: real("codex") });
  const ok = await wiring();
  assert.equal(ok.ok, true, ok.detail);
  const original = s.read(s.codex.hooks);
  s.write(s.codex.hooks, original.replace('"timeout": 30', '"timeout": 31'));
  assert.match((await wiring()).detail, /PreToolUse \(group 0\) changed since it was trusted .*Codex skips it without a warning/);
  s.write(s.codex.hooks, original.replace(/"timeout": 30/g, '"timeout": 10'));
  assert.match((await wiring()).detail, /10 s timeout, not above autogate's own 20 s deadline/);
  s.write(s.codex.hooks, original);
  const config = s.read(s.codex.config);
  s.write(s.codex.config, config.replace(/trusted_hash = "[^"]+"\n/, ""));
  assert.match((await wiring()).detail, /PreToolUse \(group 0\) is not trusted: Codex skips it without a warning/);
  s.write(s.codex.config, config.replace(/(trusted_hash = "[^"]+")/, "$1\nenabled = false"));
  assert.match((await wiring()).detail, /is disabled/);
  assert.match((await wiring()).fix ?? "", /autogate init --agent codex/);
});

test("gemini: init writes BeforeTool and BeforeAgent with a millisecond timeout, keeps everything else, and uninstalls exactly", (t) => {
  const s = sandbox(t);
  const settings = JSON.stringify({ security: { auth: { selectedType: "gemini-api-key" } }, hooks: { BeforeTool: [{ matcher: "write_file", hooks: [{ type: "command", command: "fmt-check" }] }] } }, null, 4) + "\n";
  s.write(s.gemini, settings);
  s.init("gemini");
  const written = JSON.parse(s.read(s.gemini));
  assert.deepEqual(written.security, { auth: { selectedType: "gemini-api-key" } });
  assert.deepEqual(written.hooks.BeforeTool[0], { matcher: "write_file", hooks: [{ type: "command", command: "fmt-check" }] });
  assert.deepEqual(written.hooks.BeforeTool[1], { matcher: ".*", hooks: [{ name: "autogate", type: "command", command: GEMINI_CMD, timeout: 30000 }] });
  assert.deepEqual(written.hooks.BeforeAgent, [{ hooks: [{ name: "autogate", type: "command", command: GEMINI_CMD, timeout: 30000 }] }]);
  assert.match(s.read(s.gemini), /^\{\n {4}"/, "the file's own indentation is kept");
  s.init("gemini", { uninstall: true });
  assert.equal(s.read(s.gemini), settings);
  s.init("gemini", { scope: "project" });
  assert.ok(existsSync(join(s.cwd, ".gemini", "settings.json")));
});

test("gemini doctor: flags a timeout written in seconds and hooks switched off in settings", async (t) => {
  const s = sandbox(t);
  s.init("gemini", { command: real("gemini") });
  const wiring = async () => checkAgentWiring("gemini", { env: s.env, cwd: s.cwd }).check;
  assert.equal((await wiring()).ok, true);
  const text = s.read(s.gemini);
  s.write(s.gemini, text.replace(/"timeout": 30000/g, '"timeout": 30'));
  assert.match((await wiring()).detail, /timeout is 30 ms \(Gemini counts milliseconds\)/);
  s.write(s.gemini, JSON.stringify({ ...JSON.parse(text), hooksConfig: { enabled: false } }));
  assert.match((await wiring()).detail, /hooksConfig\.enabled is false/);
});

test("the default hook commands: the tool hook is guarded to block when autogate cannot start; the prompt hook is not", () => {
  const c = agentHookCommands("/usr/bin/node", "/opt/pkg/bin/autogate.cjs", "codex");
  assert.equal(c.prompt, "/usr/bin/node /opt/pkg/bin/autogate.cjs hook codex");
  assert.equal(c.tool, `/bin/sh -c '/usr/bin/node /opt/pkg/bin/autogate.cjs hook codex || { echo "autogate: the hook could not run (exit $?), so this tool call is blocked; run: autogate doctor --agent codex" >&2; exit 2; }'`);
});

const bin = join(process.cwd(), "bin", "autogate.cjs");
const built = existsSync(bin) && existsSync(join(process.cwd(), "dist", "cli.cjs"));
for (const agent of ["codex", "gemini"]) {
  test(`the built CLI: init --agent ${agent}, then doctor --agent ${agent} passes every check`, { skip: built ? false : "bin/autogate.cjs not built" }, (t) => {
    const s = sandbox(t);
    // Codex on PATH lets doctor ask Codex itself (app-server hooks/list) whether it trusts the hook.
    const env = { ...s.env, PATH: `${join(process.cwd(), "node_modules", ".bin")}:${process.env.PATH}`, TMPDIR: join(s.root, "tmp") };
    mkdirSync(env.TMPDIR);
    const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: s.cwd, env, encoding: "utf8", timeout: 60_000 });
    const init = cli("init", "--agent", agent);
    assert.equal(init.status, 0, init.stderr);
    const r = cli("doctor", "--agent", agent, "--json");
    const j = JSON.parse(r.stdout);
    assert.equal(j.ok, true, r.stdout);
    const names = j.checks.map((c: { name: string }) => c.name);
    assert.deepEqual(names, agent === "codex"
      ? ["Codex hook wired and trusted", "Codex confirms the trust", "policy loads", "hook answers", "state dir writable"]
      : ["Gemini CLI hook wired", "policy loads", "hook answers", "state dir writable"]);
    if (agent === "codex") assert.match(j.checks[1].detail, /pre_tool_use:0:0: trusted/);
  });
}
