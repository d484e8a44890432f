/**
 * The access-control matrix and the fixture the security tests share (test/security-*.test.ts): both
 * sample plans loaded the way a new installation has them, two sets of users holding every role
 * (province and district), each signed in from its own address, and how each route of MATRIX is asked.
 * Each test file opens its own database with securityHarness(), so no file depends on another's edits.
 *
 * The matrix: every API route the app serves (collected from the app itself, as the API route tests
 * do: a route missing from MATRIX fails test/security-matrix.test.ts) × every role × where the request
 * lands relative to the grant, plus a request without a session. Two sets of users hold the roles:
 *   - province: admin, officer, appraiser and viewer granted in Tỉnh Đắk Nông; lead_unit in Sở Nội vụ
 *     (a unit of the province, so a lead unit of the province's plan);
 *   - district: the same roles in Huyện Krông Nô; lead_unit in Phòng Nội vụ.
 * The columns of a targeted route (see Column) are `own` (the plan / unit of the grant; for a lead
 * unit, a row its unit leads), `otherUnit` (the same plan, a row or unit of another unit: Sở / Phòng
 * Tư pháp), `below` (province users on the district, a unit beneath their grant) and `above`
 * (district users on the province, a unit above theirs). A route whose rule is one verdict per role
 * does not name a plan or unit and runs once per user.
 * `allow` is 2xx/3xx or a 4xx from the use-case other than 401/403 (404, 409, 422…); `deny` is 403
 * FORBIDDEN, and a refused state-changing request leaves every table as it was. Without a session
 * every route but the public ones answers 401.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Database } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import { insertPool, insertResult } from '../../src/db/results-repo.js';
import { buildApp } from '../../src/http/app.js';
import { planView } from '../../src/modules/plan-view.js';
import { loadSamplesIfEmpty } from '../../src/modules/samples.js';
import { ApiError, type Task } from '../../src/shared/api.js';
import { addUser, TEST_PASSWORD, TEST_PASSWORD_COST } from './accounts.js';
import { DISTRICT, PROVINCE, SAMPLES } from './api-harness.js';
import { createTestDatabase, type ENGINES, type TestDatabase } from './databases.js';
import {
  multipartFile,
  signIn,
  watchApps,
  watchOf,
  withSession,
  type AppWatch,
  type SignedIn,
} from './http.js';
import { seedResult, type SeededResult } from './results.js';
import { seedPlanText, seedText, toBytes } from './seed-edit.js';

export { DISTRICT, expectError, PROVINCE, SAMPLES } from './api-harness.js';

export const ROLES = ['admin', 'officer', 'lead_unit', 'appraiser', 'viewer'] as const;
export type RoleCode = (typeof ROLES)[number];
export const SETS = ['province', 'district'] as const;
export type UserSet = (typeof SETS)[number];

export type Verdict = 'allow' | 'deny';
export const A: Verdict = 'allow';
export const D: Verdict = 'deny';

/** Where a targeted request lands, seen from the user's grant (see the file's comment). */
export type Column = 'own' | 'otherUnit' | 'below' | 'above';
export type Reach = Record<Column, Verdict>;
export const COLUMNS: Record<UserSet, readonly Column[]> = {
  province: ['own', 'otherUnit', 'below'],
  district: ['own', 'otherUnit', 'above'],
};

/** subtree roles (admin, appraiser, viewer): the grant's unit and every unit beneath it */
export const SUBTREE: Reach = { own: A, otherUnit: A, below: A, above: D };
/**
 * officer: its unit's plan, not the plans of the units beneath it. Also a lead unit reading its
 * parent's plan: it reads the plan (only its own rows of it, checked below), whichever row is named.
 */
export const OWN_PLAN: Reach = { own: A, otherUnit: A, below: D, above: D };
/** lead_unit: the rows of its own unit, in its parent's plan only */
export const OWN_ROWS: Reach = { own: A, otherUnit: D, below: D, above: D };
export const NOWHERE: Reach = { own: D, otherUnit: D, below: D, above: D };

export type Rule = 'public' | Record<RoleCode, Reach | Verdict>;

export const EVERY_ROLE: Rule = { admin: A, officer: A, lead_unit: A, appraiser: A, viewer: A };
/** administration of accounts and units: the admin role, within its subtree */
export const ADMINISTRATION: Rule = {
  admin: SUBTREE,
  officer: NOWHERE,
  lead_unit: NOWHERE,
  appraiser: NOWHERE,
  viewer: NOWHERE,
};
/** planning a plan (scores, lead units, the plan's units): plan.edit on the whole plan */
export const PLANNING: Rule = {
  admin: SUBTREE,
  officer: OWN_PLAN,
  lead_unit: NOWHERE,
  appraiser: NOWHERE,
  viewer: NOWHERE,
};

/** installation-wide rights none of the matrix's users holds */
export const NOBODY: Rule = { admin: D, officer: D, lead_unit: D, appraiser: D, viewer: D };

/**
 * The expected answer of every route (a "#" names a second request to the same route), derived
 * from the roles' permissions and scopes in migration 0003 and the rules of src/modules/access.ts:
 *   admin     subtree  plan.read plan.edit task.follow plan.import unit.admin user.admin audit.read
 *             plan.delete (migration 0010)
 *   officer   unit     plan.read plan.edit task.follow plan.import audit.read
 *   lead_unit lead     plan.read task.follow
 *   appraiser subtree  plan.read appraisal.edit
 *   viewer    subtree  plan.read
 */
