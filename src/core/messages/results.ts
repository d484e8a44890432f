/**
 * The errors of results and ranking (modules/results.ts, decision 0015): pools, their bands per year,
 * a result stored, read or removed, a round's results published. Each code's parameters and texts.
 */
import type { BandProblem } from '../ranking.js';
import type { TextsOf, Word } from './texts.js';

/** Why a result cannot be stored as given (the import or a round hands it over). */
export type ResultProblem =
  | { problem: 'duplicate-unit'; value: string }
  | { problem: 'duplicate-part'; value: string }
  | { problem: 'unknown-unit'; value: string }
  | { problem: 'unknown-part'; value: string }
  | { problem: 'no-units'; value: string };

export interface ResultErrorParams {
  RESULT_NOT_FOUND: { id: Word };
  POOL_NOT_FOUND: { id: Word };
  /** another pool has that name (compared without diacritics or case) */
  POOL_EXISTS: { name: string };
  /** the unit has no row in that result */
  UNIT_NOT_IN_RESULT: { id: Word };
  /** the bands of a year as given, each problem with its band's position */
  BANDS_INVALID: { problems: BandProblem[] };
  /** a round's results become a result once the round is published only */
  ROUND_NOT_PUBLISHED: { round: string };
  RESULT_INVALID: ResultProblem;
}

const BAND_VI: Record<BandProblem['problem'], (p: BandProblem) => string> = {
  'label-empty': (p) => `mức thứ ${p.position + 1} chưa có tên`,
  'label-repeated': (p) =>
    `mức thứ ${p.position + 1}: tên "${p.problem === 'label-repeated' ? p.label : ''}" đã dùng cho mức khác`,
  'min-out-of-range': (p) => `mức thứ ${p.position + 1}: chỉ số thấp nhất phải từ 0 đến 100`,
  'same-edge': (p) =>
    `mức thứ ${p.position + 1} có cùng chỉ số thấp nhất với mức "${p.problem === 'same-edge' ? p.label : ''}"`,
};
const BAND_EN: Record<BandProblem['problem'], (p: BandProblem) => string> = {
  'label-empty': (p) => `band ${p.position + 1} has no label`,
  'label-repeated': (p) =>
    `band ${p.position + 1}: the label "${p.problem === 'label-repeated' ? p.label : ''}" is used by another band`,
  'min-out-of-range': (p) => `band ${p.position + 1}: the lowest index must be between 0 and 100`,
  'same-edge': (p) =>
    `band ${p.position + 1} has the same lowest index as "${p.problem === 'same-edge' ? p.label : ''}"`,
};

/** One band problem in words (the web's editor words the same problems beside each band). */
export function bandProblemText(problem: BandProblem, lang: 'vi' | 'en'): string {
  return (lang === 'vi' ? BAND_VI : BAND_EN)[problem.problem](problem);
}

const RESULT_VI: Record<ResultProblem['problem'], (v: string) => string> = {
  'duplicate-unit': (v) => `đơn vị "${v}" có hai dòng`,
  'duplicate-part': (v) => `cột điểm "${v}" có hai lần`,
  'unknown-unit': (v) => `không có đơn vị số ${v}`,
  'unknown-part': (v) => `điểm theo "${v}" không thuộc cột điểm nào của kết quả`,
  'no-units': (v) => `không có đơn vị nào có chỉ số (${v})`,
};
const RESULT_EN: Record<ResultProblem['problem'], (v: string) => string> = {
  'duplicate-unit': (v) => `the unit "${v}" has two rows`,
  'duplicate-part': (v) => `the part "${v}" is given twice`,
  'unknown-unit': (v) => `there is no unit number ${v}`,
  'unknown-part': (v) => `a score for "${v}" belongs to no part of the result`,
  'no-units': (v) => `no unit has an index (${v})`,
};

export const RESULT_ERROR_TEXTS: TextsOf<ResultErrorParams> = {
  RESULT_NOT_FOUND: {
    vi: (p) => `Không có kết quả số ${p.id}`,
    en: (p) => `There is no result ${p.id}`,
  },
  POOL_NOT_FOUND: {
    vi: (p) => `Không có nhóm xếp hạng số ${p.id}`,
    en: (p) => `There is no ranking pool ${p.id}`,
  },
  POOL_EXISTS: {
    vi: (p) => `Đã có nhóm xếp hạng "${p.name}"`,
    en: (p) => `A ranking pool "${p.name}" exists already`,
  },
  UNIT_NOT_IN_RESULT: {
    vi: (p) => `Đơn vị số ${p.id} không có trong kết quả này`,
    en: (p) => `Unit ${p.id} is not in this result`,
  },
  BANDS_INVALID: {
    vi: (p) => `Các mức xếp loại chưa đúng: ${p.problems.map((x) => bandProblemText(x, 'vi')).join('; ')}`,
    en: (p) => `The bands are not right: ${p.problems.map((x) => bandProblemText(x, 'en')).join('; ')}`,
  },
  ROUND_NOT_PUBLISHED: {
    vi: (p) => `Đợt đánh giá "${p.round}" chưa công bố kết quả: chưa thể đưa vào xếp hạng`,
    en: (p) => `The round "${p.round}" is not published yet: its results cannot be ranked`,
  },
  RESULT_INVALID: {
    vi: (p) => `Không lưu được kết quả: ${RESULT_VI[p.problem](p.value)}`,
    en: (p) => `The result cannot be stored: ${RESULT_EN[p.problem](p.value)}`,
  },
};
