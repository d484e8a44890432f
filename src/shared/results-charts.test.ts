import { describe, expect, it } from 'vitest';
import { rankingSample } from '../../test/helpers/ranking-sample.js';
import {
  bandColours,
  bandLabelOf,
  BAND_PALETTE,
  heatmapHeight,
  heatmapOption,
  historyOption,
  MAX_CHART_UNITS,
  NO_GROUP_COLOUR,
  partIndex,
  radarOption,
  rankingBarOption,
  rankingChartHeight,
  type ChartWords,
} from './results-charts.js';

const WORDS: ChartWords = {
  index: 'Chỉ số',
  average: 'Trung bình',
  best: 'Cao nhất',
  rank: 'Hạng',
  noGroup: '—',
};

type Bar = { value: number; itemStyle: { color: string }; label: { formatter: string } };
type Series = { data: unknown[]; markLine?: { data: { xAxis: number; label: { formatter: string } }[] } };
const seriesOf = (option: Record<string, unknown>) => option.series as Series[];

describe('the ranking bars', () => {
  it('draws a bar per ranked unit in rank order, coloured by its group, labelled in Vietnamese', () => {
    const ranking = rankingSample(20);
    const option = rankingBarOption(ranking, WORDS, 'vi');
    const bars = seriesOf(option)[0]!.data as Bar[];
    expect((option.yAxis as { data: string[] }).data.slice(0, 6)).toEqual([
      '1. Xã Số 1',
      '2. Xã Số 2',
      '3. Xã Số 3',
      '4. Xã Số 4',
      '4. Xã Số 5',
      '6. Xã Số 6',
    ]);
    expect(bars[1]!.label.formatter).toBe('98,26');
    expect(bars[10]!.label.formatter).toBe('82,6');
    const colours = ranking.units.map((u) => u.group);
    expect(bars.map((b) => b.itemStyle.color)).toEqual(
      colours.map((g) => BAND_PALETTE[['A', 'B', 'C'].indexOf(g!)]),
    );
    // the axis starts on a multiple of five below the lowest index (66,94): the bands A and B as lines
    expect((option.xAxis as { min: number }).min).toBe(60);
    expect(seriesOf(option)[0]!.markLine!.data.map((l) => [l.xAxis, l.label.formatter])).toEqual([
      [90, 'A ≥ 90'],
      [80, 'B ≥ 80'],
    ]);
    expect(rankingBarOption(ranking, WORDS, 'en').series).not.toEqual(option.series);
  });

  it('takes a band’s own colour, the palette otherwise, grey outside every band', () => {
    const colours = bandColours([
      { label: 'Khá', minIndex: '70', colour: '' },
      { label: 'Tốt', minIndex: '85', colour: '#123456' },
    ]);
    expect([...colours]).toEqual([
      ['Tốt', '#123456'],
      ['Khá', BAND_PALETTE[1]],
    ]);
    const ranking = rankingSample(3);
    ranking.units[2]!.group = null;
    const bars = seriesOf(rankingBarOption(ranking, WORDS, 'vi'))[0]!.data as Bar[];
    expect(bars[2]!.itemStyle.color).toBe(NO_GROUP_COLOUR);
    expect(bandLabelOf('89.99', ranking.bands)).toBe('B');
    expect(bandLabelOf('90', ranking.bands)).toBe('A');
  });
});

describe('a large pool', () => {
  it('draws the first 150 units by rank, the chart’s height bounded', () => {
    const ranking = rankingSample(400);
    const bars = seriesOf(rankingBarOption(ranking, WORDS, 'vi'))[0]!.data as Bar[];
    expect(bars).toHaveLength(MAX_CHART_UNITS);
    const heat = seriesOf(heatmapOption(ranking, WORDS))[0]!.data as { value: number[] }[];
    expect(Math.max(...heat.map((d) => d.value[1]!))).toBe(MAX_CHART_UNITS - 1);
    expect(rankingChartHeight(400)).toBe(rankingChartHeight(MAX_CHART_UNITS));
    expect(heatmapHeight(3)).toBeLessThan(heatmapHeight(400));
  });
});

describe('the heat map', () => {
  it('puts score ÷ max in % per unit and area, exact until drawn', () => {
    const ranking = rankingSample(20);
    const data = seriesOf(heatmapOption(ranking, WORDS))[0]!.data as {
      value: [number, number, number];
      label: { formatter: string };
    }[];
    expect(data).toHaveLength(20 * 8);
    // the 20th unit lost 0,04 × 19 × 8 + 0,3 × 19 = 11,78 of 24 on area 8: 12,22 ÷ 24 = 50,9167 %
    const cell = data.find((d) => d.value[0] === 7 && d.value[1] === 19)!;
    expect(cell.value[2]).toBe(50.9167);
    expect(cell.label.formatter).toBe('51');
    expect(partIndex('12.22', '24')?.units).toBe(509167);
    expect(partIndex(null, '24')).toBeNull();
    expect(partIndex('1', '0')).toBeNull();
  });
});

describe('a unit’s radar and history', () => {
  it('compares the unit’s areas with the pool’s average and best, each in %', () => {
    const ranking = rankingSample(20);
    const unit = ranking.units[19]!;
    const option = radarOption(ranking.parts, [
      { name: unit.unit, scores: unit.scores, kind: 'unit' },
      { name: WORDS.average, scores: ranking.average.parts, kind: 'average' },
      { name: WORDS.best, scores: ranking.best.parts, kind: 'best' },
    ]);
    const series = seriesOf(option)[0]!.data as { name: string; value: number[] }[];
    expect((option.radar as { indicator: { name: string }[] }).indicator.map((i) => i.name)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
    ]);
    expect(series.map((s) => s.name)).toEqual(['Xã Số 20', 'Trung bình', 'Cao nhất']);
    expect(series[0]!.value[7]).toBe(50.9167);
    expect(series[2]!.value).toEqual([100, 100, 100, 100, 100, 100, 100, 100]);
  });

  it('draws the index by year with the rank of each year', () => {
    const option = historyOption(
      [
        {
          year: 2025,
          resultId: 2,
          poolName: 'P',
          unit: 'Xã A',
          index: '84.66',
          rank: 37,
          group: 'B',
          of: 63,
        },
        {
          year: 2024,
          resultId: 1,
          poolName: 'P',
          unit: 'Xã Cũ',
          index: '81.2',
          rank: null,
          group: null,
          of: 63,
        },
      ],
      WORDS,
      'vi',
    );
    expect((option.xAxis as { data: string[] }).data).toEqual(['2024', '2025']);
    const points = seriesOf(option)[0]!.data as { value: number; label: { formatter: string } }[];
    expect(points.map((p) => [p.value, p.label.formatter])).toEqual([
      [81.2, '81,2'],
      [84.66, '84,66 · Hạng 37/63'],
    ]);
  });
});
