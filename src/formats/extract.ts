/**
 * Recognises plans in a source stream: titles, header rows (repeated on every page), criterion
 * rows, total rows. One file may hold several appendices; a new one starts at a title after data, at
 * a header after a total row, or on a new worksheet. Bad rows give findings, never exceptions.
 */
import { parseCode } from '../core/codes.js';
import type { Finding, ScoreField, SourceLocation } from '../core/findings.js';
import type { ColumnRole, PlanDocument, PlanRow, Totals } from '../core/plan.js';
import { parseScore, scoreFromNumber, type Score } from '../core/score.js';
import { findSubject, findYear, type Subject } from '../core/subject.js';
import { cleanLines, fold, oneLine } from '../core/text.js';
import { markupToText, splitInlineBullets } from './cells.js';
import { detectHeader, isColumnNumberRow, isPlanRole, type Header, type HeaderRole } from './header.js';
import { isBlankRow, type SourceBlock, type SourceCell } from './source.js';

export interface ExtractedPlan {
  plan: PlanDocument;
  subject: Subject | null;
  /** what reading found: cells, codes, columns (the checker adds its own) */
  findings: Finding[];
}

export type ExtractOutcome =
  { ok: true; plans: ExtractedPlan[] } | { ok: false; reason: 'no-table' | 'no-header' };

interface Draft {
  header: Header;
  titleLines: string[];
  rows: PlanRow[];
  findings: Finding[];
  totals: Totals | null;
  totalLocation: SourceLocation | null;
  /** a title was read after this draft's rows: the next header starts a new plan */
  titleAfterRows: boolean;
  seenMerges: Set<string>;
}

export const TOTAL = /^(tong|tong cong|tong diem|tong so diem|cong)$/;

export function extractPlans(blocks: readonly SourceBlock[]): ExtractOutcome {
  const plans: ExtractedPlan[] = [];
  let draft: Draft | null = null;
  let pendingTitle: string[] = [];
  let sawRow = false;
  let sawHeader = false;

  const close = () => {
    if (draft) plans.push(finish(draft));
    draft = null;
  };

  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind === 'break') {
      close();
      pendingTitle = [];
      continue;
    }
    if (block.kind === 'text') {
      const text = cleanTitle(block.text);
      if (text === '') continue;
      if (draft && draft.rows.length > 0) {
        if (!looksLikeTitle(text)) continue;
        draft.titleAfterRows = true;
      }
      pendingTitle.push(text);
      continue;
    }
    sawRow = true;
    if (isBlankRow(block.cells)) continue;
    const nextBlock = blocks[i + 1];
    const header = detectHeader(block.cells, nextBlock?.kind === 'row' ? nextBlock.cells : null);
    if (header) {
      sawHeader = true;
      const current: Draft | null = draft;
      if (!current || current.totals !== null || current.titleAfterRows) {
        close();
        draft = newDraft(header, pendingTitle);
        pendingTitle = [];
      }
      i += header.rows - 1;
      const after = blocks[i + 1];
      if (after?.kind === 'row' && isColumnNumberRow(after.cells)) i += 1;
      continue;
    }
    const single = singleText(block.cells);
    if (!draft) {
      // rows above the first header: a title typed into a (merged) cell
      if (single !== null) pendingTitle.push(cleanTitle(single));
      continue;
    }
    if (single !== null && draft.rows.length > 0 && looksLikeTitle(cleanTitle(single))) {
      draft.titleAfterRows = true;
      pendingTitle.push(cleanTitle(single));
      continue;
    }
    readRow(draft, block.cells, block.location);
  }
  close();
  if (!sawRow) return { ok: false, reason: 'no-table' };
  if (!sawHeader) return { ok: false, reason: 'no-header' };
  return { ok: true, plans };
}

/** The text of a row that holds one text only (possibly merged across the row), else null. */
export function singleText(cells: readonly SourceCell[]): string | null {
  if (cells.some((c) => c.number !== undefined)) return null;
  const texts = new Set(cells.map((c) => c.text.trim()).filter((t) => t !== ''));
  return texts.size === 1 ? [...texts][0]! : null;
}

