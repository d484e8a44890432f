/**
 * A plan as an XLSX appendix in the official columns. Scores are numbers shown with their own
 * precision; a parent's cells are SUM formulas of its children's cells so Excel recomputes when an
 * officer edits a leaf. The value cached with each formula is the one the plan states, so a reader
 * that does not recompute (this product's own) reads back exactly the stored plan.
 */
import ExcelJS from 'exceljs';
import type { PlanDocument, PlanRow } from '../core/plan.js';
import { shownTotal } from '../core/consistency.js';
import { toNumber, type Score } from '../core/score.js';
import type { TreeNode } from '../core/tree.js';
import { layoutRows, officialColumns, titleLines, TOTAL_LABEL, type LayoutColumn } from './layout.js';

export const FONT = 'Times New Roman';
const HEADER_ROW = 5;
const SCORE_COLUMNS = { max: 3, baseline: 4, target: 5 } as const;
type ScoreKey = keyof typeof SCORE_COLUMNS;

export async function writeXlsx(plans: readonly PlanDocument[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ParIndex';
  workbook.calcProperties.fullCalcOnLoad = true;
  const used = new Set<string>();
  for (const plan of plans) addSheet(workbook, plan, sheetName(plan, used));
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

function sheetName(plan: PlanDocument, used: Set<string>): string {
  const base = [plan.subject ?? 'Phụ lục', plan.year ?? '']
    .join(' ')
    .replace(/[[\]:*?/\\]/g, ' ')
    .trim()
    .slice(0, 28);
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

/** "0", "0.0", "0.00"… with the Vietnamese locale tag so LibreOffice shows a decimal comma. */
export function numberFormat(scale: number): string {
  return scale === 0 ? '[$-42A]0' : `[$-42A]0.${'0'.repeat(scale)}`;
}

function addSheet(workbook: ExcelJS.Workbook, plan: PlanDocument, name: string): void {
  const columns = officialColumns(plan);
  const sheet = landscapeSheet(workbook, name, { headerRow: HEADER_ROW });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const lastColumn = columns.length;

  const { label, title, subtitle } = titleLines(plan);
  bannerLine(sheet, 1, lastColumn, label, { bold: true });
  bannerLine(sheet, 2, lastColumn, title, { bold: true });
  bannerLine(sheet, 3, lastColumn, subtitle, { italic: true });
  if (title) sheet.getRow(2).height = 36;

  const header = sheet.getRow(HEADER_ROW);
  columns.forEach((c, i) => headerCell(header.getCell(i + 1), c.title));
  header.height = 32;

  const nodes = layoutRows(plan);
  const rowOf = new Map<TreeNode<PlanRow>, number>();
  nodes.forEach((n, i) => rowOf.set(n, HEADER_ROW + 1 + i));

  for (const node of nodes) {
    const r = rowOf.get(node)!;
    const row = sheet.getRow(r);
    const { row: item } = node;
    const bold = node.depth === 1;
    row.getCell(1).value = item.code;
    row.getCell(2).value = item.name;
    row.getCell(6).value = item.task;
    row.getCell(7).value = item.leadUnits;
    for (const key of Object.keys(SCORE_COLUMNS) as ScoreKey[]) {
      const col = SCORE_COLUMNS[key];
      const cell = row.getCell(col);
      const stated = item[key];
      if (node.children.length > 0) {
        const refs = node.children.map((c) => sheet.getCell(rowOf.get(c)!, col).address);
        // no cached result for an empty parent: a reader that does not recompute reads it empty
        cell.value = {
          formula: `SUM(${refs.join(',')})`,
          result: stated === null ? undefined : toNumber(stated),
        };
        cell.numFmt = numberFormat(stated?.scale ?? 0);
      } else if (stated !== null) {
        cell.value = toNumber(stated);
        cell.numFmt = numberFormat(stated.scale);
      }
    }
    styleDataRow(row, columns, bold);
    row.height = rowHeight(
      [item.code, item.name, '', '', '', item.task, item.leadUnits],
      columns.map((c) => c.width),
    );
  }

  const totalRow = sheet.getRow(HEADER_ROW + 1 + nodes.length);
  sheet.mergeCells(totalRow.number, 1, totalRow.number, 2);
  totalRow.getCell(1).value = TOTAL_LABEL;
  const areas = nodes.filter((n) => n.parent === null);
  for (const key of Object.keys(SCORE_COLUMNS) as ScoreKey[]) {
    const col = SCORE_COLUMNS[key];
    const refs = areas.map((a) => sheet.getCell(rowOf.get(a)!, col).address);
    const shown = shownTotal(plan.rows, plan.statedTotals, key);
    const cell = totalRow.getCell(col);
    // as for a parent: an empty total has no cached result, so it reads back empty, not 0
    cell.value = { formula: `SUM(${refs.join(',')})`, result: shown === null ? undefined : toNumber(shown) };
    cell.numFmt = numberFormat(shown?.scale ?? 0);
  }
  styleDataRow(totalRow, columns, true);
  totalRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
}

/**
 * Spreadsheet programs do not grow a row for wrapped text on opening, so the height is set from
 * the text: about 1,05 characters of 12-point Times per unit of column width (1,3 left rows of
 * long texts short in LibreOffice), 12-point lines.
 */
export function rowHeight(texts: readonly string[], widths: readonly number[]): number {
  const lines = texts.map((t, i) =>
    t
      .split('\n')
      .reduce((n, line) => n + Math.max(1, Math.ceil(line.length / (Math.max(1, widths[i]!) * 1.05))), 0),
  );
  return Math.max(1, ...lines) * 15.75 + 4;
}

/** A row of an official table: framed, codes and scores centred, texts wrapped on the left. */
export function styleDataRow(row: ExcelJS.Row, columns: readonly LayoutColumn[], bold: boolean): void {
  columns.forEach((column, i) => {
    const cell = row.getCell(i + 1);
    cell.font = { name: FONT, size: 12, bold };
    cell.border = thinBorder();
    const score = column.kind === 'score';
    cell.alignment = {
      vertical: 'middle',
      horizontal: column.kind === 'text' ? 'left' : 'center',
      wrapText: !score,
    };
  });
}

/**
 * A sheet of the official tables: A4 landscape, fitted to the page's width (and height when
 * `onePage`), the header row printed on every page and frozen on screen.
 */
export function landscapeSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  opts: { headerRow: number | null; onePage?: boolean },
): ExcelJS.Worksheet {
  const { headerRow } = opts;
  return workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: opts.onePage ? 1 : 0,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      ...(headerRow === null ? {} : { printTitlesRow: `${headerRow}:${headerRow}` }),
    },
    ...(headerRow === null ? {} : { views: [{ state: 'frozen' as const, ySplit: headerRow }] }),
  });
}

