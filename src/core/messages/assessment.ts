/**
 * The errors of the assessment round (modules/round-context.ts and the use-cases built on it): each
 * code's parameters and texts, and the words of the phases and the units' states. The features of
 * the round keep their own codes beside these in files of their own, spread into errors.ts.
 */
import type { Phase, UnitRoundState } from '../assessment.js';
import { vnDate } from './lineage.js';
import type { TextsOf, Word } from './texts.js';

export const PHASE_WORDS: Record<'vi' | 'en', Record<Phase, string>> = {
  vi: {
    self: 'Tự đánh giá',
    appraisal1: 'Thẩm định lần 1',
    explanation: 'Giải trình',
    appraisal2: 'Thẩm định lần 2',
    council: 'Hội đồng thẩm định',
    publication: 'Công bố kết quả',
  },
  en: {
    self: 'Self-assessment',
    appraisal1: 'Appraisal 1',
    explanation: 'Explanation',
    appraisal2: 'Appraisal 2',
    council: 'Appraisal council',
    publication: 'Publication',
  },
};

export const UNIT_STATE_WORDS: Record<'vi' | 'en', Record<UnitRoundState, string>> = {
  vi: {
    'not-started': 'Chưa bắt đầu',
    'in-progress': 'Đang tự đánh giá',
    submitted: 'Đã gửi',
    returned: 'Bị trả lại',
    appraised: 'Đã thẩm định',
    final: 'Đã có kết quả chính thức',
  },
  en: {
    'not-started': 'Not started',
    'in-progress': 'In progress',
    submitted: 'Submitted',
    returned: 'Returned',
    appraised: 'Appraised',
    final: 'Final',
  },
};

export interface AssessmentErrorParams {
  ROUND_NOT_FOUND: { id: Word };
  /** the unit is not assessed in that round */
  UNIT_NOT_IN_ROUND: { unit: string; round: string };
  /** the phase the action belongs to is not open today (for that unit) */
  PHASE_CLOSED: { phase: Phase; opensOn: string | null; closesOn: string | null };
  /** published: everything is read-only */
  ROUND_PUBLISHED: { round: string };
}

export const ASSESSMENT_ERROR_TEXTS: TextsOf<AssessmentErrorParams> = {
  ROUND_NOT_FOUND: {
    vi: (p) => `Không có đợt đánh giá #${p.id}`,
    en: (p) => `No assessment round #${p.id}`,
  },
  UNIT_NOT_IN_ROUND: {
    vi: (p) => `${p.unit} không thuộc đợt đánh giá «${p.round}»`,
    en: (p) => `${p.unit} is not assessed in the round «${p.round}»`,
  },
  PHASE_CLOSED: {
    vi: (p) =>
      `Giai đoạn «${PHASE_WORDS.vi[p.phase]}» không mở` +
      (p.opensOn && p.closesOn ? ` (từ ${vnDate(p.opensOn)} đến hết ${vnDate(p.closesOn)})` : ''),
    en: (p) =>
      `The phase «${PHASE_WORDS.en[p.phase]}» is not open` +
      (p.opensOn && p.closesOn ? ` (from ${p.opensOn} to the end of ${p.closesOn})` : ''),
  },
  ROUND_PUBLISHED: {
    vi: (p) => `Đợt đánh giá «${p.round}» đã công bố kết quả: không sửa được nữa`,
    en: (p) => `The round «${p.round}» is published: it is read-only`,
  },
};
