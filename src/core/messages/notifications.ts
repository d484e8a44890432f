/**
 * Notifications (modules/notifications.ts): what a unit or an account is told about a round — a
 * phase opened, a deadline near, the office's reminder of what is missing, a criterion returned
 * with a question, an extension granted or refused, the results published. Stored as a kind with
 * its parameters (JSON), worded when read in the reader's language and, for e-mail, in Vietnamese
 * then English. The texts are plain: a question or a round's name is never read as HTML.
 */
import type { Phase } from '../assessment.js';
import { PHASE_WORDS } from './assessment.js';
import { vnDate } from './lineage.js';
import type { None, TextsOf, Word } from './texts.js';

/** Each kind of notification with its parameters (every one names its round). */
export interface NotificationKindParams {
  /** a phase opened by the calendar; closesOn null for publication */
  'phase-opened': { round: string; phase: Phase; closesOn: string | null };
  /** the phase closes in `daysLeft` days and the unit has not submitted: `missing` leaves unanswered */
  'phase-closing': { round: string; phase: Phase; closesOn: string; daysLeft: number; missing: number };
  /** the office's reminder: what is missing and by when */
  reminder: { round: string; missing: number; total: number; closesOn: string | null };
  /** an appraiser returned a criterion with a question */
  returned: { round: string; code: string; question: string };
  'extension-granted': { round: string; phase: Phase; until: string };
  'extension-refused': { round: string; phase: Phase; note: string | null };
  published: { round: string };
}

export type NotificationKind = keyof NotificationKindParams;

export const NOTIFICATION_KINDS = [
  'phase-opened',
  'phase-closing',
  'reminder',
  'returned',
  'extension-granted',
  'extension-refused',
  'published',
] as const satisfies readonly NotificationKind[];

/** A notification as a value: its kind and its parameters, typed together. */
export type NotificationMessage = {
  [K in NotificationKind]: { kind: K; params: NotificationKindParams[K] };
}[NotificationKind];

/** The catalog's entries: the text of each kind, and an e-mail's subject line. */
export type NotificationParams = {
  [K in NotificationKind as `notification.${K}`]: NotificationKindParams[K];
} & {
  'notification.subject': { round: string; kind: NotificationKind };
  /** an e-mail's first line: the unit it is for */
  'notification.mailTo': { unit: string };
  'notification.mailFooter': None;
};

export interface NotificationErrorParams {
  NOTIFICATION_NOT_FOUND: { id: Word };
}

const SUBJECT_VI: Record<NotificationKind, string> = {
  'phase-opened': 'giai đoạn mới',
  'phase-closing': 'sắp hết hạn',
  reminder: 'nhắc nhở',
  returned: 'tiêu chí bị trả lại',
  'extension-granted': 'gia hạn được chấp thuận',
  'extension-refused': 'gia hạn không được chấp thuận',
  published: 'công bố kết quả',
};
const SUBJECT_EN: Record<NotificationKind, string> = {
  'phase-opened': 'a new phase',
  'phase-closing': 'deadline near',
  reminder: 'reminder',
  returned: 'criterion returned',
  'extension-granted': 'extension granted',
  'extension-refused': 'extension refused',
  published: 'results published',
};

const quoted = (name: string) => `«${name}»`;

