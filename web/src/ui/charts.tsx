/**
 * The charts as the pages use them, loaded when a page first draws one: ECharts is the heaviest
 * library of the app (≈180 KB gzip), so it is in no page's first load. While it arrives, the chart's
 * place is held at its height so the page does not jump.
 */
import { Card } from 'antd';
import { lazy, Suspense, type ComponentProps } from 'react';

const LazyBarChart = lazy(() => import('./BarChart').then((m) => ({ default: m.BarChart })));
const LazyChartCard = lazy(() => import('./ChartCard').then((m) => ({ default: m.ChartCard })));

export function BarChart(props: ComponentProps<typeof LazyBarChart>) {
  return (
    <Suspense fallback={<div style={{ height: props.height ?? 300 }} />}>
      <LazyBarChart {...props} />
    </Suspense>
  );
}

export function ChartCard(props: ComponentProps<typeof LazyChartCard>) {
  return (
    <Suspense
      fallback={
        <Card size="small" title={props.title} extra={props.extra} style={{ marginBottom: 16 }}>
          <div style={{ height: props.height }} />
        </Card>
      }
    >
      <LazyChartCard {...props} />
    </Suspense>
  );
}
