/**
 * `parindex survey import ROUND_ID FILE [--dry-run] [--map "Tên=ID"]` through run(), on both
 * engines: what it prints, what it writes, and its exit codes (0 written or checked, 1 the file's
 * errors or an unmapped name, 2 bad input).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { seedRound, type RoundFixture } from './helpers/rounds.js';

interface Ran {
  code: number;
  out: string[];
  err: string[];
}

const NOW = new Date('2026-12-01T03:00:00.000Z');

async function cli(args: readonly string[]): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const env = { USER: 'khaosat' };
  const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t), env, now: () => NOW });
  return { code, out, err };
}

describe.each(ENGINES)('parindex survey import on %s', (kind) => {
  let testDb: TestDatabase;
  let dir: string;
  let round: RoundFixture;
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
        .selectFrom('assessment_scores')
        .innerJoin('criteria', 'criteria.id', 'assessment_scores.criterion_id')
        .select([
          'assessment_scores.unit_id',
          'criteria.code',
          'assessment_scores.score',
          'assessment_scores.username',
        ])
        .where('round_id', '=', round.roundId)
        .where('stage', '=', 'survey')
        .orderBy('assessment_scores.id')
        .execute();
    } finally {
      await database.close();
    }
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    dir = mkdtempSync(join(tmpdir(), 'parindex-survey-'));
    const database = await testDb.open();
    try {
      round = await seedRound({ db: database.db, clock: () => NOW }, { communes: 3 });
    } finally {
      await database.close();
    }
  });

  afterAll(async () => {
    await testDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const SURVEY = [
    'Đơn vị,Mã tiêu chí,Điểm',
    'Xã Nam Đà,8.1.1,"3,5"',
    'Đắk Mâm,8.1.2,4',
    'Xã Mới,8.1.3,2',
  ].join('\n');

  it('refuses a name that is not a unit of the round unless mapped (exit 1), writing nothing', async () => {
    const ran = await cli(['survey', 'import', String(round.roundId), file('ks.csv', SURVEY), ...db()]);
    expect(ran.code).toBe(1);
    expect(ran.err[0]).toBe(`parindex: ${join(dir, 'ks.csv')}: có 1 lỗi, không ghi gì`);
    expect(ran.err).toContain('  Không có đơn vị "Xã Mới" trong đợt đánh giá: dùng --map "Xã Mới=MÃ_ĐƠN_VỊ"');
    expect(await stored()).toEqual([]);
  });

  it('--dry-run prints what would be written and writes nothing', async () => {
    const quangPhu = round.communes[2]!;
    const ran = await cli([
      'survey',
      'import',
      String(round.roundId),
      join(dir, 'ks.csv'),
      '--dry-run',
      '--map',
      `Xã Mới=${quangPhu.id}`,
      ...db(),
    ]);
    expect(ran.err).toEqual([]);
    expect(ran.code).toBe(0);
    expect(ran.out).toEqual([
      '  Xã Nam Đà, tiêu chí 8.1.1: 3,5',
      '  Xã Đắk Mâm, tiêu chí 8.1.2: 4',
      `  ${quangPhu.name}, tiêu chí 8.1.3: 2`,
      'Chạy thử, không ghi gì: sẽ ghi 3 điểm khảo sát (0 điểm thay điểm cũ); 0 điểm không đổi',
    ]);
    expect(await stored()).toEqual([]);
  });

  it("writes the scores with the names mapped, under the command line's account; a second run replaces", async () => {
    const quangPhu = round.communes[2]!;
    const ran = await cli([
      'survey',
      'import',
      String(round.roundId),
      join(dir, 'ks.csv'),
      '--map',
      `Xã Mới=${quangPhu.id}`,
      ...db(),
    ]);
    expect(ran.code).toBe(0);
    expect(ran.out.at(-1)).toBe('Đã ghi 3 điểm khảo sát (0 điểm thay điểm cũ); 0 điểm không đổi');
    expect(await stored()).toEqual([
      { unit_id: round.communes[0]!.id, code: '8.1.1', score: '3.5', username: 'cli:khaosat' },
      { unit_id: round.communes[1]!.id, code: '8.1.2', score: '4', username: 'cli:khaosat' },
      { unit_id: quangPhu.id, code: '8.1.3', score: '2', username: 'cli:khaosat' },
    ]);
    const again = await cli([
      '--lang',
      'en',
      'survey',
      'import',
      String(round.roundId),
      file('ks2.csv', 'Đơn vị,Mã tiêu chí,Điểm\nXã Nam Đà,8.1.1,3\nXã Đắk Mâm,8.1.2,4\n'),
      '--json',
      ...db(),
    ]);
    expect(again.code).toBe(0);
    const out = JSON.parse(again.out[0]!) as {
      dryRun: boolean;
      written: number;
      replaced: number;
      rows: unknown[];
    };
    expect(out).toMatchObject({ dryRun: false, written: 1, replaced: 1, unchanged: 1 });
    expect(out.rows).toEqual([expect.objectContaining({ code: '8.1.1', score: '3', previous: '3.5' })]);
  });

  it("lists the file's errors with their places (exit 1)", async () => {
    const ran = await cli([
      'survey',
      'import',
      String(round.roundId),
      file('bad.csv', 'Đơn vị,Mã tiêu chí,Điểm\nXã Nam Đà,1.1.1,1\nXã Nam Đà,8.1.2,5\n'),
      ...db(),
    ]);
    expect(ran.code).toBe(1);
    expect(ran.err.slice(1).map((l) => l.replace(/\s+/g, ' ').trim())).toEqual([
      'LỖI 1.1.1 dòng 2, cột 2 Tiêu chí 1.1.1 không chấm bằng điều tra xã hội học: không nhập điểm khảo sát được [survey-not-survey-criterion]',
      'LỖI 8.1.2 dòng 3, cột 3 Điểm 5 nằm ngoài khoảng từ 0 đến điểm tối đa 4 [survey-score-out-of-range]',
    ]);
  });

  it.each([
    [['survey', 'import', 'x', 'ks.csv'], 'x: mã đợt đánh giá phải là số nguyên dương'],
    [
      ['survey', 'import', '1', 'ks.csv', '--map', 'Xã A'],
      '--map "Xã A": hãy ghi tên đơn vị trong tệp = mã đơn vị',
    ],
    [['survey', 'import', '1', 'khong-co.csv'], 'khong-co.csv: không tìm thấy tệp'],
  ])('bad input %j: exit 2, one line', async (args, message) => {
    const ran = await cli(args.map((a) => (a === 'ks.csv' ? join(dir, a) : a)));
    expect(ran.code).toBe(2);
    expect(ran.err).toHaveLength(1);
    expect(ran.err[0]).toContain(message);
  });

  it('a round that does not exist, or a file that cannot be read: exit 2', async () => {
    const missing = await cli(['survey', 'import', '999999', join(dir, 'ks.csv'), ...db()]);
    expect(missing.code).toBe(2);
    expect(missing.err).toEqual([`parindex: ${join(dir, 'ks.csv')}: Không có đợt đánh giá #999999`]);
    const empty = await cli(['survey', 'import', String(round.roundId), file('rong.csv', ''), ...db()]);
    expect(empty.code).toBe(2);
    expect(empty.err).toHaveLength(1);
  });
});
