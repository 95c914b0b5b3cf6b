import type { ThrottlerStorage } from '@nestjs/throttler';
import { slotSize, toRecord, windowMode, type WindowDecision, type ThrottlerStorageRecord } from './sliding-window.js';

interface Entry {
  /** Log mode: request times, oldest first, live from `head`. */
  times: number[];
  head: number;
  /** Counter mode: sub-window index -> requests. */
  slots: Map<number, number>;
  blockedUntil: number;
  expiresAt: number;
}

const SWEEP_EVERY_MS = 60_000;

/**
 * The same sliding window as the Redis scripts, in this process only: the fallback while Redis
 * is unreachable and the embedded default without REDIS_URL. Bounded: idle entries are swept
 * every minute and at most `maxKeys` callers are kept (least recently seen go first), so a flood
 * of new IPs during an outage cannot exhaust memory.
 */
export class MemoryThrottlerStorage implements ThrottlerStorage {
  private readonly entries = new Map<string, Entry>();
  private sweptAt: number;

  constructor(
    private readonly maxKeys = 100_000,
    private readonly clock: () => number = Date.now,
  ) {
    this.sweptAt = clock();
  }

  get size(): number {
    return this.entries.size;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = this.clock();
    if (now - this.sweptAt >= SWEEP_EVERY_MS) this.sweep(now);
    const entry = this.entry(`${throttlerName}:${key}`, now);
    const mode = windowMode(limit);
    if (entry.blockedUntil > now) {
      const wait = entry.blockedUntil - now;
      const hits = mode === 'log' ? entry.times.length - entry.head : sum(entry.slots);
      return toRecord({ totalHits: hits, msToExpire: wait, blocked: true, msToUnblock: wait });
    }
    const decision = mode === 'log' ? countLog(entry, now, ttl, limit) : countSlots(entry, now, ttl, limit);
    entry.expiresAt = now + ttl + slotSize(ttl);
    if (decision.blocked && blockDuration > decision.msToUnblock) {
      entry.blockedUntil = now + blockDuration;
      entry.expiresAt = Math.max(entry.expiresAt, entry.blockedUntil);
      return toRecord({ ...decision, msToExpire: blockDuration, msToUnblock: blockDuration });
    }
    return toRecord(decision);
  }

  /** The caller's entry, moved to the most-recently-seen end; the least recently seen is evicted at the cap. */
  private entry(id: string, now: number): Entry {
    let entry = this.entries.get(id);
    if (entry) {
      this.entries.delete(id);
    } else {
      entry = { times: [], head: 0, slots: new Map(), blockedUntil: 0, expiresAt: now };
      if (this.entries.size >= this.maxKeys) this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(id, entry);
    return entry;
  }

  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}

function countLog(entry: Entry, now: number, window: number, limit: number): WindowDecision {
  while (entry.head < entry.times.length && entry.times[entry.head]! <= now - window) entry.head++;
  if (entry.head > 64 && entry.head * 2 > entry.times.length) {
    entry.times = entry.times.slice(entry.head);
    entry.head = 0;
  }
  const count = entry.times.length - entry.head;
  const untilOldestLeaves = () => (entry.times[entry.head] ?? now) + window - now;
  if (count >= limit) return { totalHits: count, msToExpire: untilOldestLeaves(), blocked: true, msToUnblock: untilOldestLeaves() };
  entry.times.push(now);
  return { totalHits: count + 1, msToExpire: untilOldestLeaves(), blocked: false, msToUnblock: 0 };
}

function countSlots(entry: Entry, now: number, window: number, limit: number): WindowDecision {
  const size = slotSize(window);
  const first = Math.floor((now - window) / size);
  for (const slot of entry.slots.keys()) if (slot < first) entry.slots.delete(slot);
  const slots = [...entry.slots.keys()].sort((a, b) => a - b);
  const total = sum(entry.slots);
  const leaves = (slot: number) => (slot + 1) * size + window - now;
  if (total >= limit) {
    let dropped = 0;
    let wait = window;
    for (const slot of slots) {
      dropped += entry.slots.get(slot)!;
      if (total - dropped < limit) {
        wait = leaves(slot);
        break;
      }
    }
    return { totalHits: total, msToExpire: wait, blocked: true, msToUnblock: wait };
  }
  const current = Math.floor(now / size);
  entry.slots.set(current, (entry.slots.get(current) ?? 0) + 1);
  return { totalHits: total + 1, msToExpire: leaves(slots[0] ?? current), blocked: false, msToUnblock: 0 };
}

function sum(slots: Map<number, number>): number {
  let total = 0;
  for (const hits of slots.values()) total += hits;
  return total;
}

