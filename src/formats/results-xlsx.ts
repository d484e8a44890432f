/**
 * A pool's result of a year as a workbook (GET /api/results/:id/export.xlsx): "Xếp hạng" (rank,
 * unit, index, group, each component and area, the published rank and group when given), "Điểm chi
 * tiết" (units × every part: components, areas, criteria, with the max on top) and "Biểu đồ" (the
 * charts as PNG pictures drawn on the server from the pages' options, shared/results-charts.ts).
 * Exact numbers with their own precision and the Vietnamese decimal comma (xlsx-write.ts).
 */
import ExcelJS from 'exceljs';
import { formatScore, fromDecimalString } from '../core/score.js';
import type { RankingResponse, ResultPart } from '../shared/api/results.js';
import {
  heatmapHeight,
  heatmapOption,
  rankingBarOption,
  rankingChartHeight,
  MAX_CHART_UNITS,
  type ChartWords,
} from '../shared/results-charts.js';
import { chartPng } from './chart-image.js';
import { bannerLine, headerCell, landscapeSheet, numberCell, textCell as text } from './xlsx-write.js';

export interface ChartPicture {
  title: string;
  png: Uint8Array;
  /** the size it is shown at, in pixels (the PNG is drawn at twice that) */
  width: number;
  height: number;
}

export interface ResultsWorkbook {
  ranking: RankingResponse;
  /** every part of the result (components, areas, criteria) in its order */
  parts: readonly ResultPart[];
  /** each unit's score per part code, by unit id */
  scores: ReadonlyMap<number, Readonly<Record<string, string | null>>>;
  charts: readonly ChartPicture[];
}

export const SHEETS = { ranking: 'Xếp hạng', parts: 'Điểm chi tiết', charts: 'Biểu đồ' } as const;
const HEADER = 4;

function put(cell: ExcelJS.Cell, value: string | null | undefined, bold = false): void {
  numberCell(cell, value === null || value === undefined ? null : fromDecimalString(value), bold);
}

function heading(ranking: RankingResponse): string {
  return `KẾT QUẢ XẾP HẠNG ${ranking.result.poolName.toLocaleUpperCase('vi')} NĂM ${ranking.result.year}`;
}

/** The charts' words in the workbook (Vietnamese, as the official sheets). */
export const CHART_WORDS_VI: ChartWords = {
  index: 'Chỉ số (%)',
  average: 'Trung bình',
  best: 'Cao nhất',
  rank: 'Hạng',
  noGroup: 'Chưa xếp nhóm',
};
const CHART_WIDTH = 900;

/** The pool's charts drawn on the server: the ranking bars by group, the units × areas heat map. */
export async function resultCharts(ranking: RankingResponse): Promise<ChartPicture[]> {
  const bars = { width: CHART_WIDTH, height: rankingChartHeight(ranking.units.length) };
  const first = ranking.units.length > MAX_CHART_UNITS ? ` (${MAX_CHART_UNITS} đơn vị đứng đầu)` : '';
  const out: ChartPicture[] = [
    {
      title: `Xếp hạng theo Chỉ số, màu theo nhóm${first}`,
      png: await chartPng(rankingBarOption(ranking, CHART_WORDS_VI, 'vi'), bars),
      ...bars,
    },
  ];
  if (ranking.parts.some((p) => p.kind === 'area')) {
    const heat = { width: CHART_WIDTH, height: heatmapHeight(ranking.units.length) };
    out.push({
      title: `Điểm đạt được so với điểm tối đa theo lĩnh vực (%)${first}`,
      png: await chartPng(heatmapOption(ranking, CHART_WORDS_VI), heat),
      ...heat,
    });
  }
  return out;
}

