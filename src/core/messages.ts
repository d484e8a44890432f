/**
 * The server's message catalog: every error a use-case raises, every reason a file cannot be read,
 * the HTTP layer's own answers and the command line's wording, each as a code with typed parameters
 * and one Vietnamese and one English text. `render(code, params, lang)` is the only way they become
 * words; the API renders in the request's Accept-Language, the CLI in --lang. Findings have their
 * own rule catalog beside this one (core/findings.ts). Pure: the web could render from it too.
 */
import type { Finding, Lang } from './findings.js';
import type { UnitGroup } from './unit-names.js';

/** A word or number put into a message as it is. */
type Word = string | number;
type None = Record<string, never>;

export type ReadFailureCode =
  | 'empty-file'
  | 'too-large'
  | 'binary'
  | 'not-utf8'
  | 'corrupt-zip'
  | 'unsupported-format'
  | 'no-table'
  | 'no-header'
  | 'no-file';

/** A whole file that cannot be read as a plan (a bad row is a finding, not this). */
export interface ReadFailure {
  code: ReadFailureCode;
  /** extra words for the message, such as a size limit or the kind of file found */
  detail?: string;
}

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
export interface ErrorParams {
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
  UNIT_KIND_PARENT: {
    kind: string;
    kindEn: string;
    parent: string;
    parentKind: string;
    parentKindEn: string;
  };
  UNIT_KIND_NAME: { name: string; named: string; namedEn: string; kind: string; kindEn: string };
  SELF_LOCKOUT: { what: 'role' | 'account' };
  BACKUP_USE_PG_DUMP: None;
  UNIT_DISSOLVED: SubjectEnded;
  PARENT_REQUIRED: { subject: string };
  PARENT_INVALID: { subject: string; group: UnitGroup };
  PLAN_CHANGED: { subject: string; year: number };
  /** subject, year and id when an import met the archived plan (the command line names it) */
  PLAN_ARCHIVED: { subject?: string; year?: number; planId?: number };
  CONFIRMATION_MISMATCH: { expected: string };
}

export type AppErrorCode = keyof ErrorParams;

/** The HTTP layer's answers that are not use-case errors. */
export interface HttpParams {
  'http.validation': { where: string | null; why: string | null };
  'http.notMultipart': None;
  'http.badRequest': None;
  'http.requestTooLarge': None;
  'http.notFound': None;
  'http.internal': None;
}

type PlanRef = { file: string; subject: string; year: number; planId: number };

/** The command line's own wording (file problems, listings, and import refusals it words its own way). */
export interface CliParams {
  'cli.fileNotFound': { file: string };
  'cli.notAFile': { file: string };
  'cli.fileTooLarge': { file: string; limit: string };
  'cli.noPlans': { file: string };
  'cli.planNotFound': { id: Word };
  'cli.badId': { id: string };
  'cli.dbFailed': { address: string; reason: string };
  'cli.noUser': { username: string };
  'cli.badDate': { value: string };
  'cli.noUnit': { unit: string };
  'cli.manyUnits': { unit: string };
  'cli.unexpected': { reason: string };
  'cli.planExists': PlanRef;
  'cli.planArchived': PlanRef;
  'cli.subjectAmbiguous': { file: string; subject: string };
  'cli.importRejected': { file: string };
  'cli.imported': {
    dryRun: boolean;
    planId: number;
    subject: string;
    year: number;
    criteria: number;
    outcome: 'created' | 'unchanged' | 'replaced';
  };
  'cli.noPlansYet': None;
  'cli.criteria': None;
  'cli.archivedMark': None;
  'cli.newPassword': { username: string; password: string };
  'cli.badAnchor': { text: string };
  'cli.auditIntact': { entries: number; lastHash: string; anchors: number[] };
  /** where: the entry's id, or null for the end of the trail */
  'cli.auditAltered': { at: number | null; reason: AuditBreak; entries: number };
  'cli.anchorHint': { id: number; entries: number; anchor: string };
  'cli.backupExists': { file: string };
  'cli.backupSameFile': { file: string };
  'cli.pgToolMissing': { program: 'pg_dump' | 'pg_restore' };
  'cli.notABackup': { file: string };
  'cli.engineMismatch': { file: string; backup: 'sqlite' | 'pg_dump'; target: 'sqlite' | 'postgres' };
  'cli.targetHasData': None;
  'cli.backupDamaged': { file: string; problems: string };
  'cli.backedUp': { file: string; size: string; engine: 'sqlite' | 'postgres' };
  'cli.restored': { file: string; checked: boolean; entries: number; head: string };
  /** `check`'s three lines about one plan; scores already formatted */
  'cli.summary': {
    subject: string | null;
    year: number | null;
    baselineYear: number | null;
    criteria: number;
    areas: number;
    max: string;
    baseline: string;
    target: string;
    errors: number;
    warnings: number;
    infos: number;
  };
  'cli.severity': { severity: 'error' | 'warning' | 'info' };
  'cli.diff': { added: number; removed: number; changed: number; moved: number; lost: number };
  'cli.diffField': { field: DiffFieldName };
  'cli.taskMovedFrom': { code: string };
  'cli.followUpLost': { n: number };
}

