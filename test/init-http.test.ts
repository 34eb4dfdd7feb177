// `autogate init --http`: the daemon's http hook first, the command hook kept as the fallback, the
// token passed through allowedEnvVars (never written into settings), and uninstall takes both out.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { runInit } from "../src/edges/cli/commands/init.ts";

const CMD = "/usr/bin/node /opt/autogate/bin/autogate.cjs hook claude-code";

test("init --http wires the http hook with the token header and keeps the command hook; uninstall removes both", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ag-inithttp-"));
  const env = { HOME: path.join(root, "home"), AUTOGATE_STATE_DIR: path.join(root, "state") };
  fs.mkdirSync(env.HOME);
  const file = path.join(env.HOME, ".claude", "settings.json");
  const lines = runInit({ scope: "user", cwd: root, env, command: CMD, httpPort: 7773 });
  assert.match(lines.join("\n"), /export AUTOGATE_TOKEN=/);
  const settings = JSON.parse(fs.readFileSync(file, "utf8"));
  assert.deepEqual(settings.hooks.PreToolUse, [{
    matcher: "*",
    hooks: [
      { type: "http", url: "http://127.0.0.1:7773/hooks/claude-code", headers: { Authorization: "Bearer $AUTOGATE_TOKEN" }, allowedEnvVars: ["AUTOGATE_TOKEN"], timeout: 10 },
      { type: "command", command: CMD, timeout: 30 },
    ],
  }]);
  const again = fs.readFileSync(file, "utf8");
  runInit({ scope: "user", cwd: root, env, command: CMD, httpPort: 7773 });
  assert.equal(fs.readFileSync(file, "utf8"), again, "init --http twice changes nothing");
  runInit({ scope: "user", cwd: root, env, command: CMD });
  assert.equal(JSON.parse(fs.readFileSync(file, "utf8")).hooks.PreToolUse[0].hooks.length, 1, "init without --http goes back to the command hook only");
  runInit({ scope: "user", cwd: root, env, uninstall: true });
  assert.equal(fs.existsSync(file), false);
});
