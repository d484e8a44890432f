/**
 * `parindex plan next --unit NAME --year Y [--share AREA=F] [--manual AREA] [-o FILE]` through run(),
 * on both engines: the draft written as an appendix (read back by formats/read.ts, nothing stored),
 * then stored as the unit's plan, a second time refused (exit 1), and bad input (exit 2). The result
 * is written through results-repo.insertResult (helpers/next-plan-result.ts): 1.1 at 1,46 of 1,5.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { readPlans } from '../src/formats/read.js';
import { toDecimalString } from '../src/core/score.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import { PROVINCE, SAMPLES } from './helpers/api-harness.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { resultOfPlan } from './helpers/next-plan-result.js';

const NOW = new Date('2023-01-10T03:00:00.000Z');

async function cli(args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { USER: 'kehoach' },
    now: () => NOW,
  });
  return { code, out, err };
}

describe.each(ENGINES)('parindex plan next on %s', (kind) => {
  let testDb: TestDatabase;
  let dir: string;
  const db = () => ['--db', testDb.address];
  const plansOf = async () => {
    const database = await testDb.open();
    try {
      return await database.db.selectFrom('plans').select(['id', 'year']).orderBy('id').execute();
    } finally {
      await database.close();
    }
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    dir = mkdtempSync(join(tmpdir(), 'parindex-next-'));
    const database = await testDb.open();
    try {
      const deps = { db: database.db, clock: () => NOW };
      const [province] = await loadSamplesIfEmpty(deps, SAMPLES);
      await resultOfPlan(database.db, NOW, province!.planId, 2022, { '1.1': '1.46' });
    } finally {
      await database.close();
    }
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await testDb?.drop();
  });

  it.each(['xlsx', 'docx'])('writes the draft as %s without storing it', async (ext) => {
    const before = await plansOf();
    const out = join(dir, `ke-hoach-2023.${ext}`);
    const ran = await cli([
      'plan',
      'next',
      '--unit',
      'tỉnh đắk nông',
      '--year',
      '2023',
      '--share',
      '1=0.5',
      '-o',
      out,
      ...db(),
    ]);
    expect(ran.err).toEqual([]);
    expect(ran.code).toBe(0);
    expect(ran.out.join('\n')).toContain(`${PROVINCE} năm 2023`);
    const read = await readPlans(new Uint8Array(readFileSync(out)));
    if (!read.ok) throw new Error(read.failure.code);
    const doc = read.plans[0]!;
    expect(doc.subject?.name).toBe(PROVINCE);
    expect(doc.plan.year).toBe(2023);
    expect(doc.plan.baselineYear).toBe(2022);
    const row = doc.plan.rows.find((r) => r.code === '1.1')!;
    expect([toDecimalString(row.baseline!), toDecimalString(row.target!)]).toEqual(['1.46', '1.48']);
    expect(await plansOf()).toEqual(before);
  });

  it('stores the draft and prints its id; a second time is refused with exit 1', async () => {
    const before = new Set((await plansOf()).map((p) => p.id));
    const ran = await cli(['plan', 'next', '--unit', PROVINCE, '--year', '2023', ...db()]);
    expect(ran.err).toEqual([]);
    expect(ran.code).toBe(0);
    const created = (await plansOf()).find((p) => !before.has(p.id))!;
    expect(created.year).toBe(2023);
    expect(ran.out).toEqual([`Đã lưu dự thảo kế hoạch #${created.id} của ${PROVINCE} năm 2023`]);
    const again = await cli(['plan', 'next', '--unit', PROVINCE, '--year', '2023', ...db()]);
    expect(again.code).toBe(1);
    expect(again.err.join('\n')).toContain(`#${created.id}`);
  });

  it.each([
    [['--unit', 'Tỉnh Không Có', '--year', '2023'], 'không có đơn vị tên này'],
    [['--unit', PROVINCE, '--year', '2022'], 'không có kết quả nào trước năm 2022'],
    [['--unit', PROVINCE, '--year', 'sau'], '--year sau'],
    [['--unit', PROVINCE, '--year', '2024', '--share', '1=2'], '"1=2"'],
  ])('refuses %j with exit 2', async (args, message) => {
    const ran = await cli(['plan', 'next', ...args, ...db()]);
    expect(ran.code).toBe(2);
    expect(ran.err.join('\n')).toContain(message);
  });
});
