/** The errors of a survey's scores import (modules/survey.ts): each code's parameters and texts. */
import type { TextsOf } from './texts.js';

export interface SurveyErrorParams {
  /** errors remain (a finding, or a unit name not mapped): nothing was written; the first and how many */
  SURVEY_REJECTED: { errors: number; first: string };
}

export const SURVEY_ERROR_TEXTS: TextsOf<SurveyErrorParams> = {
  SURVEY_REJECTED: {
    vi: (p) => `Tệp điểm khảo sát có ${p.errors} lỗi, không ghi gì. Lỗi đầu tiên: ${p.first}`,
    en: (p) => `The survey file has ${p.errors} error(s); nothing was written. First: ${p.first}`,
  },
};
