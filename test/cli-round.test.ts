/**
 * `parindex round create` and `round list` through run() on both engines: a round of a group of
 * communes from the sample commune framework (test/helpers/rounds.ts's province and departments),
 * a list of units, the calendar file in both forms, and the refusals as one line with exit 2 (an
 * option in the wrong form, a calendar file that is not one, a calendar's problems named by phase).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import type { Database } from '../src/db/database.js';
import { RoundSummary, RoundView } from '../src/shared/api.js';
import { z } from 'zod';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { addDays, calendarFrom, seedRound, type RoundFixture } from './helpers/rounds.js';

const NOW = new Date('2026-12-01T03:00:00.000Z');

async function cli(args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: {},
    now: () => NOW,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe.each(ENGINES)('parindex round on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let fixture: RoundFixture;
  let dir: string;
  let db: string[];

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    fixture = await seedRound({ db: database.db, clock: () => NOW }, { communes: 6 });
    await database.close();
    dir = mkdtempSync(join(tmpdir(), 'parindex-round-'));
    db = ['--db', testDb.address];
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await testDb.drop();
  });

  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('round create makes the round of a group from a calendar file; round list shows it', async () => {
    const calendar = file('lich.json', JSON.stringify(calendarFrom('2026-12-01', 7)));
    const created = await cli([
      'round',
      'create',
      '--name',
      'Đánh giá CCHC cấp xã 2026 (đợt 2)',
      '--year',
      '2026',
      '--framework',
      String(fixture.frameworkId),
      '--group',
      `${fixture.provinceId}:commune`,
      '--calendar',
      calendar,
      ...db,
    ]);
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^Đã tạo đợt đánh giá #\d+ «Đánh giá CCHC cấp xã 2026 \(đợt 2\)»: 6 đơn vị/);

    const list = await cli(['round', 'list', '--json', ...db]);
    expect(list.code).toBe(0);
    const rounds = z.array(RoundSummary.omit({ myUnits: true })).parse(JSON.parse(list.out));
    expect(rounds.map((r) => [r.name, r.units, r.phase])).toEqual([
      ['Đánh giá CCHC cấp xã 2026 (đợt 2)', 6, 'self'],
      ['Đánh giá Chỉ số CCHC cấp xã năm 2026', 6, 'self'],
    ]);
    const text = await cli(['--lang', 'en', 'round', 'list', ...db]);
    expect(text.out).toContain('Self-assessment');
    expect(text.out).toContain('0/6 units submitted');
  });

  it('round create takes a list of units and a calendar keyed by phase, and prints JSON', async () => {
    const days = calendarFrom('2026-11-26', 3);
    const calendar = file(
      'lich-theo-giai-doan.json',
      JSON.stringify(
        Object.fromEntries(days.map((p) => [p.phase, { opensOn: p.opensOn, closesOn: p.closesOn }])),
      ),
    );
    const [a, b] = fixture.communes;
    const created = await cli([
      'round',
      'create',
      '--name',
      'Đợt thử',
      '--year',
      '2026',
      '--framework',
      String(fixture.frameworkId),
      '--units',
      `${a!.id},${b!.id}`,
      '--calendar',
      calendar,
      '--json',
      ...db,
    ]);
    expect(created.code, created.err).toBe(0);
    const round = RoundView.parse(JSON.parse(created.out));
    expect(round.units.map((u) => u.unitName).sort()).toEqual([a!.name, b!.name].sort());
    expect(round.phase).toBe('appraisal1');
    expect(round.units.every((u) => u.late && u.lateReason === 'not-submitted')).toBe(true);
  });

  it.each([
    [['--group', '7'], '--group "7"'],
    [['--units', '1,x'], '--units "1,x"'],
    [['--year', '26'], '--year "26"'],
  ])('round create %j stops with exit 2', async (args, message) => {
    const calendar = file('lich-tot.json', JSON.stringify(calendarFrom('2026-12-01')));
    const base = {
      '--name': 'Đợt lỗi',
      '--year': '2026',
      '--framework': String(fixture.frameworkId),
      '--units': String(fixture.communes[0]!.id),
      '--calendar': calendar,
    } as Record<string, string>;
    base[args[0]!] = args[1]!;
    const res = await cli(['round', 'create', ...Object.entries(base).flat(), ...db]);
    expect(res.code).toBe(2);
    expect(res.err).toContain(message);
  });

  it('a calendar file that is not one, or a calendar with problems, is refused naming the phase', async () => {
    const args = (calendar: string) => [
      'round',
      'create',
      '--name',
      'Đợt lỗi',
      '--year',
      '2026',
      '--framework',
      String(fixture.frameworkId),
      '--units',
      String(fixture.communes[0]!.id),
      '--calendar',
      calendar,
      ...db,
    ];
    const notJson = await cli(args(file('lich.txt', 'tự đánh giá: 1/12 – 20/12')));
    expect(notJson.code).toBe(2);
    expect(notJson.err).toContain('lịch phải là JSON');
    const days = calendarFrom('2026-12-01').map((p) =>
      p.phase === 'council' ? { ...p, closesOn: addDays(p.opensOn, -1) } : p,
    );
    const wrong = await cli(args(file('lich-sai.json', JSON.stringify(days))));
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('«Hội đồng thẩm định» kết thúc trước khi bắt đầu');
    const missing = await cli(args(join(dir, 'khong-co.json')));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('không tìm thấy tệp');
    const list = await cli(['round', 'list', '--json', ...db]);
    expect(JSON.parse(list.out)).toHaveLength(3);
  });
});
