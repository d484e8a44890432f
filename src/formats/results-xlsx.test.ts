import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { rankingSample, SAMPLE_AREAS } from '../../test/helpers/ranking-sample.js';
import { chartFontFile, chartSvg, ChartFontMissing } from './chart-image.js';
import { resultCharts, SHEETS, writeResultsXlsx } from './results-xlsx.js';
import { rankingBarOption } from '../shared/results-charts.js';
import { CHART_WORDS_VI } from './results-xlsx.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

async function workbookOf(count: number) {
  const ranking = rankingSample(count);
  const criteria = [{ code: '8.1', kind: 'criterion' as const, parentCode: '8', name: 'SIPAS', max: '10' }];
  const parts = [...ranking.parts, ...criteria];
  const scores = new Map(
    ranking.units.map((u, i) => [u.unitId, { ...u.scores, '8.1': i === 0 ? '9.57' : null }]),
  );
  const charts = await resultCharts(ranking);
  const bytes = await writeResultsXlsx({ ranking, parts, scores, charts });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return { ranking, charts, workbook };
}

describe('the results workbook', () => {
  it('has the ranking, every part per unit and the charts as PNG pictures', async () => {
    const { ranking, charts, workbook } = await workbookOf(20);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([SHEETS.ranking, SHEETS.parts, SHEETS.charts]);

    const sheet = workbook.getWorksheet(SHEETS.ranking)!;
    expect(sheet.getCell(1, 1).value).toBe('KẾT QUẢ XẾP HẠNG XÃ, PHƯỜNG TỈNH MẪU NĂM 2025');
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      'Xếp hạng',
      'Đơn vị',
      'Chỉ số (%)',
      'Nhóm',
      ...SAMPLE_AREAS.map((a) => `${a.code}. ${a.name} (${a.max})`),
      'Hạng công bố',
      'Nhóm công bố',
    ]);
    ranking.units.forEach((u, i) => {
      const row = sheet.getRow(5 + i);
      expect(row.getCell(1).value).toBe(String(u.rank));
      expect(row.getCell(2).value).toBe(u.unit);
      expect(row.getCell(3).value).toBe(Number(u.index));
      expect(row.getCell(4).value).toBe(u.group);
      expect(row.getCell(5).value).toBe(Number(u.scores['1']));
      expect(row.getCell(13).value).toBe(String(u.publishedRank));
    });
    // the 4th and 5th units share a rank; the published rank that differs is written as published
    expect([sheet.getCell(8, 1).value, sheet.getCell(9, 1).value]).toEqual(['4', '4']);
    expect(sheet.getCell(5, 3).numFmt).toBe('[$-42A]0.00');
    expect(sheet.getCell(6, 3).numFmt).toBe('[$-42A]0.00');

    const parts = workbook.getWorksheet(SHEETS.parts)!;
    expect(parts.getCell(4, 11).value).toBe('8.1');
    expect(parts.getCell(5, 2).value).toBe('Điểm tối đa');
    expect(parts.getCell(5, 11).value).toBe(10);
    expect(parts.getCell(6, 11).value).toBe(9.57);
    expect(parts.getCell(7, 11).value).toBeNull();
    expect(parts.getCell(6, 3).value).toBe(Number(ranking.units[0]!.scores['1']));

    const pictures = workbook.getWorksheet(SHEETS.charts)!.getImages();
    expect(pictures).toHaveLength(2);
    expect(charts.map((c) => c.title)).toEqual([
      'Xếp hạng theo Chỉ số, màu theo nhóm',
      'Điểm đạt được so với điểm tối đa theo lĩnh vực (%)',
    ]);
    for (const picture of pictures) {
      const media = workbook.getImage(Number(picture.imageId));
      expect(media.extension).toBe('png');
      expect([...(media.buffer as unknown as Uint8Array).subarray(0, 4)]).toEqual(PNG_SIGNATURE);
    }
    // the PNG is drawn at twice the size it is shown at
    const png = charts[0]!.png;
    const view = new DataView(png.buffer, png.byteOffset);
    expect(view.getUint32(16)).toBe(charts[0]!.width * 2);
    expect(view.getUint32(20)).toBe(charts[0]!.height * 2);
  });

  it('draws the ranking with each unit, its index in words of the page, and the bands', async () => {
    const ranking = rankingSample(12);
    const svg = await chartSvg(rankingBarOption(ranking, CHART_WORDS_VI, 'vi'), { width: 600, height: 300 });
    expect(svg.startsWith('<svg')).toBe(true);
    for (const u of ranking.units) expect(svg).toContain(`${u.rank}. ${u.unit}`);
    expect(svg).toContain('A ≥ 90');
    expect(svg).toContain('B ≥ 80');
    expect(svg).toContain('font-family:DejaVu Sans');
  });

  it('draws with DejaVu Sans, PARINDEX_CHART_FONT first; refuses without a font, naming the package', () => {
    const system = chartFontFile({});
    expect(system.endsWith('DejaVuSans.ttf')).toBe(true);
    expect(chartFontFile({ PARINDEX_CHART_FONT: system }, [])).toBe(system);
    expect(() =>
      chartFontFile({ PARINDEX_CHART_FONT: '/nowhere/font.ttf' }, ['/nowhere/either.ttf']),
    ).toThrow(
      'No DejaVu Sans font for the charts (install fonts-dejavu-core); looked at: /nowhere/font.ttf, /nowhere/either.ttf',
    );
    expect(() => chartFontFile({}, [])).toThrow(ChartFontMissing);
  });
});
