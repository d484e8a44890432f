/**
 * `parindex framework check` and `framework score` through run(), on the sample commune framework
 * (samples/frameworks/), and the framework's XLSX/DOCX export read back by the framework reader.
 * The score of a filled answers sheet is checked against a hand computation from the sample's own
 * rules (the numbers are the document's, written out in the comments), not against the code.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import type { FrameworkCriterion, FrameworkDocument, RuleKind } from '../src/core/framework.js';
import { RULE_KINDS } from '../src/core/framework.js';
import type { Score } from '../src/core/score.js';
import { writeFrameworkDocx } from '../src/formats/framework-docx.js';
import { sameRule } from '../src/formats/framework-layout.js';
import { readFrameworks } from '../src/formats/framework-read.js';
import { writeFrameworkXlsx } from '../src/formats/framework-xlsx.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';

const SAMPLE = resolve(ROOT, 'samples/frameworks/bo-tieu-chi-cap-xa-2026.docx');
const SAMPLE_TEXT = resolve(ROOT, 'samples/frameworks/bo-tieu-chi-cap-xa-2026.txt');

interface Ran {
  code: number;
  out: string[];
  err: string[];
}

async function cli(args: readonly string[]): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
  return { code, out, err };
}

interface CheckJson {
  frameworks: {
    title: string;
    group: string | null;
    year: number | null;
    criteria: number;
    max: number;
    rules: { code: string; kind: RuleKind; max: number | null }[];
    findings: { rule: string; severity: string }[];
  }[];
}

interface ScoreJson {
  criteria: { code: string; score: number | null; max: number | null; applicable: boolean }[];
  total: number;
  max: number;
  index: number | null;
  complete: boolean;
  missing: string[];
  problems: { line: number | null; code: string | null; problem: string; message: string }[];
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parindex-framework-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('parindex framework check', () => {
  it('reads the sample with every rule recognised, every kind present, a total of 100', async () => {
    const ran = await cli(['framework', 'check', SAMPLE, '--json']);
    expect(ran.err).toEqual([]);
    expect(ran.code).toBe(0);
    const { frameworks } = JSON.parse(ran.out.join('\n')) as CheckJson;
    expect(frameworks).toHaveLength(1);
    const [f] = frameworks as [CheckJson['frameworks'][number]];
    expect(f.title).toMatch(/UBND CẤP XÃ NĂM 2026/);
    expect(f.group).toBe('commune');
    expect(f.year).toBe(2026);
    expect(f.max).toBe(100);
    expect(f.rules.length).toBeGreaterThanOrEqual(30);
    expect(f.findings.filter((x) => x.rule === 'method-not-recognised')).toEqual([]);
    expect(f.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(new Set(f.rules.map((r) => r.kind))).toEqual(new Set(RULE_KINDS));
    // every leaf of the document has its rule, with the leaf's max
    expect(f.rules.find((r) => r.code === '1.1.4')).toEqual({ code: '1.1.4', kind: 'gate', max: 2 });
    expect(f.rules.find((r) => r.code === '1.4.2')).toEqual({ code: '1.4.2', kind: 'parts', max: 1 });
  });

  it('prints a summary in words, in English with --lang en', async () => {
    const vi = await cli(['framework', 'check', SAMPLE]);
    expect(vi.code).toBe(0);
    expect(vi.out.join('\n')).toMatch(/tổng điểm tối đa 100/);
    const en = await cli(['--lang', 'en', 'framework', 'check', SAMPLE]);
    expect(en.out.join('\n')).toMatch(/maximum 100/);
  });

  it('a missing file stops with one line naming it (exit 2)', async () => {
    const ran = await cli(['framework', 'check', join(dir, 'none.docx')]);
    expect(ran.code).toBe(2);
    expect(ran.err).toHaveLength(1);
    expect(ran.err[0]).toMatch(/none\.docx: không tìm thấy tệp/);
  });
});

/**
 * Every leaf of the sample answered, every rule kind among them, one "N/A" (a bonus: it adds
 * nothing). The score each answer gets, from the rule the document states for it:
 *
 * 1 (max 12)
 *   1.1.1 choice "Ban hành không kịp thời"                        0,5
 *   1.1.2 all, "có;không": one of two missing                      0
 *   1.1.3 choice "Đạt yêu cầu"                                     1
 *   1.1.4 gate on 1.1.1 (0,5, not 0) → bands "trên 90%: 2; từ 70%
 *         đến 90%: 1": 45/50 = 90 %, not above 90 %                 1
 *   1.2.1 count, 1 less 0,25 per late report: 2 late               0,5
 *   1.2.2 choice by number: option 2 "Không đầy đủ nội dung"       0
 *   1.3.1 bands "từ 30%: 1; từ 20% đến dưới 30%: 0,5": 25 %         0,5
 *   1.3.2 gate on 1.3.1 (0,5) → linear from 80 %, × 1: 9/10        0,9
 *   1.4.1 linear "100%: 1": 100 %                                  1
 *   1.4.2 parts 0,25 + 0,25 + 0,5: the first (by label) and the 3rd 0,75
 *   1.5   choice "Không có"                                         0
 *   area: 0,5 + 0 + 1 + 1 + 0,5 + 0 + 0,5 + 0,9 + 1 + 0,75 + 0 = 6,15
 * 2 (max 10)
 *   2.1.1 bands "100%: 2; từ 80%: 1": 80 %                          1
 *   2.1.2 choice "Đúng quy trình"                                   1
 *   2.2.1 choice "Ban hành kịp thời"                                1
 *   2.2.2 count "0: 2; 1: 1; từ 2: 0": 1                            1
 *   2.3.1 bands "từ 80%: 2; từ 50%: 1": 3/4 = 75 %                  1
 *   2.3.2 parts 0,5 + 0,5 + 1: parts 1 and 3                        1,5
 *   area: 6,5
 * 3 (max 14)
 *   3.1.1 count, 1,5 less 0,25 each: 0                              1,5
 *   3.1.2 choice "Có sai sót"                                       0,75
 *   3.2.1 bands "từ 98%: 3; từ 90%: 2; từ 80%: 1": 98 % (the edge)   3
 *   3.2.2 count "0: 2; 1: 1; more: 0": "3 lần"                      0
 *   3.2.3 choice "Bằng thời gian quy định"                          0,5
 *   3.2.4 all (2 points): "đạt"                                     2
 *   3.3.1 linear from 80 %, × 3: 85 % → 0,85 × 3                    2,55
 *   area: 1,5 + 0,75 + 3 + 0 + 0,5 + 2 + 2,55 = 10,3
 * 4 (max 8)
 *   4.1.1 choice "Đúng quy định"                                    2
 *   4.1.2 manual (council), step 0,25: "1,75"                       1,75
 *   4.2.1 bands "100%: 2; từ 80%: 1": 90 %                          1
 *   4.2.2 count: 0                                                  2
 *   area: 6,75
 * 5 (max 12)
 *   5.1.1 bands "100%: 3; từ 90%: 1,5": 19/20 = 95 %                1,5
 *   5.2.1 choice "Đúng quy định nhưng chậm thời hạn"                1
 *   5.2.2 bands "trên 80%: 2; từ 60%: 1": 80 %, not above           1
 *   5.3.1 linear from 80 %: 1/2 = 50 %, below the floor             0
 *   5.4.1 count: 1                                                  1
 *   area: 4,5
 * 6 (max 10)
 *   6.1.1 bands "từ 95%: 3; từ 80%: 2; từ 60%: 1": 60 %             1
 *   6.1.2 all (2 points): "có;có"                                   2
 *   6.2.1 parts 1 + 1: "Công khai dự toán ngân sách"                1
 *   6.3.1 choice by number: option 1 "Ban hành kịp thời"            1
 *   6.3.2 manual, step 0,5: "1,5"                                   1,5
 *   area: 6,5
 * 7 (max 14)
 *   7.1.1 bands "100%: 2; từ 80%: 1": 100 %                         2
 *   7.1.2 linear above 90 %, × 2: 92 % → 0,92 × 2                   1,84
 *   7.2.1 bands "từ 80%: 3; từ 50%: 2; từ 30%: 1": 30 %             1
 *   7.2.2 bands "100%: 3; từ 90%: 2": 89 %                          0
 *   7.3.1 linear, the max from 50 %: 60 %                           2
 *   7.3.2 count, 2 less 1 each: 1                                   1
 *   area: 2 + 1,84 + 1 + 0 + 2 + 1 = 7,84
 * 8 (max 20)
 *   8.1.1–8.1.3 surveys: 3,5; 3,25; 4                               10,75
 *   8.2.1 bands "100%: 3; từ 90%: 2": 95 %                          2
 *   8.2.2 linear from 80 %, × 3: 100 %                              3
 *   8.2.3 choice "Có vụ việc phức tạp, được giải quyết kịp thời"    1
 *   area: 16,75
 * 9 bonus and penalty (not in the max)
 *   9.1.1 bonus, cap 2: 1                                          +1
 *   9.1.2 bonus: N/A                                                0
 *   9.2.1 penalty 0,5 each, cap 2: "1 lần"                         −0,5
 *   9.2.2 penalty 1 each, cap 3: 0                                   0
 *   area: 0,5
 * total: 6,15 + 6,5 + 10,3 + 6,75 + 4,5 + 6,5 + 7,84 + 16,75 + 0,5 = 65,79 of 100 → index 65,79
 */
