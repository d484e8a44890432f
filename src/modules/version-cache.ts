/**
 * What is built from the database once per version of a row (a plan's view, a round's context), kept
 * per database handle — ids and versions only mean something within one database — for the `limit`
 * most recently used ids. Every change of what an entry was built from moves that row's version, so
 * an entry is used only while its version is the stored one; several app servers each keep their own
 * and each reads the stored version first.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface VersionCache<T> {
  /** the entry built at exactly `version`, or undefined */
  get(db: Kysely<DB>, id: number, version: number): T | undefined;
  /** keeps `value` as `id` at `version` unless a later version is already held */
  set(db: Kysely<DB>, id: number, version: number, value: T): void;
}

export function versionCache<T>(limit: number): VersionCache<T> {
  type Entries = Map<number, { version: number; value: T }>;
  const handles = new WeakMap<Kysely<DB>, Entries>();
  const entriesOf = (db: Kysely<DB>): Entries => {
    let entries = handles.get(db);
    if (!entries) handles.set(db, (entries = new Map() as Entries));
    return entries;
  };
  return {
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
}
