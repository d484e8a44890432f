/**
 * The formats against each other: the seed read as text is the reference; the same plans written
 * to XLSX and DOCX, typed by hand into a differently laid-out workbook or Word table, or saved as
 * CSV must read back to the same plans. The written files are also checked as files: numbers as
 * numbers, parents as SUM formulas, A4 landscape, header rows repeated on every page.
 */
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parentCode } from '../src/core/codes.js';
import type { PlanDocument } from '../src/core/plan.js';
import { score, type Score } from '../src/core/score.js';
import { writeDocx } from '../src/formats/docx-write.js';
import { readPlans, type ReadPlan } from '../src/formats/read.js';
import { writeXlsx } from '../src/formats/xlsx-write.js';
import { seedBytes } from './helpers/fixtures.js';
import { comparablePlan, comparableRow, problems, readSeed, toCsv, tsvRecords } from './helpers/plans.js';

let province: ReadPlan;
let district: ReadPlan;
let seedPlans: PlanDocument[];

beforeAll(async () => {
  [province, district] = await readSeed();
  seedPlans = [province.plan, district.plan];
});

async function readOk(bytes: Uint8Array): Promise<{ format: string; plans: ReadPlan[] }> {
  const read = await readPlans(bytes);
  if (!read.ok) throw new Error(`not read: ${read.failure.code} ${read.failure.detail ?? ''}`);
  return read;
}

