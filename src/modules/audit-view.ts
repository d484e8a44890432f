/**
 * The audit trail as a reader reads it, on the page and in the XLSX alike: the action, the entity and
 * the field in words, the criterion by its code and name, the unit and the plan by name, values as
 * labels ("Chưa thực hiện", not "not_started"), numbers and dates in the one format (0,95; 30/06/2026)
 * and times in Vietnam's time. The names behind the stored ids are looked up once per page of entries
 * — one query per kind of reference, never one per row.
 */
import type { Kysely } from 'kysely';
import { formatDate, formatDateTime } from '../core/display.js';
import type { Lang } from '../core/findings.js';
import { formatScore, fromDecimalString } from '../core/score.js';
import {
  criteriaOfPlansByCode,
  itemCriteria,
  planNames,
  taskCriteria,
  type AuditRow,
} from '../db/audit-repo.js';
import type { DB } from '../db/schema.js';
import { unitNames } from '../db/units-repo.js';
import { listRoleRows, usernamesOf } from '../db/users-repo.js';
import { writeAuditXlsx, type AuditEntryText } from '../formats/audit-xlsx.js';
import type { AuditAction } from './audit.js';

export type { AuditEntryText };

type Labels = Record<Lang, Record<string, string>>;

const ACTION_VI: Record<AuditAction, string> = {
  'plan.import': 'Nhập kế hoạch',
  'plan.replace': 'Thay nội dung kế hoạch',
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
};

const ACTION_EN: Record<AuditAction, string> = {
  'plan.import': 'Plan imported',
  'plan.replace': 'Plan content replaced',
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
};

/** An action in words; an unknown action (from a newer version's trail) reads as its code. */
export function actionLabel(action: string, lang: 'vi' | 'en' = 'vi'): string {
  const labels: Record<string, string> = lang === 'en' ? ACTION_EN : ACTION_VI;
  return labels[action] ?? action;
}

const ENTITY: Labels = {
  vi: {
    plan: 'Kế hoạch',
    plan_item: 'Tiêu chí',
    task: 'Nhiệm vụ',
    unit: 'Đơn vị',
    user: 'Tài khoản',
    session: 'Phiên đăng nhập',
    database: 'Cơ sở dữ liệu',
  },
  en: {
    plan: 'Plan',
    plan_item: 'Criterion',
    task: 'Task',
    unit: 'Unit',
    user: 'Account',
    session: 'Session',
    database: 'Database',
  },
};

const FIELD: Labels = {
  vi: {
    baseline: 'Điểm đạt được',
    target: 'Mục tiêu',
    text: 'Nội dung nhiệm vụ',
    status: 'Trạng thái',
    progress: 'Tiến độ (%)',
    deadline: 'Hạn',
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
    valid_to: 'Ngày cuối còn hiệu lực',
    archived: 'Lưu trữ',
    content: 'Nội dung kế hoạch (JSON)',
    code: 'Mã tiêu chí',
    max: 'Điểm tối đa',
    task: 'Nhiệm vụ',
  },
  en: {
    baseline: 'Achieved score',
    target: 'Target',
    text: 'Task text',
    status: 'Status',
    progress: 'Progress (%)',
    deadline: 'Deadline',
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
    valid_to: 'Last valid day',
    archived: 'Archived',
    content: 'Plan content (JSON)',
    code: 'Criterion code',
    max: 'Maximum score',
    task: 'Task',
  },
};

const STATUS: Labels = {
  vi: {
    not_started: 'Chưa thực hiện',
    in_progress: 'Đang thực hiện',
    done: 'Hoàn thành',
    at_risk: 'Có nguy cơ chậm',
  },
  en: { not_started: 'Not started', in_progress: 'In progress', done: 'Done', at_risk: 'At risk of delay' },
};

const LINEAGE: Labels = {
  vi: { merged: 'Sáp nhập vào đơn vị khác', renamed: 'Đổi tên thành đơn vị khác', dissolved: 'Giải thể' },
  en: { merged: 'Merged into another unit', renamed: 'Renamed to another unit', dissolved: 'Dissolved' },
};

