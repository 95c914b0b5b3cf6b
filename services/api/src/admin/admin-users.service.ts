import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Auth } from 'firebase-admin/auth';
import { ApiError } from '../common/errors/api-error.js';
import { FIREBASE_AUTH } from '../auth/firebase-admin.provider.js';
import { UserStatusService } from '../auth/user-status/user-status.service.js';

export interface UserActionResult {
  uid: string;
  disabled: boolean;
  tokens_valid_after: string;
  /** `false`: Firebase has the change but the shared cache could not be told; other instances see it within the status TTL. */
  propagated: boolean;
}

/** Admin actions on users: change Firebase, then publish the new status to every instance at once. */
@Injectable()
export class AdminUsersService {
  constructor(
    @Inject(FIREBASE_AUTH) private readonly auth: Auth,
    private readonly statuses: UserStatusService,
  ) {}

  /** Disables the account and revokes its refresh tokens, so it can neither call nor sign in. */
  async disable(uid: string): Promise<UserActionResult> {
    await this.firebase(() => this.auth.updateUser(uid, { disabled: true }));
    await this.firebase(() => this.auth.revokeRefreshTokens(uid));
    return this.publish(uid);
  }

  /** Revokes every token issued so far; the user must sign in again. */
  async revoke(uid: string): Promise<UserActionResult> {
    await this.firebase(() => this.auth.revokeRefreshTokens(uid));
    return this.publish(uid);
  }

  private async publish(uid: string): Promise<UserActionResult> {
    const { status, propagated } = await this.firebase(() => this.statuses.refresh(uid));
    return { uid, disabled: status.disabled, tokens_valid_after: new Date(status.validAfterSec * 1000).toISOString(), propagated };
  }

  private async firebase<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if ((error as { code?: unknown }).code === 'auth/user-not-found') throw new ApiError(HttpStatus.NOT_FOUND, 'not found');
      throw error;
    }
  }
}
