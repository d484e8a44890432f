/**
 * The plan page's "Kết quả" tab: the plan against the result of its year (per criterion target vs
 * achieved, per task its status vs the points gained, per lead unit, the tasks that did not pay off
 * and the points gained without a task — core/plan-result.ts on the server), then the what-if panel
 * for the plan's unit against the pool's latest result, with the link to next year's plan.
 */
import { useQuery } from '@tanstack/react-query';
import type { PlanResultResponse } from '@shared/api';
import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { LoadError, Loading } from '../../ui/States';
import { fmt, fmtSigned, scoreOf } from '../../ui/format';
import { fetchPlanResult } from './api';
import { resultName, WhatIfPanel } from './WhatIfPanel';
import '../../i18n/what-if';

type Comparison = NonNullable<PlanResultResponse['comparison']>;
type Criterion = Comparison['criteria'][number];
type TaskRow = Comparison['tasks'][number];
type LeadUnit = Comparison['leadUnits'][number];

const OUTCOME_COLOR: Record<Criterion['outcome'], string> = {
  met: 'green',
  'not-met': 'red',
  'no-result': 'default',
  'no-target': 'default',
};

export function PlanResultTab({ planId }: { planId: number }) {
  const { t, lang } = useI18n();
  const query = useQuery({ queryKey: ['plan-result', planId], queryFn: () => fetchPlanResult(planId) });
  if (query.error) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  if (!data) return <Loading />;
  const c = data.comparison;

  const outcome = (o: Criterion['outcome']) => <Tag color={OUTCOME_COLOR[o]}>{t(`prOutcome_${o}`)}</Tag>;
  const gained = (v: string | null) => {
    const s = scoreOf(v);
    return (
      <span style={{ color: s && s.units > 0 ? '#389e0d' : s && s.units < 0 ? '#cf1322' : undefined }}>
        {fmtSigned(s, lang)}
      </span>
    );
  };
  const criterionColumns = [
    { title: t('wiColCode'), dataIndex: 'code', width: 70 },
    { title: t('wiColName'), dataIndex: 'name' },
    {
      title: t('prColBaseline'),
      width: 90,
      align: 'right' as const,
      render: (_: unknown, r: Criterion) => fmt(r.baseline, lang),
    },
    {
      title: t('prColTarget'),
      width: 90,
      align: 'right' as const,
      render: (_: unknown, r: Criterion) => fmt(r.target, lang),
    },
    {
      title: t('prColAchieved'),
      width: 90,
      align: 'right' as const,
      render: (_: unknown, r: Criterion) => fmt(r.achieved, lang),
    },
    {
      title: t('prColGained'),
      width: 80,
      align: 'right' as const,
      render: (_: unknown, r: Criterion) => gained(r.gained),
    },
    { title: t('prColOutcome'), width: 130, render: (_: unknown, r: Criterion) => outcome(r.outcome) },
  ];
  const taskColumns = [
    { title: t('wiColCode'), dataIndex: 'code', width: 70 },
    {
      title: t('prColTask'),
      render: (_: unknown, r: TaskRow) => (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
          {r.text || r.name}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('prColUnit'),
      width: 160,
      render: (_: unknown, r: TaskRow) => r.leadUnits.map((u) => u.name).join('; ') || t('prNoLead'),
    },
    { title: t('prColStatus'), width: 130, render: (_: unknown, r: TaskRow) => t(`status_${r.status}`) },
    {
      title: t('prColGained'),
      width: 80,
      align: 'right' as const,
      render: (_: unknown, r: TaskRow) => gained(r.gained),
    },
    { title: t('prColOutcome'), width: 130, render: (_: unknown, r: TaskRow) => outcome(r.outcome) },
    {
      title: t('prColPaidOff'),
      width: 110,
      render: (_: unknown, r: TaskRow) =>
        r.paidOff === null ? (
          ''
        ) : (
          <Tag color={r.paidOff ? 'green' : 'red'}>{t(r.paidOff ? 'yes' : 'no')}</Tag>
        ),
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large" data-testid="plan-result">
      {!data.result || !c ? (
        <Alert type="info" showIcon message={t('prNone', { year: data.year, unit: data.unit })} />
      ) : (
        <>
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('prAgainst', {
                year: data.result.year,
                result: resultName(t, data.result, true),
                index: fmt(data.result.index, lang),
              })}
            </Typography.Title>
            <Typography.Text data-testid="pr-counts">
              {t('prCounts', {
                met: c.counts.met ?? 0,
                notMet: c.counts['not-met'] ?? 0,
                noResult: c.counts['no-result'] ?? 0,
              })}
            </Typography.Text>
            {data.result.crosswalk && (
              <Typography.Paragraph type="secondary">{t('prCrosswalk')}</Typography.Paragraph>
            )}
          </div>
          <Card size="small" title={t('prNotPaidOff')} data-testid="pr-not-paid-off">
            {c.notPaidOff.length === 0 ? (
              <Typography.Text type="secondary">{t('prNotPaidOffNone')}</Typography.Text>
            ) : (
              <Table<TaskRow>
                scroll={{ x: 'max-content' }}
                size="small"
                rowKey={(r) => `${r.code}`}
                dataSource={c.notPaidOff}
                columns={taskColumns}
                pagination={false}
              />
            )}
          </Card>
          <Card size="small" title={t('prWithoutTask')} data-testid="pr-without-task">
            {c.gainedWithoutTask.length === 0 ? (
              <Typography.Text type="secondary">{t('prWithoutTaskNone')}</Typography.Text>
            ) : (
              <Table<Criterion>
                scroll={{ x: 'max-content' }}
                size="small"
                rowKey="code"
                dataSource={c.gainedWithoutTask}
                columns={criterionColumns}
                pagination={false}
              />
            )}
          </Card>
          <Card size="small" title={t('prUnits')}>
            <Table<LeadUnit>
              scroll={{ x: 'max-content' }}
              size="small"
              rowKey={(u) => `${u.unitId ?? ''}:${u.name}`}
              dataSource={c.leadUnits}
              pagination={false}
              columns={[
                { title: t('prColUnit'), render: (_, u) => u.name || t('prNoLead') },
                {
                  title: t('prColDone'),
                  width: 120,
                  align: 'right',
                  render: (_, u) => `${u.done}/${u.tasks}`,
                },
                {
                  title: t('prColTargetsMet'),
                  width: 120,
                  align: 'right',
                  render: (_, u) => `${u.targetsMet}/${u.targets}`,
                },
                { title: t('prColGained'), width: 90, align: 'right', render: (_, u) => gained(u.gained) },
              ]}
            />
          </Card>
          <Card size="small" title={t('prCriteria')}>
            <Table<Criterion>
              scroll={{ x: 'max-content' }}
              size="small"
              rowKey="code"
              dataSource={c.criteria}
              columns={criterionColumns}
              pagination={{ pageSize: 20, showSizeChanger: false }}
            />
          </Card>
          <Card size="small" title={t('prTasks')}>
            <Table<TaskRow>
              scroll={{ x: 'max-content' }}
              size="small"
              rowKey={(r) => r.code}
              dataSource={c.tasks}
              columns={taskColumns}
              pagination={{ pageSize: 20, showSizeChanger: false }}
            />
          </Card>
        </>
      )}
      <Card size="small" title={data.latest ? t('prWhatIf', { year: data.latest.year }) : t('prTab')}>
        {data.latest ? (
          <WhatIfPanel resultId={data.latest.id} unitId={data.unitId} links="both" />
        ) : (
          <Typography.Text type="secondary">{t('prNoLatest', { unit: data.unit })}</Typography.Text>
        )}
      </Card>
    </Space>
  );
}
