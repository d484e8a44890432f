/**
 * The HTTP API through app.inject() on both engines: a round's overview, results and exports. A
 * round of four communes against the sample commune framework (100 points in 8 areas, a 9th of bonus
 * and penalty), with self-answers and stage scores written by this test straight into the tables:
 * exact totals per area and view, bonus and penalty (the total never below 0), not applicable
 * excluded from the max, ranks shared by equal indexes, gaps, late units (an extension counted),
 * appraisal progress, the XLSX and DOCX read back, and who may read what.
 */
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access.js';
import { exportSelfReport } from '../src/modules/round-results.js';
import { AssessmentView, RoundOverview, RoundResults } from '../src/shared/api.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { apiHarness, expectError, MISSING, ok } from './helpers/api-harness.js';
import { ENGINES } from './helpers/databases.js';
import { statementCounter } from './helpers/statement-counter.js';
import { signIn, withSession, type SignedIn } from './helpers/http.js';
import { expectExercised } from './helpers/route-table.js';
import {
  addDays,
  calendarFrom,
  frameworkChanged,
  roundChanged,
  seedRound,
  type RoundFixture,
} from './helpers/rounds.js';

type Stage = 'appraisal1' | 'appraisal2' | 'council' | 'survey';

describe.each(ENGINES)('HTTP API, round overview and results, on %s', (kind) => {
  const api = apiHarness(kind);
  const get = (url: string, session?: SignedIn) =>
    session ? api.app.inject(withSession({ method: 'GET', url }, session)) : api.call({ method: 'GET', url });
  let round: RoundFixture;
  let today = '';
  const ids = new Map<string, number>();
  const unit = (i: number) => round.communes[i]!.id;

  const self = async (u: number, code: string, value: string, extra: Record<string, string> = {}) => {
    await api.db
      .insertInto('assessment_answers')
      .values({
        round_id: round.roundId,
        unit_id: u,
        criterion_id: ids.get(code)!,
        answer: JSON.stringify(value === 'na' ? { kind: 'not-applicable' } : { kind: 'choice', option: 0 }),
        score: value === 'na' ? null : value,
        not_applicable_reason: extra.reason ?? null,
        scoring_explanation: extra.explanation ?? '',
        updated_at: api.clock().toISOString(),
        updated_by: 'test',
      })
      .execute();
  };
  const stage = (u: number, code: string, s: Stage, score: string) =>
    api.db
      .insertInto('assessment_scores')
      .values({
        round_id: round.roundId,
        unit_id: u,
        criterion_id: ids.get(code)!,
        stage: s,
        answer: null,
        score,
        username: 'test',
        at: api.clock().toISOString(),
      })
      .execute();
  const state = (u: number, s: string) =>
    api.db
      .updateTable('round_units')
      .set({ state: s })
      .where('round_id', '=', round.roundId)
      .where('unit_id', '=', u)
      .execute();

  it('seeds a round: A and B submitted and appraised, C in progress with N/A and a penalty, D extended', async () => {
    today = api.clock().toISOString().slice(0, 10);
    // the self-assessment closed two days ago; appraisal 1 is open
    round = await seedRound(
      { db: api.db, clock: api.clock },
      { communes: 4, calendar: calendarFrom(addDays(today, -6), 5) },
    );
    const rows = await api.db
      .selectFrom('criteria')
      .select(['id', 'code'])
      .where('framework_id', '=', round.frameworkId)
      .execute();
    for (const r of rows) ids.set(r.code, r.id);
    await api.db
      .updateTable('criteria')
      .set({ not_applicable: 'excluded' })
      .where('id', '=', ids.get('1.1.1')!)
      .execute();
    await frameworkChanged(api.db, round.frameworkId);
    const [a, b, c, d] = [unit(0), unit(1), unit(2), unit(3)];
    await self(a, '1.1.1', '1');
    await self(a, '1.1.2', '1');
    await self(a, '9.1.2', '1');
    await stage(a, '1.1.1', 'appraisal1', '0.5');
    await stage(a, '1.1.2', 'appraisal1', '1');
    await stage(a, '9.1.2', 'appraisal1', '0');
    await self(b, '1.1.1', '1');
    await self(b, '1.1.2', '1', { explanation: 'Kế hoạch số 12/KH-UBND đã giao đủ nhiệm vụ' });
    await stage(b, '1.1.1', 'appraisal1', '1');
    await stage(b, '1.1.2', 'appraisal1', '0.5');
    await self(c, '1.1.1', 'na', { reason: 'Xã mới thành lập' });
    await self(c, '1.1.2', '1');
    await self(c, '9.2.1', '-2');
    await state(a, 'submitted');
    await state(b, 'submitted');
    await state(c, 'in-progress');
    await api.db
      .updateTable('round_units')
      .set({ difficulties: 'Thiếu biên chế\nKinh phí hạn chế', proposals: 'Tập huấn thêm' })
      .where('unit_id', '=', b)
      .execute();
    await api.db
      .insertInto('round_extensions')
      .values({
        round_id: round.roundId,
        unit_id: d,
        phase: 'self',
        reason: 'Mất điện',
        requested_by: 'test',
        requested_at: api.clock().toISOString(),
        state: 'granted',
        until: addDays(today, 1),
        decided_by: 'quantri',
        decided_at: api.clock().toISOString(),
      })
      .execute();
    // the evidence of A's 1.1.2: not in the report's list of criteria without evidence
    const file = await api.db
      .insertInto('evidence_files')
      .values({
        round_id: round.roundId,
        unit_id: b,
        sha256: 'ab'.repeat(32),
        size: 10,
        type: 'pdf',
        mime: 'application/pdf',
        name: 'ke-hoach.pdf',
        uploaded_by: 'test',
        uploaded_at: api.clock().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await api.db
      .insertInto('answer_evidence')
      .values({ evidence_id: file.id, criterion_id: ids.get('1.1.1')!, phase: 'self', added_at: today })
      .execute();
  });

  it('GET /api/rounds/:id/results: exact totals, N/A excluded, bonus and penalty, shared ranks', async () => {
    const results = ok(await get(`/api/rounds/${round.roundId}/results`), RoundResults);
    const names = round.communes.map((c) => c.name);
    // ranked by index; equal indexes in the units' Vietnamese order (Đắk Mâm before Nam Đà)
    expect(results.units.map((u) => [u.unit, u.self, u.appraised, u.final, u.max, u.index, u.rank])).toEqual([
      // B: 1 + 1; appraised 1 + 0,5 = 1,5: the same index as A, the same rank
      [names[1], '2', '1.5', '1.5', '100', '1.5', 1],
      // A: 1 + 1 + bonus 1 = 3; appraised 0,5 + 1 + bonus 0 = 1,5 of 100
      [names[0], '3', '1.5', '1.5', '100', '1.5', 1],
      [names[3], '0', '0', '0', '100', '0', 3],
      // C: 1.1.1 not applicable (excluded: the max is 99), 1 − 2 → the total stays at 0
      [names[2], '0', '0', '0', '99', '0', 3],
    ]);
  });

  it('GET /api/rounds/:id/overview: units × areas, gaps, late units, appraisal progress', async () => {
    const o = ok(await get(`/api/rounds/${round.roundId}/overview`), RoundOverview);
    expect(o.round).toMatchObject({ id: round.roundId, phase: 'appraisal1', published: false, day: today });
    expect(o.areas.map((a) => a.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(o.areas[0]).toMatchObject({ max: '12', followedBy: 'Sở Nội vụ' });
    const a = o.units.find((u) => u.unitId === unit(0))!;
    expect(a.self.areas[0]).toBe('2');
    expect(a.self.areas[8]).toBe('1');
    expect(a.appraised.areas[0]).toBe('1.5');
    expect(a.appraised.areas[8]).toBe('0');
    expect(a.self.areas[1]).toBeNull();
    const c = o.units.find((u) => u.unitId === unit(2))!;
    // the area with the penalty falls below 0; the total does not
    expect([c.self.areas[0], c.self.areas[8], c.self.total, c.self.max]).toEqual(['1', '-2', '0', '99']);
    expect(o.gaps.map((g) => [g.code, g.total, g.units.map((u) => [u.unitName, u.gap])])).toEqual([
      ['9.1.2', '1', [[round.communes[0]!.name, '1']]],
      ['1.1.1', '0.5', [[round.communes[0]!.name, '0.5']]],
      ['1.1.2', '0.5', [[round.communes[1]!.name, '0.5']]],
    ]);
    // C is not submitted after the self-assessment closed; D has until tomorrow
    expect(o.late).toEqual([
      {
        unitId: unit(2),
        unitName: round.communes[2]!.name,
        state: 'in-progress',
        reasons: ['not-submitted'],
        unexplainedReturns: 0,
      },
    ]);
    const area1 = o.progress.find((p) => p.code === '1' && p.stage === 'appraisal1')!;
    const codes = [...ids.keys()];
    const leavesOfArea1 = codes.filter(
      (k) => k.startsWith('1.') && !codes.some((other) => other.startsWith(`${k}.`)),
    ).length;
    // A and B handed in: 2 of A's area-1 leaves scored, 2 of B's
    expect(area1).toEqual({ code: '1', stage: 'appraisal1', scored: 4, toScore: 2 * leavesOfArea1 });
  });

  it("GET /api/rounds/:id/overview: a unit's missing count is its own page's (self-scored leaves without a self-score)", async () => {
    const o = ok(await get(`/api/rounds/${round.roundId}/overview`), RoundOverview);
    const criteria = await api.db
      .selectFrom('criteria')
      .select(['code', 'scorer'])
      .where('framework_id', '=', round.frameworkId)
      .execute();
    const leaves = criteria.filter((c) => !criteria.some((o) => o.code.startsWith(`${c.code}.`)));
    const selfScored = leaves.filter((c) => c.scorer !== 'council' && c.scorer !== 'survey').length;
    // the sample framework's council criteria (4.1.2, 6.3.2) are not the unit's to score
    expect(selfScored).toBeLessThan(leaves.length);
    const missing = new Map(o.units.map((u) => [u.unitId, u.self.missing]));
    // D answered nothing; A three leaves (1.1.1, 1.1.2, 9.1.2), C three (N/A counts as answered)
    expect([3, 0, 2].map((i) => missing.get(unit(i)))).toEqual([selfScored, selfScored - 3, selfScored - 3]);
    // D's own page says the same: the one count (core/round-results.ts#missingSelfScores). (The others'
    // answers are written here straight into the table, some as choices their rules do not take, which
    // the page, scoring the answers again, finds without a score.)
    const own = ok(await get(`/api/rounds/${round.roundId}/units/${unit(3)}/assessment`), AssessmentView);
    expect(own.total.missing).toBe(selfScored);
    expect(own.criteria.filter((c) => c.leaf && !c.selfScored).map((c) => c.code)).toEqual(
      leaves
        .filter((c) => c.scorer === 'council' || c.scorer === 'survey')
        .map((c) => c.code)
        .sort(),
    );
    expect(missing.get(unit(1))).toBe(selfScored - 2);
  });

  it('GET /api/rounds/:id/export.xlsx: a summary sheet and every criterion per unit, exact numbers', async () => {
    const res = await get(`/api/rounds/${round.roundId}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const summary = book.getWorksheet('Tổng hợp')!;
    // rows 4 and 5 are the headers; then B and A (rank 1), D and C (rank 3)
    expect([6, 7, 8, 9].map((r) => summary.getCell(r, 2).value)).toEqual(
      [1, 0, 3, 2].map((i) => round.communes[i]!.name),
    );
    // area 1 of A: self, appraised, final
    expect([3, 4, 5].map((col) => summary.getCell(7, col).value)).toEqual([2, 1.5, 1.5]);
    const last = summary.getRow(5).cellCount;
    expect([6, 7, 8, 9].map((r) => summary.getCell(r, last).value)).toEqual(['1', '1', '3', '3']);
    // the index beside the rank: exact, with its own decimals
    expect(summary.getCell(7, last - 1).value).toBe(1.5);
    expect(summary.getCell(7, last - 1).numFmt).toBe('[$-42A]0.0');
    const detail = book.getWorksheet('Chi tiết')!;
    expect(detail.getCell(4, 4).value).toBe(round.communes[1]!.name);
    expect(detail.getCell(4, 7).value).toBe(round.communes[0]!.name);
    const codes: string[] = [];
    detail.eachRow((row, n) => {
      if (n > 5) codes.push(row.getCell(1).text);
    });
    expect(codes.length).toBe(ids.size);
    const row111 = 6 + codes.indexOf('1.1.1');
    // A's 1.1.1: self 1, appraised 0,5, final 0,5; C's not applicable: "KAD" in each view (columns 13–15)
    expect([7, 8, 9].map((col) => detail.getCell(row111, col).value)).toEqual([1, 0.5, 0.5]);
    expect(detail.getCell(row111, 8).numFmt).toBe('[$-42A]0.0');
    expect([13, 14, 15].map((col) => detail.getCell(row111, col).value)).toEqual(['KAD', 'KAD', 'KAD']);
  });

  it("GET /api/rounds/:id/units/:unitId/report.docx: the unit's self-assessment report", async () => {
    const res = await get(`/api/rounds/${round.roundId}/units/${unit(1)}/report.docx`);
    expect(res.statusCode).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: res.rawPayload })).value;
    expect(text).toContain(round.communes[1]!.name);
    expect(text).toContain('BẢNG TỔNG HỢP ĐIỂM TỰ ĐÁNH GIÁ');
    // 1.1.2 scored 1 without evidence, with its explanation; 1.1.1 has evidence
    expect(text).toContain('Kế hoạch số 12/KH-UBND đã giao đủ nhiệm vụ');
    expect(text).toMatch(/1\.1\.2\s+Xác định đầy đủ/);
    expect(text).not.toMatch(/1\.1\.1\s+Ban hành kế hoạch CCHC năm/);
    expect(text).toContain('Thiếu biên chế');
    expect(text).toContain('Tập huấn thêm');
    const [y, m, d] = today.split('-');
    expect(text).toContain(`Ngày ${d} tháng ${m} năm ${y}`);
    const cReport = await get(`/api/rounds/${round.roundId}/units/${unit(2)}/report.docx`);
    const cText = (await mammoth.extractRawText({ buffer: cReport.rawPayload })).value;
    expect(cText).toContain('Xã mới thành lập');
  });

  it("reads the unit's answers once for its report; its self total is the one the results show", async () => {
    const counter = statementCounter({ keepQueries: true });
    const deps = { db: api.db.withPlugin(counter.plugin), clock: api.clock };
    const { bytes } = await exportSelfReport(deps, systemActor(), round.roundId, unit(1));
    const answerReads = counter.nodes.filter((n) => JSON.stringify(n).includes('"assessment_answers"'));
    expect(answerReads).toHaveLength(1);
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
    const results = ok(await get(`/api/rounds/${round.roundId}/results`), RoundResults);
    const self = results.units.find((u) => u.unitId === unit(1))!.self;
    // B was appraised too: its stage scores move the other views, not the report's
    expect(text).toMatch(new RegExp(`Tổng cộng\\s+100\\s+${self}\\s`));
    expect(text).toContain(`Chỉ số tự đánh giá: ${self}%`);
  });

  it('refuses a missing round, a bad id and a unit outside the round', async () => {
    expectError(await get(`/api/rounds/${MISSING}/overview`), 404, 'ROUND_NOT_FOUND');
    expectError(await get(`/api/rounds/${MISSING}/results`), 404, 'ROUND_NOT_FOUND');
    expectError(await get(`/api/rounds/${MISSING}/export.xlsx`), 404, 'ROUND_NOT_FOUND');
    expectError(await get(`/api/rounds/${MISSING}/units/${unit(0)}/report.docx`), 404, 'ROUND_NOT_FOUND');
    expectError(await get(`/api/rounds/x/overview`), 400, 'VALIDATION_FAILED');
    expectError(await get(`/api/rounds/x/results`), 400, 'VALIDATION_FAILED');
    expectError(await get(`/api/rounds/0/export.xlsx`), 400, 'VALIDATION_FAILED');
    expectError(await get(`/api/rounds/${round.roundId}/units/x/report.docx`), 400, 'VALIDATION_FAILED');
    expectError(
      await get(`/api/rounds/${round.roundId}/units/${round.provinceId}/report.docx`),
      422,
      'UNIT_NOT_IN_ROUND',
    );
  });

  it('lets managers, appraisers and the council read; a unit its own report; plan readers the results once published', async () => {
    const deps = { db: api.db, clock: api.clock };
    const sign = async (name: string, grants: Parameters<typeof addUser>[2]) => {
      await addUser(deps, name, grants);
      return signIn(api.app, name, TEST_PASSWORD);
    };
    const appraiser = await sign('thamdinh', [
      { role: 'appraiser', unitId: round.departments.get('Sở Nội vụ')! },
    ]);
    const council = await sign('hoidong', [{ role: 'council', unitId: round.provinceId }]);
    const viewer = await sign('xem', [{ role: 'viewer', unitId: round.provinceId }]);
    const officer = await sign('canbo', [{ role: 'officer', unitId: unit(0) }]);
    const base = `/api/rounds/${round.roundId}`;
    for (const s of [appraiser, council]) {
      expect((await get(`${base}/overview`, s)).statusCode).toBe(200);
      expect((await get(`${base}/results`, s)).statusCode).toBe(200);
      expect((await get(`${base}/export.xlsx`, s)).statusCode).toBe(200);
    }
    for (const s of [viewer, officer]) {
      expectError(await get(`${base}/overview`, s), 403, 'FORBIDDEN');
      expectError(await get(`${base}/results`, s), 403, 'FORBIDDEN');
      expectError(await get(`${base}/export.xlsx`, s), 403, 'FORBIDDEN');
    }
    expect((await get(`${base}/units/${unit(0)}/report.docx`, officer)).statusCode).toBe(200);
    expectError(await get(`${base}/units/${unit(1)}/report.docx`, officer), 403, 'FORBIDDEN');
    expectError(await get(`${base}/units/${unit(0)}/report.docx`, viewer), 403, 'FORBIDDEN');

    // published since today: plan readers read the results of the units they reach
    await api.db
      .updateTable('round_phases')
      .set({ opens_on: today, closes_on: addDays(today, 30) })
      .where('round_id', '=', round.roundId)
      .where('phase', '=', 'publication')
      .execute();
    await roundChanged(api.db, round.roundId);
    const seen = ok(await get(`${base}/results`, viewer), RoundResults);
    expect(seen.units.map((u) => u.unitId).sort()).toEqual([unit(0), unit(1), unit(2), unit(3)].sort());
    const own = ok(await get(`${base}/results`, officer), RoundResults);
    expect(own.units.map((u) => [u.unitId, u.rank])).toEqual([[unit(0), 1]]);
    expectError(await get(`${base}/overview`, viewer), 403, 'FORBIDDEN');
    expect((await get(`${base}/units/${unit(0)}/report.docx`, viewer)).statusCode).toBe(200);
  });

  it('exercised its routes', () => {
    expectExercised(api.watch.hits, 'overview');
  });
});
