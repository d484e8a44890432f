/**
 * Copies of stored plans, each under a unit of its own ("Huyện Bản sao 0", …), for lists of many
 * plans (bench/edits.ts, the list's pages in a browser). Copies are made without list figures
 * (figures_version null), as plans stored before migrations 0013 and 0017: the caller runs the
 * start-up back-fill (modules/plan-view.ts#backfillFigures) before listing them.
 */
import { sql, type Kysely } from 'kysely';
import { vietnameseSortKey } from '../../src/core/collate.js';
import type { DB } from '../../src/db/schema.js';

export async function copyPlans(root: Kysely<DB>, n: number, now: string): Promise<void> {
  const sources = await root.selectFrom('plans').selectAll().orderBy('id').execute();
  for (let i = 0; i < n; i++) {
    const source = sources[i % sources.length]!;
    await root.transaction().execute(async (trx) => {
      const unit = await trx
        .insertInto('units')
        .values({
          name: `Huyện Bản sao ${i}`,
          sort_key: vietnameseSortKey(`Huyện Bản sao ${i}`),
          name_key: `huyen ban sao ${i}`,
          kind: 'district',
          parent_id: null,
          successor_id: null,
          lineage: null,
          valid_from: null,
          valid_to: null,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { id: _id, ...rest } = source;
      const plan = await trx
        .insertInto('plans')
        .values({ ...rest, subject_unit_id: unit.id, figures_version: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await sql`insert into plan_items (plan_id, criterion_id, baseline, target, version, updated_at)
        select ${plan.id}, criterion_id, baseline, target, version, updated_at from plan_items
        where plan_id = ${source.id}`.execute(trx);
      await sql`insert into tasks (plan_item_id, position, text, lead_units_text, support_units_text,
          deadline, deadline_text, status, progress, progress_note, version, created_at, updated_at)
        select n.id, t.position, t.text, t.lead_units_text, t.support_units_text, t.deadline,
          t.deadline_text, t.status, t.progress, t.progress_note, t.version, t.created_at, t.updated_at
        from tasks t join plan_items o on o.id = t.plan_item_id
        join plan_items n on n.plan_id = ${plan.id} and n.criterion_id = o.criterion_id
        where o.plan_id = ${source.id}`.execute(trx);
    });
  }
}

/**
 * Copies of one stored plan for the same subject in the years after it (year + 1, …), with their
 * tasks and the units the tasks name: a lead unit then appears in n + 1 plans (units-admin's
 * batch, bench/edits.ts). Copies carry the source's figures as stored with its version.
 */
export async function copyPlanYears(root: Kysely<DB>, planId: number, n: number): Promise<number[]> {
  const source = await root
    .selectFrom('plans')
    .selectAll()
    .where('id', '=', planId)
    .executeTakeFirstOrThrow();
  const ids: number[] = [];
  await root.transaction().execute(async (trx) => {
    for (let i = 1; i <= n; i++) {
      const { id: _id, ...rest } = source;
      const plan = await trx
        .insertInto('plans')
        .values({ ...rest, year: source.year + i })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(plan.id);
      await sql`insert into plan_items (plan_id, criterion_id, baseline, target, version, updated_at)
        select ${plan.id}, criterion_id, baseline, target, version, updated_at from plan_items
        where plan_id = ${source.id}`.execute(trx);
      await sql`insert into tasks (plan_item_id, position, text, lead_units_text, support_units_text,
          deadline, deadline_text, status, progress, progress_note, version, created_at, updated_at)
        select n.id, t.position, t.text, t.lead_units_text, t.support_units_text, t.deadline,
          t.deadline_text, t.status, t.progress, t.progress_note, t.version, t.created_at, t.updated_at
        from tasks t join plan_items o on o.id = t.plan_item_id
        join plan_items n on n.plan_id = ${plan.id} and n.criterion_id = o.criterion_id
        where o.plan_id = ${source.id}`.execute(trx);
      await sql`insert into task_units (task_id, unit_id, role, position, source_text)
        select nt.id, tu.unit_id, tu.role, tu.position, tu.source_text
        from task_units tu join tasks ot on ot.id = tu.task_id
        join plan_items o on o.id = ot.plan_item_id
        join plan_items n on n.plan_id = ${plan.id} and n.criterion_id = o.criterion_id
        join tasks nt on nt.plan_item_id = n.id and nt.position = ot.position
        where o.plan_id = ${source.id}`.execute(trx);
    }
  });
  return ids;
}
