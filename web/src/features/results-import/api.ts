/** The results import's requests (POST /api/results/imports, then …/:token/confirm) and the pools to choose from. */
import type { ResultsImportPreview, ResultsImportResult } from '@shared/api';
import type { Pool } from '@shared/api/results';
import { apiRequest, uploadFile } from '../../api/client';
import { poolsApi } from '../results-pools/api';

export function uploadResults(
  fields: { year: number; pool: number; title: string },
  file: File,
  onProgress: (percent: number) => void,
): Promise<ResultsImportPreview> {
  return uploadFile<ResultsImportPreview>('/api/results/imports', file, onProgress, {
    year: String(fields.year),
    pool: String(fields.pool),
    title: fields.title,
  });
}

export function confirmResults(token: string, mapping: Record<string, number>): Promise<ResultsImportResult> {
  return apiRequest<ResultsImportResult>('POST', `/api/results/imports/${token}/confirm`, { mapping });
}

/** The ranking pools (the pools page's call); null when the server does not list them. */
export function listPools(): Promise<Pool[] | null> {
  return poolsApi.list().then(
    (r) => r.pools,
    () => null,
  );
}
