import type { UserStatus, UserStatusStore } from './user-status.store.js';

const MAX_ENTRIES = 50_000;

/**
 * The per-instance store: used when REDIS_URL is unset (development) and while Redis is
 * unreachable. An admin's change reaches other instances only when their entry expires.
 */
export class MemoryUserStatusStore implements UserStatusStore {
  private readonly entries = new Map<string, { status: UserStatus; expiresAt: number }>();

  constructor(private readonly ttlMs: number) {}

  async get(uid: string): Promise<UserStatus | undefined> {
    const entry = this.entries.get(uid);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.status;
    this.entries.delete(uid);
    return undefined;
  }

  async fill(uid: string, status: UserStatus): Promise<void> {
    if (!(await this.get(uid))) await this.put(uid, status);
  }

  async put(uid: string, status: UserStatus): Promise<void> {
    this.entries.delete(uid);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(uid, { status, expiresAt: Date.now() + this.ttlMs });
  }
}
