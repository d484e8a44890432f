/**
 * A bar chart on ECharts' core build with only what it uses (bars, grid, tooltip, legend, SVG).
 * SVG keeps the values as text in the page; no animation, so what is drawn is the final state.
 */
import { BarChart as Bars } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([Bars, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface Series {
  name: string;
  color: string;
  values: (number | null)[];
}

export function BarChart(props: {
  /** short labels (area codes); names from documents never go into the chart's HTML tooltip */
  categories: string[];
  series: Series[];
  format: (value: number) => string;
  height?: number;
  testId?: string;
}) {
  const option = {
    animation: false,
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number) => props.format(v),
    },
    xAxis: {
      type: 'category',
      data: props.categories,
      axisLabel: { interval: 0 },
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => props.format(v) } },
    series: props.series.map((s) => ({
      name: s.name,
      type: 'bar',
      data: s.values,
      itemStyle: { color: s.color },
      label: {
        show: true,
        position: 'top',
        fontSize: 10,
        formatter: (p: { value: number | null }) => (p.value === null ? '' : props.format(p.value)),
      },
    })),
  };
  return (
    <div data-testid={props.testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height: props.height ?? 300, width: '100%' }}
        opts={{ renderer: 'svg' }}
      />
    </div>
  );
}