const ANSWERS = `code,answer
1.1.1,Ban hành không kịp thời
1.1.2,có;không
1.1.3,Đạt yêu cầu
1.1.4,45/50
1.2.1,2
1.2.2,2
1.3.1,25%
1.3.2,9/10
1.4.1,100%
1.4.2,"Bảng điện tử, màn hình tại Bộ phận Một cửa;3"
1.5,Không có
2.1.1,80%
2.1.2,Đúng quy trình
2.2.1,Ban hành kịp thời
2.2.2,1
2.3.1,3/4
2.3.2,1;3
3.1.1,0
3.1.2,Có sai sót
3.2.1,98%
3.2.2,3 lần
3.2.3,Bằng thời gian quy định
3.2.4,đạt
3.3.1,85%
4.1.1,Đúng quy định
4.1.2,"1,75"
4.2.1,90%
4.2.2,0
5.1.1,19/20
5.2.1,Đúng quy định nhưng chậm thời hạn
5.2.2,80%
5.3.1,1/2
5.4.1,1
6.1.1,60%
6.1.2,có;có
6.2.1,Công khai dự toán ngân sách
6.3.1,1
6.3.2,"1,5"
7.1.1,100%
7.1.2,92%
7.2.1,30%
7.2.2,89%
7.3.1,60%
7.3.2,1
8.1.1,"3,5"
8.1.2,"3,25"
8.1.3,4
8.2.1,95%
8.2.2,100%
8.2.3,"Có vụ việc phức tạp, được giải quyết kịp thời"
9.1.1,1
9.1.2,N/A
9.2.1,1 lần
9.2.2,0
`;

