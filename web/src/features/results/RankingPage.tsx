/**
 * /results/:id: a pool's result of a year ranked (ranks and groups computed, core/ranking.ts): rank,
 * unit (to its page), index, group in its band's colour, every component and area, the published rank
 * or group where it differs, the year before's place and the move, the biggest losses ("mất 1,43 ở
 * 8.1"), "Mô phỏng"; the findings; the bars by group with the bands as lines and the units × areas heat
 * map (shared/results-charts.ts, the XLSX draws the same), each saved as PNG or SVG.
 *
 * The table asks the server for one page of the ranking at a time (a pool may hold 3,500 units); the
 * charts draw the first MAX_CHART_UNITS units, asked for once as one page of that size.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, useState } from 'react';
import type { RankedUnit } from '@shared/api/results';
import { RANKING_PAGE_DEFAULT, RANKING_PAGE_MAX } from '@shared/limits';
import {
  heatmapHeight,
  heatmapOption,
  MAX_CHART_UNITS,
  rankingBarOption,
  rankingChartHeight,
} from '@shared/results-charts';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { ChartCard } from '../../ui/charts';
import { fmt } from '../../ui/format';
import { InPlace } from '../lazy';
import { bothAnswered } from './both';
import { resultsUrls, useRanking } from './api';
import {
  chartFileName,
  chartWords,
  groupTagColour,
  lostParts,
  placeChange,
  publishedDifference,
} from './model';
import '../../i18n/results';

// a result's findings (few results have any) load with their list
const FindingsList = lazy(() => import('../../ui/FindingsList').then((m) => ({ default: m.FindingsList })));

export default function RankingPage() {
  const { t, lang } = useI18n();
  const id = Number(useParams().id);
  const [page, setPage] = useState({ current: 1, size: RANKING_PAGE_DEFAULT });
  const query = useRanking(id, (page.current - 1) * page.size, page.size);
  const charts = useRanking(id, 0, MAX_CHART_UNITS);
  const both = bothAnswered(query, charts);
  if ('shown' in both) return both.shown;
  const [ranking, chart] = both.data;
  const { result } = ranking;
  const words = chartWords(t);
  const tablePartsOf = ranking.parts.filter((p) => p.kind !== 'criterion');
  const previousYear = ranking.units.find((u) => u.previous)?.previous?.year;

  const columns: ColumnsType<RankedUnit> = [
    {
      key: 'rank',
      title: t('resultsRank'),
      fixed: 'left',
      align: 'center',
      width: 56,
      render: (_: unknown, u) => <Typography.Text strong>{u.rank ?? '—'}</Typography.Text>,
    },
    {
      key: 'unit',
      title: t('resultsUnit'),
      fixed: 'left',
      width: 150,
      render: (_: unknown, u) => (
        <Space direction="vertical" size={0}>
          <Link to={`/results/${id}/units/${u.unitId}`} data-testid={`unit-${u.unitId}`}>
            {u.unit}
          </Link>
          {u.writtenAs !== '' && u.writtenAs !== u.unit && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('resultsWrittenAs', { name: u.writtenAs })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'index',
      title: t('resultsIndex'),
      align: 'right',
      width: 84,
      render: (_: unknown, u) => <Typography.Text strong>{fmt(u.index, lang)}</Typography.Text>,
    },
    {
      key: 'group',
      title: t('resultsGroup'),
      align: 'center',
      width: 72,
      render: (_: unknown, u) =>
        u.group === null ? '—' : <Tag color={groupTagColour(u.group, ranking)}>{u.group}</Tag>,
    },
    ...tablePartsOf.map((p) => ({
      key: `part-${p.code}`,
      title: <Tooltip title={p.name}>{`${p.code}${p.max === null ? '' : ` (${fmt(p.max, lang)})`}`}</Tooltip>,
      align: 'right' as const,
      width: 60,
      render: (_: unknown, u: RankedUnit) => fmt(u.scores[p.code] ?? null, lang),
    })),
    {
      key: 'published',
      title: t('resultsPublished'),
      width: 120,
      render: (_: unknown, u) => {
        const d = publishedDifference(u);
        if (!d) return null;
        return (
          <Space direction="vertical" size={0} data-testid={`published-${u.unitId}`}>
            {d.rank !== null && <Tag color="orange">{t('resultsPublishedRank', { rank: d.rank })}</Tag>}
            {d.group !== null && <Tag color="orange">{t('resultsPublishedGroup', { group: d.group })}</Tag>}
          </Space>
        );
      },
    },
    {
      key: 'previous',
      title: (
        <Tooltip title={t('resultsPreviousHint')}>
          {t('resultsPrevious', { year: previousYear ?? result.year - 1 })}
        </Tooltip>
      ),
      width: 96,
      render: (_: unknown, u) => {
        if (!u.previous) return '—';
        const moved = placeChange(u);
        return (
          <Tooltip
            title={`${u.previous.year}: ${fmt(u.previous.index, lang)}${u.previous.group ? ` · ${u.previous.group}` : ''}`}
          >
            <Space size={4} style={{ whiteSpace: 'nowrap' }}>
              <Typography.Text type="secondary">
                {u.previous.rank === null ? fmt(u.previous.index, lang) : u.previous.rank}
              </Typography.Text>
              {moved !== null && (
                <Typography.Text type={moved > 0 ? 'success' : moved < 0 ? 'danger' : 'secondary'}>
                  {moved > 0
                    ? t('resultsUp', { n: moved })
                    : moved < 0
                      ? t('resultsDown', { n: -moved })
                      : t('resultsSame')}
                </Typography.Text>
              )}
            </Space>
          </Tooltip>
        );
      },
    },
    {
      key: 'lost',
      title: t('resultsLost'),
      width: 150,
      render: (_: unknown, u) => (
        <Space direction="vertical" size={0} style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {lostParts(u, lang).map((l) => (
            <span key={l.code}>{t('resultsLostAt', l)}</span>
          ))}
        </Space>
      ),
    },
    {
      key: 'what-if',
      title: '',
      width: 100,
      render: (_: unknown, u) => (
        <Link to={resultsUrls.whatIf(id, u.unitId)} data-testid={`what-if-${u.unitId}`}>
          <Button size="small">{t('resultsWhatIf')}</Button>
        </Link>
      ),
    },
  ];

  const name = (chart: string) => chartFileName(chart, result.poolName, result.year);
  const first = chart.total > MAX_CHART_UNITS ? ` ${t('resultsChartFirst', { n: MAX_CHART_UNITS })}` : '';
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space direction="vertical" size={0}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="ranking-title">
            {result.poolName} — {result.year}
          </Typography.Title>
          <Typography.Text type="secondary">{result.title}</Typography.Text>
        </Space>
        <Space wrap>
          <Link to="/results">{t('resultsAll')}</Link>
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            href={resultsUrls.exportXlsx(id)}
            data-testid="results-xlsx"
          >
            {t('resultsExportXlsx')}
          </Button>
        </Space>
      </Space>

      {ranking.findings.length > 0 && (
        <Card
          size="small"
          title={t('findingsTitle')}
          style={{ marginBottom: 16 }}
          data-testid="ranking-findings"
        >
          <InPlace>
            <FindingsList findings={ranking.findings} header={false} foldInfo={false} />
          </InPlace>
          {ranking.findingsTotal > ranking.findings.length && (
            <Typography.Text type="secondary" data-testid="ranking-findings-more">
              {t('resultsFindingsMore', { shown: ranking.findings.length, total: ranking.findingsTotal })}
            </Typography.Text>
          )}
        </Card>
      )}

      <Card size="small" title={t('resultsRanking')} style={{ marginBottom: 16 }}>
        <Table<RankedUnit>
          data-testid="ranking-table"
          rowKey="unitId"
          size="small"
          bordered
          columns={columns}
          dataSource={ranking.units}
          loading={query.isPlaceholderData}
          pagination={{
            current: page.current,
            pageSize: page.size,
            total: ranking.total,
            hideOnSinglePage: true,
            showSizeChanger: true,
            pageSizeOptions: [RANKING_PAGE_DEFAULT, 100, RANKING_PAGE_MAX],
            onChange: (current, size) => setPage({ current: size === page.size ? current : 1, size }),
          }}
          scroll={{ x: 'max-content' }}
        />
      </Card>

      <ChartCard
        title={`${t('resultsBarChart')}${first}`}
        option={rankingBarOption(chart, words, lang)}
        height={rankingChartHeight(chart.units.length)}
        fileName={name('xep-hang')}
        testId="ranking-chart"
      />
      {tablePartsOf.some((p) => p.kind === 'area') && (
        <ChartCard
          title={`${t('resultsHeatmap')}${first}`}
          option={heatmapOption(chart, words)}
          height={heatmapHeight(chart.units.length)}
          fileName={name('linh-vuc')}
          testId="heatmap-chart"
        />
      )}
    </>
  );
}
