/**
 * `parindex ranking --year Y [--pool NAME] [--json]` and `parindex results list` through run(), on
 * both engines: the ranking computed from the stored result (tie-break, bands, a published rank that
 * differs as a finding), the pool chosen by name without diacritics, and the exit codes (2 for a bad
 * year, no result, or a year with several pools and no --pool).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { seedResult } from './helpers/results.js';

const NOW = new Date('2026-12-01T03:00:00.000Z');

async function cli(args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { USER: 'xephang' },
    now: () => NOW,
  });
  return { code, out, err };
}

describe.each(ENGINES)('parindex ranking and results list on %s', (kind) => {
  let testDb: TestDatabase;
  const db = () => ['--db', testDb.address];

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    const database = await testDb.open();
    try {
      const parts = [
        { code: 'appraised', kind: 'component' as const, name: 'Điểm thẩm định', max: '60' },
        { code: 'sipas', kind: 'component' as const, name: 'SIPAS', max: '10' },
      ];
      await seedResult(database.db, {
        pool: 'Các tỉnh, thành phố',
        year: 2024,
        tieBreak: ['sipas'],
        bands: [
          { label: 'A', minIndex: '90' },
          { label: 'B', minIndex: '80' },
        ],
        parts,
        units: [
          { name: 'Thành phố Hải Phòng', index: '91.5', rank: 1, scores: { appraised: '57', sipas: '9.5' } },
          { name: 'Tỉnh Quảng Ninh', index: '88', rank: 2, scores: { appraised: '55', sipas: '8' } },
          {
            name: 'Tỉnh Đắk Nông',
            index: '88',
            rank: 2,
            group: 'B',
            scores: { appraised: '54', sipas: '9' },
          },
        ],
      });
      await seedResult(database.db, {
        pool: 'Các xã',
        year: 2025,
        parts,
        units: [{ name: 'Xã Nam Đà', index: '80', scores: { appraised: '50' } }],
      });
      await seedResult(database.db, {
        pool: 'Các phường',
        year: 2025,
        parts,
        units: [{ name: 'Phường Bắc Gia Nghĩa', index: '82', scores: { appraised: '51' } }],
      });
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('prints a pool’s ranking as JSON: ranks by index then SIPAS, groups by the bands, differences found', async () => {
    const ran = await cli(['ranking', '--year', '2024', '--json', ...db()]);
    expect(ran.err).toEqual([]);
    expect(ran.code).toBe(0);
    const json = JSON.parse(ran.out.join('\n')) as {
      units: unknown[];
      findings: { rule: string; message: string }[];
    };
    expect(json.units).toEqual([
      {
        unit: 'Thành phố Hải Phòng',
        index: '91.5',
        rank: 1,
        group: 'A',
        components: { appraised: '57', sipas: '9.5' },
      },
      {
        unit: 'Tỉnh Đắk Nông',
        index: '88',
        rank: 2,
        group: 'B',
        components: { appraised: '54', sipas: '9' },
      },
      {
        unit: 'Tỉnh Quảng Ninh',
        index: '88',
        rank: 3,
        group: 'B',
        components: { appraised: '55', sipas: '8' },
      },
    ]);
    expect(json.findings.map((f) => [f.rule, f.message])).toEqual([
      ['result-rank-differs', 'Tỉnh Quảng Ninh: văn bản công bố xếp hạng 2, tính lại từ chỉ số được hạng 3'],
    ]);
  });

  it('prints a table, the pool named without diacritics; refuses a year with several pools and no --pool, a pool there is not', async () => {
    const ran = await cli(['ranking', '--year', '2025', '--pool', 'cac phuong', ...db()]);
    expect(ran.code).toBe(0);
    expect(ran.out).toEqual([
      'Hạng  Chỉ số   Xếp loại  Đơn vị  (hạng / xếp loại đã công bố)',
      '   1  82       —         Phường Bắc Gia Nghĩa',
    ]);
    const several = await cli(['ranking', '--year', '2025', ...db()]);
    expect(several.code).toBe(2);
    expect(several.err.join('\n')).toContain('Năm 2025 có kết quả của nhiều nhóm');
    const noPool = await cli(['ranking', '--year', '2025', '--pool', 'Các quận', ...db()]);
    expect(noPool.code).toBe(2);
    expect(noPool.err).toEqual(['parindex: Không có nhóm xếp hạng "Các quận"']);
    const none = await cli(['ranking', '--year', '2023', ...db()]);
    expect(none.code).toBe(2);
    expect(none.err.join('\n')).toContain('Không có kết quả xếp hạng năm 2023');
    const bad = await cli(['ranking', '--year', 'năm ngoái', ...db()]);
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toContain('năm ngoái: năm phải là số từ 2000 đến 2100');
  });

  it('lists the results, newest year first', async () => {
    const ran = await cli(['results', 'list', '--json', ...db()]);
    expect(ran.code).toBe(0);
    const json = JSON.parse(ran.out.join('\n')) as {
      results: { year: number; poolName: string; units: number }[];
    };
    expect(json.results.map((r) => [r.year, r.poolName, r.units])).toEqual([
      [2025, 'Các phường', 1],
      [2025, 'Các xã', 1],
      [2024, 'Các tỉnh, thành phố', 3],
    ]);
    const text = await cli(['results', 'list', ...db()]);
    expect(text.out[0]).toBe('Mã  Năm   Nhóm xếp hạng / Tiêu đề / Số đơn vị / Nguồn');
    expect(text.out).toHaveLength(4);
  });
});
