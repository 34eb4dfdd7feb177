#!/usr/bin/env node
"use strict";
require(process.argv[2] === "hook" ? "../dist/hook.cjs" : "../dist/cli.cjs");
