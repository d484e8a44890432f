/**
 * The texts of the web app, Vietnamese first, English second (English must cover every key). This file
 * holds the shell's own texts (the header, sign-in, errors, the texts several features share); each
 * feature's texts live in their own file beside it (plans.ts, admin.ts, rounds.ts…), which registers
 * them here when imported: every file naming one of a feature's keys imports its catalog
 * (`import '../../i18n/rounds'`), so a page's chunk carries its texts and they are in place before it
 * renders. test/web-i18n-catalogs.test.ts checks it from the sources.
 */ import type { ADMIN_VI } from './admin';
import type { APPRAISAL_VI } from './appraisal';
import type { ASSESSMENT_VI } from './assessment';
import type { FRAMEWORKS_VI } from './frameworks';
import type { IMPORTS_VI } from './imports';
import type { NEXT_PLAN_VI } from './next-plan';
import type { NOTIFICATIONS_VI } from './notifications';
import type { OVERVIEW_VI } from './overview';
import type { PLANS_VI } from './plans';
import type { RESULTS_VI } from './results';
import type { RESULTS_IMPORT_VI } from './results-import';
import type { POOLS_VI } from './results-pools';
import type { ROUNDS_VI } from './rounds';
import type { SURVEY_VI } from './survey';
import type { WHAT_IF_VI } from './what-if';
import { PLAN_PAGE_SHELL_VI } from '@shared/plan-page-texts';

