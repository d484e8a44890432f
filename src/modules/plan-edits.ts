/**
 * Editing a stored plan: a leaf's baseline and target, a criterion's task and its follow-up, the
 * units that lead it. Every write checks the version the client saw, so a second person saving the
 * same row is refused rather than silently overwriting; every write bumps the plan's version and
 * is audited in its own transaction. Rights are checked here, not only in the page.
 */
import type { Kysely } from 'kysely';
import { followEdit } from '../core/edits.js';
import { parseDeadline } from '../core/dates.js';
import { settleFollowUp } from '../core/follow-up.js';
import type { ScoreField } from '../core/findings.js';
import {
  compare,
  decimalOrNull,
  formatScore,
  fromDecimalString,
  isNegative,
  sameScore,
  toDecimalString,
  storedScore,
} from '../core/score.js';
import { UnitMatcher, unitKey, unitKind } from '../core/units.js';
import { levelWordOf } from '../core/subject.js';
import { oneLine } from '../core/text.js';
import {
  lockAndFindPlan,
  lockAndFindPlansOf,
  writePlanVersions,
  updateItemScoresOf,
  updatePlan,
  type PlanRecord,
  type PlanUpdate,
  type StoredRow,
  type TaskUnitLink,
} from '../db/plans-repo.js';
import type { DB, TaskStatus } from '../db/schema.js';
import { insertTask, replaceTaskUnits, updateTaskAt, type TaskFields } from '../db/tasks-repo.js';
import { insertUnit, unitNames, unitsUnder } from '../db/units-repo.js';
import type { ItemPatch, PlanEdit, TaskPatch, Unit } from '../shared/api.js';
import { parentsForPlan, planAccess, requireWholePlan, requireWholePlanOf, type Actor } from './access.js';
import { audit, type AuditEntry } from './audit.js';
import { AppError } from './errors.js';
import {
  loadPlanData,
  loadPlansData,
  lockedState,
  rememberState,
  stateOf,
  type PlanData,
  type PlanState,
} from './plan-view.js';
import type { Deps } from './deps.js';

export type EditDeps = Deps;

/**
 * The next version of a plan built from `data` (the plan as it is after the change) and what it
 * writes: the version, its content hash and list figures (its units' too, 0017), with any other
 * plan fields `set`.
 */
function nextVersion(
  data: PlanData,
  now: string,
  set: PlanFields = {},
): { state: PlanState; values: PlanUpdate } {
  const plan = { ...data.plan, ...set, version: data.plan.version + 1, updated_at: now };
  const state = stateOf({ ...data, plan });
  return {
    state,
    values: { ...set, version: plan.version, updated_at: now, content_hash: state.hash, ...state.figures },
  };
}

/** Writes the next version of a plan built from `data` in one statement (nextVersion). */
async function writeVersion(
  db: Kysely<DB>,
  data: PlanData,
  now: string,
  set: PlanFields = {},
): Promise<PlanState> {
  const { state, values } = nextVersion(data, now, set);
  await updatePlan(db, data.plan.id, values);
  return state;
}

/** Plan fields a change writes with the new version. */
export type PlanFields = Partial<
  Pick<PlanRecord, 'stated_max' | 'stated_baseline' | 'stated_target' | 'archived'>
>;

/**
 * Every change moves the plan's version (caches and ETags follow it) and stores its content hash and
 * list figures with it: the plan is read once, after the change, in the change's transaction.
 */
export async function bumpPlan(
  db: Kysely<DB>,
  planId: number,
  now: string,
  set: PlanFields = {},
): Promise<PlanState> {
  const data = await loadPlanData(db, planId);
  return writeVersion(db, data, now, set);
}

/**
 * A change of units moves every plan of these subjects (the units a plan shows and its tasks name
 * are those under its subject): their rows locked and read in one statement, their data in 5, the
 * next versions built from it and written in one (per 200 plans), whatever their number. Returns
 * the versions built, for the view cache once the transaction has committed.
 */
