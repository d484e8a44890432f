/** The ranking pools' calls to the API (src/http/routes/results.ts), typed from the shared schemas. */
import type { BandsBody, BandsResponse, Pool, PoolBody, PoolPatch, PoolsResponse } from '@shared/api/results';
import { request } from '../../api/client';

export const POOLS_KEY = ['results-pools'];
/** the national table's component codes (core/result-parts.ts): offered first for the tie-break */
export const COMPONENTS = ['appraised', 'sipas', 'leaders', 'impact'] as const;

export const poolsApi = {
  list: () => request<PoolsResponse>('GET', '/api/results/pools'),
  create: (body: PoolBody) => request<Pool>('POST', '/api/results/pools', body),
  update: (id: number, patch: PoolPatch) => request<Pool>('PATCH', `/api/results/pools/${id}`, patch),
  bands: (id: number, year: number) =>
    request<BandsResponse>('GET', `/api/results/pools/${id}/bands/${year}`),
  saveBands: (id: number, year: number, body: BandsBody) =>
    request<BandsResponse>('PUT', `/api/results/pools/${id}/bands/${year}`, body),
};