const vi = {
  ...PLAN_PAGE_SHELL_VI,
  navPlans: 'Kế hoạch',
  navImport: 'Nhập phụ lục',
  navFrameworks: 'Bộ tiêu chí',
  navRounds: 'Đánh giá',
  navResults: 'Kết quả',
  navApi: 'API',
  language: 'Ngôn ngữ',
  loading: 'Đang tải…',
  retry: 'Thử lại',
  reload: 'Tải lại',
  save: 'Lưu',
  cancel: 'Hủy',
  close: 'Đóng',
  yes: 'Có',
  no: 'Không',
  none: '—',
  notFoundTitle: 'Không có trang này',
  routeIdNotNumber: 'Địa chỉ không hợp lệ: mã “{id}” không phải là số.',
  routeIdOutOfRange: 'Địa chỉ không hợp lệ: mã “{id}” phải là số nguyên từ 1 đến {max}.',
  backHome: 'Về danh sách kế hoạch',
  showArchived: 'Hiện cả mục đã lưu trữ',
  archivedTag: 'Đã lưu trữ',
  errorTitle: 'Không tải được dữ liệu',
  networkError: 'Không kết nối được máy chủ',
  serverError: 'Máy chủ báo lỗi ({status})',

  colMaxTotal: 'Điểm chuẩn',
  colCriteria: 'Số tiêu chí',

  downloadXlsx: 'Tải XLSX',

  colDone: 'Hoàn thành',
  colInProgress: 'Đang thực hiện',
  colAtRisk: 'Nguy cơ chậm',

  colLead: 'Đơn vị chủ trì',
  colStatus: 'Trạng thái',
  colDeadline: 'Hạn',
  expandAll: 'Mở hết',
  collapseAll: 'Thu gọn',
  noMatch: 'Không có tiêu chí nào khớp',
  statedDiffers: 'Văn bản ghi {stated}; tổng các tiêu chí con là {computed}',
  editHint: 'Bấm để sửa',
  parentIsSum: 'Điểm của tiêu chí cha là tổng các tiêu chí con',
  enterNumber: 'Nhập số, ví dụ 0,75',
  notANumber: '"{text}" không phải là số (ví dụ 0,75)',
  tooManyDecimals: 'Tối đa 4 chữ số thập phân',
  aboveMax: 'Vượt điểm chuẩn {max}',
  negative: 'Điểm không được âm',
  staleTitle: 'Dữ liệu đã thay đổi',
  chooseUnits: 'Chọn đơn vị',
  newUnitPlaceholder: 'Tên đơn vị mới',
  addUnit: 'Thêm đơn vị',
  taskPlaceholder: 'Nhiệm vụ, giải pháp… (Ctrl+Enter để lưu)',
  overdue: 'Quá hạn',
  typedKept: 'Giá trị bạn đã nhập: {value}',
  reapply: 'Áp dụng lại',
  discardTyped: 'Bỏ',
  staleKept: 'Giá trị bạn đã nhập được giữ lại ở ô đó: sau khi tải lại, bấm "Áp dụng lại" để lưu nó.',
  status_not_started: 'Chưa thực hiện',
  status_in_progress: 'Đang thực hiện',
  status_done: 'Hoàn thành',
  status_at_risk: 'Có nguy cơ chậm',
  filterYear: 'Năm',

  findingsTitle: 'Phát hiện khi kiểm tra',
  findingsNone: 'Không có lỗi hay cảnh báo',
  severity_error: 'Lỗi',
  severity_warning: 'Cảnh báo',
  severity_info: 'Thông tin',

  unitTitle: '{unit} — {subject} năm {year}',
  unitRole_lead: 'Chủ trì',
  unitRole_support: 'Phối hợp',
  colRole: 'Vai trò',
  colAtStake: 'Điểm có thể mất',
  colPlannedGain: 'Tăng dự kiến',
  unitAtStakeTotal: 'Điểm có thể mất',
  unitGainTotal: 'Tăng dự kiến',
  unitNoRows: 'Đơn vị này chưa chủ trì hay phối hợp tiêu chí nào',
  backToPlan: 'Về kế hoạch',

  stepUpload: 'Tải tệp lên',
  stepPreview: 'Xem trước',
  stepDone: 'Hoàn tất',
  uploading: 'Đang tải lên… {percent}%',
  next: 'Tiếp',
  back: 'Quay lại',
  openPlan: 'Mở kế hoạch',
  showTree: 'Xem cây tiêu chí',
  totalRow: 'TỔNG ĐIỂM',
  signInTitle: 'Đăng nhập để làm việc với các kế hoạch',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  required: 'Cần nhập',
  signIn: 'Đăng nhập',
  signOut: 'Đăng xuất',
  changePassword: 'Đổi mật khẩu',
  mustChangePassword:
    'Đây là lần đăng nhập đầu hoặc mật khẩu vừa được đặt lại: hãy đặt mật khẩu của riêng bạn.',
  passwordChanged: 'Đã đổi mật khẩu',
  currentPassword: 'Mật khẩu hiện tại',
  newPassword: 'Mật khẩu mới (ít nhất 10 ký tự)',
  confirmPassword: 'Nhập lại mật khẩu mới',
  passwordRule: 'Ít nhất 10 ký tự',
  passwordPolicy:
    'Ít nhất 10 ký tự, không chỉ gồm chữ số, không phải mật khẩu phổ biến (như "matkhau123", "qwertyuiop") và khác tên đăng nhập.',
  passwordDigits: 'Không được chỉ gồm chữ số',
  passwordIsUsername: 'Không được trùng tên đăng nhập',
  passwordsDiffer: 'Hai lần nhập không khớp',
  navUsers: 'Tài khoản',
  navUnits: 'Đơn vị',
  navAudit: 'Nhật ký',
  colWhen: 'Thời gian',
  colWho: 'Người thực hiện',
  colAction: 'Hành động',
  colField: 'Trường',
  colOld: 'Giá trị cũ',
  colNew: 'Giá trị mới',

  forbiddenPage: 'Tài khoản của bạn không được dùng trang này',

  copyFailed: 'Không sao chép được; hãy chọn và sao chép bằng tay',

  edit: 'Sửa',
  unitName: 'Tên đơn vị',
  lastYearRule: 'Cách tính',
  kind_province: 'Tỉnh',
  kind_city: 'Thành phố',
  kind_district: 'Huyện',
  kind_town: 'Thị xã',
  kind_urban_district: 'Quận',
  kind_commune: 'Xã',
  kind_ward: 'Phường',
  kind_township: 'Thị trấn',
  kind_department: 'Sở/ban/ngành',
  kind_office: 'Phòng',
  kind_committee: 'UBND',
  kind_center: 'Trung tâm',
  kind_section: 'Bộ phận',
  kind_group: 'Nhóm đơn vị',
  kind_agency: 'Cơ quan ngành dọc',
  kind_other: 'Khác',

  entity_plan: 'Kế hoạch',
  entity_plan_item: 'Tiêu chí',
  entity_task: 'Nhiệm vụ',
  entity_unit: 'Đơn vị',
  entity_user: 'Tài khoản',
  entity_session: 'Phiên đăng nhập',
  entity_database: 'Cơ sở dữ liệu',
  navBackup: 'Sao lưu',
  field_baseline: 'Điểm đạt được',
  field_target: 'Mục tiêu',
  field_text: 'Nội dung nhiệm vụ',
  field_status: 'Trạng thái',
  field_progress: 'Tiến độ (%)',
  field_deadline: 'Hạn',
  field_progress_note: 'Ghi chú tiến độ',
  field_lead_units_text: 'Đơn vị chủ trì',
  field_support_units_text: 'Đơn vị phối hợp',
  field_role: 'Vai trò',
  field_display_name: 'Họ và tên',
  field_disabled: 'Khóa tài khoản',
  field_password: 'Mật khẩu',
  field_name: 'Tên',
  field_kind: 'Loại đơn vị',
  field_parent_id: 'Trực thuộc',
  field_successor_id: 'Đơn vị kế thừa',
  field_lineage: 'Sáp nhập, đổi tên',
  field_valid_to: 'Ngày cuối còn hiệu lực',
  menu: 'Menu',
  errorsCount_one: '{n} lỗi',
  plansTotal_one: '{n} kế hoạch',
  warningsCount_one: '{n} cảnh báo',
};