export async function bumpPlansOf(
  db: Kysely<DB>,
  subjects: readonly number[],
  now: string,
): Promise<PlanState[]> {
  const plans = await lockAndFindPlansOf(db, subjects);
  if (plans.length === 0) return [];
  const states = (await loadPlansData(db, plans)).map((data) =>
    stateOf({ ...data, plan: { ...data.plan, version: data.plan.version + 1, updated_at: now } }),
  );
  await writePlanVersions(
    db,
    states.map((s) => {
      const { figures_version: _version, ...figures } = s.figures;
      return { id: s.data.plan.id, content_hash: s.hash, figures };
    }),
    now,
  );
  return states;
}

/**
 * Runs an edit of one plan in a transaction that first takes the plan's lock and reads its row in
 * the same statement (lockAndFindPlan): the plan read here and everything computed from it are then
 * the values this edit changes. The version the edit built goes to the view cache once committed.
 */
async function editPlan<T>(
  deps: EditDeps,
  planId: number,
  work: (db: Kysely<DB>, plan: PlanRecord) => Promise<{ value: T; state: PlanState | null }>,
): Promise<T> {
  const { value, state } = await deps.db.transaction().execute(async (db) => {
    const plan = await lockAndFindPlan(db, planId);
    if (!plan) throw new AppError('PLAN_NOT_FOUND', { id: planId });
    if (plan.archived) throw new AppError('PLAN_ARCHIVED');
    return work(db, plan);
  });
  if (state) rememberState(deps.db, state);
  return value;
}

/** One leaf's new scores and the ancestors and total that follow them (core/edits.ts). */
interface ScoreChanges {
  /** per item id, the fields written; the edited leaf's version moves, its ancestors' do not */
  items: Map<number, { baseline?: string | null; target?: string | null }>;
  plan: PlanFields;
  trail: AuditEntry[];
}

/** Checks a score patch against the plan's rows and works out every value it changes (pure). */
function scoreChanges(
  rows: readonly StoredRow[],
  plan: PlanRecord,
  itemId: number,
  patch: ItemPatch,
): ScoreChanges {
  const planId = plan.id;
  const on = { planId, unitId: plan.subject_unit_id };
  const row = rows.find((r) => r.itemId === itemId);
  if (!row) throw new AppError('ITEM_NOT_FOUND', { id: itemId });
  if (rows.some((r) => r.parentCode === row.code)) throw new AppError('NOT_A_LEAF', { code: row.code });
  if (row.itemVersion !== patch.version) throw new AppError('STALE_VERSION');

  const max = storedScore(row.maxScore);
  const scored = rows.map((r) => ({
    code: r.code,
    max: storedScore(r.maxScore),
    baseline: storedScore(r.baseline),
    target: storedScore(r.target),
  }));
  let totals = {
    max: storedScore(plan.stated_max),
    baseline: storedScore(plan.stated_baseline),
    target: storedScore(plan.stated_target),
  };
  const hasTotals = plan.stated_max !== null || plan.stated_baseline !== null || plan.stated_target !== null;
  const changes: ScoreChanges = { items: new Map([[itemId, {}]]), plan: {}, trail: [] };
  const itemSet = changes.items.get(itemId)!;
  for (const field of ['baseline', 'target'] as const satisfies readonly ScoreField[]) {
    const raw = patch[field];
    if (raw === undefined) continue;
    const value = raw === null ? null : fromDecimalString(raw);
    if (value !== null && isNegative(value)) {
      throw new AppError('SCORE_NEGATIVE', { code: row.code, value: formatScore(value) });
    }
    if (value !== null && max !== null && compare(value, max) > 0) {
      throw new AppError('SCORE_ABOVE_MAX', {
        code: row.code,
        field,
        value: formatScore(value),
        max: formatScore(max),
      });
    }
    itemSet[field] = value === null ? null : toDecimalString(value);
    const before = row[field];
    if (before !== itemSet[field]) {
      changes.trail.push({
        action: 'item.update',
        entity: 'plan_item',
        entityId: itemId,
        itemId,
        code: row.code,
        field,
        oldValue: before,
        newValue: itemSet[field],
        ...on,
      });
    }
    const follow = followEdit(scored, hasTotals ? totals : null, row.code, field, value);
    for (const a of follow.ancestors) {
      // an ancestor that keeps its value (the leaf set to what it had) is neither written nor audited
      if (sameScore(scored.find((x) => x.code === a.code)![field], a.value)) continue;
      const ancestor = rows.find((r) => r.code === a.code)!;
      const set = changes.items.get(ancestor.itemId) ?? {};
      set[field] = decimalOrNull(a.value);
      changes.items.set(ancestor.itemId, set);
      const s = scored.find((x) => x.code === a.code)!;
      changes.trail.push({
        action: 'item.follow',
        entity: 'plan_item',
        entityId: ancestor.itemId,
        itemId: ancestor.itemId,
        code: ancestor.code,
        field,
        oldValue: decimalOrNull(s[field]),
        newValue: decimalOrNull(a.value),
        ...on,
      });
      s[field] = a.value;
    }
    if (follow.total && !sameScore(totals[field], follow.total.value)) {
      const old = totals[field];
      const next = follow.total.value;
      changes.trail.push({
        action: 'plan.total',
        entity: 'plan',
        entityId: planId,
        field,
        oldValue: decimalOrNull(old),
        newValue: decimalOrNull(next),
        ...on,
      });
      changes.plan[field === 'baseline' ? 'stated_baseline' : 'stated_target'] = decimalOrNull(next);
      totals = { ...totals, [field]: next };
    }
    scored.find((x) => x.code === row.code)![field] = value;
  }
  return changes;
}

