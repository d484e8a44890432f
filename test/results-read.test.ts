/**
 * Reading a published result's table (formats/results-read.ts): the wide and the long layout,
 * column titles in their variants and in any order, XLSX, CSV and tab-separated text, the
 * components against the index (exact, ±0,01 a warning, beyond an error), bad rows each with its
 * place, and the worker pool's task kind 'results'. The figures here are made up for the tests;
 * the published ones are in test/fixtures/results/ (see its README).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findingMessage, formatLocation } from '../src/core/findings.js';
import { toDecimalString } from '../src/core/score.js';
import { createReadPool, readResultsInPool } from '../src/formats/read-pool.js';
import { readFailureMessage } from '../src/formats/errors.js';
import { entriesOf, lyingEntry, rawZip, xlsxManyRows } from './helpers/hostile.js';
import { readResults, type ResultsOutcome } from '../src/formats/results-read.js';

const bytesOf = (text: string) => new TextEncoder().encode(text);

async function xlsxOf(sheetName: string, rows: (string | number | null)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function ok(outcome: ResultsOutcome) {
  if (!outcome.ok) throw new Error(`not read: ${outcome.failure.code}`);
  return outcome;
}

const said = (o: ResultsOutcome) =>
  ok(o).findings.map(
    (f) => [f.rule, f.severity, formatLocation(f.location, 'vi'), findingMessage(f, 'vi')] as const,
  );

const units = (o: ResultsOutcome) =>
  ok(o).rows.map((r) => [r.unit, toDecimalString(r.index), r.publishedRank, r.publishedGroup] as const);

describe('readResults, the wide layout', () => {
  it('reads columns by title in any order, components by their Vietnamese titles, "%" after an index', async () => {
    const read = await readResults(
      bytesOf(
        [
          'STT,Nhóm,Tỉnh/thành phố,Chỉ số hài lòng SIPAS (10),Điểm thẩm định (62),Xếp hạng,Chỉ số CCHC năm 2030,Khảo sát lãnh đạo cán bộ (20),Tác động đến phát triển KT-XH (8)',
          '1,A,Tỉnh Một,"9,50","60,00",1,"95,00%","18,50","7,00"',
          '2,Nhóm B,Tỉnh Hai,"8,00","55,00",2,"85,01","15,00","7,00"',
          '3,B,Tỉnh Ba,"8,00","50,00",3,"82,00","16,00","7,00"',
        ].join('\n'),
      ),
    );
    expect(ok(read).layout).toBe('wide');
    expect(ok(read).parts.map((p) => [p.code, p.kind, p.max && toDecimalString(p.max)])).toEqual([
      ['sipas', 'component', '10'],
      ['appraised', 'component', '62'],
      ['leaders', 'component', '20'],
      ['impact', 'component', '8'],
    ]);
    expect(units(read)).toEqual([
      ['Tỉnh Một', '95.00', 1, 'A'],
      ['Tỉnh Hai', '85.01', 2, 'B'],
      ['Tỉnh Ba', '82.00', 3, 'B'],
    ]);
    // the components are checked when all four are given: 9,5 + 60 + 18,5 + 7 = 95 exactly; 85 against 85,01 is rounding; 81 against 82 is not
    expect(said(read)).toEqual([
      [
        'results-components-sum',
        'warning',
        'dòng 3, cột 7',
        'Các thành phần của "Tỉnh Hai" cộng lại được 85,00, khác chỉ số 85,01 (chênh 0,01)',
      ],
      [
        'results-components-sum',
        'error',
        'dòng 4, cột 7',
        'Các thành phần của "Tỉnh Ba" cộng lại được 81,00, khác chỉ số 82,00 (chênh 1)',
      ],
    ]);
    expect(ok(read).rows[0]!.scores).toEqual([
      { code: 'sipas', score: { units: 95_000, scale: 2 } },
      { code: 'appraised', score: { units: 600_000, scale: 2 } },
      { code: 'leaders', score: { units: 185_000, scale: 2 } },
      { code: 'impact', score: { units: 70_000, scale: 2 } },
    ]);
  });

  it('reads an XLSX sheet: areas by "Lĩnh vực N", criteria by code; places as sheet and cell', async () => {
    const read = await readResults(
      await xlsxOf('Kết quả', [
        ['KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH'],
        ['Đơn vị', 'Lĩnh vực 1 - Công tác chỉ đạo (10)', '1.1', 'Chỉ số', 'Xếp loại'],
        ['Sở Một', 9.5, 3, 90.25, 'Tốt'],
        ['Sở Hai', 10.5, 2, 80, 'Khá'],
      ]),
    );
    expect(ok(read).parts.map((p) => [p.code, p.kind, p.parentCode, p.name])).toEqual([
      ['1', 'area', null, 'Công tác chỉ đạo'],
      ['1.1', 'criterion', '1', '1.1'],
    ]);
    expect(units(read)).toEqual([
      ['Sở Một', '90.25', null, 'Tốt'],
      ['Sở Hai', '80', null, 'Khá'],
    ]);
    expect(said(read)).toEqual([
      [
        'results-above-max',
        'error',
        "trang tính 'Kết quả', ô A4",
        'Công tác chỉ đạo: 10,5 vượt điểm tối đa 10',
      ],
    ]);
  });

  it('says each bad cell with its place: rank, group, number, index out of range, a unit twice', async () => {
    const read = await readResults(
      bytesOf(
        [
          'Đơn vị\tChỉ số\tXếp hạng\tNhóm',
          'Một\t101\t1\tA',
          'Hai\t90\tnhất\tA',
          'Ba\tkhông\t3\tB',
          'Bốn\t80\t4\t1234',
          'một\t70\t5\tB',
          '\t70\t6\tB',
        ].join('\n'),
      ),
    );
    expect(said(read).map((f) => [f[0], f[2]])).toEqual([
      ['results-bad-rank', 'dòng 3, cột 3'],
      ['results-bad-number', 'dòng 4, cột 2'],
      ['results-bad-group', 'dòng 5, cột 4'],
      ['results-duplicate-unit', 'dòng 6, cột 1'],
      ['results-missing-value', 'dòng 7, cột 1'],
      ['results-index-out-of-range', 'dòng 2, cột 2'],
    ]);
    expect(units(read).map((u) => u[0])).toEqual(['Một', 'Hai', 'Bốn']);
  });

  it('names the columns it misses', async () => {
    const read = await readResults(bytesOf('Ghi chú,Điểm\nx,1\n'));
    expect(said(read).map((f) => f[3])).toEqual([
      'Bảng kết quả không có cột "Đơn vị (Tỉnh, thành phố)"',
      'Bảng kết quả không có cột "Chỉ số"',
    ]);
  });
});

describe('readResults, the long layout', () => {
  it('reads a row per unit and part; "Chỉ số" is the index, a component by its words, areas by code', async () => {
    const read = await readResults(
      bytesOf(
        [
          'Đơn vị,Mã tiêu chí,Điểm,Xếp hạng',
          'Xã Một,Chỉ số,"88,5",1',
          'Xã Một,SIPAS,"8,5",',
          'Xã Một,1,"80",',
          'Xã Một,1.2,"3",',
          'Xã Hai,1,"70",2',
          'Xã Hai,Chỉ số,"78,5",',
          'Xã Hai,SIPAS,"8,5",',
          'Xã Hai,SIPAS,"8",',
        ].join('\n'),
      ),
    );
    expect(ok(read).layout).toBe('long');
    expect(ok(read).parts.map((p) => [p.code, p.kind, p.parentCode])).toEqual([
      ['sipas', 'component', null],
      ['1', 'area', null],
      ['1.2', 'criterion', '1'],
    ]);
    expect(units(read)).toEqual([
      ['Xã Một', '88.5', 1, null],
      ['Xã Hai', '78.5', 2, null],
    ]);
    expect(ok(read).rows[1]!.scores.map((s) => s.score && toDecimalString(s.score))).toEqual([
      '8.5',
      '70',
      null,
    ]);
    expect(said(read).map((f) => [f[0], f[2]])).toEqual([['results-duplicate-unit', 'dòng 9, cột 2']]);
  });
});

describe('readResults in the worker pool', () => {
  it("reads through the task kind 'results' and refuses what is not a table", async () => {
    const read = await readResultsInPool(bytesOf('Tỉnh,Chỉ số,Xếp hạng\nTỉnh Một,"90,5",1\n'));
    expect(units(read)).toEqual([['Tỉnh Một', '90.5', 1, null]]);
    const refused = await readResultsInPool(new Uint8Array([0, 1, 2, 3, 0, 0, 0, 9]));
    expect(refused.ok).toBe(false);
  });

  it('refuses a table past the row limit, saying where', async () => {
    const lines = ['Tỉnh,Chỉ số', ...Array.from({ length: 20_001 }, (_, i) => `Tỉnh ${i},90`)];
    const read = await readResultsInPool(bytesOf(lines.join('\n')));
    expect(read.ok ? 'read' : read.failure.code).toBe('over-limit');
    if (!read.ok) expect(readFailureMessage(read.failure, 'vi')).toContain('20.000');
  });

  it('stops a table past the time limit', async () => {
    const strict = createReadPool({ threads: 1, maxWaiting: 1, timeLimitMs: 1, heapMb: 192 });
    try {
      const read = await strict.readResults(bytesOf('Tỉnh,Chỉ số\nTỉnh Một,90\n'));
      expect(read.ok ? 'read' : read.failure.code).toBe('too-slow');
    } finally {
      await strict.close();
    }
  });

  it('refuses a crafted workbook (a sheet past the row cap, a part that inflates past the limit)', async () => {
    const rows = await readResultsInPool(xlsxManyRows(20_001));
    expect(rows.ok ? 'read' : rows.failure.code).toBe('over-limit');
    const good = await xlsxOf('KQ', [
      ['Tỉnh', 'Chỉ số'],
      ['Tỉnh Một', 90],
    ]);
    const bomb = await readResultsInPool(
      rawZip([...entriesOf(good), lyingEntry('xl/theme/theme1.xml', 1e9)]),
    );
    expect(bomb.ok ? 'read' : bomb.failure.code).toBe('over-limit');
    if (!bomb.ok) expect(readFailureMessage(bomb.failure, 'vi')).toContain('xl/theme/theme1.xml');
  });
});
