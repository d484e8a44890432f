/**
 * /results/import — a published result's table into a ranking pool's result of a year: choose the
 * pool and the year (and a title), upload (the wizards' UploadStep, useStartUpload) → the preview: every row with the
 * unit it was matched to, its index, the rank and group computed beside the published ones (a
 * difference highlighted), the table's findings with their places (a component sum off by 0,01 a
 * warning), the names no unit answers to, each mapped with a Select (the server's candidate first)
 * → confirm → the result's page. Nothing is stored before the confirmation; the server checks all
 * again.
 */
import type { ResultsImportPreview, UnitNode } from '@shared/api';
import type { Pool } from '@shared/api/results';
import { Breadcrumb, Input, InputNumber, Select, Space, Steps, theme, Typography } from 'antd';
import type { ReactNode } from 'react';
import { lazy, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { LIMIT, UploadStep, useStartUpload, type UploadPhase } from '../imports/UploadStep';
import { InPlace } from '../lazy';
import { api, errorMessage } from '../../api/client';
import { confirmResults, listPools, uploadResults } from './api';
import '../../i18n/results-import';

// the preview (rows, findings, names to map) loads when reached
const PreviewStep = lazy(() => import('./PreviewStep').then((m) => ({ default: m.PreviewStep })));

type Phase = UploadPhase | { step: 'preview'; preview: ResultsImportPreview };

/**
 * A field's label above its control, as a vertical form lays it out: the three fields need no form
 * state or validation of antd's Form (≈22 KB gzip), each control keeps its own value and aria-label.
 */
function Field({ label, required, children }: { label: string; required?: boolean; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div style={{ marginBottom: token.marginLG }}>
      <div style={{ paddingBottom: token.paddingXS }}>
        {required && (
          <span aria-hidden style={{ color: token.colorError, marginInlineEnd: 4 }}>
            *
          </span>
        )}
        {label}
      </div>
      {children}
    </div>
  );
}

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
          <div style={{ maxWidth: 400 }}>
            <Field label={pools ? t('riPool') : t('riPoolId')} required>
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
            </Field>
            <Field label={t('riYear')} required>
              <InputNumber
                data-testid="results-year"
                aria-label={t('riYear')}
                min={2000}
                max={2100}
                precision={0}
                value={year}
                onChange={(v) => typeof v === 'number' && setYear(v)}
              />
            </Field>
            <Field label={t('riTitleField')}>
              <Input
                aria-label={t('riTitleField')}
                style={{ width: 360, maxWidth: '100%' }}
                maxLength={300}
                placeholder={t('riTitlePlaceholder')}
                value={title}
                onChange={(e) => setTitle(e.target.value)}
              />
            </Field>
          </div>
          <UploadStep
            phase={phase}
            start={start}
            hint={t('riUploadHint', { limit: LIMIT })}
            sub={t('riUploadSub')}
          />
        </Space>
      )}
      {phase.step === 'preview' && (
        <InPlace>
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
        </InPlace>
      )}
    </>
  );
}
