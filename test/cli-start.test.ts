/**
 * The command line's start: the built `parindex` (bin/parindex.js → dist/cli/index.js, so
 * `npm run build` first, as `npm test` does) runs under a `--import` hook (node:module register, a
 * resolve hook) that writes every module it resolves to a file — in the main thread and in the read
 * worker, which inherits the flag. `check` of the seed text file, `--help` and `--version` load
 * none of the heavy packages, and `check` of a text file reads it without the worker pool
 * (cli/read-local.ts) while a workbook still goes through it; a database command and a workbook do load theirs (so the record would
 * see them), and the help of every command still lists its options and subcommands although no
 * action's modules are loaded to print it. Speed is bench/cli.ts's (BENCHMARKS.md), not asserted here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, Option } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../src/cli/context.js';
import { COMMANDS, run } from '../src/cli/main.js';
import { summaryJson, summaryText } from '../src/cli/output.js';
import { summarise } from '../src/core/summary.js';
import { readPlans } from '../src/formats/read.js';
import { closeReadPool, readPlansIsolated } from '../src/formats/read-pool.js';
import { readPlansLocal } from '../src/cli/read-local.js';
import { MAX_COLUMNS } from '../src/shared/limits.js';
import { createTestDatabase, ENGINES } from './helpers/databases.js';
import { ROOT, SEED_PATH, seedBytes } from './helpers/fixtures.js';

/** Packages a command that reads a text file, or prints its help, has no use for. */
const HEAVY = [
  'exceljs',
  'mammoth',
  'docx',
  'pg',
  'kysely',
  'better-sqlite3',
  'echarts',
  '@aws-sdk/client-s3',
];

const BIN = join(ROOT, 'bin', 'parindex.js');
const FRAMEWORK_XLSX = resolve(ROOT, 'samples/frameworks/bo-tieu-chi-cap-xa-2026.xlsx');

let dir: string;
let hook: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'index.js'))) throw new Error('run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'parindex-cli-start-'));
  // the hooks run in their own thread: the file to write to comes with register()'s data
  writeFileSync(
    join(dir, 'hooks.mjs'),
    [
      "import { appendFileSync } from 'node:fs';",
      'let file;',
      'export function initialize(data) { file = data.file; }',
      'export async function resolve(specifier, context, next) {',
      '  const resolved = await next(specifier, context);',
      '  appendFileSync(file, `${specifier}\\t${resolved.url}\\n`);',
      '  return resolved;',
      '}',
    ].join('\n'),
  );
  hook = join(dir, 'record.mjs');
  writeFileSync(
    hook,
    [
      "import { register } from 'node:module';",
      "register(new URL('./hooks.mjs', import.meta.url), { data: { file: process.env.PARINDEX_LOAD_RECORD } });",
    ].join('\n'),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
  /** every module resolved, as `specifier<TAB>url` */
  loaded: string[];
}

let runs = 0;

/** The built command under the recording hook. */
function parindex(args: readonly string[]): Ran {
  const record = join(dir, `loaded-${++runs}.txt`);
  writeFileSync(record, '');
  const result = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PARINDEX_LOAD_RECORD: record, PARINDEX_LANG: '', PARINDEX_DEBUG: '' },
  });
  const loaded = readFileSync(record, 'utf8').split('\n').filter(Boolean);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, loaded };
}

/** The heavy packages among the modules resolved: by bare name or by their folder in node_modules. */
function heavyLoaded(loaded: readonly string[]): string[] {
  return HEAVY.filter((name) =>
    loaded.some((line) => {
      const [specifier = '', url = ''] = line.split('\t');
      return specifier === name || specifier.startsWith(`${name}/`) || url.includes(`/node_modules/${name}/`);
    }),
  );
}

const resolvedFrom = (loaded: readonly string[], path: string) =>
  loaded.some((line) => line.split('\t')[1]?.endsWith(path));

