/**
 * XLSX workbooks: every visible worksheet is read as rows of cells. Merged cells give their value
 * to every cell they cover (a merged "Điểm" header spans three columns; a lead unit merged down
 * several rows names each of them). Numbers stay numbers, with the decimals their format shows.
 * The bytes come from read.ts, which has unpacked and counted the workbook first (zip.ts, scan.ts).
 */
import ExcelJS from 'exceljs';
import type { SourceBlock, SourceCell } from './source.js';

export async function readXlsx(bytes: Uint8Array): Promise<SourceBlock[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const blocks: SourceBlock[] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== 'visible') continue;
    blocks.push({ kind: 'break' });
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      // only the cells that hold something (merged ones included), up to the row's last such cell:
      // neither the sheet's width nor a formatted empty cell far to the right makes a row longer
      const cells: SourceCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        while (cells.length < col - 1) cells.push({ text: '' });
        cells.push(readCell(cell, sheet.name));
      });
      blocks.push({ kind: 'row', cells, location: { sheet: sheet.name, row: rowNumber } });
    });
  }
  return blocks;
}

function readCell(cell: ExcelJS.Cell, sheet: string): SourceCell {
  const master = cell.isMerged && cell.master !== cell ? cell.master : cell;
  // exceljs's cell.value leaves out a formula's cached result when it is 0; cell.result keeps it
  const value = toValue(
    master.type === ExcelJS.ValueType.Formula
      ? { formula: master.formula, result: master.result }
      : master.value,
  );
  const out: SourceCell =
    typeof value === 'number'
      ? { text: '', number: value, decimals: formatDecimals(master.numFmt) }
      : { text: value };
  if (master !== cell) {
    out.mergedFrom = { sheet, row: Number(master.row), column: Number(master.col) };
  }
  return out;
}

function toValue(value: ExcelJS.CellValue): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.replace(/\r\n?/g, '\n');
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    return value.toLocaleDateString('vi-VN', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  if ('richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .replace(/\r\n?/g, '\n');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) return '';
    if (typeof result === 'object' && 'error' in result) return String(result.error);
    return toValue(result);
  }
  if ('hyperlink' in value) return toValue(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

/** Decimals shown by a number format: "0.00" → 2, "#,##0.0##" → 1 (the fixed ones), "General" → undefined. */
export function formatDecimals(numFmt: string | undefined): number | undefined {
  if (!numFmt) return undefined;
  const section = numFmt
    .split(';')[0]!
    .replace(/\[[^\]]*\]/g, '')
    .replace(/"[^"]*"/g, '');
  const m = /\.([0#?]+)/.exec(section);
  if (m) return m[1]!.replace(/[#?]/g, '').length;
  return /[0#]/.test(section) ? 0 : undefined;
}