const KIND: Labels = {
  vi: {
    province: 'Tỉnh',
    city: 'Thành phố',
    district: 'Huyện',
    town: 'Thị xã',
    urban_district: 'Quận',
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
    urban_district: 'Urban district',
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

const WORDS: Labels = {
  vi: { yes: 'Có', no: 'Không', everywhere: 'Toàn hệ thống' },
  en: { yes: 'Yes', no: 'No', everywhere: 'Whole installation' },
};

/** The names behind the ids of a page of entries, each kind in one query. */
interface Names {
  plans: Map<number, string>;
  items: Map<number, { code: string; name: string }>;
  tasks: Map<number, { code: string; name: string }>;
  units: Map<number, string>;
  users: Map<number, string>;
  roles: Map<string, { vi: string; en: string }>;
  /** "planId:code" → the criterion's name, for entries whose item is gone */
  byCode: Map<string, string>;
}

async function criteriaByCode(db: Kysely<DB>, rows: readonly AuditRow[]): Promise<Map<string, string>> {
  const found = await criteriaOfPlansByCode(
    db,
    [...new Set(rows.map((r) => r.plan_id!))],
    [...new Set(rows.map((r) => r.code!))],
  );
  return new Map(found.map((f) => [`${f.plan_id}:${f.code}`, f.name]));
}

const asId = (text: string | null | undefined): number | null =>
  text !== null && text !== undefined && /^\d+$/.test(text) ? Number(text) : null;

/** The unit id inside a stored role value "code@unitId" ("code@*" for the whole installation). */
function roleUnit(value: string | null): number | null {
  if (value === null) return null;
  const at = value.lastIndexOf('@');
  return at < 0 ? null : asId(value.slice(at + 1));
}

async function lookUp(db: Kysely<DB>, rows: readonly AuditRow[]): Promise<Names> {
  const plans = new Set<number>();
  const items = new Set<number>();
  const tasks = new Set<number>();
  const units = new Set<number>();
  const users = new Set<number>();
  for (const r of rows) {
    const id = asId(r.entity_id);
    if (r.plan_id !== null) plans.add(r.plan_id);
    if (r.unit_id !== null) units.add(r.unit_id);
    if (id !== null) {
      if (r.entity === 'plan') plans.add(id);
      else if (r.entity === 'plan_item') items.add(id);
      else if (r.entity === 'task') tasks.add(id);
      else if (r.entity === 'unit') units.add(id);
      else if (r.entity === 'user') users.add(id);
    }
    if (r.item_id !== null && r.entity !== 'plan_item') items.add(r.item_id);
    for (const value of [r.old_value, r.new_value]) {
      const unit =
        r.field === 'role'
          ? roleUnit(value)
          : r.field === 'parent_id' || r.field === 'successor_id'
            ? asId(value)
            : null;
      if (unit !== null) units.add(unit);
    }
  }
  const [planRows, itemRows, taskRows, unitsById, usersById, roleRows] = await Promise.all([
    planNames(db, [...plans]),
    itemCriteria(db, [...items]),
    taskCriteria(db, [...tasks]),
    unitNames(db, [...units]),
    usernamesOf(db, [...users]),
    rows.some((r) => r.field === 'role') ? listRoleRows(db) : [],
  ]);
  // an item or task a later import replaced is gone; its code in the same plan names it still
  const foundItems = new Set(itemRows.map((i) => i.id));
  const foundTasks = new Set(taskRows.map((t) => String(t.id)));
  const byCode = await criteriaByCode(
    db,
    rows.filter(
      (r) =>
        r.plan_id !== null &&
        r.code !== null &&
        !(r.item_id !== null && foundItems.has(r.item_id)) &&
        !(r.entity === 'task' && r.entity_id !== null && foundTasks.has(r.entity_id)),
    ),
  );
  return {
    byCode,
    plans: new Map(planRows.map((p) => [p.id, `${p.name} — ${p.year}`])),
    items: new Map(itemRows.map((i) => [i.id, { code: i.code, name: i.name }])),
    tasks: new Map(taskRows.map((t) => [t.id, { code: t.code, name: t.name }])),
    units: unitsById,
    users: usersById,
    roles: new Map(roleRows.map((r) => [r.code, { vi: r.name_vi, en: r.name_en }])),
  };
}

function criterion(c: { code: string; name: string } | undefined, r: AuditRow, names: Names): string | null {
  if (c) return `${c.code} — ${c.name}`;
  if (r.code === null) return null;
  const name = r.plan_id === null ? undefined : names.byCode.get(`${r.plan_id}:${r.code}`);
  return name ? `${r.code} — ${name}` : r.code;
}

function entityLabel(r: AuditRow, names: Names, lang: Lang): string {
  const word = ENTITY[lang][r.entity] ?? r.entity;
  const id = asId(r.entity_id);
  switch (r.entity) {
    case 'plan':
      return (id !== null ? names.plans.get(id) : undefined) ?? word;
    case 'unit':
      return (id !== null ? names.units.get(id) : undefined) ?? word;
    case 'plan_item': {
      // an item replaced by a later import is gone: its code, stored with the entry, still names it
      const what = criterion(id !== null ? names.items.get(id) : undefined, r, names);
      return what ? `${word} ${what}` : word;
    }
    case 'task': {
      const what = criterion(
        (id !== null ? names.tasks.get(id) : undefined) ??
          (r.item_id !== null ? names.items.get(r.item_id) : undefined),
        r,
        names,
      );
      return what ? `${word} ${what}` : word;
    }
    case 'user': {
      const name = id !== null ? names.users.get(id) : undefined;
      return name ? `${word} ${name}` : word;
    }
    default:
      return word;
  }
}

function valueText(field: string | null, value: string | null, names: Names, lang: Lang): string | null {
  if (value === null || value === '') return value;
  const label = (labels: Labels) => labels[lang][value] ?? value;
  const unit = (id: number | null) => (id === null ? value : (names.units.get(id) ?? value));
  switch (field) {
    case 'status':
      return label(STATUS);
    case 'lineage':
      return label(LINEAGE);
    case 'kind':
      return label(KIND);
    case 'disabled':
    case 'archived':
      return value === '1' ? WORDS[lang].yes! : value === '0' ? WORDS[lang].no! : value;
    case 'parent_id':
    case 'successor_id':
      return unit(asId(value));
    case 'role': {
      const at = value.lastIndexOf('@');
      if (at < 0) return value;
      const role = names.roles.get(value.slice(0, at));
      const where = value.slice(at + 1) === '*' ? WORDS[lang].everywhere! : unit(roleUnit(value));
      return `${role ? role[lang] : value.slice(0, at)} @ ${where}`;
    }
    case 'deadline':
    case 'valid_to':
      return formatDate(value);
    case 'baseline':
    case 'target':
    case 'max':
      return /^-?\d+(\.\d+)?$/.test(value) ? formatScore(fromDecimalString(value), lang) : value;
    default:
      return value;
  }
}

/** Every entry of a page in words, in the reader's language; one look-up per kind of name. */
export async function describeAudit(
  db: Kysely<DB>,
  rows: readonly AuditRow[],
  lang: Lang,
): Promise<AuditEntryText[]> {
  const names = await lookUp(db, rows);
  return rows.map((r) => ({
    time: formatDateTime(r.at),
    actionLabel: actionLabel(r.action, lang),
    entityLabel: entityLabel(r, names, lang),
    planLabel: r.plan_id === null ? null : (names.plans.get(r.plan_id) ?? null),
    unitLabel: r.unit_id === null ? null : (names.units.get(r.unit_id) ?? null),
    fieldLabel: r.field === null ? null : (FIELD[lang][r.field] ?? r.field),
    oldText: valueText(r.field, r.old_value, names, lang),
    newText: valueText(r.field, r.new_value, names, lang),
  }));
}

/** The trail as a workbook: the same words and formats as the page, in Vietnamese (an office's file). */
export async function auditWorkbook(db: Kysely<DB>, rows: readonly AuditRow[]): Promise<Uint8Array> {
  const texts = await describeAudit(db, rows, 'vi');
  return writeAuditXlsx(
    rows.map((r, i) => ({ id: r.id, username: r.username, ip: r.ip, hash: r.hash, ...texts[i]! })),
  );
}
