/**
 * Import a framework from its document, as a plan is imported: upload with progress → each framework
 * found, its findings and its tree with the rule read from every method text → confirm (what the
 * document did not say — the unit group, the year — is asked here) → the frameworks made, as drafts.
 * Nothing is written before the confirmation; a framework with a blocking finding cannot be confirmed.
 */
import { useQueryClient } from '@tanstack/react-query';
import { UNIT_GROUPS } from '@core/unit-groups';
import {
  Alert,
  Button,
  Card,
  Collapse,
  Input,
  Result,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import type {
  FrameworkImportPreview,
  FrameworkImportPreviewItem,
  FrameworkImportResult,
  PreviewCriterion,
} from '@shared/api';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage, uploadFrameworkForPreview } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { FindingsList } from '../../ui/FindingsList';
import { fmt, fmtDate } from '../../ui/format';
import { Forbidden } from '../admin/Forbidden';
import { useSession } from '../auth/session';
import { LIMIT, UploadStep, useStartUpload, type UploadPhase } from '../imports/UploadStep';
import { RuleKindTag } from './parts';
import '../../i18n/frameworks';

type Phase =
  | UploadPhase
  | { step: 'preview'; preview: FrameworkImportPreview }
  | { step: 'done'; result: FrameworkImportResult };

/** What the officer adds to a framework the document did not fully describe. */
interface Missing {
  unitGroup?: string;
  yearFrom?: number;
}

export default function FrameworkImportPage() {
  const { me } = useSession();
  return me.can.manageFrameworks ? <Wizard /> : <Forbidden />;
}

function Wizard() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ step: 'upload', error: null });
  const [missing, setMissing] = useState<Record<number, Missing>>({});
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);

  const start = useStartUpload(uploadFrameworkForPreview, setPhase, (preview) => {
    setMissing({});
    setConfirmError(null);
    setPhase({ step: 'preview', preview });
  });

  const confirm = async (preview: FrameworkImportPreview) => {
    setConfirming(true);
    setConfirmError(null);
    try {
      const result = await api.confirmFrameworkImport(preview.token, {
        frameworks: Object.entries(missing).map(([index, m]) => ({ index: Number(index), ...m })),
      });
      await qc.invalidateQueries({ queryKey: ['frameworks'] });
      setPhase({ step: 'done', result });
    } catch (error) {
      setConfirmError(errorMessage(error));
    } finally {
      setConfirming(false);
    }
  };

  const current = { upload: 0, uploading: 0, preview: 1, done: 2 }[phase.step];
  return (
    <>
      <Typography.Title level={3}>{t('fwImportTitle')}</Typography.Title>
      <Steps
        current={current}
        style={{ marginBottom: 24, maxWidth: 700 }}
        items={[{ title: t('stepUpload') }, { title: t('stepPreview') }, { title: t('stepDone') }]}
      />
      {(phase.step === 'upload' || phase.step === 'uploading') && (
        <UploadStep
          phase={phase}
          start={start}
          hint={t('fwUploadHint', { limit: LIMIT })}
          sub={t('fwUploadSub')}
        />
      )}
      {phase.step === 'preview' && (
        <>
          <Typography.Paragraph strong>
            {t('fwPreviewFound', { n: phase.preview.frameworks.length, file: phase.preview.fileName })}
          </Typography.Paragraph>
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            {phase.preview.frameworks.map((f, i) => (
              <FrameworkPreviewCard
                key={i}
                item={f}
                missing={missing[i] ?? {}}
                setMissing={(m) => setMissing((all) => ({ ...all, [i]: { ...all[i], ...m } }))}
              />
            ))}
          </Space>
          {confirmError && <Alert type="error" showIcon message={confirmError} style={{ marginTop: 16 }} />}
          <Space style={{ marginTop: 16 }}>
            <Button onClick={() => setPhase({ step: 'upload', error: null })}>{t('back')}</Button>
            <Button
              type="primary"
              data-testid="framework-confirm"
              loading={confirming}
              disabled={!phase.preview.canConfirm || !complete(phase.preview, missing)}
              onClick={() => void confirm(phase.preview)}
            >
              {t('fwConfirm')}
            </Button>
          </Space>
        </>
      )}
      {phase.step === 'done' && (
        <Result
          status="success"
          title={t('fwImported', { n: phase.result.frameworks.length })}
          extra={
            <Space wrap>
              {phase.result.frameworks.map((f) => (
                <Link key={f.id} to={`/frameworks/${f.id}`} data-testid="framework-imported">
                  <Button type="primary">
                    {t('fwOpen')}: {f.name}
                  </Button>
                </Link>
              ))}
              <Button onClick={() => setPhase({ step: 'upload', error: null })}>
                {t('fwImportAnother')}
              </Button>
            </Space>
          }
        />
      )}
    </>
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
