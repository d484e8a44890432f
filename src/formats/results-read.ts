/**
 * A published result's table (issue 12): XLSX, CSV or tab-separated text, columns found by their
 * titles in any order, in one of two layouts —
 *   wide: a row per unit: "Tỉnh, thành phố" / "Đơn vị", "Chỉ số", "Xếp hạng", "Nhóm" / "Xếp loại",
 *         the components by their Vietnamese titles (Điểm thẩm định, SIPAS / Chỉ số hài lòng, Khảo
 *         sát lãnh đạo, cán bộ, Tác động …), areas "Lĩnh vực 1" …, criteria by code ("8.1");
 *         a max in the title's brackets ("SIPAS (10)") is the part's max;
 *   long: a row per unit and part: "Đơn vị", "Mã" / "Tiêu chí", "Điểm"; the code a component's
 *         title, an area or criterion code, or "Chỉ số" for the unit's index.
 * Each row keeps its place. Pure reading with the checks a table alone allows (numbers, ranks,
 * groups, index within 0–100, a part above its max, the components against the index — see
 * core/result-parts.ts — and a name written twice); which unit a name is is
 * modules/results-import.ts's business. Never throws for bad input. Bounded by the readers' limits
 * (formats/read.ts, scan.ts) and run in the worker pool (task kind 'results').
 */
import { parseCode } from '../core/codes.js';
import {
  finding,
  type Finding,
  type FindingParamsOf,
  type RuleId,
  type SourceLocation,
  lineOf,
} from '../core/findings.js';
import {
  COMPONENT_CODES,
  COMPONENT_NAMES,
  componentOfTitle,
  componentsSumFinding,
  foldTitle,
} from '../core/result-parts.js';
import { compare, parseScore, type Score } from '../core/score.js';
import { oneLine } from '../core/text.js';
import { unitKey } from '../core/units.js';
import type { ReadFailure } from './errors.js';
import type { SourceBlock, SourceCell } from './source.js';
import { codeTitle, scoreOfCell, tableBlocks, titleOf } from './survey-read.js';

export type ResultsLayout = 'wide' | 'long';
export type ResultPartKind = 'component' | 'area' | 'criterion';

export interface ReadPart {
  code: string;
  kind: ResultPartKind;
  parentCode: string | null;
  name: string;
  max: Score | null;
}

export interface ResultsRow {
  /** the unit's name as written */
  unit: string;
  index: Score;
  publishedRank: number | null;
  publishedGroup: string | null;
  /** per part code (the parts' order) */
  scores: { code: string; score: Score | null }[];
  location: SourceLocation;
  unitAt: SourceLocation;
}

export type ResultsOutcome =
  | { ok: true; layout: ResultsLayout | null; parts: ReadPart[]; rows: ResultsRow[]; findings: Finding[] }
  | { ok: false; failure: ReadFailure };

type Column = 'unit' | 'index' | 'rank' | 'group';

const TITLES: readonly [Column, RegExp][] = [
  [
    'unit',
    /^(ten )?(don vi|co quan|dia phuong|tinh|tinh thanh pho|tinh thanh|tinh tp|unit|province)( duoc danh gia| truc thuoc trung uong)?$/,
  ],
  ['rank', /^(xep hang|thu hang|hang|vi tri( xep hang)?|rank|ranking)( chung)?$/],
  ['group', /^(nhom|xep loai|phan loai|phan nhom|group|band)( xep hang)?$/],
  ['index', /^(gia tri )?(chi so|par index|index)( cai cach hanh chinh| cchc| par index)?( nam \d{4})?$/],
];

const WORDS: Record<Column | 'code' | 'score', [string, string]> = {
  unit: ['Đơn vị (Tỉnh, thành phố)', 'unit'],
  index: ['Chỉ số', 'index'],
  rank: ['Xếp hạng', 'rank'],
  group: ['Nhóm', 'group'],
  code: ['Mã', 'code'],
  score: ['Điểm', 'score'],
};

function columnOf(text: string): Column | null {
  const f = foldTitle(text);
  if (f === '') return null;
  for (const [column, pattern] of TITLES) if (pattern.test(f)) return column;
  return null;
}

/** "SIPAS (10)", "Lĩnh vực 1 (tối đa 9,5 điểm)": the max in the title's last brackets. */
function maxInTitle(title: string): { name: string; max: Score | null } {
  const m = /\(\s*(?:tối đa|max)?\s*([\d.,]+)\s*(?:điểm|đ|points?)?\s*\)\s*$/iu.exec(title);
  if (!m) return { name: title.trim(), max: null };
  const parsed = parseScore(m[1]!);
  return parsed.ok && parsed.score !== null
    ? { name: title.slice(0, m.index).trim(), max: parsed.score }
    : { name: title.trim(), max: null };
}

