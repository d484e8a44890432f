/**
 * The plan at a glance: scores per area (max / last year / target), points lost per area, the ten
 * criteria losing most points with whether they have a task and a lead unit, and task completion
 * per lead unit.
 */
import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Card, Col, Progress, Row, Table, Tag, Typography } from 'antd';
import { sentenceCase } from '@core/display';
import { toNumber } from '@core/score';
import type { PlanView } from '@shared/api';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { BarChart } from '../../ui/charts';
import { fmt } from '../../ui/format';
import {
  completionByUnit,
  topLosses,
  type AreaFigure,
  type Loss,
  type PlanModel,
  type UnitCompletion,
} from './model';
import '../../i18n/plans';

function Mark({ ok }: { ok: boolean }) {
  const { t } = useI18n();
  return ok ? (
    <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('yes')} />
  ) : (
    <CloseCircleOutlined style={{ color: '#cf1322' }} aria-label={t('no')} />
  );
}

export function SummaryTab({
  plan,
  model,
  onOpenRow,
}: {
  plan: PlanView;
  model: PlanModel;
  onOpenRow: (code: string) => void;
}) {
  const { t, lang } = useI18n();
  const number = (v: number) =>
    new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', {
      maximumFractionDigits: 4,
      useGrouping: false,
    }).format(v);
  const value = (s: { units: number; scale: number } | null) => (s === null ? null : toNumber(s));
  const categories = model.areas.map((a) => a.code);
  const losses = topLosses(model);
  const completion = completionByUnit(plan);

  const names = model.areas.map((a) => a.name);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card title={t('chartByArea')} size="small">
          <BarChart
            testId="chart-areas"
            categories={categories}
            names={names}
            format={number}
            series={[
              { name: t('seriesMax'), color: '#bfbfbf', values: model.areas.map((a) => value(a.max)) },
              {
                name: t('seriesBaseline'),
                color: '#5b8ff9',
                values: model.areas.map((a) => value(a.baseline)),
              },
              { name: t('seriesTarget'), color: '#b8322a', values: model.areas.map((a) => value(a.target)) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('chartLost')} size="small">
          <BarChart
            testId="chart-lost"
            categories={categories}
            names={names}
            format={number}
            series={[
              { name: t('seriesLost'), color: '#fa8c16', values: model.areas.map((a) => value(a.lost)) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card title={t('chartAreaNames')} size="small">
          <Table<AreaFigure>
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={model.areas}
            data-testid="area-legend"
            scroll={{ x: 560 }}
            columns={[
              {
                title: t('colCode'),
                width: 56,
                render: (_v, a) => (
                  <Typography.Link onClick={() => onOpenRow(a.code)}>{a.code}</Typography.Link>
                ),
              },
              { title: t('colArea'), render: (_v, a) => sentenceCase(a.name) },
              { title: t('seriesMax'), width: 72, align: 'right', render: (_v, a) => fmt(a.max, lang) },
              {
                title: t('seriesBaseline'),
                width: 90,
                align: 'right',
                render: (_v, a) => fmt(a.baseline, lang),
              },
              { title: t('seriesTarget'), width: 80, align: 'right', render: (_v, a) => fmt(a.target, lang) },
              { title: t('seriesLost'), width: 72, align: 'right', render: (_v, a) => fmt(a.lost, lang) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card title={t('topLosses')} size="small">
          <Table<Loss>
            size="small"
            rowKey={(l) => l.row.key}
            pagination={false}
            dataSource={losses}
            scroll={{ x: 600 }}
            columns={[
              {
                title: t('colCode'),
                width: 80,
                render: (_v, l) => (
                  <Typography.Link onClick={() => onOpenRow(l.row.key)}>{l.row.key}</Typography.Link>
                ),
              },
              { title: t('colCriterion'), width: 260, render: (_v, l) => l.row.row.name },
              { title: t('colLost'), width: 80, align: 'right', render: (_v, l) => fmt(l.lost, lang) },
              {
                title: t('colHasTask'),
                width: 100,
                align: 'center',
                render: (_v, l) => <Mark ok={l.hasTask} />,
              },
              {
                title: t('colHasLead'),
                width: 120,
                align: 'center',
                render: (_v, l) => <Mark ok={l.hasLead} />,
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('completionByUnit')} size="small">
          <Table<UnitCompletion>
            size="small"
            rowKey="unitId"
            pagination={false}
            dataSource={completion}
            scroll={{ x: 480 }}
            columns={[
              {
                title: t('colUnit'),
                render: (_v, c) => <Link to={`/plans/${plan.id}/units/${c.unitId}`}>{c.unit}</Link>,
              },
              { title: t('colTasks'), dataIndex: 'tasks', width: 80, align: 'right' },
              {
                title: t('colOverdue'),
                width: 80,
                align: 'right',
                render: (_v, c) => (c.overdue > 0 ? <Tag color="red">{c.overdue}</Tag> : 0),
              },
              {
                title: t('colCompletion'),
                width: 150,
                render: (_v, c) => (
                  <Progress
                    percent={c.done}
                    size="small"
                    format={(p) => `${p}% (${c.byStatus.done}/${c.tasks})`}
                    status={c.byStatus.at_risk > 0 || c.overdue > 0 ? 'exception' : undefined}
                  />
                ),
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