function newDraft(header: Header, titleLines: string[]): Draft {
  return {
    header,
    titleLines,
    rows: [],
    findings: [],
    totals: null,
    totalLocation: null,
    titleAfterRows: false,
    seenMerges: new Set(),
  };
}

export function cleanTitle(text: string): string {
  return cleanLines(markupToText(text.replace(/\*\*/g, '\n').replace(/__/g, '\n')).text);
}

export function looksLikeTitle(text: string): boolean {
  if (/^phụ lục\b/iu.test(text)) return true;
  const letters = text.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '');
  return letters.length >= 15 && upper.length / letters.length > 0.8;
}

function cellAt(cells: readonly SourceCell[], header: Header, role: ColumnRole): SourceCell | undefined {
  const i = header.columns[role];
  return i === undefined ? undefined : cells[i];
}

function at(location: SourceLocation, header: Header, role: ColumnRole): SourceLocation {
  const i = header.columns[role];
  return i === undefined ? location : { ...location, column: i + 1 };
}

function readRow(draft: Draft, cells: readonly SourceCell[], location: SourceLocation): void {
  const { header } = draft;
  const text = (role: ColumnRole) => cellAt(cells, header, role)?.text ?? '';
  const codeCell = cellAt(cells, header, 'code');
  const codeText = codeCell
    ? codeCell.number !== undefined
      ? String(codeCell.number)
      : codeCell.text.trim()
    : '';
  const nameText = oneLine(text('name'));

  if (
    !parseCode(codeText).ok &&
    (TOTAL.test(oneLine(fold(codeText))) || TOTAL.test(oneLine(fold(nameText))))
  ) {
    draft.totals = {
      max: readScore(draft, cells, location, 'max'),
      baseline: readScore(draft, cells, location, 'baseline'),
      target: readScore(draft, cells, location, 'target'),
    };
    draft.totalLocation = location;
    return;
  }

  if (codeText === '') {
    readRowWithoutCode(draft, cells, location);
    return;
  }

  const code = readCode(draft, codeCell!, codeText, location);
  if (code === null) return;

  const row: PlanRow = {
    code: code.code,
    rawCode: codeText,
    name: plain(draft, cellAt(cells, header, 'name'), location, 'name', oneLine, code.code),
    max: readScore(draft, cells, location, 'max', code.code),
    baseline: readScore(draft, cells, location, 'baseline', code.code),
    target: readScore(draft, cells, location, 'target', code.code),
    task: plain(draft, cellAt(cells, header, 'task'), location, 'task', splitInlineBullets, code.code),
    leadUnits: plain(draft, cellAt(cells, header, 'lead'), location, 'lead', cleanLines, code.code),
    supportUnits: plain(draft, cellAt(cells, header, 'support'), location, 'support', cleanLines, code.code),
    deadline: plain(draft, cellAt(cells, header, 'deadline'), location, 'deadline', oneLine, code.code),
    location,
  };
  noteMerges(draft, cells, location);
  draft.rows.push(row);
}

function readCode(
  draft: Draft,
  cell: SourceCell,
  codeText: string,
  location: SourceLocation,
): { code: string } | null {
  const where = at(location, draft.header, 'code');
  return readCodeCell(cell, codeText, where, (c) => draft.rows.some((r) => r.code === c), draft.findings);
}

/**
 * A criterion code from its cell, findings pushed on `findings` (a framework's reader reads codes
 * the same way); `taken` tells whether a code was already read, for 1.10 stored as the number 1.1.
 */
