/**
 * The results' charts as ECharts option objects (plain data, no functions), built once for the web
 * pages (features/results, drawn in SVG and exported as PNG/SVG) and the server (the results XLSX,
 * rendered to SVG by ECharts' server-side rendering, then to PNG): the pool's ranking bars coloured by
 * group with the bands as lines, the units × areas heat map (score ÷ max in %), a unit's areas radar
 * against the pool's average and best, a unit's index history with its rank. Values are exact decimals
 * until the chart: turned into numbers only to be drawn (never summed); labels are formatted strings.
 */
import { bandOf } from '../core/ranking.js';
import { indexOfPoints } from '../core/scoring.js';
import { formatScore, fromDecimalString, toNumber, type Score } from '../core/score.js';
import type { z } from 'zod';
import type { HistoryPoint, PoolBand, RankingResponse, ResultPart } from './api/results.js';

export type ChartOption = Record<string, unknown>;
type Lang = 'vi' | 'en';

/** The groups' colours when a band has none, highest band first. */
export const BAND_PALETTE = ['#389e0d', '#1677ff', '#d48806', '#d4380d', '#a8071a', '#531dab'] as const;
export const NO_GROUP_COLOUR = '#8c8c8c';
const AVERAGE_COLOUR = '#8c8c8c';
const BEST_COLOUR = '#389e0d';
const UNIT_COLOUR = '#b8322a';

/** The words a chart draws (series and axis names), in the reader's language. */
export interface ChartWords {
  index: string;
  average: string;
  best: string;
  rank: string;
  noGroup: string;
}

function decimal(text: string): Score {
  return fromDecimalString(text);
}

/** Each band's colour: its own, else the palette's by its place among the bands (highest first). */
export function bandColours(bands: readonly PoolBand[]): Map<string, string> {
  const ordered = [...bands].sort((a, b) => toNumber(decimal(b.minIndex)) - toNumber(decimal(a.minIndex)));
  return new Map(
    ordered.map((b, i) => [b.label, b.colour !== '' ? b.colour : BAND_PALETTE[i % BAND_PALETTE.length]!]),
  );
}

/** The colour of a group (by its label), grey when the unit is in none or the label is no band's. */
export function groupColour(group: string | null, colours: ReadonlyMap<string, string>): string {
  return (group !== null && colours.get(group)) || NO_GROUP_COLOUR;
}

/** The band of an index among the pool's bands (core/ranking.ts#bandOf), by label. */
export function bandLabelOf(index: string | null, bands: readonly PoolBand[]): string | null {
  const band = bandOf(
    index === null ? null : decimal(index),
    bands.map((b) => ({ ...b, minIndex: decimal(b.minIndex) })),
  );
  return band?.label ?? null;
}

/** Score ÷ max × 100 (exact, core/scoring.ts#indexOfPoints); null without a score or a max. */
export function partIndex(score: string | null | undefined, max: string | null | undefined): Score | null {
  if (score === null || score === undefined || max === null || max === undefined) return null;
  return indexOfPoints(decimal(score), decimal(max));
}

/** Two decimals at most, for labels: "84,66". */
function label(value: Score, lang: Lang): string {
  const two = Math.round(toNumber(value) * 100);
  return formatScore({ units: two * 100, scale: 0 }, lang);
}

/** The areas of a result (kind 'area'), in its order. */
export function areasOf(parts: readonly ResultPart[]): ResultPart[] {
  return parts.filter((p) => p.kind === 'area');
}

/**
 * The most units a chart draws (a bar or a row each), the first by rank: a pool of thousands of
 * communes would make a picture tens of thousands of pixels tall (the table and the XLSX have them all).
 */
export const MAX_CHART_UNITS = 150;

/** The units a chart draws: in rank order (unranked last, as given), the first MAX_CHART_UNITS. */
export function chartUnits<U extends { rank: number | null }>(units: readonly U[]): U[] {
  return units.slice(0, MAX_CHART_UNITS);
}

/** The height of the ranking chart for this many units (a bar each, up to MAX_CHART_UNITS). */
export function rankingChartHeight(units: number): number {
  return 80 + 22 * Math.min(Math.max(units, 1), MAX_CHART_UNITS);
}

/** The height of the heat map for this many units (a row each, up to MAX_CHART_UNITS). */
export function heatmapHeight(units: number): number {
  return 110 + 22 * Math.min(Math.max(units, 1), MAX_CHART_UNITS);
}

/** The lowest value the index axis starts at: five below the lowest index, on a multiple of five. */
function axisFloor(values: readonly number[]): number {
  if (values.length === 0) return 0;
  return Math.max(0, Math.floor((Math.min(...values) - 5) / 5) * 5);
}

/**
 * The pool's ranking: a bar per unit in rank order (first at the top), coloured by the group it is
 * computed in, its index at the end; each band's lowest index as a vertical line with its label.
 */
