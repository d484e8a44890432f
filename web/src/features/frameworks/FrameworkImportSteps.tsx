/**
 * The framework import's steps after the upload (FrameworkImportPage.tsx), loaded when reached: each
 * framework found with its findings and tree, what the document did not say asked here, confirm;
 * then the frameworks made, as drafts.
 */
import { UNIT_GROUPS } from '@core/unit-groups';
import { Alert, Button, Card, Collapse, Input, Result, Select, Space, Table, Tag, Typography } from 'antd';
import type {
  FrameworkImportPreview,
  FrameworkImportPreviewItem,
  FrameworkImportResult,
  PreviewCriterion,
} from '@shared/api';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { FindingsList } from '../../ui/FindingsList';
import { fmt, fmtDate } from '../../ui/format';
import { RuleKindTag } from './parts';
import '../../i18n/frameworks';

/** What the officer adds to a framework the document did not fully describe. */
export interface Missing {
  unitGroup?: string;
  yearFrom?: number;
}

export function PreviewStep({
  preview,
  missing,
  setMissing,
  confirming,
  error,
  onBack,
  onConfirm,
}: {
  preview: FrameworkImportPreview;
  missing: Record<number, Missing>;
  setMissing: (update: (all: Record<number, Missing>) => Record<number, Missing>) => void;
  confirming: boolean;
  error: string | null;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Paragraph strong>
        {t('fwPreviewFound', { n: preview.frameworks.length, file: preview.fileName })}
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {preview.frameworks.map((f, i) => (
          <FrameworkPreviewCard
            key={i}
            item={f}
            missing={missing[i] ?? {}}
            setMissing={(m) => setMissing((all) => ({ ...all, [i]: { ...all[i], ...m } }))}
          />
        ))}
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} />}
      <Space style={{ marginTop: 16 }}>
        <Button onClick={onBack}>{t('back')}</Button>
        <Button
          type="primary"
          data-testid="framework-confirm"
          loading={confirming}
          disabled={!preview.canConfirm || !complete(preview, missing)}
          onClick={onConfirm}
        >
          {t('fwConfirm')}
        </Button>
      </Space>
    </>
  );
}

export function DoneStep({ result, onAnother }: { result: FrameworkImportResult; onAnother: () => void }) {
  const { t } = useI18n();
  return (
    <Result
      status="success"
      title={t('fwImported', { n: result.frameworks.length })}
      extra={
        <Space wrap>
          {result.frameworks.map((f) => (
            <Link key={f.id} to={`/frameworks/${f.id}`} data-testid="framework-imported">
              <Button type="primary">
                {t('fwOpen')}: {f.name}
              </Button>
            </Link>
          ))}
          <Button onClick={onAnother}>{t('fwImportAnother')}</Button>
        </Space>
      }
    />
  );
}

/** Every framework has its unit group and first year, from the document or typed here. */
function complete(preview: FrameworkImportPreview, missing: Record<number, Missing>): boolean {
  return preview.frameworks.every(
    (f, i) =>
      (f.unitGroup ?? missing[i]?.unitGroup) !== undefined &&
      (f.yearFrom ?? missing[i]?.yearFrom) !== undefined,
  );
}

function FrameworkPreviewCard(props: {
  item: FrameworkImportPreviewItem;
  missing: Missing;
  setMissing: (m: Missing) => void;
}) {
  const { t, lang } = useI18n();
  const f = props.item;
  const leaves = f.criteria.filter((c) => c.rule !== null);
  // a method the reader could not turn into a rule is a finding (it became "scored by hand")
  const unread = new Set(f.findings.filter((x) => x.rule === 'method-not-recognised').map((x) => x.code));
  const recognised = leaves.filter((c) => !unread.has(c.code)).length;
  return (
    <Card data-testid="framework-preview" title={f.title ?? t('noTitle')}>
      {f.blocking && (
        <Alert type="error" showIcon message={t('fwPreviewBlocking')} style={{ marginBottom: 12 }} />
      )}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          {f.decisionNumber && (
            <Tag>
              {f.decisionDate
                ? t('decisionOfDated', { number: f.decisionNumber, date: fmtDate(f.decisionDate) })
                : t('decisionOf', { number: f.decisionNumber })}
            </Tag>
          )}
          {f.nextVersion !== null && <Tag>{t('versionN', { n: f.nextVersion })}</Tag>}
        </Space>
        <Space wrap>
          <Typography.Text>{t('colGroup')}:</Typography.Text>
          <Select
            aria-label={t('colGroup')}
            style={{ width: 240, maxWidth: '100%' }}
            status={(f.unitGroup ?? props.missing.unitGroup) === undefined ? 'error' : undefined}
            value={f.unitGroup ?? props.missing.unitGroup}
            disabled={f.unitGroup !== null}
            onChange={(unitGroup: string) => props.setMissing({ unitGroup })}
            options={UNIT_GROUPS.map((g) => ({ value: g.code, label: g[lang] }))}
          />
          <Typography.Text>{t('colYears')}:</Typography.Text>
          {f.yearFrom !== null ? (
            <Typography.Text strong>
              {f.yearTo !== null && f.yearTo !== f.yearFrom ? `${f.yearFrom}–${f.yearTo}` : f.yearFrom}
            </Typography.Text>
          ) : (
            <Input
              aria-label={t('colYears')}
              style={{ width: 90 }}
              status={props.missing.yearFrom === undefined ? 'error' : undefined}
              onChange={(e) => {
                const y = Number(e.target.value);
                props.setMissing({ yearFrom: /^\d{4}$/.test(e.target.value.trim()) ? y : undefined });
              }}
            />
          )}
        </Space>
        <Typography.Text>
          {t('fwPreviewRules', { criteria: f.criteria.length, leaves: f.leaves, max: fmt(f.max, lang) })}
        </Typography.Text>
        <Typography.Text data-testid="framework-recognised">
          {t('fwPreviewRecognised', { recognised, leaves: leaves.length })}
        </Typography.Text>
      </Space>
      <FindingsList findings={f.findings} />
      <Collapse
        style={{ marginTop: 12 }}
        defaultActiveKey={['tree']}
        items={[
          {
            key: 'tree',
            label: t('showTree'),
            children: (
              <Table<PreviewCriterion>
                size="small"
                rowKey="code"
                pagination={false}
                scroll={{ x: 900, y: 480 }}
                dataSource={f.criteria}
                columns={[
                  { title: t('colCode'), dataIndex: 'rawCode', width: 80 },
                  {
                    title: t('colCriterion'),
                    width: 280,
                    render: (_v, c) => (
                      <span
                        style={{
                          paddingLeft: Math.max(0, c.depth - 1) * 14,
                          fontWeight: c.rule === null ? 600 : undefined,
                        }}
                      >
                        {c.name}
                      </span>
                    ),
                  },
                  { title: t('colMax'), width: 70, align: 'right', render: (_v, c) => fmt(c.max, lang) },
                  {
                    title: t('colRule'),
                    width: 150,
                    render: (_v, c) => (c.rule === null ? null : <RuleKindTag kind={c.rule.kind} />),
                  },
                  {
                    title: t('colMethod'),
                    render: (_v, c) => (
                      <Typography.Paragraph ellipsis={{ rows: 2, tooltip: c.method }} style={{ margin: 0 }}>
                        {c.method}
                      </Typography.Paragraph>
                    ),
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
