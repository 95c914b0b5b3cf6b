// Test support (not a test file): synthesizes stacks into a temp folder under infra/.tmp
// (Testing.app() would leave one in the system temp dir per call) and reads them back.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Testing, TerraformStack, type App } from 'cdktf';
import { addStage, type StageStacks } from '../app.js';
import type { StageConfig } from '../config/stage-config.js';
import { STAGES } from '../config/stages.js';

/** infra/.tmp (this file compiles to infra/dist/testing/). */
export const TMP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '.tmp');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Terraform JSON
export type TfJson = Record<string, any>;

/** A fresh App writing to its own folder under infra/.tmp; call `cleanup` when done. */
export function testApp(): { app: App; outdir: string; cleanup: () => void } {
  mkdirSync(TMP_ROOT, { recursive: true });
  const outdir = mkdtempSync(join(TMP_ROOT, 'synth-'));
  return { app: Testing.app({ outdir }), outdir, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** Synthesizes the whole app for the given stages and returns every stack's JSON by name. */
export function synthStages(configs: readonly StageConfig[] = Object.values(STAGES)): {
  stacks: Record<string, TfJson>;
  stages: StageStacks[];
  outdir: string;
  cleanup: () => void;
} {
  const { app, outdir, cleanup } = testApp();
  const stages = configs.map((c) => addStage(app, c));
  app.synth();
  const stacks: Record<string, TfJson> = {};
  for (const name of readdirSync(join(outdir, 'stacks'))) {
    stacks[name] = JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as TfJson;
  }
  return { stacks, stages, outdir, cleanup };
}

/** Synthesizes one stack built by `build` (plus its aspects) and returns its JSON. */
export function synthStack(build: (stack: TerraformStack) => void): TfJson {
  const { app, cleanup } = testApp();
  try {
    const stack = new TerraformStack(app, 'test');
    build(stack);
    return JSON.parse(Testing.synth(stack)) as TfJson;
  } finally {
    cleanup();
  }
}

/** All resources of a type in a stack's JSON. */
export function resources(tf: TfJson, type: string): TfJson[] {
  return Object.values((tf.resource?.[type] ?? {}) as Record<string, TfJson>);
}

/** The one resource of a type whose construct path ends with `pathSuffix`. */
export function resource(tf: TfJson, type: string, pathSuffix: string): TfJson {
  const found = resources(tf, type).filter((r) => String(r['//']?.metadata?.path).endsWith(pathSuffix));
  if (found.length !== 1) throw new Error(`expected one ${type} at *${pathSuffix}, found ${found.length}`);
  return found[0];
}

/** `${type.<logical name>.attr}` for the resource at `pathSuffix`. */
export function refTo(tf: TfJson, type: string, pathSuffix: string, attribute = 'id'): string {
  const entry = Object.entries((tf.resource?.[type] ?? {}) as Record<string, TfJson>).find(([, r]) => String(r['//']?.metadata?.path).endsWith(pathSuffix));
  if (!entry) throw new Error(`no ${type} at *${pathSuffix}`);
  return `\${${type}.${entry[0]}.${attribute}}`;
}