function expectSamePlans(actual: readonly ReadPlan[], expected: readonly ReadPlan[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((p, i) => {
    const want = comparablePlan(expected[i]!.plan);
    const got = comparablePlan(p.plan);
    // row by row first, so a failure names the row
    got.rows.forEach((row, r) => expect(row, `row ${r} (${want.rows[r]?.code})`).toEqual(want.rows[r]));
    expect(got).toEqual(want);
  });
}

describe('XLSX written from the seed', () => {
  let bytes: Uint8Array;
  let back: ReadPlan[];

  beforeAll(async () => {
    bytes = await writeXlsx(seedPlans);
    const read = await readOk(bytes);
    expect(read.format).toBe('xlsx');
    back = read.plans;
  });

  it('reads back the same plans as the text import', () => {
    expectSamePlans(back, [province, district]);
    expect(back[0]!.plan.rows.find((r) => r.code === '7.1.10')).toBeDefined();
    expect(back[0]!.plan.rows.find((r) => r.code === '6')!.target).toEqual({ units: 101000, scale: 2 });
  });

  it('gives the same errors and warnings', () => {
    expect(problems(back[0]!.findings)).toEqual(problems(province.findings));
    expect(problems(back[1]!.findings)).toEqual(problems(district.findings));
    expect(problems(province.findings)).toContain('error sum-baseline 7.2');
  });

  describe('as a workbook', () => {
    let workbook: ExcelJS.Workbook;

    beforeAll(async () => {
      workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    });

    /** Row number of each code, and of the header and total rows, found by content. */
    function rowsOf(sheet: ExcelJS.Worksheet) {
      const codes = new Map<string, number>();
      let header = 0;
      let total = 0;
      sheet.eachRow((row, n) => {
        const first = row.getCell(1).value;
        if (first === 'STT') header = n;
        else if (first === 'TỔNG ĐIỂM') total = n;
        else if (header > 0 && total === 0 && typeof first === 'string') codes.set(first, n);
      });
      return { codes, header, total };
    }

    const decimalsShown = (numFmt: string | undefined) => /\.(0+)/.exec(numFmt ?? '')?.[1]?.length ?? 0;

    it('has one landscape A4 sheet per plan with the header row repeated on every page', () => {
      expect(workbook.worksheets).toHaveLength(2);
      for (const sheet of workbook.worksheets) {
        const { header } = rowsOf(sheet);
        expect(header).toBeGreaterThan(0);
        expect(sheet.pageSetup.orientation).toBe('landscape');
        expect(sheet.pageSetup.paperSize).toBe(9);
        expect(sheet.pageSetup.printTitlesRow).toBe(`${header}:${header}`);
      }
    });

    it('stores scores as numbers with a format showing their precision, parents as SUM of their children', () => {
      workbook.worksheets.forEach((sheet, i) => {
        const plan = seedPlans[i]!;
        const { codes, total } = rowsOf(sheet);
        expect([...codes.keys()]).toEqual(plan.rows.map((r) => r.code));
        let formulas = 0;
        for (const row of plan.rows) {
          const r = codes.get(row.code)!;
          const children = plan.rows.filter((c) => parentCode(c.code) === row.code);
          for (const [key, col] of [
            ['max', 'C'],
            ['baseline', 'D'],
            ['target', 'E'],
          ] as const) {
            const cell = sheet.getCell(`${col}${r}`);
            const stated: Score | null = row[key];
            if (children.length > 0) {
              expect(cell.type, `${row.code} ${key}`).toBe(ExcelJS.ValueType.Formula);
              const refs = children.map((c) => `${col}${codes.get(c.code)!}`);
              expect(cell.formula, `${row.code} ${key}`).toBe(`SUM(${refs.join(',')})`);
              formulas += 1;
            } else if (stated !== null) {
              expect(cell.type, `${row.code} ${key}`).toBe(ExcelJS.ValueType.Number);
              expect(cell.value).toBe(stated.units / 10_000);
            } else {
              expect(cell.type, `${row.code} ${key}`).toBe(ExcelJS.ValueType.Null);
            }
            if (stated !== null) expect(decimalsShown(cell.numFmt), `${row.code} ${key}`).toBe(stated.scale);
          }
          const bold = !row.code.includes('.');
          for (let c = 1; c <= 7; c++) {
            expect(sheet.getRow(r).getCell(c).font?.bold ?? false, `${row.code} column ${c}`).toBe(bold);
          }
        }
        expect(formulas).toBeGreaterThan(50);
        // the total row adds the areas
        const areas = plan.rows.filter((r) => !r.code.includes('.')).map((r) => `C${codes.get(r.code)!}`);
        expect(sheet.getCell(`C${total}`).formula).toBe(`SUM(${areas.join(',')})`);
      });
      // "10,10" keeps its two decimals in the format, "0,8791" its four
      const sheet = workbook.worksheets[0]!;
      const { codes } = rowsOf(sheet);
      expect(sheet.getCell(`E${codes.get('6')!}`).numFmt).toMatch(/0\.00$/);
      expect(sheet.getCell(`D${codes.get('6.1.1')!}`).numFmt).toMatch(/0\.0000$/);
    });
  });
});

describe('XLSX with sums of zero', () => {
  it('reads a parent and a total whose SUM is 0 as 0, not as an empty cell', async () => {
    const leaf = (code: string) => ({
      code,
      rawCode: code,
      name: `Tiêu chí ${code}`,
      max: score('0,5'),
      baseline: score('0'),
      target: score('0,5'),
      task: 'Thực hiện đầy đủ.',
      leadUnits: 'Sở Nội vụ',
      supportUnits: '',
      deadline: '',
      location: null,
    });
    const plan: PlanDocument = {
      ...province.plan,
      rows: [
        { ...leaf('1'), max: score('1'), target: score('1'), task: '', leadUnits: '' },
        leaf('1.1'),
        leaf('1.2'),
      ],
      statedTotals: { max: score('1'), baseline: score('0'), target: score('1') },
    };
    const read = await readOk(await writeXlsx([plan]));
    const back = read.plans[0]!.plan;
    expect(back.rows[0]!.baseline).toEqual({ units: 0, scale: 0 });
    expect(back.statedTotals!.baseline).toEqual({ units: 0, scale: 0 });
    expect(comparablePlan(back)).toEqual(comparablePlan(plan));
  });

  it('reads an empty total (every area empty) as empty, not as 0', async () => {
    const plan: PlanDocument = {
      ...province.plan,
      rows: [
        {
          code: '1',
          rawCode: '1',
          name: 'Lĩnh vực 1',
          max: score('1'),
          baseline: score('0,5'),
          target: null,
          task: '',
          leadUnits: '',
          supportUnits: '',
          deadline: '',
          location: null,
        },
      ],
      statedTotals: { max: score('1'), baseline: score('0,5'), target: null },
    };
    const back = (await readOk(await writeXlsx([plan]))).plans[0]!.plan;
    expect(back.rows[0]!.target).toBeNull();
    expect(back.statedTotals!.target).toBeNull();
    expect(back.statedTotals!.baseline).toEqual(score('0,5'));
  });
});

describe('DOCX written from the seed', () => {
  let bytes: Uint8Array;
  let back: ReadPlan[];

  beforeAll(async () => {
    bytes = await writeDocx(seedPlans);
    const read = await readOk(bytes);
    expect(read.format).toBe('docx');
    back = read.plans;
  });

  it('reads back the same plans as the text import', () => {
    expectSamePlans(back, [province, district]);
  });

  it('gives the same errors and warnings', () => {
    expect(problems(back[0]!.findings)).toEqual(problems(province.findings));
    expect(problems(back[1]!.findings)).toEqual(problems(district.findings));
  });

  it('is A4 landscape in Times New Roman with the header row repeated on every page', () => {
    const files = unzipSync(bytes);
    const document = strFromU8(files['word/document.xml']!);
    const styles = strFromU8(files['word/styles.xml']!);
    const pages = document.match(/<w:pgSz\b[^>]*>/g) ?? [];
    expect(pages).toHaveLength(2);
    for (const page of pages) {
      expect(page).toContain('w:orient="landscape"');
      // A4 is 210 × 297 mm = 11906 × 16838 twentieths of a point; landscape puts the long side across
      expect(page).toContain('w:w="16838"');
      expect(page).toContain('w:h="11906"');
    }
    const tables = document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      const rows = table.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
      expect(rows[0]).toMatch(/<w:trPr>[\s\S]*<w:tblHeader\/>[\s\S]*<\/w:trPr>/);
      expect(rows.slice(1).filter((r) => r.includes('<w:tblHeader'))).toEqual([]);
    }
    expect(styles).toMatch(
      /<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"[^>]*w:hAnsi="Times New Roman"/,
    );
  });
});

