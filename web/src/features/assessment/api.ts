/**
 * The calls of the self-assessment page: the unit's assessment and its changes (this feature's
 * routes), the unit's evidence files (the evidence feature's routes) and the explanation of a
 * returned criterion (the appraisal feature's route), as contracts.md gives them.
 */
import type { AnswerPatch, AnswerSaved, AssessmentView, ReportPatch, UnitSaved } from '@shared/api';
import { apiRequest, uploadFile } from '../../api/client';

/** An evidence file of the unit (the evidence feature's EvidenceFile). */
export interface EvidenceFile {
  id: number;
  name: string;
  size: number;
  type: string;
  mime: string;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  criterionIds: number[];
}

export interface EvidenceList {
  files: EvidenceFile[];
  usedBytes: number;
  limitBytes: number;
}

const unitUrl = (roundId: number, unitId: number) => `/api/rounds/${roundId}/units/${unitId}`;

export const assessmentApi = {
  view: (roundId: number, unitId: number) =>
    apiRequest<AssessmentView>('GET', `${unitUrl(roundId, unitId)}/assessment`),
  saveAnswer: (roundId: number, unitId: number, criterionId: number, patch: AnswerPatch) =>
    apiRequest<AnswerSaved>('PATCH', `${unitUrl(roundId, unitId)}/answers/${criterionId}`, patch),
  submit: (roundId: number, unitId: number, version: number) =>
    apiRequest<UnitSaved>('POST', `${unitUrl(roundId, unitId)}/submit`, { version }),
  withdraw: (roundId: number, unitId: number, version: number) =>
    apiRequest<UnitSaved>('POST', `${unitUrl(roundId, unitId)}/withdraw`, { version }),
  report: (roundId: number, unitId: number, patch: ReportPatch) =>
    apiRequest<UnitSaved>('PATCH', `${unitUrl(roundId, unitId)}/report`, patch),
  evidence: (roundId: number, unitId: number) =>
    apiRequest<EvidenceList>('GET', `${unitUrl(roundId, unitId)}/evidence`),
  uploadEvidence: (
    roundId: number,
    unitId: number,
    criterionId: number,
    file: File,
    onProgress: (percent: number) => void,
  ) =>
    uploadFile<{ file: EvidenceFile }>(`${unitUrl(roundId, unitId)}/evidence`, file, onProgress, {
      criterionId: String(criterionId),
    }),
  unlinkEvidence: (roundId: number, unitId: number, evidenceId: number, criterionId: number) =>
    apiRequest<{ file: EvidenceFile }>(
      'DELETE',
      `${unitUrl(roundId, unitId)}/evidence/${evidenceId}/criteria/${criterionId}`,
    ),
  explain: (roundId: number, unitId: number, criterionId: number, version: number, explanation: string) =>
    apiRequest<unknown>('POST', `${unitUrl(roundId, unitId)}/returns/${criterionId}/explanation`, {
      version,
      explanation,
    }),
  previewUrl: (evidenceId: number) => `/api/evidence/${evidenceId}/content?inline=1`,
};
