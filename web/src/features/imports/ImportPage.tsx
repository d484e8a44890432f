/**
 * The import wizard: upload → preview of each plan found (tree and findings) → map lead-unit names
 * not in the register to existing units or create them → confirm. Nothing is written before the
 * confirmation; a file with blocking errors cannot be confirmed.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Steps, Typography } from 'antd';
import { lazy, useState } from 'react';
import type { ImportPreview, ImportResult } from '@shared/api';
import { api, errorMessage, uploadForPreview } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { Forbidden } from '../admin/Forbidden';
import { useSession } from '../auth/session';
import { InPlace } from '../lazy';
import type { Mapping, Parents } from './UnitsStep';
import { UploadStep, useStartUpload, type UploadPhase } from './UploadStep';
import '../../i18n/imports';

// the steps after the upload (tables, findings, unit pickers) load when reached
const PreviewStep = lazy(() => import('./PreviewStep').then((m) => ({ default: m.PreviewStep })));
const UnitsStep = lazy(() => import('./UnitsStep').then((m) => ({ default: m.UnitsStep })));
const DoneStep = lazy(() => import('./DoneStep').then((m) => ({ default: m.DoneStep })));

type Phase =
  | UploadPhase
  | { step: 'preview'; preview: ImportPreview }
  | { step: 'units'; preview: ImportPreview }
  | { step: 'done'; result: ImportResult };

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

  const start = useStartUpload(uploadForPreview, setPhase, (preview) => {
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
  });

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
      {(phase.step === 'upload' || phase.step === 'uploading') && <UploadStep phase={phase} start={start} />}
      <InPlace>
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
          <DoneStep result={phase.result} onAnother={() => setPhase({ step: 'upload', error: null })} />
        )}
      </InPlace>
    </>
  );
}