/** A title line merged across the table's columns, centred and wrapped (nothing for no text). */
export function bannerLine(
  sheet: ExcelJS.Worksheet,
  row: number,
  lastColumn: number,
  text: string | null,
  font: Partial<ExcelJS.Font>,
  height?: number,
): void {
  if (!text) return;
  sheet.mergeCells(row, 1, row, lastColumn);
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = { name: FONT, size: 13, ...font };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  if (height) sheet.getRow(row).height = height;
}

/** A column title cell of the official tables: bold, centred, wrapped, shaded, framed. */
export function headerCell(cell: ExcelJS.Cell, title: string): void {
  cell.value = title;
  cell.font = { name: FONT, size: 12, bold: true };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  cell.border = thinBorder();
}

/** An exact score written as a number at its written precision; null leaves the cell empty. */
export function putScore(cell: ExcelJS.Cell, value: Score | null): void {
  if (value === null) return;
  cell.value = toNumber(value);
  cell.numFmt = numberFormat(value.scale);
}

/** A summary table's number cell: the score (putScore), Times 12, centred, framed. */
export function numberCell(cell: ExcelJS.Cell, value: Score | null, bold = false): void {
  putScore(cell, value);
  cell.font = { name: FONT, size: 12, bold };
  cell.border = thinBorder();
  cell.alignment = { vertical: 'middle', horizontal: 'center' };
}

/** A summary table's text cell: Times 12, wrapped, left or centred, framed. */
export function textCell(
  cell: ExcelJS.Cell,
  value: string,
  bold = false,
  horizontal: 'left' | 'center' = 'left',
): void {
  cell.value = value;
  cell.font = { name: FONT, size: 12, bold };
  cell.border = thinBorder();
  cell.alignment = { vertical: 'middle', horizontal, wrapText: true };
}

export function thinBorder(): Partial<ExcelJS.Borders> {
  const side: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
  return { top: side, left: side, bottom: side, right: side };
}
