/**
 * What every reader turns a file into before the plan is recognised: a stream of table rows and
 * free text (titles, notes), each with where it came from. Recognising headers, documents and rows
 * happens once for all formats, in extract.ts.
 */
import type { SourceLocation } from '../core/findings.js';

export interface SourceCell {
  /** the text shown, after markup is turned into plain lines */
  text: string;
  /** spreadsheets store numbers as numbers */
  number?: number;
  /** decimals the cell's number format shows ("0.00" → 2) */
  decimals?: number;
  /** HTML tags found in the cell's text (removed from `text`) */
  markup?: string[];
  /** the value comes from a merged cell whose first cell is elsewhere */
  mergedFrom?: SourceLocation;
}

export type SourceBlock =
  | { kind: 'row'; cells: SourceCell[]; location: SourceLocation }
  | { kind: 'text'; text: string; location: SourceLocation }
  /** a new worksheet: a document never continues across it */
  | { kind: 'break' };

export type SourceFormat = 'text' | 'csv' | 'xlsx' | 'docx';

export function cellText(cell: SourceCell | undefined): string {
  return cell?.text ?? '';
}

export function isBlankRow(cells: readonly SourceCell[]): boolean {
  return cells.every((c) => c.text.trim() === '' && c.number === undefined);
}
