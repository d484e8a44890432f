/**
 * What the web app shows of a plan: its rows with tasks and units, the checker's findings on the
 * stored plan, and the units that can lead a task. Built from the database; the JSON is kept per
 * plan version, which every change bumps, so a plan is serialised once per change.
 */
import { hash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { checkPlan } from '../core/check.js';
import { sortByName, unitLabel } from '../core/collate.js';
import { findingKey, shownTotal, SUM_RULES } from '../core/consistency.js';
import { type Finding as CoreFinding, type ScoreField } from '../core/findings.js';
import type { PlanDocument, PlanRow as CoreRow } from '../core/plan.js';
import { decimalOrNull, fromDecimalString, storedScore, sub, trimScale } from '../core/score.js';
import {
  countPlanFigures,
  findPlan,
  listPlanFigures,
  listYears,
  planHead,
  type PlanHead,
  plansRows,
  plansWithStaleFigures,
  plansTaskUnits,
  subjectChoices,
  updatePlanFigures,
  type PlanFiguresRow,
  type PlanListFilter,
  type PlanRecord,
  type StoredFigures,
  type StoredRow,
  type TaskUnitLink,
  type UnitFigures,
} from '../db/plans-repo.js';
import type { DB } from '../db/schema.js';
import { plansAcknowledgements, type Acknowledgement } from '../db/findings-repo.js';
import { unitNames, unitsUnderEach, unitsWithAncestors, unitTree } from '../db/units-repo.js';
import { vietnamDate } from '../core/dates.js';
import { overdueDays } from '../core/progress.js';
import { fold } from '../core/text.js';
import type {
  Access,
  Finding,
  LeadUnitView,
  PlanListChoices,
  PlanListItem,
  PlanListQuery,
  PlanView,
  SubjectChoices,
  SubjectChoicesQuery,
  Task,
  Totals,
} from '../shared/api.js';
import { SUBJECT_CHOICES_DEFAULT } from '../shared/limits.js';
import { isOverdue } from '../shared/plan-heading.js';
import {
  parentsForPlan,
  planAccess,
  reachesUnit,
  type Actor,
  type Permission,
  type PlanAccess,
} from './access.js';
import { AppError } from './errors.js';
import { planHash } from './hash.js';
import { unitPath } from './units-admin.js';
import { versionCache } from './version-cache.js';

/** The access block of the stored plan itself; each reader gets their own (accessOf). */
const WHOLE_PLAN: Access = {
  scope: 'full',
  editScores: true,
  editTasks: true,
  editLeadUnits: true,
  export: true,
  readAudit: true,
  archive: true,
  delete: true,
  leadUnitIds: [],
};

interface LoadedPlan {
  view: PlanView;
  document: PlanDocument;
}

/**
 * Everything a plan's view, document, content identity and list figures are built from: the plan
 * row, its criteria rows with their task, the units tasks name, the subject's name, the units under
 * it and the acknowledged findings. An edit that holds these builds the next version from them
 * (stateOf) instead of reading the plan again.
 */
export interface PlanData {
  plan: PlanRecord;
  rows: readonly StoredRow[];
  links: readonly TaskUnitLink[];
  subject: string;
  units: readonly { id: number; name: string; kind: string }[];
  acknowledgements: ReadonlyMap<string, Acknowledgement>;
}

/** Reads a plan's data: 5 statements (6 without the plan row), run together. */
async function loadData(db: Kysely<DB>, planId: number, known?: PlanRecord): Promise<PlanData> {
  const plan = known ?? (await findPlan(db, planId));
  if (!plan) throw new AppError('PLAN_NOT_FOUND', { id: planId });
  return (await loadPlansData(db, [plan]))[0]!;
}

/**
 * Reads the data of several plans (their rows as given, read in this transaction): 5 statements
 * whatever their number (one more per 400 plans), run together.
 */
export async function loadPlansData(db: Kysely<DB>, plans: readonly PlanRecord[]): Promise<PlanData[]> {
  const ids = plans.map((p) => p.id);
  const subjects = [...new Set(plans.map((p) => p.subject_unit_id))];
  const [rows, links, subjectNames, units, acknowledgements] = await Promise.all([
    plansRows(db, ids),
    plansTaskUnits(db, ids),
    unitNames(db, subjects),
    unitsUnderEach(db, subjects),
    plansAcknowledgements(db, ids),
  ]);
  return plans.map((plan) => ({
    plan,
    rows: rows.get(plan.id) ?? [],
    links: links.get(plan.id) ?? [],
    subject: subjectNames.get(plan.subject_unit_id) ?? '',
    units: units.get(plan.subject_unit_id) ?? [],
    acknowledgements: acknowledgements.get(plan.id) ?? new Map(),
  }));
}

async function load(db: Kysely<DB>, planId: number): Promise<LoadedPlan> {
  return build(await loadData(db, planId));
}

/** The view and the document of a plan's data (pure: the checker runs here). */
function build(data: PlanData): LoadedPlan {
  const { plan, rows, links, units, acknowledgements } = data;
  const linksOf = (taskId: number, role: 'lead' | 'support') =>
    links
      .filter((l) => l.taskId === taskId && l.role === role)
      .map((l) => ({ id: l.unitId, name: l.unitName }));
  const task = (r: StoredRow): Task | null =>
    r.taskId === null
      ? null
      : {
          id: r.taskId,
          text: r.taskText ?? '',
          status: r.status ?? 'not_started',
          progress: r.progress ?? 0,
          deadline: r.deadline,
          deadlineText: r.deadlineText ?? '',
          progressNote: r.progressNote ?? '',
          version: r.taskVersion ?? 1,
          leadUnits: linksOf(r.taskId, 'lead'),
          supportUnits: linksOf(r.taskId, 'support'),
          leadUnitsText: r.leadUnitsText ?? '',
        };
  const coreRows: CoreRow[] = rows.map((r) => {
    const t = task(r);
    return {
      code: r.code,
      rawCode: r.code,
      name: r.name,
      max: storedScore(r.maxScore),
      baseline: storedScore(r.baseline),
      target: storedScore(r.target),
      task: t?.text ?? '',
      leadUnits:
        t && t.leadUnits.length > 0 ? t.leadUnits.map((u) => u.name).join('; ') : (t?.leadUnitsText ?? ''),
      supportUnits: t ? t.supportUnits.map((u) => u.name).join('; ') : '',
      deadline: t?.deadlineText ?? '',
      location: null,
    };
  });
  const statedTotals =
    plan.stated_max === null && plan.stated_baseline === null && plan.stated_target === null
      ? null
      : { max: plan.stated_max, baseline: plan.stated_baseline, target: plan.stated_target };
  const subject = data.subject;
  const document: PlanDocument = {
    label: plan.label,
    title: plan.title,
    subtitle: plan.subtitle,
    subject,
    year: plan.year,
    baselineYear: plan.baseline_year,
    rows: coreRows,
    statedTotals: statedTotals && {
      max: storedScore(statedTotals.max),
      baseline: storedScore(statedTotals.baseline),
      target: storedScore(statedTotals.target),
    },
    totalLocation: null,
    columns: {},
  };
  const findings: Finding[] = checkPlan(document).map((f) => {
    const key = findingKey(f);
    const shown: Finding = {
      rule: f.rule,
      severity: f.severity,
      code: f.code,
      params: f.params,
      location: f.location,
    };
    if (key === null) return shown;
    return {
      ...shown,
      key,
      adoptable: isAdoptable(f),
      acknowledgement: acknowledgements.get(key) ?? null,
    };
  });
  const view: PlanView = {
    id: plan.id,
    subject: { id: plan.subject_unit_id, name: subject },
    year: plan.year,
    baselineYear: plan.baseline_year,
    label: plan.label,
    title: plan.title,
    subtitle: plan.subtitle,
    sourceName: plan.source_name,
    version: plan.version,
    updatedAt: plan.updated_at,
    archived: Boolean(plan.archived),
    statedTotals,
    rows: rows.map((r) => ({
      itemId: r.itemId,
      code: r.code,
      parentCode: r.parentCode,
      depth: r.depth,
      name: r.name,
      max: r.maxScore,
      baseline: r.baseline,
      target: r.target,
      version: r.itemVersion,
      task: task(r),
    })),
    findings,
    units: sortByName(units, (u) => u.name).map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
    access: WHOLE_PLAN,
  };
  return { view, document };
}

type FollowedTask = Pick<Task, 'status' | 'deadline'>;

/** The tasks worth following, as the plan page and the progress report count them. */
function followedTasks(rows: PlanView['rows']): FollowedTask[] {
  return rows
    .map((r) => r.task)
    .filter((t): t is Task => t !== null && (t.text.trim() !== '' || t.leadUnits.length > 0))
    .map((t) => ({ status: t.status, deadline: t.deadline }));
}

/** One version of a plan, built once: its data, view, document, content identity and list figures. */
export interface PlanState {
  version: number;
  data: PlanData;
  view: PlanView;
  document: PlanDocument;
  /** the content identity (core/identity.ts) as a digest, the same function an import uses on a file */
  hash: string;
  /** the list figures, the whole plan's and each lead unit's (unit_figures, 0017) */
  figures: StoredFigures;
  /** UTF-8 JSON of the plan without its closing brace (the reader's access block goes there), made once */
  json?: Buffer;
  /** the answers made of this version, by their access block (readers of the whole plan; planAnswer) */
  answers?: Map<string, PlanAnswer>;
}

/**
 * A plan as one reader gets it over HTTP: the JSON, its ETag, and those bytes compressed per content
 * encoding — filled by the HTTP layer when a client accepts one, kept with the version as the JSON
 * is, so a plan page is compressed once per version and reader's rights, not per request (issue 13).
 * The bytes are the plan's version and the access block: the ETag names those two.
 */
export interface PlanAnswer {
  json: Buffer;
  etag: string;
  encoded: Map<string, Buffer>;
}

/** Answers kept per version: one per distinct access block (a handful of rights' combinations). */
const ANSWERS_PER_VERSION = 4;

function answerOf(planId: number, version: number, access: string, json: Buffer): PlanAnswer {
  const tag = hash('sha1', access).slice(0, 12);
  return { json, etag: `"plan-${planId}-v${version}-${tag}"`, encoded: new Map() };
}

/** The kept answer of a whole-plan reader with this access block, made at the first request. */
function wholeAnswer(state: PlanState, access: Access): PlanAnswer {
  const key = JSON.stringify(access);
  const answers = (state.answers ??= new Map<string, PlanAnswer>());
  let answer = answers.get(key);
  if (!answer) {
    answer = answerOf(
      state.data.plan.id,
      state.version,
      key,
      Buffer.concat([jsonOf(state), Buffer.from(`,"access":${key}}`)]),
    );
    if (answers.size >= ANSWERS_PER_VERSION) answers.delete(answers.keys().next().value!);
    answers.set(key, answer);
  }
  return answer;
}

/** Errors and warnings still open: an acknowledged finding ("keep as written") is not. */
export function openFindings(findings: readonly Finding[], severity: 'error' | 'warning'): number {
  return findings.filter((f) => f.severity === severity && !f.acknowledgement).length;
}

/** The search key of the plans list: the subject and the year without diacritics. */
function searchKey(subject: string, year: number): string {
  return fold(`${subject} ${year}`);
}

/** Builds a version of a plan from its data: view, document, identity and list figures (pure). */
export function stateOf(data: PlanData): PlanState {
  const { view, document } = build(data);
  const names = (pick: (t: Task) => { name: string }[]) =>
    view.rows.map((r) => (r.task ? pick(r.task).map((u) => u.name) : []));
  const hash = planHash(document, [...names((t) => t.leadUnits), ...names((t) => t.supportUnits)]);
  const totals = shownTotals(document);
  return {
    version: data.plan.version,
    data,
    view,
    document,
    hash,
    figures: {
      figures_version: data.plan.version,
      criteria: data.rows.length,
      live_max: totals.max,
      live_baseline: totals.baseline,
      live_target: totals.target,
      ...partFigures(view.rows, view.findings),
      search_key: searchKey(data.subject, data.plan.year),
      unit_figures: JSON.stringify(unitFigures(view)),
    },
  };
}

/** The list figures of some of a plan's rows (the whole plan's, or a lead unit's part of it). */
function partFigures(
  rows: PlanView['rows'],
  findings: readonly Finding[],
): Omit<UnitFigures, 'unit_id' | 'criteria'> {
  const tasks = followedTasks(rows);
  const byDate = new Map<string, number>();
  for (const t of tasks)
    if (t.status !== 'done' && t.deadline !== null) byDate.set(t.deadline, (byDate.get(t.deadline) ?? 0) + 1);
  const dates = [...byDate.keys()].sort();
  return {
    open_errors: openFindings(findings, 'error'),
    open_warnings: openFindings(findings, 'warning'),
    tasks_followed: tasks.length,
    tasks_done: tasks.filter((t) => t.status === 'done').length,
    open_deadlines: JSON.stringify(Object.fromEntries(dates.map((d) => [d, byDate.get(d)!]))),
    first_open_deadline: dates[0] ?? null,
  };
}

/**
 * The list figures of each unit that leads or supports a task in the plan, as that unit's officer
 * sees the plan (restrictToUnits: their rows and those rows' findings), by unit id.
 */
function unitFigures(view: PlanView): UnitFigures[] {
  const rowsOf = new Map<number, PlanView['rows']>();
  for (const r of view.rows) {
    if (!r.task) continue;
    for (const id of new Set([...r.task.leadUnits, ...r.task.supportUnits].map((u) => u.id))) {
      const rows = rowsOf.get(id);
      if (rows) rows.push(r);
      else rowsOf.set(id, [r]);
    }
  }
  return [...rowsOf.entries()]
    .sort(([a], [b]) => a - b)
    .map(([unitId, rows]) => {
      const codes = new Set(rows.map((r) => r.code));
      const findings = view.findings.filter((f) => f.code !== null && codes.has(f.code));
      return { unit_id: unitId, criteria: rows.length, ...partFigures(rows, findings) };
    });
}

/**
 * Overdue tasks on a day, from the stored not-done deadlines counted by date, by the plan page's own
 * rule (shared/plan-heading.ts#isOverdue: yyyy-mm-dd strings compared, no date parsed per plan).
 */
function overdueOf(openDeadlines: string, today: string): number {
  let overdue = 0;
  for (const [deadline, count] of Object.entries(JSON.parse(openDeadlines) as Record<string, number>))
    if (isOverdue({ deadline, status: 'not_started' }, today)) overdue += count;
  return overdue;
}

/**
 * The last built version of each plan (version-cache.ts: per database, the most recently used plans).
 * Every change of a plan's content bumps its version, so an entry whose version is the stored one is
 * the plan as stored.
 */
const states = versionCache<PlanState>(256, 'plan view');

/** Keeps a version built by an edit, once its transaction has committed. */
export function rememberState(db: Kysely<DB>, state: PlanState): void {
  states.set(db, state.data.plan.id, state.version, state);
}

/**
 * The plan as it is at the locked row's version, for an edit running in `trx`: from the cache of
 * `root` when it holds that version (unless `fresh` is asked), else read in the transaction (5
 * statements).
 */
export async function lockedState(
  root: Kysely<DB>,
  trx: Kysely<DB>,
  plan: PlanRecord,
  options: { fresh?: boolean } = {},
): Promise<PlanState> {
  const hit = options.fresh ? undefined : states.get(root, plan.id, plan.version);
  if (hit) return hit;
  return stateOf(await loadData(trx, plan.id, plan));
}

/** A plan's data read now (after an edit's writes, in its transaction). */
export function loadPlanData(db: Kysely<DB>, planId: number): Promise<PlanData> {
  return loadData(db, planId);
}

function jsonOf(state: PlanState): Buffer {
  if (!state.json) {
    const { access: _access, ...shared } = state.view;
    state.json = Buffer.from(JSON.stringify(shared).slice(0, -1));
  }
  return state.json;
}

/** The whole plan, from the cache when the stored version has not moved. */
async function cachedPlan(db: Kysely<DB>, planId: number, version: number): Promise<PlanState> {
  const hit = states.get(db, planId, version);
  if (hit) return hit;
  const state = stateOf(await loadData(db, planId));
  rememberState(db, state);
  return state;
}

function accessOf(
  actor: Actor,
  subjectId: number,
  parents: ReadonlyMap<number, number | null>,
  read: PlanAccess,
  archived: boolean,
): Access {
  const all = (p: Permission) => planAccess(actor, p, subjectId, parents)?.kind === 'all';
  const follow = planAccess(actor, 'task.follow', subjectId, parents);
  // an archived plan is read-only for everyone (plan-edits.ts refuses it too)
  const open = !archived;
  return {
    scope: read?.kind === 'all' ? 'full' : 'lead',
    editScores: open && all('plan.edit'),
    editTasks: open && follow !== null,
    editLeadUnits: open && all('plan.edit'),
    export: read?.kind === 'all',
    readAudit: reachesUnit(actor, 'audit.read', subjectId, parents),
    archive: all('plan.edit'),
    delete: all('plan.delete'),
    leadUnitIds: read?.kind === 'lead' ? [...read.units] : [],
  };
}

/**
 * The plan as one reader sees it, as JSON with its ETag: the whole plan, or for a lead-unit officer
 * only the rows where one of their units leads or supports a task. The plan's version is read on
 * every call — with the session, in its statement, on the plan's page (`known.head`), otherwise one
 * statement; the reader's units' ancestors too when a grant reaches below its unit:
 * what is kept is used only while it is the stored version, whichever server changed the plan.
 */
export async function planViewFor(
  db: Kysely<DB>,
  planId: number,
  actor: Actor,
  known: {
    /** the plan's head as this request read it with its session (null: no such plan; auth.ts) */
    head?: PlanHead | null;
  } = {},
): Promise<PlanAnswer> {
  const { head } = known;
  const plan = head !== undefined ? head : await planHead(db, planId);
  if (!plan) throw new AppError('PLAN_NOT_FOUND', { id: planId });
  const parents = await parentsForPlan(db, actor, plan.subject_unit_id);
  const read = planAccess(actor, 'plan.read', plan.subject_unit_id, parents);
  if (!read) throw new AppError('FORBIDDEN');
  const access = accessOf(actor, plan.subject_unit_id, parents, read, Boolean(plan.archived));
  if (read.kind === 'all') return wholeAnswer(await cachedPlan(db, planId, plan.version), access);
  const { view } = await load(db, planId);
  const part = restrictToUnits(view, read.units, access);
  // a plan where none of the reader's units leads or supports a task is not theirs to see at all
  if (part.rows.length === 0) throw new AppError('FORBIDDEN');
  // the rows shown are those of the units in the access block: the version and it name the bytes
  return answerOf(planId, plan.version, JSON.stringify(access), Buffer.from(JSON.stringify(part)));
}

/** A lead-unit officer's part of a plan: their rows, their findings, their units. */
function restrictToUnits(view: PlanView, units: ReadonlySet<number>, access: Access): PlanView {
  const mine = (t: Task | null) =>
    t !== null && [...t.leadUnits, ...t.supportUnits].some((u) => units.has(u.id));
  const rows = view.rows.filter((r) => mine(r.task));
  const codes = new Set(rows.map((r) => r.code));
  return {
    ...view,
    rows,
    findings: view.findings.filter((f) => f.code !== null && codes.has(f.code)),
    units: view.units.filter((u) => units.has(u.id)),
    statedTotals: null,
    access,
  };
}

export async function planView(db: Kysely<DB>, planId: number): Promise<PlanView> {
  return (await load(db, planId)).view;
}

/** The content hash of a stored plan, the same function an import uses on a file (imports.ts). */
export async function storedPlanHash(db: Kysely<DB>, planId: number): Promise<string> {
  return stateOf(await loadData(db, planId)).hash;
}

/**
 * Stores a plan's list figures for its current version without moving it (an import writes the
 * plan itself; the list refreshes figures computed at another version).
 */
export async function storeFigures(db: Kysely<DB>, planId: number): Promise<void> {
  const state = stateOf(await loadData(db, planId));
  await updatePlanFigures(db, planId, state.version, state.figures);
}

/**
 * Computes and stores the figures of plans whose stored figures are not those of their version
 * (plans stored before migration 0013, or every plan after 0017), `batch` plans at a time in the
 * order of their ids, each plan read and stored in a transaction of its own. The server and the CLI run it once after the migrations, so
 * no list request ever does; returns how many plans it refreshed.
 */
export async function backfillFigures(db: Kysely<DB>, batch = 50): Promise<number> {
  let done = 0;
  let after = 0;
  for (;;) {
    const stale = await plansWithStaleFigures(db, batch, after);
    if (stale.length === 0) return done;
    for (const id of stale) {
      await db.transaction().execute((trx) => storeFigures(trx, id));
      after = id;
      done++;
    }
  }
}

export async function planDocument(db: Kysely<DB>, planId: number): Promise<PlanDocument> {
  return (await load(db, planId)).document;
}

/** The totals the plan page, the print view and the exports show (core/consistency.ts#shownTotal). */
function shownTotals(doc: PlanDocument): Totals {
  const total = (field: ScoreField) => decimalOrNull(shownTotal(doc.rows, doc.statedTotals, field));
  return { max: total('max'), baseline: total('baseline'), target: total('target') };
}

/** Sum findings a plan can resolve itself: a parent's baseline or target, or the total row. */
export function isAdoptable(f: Pick<CoreFinding, 'rule'>): boolean {
  return f.rule !== 'sum-max' && SUM_RULES.has(f.rule);
}

/**
 * The plans a reader may see with their list figures, filtered as asked: a search in the unit's
 * name and the year without diacritics, a year, a unit (and the units below it), with errors, with
 * an overdue task. Overdue is counted on today's date in Vietnam. Archived plans only when asked for.
 * Newest year first, then by subject in Vietnamese order (units.sort_key, migration 0014), then id;
 * cut to the page asked (limit, offset); `total` is how many match.
 *
 * The figures are those stored with each plan's version (0013): the whole plan's for a reader who
 * reaches it whole, their lead unit's part of it for a lead-unit officer (0017). Filtered, sorted
 * and paged in SQL: the page and the count, then the paths of the page's subjects (their ancestors
 * only, never every unit), and before them the parents of the reader's own units if they have any.
 * The one exception: a reader with two lead units under one subject sees the rows of either, which
 * no stored figures hold; such a reader's plans are computed from their rows as before 0017 and cut
 * here, over every unit's parent.
 */
export async function planListPage(
  db: Kysely<DB>,
  actor: Actor,
  clock: () => Date,
  query: PlanListQuery = {},
): Promise<{ items: PlanListItem[]; total: number }> {
  const today = vietnamDate(clock());
  const needle = fold(query.q?.trim() ?? '').replace(/\s+/g, ' ');
  const scope = readerScope(actor, await grantUnits(db, actor), {
    archived: query.archived === true,
    year: query.year,
    search: needle === '' ? undefined : needle,
    under: query.unit,
    hasErrors: query.hasErrors,
    overdue: query.overdue === undefined ? undefined : { today, value: query.overdue },
  });
  if (scope === null) return { items: [], total: 0 };
  if (scope.kind === 'computed') {
    const units = new Map((await unitTree(db)).map((u) => [u.id, u]));
    const all = await computedList(db, actor, units, scope.filter, query, today);
    const offset = query.offset ?? 0;
    const end = query.limit === undefined ? undefined : offset + query.limit;
    return { items: all.slice(offset, end), total: all.length };
  }
  // each statement in a turn of the event loop of its own: on SQLite a statement holds the thread
  // (better-sqlite3 is synchronous, Kysely's awaits are microtasks), and readers asking at once had
  // their whole lists run in one turn (8 at 12,045 plans: 40–70 ms, BENCHMARKS.md, "stall"). The page
  // two turns on: requests come in during the poll phase, whose immediates run in the same turn
  // (its check phase). On PostgreSQL the page and the count still run side by side.
  const [rows, total] = await Promise.all([
    turnsLater(2).then(() => listPlanFigures(db, scope.filter, { limit: query.limit, offset: query.offset })),
    turnsLater(3).then(() => countPlanFigures(db, scope.filter)),
  ]);
  await nextTurn();
  // names repeat across provinces: each plan carries its subject's path for the list to tell them apart
  const units = await unitsWithAncestors(
    db,
    rows.map((p) => p.subjectId),
  );
  return { items: rows.map((p) => ({ ...listHead(p, units), ...storedListFigures(p, today) })), total };
}

/** After `turns` turns of the event loop: what another request, a timer or an answer may run in between. */
async function turnsLater(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) await nextTurn();
}

