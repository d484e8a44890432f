/**
 * Two real app servers (two processes of src/http/server.ts, as `npm start` runs it, on two ports)
 * on one PostgreSQL database and one S3-compatible bucket (s3rver): a session opened on A works on B
 * and ends on both when signed out; an edit on A (a plan's score, a self-assessment answer) is what B
 * shows next, and B's save over the old version is refused; the sign-in back-off and a unit's evidence
 * allowance count what both servers took, and so does the sign-in route's request limit (its store in
 * the database, http/rate-limit-store.ts); the scheduled work, asked for by both servers every second,
 * is done once; and A killed (SIGKILL) with uploads in flight loses nothing committed and leaves
 * nothing half-written: B serves every file, the audit chain verifies, the uploads sent again to B
 * succeed.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { roundDay } from '../src/core/assessment.js';
import type { Database } from '../src/db/database.js';
import { verifyAudit } from '../src/modules/audit-verify.js';
import { SCHEDULER_QUEUE } from '../src/modules/scheduler.js';
import { roundCriteria } from '../src/modules/round-context.js';
import { loadSamplesIfEmpty, sampleAnswer } from '../src/modules/samples.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { PROVINCE, SAMPLES } from './helpers/api-harness.js';
import { createTestDatabase, type TestDatabase } from './helpers/databases.js';
import { pdf, startLocalS3, type LocalS3 } from './helpers/evidence-files.js';
import { multipartFile } from './helpers/http.js';
import { call, signInOn, startInstance, type Browser, type Instance } from './helpers/instances.js';
import { addDays, calendarFrom, seedRound, type RoundFixture } from './helpers/rounds.js';

const BUCKET = 'parindex-two-instances';
/** a unit's evidence allowance on both servers: two of the 100 KB files below, not three */
const UNIT_MB = '0.25';
const FILE_PADDING = 100_000;

let s3: LocalS3;
let test: TestDatabase;
let database: Database;
let fixture: RoundFixture;
let provincePlanId: number;
/** the assessor of the last test, signed in on A before anything else */
let uploader: Browser;
const servers: Instance[] = [];
const A = () => servers[0]!;
const B = () => servers[1]!;

beforeAll(async () => {
  s3 = await startLocalS3(BUCKET);
  test = await createTestDatabase('postgres');
  database = await test.open();
  const clock = () => new Date();
  const deps = { db: database.db, clock };
  // the sample plans, a round whose self-assessment opened two days ago, and the accounts, written
  // before the servers start (so neither loads the samples nor makes a first administrator)
  const plans = await loadSamplesIfEmpty(deps, SAMPLES);
  provincePlanId = plans.find((p) => p.subject === PROVINCE)!.planId;
  fixture = await seedRound(deps, {
    calendar: calendarFrom(addDays(roundDay(clock()), -2), 10),
    communes: 3,
  });
  await addUser(deps, 'quantri', [{ role: 'admin', unitId: null }]);
  await addUser(deps, 'canbo.namda', [{ role: 'assessor', unitId: fixture.communes[0]!.id }]);
  await addUser(deps, 'canbo.thu2', [{ role: 'assessor', unitId: fixture.communes[1]!.id }]);
  await addUser(deps, 'doan.mat.khau', [{ role: 'assessor', unitId: fixture.communes[2]!.id }]);
  const env = {
    ...s3.env(),
    DATABASE_URL: test.address,
    PARINDEX_SCHEDULER: 'on',
    PARINDEX_SCHEDULER_INTERVAL: '1',
    PARINDEX_EVIDENCE_MAX_UNIT_MB: UNIT_MB,
    LOG: '0',
  };
  servers.push(...(await Promise.all([startInstance('A', env), startInstance('B', env)])));
  uploader = await signedIn(A(), 'canbo.namda');
}, 240_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await database?.close();
  await test?.drop();
  await s3?.close();
});

async function signedIn(on: Instance, username: string): Promise<Browser> {
  const res = await signInOn(on, username, TEST_PASSWORD);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.browser!;
}

