/**
 * Who may do what over HTTP, on both engines, with the samples loaded the way a new installation
 * has them (Huyện Krông Nô a child of Tỉnh Đắk Nông).
 *
 * The matrix: every API route the app serves (collected from the app itself, as test/api.test.ts
 * does: a route missing from MATRIX fails the first test) × every role × where the request lands
 * relative to the grant, plus a request without a session. Two sets of users hold the roles:
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
 *
 * Then: CSRF, the sign-in form's Origin, the password-change gate, disabled accounts, cookie flags,
 * security headers, the body limit, uploads read by content, sign-in throttling, and the lead-unit
 * officer's part of a plan.
 */
import { resolve } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { buildApp } from '../src/http/app.js';
import { planView } from '../src/modules/plan-view.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import { ApiError, ImportPreview, PlanListItem, PlanView, type Task } from '../src/shared/api.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { databaseDigest } from './helpers/db-state.js';
import { ROOT } from './helpers/fixtures.js';
import {
  multipartFile,
  sessionSetCookie,
  signIn,
  watchApps,
  watchOf,
  withSession,
  type AppWatch,
  type SignedIn,
} from './helpers/http.js';
import { seedPlanText, seedText, toBytes } from './helpers/seed-edit.js';

const SAMPLES = resolve(ROOT, 'samples');
const PROVINCE = 'Tỉnh Đắk Nông';
const DISTRICT = 'Huyện Krông Nô';

const ROLES = ['admin', 'officer', 'lead_unit', 'appraiser', 'viewer'] as const;
type RoleCode = (typeof ROLES)[number];
const SETS = ['province', 'district'] as const;
type UserSet = (typeof SETS)[number];

type Verdict = 'allow' | 'deny';
const A: Verdict = 'allow';
const D: Verdict = 'deny';

/** Where a targeted request lands, seen from the user's grant (see the file's comment). */
type Column = 'own' | 'otherUnit' | 'below' | 'above';
type Reach = Record<Column, Verdict>;
const COLUMNS: Record<UserSet, readonly Column[]> = {
  province: ['own', 'otherUnit', 'below'],
  district: ['own', 'otherUnit', 'above'],
};

/** subtree roles (admin, appraiser, viewer): the grant's unit and every unit beneath it */
const SUBTREE: Reach = { own: A, otherUnit: A, below: A, above: D };
/**
 * officer: its unit's plan, not the plans of the units beneath it. Also a lead unit reading its
 * parent's plan: it reads the plan (only its own rows of it, checked below), whichever row is named.
 */
const OWN_PLAN: Reach = { own: A, otherUnit: A, below: D, above: D };
/** lead_unit: the rows of its own unit, in its parent's plan only */
const OWN_ROWS: Reach = { own: A, otherUnit: D, below: D, above: D };
const NOWHERE: Reach = { own: D, otherUnit: D, below: D, above: D };

type Rule = 'public' | Record<RoleCode, Reach | Verdict>;

const EVERY_ROLE: Rule = { admin: A, officer: A, lead_unit: A, appraiser: A, viewer: A };
/** administration of accounts and units: the admin role, within its subtree */
const ADMINISTRATION: Rule = {
  admin: SUBTREE,
  officer: NOWHERE,
  lead_unit: NOWHERE,
  appraiser: NOWHERE,
  viewer: NOWHERE,
};
/** planning a plan (scores, lead units, the plan's units): plan.edit on the whole plan */
const PLANNING: Rule = {
  admin: SUBTREE,
  officer: OWN_PLAN,
  lead_unit: NOWHERE,
  appraiser: NOWHERE,
  viewer: NOWHERE,
};

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
const MATRIX: Record<string, Rule> = {
  'GET /api/health': 'public',
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

  // the audit trail: audit.read (a scoped reader sees its units' entries)
  'GET /api/audit': { admin: A, officer: A, lead_unit: D, appraiser: D, viewer: D },
  'GET /api/audit/export': { admin: A, officer: A, lead_unit: D, appraiser: D, viewer: D },

  // a copy of everything: an administrator of the whole installation only (none of these is)
  'GET /api/admin/backup': { admin: D, officer: D, lead_unit: D, appraiser: D, viewer: D },
  'POST /api/admin/backup': { admin: D, officer: D, lead_unit: D, appraiser: D, viewer: D },
};

