/**
 * A plan as the domain sees it, whatever it was read from: the appendix of an improvement plan with
 * one row per criterion. Readers produce it, the checker inspects it, the store keeps it and the
 * writers print it.
 */
import type { ScoreField, SourceLocation } from './findings.js';
import type { Score } from './score.js';

export interface PlanRow {
  /** normalised dotted code: "2.3" */
  code: string;
  /** the code as the document wrote it: "2,3" */
  rawCode: string;
  name: string;
  max: Score | null;
  baseline: Score | null;
  target: Score | null;
  /** tasks / solutions, plain text; list items become lines starting with "- " */
  task: string;
  /** the lead-unit cell as written (plain text, one unit per line or separated by ";") */
  leadUnits: string;
  supportUnits: string;
  deadline: string;
  location: SourceLocation | null;
}

export type ColumnRole =
  'code' | 'name' | 'max' | 'baseline' | 'target' | 'task' | 'lead' | 'support' | 'deadline' | 'note';

export interface Totals {
  max: Score | null;
  baseline: Score | null;
  target: Score | null;
}

export interface PlanDocument {
  /** "PHỤ LỤC", "Phụ lục II" */
  label: string | null;
  title: string | null;
  /** "(Ban hành kèm theo Kế hoạch số …)" */
  subtitle: string | null;
  /** the unit whose plan this is: "Tỉnh Đắk Nông" */
  subject: string | null;
  year: number | null;
  baselineYear: number | null;
  rows: PlanRow[];
  /** the "TỔNG ĐIỂM" row, when the document has one */
  statedTotals: Totals | null;
  totalLocation: SourceLocation | null;
  /** 1-based column of each role in the source table, to point findings at a cell */
  columns: Partial<Record<ColumnRole, number>>;
}

export const SCORE_FIELDS: readonly ScoreField[] = ['max', 'baseline', 'target'];

export function cellLocation(
  doc: Pick<PlanDocument, 'columns'>,
  at: SourceLocation | null,
  role: ColumnRole,
): SourceLocation | null {
  if (!at) return null;
  const column = doc.columns[role];
  return column === undefined ? at : { ...at, column };
}