/** The fields a replacement's diff names (core/plan-diff.ts). */
type DiffFieldName =
  'name' | 'max' | 'baseline' | 'target' | 'task' | 'leadUnits' | 'supportUnits' | 'deadline';

/** How the audit chain can be broken (modules/audit.ts#verifyAudit). */
export type AuditBreak = 'content' | 'link' | 'gap' | 'head' | 'count' | 'anchor';

export interface MessageParams extends ErrorParams, HttpParams, CliParams {}
export type MessageCode = keyof MessageParams;

type Texts<P> = Record<Lang, (p: P) => string>;
type Catalog = { [C in MessageCode]: Texts<MessageParams[C]> };

/** Scores arrive formatted for Vietnamese ("1,25", no grouping); English writes a decimal point. */
const withPoint = (score: Word) => String(score).replace(',', '.');
/** "2025-06-30" → "30/06/2025" */
const vnDate = (iso: string) => iso.split('-').reverse().join('/');

const ENDED_VI: Record<string, string> = { dissolved: 'giải thể', merged: 'sáp nhập', renamed: 'đổi tên' };
const ENDED_EN: Record<string, string> = { dissolved: 'dissolved', merged: 'merged', renamed: 'renamed' };

const PARENT_WORDS: Record<UnitGroup, Record<Lang, string>> = {
  province: { vi: 'không đơn vị nào (đơn vị cấp tỉnh)', en: 'no unit (a province stands at the top)' },
  district: { vi: 'một tỉnh', en: 'a province' },
  department: { vi: 'một tỉnh', en: 'a province' },
  commune: { vi: 'một huyện (quận, thị xã, thành phố) hoặc một tỉnh', en: 'a district or a province' },
};

