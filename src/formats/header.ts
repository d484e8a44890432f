/**
 * Finds the header of an appendix table by its column titles, not by position. Offices word the
 * titles differently ("Điểm chuẩn" / "Điểm tối đa", "Mục tiêu" / "Chỉ tiêu phấn đấu", "TT" for
 * "STT"), order the columns differently, and may split the header over two rows under a merged
 * group cell ("Điểm" over three columns). The same titles find a criteria framework's table
 * (STT | Tiêu chí | Điểm tối đa | Cách tính điểm | Tài liệu kiểm chứng): `detectHeader(…, 'framework')`.
 */
import { parseCode } from '../core/codes.js';
import type { ColumnRole } from '../core/plan.js';
import { findYear } from '../core/subject.js';
import { fold, oneLine } from '../core/text.js';
import type { SourceCell } from './source.js';

/** A plan's columns and a framework's: the method, the evidence, who follows the area, who scores. */
export type HeaderRole = ColumnRole | 'method' | 'evidence' | 'followedBy' | 'scorer';

export type TableKind = 'plan' | 'framework';

/** Title patterns on folded text, tried in this order for each column; the first match wins. */
const ROLE_PATTERNS: readonly [HeaderRole, RegExp][] = [
  ['code', /^(stt|tt|so tt|so thu tu|ma|ma so|ma tieu chi)$/],
  // a framework's columns first: "Tài liệu kiểm chứng kết quả" is no baseline, "Cách tính điểm đạt" no score
  [
    'method',
    /cach tinh diem|cach cham diem|phuong phap (cham|tinh|danh gia|xac dinh)|cach thuc (cham|tinh)|huong dan cham/,
  ],
  ['evidence', /tai lieu kiem chung|kiem chung/],
  ['scorer', /^(hinh thuc|phuong thuc) (danh gia|cham diem|cham)|^diem danh gia$/],
  ['task', /nhiem vu|giai phap/],
  ['lead', /chu tri|don vi thuc hien|co quan thuc hien|trach nhiem thuc hien|don vi phu trach/],
  ['support', /phoi hop/],
  // before target: "Tiêu chí/Tiêu chí thành phần" holds the letters of "chỉ tiêu"
  ['name', /^(linh vuc|tieu chi|noi dung|ten tieu chi|ten linh vuc)/],
  ['target', /muc tieu|chi tieu|phan dau|du kien dat/],
  ['baseline', /dat duoc|ket qua|diem dat|thuc te|^diem (nam )?\d{4}$|^(nam )?\d{4}$/],
  ['max', /diem chuan|toi da|^chuan$|thang diem/],
  ['deadline', /thoi gian|thoi han|han hoan thanh/],
  ['note', /ghi chu/],
  ['followedBy', /theo doi|tham dinh|don vi danh gia|co quan danh gia/],
];

/** Column titles are short; longer cells are data and are not classified. */
const MAX_TITLE = 160;
const MAX_CODE_TITLE = 20;

export interface Header {
  /** 0-based column index of each role */
  columns: Partial<Record<HeaderRole, number>>;
  /** the column titles as read (joined over the header rows) */
  titles: string[];
  /** how many source rows the header takes */
  rows: number;
  baselineYear: number | null;
  targetYear: number | null;
}

export function classifyTitle(title: string): HeaderRole | null {
  const f = oneLine(fold(title))
    .replace(/[/,.;:()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (f === '') return null;
  for (const [role, pattern] of ROLE_PATTERNS) if (pattern.test(f)) return role;
  return null;
}

function classify(titles: readonly string[]): Partial<Record<HeaderRole, number>> {
  const columns: Partial<Record<HeaderRole, number>> = {};
  titles.forEach((t, i) => {
    const role = classifyTitle(t);
    if (role !== null && columns[role] === undefined) columns[role] = i;
  });
  return columns;
}

/** A plan has scores of a year; a framework says how to score (or with what evidence, or who scores). */
function complete(columns: Partial<Record<HeaderRole, number>>, kind: TableKind): boolean {
  if (columns.code === undefined || columns.name === undefined || columns.max === undefined) return false;
  return kind === 'plan'
    ? columns.baseline !== undefined || columns.target !== undefined
    : columns.method !== undefined || columns.evidence !== undefined || columns.scorer !== undefined;
}

function looksLikeData(cells: readonly SourceCell[], columns: Partial<Record<HeaderRole, number>>): boolean {
  const code = columns.code === undefined ? undefined : cells[columns.code];
  if (!code) return false;
  return code.number !== undefined || parseCode(code.text).ok;
}

/**
 * Tries to read a header at `row`, using `next` as a second header row when the first holds group
 * titles. Returns null when the row is not a header.
 */
export function detectHeader(
  row: readonly SourceCell[],
  next: readonly SourceCell[] | null,
  kind: TableKind = 'plan',
): Header | null {
  // cheap test first: every header has a short code title ("STT", "TT"); data rows almost never do
  if (!row.some((c) => c.text.length <= MAX_CODE_TITLE && classifyTitle(c.text) === 'code')) return null;
  const single = row.map((c) => (c.text.length <= MAX_TITLE ? oneLine(c.text) : ''));
  const one = classify(single);
  if (looksLikeData(row, one)) return null;

  if (next && !looksLikeData(next, one) && next.every((c) => c.number === undefined)) {
    const joined = single.map((t, i) => {
      const below = oneLine(next[i]?.text ?? '');
      return below === '' || below === t ? t : `${t} ${below}`.trim();
    });
    const two = classify(joined);
    const addsTitles = next.some((c, i) => c.text.trim() !== '' && oneLine(c.text) !== single[i]);
    if (addsTitles && complete(two, kind) && Object.keys(two).length >= Object.keys(one).length) {
      return header(two, joined, 2);
    }
  }
  return complete(one, kind) ? header(one, single, 1) : null;
}

function header(columns: Partial<Record<HeaderRole, number>>, titles: string[], rows: number): Header {
  const year = (role: HeaderRole) => {
    const i = columns[role];
    return i === undefined ? null : findYear(titles[i]);
  };
  return { columns, titles, rows, baselineYear: year('baseline'), targetYear: year('target') };
}

/** "(1) (2) (3)…" or "1 2 3…": the row of column numbers many official tables put under the header. */
export function isColumnNumberRow(cells: readonly SourceCell[]): boolean {
  const values = cells
    .map((c) => (c.number !== undefined ? String(c.number) : c.text.trim()))
    .filter((t) => t !== '');
  if (values.length < 3) return false;
  const numbers = values.map((t) => /^\(?(\d{1,2})\)?$/.exec(t)?.[1]);
  if (numbers.some((n) => n === undefined)) return false;
  return numbers.every((n, i) => i === 0 || Number(n) > Number(numbers[i - 1]));
}

const PLAN_ROLES: ReadonlySet<HeaderRole> = new Set<ColumnRole>([
  'code',
  'name',
  'max',
  'baseline',
  'target',
  'task',
  'lead',
  'support',
  'deadline',
  'note',
]);

/** A column a plan keeps (a framework's method or evidence column in a plan is read past). */
export function isPlanRole(role: HeaderRole): role is ColumnRole {
  return PLAN_ROLES.has(role);
}
