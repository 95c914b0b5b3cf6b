import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SECRET_ARGUMENTS, SECRET_VALUE_PATTERNS, isReference } from './policy/secret-patterns.js';
import { synthStages } from './testing/synth.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every `key: value` leaf of a JSON document. */
function* entries(value: unknown, key = ''): Generator<[string, unknown]> {
  if (Array.isArray(value)) for (const v of value) yield* entries(v, key);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* entries(v, k);
  else yield [key, value];
}

describe('cdktf.out', () => {
  it('contains no secret value: no keys, passwords, tokens or credentials', () => {
    const { outdir, cleanup } = synthStages();
    try {
      const files = filesUnder(outdir);
      let secretArguments = 0;
      assert.ok(files.filter((f) => f.endsWith('cdk.tf.json')).length >= 10, 'the app was not synthesized');
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        for (const { name, pattern } of SECRET_VALUE_PATTERNS) assert.doesNotMatch(text, pattern, `${name} in ${file}`);
        assert.doesNotMatch(text, /aws_secret_access_key|AWS_SECRET_ACCESS_KEY/, file);
        if (!file.endsWith('.json')) continue;
        for (const [key, value] of entries(JSON.parse(text))) {
          if (!(SECRET_ARGUMENTS as readonly string[]).includes(key)) continue;
          secretArguments++;
          assert.ok(isReference(value), `${key} in ${file} is a literal`);
        }
      }
      // Redis auth_token and its connection secret_string, in both stages: the scan did look at them.
      assert.ok(secretArguments >= 4, `only ${secretArguments} secret arguments seen`);
    } finally {
      cleanup();
    }
  });
});
