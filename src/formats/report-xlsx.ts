/**
 * The progress report as a workbook: a one-page summary sheet (per area, per lead unit, points at
 * stake) and the task list with status, progress, deadline, note and overdue marks. The same
 * conventions as the appendix (xlsx-write.ts): Times New Roman, A4 landscape, the header row
 * repeated on every printed page, numbers with the Vietnamese locale's decimal comma.
 */
import ExcelJS from 'exceljs';
import type { ProgressCounts, ProgressGroup } from '../core/progress.js';
import {
  BY_AREA,
  BY_UNIT,
  countCells,
  deadlineLabel,
  headline,
  overdueLabel,
  reportSubtitle,
  reportTitle,
  STATUS_LABEL,
  SUMMARY_COLUMNS,
  SUMMARY_HEADING,
  TASK_COLUMNS,
  TASKS_HEADING,
  TOTAL_LABEL,
  type ProgressReportDocument,
  type ReportColumn,
} from './report-layout.js';
import {
  bannerLine,
  FONT,
  headerCell,
  landscapeSheet,
  putScore,
  rowHeight,
  thinBorder,
} from './xlsx-write.js';

const PERCENT = '[$-42A]0%';
const DATE = 'dd/mm/yyyy';

export async function writeReportXlsx(doc: ProgressReportDocument): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ParIndex';
  summarySheet(workbook, doc);
  tasksSheet(workbook, doc);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Title, subtitle and the given line, merged across the sheet; the next free row. */
function banner(sheet: ExcelJS.Worksheet, doc: ProgressReportDocument, width: number, extra: string): number {
  let r = 1;
  const line = (text: string, font: Partial<ExcelJS.Font>, height?: number) =>
    bannerLine(sheet, r++, width, text, font, height);
  line(reportTitle(doc), { bold: true }, 36);
  const subtitle = reportSubtitle(doc);
  if (subtitle) line(subtitle, { italic: true });
  line(extra, { bold: true, size: 12 });
  return r + 1;
}

function headerCells(row: ExcelJS.Row, columns: readonly ReportColumn[]): void {
  columns.forEach((c, i) => headerCell(row.getCell(i + 1), c.title));
}

function styleRow(row: ExcelJS.Row, columns: readonly ReportColumn[], bold = false): void {
  columns.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    cell.font = { name: FONT, size: 12, bold };
    cell.border = thinBorder();
    cell.alignment = { vertical: 'middle', horizontal: c.align, wrapText: true };
  });
}

function summarySheet(workbook: ExcelJS.Workbook, doc: ProgressReportDocument): void {
  const columns = SUMMARY_COLUMNS('');
  const sheet = landscapeSheet(workbook, 'Tổng hợp', { headerRow: null, onePage: true });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  let r = banner(sheet, doc, columns.length, SUMMARY_HEADING);
  sheet.mergeCells(r, 1, r, columns.length);
  sheet.getCell(r, 1).value = headline(doc.report.total);
  sheet.getCell(r, 1).font = { name: FONT, size: 12 };
  r += 2;
  const table = (title: string, groups: readonly ProgressGroup[], total: ProgressCounts | null) => {
    const header = sheet.getRow(r++);
    headerCells(header, SUMMARY_COLUMNS(title));
    header.height = 64;
    const line = (label: string, c: ProgressCounts, bold: boolean) => {
      const row = sheet.getRow(r++);
      row.getCell(1).value = label;
      const { counts, donePercent, atStake, atStakeOpen } = countCells(c);
      counts.forEach((n, i) => (row.getCell(i + 2).value = n));
      row.getCell(8).value = donePercent / 100;
      row.getCell(8).numFmt = PERCENT;
      putScore(row.getCell(9), atStake);
      putScore(row.getCell(10), atStakeOpen);
      styleRow(row, columns, bold);
      // a long area or unit name wraps: the row grows with it (LibreOffice and Excel do not on their
      // own); area titles are in capitals, wider than rowHeight's average letter, hence three quarters of the width
      row.height = rowHeight([label], [columns[0]!.width * 0.75]);
      if (c.overdue > 0) markRed(row.getCell(7));
    };
    for (const g of groups) line(title === BY_AREA ? `${g.key}. ${g.label}` : g.label, g, false);
    if (total) line(TOTAL_LABEL, total, true);
    r++;
  };
  table(BY_AREA, doc.report.byArea, doc.report.total);
  table(BY_UNIT, doc.report.byUnit, null);
}

function tasksSheet(workbook: ExcelJS.Workbook, doc: ProgressReportDocument): void {
  const columns = TASK_COLUMNS;
  const subtitle = reportSubtitle(doc);
  const headerRow = subtitle ? 5 : 4;
  const sheet = landscapeSheet(workbook, 'Chi tiết nhiệm vụ', { headerRow });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  banner(sheet, doc, columns.length, TASKS_HEADING);
  headerCells(sheet.getRow(headerRow), columns);
  sheet.getRow(headerRow).height = 32;
  let r = headerRow + 1;
  const areas = new Map(doc.report.byArea.map((a) => [a.key, a.label]));
  let area: string | null = null;
  for (const t of doc.report.rows) {
    if (t.areaCode !== area) {
      area = t.areaCode;
      const row = sheet.getRow(r);
      sheet.mergeCells(r, 2, r, columns.length);
      row.getCell(1).value = area;
      row.getCell(2).value = areas.get(area) ?? '';
      styleRow(row, columns, true);
      r++;
    }
    const row = sheet.getRow(r++);
    row.getCell(1).value = t.code;
    row.getCell(2).value = t.name;
    row.getCell(3).value = t.task;
    row.getCell(4).value = t.leadUnits.join('; ');
    if (t.deadline !== null) {
      row.getCell(5).value = new Date(`${t.deadline}T00:00:00Z`);
      row.getCell(5).numFmt = DATE;
    } else {
      row.getCell(5).value = deadlineLabel(t);
    }
    row.getCell(6).value = STATUS_LABEL[t.status];
    row.getCell(7).value = t.progress / 100;
    row.getCell(7).numFmt = PERCENT;
    row.getCell(8).value = t.note;
    row.getCell(9).value = overdueLabel(t);
    styleRow(row, columns);
    if (t.overdueDays !== null) markRed(row.getCell(9));
    row.height = rowHeight(
      [
        t.code,
        t.name,
        t.task,
        t.leadUnits.join('; '),
        t.deadline === null ? deadlineLabel(t) : '',
        STATUS_LABEL[t.status],
        '',
        t.note,
        overdueLabel(t),
      ],
      columns.map((c) => c.width),
    );
  }
}

function markRed(cell: ExcelJS.Cell): void {
  cell.font = { ...cell.font, color: { argb: 'FFC00000' } };
}