/**
 * What a score edit answers (api/plans.ts#PlanEdit): from the version it built, the rows it wrote,
 * the stated and live totals and every finding — not the whole plan, which the next GET serialises
 * from the same kept version (plan-view.ts), only if someone asks for it.
 */
function editAnswer(state: PlanState, itemIds: ReadonlySet<number>): PlanEdit {
  const { view, figures } = state;
  return {
    id: view.id,
    version: view.version,
    updatedAt: view.updatedAt,
    statedTotals: view.statedTotals,
    totals: { max: figures.live_max, baseline: figures.live_baseline, target: figures.live_target },
    rows: view.rows.filter((r) => itemIds.has(r.itemId)),
    findings: view.findings,
  };
}

/**
 * Sets a leaf's baseline and/or target; consistent parents and the total follow (core/edits.ts).
 * The plan as it was comes from the view cache when it holds the locked version; the next version
 * is built from it and the changed values, not read again: with a warm cache 6 statements on
 * SQLite (lock and row, the items, the plan with its hash and figures, 3 for the audit chain), 4 on
 * PostgreSQL (the items and the plan in one, the audit's entries and head move in one) — 7 round
 * trips with BEGIN and COMMIT, the session's besides; 5 more when cold.
 * Answers what changed (editAnswer); the version built is kept for the next reader of the plan.
 */
export async function updateItemScores(
  deps: EditDeps,
  actor: Actor,
  planId: number,
  itemId: number,
  patch: ItemPatch,
): Promise<PlanEdit> {
  const now = deps.clock().toISOString();
  return editPlan(deps, planId, async (db, plan) => {
    await requireWholePlanOf(db, actor, 'plan.edit', plan.subject_unit_id);
    const before = await lockedState(deps.db, db, plan);
    const changes = scoreChanges(before.data.rows, plan, itemId, patch);
    const rows = before.data.rows.map((r) => {
      const set = changes.items.get(r.itemId);
      if (!set) return r;
      return { ...r, ...set, itemVersion: r.itemId === itemId ? r.itemVersion + 1 : r.itemVersion };
    });
    // the next version is built before the writes, which then go together (one statement on PostgreSQL)
    const { state, values } = nextVersion({ ...before.data, rows }, now, changes.plan);
    const written = await updateItemScoresOf(db, itemId, patch.version, changes.items, now, planId, values);
    if (written !== changes.items.size) throw new AppError('STALE_VERSION');
    await audit(db, actor, now, changes.trail);
    return { value: editAnswer(state, new Set(changes.items.keys())), state };
  });
}