export const MATRIX: Record<string, Rule> = {
  'GET /api/health': 'public',
  'GET /api/ready': 'public',
  'POST /api/auth/login': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/json': 'public',
  'GET /api/docs/yaml': 'public',
  'GET /api/docs/static/index.html': 'public',
  'GET /api/docs/static/swagger-initializer.js': 'public',
  'GET /api/docs/static/*': 'public',

  // one's own account
  'GET /api/auth/me': EVERY_ROLE,
  'POST /api/auth/logout': EVERY_ROLE,
  // the current password right, the new one too short: 422 from the use-case
  'POST /api/auth/password': EVERY_ROLE,
  'GET /api/roles': EVERY_ROLE,

  // plans: the list holds what each reaches (checked in its own test)
  'GET /api/plans': EVERY_ROLE,
  'GET /api/plans/choices': EVERY_ROLE,
  'GET /api/plans/choices/units': EVERY_ROLE,
  'GET /api/plans/:id': {
    admin: SUBTREE,
    officer: OWN_PLAN,
    lead_unit: OWN_PLAN,
    appraiser: SUBTREE,
    viewer: SUBTREE,
  },
  'GET /api/plans/:id/units/:unitId': {
    admin: SUBTREE,
    officer: OWN_PLAN,
    lead_unit: OWN_ROWS,
    appraiser: SUBTREE,
    viewer: SUBTREE,
  },
  // the official appendix is the whole plan: not for a lead unit
  'GET /api/plans/:id/export/:format': {
    admin: SUBTREE,
    officer: OWN_PLAN,
    lead_unit: NOWHERE,
    appraiser: SUBTREE,
    viewer: SUBTREE,
  },
  // the progress report: the whole plan's or any unit's for readers of the plan, a lead unit its own
  'GET /api/plans/:id/report/:format': {
    admin: SUBTREE,
    officer: OWN_PLAN,
    lead_unit: OWN_ROWS,
    appraiser: SUBTREE,
    viewer: SUBTREE,
  },
  'PATCH /api/plans/:id/items/:itemId': PLANNING,
  // archiving is planning; deleting is for administrators (plan.delete, migration 0010)
  'PATCH /api/plans/:id': PLANNING,
  'DELETE /api/plans/:id': ADMINISTRATION,
  // follow-up of a task (its progress): task.follow
  'PATCH /api/plans/:id/items/:itemId/task': {
    admin: SUBTREE,
    officer: OWN_PLAN,
    lead_unit: OWN_ROWS,
    appraiser: NOWHERE,
    viewer: NOWHERE,
  },
  // choosing the lead units of a task is planning
  'PATCH /api/plans/:id/items/:itemId/task#lead units': PLANNING,
  'POST /api/plans/:id/units': PLANNING,
  // resolving the plan's own inconsistencies is planning too
  'POST /api/plans/:id/findings/adopt-sum': PLANNING,
  'POST /api/plans/:id/findings/acknowledge': PLANNING,
  'GET /api/plans/:id/items/:itemId/history': {
    admin: SUBTREE,
    officer: OWN_PLAN,
    lead_unit: NOWHERE,
    appraiser: NOWHERE,
    viewer: NOWHERE,
  },

  // importing: the preview writes nothing to plans and needs plan.import somewhere; the
  // confirmation checks plan.import on the whole plan the file holds (an upload kept for the user)
  'POST /api/imports': { admin: A, officer: A, lead_unit: D, appraiser: D, viewer: D },
  'POST /api/imports/:token/confirm': PLANNING,

  // administration
  'GET /api/users': { admin: A, officer: D, lead_unit: D, appraiser: D, viewer: D },
  'POST /api/users': ADMINISTRATION,
  'PATCH /api/users/:userId': ADMINISTRATION,
  'POST /api/users/:userId/grants': ADMINISTRATION,
  'DELETE /api/users/:userId/grants/:grantId': ADMINISTRATION,
  'POST /api/users/:userId/password-reset': ADMINISTRATION,
  // the units tree: unit.admin, or audit.read (the audit page filters by unit)
  'GET /api/units': { admin: A, officer: A, lead_unit: D, appraiser: D, viewer: D },
  // unit.admin: the form warns of a name used elsewhere
  'GET /api/units/same-name': { admin: A, officer: D, lead_unit: D, appraiser: D, viewer: D },
  'POST /api/units': ADMINISTRATION,
  'PATCH /api/units/:unitId': ADMINISTRATION,
  // reorganisations (modules/unit-events.ts): a unit's lineage and last year are read with plan.read
  // or unit.admin reaching the unit (an officer: its own unit; a lead unit: not the subject nor
  // another unit); recorded with unit.admin on every unit named; a list needs unit.admin somewhere
  'GET /api/units/:unitId/lineage': {
    admin: SUBTREE,
    officer: { own: A, otherUnit: D, below: D, above: D },
    lead_unit: NOWHERE,
    appraiser: SUBTREE,
    viewer: SUBTREE,
  },
  'GET /api/units/:unitId/last-year': {
    admin: SUBTREE,
    officer: { own: A, otherUnit: D, below: D, above: D },
    lead_unit: NOWHERE,
    appraiser: SUBTREE,
    viewer: SUBTREE,
  },
  'POST /api/unit-events': ADMINISTRATION,
  'PUT /api/units/:unitId/last-year': ADMINISTRATION,
  'POST /api/unit-events/import': { admin: A, officer: D, lead_unit: D, appraiser: D, viewer: D },

  // the audit trail: audit.read (a scoped reader sees its units' entries)
  'GET /api/audit': { admin: A, officer: A, lead_unit: D, appraiser: D, viewer: D },
  'GET /api/audit/export': { admin: A, officer: A, lead_unit: D, appraiser: D, viewer: D },

  // a copy of everything: an administrator of the whole installation only (none of these is)
  'GET /api/admin/backup': { admin: D, officer: D, lead_unit: D, appraiser: D, viewer: D },
  'POST /api/admin/backup': { admin: D, officer: D, lead_unit: D, appraiser: D, viewer: D },

  // criteria frameworks: read with plan.read; changed with framework.manage installation-wide
  // (migration 0015: the admin role holds it, but these admins are granted in a unit)
  'GET /api/frameworks': EVERY_ROLE,
  'GET /api/frameworks/:id': EVERY_ROLE,
  // the seeds' frameworks have no previous version: 422 once allowed
  'GET /api/frameworks/:id/diff': EVERY_ROLE,
  'GET /api/frameworks/:id/crosswalk': EVERY_ROLE,
  'PATCH /api/frameworks/:id': NOBODY,
  'PATCH /api/frameworks/:id/criteria/:criterionId': NOBODY,
  'POST /api/frameworks/:id/publish': NOBODY,
  'POST /api/frameworks/:id/versions': NOBODY,
  'POST /api/frameworks/:id/next-year': NOBODY,
  'POST /api/frameworks/:id/crosswalk/propose': NOBODY,
  'POST /api/frameworks/:id/crosswalk/confirm': NOBODY,
  'POST /api/frameworks/imports': NOBODY,
  'POST /api/frameworks/imports/:token/confirm': NOBODY,

  // a published result's import: results.manage installation-wide (migration 0025: the admin role
  // holds it, but these admins are granted in a unit); refused before the upload is read
  'POST /api/results/imports': NOBODY,
  'POST /api/results/imports/:token/confirm': NOBODY,
  // next year's plan from a result: plan.import on the unit the plan is for (a dry run: nothing kept)
  'POST /api/results/:id/units/:unitId/next-plan': {
    admin: SUBTREE,
    officer: { own: A, otherUnit: D, below: D, above: D },
    lead_unit: NOWHERE,
    appraiser: NOWHERE,
    viewer: NOWHERE,
  },
  // results are read with plan.read (a published result is public, decision 0015); none is stored
  // here, so an allowed request gets 404 RESULT_NOT_FOUND (test/api-what-if.test.ts reads real ones)
  'GET /api/results/:id/what-if': EVERY_ROLE,
  'POST /api/results/:id/what-if': EVERY_ROLE,
  'GET /api/results/:id/what-if/next-group': EVERY_ROLE,
  // a plan against its result: the plan's readers (a lead unit: the rows its unit leads or supports)
  'GET /api/plans/:id/result': {
    admin: SUBTREE,
    officer: OWN_PLAN,
    lead_unit: OWN_PLAN,
    appraiser: SUBTREE,
    viewer: SUBTREE,
  },
  // results and ranking (modules/results.ts): read with plan.read (a published result is public to
  // readers); pools, bands and results changed with results.manage installation-wide
  'GET /api/results/pools': EVERY_ROLE,
  'GET /api/results/pools/:id/bands/:year': EVERY_ROLE,
  'GET /api/results': EVERY_ROLE,
  'GET /api/results/:id/ranking': EVERY_ROLE,
  'GET /api/results/:id/export.xlsx': EVERY_ROLE,
  'GET /api/results/:id/units/:unitId': EVERY_ROLE,
  'POST /api/results/pools': NOBODY,
  'PATCH /api/results/pools/:id': NOBODY,
  'PUT /api/results/pools/:id/bands/:year': NOBODY,
  'DELETE /api/results/:id': NOBODY,
};

