import { SECRET_ARGUMENTS, SECRET_VALUE_PATTERNS, isReference } from '../secret-patterns.js';
import type { PolicyRule, SynthBlock } from '../policy-rule.js';

/** Every (path, value) pair under a block, depth first. */
function* leaves(value: unknown, path: string): Generator<[string, unknown]> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* leaves(v, `${path}[${i}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== '//') yield* leaves(v, path ? `${path}.${k}` : k);
  } else {
    yield [path, value];
  }
}

function findSecrets(block: SynthBlock): string[] {
  const found: string[] = [];
  for (const [path, value] of leaves(block.config, '')) {
    const key = path.split('.').pop()?.replace(/\[\d+\]$/, '') ?? '';
    if ((SECRET_ARGUMENTS as readonly string[]).includes(key) && value !== undefined && value !== null && value !== '' && !isReference(value)) {
      found.push(`${path} is a literal`);
      continue;
    }
    if (typeof value !== 'string') continue;
    for (const { name, pattern } of SECRET_VALUE_PATTERNS) if (pattern.test(value)) found.push(`${path} contains a ${name}`);
  }
  return found;
}

export const SECRET_RULES: readonly PolicyRule[] = [
  {
    id: 'CMIPRO-SEC-1',
    title: 'No plain-text secret anywhere in the synthesized configuration',
    nag: 'AwsSolutions-SMG4 (secrets belong in Secrets Manager)',
    types: ['*'],
    fix: 'Create the value in Secrets Manager (or generate it with aws_secretsmanager_random_password) and pass a reference; never commit or synthesize a literal secret.',
    check(block) {
      const found = findSecrets(block);
      return found.length ? found.join('; ') : undefined;
    },
  },
];
