import type { Redis } from 'ioredis';
import { parseUserStatus, type UserStatus, type UserStatusStore } from './user-status.store.js';

const PREFIX = 'cmipro:auth:user-status:';

/**
 * Statuses in Redis, one key per user with a TTL: every instance reads the same entry on
 * every request, so an admin's `put` takes effect at once everywhere (no pub/sub needed).
 * Single-key commands only, so it is Redis-Cluster-safe. Errors propagate: the caller
 * decides how to degrade.
 */
export class RedisUserStatusStore implements UserStatusStore {
  constructor(
    private readonly redis: Redis,
    private readonly ttlS: number,
  ) {}

  async get(uid: string): Promise<UserStatus | undefined> {
    return parseUserStatus(await this.redis.get(PREFIX + uid));
  }

  async fill(uid: string, status: UserStatus): Promise<void> {
    await this.redis.set(PREFIX + uid, JSON.stringify(status), 'EX', this.ttlS, 'NX');
  }

  async put(uid: string, status: UserStatus): Promise<void> {
    await this.redis.set(PREFIX + uid, JSON.stringify(status), 'EX', this.ttlS);
  }
}
