#!/usr/bin/env node
"use strict";
// `autogate hook …` runs on every tool call, so it loads the lean hook bundle through V8's code cache
// (dist/hook.cache, made at build time by running one sample decision): ~15 ms less per call on
// Node 20. A missing or rejected cache (another Node version) only costs that time back.
const path = require("node:path");
const dist = path.join(__dirname, "..", "dist");

if (process.argv[2] !== "hook") {
  require(path.join(dist, "cli.cjs"));
} else {
  const fs = require("node:fs");
  const vm = require("node:vm");
  const Module = require("node:module");
  const file = path.join(dist, "hook.cjs");
  let cachedData;
  try {
    cachedData = fs.readFileSync(path.join(dist, "hook.cache"));
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, "utf8")), { filename: file, cachedData });
  if (process.env.AUTOGATE_WRITE_CODE_CACHE) {
    process.on("exit", () => fs.writeFileSync(process.env.AUTOGATE_WRITE_CODE_CACHE, script.createCachedData()));
  }
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dist);
}