/** A criterion's task as the edit holds it: from the plan's rows, not read again. */
interface HeldTask {
  id: number;
  version: number;
  text: string;
  status: TaskStatus;
  progress: number;
  deadline: string | null;
  progressNote: string;
}

function heldTask(row: StoredRow): HeldTask | undefined {
  if (row.taskId === null) return undefined;
  return {
    id: row.taskId,
    version: row.taskVersion ?? 1,
    text: row.taskText ?? '',
    status: row.status ?? 'not_started',
    progress: row.progress ?? 0,
    deadline: row.deadline,
    progressNote: row.progressNote ?? '',
  };
}

/**
 * Choosing lead units (and creating a task) is planning; the rest is follow-up, which a lead-unit
 * officer may do on the rows of their own units.
 */
function requireTaskRight(
  actor: Actor,
  plan: PlanRecord,
  parents: ReadonlyMap<number, number | null>,
  patch: TaskPatch,
  task: HeldTask | undefined,
  named: readonly { unitId: number }[],
): void {
  if (patch.leadUnitIds !== undefined || patch.supportUnitIds !== undefined || !task) {
    requireWholePlan(actor, 'plan.edit', plan.subject_unit_id, parents);
    return;
  }
  const follow = planAccess(actor, 'task.follow', plan.subject_unit_id, parents);
  if (!follow) throw new AppError('FORBIDDEN');
  if (follow.kind === 'lead' && !named.some((u) => follow.units.has(u.unitId)))
    throw new AppError('FORBIDDEN');
}

/** The ids a patch names as lead or support units. */
function patchUnitIds(patch: TaskPatch): number[] {
  return [...(patch.leadUnitIds ?? []), ...(patch.supportUnitIds ?? [])];
}

/**
 * The names of the units a patch names; each must be a unit directly under the plan's subject
 * (among the plan's data's units; the database is asked only to tell which error it is).
 */
async function unitsOfPatch(db: Kysely<DB>, data: PlanData, patch: TaskPatch): Promise<Map<number, string>> {
  const own = new Map(data.units.map((u) => [u.id, u.name]));
  const foreign = patchUnitIds(patch).find((id) => !own.has(id));
  if (foreign !== undefined) {
    if (!(await unitNames(db, [foreign])).has(foreign)) throw new AppError('UNIT_NOT_FOUND', { id: foreign });
    throw new AppError('UNIT_NOT_IN_PLAN', { id: foreign, subject: data.subject });
  }
  return own;
}

type TaskField = keyof TaskFields;

/** The task fields a patch writes; status and progress settle together (core/follow-up.ts). */
function taskFields(
  patch: TaskPatch,
  task: HeldTask | undefined,
  names: ReadonlyMap<number, string>,
): TaskFields {
  const fields: TaskFields = {};
  if (patch.text !== undefined) fields.text = patch.text.replace(/\r\n?/g, '\n').trim();
  if (patch.status !== undefined) fields.status = patch.status;
  if (patch.progress !== undefined) fields.progress = patch.progress;
  if (patch.deadline !== undefined) {
    fields.deadline = patch.deadline === null ? null : parseDeadline(patch.deadline);
  }
  if (patch.progressNote !== undefined) fields.progress_note = patch.progressNote.trim();
  if (patch.leadUnitIds) fields.lead_units_text = patch.leadUnitIds.map((id) => names.get(id)!).join('; ');
  if (patch.supportUnitIds)
    fields.support_units_text = patch.supportUnitIds.map((id) => names.get(id)!).join('; ');
  // only fields that move are written
  if (patch.status !== undefined || patch.progress !== undefined) {
    const before = { status: task?.status ?? 'not_started', progress: task?.progress ?? 0 };
    const after = settleFollowUp(before, { status: patch.status, progress: patch.progress });
    if (patch.status !== undefined || after.status !== before.status) fields.status = after.status;
    if (patch.progress !== undefined || after.progress !== before.progress) fields.progress = after.progress;
  }
  return fields;
}

