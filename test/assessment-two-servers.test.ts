/**
 * The assessment round on PostgreSQL with two app servers sharing the database and the object
 * storage (s3rver, a real S3-compatible server on 127.0.0.1, from helpers/evidence-files.ts): what
 * one server writes the other reads — an answer saved on A is seen on B and B's stale save is
 * refused, evidence uploaded through A downloads whole from B (and is stored once), a session opened
 * on A works on B — and scheduled work (JOBS' reminders) runs once between the two.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { buildApp } from '../src/http/app.js';
import { evidenceLimits, openEvidenceStore } from '../src/modules/evidence-store.js';
import { roundCriteria } from '../src/modules/round-context.js';
import { sampleAnswer } from '../src/modules/samples.js';
import { addUser, TEST_PASSWORD, TEST_PASSWORD_COST } from './helpers/accounts.js';
import { createTestDatabase, type TestDatabase } from './helpers/databases.js';
import { startLocalS3, type LocalS3 } from './helpers/evidence-files.js';
import { ROOT } from './helpers/fixtures.js';
import { multipartFile, signIn, withSession, type SignedIn } from './helpers/http.js';
import { addDays, calendarFrom, seedRound, type RoundFixture } from './helpers/rounds.js';

const BUCKET = 'parindex-two-servers';
const PDF = new Uint8Array(readFileSync(resolve(ROOT, 'samples/evidence/ke-hoach-cchc-2026.pdf')));
/** the self-assessment's third day */
const TODAY = '2026-12-03';
const now = new Date(`${TODAY}T03:00:00Z`);
const clock = () => now;

let s3: LocalS3;
let test: TestDatabase;
const databases: Database[] = [];
const apps: FastifyInstance[] = [];
let fixture: RoundFixture;
let assessorOnA: SignedIn;
let officeOnA: SignedIn;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  s3 = await startLocalS3(BUCKET);
  // both servers open the store from the environment, as two real servers configured alike would
  for (const [k, v] of Object.entries(s3.env())) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  test = await createTestDatabase('postgres');
  for (let i = 0; i < 2; i++) databases.push(await test.open());
  const db = databases[0]!.db;
  fixture = await seedRound({ db, clock }, { calendar: calendarFrom(addDays(TODAY, -2), 10), communes: 3 });
  const commune = fixture.communes[0]!.id;
  await addUser({ db, clock }, 'canbo.namda', [{ role: 'assessor', unitId: commune }]);
  await addUser({ db, clock }, 'vanphong', [{ role: 'admin', unitId: fixture.provinceId }]);
  for (const database of databases) {
    apps.push(
      await buildApp({
        db: database.db,
        clock,
        passwordCost: TEST_PASSWORD_COST,
        evidence: { store: openEvidenceStore(), limits: evidenceLimits() },
      }),
    );
  }
  assessorOnA = await signIn(apps[0]!, 'canbo.namda', TEST_PASSWORD);
  officeOnA = await signIn(apps[0]!, 'vanphong', TEST_PASSWORD);
}, 60_000);