export function readCodeCell(
  cell: SourceCell,
  codeText: string,
  where: SourceLocation,
  taken: (code: string) => boolean,
  findings: Finding[],
): { code: string } | null {
  if (cell.number !== undefined) {
    // a spreadsheet keeps 1.10 as the number 1.1: the format's decimals or the codes already read tell
    let text = cell.number.toFixed(Math.max(cell.decimals ?? 0, decimalsOf(cell.number)));
    let parsed = parseCode(text);
    if (parsed.ok && text.includes('.') && taken(parsed.code)) {
      text += '0';
      parsed = parseCode(text);
    }
    if (!parsed.ok) {
      findings.push(finding('malformed-code', 'error', null, where, { raw: codeText }));
      return null;
    }
    if (text.includes('.') && parsed.code !== String(cell.number)) {
      findings.push(
        finding('code-from-number', 'info', parsed.code, where, {
          number: String(cell.number),
          code: parsed.code,
        }),
      );
    }
    return { code: parsed.code };
  }
  const parsed = parseCode(codeText);
  if (!parsed.ok) {
    findings.push(finding('malformed-code', 'error', null, where, { raw: codeText }));
    return null;
  }
  if (parsed.fixes.length > 0) {
    findings.push(
      finding('code-normalised', 'info', parsed.code, where, {
        raw: codeText,
        code: parsed.code,
        fixes: parsed.fixes.join(','),
      }),
    );
  }
  return { code: parsed.code };
}

function decimalsOf(n: number): number {
  const s = String(n);
  const dot = s.indexOf('.');
  return dot === -1 ? 0 : s.length - dot - 1;
}

/** A row with no code: the rest of a row split across pages, or something to report and skip. */
function readRowWithoutCode(draft: Draft, cells: readonly SourceCell[], location: SourceLocation): void {
  const { header } = draft;
  const filled = (role: ColumnRole) => {
    const c = cellAt(cells, header, role);
    return c !== undefined && (c.text.trim() !== '' || c.number !== undefined);
  };
  const scoresOrName = (['name', 'max', 'baseline', 'target'] as const).some(filled);
  const previous = draft.rows[draft.rows.length - 1];
  if (!scoresOrName && previous && (filled('task') || filled('lead') || filled('support'))) {
    const join = (a: string, b: string) => [a, b].filter((s) => s !== '').join('\n');
    previous.task = join(
      previous.task,
      plain(draft, cellAt(cells, header, 'task'), location, 'task', splitInlineBullets),
    );
    previous.leadUnits = join(
      previous.leadUnits,
      plain(draft, cellAt(cells, header, 'lead'), location, 'lead', cleanLines),
    );
    previous.supportUnits = join(
      previous.supportUnits,
      plain(draft, cellAt(cells, header, 'support'), location, 'support', cleanLines),
    );
    draft.findings.push(finding('row-continued', 'info', previous.code, location, { code: previous.code }));
    return;
  }
  const shown = oneLine(cells.map((c) => c.text).join(' ')).slice(0, 80);
  draft.findings.push(finding('row-without-code', 'warning', null, location, { text: shown }));
}

function plain(
  draft: Draft,
  cell: SourceCell | undefined,
  location: SourceLocation,
  role: ColumnRole,
  shape: (text: string) => string,
  code: string | null = null,
): string {
  return plainCell(cell, at(location, draft.header, role), shape, code, draft.findings);
}

/** A text cell as plain text in `shape`; markup taken out is reported on `findings`. */
export function plainCell(
  cell: SourceCell | undefined,
  where: SourceLocation,
  shape: (text: string) => string,
  code: string | null,
  findings: Finding[],
): string {
  if (!cell) return '';
  const raw = cell.number !== undefined && cell.text === '' ? String(cell.number) : cell.text;
  const { text, tags } = markupToText(raw);
  const markup = [...new Set([...(cell.markup ?? []), ...tags])];
  if (markup.length > 0) {
    findings.push(
      finding('markup-in-cell', 'info', code, where, {
        tags: markup.map((t) => `<${t}>`).join(' '),
      }),
    );
  }
  return shape(text);
}

function readScore(
  draft: Draft,
  cells: readonly SourceCell[],
  location: SourceLocation,
  field: ScoreField,
  code: string | null = null,
): Score | null {
  const cell = cellAt(cells, draft.header, field);
  if (!cell) return null;
  return readScoreCell(cell, at(location, draft.header, field), field, code, draft.findings);
}

