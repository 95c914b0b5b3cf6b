import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import type { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from './policy-document.js';

/**
 * Attaches an inline policy to a role, in the scope that owns the resources it grants on
 * (the stack creating an IP set grants access to it, as CDK's `grant*` methods do).
 */
export function grantToRole(scope: Construct, id: string, roleName: string, statements: readonly PolicyStatement[]): IamRolePolicy {
  return new IamRolePolicy(scope, id, { role: roleName, name: id, policy: policyDocument(statements) });
}
