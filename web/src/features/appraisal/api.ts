/** The appraisal's and the council's calls (src/http/routes/appraisal.ts), typed from @shared/api. */
import type {
  AppraisalView,
  CorrectionResult,
  CouncilView,
  FinalResult,
  ReturnResult,
  StageScorePut,
  StageScoreResult,
} from '@shared/api';
import { request } from '../../api/client';

export type Stage = 'appraisal1' | 'appraisal2';

export const appraisalApi = {
  worklist: (roundId: number, stage: Stage, changedOnly: boolean) =>
    request<AppraisalView>(
      'GET',
      `/api/rounds/${roundId}/appraisal?stage=${stage}${changedOnly ? '&changedOnly=1' : ''}`,
    ),
  setScore: (
    roundId: number,
    unitId: number,
    criterionId: number,
    stage: Stage | 'council',
    body: StageScorePut,
  ) =>
    request<StageScoreResult>(
      'PUT',
      `/api/rounds/${roundId}/units/${unitId}/scores/${criterionId}/${stage}`,
      body,
    ),
  returnCriterion: (roundId: number, unitId: number, criterionId: number, question: string) =>
    request<ReturnResult>('POST', `/api/rounds/${roundId}/units/${unitId}/returns/${criterionId}`, {
      question,
    }),
  council: (roundId: number) => request<CouncilView>('GET', `/api/rounds/${roundId}/council`),
  fixFinal: (roundId: number, unitId: number, criteria?: number[]) =>
    request<FinalResult>(
      'POST',
      `/api/rounds/${roundId}/units/${unitId}/final`,
      criteria ? { criteria } : {},
    ),
  correct: (roundId: number, unitId: number, criterionId: number, score: string, reason: string) =>
    request<CorrectionResult>('POST', `/api/rounds/${roundId}/units/${unitId}/corrections/${criterionId}`, {
      score,
      reason,
    }),
};

/** Where an evidence file opens: PDF and images in the browser, anything else downloaded. */
export function evidenceHref(file: { id: number; mime: string }): { href: string; inline: boolean } {
  const inline = file.mime === 'application/pdf' || file.mime.startsWith('image/');
  return { href: `/api/evidence/${file.id}/content${inline ? '?inline=1' : ''}`, inline };
}