const routeOf = (key: string) => key.split('#')[0]!;
const isPublic = (route: string) =>
  Object.entries(MATRIX).some(([k, r]) => routeOf(k) === route && r === 'public');

/** One plan of the samples and what the matrix points at in it. */
interface PlanFixture {
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

interface Target {
  plan: PlanFixture;
  itemId: number;
  /** the unit a lead-unit view names */
  unitId: number;
  /** the unit an administration request names (a grant's unit, a new unit's parent, a unit edited) */
  adminUnitId: number;
}

interface MatrixUser {
  role: RoleCode;
  set: UserSet;
  id: number;
  username: string;
  /** each user signs in from an address of its own (the sign-in rate limit counts per address) */
  address: string;
  session: SignedIn;
}

type Probe = InjectOptions & { session?: SignedIn };
type Build = (ctx: { user: MatrixUser | null; target: Target; anyone: MatrixUser }) => Promise<Probe>;

function codeOf(res: LightMyRequestResponse): string | null {
  try {
    return ApiError.parse(res.json()).error.code;
  } catch {
    return null;
  }
}

/** allow / deny as the matrix names them; anything else verbatim, so that it shows in the diff. */
function verdictOf(res: LightMyRequestResponse): string {
  const code = codeOf(res);
  if (res.statusCode === 403 && code === 'FORBIDDEN') return D;
  if (res.statusCode === 401 || res.statusCode === 403 || res.statusCode >= 500) {
    return `${res.statusCode} ${code}`;
  }
  return A;
}

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = ApiError.parse(res.json());
  expect(body.error.code).toBe(code);
  return body.error;
}

/** A URL that reaches a route pattern, whatever its parameters (the gates run before validation). */
function sampleUrl(route: string): string {
  return route
    .replace(':format', 'xlsx')
    .replace(':token', 'ab'.repeat(16))
    .replace(/:\w+/g, '1')
    .replace('*', 'swagger-ui.css');
}

let stopWatching: () => void = () => undefined;
beforeAll(() => {
  stopWatching = watchApps();
});
afterAll(() => stopWatching());

