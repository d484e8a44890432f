/**
 * An answers sheet as CSV (`code,answer` rows, for `parindex framework score`): decoded as every text
 * file is (UTF-8 or UTF-16 with a BOM, nothing binary), parsed by csv-parse with the comma as the
 * only delimiter — an answer lists parts with ";" — within the readers' limits of rows and columns.
 */
import type { SheetRow } from '../core/answer-sheet.js';
import { ReadLimitError, type ReadFailure } from './errors.js';
import { decodeText, readCsv } from './text-read.js';

export type AnswerCsv =
  | { ok: true; rows: SheetRow[] }
  | { ok: false; failure: ReadFailure }
  /** a quote opened and never closed: the line where the parsing gave up */
  | { ok: false; unclosedQuote: number | null };

export function readAnswerCsv(bytes: Uint8Array): AnswerCsv {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  try {
    const rows = readCsv(decoded.text, ',').flatMap((block): SheetRow[] => {
      if (block.kind === 'break') return [];
      const line = block.location.line ?? 0;
      return [{ line, cells: block.kind === 'row' ? block.cells.map((c) => c.text) : [block.text] }];
    });
    return { ok: true, rows };
  } catch (error) {
    if (error instanceof ReadLimitError) return { ok: false, failure: { code: 'over-limit', limit: error.limit } };
    const lines = (error as { lines?: unknown }).lines;
    return { ok: false, unclosedQuote: typeof lines === 'number' ? lines : null };
  }
}
