/**
 * Finds the header of an appendix table by its column titles, not by position. Offices word the
 * titles differently ("Điểm chuẩn" / "Điểm tối đa", "Mục tiêu" / "Chỉ tiêu phấn đấu", "TT" for
 * "STT"), order the columns differently, and may split the header over two rows under a merged
 * group cell ("Điểm" over three columns).
 */
import { parseCode } from '../core/codes.js';
import type { ColumnRole } from '../core/plan.js';
import { findYear } from '../core/subject.js';
import { fold, oneLine } from '../core/text.js';
import type { SourceCell } from './source.js';

/** Title patterns on folded text, tried in this order for each column; the first match wins. */
const ROLE_PATTERNS: readonly [ColumnRole, RegExp][] = [
  ['code', /^(stt|tt|so tt|so thu tu|ma|ma so|ma tieu chi)$/],
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
];

/** Column titles are short; longer cells are data and are not classified. */
const MAX_TITLE = 160;
const MAX_CODE_TITLE = 20;

export interface Header {
  /** 0-based column index of each role */
  columns: Partial<Record<ColumnRole, number>>;
  /** the column titles as read (joined over the header rows) */
  titles: string[];
  /** how many source rows the header takes */
  rows: number;
  baselineYear: number | null;
  targetYear: number | null;
}

export function classifyTitle(title: string): ColumnRole | null {
  const f = oneLine(fold(title))
    .replace(/[/,.;:()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (f === '') return null;
  for (const [role, pattern] of ROLE_PATTERNS) if (pattern.test(f)) return role;
  return null;
}

function classify(titles: readonly string[]): Partial<Record<ColumnRole, number>> {
  const columns: Partial<Record<ColumnRole, number>> = {};
  titles.forEach((t, i) => {
    const role = classifyTitle(t);
    if (role !== null && columns[role] === undefined) columns[role] = i;
  });
  return columns;
}

function complete(columns: Partial<Record<ColumnRole, number>>): boolean {
  return (
    columns.code !== undefined &&
    columns.name !== undefined &&
    columns.max !== undefined &&
    (columns.baseline !== undefined || columns.target !== undefined)
  );
}

function looksLikeData(cells: readonly SourceCell[], columns: Partial<Record<ColumnRole, number>>): boolean {
  const code = columns.code === undefined ? undefined : cells[columns.code];
  if (!code) return false;
  return code.number !== undefined || parseCode(code.text).ok;
}

/**
 * Tries to read a header at `row`, using `next` as a second header row when the first holds group
 * titles. Returns null when the row is not a header.
 */
export function detectHeader(row: readonly SourceCell[], next: readonly SourceCell[] | null): Header | null {
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
    if (addsTitles && complete(two) && Object.keys(two).length >= Object.keys(one).length) {
      return header(two, joined, 2);
    }
  }
  return complete(one) ? header(one, single, 1) : null;
}

function header(columns: Partial<Record<ColumnRole, number>>, titles: string[], rows: number): Header {
  const year = (role: ColumnRole) => {
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
