/**
 * The database side of re-importing a plan over the stored one: the stored rows and the file's rows
 * as core/plan-diff.ts compares them, and the merge that writes the differences while keeping item
 * and task ids and every follow-up the file does not drop (docs/decisions/0006). Runs inside the
 * import's transaction (modules/imports.ts).
 */
import type { Kysely } from 'kysely';
import type { PlanDocument, PlanRow } from '../core/plan.js';
import type { IncomingDiffRow, PlanDiff, StoredDiffRow } from '../core/plan-diff.js';
import { storedScore } from '../core/score.js';
import { oneLine } from '../core/text.js';
import {
  deleteItems,
  insertItem,
  planRows,
  planTaskUnits,
  updateItem,
  type NewItem,
} from '../db/plans-repo.js';
import {
  deleteTasks,
  insertTask,
  insertTaskUnits,
  placeTask,
  setTaskUnits,
  updateTask,
} from '../db/tasks-repo.js';
import type { DB } from '../db/schema.js';
import type { AuditEntry } from './audit.js';

/** A row of the file holds a task when any of its task columns says something. */
export function hasTask(row: PlanRow): boolean {
  return row.task !== '' || row.leadUnits !== '' || row.supportUnits !== '' || row.deadline !== '';
}

/** The stored plan as the diff sees it: rows by code, each with its task, units and follow-up. */
export async function storedDiffRows(db: Kysely<DB>, planId: number): Promise<StoredDiffRow[]> {
  const [rows, links] = await Promise.all([planRows(db, planId), planTaskUnits(db, planId)]);
  const names = (taskId: number, role: 'lead' | 'support') =>
    links.filter((l) => l.taskId === taskId && l.role === role).map((l) => l.unitName);
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    max: storedScore(r.maxScore),
    baseline: storedScore(r.baseline),
    target: storedScore(r.target),
    tasks:
      r.taskId === null
        ? []
        : [
            {
              id: r.taskId,
              position: 0,
              text: r.taskText ?? '',
              leadUnits: names(r.taskId, 'lead'),
              supportUnits: names(r.taskId, 'support'),
              deadlineText: r.deadlineText ?? '',
              followUp: {
                status: r.status ?? 'not_started',
                progress: r.progress ?? 0,
                deadline: r.deadline,
                note: r.progressNote ?? '',
              },
            },
          ],
  }));
}

/** A file's plan as the diff sees it; unit cells count by the names of the units they resolve to. */
export function incomingDiffRows(
  plan: PlanDocument,
  unitNames: readonly (readonly string[])[],
): IncomingDiffRow[] {
  const n = plan.rows.length;
  return plan.rows.map((r, i) => ({
    code: r.code,
    name: r.name,
    max: r.max,
    baseline: r.baseline,
    target: r.target,
    task: hasTask(r)
      ? { text: r.task, leadUnits: unitNames[i]!, supportUnits: unitNames[n + i]!, deadlineText: r.deadline }
      : null,
  }));
}

/**
 * Writes a re-imported plan over the stored one without losing what the file does not hold: items
 * keep their ids by code, tasks the diff matched keep their ids, status, progress and note (and a
 * deadline set in the app, unless the file gives a new one); only what the file changed is written,
 * and each change is an audit entry.
 */
