/**
 * The audit trail as a reader reads it, on the page and in the XLSX alike: the action, the entity and
 * the field in words, the criterion by its code and name, the unit and the plan by name, values as
 * labels ("Chưa thực hiện", not "not_started"), numbers and dates in the one format (0,95; 30/06/2026)
 * and times in Vietnam's time. The names behind the stored ids are looked up once per page of entries
 * — one query per kind of reference, never one per row.
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { formatDate, formatDateTime } from '../core/display.js';
import type { Lang } from '../core/findings.js';
import { formatScore, fromDecimalString } from '../core/score.js';
import type { DB } from '../db/schema.js';
import { actionLabel, type AuditRow } from './audit.js';

type Labels = Record<Lang, Record<string, string>>;

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

export interface AuditEntryText {
  /** dd/mm/yyyy HH:mm:ss in Vietnam's time */
  time: string;
  actionLabel: string;
  /** "Tiêu chí 1.2.2 — Thực hiện chế độ báo cáo", "Sở Nội vụ", "Tỉnh Đắk Nông — 2022" */
  entityLabel: string;
  planLabel: string | null;
  unitLabel: string | null;
  fieldLabel: string | null;
  oldText: string | null;
  newText: string | null;
}

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
  if (rows.length === 0) return new Map();
  const found = await db
    .selectFrom('plan_items')
    .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
    .select(['plan_items.plan_id', 'criteria.code', 'criteria.name'])
    .where('plan_items.plan_id', 'in', [...new Set(rows.map((r) => r.plan_id!))])
    .where('criteria.code', 'in', [...new Set(rows.map((r) => r.code!))])
    .execute();
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
  const [planRows, itemRows, taskRows, unitRows, userRows, roleRows] = await Promise.all([
    plans.size === 0
      ? []
      : db
          .selectFrom('plans')
          .innerJoin('units', 'units.id', 'plans.subject_unit_id')
          .select(['plans.id', 'units.name', 'plans.year'])
          .where('plans.id', 'in', [...plans])
          .execute(),
    items.size === 0
      ? []
      : db
          .selectFrom('plan_items')
          .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
          .select(['plan_items.id', 'criteria.code', 'criteria.name'])
          .where('plan_items.id', 'in', [...items])
          .execute(),
    tasks.size === 0
      ? []
      : db
          .selectFrom('tasks')
          .innerJoin('plan_items', 'plan_items.id', 'tasks.plan_item_id')
          .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
          .select(['tasks.id', 'criteria.code', 'criteria.name'])
          .where('tasks.id', 'in', [...tasks])
          .execute(),
    units.size === 0
      ? []
      : db
          .selectFrom('units')
          .select(['id', 'name'])
          .where('id', 'in', [...units])
          .execute(),
    users.size === 0
      ? []
      : db
          .selectFrom('users')
          .select(['id', 'username'])
          .where('id', 'in', [...users])
          .execute(),
    rows.some((r) => r.field === 'role')
      ? db.selectFrom('roles').select(['code', 'name_vi', 'name_en']).execute()
      : [],
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
    units: new Map(unitRows.map((u) => [u.id, u.name])),
    users: new Map(userRows.map((u) => [u.id, u.username])),
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
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ParIndex';
  const sheet = workbook.addWorksheet('Nhật ký', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'STT', key: 'id', width: 8 },
    { header: 'Thời gian (giờ Việt Nam)', key: 'time', width: 20 },
    { header: 'Người thực hiện', key: 'username', width: 18 },
    { header: 'Địa chỉ IP', key: 'ip', width: 16 },
    { header: 'Hành động', key: 'actionLabel', width: 28 },
    { header: 'Đối tượng', key: 'entityLabel', width: 40 },
    { header: 'Kế hoạch', key: 'planLabel', width: 28 },
    { header: 'Đơn vị', key: 'unitLabel', width: 28 },
    { header: 'Trường', key: 'fieldLabel', width: 18 },
    { header: 'Giá trị cũ', key: 'oldText', width: 40 },
    { header: 'Giá trị mới', key: 'newText', width: 40 },
    { header: 'Mã băm', key: 'hash', width: 20 },
  ];
  sheet.getRow(1).font = { bold: true };
  rows.forEach((r, i) => {
    sheet.addRow({ id: r.id, username: r.username, ip: r.ip, hash: r.hash, ...texts[i] });
  });
  sheet.getColumn('oldText').alignment = { wrapText: true, vertical: 'top' };
  sheet.getColumn('newText').alignment = { wrapText: true, vertical: 'top' };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
