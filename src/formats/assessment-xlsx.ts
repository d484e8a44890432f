/**
 * A round's scores as a workbook (issue 11 point 7, `parindex assessment export`): a summary sheet
 * (units × areas: self-assessment, appraisal, final; totals, max, index, rank) and a detail sheet
 * (the criteria in framework order with code, name and max; per unit the self, appraised and final
 * score). Exact numbers written with their own precision and the Vietnamese decimal comma
 * (xlsx-write.ts), A4 landscape, the header rows printed on every page.
 */
import ExcelJS from 'exceljs';
import type { ResultView, UnitTotals } from '../core/round-results.js';
import type { Score } from '../core/score.js';
import { bannerLine, headerCell, landscapeSheet, numberCell, textCell as text } from './xlsx-write.js';

export type WorkbookCell = Score | 'not-applicable' | null;

export interface AssessmentWorkbook {
  title: string;
  year: number;
  /** yyyy-mm-dd: the day the figures are as of */
  day: string;
  criteria: { code: string; name: string; max: Score | null; depth: number }[];
  areas: { code: string; name: string }[];
  /** in rank order */
  units: {
    name: string;
    rank: number | null;
    totals: UnitTotals;
    /** every criterion's score per view, by code (parents are sums; a leaf may be not applicable) */
    cells: Record<ResultView, ReadonlyMap<string, WorkbookCell>>;
  }[];
}

export const VIEW_TITLES: Record<ResultView, string> = {
  self: 'Tự đánh giá',
  appraised: 'Thẩm định',
  final: 'Kết quả',
};
const VIEWS: readonly ResultView[] = ['self', 'appraised', 'final'];
const NOT_APPLICABLE = 'KAD';

const vnDay = (day: string) => day.split('-').reverse().join('/');

export async function writeAssessmentXlsx(doc: AssessmentWorkbook): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ParIndex';
  summarySheet(workbook, doc);
  detailSheet(workbook, doc);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function put(cell: ExcelJS.Cell, value: WorkbookCell, bold = false): void {
  numberCell(cell, value === 'not-applicable' ? null : value, bold);
  if (value === 'not-applicable') cell.value = NOT_APPLICABLE;
}

/** Two header rows: a group's title merged over its three views, the views below. */
function groupHeader(
  sheet: ExcelJS.Worksheet,
  top: number,
  fixed: readonly string[],
  groups: readonly string[],
  after: readonly string[],
): void {
  fixed.forEach((title, i) => {
    sheet.mergeCells(top, i + 1, top + 1, i + 1);
    headerCell(sheet.getCell(top, i + 1), title);
  });
  groups.forEach((title, g) => {
    const first = fixed.length + 1 + g * VIEWS.length;
    sheet.mergeCells(top, first, top, first + VIEWS.length - 1);
    headerCell(sheet.getCell(top, first), title);
    VIEWS.forEach((v, i) => headerCell(sheet.getCell(top + 1, first + i), VIEW_TITLES[v]));
  });
  const start = fixed.length + 1 + groups.length * VIEWS.length;
  after.forEach((title, i) => {
    sheet.mergeCells(top, start + i, top + 1, start + i);
    headerCell(sheet.getCell(top, start + i), title);
  });
  sheet.getRow(top).height = 48;
  sheet.getRow(top + 1).height = 32;
}

function banner(sheet: ExcelJS.Worksheet, doc: AssessmentWorkbook, width: number, heading: string): void {
  bannerLine(sheet, 1, width, doc.title.toUpperCase(), { bold: true }, 36);
  bannerLine(sheet, 2, width, `${heading} — số liệu đến ngày ${vnDay(doc.day)}`, { italic: true });
}

const HEADER = 4;

function summarySheet(workbook: ExcelJS.Workbook, doc: AssessmentWorkbook): void {
  const fixed = ['STT', 'Đơn vị'];
  const groups = [...doc.areas.map((a) => `${a.code}. ${a.name}`), 'Tổng điểm'];
  const after = ['Điểm tối đa (áp dụng)', 'Chỉ số (%)', 'Xếp hạng'];
  const width = fixed.length + groups.length * VIEWS.length + after.length;
  const sheet = landscapeSheet(workbook, 'Tổng hợp', { headerRow: null });
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: HEADER + 1 }];
  sheet.pageSetup.printTitlesRow = `${HEADER}:${HEADER + 1}`;
  sheet.columns = [{ width: 6 }, { width: 28 }, ...Array.from({ length: width - 2 }, () => ({ width: 11 }))];
  banner(sheet, doc, width, 'Bảng tổng hợp điểm theo lĩnh vực');
  groupHeader(sheet, HEADER, fixed, groups, after);
  doc.units.forEach((u, i) => {
    const row = sheet.getRow(HEADER + 2 + i);
    text(row.getCell(1), String(i + 1), false, 'center');
    text(row.getCell(2), u.name);
    let col = 3;
    doc.areas.forEach((_a, a) => {
      for (const v of VIEWS) put(row.getCell(col++), u.totals[v].areas[a]?.score ?? null);
    });
    for (const v of VIEWS) put(row.getCell(col++), u.totals[v].total, true);
    put(row.getCell(col++), u.totals.final.max);
    put(row.getCell(col++), u.totals.final.index, true);
    text(row.getCell(col), u.rank === null ? '' : String(u.rank), true, 'center');
  });
}

function detailSheet(workbook: ExcelJS.Workbook, doc: AssessmentWorkbook): void {
  const fixed = ['Mã', 'Lĩnh vực / Tiêu chí / Tiêu chí thành phần', 'Điểm tối đa'];
  const width = fixed.length + doc.units.length * VIEWS.length;
  const sheet = landscapeSheet(workbook, 'Chi tiết', { headerRow: null });
  sheet.views = [{ state: 'frozen', xSplit: 3, ySplit: HEADER + 1 }];
  sheet.pageSetup.printTitlesRow = `${HEADER}:${HEADER + 1}`;
  sheet.columns = [
    { width: 8 },
    { width: 48 },
    { width: 9 },
    ...Array.from({ length: width - 3 }, () => ({ width: 10 })),
  ];
  banner(sheet, doc, width, 'Điểm từng tiêu chí của các đơn vị');
  groupHeader(
    sheet,
    HEADER,
    fixed,
    doc.units.map((u) => u.name),
    [],
  );
  doc.criteria.forEach((c, i) => {
    const row = sheet.getRow(HEADER + 2 + i);
    const bold = c.depth === 0;
    text(row.getCell(1), c.code, bold, 'center');
    text(row.getCell(2), c.name, bold);
    put(row.getCell(3), c.max, bold);
    let col = 4;
    for (const u of doc.units) {
      for (const v of VIEWS) put(row.getCell(col++), u.cells[v].get(c.code) ?? null, bold);
    }
  });
}
