/** The list of plans: whose, which year, the live totals, the findings to look at, the last change. */
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Space, Table, Tag, Typography } from 'antd';
import type { PlanListItem } from '@shared/api';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { compareVi } from '@core/collate';
import { fmt, fmtDateTime } from '../../ui/format';
import { LoadError } from '../../ui/States';

export default function PlansPage() {
  const { t, lang } = useI18n();
  const plans = useQuery({ queryKey: ['plans', lang], queryFn: api.plans });
  if (plans.error) return <LoadError error={plans.error} onRetry={() => void plans.refetch()} />;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('plansTitle')}
        </Typography.Title>
        <Link to="/import">
          <Button type="primary">{t('navImport')}</Button>
        </Link>
      </Space>
      <Table<PlanListItem>
        rowKey="id"
        loading={plans.isLoading}
        dataSource={plans.data ?? []}
        pagination={false}
        scroll={{ x: 980 }}
        locale={{ emptyText: <Empty description={t('plansEmpty')} /> }}
        columns={[
          {
            title: t('colSubject'),
            dataIndex: 'subject',
            render: (_v, p) => <Link to={`/plans/${p.id}`}>{p.subject}</Link>,
            sorter: (a, b) => compareVi(a.subject, b.subject),
          },
          { title: t('colYear'), dataIndex: 'year', width: 80, sorter: (a, b) => a.year - b.year },
          { title: t('colCriteria'), dataIndex: 'criteria', width: 100, align: 'right' },
          {
            title: t('colBaselineTotal'),
            width: 130,
            align: 'right',
            render: (_v, p) => fmt(p.totals.baseline, lang),
          },
          {
            title: t('colTargetTotal'),
            width: 110,
            align: 'right',
            render: (_v, p) => fmt(p.totals.target, lang),
          },
          { title: t('colMaxTotal'), width: 110, align: 'right', render: (_v, p) => fmt(p.totals.max, lang) },
          {
            title: t('colFindings'),
            width: 200,
            render: (_v, p) =>
              p.errors + p.warnings === 0 ? (
                <Tag color="green">{t('noFindings')}</Tag>
              ) : (
                <Space size={4} wrap>
                  {p.errors > 0 && <Tag color="red">{t('errorsCount', { n: p.errors })}</Tag>}
                  {p.warnings > 0 && <Tag color="orange">{t('warningsCount', { n: p.warnings })}</Tag>}
                </Space>
              ),
          },
          { title: t('colUpdated'), width: 160, render: (_v, p) => fmtDateTime(p.updatedAt, lang) },
        ]}
      />
    </>
  );
}
