/**
 * A survey's scores (điều tra xã hội học, SIPAS) as the provincial office receives them: XLSX, CSV or
 * tab-separated text, in one of two layouts found by the column titles, in any order —
 *   long: one row per unit and criterion, columns "Đơn vị" (Tên đơn vị, Xã/phường …), "Mã tiêu chí"
 *         (Tiêu chí, STT …) and "Điểm" (Điểm khảo sát …);
 *   wide: one row per unit, a column "Đơn vị" and one column per criterion titled by its code
 *         ("8.1.1", "Tiêu chí 8.1.2").
 * Pure reading: which unit a name is and whether a code is a survey criterion of the round is
 * modules/survey.ts's business. Never throws for bad input: a file that cannot be read gives one
 * ReadFailure, a bad row a finding with its line or sheet and cell.
 */
import { parseCode } from '../core/codes.js';
import {
  finding,
  type Finding,
  type FindingParamsOf,
  type RuleId,
  type SourceLocation,
} from '../core/findings.js';
import { MAX_DECIMALS, parseScore, scoreFromNumber, type Score } from '../core/score.js';
import { fold, oneLine } from '../core/text.js';
import { ReadLimitError, type ReadFailure } from './errors.js';
import { readBlocks, sniffFormat } from './read.js';
import type { SourceBlock, SourceCell } from './source.js';

export type SurveyColumn = 'unit' | 'code' | 'score';
export type SurveyLayout = 'long' | 'wide';

export interface SurveyRow {
  /** the unit's name as written */
  unit: string;
  /** the code as written and normalised (core/codes.ts) */
  rawCode: string;
  code: string;
  score: Score;
  /** where the row is, and where its unit, code and score cells are */
  location: SourceLocation;
  unitAt: SourceLocation;
  codeAt: SourceLocation;
  scoreAt: SourceLocation;
}

export type SurveyOutcome =
  | { ok: true; layout: SurveyLayout | null; rows: SurveyRow[]; findings: Finding[] }
  | { ok: false; failure: ReadFailure };

/** Title patterns on folded text, each with a rank: a lower rank wins over a higher one. */
const TITLES: readonly [SurveyColumn, number, RegExp][] = [
  ['unit', 0, /^(ten )?(don vi|co quan|dia phuong|unit)( duoc (danh gia|khao sat))?$/],
  ['unit', 1, /^(ten )?(xa|phuong|xa phuong|xa phuong thi tran|phuong xa)$/],
  ['code', 0, /^(ma( so)? tieu chi|so hieu tieu chi|criterion code|code)$/],
  ['code', 1, /^(tieu chi( thanh phan)?|criterion)$/],
  ['code', 2, /^(stt|so thu tu|tt)$/],
  ['score', 0, /^diem (khao sat|dieu tra|dieu tra xa hoi hoc|dieu tra xhh|sipas)$|^survey score$/],
  ['score', 1, /^(diem|diem dat duoc|diem so|score)$/],
];

export const COLUMN_WORDS: Record<SurveyColumn, [string, string]> = {
  unit: ['Đơn vị', 'unit'],
  code: ['Mã tiêu chí', 'criterion code'],
  score: ['Điểm', 'score'],
};