/** The reader's own units with their ancestors: what readerScope asks of the units. */
function grantUnits(db: Kysely<DB>, actor: Actor): Promise<UnitTree> {
  return unitsWithAncestors(
    db,
    actor.grants.flatMap((g) => (g.unitId === null ? [] : [g.unitId])),
  );
}

/**
 * The choices of the list's year filter: the years of the plans the reader may see, archived ones
 * too when asked — in SQL like the list (the reader's plans as stored-figures filter, whatever their
 * kind: the plans a computed reader lists are those its lead units have figures in).
 */
export async function planListChoices(
  db: Kysely<DB>,
  actor: Actor,
  archived: boolean,
): Promise<PlanListChoices> {
  const scope = readerScope(actor, await grantUnits(db, actor), { archived });
  return { years: scope === null ? [] : await listYears(db, scope.readable) };
}

/**
 * A page of the list's unit filter: the units with a plan the reader may see whose name holds the
 * search (folded like the list's search), in Vietnamese order, each labelled with its parent's name
 * when another unit of its name has a plan (core/collate.ts#unitLabel); `id`: that unit alone, the
 * label of a filter read from the address. One statement (db/plans-repo.ts#subjectChoices), after the
 * reader's own units.
 */
export async function planSubjectChoices(
  db: Kysely<DB>,
  actor: Actor,
  query: SubjectChoicesQuery = {},
): Promise<SubjectChoices> {
  const needle = fold(query.q?.trim() ?? '').replace(/\s+/g, ' ');
  const scope = readerScope(actor, await grantUnits(db, actor), {
    archived: query.archived === true,
    search: needle === '' ? undefined : needle,
  });
  if (scope === null) return { items: [], more: false };
  const limit = query.limit ?? SUBJECT_CHOICES_DEFAULT;
  const rows = await subjectChoices(db, scope.readable, { id: query.id, limit, offset: query.offset ?? 0 });
  return {
    items: rows.slice(0, limit).map((u) => ({
      id: u.id,
      name: u.name,
      parent: u.parent,
      label: unitLabel(u.name, u.parent, u.shared),
    })),
    more: rows.length > limit,
  };
}

