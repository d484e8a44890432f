/**
 * Import a framework from its document, as a plan is imported: upload with progress → each framework
 * found, its findings and its tree with the rule read from every method text → confirm (what the
 * document did not say — the unit group, the year — is asked here) → the frameworks made, as drafts.
 * Nothing is written before the confirmation; a framework with a blocking finding cannot be confirmed.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Steps, Typography } from 'antd';
import type { FrameworkImportPreview, FrameworkImportResult } from '@shared/api';
import { lazy, useState } from 'react';
import { api, errorMessage, uploadFrameworkForPreview } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { Forbidden } from '../admin/Forbidden';
import { useSession } from '../auth/session';
import { LIMIT, UploadStep, useStartUpload, type UploadPhase } from '../imports/UploadStep';
import { InPlace } from '../lazy';
import type { Missing } from './FrameworkImportSteps';
import '../../i18n/frameworks';

// the steps after the upload (each framework's tree and findings, the result) load when reached
const PreviewStep = lazy(() => import('./FrameworkImportSteps').then((m) => ({ default: m.PreviewStep })));
const DoneStep = lazy(() => import('./FrameworkImportSteps').then((m) => ({ default: m.DoneStep })));

type Phase =
  | UploadPhase
  | { step: 'preview'; preview: FrameworkImportPreview }
  | { step: 'done'; result: FrameworkImportResult };

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
      <InPlace>
        {phase.step === 'preview' && (
          <PreviewStep
            preview={phase.preview}
            missing={missing}
            setMissing={setMissing}
            confirming={confirming}
            error={confirmError}
            onBack={() => setPhase({ step: 'upload', error: null })}
            onConfirm={() => void confirm(phase.preview)}
          />
        )}
        {phase.step === 'done' && (
          <DoneStep result={phase.result} onAnother={() => setPhase({ step: 'upload', error: null })} />
        )}
      </InPlace>
    </>
  );
}
