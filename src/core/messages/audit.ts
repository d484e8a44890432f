/**
 * The audit trail's words: each action, entity, field and stored value (task status, unit kind,
 * lineage) in Vietnamese and English. modules/audit-view.ts renders an entry through render(); a
 * value a newer version wrote and this catalog lacks reads as its code (see isAuditWord).
 */
import type { Lang } from '../findings.js';
import type { None, TextsOf } from './texts.js';

/** What an audit entry records (modules/audit.ts writes them). */
export type AuditAction =
  | 'plan.import'
  | 'plan.replace'
  | 'plan.next'
  | 'plan.archive'
  | 'plan.delete'
  | 'item.update'
  | 'item.follow'
  | 'plan.total'
  | 'finding.adopt_sum'
  | 'finding.acknowledge'
  | 'task.create'
  | 'task.update'
  | 'item.create'
  | 'item.delete'
  | 'task.delete'
  | 'unit.create'
  | 'unit.update'
  | 'unit.event'
  | 'unit.baseline'
  | 'user.create'
  | 'user.update'
  | 'user.grant'
  | 'user.revoke'
  | 'user.password_reset'
  | 'user.password_change'
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'backup.create'
  | 'backup.restore'
  | 'framework.import'
  | 'framework.update'
  | 'framework.publish'
  | 'framework.version'
  | 'framework.next_year'
  | 'framework.in_use'
  | 'criterion.update'
  | 'crosswalk.propose'
  | 'crosswalk.confirm'
  | 'round.reminder'
  | 'round.phase_opened'
  | 'round.phase_closed'
  | 'round.published'
  | 'assessment.answer'
  | 'assessment.submit'
  | 'assessment.withdraw'
  | 'assessment.report'
  | 'survey.import'
  | 'appraisal.score'
  | 'appraisal.return'
  | 'appraisal.explain'
  | 'council.final'
  | 'council.correct'
  | 'evidence.upload'
  | 'evidence.link'
  | 'evidence.unlink'
  | 'evidence.remove'
  | 'round.create'
  | 'round.update'
  | 'round.calendar'
  | 'round.extension_request'
  | 'round.extension_grant'
  | 'round.extension_refuse'
  | 'result.import'
  | 'result.publish'
  | 'result.delete'
  | 'pool.create'
  | 'pool.update'
  | 'pool.bands';

export type AuditEntity =
  | 'plan'
  | 'plan_item'
  | 'task'
  | 'unit'
  | 'user'
  | 'session'
  | 'database'
  | 'framework'
  | 'criterion'
  | 'crosswalk'
  | 'assessment'
  | 'round'
  | 'result'
  | 'ranking_pool';
export type AuditField =
  | 'baseline'
  | 'target'
  | 'text'
  | 'status'
  | 'progress'
  | 'deadline'
  | 'deadline_text'
  | 'progress_note'
  | 'lead_units_text'
  | 'support_units_text'
  | 'role'
  | 'display_name'
  | 'disabled'
  | 'password'
  | 'name'
  | 'kind'
  | 'parent_id'
  | 'successor_id'
  | 'lineage'
  | 'event'
  | 'valid_from'
  | 'valid_to'
  | 'archived'
  | 'content'
  | 'code'
  | 'max'
  | 'task'
  | 'title'
  | 'state'
  | 'decision_number'
  | 'decision_date'
  | 'year_to'
  | 'method'
  | 'evidence'
  | 'scorer'
  | 'not_applicable'
  | 'followed_by'
  | 'followed_by_text'
  | 'rule'
  | 'to_code'
  | 'email'
  | 'phase'
  | 'unanswered'
  | 'answer'
  | 'note'
  | 'not_applicable_reason'
  | 'scoring_explanation'
  | 'difficulties'
  | 'proposals'
  | 'score'
  | 'appraisal1'
  | 'appraisal2'
  | 'council'
  | 'question'
  | 'explanation'
  | 'unit_state'
  | 'calendar'
  | 'extension'
  | 'result'
  | 'tie_break'
  | 'description'
  | 'bands';
/**
 * The keys of the details an entry keeps as one JSON value (a round made, a phase's dates, an
 * extension, a stage score, a pool's bands, a result replaced, a framework imported, a plan deleted);
 * core/audit-details.ts words them as "label: value" lines.
 */
