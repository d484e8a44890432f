/**
 * A chart drawn from an option object (shared/results-charts.ts: plain data the server draws too),
 * on ECharts' core build with what the results' charts use, in SVG; in a card with a button per
 * format to save it: PNG (drawn again on a canvas at twice the size, on white) and SVG (ECharts'
 * server-side rendering, here in the browser). The file is named by the caller (pool, year, unit).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Space } from 'antd';
import { BarChart, HeatmapChart, LineChart, RadarChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { useWidth } from './useWidth';

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  RadarChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
  CanvasRenderer,
]);

type Option = Record<string, unknown>;

function save(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** The option as an SVG document of this size. */
export function chartSvg(option: Option, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The option as a PNG data URL of this size, drawn at twice it. */
export function chartPngUrl(option: Option, width: number, height: number): string {
  const box = document.createElement('div');
  const chart = echarts.init(box, null, { renderer: 'canvas', width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  } finally {
    chart.dispose();
  }
}

export function ChartCard(props: {
  title: ReactNode;
  option: Option;
  height: number;
  /** without extension */
  fileName: string;
  testId?: string;
  extra?: ReactNode;
}) {
  const [ref, width] = useWidth();
  const { lang } = useI18n();
  // on screen only: a tooltip with the reader's decimal comma (ECharts escapes the names it shows)
  const numbers = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 2 });
  const shown = {
    ...props.option,
    tooltip: {
      trigger: 'item',
      valueFormatter: (v: unknown) => {
        // a heat map's value is [x, y, value]
        const n: unknown = Array.isArray(v) ? v[v.length - 1] : v;
        return typeof n === 'number' ? numbers.format(n) : '';
      },
    },
  };
  const exportWidth = Math.max(width, 720);
  const saveSvg = () => {
    const svg = chartSvg(props.option, exportWidth, props.height);
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    save(url, `${props.fileName}.svg`);
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
  const savePng = () => save(chartPngUrl(props.option, exportWidth, props.height), `${props.fileName}.png`);
  return (
    <Card
      size="small"
      title={props.title}
      style={{ marginBottom: 16 }}
      extra={
        <Space wrap>
          {props.extra}
          <Button
            size="small"
            icon={<DownloadOutlined />}
            onClick={savePng}
            data-testid={`${props.testId}-png`}
          >
            PNG
          </Button>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            onClick={saveSvg}
            data-testid={`${props.testId}-svg`}
          >
            SVG
          </Button>
        </Space>
      }
    >
      <div ref={ref} data-testid={props.testId}>
        {width > 0 && (
          <ReactEChartsCore
            echarts={echarts}
            option={shown}
            notMerge
            style={{ height: props.height, width: '100%' }}
            opts={{ renderer: 'svg' }}
          />
        )}
      </div>
    </Card>
  );
}