/** Writes the task (update at the client's version, or create) and returns its id and audit trail. */
async function writeTask(
  db: Kysely<DB>,
  task: HeldTask | undefined,
  named: readonly { role: string; unitName: string }[],
  fields: TaskFields,
  patch: TaskPatch,
  itemId: number,
  on: Pick<AuditEntry, 'planId' | 'itemId' | 'code' | 'unitId'>,
  now: string,
): Promise<{ taskId: number; trail: AuditEntry[] }> {
  const keys = Object.keys(fields) as TaskField[];
  if (task) {
    const unitsText = (role: string) =>
      named
        .filter((u) => u.role === role)
        .map((u) => u.unitName)
        .join('; ');
    const before: Record<TaskField, string | number | null> = {
      text: task.text,
      status: task.status,
      progress: task.progress,
      deadline: task.deadline,
      progress_note: task.progressNote,
      lead_units_text: unitsText('lead'),
      support_units_text: unitsText('support'),
    };
    const trail = keys
      .filter((k) => fields[k] !== before[k])
      .map((k): AuditEntry => ({
        action: 'task.update',
        entity: 'task',
        entityId: task.id,
        field: k,
        oldValue: before[k],
        newValue: fields[k] ?? null,
        ...on,
      }));
    if (!(await updateTaskAt(db, task.id, patch.version, fields, now))) throw new AppError('STALE_VERSION');
    return { taskId: task.id, trail };
  }
  const taskId = await insertTask(db, {
    ...newTask(fields),
    plan_item_id: itemId,
    created_at: now,
    updated_at: now,
  });
  const trail = keys.map((k): AuditEntry => ({
    action: 'task.create',
    entity: 'task',
    entityId: taskId,
    field: k,
    oldValue: null,
    newValue: fields[k] ?? null,
    ...on,
  }));
  return { taskId, trail };
}

/** A task created by an edit: the fields it sets, the rest as a new task has them. */
function newTask(fields: TaskFields) {
  return {
    position: 0,
    text: fields.text ?? '',
    lead_units_text: fields.lead_units_text ?? '',
    support_units_text: fields.support_units_text ?? '',
    deadline: fields.deadline ?? null,
    deadline_text: '',
    status: fields.status ?? 'not_started',
    progress: fields.progress ?? 0,
    progress_note: fields.progress_note ?? '',
    version: 1,
  };
}

/** The row of an edited task as the database now holds it (planRows' shape), from what was written. */
function rowAfter(row: StoredRow, taskId: number, fields: TaskFields, version: number): StoredRow {
  const base =
    row.taskId === null
      ? newTask(fields)
      : {
          text: row.taskText ?? '',
          lead_units_text: row.leadUnitsText ?? '',
          support_units_text: row.supportUnitsText ?? '',
          deadline: row.deadline,
          deadline_text: row.deadlineText ?? '',
          status: row.status ?? 'not_started',
          progress: row.progress ?? 0,
          progress_note: row.progressNote ?? '',
          version,
        };
  const t = { ...base, ...fields };
  return {
    ...row,
    taskId,
    taskText: t.text,
    leadUnitsText: t.lead_units_text,
    supportUnitsText: t.support_units_text,
    deadline: t.deadline,
    deadlineText: t.deadline_text,
    status: t.status,
    progress: t.progress,
    progressNote: t.progress_note,
    taskVersion: t.version,
  };
}

/**
 * Updates (or creates, with version 0) the task of a criterion: text, follow-up and units. The plan
 * as it was comes from the view cache when it holds the locked version (its rows carry each task
 * and the units tasks name, and the units under the subject); the next version is built from it
 * and what was written: 7 statements with a warm cache (lock and row, the task, the plan with its
 * hash and figures, 3 for the audit chain, 2 on PostgreSQL), 2 more when the units change, 5 more when cold.
 */