const AREAS: Record<string, number> = {
  '1': 6.15,
  '2': 6.5,
  '3': 10.3,
  '4': 6.75,
  '5': 4.5,
  '6': 6.5,
  '7': 7.84,
  '8': 16.75,
  '9': 0.5,
};

describe('parindex framework score', () => {
  it('scores a filled answers sheet as the hand computation does', async () => {
    const ran = await cli(['framework', 'score', SAMPLE, file('answers.csv', ANSWERS), '--json']);
    expect(ran.err).toEqual([]);
    const result = JSON.parse(ran.out.join('\n')) as ScoreJson;
    expect(result.problems).toEqual([]);
    expect(ran.code).toBe(0);
    expect(result.complete).toBe(true);
    expect(result.missing).toEqual([]);
    const byCode = new Map(result.criteria.map((c) => [c.code, c]));
    for (const [code, expected] of Object.entries(AREAS))
      expect([code, byCode.get(code)?.score]).toEqual([code, expected]);
    expect(byCode.get('1.1.4')?.score).toBe(1);
    expect(byCode.get('1.3.2')?.score).toBe(0.9);
    expect(byCode.get('3.3.1')?.score).toBe(2.55);
    expect(byCode.get('7.1.2')?.score).toBe(1.84);
    expect(byCode.get('9.2.1')?.score).toBe(-0.5);
    expect(byCode.get('9.1.2')).toMatchObject({ score: 0, applicable: true });
    expect(result.total).toBe(65.79);
    expect(result.max).toBe(100);
    expect(result.index).toBe(65.79);
  });

  it('prints the tree, the total and the index with two decimals', async () => {
    const ran = await cli(['framework', 'score', SAMPLE, file('answers.csv', ANSWERS)]);
    expect(ran.code).toBe(0);
    expect(ran.out).toContain('Tổng điểm: 65,79/100; chỉ số: 65,79 %');
    expect(ran.out.some((l) => /^ {4}1\.1\.4 +1\/2$/.test(l))).toBe(true);
  });

  it('names the line of every bad answer, lists unanswered leaves, exits 1', async () => {
    const bad = [
      'mã,câu trả lời', // 1: titles
      '1.1.1,Ban hành rất sớm', // 2: no such option
      '1.1,1', // 3: a parent
      '1.1.3,Đạt yêu cầu', // 4: fine
      '1.1.3,Đạt yêu cầu', // 5: twice
      '9.9.9,1', // 6: no such criterion
      '4.1.2,"1,3"', // 7: off the 0,25 step
      '1.2.2,N/A', // 8: N/A not allowed here
      '1.3.1,120%', // 9: above 100 %
      '1.4.1,90%,extra', // 10: three columns
      'abc,1', // 11: not a code
    ].join('\n');
    const ran = await cli(['framework', 'score', SAMPLE, file('bad.csv', bad), '--json']);
    expect(ran.code).toBe(1);
    const result = JSON.parse(ran.out.join('\n')) as ScoreJson;
    const at = (line: number) => result.problems.filter((p) => p.line === line).map((p) => p.problem);
    expect(at(1)).toEqual([]);
    expect(at(2)).toEqual(['scoring.noSuchOption']);
    expect(at(3)).toEqual(['answers.notALeaf']);
    expect(at(4)).toEqual([]);
    expect(at(5)).toEqual(['answers.duplicate']);
    expect(at(6)).toEqual(['answers.unknownCode']);
    expect(at(7)).toEqual(['scoring.offStep']);
    expect(at(8)).toEqual(['scoring.notApplicable']);
    expect(at(9)).toEqual(['scoring.ratioAbove100']);
    expect(at(10)).toEqual(['answers.columns']);
    expect(at(11)).toEqual(['answers.badCode']);
    // the leaves no row answers, once each; not those answered badly
    const missing = result.problems.filter((p) => p.problem === 'answers.missing').map((p) => p.code);
    expect(missing).toContain('2.1.1');
    expect(missing).not.toContain('1.1.1');
    expect(missing).not.toContain('1.1.3');
    expect(result.complete).toBe(false);
    // 1.1.3 still counts: the part that could be read is scored
    expect(result.criteria.find((c) => c.code === '1.1.3')?.score).toBe(1);

    const text = await cli(['framework', 'score', SAMPLE, join(dir, 'bad.csv')]);
    expect(text.code).toBe(1);
    expect(text.err).toContain('parindex: bad.csv, dòng 6: Bộ tiêu chí không có tiêu chí 9.9.9');
    expect(text.err.some((l) => l.startsWith('parindex: bad.csv, dòng 7 (4.1.2): '))).toBe(true);
    expect(text.err).toContain('parindex: bad.csv (2.1.1): Tiêu chí 2.1.1 chưa có câu trả lời');
  });

  it('an answers file that cannot be read stops the command (exit 2)', async () => {
    const ran = await cli(['framework', 'score', SAMPLE, file('quote.csv', '1.1.1,"Ban hành\n1.1.3,x\n')]);
    expect(ran.code).toBe(2);
    expect(ran.err).toHaveLength(1);
    expect(ran.err[0]).toMatch(/quote\.csv: dấu ngoặc kép mở/);
    const binary = join(dir, 'bin.csv');
    writeFileSync(binary, new Uint8Array([0, 1, 2, 3, 0, 5]));
    const bin = await cli(['framework', 'score', SAMPLE, binary]);
    expect(bin.code).toBe(2);
    expect(bin.err[0]).toMatch(/^parindex: .*bin\.csv/);
  });
});