/**
 * Which plans a reader lists, as a filter of the stored figures: the whole plans of their grants'
 * reach and the plans where one of their lead units has a task (with that unit's figures). null:
 * they may read no plan. `computed`: a reader with two lead units under one subject sees the rows
 * of either, which no stored figures hold: their list is computed from the plans' rows. `readable`:
 * the stored figures' filter of any reader, which lists the same plans (a computed reader's twice
 * where two of its lead units have figures in one): what the filters' choices read.
 */
function readerScope(
  actor: Actor,
  units: UnitTree,
  filter: PlanListFilter,
): { kind: 'stored' | 'computed'; filter: PlanListFilter; readable: PlanListFilter } | null {
  const readGrants = actor.grants.filter((g) => g.permissions.has('plan.read'));
  if (readGrants.length === 0) return null;
  // a grant without a unit reaches everything, whatever its scope (core/access.ts#planAccess)
  const whole = readGrants.filter((g) => g.scope !== 'lead' || g.unitId === null);
  // a lead grant reaches the plans of its unit's parent
  const lead = [
    ...new Set(
      readGrants
        .filter(
          (g) => g.scope === 'lead' && g.unitId !== null && (units.get(g.unitId)?.parent_id ?? null) !== null,
        )
        .map((g) => g.unitId!),
    ),
  ];
  const readable: PlanListFilter = {
    ...filter,
    reach: whole.some((g) => g.unitId === null)
      ? undefined
      : whole.length === 0
        ? null
        : {
            subtrees: whole.filter((g) => g.scope === 'subtree').map((g) => g.unitId!),
            units: whole.filter((g) => g.scope !== 'subtree').map((g) => g.unitId!),
          },
    lead,
  };
  const parentsOfLead = new Set(lead.map((id) => units.get(id)!.parent_id));
  if (parentsOfLead.size < lead.length) return { kind: 'computed', filter, readable };
  return { kind: 'stored', filter: readable, readable };
}