export type AuditDetail =
  | 'name'
  | 'year'
  | 'frameworkId'
  | 'units'
  | 'calendar'
  | 'phase'
  | 'opensOn'
  | 'closesOn'
  | 'id'
  | 'reason'
  | 'state'
  | 'until'
  | 'note'
  | 'score'
  | 'answer'
  | 'overridden'
  | 'comment'
  | 'label'
  | 'minIndex'
  | 'colour'
  | 'source'
  | 'title'
  | 'sourceName'
  | 'group'
  | 'yearTo'
  | 'version'
  | 'criteria'
  | 'byCode'
  | 'byName'
  | 'none'
  | 'subject'
  | 'rows';
/** an extension request's state (rounds.ts) */
export type AuditExtensionState = 'requested' | 'granted' | 'refused';
/** where a ranking result came from (results.ts) */
export type AuditResultSource = 'round' | 'import';
export type AuditStatus = 'not_started' | 'in_progress' | 'done' | 'at_risk';
export type AuditLineage = 'merged' | 'split' | 'renamed' | 'moved' | 'dissolved';
/** the unit kinds the trail words (core/unit-kinds.ts codes) */
export type AuditKind =
  | 'province'
  | 'city'
  | 'district'
  | 'town'
  | 'urban-district'
  | 'commune'
  | 'ward'
  | 'township'
  | 'department'
  | 'office'
  | 'committee'
  | 'center'
  | 'section'
  | 'group'
  | 'agency'
  | 'other';

