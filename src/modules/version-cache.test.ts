/**
 * modules/version-cache.ts: an entry is given only at the version it was built for, a later version
 * held is not replaced by an earlier one, handles (databases) do not share entries, and only the most
 * recently used `limit` ids are kept.
 */
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../db/schema.js';
import { versionCache } from './version-cache.js';

// the cache only uses a handle as a WeakMap key
const handle = () => ({}) as Kysely<DB>;

describe('versionCache', () => {
  it('gives an entry only at its version; an earlier version does not replace a later one', () => {
    const cache = versionCache<string>(4);
    const db = handle();
    cache.set(db, 1, 3, 'v3');
    expect(cache.get(db, 1, 3)).toBe('v3');
    expect(cache.get(db, 1, 4)).toBeUndefined();
    expect(cache.get(db, 1, 2)).toBeUndefined();
    cache.set(db, 1, 2, 'v2');
    expect(cache.get(db, 1, 3)).toBe('v3');
    cache.set(db, 1, 4, 'v4');
    expect([cache.get(db, 1, 3), cache.get(db, 1, 4)]).toEqual([undefined, 'v4']);
  });

  it('keeps each database handle apart', () => {
    const cache = versionCache<string>(4);
    const [a, b] = [handle(), handle()];
    cache.set(a, 1, 1, 'a');
    expect(cache.get(b, 1, 1)).toBeUndefined();
    cache.set(b, 1, 1, 'b');
    expect([cache.get(a, 1, 1), cache.get(b, 1, 1)]).toEqual(['a', 'b']);
  });

  it('keeps the most recently used ids up to its limit', () => {
    const cache = versionCache<number>(3);
    const db = handle();
    for (const id of [1, 2, 3]) cache.set(db, id, 1, id);
    // 1 used again: 2 is now the least recently used and goes when 4 comes
    expect(cache.get(db, 1, 1)).toBe(1);
    cache.set(db, 4, 1, 4);
    expect([1, 2, 3, 4].map((id) => cache.get(db, id, 1))).toEqual([1, undefined, 3, 4]);
  });
});
