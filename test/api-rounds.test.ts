/**
 * The HTTP API through app.inject() on both engines: assessment rounds — creating one from the sample
 * commune framework (draft refused, follow-up units resolved by name among the province's units or
 * the areas listed, the calendar's problems named by phase, the framework put in use), the list and
 * one round as the office and as a commune's assessor see them, a change of name and calendar with
 * the version check, a unit late and why, a request for more time, the office's grant and refusal,
 * and publication making the round read-only. Each route's happy path, a refused input and the thing
 * it names missing, as the route table gives this file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access.js';
import { addDays, type Phase } from '../src/core/assessment.js';
import { unitKey } from '../src/core/units.js';
import { insertUnit } from '../src/db/units-repo.js';
import { importFrameworkFile } from '../src/modules/frameworks.js';
import { AuditPage, Extension, RoundList, RoundView } from '../src/shared/api.js';
import { z } from 'zod';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { apiHarness, expectError, MISSING, ok } from './helpers/api-harness.js';
import { ENGINES } from './helpers/databases.js';
import { signIn, withSession, type SignedIn } from './helpers/http.js';
import { expectExercised } from './helpers/route-table.js';
import { DEPARTMENTS, SAMPLE_FRAMEWORK } from './helpers/rounds.js';

const COMMUNES = ['Xã Nam Đà', 'Xã Đắk Mâm', 'Xã Quảng Phú', 'Xã Đức Xuyên'];

/** Six phases around `day`: self closed `selfClosedDaysAgo` days ago, then appraisal open today. */
function calendarAround(day: string, selfClosedDaysAgo = 3) {
  const selfEnd = addDays(day, -selfClosedDaysAgo);
  const phases: [Phase, string, string][] = [
    ['self', addDays(selfEnd, -10), selfEnd],
    ['appraisal1', addDays(selfEnd, 1), addDays(day, 5)],
    ['explanation', addDays(day, 6), addDays(day, 10)],
    ['appraisal2', addDays(day, 11), addDays(day, 15)],
    ['council', addDays(day, 16), addDays(day, 20)],
    ['publication', addDays(day, 21), addDays(day, 21)],
  ];
  return phases.map(([phase, opensOn, closesOn]) => ({ phase, opensOn, closesOn }));
}