type UnitTree = ReadonlyMap<number, { name: string; parent_id: number | null }>;

/** What the list says of a plan besides its figures. */
function listHead(p: PlanFiguresRow, units: UnitTree) {
  return {
    id: p.id,
    subject: p.subject,
    subjectPath: unitPath(p.subjectId, units),
    subjectId: p.subjectId,
    subjectShared: p.subjectShared,
    year: p.year,
    baselineYear: p.baselineYear,
    updatedAt: p.updatedAt,
    archived: p.archived,
  };
}

/**
 * The list of a reader with two lead units under one subject: every plan's part they see computed
 * from its rows (the whole plans they reach from the stored figures), filtered here.
 */
async function computedList(
  db: Kysely<DB>,
  actor: Actor,
  units: UnitTree,
  filter: PlanListFilter,
  query: Pick<PlanListQuery, 'hasErrors' | 'overdue'>,
  today: string,
): Promise<PlanListItem[]> {
  const parents = new Map([...units.entries()].map(([id, u]) => [id, u.parent_id]));
  const out: PlanListItem[] = [];
  const { hasErrors: _e, overdue: _o, ...plain } = filter;
  for (const p of await listPlanFigures(db, plain)) {
    const read = planAccess(actor, 'plan.read', p.subjectId, parents);
    if (!read) continue;
    let item: PlanListItem;
    if (read.kind === 'all') {
      item = { ...listHead(p, units), ...storedListFigures(p, today) };
    } else {
      const { view } = await load(db, p.id);
      const seen = restrictToUnits(view, read.units, accessOf(actor, p.subjectId, parents, read, p.archived));
      if (seen.rows.length === 0) continue;
      item = {
        ...listHead(p, units),
        criteria: seen.rows.length,
        // a part of a plan has no totals worth showing
        totals: { max: null, baseline: null, target: null },
        errors: openFindings(seen.findings, 'error'),
        warnings: openFindings(seen.findings, 'warning'),
        ...taskFigures(followedTasks(seen.rows), today),
      };
    }
    if (query.hasErrors !== undefined && item.errors > 0 !== query.hasErrors) continue;
    if (query.overdue !== undefined && item.overdue > 0 !== query.overdue) continue;
    out.push(item);
  }
  return out;
}

