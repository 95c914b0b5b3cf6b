import { TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { PolicyContext, PolicyRule, PolicyViolation, SynthBlock } from './policy-rule.js';
import { COMPUTE_RULES } from './rules/compute-rules.js';
import { DATA_RULES } from './rules/data-rules.js';
import { EDGE_RULES } from './rules/edge-rules.js';
import { IDENTITY_RULES } from './rules/identity-rules.js';
import { NETWORK_RULES } from './rules/network-rules.js';
import { SECRET_RULES } from './rules/secret-rules.js';
import { STORAGE_RULES } from './rules/storage-rules.js';
import { suppressionsUnder } from './suppressions.js';

/** Every rule of the pack. */
export const POLICY_RULES: readonly PolicyRule[] = [
  ...STORAGE_RULES,
  ...NETWORK_RULES,
  ...DATA_RULES,
  ...COMPUTE_RULES,
  ...EDGE_RULES,
  ...IDENTITY_RULES,
  ...SECRET_RULES,
];

/** The synthesized stack as blocks the rules read. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the Terraform JSON document
export function blocksOf(stackName: string, tf: Record<string, any>): SynthBlock[] {
  const blocks: SynthBlock[] = [];
  const add = (type: string, name: string, config: Record<string, unknown>) =>
    blocks.push({ type, name, path: (config['//'] as { metadata?: { path?: string } } | undefined)?.metadata?.path ?? stackName, config });
  for (const [type, byName] of Object.entries(tf.resource ?? {})) {
    for (const [name, config] of Object.entries(byName as Record<string, Record<string, unknown>>)) add(type, name, config);
  }
  for (const [type, byName] of Object.entries(tf.data ?? {})) {
    for (const [name, config] of Object.entries(byName as Record<string, Record<string, unknown>>)) add(`data.${type}`, name, config);
  }
  for (const [name, configs] of Object.entries(tf.provider ?? {})) {
    (configs as Record<string, unknown>[]).forEach((config, i) => add(`provider.${name}`, String(config.alias ?? i), config));
  }
  for (const [name, config] of Object.entries(tf.output ?? {})) add('output', name, config as Record<string, unknown>);
  for (const [type, config] of Object.entries(tf.terraform?.backend ?? {})) add(`backend.${type}`, type, config as Record<string, unknown>);
  for (const [name, value] of Object.entries(tf.locals ?? {})) add('locals', name, { value });
  return blocks;
}

/** Runs the rules over one stack's blocks, minus recorded suppressions. */
export function evaluate(
  stackName: string,
  blocks: readonly SynthBlock[],
  rules: readonly PolicyRule[],
  suppressed: (path: string, ruleId: string) => boolean = () => false,
): PolicyViolation[] {
  const context: PolicyContext = {
    stackName,
    blocks,
    ofType: (type) => blocks.filter((b) => b.type === type),
    ref: (block, attribute) => `\${${block.type}.${block.name}.${attribute}}`,
  };
  return rules.flatMap((rule) =>
    blocks
      .filter((b) => rule.types.includes('*') || rule.types.includes(b.type))
      .filter((b) => !suppressed(b.path, rule.id))
      .flatMap((b) => {
        const problem = rule.check(b, context);
        return problem ? [{ ruleId: rule.id, path: b.path, type: b.type, problem, fix: rule.fix }] : [];
      }),
  );
}

/** Thrown once per stack with every violation, each with its path, rule and fix. */
export class PolicyViolationError extends Error {
  constructor(
    readonly stackName: string,
    readonly violations: readonly PolicyViolation[],
  ) {
    super(
      `Policy pack: ${violations.length} violation(s) in stack ${stackName}:\n` +
        violations.map((v) => `  [${v.ruleId}] ${v.path} (${v.type}): ${v.problem}.\n      Fix: ${v.fix}`).join('\n'),
    );
    this.name = 'PolicyViolationError';
  }
}

/**
 * The policy pack as a cdktf aspect. Add it to every stack (`Aspects.of(stack).add(...)`):
 * aspects on the App are never invoked. It checks the stack's synthesized JSON (what
 * Terraform will read) when the stack itself is visited, and fails the synth on violations.
 */
export class PolicyAspect implements IAspect {
  constructor(private readonly rules: readonly PolicyRule[] = POLICY_RULES) {}

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    const stackName = node.node.id;
    const suppressions = suppressionsUnder(node);
    const suppressed = (path: string, ruleId: string) =>
      suppressions.some((s) => s.ruleId === ruleId && (path === s.path || path.startsWith(`${s.path}/`)));
    const violations = evaluate(stackName, blocksOf(stackName, node.toTerraform()), this.rules, suppressed);
    if (violations.length > 0) throw new PolicyViolationError(stackName, violations);
  }
}
