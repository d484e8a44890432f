/**
 * The caches kept between requests are bounded (issue 13): each cache of modules/version-cache.ts,
 * the very instance its module uses (boundedCaches()), filled one past its limit keeps the `limit`
 * most recently used ids and lets the oldest go. Every versionCache made in src is named, so none is
 * left out of this test. The other module-level stores are bounded by their keys (core/score.ts's
 * number formats) or hold one value (modules/auth.ts), as their comments say.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../src/db/schema.js';
// imported for the caches they make at load
import '../src/modules/plan-view.js';
import '../src/modules/results.js';
import '../src/modules/round-context.js';
import { boundedCaches } from '../src/modules/version-cache.js';
import { ROOT } from './helpers/fixtures.js';

/** The bounds the comments of version-cache.ts document. */
const DOCUMENTED = { 'plan view': 256, 'round shape': 64, ranking: 32 };

// a cache only uses a handle as a WeakMap key: a handle of its own leaves the real entries alone
const handle = () => ({}) as Kysely<DB>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the caches kept between requests', () => {
  it('are every versionCache of src, each named, with the documented bound', () => {
    const calls = sourceFiles(join(ROOT, 'src')).flatMap((file) => [
      ...readFileSync(file, 'utf8').matchAll(/(?<!function )versionCache<[^>]+>\(([^)]*)\)/g),
    ]);
    const named = calls.map((m) => /^\s*\d+\s*,\s*'([^']+)'\s*$/.exec(m[1]!)?.[1] ?? `unnamed: ${m[0]}`);
    expect(named.sort()).toEqual(Object.keys(DOCUMENTED).sort());
    expect(Object.fromEntries(boundedCaches().map((c) => [c.name, c.limit]))).toEqual(DOCUMENTED);
  });

  for (const [name, limit] of Object.entries(DOCUMENTED)) {
    it(`${name}: filled one past its limit, the least recently used id goes`, () => {
      const { cache } = boundedCaches().find((c) => c.name === name)!;
      const db = handle();
      for (let id = 1; id <= limit; id++) cache.set(db, id, 1, `entry ${id}`);
      // id 1 used again: 2 is now the oldest
      expect(cache.get(db, 1, 1)).toBe('entry 1');
      cache.set(db, limit + 1, 1, `entry ${limit + 1}`);
      expect(cache.get(db, 2, 1)).toBeUndefined();
      const kept = [1, ...Array.from({ length: limit - 1 }, (_, i) => i + 3)];
      expect(kept.filter((id) => cache.get(db, id, 1) === `entry ${id}`)).toHaveLength(limit);
      // the check above read them from 1 up, so 1 is the oldest now: one more, and 1 goes
      cache.set(db, limit + 2, 1, `entry ${limit + 2}`);
      expect(cache.get(db, 1, 1)).toBeUndefined();
      expect(cache.get(db, 3, 1)).toBe('entry 3');
      expect(cache.get(db, limit + 2, 1)).toBe(`entry ${limit + 2}`);
    });
  }
});
