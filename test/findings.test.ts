/**
 * Issue 8.1 on a real database, both engines: parents stay consistent through edits that clear and
 * set values again; the province seed (7.2: 1,21 stated vs 1,5; 7: 13,25; total 86,26 vs 86,24; 6.1
 * rounded) reaches zero open errors through the findings actions, each of them in the audit trail;
 * an acknowledgement applies only while the values it was given for stay; the page's numbers are
 * those of the XLSX and DOCX exports read back.
 */
import { resolve } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shownTotal } from '../src/core/consistency.js';
import { SCORE_FIELDS } from '../src/core/plan.js';
import { decimalOrNull, storedScore } from '../src/core/score.js';
import type { Database } from '../src/db/database.js';
import { readPlans } from '../src/formats/read.js';
import { buildApp } from '../src/http/app.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import type { Finding, PlanEdit, PlanView } from '../src/shared/api.js';
import { mergePlanEdit } from '../src/shared/plan-edit.js';
import { addUser, planIdOf, TEST_PASSWORD } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';
import { signIn, withSession, type SignedIn } from './helpers/http.js';

describe.each(ENGINES)('findings actions and consistent parents, on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  let app: FastifyInstance;
  let admin: SignedIn;
  let province: number;
  let district: number;
  const clock = () => new Date();

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
    await loadSamplesIfEmpty({ db: database.db, clock }, resolve(ROOT, 'samples'));
    await addUser({ db: database.db, clock }, 'quantri', [{ role: 'admin', unitId: null }]);
    app = await buildApp({ db: database.db, clock });
    admin = await signIn(app, 'quantri', TEST_PASSWORD);
    province = await planIdOf(database.db, 'Tỉnh Đắk Nông');
    district = await planIdOf(database.db, 'Huyện Krông Nô');
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await test?.drop();
  });

  const call = (options: InjectOptions) => app.inject(withSession(options, admin));
  const plan = async (id: number) =>
    (await call({ method: 'GET', url: `/api/plans/${id}` })).json<PlanView>();
  const row = (view: PlanView, code: string) => view.rows.find((r) => r.code === code)!;
  const open = (view: PlanView, severity: 'error' | 'warning') =>
    view.findings
      .filter((f) => f.severity === severity && !f.acknowledgement)
      .map((f) => `${f.rule}@${f.code ?? '-'}`);
  const finding = (view: PlanView, rule: string, code: string | null): Finding =>
    view.findings.find((f) => f.rule === rule && f.code === code)!;
  /** Sets a target; the edit's answer (what changed) merged into the plan held is the plan as reloaded. */
  const setTarget = async (id: number, code: string, target: string | null) => {
    const held = await plan(id);
    const r = row(held, code);
    const answer = await call({
      method: 'PATCH',
      url: `/api/plans/${id}/items/${r.itemId}`,
      payload: { version: r.version, target },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const merged = mergePlanEdit(held, answer.json<PlanEdit>());
    expect(merged).toEqual(await plan(id));
    return merged!;
  };
  const action = async (id: number, what: 'adopt-sum' | 'acknowledge', payload: object) =>
    call({ method: 'POST', url: `/api/plans/${id}/findings/${what}`, payload });

  it('Krông Nô 1.2.2: 0,25 → empty → 0,2 keeps 1.2, area 1 and the total the sums of their children', async () => {
    const before = await plan(district);
    expect(open(before, 'error')).toEqual([]);
    await setTarget(district, '1.2.2', null);
    const cleared = await plan(district);
    expect([row(cleared, '1.2').target, row(cleared, '1').target]).toEqual(['0.75', '12.75']);
    const after = await setTarget(district, '1.2.2', '0.2');
    expect([row(after, '1.2').target, row(after, '1').target]).toEqual(['0.95', '12.95']);
    expect(after.statedTotals?.target).toBe('95.35');
    expect(open(after, 'error')).toEqual([]);
  });

  it('shows on the page the numbers the XLSX and DOCX exports carry', async () => {
    await setTarget(district, '2.3.1', null);
    await setTarget(district, '2.3.1', '0.5');
    const view = await plan(district);
    const page = {
      rows: view.rows.map((r) => [r.code, r.max, r.baseline, r.target]),
      totals: SCORE_FIELDS.map((f) =>
        decimalOrNull(
          shownTotal(
            view.rows.map((r) => ({
              code: r.code,
              max: storedScore(r.max),
              baseline: storedScore(r.baseline),
              target: storedScore(r.target),
            })),
            view.statedTotals && {
              max: storedScore(view.statedTotals.max),
              baseline: storedScore(view.statedTotals.baseline),
              target: storedScore(view.statedTotals.target),
            },
            f,
          ),
        ),
      ),
    };
    for (const format of ['xlsx', 'docx'] as const) {
      const bytes = await call({ method: 'GET', url: `/api/plans/${district}/export/${format}` });
      expect(bytes.statusCode).toBe(200);
      const read = await readPlans(new Uint8Array(bytes.rawPayload));
      if (!read.ok) throw new Error(read.failure.code);
      const doc = read.plans[0]!.plan;
      const byCode = new Map(doc.rows.map((r) => [r.code, r]));
      expect(
        view.rows.map((r) => {
          const x = byCode.get(r.code)!;
          return [r.code, decimalOrNull(x.max), decimalOrNull(x.baseline), decimalOrNull(x.target)];
        }),
        format,
      ).toEqual(
        page.rows.map(([code, ...v]) => [code, ...v.map((s) => decimalOrNull(storedScore(s ?? null)))]),
      );
      expect(
        SCORE_FIELDS.map((f) => decimalOrNull(doc.statedTotals?.[f] ?? null)),
        format,
      ).toEqual(page.totals);
    }
  });

  it('brings the province plan to zero open errors through the findings actions, each one audited', async () => {
    const start = await plan(province);
    expect(open(start, 'error').sort()).toEqual(['sum-baseline@7', 'sum-baseline@7.2', 'total-baseline@-']);
    expect(open(start, 'warning').filter((w) => w.startsWith('sum-'))).toEqual(['sum-baseline@6.1']);

    // 6.1 (2,71 for 2,7091): the document rounded; keep it as written
    const rounded = finding(start, 'sum-baseline', '6.1');
    let answer = await action(province, 'acknowledge', {
      version: start.version,
      key: rounded.key,
      note: 'Văn bản đã phê duyệt làm tròn đến 2 chữ số',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    let view = answer.json<PlanView>();
    expect(finding(view, 'sum-baseline', '6.1').acknowledgement).toMatchObject({
      note: 'Văn bản đã phê duyệt làm tròn đến 2 chữ số',
      by: 'quantri',
    });

    // 7.2 (1,21 stated, children 1,5): use the children's sum; area 7 (13,25) then agrees with its own
    answer = await action(province, 'adopt-sum', {
      version: view.version,
      key: finding(view, 'sum-baseline', '7.2').key,
    });
    expect(answer.statusCode, answer.body).toBe(200);
    view = answer.json<PlanView>();
    expect(row(view, '7.2').baseline).toBe('1.5');
    expect(row(view, '7').baseline).toBe('13.25');
    expect(open(view, 'error')).toEqual(['total-baseline@-']);

    // the whole plan: the total takes the areas' sum; the acknowledged 6.1 stays as written
    answer = await action(province, 'adopt-sum', { version: view.version, key: null });
    expect(answer.statusCode, answer.body).toBe(200);
    view = answer.json<PlanView>();
    expect(view.statedTotals?.baseline).toBe('86.24');
    expect(row(view, '6.1').baseline).toBe('2.71');
    expect(open(view, 'error')).toEqual([]);
    expect(open(view, 'warning').filter((w) => w.startsWith('sum-') || w.startsWith('total-'))).toEqual([]);
    const list = (await call({ method: 'GET', url: '/api/plans' })).json<{ id: number; errors: number }[]>();
    expect(list.find((p) => p.id === province)?.errors).toBe(0);

    const trail = await database.db
      .selectFrom('audit_log')
      .select(['action', 'code', 'field', 'old_value', 'new_value', 'username'])
      .where('plan_id', '=', province)
      .where('action', 'like', 'finding.%')
      .orderBy('id')
      .execute();
    expect(trail).toEqual([
      {
        action: 'finding.acknowledge',
        code: '6.1',
        field: 'baseline',
        old_value: '2.71',
        new_value: 'Văn bản đã phê duyệt làm tròn đến 2 chữ số',
        username: 'quantri',
      },
      {
        action: 'finding.adopt_sum',
        code: '7.2',
        field: 'baseline',
        old_value: '1.21',
        new_value: '1.5',
        username: 'quantri',
      },
      {
        action: 'finding.adopt_sum',
        code: null,
        field: 'baseline',
        old_value: '86.26',
        new_value: '86.24',
        username: 'quantri',
      },
    ]);
    // the replaced stated value stays in the row's history
    const history = await call({
      method: 'GET',
      url: `/api/plans/${province}/items/${row(view, '7.2').itemId}/history`,
    });
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('1.21');
  });

  it('an acknowledgement stops applying when the values change, and applies again when they come back', async () => {
    const view = await plan(district);
    expect(finding(view, 'total-target', null)).toBeUndefined();
    // the district is consistent: break its stated total through the database, as a document would
    await database.db
      .updateTable('plans')
      .set({ stated_target: '96', version: view.version + 1 })
      .where('id', '=', district)
      .execute();
    let current = await plan(district);
    const wrong = finding(current, 'total-target', null);
    const key = wrong.key!;
    expect(wrong.severity).toBe('error');
    let answer = await action(district, 'acknowledge', {
      version: current.version,
      key: wrong.key,
      note: 'Như văn bản',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    current = answer.json<PlanView>();
    expect(open(current, 'error')).toEqual([]);

    const original = row(current, '2.3.1').target;
    current = await setTarget(district, '2.3.1', '0');
    // the areas' sum moved: the total (inconsistent) kept 96, and the acknowledgement no longer applies
    expect(current.statedTotals?.target).toBe('96');
    expect(open(current, 'error')).toEqual(['total-target@-']);
    expect(finding(current, 'total-target', null).acknowledgement).toBeNull();
    current = await setTarget(district, '2.3.1', original);
    expect(open(current, 'error')).toEqual([]);

    // a key the plan no longer has, a stale version, a note left empty
    answer = await action(district, 'acknowledge', {
      version: current.version,
      key: key.replace('96', '97'),
      note: 'x',
    });
    expect([answer.statusCode, answer.json<{ error: { code: string } }>().error.code]).toEqual([
      409,
      'FINDING_NOT_FOUND',
    ]);
    answer = await action(district, 'adopt-sum', { version: current.version - 1, key: null });
    expect([answer.statusCode, answer.json<{ error: { code: string } }>().error.code]).toEqual([
      409,
      'STALE_VERSION',
    ]);
    answer = await action(district, 'acknowledge', { version: current.version, key, note: '   ' });
    expect(answer.statusCode).toBe(400);
  });
});