export function rankingBarOption(ranking: RankingResponse, words: ChartWords, lang: Lang): ChartOption {
  const colours = bandColours(ranking.bands);
  const units = chartUnits(ranking.units.filter((u) => u.rank !== null));
  const values = units.map((u) => toNumber(decimal(u.index)));
  const min = axisFloor(values);
  const bandLines = ranking.bands
    .filter((b) => toNumber(decimal(b.minIndex)) >= min && toNumber(decimal(b.minIndex)) <= 100)
    .map((b) => ({
      xAxis: toNumber(decimal(b.minIndex)),
      lineStyle: { color: groupColour(b.label, colours), type: 'dashed', width: 1.5 },
      label: { formatter: `${b.label} ≥ ${formatScore(decimal(b.minIndex), lang)}`, position: 'start' },
    }));
  return {
    animation: false,
    backgroundColor: '#ffffff',
    grid: { left: 8, right: 56, top: 28, bottom: 36, containLabel: true },
    xAxis: { type: 'value', min, max: 100, name: words.index, nameLocation: 'middle', nameGap: 26 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: units.map((u) => `${u.rank}. ${u.unit}`),
      axisLabel: { interval: 0, fontSize: 11, width: 220, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        name: words.index,
        type: 'bar',
        barMaxWidth: 18,
        data: units.map((u, i) => ({
          value: values[i],
          itemStyle: { color: groupColour(u.group, colours) },
          label: { show: true, position: 'right', fontSize: 10, formatter: label(decimal(u.index), lang) },
        })),
        markLine: { symbol: 'none', silent: true, data: bandLines },
      },
    ],
  };
}

/**
 * Units × areas: each cell the unit's score on the area ÷ the area's max, in %; red (0) → yellow →
 * green (100). Units in rank order, first at the top; a cell without a score or max is left empty.
 */
export function heatmapOption(ranking: RankingResponse, words: ChartWords): ChartOption {
  const areas = areasOf(ranking.parts);
  const units = chartUnits(ranking.units);
  const data: { value: [number, number, number]; label: { formatter: string } }[] = [];
  units.forEach((u, y) =>
    areas.forEach((a, x) => {
      const pct = partIndex(u.scores[a.code], a.max);
      if (pct === null) return;
      const n = toNumber(pct);
      data.push({ value: [x, y, n], label: { formatter: String(Math.round(n)) } });
    }),
  );
  return {
    animation: false,
    backgroundColor: '#ffffff',
    grid: { left: 8, right: 16, top: 16, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: areas.map((a) => a.code), position: 'top', splitArea: { show: true } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: units.map((u) => (u.rank === null ? u.unit : `${u.rank}. ${u.unit}`)),
      axisLabel: { interval: 0, fontSize: 11, width: 200, overflow: 'truncate' },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: 100,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 8,
      text: ['100 %', '0 %'],
      inRange: { color: ['#f5222d', '#fadb14', '#52c41a'] },
    },
    series: [
      {
        name: words.index,
        type: 'heatmap',
        data,
        label: { show: true, fontSize: 10 },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
      },
    ],
  };
}

/** A series of the radar: a name and its scores by part code. */
export interface RadarSeries {
  name: string;
  scores: Record<string, string | null>;
  kind: 'unit' | 'average' | 'best';
}

/** A unit's areas (index = score ÷ max, %) against the pool's average and best, one axis per area. */
export function radarOption(parts: readonly ResultPart[], series: readonly RadarSeries[]): ChartOption {
  const areas = areasOf(parts);
  const colour = { unit: UNIT_COLOUR, average: AVERAGE_COLOUR, best: BEST_COLOUR } as const;
  return {
    animation: false,
    backgroundColor: '#ffffff',
    legend: { bottom: 0, data: series.map((s) => s.name) },
    radar: {
      radius: '62%',
      center: ['50%', '48%'],
      indicator: areas.map((a) => ({ name: a.code, max: 100, min: 0 })),
      axisName: { color: '#434343', fontSize: 12 },
    },
    series: [
      {
        type: 'radar',
        data: series.map((s) => ({
          name: s.name,
          value: areas.map((a) => {
            const pct = partIndex(s.scores[a.code], a.max);
            return pct === null ? 0 : toNumber(pct);
          }),
          itemStyle: { color: colour[s.kind] },
          lineStyle: { color: colour[s.kind], width: s.kind === 'unit' ? 2.5 : 1.5 },
          areaStyle: s.kind === 'unit' ? { color: colour.unit, opacity: 0.15 } : undefined,
        })),
      },
    ],
  };
}

/** A unit's index across years, each point labelled with its index and rank ("84,66 · 37/63"). */
export function historyOption(
  history: readonly z.infer<typeof HistoryPoint>[],
  words: ChartWords,
  lang: Lang,
): ChartOption {
  const points = [...history].sort((a, b) => a.year - b.year);
  const values = points.map((p) => toNumber(decimal(p.index)));
  return {
    animation: false,
    backgroundColor: '#ffffff',
    grid: { left: 8, right: 24, top: 32, bottom: 24, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => String(p.year)), boundaryGap: true },
    yAxis: { type: 'value', min: axisFloor(values), max: 100, name: words.index },
    series: [
      {
        name: words.index,
        type: 'line',
        symbolSize: 8,
        itemStyle: { color: UNIT_COLOUR },
        data: points.map((p, i) => ({
          value: values[i],
          label: {
            show: true,
            position: 'top',
            fontSize: 11,
            formatter:
              p.rank === null
                ? label(decimal(p.index), lang)
                : `${label(decimal(p.index), lang)} · ${words.rank} ${p.rank}/${p.of}`,
          },
        })),
      },
    ],
  };
}
