/**
 * The HTTP API through app.inject() on both engines: a survey's scores into a round — the preview
 * (rows matched to the round's units, unknown names listed with a suggestion, findings with places),
 * the confirmation with names mapped, a second file replacing scores (audited old → new), refused
 * criteria that are not scored by survey and scores above the max, and the round once published.
 */
import { describe, expect, it } from 'vitest';
import { SurveyPreview, SurveyResult } from '../src/shared/api.js';
import { ENGINES } from './helpers/databases.js';
import { multipartFile, withSession } from './helpers/http.js';
import { expectError, MISSING, ok, TOKEN_NEVER_ISSUED } from './helpers/api-harness.js';
import { assessmentHarness } from './helpers/assessment-matrix.js';
import { expectExercised } from './helpers/route-table.js';
import { roundChanged } from './helpers/rounds.js';
import type { InjectOptions } from 'fastify';

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe.each(ENGINES)('HTTP API, survey scores, on %s', (kind) => {
  // the seeded round of the rights matrix; every request is the office's (round.manage in the province)
  const api = assessmentHarness(kind);
  const call = (options: InjectOptions) => api.app.inject(withSession(options, api.users.office.session));
  const round = {
    get roundId() {
      return api.fixture.roundId;
    },
    get provinceId() {
      return api.fixture.provinceId;
    },
    get communes() {
      return api.fixture.communes;
    },
  };

  const upload = (roundId: number, text: string, fileName = 'khao-sat.csv') =>
    call({
      method: 'POST',
      url: `/api/rounds/${roundId}/survey-imports`,
      ...multipartFile(fileName, bytesOf(text)),
    });
  const preview = async (text: string) => ok(await upload(round.roundId, text), SurveyPreview);
  const confirm = (token: string, units: Record<string, number> = {}, roundId = round.roundId) =>
    call({
      method: 'POST',
      url: `/api/rounds/${roundId}/survey-imports/${token}/confirm`,
      payload: { units },
    });
  const byUnitCode = (a: { unit: string; code: string }, b: { unit: string; code: string }) =>
    a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  const stored = async () =>
    (
      await api.db
        .selectFrom('assessment_scores')
        .innerJoin('criteria', 'criteria.id', 'assessment_scores.criterion_id')
        .innerJoin('units', 'units.id', 'assessment_scores.unit_id')
        .select([
          'units.name as unit',
          'criteria.code as code',
          'assessment_scores.score',
          'assessment_scores.version',
        ])
        .where('round_id', '=', round.roundId)
        .where('stage', '=', 'survey')
        .execute()
    ).sort(byUnitCode);
  const trail = () =>
    api.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'code', 'unit_id', 'field', 'old_value', 'new_value'])
      .where('action', '=', 'survey.import')
      .orderBy('id')
      .execute();
  const commune = (name: string) => round.communes.find((c) => c.name === name)!.id;

  const FIRST = [
    'Tên đơn vị,Mã tiêu chí,Điểm khảo sát',
    'Xã Nam Đà,8.1.1,"3,5"',
    'Nam Đà,8.1.2,4',
    'xa dak mam,"8,1,1",2.25',
    'Xã Đăk Mâm,8.1.3,"3,75"',
    'UBND xã Quảng Phú (cũ),8.1.1,3',
  ].join('\n');

  it("previews a file: names matched to the round's units, an unknown one listed, nothing written", async () => {
    const p = await preview(FIRST);
    expect(p.layout).toBe('long');
    expect(p.findings).toEqual([]);
    expect(p.canConfirm).toBe(true);
    expect(p.rows.map((r) => [r.unit, r.unitName, r.code, r.score, r.max, r.previous, r.status])).toEqual([
      ['Xã Nam Đà', 'Xã Nam Đà', '8.1.1', '3.5', '4', null, 'ok'],
      ['Nam Đà', 'Xã Nam Đà', '8.1.2', '4', '4', null, 'ok'],
      ['xa dak mam', 'Xã Đắk Mâm', '8.1.1', '2.25', '4', null, 'ok'],
      ['Xã Đăk Mâm', 'Xã Đắk Mâm', '8.1.3', '3.75', '4', null, 'ok'],
      ['UBND xã Quảng Phú (cũ)', null, '8.1.1', '3', '4', null, 'unknown-unit'],
    ]);
    expect(p.unknownUnits).toEqual([
      { name: 'UBND xã Quảng Phú (cũ)', suggestion: { id: commune('Xã Quảng Phú'), name: 'Xã Quảng Phú' } },
    ]);
    expect(p.units.map((u) => u.name).sort()).toEqual(round.communes.map((c) => c.name).sort());
    expect(p.criteria.map((c) => c.code)).toEqual(['8.1.1', '8.1.2', '8.1.3']);
    expect(await stored()).toEqual([]);
    const pending = await api.db
      .selectFrom('pending_imports')
      .select(['kind', 'round_id'])
      .where('token', '=', p.token)
      .executeTakeFirst();
    expect(pending).toEqual({ kind: 'survey', round_id: round.roundId });
  });

  it('refuses to confirm while a name is not mapped, or mapped to a unit outside the round; writes nothing', async () => {
    const p = await preview(FIRST);
    const unmapped = expectError(await confirm(p.token), 422, 'SURVEY_REJECTED');
    expect(unmapped.message).toContain('UBND xã Quảng Phú (cũ)');
    expect(
      expectError(
        await confirm(p.token, { 'UBND xã Quảng Phú (cũ)': round.provinceId }),
        422,
        'UNIT_NOT_IN_ROUND',
      ).message,
    ).toContain('UBND xã Quảng Phú (cũ)');
    expect(await stored()).toEqual([]);
    expect(await trail()).toEqual([]);
  });

  it('confirms with the names mapped: one survey score per row, each audited, the upload used once', async () => {
    const p = await preview(FIRST);
    const result = ok(
      await confirm(p.token, { 'UBND xã Quảng Phú (cũ)': commune('Xã Quảng Phú') }),
      SurveyResult,
    );
    expect(result).toEqual({ written: 5, replaced: 0, unchanged: 0 });
    expect(await stored()).toEqual(
      [
        { unit: 'Xã Đắk Mâm', code: '8.1.1', score: '2.25', version: 1 },
        { unit: 'Xã Đắk Mâm', code: '8.1.3', score: '3.75', version: 1 },
        { unit: 'Xã Nam Đà', code: '8.1.1', score: '3.5', version: 1 },
        { unit: 'Xã Nam Đà', code: '8.1.2', score: '4', version: 1 },
        { unit: 'Xã Quảng Phú', code: '8.1.1', score: '3', version: 1 },
      ].sort(byUnitCode),
    );
    const entries = await trail();
    expect(entries).toHaveLength(5);
    expect(entries[0]).toEqual({
      entity: 'assessment',
      entity_id: `${round.roundId}:${commune('Xã Nam Đà')}`,
      code: '8.1.1',
      unit_id: commune('Xã Nam Đà'),
      field: 'score',
      old_value: null,
      new_value: '3.5',
    });
    expectError(
      await confirm(p.token, { 'UBND xã Quảng Phú (cũ)': commune('Xã Quảng Phú') }),
      410,
      'IMPORT_NOT_FOUND',
    );
  });

  it('a second file replaces the scores it changes, audited old → new, and counts those it repeats', async () => {
    const p = await preview(['Đơn vị\t8.1.1\t8.1.2', 'Xã Nam Đà\t3,5\t3', 'Xã Nâm Nung\t1\t'].join('\n'));
    expect(p.layout).toBe('wide');
    expect(p.rows.map((r) => [r.unitName, r.code, r.score, r.previous])).toEqual([
      ['Xã Nam Đà', '8.1.1', '3.5', '3.5'],
      ['Xã Nam Đà', '8.1.2', '3', '4'],
      ['Xã Nâm Nung', '8.1.1', '1', null],
    ]);
    const before = (await trail()).length;
    expect(ok(await confirm(p.token), SurveyResult)).toEqual({ written: 2, replaced: 1, unchanged: 1 });
    const rows = await stored();
    expect(rows.find((r) => r.unit === 'Xã Nam Đà' && r.code === '8.1.2')).toEqual({
      unit: 'Xã Nam Đà',
      code: '8.1.2',
      score: '3',
      version: 2,
    });
    expect(rows.find((r) => r.unit === 'Xã Nam Đà' && r.code === '8.1.1')!.version).toBe(1);
    const added = (await trail()).slice(before);
    expect(added.map((e) => [e.code, e.unit_id, e.old_value, e.new_value])).toEqual([
      ['8.1.2', commune('Xã Nam Đà'), '4', '3'],
      ['8.1.1', commune('Xã Nâm Nung'), null, '1'],
    ]);
  });

  it('refuses a criterion not scored by survey, a parent, an unknown code, a score above the max and duplicates', async () => {
    const p = await preview(
      [
        'Đơn vị;Mã tiêu chí;Điểm',
        'Xã Nam Đà;1.1.1;1',
        'Xã Nam Đà;8.1;4',
        'Xã Nam Đà;8.9.9;1',
        'Xã Nam Đà;8.1.3;4,5',
        'Xã Nam Đà;8.1.3;-1',
        'Xã Tân Thành;8.1.2;2',
        'Tân Thành;8.1.2;2',
      ].join('\n'),
    );
    expect(p.canConfirm).toBe(false);
    expect(p.findings.map((f) => [f.rule, f.code, f.location])).toEqual([
      ['survey-not-survey-criterion', '1.1.1', { line: 2, column: 2 }],
      ['survey-not-survey-criterion', '8.1', { line: 3, column: 2 }],
      ['survey-unknown-criterion', '8.9.9', { line: 4, column: 2 }],
      ['survey-score-out-of-range', '8.1.3', { line: 5, column: 3 }],
      ['survey-score-out-of-range', '8.1.3', { line: 6, column: 3 }],
      ['survey-duplicate', '8.1.3', { line: 6, column: 1 }],
      ['survey-duplicate', '8.1.2', { line: 8, column: 1 }],
    ]);
    expect(p.rows.every((r) => r.status === 'error' || r.unit === 'Xã Tân Thành')).toBe(true);
    const before = await stored();
    const refused = expectError(await confirm(p.token), 422, 'SURVEY_REJECTED');
    expect(refused.message).toBe(
      'Tệp điểm khảo sát có 7 lỗi, không ghi gì. Lỗi đầu tiên: dòng 2, cột 2: Tiêu chí 1.1.1 không chấm bằng điều tra xã hội học: không nhập điểm khảo sát được',
    );
    expect(await stored()).toEqual(before);
  });

  it("a file that cannot be read is refused with its reason; an upload of another round is not this one's", async () => {
    expectError(await upload(round.roundId, '', 'rong.csv'), 422, 'READ_FAILED');
    const p = await preview('Đơn vị,Mã tiêu chí,Điểm\nXã Nam Đà,8.1.1,3\n');
    expectError(await confirm(p.token, {}, MISSING), 410, 'IMPORT_NOT_FOUND');
    expectError(await confirm(TOKEN_NEVER_ISSUED), 410, 'IMPORT_NOT_FOUND');
  });

  it('refuses bad requests and a round that does not exist', async () => {
    expectError(
      await upload(MISSING, 'Đơn vị,Mã tiêu chí,Điểm\nXã Nam Đà,8.1.1,3\n'),
      404,
      'ROUND_NOT_FOUND',
    );
    expectError(
      await call({
        method: 'POST',
        url: '/api/rounds/abc/survey-imports',
        ...multipartFile('a.csv', bytesOf('x')),
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await confirm('not-a-token'), 400, 'VALIDATION_FAILED');
    const p = await preview('Đơn vị,Mã tiêu chí,Điểm\nXã Nam Đà,8.1.1,3\n');
    expectError(
      await call({
        method: 'POST',
        url: `/api/rounds/${round.roundId}/survey-imports/${p.token}/confirm`,
        payload: { units: { 'Xã A': 'một' } },
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('once the round is published, nothing is imported', async () => {
    const p = await preview('Đơn vị,Mã tiêu chí,Điểm\nXã Nam Đà,8.1.1,1\n');
    const today = api.fixture.calendar[0]!.opensOn;
    await api.db
      .updateTable('round_phases')
      .set({ opens_on: today })
      .where('round_id', '=', round.roundId)
      .where('phase', '=', 'publication')
      .execute();
    await roundChanged(api.db, round.roundId);
    expectError(
      await upload(round.roundId, 'Đơn vị,Mã tiêu chí,Điểm\nXã Nam Đà,8.1.1,1\n'),
      409,
      'ROUND_PUBLISHED',
    );
    const before = await stored();
    expectError(await confirm(p.token), 409, 'ROUND_PUBLISHED');
    expect(await stored()).toEqual(before);
  });

  it('exercises its routes', () => {
    expectExercised(api.watch.hits, 'survey');
  });
});