function folded(text: string): string {
  return oneLine(fold(text))
    .replace(/[/,.;:()*\-–]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function titleOf(text: string): { column: SurveyColumn; rank: number } | null {
  const f = folded(text);
  for (const [column, rank, pattern] of TITLES) if (pattern.test(f)) return { column, rank };
  return null;
}

/** A wide layout's criterion column: "8.1.1", "TC 8.1.1", "Tiêu chí 8.1.1" (a code of two parts or more). */
export function codeTitle(text: string): { raw: string; code: string } | null {
  const raw = oneLine(text)
    .trim()
    .replace(/^(tiêu chí|tc|mã)\s*/iu, '');
  const parsed = parseCode(raw);
  return parsed.ok && parsed.parts.length >= 2 ? { raw, code: parsed.code } : null;
}

function at(location: SourceLocation, column: number): SourceLocation {
  return { ...location, column: column + 1 };
}

type Row = Extract<SourceBlock, { kind: 'row' }>;

interface Header {
  layout: SurveyLayout;
  index: number;
  unit: number;
  code: number;
  score: number;
  /** wide: the criterion columns */
  codes: { column: number; raw: string; code: string }[];
}

/** The best column of each kind in a row (the lowest rank, then the leftmost). */
function columnsOf(row: Row): Partial<Record<SurveyColumn, number>> {
  const best: Partial<Record<SurveyColumn, { i: number; rank: number }>> = {};
  row.cells.forEach((c, i) => {
    const t = titleOf(c.text);
    if (t === null) return;
    const seen = best[t.column];
    if (seen === undefined || t.rank < seen.rank) best[t.column] = { i, rank: t.rank };
  });
  return Object.fromEntries(Object.entries(best).map(([k, v]) => [k, v.i]));
}

function findHeader(rows: readonly Row[]): Header | null {
  for (const [index, row] of rows.slice(0, 50).entries()) {
    const cols = columnsOf(row);
    if (cols.unit === undefined) continue;
    if (cols.code !== undefined && cols.score !== undefined) {
      return { layout: 'long', index, unit: cols.unit, code: cols.code, score: cols.score, codes: [] };
    }
    const codes = row.cells.flatMap((c, column) => {
      const t = column === cols.unit ? null : codeTitle(c.text);
      return t ? [{ column, ...t }] : [];
    });
    if (codes.length > 0) return { layout: 'wide', index, unit: cols.unit, code: -1, score: -1, codes };
  }
  return null;
}

type ScoreRead =
  { ok: true; score: Score | null } | { ok: false; reason: 'not-a-number' | 'too-many-decimals' };

/** A score cell: a spreadsheet number (at most four decimals) or a number as Vietnamese text writes it. */
export function scoreOfCell(cell: SourceCell | undefined): ScoreRead {
  if (cell?.number !== undefined) {
    const units = cell.number * 10 ** MAX_DECIMALS;
    if (Math.abs(units - Math.round(units)) > 1e-6) return { ok: false, reason: 'too-many-decimals' };
    const s = scoreFromNumber(cell.number, cell.decimals);
    return s === null ? { ok: false, reason: 'not-a-number' } : { ok: true, score: s };
  }
  return parseScore(cell?.text ?? '');
}

/** The rows of a survey file from its source stream (pure: the tests call it directly). */
export function surveyRows(blocks: readonly SourceBlock[]): {
  layout: SurveyLayout | null;
  rows: SurveyRow[];
  findings: Finding[];
} {
  const rows = blocks.filter((b): b is Row => b.kind === 'row');
  const findings: Finding[] = [];
  const add = <R extends RuleId>(
    rule: R,
    code: string | null,
    location: SourceLocation | null,
    params: FindingParamsOf[R],
  ) => findings.push(finding(rule, 'error', code, location, params));
  const header = findHeader(rows);
  if (header === null) {
    // name the columns a long layout needs; a wide one needs the unit and the criteria's codes
    const anywhere = rows.slice(0, 50).map(columnsOf);
    for (const c of ['unit', 'code', 'score'] as const) {
      if (anywhere.every((cols) => cols[c] === undefined))
        add('survey-missing-column', null, null, {
          column: COLUMN_WORDS[c][0],
          columnEn: COLUMN_WORDS[c][1],
        });
    }
    if (findings.length === 0)
      add('survey-missing-column', null, null, {
        column: COLUMN_WORDS.unit[0],
        columnEn: COLUMN_WORDS.unit[1],
      });
    return { layout: null, rows: [], findings };
  }

  const out: SurveyRow[] = [];
  const text = (row: Row, column: number) => oneLine(row.cells[column]?.text ?? '').trim();
  const scored = (
    row: Row,
    unit: string,
    rawCode: string,
    code: string,
    column: number,
    codeAt: SourceLocation,
  ) => {
    const scoreAt = at(row.location, column);
    const read = scoreOfCell(row.cells[column]);
    if (!read.ok) {
      const rule = read.reason === 'too-many-decimals' ? 'survey-too-many-decimals' : 'survey-bad-score';
      add(rule, code, scoreAt, { text: text(row, column) });
      return;
    }
    if (read.score === null) {
      // a wide row leaves a criterion it has no result for empty; a long row is there for its score
      if (header.layout === 'long')
        add('survey-missing-value', code, scoreAt, {
          column: COLUMN_WORDS.score[0],
          columnEn: COLUMN_WORDS.score[1],
        });
      return;
    }
    out.push({
      unit,
      rawCode,
      code,
      score: read.score,
      location: row.location,
      unitAt: at(row.location, header.unit),
      codeAt,
      scoreAt,
    });
  };

  for (const row of rows.slice(header.index + 1)) {
    if (row.cells.every((c) => c.text.trim() === '' && c.number === undefined)) continue;
    // a header repeated on a later page (or sheet) is not a row
    if (titleOf(row.cells[header.unit]?.text ?? '')?.column === 'unit') continue;
    const unit = text(row, header.unit);
    const unitAt = at(row.location, header.unit);
    if (header.layout === 'wide') {
      if (unit === '') {
        add('survey-missing-value', null, unitAt, {
          column: COLUMN_WORDS.unit[0],
          columnEn: COLUMN_WORDS.unit[1],
        });
        continue;
      }
      for (const c of header.codes) {
        scored(row, unit, c.raw, c.code, c.column, at(rows[header.index]!.location, c.column));
      }
      continue;
    }
    const rawCode = text(row, header.code);
    const codeAt = at(row.location, header.code);
    if (unit === '') {
      add('survey-missing-value', null, unitAt, {
        column: COLUMN_WORDS.unit[0],
        columnEn: COLUMN_WORDS.unit[1],
      });
      continue;
    }
    if (rawCode === '') {
      add('survey-missing-value', null, codeAt, {
        column: COLUMN_WORDS.code[0],
        columnEn: COLUMN_WORDS.code[1],
      });
      continue;
    }
    const parsed = parseCode(rawCode);
    if (!parsed.ok) {
      add('malformed-code', null, codeAt, { raw: rawCode });
      continue;
    }
    scored(row, unit, rawCode, parsed.code, header.score, codeAt);
  }
  return { layout: header.layout, rows: out, findings };
}

/**
 * The rows of a table file (XLSX, CSV, tab-separated text) sniffed by content like a plan
 * (formats/read.ts), bounded by its limits; DOCX is not a table's form here. Shared by the survey's
 * and the results' readers.
 */
export async function tableBlocks(
  bytes: Uint8Array,
): Promise<{ ok: true; blocks: SourceBlock[] } | { ok: false; failure: ReadFailure }> {
  const sniffed = sniffFormat(bytes);
  if (!sniffed.ok) return sniffed;
  if (sniffed.format === 'docx')
    return { ok: false, failure: { code: 'unsupported-format', detail: 'DOCX' } };
  try {
    return { ok: true, blocks: await readBlocks(sniffed.format, bytes) };
  } catch (error) {
    if (error instanceof ReadLimitError)
      return { ok: false, failure: { code: 'over-limit', limit: error.limit } };
    return { ok: false, failure: { code: 'corrupt-zip', detail: sniffed.format.toUpperCase() } };
  }
}

/** Reads a survey file (tableBlocks, then surveyRows). */
export async function readSurvey(bytes: Uint8Array): Promise<SurveyOutcome> {
  const read = await tableBlocks(bytes);
  if (!read.ok) return read;
  return { ok: true, ...surveyRows(read.blocks) };
}
