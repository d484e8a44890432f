/**
 * Writes a sample survey's scores (điều tra xã hội học, SIPAS) for the sample round: every commune
 * of test/helpers/rounds.ts#COMMUNES scored on each criterion the sample framework marks "Điều tra
 * XHH", as the office receives them — samples/surveys/khao-sat-2026.xlsx (one row per commune and
 * criterion, a title above the table) and khao-sat-2026.csv (the same scores, one row per commune and
 * one column per criterion code, the other layout the import reads). The scores are made up: the max
 * times a satisfaction rate between 70 % and 94 %, to two decimals, the same at every run.
 * Run: npx tsx scripts/sample-surveys.ts (the outputs are committed).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { formatScore, parseScore, toDecimalString, toNumber, type Score } from '../src/core/score.js';
import { headerCell, numberFormat, thinBorder } from '../src/formats/xlsx-write.js';
import { COMMUNES } from '../test/helpers/rounds.js';

const FRAMEWORK = new URL('../samples/frameworks/bo-tieu-chi-cap-xa-2026.txt', import.meta.url);
const OUT = new URL('../samples/surveys/', import.meta.url);
const FONT = 'Times New Roman';

interface SurveyCriterion {
  code: string;
  name: string;
  max: Score;
}

/** The criteria the sample framework scores by survey ("Hình thức đánh giá": Điều tra XHH). */
function surveyCriteria(): SurveyCriterion[] {
  return readFileSync(FRAMEWORK, 'utf8')
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((cells) => cells[5]?.trim() === 'Điều tra XHH')
    .map(([code, name, max]) => {
      const parsed = parseScore(max ?? '');
      if (!parsed.ok || parsed.score === null) throw new Error(`no max for ${code}`);
      return { code: code!, name: name!, max: parsed.score };
    });
}

/** The max times (70 + a rate that moves with the commune and the criterion) %, to 0,01. */
function scoreOf(max: Score, commune: number, criterion: number): Score {
  const percent = 70 + ((commune * 7 + criterion * 5) % 25);
  const units = Math.round((max.units * percent) / 100 / 100) * 100;
  return { units, scale: 2 };
}

const criteria = surveyCriteria();
const scores = COMMUNES.map((commune, i) => ({
  commune,
  scores: criteria.map((c, j) => scoreOf(c.max, i, j)),
}));

async function writeXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ParIndex';
  const sheet = workbook.addWorksheet('Điểm khảo sát 2026');
  const widths = [6, 24, 12, 44, 12, 14];
  sheet.columns = widths.map((width) => ({ width }));
  sheet.mergeCells(1, 1, 1, widths.length);
  const title = sheet.getCell(1, 1);
  title.value = 'KẾT QUẢ ĐIỀU TRA XÃ HỘI HỌC (SIPAS) NĂM 2026 — CÁC XÃ TỈNH LÂM ĐỒNG';
  title.font = { name: FONT, size: 13, bold: true };
  title.alignment = { horizontal: 'center' };
  const header = sheet.getRow(3);
  ['STT', 'Tên đơn vị', 'Mã tiêu chí', 'Tiêu chí', 'Điểm tối đa', 'Điểm khảo sát'].forEach((t, i) =>
    headerCell(header.getCell(i + 1), t),
  );
  let n = 0;
  for (const { commune, scores: own } of scores) {
    criteria.forEach((c, j) => {
      n += 1;
      const row = sheet.getRow(3 + n);
      const values: (string | number)[] = [n, commune, c.code, c.name, toNumber(c.max), toNumber(own[j]!)];
      values.forEach((v, k) => {
        const cell = row.getCell(k + 1);
        cell.value = v;
        cell.font = { name: FONT, size: 12 };
        cell.border = thinBorder();
        if (k === 4) cell.numFmt = numberFormat(c.max.scale);
        if (k === 5) cell.numFmt = numberFormat(2);
      });
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** CSV with the Vietnamese decimal comma, the cells quoted (a Vietnamese spreadsheet's own export). */
function writeCsv(): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = [['Đơn vị', ...criteria.map((c) => c.code)].map(quote).join(',')];
  for (const { commune, scores: own } of scores) {
    lines.push([commune, ...own.map((s) => formatScore(s, 'vi'))].map(quote).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

writeFileSync(new URL('khao-sat-2026.xlsx', OUT), await writeXlsx());
writeFileSync(new URL('khao-sat-2026.csv', OUT), writeCsv());
console.log(
  `${scores.length} communes × ${criteria.length} criteria: ${criteria.map((c) => c.code).join(', ')}; ` +
    `first ${toDecimalString(scores[0]!.scores[0]!)}`,
);