const READ_FAILURES: Record<ReadFailureCode, Texts<string>> = {
  'empty-file': { vi: () => 'tệp rỗng', en: () => 'the file is empty' },
  'too-large': {
    vi: (d) => `tệp quá lớn (giới hạn ${d})`,
    en: (d) => `the file is too large (limit ${d})`,
  },
  binary: {
    vi: () => 'tệp không phải văn bản, XLSX hay DOCX (có dữ liệu nhị phân)',
    en: () => 'the file is not text, XLSX or DOCX (binary data)',
  },
  'not-utf8': {
    vi: () => 'tệp văn bản không ở mã UTF-8; hãy lưu lại với mã UTF-8',
    en: () => 'the text file is not UTF-8; save it again as UTF-8',
  },
  'corrupt-zip': {
    vi: (d) => `tệp ${d} bị hỏng hoặc không đầy đủ, không mở được`,
    en: (d) => `the ${d} file is damaged or truncated and cannot be opened`,
  },
  'unsupported-format': {
    vi: (d) => `định dạng không hỗ trợ (${d}); hãy dùng TXT, TSV, CSV, XLSX hoặc DOCX`,
    en: (d) => `unsupported format (${d}); use TXT, TSV, CSV, XLSX or DOCX`,
  },
  'no-table': { vi: () => 'không có bảng nào trong tệp', en: () => 'the file holds no table' },
  'no-header': {
    vi: () =>
      'không tìm thấy dòng tiêu đề của bảng (cần các cột STT, Lĩnh vực/Tiêu chí, Điểm chuẩn, Điểm đạt được hoặc Mục tiêu)',
    en: () =>
      'no table header found (columns for code, criterion, max score and baseline or target are needed)',
  },
  'no-file': { vi: () => 'không có tệp', en: () => 'no file' },
};

/** Why a file cannot be read, without the file's name (READ_FAILED puts it in front). */
export function readFailureText(failure: ReadFailure, lang: Lang): string {
  return READ_FAILURES[failure.code][lang](failure.detail ?? '');
}

export const READ_FAILURE_CODES = Object.keys(READ_FAILURES) as ReadFailureCode[];