describe.each(ENGINES)('access control on %s', (kind) => {
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

  const get =
    (url: string): Build =>
    () =>
      Promise.resolve({ method: 'GET', url });

  /** How each entry of MATRIX is asked; `user` is null for the request without a session. */
  const REQUESTS: Record<string, Build> = {
    'GET /api/health': get('/api/health'),
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
    'GET /api/plans/:id': ({ target }) =>
      Promise.resolve({ method: 'GET', url: `/api/plans/${target.plan.id}` }),
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
    'GET /api/audit': get('/api/audit'),
    'GET /api/audit/export': get('/api/audit/export'),
    'GET /api/admin/backup': get('/api/admin/backup'),
    'POST /api/admin/backup': () =>
      Promise.resolve({ method: 'POST', url: '/api/admin/backup', payload: {} }),
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

    app = await buildApp({ db, clock });
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

  it('the matrix names every route the app serves, and asks each of them', () => {
    expect([...new Set(Object.keys(MATRIX).map(routeOf))].sort()).toEqual([...watch.routes].sort());
    expect(Object.keys(REQUESTS).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it.each(Object.keys(MATRIX))('%s', async (key) => {
    const rule = MATRIX[key]!;
    const build = REQUESTS[key]!;
    const mutating = !routeOf(key).startsWith('GET ');
    const actual: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const set of SETS) {
      for (const role of ROLES) {
        const user = users[set][role];
        const cell = rule === 'public' ? A : rule[role];
        const columns = typeof cell === 'string' ? (['own'] as const) : COLUMNS[set];
        for (const column of columns) {
          const want = typeof cell === 'string' ? cell : cell[column];
          const label = `${role}@${set} ${column}`;
          const probe = await build({ user, target: targetOf(set, column), anyone: users.province.admin });
          const before = mutating && want === D ? await databaseDigest(db) : null;
          const res = await send(key, probe, user);
          actual[label] = verdictOf(res);
          expected[label] = want;
          if (before !== null && actual[label] === D) {
            expect(await databaseDigest(db), `${key} ${label}: refused, and nothing changed`).toBe(before);
          }
        }
      }
    }
    const probe = await build({
      user: null,
      target: targetOf('province', 'own'),
      anyone: users.province.admin,
    });
    const before = mutating ? await databaseDigest(db) : null;
    const res = await send(key, probe, null);
    const code = codeOf(res);
    actual['no session'] =
      res.statusCode === 401 && code === 'UNAUTHENTICATED' ? 'unauthenticated' : verdictOf(res);
    expected['no session'] = rule === 'public' ? A : 'unauthenticated';
    if (before !== null && rule !== 'public') expect(await databaseDigest(db)).toBe(before);
    expect(actual).toEqual(expected);
  });

  it('each user lists the plans it reaches; a lead-unit officer sees its rows without totals', async () => {
    const seen: Record<string, number[]> = {};
    for (const set of SETS) {
      for (const role of ROLES) {
        const res = await app.inject(
          withSession({ method: 'GET', url: '/api/plans' }, users[set][role].session),
        );
        const list = PlanListItem.array().parse(res.json());
        seen[`${role}@${set}`] = list.map((p) => p.id).sort((a, b) => a - b);
        if (role === 'lead_unit') {
          expect(list[0]!.totals).toEqual({ max: null, baseline: null, target: null });
        }
      }
    }
    const [p, d] = [plans.province.id, plans.district.id];
    expect(seen).toEqual({
      'admin@province': [p, d],
      'officer@province': [p],
      'lead_unit@province': [p],
      'appraiser@province': [p, d],
      'viewer@province': [p, d],
      'admin@district': [d],
      'officer@district': [d],
      'lead_unit@district': [d],
      'appraiser@district': [d],
      'viewer@district': [d],
    });
  });

  it('the session gate goes by the route reached, however the address is spelled', async () => {
    for (const url of ['/%61pi/roles', '/ap%69/auth/me', '/api/pl%61ns']) {
      expectError(await app.inject({ method: 'GET', url }), 401, 'UNAUTHENTICATED');
    }
    const admin = users.province.admin.session;
    expectError(
      await app.inject({ method: 'POST', url: '/%61pi/auth/logout', headers: { cookie: admin.cookie } }),
      403,
      'CSRF_FAILED',
    );
    expect((await app.inject(withSession({ method: 'GET', url: '/api/auth/me' }, admin))).statusCode).toBe(
      200,
    );
  });

  it('refuses every state-changing request without the session’s CSRF token, changing nothing', async () => {
    const admin = users.province.admin;
    const stranger = users.district.viewer.session.csrfToken;
    const mutating = Object.keys(MATRIX).filter((k) => !k.startsWith('GET ') && MATRIX[k] !== 'public');
    expect(mutating.length).toBeGreaterThan(10);
    for (const key of mutating) {
      for (const token of [null, 'x'.repeat(32), stranger]) {
        const probe = await REQUESTS[key]!({
          user: admin,
          target: targetOf('province', 'own'),
          anyone: admin,
        });
        const { session, ...options } = probe;
        const own = session ?? admin.session;
        const headers: Record<string, string> = {
          cookie: own.cookie,
          ...(options.headers as Record<string, string>),
        };
        if (token !== null) headers['x-csrf-token'] = token;
        const before = await databaseDigest(db);
        const res = await app.inject({ ...options, headers });
        expect(watch.hits.at(-1)?.route).toBe(routeOf(key).split(' ')[1]);
        expectError(res, 403, 'CSRF_FAILED');
        expect(await databaseDigest(db), `${key} with token ${token}`).toBe(before);
      }
    }
    // with its token the same session goes on working
    const probe = await REQUESTS['PATCH /api/plans/:id/items/:itemId/task']!({
      user: admin,
      target: targetOf('province', 'own'),
      anyone: admin,
    });
    expect((await app.inject(withSession(probe, admin.session))).statusCode).toBe(200);
  });

  it('refuses a sign-in posted from another site (Origin), and accepts its own', async () => {
    const user = users.province.viewer;
    const login = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: TEST_PASSWORD },
        remoteAddress: user.address,
        headers,
      });
    const before = await db.selectFrom('sessions').select('id').execute();
    for (const origin of ['https://evil.example', 'null', 'https://parindex.example.evil.example']) {
      const res = await login({ host: 'parindex.example', origin });
      expectError(res, 403, 'FORBIDDEN');
      expect(sessionSetCookie(res)).toBeNull();
    }
    expect(await db.selectFrom('sessions').select('id').execute()).toEqual(before);
    expect((await login({ host: 'parindex.example', origin: 'https://parindex.example' })).statusCode).toBe(
      200,
    );
    // a client that is not a browser sends no Origin
    expect((await login({})).statusCode).toBe(200);
  });

  it('lets an account that must change its password reach only me, logout and password', async () => {
    const username = 'doi-mat-khau';
    await addUser({ db, clock }, username, [{ role: 'admin', unitId: plans.province.subjectId }], {
      mustChangePassword: true,
    });
    const first = await signIn(app, username, TEST_PASSWORD, { remoteAddress: '10.0.9.1' });
    const second = await signIn(app, username, TEST_PASSWORD, { remoteAddress: '10.0.9.1' });
    const exempt = ['GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/password'];
    const gated = [...watch.routes].filter((r) => !isPublic(r) && !exempt.includes(r));
    expect(gated.length).toBeGreaterThan(20);
    for (const route of gated) {
      const [method, pattern] = route.split(' ') as [InjectOptions['method'], string];
      const options: InjectOptions = { method, url: sampleUrl(pattern) };
      if (method !== 'GET') options.payload = {};
      const res = await app.inject(withSession(options, first));
      expect(`${route} ${res.statusCode} ${codeOf(res)}`).toBe(`${route} 403 PASSWORD_CHANGE_REQUIRED`);
    }
    const me = await app.inject(withSession({ method: 'GET', url: '/api/auth/me' }, first));
    expect(me.json<{ user: { mustChangePassword: boolean } }>().user.mustChangePassword).toBe(true);
    expect(
      (await app.inject(withSession({ method: 'POST', url: '/api/auth/logout' }, second))).statusCode,
    ).toBe(200);
    const changed = await app.inject(
      withSession(
        {
          method: 'POST',
          url: '/api/auth/password',
          payload: { current: TEST_PASSWORD, next: 'mat-khau-rieng-2024' },
        },
        first,
      ),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await app.inject(withSession({ method: 'GET', url: '/api/plans' }, first))).statusCode).toBe(200);
  });

  it('ends the sessions of a disabled account', async () => {
    const username = 'se-bi-khoa';
    const userId = await addUser({ db, clock }, username, [
      { role: 'viewer', unitId: plans.province.subjectId },
    ]);
    const first = await signIn(app, username, TEST_PASSWORD, { remoteAddress: '10.0.9.2' });
    const second = await signIn(app, username, TEST_PASSWORD, { remoteAddress: '10.0.9.2' });
    const me = (s: SignedIn) => app.inject(withSession({ method: 'GET', url: '/api/auth/me' }, s));
    expect((await me(first)).statusCode).toBe(200);

    // disabled in the database: the session no longer opens
    await db.updateTable('users').set({ disabled: 1 }).where('id', '=', userId).execute();
    expectError(await me(first), 401, 'UNAUTHENTICATED');
    await db.updateTable('users').set({ disabled: 0 }).where('id', '=', userId).execute();
    expect((await me(first)).statusCode).toBe(200);

    // disabled by an administrator: every session of the account ends
    const disable = await app.inject(
      withSession(
        { method: 'PATCH', url: `/api/users/${userId}`, payload: { disabled: true } },
        users.province.admin.session,
      ),
    );
    expect(disable.statusCode, disable.body).toBe(200);
    expectError(await me(first), 401, 'UNAUTHENTICATED');
    expectError(await me(second), 401, 'UNAUTHENTICATED');
    // the right password opens nothing, with the answer a wrong one gets
    const right = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
      remoteAddress: '10.0.9.2',
    });
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: users.province.viewer.username, password: 'sai-mat-khau' },
      remoteAddress: '10.0.9.2',
    });
    expectError(right, 401, 'BAD_CREDENTIALS');
    expect(right.body).toBe(wrong.body);
    await db.updateTable('users').set({ disabled: 0 }).where('id', '=', userId).execute();
    expectError(await me(second), 401, 'UNAUTHENTICATED');
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Secure only when the request came over HTTPS', async () => {
    const user = users.province.viewer;
    const payload = { username: user.username, password: TEST_PASSWORD };
    const attributes = (res: LightMyRequestResponse) => {
      const line = sessionSetCookie(res);
      expect(line, res.body).not.toBeNull();
      return line!
        .split(';')
        .slice(1)
        .map((a) => a.trim().toLowerCase());
    };
    const plain = attributes(
      await app.inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress: user.address }),
    );
    expect(plain).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
    expect(plain).not.toContain('secure');
    // X-Forwarded-Proto from a proxy the app was not told to trust changes nothing
    const untrusted = attributes(
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload,
        remoteAddress: user.address,
        headers: { 'x-forwarded-proto': 'https' },
      }),
    );
    expect(untrusted).not.toContain('secure');

    const proxied = await buildApp({ db, clock }, { trustProxy: true });
    try {
      const https = await proxied.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload,
        remoteAddress: user.address,
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
      });
      expect(attributes(https)).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'secure']));
      const session = await db
        .selectFrom('sessions')
        .select('ip')
        .orderBy('created_at', 'desc')
        .orderBy('ip', 'desc')
        .where('ip', '=', '203.0.113.9')
        .executeTakeFirst();
      expect(session?.ip).toBe('203.0.113.9');
      const http = await proxied.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload,
        remoteAddress: user.address,
        headers: { 'x-forwarded-proto': 'http' },
      });
      expect(attributes(http)).not.toContain('secure');
      // signing out clears the cookie with the same attributes
      const cookie = sessionSetCookie(https)!.split(';')[0]!;
      const csrf = https.json<{ csrfToken: string }>().csrfToken;
      const out = await proxied.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie, 'x-csrf-token': csrf, 'x-forwarded-proto': 'https' },
      });
      expect(out.statusCode).toBe(200);
      const cleared = attributes(out);
      expect(cleared).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'secure']));
      expect(sessionSetCookie(out)!.split(';')[0]).toBe(`${cookie.split('=')[0]}=`);
    } finally {
      await proxied.close();
    }
  });

  it('sends the security headers: a strict CSP, nosniff, no framing', async () => {
    for (const res of [
      await app.inject({ method: 'GET', url: '/api/health' }),
      await app.inject({ method: 'GET', url: '/api/plans' }),
      await app.inject(withSession({ method: 'GET', url: '/api/plans' }, users.province.viewer.session)),
    ]) {
      const csp = String(res.headers['content-security-policy']);
      const directives = new Map(
        csp.split(';').map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name!, values] as const;
        }),
      );
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const frameAncestors = directives.get('frame-ancestors');
      const xfo = String(res.headers['x-frame-options'] ?? '').toUpperCase();
      expect(frameAncestors?.join(' ') === "'none'" || xfo === 'DENY').toBe(true);
    }
  });

  it('answers a request body over 1 MB with 413 and changes nothing', async () => {
    const big = 'x'.repeat(1024 * 1024 + 1);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'admin', password: big },
        })
      ).statusCode,
    ).toBe(413);
    const officer = users.province.officer;
    const { version } = await task(plans.province.ownRow);
    const before = await databaseDigest(db);
    const res = await app.inject(
      withSession(
        {
          method: 'PATCH',
          url: `/api/plans/${plans.province.id}/items/${plans.province.ownRow}/task`,
          payload: { version, progressNote: big },
        },
        officer.session,
      ),
    );
    expect(res.statusCode).toBe(413);
    expect(await databaseDigest(db)).toBe(before);
  });

  it('reads an upload by its content, whatever its name says', async () => {
    const officer = users.province.officer.session;
    const upload = (name: string, bytes: Uint8Array) =>
      app.inject(
        withSession({ method: 'POST', url: '/api/imports', ...multipartFile(name, bytes) }, officer),
      );
    const asXlsx = await upload('ke-hoach.xlsx', plans.province.file);
    expect(asXlsx.statusCode, asXlsx.body).toBe(200);
    const preview = ImportPreview.parse(asXlsx.json());
    expect(preview).toMatchObject({ fileName: 'ke-hoach.xlsx', format: 'text' });
    expect(preview.plans.map((p) => p.subject)).toEqual([PROVINCE]);

    const xlsx = await app.inject(
      withSession({ method: 'GET', url: `/api/plans/${plans.province.id}/export/xlsx` }, officer),
    );
    const asText = await upload('ke-hoach.txt', new Uint8Array(xlsx.rawPayload));
    expect(asText.statusCode, asText.body).toBe(200);
    expect(ImportPreview.parse(asText.json()).format).toBe('xlsx');
  });

  it('lets a lead-unit officer see and follow up only the rows of its unit', async () => {
    const lead = users.province.lead_unit;
    const fixture = plans.province;
    const as = (options: InjectOptions) => app.inject(withSession(options, lead.session));
    const soNoiVu = fixture.leadUnitId;

    // a row another unit leads, with Sở Nội vụ supporting it (set by the province's officer)
    const whole = await planView(db, fixture.id);
    const mine = (t: Task | null) =>
      t !== null && [...t.leadUnits, ...t.supportUnits].some((u) => u.id === soNoiVu);
    const supported = whole.rows.find((r) => r.task && !mine(r.task) && r.itemId !== fixture.otherRow)!;
    const support = await app.inject(
      withSession(
        {
          method: 'PATCH',
          url: `/api/plans/${fixture.id}/items/${supported.itemId}/task`,
          payload: { version: supported.task!.version, supportUnitIds: [soNoiVu] },
        },
        users.province.officer.session,
      ),
    );
    expect(support.statusCode, support.body).toBe(200);

    const full = await planView(db, fixture.id);
    const res = await as({ method: 'GET', url: `/api/plans/${fixture.id}` });
    const view = PlanView.parse(res.json());
    expect(view.rows.map((r) => r.code)).toEqual(full.rows.filter((r) => mine(r.task)).map((r) => r.code));
    expect(view.rows.map((r) => r.code)).toContain(supported.code);
    expect(view.rows.length).toBeLessThan(full.rows.length);
    expect(view.statedTotals).toBeNull();
    expect(view.units).toEqual([{ id: soNoiVu, name: 'Sở Nội vụ', kind: 'department' }]);
    expect(view.access).toEqual({
      scope: 'lead',
      editScores: false,
      editTasks: true,
      editLeadUnits: false,
      export: false,
      readAudit: false,
      archive: false,
      delete: false,
      leadUnitIds: [soNoiVu],
    });
    const list = PlanListItem.array().parse((await as({ method: 'GET', url: '/api/plans' })).json());
    expect(list).toEqual([
      expect.objectContaining({
        id: fixture.id,
        criteria: view.rows.length,
        totals: { max: null, baseline: null, target: null },
      }),
    ]);

    // its own row: text, status, progress, note and deadline
    for (const itemId of [fixture.ownRow, supported.itemId]) {
      const { version } = await task(itemId);
      const done = await as({
        method: 'PATCH',
        url: `/api/plans/${fixture.id}/items/${itemId}/task`,
        payload: {
          version,
          text: 'Tham mưu kế hoạch CCHC năm',
          status: 'in_progress',
          progress: 60,
          progressNote: 'Đã trình UBND tỉnh',
          deadline: '2022-11-30',
        },
      });
      expect(done.statusCode, done.body).toBe(200);
      // the answer is its own part of the plan too
      expect(PlanView.parse(done.json()).rows.length).toBe(view.rows.length);
      expect(await task(itemId)).toMatchObject({
        version: version + 1,
        text: 'Tham mưu kế hoạch CCHC năm',
        status: 'in_progress',
        progress: 60,
        progress_note: 'Đã trình UBND tỉnh',
        deadline: '2022-11-30',
      });
    }

    const own = await task(fixture.ownRow);
    const other = await task(fixture.otherRow);
    const ownItem = await item(fixture.ownRow);
    const taskless = full.rows.find(
      (r) => r.task === null && !full.rows.some((x) => x.parentCode === r.code),
    );
    const refused: [string, InjectOptions][] = [
      [
        'another unit’s row',
        {
          method: 'PATCH',
          url: `/api/plans/${fixture.id}/items/${fixture.otherRow}/task`,
          payload: { version: other.version, progress: 10 },
        },
      ],
      [
        'a score of its own row',
        {
          method: 'PATCH',
          url: `/api/plans/${fixture.id}/items/${fixture.ownRow}`,
          payload: { version: ownItem.version, target: ownItem.target ?? '0' },
        },
      ],
      [
        'the lead units of its own row',
        {
          method: 'PATCH',
          url: `/api/plans/${fixture.id}/items/${fixture.ownRow}/task`,
          payload: { version: own.version, leadUnitIds: [fixture.otherUnitId] },
        },
      ],
      [
        'its own row, naming a supporting unit',
        {
          method: 'PATCH',
          url: `/api/plans/${fixture.id}/items/${fixture.ownRow}/task`,
          payload: { version: own.version, supportUnitIds: [soNoiVu, fixture.otherUnitId] },
        },
      ],
      ['the XLSX export', { method: 'GET', url: `/api/plans/${fixture.id}/export/xlsx` }],
      ['the DOCX export', { method: 'GET', url: `/api/plans/${fixture.id}/export/docx` }],
      [
        'another unit’s view',
        { method: 'GET', url: `/api/plans/${fixture.id}/units/${fixture.otherUnitId}` },
      ],
      [
        'the history of its own row',
        { method: 'GET', url: `/api/plans/${fixture.id}/items/${fixture.ownRow}/history` },
      ],
      ['a new unit', { method: 'POST', url: `/api/plans/${fixture.id}/units`, payload: { name: 'Sở Y tế' } }],
    ];
    if (taskless) {
      refused.push([
        'a task on a row without one',
        {
          method: 'PATCH',
          url: `/api/plans/${fixture.id}/items/${taskless.itemId}/task`,
          payload: { version: 0, text: 'Nhiệm vụ mới' },
        },
      ]);
    }
    for (const [what, options] of refused) {
      const before = await databaseDigest(db);
      const answer = await as(options);
      expect(`${what}: ${answer.statusCode} ${codeOf(answer)}`).toBe(`${what}: 403 FORBIDDEN`);
      expect(await databaseDigest(db), what).toBe(before);
    }
    // its own unit's view holds its rows only
    const unitView = await as({ method: 'GET', url: `/api/plans/${fixture.id}/units/${soNoiVu}` });
    expect(unitView.statusCode).toBe(200);
  });

  it('throttles 20 wrong passwords for one user name, doubling, while another user signs in', async () => {
    const ip = '198.51.100.7';
    const victim = 'nan-nhan';
    const colleague = 'dong-nghiep';
    for (const name of [victim, colleague]) {
      await addUser({ db, clock }, name, [{ role: 'viewer', unitId: plans.district.subjectId }]);
    }
    const login = (username: string, password: string, lang = 'vi') =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
        remoteAddress: ip,
        headers: { 'accept-language': lang },
      });
    const answer = (res: LightMyRequestResponse) => `${res.statusCode} ${res.body}`;
    const bad = JSON.stringify({
      error: { code: 'BAD_CREDENTIALS', message: 'Sai tên đăng nhập hoặc mật khẩu' },
    });
    const wait = (seconds: number) =>
      JSON.stringify({
        error: {
          code: 'TOO_MANY_ATTEMPTS',
          message: `Đăng nhập sai quá nhiều lần; hãy thử lại sau ${seconds} giây`,
        },
      });

    const attempts: string[] = [];
    for (let i = 0; i < 20; i++) attempts.push(answer(await login(victim, `sai-mat-khau-${i}`)));
    // 5 free failures: the fifth locks for 30 s; every attempt while locked is refused unread
    expect(attempts).toEqual([
      ...Array<string>(4).fill(`401 ${bad}`),
      ...Array<string>(16).fill(`429 ${wait(30)}`),
    ]);
    expect(answer(await login(victim, TEST_PASSWORD))).toBe(`429 ${wait(30)}`);
    const en = await login(victim, TEST_PASSWORD, 'en');
    expect(expectError(en, 429, 'TOO_MANY_ATTEMPTS').message).toBe(
      'Too many failed sign-ins; try again in 30 s',
    );
    // the same address, another user: signs in
    expect((await login(colleague, TEST_PASSWORD)).statusCode).toBe(200);

    // a user name nobody has gets the same answers, attempt by attempt (no enumeration)
    const unknown: string[] = [];
    for (let i = 0; i < 20; i++) unknown.push(answer(await login('khong-co-ai', `sai-mat-khau-${i}`)));
    expect(unknown).toEqual(attempts);

    // time moves: the wait counts down, then each new failure doubles it
    now = new Date(now.getTime() + 10_000);
    expect(answer(await login(victim, TEST_PASSWORD))).toBe(`429 ${wait(20)}`);
    now = new Date(now.getTime() + 21_000);
    expect(answer(await login(victim, 'sai-lan-6'))).toBe(`429 ${wait(60)}`);
    expect(answer(await login(victim, TEST_PASSWORD))).toBe(`429 ${wait(60)}`);
    now = new Date(now.getTime() + 61_000);
    expect(answer(await login(victim, 'sai-lan-7'))).toBe(`429 ${wait(120)}`);
    now = new Date(now.getTime() + 121_000);
    expect(answer(await login(victim, 'sai-lan-8'))).toBe(`429 ${wait(240)}`);
    now = new Date(now.getTime() + 241_000);
    expect(answer(await login(victim, 'sai-lan-9'))).toBe(`429 ${wait(480)}`);
    now = new Date(now.getTime() + 481_000);
    // capped at 15 minutes
    expect(answer(await login(victim, 'sai-lan-10'))).toBe(`429 ${wait(900)}`);
    now = new Date(now.getTime() + 901_000);
    expect(answer(await login(victim, 'sai-lan-11'))).toBe(`429 ${wait(900)}`);
    now = new Date(now.getTime() + 901_000);
    // the lock over, the right password works and the count starts again
    expect((await login(victim, TEST_PASSWORD)).statusCode).toBe(200);
    expect(answer(await login(victim, 'sai-lai'))).toBe(`401 ${bad}`);
  });
});
