/**
 * /rounds/:id/survey — a survey's scores into a round, as a plan is imported: upload with progress
 * (the plans' UploadStep) → the preview: each score with the unit it was matched to, the criterion,
 * its max and the score it replaces; the file's findings with their places; the names no unit of the
 * round answers to, each mapped with a Select of the round's units (the server's suggestion first) →
 * confirm → what was written. Nothing is written before the confirmation; a file with errors cannot
 * be confirmed, and the server checks it all again.
 */
import type { SurveyPreview, SurveyResult } from '@shared/api';
import { Breadcrumb, Steps, Typography } from 'antd';
import { lazy, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { LIMIT, UploadStep, useStartUpload, type UploadPhase } from '../imports/UploadStep';
import { InPlace } from '../lazy';
import { confirmSurvey, uploadSurvey } from './api';
import '../../i18n/survey';

// the steps after the upload (the scores, findings, names to map; what was written) load when reached
const PreviewStep = lazy(() => import('./SurveySteps').then((m) => ({ default: m.PreviewStep })));
const DoneStep = lazy(() => import('./SurveySteps').then((m) => ({ default: m.DoneStep })));

type Phase =
  UploadPhase | { step: 'preview'; preview: SurveyPreview } | { step: 'done'; result: SurveyResult };

export default function SurveyImportPage() {
  const { t } = useI18n();
  const roundId = Number(useParams().id);
  const [phase, setPhase] = useState<Phase>({ step: 'upload', error: null });
  const [mapping, setMapping] = useState<Record<string, number>>({});
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);

  const start = useStartUpload(
    (file, progress) => uploadSurvey(roundId, file, progress),
    setPhase,
    (preview) => {
      // the server's suggestion for each unknown name is the starting choice
      setMapping(
        Object.fromEntries(
          preview.unknownUnits.flatMap((u) => (u.suggestion ? [[u.name, u.suggestion.id]] : [])),
        ),
      );
      setConfirmError(null);
      setPhase({ step: 'preview', preview });
    },
  );

  const confirm = async (preview: SurveyPreview) => {
    setConfirming(true);
    setConfirmError(null);
    try {
      setPhase({ step: 'done', result: await confirmSurvey(roundId, preview.token, mapping) });
    } catch (error) {
      setConfirmError(errorMessage(error));
    } finally {
      setConfirming(false);
    }
  };

  const current = { upload: 0, uploading: 0, preview: 1, done: 2 }[phase.step];
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to={`/rounds/${roundId}`}>{t('svRound', { id: roundId })}</Link> },
          { title: t('svTitle') },
        ]}
      />
      <Typography.Title level={3}>{t('svTitle')}</Typography.Title>
      <Steps
        current={current}
        style={{ marginBottom: 24, maxWidth: 700 }}
        items={[{ title: t('stepUpload') }, { title: t('stepPreview') }, { title: t('stepDone') }]}
      />
      {(phase.step === 'upload' || phase.step === 'uploading') && (
        <UploadStep
          phase={phase}
          start={start}
          hint={t('svUploadHint', { limit: LIMIT })}
          sub={t('svUploadSub')}
        />
      )}
      <InPlace>
        {phase.step === 'preview' && (
          <PreviewStep
            preview={phase.preview}
            mapping={mapping}
            setMapping={setMapping}
            confirming={confirming}
            confirmError={confirmError}
            back={() => setPhase({ step: 'upload', error: null })}
            confirm={() => void confirm(phase.preview)}
          />
        )}
        {phase.step === 'done' && (
          <DoneStep
            roundId={roundId}
            result={phase.result}
            onAnother={() => setPhase({ step: 'upload', error: null })}
          />
        )}
      </InPlace>
    </>
  );
}