/** A wide layout's part column from its title: a component, "Lĩnh vực 1", a criterion code. */
function partOfTitle(text: string): ReadPart | null {
  const title = oneLine(text).trim();
  if (title === '') return null;
  const { name, max } = maxInTitle(title);
  const component = componentOfTitle(name);
  if (component !== null) return { code: component, kind: 'component', parentCode: null, name, max };
  const area = /^(?:lĩnh vực|lv)\s*(\d+|[IVXL]+)\b[\s.:–-]*(.*)$/iu.exec(name);
  if (area) {
    const parsed = parseCode(area[1]!);
    if (parsed.ok)
      return { code: parsed.code, kind: 'area', parentCode: null, name: area[2]!.trim() || name, max };
  }
  const criterion = codeTitle(name);
  if (criterion !== null) {
    const parent = criterion.code.split('.').slice(0, -1).join('.');
    return { code: criterion.code, kind: 'criterion', parentCode: parent, name, max };
  }
  return null;
}

/** A long layout's code cell: the index, a component, an area ("1") or a criterion ("8.1"). */
function partOfCode(text: string): ReadPart | 'index' | null {
  const title = oneLine(text).trim();
  if (columnOf(title) === 'index') return 'index';
  const component = componentOfTitle(title);
  if (component !== null)
    return {
      code: component,
      kind: 'component',
      parentCode: null,
      name: COMPONENT_NAMES[component].vi,
      max: null,
    };
  const parsed = parseCode(title.replace(/^(?:lĩnh vực|lv|tiêu chí|tc)\s*/iu, ''));
  if (!parsed.ok) return null;
  if (parsed.parts.length === 1)
    return { code: parsed.code, kind: 'area', parentCode: null, name: title, max: null };
  const parent = parsed.code.split('.').slice(0, -1).join('.');
  return { code: parsed.code, kind: 'criterion', parentCode: parent, name: title, max: null };
}

type Row = Extract<SourceBlock, { kind: 'row' }>;

interface Header {
  layout: ResultsLayout;
  index: number;
  columns: Partial<Record<Column | 'code' | 'score', number>>;
  /** wide: the part columns */
  parts: { column: number; part: ReadPart }[];
}

function findHeader(rows: readonly Row[]): Header | null {
  for (const [index, row] of rows.slice(0, 50).entries()) {
    const columns: Header['columns'] = {};
    const parts: Header['parts'] = [];
    row.cells.forEach((c, i) => {
      const column = columnOf(c.text);
      if (column !== null) {
        columns[column] ??= i;
        return;
      }
      // a part's title first: "Điểm SIPAS" is a component here, not a survey's score column
      const part = partOfTitle(c.text);
      if (part !== null) {
        if (!parts.some((p) => p.part.code === part.code)) parts.push({ column: i, part });
        return;
      }
      const survey = titleOf(c.text);
      if (survey?.column === 'unit') columns.unit ??= i;
      // a long table's bare "Mã" / "Mã số" is the part's code
      if (/^ma( so)?$/.test(foldTitle(c.text))) columns.code ??= i;
      // "STT" is the row's number, not a code
      if (survey?.column === 'code' && survey.rank < 2) columns.code ??= i;
      if (survey?.column === 'score') columns.score ??= i;
    });
    if (columns.unit === undefined) continue;
    if (columns.code !== undefined && columns.score !== undefined)
      return { layout: 'long', index, columns, parts: [] };
    if (columns.index !== undefined) return { layout: 'wide', index, columns, parts };
  }
  return null;
}

/** A number cell: "96,17", "96.17", "96,17%", a spreadsheet number. */
function numberOf(cell: SourceCell | undefined): ReturnType<typeof scoreOfCell> {
  if (cell?.number !== undefined) return scoreOfCell(cell);
  return parseScore((cell?.text ?? '').replace(/%\s*$/, ''));
}

