/**
 * Who may do what in an assessment round: every route under /api/rounds, /api/evidence and
 * /api/notifications × every kind of account × the unit asked about (the actor's own commune, or
 * another), checked by test/security-assessment.test.ts (the plans' matrix, test/security-matrix.test.ts,
 * leaves these routes out). The round is test/helpers/rounds.ts#seedRound's: communes of Tỉnh Lâm
 * Đồng against the sample commune framework, areas followed by five departments.
 *
 * Each feature puts its entries in a file of its own (assessment-matrix-<feature>.ts) exporting a
 * Record<string, AssessmentEntry>, spread into ASSESSMENT_MATRIX below. A key is "METHOD /route" as
 * Fastify names it, optionally with "#variant" for a second request of the same route. A refusal must
 * be 403 FORBIDDEN (not 404: a unit's data is refused, not hidden, as plans are); anything but
 * 401/403/5xx counts as allowed (a 409 or 422 from the rules after the gate is fine). A refused
 * state-changing request must leave the database unchanged.
 *
 * The actors (each signed in from an address of its own):
 *   office          admin (round.manage …) in the province          — manages the round
 *   assessor        assessor in commune A                           — self-assesses A
 *   officer         officer (assessment.self) in commune A          — self-assesses A too
 *   appraiser       appraiser in Sở Nội vụ                          — appraises its areas
 *   otherAppraiser  appraiser in Sở Tư pháp                         — appraises only its own area
 *   council         council member in the province                  — fixes final scores
 *   viewer          viewer in the province                          — reads plans; results once published
 *   leadUnit        lead-unit officer of Sở Nội vụ                  — plans' rows only
 * The targets: 'own' = commune A, 'other' = commune B.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Phase } from '../../src/core/assessment.js';
import type { Database } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import { buildApp } from '../../src/http/app.js';
import { loadRound, type RoundCriterion } from '../../src/modules/round-context.js';
import { codeOf, verdictOf, type Verdict } from './access-matrix.js';
import { JOBS_MATRIX } from './assessment-matrix-jobs.js';
import { addUser, TEST_PASSWORD, TEST_PASSWORD_COST, type TestGrant } from './accounts.js';
import { createTestDatabase, type ENGINES, type TestDatabase } from './databases.js';
import { signIn, watchApps, watchOf, withSession, type AppWatch, type SignedIn } from './http.js';
import { OVERVIEW_MATRIX } from './assessment-matrix-overview.js';
import { ROUNDS_MATRIX } from './assessment-matrix-rounds.js';
import { seedRound, type RoundFixture } from './rounds.js';
import { SELF_MATRIX } from './assessment-matrix-self.js';
import { SURVEY_MATRIX } from './assessment-matrix-survey.js';
import { APPRAISAL_MATRIX } from './assessment-matrix-appraisal.js';
import { EVIDENCE_MATRIX } from './assessment-matrix-evidence.js';
import { RESULTS_MATRIX } from './assessment-matrix-results.js';

export { A, D, codeOf, verdictOf, routeOf, type Verdict } from './access-matrix.js';

export const ASSESSMENT_PREFIXES = ['/api/rounds', '/api/evidence', '/api/notifications'] as const;

/** Whether a route ("METHOD /url" or "/url") belongs to this matrix. */
export function isAssessmentRoute(route: string): boolean {
  const url = route.includes(' ') ? route.split(' ')[1]! : route;
  return ASSESSMENT_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`));
}

export const ACTORS = [
  'office',
  'assessor',
  'officer',
  'appraiser',
  'otherAppraiser',
  'council',
  'viewer',
  'leadUnit',
] as const;
export type ActorName = (typeof ACTORS)[number];
export type Target = 'own' | 'other';
export const TARGETS: readonly Target[] = ['own', 'other'];

/** One verdict for both targets, or one per target. */
export type Cell = Verdict | Record<Target, Verdict>;

export interface MatrixUser {
  name: ActorName;
  id: number;
  username: string;
  address: string;
  session: SignedIn;
}

export interface MatrixContext {
  db: Kysely<DB>;
  fixture: RoundFixture;
  /** the commune asked about (A for 'own', B for 'other') and the other one */
  unitId: number;
  otherUnitId: number;
  /** who asks; null: no session */
  user: MatrixUser | null;
  /** a leaf scored by the unit in an area followed by Sở Nội vụ, and one followed by Sở Tư pháp */
  inArea: RoundCriterion;
  outsideArea: RoundCriterion;
  /** moves the app's clock to 10:00 (Vietnam) on the first day of a phase */
  setPhase: (phase: Phase) => void;
  /** the app's current instant */
  now: () => Date;
}

export interface AssessmentEntry {
  rule: Record<ActorName, Cell>;
  /** the request, built for the context (it may prepare rows first, and set the phase) */
  request: (ctx: MatrixContext) => Promise<InjectOptions>;
}

// Each feature's entries, spread here (one line each).
export const ASSESSMENT_MATRIX: Record<string, AssessmentEntry> = {
  ...JOBS_MATRIX,
  ...SELF_MATRIX,
  ...SURVEY_MATRIX,
  ...OVERVIEW_MATRIX,
  ...APPRAISAL_MATRIX,
  ...EVIDENCE_MATRIX,
  ...ROUNDS_MATRIX,
  ...RESULTS_MATRIX,
};

const GRANTS = (f: RoundFixture): Record<ActorName, TestGrant> => ({
  office: { role: 'admin', unitId: f.provinceId },
  assessor: { role: 'assessor', unitId: f.communes[0]!.id },
  officer: { role: 'officer', unitId: f.communes[0]!.id },
  appraiser: { role: 'appraiser', unitId: f.departments.get('Sở Nội vụ')! },
  otherAppraiser: { role: 'appraiser', unitId: f.departments.get('Sở Tư pháp')! },
  council: { role: 'council', unitId: f.provinceId },
  viewer: { role: 'viewer', unitId: f.provinceId },
  leadUnit: { role: 'lead_unit', unitId: f.departments.get('Sở Nội vụ')! },
});

export type AssessmentHarness = ReturnType<typeof assessmentHarness>;

/**
 * The database, the seeded round, the app and the eight actors of one test file on one engine.
 * `options.app` adds to what buildApp is given (an evidence store, …).
 */
export function assessmentHarness(
  kind: (typeof ENGINES)[number],
  options: { app?: () => Record<string, unknown> } = {},
) {
  let testDb: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  let app: FastifyInstance;
  let watch: AppWatch;
  let fixture: RoundFixture;
  let inArea: RoundCriterion;
  let outsideArea: RoundCriterion;
  let now = new Date('2026-12-01T03:00:00.000Z');
  const clock = () => now;
  const users = {} as Record<ActorName, MatrixUser>;

  const setPhase = (phase: Phase) => {
    const dates = fixture.calendar.find((p) => p.phase === phase)!;
    now = new Date(`${dates.opensOn}T03:00:00.000Z`);
  };

  const contextFor = (user: MatrixUser | null, target: Target): MatrixContext => {
    const [a, b] = [fixture.communes[0]!.id, fixture.communes[1]!.id];
    return {
      db,
      fixture,
      unitId: target === 'own' ? a : b,
      otherUnitId: target === 'own' ? b : a,
      user,
      inArea,
      outsideArea,
      setPhase,
      now: clock,
    };
  };

  /**
   * A session lasts 12 hours of the app's clock: once setPhase has moved the clock away from when an
   * actor signed in, the actor signs in again (from its own address) before asking.
   */
  const signedAt = new Map<ActorName, number>();
  const signInAgainIfMoved = async (user: MatrixUser) => {
    const at = signedAt.get(user.name) ?? now.getTime();
    if (Math.abs(now.getTime() - at) < 6 * 3_600_000) return;
    user.session = await signIn(app, user.username, TEST_PASSWORD, { remoteAddress: user.address });
    signedAt.set(user.name, now.getTime());
  };

  const send = async (_key: string, probe: InjectOptions, user: MatrixUser | null) => {
    if (user) await signInAgainIfMoved(user);
    return app.inject(withSession(probe, user?.session ?? null));
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    db = database.db;
    fixture = await seedRound({ db, clock });
    const ctx = await loadRound(db, fixture.roundId, now);
    const selfLeaf = (department: string) => {
      const unit = fixture.departments.get(department)!;
      const found = ctx.criteria.find(
        (c) => c.rule !== null && c.scorer === 'self' && c.followedByUnitId === unit,
      );
      if (!found) throw new Error(`no self-scored leaf followed by ${department}`);
      return found;
    };
    inArea = selfLeaf('Sở Nội vụ');
    outsideArea = selfLeaf('Sở Tư pháp');
    const stopWatching = watchApps();
    try {
      app = await buildApp({ db, clock, passwordCost: TEST_PASSWORD_COST, ...(options.app?.() ?? {}) });
    } finally {
      stopWatching();
    }
    await app.ready();
    watch = watchOf(app);
    const grants = GRANTS(fixture);
    for (const [i, name] of ACTORS.entries()) {
      const username = `danhgia.${name.toLowerCase()}`;
      const address = `10.9.0.${i + 1}`;
      const id = await addUser({ db, clock }, username, [grants[name]]);
      const session = await signIn(app, username, TEST_PASSWORD, { remoteAddress: address });
      users[name] = { name, id, username, address, session };
      signedAt.set(name, now.getTime());
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
    get fixture() {
      return fixture;
    },
    users,
    contextFor,
    send,
    setPhase,
    /** signs the actor in again when the clock has moved away from its session */
    freshSession: async (user: MatrixUser) => {
      await signInAgainIfMoved(user);
      return user.session;
    },
  };
}

/** allow / deny / "401 UNAUTHENTICATED" …, as the matrix compares them. */
export function assessmentVerdict(res: LightMyRequestResponse): string {
  return verdictOf(res);
}

export function expectCode(res: LightMyRequestResponse, status: number, code: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(codeOf(res)).toBe(code);
}
