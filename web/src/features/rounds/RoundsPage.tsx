/**
 * The assessment rounds the reader may see: name, year, framework, the phase open today with its
 * dates, units submitted of all; an assessor's own units link to their self-assessment. The office
 * creates a round from here (RoundCreateForm.tsx's drawer, loaded when first opened).
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Space, Table, Typography } from 'antd';
import type { RoundSummary } from '@shared/api';
import { lazy, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { LoadError } from '../../ui/States';
import { useSession } from '../auth/session';
import { WhenOpened } from '../lazy';
import { roundsApi } from './api';
import { datesText, PhaseTag } from './parts';
import '../../i18n/rounds';

// the creation form (dates, unit tree) loads when its drawer first opens
const RoundCreateDrawer = lazy(() =>
  import('./RoundCreateForm').then((m) => ({ default: m.RoundCreateDrawer })),
);

export default function RoundsPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['rounds', lang], queryFn: roundsApi.list });
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('roundsTitle')}
        </Typography.Title>
        {me.can.manageRounds && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="round-create">
            {t('roundsCreate')}
          </Button>
        )}
      </Space>
      <Table<RoundSummary>
        rowKey="id"
        data-testid="rounds-table"
        loading={list.isLoading}
        dataSource={list.data?.rounds ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('roundsTotal', { n }) }}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('roundsEmpty')} /> }}
        columns={[
          {
            title: t('colRound'),
            render: (_v, r) => (
              <>
                <Link to={`/rounds/${r.id}`}>{r.name}</Link>
                {r.myUnits.map((u) => (
                  <div key={u.unitId} style={{ fontSize: 12 }}>
                    <Link to={`/rounds/${r.id}/units/${u.unitId}`} data-testid="own-unit-link">
                      {t('roundsOwnLink')}: {u.unitName}
                    </Link>
                  </div>
                ))}
              </>
            ),
          },
          { title: t('colRoundYear'), dataIndex: 'year', width: 80 },
          {
            title: t('colRoundFramework'),
            width: 260,
            render: (_v, r) => <Link to={`/frameworks/${r.frameworkId}`}>{r.frameworkName}</Link>,
          },
          {
            title: t('colRoundPhase'),
            width: 260,
            render: (_v, r) => {
              const dates = r.calendar.find((p) => p.phase === r.phase);
              return (
                <>
                  <PhaseTag phase={r.phase} t={t} />
                  {dates && (
                    <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                      {datesText(dates, t)}
                    </Typography.Text>
                  )}
                </>
              );
            },
          },
          {
            title: t('colSubmitted'),
            width: 130,
            align: 'right',
            render: (_v, r) => t('roundSubmitted', { submitted: r.submitted, units: r.units }),
          },
        ]}
      />
      <WhenOpened open={creating}>
        <RoundCreateDrawer
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void navigate(`/rounds/${id}`);
          }}
        />
      </WhenOpened>
    </>
  );
}
