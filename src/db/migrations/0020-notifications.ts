/**
 * 0020: an account's e-mail address (optional), where the notifications of its units are also sent
 * when the installation has an SMTP server configured (modules/mail.ts); and who has read which
 * notification. A notification to a unit (0018) is one row every account of the unit sees, so its
 * read state is per account: a row in `notification_reads` (a notification to one account is read
 * the same way; the `read_at` column of 0018 stays unused).
 */
import { sql, type Migration } from 'kysely';
import type { AnyDb } from './common.js';

export const notificationReads: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('users').addColumn('email', 'text').execute();
    await db.schema
      .createTable('notification_reads')
      .addColumn('notification_id', 'integer', (c) =>
        c.notNull().references('notifications.id').onDelete('cascade'),
      )
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('read_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('notification_reads_pk', ['notification_id', 'user_id'])
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('notification_reads').execute();
    await sql`alter table users drop column email`.execute(db);
  },
};
