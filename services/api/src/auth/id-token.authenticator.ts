import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DEFAULT_ROLE, isRole } from '@cmipro/shared';
import type { Auth, DecodedIdToken } from 'firebase-admin/auth';
import { firebaseConfig } from '../config/firebase.config.js';
import { SecurityEvents } from '../security/security-events.js';
import { AuthFailure } from './auth-failure.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { FIREBASE_AUTH } from './firebase-admin.provider.js';
import { UserStatusService, type LookupContext } from './user-status/user-status.service.js';
import { VerifiedTokenCache, type VerifiedClaims } from './verified-token.cache.js';

/** Firebase ID tokens are ~1 kB (custom claims are capped at 1000 bytes); anything far larger is refused unparsed. */
export const MAX_TOKEN_LENGTH = 4096;
/** Clock skew tolerated on `iat` / `auth_time` (firebase-admin does not check `iat` at all). */
export const MAX_FUTURE_SKEW_S = 300;

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The token from `Authorization: Bearer <token>`; anything else is "no credentials for this API". */
export function bearerToken(authorization: string | undefined): string {
  if (!authorization) throw new AuthFailure('missing', 'no_authorization_header');
  const match = /^Bearer[ ]+(\S*)\s*$/i.exec(authorization);
  if (!match) throw new AuthFailure('missing', 'not_bearer_scheme', { scheme: authorization.split(' ')[0]?.slice(0, 16) });
  const token = match[1]!;
  if (token.length > MAX_TOKEN_LENGTH) throw new AuthFailure('invalid', 'token_too_long', { length: token.length });
  if (!JWT_SHAPE.test(token)) throw new AuthFailure('invalid', 'not_a_jwt');
  return token;
}

/** Firebase's error code and text, for the security log only. */
function sdkFailure(error: unknown): AuthFailure {
  const code = String((error as { code?: unknown }).code ?? 'unknown');
  const message = error instanceof Error ? error.message : String(error);
  return new AuthFailure(code === 'auth/id-token-expired' ? 'expired' : 'invalid', 'sdk_rejected', { code, message });
}

/**
 * Verifies `Authorization: Bearer <Firebase ID token>` and says who is calling. On top of
 * firebase-admin's checks (RS256 signature against Google's keys, `kid`, `aud`, `iss`, `exp`,
 * `sub`): `iat` and `auth_time` not in the future beyond the skew, the admin session age,
 * the role claim, and the user's disabled / revoked status from the shared cache.
 */
@Injectable()
export class IdTokenAuthenticator {
  private readonly cache: VerifiedTokenCache;

  constructor(
    @Inject(FIREBASE_AUTH) private readonly auth: Auth,
    @Inject(firebaseConfig.KEY) private readonly config: ConfigType<typeof firebaseConfig>,
    private readonly statuses: UserStatusService,
    @Inject(SecurityEvents) private readonly events: SecurityEvents,
  ) {
    this.cache = new VerifiedTokenCache(config.tokenCacheTtlS * 1000);
  }

  async authenticate(authorization: string | undefined, context: LookupContext): Promise<AuthenticatedUser> {
    const token = bearerToken(authorization);
    const key = VerifiedTokenCache.keyOf(token);
    const claims = this.cache.get(key, Date.now()) ?? (await this.verify(token, key, context));
    const nowS = Date.now() / 1000;
    if (claims.role === 'admin' && nowS - claims.authTime > this.config.adminSessionMaxAgeS) {
      throw new AuthFailure('expired', 'admin_session_too_old', { uid: claims.uid, authTime: claims.authTime });
    }
    const status = await this.statuses.statusOf(claims.uid, context);
    if (status.disabled) throw new AuthFailure('invalid', 'user_disabled', { uid: claims.uid });
    if (claims.authTime < status.validAfterSec) {
      throw new AuthFailure('invalid', 'token_revoked', { uid: claims.uid, authTime: claims.authTime, validAfter: status.validAfterSec });
    }
    return { uid: claims.uid, role: claims.role, mfa: claims.mfa, authTime: claims.authTime };
  }

  /** The RS256 path: once per token per instance (until min(exp, cache TTL)). */
  private async verify(token: string, key: string, context: LookupContext): Promise<VerifiedClaims> {
    let decoded: DecodedIdToken;
    try {
      decoded = await this.auth.verifyIdToken(token);
    } catch (error) {
      throw sdkFailure(error);
    }
    const nowS = Math.floor(Date.now() / 1000);
    if (typeof decoded.iat !== 'number' || decoded.iat > nowS + MAX_FUTURE_SKEW_S) {
      throw new AuthFailure('invalid', 'iat_in_future', { iat: decoded.iat });
    }
    if (typeof decoded.auth_time !== 'number' || decoded.auth_time > nowS + MAX_FUTURE_SKEW_S) {
      throw new AuthFailure('invalid', 'bad_auth_time', { authTime: decoded.auth_time });
    }
    const claims: VerifiedClaims = {
      uid: decoded.uid,
      role: this.roleOf(decoded, context),
      mfa: typeof decoded.firebase?.sign_in_second_factor === 'string',
      authTime: decoded.auth_time,
    };
    this.cache.set(key, claims, decoded.exp * 1000, Date.now());
    return claims;
  }

  /** Missing claim: the default role. Unknown claim: the default role and a security event. */
  private roleOf(decoded: DecodedIdToken, context: LookupContext): VerifiedClaims['role'] {
    const claim: unknown = decoded.role;
    if (isRole(claim)) return claim;
    if (claim !== undefined) {
      this.events.record({
        type: 'unknown_role_claim',
        uid: decoded.uid,
        ...context,
        success: true,
        details: { claim: String(claim).slice(0, 64) },
      });
    }
    return DEFAULT_ROLE;
  }
}
