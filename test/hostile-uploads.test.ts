/**
 * Crafted uploads (issue 7): files small on disk and huge once read, made by test/helpers/hostile.ts.
 * Each is refused with one message naming the limit passed and where, in Vietnamese and English;
 * through a real listening server, /api/health answers within a second while the file is read and
 * after. Malformed multipart bodies are a 400 with a message, and file names are kept cleaned and
 * at most 255 characters long.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { readFailureMessage } from '../src/formats/errors.js';
import { createReadPool, readPlansIsolated } from '../src/formats/read-pool.js';
import { writeDocx } from '../src/formats/docx-write.js';
import { writeXlsx } from '../src/formats/xlsx-write.js';
import { buildApp } from '../src/http/app.js';
import { ImportPreview } from '../src/shared/api.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { seedBytes } from './helpers/fixtures.js';
import {
  docxOfBody,
  docxWideSpan,
  entriesOf,
  lyingEntry,
  rawZip,
  xlsxFarColumn,
  xlsxManyRows,
} from './helpers/hostile.js';
import { multipartFile, signIn, type SignedIn } from './helpers/http.js';
import { readSeed } from './helpers/plans.js';

interface Attack {
  name: string;
  make: () => Uint8Array;
  vi: string;
  en: string;
}

const GB = 1024 ** 3;
/** 16 MB on disk, made once for both engines */
let honest: Uint8Array | undefined;
let seedXlsx: Uint8Array = new Uint8Array();
let seedDocx: Uint8Array = new Uint8Array();

const ATTACKS: Attack[] = [
  {
    name: 'a sheet with one cell at XFD1 and 20,000 one-cell rows',
    make: xlsxFarColumn,
    vi: "tệp vượt giới hạn đọc: hơn 200 cột, tại trang tính 'Phụ lục', ô XFD1",
    en: "the file is past a reading limit: more than 200 columns, at sheet 'Phụ lục', cell XFD1",
  },
  {
    name: 'a Word cell spanning 200,000,000 columns',
    make: docxWideSpan,
    vi: 'tệp vượt giới hạn đọc: một ô gộp hơn 200 cột, tại bảng 1, hàng 2, cột 1',
    en: 'the file is past a reading limit: a cell spanning more than 200 columns, at table 1, row 2, column 1',
  },
  {
    name: 'an XLSX whose theme declares 4 KB and inflates to 3 GB',
    make: () =>
      rawZip([
        ...entriesOf(seedXlsx).filter((e) => e.name !== 'xl/theme/theme1.xml'),
        lyingEntry('xl/theme/theme1.xml', 3 * GB - 1),
      ]),
    vi: 'tệp vượt giới hạn đọc: nội dung giải nén hơn 32 MB, tại phần xl/theme/theme1.xml',
    en: 'the file is past a reading limit: more than 32 MB once unpacked, at part xl/theme/theme1.xml',
  },
  {
    name: 'an XLSX whose sheet declares 4 KB and inflates to 1.2 GB',
    make: () =>
      rawZip([
        ...entriesOf(seedXlsx).filter((e) => e.name !== 'xl/worksheets/sheet1.xml'),
        lyingEntry('xl/worksheets/sheet1.xml', 1.2 * GB),
      ]),
    vi: 'nội dung giải nén hơn 32 MB, tại phần xl/worksheets/sheet1.xml',
    en: 'more than 32 MB once unpacked, at part xl/worksheets/sheet1.xml',
  },
  {
    name: 'a DOCX with a theme that declares 4 KB and inflates to 1.2 GB',
    make: () => rawZip([...entriesOf(seedDocx), lyingEntry('word/theme/theme1.xml', 1.2 * GB)]),
    vi: 'nội dung giải nén hơn 32 MB, tại phần word/theme/theme1.xml',
    en: 'more than 32 MB once unpacked, at part word/theme/theme1.xml',
  },
  {
    name: 'a sheet of 20,001 rows',
    make: () => xlsxManyRows(20_001),
    vi: "tệp vượt giới hạn đọc: hơn 20.000 hàng, tại trang tính 'Phụ lục', hàng 20001",
    en: "the file is past a reading limit: more than 20,000 rows, at sheet 'Phụ lục', row 20001",
  },
];

beforeAll(async () => {
  const plans = (await readSeed()).map((p) => p.plan);
  seedXlsx = await writeXlsx(plans);
  seedDocx = await writeDocx(plans);
});

