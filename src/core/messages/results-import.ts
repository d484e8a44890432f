/** The errors of a published result's import (modules/results-import.ts): each code's parameters and texts. */
import type { TextsOf } from './texts.js';

export interface ResultsImportErrorParams {
  /** errors remain (a finding, or a unit name not mapped): nothing was written; the first and how many */
  RESULTS_REJECTED: { errors: number; first: string };
  /** no ranking pool of that id (or, from the command line, of that name) */
  RESULTS_POOL_NOT_FOUND: { pool: string };
}

export const RESULTS_IMPORT_ERROR_TEXTS: TextsOf<ResultsImportErrorParams> = {
  RESULTS_REJECTED: {
    vi: (p) => `Bảng kết quả có ${p.errors} lỗi, không ghi gì. Lỗi đầu tiên: ${p.first}`,
    en: (p) => `The results table has ${p.errors} error(s); nothing was written. First: ${p.first}`,
  },
  RESULTS_POOL_NOT_FOUND: {
    vi: (p) => `Không có nhóm xếp hạng "${p.pool}"`,
    en: (p) => `No ranking pool "${p.pool}"`,
  },
};