export async function updateTask(
  deps: EditDeps,
  actor: Actor,
  planId: number,
  itemId: number,
  patch: TaskPatch,
): Promise<void> {
  const now = deps.clock().toISOString();
  await editPlan(deps, planId, async (db, plan) => {
    const parents = await parentsForPlan(db, actor, plan.subject_unit_id);
    let before = await lockedState(deps.db, db, plan);
    // a unit created under the subject by another year's import does not move this plan's version
    if (patchUnitIds(patch).some((id) => !before.data.units.some((u) => u.id === id)))
      before = await lockedState(deps.db, db, plan, { fresh: true });
    const { data } = before;
    const row = data.rows.find((r) => r.itemId === itemId);
    if (!row) throw new AppError('ITEM_NOT_FOUND', { id: itemId });
    const task = heldTask(row);
    const named = task ? data.links.filter((l) => l.taskId === task.id) : [];
    requireTaskRight(actor, plan, parents, patch, task, named);
    if ((task?.version ?? 0) !== patch.version) throw new AppError('STALE_VERSION');
    const names = await unitsOfPatch(db, data, patch);
    const fields = taskFields(patch, task, names);
    const on = { planId, itemId, code: row.code, unitId: plan.subject_unit_id };
    const { taskId, trail } = await writeTask(db, task, named, fields, patch, itemId, on, now);
    const roles = (['lead', 'support'] as const).flatMap((role) => {
      const ids = role === 'lead' ? patch.leadUnitIds : patch.supportUnitIds;
      if (!ids) return [];
      return [
        { role, units: [...new Set(ids)].map((unitId) => ({ unitId, sourceText: names.get(unitId)! })) },
      ];
    });
    await replaceTaskUnits(db, taskId, roles);
    const replaced = new Set(roles.map((r) => r.role));
    const links = [
      ...data.links.filter((l) => l.taskId !== taskId || !replaced.has(l.role)),
      ...roles.flatMap(({ role, units }) =>
        units.map((u, position) => ({
          taskId,
          role,
          position,
          unitId: u.unitId,
          unitName: u.sourceText,
          sourceText: u.sourceText,
        })),
      ),
    ];
    const rows = data.rows.map((r) => (r === row ? rowAfter(row, taskId, fields, patch.version + 1) : r));
    const state = await writeVersion(db, { ...data, rows, links: sortLinks(links) }, now);
    await audit(db, actor, now, trail);
    return { value: undefined, state };
  });
}

/** Links in planTaskUnits' order: by task, role, position. */
function sortLinks(links: TaskUnitLink[]): TaskUnitLink[] {
  return links.sort(
    (a, b) =>
      a.taskId - b.taskId || (a.role < b.role ? -1 : a.role > b.role ? 1 : 0) || a.position - b.position,
  );
}

/** A unit under the plan's subject, found by its spelling or created; never a second one for a variant. */
export async function ensurePlanUnit(
  deps: EditDeps,
  actor: Actor,
  planId: number,
  name: string,
): Promise<Unit> {
  const now = deps.clock().toISOString();
  // under the plan's lock, two people adding the same unit at once: the second finds the first's
  return editPlan(deps, planId, async (db, plan) => {
    await requireWholePlanOf(db, actor, 'plan.edit', plan.subject_unit_id);
    const before = await lockedState(deps.db, db, plan);
    const level = levelWordOf(before.data.subject);
    const ctx = { levelWords: level ? [level] : [] };
    const key = unitKey(name, ctx);
    const matcher = new UnitMatcher<Unit>(ctx);
    const under = await unitsUnder(db, plan.subject_unit_id);
    for (const u of under) {
      const unit = { id: u.id, name: u.name, kind: u.kind };
      matcher.add(u.name, unit);
      for (const a of u.aliases) matcher.add(a, unit);
    }
    const found = matcher.match(name);
    if (found) return { value: found.value, state: null };
    const clean = oneLine(name);
    const kind = unitKind(clean);
    const id = await insertUnit(db, {
      name: clean,
      name_key: key,
      kind,
      parent_id: plan.subject_unit_id,
      created_at: now,
    });
    // the plan's units as just read (in unitsUnder's order, by id), the new one last
    const units = [
      ...under.map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
      { id, name: clean, kind },
    ];
    const state = await writeVersion(db, { ...before.data, units }, now);
    await audit(db, actor, now, [
      {
        action: 'unit.create',
        entity: 'unit',
        entityId: id,
        planId,
        unitId: id,
        newValue: clean,
      },
    ]);
    return { value: { id, name: clean, kind }, state };
  });
}