describe('reading crafted files in the worker pool', () => {
  it.each(ATTACKS)('refuses $name with one message naming the limit and where', async (attack) => {
    const read = await readPlansIsolated(attack.make());
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.failure.code).toBe('over-limit');
    expect(readFailureMessage(read.failure, 'vi')).toContain(attack.vi);
    expect(readFailureMessage(read.failure, 'en')).toContain(attack.en);
  });

  it('reads a sheet of 20,000 rows, the cap itself', async () => {
    const read = await readPlansIsolated(xlsxManyRows(20_000));
    // a column of numbers is no appendix: the reader went through it and found no header
    expect(read.ok ? 'plans' : read.failure.code).toBe('no-header');
  });

  it('ends the worker of a file that needs more memory than allowed, and reads the next file', async () => {
    // 20 MB of paragraphs, within the caps: mammoth's model of it does not fit the worker's heap
    const paragraph = '<w:p><w:r><w:t>Nội dung rất dài của một đoạn văn bản trong tệp</w:t></w:r></w:p>';
    const read = await readPlansIsolated(docxOfBody(paragraph.repeat(250_000)));
    expect(read.ok ? 'plans' : read.failure.code).toBe('out-of-memory');
    if (!read.ok) {
      expect(readFailureMessage(read.failure, 'vi')).toBe(
        'đọc tệp cần quá nhiều bộ nhớ (giới hạn 192 MB), đã dừng; tệp quá lớn hoặc quá phức tạp',
      );
    }
    const next = await readPlansIsolated(seedBytes());
    expect(next.ok && next.plans.length).toBe(2);
  });

  it('stops a file past the time limit, refuses files past the queue, and keeps reading', async () => {
    // a pool of one worker with a limit no reading meets, and room for one waiting file
    const strict = createReadPool({ threads: 1, maxWaiting: 1, timeLimitMs: 1, heapMb: 192 });
    const roomy = createReadPool({ threads: 1, maxWaiting: 1, timeLimitMs: 60_000, heapMb: 192 });
    try {
      const slow = await strict.read(seedBytes());
      expect(slow.ok ? 'plans' : slow.failure.code).toBe('too-slow');
      if (!slow.ok) {
        expect(readFailureMessage(slow.failure, 'en')).toBe(
          'reading the file took too long (over 0.001 s) and was stopped; the file is too large or too complex',
        );
      }
      const three = await Promise.all([1, 2, 3].map(() => roomy.read(seedBytes())));
      expect(three.map((r) => (r.ok ? 'plans' : r.failure.code))).toEqual(['plans', 'plans', 'busy']);
      expect(readFailureMessage({ code: 'busy' }, 'vi')).toBe(
        'máy chủ đang đọc nhiều tệp khác; hãy thử lại sau ít phút',
      );
    } finally {
      await strict.close();
      await roomy.close();
    }
  });
});

