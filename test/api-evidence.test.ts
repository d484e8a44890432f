/**
 * The HTTP API of a unit's evidence in a round (modules/evidence.ts) through app.inject() on both
 * engines: uploads of each accepted type built here, refusals (an executable renamed .pdf, a DOCX
 * with macros, a file over the limit, a unit over its allowance), one stored copy for the same file
 * in two units until the last one removes it, links, the phases (closed, explanation for returned
 * criteria, publication), download headers, who reads and who is refused; then the same flow on
 * s3rver with two app servers sharing the database and the bucket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { buildApp } from '../src/http/app.js';
import { contentDisposition } from '../src/http/routes/evidence.js';
import { sha256 } from '../src/modules/hash.js';
import { collectEvidenceGarbage, evidenceIdsOfUnit } from '../src/modules/evidence.js';
import {
  FolderEvidenceStore,
  openEvidenceStore,
  S3EvidenceStore,
  type EvidenceLimits,
  type EvidenceStore,
} from '../src/modules/evidence-store.js';
import { EvidenceFileAnswer, EvidenceList } from '../src/shared/api.js';
import { addUser, TEST_PASSWORD, TEST_PASSWORD_COST } from './helpers/accounts.js';
import { expectError, MISSING, ok } from './helpers/api-harness.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { docm, docx, exe, pdf, png, startLocalS3, xlsx, type LocalS3 } from './helpers/evidence-files.js';
import {
  multipartFile,
  signIn,
  watchApps,
  watchOf,
  withSession,
  type AppWatch,
  type SignedIn,
} from './helpers/http.js';
import { addDays, calendarFrom, DEPARTMENTS, seedRound, type RoundFixture } from './helpers/rounds.js';
import { expectExercised } from './helpers/route-table.js';

const KB = 1024;
const LIMITS: EvidenceLimits = { maxFileBytes: 256 * KB, maxUnitBytes: 300 * KB };
const FIRST_DAY = '2026-12-01';
/** 10:00 in Vietnam on a day of the calendar */
const at = (day: string) => new Date(`${day}T03:00:00.000Z`);

async function storedCount(store: EvidenceStore): Promise<number> {
  const keys: string[] = [];
  for await (const listed of store.list()) keys.push(listed.sha256);
  return keys.length;
}

interface Harness {
  testDb: TestDatabase;
  database: Database;
  db: Kysely<DB>;
  app: FastifyInstance;
  watch: AppWatch;
  store: EvidenceStore;
  round: RoundFixture;
  sessions: Record<'a' | 'b' | 'c' | 'admin' | 'noiVu' | 'tuPhap', SignedIn>;
  /** moves the clock to 10:00 of a Vietnam day and signs everyone in again (sessions end with time) */
  setDay: (day: string) => Promise<void>;
  criterion: (code: string) => Promise<number>;
  as: (who: keyof Harness['sessions'], options: InjectOptions) => Promise<LightMyRequestResponse>;
  upload: (
    who: keyof Harness['sessions'],
    unitId: number,
    name: string,
    bytes: Uint8Array,
    fields?: Record<string, string>,
  ) => Promise<LightMyRequestResponse>;
}

