/**
 * A bar chart on ECharts' core build with only what it uses (bars, grid, tooltip, legend, SVG).
 * SVG keeps the values as text in the page; no animation, so what is drawn is the final state.
 * The chart measures its box: value labels are drawn only when a bar is wide enough to carry one
 * (on a phone they would run into each other, "18,518,5"), and the axis names each category in as
 * many words as fit. The full name of a category is in the tooltip (escaped: the tooltip is HTML).
 */
import { BarChart as Bars } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { escapeHtml, shortName } from '@core/display';
import { useWidth } from './useWidth';

echarts.use([Bars, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface Series {
  name: string;
  color: string;
  values: (number | null)[];
}

const GRID = { left: 40, right: 16 };
/** the gaps the bars are drawn with, set (not ECharts' defaults, which vary with the series) so that
 * the room a label has is known: a fifth of a category between groups, a fifth of a bar between bars */
const CATEGORY_GAP = 0.2;
const BAR_GAP = 0.2;
/** the width of a character of a value label at 10 px (a digit of DejaVu Sans is 6,4 px) */
const LABEL_CHAR_WIDTH = 6.4;
/** the least room between two neighbouring labels */
const LABEL_SPACE = 4;
/** the narrowest category that carries words beside its code */
const NAME_MIN_CATEGORY = 64;

export function BarChart(props: {
  /** short labels (area codes) */
  categories: string[];
  /** the categories' full names (area titles), for the axis as they fit and the tooltip */
  names?: string[];
  series: Series[];
  format: (value: number) => string;
  height?: number;
  testId?: string;
}) {
  const [ref, width] = useWidth();
  const count = Math.max(props.categories.length, 1);
  const perCategory = width > 0 ? (width - GRID.left - GRID.right) / count : 0;
  // from one bar's middle to the next one's: the bar and the gap after it
  const bars = Math.max(props.series.length, 1);
  const pitch = ((perCategory * (1 - CATEGORY_GAP)) / (bars + (bars - 1) * BAR_GAP)) * (1 + BAR_GAP);
  const widest = Math.max(
    0,
    ...props.series.flatMap((s) => s.values.map((v) => (v === null ? 0 : props.format(v).length))),
  );
  const showValues = perCategory > 0 && pitch >= widest * LABEL_CHAR_WIDTH + LABEL_SPACE;
  const withNames = props.names !== undefined && perCategory >= NAME_MIN_CATEGORY;
  // two lines of about 6 px per character
  const chars = Math.floor((perCategory - 8) / 6.2) * 2;
  const axisLabel = (i: number) => {
    const code = props.categories[i] ?? '';
    const name = props.names?.[i];
    return withNames && name ? `${code}. ${shortName(name, Math.max(chars - code.length - 2, 6))}` : code;
  };
  const option = {
    animation: false,
    grid: { left: GRID.left, right: GRID.right, top: 36, bottom: withNames ? 44 : 28 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      formatter: (
        params: { dataIndex: number; marker: string; seriesName: string; value: number | null }[],
      ) => {
        const first = params[0];
        if (!first) return '';
        const i = first.dataIndex;
        const title = [props.categories[i], props.names?.[i]].filter(Boolean).join('. ');
        const lines = params.map(
          (p) =>
            `${p.marker}${escapeHtml(p.seriesName)}: <b>${p.value === null ? '—' : escapeHtml(props.format(p.value))}</b>`,
        );
        return `<div style="max-width:260px;white-space:normal"><b>${escapeHtml(title)}</b></div>${lines.join('<br/>')}`;
      },
    },
    xAxis: {
      type: 'category',
      data: props.categories.map((_c, i) => axisLabel(i)),
      axisLabel: {
        interval: 0,
        fontSize: withNames ? 11 : 12,
        width: Math.max(perCategory - 6, 20),
        overflow: 'break',
        lineHeight: 13,
      },
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => props.format(v) } },
    series: props.series.map((s) => ({
      name: s.name,
      type: 'bar',
      data: s.values,
      itemStyle: { color: s.color },
      barGap: `${BAR_GAP * 100}%`,
      barCategoryGap: `${CATEGORY_GAP * 100}%`,
      label: {
        show: showValues,
        position: 'top',
        fontSize: 10,
        formatter: (p: { value: number | null }) => (p.value === null ? '' : props.format(p.value)),
      },
    })),
  };
  return (
    <div data-testid={props.testId} data-values={showValues ? 'shown' : 'hidden'} ref={ref}>
      {width > 0 && (
        <ReactEChartsCore
          echarts={echarts}
          option={option}
          notMerge
          style={{ height: props.height ?? 300, width: '100%' }}
          opts={{ renderer: 'svg' }}
        />
      )}
    </div>
  );
}
