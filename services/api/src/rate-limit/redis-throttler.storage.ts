import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { SLIDING_LOG_SCRIPT, SLIDING_SLOTS_SCRIPT } from './sliding-window.lua.js';
import { SLOTS, toRecord, windowMode, type ThrottlerStorageRecord } from './sliding-window.js';

type ScriptReply = [number, number, number, number];

/** The two scripts, registered once per client and then called by SHA (ioredis falls back to EVAL after a server restart). */
interface SlidingWindowCommands {
  cmiproSlidingLog(hits: string, block: string, windowMs: number, limit: number, blockMs: number): Promise<ScriptReply>;
  cmiproSlidingSlots(hits: string, block: string, windowMs: number, limit: number, blockMs: number, slots: number): Promise<ScriptReply>;
}

/** Sliding-window counts shared by every instance: one atomic script per request (see sliding-window.lua.ts). */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly commands: SlidingWindowCommands;

  constructor(
    redis: Redis,
    private readonly keyPrefix: string,
  ) {
    redis.defineCommand('cmiproSlidingLog', { numberOfKeys: 2, lua: SLIDING_LOG_SCRIPT });
    redis.defineCommand('cmiproSlidingSlots', { numberOfKeys: 2, lua: SLIDING_SLOTS_SCRIPT });
    this.commands = redis as unknown as SlidingWindowCommands;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    // One hash tag per caller and limit: both keys land in the same Cluster slot.
    const tag = `{${this.keyPrefix}:${throttlerName}:${key}}`;
    const mode = windowMode(limit);
    const [totalHits, msToExpire, blocked, msToUnblock] =
      mode === 'log'
        ? await this.commands.cmiproSlidingLog(`${tag}:log`, `${tag}:block`, ttl, limit, blockDuration)
        : await this.commands.cmiproSlidingSlots(`${tag}:slots`, `${tag}:block`, ttl, limit, blockDuration, SLOTS);
    return toRecord({ totalHits, msToExpire, blocked: blocked === 1, msToUnblock });
  }
}
