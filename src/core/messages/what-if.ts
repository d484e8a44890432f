/**
 * The errors of the what-if simulator and of a plan against its result (modules/what-if.ts,
 * modules/plan-result.ts): each code's parameters and texts. The what-if problems are core/what-if.ts's.
 */
import type { TextsOf } from './texts.js';

export interface WhatIfErrorParams {
  WHAT_IF_PART_UNKNOWN: { code: string };
  WHAT_IF_PART_REPEATED: { code: string };
  /** a part and a part above it changed together: the higher one would count twice */
  WHAT_IF_PART_NESTED: { code: string; parentCode: string };
  /** no max for the part (or for the unit's total): nothing to compute an index against */
  WHAT_IF_NO_MAX: { code: string };
  WHAT_IF_OUT_OF_RANGE: { code: string; max: string };
}

export const WHAT_IF_ERROR_TEXTS: TextsOf<WhatIfErrorParams> = {
  WHAT_IF_PART_UNKNOWN: {
    vi: (p) => `Kết quả không có phần hoặc tiêu chí "${p.code}".`,
    en: (p) => `The result has no part or criterion "${p.code}".`,
  },
  WHAT_IF_PART_REPEATED: {
    vi: (p) => `Tiêu chí ${p.code} được nhập hai lần.`,
    en: (p) => `Criterion ${p.code} is given twice.`,
  },
  WHAT_IF_PART_NESTED: {
    vi: (p) => `Không đổi cùng lúc ${p.code} và ${p.parentCode} chứa nó: điểm sẽ bị tính hai lần.`,
    en: (p) => `${p.code} and ${p.parentCode} above it cannot change together: the points would count twice.`,
  },
  WHAT_IF_NO_MAX: {
    vi: (p) =>
      p.code === ''
        ? 'Kết quả của đơn vị không có điểm tối đa để tính chỉ số.'
        : `Tiêu chí ${p.code} không có điểm tối đa trong kết quả.`,
    en: (p) =>
      p.code === ''
        ? "The unit's result has no maximum to compute an index from."
        : `${p.code} has no maximum in the result.`,
  },
  WHAT_IF_OUT_OF_RANGE: {
    vi: (p) => `Điểm dự kiến của ${p.code} phải từ 0 đến ${p.max}.`,
    en: (p) => `The expected score of ${p.code} must be between 0 and ${p.max}.`,
  },
};