/** A published rank: a positive whole number ("1", "01", 1); empty is none. */
function rankOf(cell: SourceCell | undefined): { ok: true; rank: number | null } | { ok: false } {
  if (cell?.number !== undefined)
    return Number.isInteger(cell.number) && cell.number >= 1
      ? { ok: true, rank: cell.number }
      : { ok: false };
  const text = oneLine(cell?.text ?? '').trim();
  if (text === '' || text === '-') return { ok: true, rank: null };
  const m = /^(?:thứ\s*)?0*(\d{1,4})(?:\s*\/\s*\d+)?$/iu.exec(text);
  return m && Number(m[1]) >= 1 ? { ok: true, rank: Number(m[1]) } : { ok: false };
}

/** A published group: "A", "Nhóm B", "Tốt", "II"; a letter at least, at most 40 characters. */
function groupOf(cell: SourceCell | undefined): { ok: true; group: string | null } | { ok: false } {
  const text = oneLine(cell?.number !== undefined ? String(cell.number) : (cell?.text ?? '')).trim();
  if (text === '' || text === '-') return { ok: true, group: null };
  const group = text.replace(/^(nhóm|loại|xếp loại)\s+/iu, '').trim();
  return group.length <= 40 && /\p{L}/u.test(group) && /^[\p{L}\p{N} +\-–]+$/u.test(group)
    ? { ok: true, group }
    : { ok: false };
}

function at(location: SourceLocation, column: number): SourceLocation {
  return { ...location, column: column + 1 };
}

