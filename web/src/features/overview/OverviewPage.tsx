/**
 * The provincial office's overview of a round (/rounds/:id/overview): units × areas with the
 * self-assessment, the appraisal and the final score (cells coloured by the self/appraisal gap),
 * total, index and rank; the criteria with the biggest gaps; late units; appraisal progress per area
 * and stage; a bar of indexes by unit; the XLSX of every unit's scores and each unit's DOCX report.
 */
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Empty,
  Grid,
  List,
  Progress,
  Row,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PHASE_WORDS } from '@core/messages/assessment';
import { PHASES, type Phase } from '@core/assessment';
import type { OverviewUnit, RoundOverview } from '@shared/api';
import { useParams } from 'react-router';
import { request } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { BarChart } from '../../ui/charts';
import { fmt, fmtDate } from '../../ui/format';
import { LoadError, Loading } from '../../ui/States';
import { areaCell, chartNumber, gapColour } from './model';
import '../../i18n/overview';
import '../../i18n/rounds';

const VIEWS = ['self', 'appraised', 'final'] as const;

export default function OverviewPage() {
  const { t, lang } = useI18n();
  const id = Number(useParams().id);
  const query = useQuery({
    queryKey: ['round-overview', id, lang],
    queryFn: () => request<RoundOverview>('GET', `/api/rounds/${id}/overview`),
  });
  // on a wide screen (antd's lg, ≥ 992 px) the total, index and rank stay in view while the areas
  // scroll under them; a phone keeps the one scrolling table, its width too small to pin them
  const pinned = Grid.useBreakpoint().lg === true ? ('right' as const) : undefined;
  if (query.error) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading />;
  const o = query.data;
  const phase = (PHASES as readonly string[]).includes(o.round.phase)
    ? PHASE_WORDS[lang][o.round.phase as Phase]
    : o.round.phase;
  const short = { self: t('overviewSelf'), appraised: t('overviewAppraised'), final: t('overviewFinal') };
  const long = {
    self: t('overviewSelfLong'),
    appraised: t('overviewAppraisedLong'),
    final: t('overviewFinalLong'),
  };

  const viewColumns = (
    key: string,
    value: (u: OverviewUnit, view: (typeof VIEWS)[number]) => string | null,
  ): ColumnsType<OverviewUnit> =>
    VIEWS.map((view) => ({
      key: `${key}-${view}`,
      title: <Tooltip title={long[view]}>{short[view]}</Tooltip>,
      align: 'right' as const,
      width: 64,
      onCell: (u: OverviewUnit) => ({
        style: {
          background: view === 'self' ? undefined : gapColour(value(u, 'self'), value(u, 'appraised')),
        },
      }),
      render: (_: unknown, u: OverviewUnit) => fmt(value(u, view), lang),
    }));

  const columns: ColumnsType<OverviewUnit> = [
    {
      key: 'unit',
      title: t('overviewUnit'),
      fixed: 'left',
      width: 180,
      render: (_: unknown, u) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{u.unitName}</Typography.Text>
          {u.self.missing > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('overviewMissing', { n: u.self.missing })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    ...o.areas.map((a, i) => ({
      key: `area-${a.code}`,
      title: <Tooltip title={a.name}>{`${a.code}${a.max === null ? '' : ` (${fmt(a.max, lang)})`}`}</Tooltip>,
      children: viewColumns(`area-${a.code}`, (u, view) => areaCell(u, view, i)),
    })),
    {
      key: 'total',
      title: t('overviewTotal'),
      fixed: pinned,
      children: viewColumns('total', (u, view) => u[view].total),
    },
    {
      key: 'index',
      title: t('overviewIndex'),
      fixed: pinned,
      align: 'right',
      width: 80,
      render: (_: unknown, u) => <Typography.Text strong>{fmt(u.final.index, lang)}</Typography.Text>,
    },
    {
      key: 'rank',
      title: t('overviewRank'),
      fixed: pinned,
      align: 'center',
      width: 60,
      render: (_: unknown, u) => u.rank ?? '—',
    },
    {
      key: 'report',
      title: '',
      // pinned too: a column after the pinned ones would scroll under them
      fixed: pinned,
      width: 120,
      render: (_: unknown, u) => (
        <Button
          size="small"
          href={`/api/rounds/${id}/units/${u.unitId}/report.docx`}
          data-testid={`report-${u.unitId}`}
        >
          {t('overviewReportDocx')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space direction="vertical" size={0}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('overviewTitle')}: {o.round.name}
          </Typography.Title>
          <Space wrap>
            <Tag color="blue">{phase}</Tag>
            {o.round.published && <Tag color="green">{t('overviewPublished')}</Tag>}
            <Typography.Text type="secondary">
              {t('overviewAsOf', { day: fmtDate(o.round.day) })}
            </Typography.Text>
          </Space>
        </Space>
        <Button type="primary" href={`/api/rounds/${id}/export.xlsx`} data-testid="export-xlsx">
          {t('overviewExportXlsx')}
        </Button>
      </Space>

      <Card title={t('overviewTable')} size="small" style={{ marginBottom: 16 }}>
        <Table<OverviewUnit>
          data-testid="overview-table"
          rowKey="unitId"
          size="small"
          bordered
          // a round of a province's 120 units and more: a page at a time, not every row at once
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          columns={columns}
          dataSource={o.units}
          scroll={{ x: 'max-content' }}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          {t('overviewLegend')}
        </Typography.Paragraph>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('overviewChart')} size="small">
            <BarChart
              testId="chart-index"
              categories={o.units.map((u) => String(u.rank ?? '—'))}
              names={o.units.map((u) => u.unitName)}
              format={(v) => fmt(String(Math.round(v * 100) / 100), lang)}
              series={[
                { name: long.self, color: '#bfbfbf', values: o.units.map((u) => chartNumber(u.self.index)) },
                {
                  name: long.final,
                  color: '#b8322a',
                  values: o.units.map((u) => chartNumber(u.final.index)),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('overviewProgress')} size="small" data-testid="overview-progress">
            {o.areas.map((a) => (
              <div key={a.code} style={{ marginBottom: 8 }}>
                <Typography.Text>
                  {a.code}. {a.name}
                </Typography.Text>
                {(['appraisal1', 'appraisal2'] as const).map((stage) => {
                  const p = o.progress.find((x) => x.code === a.code && x.stage === stage);
                  if (!p || p.toScore === 0) return null;
                  return (
                    <Space key={stage} style={{ width: '100%' }} align="center">
                      <Typography.Text
                        type="secondary"
                        style={{ width: 120, display: 'inline-block', fontSize: 12 }}
                      >
                        {PHASE_WORDS[lang][stage]}
                      </Typography.Text>
                      <Progress
                        style={{ width: 220, margin: 0 }}
                        size="small"
                        percent={Math.floor((p.scored * 100) / p.toScore)}
                        format={() => t('overviewProgressOf', { scored: p.scored, toScore: p.toScore })}
                      />
                    </Space>
                  );
                })}
              </div>
            ))}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('overviewGaps')} size="small" data-testid="overview-gaps">
            {o.gaps.length === 0 ? (
              <Empty description={t('overviewNoGaps')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <List
                size="small"
                dataSource={o.gaps}
                renderItem={(g) => (
                  <List.Item>
                    <List.Item.Meta
                      title={`${g.code}. ${g.name}`}
                      description={g.units
                        .map((u) => `${u.unitName}: ${fmt(u.self, lang)} → ${fmt(u.appraised, lang)}`)
                        .join(' · ')}
                    />
                    <Tooltip title={t('overviewGapTotal')}>
                      <Tag color="orange">{fmt(g.total, lang)}</Tag>
                    </Tooltip>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('overviewLate')} size="small" data-testid="overview-late">
            {o.late.length === 0 ? (
              <Empty description={t('overviewNoLate')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <List
                size="small"
                dataSource={o.late}
                renderItem={(u) => (
                  <List.Item>
                    <List.Item.Meta
                      title={u.unitName}
                      description={u.reasons
                        .map((r) => t(`late_${r}`, { n: u.unexplainedReturns }))
                        .join(' · ')}
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
