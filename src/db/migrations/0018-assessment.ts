/**
 * 0018: the yearly assessment (issue 11, decision 0014). A round (`assessment_rounds`) assesses a
 * set of units (`round_units`, each with its state and the report's free texts) against one
 * framework version in a year, on a calendar of dated phases (`round_phases`, Vietnam days, both
 * ends included). A unit may ask for more time in a phase (`round_extensions`). The self-assessment
 * is one row per unit and leaf (`assessment_answers`: the answer as core/framework.ts#Answer JSON,
 * the score the rule gives, note, not-applicable reason, how a score without evidence was reached).
 * Appraisal 1 and 2, the council's final score and the survey's score are one row per stage
 * (`assessment_scores`); a criterion returned with a question is answered in `criterion_returns`.
 * Evidence files are stored once by SHA-256 (modules/evidence-store.ts) and listed per round and
 * unit (`evidence_files`); `answer_evidence` says which criteria each supports. Notifications are
 * in-app messages to a unit or a user; `scheduled_runs` records scheduled work done once (phase
 * changes, reminders) whatever the number of servers.
 *
 * Roles as data: admin gains round.manage; officer gains assessment.self; new roles assessor (a
 * unit's self-assessment), council (the appraisal council: final scores); the appraiser role is the
 * area appraiser (its grant's unit is the department that follows an area; installation-wide: all).
 */
import { type Kysely, type Migration } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import { idTable, type AnyDb } from './common.js';

type Roles = Kysely<{
  roles: {
    code: string;
    name_vi: string;
    name_en: string;
    scope: string;
    permissions: string;
    position: number;
  };
}>;

const GRANTED: Record<string, string[]> = {
  admin: ['round.manage'],
  officer: ['assessment.self'],
};

const NEW_ROLES = [
  {
    code: 'assessor',
    name_vi: 'Cán bộ tự đánh giá của đơn vị',
    name_en: 'Unit self-assessor',
    scope: 'unit',
    permissions: ['assessment.self'],
  },
  {
    code: 'council',
    name_vi: 'Thành viên Hội đồng thẩm định',
    name_en: 'Appraisal council member',
    scope: 'subtree',
    permissions: ['plan.read', 'assessment.council'],
  },
];

async function setRoles(db: AnyDb, up: boolean): Promise<void> {
  const roles = db as unknown as Roles;
  for (const [code, added] of Object.entries(GRANTED)) {
    const role = await roles.selectFrom('roles').selectAll().where('code', '=', code).executeTakeFirst();
    if (!role) continue;
    const permissions = (JSON.parse(role.permissions) as string[]).filter((p) => !added.includes(p));
    if (up) permissions.push(...added);
    await roles
      .updateTable('roles')
      .set({ permissions: JSON.stringify(permissions) })
      .where('code', '=', code)
      .execute();
  }
  await roles
    .updateTable('roles')
    .set(
      up
        ? { name_vi: 'Thẩm định viên lĩnh vực', name_en: 'Area appraiser' }
        : { name_vi: 'Thành viên hội đồng thẩm định', name_en: 'Appraiser' },
    )
    .where('code', '=', 'appraiser')
    .execute();
  if (up) {
    const last = await roles
      .selectFrom('roles')
      .select((eb) => eb.fn.max('position').as('p'))
      .executeTakeFirst();
    let position = Number(last?.p ?? 0);
    for (const r of NEW_ROLES) {
      position += 1;
      await roles
        .insertInto('roles')
        .values({ ...r, permissions: JSON.stringify(r.permissions), position })
        .execute();
    }
  } else {
    await roles
      .deleteFrom('roles')
      .where(
        'code',
        'in',
        NEW_ROLES.map((r) => r.code),
      )
      .execute();
  }
}