/** The rows of a results table from its source stream (pure: the tests call it directly). */
export function resultsRows(blocks: readonly SourceBlock[]): {
  layout: ResultsLayout | null;
  parts: ReadPart[];
  rows: ResultsRow[];
  findings: Finding[];
} {
  const rows = blocks.filter((b): b is Row => b.kind === 'row');
  const findings: Finding[] = [];
  const add = <R extends RuleId>(
    rule: R,
    location: SourceLocation | null,
    params: FindingParamsOf[R],
    code: string | null = null,
  ) => findings.push(finding(rule, 'error', code, location, params));
  const missing = (column: keyof typeof WORDS, location: SourceLocation | null) =>
    add('results-missing-value', location, {
      column: WORDS[column][0],
      columnEn: WORDS[column][1],
    });

  const header = findHeader(rows);
  if (header === null) {
    const seen = new Set(
      rows.slice(0, 50).flatMap((r) => r.cells.map((c) => columnOf(c.text) ?? titleOf(c.text)?.column)),
    );
    for (const c of ['unit', 'index'] as const)
      if (!seen.has(c)) add('results-missing-column', null, { column: WORDS[c][0], columnEn: WORDS[c][1] });
    if (findings.length === 0)
      add('results-missing-column', null, { column: WORDS.index[0], columnEn: WORDS.index[1] });
    return { layout: null, parts: [], rows: [], findings };
  }

  const text = (row: Row, column: number | undefined) =>
    column === undefined ? '' : oneLine(row.cells[column]?.text ?? '').trim();
  const number = (row: Row, column: number, code: string | null): Score | null | undefined => {
    const read = numberOf(row.cells[column]);
    if (read.ok) return read.score;
    const rule = read.reason === 'too-many-decimals' ? 'results-too-many-decimals' : 'results-bad-number';
    add(rule, at(row.location, column), { text: text(row, column) }, code);
    return undefined;
  };

  /** Collected per unit (long: many rows make one). */
  interface Draft {
    unit: string;
    index: Score | null | undefined;
    indexAt: SourceLocation;
    rank: number | null;
    group: string | null;
    scores: Map<string, Score | null>;
    location: SourceLocation;
    unitAt: SourceLocation;
  }
  const drafts: Draft[] = [];
  const byKey = new Map<string, Draft>();
  const parts: ReadPart[] = header.parts.map((p) => p.part);
  const partCodes = new Set(parts.map((p) => p.code));
  const cols = header.columns;

  const readRankGroup = (row: Row, draft: Draft) => {
    if (cols.rank !== undefined && draft.rank === null) {
      const r = rankOf(row.cells[cols.rank]);
      if (r.ok) draft.rank = r.rank;
      else add('results-bad-rank', at(row.location, cols.rank), { text: text(row, cols.rank) });
    }
    if (cols.group !== undefined && draft.group === null) {
      const g = groupOf(row.cells[cols.group]);
      if (g.ok) draft.group = g.group;
      else add('results-bad-group', at(row.location, cols.group), { text: text(row, cols.group) });
    }
  };

  for (const row of rows.slice(header.index + 1)) {
    if (row.cells.every((c) => c.text.trim() === '' && c.number === undefined)) continue;
    // a header repeated on a later page is not a row
    if (
      columnOf(row.cells[cols.unit!]?.text ?? '') === 'unit' ||
      titleOf(text(row, cols.unit))?.column === 'unit'
    )
      continue;
    const unit = text(row, cols.unit);
    const unitAt = at(row.location, cols.unit!);
    if (unit === '') {
      missing('unit', unitAt);
      continue;
    }
    const key = unitKey(unit, { levelWords: [] });
    if (header.layout === 'wide') {
      const first = byKey.get(key);
      if (first) {
        add('results-duplicate-unit', unitAt, { unit, first: lineOf(first.location) });
        continue;
      }
      const indexAt = at(row.location, cols.index!);
      const draft: Draft = {
        unit,
        index: number(row, cols.index!, null),
        indexAt,
        rank: null,
        group: null,
        scores: new Map(),
        location: row.location,
        unitAt,
      };
      readRankGroup(row, draft);
      for (const { column, part } of header.parts) {
        const score = number(row, column, part.code);
        if (score !== undefined) draft.scores.set(part.code, score);
      }
      byKey.set(key, draft);
      drafts.push(draft);
      continue;
    }
    // long: one row per unit and part
    let draft = byKey.get(key);
    if (!draft) {
      draft = {
        unit,
        index: null,
        indexAt: row.location,
        rank: null,
        group: null,
        scores: new Map(),
        location: row.location,
        unitAt,
      };
      byKey.set(key, draft);
      drafts.push(draft);
    }
    readRankGroup(row, draft);
    const codeAt = at(row.location, cols.code!);
    const rawCode = text(row, cols.code);
    if (rawCode === '') {
      missing('code', codeAt);
      continue;
    }
    const part = partOfCode(rawCode);
    if (part === null) {
      add('malformed-code', codeAt, { raw: rawCode });
      continue;
    }
    const score = number(row, cols.score!, part === 'index' ? null : part.code);
    if (score === undefined) continue;
    if (part === 'index') {
      if (draft.index !== null && draft.index !== undefined) {
        add('results-duplicate-unit', unitAt, { unit, first: lineOf(draft.location) });
        continue;
      }
      draft.index = score;
      draft.indexAt = at(row.location, cols.score!);
      continue;
    }
    if (!partCodes.has(part.code)) {
      partCodes.add(part.code);
      parts.push(part);
    }
    if (draft.scores.has(part.code)) {
      add('results-duplicate-unit', codeAt, { unit, first: lineOf(draft.location) }, part.code);
      continue;
    }
    draft.scores.set(part.code, score);
  }

  // parts' parents: a criterion's parent is an area or criterion of the file, else none
  for (const p of parts) if (p.parentCode !== null && !partCodes.has(p.parentCode)) p.parentCode = null;

  const allComponents = COMPONENT_CODES.every((code) => partCodes.has(code));
  const hundred: Score = { units: 100 * 10_000, scale: 0 };
  const out: ResultsRow[] = [];
  for (const d of drafts) {
    if (d.index === undefined) continue; // its number was refused above
    if (d.index === null) {
      missing('index', d.indexAt);
      continue;
    }
    if (d.index.units < 0 || compare(d.index, hundred) > 0)
      add('results-index-out-of-range', d.indexAt, { value: d.index });
    for (const p of parts) {
      const s = d.scores.get(p.code) ?? null;
      if (s === null || p.max === null) continue;
      if (compare(s, p.max) > 0)
        add('results-above-max', d.unitAt, { part: p.name, value: s, max: p.max }, p.code);
    }
    // the components are checked against the index when the table gives all of them
    if (allComponents) {
      const components = COMPONENT_CODES.map((code) => d.scores.get(code) ?? null);
      const sumFinding = componentsSumFinding(d.unit, d.index, components, d.indexAt);
      if (sumFinding) findings.push(sumFinding);
    }
    out.push({
      unit: d.unit,
      index: d.index,
      publishedRank: d.rank,
      publishedGroup: d.group,
      scores: parts.map((p) => ({ code: p.code, score: d.scores.get(p.code) ?? null })),
      location: d.location,
      unitAt: d.unitAt,
    });
  }
  return { layout: header.layout, parts, rows: out, findings };
}

/** Reads a results table: sniffed by content (survey-read.ts#tableBlocks), then resultsRows. */
export async function readResults(bytes: Uint8Array): Promise<ResultsOutcome> {
  const read = await tableBlocks(bytes);
  if (!read.ok) return read;
  return { ok: true, ...resultsRows(read.blocks) };
}