export const routeOf = (key: string) => key.split('#')[0]!;
export const isPublic = (route: string) =>
  Object.entries(MATRIX).some(([k, r]) => routeOf(k) === route && r === 'public');

/** One plan of the samples and what the matrix points at in it. */
export interface PlanFixture {
  id: number;
  subjectId: number;
  /** Sở Nội vụ / Phòng Nội vụ: the unit of the lead-unit user of this plan */
  leadUnitId: number;
  /** Sở Tư pháp / Phòng Tư pháp: another unit of the plan */
  otherUnitId: number;
  otherUnitName: string;
  /** a leaf with a task its lead unit leads */
  ownRow: number;
  /** a leaf with a task the other unit leads, where the lead unit neither leads nor supports */
  otherRow: number;
  /** this plan alone, as the sample file has it */
  file: Uint8Array;
}

export interface Target {
  plan: PlanFixture;
  itemId: number;
  /** the unit a lead-unit view names */
  unitId: number;
  /** the unit an administration request names (a grant's unit, a new unit's parent, a unit edited) */
  adminUnitId: number;
}

export interface MatrixUser {
  role: RoleCode;
  set: UserSet;
  id: number;
  username: string;
  /** each user signs in from an address of its own (the sign-in rate limit counts per address) */
  address: string;
  session: SignedIn;
}

