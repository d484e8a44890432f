/**
 * A criteria framework as a Word document in the official layout (framework-layout.ts): A4
 * landscape, Times New Roman, the title and the issuing decision's line, the table's header row
 * repeated on every page, areas bold, maxima with the decimal comma, multi-line cells as paragraphs.
 */
import { AlignmentType, Paragraph, Table, TableRow, WidthType } from 'docx';
import type { FrameworkDocument } from '../core/framework.js';
import { formatScore, sum, trimScale, type Score } from '../core/score.js';
import { cell, centredLine, columnWidths, headerRow, landscapeDocument, TABLE_WIDTH } from './docx-write.js';
import {
  FRAMEWORK_TOTAL_LABEL,
  frameworkColumns,
  frameworkRows,
  frameworkTitleLines,
  printedMethods,
  summedRoots,
  type FrameworkField,
} from './framework-layout.js';

export async function writeFrameworkDocx(doc: FrameworkDocument): Promise<Uint8Array> {
  const { title, decision } = frameworkTitleLines(doc);
  const heading = [centredLine(title, { bold: true })];
  if (decision) heading.push(centredLine(decision, { italics: true }));
  heading.push(new Paragraph({ children: [] }));
  return landscapeDocument([[...heading, frameworkTable(doc)]]);
}

function frameworkTable(doc: FrameworkDocument): Table {
  const columns = frameworkColumns(doc);
  const widths = columnWidths(columns);
  const nodes = frameworkRows(doc);
  const methods = printedMethods(doc);
  const rows = nodes.map((node) => {
    const c = node.row;
    const texts: Record<FrameworkField, string> = {
      code: c.rawCode.trim() || c.code,
      name: c.name,
      // the stated max, also for a parent: one that disagrees with its children is a finding
      max: score(c.max),
      method: methods.get(c.code) ?? c.method,
      evidence: c.evidence,
      followedBy: c.followedBy ?? '',
    };
    const bold = node.depth === 1;
    return new TableRow({
      children: columns.map((column, i) =>
        cell(texts[column.field], widths[i]!, {
          bold,
          align: column.kind === 'text' ? AlignmentType.LEFT : AlignmentType.CENTER,
        }),
      ),
    });
  });
  const areas = summedRoots(nodes);
  if (areas.length > 0) {
    const stated = areas.map((a) => a.row.max).filter((m): m is Score => m !== null);
    const maxAt = columns.findIndex((c) => c.field === 'max');
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          cell(FRAMEWORK_TOTAL_LABEL, widths[0]! + widths[1]!, {
            bold: true,
            align: AlignmentType.CENTER,
            span: 2,
          }),
          ...columns.slice(2).map((_, i) =>
            cell(i + 2 === maxAt && stated.length > 0 ? score(trimScale(sum(stated))) : '', widths[i + 2]!, {
              bold: true,
              align: AlignmentType.CENTER,
            }),
          ),
        ],
      }),
    );
  }
  return new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      headerRow(
        columns.map((c) => c.title),
        widths,
      ),
      ...rows,
    ],
  });
}

function score(s: Score | null): string {
  return s === null ? '' : formatScore(s, 'vi');
}
