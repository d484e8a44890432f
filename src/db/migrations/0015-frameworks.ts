/**
 * 0015: criteria frameworks stored as the decision issues them (issue 10, decision 0011). A framework
 * gains its document's title, the issuing decision (number, date), the last year it applies to, a
 * state (draft → published → in-use: in use by a plan or an assessment it is frozen, a change makes a
 * new version), the version it was made from and the file it came from. A criterion gains its code as
 * written, the method and evidence texts, who scores it, what "not applicable" does, the department
 * that follows it (a unit, and the text as written), its rule (core/framework.ts#ScoringRule as JSON,
 * null for a parent) and a version for edits. framework_crosswalks matches the criteria of two
 * frameworks. A pending upload says what it is for (a plan or a framework). framework.manage is
 * granted to the admin role (as data).
 *
 * Backfill: every existing framework is a plan's tree and plans use it: 'in-use'; its leaves get the
 * manual rule (steps of 0,25), parents none; raw_code is the code.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import { idTable, type AnyDb } from './common.js';

type Roles = Kysely<{ roles: { code: string; permissions: string } }>;

export const MANUAL_RULE_JSON = JSON.stringify({ kind: 'manual', step: { units: 2500, scale: 2 } });

async function setManagePermission(db: AnyDb, granted: boolean): Promise<void> {
  const roles = db as unknown as Roles;
  const admin = await roles.selectFrom('roles').selectAll().where('code', '=', 'admin').executeTakeFirst();
  if (!admin) return;
  const permissions = (JSON.parse(admin.permissions) as string[]).filter((p) => p !== 'framework.manage');
  if (granted) permissions.push('framework.manage');
  await roles
    .updateTable('roles')
    .set({ permissions: JSON.stringify(permissions) })
    .where('code', '=', 'admin')
    .execute();
}

export function frameworks(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      const addTo = (table: string) => db.schema.alterTable(table);
      await addTo('frameworks').addColumn('title', 'text').execute();
      await addTo('frameworks').addColumn('decision_number', 'text').execute();
      await addTo('frameworks').addColumn('decision_date', 'text').execute();
      await addTo('frameworks').addColumn('year_to', 'integer').execute();
      await addTo('frameworks')
        .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft'))
        .execute();
      await addTo('frameworks')
        .addColumn('previous_id', 'integer', (c) => c.references('frameworks.id'))
        .execute();
      await addTo('frameworks').addColumn('source_name', 'text').execute();
      await sql`update frameworks set state = 'in-use'`.execute(db);

      await addTo('criteria')
        .addColumn('raw_code', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await addTo('criteria')
        .addColumn('method', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await addTo('criteria')
        .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await addTo('criteria')
        .addColumn('scorer', 'text', (c) => c.notNull().defaultTo('self'))
        .execute();
      await addTo('criteria')
        .addColumn('not_applicable', 'text', (c) => c.notNull().defaultTo('not-allowed'))
        .execute();
      await addTo('criteria')
        .addColumn('followed_by', 'integer', (c) => c.references('units.id'))
        .execute();
      await addTo('criteria').addColumn('followed_by_text', 'text').execute();
      await addTo('criteria').addColumn('rule', 'text').execute();
      await addTo('criteria')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await sql`update criteria set raw_code = code`.execute(db);
      await sql`update criteria set rule = ${MANUAL_RULE_JSON}
        where not exists (select 1 from criteria c2
          where c2.framework_id = criteria.framework_id and c2.parent_code = criteria.code)`.execute(db);

      await idTable(db, kind, 'framework_crosswalks')
        .addColumn('from_framework_id', 'integer', (c) =>
          c.notNull().references('frameworks.id').onDelete('cascade'),
        )
        .addColumn('to_framework_id', 'integer', (c) =>
          c.notNull().references('frameworks.id').onDelete('cascade'),
        )
        .addColumn('from_code', 'text', (c) => c.notNull())
        .addColumn('to_code', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('framework_crosswalks_pair_code', [
          'from_framework_id',
          'to_framework_id',
          'from_code',
        ])
        .execute();

      await addTo('pending_imports')
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('plan'))
        .execute();
      await setManagePermission(db, true);
    },
    async down(db: AnyDb) {
      await setManagePermission(db, false);
      await sql`alter table pending_imports drop column kind`.execute(db);
      await db.schema.dropTable('framework_crosswalks').execute();
      for (const column of [
        'raw_code',
        'method',
        'evidence',
        'scorer',
        'not_applicable',
        'followed_by',
        'followed_by_text',
        'rule',
        'version',
      ])
        await sql`alter table criteria drop column ${sql.ref(column)}`.execute(db);
      for (const column of [
        'title',
        'decision_number',
        'decision_date',
        'year_to',
        'state',
        'previous_id',
        'source_name',
      ])
        await sql`alter table frameworks drop column ${sql.ref(column)}`.execute(db);
    },
  };
}