type ShellKey = keyof typeof vi;

const en: Record<ShellKey, string> = {
  appName: 'ParIndex',
  appTagline: 'PAR Index',
  navPlans: 'Plans',
  navImport: 'Import appendix',
  navFrameworks: 'Frameworks',
  navRounds: 'Assessment',
  navResults: 'Results',
  navApi: 'API',
  language: 'Language',
  loading: 'Loading…',
  retry: 'Retry',
  reload: 'Reload',
  save: 'Save',
  cancel: 'Cancel',
  close: 'Close',
  yes: 'Yes',
  no: 'No',
  none: '—',
  notFoundTitle: 'No such page',
  routeIdNotNumber: 'Invalid address: the id “{id}” is not a number.',
  routeIdOutOfRange: 'Invalid address: the id “{id}” must be a whole number from 1 to {max}.',
  backHome: 'Back to the plans',
  showArchived: 'Show archived',
  archivedTag: 'Archived',
  errorTitle: 'Could not load the data',
  networkError: 'Cannot reach the server',
  serverError: 'The server answered with an error ({status})',

  colMaxTotal: 'Max',
  colCriteria: 'Criteria',

  downloadXlsx: 'Download XLSX',
  statMax: 'Max score',
  statTasks: 'Tasks done',

  colDone: 'Done',
  colInProgress: 'In progress',
  colAtRisk: 'At risk',

  colCode: 'Code',
  colCriterion: 'Area / criterion / sub-criterion',
  colMax: 'Max',
  colBaseline: 'Achieved {year}',
  colTarget: 'Target {year}',
  colLead: 'Lead unit',
  colStatus: 'Status',
  colDeadline: 'Deadline',
  expandAll: 'Expand all',
  collapseAll: 'Collapse',
  noMatch: 'No criterion matches',
  statedDiffers: 'The document states {stated}; the sub-criteria add up to {computed}',
  editHint: 'Click to edit',
  parentIsSum: "A parent's score is the sum of its sub-criteria",
  enterNumber: 'Enter a number, e.g. 0.75',
  notANumber: '"{text}" is not a number (e.g. 0.75)',
  tooManyDecimals: 'At most 4 decimals',
  aboveMax: 'Above the max score {max}',
  negative: 'A score cannot be negative',
  staleTitle: 'The data has changed',
  chooseUnits: 'Choose units',
  newUnitPlaceholder: 'New unit name',
  addUnit: 'Add unit',
  taskPlaceholder: 'Tasks, solutions… (Ctrl+Enter to save)',
  overdue: 'Overdue',
  typedKept: 'What you typed: {value}',
  reapply: 'Reapply',
  discardTyped: 'Discard',
  staleKept: 'What you typed is kept in its cell: after the reload, click "Reapply" to save it.',
  status_not_started: 'Not started',
  status_in_progress: 'In progress',
  status_done: 'Done',
  status_at_risk: 'At risk of delay',
  filterYear: 'Year',

  findingsTitle: 'Findings',
  findingsNone: 'No errors or warnings',
  severity_error: 'Error',
  severity_warning: 'Warning',
  severity_info: 'Info',

  unitTitle: '{unit} — {subject} {year}',
  unitRole_lead: 'Lead',
  unitRole_support: 'Support',
  colRole: 'Role',
  colAtStake: 'Points at stake',
  colPlannedGain: 'Planned gain',
  unitAtStakeTotal: 'Points at stake',
  unitGainTotal: 'Planned gain',
  unitNoRows: 'This unit leads or supports no criterion yet',
  backToPlan: 'Back to the plan',

  stepUpload: 'Upload',
  stepPreview: 'Preview',
  stepDone: 'Done',
  uploading: 'Uploading… {percent}%',
  next: 'Next',
  back: 'Back',
  openPlan: 'Open plan',
  showTree: 'Show the criteria',
  totalRow: 'TOTAL',
  signInTitle: 'Sign in to work with the plans',
  username: 'User name',
  password: 'Password',
  required: 'Required',
  signIn: 'Sign in',
  signOut: 'Sign out',
  changePassword: 'Change password',
  mustChangePassword: 'First sign-in or a reset password: set a password of your own.',
  passwordChanged: 'Password changed',
  currentPassword: 'Current password',
  newPassword: 'New password (at least 10 characters)',
  confirmPassword: 'New password again',
  passwordRule: 'At least 10 characters',
  passwordPolicy:
    'At least 10 characters, not digits only, not a common password (such as "password123", "qwertyuiop") and not the user name.',
  passwordDigits: 'Cannot be digits only',
  passwordIsUsername: 'Cannot be the user name',
  passwordsDiffer: 'The two entries differ',
  navUsers: 'Accounts',
  navUnits: 'Units',
  navAudit: 'Audit trail',
  colWhen: 'When',
  colWho: 'Who',
  colAction: 'Action',
  colField: 'Field',
  colOld: 'Old value',
  colNew: 'New value',

  forbiddenPage: 'Your account may not use this page',

  copyFailed: 'Could not copy; select and copy it by hand',

  edit: 'Edit',
  unitName: 'Unit name',
  lastYearRule: 'Rule',
  kind_province: 'Province',
  kind_city: 'City',
  kind_district: 'District',
  kind_town: 'Town',
  kind_urban_district: 'Urban district',
  kind_commune: 'Commune',
  kind_ward: 'Ward',
  kind_township: 'Township',
  kind_department: 'Department',
  kind_office: 'Office',
  kind_committee: "People's Committee",
  kind_center: 'Center',
  kind_section: 'Section',
  kind_group: 'Group of units',
  kind_agency: 'Central agency branch',
  kind_other: 'Other',

  entity_plan: 'Plan',
  entity_plan_item: 'Criterion',
  entity_task: 'Task',
  entity_unit: 'Unit',
  entity_user: 'Account',
  entity_session: 'Session',
  entity_database: 'Database',
  navBackup: 'Backup',
  field_baseline: 'Achieved score',
  field_target: 'Target',
  field_text: 'Task text',
  field_status: 'Status',
  field_progress: 'Progress (%)',
  field_deadline: 'Deadline',
  field_progress_note: 'Progress note',
  field_lead_units_text: 'Lead units',
  field_support_units_text: 'Support units',
  field_role: 'Role',
  field_display_name: 'Display name',
  field_disabled: 'Disabled',
  field_password: 'Password',
  field_name: 'Name',
  field_kind: 'Kind',
  field_parent_id: 'Parent unit',
  field_successor_id: 'Successor',
  field_lineage: 'Lineage',
  field_valid_to: 'Last valid day',
  menu: 'Menu',
  errorsCount_one: '{n} error',
  plansTotal_one: '{n} plan',
  warningsCount_one: '{n} warning',
  prTab: 'Result',
};

