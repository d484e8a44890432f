/**
 * The database commands of `parindex` (import, list, export) through run(), on both engines: what
 * they print, what they write, and where the database is when --db is not given.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { DEFAULT_SQLITE_PATH } from '../src/db/database.js';
import { countRows, EMPTY_COUNTS, type TableCounts } from './helpers/db-state.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { SEED_PATH } from './helpers/fixtures.js';

interface Ran {
  code: number;
  out: string[];
  err: string[];
}

interface ImportJson {
  dryRun: boolean;
  format: string;
  plans: { id: number; subject: string; year: number; criteria: number; outcome: string }[];
}

interface ListJson {
  id: number;
  subject: string;
  year: number;
  criteria: number;
  archived: boolean;
}

async function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t), env });
  return { code, out, err };
}

function json<T>(ran: Ran): T {
  expect(ran.err).toEqual([]);
  expect(ran.code).toBe(0);
  expect(ran.out).toHaveLength(1);
  return JSON.parse(ran.out[0]!) as T;
}

/** Runs `work` with a fresh temporary folder as the working directory, then restores both. */
async function inTempCwd(work: (dir: string) => Promise<void>): Promise<void> {
  const previous = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'parindex-cwd-'));
  process.chdir(dir);
  try {
    await work(dir);
  } finally {
    process.chdir(previous);
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(ENGINES)('parindex CLI on %s', (kind) => {
  let testDb: TestDatabase;
  let outDir: string;
  const db = () => ['--db', testDb.address];

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    outDir = mkdtempSync(join(tmpdir(), 'parindex-cli-'));
  });

  afterAll(async () => {
    await testDb?.drop();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  async function counts(): Promise<TableCounts> {
    const database = await testDb.open();
    try {
      return await countRows(database.db);
    } finally {
      await database.close();
    }
  }

  /** Imports the seed (unchanged once it is stored) and returns the plan ids, province first. */
  async function seedIds(): Promise<[number, number]> {
    const result = json<ImportJson>(await cli(['import', SEED_PATH, '--json', ...db()]));
    return [result.plans[0]!.id, result.plans[1]!.id];
  }

  it('import --dry-run says what it would do and writes nothing', async () => {
    const ran = await cli(['import', SEED_PATH, '--dry-run', ...db()]);
    expect(ran.err).toEqual([]);
    expect(ran.code).toBe(0);
    expect(ran.out).toHaveLength(2);
    expect(ran.out[0]).toMatch(/^\(thử\) Kế hoạch #\d+: Tỉnh Đắk Nông năm 2022, 119 tiêu chí — đã tạo mới$/);
    expect(ran.out[1]).toMatch(/^\(thử\) Kế hoạch #\d+: Huyện Krông Nô năm 2023, 146 tiêu chí — đã tạo mới$/);
    expect(await counts()).toEqual(EMPTY_COUNTS);
  });

  it('import --json prints the ids of the plans it created', async () => {
    const result = json<ImportJson>(await cli(['import', SEED_PATH, '--json', ...db()]));
    expect(result).toMatchObject({
      dryRun: false,
      format: 'text',
      plans: [
        { subject: 'Tỉnh Đắk Nông', year: 2022, criteria: 119, outcome: 'created' },
        { subject: 'Huyện Krông Nô', year: 2023, criteria: 146, outcome: 'created' },
      ],
    });
    const database = await testDb.open();
    try {
      const stored = await database.db.selectFrom('plans').select(['id', 'year']).orderBy('year').execute();
      expect(result.plans.map((p) => [p.id, p.year])).toEqual(stored.map((p) => [p.id, p.year]));
    } finally {
      await database.close();
    }
    expect((await counts()).plan_items).toBe(119 + 146);
  });

  it('import of the same file again reports it unchanged', async () => {
    const [province, district] = await seedIds();
    const before = await counts();
    const result = json<ImportJson>(await cli(['import', SEED_PATH, '--json', ...db()]));
    expect(result.plans.map((p) => [p.id, p.outcome])).toEqual([
      [province, 'unchanged'],
      [district, 'unchanged'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('list --json gives id, subject, year and criteria of each plan', async () => {
    const [province, district] = await seedIds();
    expect(json<ListJson[]>(await cli(['list', '--json', ...db()]))).toEqual([
      { id: district, subject: 'Huyện Krông Nô', year: 2023, criteria: 146, archived: false },
      { id: province, subject: 'Tỉnh Đắk Nông', year: 2022, criteria: 119, archived: false },
    ]);
  });

  it('back-fills stale list figures when it opens the database (as after an upgrade)', async () => {
    await seedIds();
    const figures = async (stale?: true) => {
      const database = await testDb.open();
      try {
        if (stale) await database.db.updateTable('plans').set({ figures_version: null }).execute();
        return await database.db.selectFrom('plans').select(['version', 'figures_version']).execute();
      } finally {
        await database.close();
      }
    };
    expect((await figures(true)).every((p) => p.figures_version === null)).toBe(true);
    expect((await cli(['list', ...db()])).code).toBe(0);
    const after = await figures();
    expect(after.length).toBe(2);
    expect(after.every((p) => p.figures_version === p.version)).toBe(true);
  });

  it('list marks an archived plan', async () => {
    const [province, district] = await seedIds();
    const setArchived = async (value: number) => {
      const database = await testDb.open();
      try {
        await database.db.updateTable('plans').set({ archived: value }).where('id', '=', district).execute();
      } finally {
        await database.close();
      }
    };
    await setArchived(1);
    try {
      const listed = await cli(['list', ...db()]);
      expect(listed.code).toBe(0);
      expect(listed.out.find((l) => l.includes('Huyện Krông Nô'))).toMatch(/\[đã lưu trữ\]$/);
      expect(listed.out.find((l) => l.includes('Tỉnh Đắk Nông'))).not.toContain('lưu trữ');
      const json = (await cli(['list', '--json', ...db()])).out.join('\n');
      expect((JSON.parse(json) as ListJson[]).map((p) => [p.id, p.archived])).toEqual([
        [district, true],
        [province, false],
      ]);
    } finally {
      await setArchived(0);
    }
  });

  it.each(['xlsx', 'docx'] as const)(
    'export --format %s writes a file that imports as unchanged',
    async (format) => {
      const ids = await seedIds();
      const before = await counts();
      for (const id of ids) {
        const file = join(outDir, `plan-${id}.${format}`);
        const ran = await cli(['export', String(id), '--format', format, '-o', file, ...db()]);
        expect(ran).toEqual({ code: 0, out: [file], err: [] });
        expect(statSync(file).size).toBeGreaterThan(0);

        const again = json<ImportJson>(await cli(['import', file, '--json', ...db()]));
        expect(again.format).toBe(format);
        expect(again.plans.map((p) => [p.id, p.outcome])).toEqual([[id, 'unchanged']]);
      }
      expect(await counts()).toEqual(before);
    },
  );

  it('export of a plan that does not exist exits 2 with one line and writes no file', async () => {
    const file = join(outDir, 'missing.xlsx');
    const ran = await cli(['export', '999', '--format', 'xlsx', '-o', file, ...db()]);
    expect(ran.code).toBe(2);
    expect(ran.out).toEqual([]);
    expect(ran.err).toHaveLength(1);
    expect(ran.err[0]).toMatch(/^parindex: .*#999$/);
    expect(existsSync(file)).toBe(false);
  });

  it('uses DATABASE_URL when --db is not given', async () => {
    const [province, district] = await seedIds();
    await inTempCwd(async (dir) => {
      const list = json<ListJson[]>(await cli(['list', '--json'], { DATABASE_URL: testDb.address }));
      expect(list.map((p) => p.id)).toEqual([district, province]);
      expect(existsSync(join(dir, 'data'))).toBe(false);
    });
  });

  it('falls back to data/parindex.sqlite in the working directory', async () => {
    await seedIds();
    const before = await counts();
    await inTempCwd(async (dir) => {
      const result = json<ImportJson>(await cli(['import', SEED_PATH, '--json']));
      expect(result.plans.map((p) => p.outcome)).toEqual(['created', 'created']);
      expect(statSync(join(dir, 'data')).isDirectory()).toBe(true);
      expect(statSync(join(dir, DEFAULT_SQLITE_PATH)).isFile()).toBe(true);
      const list = json<ListJson[]>(await cli(['list', '--json']));
      expect(list.map((p) => p.subject)).toEqual(['Huyện Krông Nô', 'Tỉnh Đắk Nông']);
    });
    expect(await counts()).toEqual(before);
  });
});