const ACTION: Record<Lang, Record<AuditAction, string>> = {
  vi: {
    'plan.import': 'Nhập kế hoạch',
    'plan.replace': 'Thay nội dung kế hoạch',
    'plan.next': 'Lập kế hoạch năm sau từ kết quả',
    'plan.archive': 'Lưu trữ / bỏ lưu trữ kế hoạch',
    'plan.delete': 'Xóa kế hoạch (nội dung giữ trong nhật ký)',
    'item.update': 'Sửa điểm tiêu chí',
    'item.follow': 'Tổng tiêu chí cha theo tiêu chí con',
    'plan.total': 'Tổng điểm kế hoạch',
    'finding.adopt_sum': 'Dùng tổng các tiêu chí con',
    'finding.acknowledge': 'Giữ như văn bản',
    'task.create': 'Tạo nhiệm vụ',
    'task.update': 'Sửa nhiệm vụ',
    'item.create': 'Thêm tiêu chí (nhập lại)',
    'item.delete': 'Bỏ tiêu chí (nhập lại)',
    'task.delete': 'Bỏ nhiệm vụ (nhập lại)',
    'unit.create': 'Tạo đơn vị',
    'unit.update': 'Sửa đơn vị',
    'unit.event': 'Ghi nhận sắp xếp đơn vị',
    'unit.baseline': 'Ghi nhận điểm năm trước của đơn vị kế thừa',
    'user.create': 'Tạo tài khoản',
    'user.update': 'Sửa tài khoản',
    'user.grant': 'Cấp vai trò',
    'user.revoke': 'Thu hồi vai trò',
    'user.password_reset': 'Đặt lại mật khẩu',
    'user.password_change': 'Đổi mật khẩu',
    'auth.login': 'Đăng nhập',
    'auth.login_failed': 'Đăng nhập thất bại',
    'auth.logout': 'Đăng xuất',
    'backup.create': 'Sao lưu dữ liệu',
    'backup.restore': 'Khôi phục dữ liệu từ bản sao lưu',
    'framework.import': 'Nhập bộ tiêu chí',
    'framework.update': 'Sửa thông tin bộ tiêu chí',
    'framework.publish': 'Công bố bộ tiêu chí',
    'framework.version': 'Tạo phiên bản mới của bộ tiêu chí',
    'framework.next_year': 'Sao chép bộ tiêu chí sang năm sau',
    'framework.in_use': 'Đưa bộ tiêu chí vào sử dụng (khóa sửa)',
    'criterion.update': 'Sửa tiêu chí của bộ tiêu chí',
    'crosswalk.propose': 'Đề xuất đối chiếu tiêu chí giữa hai phiên bản',
    'crosswalk.confirm': 'Xác nhận đối chiếu tiêu chí',
    'round.reminder': 'Nhắc nhở đơn vị chưa gửi tự đánh giá',
    'round.phase_opened': 'Mở giai đoạn của đợt đánh giá (theo lịch)',
    'round.phase_closed': 'Kết thúc giai đoạn của đợt đánh giá (theo lịch)',
    'round.published': 'Công bố kết quả đợt đánh giá (theo lịch)',
    'assessment.answer': 'Tự đánh giá tiêu chí',
    'assessment.submit': 'Gửi bản tự đánh giá',
    'assessment.withdraw': 'Rút lại bản tự đánh giá',
    'assessment.report': 'Sửa báo cáo tự đánh giá (khó khăn, đề xuất)',
    'survey.import': 'Nhập điểm điều tra xã hội học',
    'appraisal.score': 'Chấm điểm thẩm định',
    'appraisal.return': 'Trả lại tiêu chí để giải trình',
    'appraisal.explain': 'Giải trình tiêu chí bị trả lại',
    'council.final': 'Hội đồng chốt điểm chính thức',
    'council.correct': 'Đính chính điểm chính thức',
    'evidence.upload': 'Tải lên tài liệu kiểm chứng',
    'evidence.link': 'Gắn tài liệu kiểm chứng vào tiêu chí',
    'evidence.unlink': 'Bỏ tài liệu kiểm chứng khỏi tiêu chí',
    'evidence.remove': 'Xóa tài liệu kiểm chứng',
    'round.create': 'Tạo đợt đánh giá',
    'round.update': 'Sửa thông tin đợt đánh giá',
    'round.calendar': 'Sửa lịch đợt đánh giá',
    'round.extension_request': 'Đơn vị xin gia hạn',
    'round.extension_grant': 'Chấp thuận gia hạn',
    'round.extension_refuse': 'Từ chối gia hạn',
    'result.import': 'Nhập kết quả xếp hạng đã công bố',
    'result.publish': 'Đưa kết quả đợt đánh giá vào xếp hạng',
    'result.delete': 'Xóa kết quả xếp hạng',
    'pool.create': 'Tạo nhóm xếp hạng',
    'pool.update': 'Sửa nhóm xếp hạng',
    'pool.bands': 'Sửa các mức xếp loại của năm',
  },
  en: {
    'plan.import': 'Plan imported',
    'plan.replace': 'Plan content replaced',
    'plan.next': "Next year's plan drafted from a result",
    'plan.archive': 'Plan archived / unarchived',
    'plan.delete': 'Plan deleted (content kept in the trail)',
    'item.update': 'Criterion score edited',
    'item.follow': 'Parent criterion follows its children',
    'plan.total': 'Plan total',
    'finding.adopt_sum': "Children's sum used",
    'finding.acknowledge': 'Kept as written',
    'task.create': 'Task created',
    'task.update': 'Task edited',
    'item.create': 'Criterion added (re-import)',
    'item.delete': 'Criterion removed (re-import)',
    'task.delete': 'Task removed (re-import)',
    'unit.create': 'Unit created',
    'unit.update': 'Unit edited',
    'unit.event': 'Reorganisation recorded',
    'unit.baseline': "Successor's last-year figure recorded",
    'user.create': 'Account created',
    'user.update': 'Account edited',
    'user.grant': 'Role granted',
    'user.revoke': 'Role revoked',
    'user.password_reset': 'Password reset',
    'user.password_change': 'Password changed',
    'auth.login': 'Signed in',
    'auth.login_failed': 'Sign-in failed',
    'auth.logout': 'Signed out',
    'backup.create': 'Backup made',
    'backup.restore': 'Restored from a backup',
    'framework.import': 'Framework imported',
    'framework.update': 'Framework details edited',
    'framework.publish': 'Framework published',
    'framework.version': 'New framework version made',
    'framework.next_year': 'Framework copied to the next year',
    'framework.in_use': 'Framework put in use (frozen)',
    'criterion.update': 'Framework criterion edited',
    'crosswalk.propose': 'Crosswalk between versions proposed',
    'crosswalk.confirm': 'Crosswalk match confirmed',
    'round.reminder': 'Units not yet submitted reminded',
    'round.phase_opened': 'Round phase opened (by the calendar)',
    'round.phase_closed': 'Round phase closed (by the calendar)',
    'round.published': 'Round results published (by the calendar)',
    'assessment.answer': 'Criterion self-assessed',
    'assessment.submit': 'Self-assessment submitted',
    'assessment.withdraw': 'Self-assessment withdrawn',
    'assessment.report': 'Self-assessment report edited (difficulties, proposals)',
    'survey.import': 'Survey score imported',
    'appraisal.score': 'Appraisal score set',
    'appraisal.return': 'Criterion returned for an explanation',
    'appraisal.explain': 'Returned criterion explained',
    'council.final': 'Final score fixed by the council',
    'council.correct': 'Final score corrected',
    'evidence.upload': 'Evidence file uploaded',
    'evidence.link': 'Evidence file linked to a criterion',
    'evidence.unlink': 'Evidence file unlinked from a criterion',
    'evidence.remove': 'Evidence file removed',
    'round.create': 'Assessment round created',
    'round.update': 'Assessment round edited',
    'round.calendar': "Round's calendar changed",
    'round.extension_request': 'Unit asked for more time',
    'round.extension_grant': 'Extension granted',
    'round.extension_refuse': 'Extension refused',
    'result.import': 'Published ranking result imported',
    'result.publish': "Round's results made a ranking result",
    'result.delete': 'Ranking result deleted',
    'pool.create': 'Ranking pool created',
    'pool.update': 'Ranking pool edited',
    'pool.bands': "Year's classification bands changed",
  },
};