/** A score from its cell (a number, or Vietnamese text); a finding on `findings` when it is neither. */
export function readScoreCell(
  cell: SourceCell,
  where: SourceLocation,
  field: ScoreField,
  code: string | null,
  findings: Finding[],
): Score | null {
  if (cell.number !== undefined) return scoreFromNumber(cell.number, cell.decimals);
  const parsed = parseScore(markupToText(cell.text).text);
  if (parsed.ok) return parsed.score;
  findings.push(
    finding(
      parsed.reason === 'too-many-decimals' ? 'too-many-decimals' : 'invalid-number',
      'error',
      code,
      where,
      {
        field,
        text: oneLine(cell.text).slice(0, 40),
      },
    ),
  );
  return null;
}

function noteMerges(draft: Draft, cells: readonly SourceCell[], location: SourceLocation): void {
  cells.forEach((cell, i) => {
    if (!cell.mergedFrom || cell.text.trim() === '') return;
    const key = JSON.stringify(cell.mergedFrom);
    if (draft.seenMerges.has(key)) return;
    draft.seenMerges.add(key);
    draft.findings.push(
      finding(
        'merged-cell',
        'info',
        null,
        { ...location, column: i + 1 },
        { text: oneLine(cell.text).slice(0, 60) },
      ),
    );
  });
}

export function finding(
  rule: Finding['rule'],
  severity: Finding['severity'],
  code: string | null,
  location: SourceLocation | null,
  params: Finding['params'],
): Finding {
  return { rule, severity, code, location, params };
}

function finish(draft: Draft): ExtractedPlan {
  const lines = draft.titleLines
    .flatMap((t) => t.split('\n'))
    .map((l) => l.trim())
    .filter(Boolean);
  const label = lines.find((l) => /^phụ lục\b/iu.test(l)) ?? null;
  const subtitle = lines.find((l) => /^\(|^(ban hành )?kèm theo\b/iu.test(l)) ?? null;
  const titleParts = lines.filter((l) => l !== label && l !== subtitle);
  // "PHỤ LỤC NHIỆM VỤ…" on one line: the label is its first words
  let title = titleParts.join(' ') || null;
  let labelText = label;
  if (label && titleParts.length === 0) {
    const m = /^(phụ lục(?:\s+[\dIVXLivxl]+)?)\s*[:.\-–]?\s+(.+)$/iu.exec(label);
    if (m) {
      labelText = m[1]!;
      title = m[2]!;
    }
  }
  const subject = findSubject([title, subtitle, labelText]);
  const findings = [...draft.findings];
  const year = draft.header.targetYear ?? findYear(title) ?? findYear(subtitle);
  let baselineYear = draft.header.baselineYear;
  if (baselineYear === null && year !== null) {
    baselineYear = year - 1;
    findings.push(finding('year-assumed', 'info', null, null, { year: baselineYear }));
  }
  if (!subject) findings.push(finding('subject-unknown', 'error', null, null, {}));
  if (year === null) findings.push(finding('year-unknown', 'error', null, null, {}));
  const missing: [ColumnRole, string, string][] = [
    ['baseline', 'điểm đạt được', 'baseline'],
    ['target', 'mục tiêu', 'target'],
    ['task', 'nhiệm vụ/giải pháp', 'task'],
    ['lead', 'đơn vị chủ trì', 'lead unit'],
  ];
  for (const [role, vi, en] of missing) {
    if (draft.header.columns[role] === undefined) {
      findings.push(finding('missing-column', 'warning', null, null, { column: vi, columnEn: en }));
    }
  }
  const columns: PlanDocument['columns'] = {};
  for (const [role, index] of Object.entries(draft.header.columns) as [HeaderRole, number][]) {
    if (isPlanRole(role)) columns[role] = index + 1;
  }
  return {
    subject,
    findings,
    plan: {
      label: labelText,
      title,
      subtitle,
      subject: subject?.name ?? null,
      year,
      baselineYear,
      rows: draft.rows,
      statedTotals: draft.totals,
      totalLocation: draft.totalLocation,
      columns,
    },
  };
}
