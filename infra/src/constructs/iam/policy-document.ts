/** An IAM principal block. */
export interface Principal {
  readonly AWS?: string | readonly string[];
  readonly Service?: string | readonly string[];
}

/** One IAM policy statement (the JSON shape AWS reads). */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  /** Omitted only in trust (assume-role) policies. */
  readonly Resource?: string | readonly string[];
  readonly Principal?: Principal | '*';
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;
}

/**
 * Renders statements as a policy document string. Tokens (ARNs of other resources) stay
 * inside the string and cdktf resolves them to Terraform interpolations.
 */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  if (statements.length === 0) throw new Error('A policy document needs at least one statement.');
  const sids = statements.map((s) => s.Sid);
  const duplicate = sids.find((sid, i) => sids.indexOf(sid) !== i);
  if (duplicate) throw new Error(`Statement id '${duplicate}' appears twice; give every statement its own Sid.`);
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Trust policy letting one AWS service assume a role, optionally only from this account. */
export function assumeRolePolicy(service: string, sourceAccount?: string): string {
  return policyDocument([
    {
      Sid: 'AssumeByService',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: { Service: service },
      ...(sourceAccount ? { Condition: { StringEquals: { 'aws:SourceAccount': sourceAccount } } } : {}),
    },
  ]);
}
