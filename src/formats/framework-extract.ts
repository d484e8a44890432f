/**
 * Recognises criteria frameworks in a source stream, as extract.ts recognises plans: the title
 * lines above the table, the header found by its column titles (STT | Tiêu chí | Điểm tối đa |
 * Cách tính điểm | Tài liệu kiểm chứng, any order and wording), then one row per criterion. A new
 * framework starts at a title after rows or on a new worksheet. Rows without a code continue the
 * criterion above: documents list a method's options on rows of their own ("- Ban hành kịp thời" |
 * 1), which join its method text as "Ban hành kịp thời: 1 điểm".
 */
import type { Finding, SourceLocation } from '../core/findings.js';
import { fold, oneLine, cleanLines } from '../core/text.js';
import { formatScore, type Score } from '../core/score.js';
import {
  cleanTitle,
  finding,
  looksLikeTitle,
  plainCell,
  readCodeCell,
  readScoreCell,
  singleText,
  TOTAL,
} from './extract.js';
import { detectHeader, isColumnNumberRow, type Header, type HeaderRole } from './header.js';
import { isBlankRow, type SourceBlock, type SourceCell } from './source.js';

export interface FrameworkRow {
  code: string;
  rawCode: string;
  name: string;
  max: Score | null;
  method: string;
  evidence: string;
  followedBy: string;
  /** the "Hình thức đánh giá" cell as written */
  scorer: string;
  location: SourceLocation;
  /** 1-based column of the method, to point a finding at its cell */
  methodColumn: number | null;
}

export interface ExtractedFramework {
  header: Header;
  /** lines above the table (title, "Ban hành kèm theo Quyết định số …") */
  titleLines: string[];
  rows: FrameworkRow[];
  /** the "Tổng" row's max, when there is one */
  statedTotal: Score | null;
  findings: Finding[];
}

export type FrameworkExtractOutcome =
  { ok: true; frameworks: ExtractedFramework[] } | { ok: false; reason: 'no-table' | 'no-header' };

interface Draft extends ExtractedFramework {
  titleAfterRows: boolean;
}

export function extractFrameworks(blocks: readonly SourceBlock[]): FrameworkExtractOutcome {
  const frameworks: ExtractedFramework[] = [];
  let draft: Draft | null = null;
  let pendingTitle: string[] = [];
  let sawRow = false;
  let sawHeader = false;

  const close = () => {
    if (draft) {
      const { titleAfterRows: _ignored, ...done } = draft;
      frameworks.push(done);
    }
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
    const header = detectHeader(block.cells, nextBlock?.kind === 'row' ? nextBlock.cells : null, 'framework');
    if (header) {
      sawHeader = true;
      const current: Draft | null = draft;
      if (!current || current.titleAfterRows) {
        close();
        draft = {
          header,
          titleLines: pendingTitle,
          rows: [],
          statedTotal: null,
          findings: [],
          titleAfterRows: false,
        };
        pendingTitle = [];
      }
      i += header.rows - 1;
      const after = blocks[i + 1];
      if (after?.kind === 'row' && isColumnNumberRow(after.cells)) i += 1;
      continue;
    }
    const single = singleText(block.cells);
    if (!draft) {
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
  return { ok: true, frameworks };
}

function cellAt(cells: readonly SourceCell[], header: Header, role: HeaderRole): SourceCell | undefined {
  const i = header.columns[role];
  return i === undefined ? undefined : cells[i];
}

function at(location: SourceLocation, header: Header, role: HeaderRole): SourceLocation {
  const i = header.columns[role];
  return i === undefined ? location : { ...location, column: i + 1 };
}

function codeTextOf(cell: SourceCell | undefined): string {
  if (!cell) return '';
  return cell.number !== undefined ? String(cell.number) : cell.text.trim();
}

/** "a)", "-", "+", "•": a marker of a line under the criterion above, not a code. */
const SUB_MARKER = /^([a-zđ][).]|[-+•*–])$/iu;

function readRow(draft: Draft, cells: readonly SourceCell[], location: SourceLocation): void {
  const { header, findings } = draft;
  const text = (role: HeaderRole, shape: (t: string) => string, code: string | null) =>
    plainCell(cellAt(cells, header, role), at(location, header, role), shape, code, findings);
  const codeCell = cellAt(cells, header, 'code');
  const codeText = codeTextOf(codeCell);
  const nameText = oneLine(cellAt(cells, header, 'name')?.text ?? '');

  if (TOTAL.test(oneLine(fold(codeText))) || (codeText === '' && TOTAL.test(oneLine(fold(nameText))))) {
    const maxCell = cellAt(cells, header, 'max');
    draft.statedTotal = maxCell
      ? readScoreCell(maxCell, at(location, header, 'max'), 'max', null, findings)
      : null;
    return;
  }
  if (codeText === '' || SUB_MARKER.test(codeText)) {
    continueRow(draft, cells, location, codeText);
    return;
  }
  const code = readCodeCell(
    codeCell!,
    codeText,
    at(location, header, 'code'),
    (c) => draft.rows.some((r) => r.code === c),
    findings,
  );
  if (code === null) return;
  const maxCell = cellAt(cells, header, 'max');
  draft.rows.push({
    code: code.code,
    rawCode: codeText,
    name: text('name', oneLine, code.code),
    max: maxCell ? readScoreCell(maxCell, at(location, header, 'max'), 'max', code.code, findings) : null,
    method: text('method', cleanLines, code.code),
    evidence: text('evidence', cleanLines, code.code),
    followedBy: text('followedBy', cleanLines, code.code),
    scorer: text('scorer', oneLine, code.code),
    location,
    methodColumn: header.columns.method === undefined ? null : header.columns.method + 1,
  });
}

/**
 * A row without a code: an option or part of the criterion above, written on its own row. Its name
 * and points become a line of the method ("Ban hành kịp thời: 1 điểm"), its method and evidence
 * cells join the criterion's.
 */
function continueRow(
  draft: Draft,
  cells: readonly SourceCell[],
  location: SourceLocation,
  marker: string,
): void {
  const { header, findings } = draft;
  const previous = draft.rows[draft.rows.length - 1];
  const text = (role: HeaderRole, shape: (t: string) => string) =>
    plainCell(
      cellAt(cells, header, role),
      at(location, header, role),
      shape,
      previous?.code ?? null,
      findings,
    );
  const name = text('name', oneLine).replace(/^[-+•*–]\s*/u, '');
  const method = text('method', cleanLines);
  const evidence = text('evidence', cleanLines);
  const maxCell = cellAt(cells, header, 'max');
  const points =
    maxCell && (maxCell.number !== undefined || maxCell.text.trim() !== '')
      ? readScoreCell(maxCell, at(location, header, 'max'), 'max', previous?.code ?? null, findings)
      : null;
  if (!previous || (name === '' && method === '' && evidence === '')) {
    if (name !== '' || method !== '') {
      const shown = oneLine(cells.map((c) => c.text).join(' ')).slice(0, 80);
      findings.push(finding('row-without-code', 'warning', null, location, { text: shown }));
    }
    return;
  }
  const label = [marker && !/^[-+•*–]$/u.test(marker) ? marker : '', name].filter(Boolean).join(' ');
  const line = points !== null && label !== '' ? `${label}: ${formatScore(points)} điểm` : label;
  const join = (a: string, b: string) => [a, b].filter((s) => s !== '').join('\n');
  previous.method = join(join(previous.method, line), method);
  previous.evidence = join(previous.evidence, evidence);
  findings.push(finding('row-continued', 'info', previous.code, location, { code: previous.code }));
}