const unitPath = (i: number) => `/api/rounds/${fixture.roundId}/units/${fixture.communes[i]!.id}`;

type PlanRow = { code: string; itemId: number; version: number; target: string | null };

async function planRow(on: Instance, browser: Browser, code: string): Promise<PlanRow & { plan: number }> {
  const res = await call(on, browser, 'GET', `/api/plans/${provincePlanId}`);
  expect(res.status).toBe(200);
  const view = (await res.json()) as { version: number; rows: PlanRow[] };
  return { ...view.rows.find((r) => r.code === code)!, plan: view.version };
}

/** The evidence upload a browser sends, as multipart bytes. */
function evidenceBody(name: string, bytes: Uint8Array) {
  return multipartFile(name, bytes);
}

describe('two server processes on one PostgreSQL database and one S3 bucket', () => {
  it('a session opened on A works on B, CSRF included, and signing out on A ends it on B', async () => {
    const browser = await signedIn(A(), 'canbo.namda');
    const me = await call(B(), browser, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(await me.text()).toContain('canbo.namda');
    // a change on B needs the token A gave: without it B refuses, with it B accepts
    const forged = await call(
      B(),
      browser,
      'POST',
      '/api/notifications/read-all',
      {},
      { 'x-csrf-token': 'x' },
    );
    expect(forged.status).toBe(403);
    expect((await call(B(), browser, 'POST', '/api/notifications/read-all', {})).status).toBe(200);
    const out = await call(A(), browser, 'POST', '/api/auth/logout', {});
    expect(out.status).toBe(200);
    expect((await call(B(), browser, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await call(A(), browser, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it("a plan's score edited on A is what B shows next; B's edit over the old version is refused", async () => {
    const browser = await signedIn(A(), 'quantri');
    // B builds and keeps the plan first: its copy must not outlive A's edit
    const before = await planRow(B(), browser, '1.5');
    const next = before.target === '2' ? '1.75' : '2';
    const edit = await call(A(), browser, 'PATCH', `/api/plans/${provincePlanId}/items/${before.itemId}`, {
      version: before.version,
      target: next,
    });
    expect(edit.status, await edit.clone().text()).toBe(200);
    const after = await planRow(B(), browser, '1.5');
    expect(after).toMatchObject({ target: next, version: before.version + 1, plan: before.plan + 1 });
    const stale = await call(B(), browser, 'PATCH', `/api/plans/${provincePlanId}/items/${before.itemId}`, {
      version: before.version,
      target: '1',
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'STALE_VERSION' } });
    expect((await planRow(A(), browser, '1.5')).target).toBe(next);
  });

  it('a self-assessment answer saved on A is what B shows next; B saving over the old version is refused', async () => {
    const browser = await signedIn(B(), 'canbo.namda');
    const criteria = await roundCriteria(database.db, fixture.frameworkId);
    const leaf = criteria.find((c) => c.rule?.kind === 'choice' && c.scorer === 'self')!;
    const answer = sampleAnswer(leaf.rule!, leaf.max!, 'good')!;
    type View = { criteria: { id: number; note: string; version: number; answer: unknown }[] };
    const shown = async (on: Instance) => {
      const res = await call(on, browser, 'GET', `${unitPath(0)}/assessment`);
      expect(res.status).toBe(200);
      return ((await res.json()) as View).criteria.find((c) => c.id === leaf.id)!;
    };
    const old = await shown(B());
    const save = (on: Instance, version: number, note: string) =>
      call(on, browser, 'PATCH', `${unitPath(0)}/answers/${leaf.id}`, { version, answer, note });
    const first = await save(A(), old.version, 'lưu trên máy A');
    expect(first.status, await first.clone().text()).toBe(200);
    const version = ((await first.json()) as { criterion: { version: number } }).criterion.version;
    expect(await shown(B())).toMatchObject({ note: 'lưu trên máy A', version, answer });
    const stale = await save(B(), old.version, 'lưu trên máy B, bản cũ');
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'STALE_VERSION' } });
    expect((await shown(A())).note).toBe('lưu trên máy A');
    expect((await save(B(), version, 'lưu trên máy B')).status).toBe(200);
  });

  it('the sign-in back-off counts the failures on both servers', async () => {
    // four free guesses, two on each server; the fifth locks the name for this address on both
    for (const on of [A(), B(), A(), B()]) {
      const res = await signInOn(on, 'doan.mat.khau', 'sai-mat-khau');
      expect(res.status).toBe(401);
      expect(res.body.error?.code).toBe('BAD_CREDENTIALS');
    }
    const fifth = await signInOn(A(), 'doan.mat.khau', 'sai-mat-khau');
    expect(fifth.status).toBe(429);
    // the right password on B waits too: B counted A's failures
    const right = await signInOn(B(), 'doan.mat.khau', TEST_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.error?.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it("a unit's evidence allowance holds for uploads sent to both servers at once", async () => {
    const browser = await signedIn(A(), 'canbo.thu2');
    const files = [0, 1, 2, 3].map((i) => pdf(`Minh chứng ${i}`, FILE_PADDING));
    const results = await Promise.all(
      files.map(async (bytes, i) => {
        const { payload, headers } = evidenceBody(`minh-chung-${i}.pdf`, bytes);
        const res = await call(
          i % 2 === 0 ? A() : B(),
          browser,
          'POST',
          `${unitPath(1)}/evidence`,
          payload,
          headers,
        );
        return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
      }),
    );
    const accepted = results.filter((r) => r.status === 200);
    expect(accepted).toHaveLength(2);
    for (const refused of results.filter((r) => r.status !== 200)) {
      expect(refused.body.error?.code).toBe('EVIDENCE_REFUSED');
    }
    const stored = await database.db
      .selectFrom('evidence_files')
      .select((eb) => eb.fn.sum<string>('size').as('bytes'))
      .where('round_id', '=', fixture.roundId)
      .where('unit_id', '=', fixture.communes[1]!.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.bytes)).toBeLessThanOrEqual(Number(UNIT_MB) * 1024 * 1024);
    expect(Number(stored.bytes)).toBe(files[0]!.length * 2);
  });

  it('the scheduled work asked for by both servers every second is done once', async () => {
    const key = `phase-opened:${fixture.roundId}:self:${fixture.calendar[0]!.opensOn}`;
    const completed = async () =>
      Number(
        (
          await sql<{
            n: string;
          }>`select count(*) as n from pgboss.job where name = ${SCHEDULER_QUEUE} and state = 'completed'`.execute(
            database.db,
          )
        ).rows[0]!.n,
      );
    // several runs of the work after the opening was recorded, from either server
    for (let i = 0; i < 200 && (await completed()) < 4; i++) await new Promise((r) => setTimeout(r, 250));
    expect(await completed()).toBeGreaterThanOrEqual(4);
    const runs = await database.db
      .selectFrom('scheduled_runs')
      .select('key')
      .where('key', '=', key)
      .execute();
    expect(runs).toHaveLength(1);
    const opened = await database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'round.phase_opened')
      .where('entity_id', '=', String(fixture.roundId))
      .execute();
    expect(opened).toHaveLength(1);
    const told = await database.db
      .selectFrom('notifications')
      .select('unit_id')
      .where('kind', '=', 'phase-opened')
      .where('round_id', '=', fixture.roundId)
      .orderBy('unit_id')
      .execute();
    expect(told.map((n) => n.unit_id)).toEqual(fixture.communes.map((c) => c.id).sort((x, y) => x - y));
  });

  it("the sign-in route's request limit per address counts the requests of both servers", async () => {
    // from an address of the loopback nobody else uses, so its count starts here: 100 requests a
    // minute over both servers (50 on each, which neither would refuse counting alone), then none
    const post = (on: Instance) =>
      new Promise<number>((ok, fail) => {
        const req = httpRequest(`${on.base}/api/auth/login`, {
          method: 'POST',
          localAddress: '127.0.0.77',
          headers: { 'content-type': 'application/json' },
        });
        req.on('response', (res) => {
          res.resume();
          ok(res.statusCode ?? 0);
        });
        req.on('error', fail);
        req.end('{}');
      });
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push(await post(i % 2 === 0 ? A() : B()));
    // an empty sign-in is refused as invalid once counted
    expect(new Set(statuses)).toEqual(new Set([400]));
    expect(await post(A())).toBe(429);
    expect(await post(B())).toBe(429);
    const rows = await database.db.selectFrom('rate_limits').select(['key', 'hits']).execute();
    expect(rows.filter((r) => r.key.endsWith(' 127.0.0.77'))).toEqual([
      { key: 'POST /api/auth/login 127.0.0.77', hits: 102 },
    ]);
  });

  it('A killed with uploads in flight: B serves all that was committed, nothing is half-written, the uploads sent again to B succeed', async () => {
    const browser = uploader;
    const partial = pdf('Gửi dở', FILE_PADDING);
    const whole = pdf('Gửi hết', FILE_PADDING);
    const url = `${unitPath(0)}/evidence`;
    // one upload whose body stops halfway, one sent whole and in the server's hands when it dies
    const send = (bytes: Uint8Array, name: string, cut: boolean) => {
      const { payload, headers } = evidenceBody(name, bytes);
      const req = httpRequest(`${A().base}${url}`, {
        method: 'POST',
        headers: {
          ...headers,
          'content-length': String(payload.length),
          cookie: browser.cookie,
          'x-csrf-token': browser.csrfToken,
        },
      });
      const answered = new Promise<number | string>((ok) => {
        req.on('response', (res) => {
          res.resume();
          ok(res.statusCode ?? 0);
        });
        req.on('error', (e) => ok(e.message));
      });
      const written = new Promise<void>((ok) => {
        if (cut) req.write(payload.subarray(0, payload.length >> 1), () => ok());
        else req.end(payload, () => ok());
      });
      return { answered, written };
    };
    const halfway = send(partial, 'gui-do.pdf', true);
    const full = send(whole, 'gui-het.pdf', false);
    await Promise.all([halfway.written, full.written]);
    await A().kill();
    const [cutAnswer, fullAnswer] = await Promise.all([halfway.answered, full.answered]);
    expect(cutAnswer).not.toBe(200);

    type Listed = { files: { id: number; sha256: string; name: string; size: number }[] };
    const list = async () => {
      const res = await call(B(), browser, 'GET', url);
      expect(res.status).toBe(200);
      return ((await res.json()) as Listed).files;
    };
    const downloadsWhole = async (file: Listed['files'][number]) => {
      const res = await call(B(), browser, 'GET', `/api/evidence/${file.id}/content`);
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer()).length).toBe(file.size);
    };
    const names = (await list()).map((f) => f.name);
    expect(names).not.toContain('gui-do.pdf');
    // the whole one was either committed (and its answer may have been lost with A) or not at all
    if (fullAnswer === 200) expect(names).toContain('gui-het.pdf');
    for (const file of await list()) await downloadsWhole(file);
    const audit = await verifyAudit(database.db);
    expect(audit.ok, JSON.stringify(audit)).toBe(true);
    // every file row has its upload in the audit log, and no link points at a missing file
    const rows = await database.db
      .selectFrom('evidence_files')
      .select('id')
      .where('round_id', '=', fixture.roundId)
      .execute();
    const uploads = await database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'evidence.upload')
      .execute();
    expect(uploads).toHaveLength(rows.length);

    for (const [bytes, name] of [
      [partial, 'gui-do.pdf'],
      [whole, 'gui-het.pdf'],
    ] as const) {
      const { payload, headers } = evidenceBody(name, bytes);
      const again = await call(B(), browser, 'POST', url, payload, headers);
      expect(again.status, await again.clone().text()).toBe(200);
    }
    const after = await list();
    for (const name of ['gui-do.pdf', 'gui-het.pdf'])
      expect(after.filter((f) => f.name === name)).toHaveLength(1);
    for (const file of after) await downloadsWhole(file);
    expect((await verifyAudit(database.db)).ok).toBe(true);
  });
});
