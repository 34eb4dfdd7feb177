// Runs every test file with node:test. Node 20's --test does not expand globs, so we list files here.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const files = [];
const walk = (dir) => {
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (f.endsWith(".test.ts")) files.push(p);
  }
};
walk("test");
const only = process.argv.slice(2);
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;
const r = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", ...selected], { stdio: "inherit" });
process.exit(r.status ?? 1);