const OUTCOME: Record<Lang, Record<CliParams['cli.imported']['outcome'], string>> = {
  vi: { created: 'đã tạo mới', unchanged: 'đã có, không đổi', replaced: 'đã thay nội dung' },
  en: { created: 'created', unchanged: 'already stored, unchanged', replaced: 'replaced' },
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

const AUDIT_BREAK: Record<Lang, Record<AuditBreak, string>> = {
  vi: {
    content: 'nội dung không khớp mã băm của nó',
    link: 'không nối với mục trước (mục bị xóa hoặc đảo thứ tự)',
    gap: 'số thứ tự không liền với mục trước (thiếu mục ở đầu hoặc ở giữa)',
    head: 'mục cuối không khớp đầu chuỗi (có mục cuối bị xóa hoặc đầu chuỗi bị lùi)',
    count: 'số mục không khớp số mục đầu chuỗi đã đếm (có mục bị xóa)',
    anchor: 'không còn mục này với mã băm đã ghi giữ bên ngoài (nhật ký đã bị viết lại)',
  },
  en: {
    content: 'its content does not match its hash',
    link: 'it does not link to the entry before (an entry was removed or moved)',
    gap: 'its id does not follow the entry before (entries are missing at the start or in between)',
    head: 'the last entry does not match the head of the chain (entries at the end were removed, or the head was moved back)',
    count: 'the trail does not hold as many entries as the head counted (entries were removed)',
    anchor:
      'the trail no longer holds this entry with the hash kept outside the database (the trail was rewritten)',
  },
};

const SEVERITY: Record<Lang, Record<CliParams['cli.severity']['severity'], string>> = {
  vi: { error: 'LỖI', warning: 'CẢNH BÁO', info: 'THÔNG TIN' },
  en: { error: 'ERROR', warning: 'WARNING', info: 'INFO' },
};

const DIFF_FIELD: Record<Lang, Record<DiffFieldName, string>> = {
  vi: {
    name: 'tên',
    max: 'điểm chuẩn',
    baseline: 'điểm đạt được',
    target: 'mục tiêu',
    task: 'nhiệm vụ',
    leadUnits: 'đơn vị chủ trì',
    supportUnits: 'đơn vị phối hợp',
    deadline: 'thời hạn',
  },
  en: {
    name: 'name',
    max: 'max',
    baseline: 'baseline',
    target: 'target',
    task: 'task',
    leadUnits: 'lead units',
    supportUnits: 'supporting units',
    deadline: 'deadline',
  },
};

const anchorList = (ids: number[]) => ids.map((id) => `#${id}`).join(', ');

const CATALOG: Catalog = {
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
    vi: (p) => `Đơn vị loại "${p.kind}" không thể trực thuộc ${p.parent} (loại "${p.parentKind}")`,
    en: (p) => `A unit of kind "${p.kindEn}" cannot belong to ${p.parent} (kind "${p.parentKindEn}")`,
  },
  UNIT_KIND_NAME: {
    vi: (p) => `Tên "${p.name}" là tên của đơn vị loại "${p.named}", không phải loại "${p.kind}"`,
    en: (p) => `The name "${p.name}" is that of a unit of kind "${p.namedEn}", not "${p.kindEn}"`,
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

  'http.validation': {
    // zod speaks English: a Vietnamese answer names the field and leaves the wording to details
    vi: (p) => ['Dữ liệu gửi lên không hợp lệ', p.where].filter(Boolean).join(': '),
    en: (p) => ['Invalid request', [p.where, p.why].filter(Boolean).join(' — ')].filter(Boolean).join(': '),
  },
  'http.notMultipart': {
    vi: () => 'Dữ liệu gửi lên không hợp lệ: cần gửi một tệp trong trường "file" dạng multipart/form-data',
    en: () => 'Invalid request: send one file in the "file" field as multipart/form-data',
  },
  'http.badRequest': { vi: () => 'Yêu cầu không hợp lệ', en: () => 'Bad request' },
  'http.requestTooLarge': {
    vi: () => 'Yêu cầu quá lớn (tối đa 1 MB)',
    en: () => 'The request is too large (limit 1 MB)',
  },
  'http.notFound': { vi: () => 'Không có địa chỉ này', en: () => 'Not found' },
  'http.internal': {
    vi: () => 'Lỗi máy chủ; đã ghi lại để xử lý',
    en: () => 'Server error; it has been logged',
  },

  'cli.fileNotFound': { vi: (p) => `${p.file}: không tìm thấy tệp`, en: (p) => `${p.file}: file not found` },
  'cli.notAFile': { vi: (p) => `${p.file}: không phải là tệp`, en: (p) => `${p.file}: not a file` },
  'cli.fileTooLarge': {
    vi: (p) => `${p.file}: tệp quá lớn (giới hạn ${p.limit})`,
    en: (p) => `${p.file}: the file is too large (limit ${p.limit})`,
  },
  'cli.noPlans': {
    vi: (p) => `${p.file}: không có kế hoạch nào trong tệp`,
    en: (p) => `${p.file}: no plan in the file`,
  },
  'cli.planNotFound': { vi: (p) => `không có kế hoạch #${p.id}`, en: (p) => `no plan with id #${p.id}` },
  'cli.badId': {
    vi: (p) => `${p.id}: mã kế hoạch phải là số nguyên dương`,
    en: (p) => `${p.id}: the plan id must be a positive whole number`,
  },
  'cli.dbFailed': {
    vi: (p) => `không mở được cơ sở dữ liệu (${p.address}): ${p.reason}`,
    en: (p) => `cannot open the database (${p.address}): ${p.reason}`,
  },
  'cli.noUser': {
    vi: (p) => `${p.username}: không có tài khoản này`,
    en: (p) => `${p.username}: no such account`,
  },
  'cli.badDate': {
    vi: (p) => `--as-of ${p.value}: ngày phải viết dd/mm/yyyy và có thật`,
    en: (p) => `--as-of ${p.value}: the date must be a real date dd/mm/yyyy`,
  },
  'cli.noUnit': {
    vi: (p) => `--unit ${p.unit}: không có đơn vị này trong địa phương của kế hoạch`,
    en: (p) => `--unit ${p.unit}: no such unit in the plan's locality`,
  },
  'cli.manyUnits': {
    vi: (p) => `--unit ${p.unit}: nhiều đơn vị cùng tên, không rõ đơn vị nào`,
    en: (p) => `--unit ${p.unit}: several units have this name`,
  },
  'cli.unexpected': {
    vi: (p) => `lỗi không mong đợi: ${p.reason}`,
    en: (p) => `unexpected error: ${p.reason}`,
  },
  'cli.planExists': {
    vi: (p) =>
      `${p.file}: đã có kế hoạch #${p.planId} của ${p.subject} năm ${p.year} với nội dung khác; dùng --replace để thay (--replace --dry-run cho biết khác những gì). Không ghi gì.`,
    en: (p) =>
      `${p.file}: plan #${p.planId} for ${p.subject} ${p.year} exists with other content; use --replace to replace it (--replace --dry-run shows the differences). Nothing was written.`,
  },
  'cli.planArchived': {
    vi: (p) =>
      `${p.file}: kế hoạch #${p.planId} của ${p.subject} năm ${p.year} đã lưu trữ, chỉ để xem; bỏ lưu trữ trước khi thay. Không ghi gì.`,
    en: (p) =>
      `${p.file}: plan #${p.planId} for ${p.subject} ${p.year} is archived (read-only); unarchive it before replacing it. Nothing was written.`,
  },
  'cli.subjectAmbiguous': {
    vi: (p) => `${p.file}: có nhiều đơn vị tên "${p.subject}"; không biết nhập vào đơn vị nào. Không ghi gì.`,
    en: (p) =>
      `${p.file}: several units are named "${p.subject}"; cannot tell which one. Nothing was written.`,
  },
  'cli.importRejected': {
    vi: (p) => `${p.file}: tệp có lỗi phải sửa trước khi nhập; không ghi gì.`,
    en: (p) => `${p.file}: the file has errors to fix before it can be imported; nothing was written.`,
  },
  'cli.imported': {
    vi: (p) =>
      `${p.dryRun ? '(thử) ' : ''}Kế hoạch #${p.planId}: ${p.subject} năm ${p.year}, ${p.criteria} tiêu chí — ${OUTCOME.vi[p.outcome]}`,
    en: (p) =>
      `${p.dryRun ? '(dry run) ' : ''}Plan #${p.planId}: ${p.subject} ${p.year}, ${p.criteria} criteria — ${OUTCOME.en[p.outcome]}`,
  },
  'cli.noPlansYet': { vi: () => 'Chưa có kế hoạch nào.', en: () => 'No plans yet.' },
  'cli.criteria': { vi: () => 'tiêu chí', en: () => 'criteria' },
  'cli.archivedMark': { vi: () => '[đã lưu trữ]', en: () => '[archived]' },
  'cli.newPassword': {
    vi: (p) => `Mật khẩu mới của ${p.username}: ${p.password} (phải đổi khi đăng nhập)`,
    en: (p) => `New password for ${p.username}: ${p.password} (to be changed at sign-in)`,
  },
  'cli.badAnchor': {
    vi: (p) =>
      `--anchor ${p.text}: phải có dạng SỐ:MÃ_BĂM (64 ký tự hex), như \`parindex audit anchor\` in ra`,
    en: (p) =>
      `--anchor ${p.text}: expected ID:HASH (64 hex characters), as \`parindex audit anchor\` prints`,
  },
  'cli.auditIntact': {
    vi: (p) =>
      `Nhật ký nguyên vẹn: ${p.entries} mục, chuỗi mã băm khớp. Mã băm cuối: ${p.lastHash}` +
      (p.anchors.length === 0 ? '' : ` Các mốc ${anchorList(p.anchors)} còn nguyên.`),
    en: (p) =>
      `Audit trail intact: ${p.entries} entries, hash chain holds. Last hash: ${p.lastHash}` +
      (p.anchors.length === 0 ? '' : ` Anchors ${anchorList(p.anchors)} hold.`),
  },
  'cli.auditAltered': {
    vi: (p) =>
      `nhật ký đã bị thay đổi tại mục ${p.at === null ? 'cuối nhật ký' : `#${p.at}`}: ${AUDIT_BREAK.vi[p.reason]} (${p.entries} mục trước đó khớp)`,
    en: (p) =>
      `the audit trail was altered at entry ${p.at === null ? 'the end of the trail' : `#${p.at}`}: ${AUDIT_BREAK.en[p.reason]} (${p.entries} entries before it hold)`,
  },
  'cli.anchorHint': {
    vi: (p) =>
      `(mục cuối #${p.id}, ${p.entries} mục. Ghi giữ dòng trên ở ngoài CSDL; sau này kiểm tra bằng: parindex audit verify --anchor ${p.anchor})`,
    en: (p) =>
      `(last entry #${p.id}, ${p.entries} entries. Keep the line above outside the database; check later with: parindex audit verify --anchor ${p.anchor})`,
  },
  'cli.backupExists': {
    vi: (p) => `${p.file}: tệp đã có; chọn tên khác hoặc dùng --force để ghi đè`,
    en: (p) => `${p.file}: the file exists; choose another name or use --force to overwrite it`,
  },
  'cli.backupSameFile': {
    vi: (p) => `${p.file}: đây chính là tệp CSDL; chọn một tệp khác`,
    en: (p) => `${p.file}: this is the database file itself; choose another file`,
  },
  'cli.pgToolMissing': {
    vi: (p) =>
      `không tìm thấy ${p.program} (gói postgresql-client); cài nó, hoặc chạy: ${p.program === 'pg_dump' ? 'pg_dump --format=custom --exclude-table-data=sessions --file TỆP ĐỊA_CHỈ_CSDL' : 'pg_restore --single-transaction --dbname ĐỊA_CHỈ_CSDL TỆP'}`,
    en: (p) =>
      `${p.program} not found (package postgresql-client); install it, or run: ${p.program === 'pg_dump' ? 'pg_dump --format=custom --exclude-table-data=sessions --file FILE DATABASE_URL' : 'pg_restore --single-transaction --dbname DATABASE_URL FILE'}`,
  },
  'cli.notABackup': {
    vi: (p) => `${p.file}: không phải bản sao lưu ParIndex (tệp SQLite hoặc tệp pg_dump dạng custom)`,
    en: (p) => `${p.file}: not a ParIndex backup (an SQLite file or a pg_dump custom-format file)`,
  },
  'cli.engineMismatch': {
    vi: (p) =>
      `${p.file}: bản sao lưu ${p.backup === 'sqlite' ? 'SQLite' : 'PostgreSQL (pg_dump)'} không khôi phục được vào CSDL ${p.target === 'sqlite' ? 'SQLite' : 'PostgreSQL'}; chọn --db cùng loại`,
    en: (p) =>
      `${p.file}: a ${p.backup === 'sqlite' ? 'SQLite' : 'PostgreSQL (pg_dump)'} backup cannot be restored into ${p.target === 'sqlite' ? 'an SQLite' : 'a PostgreSQL'} database; choose a --db of the same kind`,
  },
  'cli.targetHasData': {
    vi: () =>
      'CSDL đích đã có dữ liệu; dừng máy chủ rồi dùng --force để thay nó bằng bản sao lưu. Không ghi gì.',
    en: () =>
      'the target database holds data; stop the server, then use --force to replace it with the backup. Nothing was written.',
  },
  'cli.backupDamaged': {
    vi: (p) => `${p.file}: tệp bị hỏng (integrity_check: ${p.problems}). Không ghi gì.`,
    en: (p) => `${p.file}: the file is damaged (integrity_check: ${p.problems}). Nothing was written.`,
  },
  'cli.backedUp': {
    vi: (p) =>
      `Đã sao lưu vào ${p.file} (${p.size}, ${p.engine === 'sqlite' ? 'SQLite' : 'pg_dump dạng custom'}; không gồm phiên đăng nhập; chỉ chủ sở hữu đọc được)`,
    en: (p) =>
      `Backed up to ${p.file} (${p.size}, ${p.engine === 'sqlite' ? 'SQLite' : 'pg_dump custom format'}; without sessions; readable by its owner only)`,
  },
  'cli.summary': {
    vi: (p) =>
      [
        `${p.subject ?? '(chưa rõ đơn vị)'} — kế hoạch năm ${p.year ?? '?'} (điểm đạt được năm ${p.baselineYear ?? '?'})`,
        `  ${p.criteria} tiêu chí, ${p.areas} lĩnh vực; tổng điểm chuẩn ${p.max}, đạt được ${p.baseline}, mục tiêu ${p.target}`,
        `  ${p.errors} lỗi, ${p.warnings} cảnh báo, ${p.infos} thông tin`,
      ].join('\n'),
    en: (p) =>
      [
        `${p.subject ?? '(unknown subject)'} — plan for ${p.year ?? '?'} (baseline ${p.baselineYear ?? '?'})`,
        `  ${p.criteria} criteria, ${p.areas} areas; totals: max ${p.max}, baseline ${p.baseline}, target ${p.target}`,
        `  ${p.errors} errors, ${p.warnings} warnings, ${p.infos} notes`,
      ].join('\n'),
  },
  'cli.severity': { vi: (p) => SEVERITY.vi[p.severity], en: (p) => SEVERITY.en[p.severity] },
  'cli.diff': {
    vi: (p) =>
      `  Khác biệt: ${p.added} tiêu chí thêm, ${p.removed} bỏ, ${p.changed} sửa, ${p.moved} nhiệm vụ chuyển dòng; ${p.lost} mục theo dõi (trạng thái, tiến độ, hạn, ghi chú) bị mất`,
    en: (p) =>
      `  Differences: ${p.added} criteria added, ${p.removed} removed, ${p.changed} changed, ${p.moved} tasks moved; ${p.lost} follow-up entries (status, progress, deadline, note) lost`,
  },
  'cli.diffField': { vi: (p) => DIFF_FIELD.vi[p.field], en: (p) => DIFF_FIELD.en[p.field] },
  'cli.taskMovedFrom': { vi: (p) => `nhiệm vụ từ ${p.code}`, en: (p) => `task from ${p.code}` },
  'cli.followUpLost': { vi: (p) => `mất ${p.n} mục theo dõi`, en: (p) => `${p.n} follow-up lost` },
  'cli.restored': {
    vi: (p) =>
      `Đã khôi phục ${p.file}: ${p.checked ? 'integrity_check ok' : 'các ràng buộc được PostgreSQL kiểm khi khôi phục'}; nhật ký nguyên vẹn, ${p.entries} mục (kể cả mục ghi việc khôi phục); phiên đăng nhập cũ đã bỏ. Đầu nhật ký: ${p.head}`,
    en: (p) =>
      `Restored ${p.file}: ${p.checked ? 'integrity_check ok' : 'constraints checked by PostgreSQL while restoring'}; audit trail intact, ${p.entries} entries (the restore included); old sessions dropped. Audit head: ${p.head}`,
  },
};

/** Every code of the catalog (for the completeness test and for exhaustive listings). */
export const MESSAGE_CODES = Object.keys(CATALOG) as MessageCode[];

/** The text of one message in one language. */
export function render<C extends MessageCode>(code: C, params: MessageParams[C], lang: Lang): string {
  return (CATALOG[code] as Texts<MessageParams[C]>)[lang](params);
}

/** The text of a use-case error (AppError) in one language. */
export function renderError<C extends AppErrorCode>(code: C, params: ErrorParams[C], lang: Lang): string {
  return (CATALOG[code] as unknown as Texts<ErrorParams[C]>)[lang](params);
}

/** The texts, for the completeness test: a code with a language missing fails to type-check too. */
export function textsOf(code: MessageCode): Record<Lang, (p: never) => string> {
  return CATALOG[code];
}
