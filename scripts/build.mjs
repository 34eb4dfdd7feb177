// Builds dist/: the full CLI (cli.cjs), the lean hook (hook.cjs, plus its V8 code cache), the policy
// compiler the hook loads only on a cache miss (compile-policy.cjs), and the library (index.js).
// CommonJS for the executables: one CJS file starts ~5 ms faster than ESM modules on Node 20
// (shared/docs/dependencies.md §2).
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

rmSync("dist", { recursive: true, force: true });
mkdirSync("dist", { recursive: true });
const cjs = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // Minified, because V8 parses the whole file on every hook start.
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  // import.meta.url does not exist in CJS; give the bundle its own file URL instead.
  define: { "import.meta.url": "__autogate_file_url" },
  banner: { js: 'const __autogate_file_url = require("node:url").pathToFileURL(__filename).href;' },
};
// better-sqlite3 is a native addon, and the MCP SDK brings its own zod (bundling both copies of zod
// into one scope breaks zod's lazy initialisation): both stay in node_modules, required at run time.
await build({ ...cjs, entryPoints: ["src/edges/cli/entry.ts"], outfile: "dist/cli.cjs", external: ["better-sqlite3", "@modelcontextprotocol/sdk"] });
// The hook bundle leaves the policy compiler (YAML parser, schema library, example checks) and the
// prompt-injection scanner (PostToolUse only) in bundles of their own, required only when needed.
const apart = { "compile-policy.ts": "./compile-policy.cjs", "scan.ts": "./inject-scan.cjs" };
const partsApart = {
  name: "parts-apart",
  setup(b) {
    b.onResolve({ filter: /(compile-policy|inject\/scan)\.ts$/ }, (a) => ({ path: apart[a.path.split("/").pop()], external: true }));
  },
};
// `import fs from "node:fs"` would become __toESM(require("node:fs")), which copies every property of
// the module (~3 ms of a hook call for fs, path and os): a one-line ESM shim hands over the module itself.
const builtinShims = {
  name: "builtin-shims",
  setup(b) {
    b.onResolve({ filter: /^node:(fs|path|os)$/ }, (a) => (a.namespace === "shim" ? { path: a.path, external: true } : { path: a.path, namespace: "shim" }));
    b.onLoad({ filter: /.*/, namespace: "shim" }, (a) => ({ contents: `export default require(${JSON.stringify(a.path)});`, loader: "js" }));
  },
};
// import() becomes require(): the hook runs inside vm.Script (for the code cache), which has no import().
await build({ ...cjs, entryPoints: ["src/edges/cli/hook-entry.ts"], outfile: "dist/hook.cjs", plugins: [partsApart, builtinShims], supported: { "dynamic-import": false } });
await build({ ...cjs, entryPoints: ["src/edges/policy-files/compile-policy.ts"], outfile: "dist/compile-policy.cjs" });
await build({ ...cjs, entryPoints: ["src/core/inject/scan.ts"], outfile: "dist/inject-scan.cjs" });
await build({
  entryPoints: ["src/index.ts"],
  outfile: "dist/index.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  logLevel: "warning",
});
// V8 code cache for the hook bundle: run one sample decision (in a throwaway state dir) and keep
// the compiled code, which bin/autogate.cjs hands back to V8 on every hook start.
const sandbox = mkdtempSync(join(tmpdir(), "autogate-build-"));
const sample = JSON.stringify({ hook_event_name: "PreToolUse", session_id: "build", cwd: sandbox, tool_name: "Bash", tool_input: { command: "ls && git status && rm -rf ~/x && python3 t.py > /dev/null" }, tool_use_id: "build" });
const env = { ...process.env, AUTOGATE_STATE_DIR: join(sandbox, "state") };
for (const extra of [{}, { AUTOGATE_WRITE_CODE_CACHE: "dist/hook.cache" }]) {
  // The first run compiles the policy cache; the second records the code cache. Both must deny.
  const r = spawnSync(process.execPath, ["bin/autogate.cjs", "hook", "claude-code"], { input: sample, env: { ...env, ...extra }, encoding: "utf8" });
  if (!r.stdout.includes('"permissionDecision":"deny"')) {
    rmSync("dist/hook.cache", { force: true });
    throw new Error(`autogate build: the built hook did not deny the sample call: ${r.stdout}${r.stderr}`);
  }
}
rmSync(sandbox, { recursive: true, force: true });
if (!existsSync("dist/hook.cache")) console.warn("autogate build: no V8 code cache was written; hooks start ~15 ms slower");
