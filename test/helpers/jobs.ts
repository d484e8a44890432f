/**
 * For the notification, mail and scheduler tests: a seeded round (helpers/rounds.ts: communes of Tỉnh
 * Lâm Đồng against the sample commune framework, the self-assessment opening on the clock's day),
 * the app on it and the accounts that matter — the office (admin of the province), two accounts of
 * commune A (an officer and an assessor), one of commune B, one of commune C (which has submitted)
 * and a viewer of the province; each with an e-mail address.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import { buildApp } from '../../src/http/app.js';
import type { Mailer } from '../../src/modules/mail.js';
import { addUser, TEST_PASSWORD, TEST_PASSWORD_COST, type TestGrant } from './accounts.js';
import { createTestDatabase, type ENGINES, type TestDatabase } from './databases.js';
import { signIn, watchApps, watchOf, withSession, type AppWatch, type SignedIn } from './http.js';
import { seedRound, type RoundFixture } from './rounds.js';

export const JOB_ACCOUNTS = ['office', 'officerA', 'assessorA', 'officerB', 'officerC', 'viewer'] as const;
export type JobAccount = (typeof JOB_ACCOUNTS)[number];

/** The address each account has (the office and the viewer none: they are not reminded). */
export const MAILBOX: Record<JobAccount, string | null> = {
  office: null,
  officerA: 'canbo.a@xanamda.example.vn',
  assessorA: 'danhgia.a@xanamda.example.vn',
  officerB: 'canbo.b@xadakmam.example.vn',
  officerC: 'canbo.c@xaquangphu.example.vn',
  viewer: null,
};

const usernameOf = (name: JobAccount) => `jobs.${name.toLowerCase()}`;

export interface JobsHarness {
  testDb: TestDatabase;
  database: Database;
  db: Kysely<DB>;
  app: FastifyInstance;
  watch: AppWatch;
  fixture: RoundFixture;
  /** commune A, B, C (C has submitted) */
  unitA: number;
  unitB: number;
  unitC: number;
  users: Record<JobAccount, { id: number; session: SignedIn }>;
  clock: () => Date;
  setNow: (iso: string) => void;
  as: (who: JobAccount | null, options: InjectOptions) => Promise<LightMyRequestResponse>;
  /** signs the accounts in again (after the clock moved past their sessions' life) */
  signInAgain: () => Promise<void>;
}

export function jobsHarness(
  kind: (typeof ENGINES)[number],
  options: { mailer?: () => Mailer | null; startsOn?: string; communes?: number } = {},
): JobsHarness {
  const startsOn = options.startsOn ?? '2026-12-01';
  let now = new Date(`${startsOn}T03:00:00.000Z`);
  const h = {
    clock: () => now,
    setNow: (iso: string) => {
      now = new Date(iso);
    },
  } as JobsHarness;
  h.as = (who, request) => h.app.inject(withSession(request, who ? h.users[who].session : null));

  beforeAll(async () => {
    h.testDb = await createTestDatabase(kind);
    h.database = await h.testDb.open();
    h.db = h.database.db;
    const deps = { db: h.db, clock: h.clock };
    h.fixture = await seedRound(deps, { communes: options.communes ?? 4 });
    [h.unitA, h.unitB, h.unitC] = h.fixture.communes.map((c) => c.id) as [number, number, number];
    await h.db
      .updateTable('round_units')
      .set({ state: 'submitted', submitted_at: now.toISOString(), submitted_by: 'canbo.c' })
      .where('round_id', '=', h.fixture.roundId)
      .where('unit_id', '=', h.unitC)
      .execute();
    const stopWatching = watchApps();
    try {
      h.app = await buildApp({
        ...deps,
        passwordCost: TEST_PASSWORD_COST,
        mailer: options.mailer?.() ?? null,
      });
    } finally {
      stopWatching();
    }
    await h.app.ready();
    h.watch = watchOf(h.app);
    // the roles of 0018 (assessor) beside the older ones
    const grants: Record<JobAccount, TestGrant> = {
      office: { role: 'admin', unitId: h.fixture.provinceId },
      officerA: { role: 'officer', unitId: h.unitA },
      assessorA: { role: 'assessor' as TestGrant['role'], unitId: h.unitA },
      officerB: { role: 'officer', unitId: h.unitB },
      officerC: { role: 'officer', unitId: h.unitC },
      viewer: { role: 'viewer', unitId: h.fixture.provinceId },
    };
    h.users = {} as JobsHarness['users'];
    for (const name of JOB_ACCOUNTS) {
      const id = await addUser(deps, usernameOf(name), [grants[name]]);
      await h.db.updateTable('users').set({ email: MAILBOX[name] }).where('id', '=', id).execute();
      h.users[name] = { id, session: null as unknown as SignedIn };
    }
    await h.signInAgain();
  });
  h.signInAgain = async () => {
    for (const [i, name] of JOB_ACCOUNTS.entries()) {
      h.users[name].session = await signIn(h.app, usernameOf(name), TEST_PASSWORD, {
        remoteAddress: `10.7.0.${i + 1}`,
      });
    }
  };

  afterAll(async () => {
    await h.app?.close();
    await h.database?.close();
    await h.testDb?.drop();
  });
  return h;
}
