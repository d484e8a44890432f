/** The what-if's and the plan-against-result's requests (GET /api/results/:id/what-if, GET /api/plans/:id/result). */
import type { PlanResultResponse, WhatIfData } from '@shared/api';
import { apiRequest } from '../../api/client';

export function fetchWhatIfData(resultId: number, unitId: number): Promise<WhatIfData> {
  return apiRequest<WhatIfData>('GET', `/api/results/${resultId}/what-if?unit=${unitId}`);
}

export function fetchPlanResult(planId: number): Promise<PlanResultResponse> {
  return apiRequest<PlanResultResponse>('GET', `/api/plans/${planId}/result`);
}
