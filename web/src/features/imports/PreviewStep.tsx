/** The wizard's second step: each plan found in the file, its findings and its tree, before anything is written. */
import { renderError } from '@core/messages';
import { Alert, Button, Card, Collapse, Space, Table, Typography } from 'antd';
import type { ImportPreview, ImportPreviewPlan } from '@shared/api';
import { useI18n } from '../../i18n/i18n';
import { FindingsList } from '../../ui/FindingsList';
import { fmt } from '../../ui/format';
import { PlanDiff } from './PlanDiff';
import '../../i18n/imports';

export function PreviewStep({
  preview,
  onBack,
  onNext,
}: {
  preview: ImportPreview;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Paragraph strong>
        {t('previewPlans', { n: preview.plans.length, file: preview.fileName })}
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {preview.plans.map((p, i) => (
          <PlanPreview key={i} plan={p} />
        ))}
      </Space>
      <Space style={{ marginTop: 16 }}>
        <Button onClick={onBack}>{t('back')}</Button>
        <Button type="primary" disabled={!preview.canConfirm} onClick={onNext}>
          {t('next')}
        </Button>
      </Space>
    </>
  );
}

function PlanPreview({ plan }: { plan: ImportPreviewPlan }) {
  const { t, lang } = useI18n();
  return (
    <Card
      data-testid="plan-preview"
      title={`${plan.subject ?? t('unknownSubject')} — ${plan.year ?? '?'}`}
      extra={
        <Typography.Text type="secondary">
          {t('previewCriteria', { criteria: plan.criteria, areas: plan.areas })}
        </Typography.Text>
      }
    >
      {plan.blocking && (
        <Alert type="error" showIcon message={t('previewBlocking')} style={{ marginBottom: 12 }} />
      )}
      {plan.ended && (
        <Alert
          data-testid="subject-ended"
          type="error"
          showIcon
          message={renderError('UNIT_DISSOLVED', plan.ended, lang)}
          style={{ marginBottom: 12 }}
        />
      )}
      {!plan.allowed && (
        <Alert type="error" showIcon message={t('previewNotAllowed')} style={{ marginBottom: 12 }} />
      )}
      {plan.unchanged && (
        <Alert type="info" showIcon message={t('previewUnchanged')} style={{ marginBottom: 12 }} />
      )}
      {plan.existingPlanId !== null && !plan.unchanged && (
        <Alert
          type="warning"
          showIcon
          message={t('previewExisting', { id: plan.existingPlanId })}
          style={{ marginBottom: 12 }}
        />
      )}
      {plan.diff && <PlanDiff diff={plan.diff} />}
      <Typography.Paragraph>
        {t('previewTotals', {
          max: fmt(plan.totals.max, lang),
          baseline: fmt(plan.totals.baseline, lang),
          target: fmt(plan.totals.target, lang),
        })}
      </Typography.Paragraph>
      <FindingsList findings={plan.findings} />
      <Collapse
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'tree',
            label: t('showTree'),
            children: (
              <Table
                size="small"
                rowKey="code"
                pagination={false}
                scroll={{ y: 420 }}
                dataSource={plan.rows}
                columns={[
                  { title: t('colCode'), dataIndex: 'code', width: 90 },
                  {
                    title: t('colCriterion'),
                    render: (_v, r) => (
                      <span
                        style={{
                          paddingLeft: (r.depth - 1) * 14,
                          fontWeight: r.depth === 1 ? 600 : undefined,
                        }}
                      >
                        {r.name}
                      </span>
                    ),
                  },
                  { title: t('colMax'), width: 80, align: 'right', render: (_v, r) => fmt(r.max, lang) },
                  {
                    title: t('colBaseline', { year: plan.baselineYear ?? '' }),
                    width: 100,
                    align: 'right',
                    render: (_v, r) => fmt(r.baseline, lang),
                  },
                  {
                    title: t('colTarget', { year: plan.year ?? '' }),
                    width: 100,
                    align: 'right',
                    render: (_v, r) => fmt(r.target, lang),
                  },
                  {
                    title: t('colLead'),
                    width: 220,
                    dataIndex: 'leadUnits',
                    render: (v: string) => <span style={{ whiteSpace: 'pre-line' }}>{v}</span>,
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