describe.each(ENGINES)('HTTP API, assessment rounds, on %s', (kind) => {
  const api = apiHarness(kind);
  const { call } = api;
  const get = (url: string) => call({ method: 'GET', url });
  const post = (url: string, payload: object) => call({ method: 'POST', url, payload });
  const patch = (url: string, payload: object) => call({ method: 'PATCH', url, payload });
  const as = (session: SignedIn, method: 'GET' | 'POST', url: string, payload?: object) =>
    api.app.inject(withSession({ method, url, ...(payload ? { payload } : {}) }, session));
  const today = () => api.clock().toISOString().slice(0, 10);
  const auditRows = (action: string) =>
    api.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

  let provinceId = 0;
  let frameworkId = 0;
  const communes = new Map<string, number>();
  let roundId = 0;
  let assessor: SignedIn;

  const addUnit = async (name: string, unitKind: string, parentId: number) =>
    insertUnit(api.db, {
      name,
      name_key: unitKey(name, { levelWords: [] }),
      kind: unitKind,
      parent_id: parentId,
      created_at: api.clock().toISOString(),
    });

  const body = (over: object = {}) => ({
    name: 'Đánh giá Chỉ số CCHC cấp xã năm 2026',
    year: 2026,
    frameworkId,
    unitGroup: { parentId: provinceId, kinds: ['commune'] },
    calendar: calendarAround(today()),
    ...over,
  });

  it('POST /api/rounds refuses a draft framework, a bad calendar, missing things and unresolved follow-up units', async () => {
    const province = await api.db
      .selectFrom('units')
      .select('id')
      .where('name', '=', 'Tỉnh Lâm Đồng')
      .executeTakeFirstOrThrow();
    provinceId = province.id;
    // every department but the one that follows area 4 (Sở Tư pháp)
    for (const name of DEPARTMENTS.filter((d) => d !== 'Sở Tư pháp'))
      await addUnit(name, 'department', provinceId);
    for (const name of COMMUNES) communes.set(name, await addUnit(name, 'commune', provinceId));
    const imported = await importFrameworkFile({ db: api.db, clock: api.clock }, systemActor('test'), {
      fileName: 'bo-tieu-chi-cap-xa-2026.txt',
      bytes: new Uint8Array(readFileSync(SAMPLE_FRAMEWORK)),
    });
    frameworkId = imported.frameworks[0]!.id;

    const draft = expectError(await post('/api/rounds', body()), 409, 'FRAMEWORK_STATE');
    expect(draft.message).toContain('bản nháp');
    ok(await post(`/api/frameworks/${frameworkId}/publish`, {}), z.unknown());

    const follow = expectError(await post('/api/rounds', body()), 422, 'ROUND_FOLLOW_UP_MISSING');
    expect(follow.message).toContain('Sở Tư pháp');
    expect(follow.message).not.toContain('Sở Nội vụ');
    // nothing was written: the framework is still published, no criterion resolved, no round
    const framework = await api.db
      .selectFrom('frameworks')
      .select('state')
      .where('id', '=', frameworkId)
      .executeTakeFirstOrThrow();
    expect(framework.state).toBe('published');
    expect(await auditRows('round.create')).toEqual([]);

    await addUnit('Sở Tư pháp', 'department', provinceId);

    const bad = calendarAround(today());
    bad[2] = { phase: 'explanation', opensOn: bad[2]!.closesOn, closesOn: bad[2]!.opensOn };
    const calendar = expectError(
      await call({
        method: 'POST',
        url: '/api/rounds',
        payload: body({ calendar: [...bad.slice(0, 4), { ...bad[4]!, opensOn: '2026-02-30' }] }),
        headers: { 'accept-language': 'vi' },
      }),
      422,
      'ROUND_CALENDAR_INVALID',
    );
    expect(calendar.message).toContain('«Giải trình» kết thúc trước khi bắt đầu');
    expect(calendar.message).toContain('"2026-02-30" không phải là ngày');
    expect(calendar.message).toContain('thiếu giai đoạn «Công bố kết quả»');

    expectError(await post('/api/rounds', body({ unitGroup: undefined })), 400, 'VALIDATION_FAILED');
    expectError(await post('/api/rounds', body({ year: 'năm nay' })), 400, 'VALIDATION_FAILED');
    expectError(await post('/api/rounds', body({ frameworkId: MISSING })), 404, 'FRAMEWORK_NOT_FOUND');
    expectError(await post('/api/rounds', body({ unitIds: [MISSING] })), 404, 'UNIT_NOT_FOUND');
    expectError(
      await post('/api/rounds', body({ unitGroup: { parentId: provinceId, kinds: ['ward'] } })),
      422,
      'ROUND_NO_UNITS',
    );
  });

  it('POST /api/rounds creates the round of a group: follow-up units resolved, the framework in use, audited', async () => {
    const round = ok(await post('/api/rounds', body()), RoundView);
    roundId = round.id;
    expect(round.units.map((u) => u.unitName).sort()).toEqual([...COMMUNES].sort());
    expect(round.units.every((u) => u.state === 'not-started')).toBe(true);
    expect(round.phase).toBe('appraisal1');
    expect(round.canManage).toBe(true);
    expect(round.version).toBe(1);

    const framework = await api.db
      .selectFrom('frameworks')
      .select('state')
      .where('id', '=', frameworkId)
      .executeTakeFirstOrThrow();
    expect(framework.state).toBe('in-use');
    const named = await api.db
      .selectFrom('criteria')
      .leftJoin('units', 'units.id', 'criteria.followed_by')
      .select(['criteria.followed_by_text', 'criteria.parent_code', 'units.name'])
      .where('criteria.framework_id', '=', frameworkId)
      .where('criteria.followed_by_text', 'is not', null)
      .execute();
    expect(named.filter((c) => c.parent_code === null).length).toBeGreaterThanOrEqual(5);
    for (const c of named) expect(c.name).toBe(c.followed_by_text);
    const created = await auditRows('round.create');
    expect(created).toHaveLength(1);
    expect(JSON.parse(created[0]!.new_value!)).toMatchObject({ name: round.name, frameworkId });
    expect((await auditRows('criterion.update')).filter((e) => e.field === 'followed_by')).toHaveLength(
      named.length,
    );

    // a list of units works too; the same commune twice counts once
    const listed = ok(
      await post(
        '/api/rounds',
        body({
          name: 'Đợt thử',
          unitGroup: undefined,
          unitIds: [communes.get('Xã Nam Đà')!, communes.get('Xã Nam Đà')!],
        }),
      ),
      RoundView,
    );
    expect(listed.units.map((u) => u.unitName)).toEqual(['Xã Nam Đà']);
  });

  it('GET /api/rounds and /api/rounds/:id: the office sees every unit late and why; an assessor sees its own', async () => {
    const list = ok(await get('/api/rounds'), RoundList);
    const mine = list.rounds.find((r) => r.id === roundId)!;
    expect(mine).toMatchObject({
      units: 4,
      submitted: 0,
      published: false,
      phase: 'appraisal1',
      frameworkId,
    });
    expect(mine.calendar.map((p) => p.phase)).toEqual([
      'self',
      'appraisal1',
      'explanation',
      'appraisal2',
      'council',
      'publication',
    ]);

    const round = ok(await get(`/api/rounds/${roundId}`), RoundView);
    expect(round.units.every((u) => u.late && u.lateReason === 'not-submitted')).toBe(true);
    expectError(await get(`/api/rounds/${MISSING}`), 404, 'ROUND_NOT_FOUND');
    expectError(await get('/api/rounds/abc'), 400, 'VALIDATION_FAILED');

    await addUser({ db: api.db, clock: api.clock }, 'xa-nam-da', [
      { role: 'assessor', unitId: communes.get('Xã Nam Đà')! },
    ]);
    assessor = await signIn(api.app, 'xa-nam-da', TEST_PASSWORD);
    const theirs = RoundList.parse((await as(assessor, 'GET', '/api/rounds')).json());
    expect(theirs.rounds.find((r) => r.id === roundId)?.myUnits).toEqual([
      { unitId: communes.get('Xã Nam Đà')!, unitName: 'Xã Nam Đà' },
    ]);
    const seen = RoundView.parse((await as(assessor, 'GET', `/api/rounds/${roundId}`)).json());
    expect(seen.units.map((u) => u.unitName)).toEqual(['Xã Nam Đà']);
    expect(seen.canManage).toBe(false);
    expectError(await as(assessor, 'POST', '/api/rounds', body()), 403, 'FORBIDDEN');
  });

  it('a unit asks for more time; the office grants it until a day or refuses; the unit is no longer late', async () => {
    const namDa = communes.get('Xã Nam Đà')!;
    const url = `/api/rounds/${roundId}/units/${namDa}/extensions`;
    const res = await as(assessor, 'POST', url, { phase: 'self', reason: 'Cán bộ phụ trách nghỉ ốm' });
    expect(res.statusCode, res.body).toBe(200);
    const asked = z.object({ extension: Extension }).parse(res.json()).extension;
    expect(asked).toMatchObject({ phase: 'self', state: 'requested', requestedBy: 'xa-nam-da', until: null });

    expectError(
      await as(assessor, 'POST', url, { phase: 'self', reason: 'lần nữa' }),
      409,
      'EXTENSION_PENDING',
    );
    expectError(
      await as(assessor, 'POST', url, { phase: 'appraisal1', reason: 'x' }),
      409,
      'EXTENSION_NOT_ALLOWED',
    );
    expectError(
      await as(assessor, 'POST', `/api/rounds/${roundId}/units/${communes.get('Xã Đắk Mâm')!}/extensions`, {
        phase: 'self',
        reason: 'x',
      }),
      403,
      'FORBIDDEN',
    );
    expectError(await as(assessor, 'POST', url, { phase: 'self', reason: '' }), 400, 'VALIDATION_FAILED');
    expectError(
      await post(`/api/rounds/${MISSING}/units/${namDa}/extensions`, { phase: 'self', reason: 'x' }),
      404,
      'ROUND_NOT_FOUND',
    );

    const decide = `/api/rounds/${roundId}/extensions/${asked.id}`;
    expectError(
      await as(assessor, 'POST', decide, { decision: 'grant', until: addDays(today(), 2) }),
      403,
      'FORBIDDEN',
    );
    expectError(await post(decide, { decision: 'grant' }), 400, 'VALIDATION_FAILED');
    const round = ok(await get(`/api/rounds/${roundId}`), RoundView);
    const publication = round.calendar.find((p) => p.phase === 'publication')!.opensOn;
    expect(
      expectError(await post(decide, { decision: 'grant', until: publication }), 422, 'EXTENSION_UNTIL')
        .message,
    ).toContain('trước ngày công bố');
    expectError(
      await post(`/api/rounds/${roundId}/extensions/${MISSING}`, { decision: 'refuse' }),
      404,
      'EXTENSION_NOT_FOUND',
    );
    expectError(
      await post(`/api/rounds/${MISSING}/extensions/${asked.id}`, { decision: 'refuse' }),
      404,
      'ROUND_NOT_FOUND',
    );

    const until = addDays(today(), 2);
    const granted = ok(await post(decide, { decision: 'grant', until, note: 'Đồng ý' }), RoundView);
    const unit = granted.units.find((u) => u.unitId === namDa)!;
    expect(unit).toMatchObject({ late: false, extension: { phase: 'self', until } });
    expect(granted.units.filter((u) => u.late)).toHaveLength(3);
    expect(granted.extensions.find((e) => e.id === asked.id)).toMatchObject({
      state: 'granted',
      until,
      decidedBy: 'quantri',
      note: 'Đồng ý',
    });
    expectError(await post(decide, { decision: 'refuse' }), 409, 'EXTENSION_DECIDED');
    // the unit that asked is told, once
    const granting = await api.db
      .selectFrom('notifications')
      .select(['unit_id', 'params'])
      .where('kind', '=', 'extension-granted')
      .execute();
    expect(granting.map((n) => [n.unit_id, (JSON.parse(n.params) as { until: string }).until])).toEqual([
      [namDa, until],
    ]);

    // a second request after the grant, refused with a note
    const again = z
      .object({ extension: Extension })
      .parse((await as(assessor, 'POST', url, { phase: 'self', reason: 'Thêm 1 ngày' })).json()).extension;
    const refused = ok(
      await post(`/api/rounds/${roundId}/extensions/${again.id}`, {
        decision: 'refuse',
        note: 'Không có lý do',
      }),
      RoundView,
    );
    expect(refused.extensions.find((e) => e.id === again.id)?.state).toBe('refused');
    expect(refused.units.find((u) => u.unitId === namDa)?.extension?.until).toBe(until);

    const trail = [
      ...(await auditRows('round.extension_request')),
      ...(await auditRows('round.extension_grant')),
      ...(await auditRows('round.extension_refuse')),
    ];
    expect(trail.map((e) => [e.action, e.unit_id, e.entity, e.entity_id])).toEqual([
      ['round.extension_request', namDa, 'round', String(roundId)],
      ['round.extension_request', namDa, 'round', String(roundId)],
      ['round.extension_grant', namDa, 'round', String(roundId)],
      ['round.extension_refuse', namDa, 'round', String(roundId)],
    ]);
    expect(JSON.parse(trail[2]!.new_value!)).toMatchObject({ state: 'granted', until });
  });

  it('PATCH /api/rounds/:id changes the name and calendar (version-checked, audited); publication makes it read-only', async () => {
    const before = ok(await get(`/api/rounds/${roundId}`), RoundView);
    expectError(await patch(`/api/rounds/${roundId}`, { version: 0 }), 400, 'VALIDATION_FAILED');
    expectError(await patch(`/api/rounds/${MISSING}`, { version: 1 }), 404, 'ROUND_NOT_FOUND');
    const calendar = before.calendar.map((p) =>
      p.phase === 'council' ? { ...p, closesOn: addDays(p.closesOn, 1) } : p,
    );
    const renamed = ok(
      await patch(`/api/rounds/${roundId}`, {
        version: before.version,
        name: 'Đánh giá CCHC xã 2026',
        calendar,
      }),
      RoundView,
    );
    expect(renamed.name).toBe('Đánh giá CCHC xã 2026');
    expect(renamed.version).toBe(before.version + 1);
    expect(renamed.calendar.find((p) => p.phase === 'council')?.closesOn).toBe(calendar[4]!.closesOn);
    expectError(
      await patch(`/api/rounds/${roundId}`, { version: before.version, name: 'cũ' }),
      409,
      'STALE_VERSION',
    );
    const [update] = await auditRows('round.update');
    expect([update?.old_value, update?.new_value]).toEqual([before.name, 'Đánh giá CCHC xã 2026']);
    const [moved] = await auditRows('round.calendar');
    expect(JSON.parse(moved!.old_value!)).toEqual(before.calendar[4]);
    expect(JSON.parse(moved!.new_value!)).toEqual(calendar[4]);

    const wrong = expectError(
      await patch(`/api/rounds/${roundId}`, {
        version: renamed.version,
        calendar: calendar.filter((p) => p.phase !== 'self'),
      }),
      422,
      'ROUND_CALENDAR_INVALID',
    );
    expect(wrong.message).toContain('Tự đánh giá');
    // the same problems as data, for the round page's form to show beside each phase
    expect(wrong.details).toEqual({ problems: [{ code: 'phase-missing', phase: 'self' }] });

    // publication from today: everything read-only
    const published = ok(
      await patch(`/api/rounds/${roundId}`, {
        version: renamed.version,
        calendar: calendarAround(addDays(today(), -30)),
      }),
      RoundView,
    );
    expect(published.published).toBe(true);
    expect(published.phase).toBe('publication');
    expectError(
      await patch(`/api/rounds/${roundId}`, { version: published.version, name: 'sau công bố' }),
      409,
      'ROUND_PUBLISHED',
    );
    expectError(
      await as(assessor, 'POST', `/api/rounds/${roundId}/units/${communes.get('Xã Nam Đà')!}/extensions`, {
        phase: 'explanation',
        reason: 'x',
      }),
      409,
      'EXTENSION_NOT_ALLOWED',
    );
  });

  it("GET /api/audit words the round's entries: labels, dates as dd/mm/yyyy, phases and states, never JSON", async () => {
    const page = ok(await get('/api/audit?limit=1000'), AuditPage);
    const entries = page.entries.filter((e) => /^round\./.test(e.action));
    expect(new Set(entries.map((e) => e.action))).toEqual(
      new Set([
        'round.create',
        'round.update',
        'round.calendar',
        'round.extension_request',
        'round.extension_grant',
        'round.extension_refuse',
      ]),
    );
    for (const e of entries) {
      expect(e.actionLabel).not.toBe(e.action);
      for (const text of [e.oldText, e.newText])
        expect(text ?? '').not.toMatch(/[{}"[\]]|opensOn|frameworkId/);
    }
    const of = (action: string) => entries.find((e) => e.action === action)!;
    const created = entries.find(
      (e) => e.action === 'round.create' && e.newText?.startsWith(`Tên: ${body().name}\n`),
    )!;
    expect(created.actionLabel).toBe('Tạo đợt đánh giá');
    expect(created.newText).toContain(`Số đơn vị: ${COMMUNES.length}\nLịch các giai đoạn:\n– Tự đánh giá: `);
    const moves = entries.filter((e) => e.action === 'round.calendar');
    expect(moves.map((e) => [e.actionLabel, e.fieldLabel])).toContainEqual([
      'Sửa lịch đợt đánh giá',
      'Lịch giai đoạn',
    ]);
    expect(moves.map((e) => e.newText)).toContainEqual(
      expect.stringMatching(/^Hội đồng thẩm định: \d{2}\/\d{2}\/\d{4} – \d{2}\/\d{2}\/\d{4}$/),
    );
    const granted = of('round.extension_grant');
    expect(granted.actionLabel).toBe('Chấp thuận gia hạn');
    expect(granted.oldText).toContain('Trạng thái: Chờ xử lý');
    expect(granted.newText).toMatch(
      /Giai đoạn: Tự đánh giá\nTrạng thái: Đã chấp thuận\nGia hạn đến ngày: \d{2}\/\d{2}\/\d{4}/,
    );
    // the stored form stays beside the words in the API's answer
    expect(JSON.parse(granted.newValue!)).toMatchObject({ state: 'granted' });
  });

  it('exercised its part of the route table', () => {
    expectExercised(api.watch.hits, 'rounds');
  });
});
