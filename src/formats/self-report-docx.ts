/**
 * A unit's self-assessment report as MOHA's guidance asks (383/BNV-CCHC, 384/BNV-CCHC): the summary
 * table of self-scores per area (max, self-score), the criteria scored above 0 without evidence with
 * how they were scored, the criteria not applicable with their reasons, difficulties and proposals;
 * dated, A4 portrait, Times New Roman (docx-write.ts's cells and header rows). Texts written by the
 * unit go in as plain runs, never as markup.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TextRun, TableRow, WidthType } from 'docx';
import { formatScore, type Score } from '../core/score.js';
import { A4_LONG, A4_SHORT, cell, centredLine, FONT, headerRow, MARGIN } from './docx-write.js';

export interface SelfReportDocument {
  round: string;
  year: number;
  unit: string;
  /** yyyy-mm-dd */
  day: string;
  areas: { code: string; name: string; max: Score | null; self: Score | null }[];
  total: Score;
  /** the applicable max */
  max: Score;
  index: Score | null;
  withoutEvidence: { code: string; name: string; score: Score; explanation: string }[];
  notApplicable: { code: string; name: string; reason: string }[];
  difficulties: string;
  proposals: string;
}

/** the left margin is 1 cm wider (binding) */
const BINDING = 567;
const WIDTH = A4_SHORT - 2 * MARGIN - BINDING;
const shown = (s: Score | null): string => (s === null ? '' : formatScore(s, 'vi'));

function widths(parts: readonly number[]): number[] {
  const total = parts.reduce((a, b) => a + b, 0);
  return parts.map((p) => Math.floor((p / total) * WIDTH));
}

function heading(text: string): Paragraph {
  return new Paragraph({
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text, bold: true })],
  });
}

function body(text: string): Paragraph[] {
  const lines = text.trim() === '' ? ['Không có.'] : text.split('\n');
  return lines.map(
    (l) =>
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: { after: 60 },
        indent: { firstLine: 567 },
        children: [new TextRun({ text: l })],
      }),
  );
}

function table(
  titles: readonly string[],
  parts: readonly number[],
  rows: readonly (readonly string[])[],
  boldLast = false,
): Table {
  const w = widths(parts);
  return new Table({
    width: { size: WIDTH, type: WidthType.DXA },
    columnWidths: w,
    rows: [
      headerRow(titles, w),
      ...rows.map(
        (r, i) =>
          new TableRow({
            cantSplit: true,
            children: r.map((t, j) =>
              cell(t, w[j]!, {
                bold: boldLast && i === rows.length - 1,
                align: j === 1 ? AlignmentType.LEFT : AlignmentType.CENTER,
              }),
            ),
          }),
      ),
    ],
  });
}

export async function writeSelfReportDocx(doc: SelfReportDocument): Promise<Uint8Array> {
  const [y, m, d] = doc.day.split('-');
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { after: 240 },
      children: [new TextRun({ text: `Ngày ${d} tháng ${m} năm ${y}`, italics: true })],
    }),
    centredLine('BÁO CÁO', { bold: true, size: 28 }),
    centredLine(`Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm ${doc.year}`, { bold: true }),
    centredLine(doc.unit, { bold: true }, 120),
    centredLine(doc.round, { italics: true, size: 24 }, 240),
    heading('I. BẢNG TỔNG HỢP ĐIỂM TỰ ĐÁNH GIÁ'),
    table(
      ['STT', 'Lĩnh vực', 'Điểm tối đa', 'Điểm tự đánh giá'],
      [8, 60, 16, 16],
      [
        ...doc.areas.map((a) => [a.code, a.name, shown(a.max), shown(a.self)]),
        ['', 'Tổng cộng', shown(doc.max), shown(doc.total)],
      ],
      true,
    ),
    new Paragraph({
      spacing: { before: 120 },
      children: [
        new TextRun({
          text:
            doc.index === null
              ? 'Chỉ số tự đánh giá: chưa xác định.'
              : `Chỉ số tự đánh giá: ${formatScore(doc.index, 'vi')}% (tổng điểm chia điểm tối đa áp dụng).`,
        }),
      ],
    }),
    heading('II. GIẢI TRÌNH CÁC TIÊU CHÍ CHẤM ĐIỂM KHÔNG CÓ TÀI LIỆU KIỂM CHỨNG'),
    doc.withoutEvidence.length === 0
      ? body('')[0]!
      : table(
          ['Mã', 'Tiêu chí', 'Điểm', 'Diễn giải cách đánh giá, tính điểm'],
          [8, 40, 10, 42],
          doc.withoutEvidence.map((c) => [c.code, c.name, shown(c.score), c.explanation]),
        ),
    heading('III. CÁC TIÊU CHÍ KHÔNG ÁP DỤNG'),
    doc.notApplicable.length === 0
      ? body('')[0]!
      : table(
          ['Mã', 'Tiêu chí', 'Lý do không áp dụng'],
          [8, 50, 42],
          doc.notApplicable.map((c) => [c.code, c.name, c.reason]),
        ),
    heading('IV. KHÓ KHĂN, VƯỚNG MẮC'),
    ...body(doc.difficulties),
    heading('V. ĐỀ XUẤT, KIẾN NGHỊ'),
    ...body(doc.proposals),
  ];
  const document = new Document({
    creator: 'ParIndex',
    title: `Báo cáo tự đánh giá — ${doc.unit}`,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4_SHORT, height: A4_LONG },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN + BINDING, right: MARGIN },
          },
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
