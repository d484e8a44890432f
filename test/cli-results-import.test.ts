/**
 * `parindex results import FILE --year Y [--pool NAME] [--dry-run] [--map "Tên=ID"] [--json]`
 * through run(), on both engines: what it prints, what it stores, and its exit codes (0 stored or
 * checked, 1 the table's errors or an unmapped name, 2 bad input). The provinces and figures are
 * made up.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { insertPool, replaceBands } from '../src/db/results-repo.js';
import { systemActor } from '../src/modules/access.js';
import { createUnit } from '../src/modules/units-admin.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';

const NOW = new Date('2031-04-06T03:00:00.000Z');

async function cli(args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const env = { USER: 'ketqua' };
  const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t), env, now: () => NOW });
  return { code, out, err };
}

const TABLE = [
  'Tỉnh/thành phố,Chỉ số,Xếp hạng,Nhóm',
  'Sông Lam,"88,20",2,B',
  'Tỉnh Biển Đông,"91,50",1,A',
  'Tỉnh Mới Lập,"80,10",3,B',
].join('\n');

describe.each(ENGINES)('parindex results import on %s', (kind) => {
  let testDb: TestDatabase;
  let dir: string;
  const ids: Record<string, number> = {};
  const db = () => ['--db', testDb.address];
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const stored = async () => {
    const database = await testDb.open();
    try {
      return await database.db
        .selectFrom('result_units as u')
        .innerJoin('results as r', 'r.id', 'u.result_id')
        .select(['r.year', 'r.created_by', 'u.unit_id', 'u.index', 'u.published_rank'])
        .orderBy('u.position')
        .execute();
    } finally {
      await database.close();
    }
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    dir = mkdtempSync(join(tmpdir(), 'parindex-results-'));
    const database = await testDb.open();
    try {
      const deps = { db: database.db, clock: () => NOW };
      for (const name of ['Tỉnh Biển Đông', 'Tỉnh Sông Lam', 'Tỉnh Núi Xanh'])
        ids[name] = (
          await createUnit(deps, systemActor('test'), { name, kind: 'province', parentId: null })
        ).id;
      const poolId = await insertPool(database.db, {
        name: 'Các tỉnh, thành phố (thử)',
        name_key: 'cac tinh, thanh pho (thu)',
        created_at: NOW.toISOString(),
        created_by: 'test',
      });
      await replaceBands(database.db, poolId, 2030, [
        { label: 'A', min_index: '90', colour: '' },
        { label: 'B', min_index: '80', colour: '' },
      ]);
    } finally {
      await database.close();
    }
  });

  afterAll(async () => {
    await testDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a name that is no unit unless mapped (exit 1), storing nothing', async () => {
    const ran = await cli(['results', 'import', file('kq.csv', TABLE), '--year', '2030', ...db()]);
    expect(ran.code).toBe(1);
    expect(ran.err[0]).toBe(`parindex: ${join(dir, 'kq.csv')}: có 1 lỗi, không ghi gì`);
    expect(ran.err).toContain('  Không có đơn vị "Tỉnh Mới Lập": dùng --map "Tỉnh Mới Lập=MÃ_ĐƠN_VỊ"');
    const json = await cli(['results', 'import', join(dir, 'kq.csv'), '--year', '2030', '--json', ...db()]);
    expect(json.code).toBe(1);
    const refused = JSON.parse(json.out.join('\n')) as { error: { code: string; unknownUnits: string[] } };
    expect(refused.error).toMatchObject({ code: 'RESULTS_REJECTED', unknownUnits: ['Tỉnh Mới Lập'] });
    expect(await stored()).toEqual([]);
  });

  it('--dry-run prints the ranking it computes and stores nothing', async () => {
    const ran = await cli([
      'results',
      'import',
      join(dir, 'kq.csv'),
      '--year',
      '2030',
      '--pool',
      'cac tinh, thanh pho (thu)',
      '--dry-run',
      '--map',
      `Tỉnh Mới Lập=${ids['Tỉnh Núi Xanh']}`,
      ...db(),
    ]);
    expect(ran.err).toEqual([]);
    expect(ran.code).toBe(0);
    expect(ran.out).toEqual([
      '  1. Tỉnh Biển Đông: 91,50, nhóm A',
      '  2. Tỉnh Sông Lam: 88,20, nhóm B',
      '  3. Tỉnh Núi Xanh: 80,10, nhóm B',
      'Chạy thử, không ghi gì: sẽ ghi kết quả năm 2030 của "Các tỉnh, thành phố (thử)" với 3 đơn vị; 0 đơn vị có hạng hoặc nhóm khác bản công bố',
    ]);
    expect(await stored()).toEqual([]);
  });

  it('stores with --json: the shape, every row with its computed and published rank and group', async () => {
    const ran = await cli([
      'results',
      'import',
      join(dir, 'kq.csv'),
      '--year',
      '2030',
      '--map',
      `Tỉnh Mới Lập=${ids['Tỉnh Núi Xanh']}`,
      '--json',
      ...db(),
    ]);
    expect(ran.err).toEqual([]);
    expect(ran.code).toBe(0);
    const json = JSON.parse(ran.out.join('\n')) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'dryRun',
      'pool',
      'year',
      'resultId',
      'replaced',
      'differences',
      'units',
      'findings',
    ]);
    expect(json).toMatchObject({
      dryRun: false,
      pool: 'Các tỉnh, thành phố (thử)',
      year: 2030,
      replaced: null,
    });
    expect(json.units).toEqual([
      {
        unit: 'Tỉnh Sông Lam',
        writtenAs: 'Sông Lam',
        unitId: ids['Tỉnh Sông Lam'],
        index: '88.20',
        rank: 2,
        group: 'B',
        publishedRank: 2,
        publishedGroup: 'B',
        scores: {},
      },
      {
        unit: 'Tỉnh Biển Đông',
        writtenAs: 'Tỉnh Biển Đông',
        unitId: ids['Tỉnh Biển Đông'],
        index: '91.50',
        rank: 1,
        group: 'A',
        publishedRank: 1,
        publishedGroup: 'A',
        scores: {},
      },
      {
        unit: 'Tỉnh Núi Xanh',
        writtenAs: 'Tỉnh Mới Lập',
        unitId: ids['Tỉnh Núi Xanh'],
        index: '80.10',
        rank: 3,
        group: 'B',
        publishedRank: 3,
        publishedGroup: 'B',
        scores: {},
      },
    ]);
    expect(await stored()).toEqual([
      {
        year: 2030,
        created_by: 'cli:ketqua',
        unit_id: ids['Tỉnh Sông Lam'],
        index: '88.20',
        published_rank: 2,
      },
      {
        year: 2030,
        created_by: 'cli:ketqua',
        unit_id: ids['Tỉnh Biển Đông'],
        index: '91.50',
        published_rank: 1,
      },
      {
        year: 2030,
        created_by: 'cli:ketqua',
        unit_id: ids['Tỉnh Núi Xanh'],
        index: '80.10',
        published_rank: 3,
      },
    ]);
  });

  it('says where a published rank differs; bad input exits 2', async () => {
    const ran = await cli([
      'results',
      'import',
      file('kq2.csv', 'Đơn vị,Chỉ số,Xếp hạng\nTỉnh Biển Đông,"90,5",2\nTỉnh Sông Lam,"92",1\n'),
      '--year',
      '2030',
      '--dry-run',
      ...db(),
    ]);
    expect(ran.code).toBe(0);
    expect(ran.out[0]).toBe('  1. Tỉnh Sông Lam: 92, nhóm A');
    expect(ran.out.at(-1)).toContain('0 đơn vị có hạng hoặc nhóm khác bản công bố');
    const swapped = await cli([
      'results',
      'import',
      file('kq3.csv', 'Đơn vị,Chỉ số,Xếp hạng\nTỉnh Biển Đông,"90,5",1\nTỉnh Sông Lam,"92",2\n'),
      '--year',
      '2030',
      '--dry-run',
      ...db(),
    ]);
    expect(swapped.out.slice(0, 2)).toEqual([
      '  1. Tỉnh Sông Lam: 92, nhóm A (công bố: hạng 2)',
      '  2. Tỉnh Biển Đông: 90,5, nhóm A (công bố: hạng 1)',
    ]);
    expect(swapped.out.at(-1)).toContain('2 đơn vị có hạng hoặc nhóm khác bản công bố');
    expect((await cli(['results', 'import', join(dir, 'kq.csv'), '--year', '20x', ...db()])).code).toBe(2);
    const noPool = await cli([
      'results',
      'import',
      join(dir, 'kq.csv'),
      '--year',
      '2030',
      '--pool',
      'Không có',
      ...db(),
    ]);
    expect(noPool.code).toBe(2);
    expect(noPool.err.join('\n')).toContain('Không có nhóm xếp hạng "Không có"');
    expect((await stored()).length).toBe(3);
  });
});
