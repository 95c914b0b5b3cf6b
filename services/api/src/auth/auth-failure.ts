import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/errors/api-error.js';

/** How a refusal reads to the client: one of three fixed texts, never the cause. */
export type AuthFailureKind = 'missing' | 'invalid' | 'expired';

const PUBLIC_MESSAGES: Record<AuthFailureKind, string> = {
  missing: 'authentication required',
  invalid: 'invalid token',
  expired: 'token expired',
};

/** Credentials refused. `reason` and `detail` are for the security log only. */
export class AuthFailure extends Error {
  constructor(
    readonly kind: AuthFailureKind,
    readonly reason: string,
    readonly detail: Readonly<Record<string, unknown>> = {},
  ) {
    super(reason);
    this.name = 'AuthFailure';
  }
}

/** The user's status could not be established (Firebase unreachable): refuse, but not as the caller's fault. */
export class AuthStatusUnavailable extends Error {
  constructor(override readonly cause: unknown) {
    super('user status unavailable');
    this.name = 'AuthStatusUnavailable';
  }
}

/** The 401 a client sees (RFC 6750 §3: no error code when no credentials were sent). */
export function unauthorized(kind: AuthFailureKind): ApiError {
  const challenge = kind === 'missing' ? 'Bearer realm="cmipro"' : 'Bearer realm="cmipro", error="invalid_token"';
  return new ApiError(HttpStatus.UNAUTHORIZED, PUBLIC_MESSAGES[kind], [], { 'www-authenticate': challenge });
}
