#!/usr/bin/env node
// Sums the TAP results every workspace's test run left in .tmp/test-results/ and prints
// one closing line for the whole repository. `--reset` clears them before a run.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '.tmp', 'test-results');
if (process.argv.includes('--reset')) {
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
const totals = { pass: 0, fail: 0, skipped: 0 };
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.tap')) : [];
for (const file of files) {
  const text = readFileSync(join(dir, file), 'utf8');
  for (const key of Object.keys(totals)) {
    const match = text.match(new RegExp(`^# ${key === 'skipped' ? 'skipped' : key} (\\d+)$`, 'm'));
    if (match) totals[key] += Number(match[1]);
  }
}
console.log(`\ntests: ${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
process.exit(totals.fail > 0 || totals.pass === 0 ? 1 : 0);
