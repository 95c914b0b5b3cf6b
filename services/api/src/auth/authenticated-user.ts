import type { Role } from '@cmipro/shared';

/**
 * Who is calling, as the authentication guard leaves it on `request.user` for everything
 * after it (roles guard, rate limiter, security monitoring). Absent on `@Public()` routes
 * called without a token.
 */
export interface AuthenticatedUser {
  /** Firebase uid (`sub`). */
  readonly uid: string;
  readonly role: Role;
  /** Signed in with a second factor (`firebase.sign_in_second_factor`). */
  readonly mfa: boolean;
  /** Seconds since the epoch at which the user signed in (`auth_time`). */
  readonly authTime: number;
}