export type Probe = InjectOptions & { session?: SignedIn };
export type Build = (ctx: { user: MatrixUser | null; target: Target; anyone: MatrixUser }) => Promise<Probe>;

export function codeOf(res: LightMyRequestResponse): string | null {
  try {
    return ApiError.parse(res.json()).error.code;
  } catch {
    return null;
  }
}

/** allow / deny as the matrix names them; anything else verbatim, so that it shows in the diff. */
export function verdictOf(res: LightMyRequestResponse): string {
  const code = codeOf(res);
  if (res.statusCode === 403 && code === 'FORBIDDEN') return D;
  if (res.statusCode === 401 || res.statusCode === 403 || res.statusCode >= 500) {
    return `${res.statusCode} ${code}`;
  }
  return A;
}

/** A URL that reaches a route pattern, whatever its parameters (the gates run before validation). */
export function sampleUrl(route: string): string {
  return route
    .replace(':format', 'xlsx')
    .replace(':token', 'ab'.repeat(16))
    .replace(/:\w+/g, '1')
    .replace('*', 'swagger-ui.css');
}

/** The fixture of one test file on one engine; its fields are set before the file's first test. */
export type SecurityHarness = ReturnType<typeof securityHarness>;

/** Opens the database, the app and the users before the file's tests; call it inside its describe block. */
export function securityHarness(kind: (typeof ENGINES)[number]) {
  let testDb: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  let app: FastifyInstance;
  let watch: AppWatch;
  let now = new Date('2024-05-01T01:00:00.000Z');
  const clock = () => now;
  const plans = {} as Record<UserSet, PlanFixture>;
  const users = {} as Record<UserSet, Record<RoleCode, MatrixUser>>;
  let serial = 0;
  const next = () => ++serial;

  const targetOf = (set: UserSet, column: Column): Target => {
    const own = plans[set];
    const other = plans[set === 'province' ? 'district' : 'province'];
    switch (column) {
      case 'own':
        return { plan: own, itemId: own.ownRow, unitId: own.leadUnitId, adminUnitId: own.subjectId };
      case 'otherUnit':
        return { plan: own, itemId: own.otherRow, unitId: own.otherUnitId, adminUnitId: own.otherUnitId };
      case 'below':
      case 'above':
        return { plan: other, itemId: other.ownRow, unitId: other.leadUnitId, adminUnitId: other.subjectId };
    }
  };

  const planVersion = async (planId: number) =>
    (await db.selectFrom('plans').select('version').where('id', '=', planId).executeTakeFirstOrThrow())
      .version;
  const item = (itemId: number) =>
    db
      .selectFrom('plan_items')
      .select(['version', 'baseline', 'target'])
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
  const task = (itemId: number) =>
    db
      .selectFrom('tasks')
      .select(['id', 'version', 'progress', 'status', 'text', 'progress_note', 'deadline'])
      .where('plan_item_id', '=', itemId)
      .executeTakeFirstOrThrow();
  const leadUnitsOf = async (taskId: number) =>
    (
      await db
        .selectFrom('task_units')
        .select('unit_id')
        .where('task_id', '=', taskId)
        .where('role', '=', 'lead')
        .orderBy('position')
        .execute()
    ).map((u) => u.unit_id);

  /** An account with a viewer grant in a unit, for administration requests to act on. */
  const throwaway = async (unitId: number): Promise<{ userId: number; grantId: number }> => {
    const at = now.toISOString();
    const { id } = await db
      .insertInto('users')
      .values({
        username: `muc-tieu-${next()}`,
        display_name: 'Tài khoản thử',
        password_hash: 'not-a-hash: never signs in',
        disabled: 0,
        must_change_password: 0,
        last_login_at: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const grant = await db
      .insertInto('user_roles')
      .values({ user_id: id, role_code: 'viewer', unit_id: unitId, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { userId: id, grantId: grant.id };
  };

  /** An upload kept for a user, as the preview keeps it (one the user made while holding a role). */
  const pendingFor = async (userId: number, file: Uint8Array): Promise<string> => {
    const token = `${next()}`.padStart(32, '0');
    await db
      .insertInto('pending_imports')
      .values({
        token,
        user_id: userId,
        file_name: 'ke-hoach.txt',
        bytes: file,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + 3600_000).toISOString(),
      })
      .execute();
    return token;
  };

  /** one result of the province and the district, made on first use (test/helpers/results.ts) */
  let seededResult: Promise<SeededResult> | null = null;
  const matrixResult = () =>
    (seededResult ??= seedResult(db, {
      pool: 'Nhóm của ma trận quyền',
      year: 2024,
      bands: [{ label: 'Tốt', minIndex: '80' }],
      parts: [{ code: '1', name: 'Công tác chỉ đạo', max: '10' }],
      units: [
        { name: PROVINCE, index: '85.5', scores: { '1': '8.5' } },
        { name: DISTRICT, index: '70', scores: { '1': '7' } },
      ],
    }));
  /** the framework of the target's plan (a plan's tree, migration 0015) */
  const frameworkOf = async (target: Target): Promise<number> =>
    (
      await db
        .selectFrom('plans')
        .select('framework_id')
        .where('id', '=', target.plan.id)
        .executeTakeFirstOrThrow()
    ).framework_id;

  /** A result (written through results-repo) scoring every unit a targeted request names. */
  let resultId: number | null = null;
  const nextPlanResult = async (): Promise<number> => {
    if (resultId !== null) return resultId;
    const at = now.toISOString();
    const poolId = await insertPool(db, {
      name: 'Ma trận',
      name_key: 'ma tran',
      created_at: at,
      created_by: 'test',
    });
    const units = SETS.flatMap((set) => [plans[set].subjectId, plans[set].otherUnitId]);
    resultId = await insertResult(
      db,
      {
        pool_id: poolId,
        year: 2024,
        source: 'import',
        round_id: null,
        framework_id: null,
        title: 'Kết quả thử',
        source_name: null,
        created_at: at,
        created_by: 'test',
      },
      [
        { code: '1', kind: 'area', parent_code: null, name: 'Chỉ đạo, điều hành', max: '2' },
        { code: '1.1', kind: 'criterion', parent_code: '1', name: 'Kế hoạch CCHC', max: '1' },
        { code: '1.2', kind: 'criterion', parent_code: '1', name: 'Báo cáo CCHC', max: '1' },
      ],
      units.map((unit_id) => ({
        unit_id,
        name: `#${unit_id}`,
        points: null,
        max: null,
        index: '75',
        published_rank: null,
        published_group: null,
        scores: [
          { code: '1.1', score: '0.5', max: null },
          { code: '1.2', score: '1', max: null },
        ],
      })),
    );
    return resultId;
  };

  const get =
    (url: string): Build =>
    () =>
      Promise.resolve({ method: 'GET', url });

  /** How each entry of MATRIX is asked; `user` is null for the request without a session. */
  const REQUESTS: Record<string, Build> = {
    'GET /api/health': get('/api/health'),
    'GET /api/ready': get('/api/ready'),
    'POST /api/auth/login': ({ user, anyone }) =>
      Promise.resolve({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: (user ?? anyone).username, password: TEST_PASSWORD },
        remoteAddress: (user ?? anyone).address,
      }),
    'GET /api/docs': get('/api/docs'),
    'GET /api/docs/json': get('/api/docs/json'),
    'GET /api/docs/yaml': get('/api/docs/yaml'),
    'GET /api/docs/static/index.html': get('/api/docs/static/index.html'),
    'GET /api/docs/static/swagger-initializer.js': get('/api/docs/static/swagger-initializer.js'),
    'GET /api/docs/static/*': get('/api/docs/static/swagger-ui.css'),
    'GET /api/auth/me': get('/api/auth/me'),
    // a session of its own: signing out ends it
    'POST /api/auth/logout': async ({ user }) => ({
      method: 'POST',
      url: '/api/auth/logout',
      ...(user
        ? { session: await signIn(app, user.username, TEST_PASSWORD, { remoteAddress: user.address }) }
        : {}),
    }),
    'POST /api/auth/password': () =>
      Promise.resolve({
        method: 'POST',
        url: '/api/auth/password',
        payload: { current: TEST_PASSWORD, next: 'ngan' },
      }),
    'GET /api/roles': get('/api/roles'),
    'GET /api/plans': get('/api/plans'),
    'GET /api/plans/choices': get('/api/plans/choices'),
    'GET /api/plans/choices/units': get('/api/plans/choices/units'),
    'GET /api/plans/:id': ({ target }) =>
      Promise.resolve({ method: 'GET', url: `/api/plans/${target.plan.id}` }),
    'GET /api/plans/:id/result': ({ target }) =>
      Promise.resolve({ method: 'GET', url: `/api/plans/${target.plan.id}/result` }),
    'GET /api/results/:id/what-if': () =>
      Promise.resolve({ method: 'GET', url: '/api/results/999999/what-if?unit=1' }),
    'POST /api/results/:id/what-if': () =>
      Promise.resolve({
        method: 'POST',
        url: '/api/results/999999/what-if',
        payload: { unitId: 1, changes: [] },
      }),
    'GET /api/results/:id/what-if/next-group': () =>
      Promise.resolve({ method: 'GET', url: '/api/results/999999/what-if/next-group?unit=1' }),
    'GET /api/plans/:id/units/:unitId': ({ target }) =>
      Promise.resolve({ method: 'GET', url: `/api/plans/${target.plan.id}/units/${target.unitId}` }),
    'GET /api/plans/:id/export/:format': ({ target }) =>
      Promise.resolve({ method: 'GET', url: `/api/plans/${target.plan.id}/export/xlsx` }),
    'GET /api/plans/:id/report/:format': ({ target }) =>
      Promise.resolve({
        method: 'GET',
        url: `/api/plans/${target.plan.id}/report/xlsx?unit=${target.unitId}`,
      }),
    // not archived, as it is: nothing changes
    'PATCH /api/plans/:id': ({ target }) =>
      Promise.resolve({
        method: 'PATCH',
        url: `/api/plans/${target.plan.id}`,
        payload: { archived: false },
      }),
    // a wrong confirmation: allowed answers 422 CONFIRMATION_MISMATCH and deletes nothing
    'DELETE /api/plans/:id': ({ target }) =>
      Promise.resolve({
        method: 'DELETE',
        url: `/api/plans/${target.plan.id}`,
        payload: { confirm: 'không phải tên kế hoạch' },
      }),
    // the value it has: a change of nothing but the versions
    'PATCH /api/plans/:id/items/:itemId': async ({ target }) => {
      const { version, target: value } = await item(target.itemId);
      return {
        method: 'PATCH',
        url: `/api/plans/${target.plan.id}/items/${target.itemId}`,
        payload: { version, target: value },
      };
    },
    'PATCH /api/plans/:id/items/:itemId/task': async ({ target }) => {
      const { version, progress } = await task(target.itemId);
      return {
        method: 'PATCH',
        url: `/api/plans/${target.plan.id}/items/${target.itemId}/task`,
        payload: { version, progress },
      };
    },
    'PATCH /api/plans/:id/items/:itemId/task#lead units': async ({ target }) => {
      const { id, version } = await task(target.itemId);
      return {
        method: 'PATCH',
        url: `/api/plans/${target.plan.id}/items/${target.itemId}/task`,
        payload: { version, leadUnitIds: await leadUnitsOf(id) },
      };
    },
    // a unit the plan has: found, nothing created
    'POST /api/plans/:id/units': ({ target }) =>
      Promise.resolve({
        method: 'POST',
        url: `/api/plans/${target.plan.id}/units`,
        payload: { name: target.plan.otherUnitName },
      }),
    // a finding the plan does not have: 409 FINDING_NOT_FOUND once allowed, nothing written
    'POST /api/plans/:id/findings/adopt-sum': async ({ target }) => ({
      method: 'POST',
      url: `/api/plans/${target.plan.id}/findings/adopt-sum`,
      payload: { version: await planVersion(target.plan.id), key: '["sum-target","0","target",null,null]' },
    }),
    'POST /api/plans/:id/findings/acknowledge': async ({ target }) => ({
      method: 'POST',
      url: `/api/plans/${target.plan.id}/findings/acknowledge`,
      payload: {
        version: await planVersion(target.plan.id),
        key: '["sum-target","0","target",null,null]',
        note: 'Như văn bản',
      },
    }),
    'GET /api/plans/:id/items/:itemId/history': ({ target }) =>
      Promise.resolve({ method: 'GET', url: `/api/plans/${target.plan.id}/items/${target.itemId}/history` }),
    'POST /api/imports': ({ target }) =>
      Promise.resolve({
        method: 'POST',
        url: '/api/imports',
        ...multipartFile('ke-hoach.txt', target.plan.file),
      }),
    // the plan as stored: "unchanged" when allowed
    'POST /api/imports/:token/confirm': async ({ user, anyone, target }) => ({
      method: 'POST',
      url: `/api/imports/${await pendingFor((user ?? anyone).id, target.plan.file)}/confirm`,
      payload: {},
    }),
    'GET /api/users': get('/api/users'),
    'POST /api/users': ({ target }) =>
      Promise.resolve({
        method: 'POST',
        url: '/api/users',
        payload: {
          username: `moi-${next()}`,
          displayName: 'Tài khoản mới',
          password: TEST_PASSWORD,
          grants: [{ role: 'viewer', unitId: target.adminUnitId }],
        },
      }),
    'PATCH /api/users/:userId': async ({ target }) => ({
      method: 'PATCH',
      url: `/api/users/${(await throwaway(target.adminUnitId)).userId}`,
      payload: { displayName: 'Tên mới' },
    }),
    'POST /api/users/:userId/grants': async ({ target }) => ({
      method: 'POST',
      url: `/api/users/${(await throwaway(target.adminUnitId)).userId}/grants`,
      payload: { role: 'appraiser', unitId: target.adminUnitId },
    }),
    'DELETE /api/users/:userId/grants/:grantId': async ({ target }) => {
      const { userId, grantId } = await throwaway(target.adminUnitId);
      return { method: 'DELETE', url: `/api/users/${userId}/grants/${grantId}` };
    },
    'POST /api/users/:userId/password-reset': async ({ target }) => ({
      method: 'POST',
      url: `/api/users/${(await throwaway(target.adminUnitId)).userId}/password-reset`,
    }),
    'GET /api/units': get('/api/units'),
    'GET /api/units/same-name': get(`/api/units/same-name?name=${encodeURIComponent(DISTRICT)}`),
    'POST /api/units': ({ target }) =>
      Promise.resolve({
        method: 'POST',
        url: '/api/units',
        payload: { name: `Đơn vị thử ${next()}`, kind: 'office', parentId: target.adminUnitId },
      }),
    // the kind it has: nothing changes
    'PATCH /api/units/:unitId': async ({ target }) => {
      const unit = await db
        .selectFrom('units')
        .select('kind')
        .where('id', '=', target.adminUnitId)
        .executeTakeFirstOrThrow();
      return { method: 'PATCH', url: `/api/units/${target.adminUnitId}`, payload: { kind: unit.kind } };
    },
    'GET /api/units/:unitId/lineage': ({ target }) =>
      Promise.resolve({ method: 'GET', url: `/api/units/${target.adminUnitId}/lineage` }),
    'GET /api/units/:unitId/last-year': ({ target }) =>
      Promise.resolve({ method: 'GET', url: `/api/units/${target.adminUnitId}/last-year?year=2023` }),
    // a merger with no successor: refused (422) by the lineage's rules once allowed, nothing written
    'POST /api/unit-events': ({ target }) =>
      Promise.resolve({
        method: 'POST',
        url: '/api/unit-events',
        payload: { kind: 'merged', date: '2024-01-01', from: [target.adminUnitId], to: [] },
      }),
    // "entered" without a value: 422 once allowed, nothing written
    'PUT /api/units/:unitId/last-year': ({ target }) =>
      Promise.resolve({
        method: 'PUT',
        url: `/api/units/${target.adminUnitId}/last-year`,
        payload: { year: 2023, rule: 'entered', value: null },
      }),
    // a preview of a list naming no unit of the database: findings, nothing written
    'POST /api/unit-events/import': () =>
      Promise.resolve({
        method: 'POST',
        url: '/api/unit-events/import',
        ...multipartFile(
          'sap-xep.csv',
          Buffer.from('Đơn vị cũ,Đơn vị mới,Sự kiện,Ngày\nXã Không Có,Xã Mới,sáp nhập,01/07/2025\n', 'utf8'),
        ),
      }),
    'GET /api/audit': get('/api/audit'),
    'GET /api/audit/export': get('/api/audit/export'),
    'GET /api/admin/backup': get('/api/admin/backup'),
    'POST /api/admin/backup': () =>
      Promise.resolve({ method: 'POST', url: '/api/admin/backup', payload: {} }),
    'GET /api/frameworks': get('/api/frameworks'),
    'GET /api/frameworks/:id': async ({ target }) => ({
      method: 'GET',
      url: `/api/frameworks/${await frameworkOf(target)}`,
    }),
    'GET /api/frameworks/:id/diff': async ({ target }) => ({
      method: 'GET',
      url: `/api/frameworks/${await frameworkOf(target)}/diff`,
    }),
    'GET /api/frameworks/:id/crosswalk': async ({ target }) => ({
      method: 'GET',
      url: `/api/frameworks/${await frameworkOf(target)}/crosswalk`,
    }),
    'PATCH /api/frameworks/:id': async ({ target }) => ({
      method: 'PATCH',
      url: `/api/frameworks/${await frameworkOf(target)}`,
      payload: { name: 'Tên mới' },
    }),
    'PATCH /api/frameworks/:id/criteria/:criterionId': async ({ target }) => {
      const framework = await frameworkOf(target);
      const criterion = await db
        .selectFrom('criteria')
        .select(['id', 'version'])
        .where('framework_id', '=', framework)
        .orderBy('position')
        .executeTakeFirstOrThrow();
      return {
        method: 'PATCH',
        url: `/api/frameworks/${framework}/criteria/${criterion.id}`,
        payload: { version: criterion.version, evidence: 'Kế hoạch CCHC năm' },
      };
    },
    'POST /api/frameworks/:id/publish': async ({ target }) => ({
      method: 'POST',
      url: `/api/frameworks/${await frameworkOf(target)}/publish`,
    }),
    'POST /api/frameworks/:id/versions': async ({ target }) => ({
      method: 'POST',
      url: `/api/frameworks/${await frameworkOf(target)}/versions`,
    }),
    'POST /api/frameworks/:id/next-year': async ({ target }) => ({
      method: 'POST',
      url: `/api/frameworks/${await frameworkOf(target)}/next-year`,
    }),
    'POST /api/frameworks/:id/crosswalk/propose': async ({ target }) => ({
      method: 'POST',
      url: `/api/frameworks/${await frameworkOf(target)}/crosswalk/propose`,
      payload: {},
    }),
    'POST /api/frameworks/:id/crosswalk/confirm': async ({ target }) => ({
      method: 'POST',
      url: `/api/frameworks/${await frameworkOf(target)}/crosswalk/confirm`,
      payload: { rows: [{ fromCode: '1', toCode: '1' }] },
    }),
    'POST /api/frameworks/imports': ({ target }) =>
      Promise.resolve({
        method: 'POST',
        url: '/api/frameworks/imports',
        ...multipartFile('bo-tieu-chi.txt', target.plan.file),
      }),
    'POST /api/frameworks/imports/:token/confirm': async ({ user, anyone, target }) => ({
      method: 'POST',
      url: `/api/frameworks/imports/${await pendingFor((user ?? anyone).id, target.plan.file)}/confirm`,
      payload: {},
    }),
    'POST /api/results/imports': () =>
      Promise.resolve({
        method: 'POST',
        url: '/api/results/imports',
        ...multipartFile('ket-qua.csv', new TextEncoder().encode('Tỉnh,Chỉ số\nTỉnh Đắk Nông,90\n'), {
          fields: { year: '2024', pool: '1' },
        }),
      }),
    'POST /api/results/imports/:token/confirm': async ({ user, anyone, target }) => ({
      method: 'POST',
      url: `/api/results/imports/${await pendingFor((user ?? anyone).id, target.plan.file)}/confirm`,
      payload: { mapping: {} },
    }),
    'POST /api/results/:id/units/:unitId/next-plan': async ({ target }) => ({
      method: 'POST',
      url: `/api/results/${await nextPlanResult()}/units/${target.adminUnitId}/next-plan`,
      payload: { year: 2025, dryRun: true },
    }),
    'GET /api/results/pools': get('/api/results/pools'),
    'GET /api/results/pools/:id/bands/:year': async () => ({
      method: 'GET',
      url: `/api/results/pools/${(await matrixResult()).poolId}/bands/2024`,
    }),
    'GET /api/results': get('/api/results'),
    'GET /api/results/:id/export.xlsx': async () => ({
      method: 'GET',
      url: `/api/results/${(await matrixResult()).resultId}/export.xlsx`,
    }),
    'GET /api/results/:id/ranking': async () => ({
      method: 'GET',
      url: `/api/results/${(await matrixResult()).resultId}/ranking`,
    }),
    'GET /api/results/:id/units/:unitId': async () => {
      const r = await matrixResult();
      return { method: 'GET', url: `/api/results/${r.resultId}/units/${r.unitIds[PROVINCE]}` };
    },
    'POST /api/results/pools': () =>
      Promise.resolve({ method: 'POST', url: '/api/results/pools', payload: { name: 'Nhóm mới' } }),
    'PATCH /api/results/pools/:id': async () => ({
      method: 'PATCH',
      url: `/api/results/pools/${(await matrixResult()).poolId}`,
      payload: { version: 1, name: 'Nhóm đổi tên' },
    }),
    'PUT /api/results/pools/:id/bands/:year': async () => ({
      method: 'PUT',
      url: `/api/results/pools/${(await matrixResult()).poolId}/bands/2024`,
      payload: { bands: [] },
    }),
    'DELETE /api/results/:id': async () => ({
      method: 'DELETE',
      url: `/api/results/${(await matrixResult()).resultId}`,
    }),
  };

  /** Sends a built request as the user (or the request's own session), checking it reached its route. */
  const send = async (key: string, probe: Probe, user: MatrixUser | null) => {
    const { session, ...options } = probe;
    const res = await app.inject(withSession(options, session ?? user?.session ?? null));
    const hit = watch.hits.at(-1);
    expect(hit && `${hit.method} ${hit.route}`, `${key}: answered by its route`).toBe(routeOf(key));
    return res;
  };

  const planFixture = async (
    id: number,
    lead: string,
    other: string,
    plan: 'province' | 'district',
  ): Promise<PlanFixture> => {
    const view = await planView(db, id);
    const unit = (name: string) => {
      const found = view.units.find((u) => u.name === name);
      if (!found) throw new Error(`no unit ${name} in plan ${id}`);
      return found.id;
    };
    const [leadUnitId, otherUnitId] = [unit(lead), unit(other)];
    const leaf = (code: string) => !view.rows.some((r) => r.parentCode === code);
    const named = (t: Task) => [...t.leadUnits, ...t.supportUnits].map((u) => u.id);
    const ownRow = view.rows.find(
      (r) => leaf(r.code) && r.max !== null && r.task?.leadUnits.some((u) => u.id === leadUnitId),
    );
    const otherRow = view.rows.find(
      (r) =>
        leaf(r.code) &&
        r.max !== null &&
        r.task !== null &&
        r.task.leadUnits.some((u) => u.id === otherUnitId) &&
        !named(r.task).includes(leadUnitId),
    );
    if (!ownRow || !otherRow) throw new Error(`plan ${id}: no rows for the matrix`);
    return {
      id,
      subjectId: view.subject.id,
      leadUnitId,
      otherUnitId,
      otherUnitName: other,
      ownRow: ownRow.itemId,
      otherRow: otherRow.itemId,
      file: toBytes(seedPlanText(seedText(), plan)),
    };
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    db = database.db;
    const loaded = await loadSamplesIfEmpty({ db, clock }, SAMPLES);
    expect(loaded.map((p) => p.subject)).toEqual([PROVINCE, DISTRICT]);
    plans.province = await planFixture(loaded[0]!.planId, 'Sở Nội vụ', 'Sở Tư pháp', 'province');
    plans.district = await planFixture(loaded[1]!.planId, 'Phòng Nội vụ', 'Phòng Tư pháp', 'district');
    // the samples make the district a unit of the province
    const district = await db
      .selectFrom('units')
      .select('parent_id')
      .where('id', '=', plans.district.subjectId)
      .executeTakeFirstOrThrow();
    expect(district.parent_id).toBe(plans.province.subjectId);

    // the watch is added while Fastify() runs: only this app is watched
    const stopWatching = watchApps();
    try {
      app = await buildApp({ db, clock, passwordCost: TEST_PASSWORD_COST });
    } finally {
      stopWatching();
    }
    await app.ready();
    watch = watchOf(app);
    for (const [s, set] of SETS.entries()) {
      users[set] = {} as Record<RoleCode, MatrixUser>;
      for (const [r, role] of ROLES.entries()) {
        const unitId = role === 'lead_unit' ? plans[set].leadUnitId : plans[set].subjectId;
        const username = `${role}.${set}`;
        const address = `10.0.${s}.${r + 1}`;
        const id = await addUser({ db, clock }, username, [{ role, unitId }]);
        const session = await signIn(app, username, TEST_PASSWORD, { remoteAddress: address });
        users[set][role] = { role, set, id, username, address, session };
      }
    }
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await testDb?.drop();
  });

  return {
    get db() {
      return db;
    },
    get app() {
      return app;
    },
    get watch() {
      return watch;
    },
    get database() {
      return database;
    },
    /** the clock's time: a test may move it */
    time: {
      get now() {
        return now;
      },
      set now(value: Date) {
        now = value;
      },
    },
    clock,
    plans,
    users,
    next,
    targetOf,
    planVersion,
    item,
    task,
    leadUnitsOf,
    throwaway,
    pendingFor,
    REQUESTS,
    send,
  };
}
