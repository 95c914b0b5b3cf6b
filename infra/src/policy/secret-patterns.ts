// What a secret looks like, in a variable name or in a value. Shared by the task-definition
// construct (eager check), the policy rules and the cdktf.out scan test.

/** Environment-variable names that must come from `secrets`, never `environment`. */
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_?KEY|API_?KEY|ACCESS_?KEY|CREDENTIAL|DATABASE_URL|REDIS_URL|CONNECTION_STRING)/i;

export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Values that are secrets whatever the key they sit under. */
export const SECRET_VALUE_PATTERNS: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'AWS access key id', pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'AWS secret access key', pattern: /aws_?secret_?access_?key["'\s:=]+[A-Za-z0-9/+]{40}/i },
  { name: 'PEM private key', pattern: /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/ },
  { name: 'URL with embedded password', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"]+:[^\s@/"$]+@/i },
  { name: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { name: 'Slack token', pattern: /\bxox[baprs]-[A-Za-z0-9-]{10,}\b/ },
  { name: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
];

/** Terraform arguments that carry a secret and must be a reference, never a literal. */
export const SECRET_ARGUMENTS = ['password', 'master_password', 'auth_token', 'secret_string', 'secret_binary', 'client_secret', 'private_key', 'secret_key'] as const;

/**
 * True when a secret argument's value comes from references: once every `${...}` is removed,
 * no token-like literal (16+ key characters mixing letters and digits) is left.
 */
export function isReference(value: unknown): boolean {
  if (typeof value !== 'string' || !value.includes('${')) return false;
  const literal = value.replace(/\$\{[^}]*\}/g, '');
  return !(literal.match(/[A-Za-z0-9+/=_-]{16,}/g) ?? []).some((run) => /[A-Za-z]/.test(run) && /\d/.test(run));
}
