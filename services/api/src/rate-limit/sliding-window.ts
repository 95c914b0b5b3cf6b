import type { ThrottlerStorage } from '@nestjs/throttler';

/**
 * The sliding-window rules both storages share. A limit up to EXACT_LOG_MAX is counted
 * exactly: one entry per request, admitted while fewer than `limit` requests fall in
 * (now - window, now]. Larger limits (the admin cells, the per-IP rule) use SLOTS counters
 * per window instead of a log of up to 10 000 entries per caller: the count includes the
 * whole oldest sub-window, so it never admits more than the limit in any sliding window,
 * at the price of refusing up to one sub-window (1/60 of the window) early.
 */
export const EXACT_LOG_MAX = 1000;

/** Sub-windows per window for the counter mode. */
export const SLOTS = 60;

export type WindowMode = 'log' | 'slots';

export function windowMode(limit: number): WindowMode {
  return limit <= EXACT_LOG_MAX ? 'log' : 'slots';
}

/** Length of one sub-window in counter mode. */
export function slotSize(windowMs: number): number {
  return Math.ceil(windowMs / SLOTS);
}

/** The throttler's record (hits, seconds to expire, blocked, seconds to unblock); the package does not export its name. */
export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** A storage's answer in milliseconds, before the throttler's seconds. */
export interface WindowDecision {
  readonly totalHits: number;
  /** Until the oldest counted request leaves the window (one more request fits). */
  readonly msToExpire: number;
  readonly blocked: boolean;
  /** Until a refused caller is admitted again. */
  readonly msToUnblock: number;
}

/** The throttler reports whole seconds; a refusal always says at least 1. */
export function toRecord(decision: WindowDecision): ThrottlerStorageRecord {
  return {
    totalHits: decision.totalHits,
    timeToExpire: Math.max(0, Math.ceil(decision.msToExpire / 1000)),
    isBlocked: decision.blocked,
    timeToBlockExpire: decision.blocked ? Math.max(1, Math.ceil(decision.msToUnblock / 1000)) : 0,
  };
}
