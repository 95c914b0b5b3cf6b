import { once } from 'node:events';
import { Logger, type OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import type { MemoryThrottlerStorage } from './memory-throttler.storage.js';
import type { ThrottlerStorageRecord } from './sliding-window.js';

/** Where a request was counted: the shared store, this instance during an outage, or this instance by design (no REDIS_URL). */
export type RateLimitSource = 'redis' | 'fallback' | 'embedded';

export interface StoreCheck {
  readonly source: RateLimitSource;
  /** True for exactly one call per outage: the one that found Redis gone (it raises the security event). */
  readonly outageStarted: boolean;
}

/** The throttler's record plus the limit actually enforced (an outage enforces a share of it). */
export interface RateLimitRecord extends ThrottlerStorageRecord, StoreCheck {
  readonly limit: number;
}

/** After a command fails on a connected client (a hung server), only one request per interval tries Redis again. */
const PROBE_INTERVAL_MS = 500;
/** At boot, how long to wait for the first connection before serving from the fallback. */
const STARTUP_WAIT_MS = 3000;

/**
 * The storage the guard uses: Redis when it answers, otherwise the in-process window with a
 * per-instance share of each limit (whole limits when no Redis is configured at all). It never throws, so a Redis failure is never a 500; it
 * goes back to Redis as soon as the client is connected again (ioredis reconnects on its own).
 */
export class ResilientThrottlerStorage implements ThrottlerStorage, OnModuleInit {
  private readonly logger = new Logger('RateLimit');
  private down = false;
  private probeAt = 0;

  constructor(
    private readonly redis: Redis | null,
    private readonly shared: ThrottlerStorage | null,
    private readonly local: MemoryThrottlerStorage,
    private readonly fallbackShare: number,
  ) {}

  /** Lets the first requests after boot use Redis instead of reporting a connection still being made as an outage. */
  async onModuleInit(): Promise<void> {
    if (!this.redis || this.redis.status === 'ready') return;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), STARTUP_WAIT_MS);
    // `once` also settles on an 'error' event: Redis refusing at boot is an outage from the first request.
    await once(this.redis, 'ready', { signal: timeout.signal }).catch(() => undefined);
    clearTimeout(timer);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<RateLimitRecord> {
    if (!this.shared) return this.locally({ source: 'embedded', outageStarted: false }, key, ttl, limit, blockDuration, throttlerName);
    if (!this.usable()) return this.locally(this.markDown(), key, ttl, limit, blockDuration, throttlerName);
    try {
      const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      this.markUp();
      return { ...record, limit, source: 'redis', outageStarted: false };
    } catch (error) {
      return this.locally(this.markDown(error), key, ttl, limit, blockDuration, throttlerName);
    }
  }

  /** Whether requests are counted in the shared store right now (writes need it: they fail closed without). */
  async check(): Promise<StoreCheck> {
    if (!this.redis) return { source: 'embedded', outageStarted: false };
    if (!this.usable()) return this.markDown();
    if (!this.down) return { source: 'redis', outageStarted: false };
    try {
      await this.redis.ping();
      this.markUp();
      return { source: 'redis', outageStarted: false };
    } catch (error) {
      return this.markDown(error);
    }
  }

  private usable(): boolean {
    if (this.redis?.status !== 'ready') return false;
    if (!this.down) return true;
    if (Date.now() < this.probeAt) return false;
    this.probeAt = Date.now() + PROBE_INTERVAL_MS;
    return true;
  }

  private markDown(error?: unknown): StoreCheck {
    // A refused connection (client not ready) is retried as soon as ioredis reconnects; a failed command waits for the probe.
    if (error !== undefined) this.probeAt = Date.now() + PROBE_INTERVAL_MS;
    if (this.down) return { source: 'fallback', outageStarted: false };
    this.down = true;
    const cause = error instanceof Error ? error.message : `client ${this.redis?.status ?? 'absent'}`;
    this.logger.warn(`Redis unreachable (${cause}): limiting in process at ${this.fallbackShare} of each limit; writes refused`);
    return { source: 'fallback', outageStarted: true };
  }

  private markUp(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log('Redis answers again: shared rate limits resumed');
  }

  private async locally(check: StoreCheck, key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<RateLimitRecord> {
    // Without REDIS_URL this instance is the only one (development), so it enforces whole limits.
    const share = check.source === 'embedded' ? limit : Math.max(1, Math.floor(limit * this.fallbackShare));
    const record = await this.local.increment(key, ttl, share, blockDuration, throttlerName);
    return { ...record, limit: share, ...check };
  }
}
