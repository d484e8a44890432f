/**
 * The HTTP API through app.inject() on both engines: a pool's result of a year as a workbook
 * (GET /api/results/:id/export.xlsx). Twenty communes seeded by this test through results-repo
 * (insertResult, as an import stores them): the ranking computed (a shared rank, the published rank
 * kept beside), every part per unit with the criteria, the two charts as PNG pictures; read by any
 * plan reader, refused without a session.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fold } from '../src/core/text.js';
import { insertPool, insertResult, replaceBands } from '../src/db/results-repo.js';
import { insertUnit } from '../src/db/units-repo.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { apiHarness, expectError, MISSING, PROVINCE } from './helpers/api-harness.js';
import { ENGINES } from './helpers/databases.js';
import { signIn, withSession } from './helpers/http.js';
import { rankingSample } from './helpers/ranking-sample.js';
import { expectExercised } from './helpers/route-table.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

describe.each(ENGINES)('HTTP API, the results workbook, on %s', (kind) => {
  const api = apiHarness(kind);
  let resultId = 0;
  let unitIds: number[] = [];
  const sample = rankingSample(20);

  beforeAll(async () => {
    const at = api.clock().toISOString();
    // twenty units of the register, in the sample's order
    const province = await api.db
      .selectFrom('units')
      .select('id')
      .where('name', '=', PROVINCE)
      .executeTakeFirstOrThrow();
    unitIds = [];
    for (let i = 0; i < 20; i++) {
      const name = `Xã Số ${i + 1}`;
      unitIds.push(
        await insertUnit(api.db, {
          name,
          name_key: fold(name),
          kind: 'xa',
          parent_id: province.id,
          created_at: at,
        }),
      );
    }
    const poolId = await insertPool(api.db, {
      name: 'Xã, phường tỉnh Mẫu',
      name_key: 'xa, phuong tinh mau',
      created_at: at,
      created_by: 'test',
    });
    await replaceBands(
      api.db,
      poolId,
      2025,
      sample.bands.map((b) => ({ label: b.label, min_index: b.minIndex, colour: b.colour })),
    );
    const byPosition = [...sample.units].sort((a, b) => a.unitId - b.unitId);
    resultId = await insertResult(
      api.db,
      {
        pool_id: poolId,
        year: 2025,
        source: 'import',
        round_id: null,
        framework_id: null,
        title: 'Kết quả Chỉ số CCHC năm 2025',
        source_name: 'ket-qua-2025.xlsx',
        created_at: at,
        created_by: 'test',
      },
      [
        ...sample.parts.map((p) => ({
          code: p.code,
          kind: p.kind,
          parent_code: null,
          name: p.name,
          max: p.max,
        })),
        { code: '8.1', kind: 'criterion' as const, parent_code: '8', name: 'Chỉ số hài lòng', max: '10' },
      ],
      // in the publication's order, the last first: the workbook ranks them
      byPosition.reverse().map((u) => ({
        unit_id: unitIds[u.unitId - 100]!,
        name: u.writtenAs,
        points: u.points,
        max: u.max,
        index: u.index,
        published_rank: u.publishedRank,
        published_group: u.publishedGroup,
        scores: [
          ...sample.parts.map((p) => ({ code: p.code, score: u.scores[p.code] ?? null, max: null })),
          { code: '8.1', score: u.unitId === 100 ? '9.57' : '8', max: null },
        ],
      })),
    );
  });

  it('answers the workbook: the ranking computed, every part per unit, the charts as pictures', async () => {
    const res = await api.call({ method: 'GET', url: `/api/results/${resultId}/export.xlsx` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="ket-qua-xa-phuong-tinh-mau-2025.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Xếp hạng', 'Điểm chi tiết', 'Biểu đồ']);

    const ranking = workbook.getWorksheet('Xếp hạng')!;
    const rows = sample.units.map((_u, i) => {
      const row = ranking.getRow(5 + i);
      return [row.getCell(1).value, row.getCell(2).value, row.getCell(3).value, row.getCell(4).value];
    });
    const byName = (a: unknown[], b: unknown[]) => String(a[1]).localeCompare(String(b[1]));
    expect(rows.sort(byName)).toEqual(
      sample.units.map((u) => [String(u.rank), u.unit, Number(u.index), u.group]).sort(byName),
    );
    // the 4th and 5th share a rank and keep the publication's order (the 5th was written first)
    expect([4, 5].map((r) => [ranking.getCell(r + 4, 1).value, ranking.getCell(r + 4, 2).value])).toEqual([
      ['4', 'Xã Số 5'],
      ['4', 'Xã Số 4'],
    ]);
    // the 3rd was published one place lower
    expect(ranking.getCell(7, 13).value).toBe('4');

    const parts = workbook.getWorksheet('Điểm chi tiết')!;
    expect(parts.getCell(4, 11).value).toBe('8.1');
    expect([parts.getCell(6, 2).value, parts.getCell(6, 11).value]).toEqual(['Xã Số 1', 9.57]);
    expect([parts.getCell(7, 2).value, parts.getCell(7, 11).value]).toEqual(['Xã Số 2', 8]);

    const pictures = workbook.getWorksheet('Biểu đồ')!.getImages();
    expect(pictures).toHaveLength(2);
    for (const picture of pictures) {
      const media = workbook.getImage(Number(picture.imageId));
      expect([...(media.buffer as unknown as Uint8Array).subarray(0, 4)]).toEqual(PNG_SIGNATURE);
    }
  });

  it('is read by a plan reader, not without a session', async () => {
    await addUser({ db: api.db, clock: api.clock }, 'xem-ket-qua', [{ role: 'viewer', unitId: null }]);
    const session = await signIn(api.app, 'xem-ket-qua', TEST_PASSWORD);
    const res = await api.app.inject(
      withSession({ method: 'GET', url: `/api/results/${resultId}/export.xlsx` }, session),
    );
    expect(res.statusCode).toBe(200);
    const anonymous = await api.app.inject({ method: 'GET', url: `/api/results/${resultId}/export.xlsx` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses an id that is not one, and a result that does not exist', async () => {
    expectError(
      await api.call({ method: 'GET', url: '/api/results/abc/export.xlsx' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await api.call({ method: 'GET', url: `/api/results/${MISSING}/export.xlsx` }),
      404,
      'RESULT_NOT_FOUND',
    );
  });

  it('exercises its part of the route table', () => {
    expectExercised(api.watch.hits, 'results-export');
  });
});