export async function mergePlan(
  db: Kysely<DB>,
  planId: number,
  rows: readonly PlanRow[],
  items: readonly NewItem[],
  diff: PlanDiff,
  now: string,
): Promise<AuditEntry[]> {
  const stored = await planRows(db, planId);
  const links = await planTaskUnits(db, planId);
  const oldItem = new Map(stored.map((r) => [r.code, r]));
  const oldTask = new Map(stored.flatMap((r) => (r.taskId === null ? [] : [[r.taskId, r] as const])));
  const index = new Map(rows.map((r, i) => [r.code, i]));
  const trail: AuditEntry[] = [];

  await deleteTasks(db, diff.removedTaskIds);
  for (const id of diff.removedTaskIds) {
    const t = oldTask.get(id)!;
    trail.push({
      action: 'task.delete',
      entity: 'task',
      entityId: id,
      itemId: t.itemId,
      code: t.code,
      oldValue:
        `${t.taskText ?? ''} [${t.status}; ${t.progress ?? 0}%` +
        `${t.deadline ? `; ${t.deadline}` : ''}${t.progressNote ? `; ${t.progressNote}` : ''}]`,
    });
  }

  const itemIdOf = new Map<string, number>();
  const rowChanges = new Map(diff.rows.map((r) => [r.code, r.changes]));
  for (const [i, row] of rows.entries()) {
    const item = items[i]!;
    const old = oldItem.get(row.code);
    if (!old) {
      const createdId = await insertItem(db, {
        plan_id: planId,
        criterion_id: item.criterion_id,
        baseline: item.baseline,
        target: item.target,
        version: 1,
        updated_at: now,
      });
      itemIdOf.set(row.code, createdId);
      trail.push({
        action: 'item.create',
        entity: 'plan_item',
        entityId: createdId,
        itemId: createdId,
        code: row.code,
        newValue: row.name,
      });
      continue;
    }
    itemIdOf.set(row.code, old.itemId);
    const scoresChanged = old.baseline !== item.baseline || old.target !== item.target;
    const criterionChanged = old.criterionId !== item.criterion_id;
    if (scoresChanged || criterionChanged) {
      await updateItem(db, old.itemId, {
        criterion_id: item.criterion_id,
        baseline: item.baseline,
        target: item.target,
        ...(scoresChanged ? { version: old.itemVersion + 1, updated_at: now } : {}),
      });
    }
    for (const c of rowChanges.get(row.code) ?? []) {
      if (c.field !== 'name' && c.field !== 'max' && c.field !== 'baseline' && c.field !== 'target') continue;
      trail.push({
        action: 'item.update',
        entity: 'plan_item',
        entityId: old.itemId,
        itemId: old.itemId,
        code: row.code,
        field: c.field,
        oldValue: c.old,
        newValue: c.new,
      });
    }
  }

  // tasks found under another criterion move there; positions pass through a free negative value
  // so that no two tasks hold one (item, position) between two statements
  const moved = diff.kept.filter((k) => oldTask.get(k.taskId)!.code !== k.code);
  for (const k of moved)
    await placeTask(db, k.taskId, { itemId: itemIdOf.get(k.code)!, position: -k.taskId });
  for (const k of moved) await placeTask(db, k.taskId, { position: 0 });

  for (const k of diff.kept) {
    const old = oldTask.get(k.taskId)!;
    const item = items[index.get(k.code)!]!;
    const task = item.task!;
    const itemId = itemIdOf.get(k.code)!;
    // a deadline is follow-up unless the file gives a new one
    const deadline =
      oneLine(task.deadline_text ?? '') === '' ||
      oneLine(task.deadline_text ?? '') === oneLine(old.deadlineText ?? '')
        ? old.deadline
        : (task.deadline ?? null);
    // the same units in the same order: the cells keep the spelling they were stored with
    const ids = (role: 'lead' | 'support', list: readonly { role: string; id: number }[]) =>
      list
        .filter((l) => l.role === role)
        .map((l) => l.id)
        .join(',');
    const oldLinks = links.filter((l) => l.taskId === k.taskId).map((l) => ({ role: l.role, id: l.unitId }));
    const newLinks = item.units.map((u) => ({ role: u.role, id: u.unit_id }));
    const sameLead = ids('lead', oldLinks) === ids('lead', newLinks);
    const sameSupport = ids('support', oldLinks) === ids('support', newLinks);
    const next = {
      text: task.text,
      lead_units_text: sameLead ? (old.leadUnitsText ?? '') : task.lead_units_text,
      support_units_text: sameSupport ? (old.supportUnitsText ?? '') : task.support_units_text,
      deadline_text: task.deadline_text ?? '',
      deadline,
    };
    const before = {
      text: old.taskText ?? '',
      lead_units_text: old.leadUnitsText ?? '',
      support_units_text: old.supportUnitsText ?? '',
      deadline_text: old.deadlineText ?? '',
      deadline: old.deadline,
    };
    const fields = (Object.keys(next) as (keyof typeof next)[]).filter((f) => next[f] !== before[f]);
    const on = { entity: 'task' as const, entityId: k.taskId, itemId, code: k.code };
    if (old.code !== k.code) {
      trail.push({ action: 'task.update', ...on, field: 'code', oldValue: old.code, newValue: k.code });
    }
    for (const f of fields) {
      trail.push({ action: 'task.update', ...on, field: f, oldValue: before[f], newValue: next[f] });
    }
    if (fields.length > 0 || old.code !== k.code) {
      await updateTask(db, k.taskId, { ...next, version: (old.taskVersion ?? 1) + 1, updated_at: now });
    }
    if (!sameLead || !sameSupport) {
      await setTaskUnits(db, k.taskId, item.units);
    }
  }

  const keptAt = new Set(diff.kept.map((k) => k.code));
  for (const [i, row] of rows.entries()) {
    const item = items[i]!;
    if (item.task === null || keptAt.has(row.code)) continue;
    const itemId = itemIdOf.get(row.code)!;
    const createdId = await insertTask(db, { ...item.task, plan_item_id: itemId });
    await insertTaskUnits(db, createdId, item.units);
    trail.push({
      action: 'task.create',
      entity: 'task',
      entityId: createdId,
      itemId,
      code: row.code,
      field: 'text',
      newValue: item.task.text,
    });
  }

  const gone = stored.filter((r) => !index.has(r.code));
  await deleteItems(
    db,
    gone.map((r) => r.itemId),
  );
  for (const r of gone) {
    trail.push({
      action: 'item.delete',
      entity: 'plan_item',
      entityId: r.itemId,
      itemId: r.itemId,
      code: r.code,
      oldValue: r.name,
    });
  }
  return trail;
}
