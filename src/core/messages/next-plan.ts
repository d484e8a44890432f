/** The errors of next year's plan from a result (modules/next-plan.ts): each code's parameters and texts. */
import type { TextsOf, Word } from './texts.js';

export interface NextPlanErrorParams {
  RESULT_NOT_FOUND: { id: Word };
  /** the unit has no row in that result */
  RESULT_UNIT_NOT_FOUND: { id: Word; resultId: Word };
  /** the result scores no criterion of the unit (components only): there is nothing to plan from */
  NEXT_PLAN_NO_CRITERIA: { unit: string; resultId: Word };
  /** the unit already has a plan of that year */
  NEXT_PLAN_EXISTS: { subject: string; year: number; planId: number };
  /** the unit's name does not read back as a plan's subject, so the draft could not be stored as its plan */
  NEXT_PLAN_SUBJECT: { subject: string };
}

export const NEXT_PLAN_ERROR_TEXTS: TextsOf<NextPlanErrorParams> = {
  RESULT_NOT_FOUND: { vi: (p) => `Không có kết quả #${p.id}`, en: (p) => `No result #${p.id}` },
  RESULT_UNIT_NOT_FOUND: {
    vi: (p) => `Đơn vị #${p.id} không có trong kết quả #${p.resultId}`,
    en: (p) => `Unit #${p.id} is not in result #${p.resultId}`,
  },
  NEXT_PLAN_NO_CRITERIA: {
    vi: (p) => `Kết quả #${p.resultId} không có điểm từng tiêu chí của ${p.unit}: không lập được kế hoạch`,
    en: (p) => `Result #${p.resultId} has no per-criterion scores of ${p.unit}: no plan can be drafted`,
  },
  NEXT_PLAN_EXISTS: {
    vi: (p) => `${p.subject} đã có kế hoạch năm ${p.year} (#${p.planId}); hãy sửa kế hoạch đó`,
    en: (p) => `${p.subject} already has a plan for ${p.year} (#${p.planId}); edit that plan`,
  },
  NEXT_PLAN_SUBJECT: {
    vi: (p) => `Tên đơn vị "${p.subject}" không đọc được là chủ thể của kế hoạch`,
    en: (p) => `The unit name "${p.subject}" does not read as a plan's subject`,
  },
};
