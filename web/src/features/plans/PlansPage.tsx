/** The list of plans: whose, which year, the live totals, the findings to look at, the last change. */
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { PlanListItem } from '@shared/api';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { fmt, fmtDateTime } from '../../ui/format';
import { LoadError } from '../../ui/States';
import { useSession } from '../auth/session';

export default function PlansPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [showArchived, setShowArchived] = useState(false);
  const plans = useQuery({
    queryKey: ['plans', lang, showArchived],
    queryFn: showArchived ? api.plansWithArchived : api.plans,
  });
  if (plans.error) return <LoadError error={plans.error} onRetry={() => void plans.refetch()} />;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('plansTitle')}
        </Typography.Title>
        <Space wrap>
          <Space>
            <Switch checked={showArchived} onChange={setShowArchived} aria-label={t('showArchived')} />
            {t('showArchived')}
          </Space>
          {/* only for an account the server lets import (plan.import) */}
          {me.can.import && (
            <Link to="/import">
              <Button type="primary">{t('navImport')}</Button>
            </Link>
          )}
        </Space>
      </Space>
      <Table<PlanListItem>
        rowKey="id"
        loading={plans.isLoading}
        dataSource={plans.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('plansEmpty')} /> }}
        columns={[
          {
            title: t('colSubject'),
            dataIndex: 'subject',
            render: (_v, p) => (
              <>
                <Link to={`/plans/${p.id}`}>{p.subject}</Link>
                {p.archived && <Tag style={{ marginInlineStart: 8 }}>{t('archivedTag')}</Tag>}
              </>
            ),
            sorter: (a, b) => a.subject.localeCompare(b.subject, 'vi'),
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
                <>
                  {p.errors > 0 && <Tag color="red">{t('errorsCount', { n: p.errors })}</Tag>}
                  {p.warnings > 0 && <Tag color="orange">{t('warningsCount', { n: p.warnings })}</Tag>}
                </>
              ),
          },
          { title: t('colUpdated'), width: 160, render: (_v, p) => fmtDateTime(p.updatedAt, lang) },
        ]}
      />
    </>
  );
}
