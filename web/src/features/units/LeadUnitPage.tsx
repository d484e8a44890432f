/** One unit's criteria and tasks in a plan, the most points at stake first. */
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Col, Progress, Row, Statistic, Table, Tag, Typography } from 'antd';
import { add, fromDecimalString, ZERO } from '@core/score';
import type { LeadUnitRow } from '@shared/api';
import { lazy } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { fmt, fmtSigned } from '../../ui/format';
import { Loading, LoadError } from '../../ui/States';
import { DueTag } from '../plans/DueTag';
import { isOverdue } from '../plans/model';
import { STATUS_COLOR } from '../../ui/colors';
import { InPlace } from '../lazy';

// the report's day picker loads after the unit's figures, as on the plan page
const ReportDownload = lazy(() =>
  import('../plans/ReportDownload').then((m) => ({ default: m.ReportDownload })),
);

export default function LeadUnitPage() {
  const { t, lang } = useI18n();
  const params = useParams();
  const planId = Number(params.id);
  const unitId = Number(params.unitId);
  const query = useQuery({
    queryKey: ['unit', planId, unitId, lang],
    queryFn: () => api.leadUnit(planId, unitId),
  });
  if (query.error) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const view = query.data;
  if (!view) return <Loading />;
  const sumOf = (pick: (r: LeadUnitRow) => string | null) =>
    view.rows.reduce((s, r) => {
      const v = pick(r);
      return v === null ? s : add(s, fromDecimalString(v));
    }, ZERO);
  const lead = view.rows.filter((r) => r.role === 'lead');
  const done = lead.filter((r) => r.task.status === 'done').length;
  return (
    <>
      <Breadcrumb
        items={[
          { title: <Link to="/">{t('navPlans')}</Link> },
          { title: <Link to={`/plans/${view.plan.id}`}>{`${view.plan.subject} ${view.plan.year}`}</Link> },
          { title: view.unit.name },
        ]}
      />
      <Typography.Title level={3} style={{ marginTop: 8 }}>
        {t('unitTitle', { unit: view.unit.name, subject: view.plan.subject, year: view.plan.year })}
      </Typography.Title>
      <Row gutter={12} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('unitAtStakeTotal')}
              value={fmt(
                sumOf((r) => r.atStake),
                lang,
              )}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('unitGainTotal')}
              value={fmtSigned(
                sumOf((r) => r.gain),
                lang,
              )}
            />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small">
            <Typography.Text type="secondary">{t('statTasks')}</Typography.Text>
            <Progress
              percent={lead.length ? Math.round((done / lead.length) * 100) : 0}
              format={() => `${done}/${lead.length}`}
            />
          </Card>
        </Col>
      </Row>
      <InPlace>
        <ReportDownload planId={view.plan.id} unitId={view.unit.id} />
      </InPlace>
      <Table<LeadUnitRow>
        size="small"
        bordered
        rowKey="itemId"
        dataSource={view.rows}
        pagination={false}
        locale={{ emptyText: t('unitNoRows') }}
        scroll={{ x: 1150 }}
        columns={[
          { title: t('colCode'), dataIndex: 'code', width: 80 },
          {
            title: t('colCriterion'),
            render: (_v, r) => (
              <>
                <div>{r.name}</div>
                <Typography.Paragraph
                  type="secondary"
                  ellipsis={{ rows: 3, expandable: true }}
                  style={{ margin: 0, whiteSpace: 'pre-line' }}
                >
                  {r.task.text}
                </Typography.Paragraph>
              </>
            ),
          },
          {
            title: t('colRole'),
            width: 100,
            render: (_v, r) => (
              <Tag color={r.role === 'lead' ? 'red' : 'default'}>{t(`unitRole_${r.role}`)}</Tag>
            ),
          },
          { title: t('colMax'), width: 80, align: 'right', render: (_v, r) => fmt(r.max, lang) },
          {
            title: t('colBaseline', { year: '' }),
            width: 100,
            align: 'right',
            render: (_v, r) => fmt(r.baseline, lang),
          },
          {
            title: t('colTarget', { year: '' }),
            width: 100,
            align: 'right',
            render: (_v, r) => fmt(r.target, lang),
          },
          {
            title: t('colAtStake'),
            width: 110,
            align: 'right',
            render: (_v, r) => <strong>{fmt(r.atStake, lang)}</strong>,
          },
          {
            title: t('colPlannedGain'),
            width: 110,
            align: 'right',
            render: (_v, r) => fmtSigned(r.gain === null ? null : fromDecimalString(r.gain), lang),
          },
          {
            title: t('colDeadline'),
            width: 150,
            render: (_v, r) => <DueTag task={r.task} />,
          },
          {
            title: t('colStatus'),
            width: 170,
            render: (_v, r) => (
              <>
                <Tag color={STATUS_COLOR[r.task.status]}>{t(`status_${r.task.status}`)}</Tag>
                {r.task.progress > 0 && (
                  <Typography.Text type="secondary">{r.task.progress}%</Typography.Text>
                )}
                {isOverdue(r.task) && <Tag color="red">{t('overdue')}</Tag>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