describe('parindex check of a text file', () => {
  it('reads it in the main thread: no read worker, none of the heavy packages', () => {
    const ran = parindex(['check', SEED_PATH]);
    expect(ran.stderr).toBe('');
    expect(resolvedFrom(ran.loaded, '/dist/formats/read.js')).toBe(true);
    // cli/read-local.ts: a text file skips the worker pool (piscina, a second isolate)
    expect(resolvedFrom(ran.loaded, '/dist/formats/read-pool.js')).toBe(false);
    expect(ran.loaded.some((line) => line.includes('/node_modules/piscina/'))).toBe(false);
    expect(heavyLoaded(ran.loaded)).toEqual([]);
  });

  it('a workbook given to check still goes to the read worker (exceljs loaded there)', () => {
    const ran = parindex(['check', FRAMEWORK_XLSX]);
    expect(resolvedFrom(ran.loaded, '/dist/formats/read-pool.js')).toBe(true);
    expect(heavyLoaded(ran.loaded)).toEqual(['exceljs']);
  });

  it('a text file past a limit gets the failure the worker gives it; past the time, too-slow', async () => {
    // one column more than MAX_COLUMNS: scan.ts refuses it before csv-parse builds a row
    const wide = new TextEncoder().encode(
      `${Array.from({ length: MAX_COLUMNS + 1 }, () => 'x').join('\t')}\n`,
    );
    const local = await readPlansLocal(wide);
    expect(local.ok).toBe(false);
    expect(local).toEqual(await readPlansIsolated(wide));
    await closeReadPool();
    expect(await readPlansLocal(seedBytes(), -1)).toEqual({
      ok: false,
      failure: { code: 'too-slow', detail: String(-1 / 1000) },
    });
    expect(await readPlansLocal(seedBytes())).toEqual(await readPlans(seedBytes()));
  });

  it('prints what the reader and the checker find, the same as reading the file in process', async () => {
    const read = await readPlans(seedBytes());
    if (!read.ok) throw new Error('the seed reads');
    const docs = read.plans.map((p) => ({ summary: summarise(p.plan), findings: p.findings }));
    const hasErrors = docs.some((d) => d.findings.some((f) => f.severity === 'error'));

    const text = parindex(['check', SEED_PATH]);
    expect(text.stdout).toBe(
      `${docs.map((d) => summaryText(d.summary, d.findings, 'vi', false)).join('\n\n')}\n`,
    );
    expect(text.status).toBe(hasErrors ? 1 : 0);

    const json = parindex(['--lang', 'en', 'check', SEED_PATH, '--json', '--info']);
    expect(JSON.parse(json.stdout)).toEqual(
      JSON.parse(JSON.stringify({ documents: docs.map((d) => summaryJson(d.summary, d.findings)) })),
    );
    expect(json.status).toBe(text.status);
    expect(heavyLoaded(json.loaded)).toEqual([]);
  });
});

describe('parindex --help and --version', () => {
  it('print the help and the version without loading a heavy package', async () => {
    const help = parindex(['--help']);
    expect(help.status).toBe(0);
    expect(heavyLoaded(help.loaded)).toEqual([]);
    const inProcess: string[] = [];
    await run(['--help'], { out: (t) => inProcess.push(t), err: (t) => inProcess.push(t), env: {} });
    expect(help.stdout).toBe(`${inProcess.join('\n')}\n`);

    const version = parindex(['--version']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`${pkg.version}\n`);
    expect(heavyLoaded(version.loaded)).toEqual([]);

    const create = parindex(['round', 'create', '--help']);
    expect(create.stdout).toContain('--calendar <file>');
    expect(heavyLoaded(create.loaded)).toEqual([]);
  });
});

describe('the record sees what a command does load', () => {
  it('a workbook: exceljs in the read worker', () => {
    const ran = parindex(['framework', 'check', FRAMEWORK_XLSX, '--json']);
    expect(ran.stderr).toBe('');
    expect(heavyLoaded(ran.loaded)).toEqual(['exceljs']);
  });

  for (const kind of ENGINES) {
    it(`a database command opens the database (${kind}): kysely and its driver`, async () => {
      const database = await createTestDatabase(kind);
      try {
        const ran = parindex(['list', '--json', '--db', database.address]);
        expect(ran.stderr).toBe('');
        expect(JSON.parse(ran.stdout)).toEqual([]);
        const loaded = heavyLoaded(ran.loaded);
        expect(loaded).toContain('kysely');
        expect(loaded).toContain(kind === 'sqlite' ? 'better-sqlite3' : 'pg');
      } finally {
        await database.drop();
      }
    });
  }
});

/** A context for declaring the commands only: any action that ran would throw. */
function declaringContext(): CliContext {
  const never = (): never => {
    throw new Error('only declared');
  };
  return {
    io: { out: never, err: never, env: {} },
    lang: () => 'vi',
    text: never,
    withDatabase: never,
    fail: never,
    setExitCode: never,
    user: 'cli:test',
    now: never,
    dbOption: () => new Option('--db <address>', 'CSDL'),
  };
}

/** Every command of the tree with the path that names it, groups and leaves. */
function commandsOf(command: Command, path: string[] = []): { path: string[]; command: Command }[] {
  return command.commands.flatMap((c) => {
    const here = [...path, c.name()];
    return [{ path: here, command: c }, ...commandsOf(c, here)];
  });
}

describe('the help of every command', () => {
  it('lists its options and its subcommands', async () => {
    const declared = new Command('parindex');
    for (const command of COMMANDS) command(declared, declaringContext());
    const all = commandsOf(declared);
    expect(all.length).toBeGreaterThan(30);
    for (const { path, command } of all) {
      const out: string[] = [];
      expect(
        await run([...path, '--help'], { out: (t) => out.push(t), err: (t) => out.push(t), env: {} }),
      ).toBe(0);
      const help = out.join('\n');
      expect(help, path.join(' ')).toContain(`Usage: parindex ${path.join(' ')}`);
      for (const option of command.options) expect(help, path.join(' ')).toContain(option.flags);
      for (const sub of command.commands) expect(help, path.join(' ')).toContain(sub.name());
    }
  });
});
