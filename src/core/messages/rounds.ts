/**
 * The errors of assessment rounds themselves (modules/rounds.ts): creating one, its calendar, the
 * units' requests for more time and the office's decisions. Each code's parameters and texts.
 */
import type {
  CalendarProblem,
  ExtensionRequestProblem,
  ExtensionUntilProblem,
  Phase,
} from '../assessment.js';
import { PHASE_WORDS } from './assessment.js';
import { vnDate } from './lineage.js';
import type { None, TextsOf, Word } from './texts.js';

/** A leaf whose follow-up unit (its own, else its area's) is not a unit of the province. */
export interface MissingFollowUp {
  code: string;
  name: string;
  /** the follow-up unit as the document wrote it, null when it names none */
  text: string | null;
}

export interface RoundErrorParams {
  /** the calendar's problems, each naming its phase */
  ROUND_CALENDAR_INVALID: { problems: CalendarProblem[] };
  /** neither a list of units nor a group that holds any */
  ROUND_NO_UNITS: None;
  /** some criteria have no unit to follow (and appraise) them */
  ROUND_FOLLOW_UP_MISSING: { criteria: MissingFollowUp[] };
  EXTENSION_NOT_FOUND: { id: Word };
  /** the unit may not ask for more time in that phase today */
  EXTENSION_NOT_ALLOWED: { phase: Phase; problem: ExtensionRequestProblem };
  /** a request for that phase already waits for the office */
  EXTENSION_PENDING: { phase: Phase };
  /** the request was decided already */
  EXTENSION_DECIDED: { state: 'granted' | 'refused' };
  /** the day granted cannot be */
  EXTENSION_UNTIL: { phase: Phase; until: string; problem: ExtensionUntilProblem };
}

const CALENDAR_VI: Record<CalendarProblem['code'], (p: CalendarProblem) => string> = {
  'phase-missing': (p) => `thiếu giai đoạn «${PHASE_WORDS.vi[p.phase]}»`,
  'bad-date': (p) =>
    `giai đoạn «${PHASE_WORDS.vi[p.phase]}»: "${p.code === 'bad-date' ? p.value : ''}" không phải là ngày`,
  'ends-before-start': (p) => `giai đoạn «${PHASE_WORDS.vi[p.phase]}» kết thúc trước khi bắt đầu`,
  'out-of-order': (p) =>
    `giai đoạn «${PHASE_WORDS.vi[p.phase]}» bắt đầu trước giai đoạn «${p.code === 'out-of-order' ? PHASE_WORDS.vi[p.previous] : ''}»`,
};
const CALENDAR_EN: Record<CalendarProblem['code'], (p: CalendarProblem) => string> = {
  'phase-missing': (p) => `the phase «${PHASE_WORDS.en[p.phase]}» is missing`,
  'bad-date': (p) =>
    `the phase «${PHASE_WORDS.en[p.phase]}»: "${p.code === 'bad-date' ? p.value : ''}" is not a date`,
  'ends-before-start': (p) => `the phase «${PHASE_WORDS.en[p.phase]}» ends before it starts`,
  'out-of-order': (p) =>
    `the phase «${PHASE_WORDS.en[p.phase]}» starts before «${p.code === 'out-of-order' ? PHASE_WORDS.en[p.previous] : ''}»`,
};

/** One calendar problem in words (the web's form words the same problems beside each phase). */
export function calendarProblemText(problem: CalendarProblem, lang: 'vi' | 'en'): string {
  return (lang === 'vi' ? CALENDAR_VI : CALENDAR_EN)[problem.code](problem);
}

const followUp = (c: MissingFollowUp, none: string) => `${c.code} (${c.text ?? none})`;

