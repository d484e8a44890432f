/** The survey import's requests (POST /api/rounds/:id/survey-imports, then …/:token/confirm). */
import type { SurveyPreview, SurveyResult } from '@shared/api';
import { request, upload } from '../../api/client';

export function uploadSurvey(
  roundId: number,
  file: File,
  onProgress: (percent: number) => void,
): Promise<SurveyPreview> {
  return upload<SurveyPreview>(`/api/rounds/${roundId}/survey-imports`, file, onProgress);
}

export function confirmSurvey(
  roundId: number,
  token: string,
  units: Record<string, number>,
): Promise<SurveyResult> {
  return request<SurveyResult>('POST', `/api/rounds/${roundId}/survey-imports/${token}/confirm`, { units });
}
