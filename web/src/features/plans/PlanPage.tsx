/** One plan: its totals, then tabs for the summary, the criteria tree, task follow-up and findings. */
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { lazy, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { Loading, LoadError } from '../../ui/States';
import { InPlace } from '../lazy';
import { planCounts } from '@shared/plan-heading';
import { fmt, fmtSigned, todayIso } from '../../ui/format';
import { buildModel, leadUnitOptions, taskRows } from './model';
import { PlanActions } from './PlanActions';
import { usePlan, usePlanEdits } from './usePlan';
import '../../i18n/plans';

// each tab's code arrives when the tab is first opened (antd renders a pane only then): the first
// load carries the plan's header and the tab it opens on, not the charts, editors and what-if
const loadSummary = () => import('./SummaryTab');
const loadTasks = () => import('./TasksTab');
const SummaryTab = lazy(() => loadSummary().then((m) => ({ default: m.SummaryTab })));
const CriteriaTable = lazy(() => import('./CriteriaTable').then((m) => ({ default: m.CriteriaTable })));
const TasksTab = lazy(() => loadTasks().then((m) => ({ default: m.TasksTab })));
const ReportDownload = lazy(() => import('./ReportDownload').then((m) => ({ default: m.ReportDownload })));
const FindingsTab = lazy(() => import('./FindingsTab').then((m) => ({ default: m.FindingsTab })));
const PlanResultTab = lazy(() =>
  import('../what-if/PlanResultTab').then((m) => ({ default: m.PlanResultTab })),
);

// the tabs a plan opens on (the summary for the whole plan, the tasks for a lead unit) are asked
// for as soon as this page's code runs, beside the plan's JSON, not once the plan has rendered
void loadSummary();
void loadTasks();

export default function PlanPage() {
  const { t, lang } = useI18n();
  const planId = Number(useParams().id);
  const query = usePlan(planId);
  const edits = usePlanEdits(planId);
  const [chosenTab, setTab] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ code: string; n: number } | null>(null);
  const plan = query.data;
  const model = useMemo(() => (plan ? buildModel(plan) : null), [plan]);

  if (query.error) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (!plan || !model) return <Loading />;
  // a lead-unit officer sees only their rows: the plan's totals and charts are not theirs to read
  const whole = plan.access.scope === 'full';
  const tab = chosenTab ?? (whole ? 'summary' : 'tasks');

  const openRow = (code: string) => {
    setTab('tree');
    setFocus((f) => ({ code, n: (f?.n ?? 0) + 1 }));
  };
  const tasks = taskRows(plan);
  const { done, overdue, errors, warnings } = planCounts(plan, todayIso());
  // a lead-unit officer downloads its own unit's report (the server refuses any other)
  const reportUnits = whole
    ? leadUnitOptions(tasks)
    : leadUnitOptions(tasks).filter((u) => plan.access.leadUnitIds.includes(u.value));

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', alignItems: 'flex-start' }} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('planTitle', { subject: plan.subject.name, year: plan.year })}
          </Typography.Title>
          {plan.title && <Typography.Text type="secondary">{plan.title}</Typography.Text>}
          <div style={{ marginTop: 4 }}>
            <Tag color={overdue > 0 ? 'red' : 'default'} data-testid="overdue-count">
              {t('statOverdue')}: {overdue}
            </Tag>
          </div>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('planSource', { file: plan.sourceName })}
            </Typography.Text>
          </div>
        </div>
        <Space wrap>
          <Space wrap style={{ display: plan.access.export ? undefined : 'none' }}>
            <Button icon={<DownloadOutlined />} href={api.exportUrl(plan.id, 'xlsx')} download>
              {t('downloadXlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} href={api.exportUrl(plan.id, 'docx')} download>
              {t('downloadDocx')}
            </Button>
            <Link to={`/plans/${plan.id}/print`} target="_blank">
              <Button icon={<PrinterOutlined />}>{t('printView')}</Button>
            </Link>
          </Space>
          <PlanActions plan={plan} />
        </Space>
      </Space>

      {plan.archived && (
        <Alert
          type="warning"
          showIcon
          data-testid="archived-note"
          message={t('archivedNote')}
          style={{ margin: '16px 0' }}
        />
      )}
      {!whole && <Alert type="info" showIcon message={t('leadScopeNote')} style={{ margin: '16px 0' }} />}
      <Row gutter={[12, 12]} style={{ margin: '16px 0', display: whole ? undefined : 'none' }}>
        <Col xs={8} md={3}>
          <Card size="small">
            <Statistic title={t('statMax')} value={fmt(model.totals.max, lang)} />
          </Card>
        </Col>
        <Col xs={8} md={4}>
          <Card size="small">
            <Statistic
              title={t('statBaseline', { year: plan.baselineYear ?? '' })}
              value={fmt(model.totals.baseline, lang)}
              valueStyle={{ color: '#1d39c4' }}
            />
          </Card>
        </Col>
        <Col xs={8} md={4}>
          <Card size="small" data-testid="total-target">
            <Statistic
              title={t('statTarget', { year: plan.year })}
              value={fmt(model.totals.target, lang)}
              valueStyle={{ color: '#b8322a' }}
            />
          </Card>
        </Col>
        <Col xs={12} md={3}>
          <Card size="small">
            <Statistic title={t('statGain')} value={fmtSigned(model.totals.gain, lang)} />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title={t('statTasks')} value={`${done}/${tasks.length}`} />
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card size="small" data-testid="findings-count">
            <Statistic
              title={t('colFindings')}
              value={t('findingsCounts', {
                errors: t('errorsCount', { n: errors }),
                warnings: t('warningsCount', { n: warnings }),
              })}
              valueStyle={{ color: errors > 0 ? '#cf1322' : undefined, fontSize: 18 }}
            />
          </Card>
        </Col>
      </Row>

      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          whole && {
            key: 'summary',
            label: t('tabSummary'),
            children: (
              <InPlace>
                <SummaryTab plan={plan} model={model} onOpenRow={openRow} />
              </InPlace>
            ),
          },
          {
            key: 'tree',
            label: t('tabTree'),
            children: (
              <InPlace>
                <CriteriaTable
                  key={focus?.n ?? 0}
                  plan={plan}
                  model={model}
                  edits={edits}
                  focusCode={focus?.code ?? null}
                />
              </InPlace>
            ),
          },
          {
            key: 'tasks',
            label: t('tabTasks'),
            children: (
              <InPlace>
                <ReportDownload
                  planId={plan.id}
                  units={whole || reportUnits.length > 1 ? reportUnits : undefined}
                  unitId={!whole && reportUnits.length === 1 ? reportUnits[0]!.value : undefined}
                />
                <TasksTab plan={plan} edits={edits} />
              </InPlace>
            ),
          },
          {
            key: 'findings',
            label: t('tabFindings', { n: errors + warnings }),
            children: (
              <InPlace>
                <FindingsTab plan={plan} edits={edits} onOpen={openRow} />
              </InPlace>
            ),
          },
          {
            key: 'result',
            label: t('prTab'),
            children: (
              <InPlace>
                <PlanResultTab planId={plan.id} />
              </InPlace>
            ),
          },
        ].filter((item) => item !== false)}
      />
    </>
  );
}