const ENTITY: Record<Lang, Record<AuditEntity, string>> = {
  vi: {
    plan: 'Kế hoạch',
    plan_item: 'Tiêu chí',
    task: 'Nhiệm vụ',
    unit: 'Đơn vị',
    user: 'Tài khoản',
    session: 'Phiên đăng nhập',
    database: 'Cơ sở dữ liệu',
    framework: 'Bộ tiêu chí',
    criterion: 'Tiêu chí (bộ tiêu chí)',
    crosswalk: 'Đối chiếu tiêu chí',
    round: 'Đợt đánh giá',
    assessment: 'Đánh giá của đơn vị',
    result: 'Kết quả xếp hạng',
    ranking_pool: 'Nhóm xếp hạng',
  },
  en: {
    plan: 'Plan',
    plan_item: 'Criterion',
    task: 'Task',
    unit: 'Unit',
    user: 'Account',
    session: 'Session',
    database: 'Database',
    framework: 'Criteria framework',
    criterion: 'Framework criterion',
    crosswalk: 'Criteria crosswalk',
    round: 'Assessment round',
    assessment: "A unit's assessment",
    result: 'Ranking result',
    ranking_pool: 'Ranking pool',
  },
};

const FIELD: Record<Lang, Record<AuditField, string>> = {
  vi: {
    baseline: 'Điểm đạt được',
    target: 'Mục tiêu',
    text: 'Nội dung nhiệm vụ',
    status: 'Trạng thái',
    progress: 'Tiến độ (%)',
    deadline: 'Hạn',
    deadline_text: 'Hạn (theo văn bản)',
    progress_note: 'Ghi chú tiến độ',
    lead_units_text: 'Đơn vị chủ trì',
    support_units_text: 'Đơn vị phối hợp',
    role: 'Vai trò',
    display_name: 'Họ và tên',
    disabled: 'Khóa tài khoản',
    password: 'Mật khẩu',
    name: 'Tên',
    kind: 'Loại đơn vị',
    parent_id: 'Trực thuộc',
    successor_id: 'Đơn vị kế thừa',
    lineage: 'Sáp nhập, đổi tên',
    event: 'Sắp xếp đơn vị',
    valid_from: 'Ngày bắt đầu hiệu lực',
    valid_to: 'Ngày cuối còn hiệu lực',
    archived: 'Lưu trữ',
    content: 'Nội dung kế hoạch (JSON)',
    code: 'Mã tiêu chí',
    max: 'Điểm tối đa',
    task: 'Nhiệm vụ',
    title: 'Tiêu đề văn bản',
    state: 'Trạng thái bộ tiêu chí',
    decision_number: 'Số quyết định ban hành',
    decision_date: 'Ngày ban hành',
    year_to: 'Năm cuối áp dụng',
    method: 'Cách tính điểm',
    evidence: 'Tài liệu kiểm chứng',
    scorer: 'Hình thức chấm điểm',
    not_applicable: 'Khi không áp dụng',
    followed_by: 'Đơn vị theo dõi',
    followed_by_text: 'Đơn vị theo dõi (theo văn bản)',
    rule: 'Quy tắc tính điểm (JSON)',
    to_code: 'Tiêu chí tương ứng',
    email: 'Thư điện tử',
    phase: 'Giai đoạn',
    unanswered: 'Số tiêu chí chưa trả lời',
    answer: 'Câu trả lời tự đánh giá (JSON)',
    note: 'Ghi chú',
    not_applicable_reason: 'Lý do không áp dụng',
    scoring_explanation: 'Diễn giải cách tính điểm',
    unit_state: 'Trạng thái đánh giá của đơn vị',
    difficulties: 'Khó khăn, vướng mắc',
    proposals: 'Đề xuất, kiến nghị',
    score: 'Điểm',
    appraisal1: 'Điểm thẩm định lần 1',
    appraisal2: 'Điểm thẩm định lần 2',
    council: 'Điểm chính thức (Hội đồng)',
    question: 'Nội dung yêu cầu giải trình',
    explanation: 'Nội dung giải trình',
    calendar: 'Lịch giai đoạn',
    extension: 'Gia hạn',
    result: 'Kết quả',
    tie_break: 'Thứ tự so sánh khi bằng chỉ số',
    description: 'Mô tả',
    bands: 'Các mức xếp loại',
  },
  en: {
    baseline: 'Achieved score',
    target: 'Target',
    text: 'Task text',
    status: 'Status',
    progress: 'Progress (%)',
    deadline: 'Deadline',
    deadline_text: 'Deadline (as written)',
    progress_note: 'Progress note',
    lead_units_text: 'Lead units',
    support_units_text: 'Supporting units',
    role: 'Role',
    display_name: 'Full name',
    disabled: 'Account locked',
    password: 'Password',
    name: 'Name',
    kind: 'Kind',
    parent_id: 'Parent unit',
    successor_id: 'Successor',
    lineage: 'Lineage',
    event: 'Reorganisation',
    valid_from: 'First valid day',
    valid_to: 'Last valid day',
    archived: 'Archived',
    content: 'Plan content (JSON)',
    code: 'Criterion code',
    max: 'Maximum score',
    task: 'Task',
    title: 'Document title',
    state: 'Framework state',
    decision_number: 'Issuing decision number',
    decision_date: 'Issuing date',
    year_to: 'Last year',
    method: 'Scoring method',
    evidence: 'Evidence',
    scorer: 'Scored by',
    not_applicable: 'When not applicable',
    followed_by: 'Followed by',
    followed_by_text: 'Followed by (as written)',
    rule: 'Scoring rule (JSON)',
    to_code: 'Matching criterion',
    email: 'E-mail',
    phase: 'Phase',
    unanswered: 'Unanswered criteria',
    answer: 'Self-assessment answer (JSON)',
    note: 'Note',
    not_applicable_reason: 'Reason for not applicable',
    scoring_explanation: 'How the score was reached',
    unit_state: "Unit's assessment state",
    difficulties: 'Difficulties',
    proposals: 'Proposals',
    score: 'Score',
    appraisal1: 'Appraisal 1 score',
    appraisal2: 'Appraisal 2 score',
    council: 'Final score (council)',
    question: 'Question asked',
    explanation: 'Explanation',
    calendar: 'Phase dates',
    extension: 'Extension',
    result: 'Result',
    tie_break: 'Tie-break order',
    description: 'Description',
    bands: 'Classification bands',
  },
};