/** Number format with the score's own decimals, the way an officer formats a column. */
const fmt = (s: Score) => (s.scale === 0 ? '0' : `0.${'0'.repeat(s.scale)}`);

describe('a workbook typed by hand', () => {
  /** TT, Nội dung, Cơ quan chủ trì, the three scores, Nhiệm vụ: not the official order. */
  async function handMadeWorkbook(plan: PlanDocument): Promise<Uint8Array> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('KH 2022');
    sheet.columns = [6, 40, 20, 8, 10, 10, 50].map((width) => ({ width }));
    sheet.mergeCells('A1:G1');
    sheet.getCell('A1').value = `${plan.label}\n${plan.title}`;
    sheet.getCell('A1').alignment = { wrapText: true, horizontal: 'center' };
    sheet.mergeCells('A2:G2');
    sheet.getCell('A2').value = plan.subtitle;
    // a two-row header: "Điểm" over three columns, the others merged down over both rows
    for (const [range, title] of [
      ['A4:A5', 'TT'],
      ['B4:B5', 'Nội dung tiêu chí'],
      ['C4:C5', 'Cơ quan chủ trì'],
      ['D4:F4', 'Điểm'],
      ['G4:G5', 'Nhiệm vụ, giải pháp'],
    ] as const) {
      sheet.mergeCells(range);
      sheet.getCell(range.slice(0, 2)).value = title;
    }
    sheet.getCell('D5').value = 'Tối đa';
    sheet.getCell('E5').value = 'Kết quả đạt được năm 2021';
    sheet.getCell('F5').value = 'Chỉ tiêu phấn đấu năm 2022';
    let r = 6;
    for (const row of plan.rows) {
      const cells = sheet.getRow(r);
      // "1" and "1.1" typed into a General cell become numbers; "1.3.1" stays text
      cells.getCell(1).value = row.code.split('.').length <= 2 ? Number(row.code) : row.code;
      cells.getCell(2).value = row.name;
      cells.getCell(3).value = row.leadUnits;
      [row.max, row.baseline, row.target].forEach((s, k) => {
        if (s === null) return;
        const cell = cells.getCell(4 + k);
        cell.value = s.units / 10_000;
        cell.numFmt = fmt(s);
      });
      cells.getCell(7).value = row.task;
      cells.getCell(7).alignment = { wrapText: true };
      r += 1;
    }
    sheet.mergeCells(r, 1, r, 3);
    sheet.getCell(r, 1).value = 'Tổng cộng';
    const totals = plan.statedTotals!;
    [totals.max, totals.baseline, totals.target].forEach((s, k) => {
      const cell = sheet.getCell(r, 4 + k);
      cell.value = s!.units / 10_000;
      cell.numFmt = fmt(s!);
    });
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  it('reads the province plan with its columns found by title', async () => {
    const bytes = await handMadeWorkbook(province.plan);
    const read = await readOk(bytes);
    expect(read.format).toBe('xlsx');
    expect(read.plans).toHaveLength(1);
    const plan = read.plans[0]!.plan;
    expect(plan.subject).toBe('Tỉnh Đắk Nông');
    expect([plan.year, plan.baselineYear]).toEqual([2022, 2021]);
    expect(plan.columns).toMatchObject({
      code: 1,
      name: 2,
      lead: 3,
      max: 4,
      baseline: 5,
      target: 6,
      task: 7,
    });
    expectSamePlans(read.plans, [province]);
    const multiLine = plan.rows.find((r) => r.code === '4.1.1')!;
    expect(multiLine.task.split('\n')).toHaveLength(2);
    expect(problems(read.plans[0]!.findings)).toEqual(problems(province.findings));
  });

  /** Codes 1, 1.1 … 1.n stored as numbers; `formats` gives a code cell its number format. */
  async function codesWorkbook(codes: readonly string[], formats: Record<string, string> = {}) {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['PHỤ LỤC CẢI THIỆN CHỈ SỐ CCHC HUYỆN KRÔNG NÔ NĂM 2023']);
    sheet.addRow(['STT', 'Tiêu chí', 'Điểm chuẩn', 'Mục tiêu năm 2023']);
    for (const code of codes) {
      const row = sheet.addRow([Number(code), `Tiêu chí ${code}`, 1, 1]);
      const format = formats[code];
      if (format) row.getCell(1).numFmt = format;
    }
    const read = await readOk(new Uint8Array(await workbook.xlsx.writeBuffer()));
    return read.plans[0]!;
  }

  const tenCodes = ['1', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10'];

  it('reads the number 1.1 after 1.9 as the code 1.10 (the codes already read tell)', async () => {
    const read = await codesWorkbook(tenCodes);
    expect(read.plan.rows.map((r) => r.code)).toEqual(tenCodes);
    const info = read.findings.filter((f) => f.rule === 'code-from-number');
    expect(info.map((f) => [f.code, f.params.number])).toEqual([['1.10', '1.1']]);
  });

  it('reads the number 1.1 formatted "0.00" as the code 1.10 (the number format tells)', async () => {
    const read = await codesWorkbook(['2', '2.10'], { '2.10': '0.00' });
    expect(read.plan.rows.map((r) => r.code)).toEqual(['2', '2.10']);
  });
});