/** Every key of the app: the shell's and each feature's. */
export type MessageKey =
  | ShellKey
  | keyof typeof ADMIN_VI
  | keyof typeof IMPORTS_VI
  | keyof typeof PLANS_VI
  | keyof typeof APPRAISAL_VI
  | keyof typeof ASSESSMENT_VI
  | keyof typeof FRAMEWORKS_VI
  | keyof typeof NEXT_PLAN_VI
  | keyof typeof NOTIFICATIONS_VI
  | keyof typeof OVERVIEW_VI
  | keyof typeof RESULTS_VI
  | keyof typeof RESULTS_IMPORT_VI
  | keyof typeof POOLS_VI
  | keyof typeof ROUNDS_VI
  | keyof typeof SURVEY_VI
  | keyof typeof WHAT_IF_VI;

export type Lang = 'vi' | 'en';

/** The texts loaded so far, per language: the shell's, then each feature's as its catalog registers. */
export const MESSAGES: Record<Lang, Record<string, string>> = { vi: { ...vi }, en: { ...en } };

/** The shell's own texts, as written above (test/web-i18n-catalogs.test.ts). */
export const SHELL_MESSAGES = { vi, en } as const;

/** A feature's catalog adds its texts, both languages at once (called once, as its module loads). */
export function registerMessages<K extends string>(viTexts: Record<K, string>, enTexts: Record<K, string>) {
  Object.assign(MESSAGES.vi, viTexts);
  Object.assign(MESSAGES.en, enTexts);
}