afterAll(async () => {
  for (const app of apps) await app.close();
  for (const database of databases) await database.close();
  await test?.drop();
  await s3?.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const [A, B] = [0, 1];
const app = (i: number) => apps[i]!;
const unitPath = () => `/api/rounds/${fixture.roundId}/units/${fixture.communes[0]!.id}`;

async function firstLeaf() {
  const criteria = await roundCriteria(databases[0]!.db, fixture.frameworkId);
  const leaf = criteria.find((c) => c.rule?.kind === 'choice' && c.scorer === 'self')!;
  return { leaf, answer: sampleAnswer(leaf.rule!, leaf.max!, 'good')! };
}

describe('two app servers on one PostgreSQL database and one S3 bucket', () => {
  it('a session opened on A is valid on B', async () => {
    const res = await app(B).inject(withSession({ method: 'GET', url: '/api/auth/me' }, assessorOnA));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('canbo.namda');
  });

  it('an answer saved on A is read on B, and B saving over the old version is refused', async () => {
    const { leaf, answer } = await firstLeaf();
    const save = (i: number, version: number, note: string) =>
      app(i).inject(
        withSession(
          {
            method: 'PATCH',
            url: `${unitPath()}/answers/${leaf.id}`,
            payload: { version, answer, note },
          },
          assessorOnA,
        ),
      );
    const first = await save(A, 0, 'lưu trên máy A');
    expect(first.statusCode, first.body).toBe(200);
    const version = first.json<{ criterion: { version: number } }>().criterion.version;
    const view = await app(B).inject(
      withSession({ method: 'GET', url: `${unitPath()}/assessment` }, assessorOnA),
    );
    expect(view.statusCode, view.body).toBe(200);
    type View = { criteria: { id: number; note: string; version: number; answer: unknown }[] };
    const row = view.json<View>().criteria.find((c) => c.id === leaf.id)!;
    expect(row).toMatchObject({ note: 'lưu trên máy A', version, answer });
    // B read the row before A's save: its save is refused, A's note stays
    const stale = await save(B, 0, 'lưu trên máy B, bản cũ');
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'STALE_VERSION' } });
    const next = await save(B, version, 'lưu trên máy B');
    expect(next.statusCode, next.body).toBe(200);
  });

  it('evidence uploaded through A downloads whole from B, stored once in the bucket', async () => {
    const { leaf } = await firstLeaf();
    const upload = multipartFile('ke-hoach-cchc-2026.pdf', PDF, { fields: { criterionId: String(leaf.id) } });
    const res = await app(A).inject(
      withSession(
        { method: 'POST', url: `${unitPath()}/evidence`, payload: upload.payload, headers: upload.headers },
        assessorOnA,
      ),
    );
    expect(res.statusCode, res.body).toBe(200);
    const file = res.json<{ file: { id: number; sha256: string; criterionIds: number[] } }>().file;
    expect(file.criterionIds).toEqual([leaf.id]);
    const download = await app(B).inject(
      withSession({ method: 'GET', url: `/api/evidence/${file.id}/content` }, assessorOnA),
    );
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toMatch(/^application\/pdf/);
    expect(new Uint8Array(download.rawPayload)).toEqual(PDF);
    // the same bytes through B again: the same stored object, listed once for the unit
    const again = multipartFile('ban-sao.pdf', PDF);
    const second = await app(B).inject(
      withSession(
        { method: 'POST', url: `${unitPath()}/evidence`, payload: again.payload, headers: again.headers },
        assessorOnA,
      ),
    );
    expect([200, 409]).toContain(second.statusCode);
    const list = await app(A).inject(
      withSession({ method: 'GET', url: `${unitPath()}/evidence` }, assessorOnA),
    );
    const files = list.json<{ files: { sha256: string }[] }>().files;
    expect(new Set(files.map((f) => f.sha256)).size).toBe(files.length);
    expect(files.filter((f) => f.sha256 === file.sha256)).toHaveLength(1);
  });

  it('a reminder sent through A is one notification per unit, seen from B', async () => {
    const res = await app(A).inject(
      withSession(
        { method: 'POST', url: `/api/rounds/${fixture.roundId}/reminders`, payload: {} },
        officeOnA,
      ),
    );
    expect(res.statusCode, res.body).toBe(200);
    const notified = res.json<{ notified: number }>().notified;
    expect(notified).toBeGreaterThan(0);
    const mine = await app(B).inject(withSession({ method: 'GET', url: '/api/notifications' }, assessorOnA));
    expect(mine.statusCode, mine.body).toBe(200);
    const items = mine.json<{ items: { kind: string; unitId: number | null }[] }>().items;
    expect(items.filter((n) => n.unitId === fixture.communes[0]!.id).length).toBe(1);
  });
});
