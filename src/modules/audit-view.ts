/**
 * The audit trail as a reader reads it, on the page and in the XLSX alike: the action, the entity and
 * the field in words, the criterion by its code and name, the unit and the plan by name, values as
 * labels ("Chưa thực hiện", not "not_started"), numbers and dates in the one format (0,95; 30/06/2026)
 * and times in Vietnam's time. The words come from the one catalog (core/messages/audit.ts, through
 * render()). The names behind the stored ids are looked up once per page of entries
 * — one query per kind of reference, never one per row.
 */
import type { Kysely } from 'kysely';
import { detailText, phaseText, scoreText, stateText } from '../core/audit-details.js';
import { formatDate, formatDateTime } from '../core/display.js';
import type { Lang } from '../core/findings.js';
import { isAuditWord, render } from '../core/messages.js';
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

export type { AuditEntryText };

/** An action in words; an unknown action (from a newer version's trail) reads as its code. */
export function actionLabel(action: string, lang: Lang = 'vi'): string {
  return isAuditWord('action', action) ? render('audit.action', { action }, lang) : action;
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
          : r.field === 'parent_id' || r.field === 'successor_id' || r.field === 'followed_by'
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
  const word = isAuditWord('entity', r.entity)
    ? render('audit.entity', { entity: r.entity }, lang)
    : r.entity;
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

function valueText(r: AuditRow, value: string | null, names: Names, lang: Lang): string | null {
  if (value === null || value === '') return value;
  // details kept as one JSON value (a round made, an extension, a stage score, bands…): in lines
  const details = detailText(value, lang, { action: r.action, field: r.field });
  if (details !== null) return details;
  const unit = (id: number | null) => (id === null ? value : (names.units.get(id) ?? value));
  switch (r.field) {
    case 'status':
      return isAuditWord('status', value) ? render('audit.status', { status: value }, lang) : value;
    case 'lineage':
      return isAuditWord('lineage', value) ? render('audit.lineage', { lineage: value }, lang) : value;
    case 'kind':
      return isAuditWord('kind', value) ? render('audit.kind', { kind: value }, lang) : value;
    case 'disabled':
    case 'archived':
      return value === '1'
        ? render('audit.yes', {}, lang)
        : value === '0'
          ? render('audit.no', {}, lang)
          : value;
    case 'parent_id':
    case 'successor_id':
    case 'followed_by':
      return unit(asId(value));
    case 'phase':
      return phaseText(value, lang);
    case 'unit_state':
      return stateText(value, lang);
    case 'state':
      // a framework's state, worded as the command line words it
      return value === 'draft' || value === 'published' || value === 'in-use'
        ? render('cli.frameworkState', { state: value }, lang)
        : value;
    case 'role': {
      const at = value.lastIndexOf('@');
      if (at < 0) return value;
      const role = names.roles.get(value.slice(0, at));
      const where =
        value.slice(at + 1) === '*' ? render('audit.everywhere', {}, lang) : unit(roleUnit(value));
      return `${role ? role[lang] : value.slice(0, at)} @ ${where}`;
    }
    case 'deadline':
    case 'valid_from':
    case 'valid_to':
    case 'decision_date':
      return formatDate(value);
    case 'baseline':
    case 'target':
    case 'max':
    case 'score':
      return scoreText(value, lang);
    default:
      return value;
  }
}

function fieldLabel(field: string, lang: Lang): string {
  return isAuditWord('field', field) ? render('audit.field', { field }, lang) : field;
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
    fieldLabel: r.field === null ? null : fieldLabel(r.field, lang),
    oldText: valueText(r, r.old_value, names, lang),
    newText: valueText(r, r.new_value, names, lang),
  }));
}

/** The trail as a workbook: the same words and formats as the page, in Vietnamese (an office's file). */
export async function auditWorkbook(db: Kysely<DB>, rows: readonly AuditRow[]): Promise<Uint8Array> {
  const texts = await describeAudit(db, rows, 'vi');
  return writeAuditXlsx(
    rows.map((r, i) => ({ id: r.id, username: r.username, ip: r.ip, hash: r.hash, ...texts[i]! })),
  );
}
