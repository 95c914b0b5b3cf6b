import { createHash } from 'node:crypto';
import type { Role } from '@cmipro/shared';
import { BoundedTtlMap } from '../common/bounded-ttl-map.js';

/** What a verified ID token established; everything time-dependent is re-checked per request. */
export interface VerifiedClaims {
  readonly uid: string;
  readonly role: Role;
  readonly mfa: boolean;
  readonly authTime: number;
}

const MAX_ENTRIES = 10_000;

/**
 * Verified tokens of this instance, keyed by a SHA-256 of the token (the token itself is a
 * bearer credential and is never stored), kept until min(exp, ttl). A client's repeated
 * calls then skip the RS256 work; user status is still checked on every request.
 */
export class VerifiedTokenCache {
  private readonly entries = new BoundedTtlMap<VerifiedClaims>(MAX_ENTRIES);

  constructor(private readonly ttlMs: number) {}

  static keyOf(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }

  get(key: string, now: number): VerifiedClaims | undefined {
    return this.entries.get(key, now);
  }

  set(key: string, claims: VerifiedClaims, expMs: number, now: number): void {
    const expiresAt = Math.min(expMs, now + this.ttlMs);
    if (expiresAt > now) this.entries.set(key, claims, expiresAt);
  }
}
