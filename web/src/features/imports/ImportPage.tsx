/**
 * The import wizard: upload → preview of each plan found (tree and findings) → map lead-unit names
 * not in the register to existing units or create them → confirm. Nothing is written before the
 * confirmation; a file with blocking errors cannot be confirmed.
 */
import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Collapse,
  List,
  Popconfirm,
  Progress,
  Result,
  Select,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import type { ImportPreview, ImportPreviewPlan, ImportResult } from '@shared/api';
import { Link } from 'react-router';
import { MAX_FILE_BYTES, megabytes } from '@shared/limits';
import { api, errorMessage, uploadForPreview } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { Forbidden } from '../admin/Forbidden';
import { useSession } from '../auth/session';
import { SEVERITY_COLOR } from '../../ui/colors';
import { fmt } from '../../ui/format';
import { PlanDiff } from './PlanDiff';

const LIMIT = megabytes(MAX_FILE_BYTES);

type Phase =
  | { step: 'upload'; error: string | null }
  | { step: 'uploading'; percent: number; file: string }
  | { step: 'preview'; preview: ImportPreview }
  | { step: 'units'; preview: ImportPreview }
  | { step: 'done'; result: ImportResult };

/** key "plan index|name" → unit id, or null for "create a new unit" */
type Mapping = Record<string, number | null>;

/** plan index → where its new subject unit goes: "u:<unit id>" or "p:<index of an earlier plan>" */
type Parents = Record<number, string>;

/** The wizard only for an account the server lets import (plan.import); others are told at once. */
export default function ImportPage() {
  const { me } = useSession();
  return me.can.import ? <ImportWizard /> : <Forbidden />;
}

function ImportWizard() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ step: 'upload', error: null });
  const [mapping, setMapping] = useState<Mapping>({});
  const [parents, setParents] = useState<Parents>({});
  const [replace, setReplace] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);

  const start = (file: File) => {
    if (file.size > MAX_FILE_BYTES) {
      setPhase({ step: 'upload', error: t('fileTooLarge', { limit: LIMIT }) });
      return;
    }
    setPhase({ step: 'uploading', percent: 0, file: file.name });
    uploadForPreview(file, (percent) => setPhase({ step: 'uploading', percent, file: file.name })).then(
      (preview) => {
        const initial: Mapping = {};
        preview.plans.forEach((p, i) => {
          for (const u of p.unknownUnits) initial[`${i}|${u.name}`] = u.suggestion?.id ?? null;
        });
        setMapping(initial);
        // a new subject's parent: the plan of the same file it can belong to, else the officer chooses
        const chosen: Parents = {};
        preview.plans.forEach((p, i) => {
          const first = p.newSubject?.parentPlans[0];
          if (first !== undefined) chosen[i] = `p:${first}`;
        });
        setParents(chosen);
        setReplace(false);
        setConfirmError(null);
        setPhase({ step: 'preview', preview });
      },
      (error: unknown) => setPhase({ step: 'upload', error: errorMessage(error) }),
    );
  };

  const confirm = async (preview: ImportPreview) => {
    setConfirming(true);
    setConfirmError(null);
    try {
      const result = await api.confirmImport(preview.token, {
        replace,
        seenVersions: preview.plans.flatMap((p, plan) =>
          p.existingVersion === null ? [] : [{ plan, version: p.existingVersion }],
        ),
        parents: Object.entries(parents).map(([plan, value]) =>
          value.startsWith('p:')
            ? { plan: Number(plan), parentPlan: Number(value.slice(2)) }
            : { plan: Number(plan), unitId: Number(value.slice(2)) },
        ),
        mapping: Object.entries(mapping).map(([key, unitId]) => {
          const bar = key.indexOf('|');
          return { plan: Number(key.slice(0, bar)), name: key.slice(bar + 1), unitId };
        }),
      });
      await qc.invalidateQueries();
      setPhase({ step: 'done', result });
    } catch (error) {
      setConfirmError(errorMessage(error));
    } finally {
      setConfirming(false);
    }
  };

  const current = { upload: 0, uploading: 0, preview: 1, units: 2, done: 3 }[phase.step];
  return (
    <>
      <Typography.Title level={3}>{t('importTitle')}</Typography.Title>
      <Steps
        current={current}
        style={{ marginBottom: 24, maxWidth: 900 }}
        items={[
          { title: t('stepUpload') },
          { title: t('stepPreview') },
          { title: t('stepUnits') },
          { title: t('stepDone') },
        ]}
      />
      {phase.step === 'upload' && (
        <>
          {phase.error && <Alert type="error" showIcon message={phase.error} style={{ marginBottom: 16 }} />}
          <Upload.Dragger
            accept=".txt,.tsv,.csv,.xlsx,.docx"
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => {
              start(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('uploadHint', { limit: LIMIT })}</p>
            <p className="ant-upload-hint">{t('uploadSub')}</p>
          </Upload.Dragger>
        </>
      )}
      {phase.step === 'uploading' && (
        <Card style={{ maxWidth: 600 }}>
          <Typography.Paragraph>{phase.file}</Typography.Paragraph>
          <Progress percent={phase.percent} status="active" />
          {phase.percent >= 100 && (
            <Space style={{ marginTop: 12 }}>
              <Spin size="small" /> {t('reading')}
            </Space>
          )}
          {phase.percent < 100 && (
            <Typography.Text type="secondary">{t('uploading', { percent: phase.percent })}</Typography.Text>
          )}
        </Card>
      )}
      {phase.step === 'preview' && (
        <PreviewStep
          preview={phase.preview}
          onBack={() => setPhase({ step: 'upload', error: null })}
          onNext={() => setPhase({ step: 'units', preview: phase.preview })}
        />
      )}
      {phase.step === 'units' && (
        <UnitsStep
          preview={phase.preview}
          mapping={mapping}
          setMapping={setMapping}
          parents={parents}
          setParents={setParents}
          replace={replace}
          setReplace={setReplace}
          confirming={confirming}
          error={confirmError}
          onBack={() => setPhase({ step: 'preview', preview: phase.preview })}
          onConfirm={() => void confirm(phase.preview)}
        />
      )}
      {phase.step === 'done' && (
        <Result
          status="success"
          title={t('importDone')}
          subTitle={
            <List
              dataSource={phase.result.plans}
              renderItem={(p) => (
                <List.Item>
                  <Link to={`/plans/${p.id}`}>{`${p.subject} ${p.year}`}</Link> — {t(`outcome_${p.outcome}`)}
                </List.Item>
              )}
            />
          }
          extra={
            <Button onClick={() => setPhase({ step: 'upload', error: null })}>{t('importAnother')}</Button>
          }
        />
      )}
    </>
  );
}

