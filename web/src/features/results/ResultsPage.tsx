/**
 * /results: the results by pool (a card each), every year's result with its source, units and a
 * link to its ranking; for the installation's administrators the import and the pools' page.
 */
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ResultSummary } from '@shared/api/results';
import { Link } from 'react-router';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../ui/format';
import { LoadError, Loading } from '../../ui/States';
import { useResults } from './api';
import { resultsByPool } from './model';
import '../../i18n/results';

export default function ResultsPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const query = useResults();
  if (query.error) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading />;
  const pools = resultsByPool(query.data.results);
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('resultsTitle')}
        </Typography.Title>
        <Space wrap>
          {/* every reader sees the pools and their bands; results.manage changes them and imports */}
          <Link to="/results/pools">
            <Button data-testid="results-pools">{t('resultsPools')}</Button>
          </Link>
          {me.can.manageResults && (
            <Link to="/results/import">
              <Button type="primary" data-testid="results-import">
                {t('resultsImport')}
              </Button>
            </Link>
          )}
        </Space>
      </Space>
      {pools.length === 0 && <Empty description={t('resultsNone')} />}
      {pools.map((pool) => (
        <Card key={pool.poolId} size="small" title={pool.poolName} style={{ marginBottom: 16 }}>
          <Table<ResultSummary>
            data-testid={`pool-${pool.poolId}`}
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={pool.results}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                key: 'year',
                title: t('resultsYear'),
                width: 80,
                render: (_: unknown, r) => (
                  <Link to={`/results/${r.id}`} data-testid={`result-${r.id}`}>
                    <Typography.Text strong>{r.year}</Typography.Text>
                  </Link>
                ),
              },
              { key: 'title', title: t('resultsRanking'), render: (_: unknown, r) => r.title },
              {
                key: 'source',
                title: t('resultsSource'),
                render: (_: unknown, r) => (
                  <Tag color={r.source === 'round' ? 'blue' : 'default'}>
                    {r.source === 'round'
                      ? t('resultsSourceRound')
                      : (r.sourceName ?? t('resultsSourceImport'))}
                  </Tag>
                ),
              },
              { key: 'units', title: t('resultsUnits'), align: 'right', render: (_: unknown, r) => r.units },
              {
                key: 'created',
                title: t('resultsCreated'),
                render: (_: unknown, r) => `${fmtDateTime(r.createdAt)} · ${r.createdBy}`,
              },
              {
                key: 'open',
                title: '',
                render: (_: unknown, r) => (
                  <Link to={`/results/${r.id}`}>
                    <Button size="small">{t('resultsOpen')}</Button>
                  </Link>
                ),
              },
            ]}
          />
        </Card>
      ))}
    </>
  );
}