describe('a Word table typed by hand', () => {
  const text = (t: string, bold = false) =>
    t.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold })] }));
  const cell = (t: string, opts: { rowSpan?: number; columnSpan?: number; bold?: boolean } = {}) =>
    new TableCell({ children: text(t, opts.bold), rowSpan: opts.rowSpan, columnSpan: opts.columnSpan });

  async function handMadeDocx(): Promise<Uint8Array> {
    const rows: string[][] = [
      ['1', 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC', '8,5', '7,46', '8', '', ''],
      [
        '1.1',
        'Thực hiện kế hoạch CCHC',
        '1,5',
        '1,46',
        '1,50',
        'Ban hành kế hoạch CCHC năm 2022 đúng hạn.\nTheo dõi, đôn đốc hoàn thành 100% hoạt động.',
        'Sở Nội vụ\nVăn phòng UBND tỉnh',
      ],
      [
        '1.2',
        'Thực hiện chế độ báo cáo CCHC định kỳ',
        '0,5',
        '0',
        '0,5',
        'Thực hiện đầy đủ các báo cáo.',
        'Sở Nội vụ',
      ],
      [
        '1.3',
        'Công tác kiểm tra CCHC',
        '6,5',
        '6',
        '6',
        'Kiểm tra từ 30% cơ quan, đơn vị.',
        'Sở Nội vụ; Sở Tư pháp',
      ],
    ];
    const table = new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: [
            cell('TT', { rowSpan: 2, bold: true }),
            cell('Lĩnh vực/Tiêu chí', { rowSpan: 2, bold: true }),
            cell('Điểm', { columnSpan: 3, bold: true }),
            cell('Nhiệm vụ, giải pháp', { rowSpan: 2, bold: true }),
            cell('Đơn vị chủ trì', { rowSpan: 2, bold: true }),
          ],
        }),
        new TableRow({
          tableHeader: true,
          children: [cell('Điểm tối đa'), cell('Điểm 2021 đạt được'), cell('Mục tiêu 2022')],
        }),
        ...rows.map((r) => new TableRow({ children: r.map((t) => cell(t)) })),
        new TableRow({
          children: [
            cell('Tổng điểm', { columnSpan: 2 }),
            cell('8,5'),
            cell('7,46'),
            cell('8'),
            cell(''),
            cell(''),
          ],
        }),
      ],
    });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [new TextRun({ text: 'Phụ lục I', bold: true })],
            }),
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [
                new TextRun({ text: 'KẾ HOẠCH CẢI THIỆN CHỈ SỐ CCHC TỈNH ĐẮK NÔNG NĂM 2022', bold: true }),
              ],
            }),
            table,
          ],
        },
      ],
    });
    return new Uint8Array(await Packer.toBuffer(doc));
  }

  it('reads codes, scores, multi-line tasks and lead units under a merged two-row header', async () => {
    const bytes = await handMadeDocx();
    // the header really is merged: a vertical merge and a span of three
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
    expect(xml).toContain('<w:vMerge w:val="continue"/>');
    expect(xml).toContain('<w:gridSpan w:val="3"/>');

    const read = await readOk(bytes);
    expect(read.format).toBe('docx');
    expect(read.plans).toHaveLength(1);
    const { plan, findings } = read.plans[0]!;
    expect(plan.label).toBe('Phụ lục I');
    expect(plan.subject).toBe('Tỉnh Đắk Nông');
    expect([plan.year, plan.baselineYear]).toEqual([2022, 2021]);
    expect(plan.rows.map(comparableRow)).toEqual([
      {
        code: '1',
        name: 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC',
        max: score('8,5'),
        baseline: score('7,46'),
        target: score('8'),
        task: '',
        leadUnits: '',
        supportUnits: '',
        deadline: '',
      },
      {
        code: '1.1',
        name: 'Thực hiện kế hoạch CCHC',
        max: score('1,5'),
        baseline: score('1,46'),
        target: { units: 15_000, scale: 2 },
        task: 'Ban hành kế hoạch CCHC năm 2022 đúng hạn.\nTheo dõi, đôn đốc hoàn thành 100% hoạt động.',
        leadUnits: 'Sở Nội vụ\nVăn phòng UBND tỉnh',
        supportUnits: '',
        deadline: '',
      },
      {
        code: '1.2',
        name: 'Thực hiện chế độ báo cáo CCHC định kỳ',
        max: score('0,5'),
        baseline: score('0'),
        target: score('0,5'),
        task: 'Thực hiện đầy đủ các báo cáo.',
        leadUnits: 'Sở Nội vụ',
        supportUnits: '',
        deadline: '',
      },
      {
        code: '1.3',
        name: 'Công tác kiểm tra CCHC',
        max: score('6,5'),
        baseline: score('6'),
        target: score('6'),
        task: 'Kiểm tra từ 30% cơ quan, đơn vị.',
        leadUnits: 'Sở Nội vụ; Sở Tư pháp',
        supportUnits: '',
        deadline: '',
      },
    ]);
    expect(plan.statedTotals).toEqual({ max: score('8,5'), baseline: score('7,46'), target: score('8') });
    // a part of a plan: only the areas' total is missing
    expect(problems(findings)).toEqual(['warning areas-not-100 -']);
  });
});

