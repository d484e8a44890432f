/**
 * /results/import — a published result's table into a ranking pool's result of a year: choose the
 * pool and the year (and a title), upload (the wizards' UploadStep, useStartUpload) → the preview: every row with the
 * unit it was matched to, its index, the rank and group computed beside the published ones (a
 * difference highlighted), the table's findings with their places (a component sum off by 0,01 a
 * warning), the names no unit answers to, each mapped with a Select (the server's candidate first)
 * → confirm → the result's page. Nothing is stored before the confirmation; the server checks all
 * again.
 */
import { formatLocation } from '@core/findings';
import type { ResultsImportPreview, ResultsImportUnit, UnitNode } from '@shared/api';
import type { Pool } from '@shared/api/results';
import {
  Alert,
  Breadcrumb,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { FindingsList } from '../../ui/FindingsList';
import { fmt } from '../../ui/format';
import { ConfirmBar } from '../imports/ConfirmBar';
import { NameMapping } from '../imports/NameMapping';
import { LIMIT, UploadStep, useStartUpload, type UploadPhase } from '../imports/UploadStep';
import { api, errorMessage } from '../../api/client';
import { confirmResults, listPools, uploadResults } from './api';
import '../../i18n/results-import';

type Phase = UploadPhase | { step: 'preview'; preview: ResultsImportPreview };

export default function ResultsImportPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [phase, setPhase] = useState<Phase>({ step: 'upload', error: null });
  const [pools, setPools] = useState<Pool[] | null | undefined>(undefined);
  const [poolId, setPoolId] = useState<number | null>(null);
  const [year, setYear] = useState<number>(new Date().getFullYear() - 1);
  const [title, setTitle] = useState('');
  const [mapping, setMapping] = useState<Record<string, number>>({});
  const [units, setUnits] = useState<UnitNode[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);

  useEffect(() => {
    void listPools().then((list) => {
      setPools(list);
      if (list && list.length === 1) setPoolId(list[0]!.id);
    });
  }, []);

  const upload = useStartUpload(
    (file, progress) => uploadResults({ year, pool: poolId!, title }, file, progress),
    setPhase,
    (preview) => {
      // the server's candidate for each unknown name is the starting choice
      setMapping(
        Object.fromEntries(
          preview.unknownNames.flatMap((u) => (u.candidates[0] ? [[u.name, u.candidates[0].id]] : [])),
        ),
      );
      if (preview.unknownNames.length > 0) void api.units().then(setUnits, () => setUnits([]));
      setConfirmError(null);
      setPhase({ step: 'preview', preview });
    },
  );
  const start = (file: File) => {
    if (poolId === null) setPhase({ step: 'upload', error: t('riNeedPool') });
    else upload(file);
  };

  const confirm = async (preview: ResultsImportPreview) => {
    setConfirming(true);
    setConfirmError(null);
    try {
      const done = await confirmResults(preview.token, mapping);
      void navigate(`/results/${done.resultId}`);
    } catch (error) {
      setConfirmError(errorMessage(error));
    } finally {
      setConfirming(false);
    }
  };

  const current = { upload: 0, uploading: 0, preview: 1 }[phase.step];
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/results">{t('riResults')}</Link> }, { title: t('riTitle') }]}
      />
      <Typography.Title level={3}>{t('riTitle')}</Typography.Title>
      <Steps
        current={current}
        style={{ marginBottom: 24, maxWidth: 700 }}
        items={[{ title: t('stepUpload') }, { title: t('stepPreview') }, { title: t('stepDone') }]}
      />
      {(phase.step === 'upload' || phase.step === 'uploading') && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Form layout="vertical" style={{ maxWidth: 400 }}>
            <Form.Item label={pools ? t('riPool') : t('riPoolId')} required>
              {pools ? (
                <Select
                  data-testid="results-pool"
                  aria-label={t('riPool')}
                  placeholder={t('riChoosePool')}
                  value={poolId ?? undefined}
                  onChange={(id: number) => setPoolId(id)}
                  options={pools.map((p) => ({ value: p.id, label: p.name }))}
                />
              ) : (
                <InputNumber
                  data-testid="results-pool"
                  aria-label={t('riPoolId')}
                  min={1}
                  precision={0}
                  value={poolId ?? undefined}
                  onChange={(v) => setPoolId(typeof v === 'number' ? v : null)}
                />
              )}
            </Form.Item>
            <Form.Item label={t('riYear')} required>
              <InputNumber
                data-testid="results-year"
                aria-label={t('riYear')}
                min={2000}
                max={2100}
                precision={0}
                value={year}
                onChange={(v) => typeof v === 'number' && setYear(v)}
              />
            </Form.Item>
            <Form.Item label={t('riTitleField')}>
              <Input
                aria-label={t('riTitleField')}
                style={{ width: 360, maxWidth: '100%' }}
                maxLength={300}
                placeholder={t('riTitlePlaceholder')}
                value={title}
                onChange={(e) => setTitle(e.target.value)}
              />
            </Form.Item>
          </Form>
          <UploadStep
            phase={phase}
            start={start}
            hint={t('riUploadHint', { limit: LIMIT })}
            sub={t('riUploadSub')}
          />
        </Space>
      )}
      {phase.step === 'preview' && (
        <PreviewStep
          preview={phase.preview}
          units={units}
          mapping={mapping}
          setMapping={setMapping}
          confirming={confirming}
          confirmError={confirmError}
          back={() => setPhase({ step: 'upload', error: null })}
          confirm={() => void confirm(phase.preview)}
        />
      )}
    </>
  );
}