export const NOTIFICATION_TEXTS: TextsOf<NotificationParams> = {
  'notification.phase-opened': {
    vi: (p) =>
      `Đợt đánh giá ${quoted(p.round)}: bắt đầu giai đoạn «${PHASE_WORDS.vi[p.phase]}»` +
      (p.closesOn ? `, đến hết ngày ${vnDate(p.closesOn)}` : ''),
    en: (p) =>
      `Round ${quoted(p.round)}: the phase «${PHASE_WORDS.en[p.phase]}» has begun` +
      (p.closesOn ? `, until the end of ${p.closesOn}` : ''),
  },
  'notification.phase-closing': {
    vi: (p) =>
      `Đợt đánh giá ${quoted(p.round)}: giai đoạn «${PHASE_WORDS.vi[p.phase]}» kết thúc ngày ${vnDate(p.closesOn)} ` +
      `(còn ${p.daysLeft} ngày); đơn vị chưa gửi kết quả tự đánh giá` +
      (p.missing > 0 ? `, còn ${p.missing} tiêu chí chưa trả lời` : ''),
    en: (p) =>
      `Round ${quoted(p.round)}: the phase «${PHASE_WORDS.en[p.phase]}» ends on ${p.closesOn} ` +
      `(${p.daysLeft} ${p.daysLeft === 1 ? 'day' : 'days'} left); the unit has not submitted its self-assessment` +
      (p.missing > 0 ? `, ${p.missing} ${p.missing === 1 ? 'criterion' : 'criteria'} unanswered` : ''),
  },
  'notification.reminder': {
    vi: (p) =>
      `Văn phòng nhắc: đợt đánh giá ${quoted(p.round)} — đơn vị chưa gửi kết quả tự đánh giá; ` +
      `còn ${p.missing}/${p.total} tiêu chí chưa trả lời` +
      (p.closesOn ? `; hạn gửi: hết ngày ${vnDate(p.closesOn)}` : ''),
    en: (p) =>
      `Reminder from the office: round ${quoted(p.round)} — the unit has not submitted its self-assessment; ` +
      `${p.missing} of ${p.total} criteria unanswered` +
      (p.closesOn ? `; due by the end of ${p.closesOn}` : ''),
  },
  'notification.returned': {
    vi: (p) =>
      `Đợt đánh giá ${quoted(p.round)}: tiêu chí ${p.code} bị trả lại để giải trình: «${p.question}»`,
    en: (p) =>
      `Round ${quoted(p.round)}: criterion ${p.code} was returned for an explanation: «${p.question}»`,
  },
  'notification.extension-granted': {
    vi: (p) =>
      `Đợt đánh giá ${quoted(p.round)}: được gia hạn giai đoạn «${PHASE_WORDS.vi[p.phase]}» đến hết ngày ${vnDate(p.until)}`,
    en: (p) =>
      `Round ${quoted(p.round)}: the phase «${PHASE_WORDS.en[p.phase]}» is extended until the end of ${p.until}`,
  },
  'notification.extension-refused': {
    vi: (p) =>
      `Đợt đánh giá ${quoted(p.round)}: đề nghị gia hạn giai đoạn «${PHASE_WORDS.vi[p.phase]}» không được chấp thuận` +
      (p.note ? ` (${p.note})` : ''),
    en: (p) =>
      `Round ${quoted(p.round)}: the extension of the phase «${PHASE_WORDS.en[p.phase]}» was refused` +
      (p.note ? ` (${p.note})` : ''),
  },
  'notification.published': {
    vi: (p) => `Đợt đánh giá ${quoted(p.round)} đã công bố kết quả`,
    en: (p) => `The results of the round ${quoted(p.round)} are published`,
  },
  'notification.subject': {
    vi: (p) => `[ParIndex] ${p.round}: ${SUBJECT_VI[p.kind]}`,
    en: (p) => `[ParIndex] ${p.round}: ${SUBJECT_EN[p.kind]}`,
  },
  'notification.mailTo': { vi: (p) => `Kính gửi: ${p.unit}`, en: (p) => `To: ${p.unit}` },
  'notification.mailFooter': {
    vi: () => 'Thư này do ParIndex gửi tự động; xin đăng nhập ParIndex để xem chi tiết.',
    en: () => 'This message was sent automatically by ParIndex; sign in to ParIndex for the details.',
  },
};

export const NOTIFICATION_ERROR_TEXTS: TextsOf<NotificationErrorParams> = {
  NOTIFICATION_NOT_FOUND: {
    vi: (p) => `Không có thông báo #${p.id}`,
    en: (p) => `No notification #${p.id}`,
  },
};
