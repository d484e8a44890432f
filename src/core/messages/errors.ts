/** The errors a use-case raises (AppError): each code's parameters and texts. */
import type { Finding, Lang } from '../findings.js';
import { kindRule } from '../unit-kinds.js';
import type { UnitGroup } from '../unit-names.js';
import { APPRAISAL_ERROR_TEXTS, type AppraisalErrorParams } from './appraisal.js';
import { ASSESSMENT_ERROR_TEXTS, type AssessmentErrorParams } from './assessment.js';
import {
  EVIDENCE_ERROR_TEXTS,
  EVIDENCE_TEXTS,
  evidenceRefusalText,
  type EvidenceErrorParams,
  type EvidenceRefusal,
} from './evidence.js';
import { FRAMEWORK_ERROR_TEXTS, type FrameworkErrorParams } from './frameworks.js';
import { NOTIFICATION_ERROR_TEXTS, type NotificationErrorParams } from './notifications.js';
import {
  ENDED_EN,
  ENDED_VI,
  lineageConflictEn,
  lineageConflictVi,
  vnDate,
  type LineageConflict,
} from './lineage.js';
import { readFailureText, type ReadFailure } from './read-failures.js';
import { SELF_ASSESSMENT_ERROR_TEXTS, type SelfAssessmentErrorParams } from './self-assessment.js';
import { RESULTS_IMPORT_ERROR_TEXTS, type ResultsImportErrorParams } from './results-import.js';
import { SURVEY_ERROR_TEXTS, type SurveyErrorParams } from './survey.js';
import { NEXT_PLAN_ERROR_TEXTS, type NextPlanErrorParams } from './next-plan.js';
import { ROUND_ERROR_TEXTS, type RoundErrorParams } from './rounds.js';
import { WHAT_IF_ERROR_TEXTS, type WhatIfErrorParams } from './what-if.js';
import { RESULT_ERROR_TEXTS, type ResultErrorParams } from './results.js';

export type { LineageConflict } from './lineage.js';
import type { None, TextsOf, Word } from './texts.js';

/** The subject's unit ended before the plan's year: whose plan it should be instead. */
export interface SubjectEnded {
  subject: string;
  year: number;
  /** ISO date of its last day */
  until: string;
  lineage: string | null;
  successor: string | null;
}

/** The plans of a file refused for their blocking findings (none: the file held no plan). */
export interface RejectedPlans {
  plans: { subject: string | null; year: number | null; findings: Finding[] }[];
}

