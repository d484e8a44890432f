/**
 * 0006: failed sign-ins are counted per user name *and* address, so a stranger guessing "admin"
 * from one address does not lock its owner out from another. The counts of 0003 (per name only)
 * are dropped: at worst a back-off in progress ends early.
 */
import type { Migration } from 'kysely';
import type { AnyDb } from './common.js';

export const loginPerAddress: Migration = {
  async up(db: AnyDb) {
    await db.schema.dropTable('login_throttle').execute();
    await db.schema
      .createTable('login_throttle')
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('ip', 'text', (c) => c.notNull())
      // every attempt, counted before anything else; cleared by a sign-in
      .addColumn('failures', 'integer', (c) => c.notNull())
      // the attempts whose password was checked (counted before the check): the back-off doubles by these
      .addColumn('guesses', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('login_throttle_pk', ['username', 'ip'])
      .execute();
    await db.schema.createIndex('login_throttle_updated').on('login_throttle').column('updated_at').execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('login_throttle').execute();
    await db.schema
      .createTable('login_throttle')
      .addColumn('username', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
