/**
 * The progress report as a Word document, with the appendix's conventions (docx-write.ts): A4
 * landscape, Times New Roman, the table's header row repeated on every page. The first page is the
 * summary (per area, per lead unit, points at stake); the task list follows on a new page.
 */
import { AlignmentType, Paragraph, Table, TableRow, TextRun, WidthType } from 'docx';
import type { ProgressCounts, ProgressGroup } from '../core/progress.js';
import { formatScore, type Score } from '../core/score.js';
import { cell, centredLine, columnWidths, headerRow, landscapeDocument, TABLE_WIDTH } from './docx-write.js';
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

/** 9 pt in the summary so that it holds on one page (about 25 lines of areas and units); 11 pt in the task list */
const SUMMARY_SIZE = 18;
const TASKS_SIZE = 22;

export async function writeReportDocx(doc: ProgressReportDocument): Promise<Uint8Array> {
  return landscapeDocument([summaryPage(doc), [...heading(doc, TASKS_HEADING), tasksTable(doc)]]);
}

const line = centredLine;
const titlesOf = (columns: readonly ReportColumn[]) => columns.map((c) => c.title);

function heading(doc: ProgressReportDocument, part: string): Paragraph[] {
  const out = [line(reportTitle(doc), { bold: true }, 60)];
  const subtitle = reportSubtitle(doc);
  if (subtitle) out.push(line(subtitle, { italics: true }));
  out.push(line(part, { bold: true, size: 24 }, 120));
  return out;
}

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
const ALIGN: Record<ReportColumn['align'], Align> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
};

function score(s: Score | null): string {
  return s === null ? '' : formatScore(s, 'vi');
}

function summaryTable(title: string, groups: readonly ProgressGroup[], total: ProgressCounts | null): Table {
  const columns = SUMMARY_COLUMNS(title);
  const widths = columnWidths(columns);
  const row = (label: string, c: ProgressCounts, bold: boolean) => {
    const { counts, donePercent, atStake, atStakeOpen } = countCells(c);
    const texts = [label, ...counts.map(String), `${donePercent}%`, score(atStake), score(atStakeOpen)];
    return new TableRow({
      cantSplit: true,
      children: texts.map((t, i) =>
        cell(t, widths[i]!, { bold, align: ALIGN[columns[i]!.align], size: SUMMARY_SIZE }),
      ),
    });
  };
  return new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      headerRow(titlesOf(columns), widths, SUMMARY_SIZE),
      ...groups.map((g) => row(title === BY_AREA ? `${g.key}. ${g.label}` : g.label, g, false)),
      ...(total ? [row(TOTAL_LABEL, total, true)] : []),
    ],
  });
}

function summaryPage(doc: ProgressReportDocument): (Paragraph | Table)[] {
  return [
    ...heading(doc, SUMMARY_HEADING),
    new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: headline(doc.report.total) })] }),
    summaryTable(BY_AREA, doc.report.byArea, doc.report.total),
    new Paragraph({ children: [] }),
    summaryTable(BY_UNIT, doc.report.byUnit, null),
  ];
}

function tasksTable(doc: ProgressReportDocument): Table {
  const columns = TASK_COLUMNS;
  const widths = columnWidths(columns);
  const areas = new Map(doc.report.byArea.map((a) => [a.key, a.label]));
  const rows: TableRow[] = [headerRow(titlesOf(columns), widths, TASKS_SIZE)];
  let area: string | null = null;
  for (const t of doc.report.rows) {
    if (t.areaCode !== area) {
      area = t.areaCode;
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            cell(area, widths[0]!, { bold: true, align: AlignmentType.CENTER, size: TASKS_SIZE }),
            cell(
              areas.get(area) ?? '',
              widths.slice(1).reduce((s, w) => s + w, 0),
              { bold: true, span: columns.length - 1, size: TASKS_SIZE },
            ),
          ],
        }),
      );
    }
    const texts = [
      t.code,
      t.name,
      t.task,
      t.leadUnits.join('; '),
      deadlineLabel(t),
      STATUS_LABEL[t.status],
      `${t.progress}%`,
      t.note,
      overdueLabel(t),
    ];
    rows.push(
      new TableRow({
        children: texts.map((text, i) =>
          cell(text, widths[i]!, {
            bold: i === 8 && text !== '',
            align: ALIGN[columns[i]!.align],
            size: TASKS_SIZE,
          }),
        ),
      }),
    );
  }
  return new Table({ width: { size: TABLE_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows });
}
