/** Queries on the requests counted per route and address (rate_limits). No rules here. */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

export interface RateLimitCount {
  hits: number;
  window_ends: string;
}

/**
 * Counts one more request under `key` and returns the count after it: a key whose window ended
 * before `now` starts again at 1 with a window ending at `windowEnds`. One statement (an upsert, which
 * both engines run on the row's values before the change), so servers counting at once never lose a
 * request.
 */
export async function countHit(
  db: Kysely<DB>,
  key: string,
  now: string,
  windowEnds: string,
): Promise<RateLimitCount> {
  return db
    .insertInto('rate_limits')
    .values({ key, hits: 1, window_ends: windowEnds })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.window_ends <= ${now} then 1 else rate_limits.hits + 1 end`,
        window_ends: sql<string>`case when rate_limits.window_ends <= ${now} then ${windowEnds} else rate_limits.window_ends end`,
      }),
    )
    .returning(['hits', 'window_ends'])
    .executeTakeFirstOrThrow();
}

/** Removes the counts whose window ended before this time. */
export async function deleteHitsBefore(db: Kysely<DB>, before: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_ends', '<', before).execute();
}
