#!/usr/bin/env node
// Runs node's built-in test runner on the compiled `*.test.js` files below a folder.
// Node 20's `--test` takes no globs, and its default discovery would also run every
// helper module under a `test/` folder, so the files are listed explicitly.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ?? 'dist';
const extra = process.argv.slice(3);

function collect(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return collect(path);
    return entry.name.endsWith('.test.js') ? [path] : [];
  });
}

const files = collect(root).sort();
if (files.length === 0) {
  console.error(`run-tests: no *.test.js under ${root}; did the build run?`);
  process.exit(1);
}
// A TAP copy of every run goes to .tmp/test-results/ for the root summary line.
const resultsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '.tmp', 'test-results');
mkdirSync(resultsDir, { recursive: true });
const tapFile = join(resultsDir, `${basename(process.cwd())}.tap`);
const result = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-concurrency=1',
    '--enable-source-maps',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...extra,
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
