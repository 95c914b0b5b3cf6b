import { BoundedTtlMap } from '../../common/bounded-ttl-map.js';
import type { UserStatus, UserStatusStore } from './user-status.store.js';

const MAX_ENTRIES = 50_000;

/**
 * The per-instance store: used when REDIS_URL is unset (development) and while Redis is
 * unreachable. An admin's change reaches other instances only when their entry expires.
 */
export class MemoryUserStatusStore implements UserStatusStore {
  private readonly entries = new BoundedTtlMap<UserStatus>(MAX_ENTRIES);

  constructor(private readonly ttlMs: number) {}

  async get(uid: string): Promise<UserStatus | undefined> {
    return this.entries.get(uid);
  }

  async fill(uid: string, status: UserStatus): Promise<void> {
    if (!this.entries.get(uid)) await this.put(uid, status);
  }

  async put(uid: string, status: UserStatus): Promise<void> {
    this.entries.set(uid, status, Date.now() + this.ttlMs);
  }
}
