/**
 * 0029: the requests counted per route and address in the current window of a route's rate limit
 * (@fastify/rate-limit's store, http/rate-limit-store.ts), in the database so that every app server
 * counts the same requests: a limit of 100 a minute is 100 whatever the number of servers.
 */
import type { Migration } from 'kysely';
import type { AnyDb } from './common.js';

export const rateLimits: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('hits', 'integer', (c) => c.notNull())
      .addColumn('window_ends', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('rate_limits').execute();
  },
};