const REQUEST_VI: Record<ExtensionRequestProblem, string> = {
  'not-unit-phase': 'đơn vị chỉ xin gia hạn giai đoạn tự đánh giá hoặc giải trình',
  'not-open-yet': 'giai đoạn chưa mở',
  past: 'giai đoạn đã kết thúc quá 7 ngày',
  published: 'đợt đánh giá đã công bố kết quả',
};
const REQUEST_EN: Record<ExtensionRequestProblem, string> = {
  'not-unit-phase': 'a unit may only ask for more time in self-assessment or explanation',
  'not-open-yet': 'the phase has not opened yet',
  past: 'the phase closed more than 7 days ago',
  published: 'the round is published',
};
const UNTIL_VI: Record<ExtensionUntilProblem, string> = {
  'not-later': 'phải sau ngày kết thúc của giai đoạn',
  'after-publication': 'phải trước ngày công bố kết quả',
  'in-the-past': 'đã qua',
};
const UNTIL_EN: Record<ExtensionUntilProblem, string> = {
  'not-later': "must be after the phase's last day",
  'after-publication': 'must be before publication',
  'in-the-past': 'is already past',
};

export const ROUND_ERROR_TEXTS: TextsOf<RoundErrorParams> = {
  ROUND_CALENDAR_INVALID: {
    vi: (p) =>
      `Lịch đợt đánh giá chưa đúng: ${p.problems.map((x) => calendarProblemText(x, 'vi')).join('; ')}`,
    en: (p) =>
      `The round's calendar is wrong: ${p.problems.map((x) => calendarProblemText(x, 'en')).join('; ')}`,
  },
  ROUND_NO_UNITS: {
    vi: () => 'Chưa chọn đơn vị được đánh giá (danh sách đơn vị hoặc nhóm đơn vị có ít nhất một đơn vị)',
    en: () => 'No unit to assess: give a list of units or a group that holds at least one',
  },
  ROUND_FOLLOW_UP_MISSING: {
    vi: (p) =>
      `Các tiêu chí sau chưa có cơ quan theo dõi, thẩm định là đơn vị trong tỉnh: ${p.criteria.map((c) => followUp(c, 'không ghi')).join('; ')}. Hãy sửa «Đơn vị theo dõi» trên trang bộ tiêu chí`,
    en: (p) =>
      `These criteria have no follow-up unit in the province: ${p.criteria.map((c) => followUp(c, 'none named')).join('; ')}. Set "Followed by" on the framework's page`,
  },
  EXTENSION_NOT_FOUND: {
    vi: (p) => `Không có đề nghị gia hạn #${p.id} trong đợt đánh giá này`,
    en: (p) => `No extension request #${p.id} in this round`,
  },
  EXTENSION_NOT_ALLOWED: {
    vi: (p) => `Không xin gia hạn giai đoạn «${PHASE_WORDS.vi[p.phase]}» được: ${REQUEST_VI[p.problem]}`,
    en: (p) => `Cannot ask for more time in «${PHASE_WORDS.en[p.phase]}»: ${REQUEST_EN[p.problem]}`,
  },
  EXTENSION_PENDING: {
    vi: (p) => `Đơn vị đã có đề nghị gia hạn giai đoạn «${PHASE_WORDS.vi[p.phase]}» đang chờ xử lý`,
    en: (p) => `The unit already has a request for «${PHASE_WORDS.en[p.phase]}» waiting for a decision`,
  },
  EXTENSION_DECIDED: {
    vi: (p) => `Đề nghị gia hạn này đã được ${p.state === 'granted' ? 'chấp thuận' : 'từ chối'}`,
    en: (p) => `This request was ${p.state === 'granted' ? 'granted' : 'refused'} already`,
  },
  EXTENSION_UNTIL: {
    vi: (p) =>
      `Ngày gia hạn ${vnDate(p.until)} cho giai đoạn «${PHASE_WORDS.vi[p.phase]}» ${UNTIL_VI[p.problem]}`,
    en: (p) => `The day granted, ${p.until}, for «${PHASE_WORDS.en[p.phase]}» ${UNTIL_EN[p.problem]}`,
  },
};