describe('the seed saved as CSV', () => {
  const tsv = new TextDecoder().decode(seedBytes());

  it.each([',', ';'] as const)('reads the same plans with "%s" between cells', async (separator) => {
    const csv = toCsv(tsvRecords(tsv), separator);
    // the conversion really quotes: cells hold the separator, some hold quotes
    expect(csv).toContain(
      separator === ','
        ? '\n"PHỤ LỤC**NHIỆM VỤ, GIẢI PHÁP'
        : ';"Thực hiện quy định bổ nhiệm lãnh đạo các phòng chuyên môn; lãnh đạo cấp xã";',
    );
    expect(csv).toMatch(/""/);
    const read = await readOk(new TextEncoder().encode(csv));
    expect(read.format).toBe('csv');
    expectSamePlans(read.plans, [province, district]);
    read.plans.forEach((p, i) => {
      const reference = [province, district][i]!;
      expect(p.plan.rows.map((r) => r.location)).toEqual(reference.plan.rows.map((r) => r.location));
      expect(p.findings.map((f) => [f.rule, f.severity, f.code, f.location])).toEqual(
        reference.findings.map((f) => [f.rule, f.severity, f.code, f.location]),
      );
    });
  });

  it('reads a cell with line breaks inside quotes', async () => {
    const records = tsvRecords(tsv);
    const fields = records.find((r) => r[0] === '1.1')!;
    fields[6] = 'Sở Nội vụ\nVăn phòng UBND tỉnh';
    const csv = toCsv(records, ';');
    expect(csv).toContain('"Sở Nội vụ\nVăn phòng UBND tỉnh"');
    const read = await readOk(new TextEncoder().encode(csv));
    const row = read.plans[0]!.plan.rows.find((r) => r.code === '1.1')!;
    expect(row.leadUnits).toBe('Sở Nội vụ\nVăn phòng UBND tỉnh');
    expect(read.plans[0]!.plan.rows).toHaveLength(province.plan.rows.length);
  });
});
