/**
 * Files that are no plan, through the `parindex` command: each ends with exit code 2, one line on
 * stderr that names the file and says what is wrong (Vietnamese by default, English with
 * --lang en), no stack trace, and nothing stored. Also the JSON that `check --json` prints.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, type Io } from '../src/cli/main.js';
import { openDatabase } from '../src/db/database.js';
import { writeXlsx } from '../src/formats/xlsx-write.js';
import { ROOT, SEED_PATH } from './helpers/fixtures.js';
import {
  docxWideSpan,
  entriesOf,
  lyingEntry,
  rawZip,
  xlsxFarColumn,
  xlsxManyRows,
} from './helpers/hostile.js';
import { readSeed } from './helpers/plans.js';

interface Captured {
  io: Io;
  out: string[];
  err: string[];
}

function capture(): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t) => out.push(t), err: (t) => err.push(t), env: {} }, out, err };
}

/** Every line written to a stream (one call may write several). */
const lines = (texts: readonly string[]) => texts.flatMap((t) => t.split('\n')).filter((l) => l !== '');

let dir: string;

interface BadFile {
  name: string;
  /** the file's path; made in beforeAll */
  path: () => string;
  vi: string;
  en: string;
}

const files: BadFile[] = [];
const bad = (name: string, vi: string, en: string) =>
  files.push({ name, path: () => join(dir, name), vi, en });

