/**
 * What happens when things happen at once, and the rules the review of the first version added:
 * parallel edits under one parent, parallel first saves of a task, parallel wrong passwords, two
 * provinces with units of the same name, a unit created under a district spelled with its level word.
 * On both engines; on SQLite requests are serialised by the driver, on PostgreSQL they really overlap.
 */
import { resolve } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { buildApp } from '../src/http/app.js';
import { systemActor } from '../src/modules/access.js';
import { importPlans } from '../src/modules/imports.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import type { PlanView } from '../src/shared/api.js';
import { addUser, planIdOf, TEST_PASSWORD, unitId } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';
import { multipartFile, signIn, withSession, type SignedIn } from './helpers/http.js';
import { seedPlanText, seedText, toBytes } from './helpers/seed-edit.js';

describe.each(ENGINES)('at once, on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  let app: FastifyInstance;
  let admin: SignedIn;
  let planId: number;
  const clock = () => new Date();

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
    await loadSamplesIfEmpty({ db: database.db, clock }, resolve(ROOT, 'samples'));
    await addUser({ db: database.db, clock }, 'quantri', [{ role: 'admin', unitId: null }]);
    app = await buildApp({ db: database.db, clock });
    admin = await signIn(app, 'quantri', TEST_PASSWORD);
    planId = await planIdOf(database.db, 'Tỉnh Đắk Nông');
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await test?.drop();
  });

  const call = (options: InjectOptions) => app.inject(withSession(options, admin));
  const plan = async () => (await call({ method: 'GET', url: `/api/plans/${planId}` })).json<PlanView>();
  const row = (view: PlanView, code: string) => view.rows.find((r) => r.code === code)!;

  it('keeps a parent and the total equal to their children when two leaves change at once', async () => {
    const before = await plan();
    // area 5's children are consistent in the document: 5.1.1, 5.1.2, 5.1.3 under 5.1
    const [a, b] = [row(before, '5.1.1'), row(before, '5.1.3')];
    const answers = await Promise.all([
      call({
        method: 'PATCH',
        url: `/api/plans/${planId}/items/${a.itemId}`,
        payload: { version: a.version, target: '0.25' },
      }),
      call({
        method: 'PATCH',
        url: `/api/plans/${planId}/items/${b.itemId}`,
        payload: { version: b.version, target: '1' },
      }),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200]);
    const after = await plan();
    // 5.1: 0,25 + 1 + 1 (was 0,5 + 1 + 0,5 = 2); area 5: 11,32 − 2 + 2,25; total 89,93 + 0,25
    expect(row(after, '5.1').target).toBe('2.25');
    expect(row(after, '5').target).toBe('11.57');
    expect(after.statedTotals?.target).toBe('90.18');
  });

  it('makes one task, not two, when two first saves of a task arrive at once', async () => {
    const district = await unitId(database.db, 'Huyện Krông Nô');
    const districtPlan = (
      await database.db
        .selectFrom('plans')
        .select('id')
        .where('subject_unit_id', '=', district)
        .executeTakeFirstOrThrow()
    ).id;
    const view = (await call({ method: 'GET', url: `/api/plans/${districtPlan}` })).json<PlanView>();
    // 1.3.2 has neither a task nor a lead unit in the document
    const item = row(view, '1.3.2');
    expect(item.task).toBeNull();
    const url = `/api/plans/${districtPlan}/items/${item.itemId}/task`;
    const answers = await Promise.all([
      call({ method: 'PATCH', url, payload: { version: 0, text: 'Ban hành kế hoạch kiểm tra' } }),
      call({ method: 'PATCH', url, payload: { version: 0, text: 'Kiểm tra 30 % đơn vị' } }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const tasks = await database.db
      .selectFrom('tasks')
      .select('id')
      .where('plan_item_id', '=', item.itemId)
      .execute();
    expect(tasks).toHaveLength(1);
  });

  it('counts every wrong password sent at once', async () => {
    await addUser({ db: database.db, clock }, 'chuyenvien', [{ role: 'viewer', unitId: null }]);
    const guesses = await Promise.all(
      Array.from({ length: 6 }, () =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'chuyenvien', password: 'sai-mat-khau' },
        }),
      ),
    );
    expect(guesses.every((g) => g.statusCode === 401 || g.statusCode === 429)).toBe(true);
    const throttle = await database.db
      .selectFrom('login_throttle')
      .select(['failures', 'locked_until'])
      .where('username', '=', 'chuyenvien')
      .executeTakeFirstOrThrow();
    expect(throttle.failures).toBe(6);
    expect(throttle.locked_until).not.toBeNull();
    // locked: the right password waits too
    const right = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'chuyenvien', password: TEST_PASSWORD },
    });
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('files a plan under the unit of its name within the importer’s reach, never another province’s', async () => {
    // a second province with a district named like Đắk Nông's Krông Nô, and that province's administrator
    const other = (
      await call({
        method: 'POST',
        url: '/api/units',
        payload: { name: 'Tỉnh Đắk Lắk', kind: 'province', parentId: null },
      })
    ).json<{ id: number }>();
    const twin = (
      await call({
        method: 'POST',
        url: '/api/units',
        payload: { name: 'Huyện Krông Nô', kind: 'district', parentId: other.id },
      })
    ).json<{ id: number }>();
    await addUser({ db: database.db, clock }, 'quantri.daklak', [{ role: 'admin', unitId: other.id }]);
    const theirs = await signIn(app, 'quantri.daklak', TEST_PASSWORD);
    const ours = await unitId(database.db, 'Huyện Krông Nô');
    const oursBefore = await database.db
      .selectFrom('plans')
      .selectAll()
      .where('subject_unit_id', '=', ours)
      .executeTakeFirstOrThrow();
    const bytes = toBytes(seedPlanText(seedText(), 'district'));

    // the installation-wide administrator reaches both: it is told, and nothing is written
    const ambiguous = await importPlans(
      { db: database.db, clock },
      { actor: systemActor('test'), bytes, sourceName: 'krong-no.txt' },
    );
    expect(ambiguous.ok ? 'ok' : ambiguous.error.code).toBe('SUBJECT_AMBIGUOUS');

    // Đắk Lắk's administrator reaches only its own Krông Nô: the plan goes there
    const preview = await app.inject(
      withSession({ method: 'POST', url: '/api/imports', ...multipartFile('krong-no.txt', bytes) }, theirs),
    );
    expect(preview.statusCode).toBe(200);
    const { token, plans } = preview.json<{
      token: string;
      plans: { allowed: boolean; existingPlanId: number | null }[];
    }>();
    // what Đắk Nông stores stays unsaid
    expect(plans).toEqual([expect.objectContaining({ allowed: true, existingPlanId: null })]);
    const confirmed = await app.inject(
      withSession(
        { method: 'POST', url: `/api/imports/${token}/confirm`, payload: { mapping: [], replace: true } },
        theirs,
      ),
    );
    expect(confirmed.statusCode).toBe(200);
    const filed = await database.db
      .selectFrom('plans')
      .select('subject_unit_id')
      .where('id', '=', confirmed.json<{ plans: { id: number }[] }>().plans[0]!.id)
      .executeTakeFirstOrThrow();
    expect(filed.subject_unit_id).toBe(twin.id);
    // Đắk Nông's plan of the same name and year is untouched
    expect(
      await database.db
        .selectFrom('plans')
        .selectAll()
        .where('id', '=', oursBefore.id)
        .executeTakeFirstOrThrow(),
    ).toEqual(oursBefore);
    // and each administrator lists only its own
    const listed = (s: SignedIn) => app.inject(withSession({ method: 'GET', url: '/api/plans' }, s));
    expect((await listed(theirs)).json<{ id: number }[]>().map((p) => p.id)).toEqual([
      confirmed.json<{ plans: { id: number }[] }>().plans[0]!.id,
    ]);
  });

  it('refuses a second unit whose name differs only by the district’s level word', async () => {
    const district = await unitId(database.db, 'Huyện Krông Nô');
    const duplicate = await call({
      method: 'POST',
      url: '/api/units',
      payload: { name: 'Phòng Nội vụ huyện', kind: 'office', parentId: district },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json<{ error: { code: string } }>().error.code).toBe('UNIT_EXISTS');
  });

  it('marks a task done when its progress reaches 100 %, and stores a unit’s end date as a date (from an event)', async () => {
    const view = await plan();
    const item = row(view, '1.1');
    const saved = await call({
      method: 'PATCH',
      url: `/api/plans/${planId}/items/${item.itemId}/task`,
      payload: { version: item.task!.version, progress: 100 },
    });
    expect(row(saved.json<PlanView>(), '1.1').task).toMatchObject({ progress: 100, status: 'done' });

    // a unit's end comes from a reorganisation (decision 0012): dissolved from 01/07/2025, typed as an
    // officer writes it, its last day is stored as the ISO date before
    const unit = await unitId(database.db, 'Sở Tư pháp');
    const recorded = await call({
      method: 'POST',
      url: '/api/unit-events',
      payload: { kind: 'dissolved', date: '01/07/2025', from: [unit], to: [] },
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const units = await call({ method: 'GET', url: '/api/units' });
    const ended = units.json<{ id: number; validTo: string | null }[]>().find((u) => u.id === unit);
    expect(ended?.validTo).toBe('2025-06-30');
  });
});