function taskFigures(
  tasks: readonly FollowedTask[],
  today: string,
): Pick<PlanListItem, 'tasks' | 'tasksDone' | 'overdue'> {
  return {
    tasks: tasks.length,
    tasksDone: tasks.filter((t) => t.status === 'done').length,
    overdue: tasks.filter((t) => overdueDays(t, today) !== null).length,
  };
}

function storedListFigures(
  p: PlanFiguresRow,
  today: string,
): Pick<PlanListItem, 'criteria' | 'totals' | 'errors' | 'warnings' | 'tasks' | 'tasksDone' | 'overdue'> {
  return {
    criteria: p.criteria,
    totals: { max: p.live_max, baseline: p.live_baseline, target: p.live_target },
    errors: p.open_errors,
    warnings: p.open_warnings,
    tasks: p.tasks_followed,
    tasksDone: p.tasks_done,
    overdue: overdueOf(p.open_deadlines, today),
  };
}

/** One unit's criteria and tasks in a plan, the most points at stake first. */
export async function leadUnitView(
  db: Kysely<DB>,
  planId: number,
  unitId: number,
  actor: Actor,
): Promise<LeadUnitView> {
  const plan = await findPlan(db, planId);
  if (!plan) throw new AppError('PLAN_NOT_FOUND', { id: planId });
  const read = planAccess(
    actor,
    'plan.read',
    plan.subject_unit_id,
    await parentsForPlan(db, actor, plan.subject_unit_id),
  );
  if (!read || (read.kind === 'lead' && !read.units.has(unitId))) throw new AppError('FORBIDDEN');
  const { view } = await load(db, planId);
  const unit = view.units.find((u) => u.id === unitId);
  if (!unit) throw new AppError('UNIT_NOT_FOUND', { id: unitId });
  const rows: LeadUnitView['rows'] = [];
  for (const r of view.rows) {
    const t = r.task;
    if (!t) continue;
    const role = t.leadUnits.some((u) => u.id === unitId)
      ? 'lead'
      : t.supportUnits.some((u) => u.id === unitId)
        ? 'support'
        : null;
    if (!role) continue;
    const max = storedScore(r.max);
    const baseline = storedScore(r.baseline);
    const target = storedScore(r.target);
    rows.push({
      itemId: r.itemId,
      code: r.code,
      name: r.name,
      role,
      max: r.max,
      baseline: r.baseline,
      target: r.target,
      atStake: max && baseline ? decimalOrNull(trimScale(sub(max, baseline))) : null,
      gain: target && baseline ? decimalOrNull(trimScale(sub(target, baseline))) : null,
      task: t,
    });
  }
  const stake = (x: (typeof rows)[number]) => (x.atStake === null ? -1 : fromDecimalString(x.atStake).units);
  // a lead-unit officer whose unit has no task in the plan does not see the plan at all
  if (read.kind === 'lead' && rows.length === 0) throw new AppError('FORBIDDEN');
  rows.sort((a, b) => stake(b) - stake(a));
  return { plan: { id: view.id, subject: view.subject.name, year: view.year }, unit, rows };
}
