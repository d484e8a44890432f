/** 0004: a criterion row has one task per position — two first saves at once cannot make two. */
import type { Migration } from 'kysely';
import type { AnyDb } from './common.js';

export const uniqueTaskPosition: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createIndex('tasks_item_position')
      .on('tasks')
      .columns(['plan_item_id', 'position'])
      .unique()
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropIndex('tasks_item_position').execute();
  },
};
