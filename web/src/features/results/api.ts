/**
 * The results pages' queries (H2's routes: GET /api/results, …/:id/ranking, …/:id/units/:unitId).
 * The ranking comes a page at a time (offset, limit), with the whole pool's figures on each page.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { RankingPage, ResultsResponse, UnitExplanation } from '@shared/api/results';
import { RANKING_PAGE_DEFAULT } from '@shared/limits';
import { request } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

export const resultsUrls = {
  list: '/api/results',
  ranking: (id: number, offset = 0, limit = RANKING_PAGE_DEFAULT) =>
    `/api/results/${id}/ranking?offset=${offset}&limit=${limit}`,
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

/** A page of the ranking: `limit` units from `offset` in rank order; the page shown stays while the next comes. */
export function useRanking(id: number, offset = 0, limit = RANKING_PAGE_DEFAULT) {
  const { lang } = useI18n();
  return useQuery({
    queryKey: ['result-ranking', id, offset, limit, lang],
    queryFn: () => request<RankingPage>('GET', resultsUrls.ranking(id, offset, limit)),
    placeholderData: keepPreviousData,
  });
}

export function useUnitExplanation(id: number, unitId: number) {
  const { lang } = useI18n();
  return useQuery({
    queryKey: ['result-unit', id, unitId, lang],
    queryFn: () => request<UnitExplanation>('GET', resultsUrls.unit(id, unitId)),
  });
}
