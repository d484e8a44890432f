/**
 * The errors use-cases raise, as a small union of codes with their Vietnamese and English messages.
 * The HTTP layer maps each code to a status in one exhaustive switch (src/http/errors.ts).
 */
import type { Lang } from '../core/findings.js';

export type AppErrorCode =
  | 'PLAN_NOT_FOUND'
  | 'ITEM_NOT_FOUND'
  | 'UNIT_NOT_FOUND'
  | 'IMPORT_NOT_FOUND'
  | 'NOT_A_LEAF'
  | 'SCORE_ABOVE_MAX'
  | 'SCORE_NEGATIVE'
  | 'STALE_VERSION'
  | 'UNIT_NOT_IN_PLAN'
  | 'READ_FAILED'
  | 'IMPORT_REJECTED'
  | 'PLAN_EXISTS'
  | 'FILE_TOO_LARGE'
  | 'UNAUTHENTICATED'
  | 'BAD_CREDENTIALS'
  | 'WRONG_CURRENT_PASSWORD'
  | 'TOO_MANY_ATTEMPTS'
  | 'FORBIDDEN'
  | 'CSRF_FAILED'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'PASSWORD_TOO_WEAK'
  | 'USER_NOT_FOUND'
  | 'USERNAME_TAKEN'
  | 'ROLE_NOT_FOUND'
  | 'UNIT_CYCLE'
  | 'LINEAGE_INVALID'
  | 'SUBJECT_AMBIGUOUS'
  | 'UNIT_EXISTS'
  | 'SELF_LOCKOUT';

type Params = Record<string, string | number>;

/** Scores arrive formatted for Vietnamese ("1,25", no grouping); English writes a decimal point. */
const withPoint = (score: string | number | undefined) => String(score).replace(',', '.');

