/**
 * Writes the sample framework (samples/frameworks/bo-tieu-chi-cap-xa-2026.txt, the source) as the
 * DOCX and XLSX an office would publish: the issuer's heading, "PHỤ LỤC", the title, "(Ban hành
 * kèm theo Quyết định số …)", then the table with each method's clauses on lines of their own.
 * Run: npx tsx scripts/sample-frameworks.ts (the outputs are committed beside the source).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { A4_LONG, A4_SHORT, cell, MARGIN } from '../src/formats/docx-write.js';
import { headerCell, numberFormat, rowHeight, thinBorder } from '../src/formats/xlsx-write.js';
import { parseScore, toNumber } from '../src/core/score.js';

const SOURCE = new URL('../samples/frameworks/bo-tieu-chi-cap-xa-2026.txt', import.meta.url);
const FONT = 'Times New Roman';
/** relative widths: STT, criterion, max, method, evidence, scorer, followed by */
const WIDTHS = [6, 34, 8, 52, 26, 12, 14];
const METHOD = 3;

interface Sample {
  heading: string[];
  header: string[];
  rows: string[][];
}

function readSample(): Sample {
  const lines = readFileSync(SOURCE, 'utf8').split('\n');
  const first = lines.findIndex((l) => l.includes('\t'));
  return {
    heading: lines.slice(0, first).filter((l) => l.trim() !== ''),
    header: lines[first]!.split('\t'),
    rows: lines
      .slice(first + 1)
      .filter((l) => l.includes('\t'))
      .map((l) => l.split('\t')),
  };
}

/** "A: 1 điểm; B: 0 điểm" → "- A: 1 điểm;\n- B: 0 điểm", as the documents print a method. */
function methodLines(text: string): string {
  const parts = text.split(/;\s*/).filter((p) => p.trim() !== '');
  return parts.length < 2 ? text : parts.map((p, i) => `- ${p}${i < parts.length - 1 ? ';' : ''}`).join('\n');
}

const isArea = (code: string) => /^\d+$/.test(code);
const isTotal = (row: string[]) => row[0] === '';

async function writeDocxSample(sample: Sample): Promise<Uint8Array> {
  const tableWidth = A4_LONG - 2 * MARGIN;
  const total = WIDTHS.reduce((a, b) => a + b, 0);
  const widths = WIDTHS.map((w) => Math.floor((w / total) * tableWidth));
  const line = (text: string, opts: { bold?: boolean; italics?: boolean }) =>
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, size: 26, ...opts })] });
  const [issuer, ...rest] = sample.heading;
  const heading = [
    line(issuer!, { bold: true }),
    new Paragraph({ children: [] }),
    ...rest.map((t) => line(t, t.startsWith('(') ? { italics: true } : { bold: true })),
    new Paragraph({ children: [] }),
  ];
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: sample.header.map((t, i) => cell(t, widths[i]!, { bold: true, align: AlignmentType.CENTER })),
  });
  const rows = sample.rows.map(
    (row) =>
      new TableRow({
        children: row.map((t, i) =>
          cell(i === METHOD ? methodLines(t) : t, widths[i]!, {
            bold: isArea(row[0]!) || isTotal(row),
            align: i === 0 || i === 2 ? AlignmentType.CENTER : AlignmentType.LEFT,
          }),
        ),
      }),
  );
  const doc = new Document({
    creator: 'ParIndex',
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4_SHORT, height: A4_LONG, orientation: PageOrientation.LANDSCAPE },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        children: [
          ...heading,
          new Table({
            width: { size: tableWidth, type: WidthType.DXA },
            columnWidths: widths,
            rows: [header, ...rows],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function writeXlsxSample(sample: Sample): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ParIndex';
  const sheet = workbook.addWorksheet('Bộ tiêu chí cấp xã 2026', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = WIDTHS.map((w) => ({ width: w }));
  const last = WIDTHS.length;
  let r = 1;
  for (const text of sample.heading) {
    sheet.mergeCells(r, 1, r, last);
    const c = sheet.getCell(r, 1);
    c.value = text;
    c.font = { name: FONT, size: 13, bold: !text.startsWith('('), italic: text.startsWith('(') };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    r += 1;
  }
  r += 1;
  const header = sheet.getRow(r);
  sample.header.forEach((t, i) => headerCell(header.getCell(i + 1), t));
  header.height = 32;
  for (const row of sample.rows) {
    r += 1;
    const out = sheet.getRow(r);
    const texts = row.map((t, i) => (i === METHOD ? methodLines(t) : t));
    texts.forEach((t, i) => {
      const c = out.getCell(i + 1);
      const parsed = i === 2 ? parseScore(t) : null;
      if (parsed?.ok && parsed.score !== null) {
        c.value = toNumber(parsed.score);
        c.numFmt = numberFormat(parsed.score.scale);
      } else {
        c.value = t;
      }
      c.font = { name: FONT, size: 12, bold: isArea(row[0]!) || isTotal(row) };
      c.border = thinBorder();
      c.alignment = {
        vertical: 'middle',
        horizontal: i === 0 || i === 2 ? 'center' : 'left',
        wrapText: true,
      };
    });
    out.height = rowHeight(texts, WIDTHS);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const sample = readSample();
writeFileSync(new URL('bo-tieu-chi-cap-xa-2026.docx', SOURCE), await writeDocxSample(sample));
writeFileSync(new URL('bo-tieu-chi-cap-xa-2026.xlsx', SOURCE), await writeXlsxSample(sample));