const DETAIL: Record<Lang, Record<AuditDetail, string>> = {
  vi: {
    name: 'Tên',
    year: 'Năm',
    frameworkId: 'Bộ tiêu chí (mã số)',
    units: 'Số đơn vị',
    calendar: 'Lịch các giai đoạn',
    phase: 'Giai đoạn',
    opensOn: 'Ngày mở',
    closesOn: 'Ngày kết thúc',
    id: 'Số đề nghị',
    reason: 'Lý do',
    state: 'Trạng thái',
    until: 'Gia hạn đến ngày',
    note: 'Ghi chú',
    score: 'Điểm',
    answer: 'Câu trả lời',
    overridden: 'Điểm nhập tay (không theo cách tính)',
    comment: 'Nhận xét',
    label: 'Mức xếp loại',
    minIndex: 'Chỉ số từ',
    colour: 'Màu',
    source: 'Nguồn',
    title: 'Tiêu đề',
    sourceName: 'Tệp nguồn',
    group: 'Nhóm đơn vị áp dụng',
    yearTo: 'Năm cuối áp dụng',
    version: 'Phiên bản',
    criteria: 'Số tiêu chí',
    byCode: 'Khớp theo mã',
    byName: 'Khớp theo tên',
    none: 'Chưa khớp',
    subject: 'Đơn vị',
    rows: 'Số dòng tiêu chí',
  },
  en: {
    name: 'Name',
    year: 'Year',
    frameworkId: 'Framework (id)',
    units: 'Units',
    calendar: 'Phase dates',
    phase: 'Phase',
    opensOn: 'Opens on',
    closesOn: 'Closes on',
    id: 'Request number',
    reason: 'Reason',
    state: 'State',
    until: 'Extended until',
    note: 'Note',
    score: 'Score',
    answer: 'Answer',
    overridden: 'Score typed in (not by the rule)',
    comment: 'Comment',
    label: 'Band',
    minIndex: 'Index from',
    colour: 'Colour',
    source: 'Source',
    title: 'Title',
    sourceName: 'Source file',
    group: 'Unit group',
    yearTo: 'Last year',
    version: 'Version',
    criteria: 'Criteria',
    byCode: 'Matched by code',
    byName: 'Matched by name',
    none: 'Not matched',
    subject: 'Unit',
    rows: 'Criteria rows',
  },
};