function PreviewStep({
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
  const shown = plan.findings.filter((f) => f.severity !== 'info');
  const infos = plan.findings.length - shown.length;
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
          message={lang === 'vi' ? plan.ended.message : plan.ended.messageEn}
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
      <List
        size="small"
        header={<strong>{t('findingsTitle')}</strong>}
        dataSource={shown}
        locale={{ emptyText: t('findingsNone') }}
        renderItem={(f) => (
          <List.Item>
            <Space align="start">
              <Tag color={SEVERITY_COLOR[f.severity]}>{t(`severity_${f.severity}`)}</Tag>
              <span>
                {f.code && <strong>{f.code} </strong>}
                {lang === 'vi' ? f.message : f.messageEn}
                {f.location && <Typography.Text type="secondary"> ({f.location})</Typography.Text>}
              </span>
            </Space>
          </List.Item>
        )}
        footer={
          infos > 0 ? (
            <Typography.Text type="secondary">
              + {infos} {t('severity_info').toLowerCase()}
            </Typography.Text>
          ) : undefined
        }
      />
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

function UnitsStep(props: {
  preview: ImportPreview;
  mapping: Mapping;
  setMapping: (m: Mapping) => void;
  parents: Parents;
  setParents: (p: Parents) => void;
  replace: boolean;
  setReplace: (v: boolean) => void;
  confirming: boolean;
  error: string | null;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  const { preview, mapping } = props;
  const replacing = preview.plans.filter((p) => p.existingPlanId !== null && !p.unchanged);
  const needsReplace = replacing.length > 0;
  const lost = replacing.reduce((n, p) => n + (p.diff?.lostFollowUp ?? 0), 0);
  const parentMissing = preview.plans.some(
    (p, i) => p.newSubject?.needsParent === true && props.parents[i] === undefined,
  );
  const blocked = !preview.canConfirm || parentMissing || (needsReplace && !props.replace);
  const confirmButton = (
    <Button
      type="primary"
      loading={props.confirming}
      disabled={blocked}
      onClick={needsReplace ? undefined : props.onConfirm}
    >
      {t('confirmImport')}
    </Button>
  );
  return (
    <>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {preview.plans.map((p, i) => (
          <Card
            key={i}
            size="small"
            data-testid="units-card"
            title={`${p.subject ?? t('unknownSubject')} — ${p.year ?? '?'}`}
          >
            {p.newSubject?.needsParent && (
              <div style={{ marginBottom: 16 }}>
                <Typography.Paragraph strong style={{ marginBottom: 8 }}>
                  {t('parentTitle', { subject: p.subject ?? '' })}
                </Typography.Paragraph>
                <Select
                  style={{ width: '100%', maxWidth: 420 }}
                  showSearch
                  optionFilterProp="label"
                  aria-label={t('parentPlaceholder')}
                  placeholder={t('parentPlaceholder')}
                  notFoundContent={t('parentNone')}
                  value={props.parents[i]}
                  onChange={(v: string) => props.setParents({ ...props.parents, [i]: v })}
                  options={[
                    ...p.newSubject.parentPlans.map((j) => ({
                      value: `p:${j}`,
                      label: t('parentFromFile', { subject: preview.plans[j]?.subject ?? '' }),
                    })),
                    ...p.newSubject.parentOptions.map((u) => ({ value: `u:${u.id}`, label: u.name })),
                  ]}
                />
              </div>
            )}
            <Typography.Paragraph strong style={{ marginBottom: 8 }}>
              {t('leadUnitsUnknownTitle')}
            </Typography.Paragraph>
            {p.unknownUnits.length === 0 ? (
              <Typography.Text type="secondary">{t('unknownUnitsNone')}</Typography.Text>
            ) : (
              <Table
                size="small"
                rowKey="name"
                pagination={false}
                dataSource={p.unknownUnits}
                columns={[
                  { title: t('colNewUnit'), dataIndex: 'name' },
                  {
                    title: t('colVariants'),
                    render: (_v, u) =>
                      u.variants.filter((v) => v !== u.name).map((v) => <Tag key={v}>{v}</Tag>),
                  },
                  {
                    title: t('colMapTo'),
                    width: 340,
                    render: (_v, u) => (
                      <Select
                        style={{ width: '100%' }}
                        showSearch
                        optionFilterProp="label"
                        aria-label={`${t('colMapTo')} ${u.name}`}
                        value={mapping[`${i}|${u.name}`] ?? 0}
                        onChange={(v: number) =>
                          props.setMapping({ ...mapping, [`${i}|${u.name}`]: v === 0 ? null : v })
                        }
                        options={[
                          { value: 0, label: t('createNewUnit') },
                          ...p.knownUnits.map((k) => ({ value: k.id, label: k.name })),
                        ]}
                      />
                    ),
                  },
                ]}
              />
            )}
          </Card>
        ))}
        {needsReplace && (
          <Checkbox checked={props.replace} onChange={(e) => props.setReplace(e.target.checked)}>
            {t('replaceExisting')}
          </Checkbox>
        )}
        {parentMissing && <Typography.Text type="secondary">{t('parentNeeded')}</Typography.Text>}
        {needsReplace && !props.replace && (
          <Typography.Text type="secondary">{t('replaceNeeded')}</Typography.Text>
        )}
        {props.error && <Alert type="error" showIcon message={props.error} />}
      </Space>
      <Space style={{ marginTop: 16 }}>
        <Button onClick={props.onBack}>{t('back')}</Button>
        {needsReplace && !blocked ? (
          <Popconfirm
            title={t('replaceConfirmTitle', { n: replacing.length })}
            description={lost > 0 ? t('replaceConfirmLost', { n: lost }) : t('replaceConfirmKeeps')}
            okText={t('replaceOk')}
            okButtonProps={{ danger: lost > 0 }}
            cancelText={t('cancel')}
            onConfirm={props.onConfirm}
          >
            {confirmButton}
          </Popconfirm>
        ) : (
          confirmButton
        )}
      </Space>
    </>
  );
}
