/**
 * `parindex round results ROUND_ID --json` and `parindex assessment export ROUND_ID -o FILE` through
 * run(), on both engines: a seeded round with self-scores and appraisal scores written into the
 * tables; the JSON's exact shape and figures, the workbook read back, bad and missing round ids.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { seedRound, type RoundFixture } from './helpers/rounds.js';

async function cli(args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
  return { code, out, err };
}

describe.each(ENGINES)('parindex round results and assessment export on %s', (kind) => {
  let testDb: TestDatabase;
  let round: RoundFixture;
  let dir = '';
  const db = () => ['--db', testDb.address];

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    dir = mkdtempSync(join(tmpdir(), 'parindex-assessment-'));
    const database = await testDb.open();
    try {
      const clock = () => new Date('2026-12-05T03:00:00Z');
      round = await seedRound({ db: database.db, clock }, { communes: 3 });
      const ids = new Map(
        (
          await database.db
            .selectFrom('criteria')
            .select(['id', 'code'])
            .where('framework_id', '=', round.frameworkId)
            .execute()
        ).map((r) => [r.code, r.id]),
      );
      const at = clock().toISOString();
      const [a, b] = round.communes;
      const answer = (unit: number, code: string, score: string) => ({
        round_id: round.roundId,
        unit_id: unit,
        criterion_id: ids.get(code)!,
        answer: JSON.stringify({ kind: 'choice', option: 0 }),
        score,
        not_applicable_reason: null,
        updated_at: at,
        updated_by: 'test',
      });
      await database.db
        .insertInto('assessment_answers')
        .values([answer(a!.id, '1.1.1', '1'), answer(a!.id, '1.1.4', '2'), answer(b!.id, '1.1.1', '0.5')])
        .execute();
      await database.db
        .insertInto('assessment_scores')
        .values({
          round_id: round.roundId,
          unit_id: a!.id,
          criterion_id: ids.get('1.1.4')!,
          stage: 'appraisal1',
          answer: null,
          score: '1',
          username: 'test',
          at,
        })
        .execute();
    } finally {
      await database.close();
    }
  });

  afterAll(async () => {
    await testDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round results --json prints exactly units with unit, self, appraised, final, max, index', async () => {
    const r = await cli(['round', 'results', String(round.roundId), '--json', ...db()]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const [a, b, c] = round.communes.map((x) => x.name);
    expect(JSON.parse(r.out.join('\n'))).toEqual({
      units: [
        // 1 + 2 self; appraisal 1 takes 1.1.4 to 1: 2 of 100
        { unit: a, self: '3', appraised: '2', final: '2', max: '100', index: '2' },
        { unit: b, self: '0.5', appraised: '0.5', final: '0.5', max: '100', index: '0.5' },
        { unit: c, self: '0', appraised: '0', final: '0', max: '100', index: '0' },
      ],
    });
  });

  it('round results prints a ranked table in the chosen language', async () => {
    const r = await cli(['--lang', 'en', 'round', 'results', String(round.roundId), ...db()]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toContain('Rank');
    expect(r.out[1]).toMatch(/^\s+1 {2}Xã Nam Đà \/ 3 \/ 2 \/ 2 \/ 100 \/ 2$/);
  });

  it('assessment export -o writes the workbook', async () => {
    const out = join(dir, 'ket-qua.xlsx');
    const r = await cli(['assessment', 'export', String(round.roundId), '-o', out, ...db()]);
    expect(r.err).toEqual([]);
    expect(r.out).toEqual([out]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Chi tiết']);
    const summary = book.getWorksheet('Tổng hợp')!;
    expect(summary.getCell(6, 2).value).toBe(round.communes[0]!.name);
    expect([3, 4, 5].map((col) => summary.getCell(6, col).value)).toEqual([3, 2, 2]);
  });

  it('refuses a bad or missing round id with exit 2', async () => {
    const bad = await cli(['round', 'results', 'x', ...db()]);
    expect([bad.code, bad.err]).toEqual([2, ['parindex: x: mã đợt đánh giá phải là số nguyên dương']]);
    const missing = await cli(['assessment', 'export', '999999', '-o', join(dir, 'x.xlsx'), ...db()]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toContain('999999');
  });
});
