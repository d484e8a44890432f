/**
 * Reading a survey's scores (formats/survey-read.ts): the long and the wide layout, column titles
 * in their variants and in any order, XLSX, CSV and tab-separated text, bad rows each with its
 * place, and the reading limits through the worker pool.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findingMessage, formatLocation } from '../src/core/findings.js';
import { readFailureMessage } from '../src/formats/errors.js';
import { toDecimalString } from '../src/core/score.js';
import { createReadPool, readSurveyInPool } from '../src/formats/read-pool.js';
import { readSurvey, type SurveyOutcome } from '../src/formats/survey-read.js';
import { ROOT } from './helpers/fixtures.js';
import { COMMUNES } from './helpers/rounds.js';

const bytesOf = (text: string) => new TextEncoder().encode(text);

async function xlsxOf(
  sheetName: string,
  rows: (string | number | null)[][],
  numFmt?: string,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const r of rows) {
    const row = sheet.addRow(r);
    if (numFmt) row.eachCell((c) => typeof c.value === 'number' && (c.numFmt = numFmt));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function ok(outcome: SurveyOutcome) {
  if (!outcome.ok) throw new Error(`not read: ${outcome.failure.code}`);
  return outcome;
}

const triples = (o: SurveyOutcome) =>
  ok(o).rows.map((r) => [r.unit, r.code, toDecimalString(r.score)] as const);

/** Each finding as rule, place and the Vietnamese message. */
const said = (o: SurveyOutcome) =>
  ok(o).findings.map((f) => [f.rule, formatLocation(f.location, 'vi'), findingMessage(f, 'vi')] as const);