const EXTENSION_STATE: Record<Lang, Record<AuditExtensionState, string>> = {
  // the round page's words (web/src/i18n/rounds.ts, extensionState_*)
  vi: { requested: 'Chờ xử lý', granted: 'Đã chấp thuận', refused: 'Đã từ chối' },
  en: { requested: 'Waiting', granted: 'Granted', refused: 'Refused' },
};

const RESULT_SOURCE: Record<Lang, Record<AuditResultSource, string>> = {
  vi: { round: 'Kết quả đợt đánh giá', import: 'Nhập từ bảng đã công bố' },
  en: { round: "A round's results", import: 'Imported from a published table' },
};

const STATUS: Record<Lang, Record<AuditStatus, string>> = {
  vi: {
    not_started: 'Chưa thực hiện',
    in_progress: 'Đang thực hiện',
    done: 'Hoàn thành',
    at_risk: 'Có nguy cơ chậm',
  },
  en: {
    not_started: 'Not started',
    in_progress: 'In progress',
    done: 'Done',
    at_risk: 'At risk of delay',
  },
};

const LINEAGE: Record<Lang, Record<AuditLineage, string>> = {
  vi: {
    merged: 'Sáp nhập vào đơn vị khác',
    split: 'Chia tách thành các đơn vị khác',
    renamed: 'Đổi tên thành đơn vị khác',
    moved: 'Chuyển về đơn vị cấp trên khác',
    dissolved: 'Giải thể',
  },
  en: {
    merged: 'Merged into another unit',
    split: 'Split into other units',
    renamed: 'Renamed to another unit',
    moved: 'Moved under another parent',
    dissolved: 'Dissolved',
  },
};

const KIND: Record<Lang, Record<AuditKind, string>> = {
  vi: {
    province: 'Tỉnh',
    city: 'Thành phố',
    district: 'Huyện',
    town: 'Thị xã',
    'urban-district': 'Quận',
    commune: 'Xã',
    ward: 'Phường',
    township: 'Thị trấn',
    department: 'Sở/ban/ngành',
    office: 'Phòng',
    committee: 'UBND',
    center: 'Trung tâm',
    section: 'Bộ phận',
    group: 'Nhóm đơn vị',
    agency: 'Cơ quan ngành dọc',
    other: 'Khác',
  },
  en: {
    province: 'Province',
    city: 'City',
    district: 'District',
    town: 'Town',
    'urban-district': 'Urban district',
    commune: 'Commune',
    ward: 'Ward',
    township: 'Township',
    department: 'Department',
    office: 'Office',
    committee: "People's Committee",
    center: 'Center',
    section: 'Section',
    group: 'Group of units',
    agency: 'Central agency branch',
    other: 'Other',
  },
};

