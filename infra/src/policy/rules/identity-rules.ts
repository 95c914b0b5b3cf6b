import { asArray, parsePolicy, type PolicyRule } from '../policy-rule.js';

/** `*` or `service:*`: a whole service (or everything) rather than named actions. */
const WILDCARD_ACTION = /^(\*|[a-z0-9-]+:\*)$/i;

export const IDENTITY_RULES: readonly PolicyRule[] = [
  {
    id: 'CMIPRO-IAM-1',
    title: 'Identity policies name their actions (no `*` or `service:*`)',
    nag: 'AwsSolutions-IAM5',
    types: ['aws_iam_role_policy', 'aws_iam_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'],
    fix: 'List the exact actions the principal needs (e.g. secretsmanager:GetSecretValue) instead of a service wildcard.',
    check(policy) {
      const bad = (parsePolicy(policy.config.policy)?.Statement ?? [])
        .filter((s) => s.Effect === 'Allow')
        .flatMap((s) => asArray(s.Action as string | string[]).filter((a) => WILDCARD_ACTION.test(a)));
      return bad.length ? `wildcard actions ${bad.join(', ')}` : undefined;
    },
  },
  {
    id: 'CMIPRO-IAM-2',
    title: 'Roles are assumable only by named principals, never by anyone',
    nag: 'AwsSolutions-IAM4 (trust scope)',
    types: ['aws_iam_role'],
    fix: "Trust a service principal (e.g. ecs-tasks.amazonaws.com) or a specific role ARN; add an aws:SourceAccount condition for services.",
    check(role) {
      const open = (parsePolicy(role.config.assume_role_policy)?.Statement ?? []).filter((s) => {
        if (s.Effect !== 'Allow') return false;
        const p = s.Principal as '*' | { AWS?: string | string[] } | undefined;
        return p === '*' || asArray(typeof p === 'object' ? p.AWS : undefined).includes('*');
      });
      return open.length ? 'trust policy allows any principal' : undefined;
    },
  },
];
