import type { IConstruct } from 'constructs';

const SUPPRESSION = 'cmipro:policy-suppression';

/** An accepted exception to one policy rule for one construct and everything below it. */
export interface PolicySuppression {
  readonly path: string;
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * Records, on the construct itself, why a rule does not apply to it (like cdk-nag's
 * NagSuppressions). The reason is mandatory and shows in review.
 */
export function suppressPolicyRule(construct: IConstruct, ruleId: string, reason: string): void {
  if (reason.trim().length < 20) {
    throw new Error(`${construct.node.path}: suppressing ${ruleId} needs a reason of at least 20 characters saying why the rule does not apply.`);
  }
  construct.node.addMetadata(SUPPRESSION, { ruleId, reason });
}

/** Every suppression recorded under `root`. */
export function suppressionsUnder(root: IConstruct): PolicySuppression[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === SUPPRESSION)
      .map((m) => {
        const data = m.data as { ruleId: string; reason: string };
        return { path: c.node.path, ruleId: data.ruleId, reason: data.reason };
      }),
  );
}
