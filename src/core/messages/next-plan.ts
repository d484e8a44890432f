/** The errors of next year's plan from a result (modules/next-plan.ts): each code's parameters and texts. */
import type { TextsOf, Word } from './texts.js';

export interface NextPlanErrorParams {
  /** the result scores no criterion of the unit (components only): there is nothing to plan from */
  NEXT_PLAN_NO_CRITERIA: { unit: string; resultId: Word };
  /** the unit already has a plan of that year */
  NEXT_PLAN_EXISTS: { subject: string; year: number; planId: number };
  /** the unit's name does not read back as a plan's subject, so the draft could not be stored as its plan */
  NEXT_PLAN_SUBJECT: { subject: string };
}

export const NEXT_PLAN_ERROR_TEXTS: TextsOf<NextPlanErrorParams> = {
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

/** The command line's wording for `parindex plan next`. */
export interface NextPlanCliParams {
  'cli.nextNoUnit': { unit: string };
  'cli.nextManyUnits': { unit: string; ids: string };
  'cli.nextNoResult': { unit: string; year: number };
  'cli.nextBadRecovery': { text: string };
  'cli.nextBadYear': { year: string };
  'cli.nextStored': { planId: number; subject: string; year: number };
  'cli.nextWritten': { file: string; subject: string; year: number; rows: number };
}

export const NEXT_PLAN_CLI_TEXTS: TextsOf<NextPlanCliParams> = {
  'cli.nextNoUnit': {
    vi: (p) => `--unit ${p.unit}: không có đơn vị tên này`,
    en: (p) => `--unit ${p.unit}: no unit of that name`,
  },
  'cli.nextManyUnits': {
    vi: (p) => `--unit ${p.unit}: nhiều đơn vị cùng tên (${p.ids}); dùng --unit-id`,
    en: (p) => `--unit ${p.unit}: several units of that name (${p.ids}); use --unit-id`,
  },
  'cli.nextNoResult': {
    vi: (p) => `${p.unit} không có kết quả nào trước năm ${p.year}; dùng --result`,
    en: (p) => `${p.unit} has no result before ${p.year}; use --result`,
  },
  'cli.nextBadRecovery': {
    vi: (p) => `"${p.text}": cần LĨNH_VỰC=TỶ_LỆ (0 < tỷ lệ ≤ 1), ví dụ --share 1=0.5, hoặc --manual 1`,
    en: (p) => `"${p.text}": AREA=SHARE is needed (0 < share ≤ 1), e.g. --share 1=0.5, or --manual 1`,
  },
  'cli.nextBadYear': {
    vi: (p) => `--year ${p.year}: năm phải là số từ 2000 đến 2100`,
    en: (p) => `--year ${p.year}: the year must be a number from 2000 to 2100`,
  },
  'cli.nextStored': {
    vi: (p) => `Đã lưu dự thảo kế hoạch #${p.planId} của ${p.subject} năm ${p.year}`,
    en: (p) => `Draft plan #${p.planId} of ${p.subject} for ${p.year} stored`,
  },
  'cli.nextWritten': {
    vi: (p) => `${p.file}: dự thảo kế hoạch của ${p.subject} năm ${p.year}, ${p.rows} dòng (chưa lưu)`,
    en: (p) => `${p.file}: draft plan of ${p.subject} for ${p.year}, ${p.rows} rows (not stored)`,
  },
};