function harness(kind: (typeof ENGINES)[number]): Harness {
  let now = at(FIRST_DAY);
  const names = {
    a: 'xa-a',
    b: 'xa-b',
    c: 'xa-c',
    admin: 'quantri',
    noiVu: 'so-noi-vu',
    tuPhap: 'so-tu-phap',
  };
  const signInAll = async () => {
    h.sessions = {} as Harness['sessions'];
    for (const [key, name] of Object.entries(names)) {
      h.sessions[key as keyof typeof names] = await signIn(h.app, name, TEST_PASSWORD);
    }
  };
  const h = {
    setDay: async (day: string) => {
      now = at(day);
      await signInAll();
    },
  } as Harness;
  let folder: string;
  h.as = (who, options) => h.app.inject(withSession(options, h.sessions[who]));
  h.upload = (who, unitId, name, bytes, fields) =>
    h.as(who, {
      method: 'POST',
      url: `/api/rounds/${h.round.roundId}/units/${unitId}/evidence`,
      ...multipartFile(name, bytes, fields ? { fields } : {}),
    });
  h.criterion = async (code) =>
    (
      await h.db
        .selectFrom('criteria')
        .select('id')
        .where('framework_id', '=', h.round.frameworkId)
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    h.testDb = await createTestDatabase(kind);
    h.database = await h.testDb.open();
    h.db = h.database.db;
    const deps = { db: h.db, clock: () => now };
    h.round = await seedRound(deps, { communes: 3, calendar: calendarFrom(FIRST_DAY, 5) });
    const [a, b, c] = h.round.communes;
    await addUser(deps, 'xa-a', [{ role: 'officer', unitId: a!.id }]);
    await addUser(deps, 'xa-b', [{ role: 'officer', unitId: b!.id }]);
    await addUser(deps, 'xa-c', [{ role: 'officer', unitId: c!.id }]);
    await addUser(deps, 'quantri', [{ role: 'admin', unitId: null }]);
    await addUser(deps, 'so-noi-vu', [
      { role: 'appraiser', unitId: h.round.departments.get(DEPARTMENTS[0])! },
    ]);
    await addUser(deps, 'so-tu-phap', [
      { role: 'appraiser', unitId: h.round.departments.get('Sở Tư pháp')! },
    ]);
    folder = mkdtempSync(join(tmpdir(), 'parindex-evidence-api-'));
    h.store = new FolderEvidenceStore(folder);
    const stop = watchApps();
    try {
      h.app = await buildApp({
        ...deps,
        passwordCost: TEST_PASSWORD_COST,
        evidence: { store: h.store, limits: LIMITS },
      });
    } finally {
      stop();
    }
    await h.app.ready();
    h.watch = watchOf(h.app);
    const names = {
      a: 'xa-a',
      b: 'xa-b',
      c: 'xa-c',
      admin: 'quantri',
      noiVu: 'so-noi-vu',
      tuPhap: 'so-tu-phap',
    };
    h.sessions = {} as Harness['sessions'];
    for (const [key, name] of Object.entries(names)) {
      h.sessions[key as keyof typeof names] = await signIn(h.app, name, TEST_PASSWORD);
    }
  });

  afterAll(async () => {
    await h.app?.close();
    await h.database?.close();
    await h.testDb?.drop();
    rmSync(folder, { recursive: true, force: true });
  });
  return h;
}

