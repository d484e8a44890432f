/**
 * /results/:id/units/:unitId/next-plan — next year's plan of a unit from its result: per area the
 * officer chooses how the points lost are recovered (full, a share in %, or manual), the draft is
 * previewed at once (criterion, baseline achieved, max, proposed target, lost, the task carried over
 * with last year's status or a task to write), and "Tạo dự thảo kế hoạch" stores it as the unit's
 * plan and opens it in the plan page (/plans/:id), where it is edited.
 */
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { NextPlanCreated, NextPlanPreview, NextPlanRow } from '@shared/api';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  InputNumber,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
  message,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage, request } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { fmt } from '../../ui/format';
import { LoadError, Loading } from '../../ui/States';
import { DEFAULT_CHOICE, recoveryOf, taskCounts, type AreaChoice, type Mode } from './model';
import '../../i18n/next-plan';

const BASIS_COLOR: Record<NextPlanRow['basis'], string> = {
  kept: 'green',
  full: 'blue',
  share: 'geekblue',
  manual: 'orange',
  sum: 'default',
};

export default function NextPlanPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const params = useParams();
  const resultId = Number(params.id);
  const unitId = Number(params.unitId);
  const [choices, setChoices] = useState<Record<string, AreaChoice>>({});
  const recovery = recoveryOf(choices);
  const url = `/api/results/${resultId}/units/${unitId}/next-plan`;

  const query = useQuery({
    queryKey: ['next-plan', resultId, unitId, recovery, lang],
    queryFn: () => request<NextPlanPreview>('POST', url, { recovery, dryRun: true }),
    placeholderData: keepPreviousData,
  });
  const create = useMutation({
    mutationFn: (year: number) => request<NextPlanCreated>('POST', url, { year, recovery, dryRun: false }),
    onSuccess: (created) => {
      void message.success(t('npCreated'));
      void navigate(`/plans/${created.planId}`);
    },
  });

  if (query.error && !query.data)
    return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading />;
  const p = query.data;
  const choiceOf = (area: string) => choices[area] ?? DEFAULT_CHOICE;
  const choose = (area: string, change: Partial<AreaChoice>) =>
    setChoices((all) => ({ ...all, [area]: { ...(all[area] ?? DEFAULT_CHOICE), ...change } }));
  const counts = taskCounts(p.rows);

  const areaColumns: ColumnsType<NextPlanPreview['areas'][number]> = [
    { key: 'area', title: t('npArea'), render: (_: unknown, a) => `${a.code}. ${a.name}` },
    {
      key: 'lost',
      title: t('npLostInArea'),
      align: 'right',
      width: 110,
      render: (_: unknown, a) => fmt(a.lost, lang),
    },
    {
      key: 'mode',
      title: '',
      width: 440,
      render: (_: unknown, a) => {
        const c = choiceOf(a.code);
        return (
          <Space wrap>
            <Radio.Group
              aria-label={`${t('npArea')} ${a.code}`}
              value={c.mode}
              disabled={a.lost === null}
              onChange={(e) => choose(a.code, { mode: e.target.value as Mode })}
              optionType="button"
              size="small"
              options={[
                { value: 'full', label: t('npModeFull') },
                { value: 'share', label: t('npModeShare') },
                { value: 'manual', label: t('npModeManual') },
              ]}
            />
            {c.mode === 'share' && (
              <InputNumber
                aria-label={`${t('npSharePercent')} ${a.code}`}
                size="small"
                min={1}
                max={100}
                precision={0}
                value={c.percent}
                addonAfter="%"
                style={{ width: 100 }}
                onChange={(v) => v !== null && choose(a.code, { percent: v })}
              />
            )}
          </Space>
        );
      },
    },
  ];

  const columns: ColumnsType<NextPlanRow> = [
    {
      key: 'criterion',
      title: t('npColCriterion'),
      render: (_: unknown, r) => (
        <Typography.Text strong={!r.leaf} style={{ paddingLeft: (r.code.split('.').length - 1) * 12 }}>
          {`${r.code}. ${r.name}`}
        </Typography.Text>
      ),
    },
    {
      key: 'baseline',
      title: t('npColBaseline', { year: p.resultYear }),
      align: 'right',
      width: 90,
      render: (_: unknown, r) => fmt(r.baseline, lang),
    },
    {
      key: 'max',
      title: t('npColMax'),
      align: 'right',
      width: 80,
      render: (_: unknown, r) => fmt(r.max, lang),
    },
    {
      key: 'target',
      title: t('npColTarget', { year: p.year }),
      align: 'right',
      width: 120,
      render: (_: unknown, r) => (
        <Space size={4}>
          <Typography.Text strong>{fmt(r.target, lang)}</Typography.Text>
          {r.leaf && <Tag color={BASIS_COLOR[r.basis]}>{t(`npBasis_${r.basis}`)}</Tag>}
        </Space>
      ),
    },
    {
      key: 'lost',
      title: t('npColLost'),
      align: 'right',
      width: 70,
      render: (_: unknown, r) =>
        r.lost === null ? '' : <Typography.Text type="danger">{fmt(r.lost, lang)}</Typography.Text>,
    },
    {
      key: 'task',
      title: t('npColTask'),
      width: 340,
      render: (_: unknown, r) => (
        <Space direction="vertical" size={2}>
          {r.task === 'carried' && (
            <Space size={4} wrap>
              <Tag color="blue">{t('npTaskCarried')}</Tag>
              {r.carriedStatus && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('npTaskStatus', { status: t(`status_${r.carriedStatus}`) })}
                </Typography.Text>
              )}
            </Space>
          )}
          {r.task === 'new' && <Tag color="orange">{t('npTaskNew')}</Tag>}
          {r.taskText !== '' && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-line', margin: 0 }} ellipsis={{ rows: 3 }}>
              {r.taskText}
            </Typography.Paragraph>
          )}
          {r.leadUnits !== '' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.leadUnits}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to="/results">{t('npBreadcrumbResults')}</Link> },
          { title: <Link to={`/results/${resultId}/units/${unitId}`}>{p.unit.name}</Link> },
          { title: t('npTitle', { year: p.year }) },
        ]}
      />
      <div>
        <Typography.Title level={3} style={{ marginBottom: 0 }}>
          {t('npTitle', { year: p.year })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('npSubtitle', { unit: p.unit.name, resultYear: p.resultYear, resultId: p.resultId })}
        </Typography.Text>
      </div>
      <Space direction="vertical" size={0}>
        <Typography.Text>{t('npFramework', { name: p.framework.name })}</Typography.Text>
        {p.framework.crosswalk && <Typography.Text type="secondary">{t('npCrosswalk')}</Typography.Text>}
        <Typography.Text type="secondary">
          {p.lastPlanId === null ? (
            t('npNoLastPlan', { year: p.resultYear })
          ) : (
            <Link to={`/plans/${p.lastPlanId}`}>{t('npLastPlan', { year: p.resultYear })}</Link>
          )}
        </Typography.Text>
      </Space>
      {p.existingPlanId !== null && (
        <Alert
          type="warning"
          showIcon
          message={t('npExists', { year: p.year })}
          action={
            <Link to={`/plans/${p.existingPlanId}`}>
              <Button size="small">{t('npOpenExisting')}</Button>
            </Link>
          }
        />
      )}
      <Card size="small" title={t('npAreasTitle')}>
        <Typography.Paragraph type="secondary">{t('npAreasHelp')}</Typography.Paragraph>
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          columns={areaColumns}
          dataSource={p.areas}
          scroll={{ x: 760 }}
        />
      </Card>
      <Card
        size="small"
        title={t('npPreviewTitle')}
        extra={
          <Typography.Text type="secondary">
            {t('npCounts', { carried: counts.carried, new: counts.new })}
          </Typography.Text>
        }
      >
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          loading={query.isFetching}
          columns={columns}
          dataSource={p.rows}
          scroll={{ x: 900 }}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('npTotal')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {fmt(p.totals.baseline, lang)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {fmt(p.totals.max, lang)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <Typography.Text strong>{fmt(p.totals.target, lang)}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} colSpan={2} />
            </Table.Summary.Row>
          )}
        />
      </Card>
      {create.error && <Alert type="error" showIcon message={errorMessage(create.error)} />}
      <Space>
        <Button
          type="primary"
          loading={create.isPending}
          disabled={p.existingPlanId !== null}
          onClick={() => create.mutate(p.year)}
        >
          {t('npCreate')}
        </Button>
      </Space>
    </Space>
  );
}
