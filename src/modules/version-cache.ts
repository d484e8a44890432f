/**
 * What is built from the database once per version of a row (a plan's view, a round's context), kept
 * per database handle — ids and versions only mean something within one database — for the `limit`
 * most recently used ids. Every change of what an entry was built from moves that row's version, so
 * an entry is used only while its version is the stored one; several app servers each keep their own
 * and each reads the stored version first.
 *
 * Memory: a cache holds at most `limit` entries per database handle, the least recently used going
 * first, and a handle closed and dropped takes its entries with it (WeakMap). Every cache made here
 * is listed by name in boundedCaches() with its limit; test/caches-bounded.test.ts fills each one
 * past its limit and checks the oldest went. The caches of the process (bounds and sizes):
 * - plan-view.ts `plan view`: 256 plans, each its view and JSON (~80 KB a plan of ~150 rows, issue
 *   13) and its answers (the JSON with a reader's access block, ~80 KB, and its brotli and gzip bytes,
 *   ~15 KB: one per distinct access block, usually one or two, at most 4): ~40 MB per database with
 *   two kinds of readers, ~120 MB at most;
 * - round-context.ts `round shape`: 64 rounds' calendars and criteria (~100 criteria each);
 * - results.ts `ranking`: 32 rankings (a pool of up to ~3,500 units × its parts).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface VersionCache<T> {
  /** the entry built at exactly `version`, or undefined */
  get(db: Kysely<DB>, id: number, version: number): T | undefined;
  /** keeps `value` as `id` at `version` unless a later version is already held */
  set(db: Kysely<DB>, id: number, version: number, value: T): void;
}

/** A cache of this module as boundedCaches() lists it. */
export interface NamedCache {
  name: string;
  limit: number;
  cache: VersionCache<unknown>;
}

const made: NamedCache[] = [];

/** Every cache made with a name, with its limit (test/caches-bounded.test.ts). */
export function boundedCaches(): readonly NamedCache[] {
  return made;
}

export function versionCache<T>(limit: number, name?: string): VersionCache<T> {
  type Entries = Map<number, { version: number; value: T }>;
  const handles = new WeakMap<Kysely<DB>, Entries>();
  const entriesOf = (db: Kysely<DB>): Entries => {
    let entries = handles.get(db);
    if (!entries) handles.set(db, (entries = new Map() as Entries));
    return entries;
  };
  const cache: VersionCache<T> = {
    get(db, id, version) {
      const entries = entriesOf(db);
      const held = entries.get(id);
      if (!held || held.version !== version) return undefined;
      // most recently used last: the Map's order is the eviction order
      entries.delete(id);
      entries.set(id, held);
      return held.value;
    },
    set(db, id, version, value) {
      const entries = entriesOf(db);
      const held = entries.get(id);
      if (held && held.version > version) return;
      entries.delete(id);
      entries.set(id, { version, value });
      while (entries.size > limit) entries.delete(entries.keys().next().value!);
    },
  };
  if (name !== undefined) made.push({ name, limit, cache });
  return cache;
}