export function assessment(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      await idTable(db, kind, 'assessment_rounds')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('framework_id', 'integer', (c) => c.notNull().references('frameworks.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();

      await db.schema
        .createTable('round_phases')
        .addColumn('round_id', 'integer', (c) =>
          c.notNull().references('assessment_rounds.id').onDelete('cascade'),
        )
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('opens_on', 'text', (c) => c.notNull())
        .addColumn('closes_on', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('round_phases_pk', ['round_id', 'phase'])
        .execute();

      await db.schema
        .createTable('round_units')
        .addColumn('round_id', 'integer', (c) =>
          c.notNull().references('assessment_rounds.id').onDelete('cascade'),
        )
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('state', 'text', (c) => c.notNull().defaultTo('not-started'))
        .addColumn('submitted_at', 'text')
        .addColumn('submitted_by', 'text')
        .addColumn('difficulties', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('proposals', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addPrimaryKeyConstraint('round_units_pk', ['round_id', 'unit_id'])
        .execute();
      await db.schema.createIndex('round_units_unit').on('round_units').column('unit_id').execute();

      await idTable(db, kind, 'round_extensions')
        .addColumn('round_id', 'integer', (c) =>
          c.notNull().references('assessment_rounds.id').onDelete('cascade'),
        )
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().defaultTo('requested'))
        .addColumn('until', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decision_note', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .createIndex('round_extensions_unit')
        .on('round_extensions')
        .columns(['round_id', 'unit_id', 'phase'])
        .execute();

      await idTable(db, kind, 'assessment_answers')
        .addColumn('round_id', 'integer', (c) =>
          c.notNull().references('assessment_rounds.id').onDelete('cascade'),
        )
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('criterion_id', 'integer', (c) => c.notNull().references('criteria.id'))
        .addColumn('answer', 'text')
        .addColumn('score', 'text')
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('not_applicable_reason', 'text')
        .addColumn('scoring_explanation', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('assessment_answers_key')
        .on('assessment_answers')
        .columns(['round_id', 'unit_id', 'criterion_id'])
        .unique()
        .execute();

      await idTable(db, kind, 'assessment_scores')
        .addColumn('round_id', 'integer', (c) =>
          c.notNull().references('assessment_rounds.id').onDelete('cascade'),
        )
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('criterion_id', 'integer', (c) => c.notNull().references('criteria.id'))
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('answer', 'text')
        .addColumn('score', 'text', (c) => c.notNull())
        .addColumn('overridden', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .createIndex('assessment_scores_key')
        .on('assessment_scores')
        .columns(['round_id', 'unit_id', 'criterion_id', 'stage'])
        .unique()
        .execute();

      await idTable(db, kind, 'criterion_returns')
        .addColumn('round_id', 'integer', (c) =>
          c.notNull().references('assessment_rounds.id').onDelete('cascade'),
        )
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('criterion_id', 'integer', (c) => c.notNull().references('criteria.id'))
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('asked_by', 'text', (c) => c.notNull())
        .addColumn('asked_at', 'text', (c) => c.notNull())
        .addColumn('explanation', 'text')
        .addColumn('explained_by', 'text')
        .addColumn('explained_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .createIndex('criterion_returns_key')
        .on('criterion_returns')
        .columns(['round_id', 'unit_id', 'criterion_id'])
        .unique()
        .execute();

      await idTable(db, kind, 'evidence_files')
        .addColumn('round_id', 'integer', (c) =>
          c.notNull().references('assessment_rounds.id').onDelete('cascade'),
        )
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('evidence_files_key')
        .on('evidence_files')
        .columns(['round_id', 'unit_id', 'sha256'])
        .unique()
        .execute();
      await db.schema.createIndex('evidence_files_sha256').on('evidence_files').column('sha256').execute();

      await db.schema
        .createTable('answer_evidence')
        .addColumn('evidence_id', 'integer', (c) =>
          c.notNull().references('evidence_files.id').onDelete('cascade'),
        )
        .addColumn('criterion_id', 'integer', (c) => c.notNull().references('criteria.id'))
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('answer_evidence_pk', ['evidence_id', 'criterion_id'])
        .execute();
      await db.schema
        .createIndex('answer_evidence_criterion')
        .on('answer_evidence')
        .column('criterion_id')
        .execute();

      await idTable(db, kind, 'notifications')
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
        .addColumn('round_id', 'integer', (c) => c.references('assessment_rounds.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .execute();
      await db.schema
        .createIndex('notifications_unit')
        .on('notifications')
        .columns(['unit_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('notifications_user')
        .on('notifications')
        .columns(['user_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('scheduled_runs')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('ran_at', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull().defaultTo(''))
        .execute();

      await setRoles(db, true);
    },
    async down(db: AnyDb) {
      await setRoles(db, false);
      for (const t of [
        'scheduled_runs',
        'notifications',
        'answer_evidence',
        'evidence_files',
        'criterion_returns',
        'assessment_scores',
        'assessment_answers',
        'round_extensions',
        'round_units',
        'round_phases',
        'assessment_rounds',
      ]) {
        await db.schema.dropTable(t).execute();
      }
    },
  };
}