/** Times of GET /api/health every 50 ms while `work` runs, and once after. */
async function probeHealth<T>(base: string, work: Promise<T>): Promise<{ result: T; probes: number[] }> {
  const probes: number[] = [];
  let done = false;
  const probe = async () => {
    const started = performance.now();
    const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(200);
    probes.push(performance.now() - started);
  };
  const loop = (async () => {
    while (!done) {
      await probe();
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const result = await work.finally(() => {
    done = true;
  });
  await loop;
  await probe();
  return { result, probes };
}

describe.each(ENGINES)('the upload route on %s, through a listening server', (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let app: FastifyInstance;
  let base: string;
  let officer: SignedIn;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    const deps = { db: database.db, clock: () => new Date() };
    await addUser(deps, 'quantri', [{ role: 'admin', unitId: null }]);
    app = await buildApp(deps);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    officer = await signIn(app, 'quantri', TEST_PASSWORD);
  });

  afterAll(async () => {
    // a refused body may still be arriving on a kept-alive connection: do not wait for it
    app?.server.closeAllConnections();
    await app?.close();
    await database?.close();
    await testDb?.drop();
  });

  const upload = (body: Buffer | Uint8Array, contentType: string, lang = 'vi') =>
    fetch(`${base}/api/imports`, {
      method: 'POST',
      headers: { ...officer.headers, 'content-type': contentType, 'accept-language': lang },
      body,
    });

  it.each(ATTACKS)('refuses $name while /api/health answers within a second', async (attack) => {
    const { payload, headers } = multipartFile('phu-luc.xlsx', attack.make());
    const { result, probes } = await probeHealth(
      base,
      (async () => {
        const vi = await upload(payload, headers['content-type']!);
        const en = await upload(payload, headers['content-type']!, 'en');
        return [vi.status, await vi.json(), en.status, await en.json()] as const;
      })(),
    );
    const [viStatus, viBody, enStatus, enBody] = result as [number, ApiBody, number, ApiBody];
    expect([viStatus, viBody.error.code, enStatus]).toEqual([422, 'READ_FAILED', 422]);
    expect(viBody.error.message).toContain(attack.vi);
    expect(enBody.error.message).toContain(attack.en);
    expect(probes.length).toBeGreaterThan(1);
    expect(Math.max(...probes)).toBeLessThan(1000);
    expect(await pendingUploads()).toBe(0);
  });

  type ApiBody = { error: { code: string; message: string } };

  it('refuses an honest XLSX of 2.6 M rows of tiny cells while /api/health answers within a second', async () => {
    honest ??= xlsxManyRows(2_600_000);
    const { payload, headers } = multipartFile('2,6-trieu-hang.xlsx', honest);
    const { result, probes } = await probeHealth(
      base,
      (async () => {
        const res = await upload(payload, headers['content-type']!, 'en');
        return [res.status, (await res.json()) as ApiBody] as const;
      })(),
    );
    const [status, body] = result;
    expect([status, body.error.code]).toEqual([422, 'READ_FAILED']);
    expect(body.error.message).toContain('more than 32 MB once unpacked, at part xl/worksheets/sheet1.xml');
    expect(Math.max(...probes)).toBeLessThan(1000);
  });

  const pendingUploads = async () =>
    Number(
      (
        await database.db
          .selectFrom('pending_imports')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('ends the worker of a file past the heap, not the server: /api/health answers throughout', async () => {
    const paragraph = '<w:p><w:r><w:t>Nội dung rất dài của một đoạn văn bản trong tệp</w:t></w:r></w:p>';
    const { payload, headers } = multipartFile('nang.docx', docxOfBody(paragraph.repeat(250_000)));
    const { result, probes } = await probeHealth(
      base,
      (async () => {
        const res = await upload(payload, headers['content-type']!);
        return [res.status, (await res.json()) as ApiBody] as const;
      })(),
    );
    const [status, body] = result;
    expect([status, body.error.code]).toEqual([422, 'READ_FAILED']);
    expect(body.error.message).toContain('đọc tệp cần quá nhiều bộ nhớ (giới hạn 192 MB), đã dừng');
    expect(probes.length).toBeGreaterThan(3);
    expect(Math.max(...probes)).toBeLessThan(1000);
    // and the next upload is read by a new worker
    const next = multipartFile('phu-luc.txt', seedBytes());
    expect((await upload(next.payload, next.headers['content-type']!)).status).toBe(200);
  });

  const MALFORMED: [string, () => { body: Buffer; type: string }][] = [
    [
      'a multipart body without a boundary',
      () => ({ body: multipartFile('a.txt', seedBytes()).payload, type: 'multipart/form-data' }),
    ],
    [
      'a part that never ends',
      () => {
        const { payload, headers } = multipartFile('a.txt', seedBytes());
        return { body: payload.subarray(0, payload.length - 40), type: headers['content-type']! };
      },
    ],
    [
      '5 MB of junk',
      () => ({
        body: Buffer.alloc(5 * 1024 * 1024, 'rác không phải multipart '),
        type: 'multipart/form-data; boundary=----parindex-junk',
      }),
    ],
  ];

  it.each(MALFORMED)('answers %s with 400 and a message, not 500', async (_name, make) => {
    const { body, type } = make();
    const { result, probes } = await probeHealth(
      base,
      (async () => {
        const res = await upload(body, type);
        return [res.status, (await res.json()) as ApiBody] as const;
      })(),
    );
    const [status, json] = result;
    expect(status).toBe(400);
    expect(json.error.code).toBe('VALIDATION_FAILED');
    expect(json.error.message).toMatch(/multipart|tệp/);
    expect(Math.max(...probes)).toBeLessThan(1000);
  });

  it.each([
    ['a name of 300 characters keeps 255, its extension last', `${'Kế hoạch '.repeat(34)}.txt`, 255],
    ['a path keeps its last part', '..\\..\\windows/system32/phu-luc.txt', 'phu-luc.txt'],
    [
      'control and direction characters are taken out',
      'phu\u0000luc\u202e\u0007 2022\t.txt',
      'phuluc 2022.txt',
    ],
    ['a name of dots only becomes the default', '..', 'tep-tai-len'],
  ] as const)('%s', async (_name, fileName, expected) => {
    const { payload, headers } = multipartFile(fileName, seedBytes());
    const res = await upload(payload, headers['content-type']!);
    expect(res.status).toBe(200);
    const preview = ImportPreview.parse(await res.json());
    if (typeof expected === 'number') {
      expect(Array.from(preview.fileName)).toHaveLength(expected);
      expect(preview.fileName.endsWith('.txt')).toBe(true);
      expect(preview.fileName.startsWith('Kế hoạch Kế hoạch')).toBe(true);
    } else {
      expect(preview.fileName).toBe(expected);
    }
    const stored = await database.db
      .selectFrom('pending_imports')
      .select('file_name')
      .where('token', '=', preview.token)
      .executeTakeFirstOrThrow();
    expect(stored.file_name).toBe(preview.fileName);
  });
});