describe('readSurvey, the long layout', () => {
  it.each([
    ['Đơn vị', 'Mã tiêu chí', 'Điểm'],
    ['Tên đơn vị', 'Tiêu chí', 'Điểm khảo sát'],
    ['Xã/phường', 'STT', 'Điểm điều tra XHH'],
    ['unit', 'criterion code', 'score'],
  ])('finds the columns titled %s, %s, %s in any order', async (unit, code, scoreTitle) => {
    const text = [
      'KẾT QUẢ ĐIỀU TRA XÃ HỘI HỌC NĂM 2026',
      '',
      `${scoreTitle},Ghi chú,${code},${unit}`,
      '"3,25",,8.1.1,Xã Nam Đà',
      '4,,"8,1,2",Xã Đắk Mâm',
    ].join('\n');
    const read = await readSurvey(bytesOf(text));
    expect(ok(read).layout).toBe('long');
    expect(triples(read)).toEqual([
      ['Xã Nam Đà', '8.1.1', '3.25'],
      ['Xã Đắk Mâm', '8.1.2', '4'],
    ]);
    expect(ok(read).findings).toEqual([]);
  });

  it('prefers "Mã tiêu chí" to the criterion\'s name and "Điểm khảo sát" to the max score', async () => {
    const text = [
      'STT\tĐơn vị\tTiêu chí\tMã tiêu chí\tĐiểm tối đa\tĐiểm khảo sát',
      '1\tXã Nam Đà\tSự hài lòng về tiếp cận dịch vụ\t8.1.1\t4\t3,5',
    ].join('\n');
    const read = await readSurvey(bytesOf(text));
    expect(triples(read)).toEqual([['Xã Nam Đà', '8.1.1', '3.5']]);
    expect(ok(read).rows[0]!.scoreAt).toEqual({ line: 2, column: 6 });
  });

  it('says what is wrong with each bad row, and where, and keeps the good ones', async () => {
    const text = [
      'Đơn vị;Mã tiêu chí;Điểm',
      'Xã Nam Đà;8.1.1;3,5',
      ';8.1.2;2',
      'Xã Nam Đà;;2',
      'Xã Nam Đà;8.x;2',
      'Xã Nam Đà;8.1.2;ba điểm',
      'Xã Nam Đà;8.1.3;1,23456',
      'Xã Nam Đà;8.1.3;',
      ';;',
    ].join('\n');
    const read = await readSurvey(bytesOf(text));
    expect(triples(read)).toEqual([['Xã Nam Đà', '8.1.1', '3.5']]);
    expect(said(read)).toEqual([
      ['survey-missing-value', 'dòng 3, cột 1', 'Thiếu "Đơn vị"'],
      ['survey-missing-value', 'dòng 4, cột 2', 'Thiếu "Mã tiêu chí"'],
      ['malformed-code', 'dòng 5, cột 2', expect.stringContaining('8.x')],
      ['survey-bad-score', 'dòng 6, cột 3', 'Điểm "ba điểm" không phải là số'],
      ['survey-too-many-decimals', 'dòng 7, cột 3', 'Điểm "1,23456" có quá 4 chữ số thập phân'],
      ['survey-missing-value', 'dòng 8, cột 3', 'Thiếu "Điểm"'],
    ]);
  });

  it('names the columns a file lacks', async () => {
    const read = await readSurvey(bytesOf('Tên đơn vị,Ghi chú\nXã Nam Đà,x\n'));
    expect(said(read).map((f) => f[2])).toEqual([
      'Tệp khảo sát không có cột "Mã tiêu chí"',
      'Tệp khảo sát không có cột "Điểm"',
    ]);
    const none = await readSurvey(bytesOf('a,b\n1,2\n'));
    expect(said(none).map((f) => f[2])).toEqual([
      'Tệp khảo sát không có cột "Đơn vị"',
      'Tệp khảo sát không có cột "Mã tiêu chí"',
      'Tệp khảo sát không có cột "Điểm"',
    ]);
  });

  it('reads an XLSX sheet: numbers with their decimals, places as sheet and cell', async () => {
    const bytes = await xlsxOf('Khảo sát', [
      ['BIỂU TỔNG HỢP ĐIỂM KHẢO SÁT'],
      ['Mã tiêu chí', 'Tên đơn vị', 'Điểm'],
      ['8.1.1', 'Xã Nam Đà', 3.125],
      ['8.1.2', 'Xã Nam Đà', 2.123456],
      ['8.1.3', 'Xã Nam Đà', 'không'],
    ]);
    const read = await readSurvey(bytes);
    expect(triples(read)).toEqual([['Xã Nam Đà', '8.1.1', '3.125']]);
    expect(said(read).map((f) => [f[0], f[1]])).toEqual([
      ['survey-too-many-decimals', "trang tính 'Khảo sát', ô C4"],
      ['survey-bad-score', "trang tính 'Khảo sát', ô C5"],
    ]);
  });

  it("keeps the precision a cell's format shows", async () => {
    const bytes = await xlsxOf(
      'KS',
      [
        ['Đơn vị', 'Mã tiêu chí', 'Điểm'],
        ['Xã Nam Đà', '8.1.1', 3.5],
      ],
      '0.00',
    );
    expect(ok(await readSurvey(bytes)).rows[0]!.score).toEqual({ units: 35_000, scale: 2 });
  });
});

describe('readSurvey, the wide layout', () => {
  it('reads one row per unit and one column per criterion; an empty cell is no score', async () => {
    const bytes = await xlsxOf('Tổng hợp', [
      ['STT', 'Đơn vị', '8.1.1', 'TC 8.1.2', 'Tiêu chí 8.1.3'],
      [1, 'Xã Nam Đà', 3.5, 4, null],
      [2, 'Xã Đắk Mâm', 2, 'x', 3.75],
      [3, null, 1, 1, 1],
    ]);
    const read = await readSurvey(bytes);
    expect(ok(read).layout).toBe('wide');
    expect(triples(read)).toEqual([
      ['Xã Nam Đà', '8.1.1', '3.5'],
      ['Xã Nam Đà', '8.1.2', '4'],
      ['Xã Đắk Mâm', '8.1.1', '2'],
      ['Xã Đắk Mâm', '8.1.3', '3.75'],
    ]);
    expect(ok(read).rows[3]!.codeAt).toEqual({ sheet: 'Tổng hợp', row: 1, column: 5 });
    expect(said(read).map((f) => [f[0], f[1]])).toEqual([
      ['survey-missing-value', "trang tính 'Tổng hợp', ô B4"],
    ]);
    // "x" in a score cell is a dash-like mark: no score, as in the plans
    expect(ok(read).rows.some((r) => r.unit === 'Xã Đắk Mâm' && r.code === '8.1.2')).toBe(false);
  });

  it('reads the tab-separated text form', async () => {
    const text = ['Đơn vị\t8.1.1\t8.1.2', 'Xã Nam Đà\t3,5\t4', 'Xã Đắk Mâm\t2\tbốn'].join('\n');
    const read = await readSurvey(bytesOf(text));
    expect(triples(read)).toEqual([
      ['Xã Nam Đà', '8.1.1', '3.5'],
      ['Xã Nam Đà', '8.1.2', '4'],
      ['Xã Đắk Mâm', '8.1.1', '2'],
    ]);
    expect(said(read)).toEqual([['survey-bad-score', 'dòng 3, cột 3', 'Điểm "bốn" không phải là số']]);
  });
});

