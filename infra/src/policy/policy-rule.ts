/** One block of the synthesized Terraform JSON: a resource, data source, provider, output or backend. */
export interface SynthBlock {
  /** Terraform type (`aws_s3_bucket`), `data.<type>`, `provider.<name>`, `output` or `backend.<type>`. */
  readonly type: string;
  /** Logical name inside the stack. */
  readonly name: string;
  /** Construct path (`cmipro-prod-data/database/instance`), or the stack path for non-resources. */
  readonly path: string;
  /** Attributes as Terraform reads them (snake_case keys, references as `${...}`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary provider schemas
  readonly config: Record<string, any>;
}

/** Everything a rule can look at in one stack. */
export interface PolicyContext {
  readonly stackName: string;
  readonly blocks: readonly SynthBlock[];
  ofType(type: string): readonly SynthBlock[];
  /** `${type.name.attribute}`: how another block in the stack refers to this one. */
  ref(block: SynthBlock, attribute: string): string;
}

/** A policy rule, modelled on one of cdk-nag's AwsSolutions checks. */
export interface PolicyRule {
  /** Stable id, e.g. `CMIPRO-S3-1`. */
  readonly id: string;
  /** What the rule requires. */
  readonly title: string;
  /** The cdk-nag rule it corresponds to, when there is one. */
  readonly nag?: string;
  /** Block types the rule inspects. */
  readonly types: readonly string[];
  /** How to fix a violation. */
  readonly fix: string;
  /** Returns why the block violates the rule, or undefined when it complies. */
  check(block: SynthBlock, context: PolicyContext): string | undefined;
}

/** A rule that fired, with where and how to fix it. */
export interface PolicyViolation {
  readonly ruleId: string;
  readonly path: string;
  readonly type: string;
  readonly problem: string;
  readonly fix: string;
}

/** Small readers shared by the rules. */
export const asArray = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value as T];

/** A nested block rendered either as an object or as a one-element list. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary provider schemas
export const nested = (value: unknown): Record<string, any> | undefined =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (Array.isArray(value) ? value[0] : value) as Record<string, any> | undefined;

/** Parses a policy document attribute; undefined when it is not literal JSON. */
export function parsePolicy(value: unknown): { Statement: readonly Record<string, unknown>[] } | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const doc = JSON.parse(value) as { Statement?: unknown };
    return { Statement: asArray(doc.Statement as Record<string, unknown> | readonly Record<string, unknown>[]) as readonly Record<string, unknown>[] };
  } catch {
    return undefined;
  }
}

/** True when some block of `type` in the stack has `attribute` referring to `target`. */
export function isReferencedBy(context: PolicyContext, target: SynthBlock, type: string, attribute: string, via: readonly string[] = ['id']): boolean {
  const refs = new Set(via.map((a) => context.ref(target, a)));
  return context.ofType(type).some((b) => refs.has(b.config[attribute]));
}
