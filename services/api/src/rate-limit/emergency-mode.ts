import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Redis } from 'ioredis';
import { rateLimitConfig } from '../config/rate-limit.config.js';
import { REDIS_CLIENT } from '../redis/redis.module.js';

/** The Redis key whose presence means emergency mode; incident response sets it (with a one-hour expiry). */
export function emergencyModeKey(keyPrefix: string): string {
  return `${keyPrefix}:emergency`;
}

/**
 * Reads emergency mode from the shared store, at most once per refresh interval per instance
 * (one read in flight at a time). When Redis cannot be read the last known state stands.
 */
@Injectable()
export class EmergencyMode {
  private active = false;
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | undefined;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    @Inject(rateLimitConfig.KEY) private readonly config: ConfigType<typeof rateLimitConfig>,
  ) {}

  /** The multiplier for non-admin limits: the configured factor while emergency mode is on, else 1. */
  async factor(): Promise<number> {
    if (this.redis && Date.now() - this.readAt >= this.config.emergencyRefreshMs) await (this.reading ??= this.read(this.redis));
    return this.active ? this.config.emergencyFactor : 1;
  }

  private async read(redis: Redis): Promise<void> {
    try {
      this.active = (await redis.exists(emergencyModeKey(this.config.keyPrefix))) === 1;
    } catch {
      // Unreachable Redis: the limiter's own fallback raises the outage event; keep the last known mode.
    } finally {
      this.readAt = Date.now();
      this.reading = undefined;
    }
  }
}