/** The words of the audit trail, each a code with the stored value it words. */
export interface AuditParams {
  'audit.action': { action: AuditAction };
  'audit.entity': { entity: AuditEntity };
  'audit.field': { field: AuditField };
  'audit.status': { status: AuditStatus };
  'audit.lineage': { lineage: AuditLineage };
  'audit.kind': { kind: AuditKind };
  'audit.detail': { detail: AuditDetail };
  'audit.extensionState': { state: AuditExtensionState };
  'audit.resultSource': { source: AuditResultSource };
  /** a self-assessment answer: the chosen option, a count, the parts met, not applicable */
  'audit.answerOption': { n: number };
  'audit.answerCount': { n: number };
  'audit.answerParts': { parts: string };
  'audit.notApplicable': None;
  'audit.yes': None;
  'audit.no': None;
  'audit.everywhere': None;
}

export const AUDIT_TEXTS: TextsOf<AuditParams> = {
  'audit.action': { vi: (p) => ACTION.vi[p.action], en: (p) => ACTION.en[p.action] },
  'audit.entity': { vi: (p) => ENTITY.vi[p.entity], en: (p) => ENTITY.en[p.entity] },
  'audit.field': { vi: (p) => FIELD.vi[p.field], en: (p) => FIELD.en[p.field] },
  'audit.status': { vi: (p) => STATUS.vi[p.status], en: (p) => STATUS.en[p.status] },
  'audit.lineage': { vi: (p) => LINEAGE.vi[p.lineage], en: (p) => LINEAGE.en[p.lineage] },
  'audit.kind': { vi: (p) => KIND.vi[p.kind], en: (p) => KIND.en[p.kind] },
  'audit.detail': { vi: (p) => DETAIL.vi[p.detail], en: (p) => DETAIL.en[p.detail] },
  'audit.extensionState': {
    vi: (p) => EXTENSION_STATE.vi[p.state],
    en: (p) => EXTENSION_STATE.en[p.state],
  },
  'audit.resultSource': { vi: (p) => RESULT_SOURCE.vi[p.source], en: (p) => RESULT_SOURCE.en[p.source] },
  'audit.answerOption': { vi: (p) => `Phương án ${p.n}`, en: (p) => `Option ${p.n}` },
  'audit.answerCount': { vi: (p) => `${p.n} lần`, en: (p) => `${p.n} times` },
  'audit.answerParts': { vi: (p) => `Các phần đạt: ${p.parts}`, en: (p) => `Parts met: ${p.parts}` },
  'audit.notApplicable': { vi: () => 'Không áp dụng', en: () => 'Not applicable' },
  'audit.yes': { vi: () => 'Có', en: () => 'Yes' },
  'audit.no': { vi: () => 'Không', en: () => 'No' },
  'audit.everywhere': { vi: () => 'Toàn hệ thống', en: () => 'Whole installation' },
};

/** Every value each parameterised audit word knows (for the completeness test and isAuditWord). */
export const AUDIT_VALUES = {
  action: Object.keys(ACTION.vi) as AuditAction[],
  entity: Object.keys(ENTITY.vi) as AuditEntity[],
  field: Object.keys(FIELD.vi) as AuditField[],
  status: Object.keys(STATUS.vi) as AuditStatus[],
  lineage: Object.keys(LINEAGE.vi) as AuditLineage[],
  kind: Object.keys(KIND.vi) as AuditKind[],
  detail: Object.keys(DETAIL.vi) as AuditDetail[],
  extensionState: Object.keys(EXTENSION_STATE.vi) as AuditExtensionState[],
  resultSource: Object.keys(RESULT_SOURCE.vi) as AuditResultSource[],
};

type AuditValues = typeof AUDIT_VALUES;

/** Whether the catalog words this stored value (an entry of a newer version may hold one it does not). */
export function isAuditWord<K extends keyof AuditValues>(
  kind: K,
  value: string,
): value is AuditValues[K][number] {
  return (AUDIT_VALUES[kind] as readonly string[]).includes(value);
}
