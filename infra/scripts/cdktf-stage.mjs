#!/usr/bin/env node
// Runs cdktf for every layer of one stage, in deploy order (build infra first):
//   node infra/scripts/cdktf-stage.mjs plan dev     -> `cdktf diff` per layer stack
//   node infra/scripts/cdktf-stage.mjs deploy prod  -> `cdktf deploy <all five> --auto-approve`
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAGE_NAMES } from '../dist/config/stage-config.js';
import { LAYERS, stackName } from '../dist/stacks/layer-stack.js';

const [command, stage] = process.argv.slice(2);
if (!['plan', 'deploy'].includes(command) || !STAGE_NAMES.includes(stage)) {
  console.error(`usage: cdktf-stage.mjs <plan|deploy> <${STAGE_NAMES.join('|')}>`);
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stacks = LAYERS.map((layer) => stackName(stage, layer));
const cdktf = (args) => {
  console.log(`$ cdktf ${args.join(' ')}`);
  const result = spawnSync('npx', ['--no-install', 'cdktf', ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (command === 'plan') {
  // Later layers plan against the applied state of earlier ones (unknown until they exist).
  for (const stack of stacks) cdktf(['diff', stack]);
} else {
  // cdktf orders the stacks by their cross-stack references: monitoring, network, data, service, edge.
  cdktf(['deploy', ...stacks, '--auto-approve']);
}