const MESSAGES: Record<AppErrorCode, Record<Lang, (p: Params) => string>> = {
  PLAN_NOT_FOUND: { vi: (p) => `Không có kế hoạch #${p.id}`, en: (p) => `No plan #${p.id}` },
  ITEM_NOT_FOUND: {
    vi: (p) => `Kế hoạch không có tiêu chí #${p.id}`,
    en: (p) => `The plan has no criterion #${p.id}`,
  },
  UNIT_NOT_FOUND: { vi: (p) => `Không có đơn vị #${p.id}`, en: (p) => `No unit #${p.id}` },
  IMPORT_NOT_FOUND: {
    vi: () => 'Tệp tải lên đã hết hạn hoặc đã được nhập; hãy tải lên lại',
    en: () => 'The upload has expired or was already imported; upload it again',
  },
  NOT_A_LEAF: {
    vi: (p) => `Tiêu chí ${p.code} có tiêu chí con: điểm của nó là tổng điểm các tiêu chí con`,
    en: (p) => `Criterion ${p.code} has sub-criteria: its score is the sum of theirs`,
  },
  SCORE_ABOVE_MAX: {
    vi: (p) =>
      `${p.field === 'target' ? 'Mục tiêu' : 'Điểm đạt được'} ${p.value} vượt điểm chuẩn ${p.max} của tiêu chí ${p.code}`,
    en: (p) =>
      `${p.field === 'target' ? 'Target' : 'Baseline'} ${withPoint(p.value)} is above the max score ${withPoint(p.max)} of criterion ${p.code}`,
  },
  SCORE_NEGATIVE: {
    vi: (p) => `Điểm không được âm (${p.value}) ở tiêu chí ${p.code}`,
    en: (p) => `A score cannot be negative (${withPoint(p.value)}) on criterion ${p.code}`,
  },
  STALE_VERSION: {
    vi: () => 'Dữ liệu đã được người khác thay đổi; hãy tải lại trang rồi sửa lại',
    en: () => 'Changed by someone else; reload and edit again',
  },
  UNIT_NOT_IN_PLAN: {
    vi: (p) => `Đơn vị #${p.id} không thuộc ${p.subject}`,
    en: (p) => `Unit #${p.id} does not belong to ${p.subject}`,
  },
  READ_FAILED: { vi: (p) => `${p.file}: ${p.reasonVi}`, en: (p) => `${p.file}: ${p.reasonEn}` },
  IMPORT_REJECTED: {
    vi: () => 'Tệp có lỗi phải sửa trước khi nhập; không ghi gì',
    en: () => 'The file has errors to fix before it can be imported; nothing was written',
  },
  PLAN_EXISTS: {
    vi: (p) => `Đã có kế hoạch của ${p.subject} năm ${p.year} với nội dung khác; chọn "thay thế" để thay`,
    en: (p) => `A plan for ${p.subject} ${p.year} exists with other content; choose "replace" to replace it`,
  },
  UNAUTHENTICATED: {
    vi: () => 'Cần đăng nhập (phiên đã hết hạn hoặc chưa đăng nhập)',
    en: () => 'Please sign in (no session, or it has expired)',
  },
  BAD_CREDENTIALS: {
    vi: () => 'Sai tên đăng nhập hoặc mật khẩu',
    en: () => 'Wrong user name or password',
  },
  WRONG_CURRENT_PASSWORD: {
    vi: () => 'Mật khẩu hiện tại không đúng',
    en: () => 'The current password is wrong',
  },
  TOO_MANY_ATTEMPTS: {
    vi: (p) => `Đăng nhập sai quá nhiều lần; hãy thử lại sau ${p.seconds} giây`,
    en: (p) => `Too many failed sign-ins; try again in ${p.seconds} s`,
  },
  FORBIDDEN: {
    vi: () => 'Tài khoản không có quyền làm việc này',
    en: () => 'Your account may not do this',
  },
  CSRF_FAILED: {
    vi: () => 'Yêu cầu không kèm mã xác thực của phiên; hãy tải lại trang',
    en: () => 'The request lacks the session check token; reload the page',
  },
  PASSWORD_CHANGE_REQUIRED: {
    vi: () => 'Cần đổi mật khẩu trước khi tiếp tục',
    en: () => 'Change your password before going on',
  },
  PASSWORD_TOO_WEAK: {
    vi: (p) => `Mật khẩu mới cần ít nhất ${p.min} ký tự và khác mật khẩu cũ`,
    en: (p) => `The new password needs at least ${p.min} characters and must differ from the old one`,
  },
  USER_NOT_FOUND: { vi: (p) => `Không có tài khoản #${p.id}`, en: (p) => `No account #${p.id}` },
  USERNAME_TAKEN: {
    vi: (p) => `Tên đăng nhập "${p.username}" đã có`,
    en: (p) => `The user name "${p.username}" is taken`,
  },
  ROLE_NOT_FOUND: { vi: (p) => `Không có vai trò "${p.role}"`, en: (p) => `No role "${p.role}"` },
  UNIT_CYCLE: {
    vi: () => 'Đơn vị không thể trực thuộc chính nó hay đơn vị cấp dưới của nó',
    en: () => 'A unit cannot belong to itself or to one of its own units',
  },
  SUBJECT_AMBIGUOUS: {
    vi: (p) =>
      `Có nhiều đơn vị tên "${p.subject}" trong phạm vi của tài khoản; hãy nhập bằng tài khoản của đúng đơn vị`,
    en: (p) =>
      `Several units named "${p.subject}" are within your reach; import with the account of the right one`,
  },
  UNIT_EXISTS: {
    vi: (p) => `Đã có đơn vị "${p.name}" ở đây`,
    en: (p) => `A unit "${p.name}" exists here already`,
  },
  LINEAGE_INVALID: {
    vi: () => 'Đơn vị sáp nhập hoặc đổi tên cần có đơn vị kế thừa, khác chính nó',
    en: () => 'A merged or renamed unit needs a successor other than itself',
  },
  SELF_LOCKOUT: {
    vi: () => 'Không thể tự khóa tài khoản hay tự bỏ quyền quản trị của mình',
    en: () => 'You cannot disable your own account or remove your own administration rights',
  },
  FILE_TOO_LARGE: {
    vi: (p) => `Tệp quá lớn (tối đa ${p.limit})`,
    en: (p) => `The file is too large (limit ${p.limit})`,
  },
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly params: Params = {},
    readonly details?: unknown,
  ) {
    super(MESSAGES[code].en(params));
  }

  messageIn(lang: Lang): string {
    return MESSAGES[this.code][lang](this.params);
  }
}