export async function writeResultsXlsx(doc: ResultsWorkbook): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ParIndex';
  rankingSheet(workbook, doc.ranking);
  partsSheet(workbook, doc);
  chartsSheet(workbook, doc);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function rankingSheet(workbook: ExcelJS.Workbook, ranking: RankingResponse): void {
  const published = ranking.units.some((u) => u.publishedRank !== null || u.publishedGroup !== null);
  const titles = [
    'Xếp hạng',
    'Đơn vị',
    'Chỉ số (%)',
    'Nhóm',
    ...ranking.parts.map(
      (p) => `${p.code}. ${p.name}${p.max === null ? '' : ` (${formatScore(fromDecimalString(p.max))})`}`,
    ),
    ...(published ? ['Hạng công bố', 'Nhóm công bố'] : []),
  ];
  const sheet = landscapeSheet(workbook, SHEETS.ranking, { headerRow: HEADER });
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: HEADER }];
  sheet.columns = titles.map((_t, i) => ({ width: i === 1 ? 32 : i < 4 ? 11 : 14 }));
  bannerLine(sheet, 1, titles.length, heading(ranking), { bold: true }, 36);
  bannerLine(sheet, 2, titles.length, ranking.result.title, { italic: true });
  titles.forEach((title, i) => headerCell(sheet.getCell(HEADER, i + 1), title));
  sheet.getRow(HEADER).height = 64;
  ranking.units.forEach((u, i) => {
    const row = sheet.getRow(HEADER + 1 + i);
    text(row.getCell(1), u.rank === null ? '' : String(u.rank), true, 'center');
    text(row.getCell(2), u.unit);
    put(row.getCell(3), u.index, true);
    text(row.getCell(4), u.group ?? '', false, 'center');
    let col = 5;
    for (const p of ranking.parts) put(row.getCell(col++), u.scores[p.code] ?? null);
    if (published) {
      text(row.getCell(col++), u.publishedRank === null ? '' : String(u.publishedRank), false, 'center');
      text(row.getCell(col), u.publishedGroup ?? '', false, 'center');
    }
  });
}

function partsSheet(workbook: ExcelJS.Workbook, doc: ResultsWorkbook): void {
  const { ranking, parts } = doc;
  const width = 2 + parts.length;
  const sheet = landscapeSheet(workbook, SHEETS.parts, { headerRow: HEADER + 1 });
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: HEADER + 1 }];
  sheet.columns = [{ width: 9 }, { width: 32 }, ...parts.map(() => ({ width: 9 }))];
  bannerLine(sheet, 1, width, heading(ranking), { bold: true }, 36);
  bannerLine(sheet, 2, width, 'Điểm của các đơn vị theo từng thành phần, lĩnh vực, tiêu chí', {
    italic: true,
  });
  headerCell(sheet.getCell(HEADER, 1), 'Xếp hạng');
  headerCell(sheet.getCell(HEADER, 2), 'Đơn vị');
  parts.forEach((p, i) => {
    const cell = sheet.getCell(HEADER, 3 + i);
    headerCell(cell, p.code);
    cell.note = p.name;
  });
  text(sheet.getCell(HEADER + 1, 1), '', true);
  text(sheet.getCell(HEADER + 1, 2), 'Điểm tối đa', true);
  parts.forEach((p, i) => put(sheet.getCell(HEADER + 1, 3 + i), p.max, true));
  ranking.units.forEach((u, r) => {
    const row = sheet.getRow(HEADER + 2 + r);
    text(row.getCell(1), u.rank === null ? '' : String(u.rank), false, 'center');
    text(row.getCell(2), u.unit);
    const scores = doc.scores.get(u.unitId) ?? {};
    parts.forEach((p, i) => put(row.getCell(3 + i), scores[p.code] ?? null, p.kind !== 'criterion'));
  });
}

function chartsSheet(workbook: ExcelJS.Workbook, doc: ResultsWorkbook): void {
  const sheet = workbook.addWorksheet(SHEETS.charts, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.getColumn(1).width = 120;
  bannerLine(sheet, 1, 1, heading(doc.ranking), { bold: true }, 36);
  let row = 2;
  for (const chart of doc.charts) {
    bannerLine(sheet, row + 1, 1, chart.title, { bold: true });
    // exceljs types its buffer as the older Buffer<ArrayBufferLike>
    const buffer = Buffer.from(chart.png) as unknown as ExcelJS.Buffer;
    const image = workbook.addImage({ buffer, extension: 'png' });
    sheet.addImage(image, {
      tl: { col: 0, row: row + 1 },
      ext: { width: chart.width, height: chart.height },
    });
    // rows of 20 px (15 pt) under the picture, and two more before the next
    row += 2 + Math.ceil(chart.height / 20) + 2;
  }
}
