/**
 * Issue 9.1 on both engines: a score edit (PATCH of one target) runs at most 8 SQL statements, and
 * the plans list, read from the figures stored with each plan's version (migration 0013), shows
 * what computing every plan from its rows shows — after edits, task follow-up, findings actions,
 * a re-import that merges, archiving, a unit renamed, and for plans stored before 0013 — filtered
 * and paginated in SQL.
 */
import { resolve } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { SelectQueryNode, TableNode, type RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shownTotal } from '../src/core/consistency.js';
import { vietnamDate } from '../src/core/dates.js';
import { overdueDays } from '../src/core/progress.js';
import { SCORE_FIELDS } from '../src/core/plan.js';
import { decimalOrNull, storedScore } from '../src/core/score.js';
import type { Database } from '../src/db/database.js';
import { buildApp } from '../src/http/app.js';
import { systemActor } from '../src/modules/access.js';
import { importPlans } from '../src/modules/imports.js';
import { backfillFigures, planView } from '../src/modules/plan-view.js';
import { migratorFor } from '../src/db/migrations/index.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import {
  PlanListChoices,
  PlanListItem,
  SubjectChoices,
  type PlanEdit,
  type PlanView,
} from '../src/shared/api.js';
import { mergePlanEdit } from '../src/shared/plan-edit.js';
import { compareVi, unitLabel } from '../src/core/collate.js';
import { addUser, planIdOf, TEST_PASSWORD, unitId, type TestGrant } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROOT, SAMPLE_PATH } from './helpers/fixtures.js';
import { signIn, withSession, type SignedIn } from './helpers/http.js';
import { readFileSync } from 'node:fs';
import { setSeedCell, toBytes } from './helpers/seed-edit.js';
import { copyPlanYears } from './helpers/plan-copies.js';
import { statementCounter } from './helpers/statement-counter.js';

/** The list figures of a plan computed from the whole plan as loaded now (the computation before 0013). */
function expectedFigures(view: PlanView, today: string) {
  const scored = view.rows.map((r) => ({
    code: r.code,
    max: storedScore(r.max),
    baseline: storedScore(r.baseline),
    target: storedScore(r.target),
  }));
  const stated = view.statedTotals && {
    max: storedScore(view.statedTotals.max),
    baseline: storedScore(view.statedTotals.baseline),
    target: storedScore(view.statedTotals.target),
  };
  const [max, baseline, target] = SCORE_FIELDS.map((f) => decimalOrNull(shownTotal(scored, stated, f)));
  const tasks = view.rows
    .map((r) => r.task)
    .filter((t) => t !== null && (t.text.trim() !== '' || t.leadUnits.length > 0));
  const open = (severity: string) =>
    view.findings.filter((f) => f.severity === severity && !f.acknowledgement).length;
  return {
    id: view.id,
    criteria: view.rows.length,
    totals: { max, baseline, target },
    errors: open('error'),
    warnings: open('warning'),
    tasks: tasks.length,
    tasksDone: tasks.filter((t) => t!.status === 'done').length,
    overdue: tasks.filter((t) => overdueDays(t!, today) !== null).length,
    archived: view.archived,
    year: view.year,
    subject: view.subject.name,
  };
}