/** The parameters of each error a use-case raises (AppError). */
export interface ErrorParams
  extends
    FrameworkErrorParams,
    AssessmentErrorParams,
    SelfAssessmentErrorParams,
    SurveyErrorParams,
    ResultsImportErrorParams,
    NextPlanErrorParams,
    AppraisalErrorParams,
    EvidenceErrorParams,
    RoundErrorParams,
    NotificationErrorParams,
    WhatIfErrorParams,
    ResultErrorParams {
  PLAN_NOT_FOUND: { id: Word };
  ITEM_NOT_FOUND: { id: Word };
  UNIT_NOT_FOUND: { id: Word };
  IMPORT_NOT_FOUND: None;
  NOT_A_LEAF: { code: string };
  SCORE_ABOVE_MAX: { code: string; field: string; value: string; max: string };
  SCORE_NEGATIVE: { code: string; value: string };
  STALE_VERSION: None;
  FINDING_NOT_FOUND: None;
  FINDING_NOT_ADOPTABLE: { code: string };
  UNIT_NOT_IN_PLAN: { id: Word; subject: string };
  READ_FAILED: { file: string; failure: ReadFailure };
  IMPORT_REJECTED: RejectedPlans;
  PLAN_EXISTS: { subject: string; year: number; planId: number };
  FILE_TOO_LARGE: { limit: string };
  /** an evidence file refused (its type, its name, its size, the unit's allowance) */
  EVIDENCE_REFUSED: { file: string; refusal: EvidenceRefusal };
  /** a stored evidence file whose content no longer matches its SHA-256 */
  EVIDENCE_DAMAGED: { sha256: string };
  UNAUTHENTICATED: None;
  BAD_CREDENTIALS: None;
  WRONG_CURRENT_PASSWORD: None;
  TOO_MANY_ATTEMPTS: { seconds: number };
  FORBIDDEN: None;
  CSRF_FAILED: None;
  PASSWORD_CHANGE_REQUIRED: None;
  PASSWORD_TOO_WEAK: { min: number; reason: string };
  USER_NOT_FOUND: { id: Word };
  USERNAME_TAKEN: { username: string };
  ROLE_NOT_FOUND: { role: string };
  UNIT_CYCLE: None;
  LINEAGE_INVALID: None;
  SUBJECT_AMBIGUOUS: { subject: string };
  UNIT_EXISTS: { name: string };
  /** kinds are codes of core/unit-kinds.ts, worded by the catalog */
  UNIT_KIND_PARENT: { kind: string; parent: string; parentKind: string };
  /** named: the kind the name announces; kind: the one asked for (codes of core/unit-kinds.ts) */
  UNIT_KIND_NAME: { name: string; named: string; kind: string };
  SELF_LOCKOUT: { what: 'role' | 'account' };
  BACKUP_USE_PG_DUMP: None;
  /** `parindex demo generate` writes a country into an empty database only */
  DEMO_NOT_EMPTY: None;
  UNIT_DISSOLVED: SubjectEnded;
  PARENT_REQUIRED: { subject: string };
  PARENT_INVALID: { subject: string; group: UnitGroup };
  PLAN_CHANGED: { subject: string; year: number };
  /** subject, year and id when an import met the archived plan (the command line names it) */
  PLAN_ARCHIVED: { subject?: string; year?: number; planId?: number };
  CONFIRMATION_MISMATCH: { expected: string };
  LINEAGE_CONFLICT: LineageConflict;
  /** a list of reorganisations with errors: nothing was written; the first and how many */
  LINEAGE_LIST_REJECTED: { errors: number; first: string };
  /** a successor's last year by the predecessors' figures, when none of them has a plan that year */
  BASELINE_NO_FIGURES: { unit: string; year: number };
  BASELINE_NO_VALUE: None;
}

export type AppErrorCode = keyof ErrorParams;

/** Scores arrive formatted for Vietnamese ("1,25", no grouping); English writes a decimal point. */
const withPoint = (score: Word) => String(score).replace(',', '.');
const PARENT_WORDS: Record<UnitGroup, Record<Lang, string>> = {
  province: { vi: 'không đơn vị nào (đơn vị cấp tỉnh)', en: 'no unit (a province stands at the top)' },
  district: { vi: 'một tỉnh', en: 'a province' },
  department: { vi: 'một tỉnh', en: 'a province' },
  commune: { vi: 'một huyện (quận, thị xã, thành phố) hoặc một tỉnh', en: 'a district or a province' },
};

const PASSWORD_REASON: Record<Lang, Record<string, string>> = {
  vi: {
    digits: 'Mật khẩu mới không được chỉ gồm chữ số',
    common: 'Mật khẩu mới nằm trong danh sách mật khẩu phổ biến, dễ bị đoán; hãy chọn mật khẩu khác',
    username: 'Mật khẩu mới không được trùng tên đăng nhập',
    same: 'Mật khẩu mới phải khác mật khẩu cũ',
  },
  en: {
    digits: 'The new password cannot be digits only',
    common: 'The new password is on the list of common passwords, easy to guess; choose another',
    username: 'The new password cannot be the user name',
    same: 'The new password must differ from the old one',
  },
};

