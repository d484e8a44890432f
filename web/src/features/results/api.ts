/** The results pages' queries (H2's routes: GET /api/results, …/:id/ranking, …/:id/units/:unitId). */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { RankingResponse, ResultsResponse, UnitExplanation } from '@shared/api/results';
import { request } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

export const resultsUrls = {
  list: '/api/results',
  ranking: (id: number) => `/api/results/${id}/ranking`,
  unit: (id: number, unitId: number) => `/api/results/${id}/units/${unitId}`,
  exportXlsx: (id: number) => `/api/results/${id}/export.xlsx`,
  whatIf: (id: number, unitId: number) => `/results/${id}/what-if?unit=${unitId}`,
  nextPlan: (id: number, unitId: number) => `/results/${id}/units/${unitId}/next-plan`,
};

export function useResults() {
  const { lang } = useI18n();
  return useQuery({
    queryKey: ['results', lang],
    queryFn: () => request<z.infer<typeof ResultsResponse>>('GET', resultsUrls.list),
  });
}

export function useRanking(id: number) {
  const { lang } = useI18n();
  return useQuery({
    queryKey: ['result-ranking', id, lang],
    queryFn: () => request<RankingResponse>('GET', resultsUrls.ranking(id)),
  });
}

export function useUnitExplanation(id: number, unitId: number) {
  const { lang } = useI18n();
  return useQuery({
    queryKey: ['result-unit', id, unitId, lang],
    queryFn: () => request<UnitExplanation>('GET', resultsUrls.unit(id, unitId)),
  });
}