// ——— the export ———

async function sampleDocument(): Promise<FrameworkDocument> {
  const read = await readFrameworks(new Uint8Array(readFileSync(SAMPLE_TEXT)), 'bo-tieu-chi-cap-xa-2026.txt');
  return read.frameworks[0]!.document;
}

function expectSameFramework(back: FrameworkDocument, doc: FrameworkDocument): void {
  expect(back.criteria.map((c) => c.code)).toEqual(doc.criteria.map((c) => c.code));
  const units = (s: Score | null) => s?.units ?? null;
  expect(back.criteria.map((c) => units(c.max))).toEqual(doc.criteria.map((c) => units(c.max)));
  const differing = back.criteria
    .filter((c, i) => !sameRule(c.rule, doc.criteria[i]!.rule))
    .map((c) => c.code);
  expect(differing).toEqual([]);
  expect(back.criteria.map((c) => c.scorer)).toEqual(doc.criteria.map((c) => c.scorer));
  expect(back.decision).toEqual(doc.decision);
  expect([back.unitGroup, back.yearFrom, back.yearTo]).toEqual([doc.unitGroup, doc.yearFrom, doc.yearTo]);
}

describe('the framework export', () => {
  it.each([
    ['xlsx', writeFrameworkXlsx],
    ['docx', writeFrameworkDocx],
  ] as const)('%s reads back with the same codes, maxima, rules and scorers', async (format, write) => {
    const doc = await sampleDocument();
    const bytes = await write(doc);
    const back = await readFrameworks(bytes, `btc.${format}`);
    expect(back.failure).toBeUndefined();
    expect(back.frameworks).toHaveLength(1);
    expect(back.frameworks[0]!.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expectSameFramework(back.frameworks[0]!.document, doc);
  });

  it('writes rules set by hand in words the reader turns back into the same rules', async () => {
    const doc = await sampleDocument();
    // the method texts gone: every rule printed from the rule itself (describeRule)
    const byHand: FrameworkDocument = {
      ...doc,
      criteria: doc.criteria.map((c): FrameworkCriterion => ({ ...c, method: '' })),
    };
    for (const write of [writeFrameworkXlsx, writeFrameworkDocx]) {
      const back = (await readFrameworks(await write(byHand), 'btc')).frameworks[0]!.document;
      const changed = back.criteria.filter((c, i) => !sameRule(c.rule, doc.criteria[i]!.rule));
      // an "all" rule comes back with "đủ" in its first condition; a manual one with the default step
      expect(changed.map((c) => c.rule?.kind ?? null).filter((k) => k !== 'all' && k !== 'manual')).toEqual(
        [],
      );
      expect(changed.filter((c) => c.rule?.kind === 'manual').map((c) => c.code)).toEqual(['6.3.2']);
    }
  });

  it('the workbook: SUM formulas for parents, the stated value cached, A4 landscape, header repeated', async () => {
    const doc = await sampleDocument();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeFrameworkXlsx(doc)).buffer as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.printTitlesRow).toBe('4:4');
    const header = (sheet.getRow(4).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual([
      'STT',
      'Lĩnh vực/Tiêu chí/Tiêu chí thành phần',
      'Điểm tối đa',
      'Cách tính điểm',
      'Tài liệu kiểm chứng',
    ]);
    expect(header).toContain('Đơn vị theo dõi');
    expect(sheet.getCell(2, 1).value).toBe('(Ban hành kèm theo Quyết định số 2468/QĐ-UBND ngày 15/12/2025)');
    const rowOf = (code: string) => {
      for (let r = 5; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === code) return r;
      throw new Error(code);
    };
    const area = sheet.getCell(rowOf('1.1'), 3).value as { formula: string; result: number };
    const children = ['1.1.1', '1.1.2', '1.1.3', '1.1.4'].map((c) => `C${rowOf(c)}`);
    expect(area.formula).toBe(`SUM(${children.join(',')})`);
    expect(area.result).toBe(5);
    expect(sheet.getCell(rowOf('1'), 2).font?.bold).toBe(true);
    expect(sheet.getCell(rowOf('1.1.1'), 2).font?.name).toBe('Times New Roman');
    const total = sheet.getCell(sheet.rowCount, 3).value as { formula: string; result: number };
    expect(sheet.getCell(sheet.rowCount, 1).value).toBe('TỔNG ĐIỂM');
    // the eight areas; the bonus and penalty area stands beside the total
    expect(total.formula.split(',')).toHaveLength(8);
    expect(total.result).toBe(100);
  });

  it('the Word document: A4 landscape, Times New Roman, the header row repeated', async () => {
    const files = unzipSync(await writeFrameworkDocx(await sampleDocument()));
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    expect(xml).toContain('<w:tblHeader/>');
    expect(strFromU8(files['word/styles.xml']!)).toContain('Times New Roman');
    expect(xml).toContain('Ban hành kèm theo Quyết định số 2468/QĐ-UBND ngày 15/12/2025');
  });
});

