/**
 * A criteria framework as a workbook in the official layout (framework-layout.ts): Times New
 * Roman, A4 landscape, the header row printed on every page, areas bold, a parent's maximum a SUM
 * formula of its children's (bonus and penalty apart) with the stated value cached, so Excel
 * recomputes after an edit and a reader that does not recompute reads the framework as stated.
 */
import ExcelJS from 'exceljs';
import type { FrameworkCriterion, FrameworkDocument } from '../core/framework.js';
import { sum, toNumber, trimScale, type Score } from '../core/score.js';
import type { TreeNode } from '../core/tree.js';
import {
  FRAMEWORK_TOTAL_LABEL,
  frameworkColumns,
  frameworkRows,
  frameworkTitleLines,
  printedMethods,
  summedChildren,
  summedRoots,
  type FrameworkField,
} from './framework-layout.js';
import {
  bannerLine,
  headerCell,
  landscapeSheet,
  numberFormat,
  rowHeight,
  styleDataRow,
} from './xlsx-write.js';

const HEADER_ROW = 4;

export async function writeFrameworkXlsx(doc: FrameworkDocument): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ParIndex';
  workbook.calcProperties.fullCalcOnLoad = true;
  const columns = frameworkColumns(doc);
  const sheet = landscapeSheet(workbook, 'Bộ tiêu chí', { headerRow: HEADER_ROW });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const last = columns.length;
  const col = (field: FrameworkField) => columns.findIndex((c) => c.field === field) + 1;

  const { title, decision } = frameworkTitleLines(doc);
  bannerLine(sheet, 1, last, title, { bold: true }, 36);
  bannerLine(sheet, 2, last, decision, { italic: true });

  const header = sheet.getRow(HEADER_ROW);
  columns.forEach((c, i) => headerCell(header.getCell(i + 1), c.title));
  header.height = 32;

  const nodes = frameworkRows(doc);
  const methods = printedMethods(doc);
  const rowOf = new Map<TreeNode<FrameworkCriterion>, number>();
  nodes.forEach((n, i) => rowOf.set(n, HEADER_ROW + 1 + i));
  const maxAddress = (n: TreeNode<FrameworkCriterion>) => sheet.getCell(rowOf.get(n)!, col('max')).address;

  for (const node of nodes) {
    const c = node.row;
    const row = sheet.getRow(rowOf.get(node)!);
    const texts: Record<FrameworkField, string> = {
      code: c.rawCode.trim() || c.code,
      name: c.name,
      max: '',
      method: methods.get(c.code) ?? c.method,
      evidence: c.evidence,
      followedBy: c.followedBy ?? '',
    };
    columns.forEach((column, i) => {
      if (column.field !== 'max') row.getCell(i + 1).value = texts[column.field];
    });
    const cell = row.getCell(col('max'));
    if (node.children.length > 0) {
      // no cached result for a parent without a stated max: a reader that does not recompute reads none
      cell.value = {
        formula: `SUM(${summedChildren(node).map(maxAddress).join(',')})`,
        result: c.max === null ? undefined : toNumber(c.max),
      };
      cell.numFmt = numberFormat(c.max?.scale ?? 0);
    } else if (c.max !== null) {
      cell.value = toNumber(c.max);
      cell.numFmt = numberFormat(c.max.scale);
    }
    styleDataRow(row, columns, node.depth === 1);
    row.height = rowHeight(
      columns.map((column) => texts[column.field]),
      columns.map((column) => column.width),
    );
  }

  const areas = summedRoots(nodes);
  if (areas.length > 0) {
    const totalRow = sheet.getRow(HEADER_ROW + 1 + nodes.length);
    sheet.mergeCells(totalRow.number, 1, totalRow.number, 2);
    totalRow.getCell(1).value = FRAMEWORK_TOTAL_LABEL;
    const stated = areas.map((a) => a.row.max).filter((m): m is Score => m !== null);
    const total = stated.length === 0 ? null : trimScale(sum(stated));
    const cell = totalRow.getCell(col('max'));
    cell.value = {
      formula: `SUM(${areas.map(maxAddress).join(',')})`,
      result: total === null ? undefined : toNumber(total),
    };
    cell.numFmt = numberFormat(total?.scale ?? 0);
    styleDataRow(totalRow, columns, true);
    totalRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