describe('readSurvey refuses what is not a survey file', () => {
  it.each([
    ['an empty file', new Uint8Array(), 'empty-file'],
    ['a PDF', bytesOf('%PDF-1.7 ...'), 'unsupported-format'],
    ['binary bytes', new Uint8Array([0, 1, 2, 3, 0, 5]), 'binary'],
  ])('%s: %s', async (_name, bytes, code) => {
    const read = await readSurvey(bytes);
    expect(read.ok ? 'read' : read.failure.code).toBe(code);
  });
});

describe('readSurvey in the worker pool, within the reading limits', () => {
  it('reads in a worker and gives the same rows', async () => {
    const text = 'Đơn vị,Mã tiêu chí,Điểm\nXã Nam Đà,8.1.1,"3,5"\n';
    expect(triples(await readSurveyInPool(bytesOf(text)))).toEqual([['Xã Nam Đà', '8.1.1', '3.5']]);
  });

  it('refuses a file past the row limit, saying where', async () => {
    const lines = ['Đơn vị,Mã tiêu chí,Điểm', ...Array.from({ length: 20_001 }, () => 'Xã Nam Đà,8.1.1,1')];
    const read = await readSurveyInPool(bytesOf(lines.join('\n')));
    expect(read.ok ? 'read' : read.failure.code).toBe('over-limit');
    if (!read.ok) expect(readFailureMessage(read.failure, 'vi')).toContain('20.000');
  });

  it('stops a file past the time limit', async () => {
    const strict = createReadPool({ threads: 1, maxWaiting: 1, timeLimitMs: 1, heapMb: 192 });
    try {
      const read = await strict.readSurvey(bytesOf('Đơn vị,Mã tiêu chí,Điểm\nXã Nam Đà,8.1.1,1\n'));
      expect(read.ok ? 'read' : read.failure.code).toBe('too-slow');
    } finally {
      await strict.close();
    }
  });
});

describe('the sample survey files (samples/surveys/)', () => {
  it('read to the same 24 scores of the eight communes, without a finding', async () => {
    const dir = resolve(ROOT, 'samples/surveys');
    const xlsx = await readSurvey(new Uint8Array(readFileSync(resolve(dir, 'khao-sat-2026.xlsx'))));
    const csv = await readSurvey(new Uint8Array(readFileSync(resolve(dir, 'khao-sat-2026.csv'))));
    expect([ok(xlsx).layout, ok(csv).layout]).toEqual(['long', 'wide']);
    expect(ok(xlsx).findings).toEqual([]);
    expect(ok(csv).findings).toEqual([]);
    expect(triples(xlsx)).toHaveLength(24);
    const sorted = (o: SurveyOutcome) => [...triples(o)].sort((a, b) => a.join().localeCompare(b.join()));
    expect(sorted(csv)).toEqual(sorted(xlsx));
    expect(new Set(triples(xlsx).map((t) => t[0]))).toEqual(new Set(COMMUNES));
    expect(new Set(triples(xlsx).map((t) => t[1]))).toEqual(new Set(['8.1.1', '8.1.2', '8.1.3']));
  });
});
