/** What Firebase says about a user that a valid signature cannot tell: disabled, or signed out everywhere. */
export interface UserStatus {
  readonly disabled: boolean;
  /** Tokens whose `auth_time` is before this (seconds since the epoch) are revoked. */
  readonly validAfterSec: number;
}

/** A short-lived cache of user statuses, shared by every API instance when it lives in Redis. */
export interface UserStatusStore {
  get(uid: string): Promise<UserStatus | undefined>;
  /** Caches a status just read from Firebase, unless one is already there (an admin's change wins a race). */
  fill(uid: string, status: UserStatus): Promise<void>;
  /** Replaces the status after an admin change, so every instance sees it on its next request. */
  put(uid: string, status: UserStatus): Promise<void>;
}

export const UserStatusStore = Symbol('UserStatusStore');

export function parseUserStatus(raw: string | null): UserStatus | undefined {
  if (!raw) return undefined;
  const value = JSON.parse(raw) as Partial<UserStatus>;
  if (typeof value.disabled !== 'boolean' || typeof value.validAfterSec !== 'number') return undefined;
  return { disabled: value.disabled, validAfterSec: value.validAfterSec };
}