describe.each(ENGINES)('evidence files over HTTP (%s)', (kind) => {
  const api = harness(kind);
  const unit = (i: number) => api.round.communes[i]!.id;
  const url = (unitId: number, rest = '') =>
    `/api/rounds/${api.round.roundId}/units/${unitId}/evidence${rest}`;
  const list = async (who: keyof Harness['sessions'], unitId: number) =>
    ok(await api.as(who, { method: 'GET', url: url(unitId) }), EvidenceList);
  const uploaded = (res: LightMyRequestResponse) => ok(res, EvidenceFileAnswer).file;
  const ids: Record<string, number> = {};

  it('takes PDF, PNG, DOCX and XLSX by their content, linking at once when asked', async () => {
    await api.setDay(FIRST_DAY);
    expect(await list('a', unit(0))).toEqual({
      files: [],
      usedBytes: 0,
      limitBytes: LIMITS.maxUnitBytes,
      maxFileBytes: LIMITS.maxFileBytes,
    });
    const leaf = await api.criterion('1.1.1');
    const made = [
      ['Kế hoạch CCHC 2026.pdf', pdf(), 'pdf', 'application/pdf'],
      ['ảnh bộ phận một cửa.png', png(), 'png', 'image/png'],
      [
        'báo cáo.docx',
        await docx(),
        'docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
      [
        'số liệu.xlsx',
        await xlsx(),
        'xlsx',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ],
    ] as const;
    for (const [name, bytes, type, mime] of made) {
      const fields = type === 'pdf' ? { criterionId: String(leaf) } : undefined;
      const file = uploaded(await api.upload('a', unit(0), name, bytes, fields));
      expect(file).toMatchObject({
        name,
        type,
        mime,
        size: bytes.length,
        sha256: sha256(bytes),
        uploadedBy: 'xa-a',
      });
      expect(file.criterionIds).toEqual(type === 'pdf' ? [leaf] : []);
      ids[type] = file.id;
    }
    const listed = await list('a', unit(0));
    expect(listed.files.map((f) => f.type)).toEqual(['pdf', 'png', 'docx', 'xlsx']);
    expect(listed.usedBytes).toBe(made.reduce((sum, m) => sum + m[1].length, 0));
    expect(await evidenceIdsOfUnit(api.db, api.round.roundId, unit(0))).toEqual(new Map([[leaf, [ids.pdf]]]));
    // the same content again is the same file: no new row, no new bytes counted
    const again = uploaded(await api.upload('a', unit(0), 'ban-sao.pdf', pdf()));
    expect(again.id).toBe(ids.pdf);
    expect((await list('a', unit(0))).usedBytes).toBe(listed.usedBytes);
    // every change is in the trail with the file's name and hash
    const trail = await api.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'entity_id', 'code', 'unit_id', 'new_value'])
      .where('action', 'like', 'evidence.%')
      .orderBy('id')
      .execute();
    expect(trail.map((e) => e.action)).toEqual([
      'evidence.upload',
      'evidence.link',
      'evidence.upload',
      'evidence.upload',
      'evidence.upload',
    ]);
    expect(trail[1]).toMatchObject({
      entity: 'assessment',
      entity_id: `${api.round.roundId}:${unit(0)}`,
      code: '1.1.1',
      unit_id: unit(0),
      new_value: `Kế hoạch CCHC 2026.pdf · sha256 ${sha256(pdf())}`,
    });
  });

  it('refuses an executable renamed .pdf and a DOCX with macros, in Vietnamese, storing nothing', async () => {
    const before = await storedCount(api.store);
    const renamed = expectError(
      await api.upload('a', unit(0), 'quyet-dinh.pdf', exe()),
      422,
      'EVIDENCE_REFUSED',
    );
    expect(renamed.message).toBe(
      'quyet-dinh.pdf: Loại tệp không được nhận làm minh chứng (nội dung là EXE): chỉ nhận PDF, DOCX, XLSX, JPG hoặc PNG',
    );
    const macros = expectError(
      await api.upload('a', unit(0), 'bao-cao.docx', await docm()),
      422,
      'EVIDENCE_REFUSED',
    );
    expect(macros.message).toBe(
      'bao-cao.docx: Tệp Word (DOCX) có chứa macro: hãy lưu lại dưới dạng không có macro',
    );
    const body = multipartFile('x.pdf', exe());
    const en = await api.as('a', {
      method: 'POST',
      url: url(unit(0)),
      payload: body.payload,
      headers: { ...body.headers, 'accept-language': 'en' },
    });
    expect(expectError(en, 422, 'EVIDENCE_REFUSED').message).toContain('its content is EXE');
    expect(await storedCount(api.store)).toBe(before);
    expect((await list('a', unit(0))).files).toHaveLength(4);
  });

  it('refuses a file over the limit without reading it whole, and a unit over its allowance', async () => {
    const big = pdf('lớn', LIMITS.maxFileBytes + 10);
    const tooLarge = expectError(await api.upload('c', unit(2), 'lon.pdf', big), 422, 'EVIDENCE_REFUSED');
    expect(tooLarge.message).toBe('lon.pdf: Tệp quá lớn (tối đa 0,3 MB mỗi tệp)');
    const first = pdf('một', 200 * KB);
    uploaded(await api.upload('c', unit(2), 'mot.pdf', first));
    const full = expectError(
      await api.upload('c', unit(2), 'hai.pdf', pdf('hai', 200 * KB)),
      422,
      'EVIDENCE_REFUSED',
    );
    expect(full.message).toMatch(/^hai\.pdf: Đơn vị đã dùng 0,2 MB .* sẽ vượt mức 0,3 MB$/);
    // a file the unit holds already costs nothing again
    expect(uploaded(await api.upload('c', unit(2), 'mot-lan-nua.pdf', first)).name).toBe('mot.pdf');
    // another unit has an allowance of its own
    uploaded(await api.upload('b', unit(1), 'hai.pdf', pdf('hai', 200 * KB)));
  });

  it('stores the same file of two units once, and removes it from the store with the last one', async () => {
    const shared = png([1, 2, 3]);
    const inA = uploaded(await api.upload('a', unit(0), 'chung.png', shared));
    const inB = uploaded(await api.upload('b', unit(1), 'chung-b.png', shared));
    expect(inA.id).not.toBe(inB.id);
    const key = sha256(shared);
    expect(await api.store.has(key)).toBe(true);
    const count = await storedCount(api.store);
    expect((await api.as('a', { method: 'DELETE', url: url(unit(0), `/${inA.id}`) })).statusCode).toBe(204);
    expect(await api.store.has(key)).toBe(true);
    const download = await api.as('b', { method: 'GET', url: `/api/evidence/${inB.id}/content` });
    expect(download.statusCode).toBe(200);
    expect(new Uint8Array(download.rawPayload)).toEqual(shared);
    expect((await api.as('b', { method: 'DELETE', url: url(unit(1), `/${inB.id}`) })).statusCode).toBe(204);
    expect(await api.store.has(key)).toBe(false);
    expect(await storedCount(api.store)).toBe(count - 1);
    expectError(
      await api.as('b', { method: 'DELETE', url: url(unit(1), `/${inB.id}`) }),
      404,
      'EVIDENCE_NOT_FOUND',
    );
    const trail = await api.db
      .selectFrom('audit_log')
      .select(['old_value'])
      .where('action', '=', 'evidence.remove')
      .where('unit_id', '=', unit(1))
      .execute();
    expect(trail).toEqual([{ old_value: `chung-b.png · sha256 ${key}` }]);
  });

  it('links and unlinks a file to leaf criteria of the round', async () => {
    const leaf = await api.criterion('1.1.2');
    const link = url(unit(0), `/${ids.docx}/criteria/${leaf}`);
    expect(uploaded(await api.as('a', { method: 'PUT', url: link })).criterionIds).toEqual([leaf]);
    expect(uploaded(await api.as('a', { method: 'PUT', url: link })).criterionIds).toEqual([leaf]);
    expect(uploaded(await api.as('a', { method: 'DELETE', url: link })).criterionIds).toEqual([]);
    const parent = await api.criterion('1.1');
    expectError(
      await api.as('a', { method: 'PUT', url: url(unit(0), `/${ids.docx}/criteria/${parent}`) }),
      422,
      'NOT_A_LEAF',
    );
    for (const method of ['PUT', 'DELETE'] as const) {
      expectError(
        await api.as('a', { method, url: url(unit(0), `/${ids.docx}/criteria/${MISSING}`) }),
        404,
        'CRITERION_NOT_FOUND',
      );
      expectError(
        await api.as('a', { method, url: url(unit(0), `/${MISSING}/criteria/${leaf}`) }),
        404,
        'EVIDENCE_NOT_FOUND',
      );
      expectError(
        await api.as('a', {
          method,
          url: `/api/rounds/${MISSING}/units/${unit(0)}/evidence/${ids.docx}/criteria/${leaf}`,
        }),
        404,
        'ROUND_NOT_FOUND',
      );
      expectError(
        await api.as('a', { method, url: url(unit(0), `/${ids.docx}/criteria/x`) }),
        400,
        'VALIDATION_FAILED',
      );
    }
    // another unit's file is not found through this unit
    const theirs = (await list('b', unit(1))).files[0]!;
    expectError(
      await api.as('a', { method: 'PUT', url: url(unit(0), `/${theirs.id}/criteria/${leaf}`) }),
      404,
      'EVIDENCE_NOT_FOUND',
    );
  });

  it('notes when evidence was taken off a criterion: a link undone, a linked file removed', async () => {
    const removals = () =>
      api.db
        .selectFrom('evidence_removals')
        .select(['unit_id', 'criterion_id', 'removed_at'])
        .where('round_id', '=', api.round.roundId)
        .orderBy('criterion_id')
        .execute();
    const unlinkedAt = async () =>
      (
        await api.db
          .selectFrom('audit_log')
          .select('at')
          .where('action', '=', 'evidence.unlink')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow()
      ).at;
    // the link undone by the test above
    const unlinked = await api.criterion('1.1.2');
    const undoneAt = await unlinkedAt();
    expect(await removals()).toEqual([{ unit_id: unit(0), criterion_id: unlinked, removed_at: undoneAt }]);
    // a file linked to two criteria, removed: both criteria lost evidence
    const [first, second] = [await api.criterion('1.1.3'), await api.criterion('1.1.4')];
    const file = uploaded(
      await api.upload('a', unit(0), 'bien-ban.pdf', pdf('bien-ban'), { criterionId: String(first) }),
    );
    uploaded(await api.as('a', { method: 'PUT', url: url(unit(0), `/${file.id}/criteria/${second}`) }));
    expect((await api.as('a', { method: 'DELETE', url: url(unit(0), `/${file.id}`) })).statusCode).toBe(204);
    const at = await unlinkedAt();
    expect(await removals()).toEqual(
      [
        { unit_id: unit(0), criterion_id: unlinked, removed_at: undoneAt },
        { unit_id: unit(0), criterion_id: first, removed_at: at },
        { unit_id: unit(0), criterion_id: second, removed_at: at },
      ].sort((a, b) => a.criterion_id - b.criterion_id),
    );
    // a link that was not there: nothing taken off, nothing noted
    const before = await removals();
    uploaded(await api.as('a', { method: 'DELETE', url: url(unit(0), `/${ids.docx}/criteria/${first}`) }));
    expect(await removals()).toEqual(before);
  });

  it('sends a download under its own name, and shows only PDF and pictures inline, sandboxed', async () => {
    const res = await api.as('a', { method: 'GET', url: `/api/evidence/${ids.pdf}/content` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Ke hoach CCHC 2026.pdf"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20CCHC%202026.pdf`,
    );
    expect(new Uint8Array(res.rawPayload)).toEqual(pdf());
    const inline = await api.as('a', { method: 'GET', url: `/api/evidence/${ids.png}/content?inline=1` });
    expect(inline.statusCode).toBe(200);
    expect(inline.headers['content-type']).toBe('image/png');
    expect(String(inline.headers['content-disposition'])).toMatch(/^inline; /);
    expect(String(inline.headers['content-security-policy'])).toMatch(/^sandbox; default-src 'none'/);
    expectError(
      await api.as('a', { method: 'GET', url: `/api/evidence/${ids.docx}/content?inline=1` }),
      422,
      'EVIDENCE_NOT_INLINE',
    );
    expectError(
      await api.as('a', { method: 'GET', url: `/api/evidence/${MISSING}/content` }),
      404,
      'EVIDENCE_NOT_FOUND',
    );
    expectError(
      await api.as('a', { method: 'GET', url: `/api/evidence/x/content` }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await api.as('a', { method: 'GET', url: `/api/evidence/${ids.pdf}/content?inline=yes` }),
      400,
      'VALIDATION_FAILED',
    );
    // quotes, separators and control characters never reach the header
    expect(contentDisposition('attachment', '..\\a"b;\u0007c.pdf')).toBe(
      `attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%3Bc.pdf`,
    );
  });

  it('keeps each unit to its own evidence; an area appraiser reads what supports its areas', async () => {
    expectError(await api.as('b', { method: 'GET', url: url(unit(0)) }), 403, 'FORBIDDEN');
    expectError(
      await api.as('b', { method: 'GET', url: `/api/evidence/${ids.pdf}/content` }),
      403,
      'FORBIDDEN',
    );
    expectError(await api.upload('b', unit(0), 'x.pdf', pdf('x')), 403, 'FORBIDDEN');
    expectError(await api.as('b', { method: 'DELETE', url: url(unit(0), `/${ids.pdf}`) }), 403, 'FORBIDDEN');
    // the office reads everything and changes nothing
    expect((await list('admin', unit(0))).files).toHaveLength(4);
    expectError(await api.upload('admin', unit(0), 'x.pdf', pdf('x')), 403, 'FORBIDDEN');
    // Sở Nội vụ follows area 1: the PDF linked to 1.1.1; Sở Tư pháp follows none of A's linked criteria
    const noiVu = await list('noiVu', unit(0));
    expect(noiVu.files.map((f) => f.id)).toEqual([ids.pdf]);
    expect(
      (await api.as('noiVu', { method: 'GET', url: `/api/evidence/${ids.pdf}/content` })).statusCode,
    ).toBe(200);
    expectError(
      await api.as('noiVu', { method: 'GET', url: `/api/evidence/${ids.png}/content` }),
      403,
      'FORBIDDEN',
    );
    expect((await list('tuPhap', unit(0))).files).toEqual([]);
    expectError(
      await api.as('tuPhap', { method: 'GET', url: `/api/evidence/${ids.pdf}/content` }),
      403,
      'FORBIDDEN',
    );
    // missing things and bad input
    expectError(
      await api.as('a', { method: 'GET', url: `/api/rounds/${MISSING}/units/${unit(0)}/evidence` }),
      404,
      'ROUND_NOT_FOUND',
    );
    expectError(
      await api.as('a', { method: 'GET', url: `/api/rounds/x/units/${unit(0)}/evidence` }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await api.as('a', {
        method: 'POST',
        url: `/api/rounds/${MISSING}/units/${unit(0)}/evidence`,
        ...multipartFile('a.pdf', pdf()),
      }),
      404,
      'ROUND_NOT_FOUND',
    );
    expectError(
      await api.upload('a', unit(0), 'a.pdf', pdf(), { criterionId: 'abc' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await api.upload('a', unit(0), 'a.pdf', pdf(), { criterionId: String(MISSING) }),
      404,
      'CRITERION_NOT_FOUND',
    );
    expectError(await api.as('a', { method: 'DELETE', url: url(unit(0), '/x') }), 400, 'VALIDATION_FAILED');
    expectError(
      await api.as('a', {
        method: 'DELETE',
        url: `/api/rounds/${MISSING}/units/${unit(0)}/evidence/${ids.pdf}`,
      }),
      404,
      'ROUND_NOT_FOUND',
    );
  });

  it('refuses changes once submitted, after the phase closed, and after publication', async () => {
    await api.db
      .updateTable('round_units')
      .set({ state: 'submitted' })
      .where('unit_id', '=', unit(0))
      .execute();
    expectError(await api.upload('a', unit(0), 'moi.pdf', pdf('mới')), 409, 'EVIDENCE_UNIT_SUBMITTED');
    await api.db
      .updateTable('round_units')
      .set({ state: 'in-progress' })
      .where('unit_id', '=', unit(0))
      .execute();

    await api.setDay(addDays(FIRST_DAY, 6)); // appraisal 1
    const closed = expectError(
      await api.as('a', { method: 'DELETE', url: url(unit(0), `/${ids.xlsx}`) }),
      409,
      'PHASE_CLOSED',
    );
    expect(closed.message).toBe('Giai đoạn «Tự đánh giá» không mở (từ 01/12/2026 đến hết 05/12/2026)');
    expectError(await api.upload('a', unit(0), 'moi.pdf', pdf('mới')), 409, 'PHASE_CLOSED');
    // reading goes on
    expect((await list('a', unit(0))).files).toHaveLength(4);

    // the explanation phase: new evidence for the returned criterion only
    await api.setDay(addDays(FIRST_DAY, 11));
    const returned = await api.criterion('1.1.1');
    await api.db
      .insertInto('criterion_returns')
      .values({
        round_id: api.round.roundId,
        unit_id: unit(0),
        criterion_id: returned,
        question: 'Kế hoạch ban hành ngày nào?',
        asked_by: 'so-noi-vu',
        asked_at: at(addDays(FIRST_DAY, 6)).toISOString(),
        explanation: null,
        explained_by: null,
        explained_at: null,
      })
      .execute();
    const added = uploaded(
      await api.upload('a', unit(0), 'giai-trinh.pdf', pdf('giải trình'), { criterionId: String(returned) }),
    );
    expect(added.criterionIds).toEqual([returned]);
    const phase = await api.db
      .selectFrom('answer_evidence')
      .select('phase')
      .where('evidence_id', '=', added.id)
      .executeTakeFirstOrThrow();
    expect(phase.phase).toBe('explanation');
    const other = await api.criterion('1.1.2');
    const notReturned = expectError(
      await api.upload('a', unit(0), 'khac.pdf', pdf('khác'), { criterionId: String(other) }),
      409,
      'EVIDENCE_EXPLANATION_ONLY',
    );
    expect(notReturned.message).toContain('tiêu chí 1.1.2 không bị trả lại');
    expectError(await api.upload('a', unit(0), 'khac.pdf', pdf('khác')), 409, 'EVIDENCE_EXPLANATION_ONLY');
    // what the appraisers saw stays; what was added in this phase may be taken back
    expectError(
      await api.as('a', { method: 'DELETE', url: url(unit(0), `/${ids.pdf}`) }),
      409,
      'EVIDENCE_EXPLANATION_ONLY',
    );
    expect((await api.as('a', { method: 'DELETE', url: url(unit(0), `/${added.id}`) })).statusCode).toBe(204);

    await api.setDay(addDays(FIRST_DAY, 26)); // published
    expectError(await api.upload('a', unit(0), 'moi.pdf', pdf('mới')), 409, 'ROUND_PUBLISHED');
    expect((await list('a', unit(0))).files).toHaveLength(4);
  });

  it('gc removes what no file refers to and names what the store lacks', async () => {
    const orphan = pdf('mồ côi');
    await api.store.put(orphan);
    const deps = { db: api.db, clock: () => new Date(Date.now() + 2 * 3600_000) };
    const dry = await collectEvidenceGarbage(deps, api.store, { minAgeMs: 3600_000, dryRun: true });
    expect(dry).toMatchObject({ removed: 1, bytes: orphan.length, missing: [] });
    expect(await api.store.has(sha256(orphan))).toBe(true);
    // too young: an upload may be on its way
    const young = await collectEvidenceGarbage({ db: api.db, clock: () => new Date() }, api.store, {
      minAgeMs: 3600_000,
      dryRun: false,
    });
    expect(young.removed).toBe(0);
    const done = await collectEvidenceGarbage(deps, api.store, { minAgeMs: 3600_000, dryRun: false });
    expect(done).toMatchObject({ removed: 1, bytes: orphan.length, missing: [] });
    expect(await api.store.has(sha256(orphan))).toBe(false);
    // a referred file gone from the store: named, and its download says so
    await api.store.remove(sha256(pdf()));
    const after = await collectEvidenceGarbage(deps, api.store, { minAgeMs: 3600_000, dryRun: true });
    expect(after.missing).toEqual([{ sha256: sha256(pdf()), files: 1 }]);
    expectError(
      await api.as('a', { method: 'GET', url: `/api/evidence/${ids.pdf}/content` }),
      500,
      'EVIDENCE_MISSING',
    );
    await api.store.put(pdf());
  });

  it('exercised its part of the route table', () => {
    expectExercised(api.watch.hits, 'evidence');
  });
});

describe.each(ENGINES)('evidence on S3-compatible storage, two app servers (%s)', (kind) => {
  let s3: LocalS3;
  let testDb: TestDatabase;
  const databases: Database[] = [];
  const apps: FastifyInstance[] = [];
  const stores: S3EvidenceStore[] = [];
  let round: RoundFixture;
  const now = at(FIRST_DAY);

  beforeAll(async () => {
    s3 = await startLocalS3();
    testDb = await createTestDatabase(kind);
    for (let i = 0; i < 2; i += 1) {
      const database = await testDb.open();
      databases.push(database);
      const store = openEvidenceStore(s3.env());
      if (!(store instanceof S3EvidenceStore)) throw new Error('not the S3 store');
      stores.push(store);
      if (i === 0) {
        round = await seedRound({ db: database.db, clock: () => now }, { communes: 1 });
        await addUser({ db: database.db, clock: () => now }, 'xa-a', [
          { role: 'officer', unitId: round.communes[0]!.id },
        ]);
      }
      apps.push(
        await buildApp({
          db: database.db,
          clock: () => now,
          passwordCost: TEST_PASSWORD_COST,
          evidence: { store, limits: LIMITS },
        }),
      );
    }
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const store of stores) store.close();
    for (const database of databases) await database.close();
    await testDb?.drop();
    await s3?.close();
  });

  it('uploads on one server and downloads on the other; removal empties the bucket', async () => {
    const [one, two] = apps as [FastifyInstance, FastifyInstance];
    const unitId = round.communes[0]!.id;
    const base = `/api/rounds/${round.roundId}/units/${unitId}/evidence`;
    const onOne = await signIn(one, 'xa-a', TEST_PASSWORD);
    const onTwo = await signIn(two, 'xa-a', TEST_PASSWORD);
    const bytes = await docx('Báo cáo trên kho S3');
    const file = ok(
      await one.inject(
        withSession({ method: 'POST', url: base, ...multipartFile('báo cáo.docx', bytes) }, onOne),
      ),
      EvidenceFileAnswer,
    ).file;
    const listed = ok(await two.inject(withSession({ method: 'GET', url: base }, onTwo)), EvidenceList);
    expect(listed.files.map((f) => f.id)).toEqual([file.id]);
    const download = await two.inject(
      withSession({ method: 'GET', url: `/api/evidence/${file.id}/content` }, onTwo),
    );
    expect(download.statusCode).toBe(200);
    expect(new Uint8Array(download.rawPayload)).toEqual(bytes);
    expect(await stores[1]!.has(file.sha256)).toBe(true);
    const removed = await two.inject(withSession({ method: 'DELETE', url: `${base}/${file.id}` }, onTwo));
    expect(removed.statusCode).toBe(204);
    expect(await stores[0]!.has(file.sha256)).toBe(false);
  });
});