/** The rows whose computed rank or group differ from the published ones. */
function differs(u: ResultsImportUnit): { rank: boolean; group: boolean } {
  return {
    rank: u.publishedRank !== null && u.rank !== u.publishedRank,
    group: u.publishedGroup !== null && u.group !== null && u.group !== u.publishedGroup,
  };
}

function PreviewStep(props: {
  preview: ResultsImportPreview;
  units: UnitNode[];
  mapping: Record<string, number>;
  setMapping: (m: Record<string, number>) => void;
  confirming: boolean;
  confirmError: string | null;
  back: () => void;
  confirm: () => void;
}) {
  const { t, lang } = useI18n();
  const { preview, mapping } = props;
  const missing = preview.unknownNames.filter((u) => mapping[u.name] === undefined);
  const choices = new Map<number, string>();
  for (const u of preview.unknownNames) for (const c of u.candidates) choices.set(c.id, c.name);
  for (const u of props.units) choices.set(u.id, u.name);
  const options = [...choices].map(([value, label]) => ({ value, label }));
  const parts = preview.parts.filter((p) => p.kind !== 'criterion');
  const sorted = [...preview.units].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph strong style={{ margin: 0 }} data-testid="results-summary">
        {t('riSummary', {
          units: preview.units.length,
          year: preview.year,
          pool: preview.poolName,
          file: preview.fileName,
        })}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{preview.title}</Typography.Text>
      {preview.replaces && (
        <Alert
          type="warning"
          showIcon
          message={t('riReplaces', { title: preview.replaces.title, units: preview.replaces.units })}
        />
      )}
      {!preview.canConfirm && <Alert type="error" showIcon message={t('riBlocking')} />}
      {preview.canConfirm &&
        (preview.differences > 0 ? (
          <Alert type="info" showIcon message={t('riDifferences', { n: preview.differences })} />
        ) : (
          <Alert type="success" showIcon data-testid="results-reproduced" message={t('riReproduced')} />
        ))}
      {preview.findings.length > 0 && (
        <Card size="small" title={t('findingsTitle')} data-testid="results-findings">
          <FindingsList findings={preview.findings} header={false} foldInfo={false} />
        </Card>
      )}
      {preview.unknownNames.length > 0 && (
        <NameMapping
          title={t('riUnknownTitle')}
          help={t('riUnknownHelp')}
          placeholder={t('riChooseUnit')}
          testId="results-unknown"
          names={preview.unknownNames.map((u) => ({
            name: u.name,
            note: t('riUnknownRows', { rows: u.rows.join(', ') }),
          }))}
          options={options}
          mapping={mapping}
          setMapping={props.setMapping}
        />
      )}
      <Table<ResultsImportUnit>
        data-testid="results-rows"
        size="small"
        rowKey={(r) => `${r.writtenAs}|${JSON.stringify(r.location)}`}
        pagination={{ pageSize: 70, hideOnSinglePage: true }}
        scroll={{ x: 760 }}
        dataSource={sorted}
        columns={[
          { title: t('riColRank'), width: 70, align: 'right', render: (_v, r) => r.rank ?? '–' },
          {
            title: t('riColUnit'),
            render: (_v, r) => {
              const id = r.unitId ?? mapping[r.writtenAs];
              const name = r.unitName ?? (id === undefined ? null : (choices.get(id) ?? null));
              return (
                <span>
                  {name ?? r.writtenAs}
                  {name !== r.writtenAs && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      “{r.writtenAs}”
                    </Typography.Text>
                  )}
                </span>
              );
            },
          },
          { title: t('riColIndex'), width: 80, align: 'right', render: (_v, r) => fmt(r.index, lang) },
          ...parts.map((p) => ({
            title: p.name,
            key: p.code,
            width: 110,
            align: 'right' as const,
            render: (_v: unknown, r: ResultsImportUnit) => fmt(r.scores[p.code] ?? null, lang),
          })),
          {
            title: t('riColPublishedRank'),
            width: 90,
            align: 'right',
            render: (_v, r) =>
              r.publishedRank === null ? null : differs(r).rank ? (
                <Tag color="orange">{r.publishedRank}</Tag>
              ) : (
                r.publishedRank
              ),
          },
          {
            title: t('riColGroup'),
            width: 90,
            render: (_v, r) => (r.group === null ? null : <Tag color="blue">{r.group}</Tag>),
          },
          {
            title: t('riColPublishedGroup'),
            width: 90,
            render: (_v, r) =>
              r.publishedGroup === null ? null : (
                <Tag color={differs(r).group ? 'orange' : undefined}>{r.publishedGroup}</Tag>
              ),
          },
          {
            title: t('riColRow'),
            width: 120,
            render: (_v, r) => (
              <Typography.Text type="secondary">{formatLocation(r.location, lang)}</Typography.Text>
            ),
          },
        ]}
      />
      <ConfirmBar
        label={t('riConfirm')}
        testId="results-confirm"
        error={props.confirmError}
        confirming={props.confirming}
        canConfirm={preview.canConfirm}
        unmapped={missing.length > 0 ? t('riConfirmMissing', { n: missing.length }) : null}
        back={props.back}
        confirm={props.confirm}
      />
    </Space>
  );
}
