/**
 * The errors of a unit's self-assessment (modules/self-assessment.ts): an answer the criterion's rule
 * does not take, "not applicable" where the framework does not allow it or without a reason, a
 * criterion the unit does not score, an assessment no longer editable, a submission with answers or
 * explanations missing. Each code's parameters and texts, spread into errors.ts.
 */
import type { UnitRoundState } from '../assessment.js';
import { UNIT_STATE_WORDS } from './assessment.js';
import { SCORING_TEXTS, type ScoringProblem } from './scoring.js';
import type { Texts, TextsOf } from './texts.js';

/** Who scores a criterion the unit may not answer. */
export type NotSelfScoredBy = 'survey' | 'council';

export interface SelfAssessmentErrorParams {
  /** the answer does not fit the criterion's rule: the scoring problem, in the catalog's words */
  ANSWER_INVALID: { code: string; problem: ScoringProblem };
  /** "không áp dụng" on a criterion whose policy does not allow it */
  NOT_APPLICABLE_REFUSED: { code: string };
  /** "không áp dụng" needs a reason */
  NOT_APPLICABLE_REASON: { code: string };
  /** scored by the survey or the council: shown to the unit, never answered by it */
  NOT_SELF_SCORED: { code: string; by: NotSelfScoredBy };
  /** the unit's state does not allow this (submitted: withdraw first; appraised …) */
  ASSESSMENT_NOT_EDITABLE: { unit: string; state: UnitRoundState };
  /** submit refused: leaves without an answer, scores above 0 without evidence nor explanation */
  ASSESSMENT_INCOMPLETE: { missing: string[]; unexplained: string[] };
}

const problemText = (p: ScoringProblem, lang: 'vi' | 'en') =>
  (SCORING_TEXTS[p.problem] as Texts<ScoringProblem['params']>)[lang](p.params);

const BY_VI: Record<NotSelfScoredBy, string> = {
  survey: 'qua điều tra xã hội học',
  council: 'bởi Hội đồng thẩm định',
};
const BY_EN: Record<NotSelfScoredBy, string> = { survey: 'by the survey', council: 'by the council' };

/** At most ten codes, then how many more. */
function codes(list: readonly string[], lang: 'vi' | 'en'): string {
  const shown = list.slice(0, 10).join(', ');
  const more = list.length - 10;
  if (more <= 0) return shown;
  return lang === 'vi' ? `${shown} và ${more} tiêu chí khác` : `${shown} and ${more} more`;
}

export const SELF_ASSESSMENT_ERROR_TEXTS: TextsOf<SelfAssessmentErrorParams> = {
  ANSWER_INVALID: {
    vi: (p) => `Tiêu chí ${p.code}: ${problemText(p.problem, 'vi')}`,
    en: (p) => `Criterion ${p.code}: ${problemText(p.problem, 'en')}`,
  },
  NOT_APPLICABLE_REFUSED: {
    vi: (p) => `Tiêu chí ${p.code} không được ghi "không áp dụng" theo bộ tiêu chí`,
    en: (p) => `The framework does not allow "not applicable" on criterion ${p.code}`,
  },
  NOT_APPLICABLE_REASON: {
    vi: (p) => `Tiêu chí ${p.code}: ghi "không áp dụng" thì cần nêu lý do`,
    en: (p) => `Criterion ${p.code}: "not applicable" needs a reason`,
  },
  NOT_SELF_SCORED: {
    vi: (p) => `Tiêu chí ${p.code} được chấm ${BY_VI[p.by]}, đơn vị không tự chấm`,
    en: (p) => `Criterion ${p.code} is scored ${BY_EN[p.by]}, not by the unit`,
  },
  ASSESSMENT_NOT_EDITABLE: {
    vi: (p) =>
      `Bản tự đánh giá của ${p.unit} đang ở trạng thái «${UNIT_STATE_WORDS.vi[p.state]}»: không thực hiện được` +
      (p.state === 'submitted' ? '; hãy rút lại để sửa' : ''),
    en: (p) =>
      `The self-assessment of ${p.unit} is «${UNIT_STATE_WORDS.en[p.state]}»: this cannot be done` +
      (p.state === 'submitted' ? '; withdraw it to edit' : ''),
  },
  ASSESSMENT_INCOMPLETE: {
    vi: (p) =>
      [
        'Chưa gửi được bản tự đánh giá',
        p.missing.length > 0
          ? `còn ${p.missing.length} tiêu chí chưa trả lời: ${codes(p.missing, 'vi')}`
          : '',
        p.unexplained.length > 0
          ? `${p.unexplained.length} tiêu chí có điểm nhưng không có tài liệu kiểm chứng cần diễn giải cách tính điểm: ${codes(p.unexplained, 'vi')}`
          : '',
      ]
        .filter(Boolean)
        .join('; '),
    en: (p) =>
      [
        'The self-assessment cannot be submitted yet',
        p.missing.length > 0 ? `${p.missing.length} criteria unanswered: ${codes(p.missing, 'en')}` : '',
        p.unexplained.length > 0
          ? `${p.unexplained.length} criteria scored without evidence need an explanation of the scoring: ${codes(p.unexplained, 'en')}`
          : '',
      ]
        .filter(Boolean)
        .join('; '),
  },
};
