import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedTtlMap } from './bounded-ttl-map.js';

describe('BoundedTtlMap', () => {
  it('returns a value until it expires, then forgets it', () => {
    const map = new BoundedTtlMap<string>(10);
    map.set('a', 'x', 1000);
    assert.equal(map.get('a', 999), 'x');
    assert.equal(map.get('a', 1000), undefined);
    assert.equal(map.size, 0);
  });

  it('drops the entry written longest ago when full; a rewrite counts as new', () => {
    const map = new BoundedTtlMap<number>(2);
    map.set('a', 1, 10_000);
    map.set('b', 2, 10_000);
    map.set('a', 3, 10_000); // a is now the newest
    map.set('c', 4, 10_000);
    assert.equal(map.get('b', 0), undefined);
    assert.equal(map.get('a', 0), 3);
    assert.equal(map.get('c', 0), 4);
    assert.equal(map.size, 2);
  });
});
