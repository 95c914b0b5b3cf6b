import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryThrottlerStorage } from './memory-throttler.storage.js';

const HOUR = 3_600_000;

function storageAt(start = 1_000 * HOUR) {
  const clock = { now: start };
  return { clock, storage: new MemoryThrottlerStorage(100, () => clock.now) };
}

async function admitted(storage: MemoryThrottlerStorage, count: number, limit: number, key = 'k'): Promise<number> {
  let passed = 0;
  for (let i = 0; i < count; i++) if (!(await storage.increment(key, HOUR, limit, 0, 'role')).isBlocked) passed++;
  return passed;
}

describe('MemoryThrottlerStorage (the in-process fallback), on a controlled clock', () => {
  it('admits exactly the limit, counting every request within one millisecond', async () => {
    const { storage } = storageAt();
    assert.equal(await admitted(storage, 30, 20), 20);
  });

  it('slides: a burst at the end of an hour and one at the start of the next never exceed the limit in any hour', async () => {
    const { clock, storage } = storageAt(1_000 * HOUR);
    clock.now += HOUR - 1_000; // one second before a clock-hour edge
    assert.equal(await admitted(storage, 20, 20), 20);
    clock.now += 2_000; // one second after it: a fixed window would start over here
    assert.equal(await admitted(storage, 20, 20), 0);
    const refused = await storage.increment('k', HOUR, 20, 0, 'role');
    assert.equal(refused.timeToBlockExpire, 3598);
    clock.now += 3598_000; // the first burst has left the window
    assert.equal(await admitted(storage, 25, 20), 20);
  });

  it('counter mode (large limits) never admits more than the limit in any window, and refuses at most one sub-window early', async () => {
    const { clock, storage } = storageAt(1_000 * HOUR);
    const limit = 10_000;
    assert.equal(await admitted(storage, limit + 5, limit), limit);
    clock.now += HOUR - 1; // the first requests are still inside the window
    assert.equal(await admitted(storage, 1, limit), 0);
    clock.now += HOUR / 60 + 1; // the whole sub-window has left it
    assert.equal(await admitted(storage, 1, limit), 1);
  });

  it('a penalty block outlasts the window when asked for', async () => {
    const { clock, storage } = storageAt();
    await storage.increment('p', 1_000, 1, 0, 'role');
    const refused = await storage.increment('p', 1_000, 1, 60_000, 'role');
    assert.deepEqual(refused, { totalHits: 1, timeToExpire: 60, isBlocked: true, timeToBlockExpire: 60 });
    clock.now += 30_000;
    assert.equal((await storage.increment('p', 1_000, 1, 0, 'role')).isBlocked, true);
    clock.now += 30_001;
    assert.equal((await storage.increment('p', 1_000, 1, 0, 'role')).isBlocked, false);
  });

  it('keeps at most maxKeys callers and sweeps idle ones', async () => {
    const { clock, storage } = storageAt();
    for (let i = 0; i < 250; i++) await storage.increment(`ip-${i}`, 1_000, 5, 0, 'ip');
    assert.equal(storage.size, 100);
    clock.now += 61_000;
    await storage.increment('fresh', 1_000, 5, 0, 'ip');
    assert.equal(storage.size, 1);
  });
});