describe.each(ENGINES)('framework import, list, export on %s', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('imports the sample as a draft, lists it, exports it and the export reads back the same', async () => {
    const db = ['--db', testDb.address];
    const imported = await cli(['framework', 'import', SAMPLE, '--json', ...db]);
    expect(imported.err).toEqual([]);
    expect(imported.code).toBe(0);
    const { frameworks } = JSON.parse(imported.out.join('\n')) as { frameworks: { id: number }[] };
    expect(frameworks).toHaveLength(1);
    const id = frameworks[0]!.id;
    const listed = await cli(['framework', 'list', '--json', ...db]);
    const rows = JSON.parse(listed.out.join('\n')) as { id: number; state: string; criteria: number }[];
    expect(rows.find((r) => r.id === id)).toMatchObject({ state: 'draft', criteria: 89 });
    const out = join(dir, `export-${kind}.xlsx`);
    const exported = await cli(['framework', 'export', String(id), '--format', 'xlsx', '--out', out, ...db]);
    expect(exported).toMatchObject({ code: 0, out: [out], err: [] });
    const back = await readFrameworks(new Uint8Array(readFileSync(out)), 'export.xlsx');
    expectSameFramework(back.frameworks[0]!.document, await sampleDocument());
    const missing = await cli(['framework', 'export', '999', '--format', 'docx', ...db]);
    expect(missing.code).toBe(2);
    expect(missing.err).toHaveLength(1);
  });
});
