/**
 * The store of @fastify/rate-limit in the database (rate_limits, migration 0029) instead of its
 * default, a map in each process: the routes' limits (100 sign-in requests a minute from one address)
 * count the requests every app server took. Each route's limit counts apart (its method and path in
 * the key, as the plugin's Redis store does). Windows use the real time, as the plugin's own store
 * does, whatever clock the app is given.
 */
import type { FastifyRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import { countHit, deleteHitsBefore } from '../db/rate-limit-repo.js';
import type { DB } from '../db/schema.js';

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];

/** A store class for the plugin's `store` option, counting in `db`. */
export function databaseRateLimitStore(
  db: Kysely<DB>,
): new (options: FastifyRateLimitOptions) => FastifyRateLimitStore {
  const storeFor = (prefix: string): FastifyRateLimitStore => ({
    incr(key: string, callback: Callback, timeWindow: number) {
      const now = Date.now();
      const count = async () => {
        const row = await countHit(
          db,
          `${prefix}${key}`,
          new Date(now).toISOString(),
          new Date(now + timeWindow).toISOString(),
        );
        // a new window: the counts whose window ended an hour ago go (one statement now and then)
        if (row.hits === 1) await deleteHitsBefore(db, new Date(now - 3600_000).toISOString());
        return { current: row.hits, ttl: Math.max(0, Date.parse(row.window_ends) - now) };
      };
      count().then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
    child(routeOptions) {
      const route = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      const method = Array.isArray(route?.method) ? route.method.join(',') : (route?.method ?? '');
      return storeFor(`${method} ${route?.url ?? ''} `);
    },
  });
  return class {
    constructor() {
      return storeFor('');
    }
  } as unknown as new (options: FastifyRateLimitOptions) => FastifyRateLimitStore;
}