describe.each(ENGINES)('plan list figures and statements per edit, on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  let app: FastifyInstance;
  let admin: SignedIn;
  let province: number;
  let district: number;
  /** lead-unit officers and a reader of both kinds (set up in beforeAll) */
  const readers: Record<string, SignedIn> = {};
  const counter = statementCounter({ keepQueries: true });
  const now = new Date('2026-11-30T03:00:00Z');
  const clock = () => now;
  const today = vietnamDate(now);

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
    await loadSamplesIfEmpty({ db: database.db, clock }, resolve(ROOT, 'samples'));
    await addUser({ db: database.db, clock }, 'quantri', [{ role: 'admin', unitId: null }]);
    app = await buildApp({ db: database.db.withPlugin(counter.plugin), clock });
    admin = await signIn(app, 'quantri', TEST_PASSWORD);
    province = await planIdOf(database.db, 'Tỉnh Đắk Nông');
    district = await planIdOf(database.db, 'Huyện Krông Nô');
    // units leading tasks: two in the district's plan, one in the province's
    const leading = (view: PlanView) => [
      ...new Set(view.rows.flatMap((r) => r.task?.leadUnits.map((u) => u.id) ?? [])),
    ];
    const [d1, d2] = leading(await planView(database.db, district));
    const [p1] = leading(await planView(database.db, province));
    const krongNo = await unitId(database.db, 'Huyện Krông Nô');
    const grants: Record<string, TestGrant[]> = {
      // one lead unit: the district plan's rows of that unit
      lead: [{ role: 'lead_unit', unitId: d1! }],
      // lead units under two subjects: a part of each plan
      leadTwoPlans: [
        { role: 'lead_unit', unitId: d1! },
        { role: 'lead_unit', unitId: p1! },
      ],
      // the district whole, a part of the province's plan
      mixed: [
        { role: 'viewer', unitId: krongNo },
        { role: 'lead_unit', unitId: p1! },
      ],
      // two lead units under one subject: the rows of either (computed from the rows)
      leadOneSubject: [
        { role: 'lead_unit', unitId: d1! },
        { role: 'lead_unit', unitId: d2! },
      ],
    };
    for (const [name, g] of Object.entries(grants)) {
      await addUser({ db: database.db, clock }, name.toLowerCase(), g);
      readers[name] = await signIn(app, name.toLowerCase(), TEST_PASSWORD);
    }
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await test?.drop();
  });

  const call = (options: InjectOptions, as: SignedIn = admin) => app.inject(withSession(options, as));
  const plan = async (id: number) => {
    const answer = await call({ method: 'GET', url: `/api/plans/${id}` });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json<PlanView>();
  };
  const row = (view: PlanView, code: string) => view.rows.find((r) => r.code === code)!;
  const list = async (query = 'archived=1', as: SignedIn = admin) => {
    const answer = await call({ method: 'GET', url: `/api/plans?${query}` }, as);
    expect(answer.statusCode, answer.body).toBe(200);
    return {
      items: PlanListItem.array().parse(answer.json()),
      total: Number(answer.headers['x-total-count']),
    };
  };
  /**
   * The list (archived too) equals the figures computed from every plan as the reader sees it:
   * loaded whole, or a lead-unit officer's part (no totals); it lists exactly the plans they may read.
   */
  const expectListAsComputed = async (
    as: SignedIn = admin,
    planIds: readonly number[] = [province, district],
  ) => {
    const { items, total } = await list('archived=1', as);
    const expected = [];
    for (const id of planIds) {
      const answer = await call({ method: 'GET', url: `/api/plans/${id}` }, as);
      if (answer.statusCode === 403) continue;
      const view = answer.json<PlanView>();
      const figures = expectedFigures(view, today);
      expected.push(
        view.access.scope === 'lead'
          ? { ...figures, totals: { max: null, baseline: null, target: null } }
          : figures,
      );
    }
    const order = items.map((p) => p.id);
    expected.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    expect(total).toBe(items.length);
    expect(
      items.map((p) => ({
        id: p.id,
        criteria: p.criteria,
        totals: p.totals,
        errors: p.errors,
        warnings: p.warnings,
        tasks: p.tasks,
        tasksDone: p.tasksDone,
        overdue: p.overdue,
        archived: p.archived,
        year: p.year,
        subject: p.subject,
      })),
    ).toEqual(expected);
    // the filters on figures select what the figures say
    const ids = async (query: string) => (await list(`archived=1&${query}`, as)).items.map((p) => p.id);
    expect(await ids('hasErrors=1')).toEqual(items.filter((p) => p.errors > 0).map((p) => p.id));
    expect(await ids('hasErrors=0')).toEqual(items.filter((p) => p.errors === 0).map((p) => p.id));
    expect(await ids('overdue=1')).toEqual(items.filter((p) => p.overdue > 0).map((p) => p.id));
    expect(await ids('overdue=0')).toEqual(items.filter((p) => p.overdue === 0).map((p) => p.id));
    // the filters' choices are those of the plans listed
    const choices = await call({ method: 'GET', url: '/api/plans/choices?archived=1' }, as);
    expect(choices.statusCode, choices.body).toBe(200);
    expect(PlanListChoices.parse(choices.json())).toEqual({
      years: [...new Set(items.map((p) => p.year))].sort((a, b) => b - a),
    });
    const units = await call({ method: 'GET', url: '/api/plans/choices/units?archived=1&limit=50' }, as);
    expect(units.statusCode, units.body).toBe(200);
    expect(SubjectChoices.parse(units.json())).toEqual({
      items: [...new Map(items.map((p) => [p.subjectId, p])).values()]
        .sort((a, b) => compareVi(a.subject, b.subject))
        .map((p) => ({
          id: p.subjectId,
          name: p.subject,
          parent: p.subjectPath.at(-2) ?? null,
          label: unitLabel(p.subject, p.subjectPath.at(-2) ?? null, p.subjectShared),
        })),
      more: false,
    });
    return items;
  };
  /** The same for every reader: the administrator, the lead-unit officers, the mixed reader. */
  const expectListsAsComputed = async () => {
    // each plan's stored number of criteria (0042) is its items counted
    const counted = await database.db
      .selectFrom('plans')
      .select([
        'plans.criteria',
        (eb) =>
          eb
            .selectFrom('plan_items')
            .select((i) => i.fn.countAll<number | string>().as('n'))
            .whereRef('plan_items.plan_id', '=', 'plans.id')
            .as('items'),
      ])
      .execute();
    expect(counted.length).toBeGreaterThan(0);
    for (const c of counted) expect(c.criteria).toBe(Number(c.items));
    const items = await expectListAsComputed();
    for (const reader of Object.values(readers)) await expectListAsComputed(reader);
    return items;
  };

  it("lists each reader's plans with the figures of the part they see", async () => {
    await expectListsAsComputed();
    const seen = async (name: string) =>
      (await list('archived=1', readers[name])).items.map((p) => [p.id, p.totals.max !== null, p.criteria]);
    const whole = (await list()).items;
    const criteria = (id: number) => whole.find((p) => p.id === id)!.criteria;
    const lead = await seen('lead');
    expect(lead.map(([id]) => id)).toEqual([district]);
    expect(lead[0]![2]).toBeLessThan(criteria(district));
    expect((await seen('leadTwoPlans')).map(([id, totals]) => [id, totals]).sort()).toEqual(
      [
        [province, false],
        [district, false],
      ].sort(),
    );
    // the district whole (with its totals), a part of the province
    const mixed = await seen('mixed');
    expect(mixed.find(([id]) => id === district)).toEqual([district, true, criteria(district)]);
    expect(mixed.find(([id]) => id === province)![1]).toBe(false);
    // two lead units of the district: more rows than one of them
    const both = await seen('leadOneSubject');
    expect(both.map(([id]) => id)).toEqual([district]);
    expect(both[0]![2]).toBeGreaterThan(lead[0]![2] as number);
  });

  it('a list page reads the units of its page and of the reader, never every unit (but for the computed reader)', async () => {
    /** a statement reading the units table with no condition: every unit */
    const readsEveryUnit = (node: RootOperationNode) =>
      SelectQueryNode.is(node) &&
      node.where === undefined &&
      (node.from?.froms ?? []).some((f) => TableNode.is(f) && f.table.identifier.name === 'units');
    for (const [name, as] of [['admin', admin], ...Object.entries(readers)] as [string, SignedIn][]) {
      counter.nodes = [];
      const { items } = await list('archived=1', as);
      expect(items.length, name).toBeGreaterThan(0);
      // each plan still carries its subject's path from the root
      for (const p of items) expect(p.subjectPath.at(-1), name).toBe(p.subject);
      expect(counter.nodes.some(readsEveryUnit), name).toBe(name === 'leadOneSubject');
      // the filters' choices read no unit but the reader's and the page's, whoever the reader
      counter.nodes = [];
      for (const url of ['/api/plans/choices?archived=1', '/api/plans/choices/units?archived=1']) {
        const choices = await call({ method: 'GET', url }, as);
        expect(choices.statusCode, choices.body).toBe(200);
      }
      expect(counter.nodes.some(readsEveryUnit), name).toBe(false);
    }
    expect((await list()).items.find((p) => p.id === district)!.subjectPath).toEqual([
      'Tỉnh Đắk Nông',
      'Huyện Krông Nô',
    ]);
  });

  it('a score edit runs at most 7 statements, 5 on PostgreSQL (the edit and what changed, the session included)', async () => {
    const view = await plan(district);
    const leaf = row(view, '1.2.2');
    counter.count = 0;
    const answer = await call({
      method: 'PATCH',
      url: `/api/plans/${district}/items/${leaf.itemId}`,
      payload: { version: leaf.version, target: '0.2' },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    // the session's own query is counted too: it is one statement of the request
    const sessionStatements = 1;
    // the lock and row, the items, the plan, 3 for the audit chain; on PostgreSQL the items and the
    // plan are one statement, the audit's entries and its head's move another; the answer is the
    // version it made
    expect(counter.count - sessionStatements).toBeLessThanOrEqual(kind === 'postgres' ? 4 : 6);
    // the answer is what changed (the leaf, the parents that followed, the findings, the totals)
    const edit = answer.json<PlanEdit>();
    expect(edit.rows.map((r) => r.code)).toEqual(['1', '1.2', '1.2.2']);
    const after = mergePlanEdit(view, edit)!;
    expect([row(after, '1.2.2').target, row(after, '1.2').target, row(after, '1').target]).toEqual([
      '0.2',
      '0.95',
      '12.95',
    ]);
    // merged into the plan held, what the edit built is what a fresh load of the stored plan gives
    const { access: _a, ...built } = after;
    const { access: _b, ...stored } = await planView(database.db, district);
    expect(built).toEqual(stored);
    await expectListsAsComputed();
  });

  it('a stale score edit is refused and writes nothing', async () => {
    const view = await plan(district);
    const leaf = row(view, '1.2.2');
    const answer = await call({
      method: 'PATCH',
      url: `/api/plans/${district}/items/${leaf.itemId}`,
      payload: { version: leaf.version - 1, target: '0.1' },
    });
    expect(answer.statusCode).toBe(409);
    expect(row(await plan(district), '1.2.2').target).toBe('0.2');
  });

  /** The plan as the edit built it (the route's answer) is what a fresh load of the stored plan gives. */
  const expectBuiltAsStored = async (answered: PlanView) => {
    const { access: _a, ...built } = answered;
    const { access: _b, ...stored } = await planView(database.db, answered.id);
    expect(built).toEqual(stored);
  };

  it('a task edit runs at most 8 statements, 10 when it names units (the edit and the plan it answers with)', async () => {
    const view = await plan(district);
    const followed = view.rows.filter((r) => r.task !== null && r.task.text.trim() !== '');
    const target = followed[4]!;
    const patch = async (code: string, payload: object, most: number) => {
      const r = row(await plan(district), code);
      counter.count = 0;
      const answer = await call({
        method: 'PATCH',
        url: `/api/plans/${district}/items/${r.itemId}/task`,
        payload: { version: r.task?.version ?? 0, ...payload },
      });
      expect(answer.statusCode, answer.body).toBe(200);
      // the session's own query is counted too: it is one statement of the request
      expect(counter.count - 1).toBeLessThanOrEqual(most);
      const after = answer.json<PlanView>();
      await expectBuiltAsStored(after);
      return { before: r, after: row(after, code), units: after.units };
    };

    const followUp = await patch(
      target.code,
      { status: 'in_progress', progress: 40, progressNote: 'Đang làm' },
      8,
    );
    expect(followUp.after.task).toMatchObject({
      status: 'in_progress',
      progress: 40,
      progressNote: 'Đang làm',
      version: target.task!.version + 1,
    });

    const [a, b, c] = followUp.units;
    const named = await patch(
      target.code,
      { text: 'Rà soát thủ tục hành chính', leadUnitIds: [b!.id, a!.id], supportUnitIds: [c!.id] },
      10,
    );
    expect(named.after.task!.text).toBe('Rà soát thủ tục hành chính');
    expect(named.after.task!.leadUnits.map((u) => u.id)).toEqual([b!.id, a!.id]);
    expect(named.after.task!.supportUnits.map((u) => u.id)).toEqual([c!.id]);

    const bare = view.rows.find((r) => r.task === null)!;
    const created = await patch(
      bare.code,
      { text: 'Nhiệm vụ mới', leadUnitIds: [a!.id], deadline: '2026-12-31' },
      10,
    );
    expect(created.after.task).toMatchObject({
      text: 'Nhiệm vụ mới',
      deadline: '2026-12-31',
      status: 'not_started',
      version: 1,
    });
    expect(created.after.task!.leadUnits.map((u) => u.id)).toEqual([a!.id]);
    await expectListAsComputed();
  });

  it('follows task edits: done, overdue by deadline, unfollowed', async () => {
    let view = await plan(district);
    const withTask = view.rows.filter((r) => r.task !== null && r.task.text.trim() !== '');
    const edit = async (code: string, payload: object) => {
      const r = row(view, code);
      const answer = await call({
        method: 'PATCH',
        url: `/api/plans/${district}/items/${r.itemId}/task`,
        payload: { version: r.task!.version, ...payload },
      });
      expect(answer.statusCode, answer.body).toBe(200);
      view = answer.json<PlanView>();
    };
    await edit(withTask[0]!.code, { status: 'done' });
    await edit(withTask[1]!.code, { deadline: '2026-01-15' });
    await edit(withTask[2]!.code, { deadline: '2026-01-15' });
    await edit(withTask[3]!.code, { deadline: '2027-06-30', status: 'in_progress' });
    const items = await expectListsAsComputed();
    const item = items.find((p) => p.id === district)!;
    expect(item.overdue).toBeGreaterThanOrEqual(2);
    expect(item.tasksDone).toBeGreaterThanOrEqual(1);
    expect((await list('overdue=1')).items.map((p) => p.id)).toContain(district);
    await edit(withTask[1]!.code, { status: 'done' });
    await expectListsAsComputed();
  });

  it('follows the findings actions', async () => {
    const start = await plan(province);
    const rounded = start.findings.find((f) => f.rule === 'sum-baseline' && f.code === '6.1')!;
    let answer = await call({
      method: 'POST',
      url: `/api/plans/${province}/findings/acknowledge`,
      payload: { version: start.version, key: rounded.key, note: 'Văn bản đã làm tròn' },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const errorsBefore = (await expectListsAsComputed()).find((p) => p.id === province)!.errors;
    expect(errorsBefore).toBeGreaterThan(0);
    expect((await list('hasErrors=1')).items.map((p) => p.id)).toContain(province);
    answer = await call({
      method: 'POST',
      url: `/api/plans/${province}/findings/adopt-sum`,
      payload: { version: answer.json<PlanView>().version, key: null },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const items = await expectListsAsComputed();
    expect(items.find((p) => p.id === province)!.errors).toBeLessThan(errorsBefore);
  });

  it('follows a re-import that merges, a renamed unit, and archiving', async () => {
    const text = readFileSync(SAMPLE_PATH, 'utf8');
    const bytes = toBytes(setSeedCell(text, 'district', '2.3.1', 'target', '0,1'));
    const replaced = await importPlans(
      { db: database.db, clock },
      { actor: systemActor('test'), bytes, sourceName: 'sua.txt', replace: true },
    );
    if (!replaced.ok) throw new Error(JSON.stringify(replaced.error));
    expect(replaced.plans.map((p) => p.outcome)).toContain('replaced');
    await expectListsAsComputed();

    const subject = await unitId(database.db, 'Huyện Krông Nô');
    let answer = await call({
      method: 'PATCH',
      url: `/api/units/${subject}`,
      payload: { name: 'Huyện Krông Nô Mới' },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect((await list('q=krong%20no%20moi')).items.map((p) => p.id)).toEqual([district]);
    await expectListsAsComputed();

    answer = await call({ method: 'PATCH', url: `/api/plans/${district}`, payload: { archived: true } });
    expect(answer.statusCode, answer.body).toBe(200);
    expect((await list('')).items.map((p) => p.id)).toEqual([province]);
    expect((await list()).items.map((p) => p.id).sort()).toEqual([province, district].sort());
    await expectListsAsComputed();
  });

  it('an upgraded database has its figures back-filled at start-up, before any request; a list request writes none', async () => {
    const expected = await list();
    const stored = () =>
      database.db.selectFrom('plans').select(['id', 'version', 'figures_version']).orderBy('id').execute();
    const unitRows = () =>
      database.db.selectFrom('plan_unit_figures').selectAll().orderBy('plan_id').orderBy('unit_id').execute();
    const unitsBefore = await unitRows();
    expect(unitsBefore.length).toBeGreaterThan(2);
    // the upgrade to 0017: the units' figures table is new (empty) and every plan's figures stale
    const migrator = migratorFor(database.db, kind);
    expect((await migrator.migrateTo('0014_unit_sort_key')).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    await database.db.updateTable('plans').set({ open_errors: 99, tasks_followed: 0 }).execute();
    expect((await stored()).every((p) => p.figures_version === null)).toBe(true);
    expect(await unitRows()).toEqual([]);
    // a list request computes nothing and stores nothing
    await list();
    expect((await stored()).every((p) => p.figures_version === null)).toBe(true);
    // the start-up step (server.ts, the CLI's withDatabase), in batches of one plan here
    expect(await backfillFigures(database.db, 1)).toBe(2);
    expect((await stored()).every((p) => p.figures_version === p.version)).toBe(true);
    expect(await unitRows()).toEqual(unitsBefore);
    expect(await backfillFigures(database.db)).toBe(0);
    // rows that lag behind their JSON (a plan arrived with it by some other way) follow a back-fill
    await database.db.deleteFrom('plan_unit_figures').execute();
    await database.db.updateTable('plans').set({ figures_version: null }).execute();
    expect(await backfillFigures(database.db)).toBe(2);
    expect(await unitRows()).toEqual(unitsBefore);
    expect(await list()).toEqual(expected);
    await expectListsAsComputed();
  });

  it('filters and pages in SQL: search without diacritics, year, unit, errors, overdue, archived', async () => {
    const all = await list();
    expect(all.total).toBe(2);
    const first = await list('archived=1&limit=1');
    const second = await list('archived=1&limit=1&offset=1');
    expect(first.total).toBe(2);
    expect(second.total).toBe(2);
    expect([...first.items, ...second.items]).toEqual(all.items);
    expect((await list('archived=1&offset=5')).items).toEqual([]);
    expect((await list('archived=1&q=DAK%20NONG')).items.map((p) => p.id)).toEqual([province]);
    expect((await list('archived=1&q=%25')).items).toEqual([]);
    const provinceYear = all.items.find((p) => p.id === province)!.year;
    expect((await list(`archived=1&year=${provinceYear}`)).items.map((p) => p.id)).toEqual([province]);
    const root = await unitId(database.db, 'Tỉnh Đắk Nông');
    expect((await list(`archived=1&unit=${root}`)).items.map((p) => p.id).sort()).toEqual(
      [province, district].sort(),
    );
    const withErrors = all.items.filter((p) => p.errors > 0).map((p) => p.id);
    expect((await list('archived=1&hasErrors=1')).items.map((p) => p.id)).toEqual(withErrors);
    expect((await list('archived=1&hasErrors=0')).items.map((p) => p.id)).toEqual(
      all.items.filter((p) => p.errors === 0).map((p) => p.id),
    );
    const overdue = all.items.filter((p) => p.overdue > 0).map((p) => p.id);
    expect(overdue).toEqual([district]);
    expect((await list('archived=1&overdue=1')).items.map((p) => p.id)).toEqual(overdue);
    expect((await list('archived=1&overdue=0')).items.map((p) => p.id)).toEqual([province]);
    expect((await call({ method: 'GET', url: '/api/plans?limit=0' })).statusCode).toBe(400);
  });

  // last: it adds 49 plans to the district (the tests above count two plans)
  it('a unit named in 50 plans is renamed in a bounded number of statements, every plan following', async () => {
    const view = await plan(district);
    const lead = view.rows.flatMap((r) => r.task?.leadUnits ?? [])[0]!;
    const copies = await copyPlanYears(database.db, district, 49);
    const plans = [district, ...copies];
    const versions = new Map(
      (await database.db.selectFrom('plans').select(['id', 'version']).execute()).map((p) => [
        p.id,
        p.version,
      ]),
    );
    counter.count = 0;
    const answer = await call({
      method: 'PATCH',
      url: `/api/units/${lead.id}`,
      payload: { name: `${lead.name} mới` },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    // the session, the unit's checks and write, the 50 plans locked and read (6) and written (1) in
    // bulk, the audit chain: 18 whatever the number of plans (each plan read and written alone: 412)
    expect(counter.count).toBeLessThanOrEqual(18);
    const after = await database.db
      .selectFrom('plans')
      .select(['id', 'version', 'figures_version'])
      .execute();
    for (const p of after) {
      const moved = plans.includes(p.id) ? 1 : 0;
      expect(p.version).toBe(versions.get(p.id)! + moved);
      expect(p.figures_version).toBe(p.version);
    }
    for (const id of [district, copies[0]!, copies[48]!]) {
      const shown = await plan(id);
      expect(shown.rows.flatMap((r) => r.task?.leadUnits ?? []).map((u) => u.name)).toContain(
        `${lead.name} mới`,
      );
      await expectBuiltAsStored(shown);
    }
    await expectListAsComputed(admin, [province, ...plans]);
  });
});
