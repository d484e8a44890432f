/**
 * A plan as a Word appendix like the official one: A4 landscape, Times New Roman, the table's
 * header row repeated on every page, area rows bold, scores with the decimal comma and their own
 * precision, multi-line cells as separate paragraphs.
 */
import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { PlanDocument } from '../core/plan.js';
import { shownTotal } from '../core/consistency.js';
import { formatScore, type Score } from '../core/score.js';
import { layoutRows, officialColumns, titleLines, TOTAL_LABEL, type LayoutColumn } from './layout.js';

export const FONT = 'Times New Roman';
/** A4 in twentieths of a point, margins of 2 cm */
export const A4_SHORT = 11906;
export const A4_LONG = 16838;
export const MARGIN = 1134;
export const TABLE_WIDTH = A4_LONG - 2 * MARGIN;

/** A4 landscape with 2 cm margins: every official table's page. */
export const LANDSCAPE_PAGE = {
  size: { width: A4_SHORT, height: A4_LONG, orientation: PageOrientation.LANDSCAPE },
  margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
};

/** A document of official tables in Times New Roman 12, one landscape section per part. */
export async function landscapeDocument(sections: readonly (Paragraph | Table)[][]): Promise<Uint8Array> {
  const doc = new Document({
    creator: 'ParIndex',
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: sections.map((children) => ({ properties: { page: LANDSCAPE_PAGE }, children })),
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A centred title line (13 pt unless told). */
export function centredLine(
  text: string,
  run: { bold?: boolean; italics?: boolean; size?: number },
  after = 0,
): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after },
    children: [new TextRun({ text, size: 26, ...run })],
  });
}

/** Columns' relative widths as twentieths of a point across the page's width. */
export function columnWidths(columns: readonly { width: number }[]): number[] {
  const total = columns.reduce((s, c) => s + c.width, 0);
  return columns.map((c) => Math.floor((c.width / total) * TABLE_WIDTH));
}

/** The column titles: bold, centred, repeated at the top of every page, never split. */
export function headerRow(titles: readonly string[], widths: readonly number[], size?: number): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: titles.map((t, i) => cell(t, widths[i]!, { bold: true, align: AlignmentType.CENTER, size })),
  });
}

export async function writeDocx(plans: readonly PlanDocument[]): Promise<Uint8Array> {
  return landscapeDocument(plans.map((plan) => [...heading(plan), planTable(plan)]));
}

function heading(plan: PlanDocument): Paragraph[] {
  const { label, title, subtitle } = titleLines(plan);
  const line = centredLine;
  const out = [line(label, { bold: true })];
  if (title) out.push(line(title, { bold: true }));
  if (subtitle) out.push(line(subtitle, { italics: true }));
  out.push(new Paragraph({ children: [] }));
  return out;
}

function planTable(plan: PlanDocument): Table {
  const columns = officialColumns(plan);
  const widths = columnWidths(columns);
  const header = headerRow(
    columns.map((c) => c.title),
    widths,
  );
  const nodes = layoutRows(plan);
  const rows = nodes.map((node) => {
    const { row } = node;
    const bold = node.depth === 1;
    // the stated value, also for a parent: a parent that disagrees is a finding, not rewritten here
    const value = (key: 'max' | 'baseline' | 'target') => row[key];
    const texts = [
      row.code,
      row.name,
      score(value('max')),
      score(value('baseline')),
      score(value('target')),
      row.task,
      row.leadUnits,
    ];
    return new TableRow({
      children: texts.map((t, i) => cell(t, widths[i]!, { bold, align: alignOf(columns[i]!) })),
    });
  });
  const total = (key: 'max' | 'baseline' | 'target'): Score | null =>
    shownTotal(plan.rows, plan.statedTotals, key);
  const totalRow = new TableRow({
    cantSplit: true,
    children: [
      cell(TOTAL_LABEL, widths[0]! + widths[1]!, { bold: true, align: AlignmentType.CENTER, span: 2 }),
      ...(['max', 'baseline', 'target'] as const).map((k, i) =>
        cell(score(total(k)), widths[i + 2]!, { bold: true, align: AlignmentType.CENTER }),
      ),
      cell('', widths[5]!, {}),
      cell('', widths[6]!, {}),
    ],
  });
  return new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [header, ...rows, totalRow],
  });
}

function alignOf(column: LayoutColumn): (typeof AlignmentType)[keyof typeof AlignmentType] {
  return column.kind === 'text' ? AlignmentType.LEFT : AlignmentType.CENTER;
}

function score(s: Score | null): string {
  return s === null ? '' : formatScore(s, 'vi');
}

export function cell(
  text: string,
  width: number,
  opts: {
    bold?: boolean;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    span?: number;
    /** in half-points; the document's 12 pt when absent */
    size?: number;
  },
): TableCell {
  const lines = text === '' ? [''] : text.split('\n');
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: opts.span,
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: lines.map(
      (l) =>
        new Paragraph({
          alignment: opts.align ?? AlignmentType.LEFT,
          children: [new TextRun({ text: l, bold: opts.bold ?? false, size: opts.size })],
        }),
    ),
  });
}