bad('rỗng.txt', 'tệp rỗng', 'the file is empty');
bad('rác.bin', 'tệp không phải văn bản, XLSX hay DOCX', 'the file is not text, XLSX or DOCX');
bad('cắt.xlsx', 'bị hỏng hoặc không đầy đủ', 'damaged or truncated');
bad('không-bảng.docx', 'không có bảng nào trong tệp', 'the file holds no table');
bad('không-tiêu-đề.txt', 'không tìm thấy dòng tiêu đề của bảng', 'no table header found');
bad('lớn.txt', 'tệp quá lớn (giới hạn 20 MB)', 'the file is too large (limit 20 MB)');
bad('không-có.xlsx', 'không tìm thấy tệp', 'file not found');
bad('cũ.xls', 'định dạng không hỗ trợ (XLS/DOC 97-2003)', 'unsupported format (XLS/DOC 97-2003)');
bad('văn-bản.pdf', 'định dạng không hỗ trợ (PDF)', 'unsupported format (PDF)');
// crafted to exhaust the reader (issue 7): refused by the same limits as an upload
bad(
  'xfd1.xlsx',
  "hơn 200 cột, tại trang tính 'Phụ lục', ô XFD1",
  "more than 200 columns, at sheet 'Phụ lục', cell XFD1",
);
bad(
  'gộp-rộng.docx',
  'một ô gộp hơn 200 cột, tại bảng 1, hàng 2',
  'a cell spanning more than 200 columns, at table 1, row 2',
);
bad(
  'bom-zip.xlsx',
  'nội dung giải nén hơn 32 MB, tại phần xl/theme/theme1.xml',
  'more than 32 MB once unpacked, at part xl/theme/theme1.xml',
);
bad(
  'nhiều-hàng.xlsx',
  "hơn 20.000 hàng, tại trang tính 'Phụ lục', hàng 20001",
  "more than 20,000 rows, at sheet 'Phụ lục', row 20001",
);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parindex-bad-'));
  const write = (name: string, bytes: Uint8Array | string) => writeFileSync(join(dir, name), bytes);
  write('rỗng.txt', '');
  // NUL and other control bytes, not valid UTF-8, and no known signature
  write('rác.bin', new Uint8Array([0x00, 0xff, 0x13, 0x80, ...randomBytes(4000)]));
  const xlsx = await writeXlsx((await readSeed()).map((p) => p.plan));
  write('cắt.xlsx', xlsx.subarray(0, Math.floor(xlsx.length * 0.6)));
  const noTable = new Document({
    sections: [
      {
        children: [new Paragraph('KẾ HOẠCH CẢI THIỆN CHỈ SỐ CCHC NĂM 2022'), new Paragraph('Không có bảng.')],
      },
    ],
  });
  write('không-bảng.docx', new Uint8Array(await Packer.toBuffer(noTable)));
  write('không-tiêu-đề.txt', 'DANH SÁCH ĐƠN VỊ\n\nCột A\tCột B\tCột C\nSở Nội vụ\t1\t2\nSở Tư pháp\t3\t4\n');
  write('lớn.txt', '');
  truncateSync(join(dir, 'lớn.txt'), 21 * 1024 * 1024);
  write('cũ.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]));
  write('văn-bản.pdf', '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n');
  write('xfd1.xlsx', xlsxFarColumn());
  write('gộp-rộng.docx', docxWideSpan());
  const theme = 'xl/theme/theme1.xml';
  write(
    'bom-zip.xlsx',
    rawZip([...entriesOf(xlsx).filter((e) => e.name !== theme), lyingEntry(theme, 1024 ** 3)]),
  );
  write('nhiều-hàng.xlsx', xlsxManyRows(20_001));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function expectOneLine(c: Captured, file: string, message: string): void {
  const err = lines(c.err);
  expect(err).toHaveLength(1);
  expect(err[0]).toContain(file);
  expect(err[0]).toContain(message);
  expect(err[0]).not.toContain('    at ');
  expect(c.out).toEqual([]);
}

async function plansStored(dbPath: string): Promise<number> {
  if (!existsSync(dbPath)) return 0;
  const database = await openDatabase(dbPath);
  try {
    const { n } = await database.db
      .selectFrom('plans')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  } finally {
    await database.close();
  }
}

describe.each(files)('$name', (file) => {
  it('check: exit 2, one line in Vietnamese naming the file', async () => {
    const c = capture();
    expect(await run(['check', file.path()], c.io)).toBe(2);
    expectOneLine(c, file.path(), file.vi);
  });

  it('check --lang en: the same in English', async () => {
    const c = capture();
    expect(await run(['--lang', 'en', 'check', file.path()], c.io)).toBe(2);
    expectOneLine(c, file.path(), file.en);
  });

  it('import: exit 2, one line, no plan stored', async () => {
    const dbPath = join(dir, `${file.name}.sqlite`);
    const c = capture();
    expect(await run(['import', file.path(), '--db', dbPath], c.io)).toBe(2);
    expectOneLine(c, file.path(), file.vi);
    expect(await plansStored(dbPath)).toBe(0);
  });
});

describe('a real process', () => {
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  const cli = (args: string[]) =>
    spawnSync(tsx, [join(ROOT, 'src', 'cli', 'index.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PARINDEX_LANG: '', PARINDEX_DEBUG: '' },
    });

  it('exits with 2 and one line on stderr for an empty file', () => {
    const path = join(dir, 'rỗng.txt');
    const result = cli(['check', path]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`parindex: ${path}: tệp rỗng\n`);
  });

  it('refuses a ZIP bomb with exit 2 and one line, its worker ended, the process gone', () => {
    const path = join(dir, 'bom-zip.xlsx');
    const result = cli(['check', path]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `parindex: ${path}: tệp vượt giới hạn đọc: nội dung giải nén hơn 32 MB, tại phần xl/theme/theme1.xml; một phụ lục thật không lớn đến vậy\n`,
    );
  });

  it('imports nothing from a PDF and says so in English', async () => {
    const path = join(dir, 'văn-bản.pdf');
    const dbPath = join(dir, 'process.sqlite');
    const result = cli(['--lang', 'en', 'import', path, '--db', dbPath]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `parindex: ${path}: unsupported format (PDF); use TXT, TSV, CSV, XLSX or DOCX\n`,
    );
    expect(await plansStored(dbPath)).toBe(0);
  });
});

describe('check --json on the seed', () => {
  it('prints both documents with their totals as numbers and exits with 1', async () => {
    const c = capture();
    expect(await run(['check', SEED_PATH, '--json'], c.io)).toBe(1);
    expect(c.err).toEqual([]);
    expect(c.out).toHaveLength(1);
    const json = JSON.parse(c.out[0]!) as {
      documents: {
        title: string;
        subject: string;
        year: number;
        baselineYear: number;
        criteria: number;
        areas: number;
        totals: { max: unknown; baseline: unknown; target: unknown };
        findings: {
          rule: string;
          severity: string;
          code: string | null;
          location: unknown;
          message: string;
        }[];
      }[];
    };
    expect(json.documents).toHaveLength(2);
    const [province, district] = json.documents as [(typeof json.documents)[0], (typeof json.documents)[0]];
    expect(province).toMatchObject({
      title: 'NHIỆM VỤ, GIẢI PHÁP CẢI THIỆN VÀ NÂNG CAO CHỈ SỐ CCHC TỈNH ĐẮK NÔNG NĂM 2022',
      subject: 'Tỉnh Đắk Nông',
      year: 2022,
      baselineYear: 2021,
      criteria: 119,
      areas: 8,
      totals: { max: 100, baseline: 86.26, target: 89.93 },
    });
    expect(district).toMatchObject({
      subject: 'Huyện Krông Nô',
      year: 2023,
      baselineYear: 2022,
      criteria: 146,
      areas: 8,
      totals: { max: 100, baseline: 78.046, target: 95.4 },
    });
    // numbers in the JSON text, not strings such as "86,26"
    expect(c.out[0]).toMatch(/"baseline": 86\.26\b/);
    for (const doc of json.documents) {
      expect(doc.findings.length).toBeGreaterThan(0);
      for (const f of doc.findings) {
        expect(Object.keys(f)).toEqual(
          expect.arrayContaining(['rule', 'severity', 'code', 'location', 'message']),
        );
        expect(['error', 'warning', 'info']).toContain(f.severity);
        expect(typeof f.message).toBe('string');
        expect(f.message).not.toBe('');
      }
    }
    // the province has errors (its sums do not add up), the district only warnings
    expect(province.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.code])).toEqual([
      ['sum-baseline', '7'],
      ['sum-baseline', '7.2'],
      ['total-baseline', null],
    ]);
    expect(district.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
