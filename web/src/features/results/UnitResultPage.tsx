/**
 * /results/:id/units/:unitId: why a unit's rank is what it is — its index, rank and group, the change
 * since the year before (areas that moved most), every part with its score, max, lost points and
 * share; the radar of its areas against the pool's average and best; its index across years with the
 * rank of each; "Mô phỏng" and "Lập kế hoạch năm sau" (the what-if's and the next plan's pages).
 */
import { Button, Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Typography } from 'antd';
import { fromDecimalString } from '@core/score';
import type { UnitExplanation } from '@shared/api/results';
import { historyOption, radarOption } from '@shared/results-charts';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { ChartCard } from '../../ui/charts';
import { fmt, fmtSigned } from '../../ui/format';
import { bothAnswered } from './both';
import { resultsUrls, useRanking, useUnitExplanation } from './api';
import { chartFileName, chartWords, groupTagColour, unitRadarSeries } from './model';
import '../../i18n/results';

type PartRow = UnitExplanation['parts'][number];

export default function UnitResultPage() {
  const { t, lang } = useI18n();
  const params = useParams();
  const id = Number(params.id);
  const unitId = Number(params.unitId);
  const explanation = useUnitExplanation(id, unitId);
  // the pool's figures (bands, average, best, how many units) come with any page: one unit's is enough
  const ranking = useRanking(id, 0, 1);
  const both = bothAnswered(explanation, ranking);
  if ('shown' in both) return both.shown;
  const [x, r] = both.data;
  const u = x.unit;
  const words = chartWords(t);
  const file = (chart: string) => chartFileName(chart, u.unit, r.result.poolName, r.result.year);
  const areaParts = r.parts.filter((p) => p.kind === 'area');

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space direction="vertical" size={0}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="unit-title">
            {u.unit}
          </Typography.Title>
          <Link to={`/results/${id}`}>
            {t('resultsBack')}: {r.result.poolName} — {r.result.year}
          </Link>
        </Space>
        <Space wrap>
          <Link to={resultsUrls.whatIf(id, unitId)} data-testid="unit-what-if">
            <Button>{t('resultsWhatIf')}</Button>
          </Link>
          <Link to={resultsUrls.nextPlan(id, unitId)} data-testid="unit-next-plan">
            <Button type="primary">{t('resultsNextPlan')}</Button>
          </Link>
        </Space>
      </Space>

      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
          <Descriptions.Item label={t('resultsIndex')}>
            <Typography.Text strong data-testid="unit-index">
              {fmt(u.index, lang)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('resultsRank')}>
            {u.rank === null ? '—' : t('resultsOf', { rank: u.rank, of: r.total })}
          </Descriptions.Item>
          <Descriptions.Item label={t('resultsGroup')}>
            {u.group === null ? '—' : <Tag color={groupTagColour(u.group, r)}>{u.group}</Tag>}
          </Descriptions.Item>
          {x.change && (
            <Descriptions.Item label={t('resultsChange', { year: x.change.year })}>
              <Space size={4} wrap data-testid="unit-change">
                {x.change.index !== null && (
                  <span>
                    {t('resultsChangeIndex', { change: fmtSigned(fromDecimalString(x.change.index), lang) })}
                  </span>
                )}
                {x.change.rank !== null && (
                  <Typography.Text
                    type={x.change.rank > 0 ? 'success' : x.change.rank < 0 ? 'danger' : 'secondary'}
                  >
                    ·{' '}
                    {t('resultsChangeRank', {
                      move:
                        x.change.rank > 0
                          ? t('resultsUp', { n: x.change.rank })
                          : x.change.rank < 0
                            ? t('resultsDown', { n: -x.change.rank })
                            : t('resultsSame'),
                    })}
                  </Typography.Text>
                )}
                {x.change.groupBefore !== null && (
                  <span>· {t('resultsChangeGroup', { group: x.change.groupBefore })}</span>
                )}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
        {x.change && x.change.areas.length > 0 && (
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            <Typography.Text type="secondary">{t('resultsMovedMost')}: </Typography.Text>
            {x.change.areas
              .map((a) => `${a.code}. ${a.name} ${fmtSigned(fromDecimalString(a.change), lang)}`)
              .join(' · ')}
          </Typography.Paragraph>
        )}
      </Card>

      <Row gutter={16}>
        {areaParts.length > 0 && (
          <Col xs={24} lg={12}>
            <ChartCard
              title={t('resultsRadar')}
              option={radarOption(r.parts, unitRadarSeries(r, u, words))}
              height={380}
              fileName={file('linh-vuc')}
              testId="radar-chart"
            />
          </Col>
        )}
        <Col xs={24} lg={areaParts.length > 0 ? 12 : 24}>
          {x.history.length > 0 ? (
            <ChartCard
              title={t('resultsHistory')}
              option={historyOption(x.history, words, lang)}
              height={380}
              fileName={file('chi-so-qua-cac-nam')}
              testId="history-chart"
            />
          ) : (
            <Card size="small" title={t('resultsHistory')} style={{ marginBottom: 16 }}>
              <Empty description={t('resultsNoHistory')} />
            </Card>
          )}
        </Col>
      </Row>

      <Card size="small" title={t('resultsParts')} style={{ marginBottom: 16 }}>
        <Table<PartRow>
          data-testid="unit-parts"
          rowKey="code"
          size="small"
          bordered
          pagination={false}
          dataSource={x.parts}
          scroll={{ x: 'max-content' }}
          onRow={(p) => ({
            style: {
              background: p.kind === 'criterion' ? undefined : '#fafafa',
              fontWeight: p.kind === 'criterion' ? undefined : 600,
            },
          })}
          columns={[
            { key: 'code', title: t('resultsCode'), width: 72, render: (_: unknown, p) => p.code },
            {
              key: 'name',
              title: t('resultsName'),
              render: (_: unknown, p) => (
                <span style={{ paddingLeft: p.kind === 'criterion' ? 16 : 0 }}>{p.name}</span>
              ),
            },
            {
              key: 'max',
              title: t('resultsMax'),
              align: 'right',
              width: 72,
              render: (_: unknown, p) => fmt(p.unitMax ?? p.max, lang),
            },
            {
              key: 'score',
              title: t('resultsScore'),
              align: 'right',
              width: 80,
              render: (_: unknown, p) => fmt(p.score, lang),
            },
            {
              key: 'lost',
              title: t('resultsLostPoints'),
              align: 'right',
              width: 72,
              render: (_: unknown, p) =>
                p.lost === null || fromDecimalString(p.lost).units === 0 ? (
                  ''
                ) : (
                  <Typography.Text type="danger">{fmt(p.lost, lang)}</Typography.Text>
                ),
            },
            {
              key: 'index',
              title: t('resultsPartIndex'),
              align: 'right',
              width: 80,
              render: (_: unknown, p) => fmt(p.index, lang),
            },
          ]}
        />
      </Card>
    </>
  );
}
