import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Auth } from 'firebase-admin/auth';
import { SecurityEvents, type SecurityEvent } from '../../security/security-events.js';
import { AuthStatusUnavailable } from '../auth-failure.js';
import { FIREBASE_AUTH } from '../firebase-admin.provider.js';
import { MemoryUserStatusStore } from './memory-user-status.store.js';
import { UserStatusStore, type UserStatus } from './user-status.store.js';

/** Where a lookup came from, for the security events it may raise. */
export type LookupContext = Pick<SecurityEvent, 'ip' | 'userAgent' | 'endpoint'>;

const DEGRADED_EVENT_INTERVAL_MS = 60_000;

/**
 * A user's status through the shared cache, asking Firebase only on a miss (one lookup per
 * user per TTL, concurrent misses coalesced), instead of the seed's lookup per request.
 */
@Injectable()
export class UserStatusService {
  private readonly logger = new Logger('UserStatus');
  private readonly inFlight = new Map<string, Promise<UserStatus>>();
  private lastDegradedEvent = 0;

  constructor(
    @Inject(FIREBASE_AUTH) private readonly auth: Auth,
    @Inject(UserStatusStore) private readonly store: UserStatusStore,
    /** This instance's own cache, used while the shared store fails. */
    private readonly fallback: MemoryUserStatusStore,
    @Inject(SecurityEvents) private readonly events: SecurityEvents,
  ) {}

  async statusOf(uid: string, context: LookupContext): Promise<UserStatus> {
    let store = this.store;
    let cached: UserStatus | undefined;
    try {
      cached = await store.get(uid);
    } catch (error) {
      this.degraded(error, context);
      store = this.fallback;
      cached = await store.get(uid);
    }
    if (cached) return cached;
    let lookup = this.inFlight.get(uid);
    if (!lookup) {
      lookup = this.lookup(uid).finally(() => this.inFlight.delete(uid));
      this.inFlight.set(uid, lookup);
    }
    const status = await lookup;
    await store.fill(uid, status).catch(() => undefined);
    return status;
  }

  /** Reads the user back from Firebase after an admin change and publishes it to every instance. */
  async refresh(uid: string): Promise<{ status: UserStatus; propagated: boolean }> {
    const status = await this.lookup(uid);
    await this.fallback.put(uid, status);
    if (this.store === this.fallback) return { status, propagated: false };
    try {
      await this.store.put(uid, status);
      return { status, propagated: true };
    } catch (error) {
      this.logger.error(`user status not propagated: ${error instanceof Error ? error.message : String(error)}`);
      return { status, propagated: false };
    }
  }

  private degraded(error: unknown, context: LookupContext): void {
    const now = Date.now();
    if (now - this.lastDegradedEvent < DEGRADED_EVENT_INTERVAL_MS) return;
    this.lastDegradedEvent = now;
    this.events.record({
      type: 'auth_status_store_degraded',
      ...context,
      success: false,
      details: { error: error instanceof Error ? error.message : String(error) },
    });
  }

  private async lookup(uid: string): Promise<UserStatus> {
    try {
      const user = await this.auth.getUser(uid);
      const validAfterMs = user.tokensValidAfterTime ? Date.parse(user.tokensValidAfterTime) : 0;
      return { disabled: user.disabled, validAfterSec: Math.floor((Number.isFinite(validAfterMs) ? validAfterMs : 0) / 1000) };
    } catch (error) {
      // A deleted user is refused like a disabled one.
      if ((error as { code?: unknown }).code === 'auth/user-not-found') return { disabled: true, validAfterSec: 0 };
      throw new AuthStatusUnavailable(error);
    }
  }
}