export const ERROR_TEXTS: TextsOf<ErrorParams> = {
  ...FRAMEWORK_ERROR_TEXTS,
  ...ASSESSMENT_ERROR_TEXTS,
  ...NOTIFICATION_ERROR_TEXTS,
  ...SELF_ASSESSMENT_ERROR_TEXTS,
  ...SURVEY_ERROR_TEXTS,
  ...RESULTS_IMPORT_ERROR_TEXTS,
  ...NEXT_PLAN_ERROR_TEXTS,
  ...APPRAISAL_ERROR_TEXTS,
  ...EVIDENCE_ERROR_TEXTS,
  ...ROUND_ERROR_TEXTS,
  ...WHAT_IF_ERROR_TEXTS,
  ...RESULT_ERROR_TEXTS,
  LINEAGE_CONFLICT: { vi: lineageConflictVi, en: lineageConflictEn },
  LINEAGE_LIST_REJECTED: {
    vi: (p) => `Danh sách sắp xếp đơn vị có ${p.errors} lỗi, không ghi gì. Lỗi đầu tiên: ${p.first}`,
    en: (p) => `The list of reorganisations has ${p.errors} error(s); nothing was written. First: ${p.first}`,
  },
  BASELINE_NO_FIGURES: {
    vi: (p) => `Không đơn vị tiền thân nào của ${p.unit} có kế hoạch năm ${p.year}: hãy nhập giá trị`,
    en: (p) => `No predecessor of ${p.unit} has a plan for ${p.year}: enter the value`,
  },
  BASELINE_NO_VALUE: {
    vi: () => 'Chọn "nhập giá trị" thì cần nhập điểm',
    en: () => 'The "entered" rule needs a value',
  },
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
  FINDING_NOT_FOUND: {
    vi: () => 'Phát hiện này không còn (số liệu đã thay đổi); hãy tải lại trang',
    en: () => 'This finding no longer exists (the values have changed); reload the page',
  },
  FINDING_NOT_ADOPTABLE: {
    vi: (p) =>
      `Không thể thay điểm chuẩn của tiêu chí ${p.code} ở kế hoạch: điểm chuẩn thuộc bộ tiêu chí; hãy chọn "Giữ như văn bản"`,
    en: (p) =>
      `The max score of criterion ${p.code} belongs to the criteria framework, not the plan; choose "keep as written"`,
  },
  UNIT_NOT_IN_PLAN: {
    vi: (p) => `Đơn vị #${p.id} không thuộc ${p.subject}`,
    en: (p) => `Unit #${p.id} does not belong to ${p.subject}`,
  },
  READ_FAILED: {
    vi: (p) => `${p.file}: ${readFailureText(p.failure, 'vi')}`,
    en: (p) => `${p.file}: ${readFailureText(p.failure, 'en')}`,
  },
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
    vi: (p) => PASSWORD_REASON.vi[p.reason] ?? `Mật khẩu mới cần ít nhất ${p.min} ký tự`,
    en: (p) => PASSWORD_REASON.en[p.reason] ?? `The new password needs at least ${p.min} characters`,
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
  UNIT_KIND_PARENT: {
    vi: (p) =>
      `Đơn vị loại "${kindRule(p.kind).vi}" không thể trực thuộc ${p.parent} (loại "${kindRule(p.parentKind).vi}")`,
    en: (p) =>
      `A unit of kind "${kindRule(p.kind).en}" cannot belong to ${p.parent} (kind "${kindRule(p.parentKind).en}")`,
  },
  UNIT_KIND_NAME: {
    vi: (p) =>
      `Tên "${p.name}" là tên của đơn vị loại "${kindRule(p.named).vi}", không phải loại "${kindRule(p.kind).vi}"`,
    en: (p) =>
      `The name "${p.name}" is that of a unit of kind "${kindRule(p.named).en}", not "${kindRule(p.kind).en}"`,
  },
  LINEAGE_INVALID: {
    vi: () => 'Đơn vị sáp nhập hoặc đổi tên cần có đơn vị kế thừa, khác chính nó',
    en: () => 'A merged or renamed unit needs a successor other than itself',
  },
  SELF_LOCKOUT: {
    vi: (p) =>
      p.what === 'role'
        ? 'Không thể tự bỏ vai trò quản trị cuối cùng của mình: nhờ một quản trị viên khác làm việc này'
        : 'Không thể tự khóa tài khoản của mình: nhờ một quản trị viên khác làm việc này',
    en: (p) =>
      p.what === 'role'
        ? 'You cannot remove your own last administrator role: ask another administrator'
        : 'You cannot disable your own account: ask another administrator',
  },
  PLAN_ARCHIVED: {
    vi: () => 'Kế hoạch đã lưu trữ chỉ để xem; hãy bỏ lưu trữ trước khi sửa',
    en: () => 'An archived plan is read-only; unarchive it before editing',
  },
  CONFIRMATION_MISMATCH: {
    vi: (p) => `Tên gõ xác nhận không khớp; hãy gõ đúng "${p.expected}"`,
    en: (p) => `The confirmation does not match; type "${p.expected}" exactly`,
  },
  BACKUP_USE_PG_DUMP: {
    vi: () =>
      'CSDL là PostgreSQL: sao lưu trên máy chủ bằng `parindex backup TỆP` (chạy pg_dump) hoặc pg_dump',
    en: () =>
      'The database is PostgreSQL: back it up on the server with `parindex backup FILE` (runs pg_dump) or pg_dump',
  },
  DEMO_NOT_EMPTY: {
    vi: () =>
      'Cơ sở dữ liệu đã có đơn vị: chỉ tạo dữ liệu mẫu cả nước trong một cơ sở dữ liệu trống. Không ghi gì',
    en: () =>
      'The database holds units already: a generated country goes into an empty database only. Nothing was written',
  },
  UNIT_DISSOLVED: {
    vi: (p) =>
      `${p.subject} đã ${ENDED_VI[p.lineage ?? ''] ?? 'ngừng hoạt động'} (hoạt động đến ${vnDate(p.until)})` +
      (p.successor ? `; đơn vị kế thừa là ${p.successor}` : '; không có đơn vị kế thừa') +
      `. Không nhập kế hoạch năm ${p.year} cho đơn vị này` +
      (p.successor ? ` — hãy lập kế hoạch cho ${p.successor}` : '') +
      '; không ghi gì',
    en: (p) =>
      `${p.subject} was ${ENDED_EN[p.lineage ?? ''] ?? 'closed'} (in operation until ${vnDate(p.until)})` +
      (p.successor ? `; its successor is ${p.successor}` : '; it has no successor') +
      `. A plan for ${p.year} cannot be filed under it` +
      (p.successor ? ` — make the plan for ${p.successor}` : '') +
      '; nothing was written',
  },
  PLAN_CHANGED: {
    vi: (p) =>
      `Kế hoạch của ${p.subject} năm ${p.year} đã được sửa sau khi xem trước; hãy tải tệp lên lại để xem khác biệt mới. Không ghi gì`,
    en: (p) =>
      `The plan for ${p.subject} ${p.year} was changed after the preview; upload the file again to see the new differences. Nothing was written`,
  },
  PARENT_REQUIRED: {
    vi: (p) => `${p.subject} là đơn vị mới: hãy chọn đơn vị cấp trên của nó`,
    en: (p) => `${p.subject} is a new unit: choose the unit it belongs to`,
  },
  PARENT_INVALID: {
    vi: (p) =>
      `Không thể đặt ${p.subject} trực thuộc đơn vị đã chọn: cần ${PARENT_WORDS[p.group].vi} trong phạm vi của tài khoản`,
    en: (p) =>
      `${p.subject} cannot be placed under the chosen unit: it needs ${PARENT_WORDS[p.group].en} within your reach`,
  },
  FILE_TOO_LARGE: {
    vi: (p) => `Tệp quá lớn (tối đa ${p.limit})`,
    en: (p) => `The file is too large (limit ${p.limit})`,
  },
  EVIDENCE_REFUSED: {
    vi: (p) => `${p.file}: ${evidenceRefusalText(p.refusal, 'vi')}`,
    en: (p) => `${p.file}: ${evidenceRefusalText(p.refusal, 'en')}`,
  },
  EVIDENCE_DAMAGED: EVIDENCE_TEXTS['evidence.damaged'],
};
