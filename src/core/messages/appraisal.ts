/**
 * The errors of the appraisal, the units' explanations and the council (modules/appraisal.ts): each
 * code's parameters and texts, spread into errors.ts.
 */
import type { ScoringProblem } from './scoring.js';
import { SCORING_TEXTS } from './scoring.js';
import { vnDate } from './lineage.js';
import type { TextsOf } from './texts.js';

const SCORER_VI: Record<string, string> = {
  survey: 'điều tra xã hội học',
  council: 'Hội đồng thẩm định',
};
const SCORER_EN: Record<string, string> = { survey: 'a survey', council: 'the appraisal council' };

function problemText(p: ScoringProblem, lang: 'vi' | 'en'): string {
  const texts = SCORING_TEXTS[p.problem] as { vi: (x: unknown) => string; en: (x: unknown) => string };
  return texts[lang](p.params);
}

export interface AppraisalErrorParams {
  /** the unit has not submitted its self-assessment: nothing to appraise yet */
  UNIT_NOT_SUBMITTED: { unit: string };
  /** the criterion is scored by a survey or the council, not by the area's appraisers */
  CRITERION_NOT_APPRAISED: { code: string; scorer: string };
  /** an override (a score without an answer) or a changed final score needs a comment */
  COMMENT_REQUIRED: { code: string };
  /** a score typed in outside [0, max] */
  APPRAISAL_SCORE_RANGE: { code: string; value: string; max: string };
  /** the appraiser's answer gives no score by the criterion's rule */
  APPRAISAL_ANSWER_INVALID: { code: string; problem: ScoringProblem };
  /** a criterion already returned to the unit in this round */
  RETURN_EXISTS: { code: string };
  /** no question was asked on that criterion */
  RETURN_NOT_FOUND: { code: string };
  /** the council fixes a score that has none proposed (no self-score, no appraisal) */
  NO_PROPOSAL: { code: string };
  /** a correction is made once the council's phase is over; before, the council fixes the score itself */
  CORRECTION_NOT_YET: { closesOn: string | null };
}

export const APPRAISAL_ERROR_TEXTS: TextsOf<AppraisalErrorParams> = {
  UNIT_NOT_SUBMITTED: {
    vi: (p) => `${p.unit} chưa gửi kết quả tự đánh giá: chưa thẩm định được`,
    en: (p) => `${p.unit} has not submitted its self-assessment: it cannot be appraised yet`,
  },
  CRITERION_NOT_APPRAISED: {
    vi: (p) =>
      `Tiêu chí ${p.code} do ${SCORER_VI[p.scorer] ?? p.scorer} chấm điểm, không thuộc phần thẩm định của lĩnh vực`,
    en: (p) =>
      `Criterion ${p.code} is scored by ${SCORER_EN[p.scorer] ?? p.scorer}, not by the area's appraisers`,
  },
  COMMENT_REQUIRED: {
    vi: (p) => `Tiêu chí ${p.code}: điểm khác với cách tính hoặc với đề xuất phải có nhận xét, lý do`,
    en: (p) => `Criterion ${p.code}: a score other than the rule's or the proposal's needs a comment`,
  },
  APPRAISAL_SCORE_RANGE: {
    vi: (p) => `Tiêu chí ${p.code}: điểm ${p.value} phải từ 0 đến ${p.max}`,
    en: (p) => `Criterion ${p.code}: the score ${p.value} must be between 0 and ${p.max}`,
  },
  APPRAISAL_ANSWER_INVALID: {
    vi: (p) => `Tiêu chí ${p.code}: ${problemText(p.problem, 'vi')}`,
    en: (p) => `Criterion ${p.code}: ${problemText(p.problem, 'en')}`,
  },
  RETURN_EXISTS: {
    vi: (p) => `Tiêu chí ${p.code} đã được trả lại để giải trình trong đợt này`,
    en: (p) => `Criterion ${p.code} has already been returned for an explanation in this round`,
  },
  RETURN_NOT_FOUND: {
    vi: (p) => `Tiêu chí ${p.code} không bị trả lại để giải trình`,
    en: (p) => `Criterion ${p.code} was not returned for an explanation`,
  },
  NO_PROPOSAL: {
    vi: (p) => `Tiêu chí ${p.code} chưa có điểm đề xuất: hãy nhập điểm chính thức`,
    en: (p) => `Criterion ${p.code} has no proposed score: enter the final score`,
  },
  CORRECTION_NOT_YET: {
    vi: (p) =>
      `Hội đồng thẩm định còn đang làm việc${p.closesOn ? ` (đến hết ${vnDate(p.closesOn)})` : ''}: hãy sửa điểm chính thức trực tiếp`,
    en: (p) =>
      `The appraisal council is still sitting${p.closesOn ? ` (until the end of ${p.closesOn})` : ''}: change the final score directly`,
  },
};
