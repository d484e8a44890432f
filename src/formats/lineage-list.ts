/**
 * A list of reorganisations (CSV or XLSX; tab-separated text too): one row per old unit, with the
 * columns "Đơn vị cũ", "Đơn vị mới", "Sự kiện", "Ngày", "Quyết định" in any order, found by their
 * titles as plans' headers are. Rows of the same event (A → D, B → D, same day and decision) are
 * grouped by modules/unit-events.ts, which also finds the units by name. Never throws for bad input:
 * a file that cannot be read gives one ReadFailure, a bad row a finding with its row and column.
 */
import {
  finding,
  type Finding,
  type FindingParamsOf,
  type RuleId,
  type SourceLocation,
} from '../core/findings.js';
import { parseDeadline } from '../core/dates.js';
import { LINEAGE_KINDS, type LineageKind } from '../core/lineage.js';
import { fold, oneLine } from '../core/text.js';
import { ReadLimitError, type ReadFailure } from './errors.js';
import { readBlocks, sniffFormat } from './read.js';
import type { SourceBlock, SourceCell } from './source.js';

export type ListColumn = 'old' | 'new' | 'event' | 'date' | 'decision';

/** Title patterns on folded text; the first match wins. */
const TITLES: readonly [ListColumn, RegExp][] = [
  ['old', /^(ten )?(don vi|dvhc|co quan) (cu|truoc)|^old unit|truoc (khi )?sap xep/],
  ['new', /^(ten )?(don vi|dvhc|co quan) (moi|sau|ke thua)|^new unit|sau (khi )?sap xep/],
  ['event', /^(su kien|hinh thuc|loai sap xep|event)/],
  ['date', /^(ngay|thoi diem|date)/],
  ['decision', /^(quyet dinh|nghi quyet|can cu|van ban|decision)/],
];

/** Words of each kind of event, folded. */
const KIND_WORDS: readonly [LineageKind, RegExp][] = [
  ['merged', /^(sap nhap|hop nhat|nhap|merged?)$/],
  ['split', /^(chia tach|tach|chia|split)$/],
  ['renamed', /^(doi ten|renamed?)$/],
  ['moved', /^(dieu chuyen|chuyen|chuyen don vi cap tren|moved?)$/],
  ['dissolved', /^(giai the|dissolved?)$/],
];

export interface ListRow {
  location: SourceLocation;
  /** where each column of this row is (for a finding on a name) */
  columns: Record<ListColumn, SourceLocation>;
  old: string;
  new: string;
  kind: LineageKind;
  date: string;
  decision: string;
}

export type ListOutcome =
  { ok: true; rows: ListRow[]; findings: Finding[] } | { ok: false; failure: ReadFailure };

function titleOf(text: string): ListColumn | null {
  const f = oneLine(fold(text))
    .replace(/[/,.;:()*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [column, pattern] of TITLES) if (pattern.test(f)) return column;
  return null;
}

export function kindOfWord(text: string): LineageKind | null {
  const f = oneLine(fold(text)).trim();
  if ((LINEAGE_KINDS as readonly string[]).includes(f)) return f as LineageKind;
  for (const [kind, pattern] of KIND_WORDS) if (pattern.test(f)) return kind;
  return null;
}

const REQUIRED: readonly ListColumn[] = ['old', 'event', 'date'];
const COLUMN_WORDS: Record<ListColumn, [string, string]> = {
  old: ['Đơn vị cũ', 'old unit'],
  new: ['Đơn vị mới', 'new unit'],
  event: ['Sự kiện', 'event'],
  date: ['Ngày', 'date'],
  decision: ['Quyết định', 'decision'],
};

function at(location: SourceLocation, column: number): SourceLocation {
  return { ...location, column: column + 1 };
}

/** The rows of a list of reorganisations from its source stream (pure: the tests call it directly). */
export function listRows(blocks: readonly SourceBlock[]): { rows: ListRow[]; findings: Finding[] } {
  const rows = blocks.filter((b): b is Extract<SourceBlock, { kind: 'row' }> => b.kind === 'row');
  const headerAt = rows.findIndex((r) => r.cells.filter((c) => titleOf(c.text) !== null).length >= 2);
  const findings: Finding[] = [];
  const add = <R extends RuleId>(rule: R, location: SourceLocation | null, params: FindingParamsOf[R]) =>
    findings.push(finding(rule, 'error', null, location, params));
  if (headerAt < 0) {
    for (const c of REQUIRED)
      add('lineage-missing-column', null, { column: COLUMN_WORDS[c][0], columnEn: COLUMN_WORDS[c][1] });
    return { rows: [], findings };
  }
  const header = rows[headerAt]!;
  const columns: Partial<Record<ListColumn, number>> = {};
  header.cells.forEach((c, i) => {
    const column = titleOf(c.text);
    if (column !== null && columns[column] === undefined) columns[column] = i;
  });
  const missing = REQUIRED.filter((c) => columns[c] === undefined);
  for (const c of missing)
    add('lineage-missing-column', header.location, {
      column: COLUMN_WORDS[c][0],
      columnEn: COLUMN_WORDS[c][1],
    });
  if (missing.length > 0) return { rows: [], findings };

  const out: ListRow[] = [];
  for (const row of rows.slice(headerAt + 1)) {
    const cell = (c: ListColumn): SourceCell | undefined =>
      columns[c] === undefined ? undefined : row.cells[columns[c]];
    const text = (c: ListColumn) => oneLine(cell(c)?.text ?? '').trim();
    const where = Object.fromEntries(
      (Object.keys(COLUMN_WORDS) as ListColumn[]).map((c) => [c, at(row.location, columns[c] ?? 0)]),
    ) as Record<ListColumn, SourceLocation>;
    if ((['old', 'new', 'event', 'date', 'decision'] as const).every((c) => text(c) === '')) continue;
    const kind = kindOfWord(text('event'));
    const date = parseDeadline(text('date'));
    let bad = false;
    if (text('old') === '') {
      add('lineage-missing-value', where.old, {
        column: COLUMN_WORDS.old[0],
        columnEn: COLUMN_WORDS.old[1],
      });
      bad = true;
    }
    if (kind === null) {
      add('lineage-bad-event', where.event, { value: text('event') });
      bad = true;
    }
    if (date === null) {
      add('lineage-bad-date', where.date, { value: text('date') });
      bad = true;
    }
    if (bad) continue;
    out.push({
      location: row.location,
      columns: where,
      old: text('old'),
      new: text('new'),
      kind: kind!,
      date: date!,
      decision: text('decision'),
    });
  }
  return { rows: out, findings };
}

/** Reads a list of reorganisations: sniffed by content like a plan (formats/read.ts). */
export async function readLineageList(bytes: Uint8Array): Promise<ListOutcome> {
  const sniffed = sniffFormat(bytes);
  if (!sniffed.ok) return sniffed;
  if (sniffed.format === 'docx')
    return { ok: false, failure: { code: 'unsupported-format', detail: 'DOCX' } };
  let blocks: SourceBlock[];
  try {
    blocks = await readBlocks(sniffed.format, bytes);
  } catch (error) {
    if (error instanceof ReadLimitError)
      return { ok: false, failure: { code: 'over-limit', limit: error.limit } };
    return { ok: false, failure: { code: 'corrupt-zip', detail: sniffed.format.toUpperCase() } };
  }
  return { ok: true, ...listRows(blocks) };
}
